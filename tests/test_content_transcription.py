"""The transcription of the signed convention: counts and membership."""

import pytest

from macros.reading.loader import load_convention
from tests.support.sitebuild import SIGNED

CONTENT = SIGNED


@pytest.fixture(scope="module")
def convention():
    return load_convention(CONTENT)


def test_three_quartiers_in_document_order(convention):
    assert [q.id for q in convention.quartiers] == ["regain", "longuepierre-beclet", "cite-10-fond-de-sains"]
    assert [q.statut for q in convention.quartiers] == ["QPV", "QIC", "QIC"]


def test_regain_codes_and_communes(convention):
    regain = convention.quartier("regain")
    assert [c.code for c in regain.codes] == ["QN06207M", "QP062007"]
    assert {(c.nom, c.insee) for c in regain.communes} == {("Barlin", "62083"), ("Hersin-Coupigny", "62443")}
    fond = convention.quartier("cite-10-fond-de-sains")
    assert {c.insee for c in fond.communes} == {"62443", "62617"}


def test_referentiel_shape(convention):
    enjeux = convention.referentiel.enjeux
    assert [len(e.orientations) for e in enjeux] == [3, 4, 3]
    assert [[len(o.objectifs) for o in e.orientations] for e in enjeux] == [[3, 3, 3], [4, 9, 3, 2], [3, 3, 2]]
    assert len(convention.placements) == 35


def test_which_quartier_pursues_what(convention):
    proximite = {"presence-proximite-jeunes", "animation-sociale-quartiers"}
    for objectif_id, pursuits in convention.pursuits.items():
        who = {p.quartier.id for p in pursuits}
        if objectif_id in proximite:
            assert who == {"cite-10-fond-de-sains"}, objectif_id
        else:
            assert who == {"regain", "longuepierre-beclet", "cite-10-fond-de-sains"}, objectif_id
    orientation = convention.orientations["animation-proximite-presence-humaine"][1]
    assert orientation.titre == "Renforcer l'animation de proximité et la présence humaine au sein des quartiers"


def test_every_action_present(convention):
    per_quartier = {q.id: sum(len(o.actions) for o in q.objectifs) for q in convention.quartiers}
    assert per_quartier == {"regain": 66, "longuepierre-beclet": 66, "cite-10-fond-de-sains": 72}
    assert len(convention.actions()) == 204
    texts = {a.texte for _, _, a in convention.actions()}
    # sentences garbled by OCR in one table are repaired from another quartier's
    assert any(t.startswith("Développer des partenariats avec les acteurs de l'emploi en collaborant") for t in texts)
    assert not any(w in t for t in texts for w in ("nartenariat", "emplei", "mieuv", "sociality", "Dévelonner"))


def test_same_action_text_has_same_identifier_everywhere(convention):
    by_text: dict[str, set[str]] = {}
    for _, _, action in convention.actions():
        by_text.setdefault(action.texte, set()).add(action.id)
    assert all(len(ids) == 1 for ids in by_text.values())


def test_portrait_figures_as_in_document(convention):
    [regain_2022] = convention.quartier("regain").portrait
    regain = {v.indicateur: v for v in regain_2022.valeurs}
    assert regain["taux-pauvrete"].valeur == 33
    assert regain["population"].valeur == 2000 and regain["population"].environ
    assert (regain_2022.annee, regain_2022.source) == (2022, "Données sigville 2022 basées sur l'ancien périmètre")
    assert convention.quartier("longuepierre-beclet").portrait[0].source == "Données 2024 de la Préfecture du Pas-de-Calais"


def test_agglomeration_figures_once_per_year_as_in_document(convention):
    """Each quartier's parentheses « (18,8% sur l'ensemble de l'agglomération) », once per year and source."""
    by_year = {r.annee: (r.source, {v.indicateur: v.valeur for v in r.valeurs}) for r in convention.chiffres_reference}
    assert by_year[2022] == (
        "Données sigville 2022 basées sur l'ancien périmètre",
        {
            "taux-pauvrete": 18.8,
            "part-moins-25-ans": 31,
            "ips": 104,
            "taux-emploi-15-64-ans": 58.8,
            "part-16-25-ans-non-scolarises-sans-emploi": 23.5,
            "part-parc-social": 25.6,
        },
    )
    assert by_year[2024] == (
        "Données 2024 de la Préfecture du Pas-de-Calais",
        {"taux-pauvrete": 18.8, "ips": 104, "part-parc-social": 25.6, "part-familles-monoparentales": 16.2},
    )


def test_narrative_pages_and_signature(convention):
    assert [p.id for p in convention.pages] == ["preambule", "edito", "organisation-pilotage", "signataires"]
    edito = next(p for p in convention.pages if p.id == "edito")
    assert "CARAMIAUX" in edito.signature
    assert "Cité 2/ fond de Sains" in edito.body  # the document's own inconsistency, kept
    pilotage = next(p for p in convention.pages if p.id == "organisation-pilotage")
    for heading in (
        "Modalités de pilotage communal",
        "Modalités d'animation du partenariat",
        "Modalités d'animation citoyenne",
        "Une évaluation en continu",
    ):
        assert heading in pilotage.body
    assert "Nœux-les-Mines" in pilotage.body
    assert convention.contrat.signature.lieu == "Marles-les-Mines"
    assert str(convention.contrat.signature.date) == "2024-07-09"


def test_corrections_are_listed_with_source_lines(convention):
    assert len(convention.corrections) > 30
    natures = {c.nature for c in convention.corrections}
    assert {"reparation_ocr", "coquille_document", "incoherence_document", "interpretation"} <= natures
    assert all(1 <= c.ligne <= 492 for c in convention.corrections)
