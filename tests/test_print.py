"""Printing: every page prints its content alone (no header, menus, footer, search), maps give way
to their text, and the « Version imprimable » gives the whole convention in the document's order, in parts:
an opening page with the list of parts and the narrative pages before the quartiers, each quartier's
own page, and an ending page with the narrative pages after them."""

from __future__ import annotations

import pytest

from macros import typography
from macros.markdown_text import shift_headings
from macros.loader import load_convention
from macros.pages import document_parts
from tests.conftest import ROOT, read_html
from tests.support.dom import parse
from tests.support.page_kinds import PAGE_KINDS, open_page
from tests.support.sitebuild import SIGNED

HIDDEN_IN_PRINT = (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
                   ".md-search", ".md-skip", ".md-top", ".md-content__button")


@pytest.fixture(scope="module")
def convention():
    return load_convention(SIGNED)


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


def test_printable_version_lists_every_part_in_document_order(site_dir, convention):
    article = parse(read_html(site_dir, "version-imprimable/index.html")).find("article")
    before, after = document_parts(convention)
    items = article.find("ol").find_all("li")  # the first list: the parts
    assert [a.attrs["href"] for a in items[0].find_all("a")] == [f"#{p.id}" for p in before]
    # each quartier page prints itself; the entry keeps the anchor the single-page version had
    quartier_items = items[1:1 + len(convention.quartiers)]
    assert [li.attrs.get("id") for li in quartier_items] == [q.id for q in convention.quartiers]
    assert [li.find("a").attrs["href"] for li in quartier_items] == [f"../quartiers/{q.id}/" for q in convention.quartiers]
    assert items[-1].find("a").attrs["href"] == "fin/"
    assert len(items) == 2 + len(convention.quartiers)


def _printed_parts(site_dir) -> list[tuple[str, object]]:
    """(page, h2) of every narrative page printed in the opening and ending pages, in order."""
    parts = []
    for path in ("version-imprimable/index.html", "version-imprimable/fin/index.html"):
        article = parse(read_html(site_dir, path)).find("article")
        parts += [(path, h) for h in article.find_all("h2") if "cdv-imprimable-partie" in h.attrs.get("class", "")]
    return parts


def test_printable_version_holds_each_narrative_page_once_in_document_order(site_dir, convention):
    before, after = document_parts(convention)
    parts = _printed_parts(site_dir)
    assert [(path, h.attrs["id"]) for path, h in parts] == (
        [("version-imprimable/index.html", p.id) for p in before] + [("version-imprimable/fin/index.html", p.id) for p in after])
    for recit in convention.pages:
        heading = next(h for _, h in parts if h.attrs["id"] == recit.id)
        assert heading.text.startswith(typography.text(recit.titre))


def test_printable_pages_stay_light(site_dir):
    """One page for the whole convention weighed 257 KB; every part stays under the 100 KB budget."""
    for path in ("version-imprimable/index.html", "version-imprimable/fin/index.html"):
        assert (site_dir / path).stat().st_size < 100_000, path


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
    for path, section in _printed_parts(site_dir):
        recit = next(p for p in convention.pages if p.id == section.attrs["id"])
        own = parse(read_html(site_dir, f"convention/{recit.id}/index.html")).find("article")
        own_levels = [int(h.tag[1]) for h in own.iter() if h.tag in ("h2", "h3", "h4", "h5")]
        article = parse(read_html(site_dir, path)).find("article")
        section = article.by_id(recit.id)
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
