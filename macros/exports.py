"""Open data files published with the site: the whole convention (JSON), one row
per action (CSV), one row per dated figure (CSV) and the quartiers' perimeters (GeoJSON).

Every file is a pure function of the content: the date written in them is
`contrat.mise_a_jour`, never the clock, and key and row orders follow the
content, so two builds of the same content give byte-identical files.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .convention import Convention
from .export_fields import grouped
from .model import Action, Quartier, Releve
from .pages import objectif_uri, orientation_uri, enjeu_uri, quartier_uri

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
    document = {
        "schema_version": SCHEMA_VERSION,
        "mise_a_jour": c.contrat.mise_a_jour.isoformat(),
        "licence": LICENCE,
        "source": urls.page("index.md"),
        "contrat": c.contrat.model_dump(mode="json"),
        "referentiel": referentiel,
        "quartiers": [_quartier_json(q, urls) for q in c.quartiers],
        "chiffres_agglomeration": [releve.model_dump(mode="json") for releve in _by_year(c.agglomeration)],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _by_year(releves: list[Releve]) -> list[Releve]:
    """Relevés oldest first (stable for one year), whatever the order of the content file."""
    return sorted(releves, key=lambda r: r.annee)


def _quartier_json(quartier: Quartier, urls: Urls) -> dict[str, Any]:
    data = quartier.model_dump(mode="json")
    data["portrait"] = [releve.model_dump(mode="json") for releve in _by_year(quartier.portrait)]
    data["url"] = urls.page(quartier_uri(quartier.id))
    for poursuivi in data["objectifs"]:
        poursuivi["url"] = urls.page(objectif_uri(poursuivi["objectif"]))
        for action in poursuivi["actions"]:
            action["url"] = urls.action(quartier.id, action["id"])
    return data


# --- CSV ------------------------------------------------------------------------------


def actions_rows(convention: Convention, urls: Urls) -> list[dict[str, str]]:
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
            "derniere_mise_a_jour": latest_update(action),
            "url": urls.action(quartier.id, action.id),
        })
    return rows


def actions_csv(convention: Convention, urls: Urls, with_suivi_columns: bool = False) -> bytes:
    """One row per action; the staff copy adds empty columns for a new dated update."""
    columns = list(CSV_COLUMNS) + (list(SUIVI_COLUMNS) if with_suivi_columns else [])
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=columns, delimiter=CSV_SEPARATOR, lineterminator="\r\n", restval="")
    writer.writeheader()
    writer.writerows(actions_rows(convention, urls))
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
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(STATISTICS_COLUMNS), delimiter=CSV_SEPARATOR, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(statistics_rows(convention))
    return buffer.getvalue().encode(CSV_ENCODING)


# --- GeoJSON --------------------------------------------------------------------------


def perimetres_geojson(convention: Convention, urls: Urls) -> bytes:
    features = []
    for quartier in convention.quartiers:
        geo = convention.perimetres.get(quartier.id)
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
