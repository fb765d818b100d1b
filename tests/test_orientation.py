"""Where am I, on whose site: one breadcrumb on every page below the home page (drawn by the theme
from page meta the hook writes), a header that names the commune on a phone, titles that do not
repeat the site's name, one table of contents; the transcription notes written for residents, and
the link to the signed document when contrat.yaml gives its address."""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path

import pytest

from macros.reading.errors import ContentErrors
from macros.reading.loader import load_convention
from tests.conftest import read_html
from tests.support.dom import parse
from tests.support.edits import replace_once
from tests.support.page_kinds import PAGE_KINDS, open_page
from tests.support.sitebuild import ROOT, SIGNED
from tests.support.waits import eventually

AGGLOMERATION = ROOT / "tests" / "fixtures" / "agglomeration"
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}
# pages without a breadcrumb: the home page, and the 404 page (no place in the site)
WITHOUT_TRAIL = {"accueil", "page introuvable"}


def _words(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def trail(site: Path, path: str) -> list[tuple[str, str | None]]:
    """The breadcrumb of a built page: (label, href or None), after checking its markup."""
    root = parse(read_html(site, path + "index.html"))
    navs = [n for n in root.find_all("nav") if n.attrs.get("aria-label") == "Fil d'Ariane"]
    assert len(navs) == 1, f"{path} : {len(navs)} fils d'Ariane"
    items = navs[0].find("ol").find_all("li")
    current = items[-1].find("span")
    assert current is not None and current.attrs.get("aria-current") == "page", path
    assert all(item.find(None, **{"aria-current": "page"}) is None for item in items[:-1]), path
    result = []
    for item in items:
        link = item.find("a")
        result.append((_words(item.text), link.attrs["href"] if link is not None else None))
    return result


def _target(site: Path, path: str, href: str) -> Path:
    resolved = posixpath.normpath(posixpath.join(path, href))
    return site / ("" if resolved == "." else resolved) / "index.html"


@pytest.mark.parametrize("kind", sorted(set(PAGE_KINDS) - WITHOUT_TRAIL))
def test_every_page_below_the_home_page_has_a_breadcrumb_whose_links_answer(site_dir, kind):
    path = PAGE_KINDS[kind]
    crumbs = trail(site_dir, path)
    assert crumbs[0] == ("Accueil", crumbs[0][1]) and crumbs[0][1] is not None
    assert crumbs[-1][1] is None  # the page itself is not a link
    for label, href in crumbs[:-1]:
        if href is not None:
            assert _target(site_dir, path, href).is_file(), (kind, label, href)


def test_the_trails_follow_the_menu(site_dir):
    def labels(path):
        return [label for label, _ in trail(site_dir, path)]

    assert labels("quartiers/regain/") == ["Accueil", "Les quartiers", "Le Regain"]
    assert labels("objectifs/acces-retour-emploi/") == [
        "Accueil",
        "Enjeux et objectifs",
        "Enjeu 2",
        "Accompagner l'accès à l'autonomie et à l'emploi des habitants des quartiers",
        "Favoriser l'accès et le retour à l'emploi des habitants",
    ]
    assert labels("avancement/") == ["Accueil", "Suivi et données", "Avancement des actions"]
    assert labels("mentions-legales/") == ["Accueil", "Mentions légales"]
    assert labels("convention/preambule/") == ["Accueil", "La convention", "Préambule"]
    # the section has no page of its own: text, not a link
    assert trail(site_dir, "avancement/")[1][1] is None


def test_home_and_missing_pages_have_no_breadcrumb(site_dir):
    for path in ("index.html", "404.html"):
        assert "Fil d'Ariane" not in read_html(site_dir, path), path


def test_an_agglomeration_trail_goes_through_the_commune(shared_sites):
    site = shared_sites.site(AGGLOMERATION)
    assert [label for label, _ in trail(site, "communes/valmont-sur-test/preambule/")] == [
        "Accueil",
        "Les communes",
        "Valmont-sur-Test",
        "Préambule",
    ]
    assert [label for label, _ in trail(site, "communes/valmont-sur-test/")] == ["Accueil", "Les communes", "Valmont-sur-Test"]


def test_titles_do_not_repeat_the_site_name(site_dir):
    home = parse(read_html(site_dir, "index.html"))
    title = home.find("title").text
    assert title.count("Engagements Quartiers 2030") == 1, title
    assert "Hersin-Coupigny" in title
    assert home.find("h1").text.count("Engagements Quartiers 2030") == 1
    regain = parse(read_html(site_dir, "quartiers/regain/index.html")).find("title").text
    assert regain.startswith("Le Regain — ") and regain.count("Engagements Quartiers 2030") == 1, regain


def test_the_header_names_the_commune_and_has_no_labels_made_buttons(site_dir):
    root = parse(read_html(site_dir, "quartiers/regain/index.html"))
    header = root.find("header")
    assert header.find("span", class_="cdv-entete__nom").text == "Hersin-Coupigny"
    assert header.find("a", class_="md-logo") is None  # Material's book icon, which meant nothing
    assert [b.attrs["aria-label"] for b in header.find_all("button", class_="cdv-bascule")] == ["Ouvrir le menu", "Rechercher"]


def test_a_quartier_page_hides_the_theme_toc_that_repeats_its_sommaire(site_dir):
    root = parse(read_html(site_dir, "quartiers/regain/index.html"))
    assert root.find("nav", class_="cdv-sommaire") is not None
    toc = next(d for d in root.find_all("div") if d.attrs.get("data-md-type") == "toc")
    assert "hidden" in toc.attrs
    # a page without its own sommaire keeps the theme's
    other = parse(read_html(site_dir, "avancement/index.html"))
    assert "hidden" not in next(d for d in other.find_all("div") if d.attrs.get("data-md-type") == "toc").attrs


# --- In the browser ----------------------------------------------------------------------------


@pytest.fixture
def sized(browser, site_url):
    contexts = []

    def open_with(viewport, path):
        context = browser.new_context(locale="fr-FR", base_url=site_url, viewport=viewport)
        contexts.append(context)
        tab = context.new_page()
        open_page(tab, path)
        return tab

    yield open_with
    for context in contexts:
        context.close()


def test_on_a_phone_the_header_shows_the_commune_name_uncut(sized):
    tab = sized(PHONE, "objectifs/acces-retour-emploi/")
    eventually(
        tab,
        "document.querySelector('.md-header .cdv-entete__nom').getBoundingClientRect().width > 0",
        "le nom de la commune n'est pas visible",
    )
    for selector in (".md-header .cdv-entete", ".md-header .cdv-entete__nom", ".md-header .cdv-entete__titre"):
        box = tab.evaluate(
            """s => { const e = document.querySelector(s); const r = e.getBoundingClientRect();
                      return {scroll: e.scrollWidth, client: e.clientWidth, right: r.right, bottom: r.bottom, text: e.textContent.trim()}; }""",
            selector,
        )
        assert box["scroll"] <= box["client"], (selector, box)
        assert box["right"] <= PHONE["width"], (selector, box)
    assert tab.locator(".md-header .cdv-entete__nom").inner_text() == "Hersin-Coupigny"
    # nothing of the header's name hides under the header's bottom edge
    header_bottom = tab.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    assert tab.evaluate("document.querySelector('.md-header .cdv-entete__titre').getBoundingClientRect().bottom") <= header_bottom + 0.5
    # no label made a button (axe aria-allowed-role), once the scripts have run
    assert tab.evaluate("document.querySelectorAll('label[role]').length") == 0


def test_on_a_phone_the_menu_button_opens_and_says_so(sized):
    tab = sized(PHONE, "quartiers/regain/")
    button = tab.locator('.md-header button[data-cdv-bascule="__drawer"]')
    assert button.get_attribute("aria-expanded") == "false"
    button.click()
    eventually(tab, "document.getElementById('__drawer').checked", "le bouton n'ouvre pas le menu")
    eventually(tab, "document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0", "le menu ne glisse pas")
    assert button.get_attribute("aria-expanded") == "true"


def test_on_a_desktop_a_quartier_page_has_one_table_of_contents(sized):
    tab = sized(DESKTOP, "quartiers/regain/")
    tab.locator(".cdv-sommaire").wait_for()
    assert tab.locator(".cdv-sommaire").is_visible()
    assert not tab.locator(".md-sidebar--secondary").is_visible()


def test_the_breadcrumb_shows_above_the_heading_on_a_phone(sized):
    tab = sized(PHONE, "objectifs/acces-retour-emploi/")
    crumb = tab.get_by_role("navigation", name="Fil d'Ariane")
    crumb.wait_for()
    assert crumb.locator("[aria-current=page]").inner_text().startswith("Favoriser")
    assert tab.evaluate(
        "document.querySelector('.cdv-ariane').getBoundingClientRect().bottom <= document.querySelector('h1').getBoundingClientRect().top"
    )
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


# --- Transcription notes and the signed document ------------------------------------------------


def test_the_notes_are_written_for_residents_and_keep_their_anchors(site_dir):
    html = read_html(site_dir, "convention/notes-de-transcription/index.html")
    root = parse(html)
    text = _words(root.find("article").text)
    assert not re.search(r"\.(ya?ml|md|geojson)\b", text), re.search(r".{40}\.(ya?ml|md|geojson)\b.{20}", text)
    assert "vérifier" not in text.lower()
    assert not re.search(r"\blignes? \d", text, re.IGNORECASE), re.search(r".{40}\blignes? \d.{20}", text, re.IGNORECASE)
    # each line a note speaks of keeps its published anchor (actions link to it)
    lines = {c.ligne for c in load_convention(SIGNED).corrections}
    missing = [n for n in sorted(lines) if root.by_id(f"ligne-{n}") is None]
    assert missing == []
    # the part of the convention, in words
    assert "Le Regain —" in text and "Edito —" in text


def test_a_published_note_may_not_name_a_file_or_hold_a_to_do(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SIGNED, content)
    line = replace_once(
        content / "corrections.yaml",
        'explication: "Guillemet fermant',
        'explication: "Voir quartiers/regain.yaml. À vérifier sur le PDF. Guillemet fermant',
    )
    with pytest.raises(ContentErrors) as info:
        load_convention(content)
    found = [p for p in info.value.problems if p.file.endswith("corrections.yaml")]
    assert len(found) == 2, found
    assert all(p.line == line and p.field.endswith("explication") for p in found), found
    report = str(info.value)
    assert "« quartiers/regain.yaml »" in report and "commentaire YAML" in report and "« À vérifier »" in report


def test_the_signed_document_is_linked_only_when_its_address_is_known(site_dir, other_commune_site):
    url = "https://valmont-sur-test.example/convention-signee.pdf"
    for path in ("index.html", "version-imprimable/index.html", "mentions-legales/index.html"):
        assert f'href="{url}"' in read_html(other_commune_site, path), path
    assert "La convention signée de Valmont-sur-Test</a> (PDF, 1,2 Mo)" in read_html(other_commune_site, "index.html")
    for path in (
        "index.html",
        "version-imprimable/index.html",
        "mentions-legales/index.html",
        "convention/notes-de-transcription/index.html",
    ):
        assert "cdv-document-signe" not in read_html(site_dir, path) and "Le document signé :" not in read_html(site_dir, path), path
