"""Accessibility in the real browser: axe-core (WCAG 2.1 A/AA and RGAA 4 rules) on every kind
of page, and the keyboard path (skip link, visible focus, order) that axe cannot judge."""

from __future__ import annotations

import pytest

from tests.support import axe
from tests.support.dom import parse
from tests.support.page_kinds import PAGE_KINDS, open_page, visit
from tests.support.waits import appears, arrives_at, eventually

pytestmark = pytest.mark.browser


def test_bundled_axe_knows_every_tag_we_ask_for(page):
    open_page(page, "")
    assert set(axe.TAGS) <= axe.known_tags(page), axe.axe_version(page)


def test_every_kind_of_page_has_no_axe_violation(new_tab, traffic):
    """Each page as open_page leaves it, a few tabs loading at once (page_kinds.visit)."""
    found = visit(
        list(PAGE_KINDS.values()),
        new_tab,
        lambda tab, _path: (tab.evaluate("document.documentElement.lang"), axe.violations(tab)),
        reuse=True,
    )
    kinds = {path: kind for kind, path in PAGE_KINDS.items()}
    assert {kinds[path]: lang for path, (lang, _) in found.items() if lang != "fr"} == {}
    assert {kinds[path]: axe.describe(v) for path, (_, v) in found.items() if v} == {}
    assert traffic.page_errors == []


def test_footer_text_and_links_pass_the_contrast_rule(page):
    """Material's footer text fails at 4.47:1; the site's footer passes axe's color-contrast rule."""
    open_page(page, "glossaire/")
    result = axe.rule_results(page, "color-contrast", "footer")
    assert result["violations"] == []
    checked = " ".join(node["html"] for node in result["passes"])
    assert "Mentions légales" in checked and "md-copyright__highlight" in checked


def test_search_with_results_open_has_no_axe_violation(page):
    open_page(page, "")
    page.locator(".md-search__input").click()
    page.keyboard.type("quartier")
    appears(page.locator(".md-search-result__item"), "la recherche « quartier » ne donne aucun résultat")
    found = axe.violations(page)
    assert found == [], axe.describe(found)


def test_every_page_has_its_own_title_in_french(site_dir):
    """RGAA 8.5, 8.6: a relevant <title> on every page, and the page's language is French."""
    titles: dict[str, list[str]] = {}
    for path in sorted(site_dir.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        root = parse(html)
        title = root.find("title").text
        assert title, path
        assert root.find("html").attrs.get("lang") == "fr", path
        titles.setdefault(title, []).append(str(path.relative_to(site_dir)))
    duplicates = {t: p for t, p in titles.items() if len(p) > 1}
    assert duplicates == {}


def test_skip_link_is_first_in_french_and_leads_to_the_content(page):
    open_page(page, "quartiers/regain/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.get_attribute("class").split()[0] == "md-skip"
    assert skip.inner_text().strip() == "Aller au contenu"
    # visible once focused (Material hides it until then)
    eventually(
        page, "getComputedStyle(document.activeElement).opacity === '1'", "le lien d'évitement reste invisible une fois le focus reçu"
    )
    page.evaluate("document.querySelector('article').dataset.avantEvitement = 'oui'")
    # the browser's own fragment navigation, no script (Material's instant navigation, now off,
    # reloaded the page and dropped the focus): the heading shows below the sticky header (CSS
    # scroll-margin) and the sequential focus starting point moves to it
    page.keyboard.press("Enter")
    arrives_at(page, lambda url: url.endswith("#le-regain"), "le lien d'évitement ne mène pas au titre du contenu")
    eventually(
        page,
        "document.getElementById('le-regain').getBoundingClientRect().top < innerHeight / 2",
        "le titre du contenu ne vient pas à l'écran après le lien d'évitement",
        timeout=5000,
    )
    page.wait_for_timeout(300)
    assert page.evaluate("document.querySelector('article').dataset.avantEvitement") == "oui"  # not reloaded
    assert page.evaluate("document.getElementById('le-regain').getBoundingClientRect().top") >= page.evaluate(
        "document.querySelector('.md-header').getBoundingClientRect().bottom"
    )
    # the next tab stop is in the content, not back in the header or menu
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('article')"), page.evaluate("document.activeElement.outerHTML.slice(0, 200)")
    # and it stays there: nothing takes the focus back from the reader
    # (the same element, not the same markup: Material's tooltip swaps its title for aria-describedby)
    moved_to = page.evaluate_handle("document.activeElement")
    page.wait_for_timeout(1200)
    assert page.evaluate("el => document.activeElement === el", moved_to), "le focus a quitté " + page.evaluate(
        "el => el.outerHTML.slice(0, 200)", moved_to
    )


def test_focus_is_visible_in_header_content_and_footer(page):
    open_page(page, "quartiers/regain/")
    seen = set()
    for _ in range(300):
        page.keyboard.press("Tab")
        zone = page.evaluate("""() => {
            const el = document.activeElement;
            return el.closest('header') ? 'en-tête' : el.closest('article') ? 'contenu' : el.closest('footer') ? 'pied' : null;
        }""")
        if zone is None or zone in seen:
            continue
        style = page.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth, s.outlineColor]; })()"
        )
        assert style[0] != "none" and style[1] != "0px", (zone, style)
        seen.add(zone)
        if len(seen) == 3:
            break
    assert seen == {"en-tête", "contenu", "pied"}


def test_keyboard_order_follows_reading_order(page):
    """Header, menu, table of contents (Material's layout), content, footer: tab stops never go back up."""
    open_page(page, "matrice/")
    order = {"header": 0, "nav-primary": 1, "nav-secondary": 2, "article": 3, "footer": 4}
    zones = []
    for _ in range(400):
        page.keyboard.press("Tab")
        zone = page.evaluate("""() => {
            const el = document.activeElement;
            if (el === document.body) return 'end';
            if (el.closest('header')) return 'header';
            if (el.closest('.md-sidebar--primary')) return 'nav-primary';
            if (el.closest('article')) return 'article';
            if (el.closest('.md-sidebar--secondary')) return 'nav-secondary';
            if (el.closest('footer')) return 'footer';
            return 'other';
        }""")
        if zone == "end":
            break
        if zone != "other" and (not zones or zones[-1] != zone):
            zones.append(zone)
    assert zones and zones[-1] == "footer", zones
    ranks = [order[z] for z in zones]
    assert ranks == sorted(ranks), zones
