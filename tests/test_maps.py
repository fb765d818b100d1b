"""Maps in the built HTML and in macros/features/maps.py: figure, text alternative, no CDN, reproducible output."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from folium import folium as folium_defaults

from macros.features import maps
from macros.reading.loader import load_convention
from macros.text import typography
from tests.support.dom import parse
from tests.support.sitebuild import OTHER_COMMUNE, ROOT, SIGNED

# folium's default header: Leaflet, jQuery, Bootstrap, Font Awesome, awesome-markers, glyphicons
FOLIUM_CDN_URLS = [url for _, url in folium_defaults._default_js + folium_defaults._default_css]
FOLIUM_CDN_HOSTS = {urlparse(url).hostname for url in FOLIUM_CDN_URLS}
TEXT_SUFFIXES = {".html", ".js", ".css", ".json", ".xml", ".txt", ".svg"}


@pytest.fixture(scope="module")
def convention():
    return load_convention(SIGNED)


def page(site_dir: Path, path: str):
    return parse((site_dir / path).read_text(encoding="utf-8"))


def quartier_path(quartier_id: str) -> str:
    return f"quartiers/{quartier_id}/index.html"


# --- quartier pages ------------------------------------------------------------------------


def test_each_quartier_page_has_a_map_figure_with_caption(site_dir, convention):
    for quartier in convention.quartiers:
        doc = page(site_dir, quartier_path(quartier.id))
        figure = doc.by_id(f"carte-{quartier.id}")
        assert figure is not None and figure.tag == "figure", quartier.id
        assert figure.find("figcaption") is not None and quartier.nom in figure.find("figcaption").text
        zone = figure.find("div", class_="cdv-carte__zone")
        assert zone.attrs["role"] == "region"
        assert zone.attrs["aria-label"].startswith("Carte interactive du quartier")
        assert figure.find("ul", class_="cdv-carte__legende") is not None


def test_each_quartier_page_gives_the_map_information_as_text(site_dir, convention):
    for quartier in convention.quartiers:
        doc = page(site_dir, quartier_path(quartier.id))
        text = doc.by_id(f"carte-{quartier.id}-texte").text
        for commune in quartier.communes:
            assert f"{commune.nom} (code INSEE {commune.insee})" in text
        perimetre = quartier.perimetre
        assert perimetre is not None, f"{quartier.id} : pas de périmètre dans le contenu"
        assert f"Périmètre\u00a0: {perimetre.nature}" in text
        if perimetre.surface_ha is not None:
            assert f"Surface\u00a0: {int(perimetre.surface_ha)}\u00a0hectares" in text
        for code in quartier.codes:
            if code.fiche:
                links = [a.attrs["href"] for a in doc.by_id(f"carte-{quartier.id}-texte").find_all("a")]
                assert code.fiche in links


def test_indicative_perimeter_is_said_and_linked_to_the_official_record(site_dir, convention):
    regain = convention.quartier("regain")
    assert regain.perimetre.nature == "indicatif"
    figure = page(site_dir, quartier_path("regain")).by_id("carte-regain")
    caption = figure.find("figcaption")
    assert "Périmètre indicatif" in caption.text
    assert [a.attrs["href"] for a in caption.find_all("a")] == [c.fiche for c in regain.codes if c.fiche]
    assert "cdv-carte--indicatif" in figure.attrs["class"].split()
    assert "Périmètre indicatif" in figure.find("ul", class_="cdv-carte__legende").text


# --- overview -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["index.html", "quartiers/index.html"])
def test_overview_lists_every_quartier_with_a_link_to_its_page(site_dir, convention, path):
    doc = page(site_dir, path)
    figure = doc.by_id("carte-quartiers")
    assert figure is not None and figure.find("figcaption") is not None
    links = {
        a.attrs["data-cdv-quartier"]: a.attrs["href"]
        for a in doc.by_id("carte-quartiers-texte").find_all("a")
        if "data-cdv-quartier" in a.attrs
    }
    assert set(links) == {q.id for q in convention.quartiers}
    for quartier_id, href in links.items():
        target = (site_dir / Path(path).parent / href / "index.html").resolve()
        assert target == (site_dir / quartier_path(quartier_id)).resolve()


# --- what the site loads -------------------------------------------------------------------------


def test_no_folium_cdn_anywhere_in_the_site(site_dir):
    assert FOLIUM_CDN_HOSTS >= {"cdn.jsdelivr.net", "code.jquery.com", "cdnjs.cloudflare.com", "netdna.bootstrapcdn.com"}
    offenders = []
    for file in site_dir.rglob("*"):
        if file.is_file() and file.suffix in TEXT_SUFFIXES:
            text = file.read_text(encoding="utf-8", errors="replace")
            offenders += [f"{file.relative_to(site_dir)} : {url}" for url in FOLIUM_CDN_URLS if url in text]
            offenders += [f"{file.relative_to(site_dir)} : {host}" for host in FOLIUM_CDN_HOSTS if host in text]
            offenders += [
                f"{file.relative_to(site_dir)} : {word}"
                for word in ("bootstrap.min", "bootstrap.bundle", "jquery-3", "awesome-markers")
                if word in text
            ]
    assert offenders == []


def test_leaflet_is_served_by_the_site_with_its_licence(site_dir):
    vendor = site_dir / "assets" / "vendor" / "leaflet"
    for name in ("leaflet.js", "leaflet.css", "LICENSE", "README.txt"):
        assert (vendor / name).is_file(), name
    assert "BSD 2-Clause" in (vendor / "LICENSE").read_text(encoding="utf-8")
    readme = (vendor / "README.txt").read_text(encoding="utf-8")
    assert "leaflet@1.9.4" in readme and "BSD 2-Clause" in readme


def test_map_pages_embed_the_map_fragment_only(site_dir):
    html = (site_dir / quartier_path("regain")).read_text(encoding="utf-8")
    assert "<!DOCTYPE html>" not in html[20:], "une page complète de folium a été insérée"
    assert "L_NO_TOUCH" not in html and "html, body" not in html
    # Leaflet itself is not loaded by the page: the loader fetches it when a map needs it
    assert "leaflet.js" not in html
    assert re.search(r'<script src="[./]*assets/javascripts/cartes\.js"', html)


def test_map_element_ids_come_from_the_quartier_id(site_dir):
    html = (site_dir / quartier_path("cite-10-fond-de-sains")).read_text(encoding="utf-8")
    assert 'id="map_cite_10_fond_de_sains_0"' in html
    assert not re.search(r"_[0-9a-f]{32}\b", html), "identifiant aléatoire de folium"


def test_two_builds_of_the_same_content_are_identical(site_dir, shared_sites):
    # sitemap.xml (lastmod) and sitemap.xml.gz (gzip header time) carry the build date by design;
    # every test build uses the same date (SOURCE_DATE_EPOCH, tests/support/sitebuild.py), so every
    # file, the gzip included, must match byte for byte. The shared build against a second one
    # (tests/test_exports.py compares the same two).
    first, second = site_dir, shared_sites.site(again=True)
    files_a = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert files_a == files_b
    different = [p for p in files_a if (first / p).read_bytes() != (second / p).read_bytes()]
    assert different == [], (
        f"{len(different)} fichiers diffèrent, dont {different[0]} :\n{first_difference(first / different[0], second / different[0])}"
    )


def first_difference(a: Path, b: Path) -> str:
    x, y = a.read_bytes(), b.read_bytes()
    at = next((i for i, (p, q) in enumerate(zip(x, y)) if p != q), min(len(x), len(y)))
    return f"octet {at} : {x[max(0, at - 80) : at + 80]!r}\n   / {y[max(0, at - 80) : at + 80]!r}"


# --- the core module -----------------------------------------------------------------------------


def test_maps_module_does_not_import_mkdocs():
    tree = ast.parse((ROOT / "macros" / "features" / "maps.py").read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not any(name.startswith("mkdocs") for name in imported)


def test_same_quartier_gives_the_same_fragment(convention):
    settings = maps.MapSettings.from_settings({})
    quartier = convention.quartier("regain")
    first = maps.quartier_map(quartier, maps.quartier_data(quartier, convention.perimetres["regain"], convention.communes_geo), settings)
    second = maps.quartier_map(quartier, maps.quartier_data(quartier, convention.perimetres["regain"], convention.communes_geo), settings)
    assert first == second


def test_official_perimeter_is_drawn_solid_and_called_official(convention):
    regain = convention.quartier("regain")
    official = regain.model_copy(
        update={"perimetre": regain.perimetre.model_copy(update={"nature": "officiel", "source": "ANCT, data.gouv.fr"})}
    )
    html = maps.quartier_map(
        official, maps.quartier_data(official, convention.perimetres["regain"], convention.communes_geo), maps.MapSettings.from_settings({})
    )
    doc = parse(str(html))
    assert "cdv-carte--officiel" in doc.by_id("carte-regain").attrs["class"]
    assert "Périmètre officiel" in doc.find("ul", class_="cdv-carte__legende").text
    assert "indicatif" not in doc.find("ul", class_="cdv-carte__legende").text
    assert "dashArray" not in html and list(map_settings(html)[0]["layers"][-1]["styles"]) == ["officiel"]
    assert doc.find("path", class_="cdv-apercu__perimetre--officiel") is not None
    assert "Périmètre officiel du quartier Le Regain" in doc.find("figcaption").text


def test_content_text_is_escaped_in_the_map(convention):
    regain = convention.quartier("regain")
    hostile = regain.model_copy(update={"nom": "<img src=x onerror=alert(1)> `${x}` {{ 7*7 }}"})
    html = str(
        maps.quartier_map(
            hostile,
            maps.quartier_data(hostile, convention.perimetres["regain"], convention.communes_geo),
            maps.MapSettings.from_settings({}),
        )
    )
    assert "<img" not in html
    # the map's settings are JSON data (never code); the name is not in them
    config = json.dumps(map_settings(html))
    assert "7*7" not in config and "onerror" not in config and "<script" not in html
    # the name reaches the map through its data file, as HTML-escaped JSON text (Leaflet tooltips are HTML)
    data = json.loads(maps.quartier_data(hostile, convention.perimetres["regain"], convention.communes_geo).payload())
    assert (
        data["perimetres"]["features"][0]["properties"]["nom"]
        == "&lt;img src=x onerror=alert(1)&gt; `$&#123;x&#125;` &#123;&#123; 7*7 &#125;&#125;"
    )


def test_basemap_and_attributions_come_from_settings(convention):
    settings = maps.MapSettings.from_settings(
        {
            "fond_de_carte": {"url": "https://tuiles.example/{z}/{x}/{y}.png", "attribution": "Fond : Exemple", "zoom_max": 17},
            "contours_communes": {"attribution": "Contours : Exemple"},
        }
    )
    html = str(
        maps.quartier_map(
            convention.quartier("regain"),
            maps.quartier_data(convention.quartier("regain"), convention.perimetres["regain"], convention.communes_geo),
            settings,
        )
    )
    assert "https://tuiles.example/{z}/{x}/{y}.png" in html
    assert '"maxZoom": 17' in html
    assert "Fond : Exemple" in html and "Contours : Exemple" in html


def test_quartier_without_perimeter_keeps_its_text(convention):
    regain = convention.quartier("regain").model_copy(update={"perimetre": None})
    html = str(maps.quartier_map(regain, maps.quartier_data(regain, None, convention.communes_geo), maps.MapSettings.from_settings({})))
    assert "<script>" not in html
    assert "pas encore publié" in html and "Barlin (code INSEE 62083)" in html


def _map_data(site_dir, name: str) -> dict:
    return json.loads((site_dir / "cartes" / name).read_text(encoding="utf-8"))


def _communes(data: dict) -> set[str]:
    return {f["properties"]["code"] for f in (data["communes"] or {}).get("features", [])}


def test_a_quartier_map_carries_only_its_own_communes(site_dir):
    """Every outline is downloaded with the map: a map of one commune must not carry the whole file."""
    assert _communes(_map_data(site_dir, "quartier-longuepierre-beclet.json")) == {"62443"}
    assert _communes(_map_data(site_dir, "quartier-regain.json")) == {"62083", "62443"}


def map_settings(html: str) -> list[dict]:
    """The JSON settings of each map of a page (read by docs/assets/javascripts/cartes.js)."""
    return [json.loads(zone.attrs["data-reglages"]) for zone in parse(html).find_all("div", class_="cdv-carte__zone")]


def test_shapes_are_fetched_by_the_map_not_written_in_the_page(site_dir, convention):
    """The page's map settings name its data file; the shapes are in it, once for every page showing the map."""
    for quartier in convention.quartiers:
        html = (site_dir / quartier_path(quartier.id)).read_text(encoding="utf-8")
        assert [config["data"] for config in map_settings(html)] == [f"cartes/quartier-{quartier.id}.json"]
        assert '"coordinates"' not in html
        data = _map_data(site_dir, f"quartier-{quartier.id}.json")
        assert [f["properties"]["quartier"] for f in data["perimetres"]["features"]] == [quartier.id]
    for page in ("index.html", "quartiers/index.html"):
        html = (site_dir / page).read_text(encoding="utf-8")
        assert [config["data"] for config in map_settings(html)] == ["cartes/quartiers.json"] and '"coordinates"' not in html
    overview = _map_data(site_dir, "quartiers.json")
    assert {f["properties"]["quartier"] for f in overview["perimetres"]["features"]} == {q.id for q in convention.quartiers if q.perimetre}


