"""Every address of a site, in one place: source URIs from stable identifiers, never titles.

A site publishes one commune's convention, or the conventions of every commune of an
agglomeration. The two differ in two things only, and an AddressScheme says which: where a
commune's own pages live (the site's root, or `communes/<c>/`), and whether an action's anchor
names its commune (two communes may commit actions with the same id to a shared quartier).
The reader picks the scheme once, with the content folder (reading/site.py).

Low in the house: pages, history, exports, redirects and the address list all ask here.
Source URIs (`quartiers/regain.md`) name pages for MkDocs; addresses (`quartiers/regain/`,
`./` for the home page) are written like the lines of content/adresses.txt.
"""

from __future__ import annotations

import posixpath

HOME = "./"
SEPARATOR = "--"  # between the parts of an anchor
ACTION_ANCHOR = "action-"

HOME_URI = "index.md"
QUARTIERS_URI = "quartiers/index.md"
ENJEUX_URI = "enjeux/index.md"
MATRIX_URI = "matrice.md"
STATISTICS_URI = "statistiques.md"
AVANCEMENT_URI = "avancement.md"
DONNEES_URI = "donnees/index.md"  # the export files sit beside it, in donnees/
GLOSSARY_URI = "glossaire.md"
SITE_MAP_URI = "plan-du-site.md"
HISTORY_URI = "historique.md"
FEED_PATH = "historique.xml"
NOTES_URI = "convention/notes-de-transcription.md"
PRINT_URI = "version-imprimable.md"
PRINT_END_URI = "version-imprimable/fin.md"
COMMUNES_URI = "communes/index.md"
NARRATIVE_FOLDER = "convention"
EVALUATION_URI = "referentiel-d-impacts.md"
INSTANCES_URI = "instances.md"
BILANS_URI = "bilans/index.md"


def bilan_uri(year: int) -> str:
    return f"bilans/{year}.md"


_EVALUATION_PAGES = {"referentiel-d-impacts/", "instances/", "bilans/"}  # page_url of the three pages above


def quartier_uri(quartier_id: str) -> str:
    return f"quartiers/{quartier_id}.md"


def objectif_uri(objectif_id: str) -> str:
    return f"objectifs/{objectif_id}.md"


def orientation_uri(orientation_id: str) -> str:
    return f"orientations/{orientation_id}.md"


def enjeu_uri(enjeu_id: str) -> str:
    return f"enjeux/{enjeu_id}.md"


def narrative_uri(page_id: str) -> str:
    return f"{NARRATIVE_FOLDER}/{page_id}.md"


def page_url(src_uri: str) -> str:
    """A page's address from the site root, as MkDocs writes it (directory URLs): `quartiers/regain/`."""
    path = src_uri.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        return path.removesuffix("index")
    return path + "/"


def address(src_uri: str, anchor: str | None = None) -> str:
    """A page's address as content/adresses.txt writes it (`./` for the home page), with its anchor."""
    return (page_url(src_uri) or HOME) + (f"#{anchor}" if anchor else "")


def url_between(here: str, target: str, anchor: str | None = None) -> str:
    """Relative address from page `here` to page `target` (src URIs), for HTML written by code;
    Markdown links go through render.relative_link, where MkDocs checks them."""
    path = posixpath.relpath(page_url(target) or ".", page_url(here) or ".")
    result = "./" if path == "." else path + "/"
    return result + (f"#{anchor}" if anchor else "")


def absolute(site_url: str | None, page_address: str) -> str:
    """The address from the site's public root (the relative address when it is not known)."""
    if not site_url:
        return page_address
    base = site_url.rstrip("/") + "/"
    return base if page_address == HOME else base + page_address


# --- a commune's own pages: where each scheme puts them ------------------------------------

# A commune's pages that an agglomeration's site gives each commune under communes/<c>/, by
# their source URI in a commune's own site. Its printable version is one page there: the
# parts it loads include the end of the document.
_PER_COMMUNE = {
    HOME_URI: "index.md",
    AVANCEMENT_URI: "avancement.md",
    HISTORY_URI: "historique.md",
    FEED_PATH: "historique.xml",
    STATISTICS_URI: "statistiques.md",
    PRINT_URI: "version-imprimable.md",
    PRINT_END_URI: "version-imprimable.md",
}
NOTES_STEM = NOTES_URI.removeprefix(NARRATIVE_FOLDER + "/").removesuffix(".md")
# Names a commune's narrative page (pages/<stem>.md) cannot take: its address would be one of
# these pages' (convention/<stem>/ in its own site, communes/<c>/<stem>/ in the agglomeration's).
RESERVED_PAGE_STEMS = tuple(
    sorted({NOTES_STEM} | {uri.removesuffix(".md") for uri in _PER_COMMUNE.values() if uri.endswith(".md")} - {"index"})
)


