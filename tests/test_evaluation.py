"""The yearly evaluation: référentiel d'impacts (evaluation.yaml), comités (instances.yaml) and
one bilan a year, on fixture content (the signed convention, the fictitious commune)."""

from __future__ import annotations

import csv
import html
import io
import re
import shutil
from pathlib import Path

import pytest

from macros import cli
from macros.reading.errors import ContentErrors
from macros.reading.loader import load_convention
from tests.support.sitebuild import OTHER_COMMUNE, SIGNED

# Four Regain actions reported through the spreadsheet round trip, as staff would: two in 2025, two in 2026
REPORTED = {
    "point-justice": ("en cours", "2025-03-12"),
    "campagnes-acces-droit": ("réalisée", "2025-11-04"),
    "sante-ambulatoire": ("à engager", "2026-02-10"),
    "cellule-suivi-sante-mentale": ("abandonnée", "2026-06-30"),
}


def _text(path: Path) -> str:
    """A page's article as text (tags removed, spaces collapsed)."""
    page = path.read_text(encoding="utf-8")
    article = re.search(r"<article.*?</article>", page, re.S).group(0)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", article))).split(" Mis à jour le ")[0]


def report_statuses(content: Path) -> None:
    """Export the actions, set four Regain statuses with their dates, import (a recipe: shared build)."""
    table = content.parent / "actions.csv"
    assert cli.main(["--contenu", str(content), "exporter-actions", str(table)]) == 0
    rows = list(csv.reader(io.StringIO(table.read_bytes().decode("utf-8-sig"), newline=""), delimiter=";"))
    header = rows[0]
    for row in rows[1:]:
        if row[header.index("quartier")] == "regain" and row[header.index("action")] in REPORTED:
            statut, day = REPORTED[row[header.index("action")]]
            row[header.index("statut")] = statut
            row[header.index("statut_date")] = day
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    table.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    assert cli.main(["--contenu", str(content), "importer-actions", str(table), "--date", "2026-07-01"]) == 0


@pytest.fixture(scope="module")
def reported_site(shared_sites) -> Path:
    return shared_sites.site(SIGNED, prepare=report_statuses)


def test_imported_statuses_give_one_bilan_a_year_with_exactly_that_years_changes(reported_site):
    bilan_2025 = _text(reported_site / "bilans" / "2025" / "index.html")
    bilan_2026 = _text(reported_site / "bilans" / "2026" / "index.html")
    assert "Bilan 2025" in bilan_2025 and "Bilan 2026" in bilan_2026
    assert "l'avancement de 2 actions a été constaté" in bilan_2025
    assert "l'avancement de 2 actions a été constaté" in bilan_2026
    for day, page, other in (("12 mars 2025", bilan_2025, bilan_2026), ("4 novembre 2025", bilan_2025, bilan_2026),
                             ("10 février 2026", bilan_2026, bilan_2025), ("30 juin 2026", bilan_2026, bilan_2025)):  # fmt: skip
        assert day in page and day not in other
    assert "Le Regain" in bilan_2025 and "Le Regain" in bilan_2026
    # the signature year is there, with nothing moved; no year after the newest content
    assert "Aucun avancement d'action n'a été constaté en 2024" in _text(reported_site / "bilans" / "2024" / "index.html")
    assert not (reported_site / "bilans" / "2027").exists()
    index = _text(reported_site / "bilans" / "index.html")
    assert "Bilan 2024" in index and "Bilan 2025" in index and "Bilan 2026" in index


def test_bilans_are_announced_in_the_history_and_its_feed(reported_site):
    history = _text(reported_site / "historique" / "index.html")
    assert "Bilan 2025" in history and "Bilan 2026" in history
    feed = (reported_site / "historique.xml").read_text(encoding="utf-8")
    assert "bilans/2025/" in feed and "bilans/2026/" in feed and "#bilan-2026" in feed


def test_without_evaluation_file_the_referentiel_page_says_it_is_not_adopted_and_quotes_the_convention(site_dir):
    page = _text(site_dir / "referentiel-d-impacts" / "index.html")
    assert "n'est pas encore adopté" in page
    assert "La démarche évaluative sera menée chaque année" in page
    assert "Critère" not in page
    assert "Indicateurs du référentiel d'impacts" not in _text(site_dir / "objectifs" / "alimentation-saine" / "index.html")


