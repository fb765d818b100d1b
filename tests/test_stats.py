"""macros/stats.py on small hand-made conventions: rows, gaps, sources, comparison, key figures."""

from __future__ import annotations

from macros import stats
from macros.typography import NBSP, NNBSP
from tests.support.models import EST, NORD, SUD, convention


def by_id(rows):
    return {row.indicateur.id: row for row in rows}


def test_rows_follow_the_document_then_list_what_it_does_not_give():
    c = convention(NORD)
    rows = stats.rows(c, c.quartier("nord"))
    assert [r.indicateur.id for r in rows] == ["chomage", "population", "ips", "jeunes"]
    missing = rows[-1]
    assert missing.valeur is None
    assert missing.quartier_text == missing.agglomeration_text == "non renseigné"
    assert missing.gap is None and missing.gap_text == "—"


def test_no_portrait_no_rows():
    c = convention(EST)
    assert stats.rows(c, c.quartier("est")) == []
    assert stats.source_text(c.quartier("est")) is None


def test_values_and_gaps_in_french():
    c = convention(NORD, SUD)
    nord = by_id(stats.rows(c, c.quartier("nord")))
    assert nord["chomage"].quartier_text == f"20,5{NNBSP}%"
    assert nord["chomage"].agglomeration_text == f"12,5{NNBSP}%"
    assert nord["chomage"].gap_text == f"+8{NBSP}pts"
    assert nord["population"].quartier_text == f"environ{NBSP}1{NNBSP}500{NBSP}habitants"
    assert nord["ips"].gap_text == "−10"  # an index: a plain difference, not points
    assert nord["population"].gap is None  # no agglomeration figure
    sud = by_id(stats.rows(c, c.quartier("sud")))
    assert sud["chomage"].gap_text == f"+2{NBSP}pts"
    assert sud["population"].quartier_text == f"800{NBSP}habitants"


def test_a_headcount_has_no_gap_even_with_an_agglomeration_figure():
    nord = {**NORD, "portrait": {"source": "x", "annee": 2020, "valeurs": [{"indicateur": "population", "valeur": 900, "agglomeration": 280000}]}}
    c = convention(nord)
    row = stats.rows(c, c.quartier("nord"))[0]
    assert row.agglomeration_text == f"280{NNBSP}000{NBSP}habitants"
    assert row.gap is None and row.gap_text == "—"


def test_sentence_for_text_alternatives():
    c = convention(NORD)
    row = by_id(stats.rows(c, c.quartier("nord")))["chomage"]
    assert row.sentence == f"Taux de chômage : 20,5{NNBSP}% dans le quartier, 12,5{NNBSP}% dans l'agglomération"


def test_source_keeps_the_documents_words_and_adds_the_year_only_when_missing():
    c = convention(NORD, SUD)
    assert stats.source_text(c.quartier("nord")) == "Insee 2020, « filosofi »"
    assert stats.source_text(c.quartier("sud")) == "Observatoire local (2021)"


def test_gap_note_names_only_the_units_present():
    c = convention(NORD, SUD)
    assert stats.gap_note(stats.rows(c, c.quartier("nord"))) == (
        "Écart : en points de pourcentage pour les taux et les parts ; différence simple pour les indices.")
    assert stats.gap_note(stats.rows(c, c.quartier("sud"))) == "Écart : en points de pourcentage pour les taux et les parts."


def test_comparison_has_one_row_per_given_indicateur_and_every_quartier():
    c = convention(NORD, SUD, EST)
    rows = stats.comparison(c)
    assert [r.indicateur.id for r in rows] == ["population", "chomage", "ips"]  # référentiel order; « jeunes » nobody gives
    for row in rows:
        assert [q.id for q, _ in row.cells] == ["nord", "sud", "est"]
    ips = rows[2]
    assert [cell.quartier_text for _, cell in ips.cells] == ["90", "non renseigné", "non renseigné"]
    assert ips.shared_agglomeration.valeur == 100 and ips.shared_agglomeration.precision == "collèges"


def test_comparison_keeps_disagreeing_agglomeration_figures_apart():
    c = convention(NORD, SUD)
    chomage = next(r for r in stats.comparison(c) if r.indicateur.id == "chomage")
    assert chomage.shared_agglomeration is None
    assert [(a.valeur, [q.id for q in a.quartiers]) for a in chomage.agglomerations] == [(12.5, ["nord"]), (13, ["sud"])]


def test_comparison_shows_an_agreed_agglomeration_figure_once():
    sud = {**SUD, "portrait": {**SUD["portrait"], "valeurs": [{"indicateur": "chomage", "valeur": 15, "agglomeration": 12.5}]}}
    c = convention(NORD, sud)
    chomage = next(r for r in stats.comparison(c) if r.indicateur.id == "chomage")
    assert chomage.shared_agglomeration is not None
    assert [q.id for q in chomage.shared_agglomeration.quartiers] == ["nord", "sud"]


def test_key_figures_first_headcount_and_first_rate_of_the_referentiel():
    c = convention(NORD, SUD, EST)
    assert stats.key_figures(c, c.quartier("nord")) == [
        f"Population : environ{NBSP}1{NNBSP}500{NBSP}habitants",
        f"Taux de chômage : 20,5{NNBSP}% (agglomération : 12,5{NNBSP}%)",
    ]
    assert stats.key_figures(c, c.quartier("est")) == []
