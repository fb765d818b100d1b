"""The resident on a phone and the partner who links: menu over the maps, a quartier page that
opens short (each enjeu's detail folded) with every objectif one tap from its sommaire, every
published address landing on its text opened, wide tables that say they scroll, a small
« Copier le lien de cette action » button at the end of each action's text, highlighted
targets, and no invisible or hidden keyboard stop.
Chromium at 320 and 375 × 812 (phone) and 1280 × 800 (desktop)."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

from macros.reading.loader import load_convention
from tests.support import axe
from tests.support.browser import Traffic, site_only
from tests.support.page_kinds import settle, show_interactive_maps
from tests.support.server import StaticServer
from tests.support.sitebuild import OTHER_COMMUNE, SIGNED
from tests.support.waits import appears, arrives_at, eventually

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}
QUARTIER = "quartiers/cite-10-fond-de-sains/"


@pytest.fixture
def open_at(browser, site_url):
    """open_at(viewport, path, **context options) → a page of the site at that size."""
    contexts = []

    def opener(viewport, path, base_url=None, *, wait=True, **options):
        """wait=False: the page has only begun to load (page_kinds.settle waits for the rest)."""
        base = base_url or site_url
        context = browser.new_context(locale="fr-FR", base_url=base, viewport=viewport, **options)
        contexts.append(context)
        tab = context.new_page()
        Traffic(urlparse(base).hostname).attach(context, tab)
        tab.errors = []
        tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))
        tab.goto(path, wait_until="commit")
        if wait:
            settle(tab)
        return tab

    yield opener
    for context in contexts:
        context.close()


def header_bottom(tab) -> float:
    return tab.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")


# --- 1. The opened menu is above the map and gets its taps ---------------------------------


@pytest.mark.parametrize("path", [QUARTIER, ""], ids=["quartier", "accueil"])
def test_a_tap_on_the_opened_menu_over_the_map_follows_the_menu_link(open_at, path):
    tab = open_at(PHONE, path)
    show_interactive_maps(tab)
    appears(tab.locator(".cdv-carte__zone.leaflet-container"), "la carte interactive ne s'affiche pas")
    # the map fills the top of the screen, under the menu about to open
    tab.evaluate("""() => { const m = document.querySelector('.cdv-carte__zone');
                            window.scrollBy(0, m.getBoundingClientRect().top - 60); }""")
    tab.locator('.md-header button[data-cdv-bascule="__drawer"]').click()
    eventually(tab, "document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0", "le menu ne s'ouvre pas")
    # a visible menu link whose centre lies over the map
    target = tab.evaluate("""() => {
        const map = document.querySelector('.cdv-carte__zone').getBoundingClientRect();
        // Material stacks the menu's levels: a link counts where it is the one drawn on top
        // (when the map covered the menu, no link was)
        for (const a of document.querySelectorAll('.md-sidebar--primary a.md-nav__link[href]')) {
            const r = a.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
            if (r.width && r.height && x > map.left && x < map.right && y > map.top && y < map.bottom
                && y < window.innerHeight && a.contains(document.elementFromPoint(x, y))) return {x, y, href: a.href};
        }
        return null;
    }""")
    assert target, "aucun lien du menu au-dessus de la carte"
    tab.mouse.click(target["x"], target["y"])
    arrives_at(tab, target["href"], "le toucher sur le lien du menu ne mène pas à sa page (la carte l'a pris ?)")
    assert tab.errors == []


# --- 2. Objectifs within two taps, titles that read as headings ------------------------------


def test_every_objectif_of_a_quartier_is_in_its_contents_block(open_at):
    tab = open_at(DESKTOP, QUARTIER)
    headings = tab.eval_on_selector_all("h5.cdv-objectif", "hs => hs.map(h => h.id)")
    links = tab.eval_on_selector_all(".cdv-sommaire__enjeux ul a", "as => as.map(a => a.hash.slice(1))")
    assert headings and links == headings
    # every objectif's title is readable in the contents as the page opens (no fold to open first)
    assert tab.evaluate("[...document.querySelectorAll('.cdv-sommaire__enjeux ul a')].every(a => a.checkVisibility())")
    # near the top: before the map
    assert tab.evaluate(
        "document.querySelector('.cdv-sommaire').compareDocumentPosition(document.querySelector('.cdv-carte')) & Node.DOCUMENT_POSITION_FOLLOWING"
    )


def _largest_quartier(content) -> str:
    convention = load_convention(content)
    return max(convention.quartiers, key=lambda q: sum(len(p.actions) for p in q.objectifs)).id


SCREENS_AT_MOST = 15  # issue 21: Cité 10 – Fond de Sains was 36 phone screens as it opened


def test_the_largest_quartier_opens_within_fifteen_phone_screens(open_at):
    tab = open_at(PHONE, f"quartiers/{_largest_quartier(SIGNED)}/")
    details = tab.locator("article details.cdv-repli")
    assert details.count() >= 1
    assert tab.evaluate("[...document.querySelectorAll('article details.cdv-repli')].every(d => !d.open)"), "un détail est ouvert d'emblée"
    screens = tab.evaluate("document.documentElement.scrollHeight / innerHeight")
    assert screens <= SCREENS_AT_MOST, f"{screens:.1f} écrans de téléphone"
    # folded is not lost: each enjeu's detail holds its objectifs and actions, and says how many
    summary = details.first.locator("summary").inner_text()
    assert re.fullmatch(r"(L'objectif|Les \d+ objectifs)( et (l'action|les \d+ actions))? de l'enjeu \d+", summary), summary


def test_an_objectif_on_health_is_within_two_taps_from_the_top_on_a_phone(open_at):
    tab = open_at(PHONE, QUARTIER)
    link = tab.locator(".cdv-sommaire__enjeux ul a", has_text="santé").first
    objectif = link.evaluate("a => a.hash.slice(1)")
    assert tab.evaluate("scrollY") == 0
    link.click()  # tap 1 (the sommaire is on the first screens; a second tap would be a scroll)
    arrives_at(tab, lambda url: url.endswith(f"#{objectif}"), f"le lien du sommaire ne mène pas à l'objectif {objectif}")
    eventually(
        tab,
        "id => { const h = document.getElementById(id), r = h.getBoundingClientRect();"
        " return h.closest('details').open && h.checkVisibility() && r.top >= 0 && r.top < innerHeight / 2; }",
        f"l'objectif {objectif} n'est pas ouvert dans le haut de l'écran",
        arg=objectif,
    )
    top = tab.evaluate("id => document.getElementById(id).getBoundingClientRect().top", objectif)
    assert top >= header_bottom(tab) - 1
    # its actions are shown right under it
    assert tab.evaluate("id => document.getElementById(id).nextElementSibling.querySelector('.cdv-action').checkVisibility()", objectif)


def test_the_last_objectif_is_two_taps_from_the_top_on_a_phone(open_at):
    tab = open_at(PHONE, QUARTIER)
    link = tab.locator(".cdv-sommaire__enjeux ul a").last
    objectif = link.evaluate("a => a.hash.slice(1)")
    link.click()  # tap 1
    arrives_at(tab, lambda url: url.endswith(f"#{objectif}"), f"le lien du sommaire ne mène pas à l'objectif {objectif}")
    eventually(
        tab,
        "id => { const r = document.getElementById(id).getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight / 2; }",
        f"l'objectif {objectif} n'est pas arrivé dans le haut de l'écran",
        arg=objectif,
    )


def test_headings_of_a_quartier_get_smaller_with_their_level(open_at):
    tab = open_at(PHONE, QUARTIER)
    tab.evaluate("document.querySelectorAll('details.cdv-repli').forEach(d => d.open = true)")
    sizes = tab.evaluate("""() => Object.fromEntries(['h2', 'h3.cdv-enjeu', 'h4.cdv-orientation', 'h5.cdv-objectif'].map(s =>
        [s, parseFloat(getComputedStyle(document.querySelector('article ' + s)).fontSize)]))""")
    assert sizes["h2"] > sizes["h3.cdv-enjeu"] > sizes["h4.cdv-orientation"] > sizes["h5.cdv-objectif"], sizes


def test_objectif_titles_are_headings_above_their_actions_and_the_crosslinks_come_after(open_at):
    tab = open_at(PHONE, QUARTIER)
    tab.evaluate("document.querySelectorAll('details.cdv-repli').forEach(d => d.open = true)")
    sizes = tab.evaluate("""() => {
        const h = document.querySelector('h5.cdv-objectif'), s = getComputedStyle(h);
        const action = document.querySelector('.cdv-action');
        return {title: parseFloat(s.fontSize), action: parseFloat(getComputedStyle(action).fontSize),
                weight: parseInt(s.fontWeight), transform: s.textTransform,
                next: h.nextElementSibling.tagName, renvoi: parseFloat(getComputedStyle(document.querySelector('.cdv-renvoi')).fontSize)};
    }""")
    assert sizes["title"] >= sizes["action"] and sizes["weight"] >= 700 and sizes["transform"] == "none"
    assert sizes["next"] == "UL"  # the actions right under their objectif
    assert sizes["renvoi"] < sizes["action"]


def _published_anchors(content) -> dict[str, list[str]]:
    """Page → anchors of the addresses published in the content's adresses.txt."""
    pages: dict[str, list[str]] = {}
    for line in (content / "adresses.txt").read_text(encoding="utf-8").split():
        if "#" in line:
            path, anchor = line.split("#", 1)
            pages.setdefault(path, []).append(anchor)
    return pages


