"""Which pages the site has, derived from the convention alone.

Each GeneratedPage names its URL (from stable identifiers, never titles), the
template that renders it and the content file behind it (for edit links).
Adding a quartier or an objectif to content adds its pages here; nothing is
hand-written per item.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from macros.domain.convention import Convention
from macros.domain.site import CommuneConvention, Site
from macros.domain.uris import (
    AVANCEMENT_URI,
    BILANS_URI,
    COMMUNES_URI,
    DONNEES_URI,
    ENJEUX_URI,
    EVALUATION_URI,
    FEED_PATH,
    GLOSSARY_URI,
    HISTORY_URI,
    HOME_URI,
    INSTANCES_URI,
    MATRIX_URI,
    NOTES_URI,
    PRINT_END_URI,
    PRINT_URI,
    QUARTIERS_URI,
    SITE_MAP_URI,
    STATISTICS_URI,
    bilan_uri,
    enjeu_uri,
    narrative_uri,
    objectif_uri,
    orientation_uri,
    page_url,
    quartier_uri,
)
from macros.lifecycle import bilans
from macros.lifecycle.history import History, commune_events, site_events
from macros.reading.loader import CORRECTIONS
from macros.text import page_macros
from macros.text.typography import of

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
    # The breadcrumb (« Fil d'Ariane »), set by plan: the pages above this one, home first, as
    # (label, src_uri), src_uri None for a menu section that has no page of its own; and the
    # page's own label in it, when shorter than its title (« Enjeu 2 »).
    parents: list[tuple[str, str | None]] = field(default_factory=list)
    crumb: str | None = None
    # Pages that carry their own « Sur cette page » sommaire: the theme's table of contents would repeat it.
    own_toc: bool = False


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
    groups = [items[i : i + size] for i in range(0, len(items), size)] or [[]]
    uris = tuple([first_uri] + [f"{folder}/{n}.md" for n in range(2, len(groups) + 1)])
    return [(uri, group, Paging(n, uris)) for n, (uri, group) in enumerate(zip(uris, groups), start=1)]


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


def note_places(convention: Convention) -> dict[str, str]:
    """The part of the convention each note's `fichier` names, in words: the notes page never
    shows a file name (« pages/edito.md » is « Edito », « quartiers/regain.yaml » « Le Regain »)."""
    places = {
        "referentiel.yaml": "Enjeux et objectifs",
        "contrat.yaml": "Signature de la convention",
        "chiffres-agglomeration.yaml": "Chiffres de l'agglomération",
    }
    for page in convention.pages:
        places[f"pages/{PurePosixPath(page.source).name}"] = page.titre
    for quartier in convention.quartiers:
        source = convention.sources.get(f"quartier:{quartier.id}")
        if source:
            places[f"quartiers/{PurePosixPath(source).name}"] = quartier.nom
    return places


def document_parts(convention: Convention) -> tuple[list, list]:
    """Narrative pages before the quartiers (lower ordre than every quartier), and after."""
    first_quartier = min((q.ordre for q in convention.quartiers), default=0)
    before = [p for p in convention.pages if p.ordre < first_quartier]
    return before, [p for p in convention.pages if p not in before]


def list_hand_written(generated: dict[str, GeneratedPage], nav_entries: list[Any]) -> None:
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


# What a commune's site and an agglomeration's present or say differently, in one place: the
# templates of the home page, of a quartier's and an objectif's page (one convention, or each
# commune's in turn) and of the site map, how page descriptions name the documents, and what
# the theme shows: the site's name and description (formatted with its identity) and the
# footer's link to the printable version (one per commune on an agglomeration's site, listed
# on the page of the communes).
_KINDS = {
    False: {
        "home": "accueil.md.j2",
        "quartier": "quartier.md.j2",
        "objectif": "objectif.md.j2",
        "site_map": "plan.md.j2",
        "referentiel": "de la convention",
        "actions": "de la convention",
        "compared": " : tableau, graphiques et sources",
        "quartier_page": "portrait, irritants, opportunités et objectifs de la convention",
        "objectif_page": "Quartiers concernés et actions",
        "donnees": "Les données de la convention en fichiers ouverts (JSON, CSV, GeoJSON) sous Licence Ouverte 2.0, et les adresses stables.",
        "history": "Les avenants, les changements de statut et les points de suivi de la convention, du plus récent au plus ancien.",
        "site_name": "{titre} — {nom}",
        "site_description": "{sous_titre} de {nom}, {periode}",
        "printable": {"adresse": page_url(PRINT_URI), "libelle": "Version imprimable"},
    },
    True: {
        "home": "agglomeration_accueil.md.j2",
        "quartier": "quartier_agglomeration.md.j2",
        "objectif": "objectif_agglomeration.md.j2",
        "site_map": "plan_agglomeration.md.j2",
        "referentiel": "du contrat de ville",
        "actions": "des conventions",
        "compared": "",
        "quartier_page": "ce que prévoit chaque convention d'application pour le quartier",
        "objectif_page": "Communes, quartiers et actions",
        "donnees": "Les données des conventions en fichiers ouverts (JSON, CSV, GeoJSON) sous Licence Ouverte 2.0.",
        "history": "Les changements de toutes les conventions de l'agglomération, du plus récent au plus ancien.",
        "site_name": "{nom}",
        "site_description": "{titre} de {nom} et les conventions d'application de ses communes, {periode}",
        "printable": {"adresse": page_url(COMMUNES_URI) + "#versions-imprimables", "libelle": "Versions imprimables"},
    },
}


def site_kind(site: Site) -> dict[str, Any]:
    """What this kind of site presents or says differently (_KINDS)."""
    return _KINDS[site.addresses.separate_communes]


def plan(site: Site) -> list[GeneratedPage]:
    """Every page of the site: a commune's, or an agglomeration's with each commune's own pages."""
    c, identity, kind = site.scope, site.identity, site_kind(site)
    # a commune's own site: its content files are the sources of the pages (edit links)
    own = site.own.convention if site.own else None
    sources = own.sources if own else {}
    ref = sources.get("referentiel")
    periode = f"{identity.periode.debut}-{identity.periode.fin}"
    if own:
        home = f"{own.contrat.sous_titre} de {identity.nom} : quartiers, objectifs et actions {periode}."
        pages = [GeneratedPage(HOME_URI, identity.titre, kind["home"], source=sources.get("contrat"), description=home)]
    else:
        home = f"{identity.titre} de {identity.nom}, {periode} : les conventions des communes, leurs quartiers, objectifs et actions."
        communes = f"Les communes de {identity.nom} et leur convention d'application."
        pages = [GeneratedPage(HOME_URI, identity.titre, kind["home"], description=home),
                 # pdfs: commune id → its PDF ({uri, label}), given by BuildState.papers once they are made
                 GeneratedPage(COMMUNES_URI, "Les communes", "communes.md.j2", {"pdfs": {}}, description=communes)]  # fmt: skip
    # `quartiers/` holds the first quartiers, `quartiers/liste/<n>/` the next ones
    where = f"à {identity.nom}" if own else of(identity.nom)
    for uri, listed, paging in paginate(c.quartiers, QUARTIERS_URI, "quartiers/liste"):
        context = {"listed": listed, "paging": paging}
        description = f"Les quartiers de la politique de la ville {where}."
        pages.append(
            GeneratedPage(
                uri, "Les quartiers" + paging.title_suffix, "quartiers.md.j2", context, in_nav=paging.number == 1, description=description
            )
        )
    referentiel = f"Les enjeux, orientations stratégiques et objectifs opérationnels {kind['referentiel']}."
    pages.append(GeneratedPage(ENJEUX_URI, "Enjeux et objectifs", "enjeux.md.j2", source=ref, description=referentiel))
    matrix = "Quels quartiers poursuivent quels objectifs : tableau croisé."
    pages.append(GeneratedPage(MATRIX_URI, "Objectifs par quartier", "matrice.md.j2", source=ref, description=matrix))
    if any(q.portrait for q in c.quartiers):
        compared = f"Les chiffres clés de chaque quartier, côte à côte et comparés à l'agglomération{kind['compared']}."
        pages.append(GeneratedPage(STATISTICS_URI, "Comparaison des quartiers", "statistiques.md.j2", description=compared))
    if not own:
        for commune in site.communes:
            pages += _commune_pages(site, commune)
    # beyond QUARTIERS_PER_PAGE the menu stops naming each quartier (every page would carry them); the lists reach them all
    many = not lists_every_quartier(c)
    for shared in site.quartiers:
        context = {"shared": shared, "quartier": c.quartier(shared.id)}
        source, description = sources.get(f"quartier:{shared.id}"), f"{shared.nom} : {kind['quartier_page']}."
        pages.append(
            GeneratedPage(
                quartier_uri(shared.id), shared.nom, kind["quartier"], context, source=source, in_nav=not many, description=description
            )
        )
    for enjeu in site.referentiel.enjeux:
        pages.append(
            GeneratedPage(enjeu_uri(enjeu.id), f"Enjeu {enjeu.numero} : {enjeu.titre}", "enjeu.md.j2", {"enjeu": enjeu}, source=ref)
        )
        for orientation in enjeu.orientations:
            context = {"enjeu": enjeu, "orientation": orientation}
            pages.append(
                GeneratedPage(orientation_uri(orientation.id), orientation.titre, "orientation.md.j2", context, source=ref, in_nav=False)
            )
            for objectif in orientation.objectifs:
                pages += _objectif_pages(site, objectif, kind, ref)
    if own:
        pages += [
            GeneratedPage(
                narrative_uri(page.id), page.titre, "recit.md.j2", {"recit": page}, source=page.source, description=page.description
            )
            for page in own.pages
        ]
    if site.glossaire:
        glossary = "Les sigles et mots de la politique de la ville expliqués simplement."
        pages.append(
            GeneratedPage(
                GLOSSARY_URI, "Glossaire", "glossaire.md.j2", source="content/glossaire.yaml" if own else None, description=glossary
            )
        )
    if own and own.corrections:
        notes = "Les réparations apportées au texte extrait du document signé, et ses incohérences."
        context = {"note_anchors": note_anchors(own), "places": note_places(own)}
        pages.append(
            GeneratedPage(
                NOTES_URI,
                "Notes de transcription",
                "corrections.md.j2",
                context,
                searchable=False,
                source="content/corrections.yaml",
                description=notes,
            )
        )
    avancement = f"Où en sont les actions {kind['actions']} : avancement par enjeu et par quartier."
    pages.append(
        GeneratedPage(AVANCEMENT_URI, "Avancement des actions", "avancement.md.j2", {"donnees_uri": DONNEES_URI}, description=avancement)
    )
    pages.append(
        GeneratedPage(DONNEES_URI, "Données ouvertes", "donnees.md.j2", source=sources.get("contrat"), description=kind["donnees"])
    )
    if own:
        pages += _printable_pages(own)
        pages += _evaluation_pages(own)
    events = site_events(site)
    source = sources.get("avenants") or sources.get("contrat")
    context = {"feed_path": FEED_PATH, "events": events}
    pages.append(
        GeneratedPage(HISTORY_URI, "Historique des modifications", "historique.md.j2", context, source=source, description=kind["history"])
    )
    site_map = GeneratedPage(
        SITE_MAP_URI, "Plan du site", kind["site_map"], in_nav=False, searchable=False, description="Toutes les pages du site."
    )
    pages.append(site_map)
    site_map.context.update(legal_pages=LEGAL_PAGES, hand_written=[])
    if own:
        site_map.context.update(parts=document_parts(own), others=[p for p in pages if p.template not in _SITE_MAP_STRUCTURED])
    else:
        site_map.context.update(listed=list(pages))
    _date(pages, site, events)
    _trails(pages, site)
    return pages


