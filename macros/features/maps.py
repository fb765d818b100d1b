"""Map fragments built with folium: one map per quartier, one overview.

Only the map's own parts reach the page, never folium's default header, which
pulls Bootstrap, Font Awesome and jQuery from CDNs and restyles the whole page;
and no executable inline script: folium's options for the map and its basemap,
with the layers' styles, go into a JSON data attribute (templates/_carte.html.j2)
that docs/assets/javascripts/cartes.js reads. Until the reader asks for the map or
scrolls to it, a small SVG drawing of the same shapes (map_preview.py) stands in
its place, and Leaflet (the site's own copy) is not downloaded.

Each map comes with its text alternative (communes, surface, nature of the
perimeter, official record), which is the part that must always be read.
Element ids are derived from the quartier id, so a build is reproducible.
"""

from __future__ import annotations

import copy
import functools
import itertools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from macros import jinja
from macros.domain.model import Quartier
from macros.features import geometry
from macros.features import map_preview as preview
from macros.features.geometry import label_point as geometry_label_point
from macros.reading import commune_outlines
from macros.text import typography
from macros.text.markdown_text import inline

if TYPE_CHECKING:
    import folium  # imported where a map is built: `convention check` never draws one, and folium
    # brings branca, requests and jinja extensions (a quarter of a second)

# Dashed outline for what is only approximate, solid for the official perimeter.
PERIMETRE_STYLES: dict[str, dict[str, Any]] = {
    "indicatif": {"color": "#9a3412", "weight": 3, "dashArray": "8 6", "fillColor": "#ea580c", "fillOpacity": 0.18},
    "officiel": {"color": "#1e3a8a", "weight": 3, "fillColor": "#3b5bdb", "fillOpacity": 0.22},
}
COMMUNE_STYLE: dict[str, Any] = {"color": "#3f3f46", "weight": 1.5, "fillColor": "#71717a", "fillOpacity": 0.04}

NATURE_LABELS = {
    "indicatif": "périmètre indicatif (tracé approximatif, trait tireté)",
    "officiel": "périmètre officiel (trait plein)",
}
LEAFLET_PREFIX = '<a href="https://leafletjs.com/" hreflang="en">Leaflet</a>'
_COLON = f"{typography.NBSP}: "  # French spacing around the labels written here
_SEMICOLON = f"{typography.NNBSP}; "


@dataclass(frozen=True)
class Basemap:
    """The tile provider, from `extra.convention.fond_de_carte` in mkdocs.yml."""

    url: str
    attribution: str
    max_zoom: int = 19
    name: str = "Fond de carte"

    @classmethod
    def from_settings(cls, settings: dict) -> Basemap | None:
        conf = settings.get("fond_de_carte") or {}
        if not conf.get("url"):
            return None
        return cls(conf["url"], conf.get("attribution", ""), int(conf.get("zoom_max", 19)), conf.get("nom", "Fond de carte"))


@dataclass(frozen=True)
class MapSettings:
    basemap: Basemap | None
    communes_attribution: str | None

    @classmethod
    def from_settings(cls, settings: dict | None) -> MapSettings:
        settings = settings or {}
        communes = settings.get("contours_communes") or {}
        return cls(Basemap.from_settings(settings), communes.get("attribution"))


# --- public fragments ------------------------------------------------------------


def quartier_map(quartier: Quartier, data: MapData | None, settings: MapSettings) -> Markup:
    """Map of one quartier's perimeter over the commune outlines (data: quartier_data), with its text alternative."""
    key = _js_key(quartier.id)
    text = _quartier_text(quartier, f"carte-{quartier.id}-texte")
    if data is None:
        return Markup(f"{_no_perimeter_sentence()}\n\n{text}")
    nature = quartier.perimetre.nature
    label = typography.text(
        f"Carte interactive du quartier {quartier.nom} : {NATURE_LABELS[nature]} sur les limites des communes. "
        "Flèches du clavier pour déplacer la carte, touches + et − pour zoomer."
    )
    drawing = typography.text(f"Tracé du quartier {quartier.nom} : {NATURE_LABELS[nature]} sur les limites des communes.")
    figure = _figure(
        key,
        f"carte-{quartier.id}",
        label,
        drawing,
        _legend({nature}, bool(data.communes)),
        _quartier_caption(quartier),
        f"cdv-carte--{nature}",
        data,
        settings,
        follow=None,
        labels=False,
    )
    return Markup(f"{figure}\n\n{text}")


