"""Open data files published with the site: the whole convention (JSON), one row
per action (CSV), one row per dated figure (CSV) and the quartiers' perimeters (GeoJSON).

Every file is a pure function of the content: the date written in them is the
latest date of the content (history.History), never the clock, and key and row orders follow the
content, so two builds of the same content give byte-identical files.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from macros.domain import agglomeration_uris
from macros.domain.agglomeration_model import Agglomeration, CommuneConvention
from macros.domain.convention import Convention
from macros.data.export_fields import agglomeration_grouped, grouped
from macros.lifecycle.history import History
from macros.domain.model import Action, Quartier, Releve
from macros.rendering.pages import objectif_uri, orientation_uri, enjeu_uri, quartier_uri

SCHEMA_VERSION = 2  # 2: portrait became a list of dated relevés; agglomeration figures in chiffres_agglomeration
LICENCE = {"nom": "Licence Ouverte / Etalab 2.0", "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"}

DIRECTORY = "donnees"
JSON_FILE = f"{DIRECTORY}/convention.json"
CSV_FILE = f"{DIRECTORY}/actions.csv"
GEOJSON_FILE = f"{DIRECTORY}/perimetres.geojson"
STATISTICS_FILE = f"{DIRECTORY}/statistiques.csv"
AGGLOMERATION_ID = "agglomeration"

# Spreadsheet users in France: Excel expects « ; » and reads UTF-8 only with a BOM.
CSV_SEPARATOR = ";"
CSV_ENCODING = "utf-8-sig"

# Column → description, in file order (the Données page prints this table).
CSV_COLUMNS: dict[str, str] = {
    "quartier": "Identifiant du quartier (stable, figure dans l'adresse de sa page).",
    "quartier_nom": "Nom du quartier.",
    "enjeu": "Identifiant de l'enjeu auquel l'objectif se rattache.",
    "orientation": "Identifiant de l'orientation stratégique auquel l'objectif se rattache.",
    "objectif": "Identifiant de l'objectif opérationnel (stable, figure dans l'adresse de sa page).",
    "objectif_titre": "Intitulé de l'objectif opérationnel.",
    "action": "Identifiant de l'action, unique dans son quartier (stable, figure dans l'adresse de l'action).",
    "texte": "Texte de l'action, tel qu'écrit dans la convention.",
    "statut": "Avancement : « à engager », « en cours », « réalisée » ou « abandonnée » ; case vide : non renseigné.",
    "statut_date": "Date (AAAA-MM-JJ) à laquelle le statut a été constaté ; vide si elle n'est pas connue.",
    "provenance": "D'où vient le texte : « texte signé », « restaurée », « ajoutée par l'avenant n° … », « modifiée par l'avenant n° … », « retirée par l'avenant n° … », « corrigée le … ».",
    "derniere_mise_a_jour": "Date (AAAA-MM-JJ) du dernier point de suivi de l'action ; vide s'il n'y en a pas.",
    "url": "Adresse de l'action dans la page de son quartier.",
}
# Extra columns of the staff's working copy (convention exporter-actions): a new dated update.
SUIVI_COLUMNS: dict[str, str] = {
    "nouveau_suivi_date": "Date d'un nouveau point de suivi à ajouter (AAAA-MM-JJ ou JJ/MM/AAAA).",
    "nouveau_suivi_texte": "Texte de ce nouveau point de suivi.",
}

# One row per figure: every year and source of every quartier and of the agglomeration.
STATISTICS_COLUMNS: dict[str, str] = {
    "territoire": f"Identifiant du quartier, ou « {AGGLOMERATION_ID} » pour l'ensemble de l'agglomération.",
    "territoire_nom": "Nom du quartier ou de l'agglomération.",
    "indicateur": "Identifiant de l'indicateur (voir referentiel.indicateurs dans convention.json).",
    "indicateur_libelle": "Libellé de l'indicateur.",
    "unite": "Unité : pourcentage, habitants, hectares ou indice.",
    "annee": "Année du chiffre.",
    "valeur": "Valeur, avec une virgule décimale (40,1 pour 40,1 %).",
    "environ": "« oui » si la valeur est approximative, sinon vide.",
    "commentaire": "Précision donnée avec la valeur ; vide s'il n'y en a pas.",
    "source": "Source du chiffre telle que la convention la nomme.",
}

GEOJSON_PROPERTIES: dict[str, str] = {
    "id": "Identifiant du quartier.",
    "nom": "Nom du quartier.",
    "statut": "QPV (quartier prioritaire), QIC (quartier d'intérêt communautaire) ou QVA (quartier de veille active).",
    "code": "Code national du quartier dans la liste la plus récente ; null s'il n'en a pas.",
    "nature": "« officiel » (périmètre réglementaire) ou « indicatif » (tracé approximatif).",
    "source": "Origine du tracé.",
    "url": "Adresse de la page du quartier.",
}


class Urls:
    """Public addresses of pages and anchors, absolute when the site's address is known."""

    def for_commune(self, commune_id: str) -> "CommuneUrls":
        return CommuneUrls(commune_id, self.base or None, self.directory_urls)

    def __init__(self, site_url: str | None, directory_urls: bool = True):
        self.base = (site_url or "").rstrip("/") + "/" if site_url else ""
        self.directory_urls = directory_urls

    def page(self, src_uri: str) -> str:
        path = src_uri[: -len(".md")]
        if path == "index" or path.endswith("/index"):
            path = path[: -len("index")]
        elif self.directory_urls:
            path += "/"
        else:
            path += ".html"
        return self.base + path

    def action(self, quartier_id: str, action_id: str) -> str:
        return f"{self.page(quartier_uri(quartier_id))}#action-{action_id}"

    def action_in_objectif(self, objectif_id: str, quartier_id: str, action_id: str) -> str:
        return f"{self.page(objectif_uri(objectif_id))}#{quartier_id}--{action_id}"