def test_fixture_indicators_show_on_their_objectif_pages_and_the_referentiel_page(other_commune_site):
    referentiel = _text(other_commune_site / "referentiel-d-impacts" / "index.html")
    assert "Enjeu 1 : Un cadre de vie apaisé" in referentiel
    assert "Les habitants s'approprient les espaces extérieurs" in referentiel
    assert "Parcelles de jardin cultivées 12 (2024) 40 2024, 2025" in referentiel
    assert "38,5 % (2024) 50 % 2024, 2025" in referentiel
    objectif = other_commune_site / "objectifs" / "jardins-partages" / "index.html"
    text = _text(objectif)
    assert "Indicateurs du référentiel d'impacts" in text
    assert "Année Le Moulin Les Sources 2024 12 — 2025 18 6" in text
    markup = objectif.read_text(encoding="utf-8")
    assert 'id="indicateur-parcelles-cultivees-graphique"' in markup and 'role="img"' in markup
    assert "Le Moulin : 12 en 2024, 18 en 2025." in text  # the chart's description gives every figure
    bilan = _text(other_commune_site / "bilans" / "2025" / "index.html")
    assert "Sorties positives des chantiers d'insertion Valmont-sur-Test 41,2 % 38,5 % en hausse (+2,7 pts) hausse : atteint" in bilan
    assert "2 080 habitants 2 150 habitants en baisse" in bilan


def test_comites_are_listed_with_their_decisions_and_in_the_feed(other_commune_site):
    page = _text(other_commune_site / "instances" / "index.html")
    assert page.index("Comité de cohésion sociale du 2 octobre 2025") < page.index("Comité de pilotage du 12 juin 2025")
    assert "Adoption du référentiel d'impacts." in page
    assert 'href="https://valmont-sur-test.example/comites/copil-2025-06-12.pdf"' in (
        other_commune_site / "instances" / "index.html"
    ).read_text(encoding="utf-8")
    history = (other_commune_site / "historique" / "index.html").read_text(encoding="utf-8")
    assert 'id="comite-2025-06-12"' in history
    feed = (other_commune_site / "historique.xml").read_text(encoding="utf-8")
    assert "Comité de pilotage" in feed and "#comite-2025-10-02" in feed


@pytest.fixture
def other(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(OTHER_COMMUNE, target)
    return target


def _errors(content: Path) -> str:
    with pytest.raises(ContentErrors) as raised:
        load_convention(content, root=content.parent)
    return str(raised.value)


def test_evaluation_errors_are_in_french_at_file_and_line(other):
    path = other / "evaluation.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("objectif: jardins-partages", "objectif: jardins-partage")
    text = text.replace("quartier: les-sources", "quartier: les-source")
    path.write_text(text, encoding="utf-8")
    err = _errors(other)
    lines = text.splitlines()
    assert f"content/evaluation.yaml:{lines.index('  - objectif: jardins-partage') + 1} : " in err
    assert "l'objectif « jardins-partage » n'existe pas" in err and "« jardins-partages »" in err
    assert f"content/evaluation.yaml:{lines.index('                quartier: les-source') + 1} : " in err
    assert "le quartier « les-source » n'existe pas" in err and "Traceback" not in err


def test_a_mistyped_value_is_named_with_its_line_and_the_possible_values(other):
    path = other / "evaluation.yaml"
    text = path.read_text(encoding="utf-8").replace("sens: baisse", "sens: descendre")
    path.write_text(text, encoding="utf-8")
    err = _errors(other)
    assert f"content/evaluation.yaml:{text.splitlines().index('            sens: descendre') + 1} : " in err
    assert "« descendre » non reconnue" in err and "« hausse », « baisse »" in err


def test_a_second_value_for_the_same_year_and_place_is_an_error(other):
    path = other / "evaluation.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "              - annee: 2025\n                valeur: 41.2\n",
        "              - annee: 2025\n                valeur: 41.2\n              - annee: 2025\n                valeur: 40\n",
    )
    path.write_text(text, encoding="utf-8")
    assert "a déjà une valeur 2025 pour la commune" in _errors(other)


def test_instances_errors_name_the_line(other):
    path = other / "instances.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("type: comité de pilotage", "type: copil"), encoding="utf-8")
    err = _errors(other)
    assert "content/instances.yaml:3 : " in err and "copil" in err


def test_a_commune_without_evaluation_files_loads_as_before(other):
    (other / "evaluation.yaml").unlink()
    (other / "instances.yaml").unlink()
    convention = load_convention(other, root=other.parent)
    assert convention.evaluation is None and convention.instances == []


GUIDE = Path(__file__).resolve().parent.parent / "content" / "README.md"
_MACRO_EXAMPLE = re.compile(r"<!-- macro : page d'exemple -->\n```markdown\n(.*?)^```", re.S | re.M)


def macro_examples() -> list[str]:
    return _MACRO_EXAMPLE.findall(GUIDE.read_text(encoding="utf-8"))


def guide_macro_pages(content: Path) -> None:
    """The guide's référentiel d'impacts example, then each macro example in a page of its own (a recipe)."""
    from tests.support import guide_examples

    found, _ = guide_examples.examples(GUIDE.read_text(encoding="utf-8"))
    for example in found:
        if example.file == "evaluation.yaml":
            guide_examples.apply(example, content)
    for n, body in enumerate(macro_examples(), start=1):
        page = f'---\ntitre: "Exemple de macro {n}"\nordre: {900 + n}\n---\n\n{body}'
        (content / "pages" / f"exemple-macro-{n}.md").write_text(page, encoding="utf-8")