def overview_map(quartiers: list[Quartier], data: MapData | None, settings: MapSettings, links: dict[str, str]) -> Markup:
    """Every quartier on one map (data: overview_data), each named on it; each shape follows the link
    to its page (links: id → Markdown target)."""
    text = _overview_text(quartiers, links, "carte-quartiers-texte")
    if data is None:
        return Markup(text)
    shapes = data.perimetres
    shown = {feature["properties"]["quartier"] for feature in shapes["features"]}
    natures = _natures(shapes)
    label = typography.text(
        f"Carte interactive des {len(shown)} quartiers sur les limites des communes ; la liste qui suit la carte donne les mêmes informations. "
        "Flèches du clavier pour déplacer la carte, touches + et − pour zoomer."
    )
    drawing = typography.text(
        f"Tracé des {len(shown)} quartiers sur les limites des communes, chacun avec son nom ; la liste qui suit la carte les décrit."
    )
    # words for fingers and mice alike: nothing here needs a hover
    caption = typography.text(
        "Les quartiers de la convention, chacun avec son nom. Touchez ou cliquez une forme pour ouvrir la page du quartier."
    )
    if "indicatif" in natures:
        caption += typography.text(
            " Les tracés en tireté sont indicatifs : ils situent le quartier sans en donner les limites officielles."
        )
    # The shapes open the quartier page through the text alternative's links, which MkDocs
    # has rewritten and checked, so the site's base path just works.
    figure = _figure(
        "quartiers",
        "carte-quartiers",
        label,
        drawing,
        _legend(natures, bool(data.communes)),
        escape(caption),
        "cdv-carte--ensemble",
        data,
        settings,
        follow="carte-quartiers-texte",
        labels=True,
    )
    return Markup(f"{figure}\n\n{text}")


# --- map data: one JSON file per map, fetched by the page -------------------------------

DATA_FOLDER = "cartes"  # under the site root; docs/assets/javascripts/cartes.js resolves it


@dataclass(frozen=True)
class MapData:
    """What one map draws, lightened for its extent (macros/features/geometry.py).

    The shapes go to a file of their own rather than into the page's script: pages
    stay small, and the overview's file is shared by every page that shows it.
    """

    path: str  # from the site root
    perimetres: dict
    communes: dict | None

    def payload(self) -> bytes:
        data = {"perimetres": self.perimetres, "communes": self.communes}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def quartier_data(quartier: Quartier, perimetre_geo: dict | None, communes_geo: dict | None) -> MapData | None:
    if quartier.perimetre is None or perimetre_geo is None:
        return None
    shapes, tol = _light_features([(quartier, perimetre_geo)])
    communes = _commune_features(geometry.simplified(communes_geo, tol)) if communes_geo else None
    return MapData(f"{DATA_FOLDER}/quartier-{quartier.id}.json", shapes, communes)


def overview_data(quartiers: Iterable[tuple[Quartier, dict | None]], communes_geo: dict | None) -> MapData | None:
    drawn = [(q, geo) for q, geo in quartiers if q.perimetre is not None and geo is not None]
    if not drawn:
        return None
    shapes, tol = _light_features(drawn)
    communes = _commune_features(geometry.simplified(communes_geo, tol)) if communes_geo else None
    return MapData(f"{DATA_FOLDER}/quartiers.json", shapes, communes)


# --- folium pieces ------------------------------------------------------------------


def _light_features(pairs: list[tuple[Quartier, dict]]) -> tuple[dict, float]:
    """The quartiers' features lightened for a map fitted to them, and the tolerance used."""
    shapes = _features(pairs)
    tol = geometry.tolerance(_bounds(shapes))
    return geometry.simplified(shapes, tol), tol


