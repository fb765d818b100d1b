"""An agglomeration past QUARTIERS_PER_PAGE quartiers follows the single-commune rule: pages that
would name every quartier give a summary or are split, and every quartier stays reachable
(a synthetic agglomeration, bench/synthetic.py, really built)."""

import re
from pathlib import Path

import pytest

from bench.synthetic import generate_agglomeration
from macros.reading.site import load_agglomeration
from macros.rendering.pages import QUARTIERS_PER_PAGE
from tests.support.waits import arrives_at


@pytest.fixture(scope="module")
def built(shared_sites):
    result = shared_sites.build(generate=_synthetic_agglomeration)  # once per run, read-only
    assert result.returncode == 0, f"mkdocs build a échoué :\n{result.stdout}\n{result.stderr}"
    return load_agglomeration(result.content), result.site


def _synthetic_agglomeration(work: Path) -> Path:
    return generate_agglomeration(work / "agglo", communes=4, quartiers=QUARTIERS_PER_PAGE + 4)


def read(site, address: str) -> str:
    return (site / address / "index.html").read_text(encoding="utf-8")


def test_statistics_summarise_each_indicator_instead_of_setting_every_quartier_side_by_side(built):
    agglo, site = built
    page = read(site, "statistiques")
    assert "ne tiennent pas côte à côte" in page
    assert "<table" in page and "<caption" in page  # the summary is an accessible table
    assert len(page.encode()) < 100_000
    for quartier in agglo.quartiers:  # each quartier's figures stay on its page
        assert 'id="portrait"' in read(site, f"quartiers/{quartier.id}")


def test_home_links_the_quartier_list_and_the_lists_together_name_every_quartier(built):
    agglo, site = built
    home = read(site, "")
    assert 'href="quartiers/"' in home and "cdv-carte" not in home
    listed = read(site, "quartiers") + read(site, "quartiers/liste/2")
    for quartier in agglo.quartiers:
        assert f'{quartier.id}/"' in listed


def test_the_menu_no_longer_names_every_quartier(built):
    agglo, site = built
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', read(site, "communes"), re.S).group(0)
    assert not any(f"quartiers/{q.id}/" in nav for q in agglo.quartiers)


def test_shared_quartier_names_each_enjeu_once_per_commune_and_links_each_objectif_once(built):
    agglo, site = built
    shared = next(q for q in agglo.quartiers if len(q.descriptions) > 1)
    page = read(site, f"quartiers/{shared.id}")
    objectif_links = re.findall(r'href="\.\./\.\./objectifs/([^/"]+)/"', page)
    assert objectif_links and len(objectif_links) == len(set(objectif_links))
    for commune, description in shared.descriptions:
        pursued = commune.convention.pursued_in(description)
        for objectif in pursued:  # every objectif of every commune keeps its heading and anchor
            assert re.search(rf'<h5 class="cdv-objectif" id="[^"]*{objectif}"', page)
        enjeu_headings = re.findall(r'<h4[^>]* id="([^"]*enjeu-[^"]+)"', page)
        assert len(enjeu_headings) == len(set(enjeu_headings))


def longest_objectif(agglo):
    """(objectif id, its (commune, pursuit) pairs in page order) pursued in the most quartiers."""
    objectifs = [o.id for e in agglo.referentiel.enjeux for orient in e.orientations for o in orient.objectifs]
    pairs = {o: [(c, p) for c in agglo.communes for p in agglo.pursuits(o).get(c.id, [])] for o in objectifs}
    objectif = max(pairs, key=lambda o: len(pairs[o]))
    assert len(pairs[objectif]) > QUARTIERS_PER_PAGE, "the synthetic agglomeration must make an objectif span two pages"
    return objectif, pairs[objectif]


def test_objectif_pages_split_by_commune_and_together_hold_every_action(built):
    agglo, site = built
    objectif, pairs = longest_objectif(agglo)
    first, second = read(site, f"objectifs/{objectif}"), read(site, f"objectifs/{objectif}/2")
    for page in (first, second):
        assert len(page.encode()) <= 100_000
        assert 'aria-label="Pages de la liste"' in page
    # the one script of every site reads the anchors with their commune first
    assert "(page 2 sur 2)" in second and re.search(r'data-cdv-actions-vers="[^"]*" data-cdv-communes', first)
    both = first + second
    for commune, pursuit in pairs:
        for action in pursuit.actions:
            assert both.count(f'id="{commune.id}--{pursuit.quartier.id}--{action.id}"') == 1
    # the commune whose quartiers continue on page 2 has its heading there too
    continued = pairs[QUARTIERS_PER_PAGE][0]
    assert f'id="{continued.id}"' in second
    assert re.search(r'<script src="[^"]*assets/javascripts/adresses\.js', first)
    assert (site / "assets/javascripts/adresses.js").is_file()


@pytest.mark.browser
def test_an_old_action_address_on_page_two_leads_to_the_action_on_its_quartier_page(built, browser):
    """Partners' links objectifs/<o>/#<c>--<q>--<a> keep working once the objectif spans pages."""
    from tests.support.browser import site_only
    from tests.support.server import StaticServer

    agglo, site = built
    objectif, pairs = longest_objectif(agglo)
    commune, later = pairs[QUARTIERS_PER_PAGE]  # the first quartier of page 2
    action = later.actions[0]
    with StaticServer(site) as server, site_only(browser, server.url) as context:
        page = context.new_page()
        page.goto(f"objectifs/{objectif}/#{commune.id}--{later.quartier.id}--{action.id}")
        arrives_at(
            page,
            lambda url: url.endswith(f"/quartiers/{later.quartier.id}/#{commune.id}--action-{action.id}"),
            "l'adresse d'une action en page 2 de l'objectif ne mène pas à sa page de quartier",
        )
        assert page.locator(f"#{commune.id}--action-{action.id}").count() == 1
        # an address whose action is on page 1 stays there
        first_commune, first = pairs[0]
        page.goto(f"objectifs/{objectif}/#{first_commune.id}--{first.quartier.id}--{first.actions[0].id}")
        page.wait_for_load_state("load")
        assert f"/objectifs/{objectif}/#" in page.url