def test_every_macro_example_of_the_guide_renders_in_a_page_of_its_own(shared_sites):
    examples = macro_examples()
    assert len(examples) >= 3 and {"indicateur(", "actions(", "chiffres_annee("} <= {
        m.group(0) for m in re.finditer(r"\w+\(", "".join(examples))
    }
    site = shared_sites.site(SIGNED, prepare=guide_macro_pages)
    pages = {n: _text(site / "convention" / f"exemple-macro-{n}" / "index.html") for n in range(1, len(examples) + 1)}
    for n, text in pages.items():
        assert "{{" not in text, f"exemple {n} : l'appel de macro est resté du texte"
    assert "Participants aux ateliers cuisine" in pages[1] and "Année Ensemble Le Regain" not in pages[1]
    assert "2024 40 —" in pages[1] and "65" in pages[1]
    assert "Aucune action « réalisée » dans le quartier Le Regain pour l'instant." in pages[2]
    assert "Encourager l'implantation d'un Point Justice" in pages[3]
    assert "En 2025 : " in pages[4]


def comites_page(content: Path) -> None:
    """A narrative page that lists the comités, as the signed « Organisation et pilotage » page does."""
    page = '---\ntitre: "Pilotage"\nordre: 950\n---\n\n## Les comités tenus\n\n{{ comites() }}\n'
    (content / "pages" / "pilotage.md").write_text(page, encoding="utf-8")


def test_the_comites_macro_lists_every_comite_newest_first_on_a_narrative_page(shared_sites):
    site = shared_sites.site(OTHER_COMMUNE, prepare=comites_page)
    html = (site / "convention" / "pilotage" / "index.html").read_text(encoding="utf-8")
    text = _text(site / "convention" / "pilotage" / "index.html")
    assert text.index("Comité de cohésion sociale du 2 octobre 2025") < text.index("Comité de pilotage du 12 juin 2025")
    assert 'href="../../instances/#comite-2025-06-12"' in html and "{{" not in text


def test_a_wrong_identifier_in_a_macro_call_is_a_french_error_at_the_page_line(other):
    page = other / "pages" / "preambule.md"
    text = page.read_text(encoding="utf-8") + '\n{{ indicateur("parcelles-cultivee") }}\n\n{{ actions("le-moulin", "finie") }}\n'
    page.write_text(text, encoding="utf-8")
    err = _errors(other)
    lines = text.splitlines()
    first = lines.index('{{ indicateur("parcelles-cultivee") }}') + 1
    second = lines.index('{{ actions("le-moulin", "finie") }}') + 1
    assert f"content/pages/preambule.md:{first} : l'indicateur « parcelles-cultivee » n'existe pas" in err
    assert "« parcelles-cultivees »" in err
    assert f"content/pages/preambule.md:{second} : le statut « finie » n'existe pas" in err
    assert "Traceback" not in err


def test_other_braces_in_a_page_stay_text(other_commune_site):
    assert "Une accolade {{ 7*7 }} et <em>du HTML</em> restent du texte." in _text(
        other_commune_site / "convention" / "preambule" / "index.html"
    )


def test_indicators_and_bilans_are_open_data_described_on_the_donnees_page(other_commune_site):
    import json

    from macros.data.evaluation_exports import described_keys
    from macros.data.export_fields import BILANS_JSON_FIELDS, INDICATORS_COLUMNS

    rows = list(
        csv.reader(io.StringIO((other_commune_site / "donnees" / "indicateurs.csv").read_bytes().decode("utf-8-sig")), delimiter=";")
    )
    assert rows[0] == list(INDICATORS_COLUMNS)
    assert len(rows) == 1 + 7  # every value of the fixture's three indicators
    header = rows[0]
    assert ["taux-sortie-positive", "2025", "commune", "41,2"] == [
        rows[5][header.index(k)] for k in ("indicateur", "annee", "territoire", "valeur")
    ]
    document = json.loads((other_commune_site / "donnees" / "bilans.json").read_text(encoding="utf-8"))
    assert document["licence"]["nom"].startswith("Licence Ouverte")
    assert [b["annee"] for b in document["bilans"]] == [2025]
    assert not described_keys(document) - set(BILANS_JSON_FIELDS), "chaque clé de bilans.json est décrite sur la page Données"
    donnees = _text(other_commune_site / "donnees" / "index.html")
    assert "indicateurs.csv" in donnees and "bilans.json" in donnees
    for name in list(INDICATORS_COLUMNS) + list(BILANS_JSON_FIELDS):
        assert name in donnees, name


def _csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline=""), delimiter=";"))


