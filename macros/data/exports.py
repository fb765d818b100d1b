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

from macros.data import evaluation_exports
from macros.data.export_fields import BILANS_JSON_FIELDS, INDICATORS_COLUMNS, agglomeration_grouped, grouped
from macros.domain.convention import Convention
from macros.domain.model import Action, Quartier, Referentiel, Releve
from macros.domain.site import CommuneConvention, Site
from macros.domain.uris import AddressScheme, CommuneSite, enjeu_uri, objectif_uri, orientation_uri, quartier_uri
from macros.lifecycle.history import History

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

# Settings of the site's own tools, not of the convention: not open data.
SITE_TOOLING = {"edition"}


class Urls:
    """Public addresses of pages and anchors, absolute when the site's address is known."""

    def __init__(self, site_url: str | None, directory_urls: bool = True, addresses: AddressScheme | None = None):
        self.base = (site_url or "").rstrip("/") + "/" if site_url else ""
        self.directory_urls = directory_urls
        self.addresses = addresses or CommuneSite()

    def page(self, src_uri: str) -> str:
        path = src_uri[: -len(".md")]
        if path == "index" or path.endswith("/index"):
            path = path[: -len("index")]
        elif self.directory_urls:
            path += "/"
        else:
            path += ".html"
        return self.base + path

    def action(self, commune_id: str, quartier_id: str, action_id: str) -> str:
        return f"{self.page(quartier_uri(quartier_id))}#{self.addresses.action_anchor(commune_id, action_id)}"

    def action_in_objectif(self, commune_id: str, objectif_id: str, quartier_id: str, action_id: str) -> str:
        return f"{self.page(objectif_uri(objectif_id))}#{self.addresses.objectif_action_anchor(commune_id, quartier_id, action_id)}"


def latest_update(action: Action) -> str:
    return max(s.date for s in action.suivi).isoformat() if action.suivi else ""


# --- JSON -----------------------------------------------------------------------------