class CommuneUrls(Urls):
    """In the agglomeration site, one commune's actions: the anchors name the commune (AGGLO_SPEC)."""

    def __init__(self, commune_id: str, site_url: str | None, directory_urls: bool = True):
        super().__init__(site_url, directory_urls)
        self.commune_id = commune_id

    def action(self, quartier_id: str, action_id: str) -> str:
        return self.base + agglomeration_uris.action(self.commune_id, quartier_id, action_id)

    def action_in_objectif(self, objectif_id: str, quartier_id: str, action_id: str) -> str:
        return self.base + agglomeration_uris.action_in_objectif(objectif_id, self.commune_id, quartier_id, action_id)


def latest_update(action: Action) -> str:
    return max(s.date for s in action.suivi).isoformat() if action.suivi else ""


# --- JSON -----------------------------------------------------------------------------


def convention_json(convention: Convention, urls: Urls) -> bytes:
    c = convention
    referentiel = c.referentiel.model_dump(mode="json")
    for enjeu, enjeu_data in zip(c.referentiel.enjeux, referentiel["enjeux"]):
        enjeu_data["url"] = urls.page(enjeu_uri(enjeu.id))
        for orientation, orientation_data in zip(enjeu.orientations, enjeu_data["orientations"]):
            orientation_data["url"] = urls.page(orientation_uri(orientation.id))
            for objectif_data in orientation_data["objectifs"]:
                objectif_data["url"] = urls.page(objectif_uri(objectif_data["id"]))
    history = History(c)
    document = {
        "schema_version": SCHEMA_VERSION,
        "mise_a_jour": history.convention_updated().isoformat(),
        "licence": LICENCE,
        "source": urls.page("index.md"),
        "contrat": c.contrat.model_dump(mode="json"),
        "referentiel": referentiel,
        "quartiers": [_quartier_json(q, urls, history) for q in c.quartiers],
        "chiffres_agglomeration": [releve.model_dump(mode="json") for releve in _by_year(c.agglomeration)],
        "avenants": [a.model_dump(mode="json") for a in c.avenants],
    }
    return _json(document)


