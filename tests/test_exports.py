"""Open data exports (donnees/): read from the real built site, checked against the content."""

from __future__ import annotations

import csv
import html as html_lib
import io
import json
import re
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from macros.data import exports
from macros.data.export_fields import JSON_FIELDS, json_paths
from macros.domain.model import Contrat, Quartier, Referentiel
from macros.lifecycle.history import History
from macros.reading.loader import load_convention
from macros.reading.site import load_site
from macros.text import typography
from tests.support.sitebuild import SIGNED

FILES = (exports.JSON_FILE, exports.CSV_FILE, exports.GEOJSON_FILE)


@pytest.fixture(scope="module")
def convention():
    return load_convention(SIGNED)


def csv_rows(site_dir: Path) -> tuple[bytes, list[list[str]]]:
    raw = (site_dir / exports.CSV_FILE).read_bytes()
    text = raw.decode("utf-8-sig")
    return raw, list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def article(site_dir: Path, path: str) -> str:
    page = (site_dir / path).read_text(encoding="utf-8")
    return page[page.index("<article") : page.index("</article>")]


def text_of(fragment: str) -> str:
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", fragment))


# --- CSV ------------------------------------------------------------------------------


def test_csv_has_one_row_per_action_for_excel_in_french(site_dir, convention):
    raw, rows = csv_rows(site_dir)
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 avec BOM attendu (Excel)"
    assert b"\r\n" in raw and raw.count(b"\r\n") == raw.count(b"\n")
    header, body = rows[0], rows[1:]
    assert header == list(exports.CSV_COLUMNS)
    assert len(body) == len(convention.actions()) == 204
    expected = [(q.id, a.id) for q, _, a in convention.actions()]
    assert [(r[0], r[6]) for r in body] == expected
    by_key = {(q.id, a.id): (q, p, a) for q, p, a in convention.actions()}
    for row in body:
        record = dict(zip(header, row))
        quartier, placement, action = by_key[(record["quartier"], record["action"])]
        assert record["quartier_nom"] == quartier.nom
        assert (record["enjeu"], record["orientation"], record["objectif"]) == (
            placement.enjeu.id,
            placement.orientation.id,
            placement.objectif.id,
        )
        assert record["objectif_titre"] == placement.objectif.titre
        assert record["texte"] == action.texte
        assert record["statut"] == (action.statut or "")


def test_csv_urls_point_at_existing_action_anchors(site_dir):
    _, rows = csv_rows(site_dir)
    header = rows[0]
    pages: dict[str, str] = {}
    for row in rows[1:]:
        record = dict(zip(header, row))
        url = record["url"]
        path, anchor = re.sub(r"^https?://[^/]+/", "", url).split("#")
        assert path == f"quartiers/{record['quartier']}/" and anchor == f"action-{record['action']}"
        html = pages.setdefault(path, (site_dir / path / "index.html").read_text(encoding="utf-8"))
        assert f'id="{anchor}"' in html, url
        objectif_page = (site_dir / "objectifs" / record["objectif"] / "index.html").read_text(encoding="utf-8")
        assert f'id="{record["quartier"]}--{record["action"]}"' in objectif_page


# --- JSON -----------------------------------------------------------------------------


def test_json_holds_the_whole_convention(site_dir, convention):
    data = json.loads((site_dir / exports.JSON_FILE).read_text(encoding="utf-8"))
    assert data["schema_version"] == exports.SCHEMA_VERSION
    assert data["mise_a_jour"] == History(convention).convention_updated().isoformat()
    assert data["licence"]["url"] == "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
    assert data["contrat"]["titre"] == convention.contrat.titre
    assert [e["id"] for e in data["referentiel"]["enjeux"]] == [e.id for e in convention.referentiel.enjeux]
    assert len(data["quartiers"]) == len(convention.quartiers) == 3
    actions = [(q["id"], a["id"], a["statut"]) for q in data["quartiers"] for p in q["objectifs"] for a in p["actions"]]
    assert actions == [(q.id, a.id, a.statut) for q, _, a in convention.actions()]
    first = data["quartiers"][0]
    assert list(first)[:3] == ["id", "nom", "titre"], "ordre des clés : celui du modèle"


def _model_paths(model: type[BaseModel], prefix: str) -> set[str]:
    from macros.reading.messages import _unwrap

    paths = set()
    for name, info in model.model_fields.items():
        if name in exports.SITE_TOOLING:  # the site's own tools' settings are not open data
            continue
        path = prefix + name + ("[]" if "list[" in str(info.annotation) else "")
        paths.add(path)
        inner = _unwrap(info.annotation)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            paths |= _model_paths(inner, path + ".")
    return paths


