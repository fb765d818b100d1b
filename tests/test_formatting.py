"""`make formater`: every content file in one repository format, whoever saved it (a text
editor, the form editor, a spreadsheet import); identifiers created for what staff add."""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros.cli import main
from macros.data import canonical, formatting
from macros.domain.identifiers import MAX_LENGTH, new_identifier
from macros.domain.model import Glossaire, Instances, Quartier
from macros.reading import schema
from tests.support.decap import decap_style
from tests.support.edits import replace_once
from tests.support.sitebuild import OTHER_COMMUNE, ROOT, SIGNED

CASES = json.loads((ROOT / "tests/fixtures/identifiants.json").read_text(encoding="utf-8"))["cas"]
# The software is tested on the fixtures: content/ belongs to staff, and a valid hand edit that is
# not in canonical form must not turn CI red (make check only notes it).
FOLDERS = {
    "convention-signee": SIGNED,
    "autre-commune": OTHER_COMMUNE,
    "commune-voisine": ROOT / "tests/fixtures/commune-voisine/content",
    "agglomeration": ROOT / "tests/fixtures/agglomeration",
}
REGAIN = "quartiers/regain.yaml"


@pytest.mark.parametrize("case", CASES, ids=[c["texte"][:40] for c in CASES])
def test_new_identifier(case):
    """The same cases as the form's JavaScript test: both derive the same identifier."""
    found = new_identifier(case["texte"], set(case["pris"]), case.get("genre", "action"))
    assert found == case["attendu"]
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", found) and found not in case["pris"]
    assert len(new_identifier(case["texte"], set())) <= MAX_LENGTH


@pytest.fixture
def content(tmp_path) -> Path:
    """A copy of the signed convention, with its schemas/ (whose line the form editor drops), as a
    project's content folder has them."""
    folder = Path(shutil.copytree(SIGNED, tmp_path / "content"))
    schema.write_all(folder)
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _format(folder: Path, *args: str, capsys=None) -> tuple[int, str, str]:
    code = main(["--contenu", str(folder), "formater", *args])
    out, err = capsys.readouterr() if capsys is not None else ("", "")
    return code, out, err


# --- the canonical form is the form of the files as they are -----------------------------------


@pytest.mark.parametrize("name", FOLDERS)
def test_formatting_changes_nothing_in_canonical_folders(name, tmp_path):
    """content/ and every fixture are in canonical form: formatting a copy rewrites nothing."""
    folder = Path(shutil.copytree(FOLDERS[name], tmp_path / name))
    before = _files(folder)
    report = formatting.format_folder(folder)
    assert (report.rewritten, report.problems, report.refused, report.created) == ([], [], [], [])
    assert _files(folder) == before


def _without_comments(path: Path) -> bool:
    """No comment but the schema line: the form editor drops comments, which cannot come back."""
    text = canonical.without_schema_line(path.read_text(encoding="utf-8"))
    return not any(line.lstrip().startswith("#") for line in text.splitlines())


FORM_SAVED = sorted(
    p.relative_to(ROOT).as_posix() for folder in (SIGNED, OTHER_COMMUNE) for p in folder.rglob("*.yaml") if _without_comments(p)
)


@pytest.mark.parametrize("rel", FORM_SAVED)
def test_a_file_saved_by_the_form_editor_formats_back_to_its_bytes(rel, tmp_path):
    """The form editor drops the schema line, reorders keys, unquotes, folds long texts at 80
    columns and writes blocks of several lines as quoted « \\n »: formatting gives back the file."""
    source = ROOT / rel
    folder = Path(shutil.copytree(source.parents[1] if source.parent.name == "quartiers" else source.parent, tmp_path / "content"))
    target = folder / source.relative_to(source.parents[1] if source.parent.name == "quartiers" else source.parent)
    original = target.read_bytes()
    if original.startswith(b"# yaml-language-server"):
        schema.write_all(folder)  # the line comes back from the project's schemas/
    target.write_text(decap_style(original.decode("utf-8")), encoding="utf-8")
    assert target.read_bytes() != original
    report = formatting.format_folder(folder, [target])
    assert report.problems == [] and report.refused == []
    assert target.read_bytes() == original


