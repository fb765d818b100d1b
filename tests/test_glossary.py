"""Glossary acronyms explained in page text (<abbr title>), reachable by hover and keyboard."""

from __future__ import annotations

import re

import pytest

from macros.domain.model import Terme
from macros.domain.slug import slug
from macros.reading.loader import load_convention
from macros.rendering import search_index
from macros.text.glossary import abbreviations, explain, is_acronym
from tests.conftest import read_html
from tests.support.dom import parse
from tests.support.sitebuild import SIGNED
from tests.support.waits import appears, eventually


@pytest.fixture(scope="module")
def convention():
    return load_convention(SIGNED)


def test_only_acronyms_become_abbreviations(convention):
    found = abbreviations(convention.glossaire)
    assert {"QPV", "QIC", "CABBALR", "IPS", "REP", "VIF", "CHRS"} <= set(found)
    # phrases would wrap half the text: never abbreviations
    assert "Contrat de ville" not in found and "Politique de la ville" not in found and "Friche" not in found
    assert all(is_acronym(term) for term in found)
    assert found["QPV"] == "Quartier prioritaire de la politique de la ville"
    assert found["CHRS"] == "Centre d'hébergement et de réinsertion sociale"


def test_an_acronym_without_expansion_is_explained_by_its_definition():
    term = Terme(terme="PIJ", definition="Point information jeunesse : accueil des jeunes.")
    assert abbreviations([term]) == {"PIJ": "Point information jeunesse\u00a0: accueil des jeunes."}


ACRONYMS = {"QPV": "Quartier prioritaire", "QIC": "Quartier d'intérêt communautaire"}


def test_acronyms_in_text_become_focusable_abbreviations():
    html = "<p>Le QPV et le QIC, pas QPVX ni xQPV.</p>"
    assert explain(html, ACRONYMS) == (
        '<p>Le <abbr tabindex="0" title="Quartier prioritaire">QPV</abbr> et le '
        '<abbr tabindex="0" title="Quartier d&#39;intérêt communautaire">QIC</abbr>, pas QPVX ni xQPV.</p>'
    )


def test_attributes_code_and_scripts_are_left_alone():
    html = (
        '<h2 id="qpv" title="QPV">Un QPV</h2><code>QPV</code><pre>QPV</pre>'
        '<script>if (a<b && QPV) {}</script><svg><text>QPV</text></svg><a href="#QPV">QPV</a>'
    )
    assert explain(html, ACRONYMS) == (
        '<h2 id="qpv" title="QPV">Un <abbr tabindex="0" title="Quartier prioritaire">QPV</abbr></h2>'
        "<code>QPV</code><pre>QPV</pre><script>if (a<b && QPV) {}</script><svg><text>QPV</text></svg>"
        '<a href="#QPV"><abbr title="Quartier prioritaire">QPV</abbr></a>'
    )


def test_no_focus_inside_links_controls_or_hidden_content():
    html = '<a href="x"><span>le QPV</span></a> <summary>QPV</summary> <span aria-hidden="true">QPV</span> <button>QPV</button> <p>QPV</p>'
    result = explain(html, ACRONYMS)
    assert result.count('tabindex="0"') == 1 and result.endswith('<p><abbr tabindex="0" title="Quartier prioritaire">QPV</abbr></p>')
    assert "<button>QPV</button>" in result


def test_editors_own_abbreviations_become_focusable_too():
    html = '<p><abbr title="Point information jeunesse">PIJ</abbr> <a href="x"><abbr title="y">Z</abbr></a></p>'
    assert (
        explain(html, {})
        == '<p><abbr tabindex="0" title="Point information jeunesse">PIJ</abbr> <a href="x"><abbr title="y">Z</abbr></a></p>'
    )


def test_quartier_pages_explain_acronyms_with_focusable_abbr(site_dir, convention):
    expected = abbreviations(convention.glossaire)
    for quartier in convention.quartiers:
        root = parse(read_html(site_dir, f"quartiers/{quartier.id}/index.html"))
        found = {(e.text, e.attrs.get("title"), e.attrs.get("tabindex")) for e in root.find("article").find_all("abbr")}
        # each quartier page names its own status (QPV or QIC) at least
        assert (quartier.statut, expected[quartier.statut], "0") in found
        for text, title, _ in found:
            assert expected[text] == title


