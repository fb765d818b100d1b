"""GeoJSON content files (perimeters, commune outlines) checked before any map is drawn.

RFC 7946 allows more than a map of areas can use, and json.loads accepts more than
RFC 7946 (NaN, Infinity). Whatever would crash the maps later is refused here, so
`make check` says it in French at the file, element by element, and the build never
meets it:

- accepted: Feature or FeatureCollection of Polygon and MultiPolygon; positions with an
  altitude or more numbers (the maps use longitude and latitude only, the open data
  keep the file as it is);
- refused: a null geometry, points and lines (a perimeter is an area), GeometryCollection
  (RFC 7946 §3.1.8 discourages it, every consumer of the site's open data would have to
  unpack it, and it may hide points or lines: its polygons are one MultiPolygon away),
  empty polygons and rings, rings of fewer than 4 positions or not closed, positions
  that are not numbers, NaN or Infinity, coordinates out of WGS84 range, shapes of no area.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

import shapely
from shapely.geometry import shape

from macros.domain.geojson import planar

MAX_PER_FILE = 10
MIN_AREA = 1e-10  # square degrees, about 1 m²: less is points in a line (floats never make exactly 0)  # beyond, the rest of a broken file adds nothing the first ones do not say

NOT_GEOJSON_HINT = "Un FeatureCollection ou un Feature de polygones en WGS84 (longitude, latitude) est attendu."
EXPORT_HINT = "Réexportez le fichier depuis geojson.io ou QGIS (format GeoJSON, WGS84), ou corrigez-le à la main."
POSITION_HINT = "Chaque point s'écrit [longitude, latitude] avec des nombres à point décimal, ex. [2.65, 50.45] (une altitude en 3e nombre est permise et ignorée)."
AREA_HINT = "Dessinez le tracé comme une surface, avec l'outil « polygone » de geojson.io ou de QGIS."
LINES = ("Point", "MultiPoint", "LineString", "MultiLineString")


def perimeter_name(feature: dict) -> str | None:
    properties = feature.get("properties") or {}
    return next((str(properties[k]) for k in ("nom", "name", "NOM", "quartier") if properties.get(k) not in (None, "")), None)


def problems(data: Any, name: Callable[[dict], str | None] = perimeter_name) -> list[tuple[str, str]]:
    """(message, fix) for each problem of a GeoJSON file, in French; `name` gives a feature's name, if any."""
    if not isinstance(data, dict) or data.get("type") not in ("FeatureCollection", "Feature"):
        kind = data.get("type") if isinstance(data, dict) else None
        if kind in LINES + ("Polygon", "MultiPolygon", "GeometryCollection"):
            return [
                (
                    f"le fichier est une géométrie seule (type « {kind} ») : un Feature ou un FeatureCollection est attendu.",
                    'Enveloppez-la dans un Feature : {"type": "Feature", "properties": {}, "geometry": …}, ou réexportez le fichier depuis geojson.io.',
                )
            ]
        return [("ce n'est pas un GeoJSON (type FeatureCollection ou Feature attendu).", NOT_GEOJSON_HINT)]
    if data["type"] == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list):
            return [("la liste « features » du FeatureCollection manque ou n'est pas une liste [ … ].", NOT_GEOJSON_HINT)]
        if not features:
            return [("le GeoJSON ne contient aucune forme.", NOT_GEOJSON_HINT)]
        labelled = [(f"élément n° {index}", feature) for index, feature in enumerate(features, start=1)]
    else:
        labelled = [("le tracé", data)]
    found = []
    for label, feature in labelled:
        who = label
        if isinstance(feature, dict) and isinstance(feature.get("properties"), dict) and (named := name(feature)):
            who = f"{label} (« {named} »)"
        found += [(f"{who} : {message}", hint) for message, hint in _feature(feature)]
    if len(found) > MAX_PER_FILE:
        more = len(found) - MAX_PER_FILE
        found = found[:MAX_PER_FILE] + [
            (
                f"… et {more} autre{'s' if more > 1 else ''} problème{'s' if more > 1 else ''} dans ce fichier.",
                "Corrigez d'abord ceux-ci, puis relancez « make check ».",
            )
        ]
    return found


