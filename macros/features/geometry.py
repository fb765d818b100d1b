"""Map shapes lightened to what a map can show: every vertex is script in the page.

An overview of 25 quartiers over 19 communes drew 4 000 vertices (110 KB of script in
the home page) where, at its first zoom, a few hundred make the same picture.
Detail below a fraction of the map's extent is dropped (Douglas-Peucker, topology
kept: a ring stays a valid ring) and coordinates are rounded to about a metre.
The open data files keep the shapes as written in content/; the maps get longitude and
latitude only (an altitude in the content's positions is dropped, see macros/domain/geojson.py),
and a self-intersecting outline drawn by hand is mended rather than failing the build.
"""

from __future__ import annotations

import copy

import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape

from macros.domain.geojson import planar

# A map is about 1 000 pixels wide at most: detail under half a pixel of its first view is invisible.
DETAIL = 1 / 2000
DECIMALS = 5  # 1e-5 degree ≈ 1 m


def tolerance(bounds: list[list[float]]) -> float:
    """Simplification tolerance, in degrees, for a map fitted to bounds [[south, west], [north, east]]."""
    (south, west), (north, east) = bounds
    return max(north - south, east - west) * DETAIL


def simplified(collection: dict, tol: float) -> dict:
    """A copy of a FeatureCollection (or Feature) with lighter polygon geometries."""
    if collection.get("type") != "FeatureCollection":
        return _simplified_feature(collection, tol)
    return {
        key: [_simplified_feature(f, tol) for f in value] if key == "features" else copy.deepcopy(value)
        for key, value in collection.items()
    }


def _simplified_feature(feature: dict, tol: float) -> dict:
    # the polygons are replaced: copying their thousands of coordinates first was most of the time
    geometry = feature.get("geometry")
    if not (geometry and geometry.get("type") in ("Polygon", "MultiPolygon")):
        return copy.deepcopy(feature)
    return {key: _lighter(value, tol) if key == "geometry" else copy.deepcopy(value) for key, value in feature.items()}


def area(geometry: dict):
    """The shapely shape of a checked Polygon or MultiPolygon, flat (no altitude) and valid."""
    shp = shape(planar(geometry))
    return shp if shp.is_valid else _polygonal(shapely.make_valid(shp))


def _polygonal(shp):
    """Only the areas of a mended shape: make_valid may add the lines and points an outline crossed itself at."""
    if isinstance(shp, (Polygon, MultiPolygon)):
        return shp
    parts = [p for g in getattr(shp, "geoms", []) for p in (g.geoms if isinstance(g, MultiPolygon) else [g]) if isinstance(p, Polygon)]
    return MultiPolygon(parts) if parts else Polygon()


def _lighter(geometry: dict, tol: float) -> dict:
    shp = area(geometry)
    light = shp.simplify(tol, preserve_topology=True) if tol > 0 else shp
    light = shapely.set_precision(light, 10**-DECIMALS) if not light.is_empty else light
    # a shape smaller than the tolerance keeps its own outline rather than vanishing
    return _plain(mapping(light if not light.is_empty else shp))


def _plain(value):
    """Tuples from shapely to JSON lists, coordinates rounded."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, float):
        return round(value, DECIMALS)
    return value


def label_point(geometries: list[dict]) -> list[float]:
    """[lat, lon] of a point inside the shapes, where a map writes their name."""
    union = shapely.union_all([area(g) for g in geometries])
    point = union.point_on_surface()
    if point.is_empty:  # no area at all: the middle of the positions, rather than no name
        x0, y0, x1, y1 = shapely.total_bounds([shape(planar(g)) for g in geometries])
        return [round((y0 + y1) / 2, DECIMALS), round((x0 + x1) / 2, DECIMALS)]
    return [round(point.y, DECIMALS), round(point.x, DECIMALS)]
