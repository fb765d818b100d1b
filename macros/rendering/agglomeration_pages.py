"""Which pages an agglomeration's site has: the counterpart of pages.plan for a folder of communes.

Addresses follow the agglomeration scheme (communes/<c>/, quartiers/<q>/ with anchors
`<c>--action-<a>`, objectifs/<o>/ grouped by commune…). Pages that concern one commune carry
it in their context (`commune`): they are rendered with that commune's convention. Pages across
the agglomeration are rendered with `merged_convention`, one convention holding every quartier
once, so that the single-commune templates (matrix, statistics, avancement, enjeux, glossary)
serve unchanged.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from macros.jinja import html
from macros.lifecycle import feed
from macros.domain.agglomeration_model import Agglomeration, CommuneConvention
from macros.domain.convention import Convention
from macros.lifecycle.history import Event, History
from macros.domain.model import ObjectifPoursuivi, Quartier, Releve
from macros.rendering.pages import (AVANCEMENT_URI, DONNEES_URI, LEGAL_PAGES, SITE_MAP_URI, STATISTICS_URI, GeneratedPage,
                                    document_parts, enjeux_nav, lists_every_quartier, note_anchors, paginate, reference_nav)
from macros.domain import agglomeration_uris
from macros.domain.uris import FEED_PATH, HISTORY_URI, enjeu_uri, objectif_uri, orientation_uri, quartier_uri
from macros.reading.loader import CORRECTIONS
from macros.text.typography import of

COMMUNES_URI = "communes/index.md"
# Sends an old address of an action now on page 2+ of an objectif to its quartier page. Written
# by the build into agglomeration sites only: a file in docs/ would change every commune's site.
ADDRESSES_SCRIPT = "assets/javascripts/adresses-agglomeration.js"


# Source paths of the pages about one commune, from the agglomeration's address scheme
# (macros/domain/agglomeration_uris.py, the one the redirects of a commune's former site use).
def _source(address: str) -> str:
    return address.removesuffix("/") + ".md"


def commune_uri(commune_id: str) -> str:
    return agglomeration_uris.commune(commune_id) + "index.md"


def commune_narrative_uri(commune_id: str, page_id: str) -> str:
    return _source(agglomeration_uris.commune_page(commune_id, page_id))


def commune_avancement_uri(commune_id: str) -> str:
    return _source(agglomeration_uris.commune_avancement(commune_id))


def commune_statistics_uri(commune_id: str) -> str:
    return _source(agglomeration_uris.commune_statistiques(commune_id))


def commune_history_uri(commune_id: str) -> str:
    return _source(agglomeration_uris.commune_historique(commune_id))


def commune_notes_uri(commune_id: str) -> str:
    return _source(agglomeration_uris.commune_notes(commune_id))


def commune_print_uri(commune_id: str) -> str:
    return _source(agglomeration_uris.commune_imprimable(commune_id))


def commune_feed_path(commune_id: str) -> str:
    return agglomeration_uris.commune_feed(commune_id)


def anchor_prefix(commune: CommuneConvention) -> str:
    """What every anchor of a commune's items starts with on pages shared by communes."""
    return f"{commune.id}{agglomeration_uris.SEPARATOR}"


def merged_convention(agglo: Agglomeration) -> Convention:
    """Every quartier once (a quartier two conventions describe pursues the objectifs of both),
    under the contrat of the first commune with the agglomeration's name and publication."""
    first = agglo.communes[0].convention
    quartiers: list[Quartier] = []
    perimetres: dict[str, Any] = {}
    features: list[dict] = []
    for shared in agglo.quartiers:
        quartier = shared.descriptions[0][1]
        objectifs: dict[str, ObjectifPoursuivi] = {}
        for _, description in shared.descriptions:
            for poursuivi in description.objectifs:
                known = objectifs.get(poursuivi.objectif)
                objectifs[poursuivi.objectif] = poursuivi if known is None else known.model_copy(update={"actions": known.actions + poursuivi.actions})
        communes = {c.insee: c for _, d in shared.descriptions for c in d.communes}
        quartiers.append(quartier.model_copy(update={"objectifs": list(objectifs.values()), "communes": list(communes.values()),
                                                     "portrait": merged_portrait([d for _, d in shared.descriptions])}))
        for commune, description in shared.descriptions:
            if description.id in commune.convention.perimetres:
                perimetres.setdefault(description.id, commune.convention.perimetres[description.id])
    seen: set[str] = set()
    for commune in agglo.communes:
        for feature in (commune.convention.communes_geo or {}).get("features", []):
            key = repr(feature.get("properties"))
            if key not in seen:
                seen.add(key)
                features.append(feature)
    meta = agglo.meta
    collectivite = first.contrat.commune.model_copy(update={"nom": meta.nom, "nom_complet": meta.nom})
    contrat = first.contrat.model_copy(update={"titre": meta.contrat_cadre.titre, "commune": collectivite, "publication": meta.publication})
    return Convention(contrat=contrat, referentiel=agglo.referentiel, quartiers=quartiers, glossaire=agglo.glossaire,
                      agglomeration=first.agglomeration, perimetres=perimetres,
                      communes_geo={"type": "FeatureCollection", "features": features} if features else None)


