"""Pages that stay small when the convention grows: a site of 10 synthetic quartiers, really built."""

import re

import pytest

from bench.synthetic import generate
from macros.loader import load_convention
from macros.pages import RELATED_QUARTIERS_LIMIT
from tests.support.sitebuild import build_site

QUARTIERS = RELATED_QUARTIERS_LIMIT + 2


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    work = tmp_path_factory.mktemp("echelle")
    content = generate(work / "content", quartiers=QUARTIERS)
    result = build_site(work / "site", content_dir=content)
    assert result.returncode == 0, f"mkdocs build a échoué :\n{result.stdout}\n{result.stderr}"
    return load_convention(content), work / "site"


def test_quartier_page_counts_the_other_quartiers_instead_of_naming_them(built):
    convention, site = built
    quartier = convention.quartiers[0]
    html = (site / "quartiers" / quartier.id / "index.html").read_text(encoding="utf-8")
    renvois = re.findall(r'<p class="cdv-renvoi">(.*?)</p>', html, re.S)

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
