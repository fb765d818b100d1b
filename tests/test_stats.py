"""macros/features/stats.py on small hand-made conventions: dated rows, same-year gaps, evolutions, sources,
per-year comparison, key figures."""

from __future__ import annotations

from macros.features import stats
from macros.text.typography import NBSP, NNBSP
from tests.support.models import EST, NORD, SUD, convention, quartier


def by_id(rows):
    return {row.indicateur.id: row for row in rows}


NORD_2022 = quartier(
    "nord",
    "Le Nord",
    [
        *NORD["portrait"],
        {
            "annee": 2022,
            "source": "Insee, 2022",
            "valeurs": [{"indicateur": "chomage", "valeur": 22.7}, {"indicateur": "population", "valeur": 1600}],
        },
    ],
)


def test_rows_follow_the_document_then_list_what_it_does_not_give():
    c = convention(NORD)
    rows = stats.rows(c, c.quartier("nord"))
    assert [r.indicateur.id for r in rows] == ["chomage", "population", "ips", "jeunes"]
    missing = rows[-1]
    assert missing.latest is None
    assert missing.quartier_text == missing.agglomeration_text == "non renseigné"
    assert missing.gap is None and missing.gap_text == "—"


def test_no_portrait_no_rows():
    c = convention(EST)
    assert stats.rows(c, c.quartier("est")) == []
    assert stats.portrait_sources(c, c.quartier("est")) is None


def test_values_and_gaps_in_french_with_their_year():
    c = convention(NORD, SUD)
    nord = by_id(stats.rows(c, c.quartier("nord")))
    assert nord["chomage"].quartier_text == f"20,5{NNBSP}% en 2020"
    assert nord["chomage"].agglomeration_text == f"12,5{NNBSP}% en 2020"
    assert nord["chomage"].gap_text == f"+8{NBSP}pts"
    assert nord["population"].quartier_text == f"environ{NBSP}1{NNBSP}500{NBSP}habitants en 2020"
    assert nord["ips"].gap_text == "−10"  # an index: a plain difference, not points
    assert nord["population"].gap is None  # no agglomeration figure
    sud = by_id(stats.rows(c, c.quartier("sud")))
    assert sud["chomage"].agglomeration_text == f"13{NNBSP}% en 2021"  # the agglomeration's 2021 figure, not 2020's
    assert sud["chomage"].gap_text == f"+2{NBSP}pts"
    assert sud["population"].quartier_text == f"800{NBSP}habitants en 2021"


def test_a_headcount_has_no_gap_even_with_an_agglomeration_figure():
    c = convention(NORD, agglomeration=[{"annee": 2020, "source": "x", "valeurs": [{"indicateur": "population", "valeur": 280000}]}])
    row = by_id(stats.rows(c, c.quartier("nord")))["population"]
    assert row.agglomeration_text == f"280{NNBSP}000{NBSP}habitants en 2020"
    assert row.gap is None and row.gap_text == "—"


def test_sentence_for_text_alternatives():
    c = convention(NORD)
    row = by_id(stats.rows(c, c.quartier("nord")))["chomage"]
    assert row.sentence == f"Taux de chômage (2020) : 20,5{NNBSP}% dans le quartier, 12,5{NNBSP}% dans l'agglomération"


def test_source_keeps_the_documents_words_and_adds_the_year_only_when_missing():
    assert stats.source_text(2020, "Insee 2020, « filosofi »") == "Insee 2020, « filosofi »"
    assert stats.source_text(2021, "Observatoire local") == "Observatoire local (2021)"
    assert stats.source_text(2021, "INSEE, 2021") == "INSEE, 2021"  # never « INSEE, 2021 (2021) »


def test_gap_note_names_only_the_units_present():
    c = convention(NORD, SUD)
    assert stats.gap_note(stats.rows(c, c.quartier("nord"))) == (
        "L'écart ne rapproche que des chiffres de la même année : en points de pourcentage pour les taux et les parts ; "
        "différence simple pour les indices."
    )
    assert stats.gap_note(stats.rows(c, c.quartier("sud"))) == (
        "L'écart ne rapproche que des chiffres de la même année : en points de pourcentage pour les taux et les parts."
    )


