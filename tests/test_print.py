"""Printing: every page prints its content alone (no header, menus, footer, search), maps give way
to their text, and the « Version imprimable » gives the whole convention in the document's order, in parts:
an opening page with the list of parts and the narrative pages before the quartiers, each quartier's
own page, and an ending page with the narrative pages after them."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from macros.reading.loader import load_convention
from macros.rendering.pages import document_parts
from macros.text import typography
from macros.text.markdown_text import shift_headings
from tests.conftest import read_html
from tests.support.axe import violations
from tests.support.dom import parse
from tests.support.page_kinds import PAGE_KINDS, open_page, visit
from tests.support.sitebuild import OTHER_COMMUNE, SIGNED
from tests.support.waits import appears, eventually

HIDDEN_IN_PRINT = (
    ".md-header",
    ".md-tabs",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".md-footer",
    ".md-search",
    ".md-skip",
    ".md-top",
    ".md-content__button",
)


@pytest.fixture(scope="module")
def convention():
    return load_convention(SIGNED)


def _displayed(page, selector: str) -> list[bool]:
    return page.eval_on_selector_all(
        selector, "els => els.map(el => getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0)"
    )


@pytest.mark.browser
def test_every_kind_of_page_prints_its_content_alone(new_tab):
    """Each kind of page, a few tabs loading at once (page_kinds.visit)."""

    def printed(tab, _path) -> list[str]:
        tab.emulate_media(media="print")
        wrong = [selector for selector in HIDDEN_IN_PRINT if any(_displayed(tab, selector))]
        if _displayed(tab, "article h1") != [True]:
            wrong.append("article h1")
        tab.emulate_media(media="null")  # the tab's next page opens on screen
        return wrong

    found = visit(list(PAGE_KINDS.values()), new_tab, printed, reuse=True)
    kinds = {path: kind for kind, path in PAGE_KINDS.items()}
    assert {kinds[path]: wrong for path, wrong in found.items() if wrong} == {}


@pytest.mark.browser
def test_printed_links_keep_their_text_and_maps_their_description(page):
    open_page(page, "quartiers/regain/")
    page.emulate_media(media="print")
    link = page.locator("article .cdv-carte__texte a").first
    assert link.is_visible() and link.inner_text().strip()
    style = link.evaluate(
        "a => [getComputedStyle(a).color, getComputedStyle(a.parentElement).color, getComputedStyle(a).textDecorationLine]"
    )
    assert style[0] == style[1] and "underline" in style[2]
    # the interactive map is not printed, its caption and text description are
    assert not any(_displayed(page, ".cdv-carte__zone"))
    assert not any(_displayed(page, ".leaflet-container"))
    assert all(_displayed(page, "figure.cdv-carte figcaption"))
    assert all(_displayed(page, ".cdv-carte__texte"))
    assert page.locator(".cdv-carte__texte").first.inner_text().strip()


def _pdf(page) -> tuple[int, str]:
    """(sheets, text) of the page printed on A4 by Chromium."""
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return len(reader.pages), "\n".join(sheet.extract_text() for sheet in reader.pages)


def _flat(text: str) -> str:
    """PDF text with its line breaks, hyphenation points and ligatures evened out."""
    text = text.replace("\ufb01", "fi").replace("\ufb02", "fl").replace("\ufb00", "ff").replace("\ufb03", "ffi")
    return re.sub(r"\s+", " ", text.replace(typography.NBSP, " ").replace(typography.NNBSP, " "))


@pytest.mark.browser
def test_printable_version_prints_to_pdf(page, convention):
    open_page(page, "version-imprimable/")
    sheets, text = _pdf(page)
    before, _after = document_parts(convention)
    assert sheets >= 1
    assert _flat(typography.text(convention.contrat.sous_titre)) in _flat(text)
    for recit in before:
        assert _flat(typography.text(recit.titre)) in _flat(text)
    # the page alone does not hold the quartiers: their own pages (or the button) print them
    first_action = convention.quartiers[0].objectifs[0].actions[0]
    assert _flat(typography.text(first_action.texte))[:60] not in _flat(text)


@pytest.mark.browser
def test_one_action_prints_the_whole_convention_in_document_order(page, convention):
    open_page(page, "version-imprimable/")
    alone, _ = _pdf(page)
    page.evaluate("() => { window.print = () => { window.__imprime = true; }; }")
    page.get_by_role("button", name="Imprimer toute la convention").click()
    # every part is fetched before the print dialog: generous on a loaded machine
    eventually(page, "() => window.__imprime === true", "le bouton n'imprime pas (les parties ne se chargent pas ?)", timeout=30_000)
    sheets, text = _pdf(page)
    text = _flat(text)
    before, after = document_parts(convention)
    # every part, once, in the order of the document: opening pages, each quartier, the ending pages
    headings = [typography.text(recit.titre) for recit in before]
    headings += [typography.text(q.nom) + " " + "Projet du quartier" for q in convention.quartiers]
    headings += [typography.text(recit.titre) for recit in after]
    positions = []
    for heading in headings:
        found = text.find(_flat(heading), positions[-1] + 1 if positions else 0)
        assert found >= 0, heading
        positions.append(found)
    assert after and _flat(typography.text(after[-1].titre)) in text[positions[-1] :]
    assert sheets > alone + len(convention.quartiers)
    # no web furniture from the parts: edit links, map buttons, link lines
    for furniture in FURNITURE:
        assert furniture not in text, furniture
    # the loaded parts are for paper only: the screen shows the page as it was
    assert not page.locator(".cdv-imprimable-suite").is_visible()


@pytest.mark.browser
def test_axe_finds_nothing_in_the_printable_page_and_its_button(page):
    open_page(page, "version-imprimable/")
    appears(page.get_by_role("button", name="Imprimer toute la convention"), "pas de bouton « Imprimer toute la convention »")
    found = violations(page, "article")
    assert found == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in found]


# Text of the web interface that a printed quartier page must not carry.
FURNITURE = (
    "Cet objectif dans tous les quartiers",
    "Afficher la carte interactive",
    "Imprimer toute la convention",
    "Zoom avant",
    "Rechercher",
    "Aller au contenu",
    "Modifier",
    "Leaflet",
    "Copier le lien",
    "Sur cette page",
)
QUARTIER_SHEETS_BEFORE = 13  # « Le Regain » on A4 when every section kept whole and link lines printed


@pytest.mark.browser
def test_quartier_page_prints_its_content_on_fewer_sheets(page, convention):
    quartier = convention.quartier("regain")
    open_page(page, f"quartiers/{quartier.id}/")
    sheets, text = _pdf(page)
    text = _flat(text)
    assert sheets < QUARTIER_SHEETS_BEFORE
    for furniture in FURNITURE:
        assert furniture not in text, furniture
    # the content is all there: title, map description, the last action of the page
    assert text.startswith(_flat(typography.text(quartier.nom)))
    assert "Ce que montre la carte" in text
    last = quartier.objectifs[-1].actions[-1]
    assert _flat(typography.text(last.texte))[:60] in text


def test_printable_version_lists_every_part_in_document_order(site_dir, convention):
    article = parse(read_html(site_dir, "version-imprimable/index.html")).find("article")
    before, _after = document_parts(convention)
    items = article.find("ol").find_all("li")  # the first list: the parts
    assert [a.attrs["href"] for a in items[0].find_all("a")] == [f"#{p.id}" for p in before]
    # each quartier page prints itself; the entry keeps the anchor the single-page version had
    quartier_items = items[1 : 1 + len(convention.quartiers)]
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
        [("version-imprimable/index.html", p.id) for p in before] + [("version-imprimable/fin/index.html", p.id) for p in after]
    )
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


@pytest.fixture(scope="module")
def other_site(other_commune_site):
    return other_commune_site  # built once per run (conftest.py), read-only


def test_another_commune_prints_all_its_parts_with_one_button(other_site):
    """Nothing in the button or its script names this convention: another commune's parts are its own."""
    convention = load_convention(OTHER_COMMUNE)
    article = parse(read_html(other_site, "version-imprimable/index.html")).find("article")
    assert article.find("button", **{"data-cdv-imprimer-tout": ""}).text == "Imprimer toute la convention"
    parts = [a.attrs["href"] for a in article.find_all("a") if "data-cdv-partie" in a.attrs]
    _before, after = document_parts(convention)
    assert parts == [f"../quartiers/{q.id}/" for q in convention.quartiers] + (["fin/"] if after else [])
