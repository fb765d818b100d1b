"""The agglomeration folder: one référentiel, one conventions per commune, quartiers across communes."""

import shutil
from pathlib import Path

import pytest

from macros.cli import main
from macros.data.canonical import without_schema_line
from macros.reading.errors import ContentErrors
from macros.reading.site import load_agglomeration
from tests.support.edits import replace_once as edit
from tests.support.sitebuild import OTHER_COMMUNE, ROOT, SIGNED, build_site

NEIGHBOUR = ROOT / "tests" / "fixtures" / "commune-voisine" / "content"
FIXTURE = ROOT / "tests" / "fixtures" / "agglomeration"
MOULIN = "quartiers/le-moulin.yaml"


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)  # file names in messages are relative to the project, as for staff


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def neighbour(tmp_path) -> Path:
    """The second commune, with the first one's référentiel as it is today (it may grow)."""
    copy = Path(shutil.copytree(NEIGHBOUR, tmp_path / "voisine" / "content"))
    shutil.copyfile(OTHER_COMMUNE / "referentiel.yaml", copy / "referentiel.yaml")
    return copy


@pytest.fixture
def agglomeration(tmp_path) -> Path:
    return Path(shutil.copytree(FIXTURE, tmp_path / "agglo"))


def test_assembler_creates_the_folder_and_check_passes(tmp_path, neighbour, capsys):
    target = tmp_path / "agglo"
    code, out, err = run(capsys, "assembler", str(target), str(OTHER_COMMUNE), str(neighbour))
    assert code == 0, err
    assert sorted(p.name for p in (target / "communes").iterdir()) == ["rivebelle-les-test", "valmont-sur-test"]
    for commune in (target / "communes").iterdir():
        assert (commune / "contrat.yaml").exists() and (commune / MOULIN).exists()
        for shared in ("referentiel.yaml", "glossaire.yaml", "chiffres-agglomeration.yaml"):
            assert not (commune / shared).exists()  # lifted to the top
    for shared in ("referentiel.yaml", "chiffres-agglomeration.yaml"):  # with the first line that names schemas/
        lifted = (target / shared).read_text(encoding="utf-8")
        assert lifted.startswith(f"# yaml-language-server: $schema=schemas/{shared.replace('.yaml', '.schema.json')}\n")
        assert without_schema_line(lifted) == without_schema_line((OTHER_COMMUNE / shared).read_text(encoding="utf-8"))
    assert (target / "communes/rivebelle-les-test/quartiers/le-moulin.geojson").exists()
    meta = (target / "agglomeration.yaml").read_text(encoding="utf-8")
    assert 'nom: "Communauté de communes de l\'Exemple"' in meta and 'sigle: "CCE"' in meta
    assert 'editeur: "À compléter"' in meta
    assert "Dossier d'agglomération créé" in out and "À compléter" in out and "agglomeration.yaml:" in out
    assert "make build CONVENTION_CONTENU=" in out

    code, out, err = run(capsys, "--contenu", str(target), "check")
    assert code == 0, err
    assert "Dossier d'agglomération valide : 2 communes, 7 quartiers (dont 1 sur plusieurs communes)" in out
    assert "contrat_cadre.date_signature" in out  # still to fill in, said at every check


def test_the_signed_convention_assembles_alone(tmp_path, capsys):
    """A real convention: its corrections name referentiel.yaml, which moves to the top."""
    target = tmp_path / "agglo"
    code, out, err = run(capsys, "assembler", str(target), str(SIGNED))
    assert code == 0, err
    meta = (target / "agglomeration.yaml").read_text(encoding="utf-8")
    assert 'sigle: "CABBALR"' in meta and "debut: 2024" in meta
    assert 'editeur: "À compléter"' in meta  # the commune's publisher is not the agglomeration's
    code, out, err = run(capsys, "--contenu", str(target), "check")
    assert code == 0, err
    assert out.startswith("Dossier d'agglomération valide : 1 commune, 3 quartiers,")