HOME_CRUMB = ("Accueil", HOME_URI)
# Menu sections without a page of their own: shown in the breadcrumb as text
_SECTIONS = {
    "recit.md.j2": "La convention",
    "corrections.md.j2": "La convention",
    "statistiques.md.j2": "Statistiques",
    "avancement.md.j2": "Suivi et données",
    "historique.md.j2": "Suivi et données",
    "donnees.md.j2": "Suivi et données",
}


def _trails(pages: list[GeneratedPage], site: Site) -> None:
    """Each page's breadcrumb, as the menu places it: Accueil › Les quartiers › Le Regain;
    Accueil › Enjeux et objectifs › Enjeu 2 › orientation › objectif; in an agglomeration's site,
    Accueil › Les communes › commune › page."""
    s = site.addresses
    enjeux = ("Enjeux et objectifs", ENJEUX_URI)
    quartiers = ("Les quartiers", QUARTIERS_URI)
    for page in pages:
        t, context = page.template, page.context
        paging = context.get("paging")
        later_page = paging is not None and paging.number > 1
        commune = context.get("commune")
        if page.src_uri == HOME_URI:
            continue
        if commune is not None:  # a commune's page of an agglomeration's site
            home = s.commune_home(commune.id)
            page.parents = [HOME_CRUMB, ("Les communes", COMMUNES_URI)]
            if page.src_uri == home:
                page.crumb = commune.nom
            else:
                page.parents.append((commune.nom, home))
                page.crumb = page.title.removesuffix(f" — {commune.nom}")
        elif t == "quartiers.md.j2":
            page.parents = [HOME_CRUMB, quartiers] if later_page else [HOME_CRUMB]
            page.crumb = f"Page {paging.number}" if later_page else None
        elif t in ("quartier.md.j2", "quartier_agglomeration.md.j2"):
            page.parents = [HOME_CRUMB, quartiers]
        elif t == "matrice.md.j2":
            page.parents = [HOME_CRUMB, enjeux]
        elif t == "enjeu.md.j2":
            page.parents, page.crumb = [HOME_CRUMB, enjeux], f"Enjeu {context['enjeu'].numero}"
        elif t == "orientation.md.j2":
            enjeu = context["enjeu"]
            page.parents = [HOME_CRUMB, enjeux, (f"Enjeu {enjeu.numero}", enjeu_uri(enjeu.id))]
        elif "placement" in context:  # an objectif's page
            p = context["placement"]
            page.parents = [HOME_CRUMB, enjeux, (f"Enjeu {p.enjeu.numero}", enjeu_uri(p.enjeu.id))]
            page.parents.append((p.orientation.titre, orientation_uri(p.orientation.id)))
            if later_page:
                page.parents.append((p.objectif.titre, objectif_uri(p.objectif.id)))
                page.crumb = f"Page {paging.number}"
        elif t == "imprimable-fin.md.j2":
            page.parents, page.crumb = [HOME_CRUMB, ("Version imprimable", PRINT_URI)], "Fin"
        elif t in _SECTIONS:
            page.parents = [HOME_CRUMB, (_SECTIONS[t], None)]
        else:
            page.parents = [HOME_CRUMB]
        page.own_toc = t == "quartier.md.j2"  # its « Sur cette page » sommaire (_sommaire_quartier.md.j2)


