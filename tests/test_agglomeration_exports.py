"""Open data of the agglomeration site: every commune's convention in the same four files."""

import csv
import io
import json

import pytest

from macros.data import exports
from macros.data.export_fields import AGGLOMERATION_JSON_FIELDS, agglomeration_grouped, json_paths
from macros.domain.model import AgglomerationFile, Contrat, Quartier, Referentiel
from macros.reading.site import load_agglomeration
from tests.support.sitebuild import ROOT
from tests.test_exports import _model_paths

FIXTURE = ROOT / "tests" / "fixtures" / "agglomeration"
SITE = "https://agglo.example.fr/"


@pytest.fixture(scope="module")
def agglomeration():
    return load_agglomeration(FIXTURE, ROOT)


@pytest.fixture(scope="module")
def files(agglomeration):
    return exports.files(agglomeration, SITE)


def rows(raw: bytes) -> list[dict[str, str]]:
    assert raw.startswith("\ufeff".encode())  # Excel reads UTF-8 only with a BOM
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_same_paths_as_a_communes_site_and_same_bytes_twice(agglomeration, files):
    assert list(files) == [exports.JSON_FILE, exports.CSV_FILE, exports.STATISTICS_FILE, exports.GEOJSON_FILE]
    again = exports.files(load_agglomeration(FIXTURE, ROOT), SITE)
    assert again == files


def test_json_lists_communes_and_each_quartier_once_with_each_communes_engagements(agglomeration, files):
    data = json.loads(files[exports.JSON_FILE])
    assert [c["id"] for c in data["communes"]] == ["rivebelle-les-test", "valmont-sur-test"]
    valmont = data["communes"][1]
    assert valmont["nom"] == "Valmont-sur-Test" and valmont["url"] == f"{SITE}communes/valmont-sur-test/"
    assert valmont["contrat"]["commune"]["nom"] == "Valmont-sur-Test"
    assert data["agglomeration"]["sigle"] == "CCE" and data["source"] == SITE
    assert data["mise_a_jour"] == max(c["mise_a_jour"] for c in data["communes"])
    ids = [q["id"] for q in data["quartiers"]]
    assert len(ids) == len(set(ids)) == len(agglomeration.quartiers)
    moulin = next(q for q in data["quartiers"] if q["id"] == "le-moulin")
    assert moulin["url"] == f"{SITE}quartiers/le-moulin/"
    assert [e["commune"] for e in moulin["engagements"]] == ["rivebelle-les-test", "valmont-sur-test"]
    actions = {(e["commune"], a["id"]): a["url"] for e in moulin["engagements"] for p in e["objectifs"] for a in p["actions"]}
    assert actions[("valmont-sur-test", "lampadaires")] == f"{SITE}quartiers/le-moulin/#valmont-sur-test--action-lampadaires"
    assert (
        actions[("rivebelle-les-test", "eclairage-passerelle")]
        == f"{SITE}quartiers/le-moulin/#rivebelle-les-test--action-eclairage-passerelle"
    )
    objectif = data["referentiel"]["enjeux"][0]["orientations"][0]["objectifs"][0]
    assert objectif["url"] == f"{SITE}objectifs/{objectif['id']}/"
    assert data["chiffres_agglomeration"]


def test_every_json_key_is_documented(files):
    data = json.loads(files[exports.JSON_FILE])
    engagement = "quartiers[].engagements[]."
    produced = (
        json_paths(data)
        | _model_paths(AgglomerationFile, "agglomeration.")
        | _model_paths(Referentiel, "referentiel.")
        | _model_paths(Contrat, "communes[].contrat.")
        | _model_paths(Quartier, engagement)
    )
    undocumented = sorted(produced - set(AGGLOMERATION_JSON_FIELDS))
    assert not undocumented, f"clés à décrire dans macros/data/export_fields.py (AGGLOMERATION_JSON_FIELDS) : {undocumented}"
    # the Données page prints the groups: every documented key is in one
    shown = [path for _, fields in agglomeration_grouped() for path, _ in fields]
    assert sorted(shown) == sorted(AGGLOMERATION_JSON_FIELDS)
    description = exports.describe(load_agglomeration(FIXTURE, ROOT))
    assert next(iter(description["csv_columns"])) == "commune" and description["example"]["commune"].id


def test_actions_csv_has_one_row_per_action_per_commune(agglomeration, files):
    found = rows(files[exports.CSV_FILE])
    assert list(found[0]) == list(exports.AGGLOMERATION_CSV_COLUMNS)
    expected = [(c.id, q.id, a.id) for c in agglomeration.communes for q, _, a in c.convention.actions()]
    assert [(r["commune"], r["quartier"], r["action"]) for r in found] == expected
    for row in found:
        assert row["url"] == f"{SITE}quartiers/{row['quartier']}/#{row['commune']}--action-{row['action']}"
    assert {r["commune"] for r in found if r["quartier"] == "le-moulin"} == {"rivebelle-les-test", "valmont-sur-test"}


def test_statistics_give_the_agglomerations_figures_once(agglomeration, files):
    found = rows(files[exports.STATISTICS_FILE])
    assert list(found[0]) == list(exports.STATISTICS_COLUMNS)
    agglo = [r for r in found if r["territoire"] == exports.AGGLOMERATION_ID]
    assert agglo and len(agglo) == len({(r["indicateur"], r["annee"], r["source"]) for r in agglo})
    assert {r["territoire_nom"] for r in agglo} == {agglomeration.meta.nom}
    assert found[-len(agglo) :] == agglo
    keys = [tuple(r.values()) for r in found]
    assert len(keys) == len(set(keys))
    with_figures = {q.id for c in agglomeration.communes for q in c.convention.quartiers if q.portrait}
    assert {r["territoire"] for r in found} - {exports.AGGLOMERATION_ID} == with_figures


def test_perimeters_give_a_quartier_once(agglomeration, files):
    data = json.loads(files[exports.GEOJSON_FILE])
    ids = [f["properties"]["id"] for f in data["features"]]
    assert len(ids) == len(set(ids))
    assert "le-moulin" in ids  # mapped in one commune's file only: still there
    for feature in data["features"]:
        assert list(feature["properties"]) == list(exports.GEOJSON_PROPERTIES)
        assert feature["properties"]["url"] == f"{SITE}quartiers/{feature['properties']['id']}/"
