"""Silent map traps: a quartier's perimeter must lie within its communes.

A GeoJSON written latitude first is still valid GeoJSON: the map would show the
quartier in the Indian Ocean without a word. Each perimeter is compared with the
union of its quartier's communes (content/communes.geojson, matched by INSEE
code); when a commune's outline is missing, there is nothing to compare with.
"""

from __future__ import annotations

from typing import Any

import shapely
from shapely.geometry import shape
from shapely.ops import unary_union

from macros.domain.geojson import planar
from macros.reading import commune_outlines
from macros.reading.errors import ContentProblem

# Perimeters are often drawn by hand over a background map: allow ~100 m over the edge.
MARGIN_DEGREES = 0.001
MIN_SHARE_INSIDE = 0.9


def _features(collection: dict) -> list[dict]:
    return collection.get("features", []) if collection.get("type") == "FeatureCollection" else [collection]


def _shape(collection: dict):
    shapes = [shapely.make_valid(shape(planar(f["geometry"]))) for f in _features(collection) if f.get("geometry")]
    return unary_union(shapes) if shapes else None


def share_inside(area, region) -> float:
    """Part of `area` (0 to 1) that lies within `region`."""
    if area is None or area.is_empty or area.area == 0:
        return 1.0
    return area.intersection(region).area / area.area


def commune_shapes(communes_geo: dict | None) -> dict[str, Any]:
    """INSEE code → commune outline, from content/communes.geojson (see commune_outlines)."""
    result: dict[str, Any] = {}
    for feature in _features(communes_geo or {}):
        code = commune_outlines.code(feature)
        if code and feature.get("geometry"):
            result[code] = shapely.make_valid(shape(planar(feature["geometry"])))
    return result


def check(
    quartiers: list[tuple[Any, str]], perimetres: dict[str, dict], files: dict[str, str], communes_geo: dict | None
) -> list[ContentProblem]:
    """`quartiers`: (Quartier, its file); `files`: quartier id → its perimeter's file, as shown to editors."""
    communes = commune_shapes(communes_geo)
    problems = []
    for quartier, source in quartiers:
        collection = perimetres.get(quartier.id)
        codes = [c.insee for c in quartier.communes]
        if collection is None or not codes or any(code not in communes for code in codes):
            continue
        region = unary_union([communes[code] for code in codes]).buffer(MARGIN_DEGREES)
        perimeter = _shape(collection)
        if share_inside(perimeter, region) >= MIN_SHARE_INSIDE:
            continue
        names = ", ".join(c.nom for c in quartier.communes)
        swapped = shapely.transform(perimeter, lambda coords: coords[:, ::-1])
        if share_inside(swapped, region) >= MIN_SHARE_INSIDE:
            problems.append(
                ContentProblem(
                    files[quartier.id],
                    None,
                    None,
                    f"périmètre du quartier {quartier.nom} : les coordonnées semblent inversées : GeoJSON attend longitude puis latitude.",
                    "Dans chaque point [a, b], échangez les deux nombres (la longitude d'abord, ex. [2.65, 50.45]), "
                    "ou réexportez le fichier depuis geojson.io ou QGIS en WGS84.",
                )
            )
        else:
            problems.append(
                ContentProblem(
                    files[quartier.id],
                    None,
                    None,
                    f"périmètre du quartier {quartier.nom} : le tracé est en dehors de ses communes ({names}) "
                    f"dans communes.geojson ({round(share_inside(perimeter, region) * 100)}\u202f% à l'intérieur).",
                    f"Vérifiez que ce fichier est bien celui du quartier, et la liste « communes » de {source} (codes INSEE).",
                )
            )
    return problems
