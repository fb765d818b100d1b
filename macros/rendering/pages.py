"""Which pages the site has, derived from the convention alone.

Each GeneratedPage names its URL (from stable identifiers, never titles), the
template that renders it and the content file behind it (for edit links).
Adding a quartier or an objectif to content adds its pages here; nothing is
hand-written per item.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass, field
from typing import Any

from macros.domain.convention import Convention
from macros.lifecycle.history import History
from macros.domain.uris import FEED_PATH, HISTORY_URI, NOTES_URI, PRINT_END_URI, PRINT_URI, enjeu_uri, narrative_uri, objectif_uri, orientation_uri, page_url, quartier_uri  # noqa: F401 (re-exported)

# Above this many quartiers, no page lists them all one by one (bench/: at most 100 KB a page):
# the quartiers index and each objectif page split into pages of this many quartiers, the home
# page, the matrix, the statistics and the site map give counts and summaries, and quartier
# pages leave the navigation, so that every page does not repeat a huge menu.
QUARTIERS_PER_PAGE = 30
# Beyond this many, a quartier page counts the other quartiers pursuing an objectif instead of
# naming them: every quartier page naming every other one grows the site quadratically (bench/).
RELATED_QUARTIERS_LIMIT = 8


@dataclass
class GeneratedPage:
    src_uri: str
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    source: str | None = None  # content file behind the page, relative to the project root
    in_nav: bool = True
    description: str | None = None
    # Pages that only repeat others (printable version, site map) or hold editorial notes stay out
    # of the search index: it is part of every page's first view, and they would double results.
    searchable: bool = True
    # Date of the newest content the page shows (« Mis à jour le … »), and for pages that can be
    # cited, which text they show (« texte signé le … », « modifié par l'avenant n° 2 du … »).
    updated: dt.date | None = None
    version: str | None = None


def lists_every_quartier(convention: Convention) -> bool:
    """Whether pages may list every quartier one by one (see QUARTIERS_PER_PAGE)."""
    return len(convention.quartiers) <= QUARTIERS_PER_PAGE


@dataclass(frozen=True)
class Paging:
    """Where one page of a list split into pages stands: its number and every page's src URI."""

    number: int  # from 1
    uris: tuple[str, ...]  # the first is the list's own address, the others `<folder>/<n>.md`

    @property
    def count(self) -> int:
        return len(self.uris)

    @property
    def title_suffix(self) -> str:
        """What a page after the first adds to the list's title: « (page 2 sur 3) »."""
        return f" (page {self.number} sur {self.count})" if self.number > 1 else ""


def paginate(items: list, first_uri: str, folder: str, size: int = QUARTIERS_PER_PAGE) -> list[tuple[str, list, Paging]]:
    """(src URI, items of that page, paging) for each page of `items`; one page when they fit."""
    groups = [items[i:i + size] for i in range(0, len(items), size)] or [[]]
    uris = tuple([first_uri] + [f"{folder}/{n}.md" for n in range(2, len(groups) + 1)])
    return [(uri, group, Paging(n, uris)) for n, (uri, group) in enumerate(zip(uris, groups), start=1)]


STATISTICS_URI = "statistiques.md"
AVANCEMENT_URI = "avancement.md"
DONNEES_URI = "donnees/index.md"  # the export files sit beside it, in donnees/


def url_between(here: str, target: str, anchor: str | None = None) -> str:
    """Relative address from page `here` to page `target` (src URIs), for HTML written by code;
    Markdown links go through render.relative_link, where MkDocs checks them."""
    path = posixpath.relpath(page_url(target) or ".", page_url(here) or ".")
    address = "./" if path == "." else path + "/"
    return address + (f"#{anchor}" if anchor else "")


SITE_MAP_URI = "plan-du-site.md"
# Hand-written pages of docs/ every commune's site carries (linked from the footer).
LEGAL_PAGES = {
    "accessibilite.md": "Déclaration d'accessibilité",
    "mentions-legales.md": "Mentions légales",
    "donnees-personnelles.md": "Données personnelles",
}


