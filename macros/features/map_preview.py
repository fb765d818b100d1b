"""A map's shapes as a small static drawing, shown until the interactive map is asked for.

Leaflet weighs about 46 KB gzip: a reader who only reads the page need not pay for it.
The drawing uses the shapes the map's data file already holds (macros/features/geometry.py
lightened them), projected once here; templates/_carte.html.j2 writes it as inline
SVG with its text alternative.
"""

from __future__ import annotations

import math

from markupsafe import Markup
from shapely.geometry import box, mapping

from macros.features.geometry import area

WIDTH = 600  # SVG user units across the drawing
MARGIN = 0.12  # share of the quartiers' extent kept around them
DETAIL = 1 / 600  # detail under one unit of the drawing goes
EDGE = 4  # per cent of the drawing kept between a name's anchor and the drawing's edge


def drawing(perimetres: dict, communes: dict | None, labels: bool) -> dict:
    """viewBox, the outlines (communes, then perimeters) as SVG paths and, when asked, the quartiers' names.

    The names are not SVG text: a drawing 600 units wide shrinks to half its size on a phone, and
    its text with it. They are HTML placed in per cent of the drawing (its frame keeps the drawing's
    ratio, docs/assets/css/cartes.css), in CSS pixels; cartes.js moves one that would cover another.

    `perimetres` and `communes` are a map's FeatureCollections as maps.py wrote them in its data
    file (plain data: this module knows nothing of maps.py, which imports it)."""
    (south, west), (north, east) = _bounds(perimetres)
    pad = max(north - south, east - west) * MARGIN
    south, west, north, east = south - pad, west - pad, north + pad, east + pad
    k = math.cos(math.radians((south + north) / 2))  # a degree of longitude is shorter than one of latitude
    scale = WIDTH / ((east - west) * k)
    height = round((north - south) * scale, 1)
    frame = box(west, south, east, north)
    tol = (east - west) * DETAIL

    def point(lon: float, lat: float) -> str:
        # whole units of a drawing 600 wide: under a pixel on any screen or sheet, and the
        # preview is part of every quartier page's first view on a phone
        return f"{(lon - west) * k * scale:.0f} {(north - lat) * scale:.0f}"

    def path(geometry: dict) -> str | None:
        clipped = area(geometry).intersection(frame).simplify(tol, preserve_topology=True)
        if clipped.is_empty:
            return None
        rings = []
        for polygon in _polygons(mapping(clipped)):
            for ring in polygon:
                rings.append("M" + " ".join(point(lon, lat) for lon, lat in ring[:-1]) + "Z")  # pairs after M: lines
        return "".join(rings) or None

    outlines = [d for f in (communes or {}).get("features", []) if f.get("geometry") and (d := path(f["geometry"]))]
    shapes = []
    names = []
    for feature in perimetres["features"]:
        props = feature["properties"]
        d = path(feature["geometry"])
        if d:
            shapes.append({"d": d, "nature": props["nature"], "quartier": props["quartier"]})
        if labels and "etiquette" in props:
            lat, lon = props["etiquette"]
            x, y = (float(v) for v in point(lon, lat).split())
            left = min(max(100 * x / WIDTH, EDGE), 100 - EDGE)
            top = min(max(100 * y / height, EDGE), 100 - EDGE)
            # the names are already HTML-escaped in the data (Leaflet's tooltips are HTML)
            names.append({"left": f"{left:.1f}", "top": f"{top:.1f}", "text": Markup(props["nom"]), "quartier": props["quartier"]})
    return {
        "viewbox": f"0 0 {WIDTH} {height}",
        "ratio": f"{WIDTH / height:.4f}",  # the frame's width over height (cartes.css)
        "communes": outlines,
        "perimetres": shapes,
        "labels": names,
    }


def _polygons(geometry: dict) -> list:
    kind = geometry["type"]
    if kind == "Polygon":
        return [geometry["coordinates"]]
    if kind == "MultiPolygon":
        return list(geometry["coordinates"])
    if kind == "GeometryCollection":
        return [p for g in geometry["geometries"] for p in _polygons(g)]
    return []


def _bounds(collection: dict) -> list[list[float]]:
    shapes = [area(f["geometry"]) for f in collection["features"] if f.get("geometry")]
    west = min(s.bounds[0] for s in shapes)
    south = min(s.bounds[1] for s in shapes)
    east = max(s.bounds[2] for s in shapes)
    north = max(s.bounds[3] for s in shapes)
    return [[south, west], [north, east]]