def _features(pairs: list[tuple[Quartier, dict]]) -> dict:
    """One FeatureCollection of the quartiers' polygons with the properties the map shows.

    Properties are rebuilt (not taken from the file), so an official GeoJSON can be
    dropped in as it is; text is HTML-escaped because Leaflet tooltips are HTML.
    """
    features = []
    for quartier, geo in pairs:
        nature = quartier.perimetre.nature
        for index, shape in enumerate(_geometries(geo)):
            properties = {
                "nom": _tooltip_text(quartier.nom),
                "statut": _tooltip_text(f"{quartier.statut_libelle} ({quartier.statut})"),
                "perimetre": "indicatif (tracé approximatif)" if nature == "indicatif" else "officiel",
                "nature": nature,
                "quartier": quartier.id,
            }
            if index == 0:  # where the quartier's name is written on a map: once, inside its shape
                properties["etiquette"] = geometry_label_point(_geometries(geo))
            features.append(
                {
                    "type": "Feature",
                    "id": quartier.id if index == 0 else f"{quartier.id}-{index}",
                    "properties": properties,
                    "geometry": shape,  # the content's own: _light_features maps a lightened copy
                }
            )
    return {"type": "FeatureCollection", "features": features}


def _tooltip_text(value: object) -> str:
    """Content text for a tooltip, which Leaflet inserts as HTML.

    Braces become character references too: folium renders each script it produces a
    second time as a Jinja template, so « {{ 7*7 }} » in a name would be evaluated.
    """
    return str(escape(typography.text(str(value)))).replace("{", "&#123;").replace("}", "&#125;")


def _base_map(shapes: dict) -> folium.Map:
    import folium

    (south, west), (north, east) = _bounds(shapes)
    return folium.Map(
        location=[round((south + north) / 2, 6), round((west + east) / 2, 6)],
        zoom_start=14,
        tiles=None,
        zoom_control=False,  # added back with French titles by cartes.js
        scroll_wheel_zoom=False,  # the page scrolls; zoom uses the buttons or the keyboard
    )


@functools.lru_cache(maxsize=8)
def _tiles_config(basemap: Basemap) -> dict:
    """folium's URL and Leaflet options for the basemap, worked out once per basemap: building a
    TileLayer looks its URL up among xyzservices' hundreds of providers, every time."""
    import folium

    tiles = folium.TileLayer(
        tiles=basemap.url, attr=basemap.attribution, name=basemap.name, max_zoom=basemap.max_zoom, max_native_zoom=basemap.max_zoom
    )
    return {"url": tiles.tiles, "options": _camel(tiles.options)}


