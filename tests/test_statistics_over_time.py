"""Statistics over time, on a copy of the signed convention where Le Regain gets 2024 figures
next to its 2022 ones and the agglomeration's 2024 poverty rate differs from 2022's:
each page shows the latest figure with its year and evolution, compares only figures of the
same year, takes the agglomeration's figure from its one file, and open data keeps every year."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from macros.reading.errors import ContentErrors
from macros.reading.loader import load_convention
from macros.text.typography import NBSP, NNBSP
from tests.support.dom import Element, parse
from tests.support.edits import replace_once
from tests.support.sitebuild import SIGNED

REGAIN = "quartiers/regain.yaml"
AGGLO = "chiffres-agglomeration.yaml"
NOT_GIVEN = "non renseigné"

REGAIN_2024 = """  - annee: 2024
    source: "Observatoire des quartiers, 2024"
    valeurs:
      - indicateur: taux-pauvrete
        valeur: 35.2
      - indicateur: population
        valeur: 2100
"""


def edit(content: Path, rel: str, old: str, new: str) -> int:
    """Replace the first `old` in a content file; return its line number (1-based)."""
    return replace_once(content / rel, old, new)


def with_2024(content: Path) -> None:
    """Le Regain: a 2024 relevé after its 2022 one; the agglomeration's 2024 poverty rate: 19,4 %."""
    edit(content, REGAIN, "irritants:", REGAIN_2024 + "irritants:")
    text = (content / AGGLO).read_text(encoding="utf-8")
    head, tail = text.split("  - annee: 2024", 1)
    (content / AGGLO).write_text(head + "  - annee: 2024" + tail.replace("valeur: 18.8", "valeur: 19.4", 1), encoding="utf-8")


@pytest.fixture(scope="module")
def site(shared_sites) -> Path:
    return shared_sites.site(SIGNED, prepare=with_2024)  # once per run, read-only