def test_no_map_fragment_has_an_inline_executable_script(site_dir):
    """A Content-Security-Policy without 'unsafe-inline' must leave the maps working: their
    settings are data (a JSON attribute), their code is docs/assets/javascripts/cartes.js.
    Not even a JSON <script> block (Material's instant navigation, off since, re-created it as code)."""
    figures = 0
    for path in site_dir.rglob("*.html"):
        for figure in parse(path.read_text(encoding="utf-8")).find_all("figure"):
            if "cdv-carte" not in figure.attrs.get("class", ""):
                continue
            figures += 1
            assert figure.find_all("script") == [], path
            assert not any(name.startswith("on") for e in figure.iter() for name in e.attrs), path
    assert figures >= 5


def test_the_drawing_shown_before_the_map_has_its_text_alternative(site_dir, convention):
    """Until the reader asks for the interactive map, its zone holds an SVG drawing of the same shapes."""
    for quartier in convention.quartiers:
        zone = page(site_dir, quartier_path(quartier.id)).by_id(f"carte-{quartier.id}").find("div", class_="cdv-carte__zone")
        svg = zone.find("svg")
        assert svg.attrs["role"] == "img"
        title = svg.find("title")
        assert svg.attrs["aria-labelledby"] == title.attrs["id"] and quartier.nom in title.text
        assert [p.attrs["data-quartier"] for p in svg.find_all("path") if p.attrs.get("data-quartier")] == [quartier.id]
        assert zone.find("button").text == "Afficher la carte interactive"
    overview = page(site_dir, "quartiers/index.html").by_id("carte-quartiers")
    # HTML over the drawing, not SVG text that shrinks with it on a phone
    names = overview.find(class_="cdv-apercu-cadre").find_all("a", class_="cdv-apercu__nom")
    assert [a.text for a in names] == [typography.text(q.nom) for q in convention.quartiers if q.perimetre]
    assert all(a.attrs["aria-hidden"] == "true" and a.attrs["tabindex"] == "-1" for a in names)  # the text's list is the accessible one


