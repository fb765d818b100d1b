"""Maps in Chromium: shapes drawn on direct load, reload and after following a link, page style intact,
French controls, keyboard, small screens and print. Every other host is blocked (the `page`
fixture), so basemap tiles fail: the shapes must draw all the same."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from macros.reading.loader import load_convention
from macros.text import typography
from tests.support.axe import violations
from tests.support.basemap import is_tile, tile_host
from tests.support.browser import Traffic
from tests.support.sitebuild import SIGNED
from tests.support.waits import appears, arrives_at, eventually

pytestmark = pytest.mark.browser

QUARTIERS = [q.id for q in load_convention(SIGNED).quartiers]
MAP_PAGES = [f"quartiers/{q}/" for q in QUARTIERS] + ["", "quartiers/"]
DRAWN = "() => [...document.querySelectorAll('.leaflet-overlay-pane path.cdv-perimetre')].some(p => p.getAttribute('d').length > 10)"


@pytest.fixture
def console(page):
    """Console errors with the address they are about (a failed tile says so only there)."""
    errors: list[tuple[str, str]] = []
    page.on("console", lambda msg: msg.type == "error" and errors.append((msg.text, msg.location.get("url", ""))))
    return errors


def wait_for_shapes(page) -> int:
    """The reader scrolls to the map (a map in view on arrival stays a drawing until the reader
    scrolls or asks for it); the interactive map then draws its shapes."""
    page.locator(".cdv-carte__activer, .leaflet-container").first.wait_for(state="attached")
    page.evaluate("() => window.scrollBy(0, 1)")
    # centred: at the edge, Material's sticky header could cover the shapes a test then clicks
    page.locator(".cdv-carte__zone").first.evaluate("zone => zone.scrollIntoView({block: 'center'})")
    eventually(page, DRAWN, "la carte interactive ne dessine aucun périmètre")
    return page.locator(".leaflet-overlay-pane path.cdv-perimetre").count()


def assert_clean(traffic, console) -> None:
    """No error but failed tiles; nothing asked of another host but the basemap's tiles."""
    assert traffic.page_errors == []
    assert [(text, url) for text, url in console if not is_tile(url)] == []
    assert [url for url in traffic.external if not is_tile(url)] == []


# --- drawing ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", MAP_PAGES)
def test_shapes_are_drawn_on_direct_load_and_reload(page, traffic, console, path):
    page.goto(path)
    # one shape per quartier (an official perimeter in several parts may give more)
    expected = 1 if path.startswith("quartiers/") and path != "quartiers/" else len(QUARTIERS)
    assert wait_for_shapes(page) >= expected
    page.reload()
    assert wait_for_shapes(page) >= expected
    assert_clean(traffic, console)
    # the basemap was asked for (and blocked): only its tiles left the site
    assert traffic.external and {url.split("/")[2] for url in traffic.external} == {tile_host()}


@pytest.mark.parametrize("quartier", QUARTIERS)
def test_shapes_are_drawn_after_following_a_link_from_a_page_without_map(page, traffic, console, quartier):
    """No instant navigation: a link loads the page, and its map gets ready on load."""
    page.goto(f"objectifs/{first_objectif_of(quartier)}/")
    assert page.locator(".cdv-carte").count() == 0
    page.locator(f"article a[href*='quartiers/{quartier}/']").first.click()
    arrives_at(
        page, lambda url: urlparse(url).path.endswith(f"/quartiers/{quartier}/"), f"le lien ne mène pas à la page du quartier {quartier}"
    )
    wait_for_shapes(page)
    assert_clean(traffic, console)


def test_a_shape_of_the_overview_opens_its_quartier_page(page, traffic, console):
    page.goto("")
    wait_for_shapes(page)
    quartier = QUARTIERS[0]
    page.locator(f".leaflet-overlay-pane path.cdv-perimetre--{quartier}").click()
    # (Material's navigation.tracking may leave the home page's section in the hash)
    arrives_at(
        page, lambda url: urlparse(url).path.endswith(f"/quartiers/{quartier}/"), f"le lien ne mène pas à la page du quartier {quartier}"
    )
    page.locator(f"#carte-{quartier}").wait_for(state="attached")
    wait_for_shapes(page)
    assert_clean(traffic, console)


def test_tooltip_gives_name_and_statut(page):
    convention = load_convention(SIGNED)
    page.goto("")
    wait_for_shapes(page)
    quartier = convention.quartiers[0]
    page.locator(f".leaflet-overlay-pane path.cdv-perimetre--{quartier.id}").hover()
    tooltip = page.locator(".leaflet-tooltip.cdv-infobulle")
    appears(tooltip, "le survol du périmètre n'ouvre pas d'infobulle")
    assert quartier.nom in tooltip.inner_text()
    assert f"({quartier.statut})" in tooltip.inner_text()


# --- Leaflet only when the reader wants the map ---------------------------------------------------


PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}


