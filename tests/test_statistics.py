"""Portrait statistique in the built site: tables, comparison page, charts, key figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.reading.loader import load_convention
from macros.text.typography import NBSP, NNBSP
from tests.support.dom import Element, parse
from tests.support.sitebuild import SIGNED

ROOT = Path(__file__).resolve().parents[1]
NOT_GIVEN = "non renseigné"


@pytest.fixture(scope="module")
def convention():
    return load_convention(SIGNED)


def page(site_dir: Path, path: str) -> Element:
    return parse((site_dir / path / "index.html").read_text(encoding="utf-8"))


def article(site_dir: Path, path: str) -> Element:
    found = page(site_dir, path).find("article")
    assert found is not None
    return found


def table_rows(table: Element) -> dict[str, list[str]]:
    """Row header text → texts of the row's data cells."""
    rows = {}
    for tr in table.find("tbody").find_all("tr"):
        header = tr.find("th")
        assert header is not None and header.attrs.get("scope") == "row"
        rows[_label(header)] = [td.text for td in tr.find_all("td")]
    return rows


def _label(th: Element) -> str:
    """The indicator's name, without its optional definition."""
    return "".join(c for c in th.children if isinstance(c, str)).strip()


def portrait_table(site_dir: Path, quartier_id: str) -> Element:
    table = article(site_dir, f"quartiers/{quartier_id}").by_id(f"portrait-{quartier_id}")
    assert table is not None and table.tag == "table"
    return table


def comparison_table(site_dir: Path, annee: int) -> Element:
    table = article(site_dir, "statistiques").by_id(f"comparaison-quartiers-{annee}")
    assert table is not None and table.tag == "table"
    return table


# --- quartier pages ----------------------------------------------------------


def test_regain_rows_put_quartier_beside_agglomeration_in_french(site_dir):
    rows = table_rows(portrait_table(site_dir, "regain"))
    assert rows["Taux d'emploi des 15-64 ans"] == [f"40,1{NNBSP}% en 2022", f"58,8{NNBSP}% en 2022", f"−18,7{NBSP}pts"]
    assert rows["Taux de pauvreté"] == [f"33{NNBSP}% en 2022", f"18,8{NNBSP}% en 2022", f"+14,2{NBSP}pts"]
    assert rows["Part des moins de 25 ans"][2] == f"−1,9{NBSP}pt"
    ips = next(v for k, v in rows.items() if k.startswith("Indice de positionnement social"))
    assert ips[0] == "83 en 2022" and ips[1].startswith("104 en 2022") and ips[2] == "−21"  # an index: plain difference
    population = rows["Population"]
    assert population[0].startswith(f"environ{NBSP}2{NNBSP}000{NBSP}habitants en 2022")
    assert population[1] == NOT_GIVEN
    # given by the agglomeration for 2024 only: shown with its year, never compared to 2022
    assert rows["Part des familles monoparentales"] == [NOT_GIVEN, f"16,2{NNBSP}% en 2024", "—sans objet"]


def test_portrait_table_is_accessible(site_dir, convention):
    for quartier in convention.quartiers:
        if not quartier.portrait:
            continue
        body = article(site_dir, f"quartiers/{quartier.id}")
        table = body.by_id(f"portrait-{quartier.id}")
        caption = table.find("caption")
        assert caption is not None and quartier.nom in caption.text
        headers = [th.text for th in table.find("thead").find_all("th")]
        assert headers == ["Indicateur", quartier.nom, "Agglomération", "Écart"]
        assert all(th.attrs.get("scope") == "col" for th in table.find("thead").find_all("th"))
        region = table.parent
        assert region.attrs.get("role") == "region" and region.attrs.get("tabindex") == "0"
        assert body.by_id(region.attrs["aria-labelledby"]) is caption