def _feature(feature: Any) -> list[tuple[str, str]]:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        kind = feature.get("type") if isinstance(feature, dict) else None
        if isinstance(kind, str):
            what = (
                f"une géométrie seule (type « {kind} »)"
                if kind in LINES + ("Polygon", "MultiPolygon", "GeometryCollection")
                else f"un objet de type « {kind} »"
            )
        else:
            what = "un objet sans « type »" if isinstance(feature, dict) else f"la valeur {_show(feature)}"
        return [
            (
                f"c'est {what}, pas un Feature.",
                'Chaque élément de « features » s\'écrit {"type": "Feature", "properties": {…}, "geometry": {…}}.',
            )
        ]
    if feature.get("properties") is not None and not isinstance(feature["properties"], dict):
        return [("« properties » doit être un objet { … } ou null.", EXPORT_HINT)]
    geometry = feature.get("geometry")
    if geometry is None:
        return [
            (
                "il n'a pas de géométrie (« geometry » vaut null ou manque).",
                "Dessinez son tracé (geojson.io, QGIS), ou supprimez cet élément du fichier.",
            )
        ]
    if not isinstance(geometry, dict):
        return [('« geometry » n\'est pas un objet GeoJSON { "type": …, "coordinates": … }.', EXPORT_HINT)]
    kind = geometry.get("type")
    if kind in LINES:
        return [
            (
                f"forme de type « {kind} » : un tracé de quartier ou de commune est une surface, seuls les polygones (Polygon, MultiPolygon) sont acceptés.",
                AREA_HINT,
            )
        ]
    if kind == "GeometryCollection":
        return [
            (
                "forme de type « GeometryCollection » : une collection de géométries n'est pas acceptée.",
                "Réunissez ses polygones en un seul MultiPolygon (QGIS : « Collecter les géométries »), ou faites un élément (Feature) par polygone.",
            )
        ]
    if kind is None:
        return [("la géométrie n'a pas de « type » : Polygon ou MultiPolygon attendu.", EXPORT_HINT)]
    if kind not in ("Polygon", "MultiPolygon"):
        shown = f"« {kind} »" if isinstance(kind, str) else _show(kind)
        return [(f"type de géométrie {shown} inconnu : seuls les polygones (Polygon, MultiPolygon) sont acceptés.", EXPORT_HINT)]
    coordinates = geometry.get("coordinates")
    if not isinstance(coordinates, list):
        return [("les coordonnées de la géométrie manquent ou ne sont pas une liste [ … ].", EXPORT_HINT)]
    if not coordinates:
        return [("le polygone est vide (aucune coordonnée).", "Dessinez le tracé, ou supprimez cet élément du fichier.")]
    expected = 3 if kind == "Polygon" else 4
    depth = _depth(coordinates)
    if depth is not None and depth != expected:
        if depth in (3, 4):
            other = "MultiPolygon" if kind == "Polygon" else "Polygon"
            return [
                (
                    f"la géométrie est de type « {kind} » mais ses coordonnées sont imbriquées comme celles d'un {other}.",
                    f"Corrigez le type en « {other} », ou réexportez le fichier depuis geojson.io ou QGIS.",
                )
            ]
        model = "[[[longitude, latitude], …]]" if kind == "Polygon" else "[[[[longitude, latitude], …]], …]"
        return [
            (
                f"les coordonnées n'ont pas le bon nombre de crochets pour un {kind} : {depth} niveaux au lieu de {expected}.",
                f"Un {kind} s'écrit {model} ; réexportez le fichier depuis geojson.io ou QGIS.",
            )
        ]
    if kind == "Polygon":
        found = _polygon(coordinates, "")
    else:
        found = []
        for index, polygon in enumerate(coordinates, start=1):
            found += _polygon(polygon, f"partie n° {index} : " if len(coordinates) > 1 else "")
    if not found:
        found = _area(geometry)
    return found