def test_the_form_rewrite_covers_what_matters():
    rewritten = decap_style((SIGNED / REGAIN).read_text(encoding="utf-8"))
    assert not rewritten.startswith("#") and ">-\n" in rewritten
    assert "texte: \"Il s'agit d'un quartier" in rewritten and "\\n\\n" in rewritten  # the |- block, quoted
    assert rewritten.index("objectifs:") < rewritten.index("id: regain")


def test_a_statut_changed_in_the_form_is_one_line_of_difference(content):
    """What reviewers read in the commit of a form edit, once formatted: only the changed line."""
    regain = content / REGAIN
    replace_once(
        regain,
        'Point Justice communautaire dans le quartier"\n',
        'Point Justice communautaire dans le quartier"\n        statut: en cours\n',
    )
    original = regain.read_text(encoding="utf-8")
    assert formatting.format_folder(content, [regain]).rewritten == []
    saved = decap_style(original.replace("statut: en cours", "statut: réalisée"))
    regain.write_text(saved, encoding="utf-8")
    formatting.format_folder(content, [regain])
    diff = [line for line in difflib.unified_diff(original.splitlines(), regain.read_text(encoding="utf-8").splitlines(), n=0, lineterm="")]
    assert diff[2:] == ["@@ -64 +64 @@", "-        statut: en cours", "+        statut: réalisée"]


def test_a_page_header_is_formatted_and_its_body_kept_byte_for_byte(content):
    page = content / "pages/edito.md"
    original = page.read_bytes()
    text = original.decode("utf-8")
    end = text.index("\n---\n", 3)
    body = text[end:]
    page.write_text("---\nordre: 2\nsignature: Jean-Marie CARAMIAUX, Maire d'Hersin-Coupigny\ntitre: Edito" + body, encoding="utf-8")
    report = formatting.format_folder(content, [page])
    assert report.rewritten == ["content/pages/edito.md"]
    assert page.read_bytes() == original  # « Edito » quoted again: a title, whatever it looks like


# --- identifiers -----------------------------------------------------------------------------------


NEW_ACTION = '      - texte: "Ouvrir une permanence d\'accès aux droits le samedi"\n'


def test_a_missing_action_id_is_created_and_its_address_published(content, capsys):
    regain = content / REGAIN
    replace_once(regain, "      - id: point-justice\n", NEW_ACTION + "      - id: point-justice\n")
    before = regain.read_text(encoding="utf-8")
    addresses = (content / "adresses.txt").read_text(encoding="utf-8")
    code, out, err = _format(content, capsys=capsys)
    assert code == 0, err
    after = regain.read_text(encoding="utf-8")
    assert after == before.replace(NEW_ACTION, "      - id: ouvrir-permanence-acces-droits-samedi\n" + NEW_ACTION.replace("- ", "  "))
    assert "mis en forme : content/quartiers/regain.yaml" in out
    assert "identifiant créé : ouvrir-permanence-acces-droits-samedi (action « Ouvrir une permanence" in out
    new = set((content / "adresses.txt").read_text(encoding="utf-8").splitlines()) - set(addresses.splitlines())
    assert len(new) == 2 and all(line.endswith("-ouvrir-permanence-acces-droits-samedi") for line in new)
    assert main(["--contenu", str(content), "check"]) == 0


def test_new_action_ids_are_unique_in_the_whole_folder(content):
    text = "Encourager l'implantation d'un Point Justice communautaire"
    derived = new_identifier(text, set())
    replace_once(
        content / REGAIN, "      - id: point-justice\n", f'      - id: {derived}\n        texte: "{text}"\n      - id: point-justice\n'
    )
    other = content / "quartiers/longuepierre-beclet.yaml"
    old = re.search(r"\n      - id: ", other.read_text(encoding="utf-8")).group(0)
    replace_once(other, old, f'\n      - texte: "{text}"' + old)
    report = formatting.format_folder(content)
    assert [c.identifier for c in report.created] == [f"{derived}-2"]


def test_existing_ids_are_never_changed(content):
    """An identifier is part of public addresses: a new text keeps it."""
    regain = content / REGAIN
    replace_once(regain, "Encourager l'implantation d'un Point Justice", "Ouvrir un Point Justice")
    before = regain.read_text(encoding="utf-8")
    report = formatting.format_folder(content)
    assert report.created == [] and regain.read_text(encoding="utf-8") == before
    assert "      - id: point-justice\n" in before