def test_assembler_never_overwrites(tmp_path, capsys):
    target = tmp_path / "agglo"
    target.mkdir()
    (target / "notes.txt").write_text("à garder", encoding="utf-8")
    code, _, err = run(capsys, "assembler", str(target), str(OTHER_COMMUNE), str(NEIGHBOUR))
    assert code == 1 and "n'est pas vide" in err and "Rien n'a été écrit" in err
    assert [p.name for p in target.iterdir()] == ["notes.txt"]


def test_assembler_refuses_a_folder_inside_a_communes_content(tmp_path, neighbour, capsys):
    code, _, err = run(capsys, "assembler", str(neighbour / "agglo"), str(neighbour))
    assert code == 1 and "à l'intérieur du dossier de contenu" in err
    assert not (neighbour / "agglo").exists()


def test_check_passes_on_the_fixture(capsys):
    code, out, err = run(capsys, "--contenu", str(FIXTURE), "check")
    assert code == 0, err
    assert "2 communes, 7 quartiers (dont 1 sur plusieurs communes)" in out and "À compléter" not in out


def test_shared_quartier_gets_each_conventions_actions_with_its_commune():
    agglomeration = load_agglomeration(FIXTURE, ROOT)
    moulin = agglomeration.quartier("le-moulin")
    assert [c.nom for c in moulin.communes] == ["Rivebelle-lès-Test", "Valmont-sur-Test"]
    committed = [(commune.id, poursuivi.objectif, [a.id for a in poursuivi.actions]) for commune, poursuivi in moulin.engagements]
    assert ("rivebelle-les-test", "eclairage", ["eclairage-passerelle"]) in committed
    assert ("valmont-sur-test", "eclairage", ["lampadaires"]) in committed
    assert ("valmont-sur-test", "jardins-partages", ["jardin-pied-immeuble"]) in committed
    assert {q.id for q in agglomeration.quartiers} >= {"le-moulin", "les-tilleuls", "les-peupliers"}
    assert len(agglomeration.quartiers) == len({q.id for q in agglomeration.quartiers})

    by_commune = agglomeration.pursuits("jardins-partages")
    assert list(by_commune) == ["rivebelle-les-test", "valmont-sur-test"]
    assert {p.quartier.id for p in by_commune["rivebelle-les-test"]} == {"le-moulin", "les-peupliers"}
    assert agglomeration.meta.sigle == "CCE" and agglomeration.meta.contrat_cadre.periode.fin == 2031
    # one glossary for the whole agglomeration, also in each commune's convention
    assert {t.terme for t in agglomeration.glossaire} >= {"QPV", "QIC"}
    assert all(c.convention.glossaire == agglomeration.glossaire for c in agglomeration.communes)
    # the agglomeration's figures, once at the top, reach every commune's convention
    assert all(c.convention.chiffres_reference for c in agglomeration.communes)


def test_referentiel_mismatch_is_named_and_nothing_is_written(tmp_path, neighbour, capsys):
    line = edit(neighbour / "referentiel.yaml", "Améliorer l'éclairage public", "Améliorer l'éclairage")
    target = tmp_path / "agglo"
    code, _, err = run(capsys, "assembler", str(target), str(OTHER_COMMUNE), str(neighbour))
    assert code == 1
    assert (
        f"{neighbour / 'referentiel.yaml'}:{line} : champ « enjeux[0].orientations[0].objectifs[1].titre » : ce fichier diffère du fichier commun"
        in err
    )
    assert "tests/fixtures/autre-commune/content/referentiel.yaml:" in err
    assert "« Améliorer l'éclairage » ici" in err
    assert "Rien n'a été écrit" in err and "Traceback" not in err
    assert not target.exists() and not list(tmp_path.glob(".agglo*"))