def note_anchors(convention: Convention) -> dict[int, Any]:
    """The correction that carries the anchor `ligne-<n>` of each line the notes mention."""
    first_of_line: dict[int, Any] = {}
    for correction in convention.corrections:
        first_of_line.setdefault(correction.ligne, correction)
    return first_of_line


def document_parts(convention: Convention) -> tuple[list, list]:
    """Narrative pages before the quartiers (lower ordre than every quartier), and after."""
    first_quartier = min((q.ordre for q in convention.quartiers), default=0)
    before = [p for p in convention.pages if p.ordre < first_quartier]
    return before, [p for p in convention.pages if p not in before]


def list_hand_written(generated: dict[str, "GeneratedPage"], nav_entries: list[Any]) -> None:
    """Give the site map the hand-written pages of the nav (mkdocs.yml), as (title, src_uri)."""
    site_map = generated.get(SITE_MAP_URI)
    if site_map is not None:
        site_map.context["hand_written"] = [(title, uri) for title, uri in _nav_links(nav_entries) if uri not in generated]


def _nav_links(entries: list[Any]):
    for entry in entries:
        if isinstance(entry, dict):
            for title, target in entry.items():
                if isinstance(target, list):
                    yield from _nav_links(target)
                elif isinstance(target, str) and target.endswith(".md"):
                    yield title, target
        elif isinstance(entry, str) and entry.endswith(".md"):
            yield entry.removesuffix(".md"), entry


