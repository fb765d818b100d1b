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


def visit(paths: list[str], new_tab, check, *, tabs: int = 4, reuse: bool = False) -> dict:
    """check(tab, path) for each page of `paths`, opened as open_page opens it in a tab of its own
    (new_tab(), closed once checked), or, with `reuse`, in the next free one of `tabs` tabs.
    `tabs` pages load at once: most of a page's time is waiting (its load, then half a second of
    quiet network), and the tabs wait side by side."""
    waiting = list(paths)
    loading = {}  # tab → its page, in the order they were opened
    results = {}
    free = [new_tab() for _ in range(min(tabs, len(paths)))] if reuse else []
    every = list(free)

    def open_next() -> None:
        if waiting:
            tab = free.pop() if reuse else new_tab()
            loading[tab] = waiting.pop(0)
            tab.goto(loading[tab], wait_until="commit")  # settle() below waits for the rest

    try:
        for _ in range(tabs):
            open_next()
        while loading:
            tab = next(iter(loading))
            path = loading.pop(tab)
            try:
                settle(tab)
                results[path] = check(tab, path)
            finally:
                if reuse:
                    free.append(tab)
                else:
                    tab.close()
            open_next()  # loads while the other tabs are checked
    finally:
        for tab in every if reuse else loading:
            tab.close()
    return {path: results[path] for path in paths}


def show_interactive_maps(page) -> None:
    """Maps open as a drawing; Leaflet comes when the reader asks (or scrolls to the map).
    Ask, as a reader would, and wait for every interactive map of the page."""
    # the button goes away as soon as the map loads (also when it scrolls into view): press it
    # in the page, where it is, rather than wait for it to hold still
    page.evaluate("""() => document.querySelectorAll('button.cdv-carte__activer:not([hidden])')
                              .forEach(b => b.isConnected && b.click())""")
    page.locator(".leaflet-container").first.wait_for()
