"""Random mutations of valid GeoJSON content: French errors from the loader, or maps that draw.

Staff edit perimeters by hand or export them from any tool. Whatever the file holds, the
content either loads and every map of the build (its data file, its SVG drawing, its
folium settings) and the open data are computed without an exception, or the loader
refuses it with French messages. Derandomized: the same examples on every run and in CI.
"""

from __future__ import annotations

import copy
import json
import math
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.data import exports
from macros.reading.errors import ContentErrors
from macros.reading.site import load_site
from macros.rendering.components import Components
from tests.support.sitebuild import SIGNED

TARGETS = ("quartiers/regain.geojson", "communes.geojson")
BASES = {rel: json.loads((SIGNED / rel).read_text(encoding="utf-8")) for rel in TARGETS}
PYTHON_TEXT = re.compile(r"Traceback|Error|Exception|NoneType|object|unpack|\b(None|True|False|nan|inf)\b")
GEOMETRY_TYPES = ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"]

# around the quartiers, so mutated shapes still fall inside their communes now and then
lons = st.floats(2.58, 2.66)
lats = st.floats(50.42, 50.47)
odd_scalars = st.sampled_from([math.nan, math.inf, -math.inf, None, "2.61", True, 0, -200.5, 95, 650000, 10**400, 1e308, [], {}])
numbers = st.one_of(lons, lats, st.floats(-1000, 1000, allow_nan=False), odd_scalars)
positions = st.one_of(
    st.tuples(lons, lats).map(list),
    st.tuples(lons, lats, st.floats(-100, 3000)).map(list),  # with an altitude
    st.lists(numbers, min_size=0, max_size=4),
    odd_scalars,
)
odd_nodes = st.sampled_from([[], {}, None, 0, "x", [[]], [[[]]], {"type": "Polygon"}, {"type": "Polygon", "coordinates": [[]]}])


def nodes(value, parent=None, key=None):
    """(parent, key, value) of every list and dict under value, value itself first."""
    yield parent, key, value
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for k, v in list(items):
        if isinstance(v, (dict, list)):
            yield from nodes(v, value, k)


def pick(draw, found: list):
    return found[draw(st.integers(0, len(found) - 1))] if found else None


def rings(geo) -> list[list]:
    """Lists whose items are all lists of numbers: what rings look like, wherever they are."""
    return [
        v
        for _, _, v in nodes(geo)
        if isinstance(v, list) and v and all(isinstance(p, list) and p and all(isinstance(n, (int, float)) for n in p) for p in v)
    ]


def geometries(geo) -> list[dict]:
    return [
        v
        for _, _, v in nodes(geo)
        if (isinstance(v, dict) and "coordinates" in v) or (isinstance(v, dict) and v.get("type") in GEOMETRY_TYPES)
    ]


def drop_position(draw, geo):
    if ring := pick(draw, rings(geo)):
        del ring[draw(st.integers(0, len(ring) - 1))]
    return geo


def insert_position(draw, geo):
    if ring := pick(draw, rings(geo)):
        ring.insert(draw(st.integers(0, len(ring))), draw(positions))
    return geo


def move_position(draw, geo):
    """A vertex moved nearby, the ring kept closed: spikes, self-intersections, duplicate points."""
    if ring := pick(draw, rings(geo)):
        index = draw(st.integers(0, len(ring) - 1))
        ring[index] = [draw(lons), draw(lats)]
        if index in (0, len(ring) - 1):
            ring[0] = ring[-1] = list(ring[index])
    return geo


def random_ring(draw, geo):
    if ring := pick(draw, rings(geo)):
        points = draw(st.lists(st.tuples(lons, lats).map(list), min_size=0, max_size=7))
        ring[:] = points + points[:1] if draw(st.booleans()) else points
    return geo


def collapse_ring(draw, geo):
    if ring := pick(draw, rings(geo)):
        ring[:] = [list(ring[0]) for _ in ring]
    return geo


def add_altitudes(draw, geo):
    extra = draw(st.lists(st.floats(-100, 3000), min_size=1, max_size=2))
    for ring in rings(geo) if draw(st.booleans()) else [pick(draw, rings(geo)) or []]:
        for position in ring[: draw(st.integers(1, max(1, len(ring))))]:
            position.extend(extra)
    return geo


def replace_number(draw, geo):
    if ring := pick(draw, rings(geo)):
        position = ring[draw(st.integers(0, len(ring) - 1))]
        position[draw(st.integers(0, len(position) - 1))] = draw(numbers)
    return geo