def test_every_json_key_is_described_on_the_donnees_page(site_dir):
    data = json.loads((site_dir / exports.JSON_FILE).read_text(encoding="utf-8"))
    # keys present now, and every key the model can produce (suivi, indicateurs… once filled)
    produced = (
        json_paths(data)
        | _model_paths(Contrat, "contrat.")
        | _model_paths(Referentiel, "referentiel.")
        | _model_paths(Quartier, "quartiers[].")
    )
    undocumented = sorted(produced - set(JSON_FIELDS))
    assert not undocumented, f"clés de convention.json à décrire dans macros/data/export_fields.py : {undocumented}"
    page = text_of(article(site_dir, "donnees/index.html"))
    for path in JSON_FIELDS:
        assert path in page, path


# --- GeoJSON --------------------------------------------------------------------------


def test_geojson_has_one_feature_per_mapped_quartier(site_dir, convention):
    data = json.loads((site_dir / exports.GEOJSON_FILE).read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    expected = [q.id for q in convention.quartiers if q.perimetre is not None and q.id in convention.perimetres]
    assert [f["properties"]["id"] for f in data["features"]] == expected
    quartiers = {q.id: q for q in convention.quartiers}
    for feature in data["features"]:
        properties = feature["properties"]
        quartier = quartiers[properties["id"]]
        assert list(properties) == list(exports.GEOJSON_PROPERTIES)
        assert (properties["nom"], properties["statut"]) == (quartier.nom, quartier.statut)
        assert (properties["nature"], properties["source"]) == (quartier.perimetre.nature, quartier.perimetre.source)
        assert properties["url"].endswith(f"/quartiers/{quartier.id}/")
        assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
        for lon, lat in _points(feature["geometry"]):
            assert -180 <= lon <= 180 and -90 <= lat <= 90


def _points(geometry):
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    for polygon in polygons:
        for ring in polygon:
            yield from ring


# --- determinism ----------------------------------------------------------------------


def test_exports_are_byte_identical_across_builds(site_dir, shared_sites):
    again = shared_sites.site(again=True)  # the second build tests/test_maps.py compares too
    for path in FILES:
        assert (again / path).read_bytes() == (site_dir / path).read_bytes(), path


def test_exports_date_comes_from_content_not_the_clock(convention):
    site = load_site(SIGNED)
    produced = exports.files(site, "https://exemple.fr/")
    assert typing.cast(dict, json.loads(produced[exports.JSON_FILE]))["mise_a_jour"] == History(convention).convention_updated().isoformat()
    assert produced == exports.files(load_site(SIGNED), "https://exemple.fr/")


# --- the Données page -----------------------------------------------------------------


def test_donnees_page_links_the_files_and_describes_them(site_dir, convention):
    html = article(site_dir, "donnees/index.html")
    hrefs = set(re.findall(r'href="([^"]+)"', html))
    for path in FILES:
        name = path.rsplit("/", 1)[-1]
        assert name in hrefs, f"lien vers {name} attendu (relatif, vérifié par MkDocs)"
        assert (site_dir / path).is_file()
    assert "https://www.etalab.gouv.fr/licence-ouverte-open-licence/" in hrefs
    text = text_of(html)
    assert "Licence Ouverte / Etalab 2.0" in text
    assert typography.date(History(convention).convention_updated()) in text
    assert "UTF-8 avec BOM" in text and "point-virgule" in text
    for name in [*exports.CSV_COLUMNS, *exports.GEOJSON_PROPERTIES]:
        assert f"<code>{name}</code>" in html_lib.unescape(html), name
    for pattern in ("objectifs/<objectif>/", "quartiers/<quartier>/#action-<action>", "objectifs/<objectif>/#<quartier>--<action>"):
        assert pattern in text, pattern


def test_donnees_page_example_links_reach_real_anchors(site_dir):
    html = article(site_dir, "donnees/index.html")
    hrefs = re.findall(r'href="(\.\./(?:quartiers|objectifs)/[^"]+#[^"]+)"', html)
    assert len(hrefs) == 2, hrefs
    for href in hrefs:
        path, anchor = href.removeprefix("../").split("#")
        target = (site_dir / path / "index.html").read_text(encoding="utf-8")
        assert f'id="{anchor}"' in target, href