def test_latest_figure_with_its_evolution_since_the_year_before():
    c = convention(NORD_2022)
    rows = by_id(stats.rows(c, c.quartier("nord")))
    chomage = rows["chomage"]
    assert chomage.quartier_text == f"22,7{NNBSP}% en 2022"
    assert chomage.evolution == f"20,5{NNBSP}% en 2020 → 22,7{NNBSP}% en 2022 (+2,2{NBSP}points)"
    assert rows["population"].evolution == (
        f"environ{NBSP}1{NNBSP}500{NBSP}habitants en 2020 → 1{NNBSP}600{NBSP}habitants en 2022 (+100{NBSP}habitants)"
    )
    assert rows["ips"].quartier_text == "90 en 2020" and rows["ips"].evolution is None


def test_no_agglomeration_figure_of_the_same_year_no_comparison():
    c = convention(NORD_2022)
    chomage = by_id(stats.rows(c, c.quartier("nord")))["chomage"]
    assert chomage.agglomeration is None  # the agglomeration has 2020 and 2021, not 2022
    assert chomage.agglomeration_text == "non renseigné pour 2022"
    assert chomage.gap is None and chomage.gap_text == "—"
    assert stats.key_figures(c, c.quartier("nord"))[1] == f"Taux de chômage : 22,7{NNBSP}% en 2022"


def test_sources_name_each_source_with_its_year_once():
    c = convention(NORD_2022)
    assert stats.portrait_sources(c, c.quartier("nord")) == "Sources : Insee 2020, « filosofi » ; Insee, 2022."
    c = convention(SUD)
    assert stats.portrait_sources(c, c.quartier("sud")) == "Sources : Insee 2020, « filosofi » ; Observatoire local (2021)."


def test_comparison_one_table_per_year_with_that_years_quartiers_only():
    c = convention(NORD_2022, SUD, EST)
    years = stats.comparison(c)
    assert [y.annee for y in years] == [2022, 2021, 2020]
    assert [[q.id for q in y.quartiers] for y in years] == [["nord"], ["sud"], ["nord"]]
    y2020 = years[2]
    assert [r.indicateur.id for r in y2020.rows] == ["population", "chomage", "ips"]  # référentiel order
    ips = y2020.rows[2]
    assert ips.agglomeration.value == 100 and ips.agglomeration.valeur.commentaire == "collèges"
    chomage_2022 = years[0].rows[1]
    assert chomage_2022.agglomeration is None  # never the 2020 or 2021 figure


def test_agglomeration_figure_is_the_same_for_every_quartier_of_a_year():
    sud_2020 = quartier("sud", "Sud", [{"annee": 2020, "source": "Insee 2020", "valeurs": [{"indicateur": "chomage", "valeur": 15}]}])
    c = convention(NORD, sud_2020)
    figures = {by_id(stats.rows(c, c.quartier(q)))["chomage"].agglomeration for q in ("nord", "sud")}
    assert len(figures) == 1
    [year] = stats.comparison(c)
    assert year.rows[1].agglomeration in figures


def test_reference_rows_give_the_agglomerations_latest_figure_and_evolution():
    c = convention(NORD)
    [chomage, ips] = stats.reference_rows(c)
    assert chomage.latest.dated_text == f"13{NNBSP}% en 2021"
    assert chomage.evolution == f"12,5{NNBSP}% en 2020 → 13{NNBSP}% en 2021 (+0,5{NBSP}point)"
    assert ips.evolution is None


def test_key_figures_first_headcount_and_first_rate_of_the_referentiel():
    c = convention(NORD, SUD, EST)
    assert stats.key_figures(c, c.quartier("nord")) == [
        f"Population : environ{NBSP}1{NNBSP}500{NBSP}habitants en 2020",
        f"Taux de chômage : 20,5{NNBSP}% en 2020 (agglomération : 12,5{NNBSP}%)",
    ]
    assert stats.key_figures(c, c.quartier("est")) == []
