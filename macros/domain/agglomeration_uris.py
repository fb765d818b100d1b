"""Addresses of the agglomeration site (AGGLO_SPEC), and where a single commune's addresses go.

Every address is relative to the site's root, written like the lines of content/adresses.txt
(`./` for the home page, a trailing « / » for a page, `#…` for an anchor). Pages, exports,
redirects and the address list all ask here, so that one rule gives one address.

A commune's actions need its id in their anchors: two communes may commit actions with the
same id to a shared quartier (`#<c>--action-<a>`, `#<c>--<q>--<a>`).
"""

from __future__ import annotations

# Quartier, objectif, enjeu and orientation pages keep the paths of a commune's site: one rule.
from macros.domain.uris import NOTES_URI, PRINT_END_URI, PRINT_URI, enjeu_uri, objectif_uri, orientation_uri, page_url, quartier_uri

HOME = "./"
SEPARATOR = "--"  # between the parts of an anchor, as in the single-commune site

# Pages across the agglomeration (same paths as in a commune's site).
ENJEUX = "enjeux/"
MATRICE = "matrice/"
STATISTIQUES = "statistiques/"
AVANCEMENT = "avancement/"
HISTORIQUE = "historique/"
FEED = "historique.xml"
GLOSSAIRE = "glossaire/"
DONNEES = "donnees/"
PLAN_DU_SITE = "plan-du-site/"
QUARTIERS = "quartiers/"
COMMUNES = "communes/"

VERSION_IMPRIMABLE = page_url(PRINT_URI)

# A commune's own pages in its former site that become its pages under communes/<c>/. Its
# printable version is one page there: the parts it loads include the end of the document.
_NARRATIVE_PREFIX = "convention/"
_PER_COMMUNE = {AVANCEMENT: "avancement/", HISTORIQUE: "historique/", FEED: "historique.xml", STATISTIQUES: "statistiques/",
                VERSION_IMPRIMABLE: VERSION_IMPRIMABLE, page_url(PRINT_END_URI): VERSION_IMPRIMABLE}
# the single-commune site's notes page, convention/<stem>/: a narrative page's address
NOTES_STEM = page_url(NOTES_URI).removeprefix(_NARRATIVE_PREFIX).removesuffix("/")
# Names a commune's narrative page (pages/<stem>.md) cannot take: its address would be one of
# these pages' (convention/<stem>/ in its own site, communes/<c>/<stem>/ in the agglomeration's).
RESERVED_PAGE_STEMS = tuple(sorted({NOTES_STEM} | {page.rstrip("/") for page in _PER_COMMUNE.values() if page.endswith("/")}))
_ACTION_ANCHOR = "action-"


def commune(commune_id: str) -> str:
    """The commune's convention: préambule, édito, signature, pilotage, its quartiers."""
    return f"{COMMUNES}{commune_id}/"


def commune_page(commune_id: str, stem: str) -> str:
    """A narrative page of the commune (content/pages/<stem>.md of its folder)."""
    return f"{commune(commune_id)}{stem}/"


def commune_avancement(commune_id: str) -> str:
    return commune(commune_id) + _PER_COMMUNE[AVANCEMENT]


def commune_statistiques(commune_id: str) -> str:
    """The comparison of the commune's quartiers (where they have figures)."""
    return commune(commune_id) + _PER_COMMUNE[STATISTIQUES]


def commune_historique(commune_id: str) -> str:
    return commune(commune_id) + _PER_COMMUNE[HISTORIQUE]


def commune_feed(commune_id: str) -> str:
    return commune(commune_id) + _PER_COMMUNE[FEED]


def commune_notes(commune_id: str) -> str:
    """The notes de transcription of the commune's convention (where it has corrections)."""
    return commune_page(commune_id, NOTES_STEM)


def commune_imprimable(commune_id: str) -> str:
    """The commune's convention to print, in the document's order."""
    return commune(commune_id) + _PER_COMMUNE[VERSION_IMPRIMABLE]