def test_every_acronym_used_in_the_text_is_explained(site_dir, convention):
    """Wherever an acronym of the glossary appears in page text, it is an <abbr>."""
    acronyms = abbreviations(convention.glossaire)
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, acronyms)) + r")\b")
    for path in site_dir.rglob("*.html"):
        article = parse(path.read_text(encoding="utf-8")).find("article")
        if article is None:
            continue
        for element in article.iter():
            if element.tag in ("abbr", "script", "style", "svg", "code"):
                continue
            for child in element.children:
                if isinstance(child, str) and not _inside(element, ("abbr", "script", "style", "svg", "code")):
                    assert not pattern.search(child), f"{path.relative_to(site_dir)} : « {child.strip()[:80]} »"


def _inside(element, tags) -> bool:
    node = element
    while node is not None:
        if node.tag in tags:
            return True
        node = node.parent
    return False


def test_abbreviations_leave_ids_links_toc_and_search_intact(site_dir):
    for path in site_dir.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        root = parse(html)
        for element in root.iter():
            assert "abbr" not in element.attrs.get("id", ""), path
            assert "<abbr" not in element.attrs.get("href", "") and "<abbr" not in element.attrs.get("title", ""), path
        # the table of contents in the sidebar shows plain titles
        for nav in root.find_all("nav", class_="md-nav--secondary"):
            assert nav.find("abbr") is None, path
        # a link is a tab stop already: no focusable abbreviation inside it
        for link in root.find_all("a"):
            assert all(a.attrs.get("tabindex") != "0" for a in link.find_all("abbr")), path
    index = search_index.full(site_dir / "search" / "search_index.json")
    for doc in index["docs"]:
        assert "<abbr" not in doc["title"] and "tabindex" not in doc["text"], doc["location"]


def test_glossary_page_gives_each_term_an_anchor(site_dir, convention):
    root = parse(read_html(site_dir, "glossaire/index.html"))
    for term in convention.glossaire:
        entry = root.by_id(slug(term.terme))
        assert entry is not None and entry.tag == "dt", term.terme
        assert entry.text.startswith(term.terme)


@pytest.mark.browser
def test_acronym_explanation_shows_on_keyboard_focus_and_on_hover(page):
    page.goto("quartiers/regain/")
    page.wait_for_load_state("networkidle")
    name = page.locator("article abbr[tabindex='0'] >> visible=true").last.inner_text()
    # reach it with the keyboard, as a keyboard user would
    page.keyboard.press("Tab")
    for _ in range(400):
        if page.evaluate("document.activeElement.tagName") == "ABBR":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "ABBR"
    focused = page.evaluate("document.activeElement.textContent")
    # Material opens the tooltip on focus and links it with aria-describedby
    tooltip_id = page.wait_for_function("document.activeElement.getAttribute('aria-describedby')").json_value()
    tooltip = page.locator(f"[id='{tooltip_id}']")
    appears(tooltip, f"le focus sur « {focused} » n'affiche pas son explication")
    assert tooltip.inner_text().strip() != ""
    eventually(
        page, "id => document.getElementById(id).classList.contains('md-tooltip2--active')", "l'infobulle n'est pas active", arg=tooltip_id
    )
    # the focus ring is visible
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", focused
    # hover works too (on another abbreviation, focus elsewhere)
    page.evaluate("document.activeElement.blur()")
    other = page.locator("article abbr[tabindex='0'] >> visible=true").last  # not one folded in a closed <details>
    other.scroll_into_view_if_needed()
    other.hover()
    described = page.wait_for_function("el => el.getAttribute('aria-describedby')", arg=other.element_handle()).json_value()
    appears(page.locator(f"[id='{described}']"), "le survol n'affiche pas l'explication")
    assert page.locator(f"[id='{described}']").inner_text().strip() != "", name