def replace_node(draw, geo):
    found = [(parent, key) for parent, key, _ in nodes(geo) if parent is not None]
    if target := pick(draw, found):
        target[0][target[1]] = draw(odd_nodes)
    return geo


def change_type(draw, geo):
    if geometry := pick(draw, geometries(geo)):
        geometry["type"] = draw(st.sampled_from(GEOMETRY_TYPES + ["Feature", "polygon", None, 3]))
    return geo


def nest(draw, geo):
    """Collections and levels of brackets: a GeometryCollection, one level more or less."""
    geometry = pick(draw, geometries(geo))
    if not geometry:
        return geo
    how = draw(st.sampled_from(["collection", "deeper", "shallower"]))
    if how == "collection":
        inner = copy.deepcopy(geometry)
        geometry.clear()
        geometry.update({"type": "GeometryCollection", "geometries": [inner] * draw(st.integers(0, 2))})
    elif how == "deeper":
        geometry["coordinates"] = [geometry.get("coordinates")]
    elif isinstance(geometry.get("coordinates"), list) and geometry["coordinates"]:
        geometry["coordinates"] = geometry["coordinates"][0]
    return geo


def drop_key(draw, geo):
    found = [(value, key) for _, _, value in nodes(geo) if isinstance(value, dict) for key in value]
    if target := pick(draw, found):
        del target[0][target[1]]
    return geo


def reshape_collection(draw, geo):
    how = draw(st.sampled_from(["feature", "empty", "duplicate", "properties", "bare"]))
    features = geo.get("features") if isinstance(geo, dict) else None
    if not isinstance(features, list) or not features:
        return geo
    if how == "feature":
        return features[0]
    if how == "empty":
        features.clear()
    elif how == "duplicate":
        features.append(copy.deepcopy(features[-1]))
    elif how == "properties" and isinstance(features[0], dict):
        features[0]["properties"] = draw(st.sampled_from([[], "x", None, {"nom": 3}, {"code": None}]))
    elif how == "bare" and isinstance(features[0], dict):
        return features[0].get("geometry")
    return geo


def shift(draw, geo):
    dx, dy = draw(st.sampled_from([(0.5, 0), (0, 0.0005), (180, 0), (0, -100), ("swap", None)]))
    for ring in rings(geo):
        for position in ring:
            if len(position) >= 2 and all(isinstance(n, (int, float)) for n in position[:2]):
                position[:2] = position[1::-1] if dx == "swap" else [position[0] + dx, position[1] + dy]
    return geo


MUTATIONS = [
    drop_position,
    insert_position,
    move_position,
    random_ring,
    collapse_ring,
    add_altitudes,
    replace_number,
    replace_node,
    change_type,
    nest,
    drop_key,
    reshape_collection,
    shift,
]


@st.composite
def mutated(draw):
    target = draw(st.sampled_from(TARGETS))
    geo = copy.deepcopy(BASES[target])
    for mutation in draw(st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=3)):
        geo = mutation(draw, geo)
    return target, geo


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("fuzz") / "content"
    shutil.copytree(SIGNED, target)
    return target


def strict_json(data: bytes):
    def refuse(constant):
        raise AssertionError(f"{constant} in JSON written by the site")

    return json.loads(data, parse_constant=refuse)


@settings(
    max_examples=150,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=mutated())
def test_mutated_geojson_is_refused_in_french_or_drawn(content, case):
    target, geo = case
    for rel in TARGETS:  # the other file back as it was
        (content / rel).write_text(json.dumps(geo if rel == target else BASES[rel], ensure_ascii=False), encoding="utf-8")
    try:
        site = load_site(content)
    except ContentErrors as errors:
        assert errors.problems
        for problem in errors.problems:
            text = problem.format()
            assert not PYTHON_TEXT.search(text), text
            assert problem.file.endswith((".geojson", ".yaml")), text  # a moved commune puts other perimeters outside it
        return
    convention = site.scope
    components = Components(convention, site=site)
    for data in components._map_data.values():
        if data is None:
            continue
        drawn = strict_json(data.payload())
        for collection in (drawn["perimetres"], drawn["communes"] or {"features": []}):
            for feature in collection["features"]:
                geometry = feature["geometry"]
                assert geometry["type"] in ("Polygon", "MultiPolygon")
                polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
                assert all(len(position) == 2 for polygon in polygons for ring in polygon for position in ring)
    for quartier in convention.quartiers:
        assert "cdv-carte" in components.map_quartier(quartier) or quartier.perimetre is None
    components.map_overview()
    strict_json(exports.perimetres_geojson(site, exports.Urls(None, True)))