def test_overview_caption_speaks_to_touch_and_mouse(site_dir):
    caption = page(site_dir, "quartiers/index.html").by_id("carte-quartiers").find("figcaption").text
    assert "survol" not in caption.lower()
    assert "Touchez ou cliquez" in caption


def test_quartier_pages_stay_light_with_their_drawing(site_dir, convention):
    """The drawing is small: it must not bring a quartier page near the 100 KB budget of bench/."""
    for quartier in convention.quartiers:
        html = (site_dir / quartier_path(quartier.id)).read_text(encoding="utf-8")
        svg = html[html.index('<svg class="cdv-apercu"') :]
        assert len(svg[: svg.index("</svg>")].encode("utf-8")) < 6_000


def test_shapes_are_lightened_to_what_the_map_can_show():
    """Douglas-Peucker at 1/2000 of the map's extent, coordinates to the metre: a detailed ring keeps
    its outline with far fewer vertices, a ring smaller than the tolerance keeps its own shape."""
    import math

    from macros.features import geometry

    ring = [
        [round(2.5 + 0.01 * math.cos(2 * math.pi * i / 2000), 9), round(50.4 + 0.01 * math.sin(2 * math.pi * i / 2000), 9)]
        for i in range(2000)
    ]
    ring.append(ring[0])
    polygon = {"type": "Feature", "properties": {"nom": "x"}, "geometry": {"type": "Polygon", "coordinates": [ring]}}
    tol = geometry.tolerance([[50.39, 2.49], [50.41, 2.51]])
    light = geometry.simplified(polygon, tol)["geometry"]["coordinates"][0]
    assert 20 < len(light) < 200
    assert all(len(str(c).split(".")[1]) <= geometry.DECIMALS for point in light for c in point)
    assert light[0] == light[-1]
    tiny = geometry.simplified(polygon, 1.0)["geometry"]["coordinates"][0]
    assert len(tiny) >= 4
    assert polygon["geometry"]["coordinates"][0] == ring  # the content's shape is left as it was


@pytest.fixture(scope="module")
def other_site(other_commune_site):
    return other_commune_site  # built once per run (conftest.py), read-only


def test_another_commune_gets_its_own_drawings_and_names(other_site):
    """The drawing, its text alternative and the names on the overview come from that commune's content."""
    convention = load_convention(OTHER_COMMUNE)
    drawn = [q for q in convention.quartiers if q.perimetre is not None and q.id in convention.perimetres]
    assert drawn, "la commune fictive doit avoir au moins un périmètre"
    for quartier in drawn:
        figure = page(other_site, quartier_path(quartier.id)).by_id(f"carte-{quartier.id}")
        assert figure.find_all("script") == []
        assert quartier.nom in figure.find("svg").find("title").text
        assert map_settings_of(figure)["data"] == f"cartes/quartier-{quartier.id}.json"
    overview = page(other_site, "quartiers/index.html").by_id("carte-quartiers")
    assert [a.text for a in overview.find_all("a", class_="cdv-apercu__nom")] == [typography.text(q.nom) for q in drawn]


def map_settings_of(figure) -> dict:
    return json.loads(figure.find("div", class_="cdv-carte__zone").attrs["data-reglages"])