def plan(convention: Convention) -> list[GeneratedPage]:
    c = convention
    ref = c.sources.get("referentiel")
    commune = c.contrat.commune.nom
    # `quartiers/` holds the first quartiers, `quartiers/liste/<n>/` the next ones
    quartier_lists = [
        GeneratedPage(uri, "Les quartiers" + paging.title_suffix,
                      "quartiers.md.j2", {"listed": listed, "paging": paging}, in_nav=paging.number == 1,
                      description=f"Les quartiers de la politique de la ville à {commune}.")
        for uri, listed, paging in paginate(c.quartiers, "quartiers/index.md", "quartiers/liste")
    ]
    pages = [
        GeneratedPage("index.md", c.contrat.titre, "accueil.md.j2", source=c.sources.get("contrat"),
                      description=f"{c.contrat.sous_titre} de {commune} : quartiers, objectifs et actions {c.contrat.periode.debut}-{c.contrat.periode.fin}."),
        *quartier_lists,
        GeneratedPage("enjeux/index.md", "Enjeux et objectifs", "enjeux.md.j2", source=ref,
                      description="Les enjeux, orientations stratégiques et objectifs opérationnels de la convention."),
        GeneratedPage("matrice.md", "Objectifs par quartier", "matrice.md.j2", source=ref,
                      description="Quels quartiers poursuivent quels objectifs : tableau croisé."),
    ]
    if any(q.portrait for q in c.quartiers):
        pages.append(GeneratedPage(STATISTICS_URI, "Comparaison des quartiers", "statistiques.md.j2",
                                   description="Les chiffres clés de chaque quartier, côte à côte et comparés à l'agglomération : tableau, graphiques et sources."))
    many = not lists_every_quartier(c)
    for quartier in c.quartiers:
        pages.append(GeneratedPage(quartier_uri(quartier.id), quartier.nom, "quartier.md.j2", {"quartier": quartier},
                                   source=c.sources.get(f"quartier:{quartier.id}"), in_nav=not many,
                                   description=f"{quartier.nom} : portrait, irritants, opportunités et objectifs de la convention."))
    for enjeu in c.referentiel.enjeux:
        pages.append(GeneratedPage(enjeu_uri(enjeu.id), f"Enjeu {enjeu.numero} : {enjeu.titre}", "enjeu.md.j2", {"enjeu": enjeu}, source=ref))
        for orientation in enjeu.orientations:
            pages.append(GeneratedPage(orientation_uri(orientation.id), orientation.titre, "orientation.md.j2",
                                       {"enjeu": enjeu, "orientation": orientation}, source=ref, in_nav=False))
            for objectif in orientation.objectifs:
                # `objectifs/<id>/` holds the first quartiers, `objectifs/<id>/<n>/` the next ones; search finds
                # the objectif on its first page: the next ones would only repeat quartier names (their
                # actions are indexed on the quartiers' pages)
                for uri, listed, paging in paginate(c.pursuits.get(objectif.id, []), objectif_uri(objectif.id), f"objectifs/{objectif.id}"):
                    pages.append(GeneratedPage(uri, objectif.titre + paging.title_suffix, "objectif.md.j2",
                                               {"placement": c.placements[objectif.id], "listed": listed, "paging": paging},
                                               source=ref, in_nav=False, searchable=paging.number == 1,
                                               description=f"Objectif opérationnel : {objectif.titre}. Quartiers concernés et actions."))
    for page in c.pages:
        pages.append(GeneratedPage(narrative_uri(page.id), page.titre, "recit.md.j2", {"recit": page}, source=page.source,
                                   description=page.description))
    if c.glossaire:
        pages.append(GeneratedPage("glossaire.md", "Glossaire", "glossaire.md.j2", source="content/glossaire.yaml",
                                   description="Les sigles et mots de la politique de la ville expliqués simplement."))
    if c.corrections:
        pages.append(GeneratedPage(NOTES_URI, "Notes de transcription", "corrections.md.j2", {"note_anchors": note_anchors(c)}, searchable=False,
                                   source="content/corrections.yaml",
                                   description="Les réparations apportées au texte extrait du document signé, et ses incohérences."))
    pages.append(GeneratedPage(AVANCEMENT_URI, "Avancement des actions", "avancement.md.j2", {"donnees_uri": DONNEES_URI},
                               description="Où en sont les actions de la convention : avancement par enjeu et par quartier."))
    pages.append(GeneratedPage(DONNEES_URI, "Données ouvertes", "donnees.md.j2", source=c.sources.get("contrat"),
                               description="Les données de la convention en fichiers ouverts (JSON, CSV, GeoJSON) sous Licence Ouverte 2.0, et les adresses stables."))
    before, after = document_parts(c)
    pages.append(GeneratedPage(PRINT_URI, "Version imprimable", "imprimable.md.j2",
                               {"parts": (before, after), "end_uri": PRINT_END_URI if after else None},
                               in_nav=False, searchable=False,
                               description=f"La {c.contrat.sous_titre.lower()} de {commune} à imprimer, partie par partie, dans l'ordre du document."))
    if after:
        pages.append(GeneratedPage(PRINT_END_URI, "Version imprimable : fin", "imprimable-fin.md.j2",
                                   {"recits": after, "start_uri": PRINT_URI}, in_nav=False, searchable=False,
                                   description=f"La fin de la {c.contrat.sous_titre.lower()} de {commune}, après les quartiers, à imprimer."))
    pages.append(GeneratedPage(HISTORY_URI, "Historique des modifications", "historique.md.j2",
                               {"feed_path": FEED_PATH, "events": History(c).events()},
                               source=c.sources.get("avenants") or c.sources.get("contrat"),
                               description="Les avenants, les changements de statut et les points de suivi de la convention, du plus récent au plus ancien."))
    site_map = GeneratedPage(SITE_MAP_URI, "Plan du site", "plan.md.j2", in_nav=False, searchable=False, description="Toutes les pages du site.")
    pages.append(site_map)
    site_map.context.update(parts=document_parts(c), legal_pages=LEGAL_PAGES, hand_written=[],
                            others=[p for p in pages if p.template not in _SITE_MAP_STRUCTURED])
    _date(pages, c)
    return pages