LANDS_ON_EACH = """async anchors => {
    const missed = [];
    for (const a of anchors.slice(1)) {
        document.querySelectorAll('details').forEach(d => d.open = false);
        const changed = new Promise(resolve => window.addEventListener('hashchange', resolve, {once: true}));
        location.hash = '#' + a;
        await changed;
        await new Promise(requestAnimationFrame);
        const e = document.getElementById(a);
        if (!e || !e.checkVisibility() || !e.getBoundingClientRect().height) missed.push(a);
    }
    return missed;
}"""


def test_every_published_anchor_of_a_quartier_page_lands_on_its_text_opened(open_at):
    """Each address of adresses.txt with an anchor on a quartier page (actions, objectifs, enjeux,
    orientations), folded or not: the page's first by loading it, the others by changing the
    address (hashchange) after folding everything again. Other pages fold nothing: their
    anchors are read in the built HTML (test_site_pages.py)."""
    pages = {path: anchors for path, anchors in _published_anchors(SIGNED).items() if path.startswith("quartiers/")}
    assert pages and all(any(a.startswith("action-") for a in anchors) for anchors in pages.values())
    # the pages load, then go through their anchors, side by side: each in a tab of its own
    tabs = {path: open_at(PHONE, f"{path}#{anchors[0]}", wait=False) for path, anchors in pages.items()}
    for path, anchors in pages.items():
        settle(tabs[path])
        eventually(
            tabs[path],
            "a => { const e = document.getElementById(a); return !!e && e.checkVisibility() && e.getBoundingClientRect().top >= 0; }",
            f"{path}#{anchors[0]} ne montre pas son texte au chargement",
            arg=anchors[0],
        )
        tabs[path].evaluate(f"anchors => {{ window.cdvManquees = ({LANDS_ON_EACH})(anchors); }}", anchors)
    for path, tab in tabs.items():
        assert tab.evaluate("window.cdvManquees") == [], path


