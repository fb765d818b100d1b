"""The evaluation pages with content in them (the fictitious commune's référentiel d'impacts,
indicators, comités, bilan, and a page calling every staff macro): no axe violation, valid HTML."""

from __future__ import annotations

import pytest

from tests.support import axe
from tests.support.browser import site_only
from tests.support.server import StaticServer
from tests.support.sitebuild import OTHER_COMMUNE
from tests.test_html_validity import vnu_errors

EVALUATION_PAGES = {
    "référentiel d'impacts": "referentiel-d-impacts/",
    "objectif avec indicateurs": "objectifs/jardins-partages/",
    "bilan": "bilans/2025/",
    "bilans": "bilans/",
    "comités": "instances/",
    "historique avec comités": "historique/",
    "page rédigée avec macros": "convention/note-macros/",
    "données ouvertes": "donnees/",
}


def macro_page(content) -> None:
    """A narrative page calling every staff macro (a recipe: shared build)."""
    body = (
        '---\ntitre: "Note au conseil municipal"\nordre: 90\n---\n\n## Chiffres\n\n'
        '{{ indicateur("taux-sortie-positive") }}\n\n{{ actions("le-moulin") }}\n\n{{ actions("les-tilleuls", "en cours") }}\n\n'
        "{{ chiffres_annee(2025) }}\n"
    )
    (content / "pages" / "note-macros.md").write_text(body, encoding="utf-8")


@pytest.fixture(scope="module")
def evaluation_site(shared_sites):
    return shared_sites.site(OTHER_COMMUNE, prepare=macro_page)


def test_evaluation_pages_are_valid_html(evaluation_site):
    assert vnu_errors([evaluation_site / path / "index.html" for path in EVALUATION_PAGES.values()]) == []


@pytest.mark.browser
def test_evaluation_pages_have_no_axe_violation(browser, evaluation_site):
    with StaticServer(evaluation_site) as server, site_only(browser, server.url) as context:
        found = axe.violations_by_page(context, list(EVALUATION_PAGES.values()))
    kinds = {path: kind for kind, path in EVALUATION_PAGES.items()}
    assert {kinds[path]: axe.describe(v) for path, v in found.items() if v} == {}
