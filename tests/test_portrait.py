"""macros/features/portrait.py on hand-made conventions: accessible HTML tables, charts, escaping."""

from __future__ import annotations

from macros.features import portrait, stats
from macros.text.typography import NBSP, NNBSP
from tests.support.dom import parse
from tests.support.models import EST, NORD, SUD, convention


def rows_of(table):
    return {
        "".join(c for c in tr.find("th").children if isinstance(c, str)).strip(): [td.text for td in tr.find_all("td")]
        for tr in table.find("tbody").find_all("tr")
    }


def test_portrait_table_has_caption_named_region_and_row_headers():
    c = convention(NORD)
    root = parse(str(portrait.portrait_table(c, c.quartier("nord"))))
    region = root.find("div", class_="cdv-defilement")
    table = region.find("table")
    caption = table.find("caption")
    assert region.attrs["role"] == "region" and region.attrs["tabindex"] == "0"
    assert region.attrs["aria-labelledby"] == caption.attrs["id"] == "portrait-nord-legende"
    assert "« Le Nord »" in caption.text.replace(NNBSP, " ")
    assert all(th.attrs["scope"] == "row" for th in table.find("tbody").find_all("th"))
    rows = rows_of(table)
    assert rows["Taux de chômage"] == [f"20,5{NNBSP}% en 2020", f"12,5{NNBSP}% en 2020", f"+8{NBSP}pts"]
    assert rows["IPS"][1] == "100 en 2020 (collèges)"
    assert rows["Population"][0] == f"environ{NBSP}1{NNBSP}500{NBSP}habitants en 2020 (stable)"
    assert rows["Part des jeunes"][:2] == ["non renseigné", "non renseigné"]
    assert table.find("th", scope="row").find("span", class_="cdv-definition") is None
    ips_header = next(th for th in table.find_all("th") if th.text.startswith("IPS"))
    assert ips_header.find("span", class_="cdv-definition").text == "Indice de positionnement social"
    source = root.find("p", class_="cdv-source").text
    assert source.startswith(f"Source{NBSP}: Insee 2020, «{NNBSP}filosofi{NNBSP}».")


def test_gap_dash_is_read_as_words():
    c = convention(NORD)
    root = parse(str(portrait.portrait_table(c, c.quartier("nord"))))
    absent = root.find_all("td", class_="cdv-absent")
    dash = next(td for td in absent if td.find("span", class_="cdv-lecteur"))
    assert dash.find("span", aria_hidden="true").text == "—"
    assert dash.find("span", class_="cdv-lecteur").text == "sans objet"


def test_content_is_escaped_in_tables_and_charts():
    c = convention(SUD)
    quartier = c.quartier("sud")
    year = stats.comparison(c)[0]
    for html in (
        str(portrait.portrait_table(c, quartier)),
        str(portrait.portrait_chart(c, quartier)),
        str(portrait.comparison_table(c, year)),
    ):
        assert "<b>" not in html and "&lt;b&gt;gras&lt;/b&gt;" in html


def test_portrait_chart_pairs_each_rate_with_the_agglomeration():
    c = convention(NORD)
    root = parse(str(portrait.portrait_chart(c, c.quartier("nord"))))
    svg = root.find("svg")
    assert svg.attrs["id"] == "graphique-nord"
    assert len(svg.find_all("rect", class_="cdv-barre--pleine")) == 1  # one rate only: population and IPS are not rates
    assert len(svg.find_all("rect", class_="cdv-barre--hachuree")) == 1
    assert root.find("desc").text == f"Taux de chômage (2020){NBSP}: 20,5{NNBSP}% dans le quartier, 12,5{NNBSP}% dans l'agglomération."
    assert [t.text for t in svg.find_all("text", class_="cdv-graphique-groupe")] == ["Taux de chômage (2020)"]


def test_no_rate_no_chart():
    c = convention(EST)
    assert str(portrait.portrait_chart(c, c.quartier("est"))) == ""


def test_comparison_tables_one_per_year_with_that_years_quartiers():
    c = convention(NORD, SUD, EST)
    tables = [parse(str(portrait.comparison_table(c, year))).find("table") for year in stats.comparison(c)]
    assert [t.attrs["id"] for t in tables] == ["comparaison-quartiers-2021", "comparaison-quartiers-2020"]
    assert [[th.text for th in t.find("thead").find_all("th")] for t in tables] == [
        ["Indicateur", "Sud <b>gras</b>", "Agglomération"],
        ["Indicateur", "Le Nord", "Agglomération"],
    ]
    assert "2021" in tables[0].find("caption").text
    rows_2021, rows_2020 = rows_of(tables[0]), rows_of(tables[1])
    assert rows_2021["Taux de chômage"] == [f"15{NNBSP}%", f"13{NNBSP}%"]
    assert rows_2020["Taux de chômage"] == [f"20,5{NNBSP}%", f"12,5{NNBSP}%"]
    assert rows_2020["IPS"] == ["90", "100 (collèges)"]
    assert rows_2020["Population"][1] == "non renseigné"


def test_comparison_chart_groups_figures_by_year():
    c = convention(NORD, SUD, EST)
    [(_, chomage)] = [(i, rows) for i, rows in stats.comparison_by_indicateur(c) if i.id == "chomage"]
    svg = parse(str(portrait.comparison_chart(chomage[0].indicateur, chomage))).find("svg")
    headings = [t.text for t in svg.find_all("text", class_="cdv-graphique-groupe")]
    assert headings == ["En 2021", "En 2020"]
    labels = [t.text for t in svg.find_all("text") if t.attrs.get("class") != "cdv-graphique-groupe"]
    assert labels == [
        f"Sud <b>gras</b>{NBSP}: 15{NNBSP}%",
        f"Agglomération{NBSP}: 13{NNBSP}%",
        f"Le Nord{NBSP}: 20,5{NNBSP}%",
        f"Agglomération{NBSP}: 12,5{NNBSP}%",
    ]
    assert len(svg.find_all("rect", class_="cdv-barre--hachuree")) == 2


def test_comparison_chart_needs_two_bars_in_a_year():
    c = convention(NORD, EST)
    [(indicateur, rows)] = [(i, rows) for i, rows in stats.comparison_by_indicateur(c) if i.id == "population"]
    assert str(portrait.comparison_chart(indicateur, rows)) == ""  # one quartier, no agglomeration: nothing to compare


def test_reference_table_shows_latest_year_evolution_and_source():
    c = convention(NORD)
    table = parse(str(portrait.reference_table(c))).find("table")
    assert table.attrs["id"] == "chiffres-agglomeration"
    rows = rows_of(table)
    assert rows["Taux de chômage"] == [
        f"13{NNBSP}% en 2021",
        f"12,5{NNBSP}% en 2020 → 13{NNBSP}% en 2021 (+0,5{NBSP}point)",
        "Observatoire local (2021)",
    ]
    assert rows["IPS"][0] == "100 en 2020 (collèges)"