def _json(document: dict[str, Any]) -> bytes:
    """Compact: the C encoder (an indented agglomeration file took half a second in the
    pure-Python one), and fewer bytes for phones. Viewers and tools indent it themselves."""
    return (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _by_year(releves: list[Releve]) -> list[Releve]:
    """Relevés oldest first (stable for one year), whatever the order of the content file."""
    return sorted(releves, key=lambda r: r.annee)


def _quartier_json(quartier: Quartier, urls: Urls, history: History) -> dict[str, Any]:
    data = quartier.model_dump(mode="json")
    data["portrait"] = [releve.model_dump(mode="json") for releve in _by_year(quartier.portrait)]
    data["url"] = urls.page(quartier_uri(quartier.id))
    data["mise_a_jour"] = history.quartier_updated(quartier).isoformat()
    for poursuivi, poursuivi_data in zip(quartier.objectifs, data["objectifs"]):
        poursuivi_data["url"] = urls.page(objectif_uri(poursuivi_data["objectif"]))
        for action, action_data in zip(poursuivi.actions, poursuivi_data["actions"]):
            action_data["url"] = urls.action(quartier.id, action_data["id"])
            action_data["provenance"] = history.provenance(action)
    return data


# --- CSV ------------------------------------------------------------------------------


def actions_rows(convention: Convention, urls: Urls) -> list[dict[str, str]]:
    history = History(convention)
    rows = []
    for quartier, placement, action in convention.actions():
        rows.append({
            "quartier": quartier.id,
            "quartier_nom": quartier.nom,
            "enjeu": placement.enjeu.id,
            "orientation": placement.orientation.id,
            "objectif": placement.objectif.id,
            "objectif_titre": placement.objectif.titre,
            "action": action.id,
            "texte": action.texte,
            "statut": action.statut or "",
            "statut_date": action.statut_date.isoformat() if action.statut_date else "",
            "provenance": history.provenance(action),
            "derniere_mise_a_jour": latest_update(action),
            "url": urls.action(quartier.id, action.id),
        })
    return rows


def actions_csv(convention: Convention, urls: Urls, with_suivi_columns: bool = False) -> bytes:
    """One row per action; the staff copy adds empty columns for a new dated update."""
    columns = list(CSV_COLUMNS) + (list(SUIVI_COLUMNS) if with_suivi_columns else [])
    return _csv(columns, actions_rows(convention, urls))


def _csv(columns: list[str], rows: list[dict[str, str]]) -> bytes:
    """A spreadsheet as staff open it: « ; », CRLF, UTF-8 with BOM; missing cells empty."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=columns, delimiter=CSV_SEPARATOR, lineterminator="\r\n", restval="")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode(CSV_ENCODING)


def statistics_rows(convention: Convention) -> list[dict[str, str]]:
    """Every figure: each quartier's, then the agglomeration's; oldest year first, content order within a year."""
    territories = [(q.id, q.nom, q.portrait) for q in convention.quartiers]
    agglo = convention.contrat.agglomeration
    territories.append((AGGLOMERATION_ID, agglo.nom, convention.agglomeration))
    rows = []
    for ident, nom, releves in territories:
        for releve in _by_year(releves):
            for valeur in releve.valeurs:
                indicateur = convention.indicateurs[valeur.indicateur]
                rows.append({
                    "territoire": ident,
                    "territoire_nom": nom,
                    "indicateur": indicateur.id,
                    "indicateur_libelle": indicateur.libelle,
                    "unite": indicateur.unite,
                    "annee": str(releve.annee),
                    "valeur": _decimal(valeur.valeur),
                    "environ": "oui" if valeur.environ else "",
                    "commentaire": valeur.commentaire or "",
                    "source": releve.source,
                })
    return rows


def _decimal(value: float) -> str:
    """40.1 → « 40,1 », 2000.0 → « 2000 »: what French spreadsheets read as a number."""
    return (str(int(value)) if float(value).is_integer() else repr(float(value))).replace(".", ",")


def statistics_csv(convention: Convention) -> bytes:
    return _csv(list(STATISTICS_COLUMNS), statistics_rows(convention))


# --- GeoJSON --------------------------------------------------------------------------


def perimetres_geojson(convention: Convention, urls: Urls) -> bytes:
    return _perimetres([(q, convention.perimetres.get(q.id)) for q in convention.quartiers], urls)


def _perimetres(mapped: list[tuple[Quartier, dict[str, Any] | None]], urls: Urls) -> bytes:
    features = []
    for quartier, geo in mapped:
        if quartier.perimetre is None or geo is None:
            continue
        features.append({
            "type": "Feature",
            "properties": {
                "id": quartier.id,
                "nom": quartier.nom,
                "statut": quartier.statut,
                "code": _current_code(quartier),
                "nature": quartier.perimetre.nature,
                "source": quartier.perimetre.source,
                "url": urls.page(quartier_uri(quartier.id)),
            },
            "geometry": _geometry(geo),
        })
    # one feature per line: compact, yet a change shows as a one-line diff
    lines = ",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features)
    body = f"\n{lines}\n" if features else ""
    return f'{{"type":"FeatureCollection","features":[{body}]}}\n'.encode("utf-8")


def _current_code(quartier: Quartier) -> str | None:
    if not quartier.codes:
        return None
    return max(quartier.codes, key=lambda code: code.liste).code


def _geometry(geo: dict[str, Any]) -> dict[str, Any]:
    """A perimeter file (Feature or FeatureCollection of polygons) as one geometry."""
    features = geo.get("features", []) if geo.get("type") == "FeatureCollection" else [geo]
    geometries = [f["geometry"] for f in features]
    if len(geometries) == 1:
        return geometries[0]
    polygons = []
    for geometry in geometries:
        polygons += [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return {"type": "MultiPolygon", "coordinates": polygons}


def files(convention: Convention, site_url: str | None, directory_urls: bool = True) -> dict[str, bytes]:
    """Site path → bytes of every export file."""
    urls = Urls(site_url, directory_urls)
    return {
        JSON_FILE: convention_json(convention, urls),
        CSV_FILE: actions_csv(convention, urls),
        STATISTICS_FILE: statistics_csv(convention),
        GEOJSON_FILE: perimetres_geojson(convention, urls),
    }


def describe(convention: Convention) -> dict[str, Any]:
    """What the Données page says about the files: names, fields, licence, an example action."""
    actions = convention.actions()
    example = None
    if actions:
        quartier, placement, action = actions[0]
        example = {"quartier": quartier, "objectif": placement.objectif, "action": action}
    return {
        "licence": LICENCE,
        "files": {kind: {"path": path, "name": path.rsplit("/", 1)[-1]}
                  for kind, path in (("json", JSON_FILE), ("csv", CSV_FILE), ("statistics", STATISTICS_FILE), ("geojson", GEOJSON_FILE))},
        "csv_columns": CSV_COLUMNS,
        "statistics_columns": STATISTICS_COLUMNS,
        "statistics_count": len(statistics_rows(convention)),
        "geojson_properties": GEOJSON_PROPERTIES,
        "json_groups": grouped(),
        "example": example,
    }


# --- an agglomeration: one site, every commune's convention -----------------------------

AGGLOMERATION_CSV_COLUMNS: dict[str, str] = {
    "commune": "Identifiant de la commune dont la convention prévoit l'action (une ligne par action et par commune).",
    **{k: v for k, v in CSV_COLUMNS.items() if k != "url"},
    "url": "Adresse de l'action dans la page de son quartier (l'ancre nomme la commune).",
}


def _referentiel_json(agglomeration: Agglomeration, urls: Urls) -> dict[str, Any]:
    referentiel = agglomeration.referentiel.model_dump(mode="json")
    for enjeu in referentiel["enjeux"]:
        enjeu["url"] = urls.page(enjeu_uri(enjeu["id"]))
        for orientation in enjeu["orientations"]:
            orientation["url"] = urls.page(orientation_uri(orientation["id"]))
            for objectif in orientation["objectifs"]:
                objectif["url"] = urls.page(objectif_uri(objectif["id"]))
    return referentiel


def _agglomeration_updated(agglomeration: Agglomeration) -> str:
    return max(History(c.convention).convention_updated() for c in agglomeration.communes).isoformat()


def agglomeration_json(agglomeration: Agglomeration, urls: Urls) -> bytes:
    """The whole agglomeration: each commune's contrat and avenants, each quartier once with
    what every commune's convention commits to it, actions addressed per AGGLO_SPEC."""
    histories = {c.id: History(c.convention) for c in agglomeration.communes}
    communes = [{
        "id": c.id,
        "nom": c.nom,
        "url": urls.page(agglomeration_uris.source_uri(agglomeration_uris.commune(c.id))),
        "mise_a_jour": histories[c.id].convention_updated().isoformat(),
        "contrat": c.convention.contrat.model_dump(mode="json"),
        "avenants": [a.model_dump(mode="json") for a in c.convention.avenants],
    } for c in agglomeration.communes]
    quartiers = []
    for quartier in agglomeration.quartiers:
        engagements = [{"commune": commune.id, **_quartier_json(description, urls.for_commune(commune.id), histories[commune.id])}
                       for commune, description in quartier.descriptions]
        quartiers.append({"id": quartier.id, "nom": quartier.nom, "statut": quartier.statut,
                          "url": urls.page(quartier_uri(quartier.id)), "engagements": engagements})
    first = agglomeration.communes[0].convention if agglomeration.communes else None
    document = {
        "schema_version": SCHEMA_VERSION,
        "mise_a_jour": _agglomeration_updated(agglomeration),
        "licence": LICENCE,
        "source": urls.page("index.md"),
        "agglomeration": agglomeration.meta.model_dump(mode="json"),
        "referentiel": _referentiel_json(agglomeration, urls),
        "communes": communes,
        "quartiers": quartiers,
        "chiffres_agglomeration": [r.model_dump(mode="json") for r in _by_year(first.agglomeration)] if first else [],
    }
    return _json(document)


def agglomeration_actions_rows(agglomeration: Agglomeration, urls: Urls, communes: list[CommuneConvention] | None = None) -> list[dict[str, str]]:
    """One row per action per commune, communes by id, each in its convention's order."""
    rows = []
    for commune in communes if communes is not None else agglomeration.communes:
        rows += [{"commune": commune.id, **row} for row in actions_rows(commune.convention, urls.for_commune(commune.id))]
    return rows


def agglomeration_actions_csv(agglomeration: Agglomeration, urls: Urls, with_suivi_columns: bool = False) -> bytes:
    columns = list(AGGLOMERATION_CSV_COLUMNS) + (list(SUIVI_COLUMNS) if with_suivi_columns else [])
    return _csv(columns, agglomeration_actions_rows(agglomeration, urls))


def agglomeration_statistics_rows(agglomeration: Agglomeration) -> list[dict[str, str]]:
    """Each quartier's figures once (a shared quartier's, as each commune's file gives them:
    identical rows once), then the agglomeration's, which every commune shares."""
    rows: list[dict[str, str]] = []
    seen: set[tuple] = set()
    agglo_rows: list[dict[str, str]] = []
    for commune in agglomeration.communes:
        for row in statistics_rows(commune.convention):
            if row["territoire"] == AGGLOMERATION_ID:
                if commune is agglomeration.communes[0]:  # one file for all communes: once
                    agglo_rows.append({**row, "territoire_nom": agglomeration.meta.nom})
                continue
            key = tuple(row.values())
            if key not in seen:
                seen.add(key)
                rows.append(row)
    order = {q.id: n for n, q in enumerate(agglomeration.quartiers)}
    rows.sort(key=lambda r: order.get(r["territoire"], len(order)))  # stable: years and content order kept
    return rows + agglo_rows


def agglomeration_statistics_csv(agglomeration: Agglomeration) -> bytes:
    return _csv(list(STATISTICS_COLUMNS), agglomeration_statistics_rows(agglomeration))


def agglomeration_perimetres_geojson(agglomeration: Agglomeration, urls: Urls) -> bytes:
    """Each quartier once, with the perimeter of the first commune whose file maps it."""
    mapped = []
    for quartier in agglomeration.quartiers:
        found = [(q, c.convention.perimetres.get(q.id)) for c, q in quartier.descriptions
                 if q.perimetre is not None and c.convention.perimetres.get(q.id) is not None]
        mapped.append(found[0] if found else (quartier.descriptions[0][1], None))
    return _perimetres(mapped, urls)


def agglomeration_files(agglomeration: Agglomeration, site_url: str | None, directory_urls: bool = True) -> dict[str, bytes]:
    """Site path → bytes of every export file of the agglomeration site (same paths as a commune's)."""
    urls = Urls(site_url, directory_urls)
    return {
        JSON_FILE: agglomeration_json(agglomeration, urls),
        CSV_FILE: agglomeration_actions_csv(agglomeration, urls),
        STATISTICS_FILE: agglomeration_statistics_csv(agglomeration),
        GEOJSON_FILE: agglomeration_perimetres_geojson(agglomeration, urls),
    }


def agglomeration_describe(agglomeration: Agglomeration) -> dict[str, Any]:
    """What the agglomeration's Données page says about its files (same shape as describe())."""
    example = None
    for commune in agglomeration.communes:
        actions = commune.convention.actions()
        if actions:
            quartier, placement, action = actions[0]
            example = {"commune": commune, "quartier": quartier, "objectif": placement.objectif, "action": action}
            break
    return {
        "licence": LICENCE,
        "files": {kind: {"path": path, "name": path.rsplit("/", 1)[-1]}
                  for kind, path in (("json", JSON_FILE), ("csv", CSV_FILE), ("statistics", STATISTICS_FILE), ("geojson", GEOJSON_FILE))},
        "csv_columns": AGGLOMERATION_CSV_COLUMNS,
        "statistics_columns": STATISTICS_COLUMNS,
        "statistics_count": len(agglomeration_statistics_rows(agglomeration)),
        "geojson_properties": GEOJSON_PROPERTIES,
        "json_groups": agglomeration_grouped(),
        "example": example,
    }