def test_a_missing_referentiel_id_is_created_from_the_title(content):
    referentiel = content / "referentiel.yaml"
    old = "          - id: acces-soins-premiere-necessite\n"
    replace_once(referentiel, old, '          - titre: "Renforcer le repérage des publics"\n' + old)
    report = formatting.format_folder(content)
    assert [(c.what, c.identifier) for c in report.created] == [("objectif", "renforcer-reperage-publics")]
    assert '          - id: renforcer-reperage-publics\n            titre: "Renforcer le repérage des publics"\n' in referentiel.read_text(
        encoding="utf-8"
    )


# --- what is left untouched -------------------------------------------------------------------------


def test_a_format_that_would_change_the_data_is_refused(content, monkeypatch, capsys):
    regain = content / REGAIN
    regain.write_text(decap_style(regain.read_text(encoding="utf-8")), encoding="utf-8")
    saved = regain.read_bytes()
    wrong = {"Le Regain": "Le Régain"}  # a formatter that would change one text
    monkeypatch.setattr(canonical, "_text", lambda value: canonical.DoubleQuotedScalarString(wrong.get(value, value)))
    code, _, err = _format(content, str(regain), capsys=capsys)
    assert code == 1 and regain.read_bytes() == saved
    assert (
        "content/quartiers/regain.yaml : la mise en forme changerait les données (champ « nom ») ; le fichier n'a pas été modifié." in err
    )


def test_an_invalid_file_is_left_untouched_with_the_french_error(content, capsys):
    regain, glossaire = content / REGAIN, content / "glossaire.yaml"
    regain.write_text(decap_style(regain.read_text(encoding="utf-8")).replace("statut: QPV", "statut: QPX"), encoding="utf-8")
    saved = regain.read_bytes()
    canonical_glossaire = glossaire.read_bytes()
    glossaire.write_text(decap_style(glossaire.read_text(encoding="utf-8")), encoding="utf-8")
    code, out, err = _format(content, capsys=capsys)
    assert code == 1
    assert regain.read_bytes() == saved and glossaire.read_bytes() == canonical_glossaire  # the valid file is formatted
    line = saved.decode("utf-8").splitlines().index("statut: QPX") + 1
    assert f"content/quartiers/regain.yaml:{line} : " in err and "(champ « statut », ligne" in err
    assert "valeur « QPX » non reconnue." in err and "Valeurs possibles : « QPV », « QIC », « QVA »." in err
    assert "Traceback" not in err and "1 fichier laissé tel quel." in err
    assert "mis en forme : content/glossaire.yaml" in out


def test_a_file_outside_the_folder_is_refused(content, tmp_path, capsys):
    stray = tmp_path / "ailleurs.yaml"
    stray.write_text("a: 1\n", encoding="utf-8")
    code, _, err = _format(content, str(stray), capsys=capsys)
    assert code == 1 and "ce n'est pas un fichier de contenu du dossier content." in err


# --- make check says it, make formater does it -------------------------------------------------------