def test_quartier_with_another_nom_in_two_communes_names_both_files(tmp_path, neighbour, capsys):
    line = edit(neighbour / MOULIN, 'nom: "Le Moulin"', 'nom: "Moulin Neuf"')
    code, _, err = run(capsys, "assembler", str(tmp_path / "agglo"), str(OTHER_COMMUNE), str(neighbour))
    assert code == 1
    assert (
        f"{neighbour / MOULIN}:{line} : champ « nom » : le quartier « le-moulin » est aussi décrit dans tests/fixtures/autre-commune/content/{MOULIN}:"
        in err
    )
    assert "« Moulin Neuf » ici, « Le Moulin » dans l'autre fichier" in err
    assert not (tmp_path / "agglo").exists()


def test_check_names_the_commune_file_and_reports_every_error(agglomeration, capsys):
    peupliers = agglomeration / "communes/rivebelle-les-test/quartiers/les-peupliers.yaml"
    line = edit(peupliers, "statut: QIC", "statut: QIX")
    contrat_line = edit(agglomeration / "communes/valmont-sur-test/contrat.yaml", '  insee: "99001"', "  insee: 99001")
    code, _, err = run(capsys, "--contenu", str(agglomeration), "check")
    assert code == 1 and "Traceback" not in err
    assert "Le contenu comporte 2 erreurs" in err
    # named from the folder's parent, as `make build` names them
    assert f"{peupliers.relative_to(agglomeration.parent)}:{line}" in err
    assert f"agglo/communes/valmont-sur-test/contrat.yaml:{contrat_line}" in err


def test_quartier_statut_conflict_in_an_agglomeration_folder(agglomeration):
    moulin = agglomeration / "communes/valmont-sur-test" / MOULIN
    line = edit(moulin, "statut: QPV", "statut: QIC")
    with pytest.raises(ContentErrors) as info:
        load_agglomeration(agglomeration, agglomeration.parent)
    [problem] = info.value.problems
    assert (problem.file, problem.line, problem.field) == (f"agglo/communes/valmont-sur-test/{MOULIN}", line, "statut")
    assert f"agglo/communes/rivebelle-les-test/{MOULIN}:" in problem.message


def test_a_communes_own_referentiel_must_equal_the_shared_one(agglomeration):
    own = agglomeration / "communes/valmont-sur-test/referentiel.yaml"
    shutil.copyfile(agglomeration / "referentiel.yaml", own)
    load_agglomeration(agglomeration, agglomeration.parent)  # an identical copy is accepted
    line = edit(own, "numero: 1", "numero: 2")
    with pytest.raises(ContentErrors) as info:
        load_agglomeration(agglomeration, agglomeration.parent)
    [problem] = info.value.problems
    assert (problem.file, problem.line, problem.field) == ("agglo/communes/valmont-sur-test/referentiel.yaml", line, "enjeux[0].numero")
    assert "agglo/referentiel.yaml:" in problem.message


def test_a_communes_copy_of_the_agglomeration_figures_must_equal_the_shared_one(agglomeration):
    own = agglomeration / "communes/rivebelle-les-test/chiffres-agglomeration.yaml"
    shutil.copyfile(agglomeration / "chiffres-agglomeration.yaml", own)
    line = edit(own, "valeur: 15", "valeur: 16")
    with pytest.raises(ContentErrors) as info:
        load_agglomeration(agglomeration, agglomeration.parent)
    [problem] = info.value.problems
    assert (problem.file, problem.line) == ("agglo/communes/rivebelle-les-test/chiffres-agglomeration.yaml", line)
    assert "« 16 » ici, « 15 » dans le fichier commun" in problem.message and "agglo/chiffres-agglomeration.yaml:" in problem.message


