"""Pages that stay small when the convention grows: a site of 10 synthetic quartiers, really built."""

import functools
import re
from pathlib import Path

import pytest

from bench.synthetic import generate
from macros.reading.loader import load_convention
from macros.rendering.pages import QUARTIERS_PER_PAGE, RELATED_QUARTIERS_LIMIT
from tests.support.dom import parse
from tests.support.waits import arrives_at

QUARTIERS = RELATED_QUARTIERS_LIMIT + 2


def _synthetic(quartiers: int, work: Path) -> Path:
    return generate(work / "content", quartiers=quartiers)


def synthetic_site(shared_sites, quartiers: int):
    """The convention and the built site of `quartiers` synthetic quartiers (bench/synthetic.py), once per run."""
    result = shared_sites.build(generate=functools.partial(_synthetic, quartiers))
    assert result.returncode == 0, f"mkdocs build a échoué :\n{result.stdout}\n{result.stderr}"
    return load_convention(result.content), result.site


@pytest.fixture(scope="module")
def built(shared_sites):
    return synthetic_site(shared_sites, QUARTIERS)


def test_quartier_page_counts_the_other_quartiers_instead_of_naming_them(built):
    convention, site = built
    quartier = convention.quartiers[0]
    html = (site / "quartiers" / quartier.id / "index.html").read_text(encoding="utf-8")
    renvois = re.findall(r'<p class="cdv-renvoi[^"]*"[^>]*>(.*?)</p>', html, re.S)
    assert len(renvois) == len(quartier.objectifs)

    for poursuivi, renvoi in zip(quartier.objectifs, renvois):
        others = len(convention.pursuits[poursuivi.objectif]) - 1
        links_to_quartiers = re.findall(r'href="\.\./[^"/]+/#', renvoi)
        if others > RELATED_QUARTIERS_LIMIT:
            assert f"Également poursuivi dans {others} autres quartiers" in renvoi
            assert not links_to_quartiers
        else:
            assert len(links_to_quartiers) == others
    assert any(len(convention.pursuits[p.objectif]) - 1 > RELATED_QUARTIERS_LIMIT for p in quartier.objectifs)


def test_the_objectif_page_still_lists_every_quartier_pursuing_it(built):
    convention, site = built
    objectif, pursuits = max(convention.pursuits.items(), key=lambda item: len(item[1]))
    html = (site / "objectifs" / objectif / "index.html").read_text(encoding="utf-8")

    for pursuit in pursuits:
        assert f'id="{pursuit.quartier.id}"' in html


# --- beyond QUARTIERS_PER_PAGE: lists split into pages, other pages give counts ---------------

MANY = QUARTIERS_PER_PAGE + 5
PAGE_BUDGET = 100_000  # bytes of HTML, the benchmark's budget (bench/budgets.py)


@pytest.fixture(scope="module")
def many(shared_sites):
    return synthetic_site(shared_sites, MANY)


def _html(site, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_quartiers_index_splits_into_pages_that_together_list_every_quartier(many):
    convention, site = many
    pages = ["quartiers/index.html", "quartiers/liste/2/index.html"]
    assert not (site / "quartiers" / "liste" / "3").exists()
    listed = []
    for number, path in enumerate(pages, start=1):
        root = parse(_html(site, path))
        nav = root.find("nav", class_="cdv-pagination")
        assert nav is not None and f"Page {number} sur 2" in nav.text
        assert nav.find("span").attrs.get("aria-current") == "page"
        cards = root.find("div", class_="cdv-cartes")
        listed += [a.attrs["href"].strip("./").split("/")[-1] for a in cards.find_all("a")]
        assert len(cards.find_all("a")) <= QUARTIERS_PER_PAGE
    assert listed == [q.id for q in convention.quartiers]
    # no overview map of every quartier: each quartier page has its own
    assert "cartes/quartiers.json" not in _html(site, "quartiers/index.html")


def test_objectif_pages_split_and_keep_every_quartier_and_action_anchor(many):
    convention, site = many
    objectif, pursuits = max(convention.pursuits.items(), key=lambda item: len(item[1]))
    assert len(pursuits) > QUARTIERS_PER_PAGE
    html = _html(site, f"objectifs/{objectif}/index.html") + _html(site, f"objectifs/{objectif}/2/index.html")
    for pursuit in pursuits:
        assert html.count(f'id="{pursuit.quartier.id}"') == 1
        for action in pursuit.actions:
            assert f'id="{pursuit.quartier.id}--{action.id}"' in html
    assert "(page 2 sur 2)" in parse(_html(site, f"objectifs/{objectif}/2/index.html")).find("h1").text


def test_pages_about_every_quartier_give_counts(many):
    convention, site = many
    home = parse(_html(site, "index.html"))
    assert f"{MANY} quartiers relèvent de la convention" in home.find("article").text
    assert home.find("div", class_="cdv-cartes") is None
    matrix = parse(_html(site, "matrice/index.html")).find("article")
    assert len(matrix.find_all("table")) == len(convention.referentiel.enjeux)
    assert matrix.find("th").text == "Objectif opérationnel" and f"sur {MANY}" in matrix.text
    stats = parse(_html(site, "statistiques/index.html")).find("article")
    assert "Le plus bas" in stats.text and stats.find("svg") is None


def test_no_page_outgrows_the_budget(many):
    _, site = many
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}
    assert {path: size for path, size in sizes.items() if size > PAGE_BUDGET} == {}


@pytest.mark.browser
def test_an_action_address_on_a_later_page_leads_to_the_action(many, browser):
    """Partners' links objectifs/<objectif>/#<quartier>--<action> keep working once the quartiers
    of an objectif span several pages: the action is shown in its quartier's page."""
    from tests.support.browser import site_only
    from tests.support.server import StaticServer

    convention, site = many
    objectif, pursuits = max(convention.pursuits.items(), key=lambda item: len(item[1]))
    later = pursuits[QUARTIERS_PER_PAGE]  # the first quartier of page 2
    action = later.actions[0]
    with StaticServer(site) as server, site_only(browser, server.url) as context:
        page = context.new_page()
        page.goto(f"objectifs/{objectif}/#{later.quartier.id}--{action.id}")
        arrives_at(
            page,
            lambda url: url.endswith(f"/quartiers/{later.quartier.id}/#action-{action.id}"),
            "l'adresse d'une action en page 2 de l'objectif ne mène pas à sa page de quartier",
        )
        assert page.locator(f"#action-{action.id}").count() == 1
        # an address whose action is on the page itself stays there
        first = pursuits[0]
        page.goto(f"objectifs/{objectif}/#{first.quartier.id}--{first.actions[0].id}")
        page.wait_for_load_state("load")
        assert f"/objectifs/{objectif}/#" in page.url


def test_paginate_keeps_the_first_address_and_numbers_the_others():
    from macros.rendering.pages import paginate

    pages = paginate(list(range(61)), "objectifs/x.md", "objectifs/x", size=30)
    assert [(uri, len(items), paging.number) for uri, items, paging in pages] == [
        ("objectifs/x.md", 30, 1),
        ("objectifs/x/2.md", 30, 2),
        ("objectifs/x/3.md", 1, 3),
    ]
    assert all(paging.uris == ("objectifs/x.md", "objectifs/x/2.md", "objectifs/x/3.md") for _, _, paging in pages)
    # nothing to list: still the one page, which says so
    assert [(uri, items, paging.count) for uri, items, paging in paginate([], "objectifs/y.md", "objectifs/y")] == [
        ("objectifs/y.md", [], 1)
    ]