def test_an_anchor_inside_a_closed_details_opens_it(open_at):
    """lecture.js opens the <details> holding the target (Chromium would too on a navigation:
    here the address changes without one, as after history.replaceState)."""
    tab = open_at(PHONE, QUARTIER)
    target = tab.evaluate("document.querySelector('details.cdv-repli .cdv-action').id")
    assert not tab.evaluate("id => document.getElementById(id).closest('details').open", target)
    tab.evaluate("id => { history.replaceState(null, '', '#' + id); window.dispatchEvent(new HashChangeEvent('hashchange')); }", target)
    assert tab.evaluate("id => document.getElementById(id).closest('details').open", target)


def test_a_tap_on_the_address_already_shown_opens_its_detail_again(open_at):
    tab = open_at(PHONE, QUARTIER)
    link = tab.locator(".cdv-sommaire__enjeux ul a").first
    objectif = link.evaluate("a => a.hash.slice(1)")
    link.click()
    eventually(tab, "id => document.getElementById(id).closest('details').open", "le lien n'ouvre pas l'enjeu", arg=objectif)
    tab.evaluate("id => { document.getElementById(id).closest('details').open = false; window.scrollTo(0, 0); }", objectif)
    link.click()  # same address: no hashchange
    eventually(
        tab, "id => document.getElementById(id).checkVisibility()", "un second toucher sur le même lien ne rouvre pas l'enjeu", arg=objectif
    )