def _objectif_pages(site: Site, objectif, kind: dict, ref: str | None) -> list[GeneratedPage]:
    """`objectifs/<id>/` holds the first quartiers, `objectifs/<id>/<n>/` the next ones (counted across
    communes, commune by commune); search finds the objectif on its first page: the next ones would
    only repeat quartier names (their actions are indexed on the quartiers' pages)."""
    placement = site.placements[objectif.id]
    by_commune = site.pursuits(objectif.id)
    entries = [(commune, p) for commune in site.communes for p in by_commune.get(commune.id, [])]
    description = f"Objectif opérationnel : {objectif.titre}. {kind['objectif_page']}."
    pages = []
    for uri, listed, paging in paginate(entries, objectif_uri(objectif.id), f"objectifs/{objectif.id}"):
        context = {"placement": placement, "by_commune": by_commune, "listed": listed, "paging": paging}
        title = objectif.titre + paging.title_suffix
        pages.append(
            GeneratedPage(
                uri, title, kind["objectif"], context, source=ref, in_nav=False, searchable=paging.number == 1, description=description
            )
        )
    return pages


def _commune_pages(site: Site, commune: CommuneConvention) -> list[GeneratedPage]:
    """A commune's own pages in an agglomeration's site, under communes/<c>/, each naming the
    commune (its own site has its narrative pages; its home, notes, printable version, avancement
    and history are the site's)."""
    s = site.addresses
    c = commune.convention
    context = {"commune": commune}
    nom, de = commune.nom, of(commune.nom)
    pages = [
        GeneratedPage(
            s.commune_home(commune.id),
            f"{nom} : {c.contrat.sous_titre.lower()}",
            "commune.md.j2",
            dict(context),
            source=c.sources.get("contrat"),
            description=f"{c.contrat.sous_titre} {de} : ses pages et ses quartiers.",
        )
    ]
    pages += [
        GeneratedPage(
            s.narrative(commune.id, page.id),
            f"{page.titre} — {nom}",
            "recit.md.j2",
            {**context, "recit": page},
            source=page.source,
            in_nav=False,
            description=page.description,
        )
        for page in c.pages
    ]
    if c.corrections:
        pages.append(
            GeneratedPage(
                s.notes(commune.id),
                f"Notes de transcription — {nom}",
                "corrections.md.j2",
                {**context, "note_anchors": note_anchors(c), "places": note_places(c)},
                searchable=False,
                in_nav=False,
                source=f"{commune.folder}/{CORRECTIONS}",
                description=f"Les réparations apportées au texte extrait de la convention signée {de}, et ses incohérences.",
            )
        )
    pages.append(
        GeneratedPage(
            s.printable(commune.id),
            f"Version imprimable — {nom}",
            "imprimable_commune.md.j2",
            {**context, "parts": document_parts(c), "pdf": None},
            in_nav=False,
            searchable=False,
            description=f"La {c.contrat.sous_titre.lower()} {de} à imprimer, dans l'ordre du document.",
        )
    )
    if any(q.portrait for q in c.quartiers):
        # the tables only: each quartier's portrait has its charts, and the agglomeration's comparison is the one to search
        pages.append(
            GeneratedPage(
                s.statistics(commune.id),
                f"Comparaison des quartiers — {nom}",
                "statistiques.md.j2",
                {**context, "charts": False},
                in_nav=False,
                searchable=False,
                description=f"Les chiffres clés des quartiers {de}, côte à côte et comparés à l'agglomération.",
            )
        )
    pages.append(
        GeneratedPage(
            s.avancement(commune.id),
            f"Avancement des actions — {nom}",
            "avancement.md.j2",
            {**context, "donnees_uri": DONNEES_URI},
            in_nav=False,
            description=f"Où en sont les actions de la convention {de}.",
        )
    )
    pages.append(
        GeneratedPage(
            s.history(commune.id),
            f"Historique des modifications — {nom}",
            "historique.md.j2",
            {**context, "feed_path": s.feed(commune.id), "events": commune_events(commune, site)},
            source=c.sources.get("avenants") or c.sources.get("contrat"),
            in_nav=False,
            description=f"Les avenants, changements de statut et points de suivi de la convention {de}.",
        )
    )
    return pages