def test_missing_figures_read_non_renseigne_on_quartier_pages(site_dir):
    cite10 = table_rows(portrait_table(site_dir, "cite-10-fond-de-sains"))
    ips = next(v for k, v in cite10.items() if k.startswith("Indice de positionnement social"))
    assert ips[0] == NOT_GIVEN
    longuepierre = table_rows(portrait_table(site_dir, "longuepierre-beclet"))
    assert longuepierre["Taux d'emploi des 15-64 ans"][0] == NOT_GIVEN
    for rows in (cite10, longuepierre):
        for cells in rows.values():
            assert all(cell.strip() not in ("", "0") for cell in cells[:2])


SIGVILLE = "Données sigville 2022 basées sur l'ancien périmètre"


@pytest.mark.parametrize(
    "quartier_id, source",
    [
        ("regain", "Données 2024 de la Préfecture du Pas-de-Calais"),  # the agglomeration's 2024 familles monoparentales
        ("longuepierre-beclet", "Données 2024 de la Préfecture du Pas-de-Calais"),
        ("cite-10-fond-de-sains", "données 2024 de la Préfecture du Pas-de-Calais"),
    ],
)
def test_source_line_names_each_source_verbatim_without_repeating_the_year(site_dir, quartier_id, source):
    body = article(site_dir, f"quartiers/{quartier_id}")
    line = body.find("p", class_="cdv-source")
    assert line is not None
    assert line.text.startswith(f"Sources{NBSP}: {SIGVILLE}{NNBSP}; {source}.")  # oldest first, each once
    assert line.text.count("2022") == line.text.count("2024") == 1


def test_quartier_page_chart_is_named_and_described(site_dir):
    body = article(site_dir, "quartiers/regain")
    svg = body.by_id("graphique-regain")
    assert svg is not None and svg.tag == "svg"
    description = body.by_id(svg.attrs["aria-describedby"]).text
    assert f"Taux de pauvreté (2022){NBSP}: 33{NNBSP}% dans le quartier, 18,8{NNBSP}% dans l'agglomération" in description
    labels = [t.text for t in svg.find_all("text")]
    assert "Taux de pauvreté (2022)" in labels
    assert f"Le Regain{NBSP}: 40,1{NNBSP}%" in labels and f"Agglomération{NBSP}: 58,8{NNBSP}%" in labels


# --- every chart of the site -------------------------------------------------


def _all_pages(site_dir: Path):
    for path in sorted(site_dir.rglob("index.html")):
        yield path, parse(path.read_text(encoding="utf-8"))


def test_every_chart_is_an_inline_svg_with_an_accessible_name(site_dir):
    charts = 0
    for path, document in _all_pages(site_dir):
        for figure in document.find_all("figure", class_="cdv-graphique"):
            svg = figure.find("svg")
            assert svg is not None, path
            assert svg.attrs.get("role") == "img", path
            title = document.by_id(svg.attrs.get("aria-labelledby", ""))
            assert title is not None and title.tag == "title" and title.text, path
            assert title.parent is svg
            description = document.by_id(svg.attrs.get("aria-describedby", ""))
            assert description is not None and description.text, path
            charts += 1
        ours = document.find_all(class_="cdv-graphique") + document.find_all(class_="cdv-statistiques")
        ids = [e.attrs["id"] for fragment in ours for e in fragment.iter() if "id" in e.attrs]
        assert len(ids) == len(set(ids)), f"identifiants en double dans {path}"
    assert charts >= 3 + 5  # one per quartier page, several on the comparison page


def test_no_chart_needs_javascript(site_dir):
    for path in (site_dir / "statistiques" / "index.html", site_dir / "quartiers" / "regain" / "index.html"):
        document = parse(path.read_text(encoding="utf-8"))
        for figure in document.find_all("figure", class_="cdv-graphique"):
            assert not figure.find_all("script") and not figure.find_all("canvas")


# --- comparison page ---------------------------------------------------------


