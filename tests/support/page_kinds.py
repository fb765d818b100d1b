"""One page of each kind the site has, for the browser checks (accessibility, privacy, print)."""

from __future__ import annotations

PAGE_KINDS = {
    "accueil": "",
    "liste des quartiers": "quartiers/",
    "quartier": "quartiers/regain/",
    "enjeux": "enjeux/",
    "enjeu": "enjeux/attentifs/",
    "orientation": "orientations/acces-droits-soins-services/",
    "objectif": "objectifs/acces-retour-emploi/",
    "matrice": "matrice/",
    "page de la convention": "convention/preambule/",
    "notes de transcription": "convention/notes-de-transcription/",
    "glossaire": "glossaire/",
    "avancement": "avancement/",
    "référentiel d'impacts": "referentiel-d-impacts/",
    "bilans annuels": "bilans/",
    "bilan d'une année": "bilans/2024/",
    "comités": "instances/",
    "données ouvertes": "donnees/",
    "plan du site": "plan-du-site/",
    "version imprimable": "version-imprimable/",
    "version imprimable, fin": "version-imprimable/fin/",
    "déclaration d'accessibilité": "accessibilite/",
    "mentions légales": "mentions-legales/",
    "données personnelles": "donnees-personnelles/",
    "page introuvable": "cette-page-n-existe-pas/",
}


def open_page(page, path: str) -> None:
    page.goto(path)
    settle(page)


def settle(page) -> None:
    """Wait for the page being opened (by open_page, or a goto(…, wait_until="commit"))."""
    page.wait_for_load_state("load")
    # maps and search load after the page: check the page as the reader gets it
    page.wait_for_load_state("networkidle")


def show_interactive_maps(page) -> None:
    """Maps open as a drawing; Leaflet comes when the reader asks (or scrolls to the map).
    Ask, as a reader would, and wait for every interactive map of the page."""
    # the button goes away as soon as the map loads (also when it scrolls into view): press it
    # in the page, where it is, rather than wait for it to hold still
    page.evaluate("""() => document.querySelectorAll('button.cdv-carte__activer:not([hidden])')
                              .forEach(b => b.isConnected && b.click())""")
    page.locator(".leaflet-container").first.wait_for()