# --- 3. Wide tables scroll in a named, focusable region with a visible hint ---------------

# the Avancement page has no table while no statut is given (test_avancement.py)
TABLE_PAGES = [QUARTIER, "statistiques/", "matrice/"]


@pytest.mark.parametrize("width", [320, 375])
@pytest.mark.parametrize("path", TABLE_PAGES)
def test_wide_tables_say_they_scroll_and_hide_nothing(open_at, path, width):
    tab = open_at({"width": width, "height": 812}, path)
    tab.wait_for_timeout(100)
    tables = tab.evaluate("""() => [...document.querySelectorAll('article table')].map(t => {
        const box = t.closest('.cdv-defilement, .md-typeset__scrollwrap');
        const wide = box ? box.scrollWidth > box.clientWidth + 1 : t.scrollWidth > t.parentElement.clientWidth + 1;
        const hint = box && box.previousElementSibling;
        const hidden = [...t.querySelectorAll('th, td')].filter(c => {
            const s = getComputedStyle(c); return s.display === 'none' || s.visibility === 'hidden';
        }).length;
        // a word cut across lines (the matrix's objectifs) or spilling out of its cell
        const cut = [...t.querySelectorAll('th, td')].filter(c => c.scrollWidth > c.clientWidth + 1
            || getComputedStyle(c).wordBreak === 'break-all'
            || [...c.querySelectorAll('a')].some(a => ['break-word', 'break-all'].includes(getComputedStyle(a).wordBreak))).length;
        return {caption: (t.caption || {}).textContent, wide, boxed: !!box, cut,
                overflowsPage: t.getBoundingClientRect().right > innerWidth + 1 && !box,
                focusable: !!box && box.tabIndex === 0,
                named: !!box && !!(box.getAttribute('aria-label') || box.getAttribute('aria-labelledby')),
                role: box && box.getAttribute('role'),
                hint: !!hint && hint.classList.contains('cdv-defilement__aide') && hint.getBoundingClientRect().height > 0,
                hidden};
    })""")
    assert tables, path
    # the text itself never goes past the screen's edge: only the table regions scroll
    outside = tab.evaluate("""() => [...document.querySelectorAll('article > *')]
        .filter(e => { const r = e.getBoundingClientRect(); return r.left < -1 || r.right > innerWidth + 1; })
        .map(e => e.outerHTML.slice(0, 80))""")
    assert outside == []
    for table in tables:
        assert table["hidden"] == 0 and table["cut"] == 0, table
        assert not table["overflowsPage"], table
        if table["wide"]:
            assert table["focusable"] and table["named"] and table["role"] == "region" and table["hint"], table


def test_a_wide_table_scrolls_with_the_keyboard(open_at):
    tab = open_at({"width": 320, "height": 812}, "matrice/")
    box = tab.locator(".cdv-defile").first
    box.focus()
    tab.keyboard.press("ArrowRight")
    tab.keyboard.press("ArrowRight")
    eventually(tab, "document.activeElement.scrollLeft > 0", "la flèche droite ne fait pas défiler le tableau large")


def test_pages_at_phone_size_have_no_axe_violation(browser, site_url):
    paths = ["avancement/", "statistiques/", "matrice/", QUARTIER, "objectifs/acces-soins-premiere-necessite/"]
    with site_only(browser, site_url, viewport=PHONE) as context:
        found = axe.violations_by_page(context, paths)
    assert {path: axe.describe(v) for path, v in found.items() if v} == {}


def test_a_quartier_page_with_every_detail_opened_has_no_axe_violation(open_at):
    tab = open_at(PHONE, QUARTIER)
    tab.evaluate("document.querySelectorAll('article details').forEach(d => d.open = true)")
    eventually(tab, "[...document.querySelectorAll('article .cdv-action')].every(a => a.checkVisibility())", "des actions restent repliées")
    found = axe.violations(tab)
    assert found == [], axe.describe(found)


# --- 4. « Copier le lien » on each action, highlighted on arrival -----------------------------


LINK_NAME = "Copier le lien de cette action"


