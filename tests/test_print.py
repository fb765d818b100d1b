"""Printing: every page prints its content alone (no header, menus, footer, search), maps give way
to their text, and the « Version imprimable » gathers the whole convention in the document's order."""

from __future__ import annotations

import pytest

from macros import typography
from macros.markdown_text import shift_headings
from macros.loader import load_convention
from macros.pages import document_parts
from tests.conftest import ROOT, read_html
from tests.support.dom import parse
from tests.support.page_kinds import PAGE_KINDS, open_page

HIDDEN_IN_PRINT = (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
                   ".md-search", ".md-skip", ".md-top", ".md-content__button")


@pytest.fixture(scope="module")
def convention():
    return load_convention(ROOT / "content")


def _displayed(page, selector: str) -> list[bool]:
    return page.eval_on_selector_all(selector, "els => els.map(el => getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0)")


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGE_KINDS.values(), ids=PAGE_KINDS.keys())
def test_page_prints_its_content_alone(page, path):
    open_page(page, path)
    page.emulate_media(media="print")
    for selector in HIDDEN_IN_PRINT:
        assert not any(_displayed(page, selector)), selector
    assert _displayed(page, "article h1") == [True]


@pytest.mark.browser
def test_printed_links_keep_their_text_and_maps_their_description(page):
    open_page(page, "quartiers/regain/")
    page.emulate_media(media="print")
    link = page.locator("article .cdv-renvoi a").first
    assert link.is_visible() and link.inner_text().strip()
    style = link.evaluate("a => [getComputedStyle(a).color, getComputedStyle(a.parentElement).color, getComputedStyle(a).textDecorationLine]")
    assert style[0] == style[1] and "underline" in style[2]
    # the interactive map is not printed, its caption and text description are
    assert not any(_displayed(page, ".cdv-carte__zone"))
    assert not any(_displayed(page, ".leaflet-container"))
    assert all(_displayed(page, "figure.cdv-carte figcaption"))
    assert all(_displayed(page, ".cdv-carte__texte"))
    assert page.locator(".cdv-carte__texte").first.inner_text().strip()


@pytest.mark.browser
def test_printable_version_prints_to_pdf(page):
    open_page(page, "version-imprimable/")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 50_000


def test_printable_version_holds_the_whole_convention_in_document_order(site_dir, convention):
    root = parse(read_html(site_dir, "version-imprimable/index.html"))
    article = root.find("article")
    parts = [h.attrs["id"] for h in article.find_all("h2") if "cdv-imprimable-partie" in h.attrs.get("class", "")]
    before, after = document_parts(convention)
    assert parts == [p.id for p in before] + [q.id for q in convention.quartiers] + [p.id for p in after]
    for quartier in convention.quartiers:
        heading = article.by_id(quartier.id)
        assert heading.text.startswith(quartier.nom)
        # same sections as the quartier's own page, one level deeper
        for section in ("portrait", "irritants", "opportunites", "enjeux-prioritaires", "objectifs"):
            own = parse(read_html(site_dir, f"quartiers/{quartier.id}/index.html")).by_id(section)
            if own is not None:
                printed = article.by_id(f"{quartier.id}--{section}")
                assert printed is not None and printed.tag == "h3", (quartier.id, section)
                assert printed.text == own.text
    for quartier, placement, action in convention.actions():
        item = article.by_id(f"{quartier.id}--action-{action.id}")
        assert item is not None, (quartier.id, action.id)
        assert typography.text(" ".join(action.texte.split()))[:40] in item.text


def test_quartier_pages_keep_their_addresses_and_anchors(site_dir, convention):
    """The quartier body now shared with the printable version keeps the page's own anchors."""
    for quartier in convention.quartiers:
        root = parse(read_html(site_dir, f"quartiers/{quartier.id}/index.html"))
        assert root.find("h1").text.startswith(quartier.nom)
        assert root.by_id("objectifs").tag == "h2"
        for poursuivi in quartier.objectifs:
            assert root.by_id(poursuivi.objectif).tag == "h5"
            for action in poursuivi.actions:
                assert root.by_id(f"action-{action.id}") is not None


def test_narrative_pages_are_one_level_deeper_in_the_printable_version(site_dir, convention):
    article = parse(read_html(site_dir, "version-imprimable/index.html")).find("article")
    for recit in convention.pages:
        own = parse(read_html(site_dir, f"convention/{recit.id}/index.html")).find("article")
        own_levels = [int(h.tag[1]) for h in own.iter() if h.tag in ("h2", "h3", "h4", "h5")]
        section = article.by_id(recit.id)
        assert section is not None and section.tag == "h2"
        # the page's headings follow its title in the printable version, each one level deeper
        printed = []
        started = False
        for element in article.iter():
            if element is section:
                started = True
                continue
            if started and element.tag == "h2":
                break
            if started and element.tag in ("h3", "h4", "h5", "h6"):
                printed.append(int(element.tag[1]))
        assert printed == [level + 1 for level in own_levels], recit.id


def test_shifting_headings_leaves_code_fences_alone_and_stops_at_h6():
    text = "## Titre\n\nTexte # pas un titre\n\n```\n## dans du code\n```\n\n###### Fond\n"
    assert shift_headings(text, 1) == "### Titre\n\nTexte # pas un titre\n\n```\n## dans du code\n```\n\n###### Fond\n"
    assert shift_headings(text, 0) == text