def _polygon(rings: Any, part: str) -> list[tuple[str, str]]:
    if not isinstance(rings, list) or not rings:
        return [(f"{part}le polygone est vide (aucun contour).", "Dessinez le tracé, ou supprimez cette partie.")]
    found = []
    for index, ring in enumerate(rings):
        problem = _ring(ring, "le contour extérieur" if index == 0 else f"le trou n° {index}")
        if problem:
            found.append((part + problem[0], problem[1]))
    return found


def _ring(ring: Any, which: str) -> tuple[str, str] | None:
    if not isinstance(ring, list):
        return f"{which} n'est pas une liste de points [[longitude, latitude], …].", POSITION_HINT
    if not ring:
        return f"{which} est vide (aucun point).", "Dessinez le tracé, ou supprimez ce contour vide."
    for index, position in enumerate(ring, start=1):
        problem = _position(position)
        if problem:
            return f"le point n° {index} {_of(which)} {problem[0]}", problem[1]
    if len(ring) < 4:
        return (
            f"{which} n'a que {len(ring)} point{'s' if len(ring) > 1 else ''} : il en faut au moins 4, le dernier répétant le premier.",
            "Un triangle s'écrit avec 4 points : A, B, C puis A de nouveau.",
        )
    if ring[0][:2] != ring[-1][:2]:
        return (
            f"{which} n'est pas fermé : son dernier point {_show(ring[-1])} n'est pas son premier {_show(ring[0])}.",
            "Ajoutez à la fin du contour une copie de son premier point.",
        )
    return None


def _position(position: Any) -> tuple[str, str] | None:
    if not isinstance(position, list) or len(position) < 2 or not all(_is_number(v) for v in position):
        return f"n'est pas de la forme [longitude, latitude] : {_show(position)}.", POSITION_HINT
    if not all(isinstance(v, int) or math.isfinite(v) for v in position):  # an int is finite, however long
        return (
            f"contient NaN ou Infinity, qui ne sont pas des nombres : {_show(position)}.",
            "Remplacez cette valeur par la coordonnée voulue, ou réexportez le fichier depuis geojson.io ou QGIS.",
        )
    lon, lat = position[0], position[1]
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        if abs(lon) > 1000 or abs(lat) > 1000:
            hint = "Ces nombres ressemblent à des mètres (Lambert 93 ?) : réexportez le fichier en WGS84 (EPSG:4326), degrés décimaux."
        else:
            hint = "Longitude (entre -180 et 180) puis latitude (entre -90 et 90), ex. [2.65, 50.45] ; réexportez le fichier en WGS84 (EPSG:4326)."
        return f"est hors limites ({_show(lon)}, {_show(lat)}) : longitude puis latitude, en degrés WGS84.", hint
    return None


def _area(geometry: dict) -> list[tuple[str, str]]:
    try:
        area = shapely.make_valid(shape(planar(geometry))).area
    except (ValueError, TypeError, shapely.errors.ShapelyError):  # not expected once the rings are checked
        return [("le tracé est illisible.", EXPORT_HINT)]
    if not area > MIN_AREA:
        return [("le tracé n'a pas de surface : ses points sont confondus ou alignés.", AREA_HINT)]
    return []


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _depth(value: Any) -> int | None:
    """How many lists deep the first values go down to a number: 3 for a Polygon's coordinates,
    4 for a MultiPolygon's; None when the first values end on an empty list or a non-number."""
    depth = 0
    while isinstance(value, list) and value:
        depth += 1
        value = value[0]
    return depth if _is_number(value) else None


def _of(which: str) -> str:
    return "du " + which[3:] if which.startswith("le ") else which


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"
