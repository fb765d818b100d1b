"""Maps on a phone (375 × 812, touch), in Chromium: every quartier named in readable type, no name
over another, each name a target of 44 × 44 px that opens its quartier page, the page scrolls through
the drawing, and the map the reader asked for moves under the finger. Issue 21, item 7."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from macros.reading.loader import load_convention
from macros.text import typography
from tests.support.axe import violations
from tests.support.browser import Traffic
from tests.support.sitebuild import SIGNED
from tests.support.waits import arrives_at, eventually

pytestmark = pytest.mark.browser

CONVENTION = load_convention(SIGNED)
NAMES = sorted(typography.text(q.nom) for q in CONVENTION.quartiers if q.perimetre)
PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True, "locale": "fr-FR"}
DRAWN = "() => [...document.querySelectorAll('.leaflet-overlay-pane path.cdv-perimetre')].some(p => p.getAttribute('d').length > 10)"
BOXES = """selector => [...document.querySelectorAll(selector)].map(e => {
    const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    return {text: e.innerText.trim(), size: parseFloat(s.fontSize), visible: s.visibility !== 'hidden' && r.width > 0,
            left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height};
})"""


@pytest.fixture
def phone(browser, site_url):
    context = browser.new_context(base_url=site_url, **PHONE)
    tab = context.new_page()
    traffic = Traffic(urlparse(site_url).hostname)
    traffic.attach(context, tab)
    yield tab
    assert traffic.page_errors == []
    context.close()


def overlap(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


def assert_names_readable_apart_and_tappable(boxes: list[dict], frame: dict) -> None:
    assert sorted(b["text"] for b in boxes) == NAMES
    for box in boxes:
        assert box["visible"], box["text"]
        assert box["size"] >= 12, box  # computed font size, CSS pixels, at the phone's width
        assert box["width"] >= 44 and box["height"] >= 44, box  # the name is the quartier's tap target
        # inside the map, whole
        assert frame["left"] - 1 <= box["left"] and box["right"] <= frame["right"] + 1, box
        assert frame["top"] - 1 <= box["top"] and box["bottom"] <= frame["bottom"] + 1, box
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not overlap(a, b), (a["text"], b["text"])


def test_drawing_names_every_quartier_readably_without_overlap(phone):
    phone.goto("quartiers/")
    names = phone.locator("#carte-quartiers a.cdv-apercu__nom")
    names.first.wait_for()
    eventually(phone, "() => [...document.querySelectorAll('a.cdv-apercu__nom')].every(a => a.href)", "les noms ne sont pas des liens")
    frame = phone.locator("#carte-quartiers .cdv-apercu-cadre").evaluate("e => e.getBoundingClientRect().toJSON()")
    assert_names_readable_apart_and_tappable(phone.evaluate(BOXES, "#carte-quartiers a.cdv-apercu__nom"), frame)


def test_a_name_on_the_drawing_opens_its_quartier_page(phone):
    quartier = CONVENTION.quartiers[1]
    phone.goto("quartiers/")
    name = phone.locator(f"#carte-quartiers a.cdv-apercu__nom[data-quartier='{quartier.id}']")
    eventually(phone, "() => [...document.querySelectorAll('a.cdv-apercu__nom')].every(a => a.href)", "les noms ne sont pas des liens")
    name.tap()
    arrives_at(
        phone, lambda url: urlparse(url).path.endswith(f"/quartiers/{quartier.id}/"), f"le nom de {quartier.nom} ne mène pas à sa page"
    )


def test_scrolling_through_the_drawing_keeps_it_a_drawing(phone):
    """On a touch screen the map comes only with the button: a finger on the drawing scrolls the page."""
    phone.goto("quartiers/")
    zone = phone.locator("#carte-quartiers .cdv-carte__zone")
    zone.evaluate("zone => zone.scrollIntoView({block: 'center'})")
    phone.wait_for_timeout(800)
    assert phone.locator(".leaflet-container").count() == 0
    assert phone.locator("#carte-quartiers svg.cdv-apercu").count() == 1


def activate(phone, path: str) -> None:
    phone.goto(path)
    phone.get_by_role("button", name="Afficher la carte interactive").first.tap()
    eventually(phone, DRAWN, "le bouton n'affiche pas la carte interactive")


def test_interactive_overview_names_every_quartier_readably_without_overlap(phone):
    activate(phone, "quartiers/")
    phone.locator(".leaflet-tooltip.cdv-etiquette").first.wait_for()
    frame = phone.locator("#carte-quartiers .cdv-carte__zone").evaluate("e => e.getBoundingClientRect().toJSON()")
    assert_names_readable_apart_and_tappable(phone.evaluate(BOXES, ".leaflet-tooltip.cdv-etiquette"), frame)


def test_a_name_on_the_interactive_map_opens_its_quartier_page(phone):
    quartier = CONVENTION.quartiers[0]
    activate(phone, "quartiers/")
    name = phone.locator(".leaflet-tooltip.cdv-etiquette", has_text=typography.text(quartier.nom))
    name.tap()
    arrives_at(
        phone, lambda url: urlparse(url).path.endswith(f"/quartiers/{quartier.id}/"), f"le nom de {quartier.nom} ne mène pas à sa page"
    )


@pytest.mark.parametrize("path", [f"quartiers/{CONVENTION.quartiers[0].id}/", "quartiers/"])
def test_the_activated_map_moves_when_dragged(phone, path):
    activate(phone, path)
    zone = phone.locator(".cdv-carte__zone.leaflet-container").first
    zone.evaluate("zone => zone.scrollIntoView({block: 'center'})")
    box = zone.bounding_box()
    before = phone.locator(".leaflet-map-pane").first.evaluate("e => e.style.transform")
    # a drag from the map's lower part, clear of the names and the zoom buttons
    x, y = box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.85
    phone.mouse.move(x, y)
    phone.mouse.down()
    for step in range(1, 11):
        phone.mouse.move(x + 8 * step, y - 4 * step)
    phone.mouse.up()
    eventually(
        phone,
        "before => document.querySelector('.leaflet-map-pane').style.transform !== before",
        "la carte demandée ne se déplace pas quand on la fait glisser",
        arg=before,
    )


@pytest.mark.parametrize("interactive", [False, True])
def test_axe_finds_nothing_in_the_overview_on_a_phone(phone, interactive):
    if interactive:
        activate(phone, "quartiers/")
        phone.locator(".leaflet-tooltip.cdv-etiquette").first.wait_for()
    else:
        phone.goto("quartiers/")
        phone.locator("#carte-quartiers .cdv-carte__activer").wait_for()
    found = violations(phone, "#carte-quartiers")
    assert found == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in found]