def _evaluation_pages(c: Convention) -> list[GeneratedPage]:
    """A commune's own site: the référentiel d'impacts, the comités, and one bilan a year."""
    sources = c.sources
    pages = [
        GeneratedPage(
            EVALUATION_URI,
            "Référentiel d'impacts",
            "referentiel_impacts.md.j2",
            source=sources.get("evaluation"),
            description="Les critères d'évaluation et les indicateurs de la convention, par enjeu et par objectif.",
        ),
        GeneratedPage(
            INSTANCES_URI,
            "Comités de pilotage et de suivi",
            "instances.md.j2",
            source=sources.get("instances"),
            description="Les comités qui suivent et évaluent la convention : dates, lieux, comptes rendus et décisions.",
        ),
    ]
    yearly = History(c).bilans()
    years = [b.year for b in yearly]
    pages.append(
        GeneratedPage(
            BILANS_URI,
            "Bilans annuels",
            "bilans.md.j2",
            {"bilans": yearly},
            description="Un bilan par année : avancement des actions, indicateurs, avenants et comités.",
        )
    )
    for n, b in enumerate(yearly):
        context = {"bilan": b, "previous": years[n - 1] if n else None, "next": years[n + 1] if n + 1 < len(years) else None}
        pages.append(
            GeneratedPage(
                bilan_uri(b.year),
                f"Bilan {b.year}",
                "bilan.md.j2",
                context,
                in_nav=False,
                description=f"Ce qui a changé en {b.year} : avancement des actions, indicateurs, avenants et comités.",
            )
        )
    return pages