def test_comparison_page_sets_side_by_side_only_figures_of_the_same_year(site_dir, convention):
    latest, earlier = comparison_table(site_dir, 2024), comparison_table(site_dir, 2022)
    assert [th.text for th in latest.find("thead").find_all("th")] == [
        "Indicateur",
        "Cité Longuepierre – Beclet",
        "Cité 10 – Fond de Sains",
        "Agglomération",
    ]
    assert [th.text for th in earlier.find("thead").find_all("th")] == ["Indicateur", "Le Regain", "Agglomération"]
    rows = table_rows(latest)
    assert rows["Taux de pauvreté"] == [f"25{NNBSP}%", f"30{NNBSP}%", f"18,8{NNBSP}%"]
    assert rows["Part des familles monoparentales"] == [f"15{NNBSP}%", f"16{NNBSP}%", f"16,2{NNBSP}%"]
    ips = next(v for k, v in rows.items() if k.startswith("Indice de positionnement social"))
    assert ips[:2] == ["92", NOT_GIVEN] and ips[2].startswith("104")
    rows = table_rows(earlier)
    assert rows["Taux de pauvreté"] == [f"33{NNBSP}%", f"18,8{NNBSP}%"]
    assert rows["Taux d'emploi des 15-64 ans"] == [f"40,1{NNBSP}%", f"58,8{NNBSP}%"]
    assert "Part des familles monoparentales" not in rows  # nobody gives it for 2022


def test_comparison_page_lists_each_quartier_source_verbatim(site_dir, convention):
    body = article(site_dir, "statistiques")
    sources = body.by_id("sources")
    items = sources.parent.find_all("li")  # the list right under the heading
    texts = " ".join(li.text for li in items)
    for quartier in convention.quartiers:
        for releve in quartier.portrait:
            assert f"{quartier.nom}{NBSP}: {releve.source}." in texts
    links = [a.attrs["href"] for li in items for a in li.find_all("a")]
    assert "../quartiers/regain/#portrait" in links


def test_comparison_page_has_one_chart_per_compared_indicator(site_dir):
    body = article(site_dir, "statistiques")
    ids = {svg.attrs.get("id") for svg in body.find_all("svg", class_="cdv-graphique-svg")}
    assert {"graphique-comparaison-taux-pauvrete", "graphique-comparaison-part-parc-social", "graphique-comparaison-population"} <= ids
    svg = body.by_id("graphique-comparaison-ips")
    labels = [t.text for t in svg.find_all("text")]
    assert labels[:4] == [
        "En 2024",
        f"Cité Longuepierre – Beclet{NBSP}: 92",
        f"Cité 10 – Fond de Sains{NBSP}: non",
        "renseigné",
    ]  # said, not a zero bar
    assert "En 2022" in labels
    assert len(svg.find_all("rect", class_="cdv-barre")) == 4  # 2024: one quartier and the agglomeration; 2022: the same


def test_comparison_page_is_in_the_navigation(site_dir):
    home = page(site_dir, "").find("nav", class_="md-nav--primary")
    assert "statistiques/" in [a.attrs.get("href") for a in home.find_all("a")]
    here = page(site_dir, "statistiques").find("nav", class_="md-nav--primary")
    assert "Comparaison des quartiers" in [a.text for a in here.find_all("a")]
    assert not (site_dir / "statistiques.md").exists()


# --- key figures -------------------------------------------------------------


def test_home_cards_show_population_and_poverty_against_agglomeration(site_dir):
    cards = article(site_dir, "").find("div", class_="cdv-cartes")
    assert cards is not None
    text = cards.text
    assert f"Population{NBSP}: environ{NBSP}2{NNBSP}000{NBSP}habitants en 2022" in text
    assert f"Taux de pauvreté{NBSP}: 33{NNBSP}% en 2022 (agglomération{NBSP}: 18,8{NNBSP}%)" in text
    assert f"Taux de pauvreté{NBSP}: 25{NNBSP}% en 2024 (agglomération{NBSP}: 18,8{NNBSP}%)" in text
    links = [a.attrs.get("href") for a in article(site_dir, "").find_all("a")]
    assert "statistiques/" in links