def test_each_action_has_a_button_that_copies_its_address_and_says_so(open_at):
    tab = open_at(DESKTOP, f"{QUARTIER}#action-sante-ambulatoire", permissions=["clipboard-read", "clipboard-write"])
    actions = tab.locator(".cdv-action[id]")
    assert actions.count() == tab.locator(".cdv-action[id] > button.cdv-lien").count() > 0
    action = tab.locator("#action-sante-ambulatoire")
    action_id = action.get_attribute("id")
    button = action.get_by_role("button", name=LINK_NAME)
    assert button.is_visible()
    assert button.get_attribute("aria-label") == LINK_NAME
    # by keyboard
    button.focus()
    tab.keyboard.press("Enter")
    expected = f"{tab.url.split('#')[0]}#{action_id}"
    eventually(tab, "document.getElementById('cdv-annonce').textContent.includes('copié')", "la copie du lien n'est pas annoncée")
    live = tab.locator("#cdv-annonce")
    assert live.get_attribute("aria-live") == "polite"
    assert expected in live.text_content()
    assert tab.evaluate("navigator.clipboard.readText()") == expected
    # and shown beside the icon
    assert button.inner_text().strip() == "Lien copié"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["téléphone", "bureau"])
def test_the_permalink_is_a_small_button_at_the_end_of_the_action_s_text(open_at, viewport):
    """Not a line of its own: on the last line of the action's text, icon-sized, a 24 px target."""
    tab = open_at(viewport, f"{QUARTIER}#action-sante-ambulatoire")
    box = tab.evaluate("""() => {
        const action = document.getElementById('action-sante-ambulatoire'), button = action.querySelector(':scope > .cdv-lien');
        const range = document.createRange();
        range.setStart(action, 0); range.setEndBefore(button);
        const lines = [...range.getClientRects()].filter(r => r.width > 0), last = lines[lines.length - 1];
        const b = button.getBoundingClientRect(), middle = b.top + b.height / 2;
        return {width: b.width, height: b.height, middle, lineTop: last.top, lineBottom: last.bottom,
                afterText: b.left >= last.right - 1, before: button.previousSibling.textContent,
                next: button.nextElementSibling && button.nextElementSibling.className};
    }""")
    assert box["lineTop"] <= box["middle"] <= box["lineBottom"], box
    assert box["afterText"], box
    assert 24 <= box["height"] <= 32 and 24 <= box["width"] <= 32, box


def test_the_permalink_sits_before_the_status_of_a_followed_action(open_at, shared_sites):
    """With a statut, the button stays at the end of the text, before the status badge."""
    from tests.test_avancement import _with_statuts

    with StaticServer(shared_sites.site(SIGNED, prepare=_with_statuts)) as server:
        tab = open_at(PHONE, "quartiers/regain/#action-point-justice", base_url=server.url)
        order = tab.evaluate("[...document.getElementById('action-point-justice').children].map(e => e.className.split(' ')[0])")
        assert order.index("cdv-lien") < order.index("cdv-statut"), order
        badge = tab.locator("#action-point-justice .cdv-statut")
        assert badge.inner_text().replace("\u00a0", " ").startswith("Avancement : ")


def test_objectif_pages_actions_have_the_button_too(open_at):
    tab = open_at(PHONE, "objectifs/acces-soins-premiere-necessite/")
    assert tab.locator("li.cdv-action[id] > button.cdv-lien").count() > 0


def test_buttons_come_after_following_a_link(open_at):
    tab = open_at(DESKTOP, "quartiers/")
    tab.locator("article a[href*='cite-10-fond-de-sains']").first.click()
    arrives_at(tab, lambda url: url.endswith(f"/{QUARTIER}"), "le lien ne mène pas à la page du quartier")
    # the actions are folded in their enjeu: the buttons are there, shown once it opens
    eventually(
        tab,
        "document.querySelectorAll('.cdv-action > button.cdv-lien').length > 0",
        "pas de bouton de lien sur la page atteinte par un lien",
    )
    tab.locator("details.cdv-repli > summary").first.click()
    appears(tab.locator(".cdv-action > button.cdv-lien"), "pas de bouton « Copier le lien » sur la page atteinte par un lien")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["téléphone", "bureau"])
def test_arriving_by_an_action_address_shows_it_below_the_header(open_at, viewport):
    tab = open_at(viewport, f"{QUARTIER}#action-sante-ambulatoire")
    action = tab.locator("#action-sante-ambulatoire")
    eventually(
        tab, "document.querySelector('#action-sante-ambulatoire').getBoundingClientRect().top > 0", "l'action visée n'est pas à l'écran"
    )
    box = action.bounding_box()
    assert box["y"] >= header_bottom(tab) and box["y"] + 20 < viewport["height"]
    colour = action.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")