def merged_portrait(descriptions: list[Quartier]) -> list[Releve]:
    """Every figure the conventions give for a quartier, once: a year one convention quotes is not
    hidden by another's. The same indicateur and year with another value in two conventions is a
    content error (reading/agglomeration_checks.py), so the first convention's figure is the figure."""
    releves: dict[tuple[int, str], Releve] = {}
    taken: set[tuple[str, int]] = set()
    for description in descriptions:
        for releve in description.portrait:
            valeurs = [v for v in releve.valeurs if (v.indicateur, releve.annee) not in taken]
            taken.update((v.indicateur, releve.annee) for v in valeurs)
            key = (releve.annee, releve.source.casefold())
            if key in releves:
                valeurs = releves[key].valeurs + valeurs
            if valeurs:
                releves[key] = releve.model_copy(update={"valeurs": valeurs})
    return sorted(releves.values(), key=lambda releve: releve.annee)  # oldest first, as in a quartier's file


def commune_events(commune: CommuneConvention) -> list[Event]:
    """The commune's history, its addresses moved to the agglomeration site."""
    moved = []
    for event in History(commune.convention).events():
        src_uri, anchor = event.src_uri, event.anchor
        if src_uri == "index.md":
            src_uri = commune_uri(commune.id)
        elif src_uri == HISTORY_URI:
            src_uri = commune_history_uri(commune.id)
        elif src_uri.startswith("quartiers/") and anchor:
            anchor = anchor_prefix(commune) + anchor
        moved.append(replace(event, src_uri=src_uri, anchor=anchor, title=f"{commune.nom} — {event.title}", key=f"{commune.id}-{event.key}"))
    return moved


def agglomeration_events(agglo: Agglomeration) -> list[Event]:
    """Every commune's history, newest first."""
    return sorted((e for commune in agglo.communes for e in commune_events(commune)), key=lambda e: e.date, reverse=True)


