"""Map fragments built with folium: one map per quartier, one overview.

Only the map's own parts reach the page (its div and its script), never
folium's default header, which pulls Bootstrap, Font Awesome and jQuery from
CDNs and restyles the whole page. The script is handed to a small loader
(docs/assets/javascripts/cartes.js) that loads the site's own copy of Leaflet
on demand, so it works on direct loads and after instant navigation alike.

Each map comes with its text alternative (communes, surface, nature of the
perimeter, official record), which is the part that must always be read.
Element ids are derived from the quartier id, so a build is reproducible.
"""

from __future__ import annotations

import copy
import itertools
import json
import re
from dataclasses import dataclass
from typing import Any, Iterable

import folium
from branca.element import MacroElement
from folium.template import Template
from folium.utilities import JsCode
from markupsafe import Markup, escape

from . import commune_outlines, geometry, typography
from .markdown_text import inline
from .model import Quartier

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
    def from_settings(cls, settings: dict) -> "Basemap | None":
        conf = settings.get("fond_de_carte") or {}
        if not conf.get("url"):
            return None
        return cls(conf["url"], conf.get("attribution", ""), int(conf.get("zoom_max", 19)), conf.get("nom", "Fond de carte"))


@dataclass(frozen=True)
class MapSettings:
    basemap: Basemap | None
    communes_attribution: str | None

    @classmethod
    def from_settings(cls, settings: dict | None) -> "MapSettings":
        settings = settings or {}
        communes = settings.get("contours_communes") or {}
        return cls(Basemap.from_settings(settings), communes.get("attribution"))


# --- public fragments ------------------------------------------------------------


def quartier_map(quartier: Quartier, data: "MapData | None", settings: MapSettings) -> Markup:
    """Map of one quartier's perimeter over the commune outlines (data: quartier_data), with its text alternative."""
    key = _js_key(quartier.id)
    text = _quartier_text(quartier, f"carte-{quartier.id}-texte")
    if data is None:
        return Markup(f"{_no_perimeter_sentence()}\n\n{text}")
    nature = quartier.perimetre.nature
    fmap = _base_map(data.perimetres, settings)
    layers = []
    if data.communes:
        layers.append((_communes_layer(data.communes, settings).add_to(fmap), "communes"))
    layers.append((_perimeter_layer(data.perimetres, on_each_feature=None).add_to(fmap), "perimetres"))
    _finish(fmap, data.perimetres, max_zoom=15)
    label = typography.text(
        f"Carte interactive du quartier {quartier.nom} : {NATURE_LABELS[nature]} sur les limites des communes. "
        "Flèches du clavier pour déplacer la carte, touches + et − pour zoomer."
    )
    caption = _quartier_caption(quartier)
    figure = _figure(fmap, key, f"carte-{quartier.id}", label, _legend({nature}, bool(data.communes)), caption,
                     f"cdv-carte--{nature}", data, layers)
    return Markup(f"{figure}\n\n{text}")


def overview_map(quartiers: list[Quartier], data: "MapData | None", settings: MapSettings, links: dict[str, str]) -> Markup:
    """Every quartier on one map (data: overview_data); each shape follows the link to its page
    (links: id → Markdown target)."""
    text = _overview_text(quartiers, links, "carte-quartiers-texte")
    if data is None:
        return Markup(text)
    shapes = data.perimetres
    fmap = _base_map(shapes, settings)
    layers = []
    if data.communes:
        layers.append((_communes_layer(data.communes, settings).add_to(fmap), "communes"))
    # The shapes open the quartier page through the text alternative's links, which MkDocs
    # has rewritten and checked, so instant navigation and the site's base path just work.
    follow = JsCode(
        "function (feature, layer) {\n"
        "layer.on('click', function () {\n"
        "var box = document.getElementById('carte-quartiers-texte');\n"
        "var link = box && box.querySelector('a[data-cdv-quartier=\"' + feature.properties.quartier + '\"]');\n"
        "if (link) { link.click(); }\n"
        "});\n"
        "}"
    )
    layers.append((_perimeter_layer(shapes, on_each_feature=follow).add_to(fmap), "perimetres"))
    _finish(fmap, shapes, max_zoom=15)
    shown = {feature["properties"]["quartier"] for feature in shapes["features"]}
    natures = {feature["properties"]["nature"] for feature in shapes["features"]}
    label = typography.text(
        f"Carte interactive des {len(shown)} quartiers sur les limites des communes ; la liste qui suit la carte donne les mêmes informations. "
        "Flèches du clavier pour déplacer la carte, touches + et − pour zoomer."
    )
    caption = typography.text(
        "Les quartiers de la convention. Survolez une forme pour son nom et son statut, cliquez pour ouvrir la page du quartier."
    )
    if "indicatif" in natures:
        caption += typography.text(" Les tracés en tireté sont indicatifs : ils situent le quartier sans en donner les limites officielles.")
    figure = _figure(fmap, "quartiers", "carte-quartiers", label, _legend(natures, bool(data.communes)), escape(caption),
                     "cdv-carte--ensemble", data, layers)
    return Markup(f"{figure}\n\n{text}")