def commune_matrice(commune_id: str) -> str:
    return f"{commune(commune_id)}matrice/"


def quartier(quartier_id: str) -> str:
    return page_url(quartier_uri(quartier_id))


def action_anchor(commune_id: str, action_id: str) -> str:
    """An action's anchor on its quartier's page (without « # »)."""
    return f"{commune_id}{SEPARATOR}{_ACTION_ANCHOR}{action_id}"


def action(commune_id: str, quartier_id: str, action_id: str) -> str:
    return f"{quartier(quartier_id)}#{action_anchor(commune_id, action_id)}"


def objectif(objectif_id: str) -> str:
    return page_url(objectif_uri(objectif_id))


def objectif_action_anchor(commune_id: str, quartier_id: str, action_id: str) -> str:
    """An action's anchor on its objectif's page (without « # »)."""
    return f"{commune_id}{SEPARATOR}{quartier_id}{SEPARATOR}{action_id}"


def action_in_objectif(objectif_id: str, commune_id: str, quartier_id: str, action_id: str) -> str:
    return f"{objectif(objectif_id)}#{objectif_action_anchor(commune_id, quartier_id, action_id)}"


def enjeu(enjeu_id: str) -> str:
    return page_url(enjeu_uri(enjeu_id))


def orientation(orientation_id: str) -> str:
    return page_url(orientation_uri(orientation_id))


def source_uri(address: str) -> str:
    """The MkDocs source path of a page address: `communes/x/` → `communes/x.md`, `./` → `index.md`."""
    page = address.partition("#")[0]
    if page in (HOME, ""):
        return "index.md"
    if not page.endswith("/"):
        raise ValueError(f"« {address} » n'est pas l'adresse d'une page")
    return page.removesuffix("/") + ".md"


def absolute(site_url: str | None, address: str) -> str:
    """The address from the site's public root (the relative address when it is not known)."""
    if not site_url:
        return address
    base = site_url.rstrip("/") + "/"
    return base if address == HOME else base + address


def from_commune_site(commune_id: str, address: str) -> str:
    """A single-commune site's address (a line of its adresses.txt) → the agglomeration site's.

    `./` → `communes/<c>/` ; `convention/<stem>/` → `communes/<c>/<stem>/` ;
    `quartiers/<q>/#action-<a>` → `quartiers/<q>/#<c>--action-<a>` ;
    `objectifs/<o>/#<q>--<a>` → `objectifs/<o>/#<c>--<q>--<a>` ;
    `avancement/`, `historique/`, `historique.xml`, `statistiques/` → under `communes/<c>/` ;
    `version-imprimable/` and `version-imprimable/fin/` → `communes/<c>/version-imprimable/` ;
    any other address keeps its path (and its anchor).
    """
    page, hashed, anchor = address.partition("#")
    if page in (HOME, ""):
        page = commune(commune_id)
    elif page in _PER_COMMUNE:
        page = commune(commune_id) + _PER_COMMUNE[page]
    elif page.startswith(_NARRATIVE_PREFIX) and page.count("/") == 2 and page.endswith("/"):
        page = commune_page(commune_id, page[len(_NARRATIVE_PREFIX):-1])
    if hashed and anchor:
        anchor = _anchor(commune_id, page, anchor)
    return page + (f"#{anchor}" if hashed else "")


def _anchor(commune_id: str, page: str, anchor: str) -> str:
    """Anchors that name an action get the commune's id; the others (sections) stay."""
    parts = page.split("/")
    if parts[0] == QUARTIERS.rstrip("/") and len(parts) == 3 and anchor.startswith(_ACTION_ANCHOR):
        return f"{commune_id}{SEPARATOR}{anchor}"
    if parts[0] == "objectifs" and len(parts) >= 3 and SEPARATOR in anchor:
        return f"{commune_id}{SEPARATOR}{anchor}"
    return anchor