class AddressScheme:
    """Where one commune's pages and actions are. `separate_communes`: each commune has its own
    pages under communes/<c>/ (an agglomeration's site); otherwise the site is the commune's.
    Only Site.own and the _KINDS table of rendering/pages.py read it: callers ask those."""

    separate_communes: bool

    def commune_page(self, commune_id: str, own_uri: str) -> str:
        """The source URI of a commune's page, from its URI in a commune's own site (HOME_URI, HISTORY_URI…)."""
        raise NotImplementedError

    def anchor_prefix(self, commune_id: str) -> str:
        """What the anchors of a commune's items start with on pages shared by communes."""
        raise NotImplementedError

    def commune_home(self, commune_id: str) -> str:
        return self.commune_page(commune_id, HOME_URI)

    def narrative(self, commune_id: str, page_id: str) -> str:
        return self.commune_page(commune_id, narrative_uri(page_id))

    def notes(self, commune_id: str) -> str:
        return self.commune_page(commune_id, NOTES_URI)

    def printable(self, commune_id: str) -> str:
        return self.commune_page(commune_id, PRINT_URI)

    def avancement(self, commune_id: str) -> str:
        return self.commune_page(commune_id, AVANCEMENT_URI)

    def history(self, commune_id: str) -> str:
        return self.commune_page(commune_id, HISTORY_URI)

    def feed(self, commune_id: str) -> str:
        return self.commune_page(commune_id, FEED_PATH)

    def statistics(self, commune_id: str) -> str:
        return self.commune_page(commune_id, STATISTICS_URI)

    def action_anchor(self, commune_id: str, action_id: str) -> str:
        """An action's anchor on its quartier's page (without « # »)."""
        return f"{self.anchor_prefix(commune_id)}{ACTION_ANCHOR}{action_id}"

    def objectif_action_anchor(self, commune_id: str, quartier_id: str, action_id: str) -> str:
        """An action's anchor on its objectif's page (without « # »)."""
        return f"{self.anchor_prefix(commune_id)}{quartier_id}{SEPARATOR}{action_id}"

    def action(self, commune_id: str, quartier_id: str, action_id: str) -> str:
        return address(quartier_uri(quartier_id), self.action_anchor(commune_id, action_id))

    def action_in_objectif(self, commune_id: str, objectif_id: str, quartier_id: str, action_id: str) -> str:
        return address(objectif_uri(objectif_id), self.objectif_action_anchor(commune_id, quartier_id, action_id))

    def moved(self, commune_id: str, published: str) -> str:
        """Where an address of the commune's own site (a line of its adresses.txt) is on this site."""
        raise NotImplementedError


class CommuneSite(AddressScheme):
    """One commune's site: its pages are the site's, its actions' anchors do not name it."""

    separate_communes = False

    def commune_page(self, commune_id: str, own_uri: str) -> str:
        return own_uri

    def anchor_prefix(self, commune_id: str) -> str:
        return ""

    def moved(self, commune_id: str, published: str) -> str:
        return published


class AgglomerationSite(AddressScheme):
    """Every commune of an agglomeration: each commune's pages under communes/<c>/, its id in its actions' anchors."""

    separate_communes = True

    def commune_page(self, commune_id: str, own_uri: str) -> str:
        folder = f"communes/{commune_id}/"
        if own_uri in _PER_COMMUNE:
            return folder + _PER_COMMUNE[own_uri]
        if own_uri.startswith(NARRATIVE_FOLDER + "/"):
            return folder + own_uri.removeprefix(NARRATIVE_FOLDER + "/")
        raise ValueError(f"« {own_uri} » n'est pas une page propre à une commune")

    def anchor_prefix(self, commune_id: str) -> str:
        return f"{commune_id}{SEPARATOR}"

    def moved(self, commune_id: str, published: str) -> str:
        return from_commune_site(commune_id, published)


def from_commune_site(commune_id: str, published: str) -> str:
    """A single-commune site's address (a line of its adresses.txt) → the agglomeration site's.

    `./` → `communes/<c>/` ; `convention/<stem>/` → `communes/<c>/<stem>/` ;
    `quartiers/<q>/#action-<a>` → `quartiers/<q>/#<c>--action-<a>` ;
    `objectifs/<o>/#<q>--<a>` → `objectifs/<o>/#<c>--<q>--<a>` ;
    `avancement/`, `historique/`, `historique.xml`, `statistiques/` → under `communes/<c>/` ;
    `version-imprimable/` and `version-imprimable/fin/` → `communes/<c>/version-imprimable/` ;
    `referentiel-d-impacts/`, `instances/`, `bilans/`, `bilans/<année>/` → `communes/<c>/historique/` ;
    any other address keeps its path (and its anchor).
    """
    scheme = AgglomerationSite()
    page, hashed, anchor = published.partition("#")
    page = page or HOME
    own = {page_url(uri) or HOME: uri for uri in _PER_COMMUNE}
    own[FEED_PATH] = FEED_PATH
    if page in own:
        target = scheme.commune_page(commune_id, own[page])
        page = target if target.endswith(".xml") else (page_url(target) or HOME)
    elif page in _EVALUATION_PAGES or (page.startswith("bilans/") and page[len("bilans/") : -1].isdigit()):
        # an agglomeration's site has no référentiel d'impacts, comités nor bilans pages yet:
        # the commune's history lists the same comités and dated changes
        return page_url(scheme.history(commune_id))
    elif page.startswith(NARRATIVE_FOLDER + "/") and page.count("/") == 2 and page.endswith("/"):
        page = page_url(scheme.narrative(commune_id, page[len(NARRATIVE_FOLDER) + 1 : -1]))
    if hashed and anchor:
        anchor = _moved_anchor(scheme.anchor_prefix(commune_id), page, anchor)
    return page + (f"#{anchor}" if hashed else "")


def _moved_anchor(prefix: str, page: str, anchor: str) -> str:
    """Anchors that name an action get the commune's id; the others (sections) stay."""
    parts = page.split("/")
    if parts[0] == "quartiers" and len(parts) == 3 and anchor.startswith(ACTION_ANCHOR):
        return prefix + anchor
    if parts[0] == "objectifs" and len(parts) >= 3 and SEPARATOR in anchor:
        return prefix + anchor
    return anchor
