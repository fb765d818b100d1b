"""GeoJSON positions as the content files hold them, for reading/ (checks) and features/ (maps).

A position may carry an altitude, or more numbers (RFC 7946 §3.1.1). The site draws areas
on a flat map: what reaches shapely and the maps is longitude and latitude only, while the
open data files keep the content's own positions. Shapes reach these helpers checked
(macros/reading/geojson_checks.py): Polygon or MultiPolygon, positions of finite numbers.
"""

from __future__ import annotations


def planar(geometry: dict) -> dict:
    """A copy of a Polygon or MultiPolygon with each position cut to [longitude, latitude]."""
    kind = geometry["type"]
    coordinates = geometry["coordinates"]
    if kind == "Polygon":
        coordinates = [_ring(ring) for ring in coordinates]
    elif kind == "MultiPolygon":
        coordinates = [[_ring(ring) for ring in polygon] for polygon in coordinates]
    return {"type": kind, "coordinates": coordinates}


def _ring(ring: list) -> list:
    return [[position[0], position[1]] for position in ring]