@pytest.mark.parametrize("path", [f"quartiers/{QUARTIERS[0]}/", ""])
def test_first_view_on_a_phone_shows_the_drawing_without_leaflet(browser, site_url, path):
    context = browser.new_context(locale="fr-FR", base_url=site_url, **PHONE)
    phone = context.new_page()
    traffic = Traffic(urlparse(site_url).hostname)
    traffic.attach(context, phone)
    loaded: list[str] = []
    phone.on("request", lambda request: loaded.append(request.url))
    phone.goto(path, wait_until="networkidle")
    phone.wait_for_timeout(500)
    assert not [url for url in loaded if "/vendor/leaflet/" in url or "/cartes/" in url]
    drawing = phone.locator(".cdv-carte__zone svg.cdv-apercu")
    assert drawing.count() == 1 and phone.locator(".cdv-apercu__perimetre").count() >= 1
    assert phone.locator(".cdv-carte__activer").is_visible()
    context.close()


def test_the_button_brings_the_interactive_map_and_the_keyboard_follows(page):
    page.goto(f"quartiers/{QUARTIERS[0]}/")
    assert page.locator(".leaflet-container").count() == 0
    button = page.get_by_role("button", name="Afficher la carte interactive")
    button.focus()
    page.keyboard.press("Enter")
    eventually(page, DRAWN, "Entrée sur le bouton n'affiche pas la carte interactive et ses périmètres")
    assert page.locator(".cdv-carte__activer, svg.cdv-apercu").count() == 0
    assert page.evaluate("document.activeElement.classList.contains('cdv-carte__zone')")
    page.keyboard.press("ArrowRight")  # the focused map pans
    eventually(
        page,
        "() => document.querySelector('.leaflet-map-pane').style.transform !== ''",
        "la flèche droite ne déplace pas la carte qui a le focus",
    )


def test_a_shape_of_the_drawing_opens_its_quartier_page(page):
    page.goto("")
    quartier = QUARTIERS[0]
    # (a real click would scroll the page first, which brings the interactive map instead)
    page.locator(f"svg.cdv-apercu path[data-quartier='{quartier}']").dispatch_event("click")
    arrives_at(
        page, lambda url: urlparse(url).path.endswith(f"/quartiers/{quartier}/"), f"le tracé du quartier {quartier} ne mène pas à sa page"
    )


def test_overview_writes_every_quartier_name_on_the_map(page):
    convention = load_convention(SIGNED)
    page.goto("quartiers/")
    wait_for_shapes(page)
    labels = page.locator(".leaflet-tooltip.cdv-etiquette")
    names = [typography.text(q.nom) for q in convention.quartiers if q.perimetre]
    assert sorted(labels.all_inner_texts()) == sorted(names)
    # every name shown, none covering another (one that would is moved, a line to its place)
    boxes = page.evaluate("""() => [...document.querySelectorAll('.cdv-etiquette')]
        .filter(e => getComputedStyle(e).visibility !== 'hidden').map(e => e.getBoundingClientRect().toJSON())""")
    assert len(boxes) == len(names)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a["right"] <= b["left"] or b["right"] <= a["left"] or a["bottom"] <= b["top"] or b["bottom"] <= a["top"]
    # readable: dark bold text on a light background
    style = labels.first.evaluate("e => [getComputedStyle(e).fontWeight, getComputedStyle(e).fontSize]")
    assert int(style[0]) >= 700 and float(style[1].rstrip("px")) >= 12


@pytest.mark.parametrize("path, figure", [(f"quartiers/{QUARTIERS[0]}/", f"#carte-{QUARTIERS[0]}"), ("", "#carte-quartiers")])
def test_axe_finds_nothing_in_the_drawing_and_its_button(page, path, figure):
    page.goto(path)
    appears(page.locator(f"{figure} .cdv-carte__activer"), "pas de bouton « Afficher la carte interactive »")
    found = violations(page, figure)
    assert found == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in found]


@pytest.mark.parametrize("path", [f"quartiers/{QUARTIERS[0]}/", "quartiers/"])
def test_maps_draw_under_a_content_security_policy_without_inline_scripts(browser, site_url, path):
    """Only scripts from files run: the maps' settings are data, their code is cartes.js."""
    context = browser.new_context(locale="fr-FR", base_url=site_url)

    def with_policy(route):
        if urlparse(route.request.url).hostname != urlparse(site_url).hostname:
            return route.abort()
        response = route.fetch()
        headers = {**response.headers, "content-security-policy": "script-src 'self'; object-src 'none'"}
        route.fulfill(response=response, headers=headers)

    context.route("**/*", with_policy)
    tab = context.new_page()
    blocked: list[str] = []
    tab.on("console", lambda msg: "Content Security Policy" in msg.text and blocked.append(msg.text))
    tab.goto(path)
    assert wait_for_shapes(tab) >= 1
    context.close()


# --- the page around the map keeps its style -------------------------------------------------------