def _printable_pages(c: Convention) -> list[GeneratedPage]:
    """A commune's own site: its printable version, the quartiers' pages as its parts, and its end."""
    commune = c.contrat.commune.nom
    before, after = document_parts(c)
    pages = [
        GeneratedPage(
            PRINT_URI,
            "Version imprimable",
            "imprimable.md.j2",
            # pdf: the whole convention's PDF ({uri, label}), given by BuildState.papers once it is made
            {"parts": (before, after), "end_uri": PRINT_END_URI if after else None, "pdf": None},
            in_nav=False,
            searchable=False,
            description=f"La {c.contrat.sous_titre.lower()} de {commune} à imprimer, partie par partie, dans l'ordre du document.",
        )
    ]
    if after:
        pages.append(
            GeneratedPage(
                PRINT_END_URI,
                "Version imprimable : fin",
                "imprimable-fin.md.j2",
                {"recits": after, "start_uri": PRINT_URI, "pdf": None},
                in_nav=False,
                searchable=False,
                description=f"La fin de la {c.contrat.sous_titre.lower()} de {commune}, après les quartiers, à imprimer.",
            )
        )
    return pages


def _date(pages: list[GeneratedPage], site: Site, events: list) -> None:
    """Each page's « Mis à jour le » from the content it shows; versions of the pages one cites.
    An agglomeration's pages show the newest change of every convention."""
    if not site.own:
        newest = max(e.date for e in events)  # once, not once per page: events grow with every commune
        for page in pages:
            page.updated = newest
        return
    h = History(site.own.convention)
    everything = h.convention_updated()
    for page in pages:
        if page.template == "quartier.md.j2":
            quartier = page.context["quartier"]
            page.updated, page.version = h.quartier_updated(quartier), h.version(h.quartier_changes(quartier))
        elif page.template == "objectif.md.j2":
            objectif = page.context["placement"].objectif
            page.updated, page.version = h.objectif_page_updated(objectif), h.version(h.objectif_page_changes(objectif))
        elif page.template == "recit.md.j2":
            # a page that calls staff macros shows live figures: it changes with the whole content
            live = bool(page_macros.calls(page.context["recit"].body))
            page.updated, page.version = everything if live else h.signed, h.version([])
        elif page.template == "bilan.md.j2":  # a year's bilan shows that year's content
            page.updated = bilans.last_date(h.c, page.context["bilan"])
        elif page.template in ("enjeu.md.j2", "orientation.md.j2"):
            orientations = [page.context["orientation"]] if "orientation" in page.context else page.context["enjeu"].orientations
            page.updated = max([h.signed] + [h.objectif_updated(o) for orient in orientations for o in orient.objectifs])
        else:
            page.updated = everything