def test_an_action_reached_by_a_link_is_highlighted_too(open_at):
    """Plain CSS :target (no instant navigation to hide it from CSS, no class standing in)."""
    tab = open_at(DESKTOP, "objectifs/acces-soins-premiere-necessite/")
    link = tab.locator(".cdv-renvoi a[href*='#acces-soins-premiere-necessite']").first
    link.click()
    arrives_at(tab, lambda url: url.endswith("#acces-soins-premiere-necessite"), "le renvoi ne mène pas à l'action")
    eventually(
        tab,
        "document.getElementById('acces-soins-premiere-necessite').matches(':target')",
        "l'action atteinte par un renvoi n'est pas mise en évidence (:target)",
    )
    colour = tab.locator("#acces-soins-premiere-necessite").evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")


def test_objectif_page_quartier_action_anchor_still_lands(open_at):
    convention = load_convention(SIGNED)
    placement = next(p for q in convention.quartiers for p in q.objectifs if p.actions)
    quartier = next(q for q in convention.quartiers if placement in q.objectifs)
    anchor = f"{quartier.id}--{placement.actions[0].id}"
    tab = open_at(PHONE, f"objectifs/{placement.objectif}/#{anchor}")
    assert tab.locator(f"[id='{anchor}']").evaluate("e => getComputedStyle(e).backgroundColor") not in ("rgba(0, 0, 0, 0)",)


# --- 5. Keyboard: no invisible stop, nothing in the closed menu ------------------------------

FOCUS_STATE = """() => {
    const e = document.activeElement, r = e.getBoundingClientRect(), s = getComputedStyle(e);
    return {html: e.outerHTML.slice(0, 120), w: r.width, h: r.height, left: r.left, right: r.right,
            hidden: s.visibility !== 'visible' || s.display === 'none',
            drawer: !!e.closest('.md-sidebar--primary'), skip: e.classList.contains('md-skip')};
}"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["téléphone", "bureau"])
def test_first_tab_stops_are_all_visible(open_at, viewport):
    tab = open_at(viewport, QUARTIER)
    for stop in range(1, 16):
        tab.keyboard.press("Tab")
        state = tab.evaluate(FOCUS_STATE)
        assert state["w"] > 0 and state["h"] > 0 and not state["hidden"], (stop, state)
        assert state["right"] > 0 and state["left"] < viewport["width"], (stop, state)
        if viewport is PHONE:
            assert not state["drawer"], (stop, state)


def test_on_a_phone_the_menu_opens_from_the_keyboard_and_closes_with_escape(open_at):
    tab = open_at(PHONE, QUARTIER)
    menu = tab.locator('.md-header button[data-cdv-bascule="__drawer"]')
    menu.focus()
    assert menu.get_attribute("aria-label") == "Ouvrir le menu"
    tab.keyboard.press("Enter")
    eventually(
        tab,
        "document.activeElement.closest('.md-sidebar--primary') !== null",
        "Entrée sur le bouton du menu ne met pas le focus dans le menu",
    )
    tab.keyboard.press("Escape")
    eventually(tab, "!document.getElementById('__drawer').checked", "Échap ne ferme pas le menu")
    eventually(
        tab,
        "getComputedStyle(document.querySelector('.md-sidebar--primary')).visibility === 'hidden'",
        "le menu fermé par Échap reste visible",
    )


# --- The fictitious commune: same behaviour, other content ------------------------------------


@pytest.fixture(scope="module")
def other_site_url(other_commune_site):
    with StaticServer(other_commune_site) as server:
        yield server.url


def test_other_commune_quartier_has_contents_and_link_buttons(open_at, other_site_url):
    convention = load_convention(OTHER_COMMUNE)
    quartier = next(q for q in convention.quartiers if q.objectifs)
    tab = open_at(PHONE, f"quartiers/{quartier.id}/", base_url=other_site_url)
    assert tab.locator(".cdv-sommaire__enjeux ul a").count() >= 1
    assert tab.locator(".cdv-action > button.cdv-lien").count() == sum(len(p.actions) for p in quartier.objectifs)