def styles(page) -> dict:
    return page.evaluate("""() => {
        const body = getComputedStyle(document.body);
        const link = document.querySelector('.md-nav--primary a.md-nav__link[href$="glossaire/"]');
        return {size: body.fontSize, family: body.fontFamily, margin: body.margin, nav: getComputedStyle(link).color,
                decoration: getComputedStyle(link).textDecorationLine};
    }""")


def test_map_pages_keep_the_theme_typography_and_colours(page):
    page.goto(f"objectifs/{first_objectif_of(QUARTIERS[0])}/")
    without_map = styles(page)
    page.goto(f"quartiers/{QUARTIERS[0]}/")
    wait_for_shapes(page)
    assert styles(page) == without_map


# --- accessibility --------------------------------------------------------------------------------


def test_controls_and_labels_are_in_french(page):
    page.goto(f"quartiers/{QUARTIERS[0]}/")
    wait_for_shapes(page)
    zone = page.locator(".cdv-carte__zone")
    assert zone.get_attribute("aria-label").startswith("Carte interactive")
    assert zone.get_attribute("tabindex") == "0"
    assert page.locator(".leaflet-control-zoom-in").get_attribute("title") == "Zoom avant"
    assert page.locator(".leaflet-control-zoom-out").get_attribute("title") == "Zoom arrière"
    attribution = page.locator(".leaflet-control-attribution")
    text = attribution.inner_text()
    assert "Leaflet" in text and "Fond de carte" in text and "Contours communaux" in text
    english = page.evaluate("""() => [...document.querySelectorAll('.cdv-carte [title], .cdv-carte [aria-label], .cdv-carte [alt]')]
        .flatMap(e => ['title', 'aria-label', 'alt'].map(a => e.getAttribute(a)).filter(Boolean))""")
    for label in english + [text]:
        for word in ("Zoom in", "Zoom out", "Marker", "A JavaScript library", "interactive maps"):
            assert word not in label


def test_keyboard_pans_the_map(page):
    page.goto(f"quartiers/{QUARTIERS[0]}/")
    wait_for_shapes(page)
    before = page.locator(".leaflet-map-pane").evaluate("e => e.style.transform")
    page.locator(".cdv-carte__zone").focus()
    page.keyboard.press("ArrowRight")
    eventually(
        page,
        "before => document.querySelector('.leaflet-map-pane').style.transform !== before",
        "la flèche droite ne déplace pas la carte",
        arg=before,
    )


def test_scroll_wheel_scrolls_the_page_not_the_map(page):
    page.goto(f"quartiers/{QUARTIERS[0]}/")
    wait_for_shapes(page)
    page.locator(".cdv-carte__zone").scroll_into_view_if_needed()
    before = page.evaluate("window.scrollY")
    page.locator(".cdv-carte__zone").hover()
    page.mouse.wheel(0, 300)
    # a map that captured the wheel would cancel the event, and the page would not move
    eventually(page, "before => window.scrollY > before", "la molette au-dessus de la carte ne fait pas défiler la page", arg=before)


@pytest.mark.parametrize("path", [f"quartiers/{QUARTIERS[0]}/", ""])
def test_map_fits_a_320_pixel_screen(browser, site_url, path):
    context = browser.new_context(locale="fr-FR", base_url=site_url, viewport={"width": 320, "height": 640})
    phone = context.new_page()
    Traffic(urlparse(site_url).hostname).attach(context, phone)
    phone.goto(path)
    wait_for_shapes(phone)
    # the map, its legend, caption and text stay within the screen (whatever other parts do)
    for selector in (".cdv-carte", ".cdv-carte__zone", ".cdv-carte__legende", ".cdv-carte figcaption", ".cdv-carte__texte"):
        box = phone.locator(selector).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320, selector
        if selector != ".cdv-carte__zone":  # Leaflet clips its own panes (overflow: hidden)
            assert phone.locator(selector).evaluate("e => e.scrollWidth <= e.clientWidth"), selector
    assert phone.locator(".cdv-carte__zone").bounding_box()["height"] >= 150
    context.close()


def test_print_shows_the_text_instead_of_the_map(page):
    page.goto(f"quartiers/{QUARTIERS[0]}/")
    wait_for_shapes(page)
    page.emulate_media(media="print")
    assert not page.locator(".cdv-carte__zone").is_visible()
    assert page.locator(f"#carte-{QUARTIERS[0]}-texte").is_visible()
    assert page.locator(f"#carte-{QUARTIERS[0]} figcaption").is_visible()


def first_objectif_of(quartier_id: str) -> str:
    convention = load_convention(SIGNED)
    return convention.quartier(quartier_id).objectifs[0].objectif


@pytest.mark.parametrize("path, figure", [(f"quartiers/{QUARTIERS[0]}/", f"#carte-{QUARTIERS[0]}"), ("", "#carte-quartiers")])
def test_axe_finds_nothing_in_the_map_and_its_text(page, path, figure):
    page.goto(path)
    wait_for_shapes(page)
    for context in (figure, f"{figure}-texte"):
        found = violations(page, context)
        assert found == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in found]