def plan(agglo: Agglomeration, merged: Convention) -> list[GeneratedPage]:
    meta = agglo.meta
    cadre = meta.contrat_cadre
    pages = [
        GeneratedPage("index.md", cadre.titre, "agglomeration_accueil.md.j2", {"agglo": agglo},
                      description=f"{cadre.titre} de {meta.nom}, {cadre.periode.debut}-{cadre.periode.fin} : les conventions des communes, leurs quartiers, objectifs et actions."),
        GeneratedPage(COMMUNES_URI, "Les communes", "communes.md.j2", {"agglo": agglo},
                      description=f"Les communes de {meta.nom} et leur convention d'application."),
        # beyond QUARTIERS_PER_PAGE, `quartiers/` holds the first quartiers, `quartiers/liste/<n>/` the next ones
        *(GeneratedPage(uri, "Les quartiers" + paging.title_suffix, "quartiers.md.j2", {"listed": listed, "paging": paging},
                        in_nav=paging.number == 1, description=f"Les quartiers de la politique de la ville de {meta.nom}.")
          for uri, listed, paging in paginate(merged.quartiers, "quartiers/index.md", "quartiers/liste")),
        GeneratedPage("enjeux/index.md", "Enjeux et objectifs", "enjeux.md.j2",
                      description="Les enjeux, orientations stratégiques et objectifs opérationnels du contrat de ville."),
        GeneratedPage("matrice.md", "Objectifs par quartier", "matrice.md.j2",
                      description="Quels quartiers poursuivent quels objectifs : tableau croisé."),
    ]
    if any(q.portrait for q in merged.quartiers):
        pages.append(GeneratedPage(STATISTICS_URI, "Comparaison des quartiers", "statistiques.md.j2",
                                   description="Les chiffres clés de chaque quartier, côte à côte et comparés à l'agglomération."))
    for commune in agglo.communes:
        c = commune.convention
        pages.append(GeneratedPage(commune_uri(commune.id), f"{commune.nom} : {c.contrat.sous_titre.lower()}", "commune.md.j2",
                                   {"commune": commune, "agglo": agglo}, source=c.sources.get("contrat"),
                                   description=f"{c.contrat.sous_titre} {of(commune.nom)} : ses pages et ses quartiers."))
        for page in c.pages:
            pages.append(GeneratedPage(commune_narrative_uri(commune.id, page.id), f"{page.titre} — {commune.nom}", "recit.md.j2",
                                       {"commune": commune, "recit": page}, source=page.source, in_nav=False, description=page.description))
        if c.corrections:
            pages.append(GeneratedPage(commune_notes_uri(commune.id), f"Notes de transcription — {commune.nom}", "corrections.md.j2",
                                       {"commune": commune, "note_anchors": note_anchors(c)}, searchable=False, in_nav=False,
                                       source=f"{commune.folder}/{CORRECTIONS}",
                                       description=f"Les réparations apportées au texte extrait de la convention signée {of(commune.nom)}, et ses incohérences."))
        pages.append(GeneratedPage(commune_print_uri(commune.id), f"Version imprimable — {commune.nom}", "imprimable_commune.md.j2",
                                   {"commune": commune, "agglo": agglo, "parts": document_parts(c)}, in_nav=False, searchable=False,
                                   description=f"La {c.contrat.sous_titre.lower()} {of(commune.nom)} à imprimer, dans l'ordre du document."))
        if any(q.portrait for q in c.quartiers):
            pages.append(GeneratedPage(commune_statistics_uri(commune.id), f"Comparaison des quartiers — {commune.nom}", "statistiques.md.j2",
                                       # the tables only: each quartier's portrait has its charts, and the
                                       # agglomeration's comparison is the one to search
                                       {"commune": commune, "charts": False}, in_nav=False, searchable=False,
                                       description=f"Les chiffres clés des quartiers {of(commune.nom)}, côte à côte et comparés à l'agglomération."))
        pages.append(GeneratedPage(commune_avancement_uri(commune.id), f"Avancement des actions — {commune.nom}", "avancement.md.j2",
                                   {"commune": commune, "donnees_uri": DONNEES_URI}, in_nav=False,
                                   description=f"Où en sont les actions de la convention {of(commune.nom)}."))
        pages.append(GeneratedPage(commune_history_uri(commune.id), f"Historique des modifications — {commune.nom}", "historique.md.j2",
                                   {"commune": commune, "feed_path": commune_feed_path(commune.id), "events": commune_events(commune)},
                                   source=c.sources.get("avenants") or c.sources.get("contrat"), in_nav=False,
                                   description=f"Les avenants, changements de statut et points de suivi de la convention {of(commune.nom)}."))
    # the single-commune rule: beyond QUARTIERS_PER_PAGE the menu stops naming each quartier
    # (every page carried the 60 names); the quartier lists reach them all
    many = not lists_every_quartier(merged)
    for shared in agglo.quartiers:
        pages.append(GeneratedPage(quartier_uri(shared.id), shared.nom, "quartier_agglomeration.md.j2",
                                   {"shared": shared, "quartier": merged.quartier(shared.id)}, in_nav=not many,
                                   description=f"{shared.nom} : ce que prévoit chaque convention d'application pour le quartier."))
    for enjeu in agglo.referentiel.enjeux:
        pages.append(GeneratedPage(enjeu_uri(enjeu.id), f"Enjeu {enjeu.numero} : {enjeu.titre}", "enjeu.md.j2", {"enjeu": enjeu}))
        for orientation in enjeu.orientations:
            pages.append(GeneratedPage(orientation_uri(orientation.id), orientation.titre, "orientation.md.j2",
                                       {"enjeu": enjeu, "orientation": orientation}, in_nav=False))
            for objectif in orientation.objectifs:
                # the single-commune rule: beyond QUARTIERS_PER_PAGE quartiers (counted across
                # communes), `objectifs/<id>/` holds the first ones, `objectifs/<id>/<n>/` the next
                by_commune = agglo.pursuits(objectif.id)
                entries = [(commune, p) for commune in agglo.communes for p in by_commune.get(commune.id, [])]
                for uri, listed, paging in paginate(entries, objectif_uri(objectif.id), f"objectifs/{objectif.id}"):
                    pages.append(GeneratedPage(uri, objectif.titre + paging.title_suffix, "objectif_agglomeration.md.j2",
                                               {"agglo": agglo, "placement": merged.placements[objectif.id], "by_commune": by_commune,
                                                "listed": listed, "paging": paging},
                                               in_nav=False, searchable=paging.number == 1,  # as a commune's (rendering/pages.py)
                                               description=f"Objectif opérationnel : {objectif.titre}. Communes, quartiers et actions."))
    if merged.glossaire:
        pages.append(GeneratedPage("glossaire.md", "Glossaire", "glossaire.md.j2",
                                   description="Les sigles et mots de la politique de la ville expliqués simplement."))
    pages.append(GeneratedPage(AVANCEMENT_URI, "Avancement des actions", "avancement.md.j2", {"donnees_uri": DONNEES_URI},
                               description="Où en sont les actions des conventions : avancement par enjeu et par quartier."))
    pages.append(GeneratedPage(DONNEES_URI, "Données ouvertes", "donnees.md.j2", {"commune_of_action": lambda q, a: _commune_of_action(agglo, q, a)},
                               description="Les données des conventions en fichiers ouverts (JSON, CSV, GeoJSON) sous Licence Ouverte 2.0."))
    events = agglomeration_events(agglo)
    pages.append(GeneratedPage(HISTORY_URI, "Historique des modifications", "historique.md.j2", {"feed_path": FEED_PATH, "events": events},
                               description="Les changements de toutes les conventions de l'agglomération, du plus récent au plus ancien."))
    site_map = GeneratedPage(SITE_MAP_URI, "Plan du site", "plan_agglomeration.md.j2", in_nav=False, searchable=False, description="Toutes les pages du site.")
    pages.append(site_map)
    site_map.context.update(listed=list(pages), legal_pages=LEGAL_PAGES, hand_written=[])
    updated = max(e.date for e in events)
    for page in pages:
        page.updated = updated
    return pages