def _date(pages: list[GeneratedPage], c: Convention) -> None:
    """Each page's « Mis à jour le » from the content it shows; versions of the pages one cites."""
    h = History(c)
    everything = h.convention_updated()
    for page in pages:
        if page.template == "quartier.md.j2":
            quartier = page.context["quartier"]
            page.updated, page.version = h.quartier_updated(quartier), h.version(h.quartier_changes(quartier))
        elif page.template == "objectif.md.j2":
            objectif = page.context["placement"].objectif
            page.updated, page.version = h.objectif_page_updated(objectif), h.version(h.objectif_page_changes(objectif))
        elif page.template == "recit.md.j2":
            page.updated, page.version = h.signed, h.version([])
        elif page.template in ("enjeu.md.j2", "orientation.md.j2"):
            orientations = [page.context["orientation"]] if "orientation" in page.context else page.context["enjeu"].orientations
            page.updated = max([h.signed] + [h.objectif_updated(o) for orient in orientations for o in orient.objectifs])
        else:
            page.updated = everything


# Templates whose pages the site map places in the document's structure; any other
# generated page is listed under « Autres pages ».
_SITE_MAP_STRUCTURED = {"accueil.md.j2", "quartiers.md.j2", "quartier.md.j2", "enjeux.md.j2", "enjeu.md.j2",
                        "orientation.md.j2", "objectif.md.j2", "matrice.md.j2", "recit.md.j2", "glossaire.md.j2",
                        "corrections.md.j2", "imprimable.md.j2", "imprimable-fin.md.j2", "plan.md.j2"}


def nav(convention: Convention, pages: list[GeneratedPage], extra: list[Any]) -> list[Any]:
    """MkDocs nav: document order first, then reference pages; item pages stay out when many."""
    by_uri = {p.src_uri: p for p in pages}
    before, after = document_parts(convention)
    document: list[Any] = [{p.titre: narrative_uri(p.id)} for p in before]
    quartiers: list[Any] = [{"Tous les quartiers": "quartiers/index.md"}]
    quartiers += [{q.nom: quartier_uri(q.id)} for q in convention.quartiers if by_uri[quartier_uri(q.id)].in_nav]
    document.append({"Les quartiers": quartiers})
    document += [{p.titre: narrative_uri(p.id)} for p in after]
    if "convention/notes-de-transcription.md" in by_uri:
        document.append({"Notes de transcription": "convention/notes-de-transcription.md"})
    result: list[Any] = [{"Accueil": "index.md"}, {"La convention": document}, enjeux_nav(convention.referentiel)]
    return result + reference_nav(by_uri, extra)


def enjeux_nav(referentiel) -> dict[str, list[Any]]:
    """The nav's « Enjeux et objectifs »: overview, each enjeu, the matrix (one site or an agglomeration's)."""
    objectifs: list[Any] = [{"Vue d'ensemble": "enjeux/index.md"}]
    objectifs += [{f"Enjeu {e.numero}": enjeu_uri(e.id)} for e in referentiel.enjeux]
    objectifs.append({"Objectifs par quartier": "matrice.md"})
    return {"Enjeux et objectifs": objectifs}


def reference_nav(by_uri: dict[str, GeneratedPage], extra: list[Any]) -> list[Any]:
    """The nav after the document: statistics, follow-up and data, hand-written pages, glossary."""
    result: list[Any] = []
    if STATISTICS_URI in by_uri:
        result.append({"Statistiques": [{"Comparaison des quartiers": STATISTICS_URI}]})
    result.append({"Suivi et données": [{"Avancement des actions": AVANCEMENT_URI}, {"Historique des modifications": HISTORY_URI},
                                         {"Données ouvertes": DONNEES_URI}]})
    result += extra
    if "glossaire.md" in by_uri:
        result.append({"Glossaire": "glossaire.md"})
    return result
