"""An agglomeration past QUARTIERS_PER_PAGE quartiers follows the single-commune rule: pages that
would name every quartier give a summary or are split, and every quartier stays reachable
(a synthetic agglomeration, bench/synthetic.py, really built)."""

import re

import pytest

from bench.synthetic import generate_agglomeration
from macros.reading.agglomeration import load_agglomeration
from macros.rendering.pages import QUARTIERS_PER_PAGE
from tests.support.sitebuild import build_site


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    work = tmp_path_factory.mktemp("agglo-echelle")
    folder = generate_agglomeration(work / "agglo", communes=4, quartiers=QUARTIERS_PER_PAGE + 4)
    result = build_site(work / "site", content_dir=folder)
    assert result.returncode == 0, f"mkdocs build a échoué :\n{result.stdout}\n{result.stderr}"
    return load_agglomeration(folder), work / "site"


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
        enjeu_headings = re.findall(r'<h4 id="([^"]*enjeu-[^"]+)"', page)
        assert len(enjeu_headings) == len(set(enjeu_headings))