# --- map data: one JSON file per map, fetched by the page -------------------------------

DATA_FOLDER = "cartes"  # under the site root; docs/assets/javascripts/cartes.js resolves it


@dataclass(frozen=True)
class MapData:
    """What one map draws, lightened for its extent (macros/geometry.py).

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
        for index, geometry in enumerate(_geometries(geo)):
            features.append({
                "type": "Feature",
                "id": quartier.id if index == 0 else f"{quartier.id}-{index}",
                "properties": {
                    "nom": _tooltip_text(quartier.nom),
                    "statut": _tooltip_text(f"{quartier.statut_libelle} ({quartier.statut})"),
                    "perimetre": "indicatif (tracé approximatif)" if nature == "indicatif" else "officiel",
                    "nature": nature,
                    "quartier": quartier.id,
                },
                "geometry": copy.deepcopy(geometry),
            })
    return {"type": "FeatureCollection", "features": features}


def _tooltip_text(value: object) -> str:
    """Content text for a tooltip, which Leaflet inserts as HTML.

    Braces become character references too: folium renders each script it produces a
    second time as a Jinja template, so « {{ 7*7 }} » in a name would be evaluated.
    """
    return str(escape(typography.text(str(value)))).replace("{", "&#123;").replace("}", "&#125;")


def _base_map(shapes: dict, settings: MapSettings) -> folium.Map:
    (south, west), (north, east) = _bounds(shapes)
    fmap = folium.Map(
        location=[round((south + north) / 2, 6), round((west + east) / 2, 6)],
        zoom_start=14,
        tiles=None,
        zoom_control=False,  # added back with French titles in _finish
        scroll_wheel_zoom=False,  # the page scrolls; zoom uses the buttons or the keyboard
    )
    if settings.basemap:
        b = settings.basemap
        folium.TileLayer(tiles=b.url, attr=b.attribution, name=b.name, max_zoom=b.max_zoom, max_native_zoom=b.max_zoom).add_to(fmap)
    return fmap


def _commune_features(communes_geo: dict) -> dict:
    features = []
    for index, feature in enumerate(_feature_list(communes_geo)):
        features.append({
            "type": "Feature",
            "id": f"commune-{index}",
            "properties": {"nom": _tooltip_text(commune_outlines.name(feature) or ""), "code": _tooltip_text(commune_outlines.code(feature) or "")},
            "geometry": copy.deepcopy(feature.get("geometry")),
        })
    return {"type": "FeatureCollection", "features": features}


def _communes_layer(communes: dict, settings: MapSettings) -> folium.GeoJson:
    extra = {"attribution": settings.communes_attribution} if settings.communes_attribution else {}
    return folium.GeoJson(
        communes,
        name="Communes",
        style_function=lambda _feature: {**COMMUNE_STYLE, "className": "cdv-commune"},
        tooltip=folium.GeoJsonTooltip(fields=["nom", "code"], aliases=["Commune", "Code INSEE"], sticky=True),
        **extra,
    )


def _perimeter_layer(shapes: dict, on_each_feature: JsCode | None) -> folium.GeoJson:
    return folium.GeoJson(
        shapes,
        name="Quartiers",
        style_function=_perimeter_style,
        tooltip=folium.GeoJsonTooltip(fields=["nom", "statut", "perimetre"], aliases=["Quartier", "Statut", "Périmètre"], sticky=True),
        on_each_feature=on_each_feature,
    )


def _perimeter_style(feature: dict) -> dict:
    nature, quartier = feature["properties"]["nature"], feature["properties"]["quartier"]
    # classes name each shape for stylesheets and tests (Leaflet puts them on the SVG path)
    return {**PERIMETRE_STYLES[nature], "className": f"cdv-perimetre cdv-perimetre--{nature} cdv-perimetre--{quartier}"}


class _Setup(MacroElement):
    """French zoom buttons and attribution prefix, the initial view, no page-scroll capture on touch screens."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.control.zoom({{ this.zoom|tojson }}).addTo({{ this._parent.get_name() }});
        {{ this._parent.get_name() }}.attributionControl.setPrefix({{ this.prefix|tojson }});
        if (L.Browser.mobile) { {{ this._parent.get_name() }}.dragging.disable(); }
        {{ this._parent.get_name() }}.fitBounds({{ this.bounds|tojson }}, {{ this.fit|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, bounds: list[list[float]], max_zoom: int):
        super().__init__()
        self._name = "Setup"
        self.zoom = {"position": "topleft", "zoomInTitle": "Zoom avant", "zoomOutTitle": "Zoom arrière"}
        self.prefix = LEAFLET_PREFIX
        self.bounds = bounds
        # no animation: the first view is drawn once, at its final zoom
        self.fit = {"padding": [24, 24], "maxZoom": max_zoom, "animate": False}


def _finish(fmap: folium.Map, shapes: dict, max_zoom: int) -> None:
    fmap.add_child(_Setup(_bounds(shapes), max_zoom))


# --- HTML ------------------------------------------------------------------------------


def _figure(fmap: folium.Map, key: str, figure_id: str, label: str, legend: str, caption: Markup | str, modifier: str,
            data: MapData, layers: list[tuple[folium.GeoJson, str]]) -> Markup:
    _stable_ids(fmap, key)
    script = _fetched_layers(_map_script(fmap), data, layers)
    return Markup(
        f'<figure class="cdv-carte {modifier}" id="{figure_id}" data-search-exclude>\n'
        f'<div class="cdv-carte__zone" id="{fmap.get_name()}" role="region" aria-label="{escape(label)}"></div>\n'
        f"{legend}\n"
        f"<script>\n(window.cdvCartes = window.cdvCartes || []).push(function (L, donnees) {{\n{script}\n}});\n</script>\n"
        f"<figcaption>{caption}</figcaption>\n"
        "</figure>"
    )


def _fetched_layers(script: str, data: MapData, layers: list[tuple[folium.GeoJson, str]]) -> str:
    """The map's script with each layer's inline features replaced by one fetch of the data file.

    folium writes `<layer>_add({...features...});` on one line: that line goes, and one call
    of cartes.js's `donnees` hands each layer its part of the file.
    """
    lines = script.splitlines()
    for layer, _part in layers:
        found = [i for i, line in enumerate(lines) if line.startswith(f"{layer.get_name()}_add(")]
        if len(found) != 1:
            raise RuntimeError(f"folium : appel {layer.get_name()}_add introuvable, le format de son script a changé")
        del lines[found[0]]
    adds = " ".join(f"{layer.get_name()}_add(d.{part});" for layer, part in layers)
    lines.append(f"donnees({json.dumps(data.path)}, function (d) {{ {adds} }});")
    return "\n".join(lines)


def _legend(natures: set[str], communes: bool) -> str:
    items = [
        f'<li><span class="cdv-legende__trait cdv-legende__trait--{nature}" aria-hidden="true"></span>{escape(typography.text(NATURE_LABELS[nature].capitalize()))}</li>'
        for nature in ("officiel", "indicatif") if nature in natures
    ]
    if communes:
        items.append('<li><span class="cdv-legende__trait cdv-legende__trait--commune" aria-hidden="true"></span>Limite de commune</li>')
    return '<ul class="cdv-carte__legende" aria-label="Légende de la carte">' + "".join(items) + "</ul>"


def _quartier_caption(quartier: Quartier) -> Markup:
    perimetre = quartier.perimetre
    fiches = [c for c in quartier.codes if c.fiche]
    if perimetre.nature == "officiel":
        sentence = escape(typography.text(f"Périmètre officiel du quartier {quartier.nom} sur les limites des communes. Source : {perimetre.source}"))
    else:
        sentence = escape(typography.text(
            f"Périmètre indicatif du quartier {quartier.nom} : un tracé approximatif, établi pour situer le quartier. "
            "Il ne dit pas si une adresse fait partie du quartier."
        ))
    if fiches:
        links = Markup(", ").join(Markup('<a href="{}">fiche officielle du quartier {}</a>').format(c.fiche, c.code) for c in fiches)
        sentence += Markup(" ") + typography.text("Le périmètre qui fait foi est sur la ") + links + "."
    elif perimetre.nature == "indicatif":
        sentence += Markup(" ") + typography.text("Aucune fiche officielle de ce périmètre n'est référencée.")
    return sentence


def _no_perimeter_sentence() -> Markup:
    # Markup.format escapes the text; `"<p>" + escape(text)` would escape the tags instead
    return Markup('<p class="cdv-carte__absente">{}</p>').format(typography.text("Le périmètre de ce quartier n'est pas encore publié sur ce site."))


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
        lines.append(f"- {link}{_COLON}{inline(q.statut_libelle)} ({inline(q.statut)}){_SEMICOLON}{inline(communes)}{_SEMICOLON}{inline(nature)}.")
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


def _map_script(fmap: folium.Map) -> str:
    """The script folium would put at the end of its page, without its header."""
    root = fmap.get_root()
    root.render()
    script = root.script.render()
    # compact: no blank lines, no indentation (nothing here depends on them)
    return "\n".join(line.strip() for line in script.splitlines() if line.strip())


def _feature_list(geo: dict) -> list[dict]:
    return geo.get("features", []) if geo.get("type") == "FeatureCollection" else [geo]


def _geometries(geo: dict) -> list[dict]:
    return [f["geometry"] for f in _feature_list(geo) if f.get("geometry")]


def _bounds(shapes: dict) -> list[list[float]]:
    lons, lats = [], []
    for geometry in _geometries(shapes):
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
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