# Templates whose pages the site map places in the document's structure; any other
# generated page is listed under « Autres pages ».
_SITE_MAP_STRUCTURED = {
    "accueil.md.j2",
    "quartiers.md.j2",
    "quartier.md.j2",
    "enjeux.md.j2",
    "enjeu.md.j2",
    "orientation.md.j2",
    "objectif.md.j2",
    "matrice.md.j2",
    "recit.md.j2",
    "glossaire.md.j2",
    "corrections.md.j2",
    "imprimable.md.j2",
    "imprimable-fin.md.j2",
    "plan.md.j2",
}


def nav(site: Site, pages: list[GeneratedPage], extra: list[Any]) -> list[Any]:
    """MkDocs nav: the document (a commune's pages in its order, or the communes), then reference
    pages; item pages stay out when many."""
    by_uri = {p.src_uri: p for p in pages}
    quartiers: list[Any] = [{"Tous les quartiers": QUARTIERS_URI}]
    quartiers += [{q.nom: quartier_uri(q.id)} for q in site.quartiers if by_uri[quartier_uri(q.id)].in_nav]
    if not site.own:
        communes: list[Any] = [{"Toutes les communes": COMMUNES_URI}] + [{c.nom: site.addresses.commune_home(c.id)} for c in site.communes]
        head: list[Any] = [{"Accueil": HOME_URI}, {"Les communes": communes}, {"Les quartiers": quartiers}]
    else:
        before, after = document_parts(site.own.convention)
        document: list[Any] = [{p.titre: narrative_uri(p.id)} for p in before]
        document.append({"Les quartiers": quartiers})
        document += [{p.titre: narrative_uri(p.id)} for p in after]
        if NOTES_URI in by_uri:
            document.append({"Notes de transcription": NOTES_URI})
        head = [{"Accueil": HOME_URI}, {"La convention": document}]
    return head + [enjeux_nav(site.referentiel)] + reference_nav(by_uri, extra)


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
    result.append(
        {
            "Suivi et données": [
                {"Avancement des actions": AVANCEMENT_URI},
                *([{"Référentiel d'impacts": EVALUATION_URI}] if EVALUATION_URI in by_uri else []),
                *([{"Bilans annuels": BILANS_URI}] if BILANS_URI in by_uri else []),
                *([{"Comités": INSTANCES_URI}] if INSTANCES_URI in by_uri else []),
                {"Historique des modifications": HISTORY_URI},
                {"Données ouvertes": DONNEES_URI},
            ]
        }
    )
    result += extra
    if "glossaire.md" in by_uri:
        result.append({"Glossaire": "glossaire.md"})
    return result