def test_a_glossary_term_defined_differently_is_an_error(agglomeration):
    (agglomeration / "communes/valmont-sur-test/glossaire.yaml").write_text(
        'termes:\n  - terme: "QIC"\n    definition: "Autre définition."\n  - terme: "ANRU"\n    definition: "Agence nationale pour la rénovation urbaine."\n',
        encoding="utf-8",
    )
    with pytest.raises(ContentErrors) as info:
        load_agglomeration(agglomeration, agglomeration.parent)
    [problem] = info.value.problems
    assert (problem.file, problem.line) == ("agglo/communes/valmont-sur-test/glossaire.yaml", 2)
    assert "« QIC » est déjà défini autrement dans agglo/glossaire.yaml:" in problem.message


def test_a_commune_may_add_glossary_terms(agglomeration):
    (agglomeration / "communes/valmont-sur-test/glossaire.yaml").write_text(
        'termes:\n  - terme: "ANRU"\n    definition: "Agence nationale pour la rénovation urbaine."\n', encoding="utf-8"
    )
    terms = [t.terme for t in load_agglomeration(agglomeration, agglomeration.parent).glossaire]
    assert terms[-1] == "ANRU" and "QPV" in terms


def test_agglomeration_yaml_errors_in_french_with_line(agglomeration, capsys):
    line = edit(agglomeration / "agglomeration.yaml", "  titre:", "  titr:")
    code, _, err = run(capsys, "--contenu", str(agglomeration), "check")
    assert code == 1 and "Traceback" not in err
    assert f"agglo/agglomeration.yaml:{line}" in err and "titr" in err


def test_invalid_agglomeration_never_publishes(agglomeration, capsys, tmp_path):
    edit(agglomeration / "agglomeration.yaml", "  titre:", "  titr:")
    code, _, err = run(capsys, "--contenu", str(agglomeration), "build", "--site", str(tmp_path / "site"))
    assert code == 1 and "titr" in err and "reste inchangé" in err
    assert not (tmp_path / "site").exists()


def add_figure(path: Path, annee: int, valeur: int) -> None:
    """A relevé of one figure (revenu médian) in a quartier file, before its objectifs."""
    edit(
        path,
        "objectifs:\n",
        f'portrait:\n  - annee: {annee}\n    source: "INSEE, {annee}"\n    valeurs:\n'
        f"      - indicateur: revenu-median\n        valeur: {valeur}\nobjectifs:\n",
    )


def test_a_shared_quartier_shows_the_figures_of_every_convention(agglomeration, tmp_path):
    """Rivebelle's convention quotes 2021, Valmont's 2024: the quartier's page has both, the second
    commune's figure is not hidden behind the first's description."""
    add_figure(agglomeration / "communes/rivebelle-les-test" / MOULIN, 2021, 12100)
    add_figure(agglomeration / "communes/valmont-sur-test" / MOULIN, 2024, 13400)
    result = build_site(tmp_path / "site", agglomeration)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site/quartiers/le-moulin/index.html").read_text(encoding="utf-8")
    portrait = page[page.index('id="portrait"') : page.index("</table>", page.index('id="portrait"'))]
    assert "13\u202f400" in portrait and "2024" in portrait  # Valmont's, the latest
    assert "2021" in portrait  # Rivebelle's, as the earlier figure of the evolution


def test_a_figure_two_conventions_give_differently_names_both_files(agglomeration):
    rivebelle = agglomeration / "communes/rivebelle-les-test" / MOULIN
    valmont = agglomeration / "communes/valmont-sur-test" / MOULIN
    add_figure(rivebelle, 2024, 12100)
    add_figure(valmont, 2024, 13400)
    line = valmont.read_text(encoding="utf-8").splitlines().index("        valeur: 13400") + 1
    with pytest.raises(ContentErrors) as info:
        load_agglomeration(agglomeration, agglomeration.parent)
    [problem] = info.value.problems
    assert (problem.file, problem.line, problem.field) == (f"agglo/communes/valmont-sur-test/{MOULIN}", line, "portrait")
    assert f"agglo/communes/rivebelle-les-test/{MOULIN}:" in problem.message
    assert "13400 ici, 12100 dans l'autre fichier" in problem.message