@pytest.fixture
def content(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(SIGNED, target)
    return target


def article(site: Path, path: str) -> Element:
    return parse((site / path / "index.html").read_text(encoding="utf-8")).find("article")


def rows(table: Element) -> dict[str, list[str]]:
    return {
        "".join(c for c in tr.find("th").children if isinstance(c, str)).strip(): [td.text for td in tr.find_all("td")]
        for tr in table.find("tbody").find_all("tr")
    }


# --- pages ---------------------------------------------------------------------------


def test_quartier_page_shows_latest_figure_its_year_and_its_evolution(site):
    table = rows(article(site, "quartiers/regain").by_id("portrait-regain"))
    pauvrete = table["Taux de pauvreté"]
    assert pauvrete[0] == f"35,2{NNBSP}% en 2024Évolution{NBSP}: 33{NNBSP}% en 2022 → 35,2{NNBSP}% en 2024 (+2,2{NBSP}points)"
    assert pauvrete[1:] == [f"19,4{NNBSP}% en 2024", f"+15,8{NBSP}pts"]  # the agglomeration's 2024 figure, not 2022's 18,8 %
    assert table["Population"][0].startswith(f"2{NNBSP}100{NBSP}habitants en 2024Évolution")
    # figures only given for 2022 stay with their year and their 2022 comparison
    assert table["Taux d'emploi des 15-64 ans"] == [f"40,1{NNBSP}% en 2022", f"58,8{NNBSP}% en 2022", f"−18,7{NBSP}pts"]


def test_quartier_source_line_names_each_source_once_with_its_year(site):
    line = article(site, "quartiers/regain").find("p", class_="cdv-source").text
    assert line.startswith(f"Sources{NBSP}: Données sigville 2022 basées sur l'ancien périmètre{NNBSP}; ")  # oldest first
    for source in ("Données 2024 de la Préfecture du Pas-de-Calais", "Observatoire des quartiers, 2024"):
        assert line.count(source) == 1
    assert "2024 (2024)" not in line and "(2022)" not in line


def test_quartier_chart_pairs_each_rate_with_the_agglomeration_of_its_year(site):
    svg = article(site, "quartiers/regain").by_id("graphique-regain")
    labels = [t.text for t in svg.find_all("text")]
    start = labels.index("Taux de pauvreté (2024)")
    assert labels[start : start + 3] == ["Taux de pauvreté (2024)", f"Le Regain{NBSP}: 35,2{NNBSP}%", f"Agglomération{NBSP}: 19,4{NNBSP}%"]
    assert f"Agglomération{NBSP}: 18,8{NNBSP}%" not in labels  # the 2022 figure has no 2024 quartier figure to face


def test_comparison_page_shows_both_years_each_in_its_own_table(site):
    body = article(site, "statistiques")
    latest, earlier = rows(body.by_id("comparaison-quartiers-2024")), rows(body.by_id("comparaison-quartiers-2022"))
    assert [th.text for th in body.by_id("comparaison-quartiers-2024").find("thead").find_all("th")] == [
        "Indicateur",
        "Le Regain",
        "Cité Longuepierre – Beclet",
        "Cité 10 – Fond de Sains",
        "Agglomération",
    ]
    assert latest["Taux de pauvreté"] == [f"35,2{NNBSP}%", f"25{NNBSP}%", f"30{NNBSP}%", f"19,4{NNBSP}%"]
    assert latest["Part du parc social"] == [NOT_GIVEN, f"57{NNBSP}%", f"83{NNBSP}%", f"25,6{NNBSP}%"]
    assert earlier["Taux de pauvreté"] == [f"33{NNBSP}%", f"18,8{NNBSP}%"]
    svg = body.by_id("graphique-comparaison-taux-pauvrete")
    labels = [t.text for t in svg.find_all("text")]
    assert labels[labels.index("En 2024") + 1] == f"Le Regain{NBSP}: 35,2{NNBSP}%"
    assert labels[labels.index("En 2022") :] == ["En 2022", f"Le Regain{NBSP}: 33{NNBSP}%", f"Agglomération{NBSP}: 18,8{NNBSP}%"]


def test_agglomeration_figure_is_the_same_on_every_page(site):
    """One figure in chiffres-agglomeration.yaml: every quartier page, the comparison, its chart,
    the reference table and the home cards show it."""
    for quartier in ("regain", "longuepierre-beclet", "cite-10-fond-de-sains"):
        table = rows(article(site, f"quartiers/{quartier}").by_id(f"portrait-{quartier}"))
        assert table["Taux de pauvreté"][1] == f"19,4{NNBSP}% en 2024", quartier
        # a figure the quartier does not give: the agglomeration's, with its year, never « non renseigné »
        ips = next(v for k, v in table.items() if k.startswith("Indice de positionnement social"))
        assert ips[1].startswith("104 en 2024") or (quartier == "regain" and ips[1].startswith("104 en 2022")), quartier
        assert table["Taux d'emploi des 15-64 ans"][1] == f"58,8{NNBSP}% en 2022", quartier
    statistics = article(site, "statistiques")
    reference = rows(statistics.by_id("chiffres-agglomeration"))
    assert reference["Taux de pauvreté"][:2] == [f"19,4{NNBSP}% en 2024", f"18,8{NNBSP}% en 2022 → 19,4{NNBSP}% en 2024 (+0,6{NBSP}point)"]
    cards = article(site, "").find("div", class_="cdv-cartes").text
    assert cards.count(f"(agglomération{NBSP}: 19,4{NNBSP}%)") == 3 and "18,8" not in cards


def test_missing_figure_is_never_zero(site):
    for path in ("quartiers/regain", "quartiers/cite-10-fond-de-sains", "statistiques"):
        for table in article(site, path).find_all("table"):
            for cells in rows(table).values():
                assert all(cell.strip() not in ("", "0") for cell in cells), path


# --- open data ---------------------------------------------------------------------------


def test_open_data_keeps_every_year_and_source(site):
    data = json.loads((site / "donnees" / "convention.json").read_text(encoding="utf-8"))
    regain = next(q for q in data["quartiers"] if q["id"] == "regain")
    assert [(r["annee"], r["source"]) for r in regain["portrait"]] == [
        (2022, "Données sigville 2022 basées sur l'ancien périmètre"),
        (2024, "Observatoire des quartiers, 2024"),
    ]
    agglo = {r["annee"]: {v["indicateur"]: v["valeur"] for v in r["valeurs"]} for r in data["chiffres_agglomeration"]}
    assert agglo[2022]["taux-pauvrete"] == 18.8 and agglo[2024]["taux-pauvrete"] == 19.4
    raw = (site / "donnees" / "statistiques.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    pauvrete = [(r["territoire"], r["annee"], r["valeur"], r["source"]) for r in table if r["indicateur"] == "taux-pauvrete"]
    assert ("regain", "2022", "33", "Données sigville 2022 basées sur l'ancien périmètre") in pauvrete
    assert ("regain", "2024", "35,2", "Observatoire des quartiers, 2024") in pauvrete
    assert ("agglomeration", "2024", "19,4", "Données 2024 de la Préfecture du Pas-de-Calais") in pauvrete
    assert [r for r in pauvrete if r[0] == "agglomeration"] == sorted(r for r in pauvrete if r[0] == "agglomeration")
    page = article(site, "donnees")
    assert page.by_id("statistiques-csv") is not None
    assert "statistiques.csv" in [a.text for a in page.find_all("a")]


# --- errors ------------------------------------------------------------------------------


def problems(content: Path):
    with pytest.raises(ContentErrors) as info:
        load_convention(content)
    return info.value.problems


def test_two_figures_for_the_same_indicateur_and_year_are_refused(content):
    edit(content, REGAIN, "irritants:", REGAIN_2024.replace("2024", "2022") + "irritants:")
    text = (content / REGAIN).read_text(encoding="utf-8")
    lines = text.splitlines()
    second = max(i for i, line in enumerate(lines) if line.strip() == "- indicateur: taux-pauvrete") + 1
    [p] = [p for p in problems(content) if "taux-pauvrete" in p.message]
    assert (p.file, p.line) == (f"content/{REGAIN}", second)
    first = min(i for i, line in enumerate(lines) if line.strip() == "- indicateur: taux-pauvrete") + 1
    assert p.message == f"l'indicateur « taux-pauvrete » a déjà un chiffre pour 2022, ligne {first}."
    assert "un seul chiffre par indicateur et par année" in p.hint.lower()


def test_unknown_indicateur_in_the_agglomeration_file_is_named_with_its_line(content):
    line = edit(content, AGGLO, "indicateur: part-moins-25-ans", "indicateur: part-moins-25-an")
    [p] = problems(content)
    assert (p.file, p.line) == (f"content/{AGGLO}", line)
    assert p.message == "indicateur « part-moins-25-an » inconnu."
    assert p.hint == "Vouliez-vous dire « part-moins-25-ans » ?"
    assert (
        f"valeur de l'indicateur « part-moins-25-an » du relevé de 2022 des chiffres de l'agglomération (champ « indicateur », ligne {line})"
        in p.format()
    )


def test_agglomeration_figure_given_twice_for_a_year_is_refused(content):
    edit(content, AGGLO, "      - indicateur: part-moins-25-ans\n", "      - indicateur: taux-pauvrete\n")
    [p] = problems(content)
    assert p.file == f"content/{AGGLO}" and "déjà un chiffre pour 2022" in p.message


def test_same_year_and_source_twice_is_refused(content):
    edit(
        content,
        REGAIN,
        "irritants:",
        REGAIN_2024.replace("2024", "2022")
        .replace("Observatoire des quartiers, 2022", "Données sigville 2022 basées sur l'ancien périmètre")
        .replace("taux-pauvrete", "surface")
        + "irritants:",
    )
    found = problems(content)
    assert any("un relevé de 2022 de la même source est déjà donné" in p.message for p in found)


def test_percentage_out_of_range_in_the_agglomeration_file(content):
    line = edit(content, AGGLO, "valeur: 58.8", "valeur: 588")
    [p] = problems(content)
    assert (p.file, p.line) == (f"content/{AGGLO}", line) and "entre 0 et 100" in p.message


def test_old_single_portrait_block_gets_a_french_message(content):
    path = content / "quartiers" / "cite-10-fond-de-sains.yaml"
    text = path.read_text(encoding="utf-8")
    old = text[text.index("portrait:") : text.index("irritants:")]
    new = 'portrait:\n  source: "x"\n  annee: 2024\n  valeurs: []\n'
    path.write_text(text.replace(old, new), encoding="utf-8")
    [p] = problems(content)
    assert p.file == "content/quartiers/cite-10-fond-de-sains.yaml" and p.field == "portrait"
    assert p.message == "une liste de relevés est attendue, pas un bloc de clés."
    assert "chiffres-agglomeration.yaml" in p.hint and "Mettre à jour les statistiques" in p.hint