def feeds(agglo: Agglomeration, merged: Convention, site_url: str | None) -> dict[str, bytes]:
    """The Atom feed of the whole agglomeration's history, and of each commune's (site path → bytes)."""
    found = {FEED_PATH: feed.atom(merged, site_url, events=agglomeration_events(agglo))}
    for commune in agglo.communes:
        found[commune_feed_path(commune.id)] = feed.atom(commune.convention, site_url, events=commune_events(commune),
                                                         history_uri=commune_history_uri(commune.id), feed_path=commune_feed_path(commune.id))
    return found


def scripts() -> dict[str, bytes]:
    """The scripts only an agglomeration's site loads (site path → bytes)."""
    source = html(documents=True).get_template("adresses_agglomeration.js.j2").render()
    return {ADDRESSES_SCRIPT: source.encode("utf-8")}


def _commune_of_action(agglo: Agglomeration, quartier_id: str, action_id: str) -> str:
    """Id of the commune whose convention commits action `action_id` to the quartier."""
    for commune, description in agglo.quartier(quartier_id).descriptions:
        if any(a.id == action_id for p in description.objectifs for a in p.actions):
            return commune.id
    return agglo.quartier(quartier_id).communes[0].id


def nav(agglo: Agglomeration, merged: Convention, pages: list[GeneratedPage], extra: list[Any]) -> list[Any]:
    by_uri = {p.src_uri: p for p in pages}
    communes: list[Any] = [{"Toutes les communes": COMMUNES_URI}] + [{c.nom: commune_uri(c.id)} for c in agglo.communes]
    quartiers: list[Any] = [{"Tous les quartiers": "quartiers/index.md"}]
    if lists_every_quartier(merged):
        quartiers += [{q.nom: quartier_uri(q.id)} for q in agglo.quartiers]
    result: list[Any] = [{"Accueil": "index.md"}, {"Les communes": communes}, {"Les quartiers": quartiers},
                         enjeux_nav(agglo.referentiel)]
    return result + reference_nav(by_uri, extra)
