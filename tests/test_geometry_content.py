"""GeoJSON the maps cannot draw is refused by `make check` in French, at the file and the element;
what they can draw (altitudes included) builds. Never a Python traceback at build time.

Each case breaks the second element (« Secteur nord ») of a copy of a quartier's perimeter, so
the message must say which element; macros/reading/geojson_checks.py says why each is refused.
"""

from __future__ import annotations

import ast
import copy
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros.features import maps
from macros.reading.errors import ContentErrors
from macros.reading.loader import load_convention
from macros.rendering.components import Components
from tests.support.dom import parse
from tests.support.sitebuild import ROOT, SIGNED, build_site

PERIMETER = "quartiers/regain.geojson"
COMMUNES = "communes.geojson"
SECOND = "élément n° 2 (« Secteur nord »)"
PYTHON_WORDS = ("Traceback", "Error", "Exception", "None", "object", "unpack", "NoneType")


@pytest.fixture
def content(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(SIGNED, target)
    return target


def read(content: Path, rel: str) -> dict:
    return json.loads((content / rel).read_text(encoding="utf-8"))


def write(content: Path, rel: str, data: dict) -> None:
    (content / rel).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")  # NaN stays NaN, as json.dumps writes it


def with_second_element(content: Path, change) -> None:
    """The perimeter gets a second element, a copy of the first, then `change(feature)` breaks it."""
    data = read(content, PERIMETER)
    second = copy.deepcopy(data["features"][0])
    second["properties"] = {"nom": "Secteur nord"}
    data["features"].append(second)
    change(second)
    write(content, PERIMETER, data)


def problems(content: Path):
    with pytest.raises(ContentErrors) as info:
        load_convention(content)
    return info.value.problems


def assert_french(problem) -> None:
    text = problem.format()
    assert not any(word in text for word in PYTHON_WORDS), text
    assert problem.hint, text


def outer(feature: dict) -> list:
    return feature["geometry"]["coordinates"][0]


def set_coordinates(value):
    return lambda feature: feature["geometry"].__setitem__("coordinates", value)


def set_geometry(value):
    return lambda feature: feature.__setitem__("geometry", value)


def set_position(index: int, position):
    return lambda feature: outer(feature).__setitem__(index, position)


ALIGNED = [[2.61, 50.44], [2.62, 50.45], [2.63, 50.46], [2.61, 50.44]]
SQUARE = [[2.612, 50.443], [2.614, 50.443], [2.614, 50.445], [2.612, 50.445], [2.612, 50.443]]

CASES = {
    "empty-polygon": (set_coordinates([]), "le polygone est vide"),
    "empty-ring": (set_coordinates([[]]), "le contour extérieur est vide"),
    "ring-of-three-positions": (
        set_coordinates([SQUARE[:2] + SQUARE[:1]]),
        "le contour extérieur n'a que 3 points : il en faut au moins 4",
    ),
    "unclosed-ring": (lambda f: outer(f).pop(), "le contour extérieur n'est pas fermé"),
    "unclosed-hole": (lambda f: f["geometry"]["coordinates"].append(SQUARE[:-1]), "le trou n° 1 n'est pas fermé"),
    "null-geometry": (set_geometry(None), "il n'a pas de géométrie"),
    "missing-geometry": (lambda f: f.pop("geometry"), "il n'a pas de géométrie"),
    "nan": (set_position(2, [float("nan"), 50.44]), "le point n° 3 du contour extérieur contient NaN ou Infinity"),
    "infinity": (set_position(2, [2.61, float("inf")]), "le point n° 3 du contour extérieur contient NaN ou Infinity"),
    "nan-altitude": (set_position(2, [2.61, 50.44, float("nan")]), "contient NaN ou Infinity"),
    "text-coordinate": (set_position(2, ["2.61", 50.44]), "le point n° 3 du contour extérieur n'est pas de la forme [longitude, latitude]"),
    "null-coordinate": (set_position(2, [None, 50.44]), "n'est pas de la forme [longitude, latitude] : [null, 50.44]"),
    "boolean-coordinate": (set_position(2, [True, 50.44]), "n'est pas de la forme [longitude, latitude]"),
    "single-number": (set_position(2, [2.61]), "n'est pas de la forme [longitude, latitude]"),
    "position-not-a-list": (set_position(2, 2.61), "n'est pas de la forme [longitude, latitude]"),
    "point": (set_geometry({"type": "Point", "coordinates": [2.61, 50.44]}), "forme de type « Point »"),
    "linestring": (set_geometry({"type": "LineString", "coordinates": SQUARE}), "forme de type « LineString »"),
    "multipoint": (set_geometry({"type": "MultiPoint", "coordinates": SQUARE}), "forme de type « MultiPoint »"),
    "geometry-collection": (
        set_geometry({"type": "GeometryCollection", "geometries": [{"type": "Polygon", "coordinates": [SQUARE]}]}),
        "forme de type « GeometryCollection » : une collection de géométries n'est pas acceptée",
    ),
    "latitude-out-of-range": (set_position(2, [2.61, 95]), "le point n° 3 du contour extérieur est hors limites (2.61, 95)"),
    "longitude-out-of-range": (
        set_position(2, [-200.5, 50.44]),
        "est hors limites (-200.5, 50.44) : longitude puis latitude, en degrés WGS84",
    ),
    "no-area": (set_coordinates([ALIGNED]), "le tracé n'a pas de surface"),
    "empty-part-of-multipolygon": (
        set_geometry({"type": "MultiPolygon", "coordinates": [[SQUARE], []]}),
        "partie n° 2 : le polygone est vide",
    ),
    "multipolygon-written-as-polygon": (set_coordinates([[SQUARE]]), "ses coordonnées sont imbriquées comme celles d'un MultiPolygon"),
    "polygon-missing-brackets": (
        set_coordinates(SQUARE),
        "les coordonnées n'ont pas le bon nombre de crochets pour un Polygon : 2 niveaux au lieu de 3",
    ),
    "missing-type": (lambda f: f["geometry"].pop("type"), "la géométrie n'a pas de « type »"),
    "unknown-type": (set_geometry({"type": "Polygone", "coordinates": [SQUARE]}), "type de géométrie « Polygone » inconnu"),
    "no-coordinates": (lambda f: f["geometry"].pop("coordinates"), "les coordonnées de la géométrie manquent"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_geometry_is_refused_in_french_naming_file_and_element(content, case):
    change, expected = CASES[case]
    with_second_element(content, change)
    [problem] = problems(content)
    assert problem.file.endswith(PERIMETER)
    assert problem.message.startswith(f"{SECOND} : "), problem.message
    assert expected in problem.message, problem.message
    assert_french(problem)


def test_coordinates_in_metres_are_recognised(content):
    with_second_element(content, set_coordinates([[[650000, 6900000], [650100, 6900000], [650100, 6900100], [650000, 6900000]]]))
    [problem] = problems(content)
    assert "hors limites (650000, 6900000)" in problem.message and "Lambert 93" in problem.hint


def test_an_element_that_is_not_a_feature(content):
    data = read(content, PERIMETER)
    data["features"].append({"type": "Polygon", "coordinates": [SQUARE]})
    write(content, PERIMETER, data)
    [problem] = problems(content)
    assert problem.message == "élément n° 2 : c'est une géométrie seule (type « Polygon »), pas un Feature."
    assert_french(problem)


def test_a_file_that_is_a_bare_geometry(content):
    write(content, PERIMETER, {"type": "Polygon", "coordinates": [SQUARE]})
    [problem] = problems(content)
    assert problem.file.endswith(PERIMETER) and "géométrie seule (type « Polygon »)" in problem.message
    assert_french(problem)


def test_every_problem_of_every_file_is_reported_at_once(content):
    data = read(content, PERIMETER)
    good = data["features"][0]
    for name, change in (("A", set_geometry(None)), ("B", lambda f: outer(f).pop()), ("C", set_position(1, [2.6, float("nan")]))):
        feature = copy.deepcopy(good)
        feature["properties"] = {"nom": name}
        change(feature)
        data["features"].append(feature)
    write(content, PERIMETER, data)
    other = read(content, "quartiers/longuepierre-beclet.geojson")
    other["features"][0]["geometry"] = {"type": "Point", "coordinates": [2.6, 50.4]}
    write(content, "quartiers/longuepierre-beclet.geojson", other)
    found = problems(content)
    assert sorted((Path(p.file).name, p.message.split(" : ")[0]) for p in found) == [
        ("longuepierre-beclet.geojson", "élément n° 1 (« longuepierre-beclet »)"),
        ("regain.geojson", "élément n° 2 (« A »)"),
        ("regain.geojson", "élément n° 3 (« B »)"),
        ("regain.geojson", "élément n° 4 (« C »)"),
    ]


def test_a_broken_file_is_summed_up_after_ten_problems(content):
    data = read(content, PERIMETER)
    data["features"] = [{"type": "Feature", "properties": {}, "geometry": None} for _ in range(25)]
    write(content, PERIMETER, data)
    found = problems(content)
    assert len(found) == 11 and found[-1].message == "… et 15 autres problèmes dans ce fichier."


# --- content/communes.geojson ------------------------------------------------------------------


def test_commune_outline_with_bad_geometry_is_named_by_its_commune(content):
    data = read(content, COMMUNES)
    data["features"][0]["geometry"]["coordinates"] = []
    data["features"][2]["geometry"] = None
    write(content, COMMUNES, data)
    found = problems(content)
    assert {(p.file.endswith(COMMUNES), p.message) for p in found} == {
        (True, "élément n° 1 (« Barlin ») : le polygone est vide (aucune coordonnée)."),
        (True, "élément n° 3 (« Nœux-les-Mines ») : il n'a pas de géométrie (« geometry » vaut null ou manque)."),
    }
    for problem in found:
        assert_french(problem)


def test_check_command_reports_bad_geometry_in_french_without_traceback(content):
    """`make check` runs `convention check`: the editor reads the same French report."""
    with_second_element(content, set_coordinates([]))
    data = read(content, COMMUNES)
    data["features"][1]["geometry"] = {"type": "GeometryCollection", "geometries": []}
    write(content, COMMUNES, data)
    result = subprocess.run([sys.executable, "-m", "macros", "--contenu", str(content), "check"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert f"regain.geojson : {SECOND} : le polygone est vide (aucune coordonnée)." in result.stderr
    assert "communes.geojson : élément n° 2 (« Hersin-Coupigny ») : forme de type « GeometryCollection »" in result.stderr


# --- what is accepted -----------------------------------------------------------------------


def with_altitudes(content: Path, rel: str) -> None:
    """Every position gets an altitude; a few get two more numbers (RFC 7946 allows them)."""
    data = read(content, rel)
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for polygon in polygons:
            for ring in polygon:
                ring[:] = [[*position, 31.5, 7] if i == 1 else [*position, 31.5] for i, position in enumerate(ring)]
    write(content, rel, data)


def test_a_self_intersecting_outline_is_drawn_mended(content):
    """A bow tie drawn by hand has an area: it is drawn as its two triangles, not refused."""
    bow_tie = [[2.612, 50.443], [2.614, 50.445], [2.614, 50.443], [2.612, 50.445], [2.612, 50.443]]
    with_second_element(content, set_coordinates([bow_tie]))
    convention = load_convention(content)
    regain = convention.quartier("regain")
    data = maps.quartier_data(regain, convention.perimetres["regain"], convention.communes_geo)
    assert [f["geometry"]["type"] for f in data.perimetres["features"]] == ["Polygon", "MultiPolygon"]
    assert "<svg" in str(maps.quartier_map(regain, data, maps.MapSettings.from_settings({})))


def test_altitudes_build_and_the_maps_use_longitude_and_latitude(content, tmp_path):
    for rel in (PERIMETER, "quartiers/longuepierre-beclet.geojson", COMMUNES):
        with_altitudes(content, rel)
    flat = load_convention(SIGNED)
    expected = Components(flat)._map_data["regain"]  # as the build computes it, without altitudes
    site = tmp_path / "site"
    result = build_site(site, content_dir=content)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr

    # Leaflet's data: the same shapes as without altitudes, two numbers a position
    built = json.loads((site / "cartes" / "quartier-regain.json").read_text(encoding="utf-8"))
    assert built == json.loads(expected.payload())
    assert all(len(position) == 2 for f in built["communes"]["features"] for ring in f["geometry"]["coordinates"] for position in ring)

    # the drawing shown before the map: the same outlines as without altitudes
    page = parse((site / "quartiers" / "regain" / "index.html").read_text(encoding="utf-8"))
    paths = [p.attrs["d"] for p in page.by_id("carte-regain").find("svg").find_all("path")]
    html = str(maps.quartier_map(flat.quartier("regain"), expected, maps.MapSettings.from_settings({})))
    assert paths and paths == [p.attrs["d"] for p in parse(html).find("svg").find_all("path")]

    # the open data keep the file's own positions
    export = json.loads((site / "donnees" / "perimetres.geojson").read_text(encoding="utf-8"))
    [regain] = [f for f in export["features"] if f["properties"]["id"] == "regain"]
    assert regain["geometry"]["coordinates"][0][0][2] == 31.5
    assert regain["geometry"]["coordinates"][0][1][2:] == [31.5, 7]


# --- module structure -----------------------------------------------------------------------


def _imports(module: Path) -> set[str]:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_the_drawing_does_not_import_the_maps_that_import_it():
    """maps.py imports map_preview.py; the other way round would be a cycle (imports flow one way)."""
    assert "macros.features.map_preview" in _imports(ROOT / "macros" / "features" / "maps.py")
    assert not any(name.startswith("macros.features.maps") for name in _imports(ROOT / "macros" / "features" / "map_preview.py"))