def _write_rows(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))


def test_indicator_values_round_trip_through_a_spreadsheet_keeps_every_other_byte(other, tmp_path, capsys):
    table = tmp_path / "indicateurs.csv"
    assert cli.main(["--contenu", str(other), "exporter-indicateurs", str(table)]) == 0
    rows = _csv_rows(table)
    header = rows[0]
    assert header[:4] == ["indicateur", "libelle", "unite", "territoire"] and len(rows) == 8
    rows[2][header.index("valeur")] = "19,5"  # parcelles-cultivees, le-moulin, 2025
    rows.append(["parcelles-cultivees", "", "", "le-moulin", "", "2026", "22", ""])
    rows.append(["taux-sortie-positive", "", "", "commune", "", "2026", "44", "Bilan 2026"])
    _write_rows(table, rows)
    before = (other / "evaluation.yaml").read_text(encoding="utf-8")
    assert cli.main(["--contenu", str(other), "importer-indicateurs", str(table)]) == 0
    assert "3 valeurs mises à jour" in capsys.readouterr().out
    after = (other / "evaluation.yaml").read_text(encoding="utf-8")
    removed = [line for line in before.splitlines() if line not in after.splitlines()]
    assert removed == ["                valeur: 18"]
    assert after.startswith(before.splitlines()[0])  # the comment stays
    convention = load_convention(other, root=other.parent)
    values = {
        (i.id, v.quartier, v.annee): v
        for o in convention.evaluation.objectifs
        for c in o.criteres
        for i in c.indicateurs
        for v in i.valeurs
    }
    assert values[("parcelles-cultivees", "le-moulin", 2025)].valeur == 19.5
    assert values[("parcelles-cultivees", "le-moulin", 2026)].valeur == 22
    assert values[("taux-sortie-positive", None, 2026)].source == "Bilan 2026"
    # imported again: nothing to change
    assert cli.main(["--contenu", str(other), "importer-indicateurs", str(table)]) == 0
    assert "Aucun changement" in capsys.readouterr().out


def test_indicator_import_errors_name_row_and_column_and_write_nothing(other, tmp_path, capsys):
    table = tmp_path / "indicateurs.csv"
    assert cli.main(["--contenu", str(other), "exporter-indicateurs", str(table)]) == 0
    rows = _csv_rows(table)
    rows.append(["parcelles-cultivee", "", "", "le-mouli", "", "20x6", "beaucoup", ""])
    rows.append(["parcelles-cultivees", "", "", "le-moulin", "", "2025", "30", ""])
    _write_rows(table, rows)
    before = (other / "evaluation.yaml").read_bytes()
    capsys.readouterr()
    assert cli.main(["--contenu", str(other), "importer-indicateurs", str(table)]) == 1
    err = capsys.readouterr().err
    assert "aucun fichier de contenu n'a été modifié" in err and "Traceback" not in err
    assert "indicateurs.csv, ligne 9, colonne « indicateur » : l'indicateur « parcelles-cultivee » n'existe pas." in err
    assert "ligne 9, colonne « territoire »" in err and "ligne 9, colonne « annee »" in err and "ligne 9, colonne « valeur »" in err
    assert "ligne 10, colonne « annee » : l'indicateur « parcelles-cultivees » a déjà une valeur 2025 pour « le-moulin » ligne 3." in err
    assert (other / "evaluation.yaml").read_bytes() == before


AGGLOMERATION_FOLDER = Path(__file__).resolve().parent / "fixtures" / "agglomeration"


def agglomeration_macro_page(folder: Path) -> None:
    """A commune of the agglomeration calls the staff macros in a page of its own (a recipe)."""
    body = '---\ntitre: "Note"\nordre: 90\n---\n\n{{ actions("le-moulin") }}\n\n{{ indicateur("parcelles-cultivees") }}\n\n{{ chiffres_annee(2025) }}\n'
    (folder / "communes" / "valmont-sur-test" / "pages" / "note.md").write_text(body, encoding="utf-8")


def test_staff_macros_in_an_agglomeration_commune_page_link_its_own_anchors(shared_sites):
    site = shared_sites.site(AGGLOMERATION_FOLDER, prepare=agglomeration_macro_page)
    page = (site / "communes" / "valmont-sur-test" / "note" / "index.html").read_text(encoding="utf-8")
    assert "#valmont-sur-test--action-" in page
    assert "Parcelles de jardin cultivées" in page and "En 2025" in _text(site / "communes" / "valmont-sur-test" / "note" / "index.html")


def test_published_evaluation_addresses_move_to_the_communes_history_in_an_agglomeration():
    from macros.domain.uris import from_commune_site

    for published in ("referentiel-d-impacts/", "instances/", "bilans/", "bilans/2025/"):
        assert from_commune_site("hersin", published) == "communes/hersin/historique/"