def _commune_features(communes_geo: dict) -> dict:
    features = []
    for index, feature in enumerate(_feature_list(communes_geo)):
        features.append(
            {
                "type": "Feature",
                "id": f"commune-{index}",
                "properties": {
                    "nom": _tooltip_text(commune_outlines.name(feature) or ""),
                    "code": _tooltip_text(commune_outlines.code(feature) or ""),
                },
                "geometry": feature.get("geometry"),  # a copy already: geometry.simplified made it
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _map_config(fmap: folium.Map, data: MapData, settings: MapSettings, follow: str | None, labels: bool, max_zoom: int = 15) -> dict:
    """What docs/assets/javascripts/cartes.js needs to draw the map: folium's options for the map
    and its basemap, the layers' styles and tooltips, the initial view. Data, never code: pages
    carry no executable inline script (a Content-Security-Policy without 'unsafe-inline' holds)."""
    layers = []
    if data.communes:
        layers.append(
            {
                "part": "communes",
                "style": {**COMMUNE_STYLE, "className": "cdv-commune"},
                "tooltip": {"fields": ["nom", "code"], "aliases": ["Commune", "Code INSEE"]},
                "attribution": settings.communes_attribution,
            }
        )
    layers.append(
        {
            "part": "perimetres",
            # each shape gets the classes cdv-perimetre, cdv-perimetre--<nature>, cdv-perimetre--<quartier>
            "styles": {nature: PERIMETRE_STYLES[nature] for nature in sorted(_natures(data.perimetres))},
            "tooltip": {"fields": ["nom", "statut", "perimetre"], "aliases": ["Quartier", "Statut", "Périmètre"]},
            "follow": follow,  # id of the text whose links the shapes open
            "labels": labels,  # each quartier's name written on the map
        }
    )
    return {
        "data": data.path,
        "map": {**_camel(fmap.options), "center": fmap.location},
        "tiles": copy.deepcopy(_tiles_config(settings.basemap)) if settings.basemap else None,
        "zoom": {"position": "topleft", "zoomInTitle": "Zoom avant", "zoomOutTitle": "Zoom arrière"},
        "prefix": LEAFLET_PREFIX,
        "bounds": _bounds(data.perimetres),
        # no animation: the first view is drawn once, at its final zoom
        "fit": {"padding": [24, 24], "maxZoom": max_zoom, "animate": False},
        "layers": layers,
    }


def _camel(options: dict) -> dict:
    """folium keeps Leaflet's options in snake_case and camelizes them in its templates."""
    from folium.utilities import camelize

    return {camelize(name): value for name, value in options.items()}


# --- HTML ------------------------------------------------------------------------------


def _figure(
    key: str,
    figure_id: str,
    label: str,
    drawing: str,
    legend: str,
    caption: Markup | str,
    modifier: str,
    data: MapData,
    settings: MapSettings,
    follow: str | None,
    labels: bool,
) -> Markup:
    fmap = _base_map(data.perimetres)
    _stable_ids(fmap, key)
    return Markup(
        _html()
        .get_template("_carte.html.j2")
        .render(
            figure_id=figure_id,
            modifier=modifier,
            zone_id=fmap.get_name(),
            label=label,
            legend=Markup(legend),
            caption=caption,
            config=_map_config(fmap, data, settings, follow, labels),
            preview=preview.drawing(data.perimetres, data.communes, labels),
            drawing=drawing,
        )
        .strip()
    )


def _html():
    return jinja.html()


def _legend(natures: set[str], communes: bool) -> str:
    items = [
        f'<li><span class="cdv-legende__trait cdv-legende__trait--{nature}" aria-hidden="true"></span>{escape(typography.text(NATURE_LABELS[nature].capitalize()))}</li>'
        for nature in ("officiel", "indicatif")
        if nature in natures
    ]
    if communes:
        items.append('<li><span class="cdv-legende__trait cdv-legende__trait--commune" aria-hidden="true"></span>Limite de commune</li>')
    return '<ul class="cdv-carte__legende" aria-label="Légende de la carte">' + "".join(items) + "</ul>"


def _quartier_caption(quartier: Quartier) -> Markup:
    perimetre = quartier.perimetre
    fiches = [c for c in quartier.codes if c.fiche]
    if perimetre.nature == "officiel":
        sentence = escape(
            typography.text(f"Périmètre officiel du quartier {quartier.nom} sur les limites des communes. Source : {perimetre.source}")
        )
    else:
        sentence = escape(
            typography.text(
                f"Périmètre indicatif du quartier {quartier.nom} : un tracé approximatif, établi pour situer le quartier. "
                "Il ne dit pas si une adresse fait partie du quartier."
            )
        )
    if fiches:
        links = Markup(", ").join(Markup('<a href="{}">fiche officielle du quartier {}</a>').format(c.fiche, c.code) for c in fiches)
        sentence += Markup(" ") + typography.text("Le périmètre qui fait foi est sur la ") + links + "."
    elif perimetre.nature == "indicatif":
        sentence += Markup(" ") + typography.text("Aucune fiche officielle de ce périmètre n'est référencée.")
    return sentence


def _no_perimeter_sentence() -> Markup:
    # Markup.format escapes the text; `"<p>" + escape(text)` would escape the tags instead
    return Markup('<p class="cdv-carte__absente">{}</p>').format(
        typography.text("Le périmètre de ce quartier n'est pas encore publié sur ce site.")
    )


def _quartier_text(quartier: Quartier, box_id: str) -> str:
    """The map's essential information as text (Markdown, content escaped)."""
    communes = ", ".join(f"{c.nom} (code INSEE {c.insee})" for c in quartier.communes)
    many = len(quartier.communes) > 1
    lines = [f"- Commune{'s' if many else ''}{_COLON}{inline(communes)}."]
    perimetre = quartier.perimetre
    if perimetre is not None:
        if perimetre.surface_ha is not None:
            lines.append(f"- Surface{_COLON}{inline(typography.with_unit(perimetre.surface_ha, 'hectares'))}.")
        nature = "officiel" if perimetre.nature == "officiel" else "indicatif, tracé approximatif qui ne remplace pas le périmètre officiel"
        lines.append(f"- Périmètre{_COLON}{inline(nature)}.")
        if perimetre.description:
            lines.append(f"- {inline(perimetre.description)}")
        lines.append(f"- Source du tracé{_COLON}{inline(perimetre.source)}")
    for code in quartier.codes:
        if code.fiche:
            lines.append(f"- Fiche officielle du quartier {inline(code.code)}{_COLON}<{code.fiche}>")
    return _text_box(box_id, "Ce que montre la carte", lines)


def _overview_text(quartiers: list[Quartier], links: dict[str, str], box_id: str) -> str:
    lines = []
    for q in quartiers:
        communes = ", ".join(f"{c.nom} ({c.insee})" for c in q.communes)
        if q.perimetre is None:
            nature = "périmètre non publié sur ce site"
        else:
            nature = "périmètre officiel" if q.perimetre.nature == "officiel" else "périmètre indicatif"
        link = f'[{inline(q.nom)}]({links[q.id]}){{ data-cdv-quartier="{q.id}" }}'
        lines.append(
            f"- {link}{_COLON}{inline(q.statut_libelle)} ({inline(q.statut)}){_SEMICOLON}{inline(communes)}{_SEMICOLON}{inline(nature)}."
        )
    return _text_box(box_id, "Ce que montre la carte", lines)


def _text_box(box_id: str, title: str, lines: list[str]) -> str:
    body = "\n".join(lines)
    return (
        # out of the search index: the page's header already names the communes
        f'<div class="cdv-carte__texte" id="{box_id}" markdown="1" data-search-exclude>\n\n'
        f'<p class="cdv-carte__texte-titre">{escape(typography.text(title))}</p>\n\n'
        f"{body}\n\n</div>"
    )


# --- helpers ------------------------------------------------------------------------------


def _js_key(quartier_id: str) -> str:
    return re.sub(r"[^a-z0-9]", "_", quartier_id)


def _stable_ids(fmap: folium.Map, key: str) -> None:
    """Replace folium's random element ids by ids derived from the page's key."""
    counter = itertools.count()

    def walk(element) -> None:
        element._id = f"{key}_{next(counter)}"
        for child in element._children.values():
            walk(child)

    walk(fmap)


def _natures(shapes: dict) -> set[str]:
    return {feature["properties"]["nature"] for feature in shapes["features"]}


def _feature_list(geo: dict) -> list[dict]:
    return geo.get("features", []) if geo.get("type") == "FeatureCollection" else [geo]


def _geometries(geo: dict) -> list[dict]:
    return [f["geometry"] for f in _feature_list(geo) if f.get("geometry")]


def _bounds(shapes: dict) -> list[list[float]]:
    lons, lats = [], []
    for shape in _geometries(shapes):
        polygons = [shape["coordinates"]] if shape["type"] == "Polygon" else shape["coordinates"]
        for polygon in polygons:
            for ring in polygon:
                for point in ring:
                    lons.append(point[0])
                    lats.append(point[1])
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def communes_subset(communes_geo: dict | None, codes: Iterable[str]) -> dict | None:
    """Only the outlines of the given communes (INSEE codes): a map carries what it shows,
    not every commune of the file (each outline is script in every page that has the map)."""
    if not communes_geo:
        return None
    wanted = set(codes)
    features = [f for f in _feature_list(communes_geo) if commune_outlines.code(f) in wanted]
    return {"type": "FeatureCollection", "features": features} if features else None
