"""macros/features/charts.py: inline SVG bar charts, named, described, readable without colour or JavaScript."""

from __future__ import annotations

from macros.features import charts
from macros.text.typography import NBSP, NNBSP, percent
from tests.conftest import ROOT
from tests.support.dom import parse

GROUPS = [
    charts.Group(
        (charts.Bar(f"Quartier : {percent(33)}", 33), charts.Bar(f"Agglomération : {percent(18.8)}", 18.8, charts.HATCHED)),
        heading="Taux de pauvreté",
    ),
    charts.Group((charts.Bar("Autre quartier : non renseigné", None),)),
]


def chart(groups=GROUPS, maximum=100):
    return charts.bar_chart("graphique-nord", "Titre <du> graphique", "Phrase une. Phrase deux.", groups, maximum)


def test_svg_is_one_named_and_described_image():
    svg = parse(str(chart())).find("svg")
    assert svg.attrs["role"] == "img"
    title = svg.find(id=svg.attrs["aria-labelledby"])
    assert title.tag == "title" and title.text == "Titre <du> graphique"
    desc = svg.find(id=svg.attrs["aria-describedby"])
    assert desc.tag == "desc" and desc.text == "Phrase une. Phrase deux."


def test_ids_derive_from_the_chart_id_and_output_is_deterministic():
    first, second = str(chart()), str(chart())
    assert first == second
    ids = [e.attrs["id"] for e in parse(first).iter() if "id" in e.attrs]
    assert ids == ["graphique-nord", "graphique-nord-titre", "graphique-nord-description", "graphique-nord-hachures"]
    assert 'fill="url(#graphique-nord-hachures)"' in first


def test_bars_in_percent_of_the_width_and_text_in_pixels():
    svg = parse(str(chart())).find("svg")
    assert svg.attrs["width"] == "100%" and "viewBox" not in svg.attrs and "viewbox" not in svg.attrs
    bars = svg.find_all("rect", class_="cdv-barre")
    assert [b.attrs["width"] for b in bars] == ["33%", "18.8%"]
    assert int(svg.attrs["font-size"]) >= 14


def test_reference_bar_differs_by_pattern_and_outline_not_colour_alone():
    svg = parse(str(chart())).find("svg")
    solid, hatched = svg.find_all("rect", class_="cdv-barre")
    # the solid bar takes its colour from the stylesheet; the reference bar is hatched and outlined
    assert "cdv-barre--pleine" in solid.attrs["class"] and "fill" not in solid.attrs
    assert hatched.attrs["fill"].startswith("url(") and hatched.attrs["stroke"]
    css = (ROOT / "docs" / "assets" / "css" / "statistiques.css").read_text(encoding="utf-8")
    assert ".cdv-barre--pleine {\n  fill: #283593;" in css


def test_a_missing_value_is_said_and_never_drawn():
    svg = parse(str(chart())).find("svg")
    labels = [t.text for t in svg.find_all("text")]
    assert f"Autre quartier{NBSP}: non renseigné" in labels
    assert len(svg.find_all("rect", class_="cdv-barre")) == 2


def test_labels_sit_above_their_bar_with_french_typography():
    svg = parse(str(chart())).find("svg")
    texts = svg.find_all("text")
    assert texts[0].text == "Taux de pauvreté" and texts[0].attrs["font-weight"] == "bold"
    assert texts[1].text == f"Quartier{NBSP}: 33{NNBSP}%"
    first_bar = svg.find("rect", class_="cdv-barre")
    assert float(texts[1].attrs["y"]) < float(first_bar.attrs["y"])


def test_long_labels_wrap_and_keep_no_break_spaces_together():
    label = f"Part des 16-25 ans non scolarisés et sans emploi dans le quartier : environ{NBSP}2{NNBSP}000{NBSP}habitants"
    svg = parse(str(chart([charts.Group((charts.Bar(label, 10),))]))).find("svg")
    lines = [t.text for t in svg.find_all("text")]
    assert len(lines) > 1 and all(len(line) <= charts.WRAP for line in lines)
    assert f"environ{NBSP}2{NNBSP}000{NBSP}habitants" in lines
    assert " ".join(lines) == label.replace(" :", f"{NBSP}:")


def test_height_grows_with_the_content_and_bars_never_overflow():
    short = parse(str(chart(GROUPS[:1]))).find("svg")
    tall = parse(str(chart())).find("svg")
    assert int(tall.attrs["height"]) > int(short.attrs["height"])
    over = parse(str(chart([charts.Group((charts.Bar("Trop", 150), charts.Bar("Négatif", -3)))]))).find("svg")
    assert [b.attrs["width"] for b in over.find_all("rect", class_="cdv-barre")] == ["100%", "0%"]
    bottom = max(float(r.attrs["y"]) + float(r.attrs["height"]) for r in tall.find_all("rect") if "y" in r.attrs)
    assert bottom <= int(tall.attrs["height"])


def test_content_text_is_escaped():
    html = str(charts.bar_chart("g", "<script>alert(1)</script>", "x", [charts.Group((charts.Bar("<img src=x>", 5),))], 10))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_figure_gives_a_visible_caption_and_note():
    figure = parse(str(charts.figure(chart(), "Légende : x", f"Échelle de 0 à {percent(100)}."))).find("figure")
    assert figure.find("figcaption").text == f"Légende{NBSP}: x"
    assert figure.find("p", class_="cdv-graphique-note").text == f"Échelle de 0 à 100{NNBSP}%."
    assert figure.find("svg") is not None


def test_nice_maximum_ends_the_scale_on_a_round_value_above_every_bar():
    assert [charts.nice_maximum(v) for v in (104, 2000, 92, 850, 7, 0.5)] == [120, 2500, 100, 1000, 8, 0.6]
