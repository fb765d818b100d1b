"""macros/portrait.py on hand-made conventions: accessible HTML tables, charts, escaping."""

from __future__ import annotations

from macros import portrait, stats
from macros.typography import NBSP, NNBSP
from tests.support.dom import parse
from tests.support.models import EST, NORD, SUD, convention


def rows_of(table):
    return {"".join(c for c in tr.find("th").children if isinstance(c, str)).strip(): [td.text for td in tr.find_all("td")]
            for tr in table.find("tbody").find_all("tr")}


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
    assert rows["Taux de chômage"] == [f"20,5{NNBSP}%", f"12,5{NNBSP}%", f"+8{NBSP}pts"]
    assert rows["IPS"][1] == "100 (collèges)"
    assert rows["Population"][0] == f"environ{NBSP}1{NNBSP}500{NBSP}habitants (stable)"
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
    for html in (str(portrait.portrait_table(c, quartier)), str(portrait.portrait_chart(c, quartier)), str(portrait.comparison_table(c))):
        assert "<b>" not in html and "&lt;b&gt;gras&lt;/b&gt;" in html


def test_portrait_chart_pairs_each_rate_with_the_agglomeration():
    c = convention(NORD)
    root = parse(str(portrait.portrait_chart(c, c.quartier("nord"))))
    svg = root.find("svg")
    assert svg.attrs["id"] == "graphique-nord"
    assert len(svg.find_all("rect", class_="cdv-barre--pleine")) == 1  # one rate only: population and IPS are not rates
    assert len(svg.find_all("rect", class_="cdv-barre--hachuree")) == 1
    assert root.find("desc").text == f"Taux de chômage{NBSP}: 20,5{NNBSP}% dans le quartier, 12,5{NNBSP}% dans l'agglomération."


def test_no_rate_no_chart():
    c = convention(EST)
    assert str(portrait.portrait_chart(c, c.quartier("est"))) == ""


def test_comparison_table_one_column_per_quartier_and_disagreeing_sources_apart():
    c = convention(NORD, SUD, EST)
    root = parse(str(portrait.comparison_table(c)))
    table = root.find("table")
    assert [th.text for th in table.find("thead").find_all("th")] == ["Indicateur", "Le Nord", "Sud <b>gras</b>", "L'Est", "Agglomération"]
    rows = rows_of(table)
    assert rows["Population"][2] == "non renseigné"
    assert rows["IPS"][3] == "100 (collèges)"
    agglo = [li.text for li in table.find("tbody").find_all("li")]
    assert agglo == [f"Le Nord{NBSP}: 12,5{NNBSP}%", f"Sud <b>gras</b>{NBSP}: 13{NNBSP}%"]


def test_comparison_chart_pairs_quartiers_with_their_own_agglomeration_when_sources_disagree():
    c = convention(NORD, SUD, EST)
    chomage = next(r for r in stats.comparison(c) if r.indicateur.id == "chomage")
    svg = parse(str(portrait.comparison_chart(chomage))).find("svg")
    headings = [t.text for t in svg.find_all("text", class_="cdv-graphique-groupe")]
    assert headings == ["Le Nord", "Sud <b>gras</b>", "L'Est"]
    assert len(svg.find_all("rect", class_="cdv-barre--hachuree")) == 2


def test_comparison_chart_needs_two_bars():
    c = convention(NORD, EST)
    population = next(r for r in stats.comparison(c) if r.indicateur.id == "population")
    assert str(portrait.comparison_chart(population)) == ""  # one quartier, no agglomeration: nothing to compare