def convention_json(convention: Convention, urls: Urls, commune_id: str = "") -> bytes:
    c = convention
    history = History(c)
    document = {
        "schema_version": SCHEMA_VERSION,
        "mise_a_jour": history.convention_updated().isoformat(),
        "licence": LICENCE,
        "source": urls.page("index.md"),
        "contrat": c.contrat.model_dump(mode="json", exclude=SITE_TOOLING),
        "referentiel": _referentiel_json(c.referentiel, urls),
        "quartiers": [_quartier_json(q, urls, history, commune_id) for q in c.quartiers],
        "chiffres_agglomeration": [releve.model_dump(mode="json") for releve in _by_year(c.chiffres_reference)],
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


def _quartier_json(quartier: Quartier, urls: Urls, history: History, commune_id: str) -> dict[str, Any]:
    data = quartier.model_dump(mode="json")
    data["portrait"] = [releve.model_dump(mode="json") for releve in _by_year(quartier.portrait)]
    data["url"] = urls.page(quartier_uri(quartier.id))
    data["mise_a_jour"] = history.quartier_updated(quartier).isoformat()
    for poursuivi, poursuivi_data in zip(quartier.objectifs, data["objectifs"]):
        poursuivi_data["url"] = urls.page(objectif_uri(poursuivi_data["objectif"]))
        for action, action_data in zip(poursuivi.actions, poursuivi_data["actions"]):
            action_data["url"] = urls.action(commune_id, quartier.id, action_data["id"])
            action_data["provenance"] = history.provenance(action)
    return data


# --- CSV ------------------------------------------------------------------------------


def _commune_rows(commune: CommuneConvention, urls: Urls) -> list[dict[str, str]]:
    convention = commune.convention
    history = History(convention)
    rows = []
    for quartier, placement, action in convention.actions():
        rows.append(
            {
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
                "url": urls.action(commune.id, quartier.id, action.id),
            }
        )
    return rows


def csv_columns(site: Site) -> dict[str, str]:
    """The columns of actions.csv: with the commune of each row where the site has several."""
    return CSV_COLUMNS if site.own else AGGLOMERATION_CSV_COLUMNS


def actions_rows(site: Site, urls: Urls, communes: list[CommuneConvention] | None = None) -> list[dict[str, str]]:
    """One row per action and per commune, communes in the site's order, each in its convention's order;
    each row names its commune (a column of the file where the site has several: csv_columns)."""
    rows = []
    for commune in communes if communes is not None else site.communes:
        rows += [{"commune": commune.id, **row} for row in _commune_rows(commune, urls)]
    return rows


def actions_csv(site: Site, urls: Urls, with_suivi_columns: bool = False) -> bytes:
    """One row per action; the staff copy adds empty columns for a new dated update."""
    columns = list(csv_columns(site)) + (list(SUIVI_COLUMNS) if with_suivi_columns else [])
    return _csv(columns, actions_rows(site, urls))


def _csv(columns: list[str], rows: list[dict[str, str]]) -> bytes:
    """A spreadsheet as staff open it: « ; », CRLF, UTF-8 with BOM; missing cells empty, and
    only the columns named (an action's commune, on a commune's own site, is not one)."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=columns, delimiter=CSV_SEPARATOR, lineterminator="\r\n", restval="", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode(CSV_ENCODING)


def _territory_rows(convention: Convention) -> list[dict[str, str]]:
    """A convention's figures: each quartier's; oldest year first, content order within a year."""
    rows = []
    for quartier in convention.quartiers:
        rows += _figure_rows(convention, quartier.id, quartier.nom, quartier.portrait)
    return rows


def _figure_rows(convention: Convention, ident: str, nom: str, releves: list[Releve]) -> list[dict[str, str]]:
    rows = []
    for releve in _by_year(releves):
        for valeur in releve.valeurs:
            indicateur = convention.indicateurs[valeur.indicateur]
            rows.append(
                {
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
                }
            )
    return rows


def statistics_rows(site: Site) -> list[dict[str, str]]:
    """Each quartier's figures once (a shared quartier's as each commune's file gives them:
    identical rows once), in the site's order of quartiers, then the agglomeration's, which
    every commune shares."""
    rows: list[dict[str, str]] = []
    seen: set[tuple] = set()
    for commune in site.communes:
        for row in _territory_rows(commune.convention):
            key = tuple(row.values())
            if key not in seen:
                seen.add(key)
                rows.append(row)
    order = {q.id: n for n, q in enumerate(site.quartiers)}
    rows.sort(key=lambda r: order.get(r["territoire"], len(order)))  # stable: years and content order kept
    first = site.communes[0].convention
    return rows + _figure_rows(first, AGGLOMERATION_ID, site.identity.agglomeration.nom, first.chiffres_reference)


def _decimal(value: float) -> str:
    """40.1 → « 40,1 », 2000.0 → « 2000 »: what French spreadsheets read as a number."""
    return (str(int(value)) if float(value).is_integer() else repr(float(value))).replace(".", ",")


def statistics_csv(site: Site) -> bytes:
    return _csv(list(STATISTICS_COLUMNS), statistics_rows(site))


# --- GeoJSON --------------------------------------------------------------------------


def perimetres_geojson(site: Site, urls: Urls) -> bytes:
    """Each quartier once, with the perimeter of the first commune whose file maps it."""
    mapped = []
    for quartier in site.quartiers:
        found = [
            (q, c.convention.perimetres.get(q.id))
            for c, q in quartier.descriptions
            if q.perimetre is not None and c.convention.perimetres.get(q.id) is not None
        ]
        mapped.append(found[0] if found else (quartier.descriptions[0][1], None))
    return _perimetres(mapped, urls)


def _perimetres(mapped: list[tuple[Quartier, dict[str, Any] | None]], urls: Urls) -> bytes:
    features = []
    for quartier, geo in mapped:
        if quartier.perimetre is None or geo is None:
            continue
        features.append(
            {
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
            }
        )
    # one feature per line: compact, yet a change shows as a one-line diff
    lines = ",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features)
    body = f"\n{lines}\n" if features else ""
    return f'{{"type":"FeatureCollection","features":[{body}]}}\n'.encode()


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


def files(site: Site, site_url: str | None, directory_urls: bool = True) -> dict[str, bytes]:
    """Site path → bytes of every export file. convention.json: a commune's own convention as it
    is, or every commune's, each quartier once with what every commune's convention commits to it;
    the yearly evaluation's files: a commune's own site only."""
    urls = Urls(site_url, directory_urls, site.addresses)
    own = site.own
    found = {
        JSON_FILE: convention_json(own.convention, urls, own.id) if own else _communes_json(site, urls),
        CSV_FILE: actions_csv(site, urls),
        STATISTICS_FILE: statistics_csv(site),
        GEOJSON_FILE: perimetres_geojson(site, urls),
    }
    if own:
        found[evaluation_exports.INDICATORS_FILE] = evaluation_exports.indicators_csv(own.convention)
        found[evaluation_exports.BILANS_FILE] = evaluation_exports.bilans_json(own.convention, own.id, urls, LICENCE, urls.page("index.md"))
    return found


def describe(site: Site) -> dict[str, Any]:
    """What the Données page says about the files: names, fields, licence, an example action."""
    example = None
    for commune in site.communes:
        actions = commune.convention.actions()
        if actions:
            quartier, placement, action = actions[0]
            example = {"commune": commune, "quartier": quartier, "objectif": placement.objectif, "action": action}
            break
    own = site.own
    return {
        "licence": LICENCE,
        "files": {
            kind: {"path": path, "name": path.rsplit("/", 1)[-1]}
            for kind, path in (
                ("json", JSON_FILE),
                ("csv", CSV_FILE),
                ("statistics", STATISTICS_FILE),
                ("geojson", GEOJSON_FILE),
                ("indicators", evaluation_exports.INDICATORS_FILE),
                ("bilans", evaluation_exports.BILANS_FILE),
            )
        },
        "evaluation": own is not None,  # indicators and bilans: a commune's own site
        "indicators_columns": INDICATORS_COLUMNS,
        "indicators_count": len(evaluation_exports.indicators_rows(own.convention)) if own else 0,
        "bilans_fields": list(BILANS_JSON_FIELDS.items()),
        "csv_columns": csv_columns(site),
        "statistics_columns": STATISTICS_COLUMNS,
        "statistics_count": len(statistics_rows(site)),
        "geojson_properties": GEOJSON_PROPERTIES,
        "json_groups": grouped() if own else agglomeration_grouped(),
        "example": example,
    }


# --- an agglomeration: one site, every commune's convention -----------------------------

AGGLOMERATION_CSV_COLUMNS: dict[str, str] = {
    "commune": "Identifiant de la commune dont la convention prévoit l'action (une ligne par action et par commune).",
    **{k: v for k, v in CSV_COLUMNS.items() if k != "url"},
    "url": "Adresse de l'action dans la page de son quartier (l'ancre nomme la commune).",
}


def _referentiel_json(referentiel_model: Referentiel, urls: Urls) -> dict[str, Any]:
    """The référentiel with the address of each enjeu, orientation and objectif page."""
    referentiel = referentiel_model.model_dump(mode="json")
    for enjeu in referentiel["enjeux"]:
        enjeu["url"] = urls.page(enjeu_uri(enjeu["id"]))
        for orientation in enjeu["orientations"]:
            orientation["url"] = urls.page(orientation_uri(orientation["id"]))
            for objectif in orientation["objectifs"]:
                objectif["url"] = urls.page(objectif_uri(objectif["id"]))
    return referentiel


def _communes_json(site: Site, urls: Urls) -> bytes:
    """Every commune: its contrat and avenants, each quartier once with what every commune's
    convention commits to it, actions addressed with their commune."""
    histories = {c.id: History(c.convention) for c in site.communes}
    communes = [
        {
            "id": c.id,
            "nom": c.nom,
            "url": urls.page(site.addresses.commune_home(c.id)),
            "mise_a_jour": histories[c.id].convention_updated().isoformat(),
            "contrat": c.convention.contrat.model_dump(mode="json", exclude=SITE_TOOLING),
            "avenants": [a.model_dump(mode="json") for a in c.convention.avenants],
        }
        for c in site.communes
    ]
    quartiers = []
    for quartier in site.quartiers:
        engagements = [
            {"commune": commune.id, **_quartier_json(description, urls, histories[commune.id], commune.id)}
            for commune, description in quartier.descriptions
        ]
        quartiers.append(
            {
                "id": quartier.id,
                "nom": quartier.nom,
                "statut": quartier.statut,
                "url": urls.page(quartier_uri(quartier.id)),
                "engagements": engagements,
            }
        )
    document = {
        "schema_version": SCHEMA_VERSION,
        "mise_a_jour": max(h.convention_updated() for h in histories.values()).isoformat(),
        "licence": LICENCE,
        "source": urls.page("index.md"),
        "agglomeration": site.meta.model_dump(mode="json", exclude=SITE_TOOLING) if site.meta else None,
        "referentiel": _referentiel_json(site.referentiel, urls),
        "communes": communes,
        "quartiers": quartiers,
        "chiffres_agglomeration": [r.model_dump(mode="json") for r in _by_year(site.communes[0].convention.chiffres_reference)],
    }
    return _json(document)