def _cli(content: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros", "--contenu", str(content), *args], capture_output=True, text=True)


def test_check_notices_a_file_not_in_canonical_form_and_passes(content):
    regain = content / REGAIN
    regain.write_text(decap_style(regain.read_text(encoding="utf-8")), encoding="utf-8")
    result = _cli(content, "check")
    assert result.returncode == 0, result.stderr
    assert (
        "Note : content/quartiers/regain.yaml n'est pas dans sa forme canonique : lancez « make formater » "
        "(seule la présentation du fichier change)." in result.stdout
    )
    assert _cli(content, "check", "--forme").returncode == 1
    assert "forme canonique" not in _cli(SIGNED, "check").stdout


def test_make_formater_on_chosen_files(content):
    regain = content / REGAIN
    original = regain.read_bytes()
    regain.write_text(decap_style(original.decode("utf-8")), encoding="utf-8")
    env = {**os.environ, "CONVENTION_CONTENU": str(content)}
    run = ["make", "--no-print-directory", "formater", f"FICHIERS={regain}"]
    result = subprocess.run(run, cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "mis en forme : content/quartiers/regain.yaml\n" and regain.read_bytes() == original
    again = subprocess.run(["make", "--no-print-directory", "formater"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert again.stdout == "Tout le contenu est déjà dans sa forme canonique.\n"


# --- the rules, on small files ------------------------------------------------------------------------


def test_the_model_decides_quotes_not_the_value():
    text = (
        "# en tête\n"
        "portrait:\n"
        '- valeurs:\n  - valeur: "40.1"\n    indicateur: "2024"\n  - {indicateur: suivi-2024, valeur: 3}\n'
        '  annee: "2022"\n  source: Données\n'
        "id: regain  # en fin de ligne\n"
        'irritants: [a, "b c"]\n'
        "opportunites: []\n"
    )
    assert canonical.canonical_yaml(canonical.load_tree(text), Quartier, None) == (
        "# en tête\n"
        "id: regain  # en fin de ligne\n"
        "portrait:\n"
        '  - annee: 2022\n    source: "Données"\n    valeurs:\n'
        '      - indicateur: "2024"\n        valeur: 40.1\n'  # an identifier YAML would read as a number: quoted
        "      - indicateur: suivi-2024\n        valeur: 3\n"
        'irritants:\n  - "a"\n  - "b c"\n'
        "opportunites: []\n"
    )


def test_texts_dates_and_enums():
    text = 'instances:\n- decisions:\n  - "oui"\n  date: "2025-03-01"\n  type: comité de pilotage\n  intitule: >-\n    long\n    texte\n'
    assert canonical.canonical_yaml(canonical.load_tree(text), Instances, "schemas/instances.schema.json") == (
        "# yaml-language-server: $schema=schemas/instances.schema.json\n"
        "instances:\n"
        '  - type: comité de pilotage\n    date: 2025-03-01\n    intitule: "long texte"\n    decisions:\n      - "oui"\n'
    )
    text = 'termes:\n- definition: "Un\\ntexte\\n"\n  terme: oui\n- definition: "Deux\\n\\nparagraphes"\n  terme: QPV\n'
    assert canonical.canonical_yaml(canonical.load_tree(text), Glossaire, None) == (
        'termes:\n  - terme: "oui"\n    definition: |\n      Un\n      texte\n'
        '  - terme: "QPV"\n    definition: |-\n      Deux\n\n      paragraphes\n'
    )
    assert [canonical.reads_as_text(v) for v in ("en cours", "à engager", "QN06207M", "2024", "yes", "null", "2024-03-01", "a: b")] == [
        True,
        True,
        True,
        False,
        False,
        False,
        False,
        False,
    ]


def test_the_spreadsheet_import_writes_in_canonical_form(content, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["--contenu", str(content), "exporter-actions", "actions.csv"]) == 0
    lines = (tmp_path / "actions.csv").read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(";")
    row = lines[1].split(";")
    row[header.index("statut")] = "à engager"
    row[header.index("nouveau_suivi_date")], row[header.index("nouveau_suivi_texte")] = "2025-03-01", "Réunion de lancement"
    (tmp_path / "actions.csv").write_text("\n".join([lines[0], ";".join(row)]) + "\n", encoding="utf-8-sig")
    assert main(["--contenu", str(content), "importer-actions", "actions.csv", "--date", "2025-02-01"]) == 0, capsys.readouterr().err
    assert "statut: à engager" in (content / REGAIN).read_text(encoding="utf-8")
    assert formatting.format_folder(content, write=False).rewritten == []


def test_a_real_save_of_the_form_editor_formats_to_only_its_changes(content):
    """tests/fixtures/decap/: regain.yaml as Decap CMS 3.16.3 saved it (an action's text and statut
    changed, an action added): folded texts, dropped quotes and schema line, `actions: []`. Once
    formatted, the file differs from the signed one by the lines that changed, nothing else."""
    regain = content / REGAIN
    original = regain.read_text(encoding="utf-8").splitlines()
    shutil.copy(ROOT / "tests/fixtures/decap/regain-enregistre-par-decap.yaml", regain)
    assert formatting.format_folder(content, [regain]).rewritten
    changed = [
        line
        for line in difflib.unified_diff(original, regain.read_text(encoding="utf-8").splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed == [
        "-        texte: \"Encourager l'implantation d'un Point Justice communautaire dans le quartier\"",
        "+        texte: \"Encourager l'implantation d'un Point Justice communautaire au cœur du quartier\"",
        "+        statut: en cours",
        "+      - id: organiser-permanence-mensuelle-ecrivain-public",
        '+        texte: "Organiser une permanence mensuelle d\'écrivain public à la mairie annexe"',
    ]
