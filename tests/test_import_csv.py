"""CSV round trip of the actions: `convention exporter-actions`, edit in a spreadsheet,
`convention importer-actions`; run on a copy of content/ in tmp_path."""

from __future__ import annotations

import csv
import difflib
import io
import re
import shutil
from pathlib import Path

import pytest

from macros import cli
from macros.reading.loader import load_convention
from tests.support.sitebuild import ROOT, SIGNED


@pytest.fixture
def content(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(SIGNED, target)
    return target


def snapshot(content: Path) -> dict[str, bytes]:
    return {p.relative_to(content).as_posix(): p.read_bytes() for p in sorted(content.rglob("*")) if p.is_file()}


IMPORT_DAY = "2025-04-01"  # the import dates the statuts it changes: a fixed day, not the clock


def run(capsys, content: Path, *args: str) -> tuple[int, str, str]:
    if args and args[0] == "importer-actions" and "--date" not in args:
        args = (*args, "--date", IMPORT_DAY)
    code = cli.main(["--contenu", str(content), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def export(capsys, content: Path, target: Path) -> list[list[str]]:
    code, out, err = run(capsys, content, "exporter-actions", str(target))
    assert code == 0, err
    assert "204 actions exportées" in out
    return read(target)


def read(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline=""), delimiter=";"))


def write(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> None:
    """As a spreadsheet saves it: « ; », CRLF, quotes where needed."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


def find(rows: list[list[str]], quartier: str, action: str) -> list[str]:
    header = rows[0]
    return next(r for r in rows[1:] if r[header.index("quartier")] == quartier and r[header.index("action")] == action)


def set_cell(rows, quartier, action, column, value) -> None:
    find(rows, quartier, action)[rows[0].index(column)] = value


def changed_lines(before: dict[str, bytes], after: dict[str, bytes]) -> dict[str, list[str]]:
    """git-style diff: file → its added (+) and removed (-) lines."""
    result = {}
    for name in sorted(set(before) | set(after)):
        if before.get(name) == after.get(name):
            continue
        old = before.get(name, b"").decode("utf-8").splitlines()
        new = after.get(name, b"").decode("utf-8").splitlines()
        result[name] = [
            line for line in difflib.unified_diff(old, new, lineterm="", n=0) if line[:1] in "+-" and not line.startswith(("+++", "---"))
        ]
    return result


def test_round_trip_changes_exactly_the_two_edited_statuts(capsys, content, tmp_path):
    table = tmp_path / "actions.csv"
    rows = export(capsys, content, table)
    assert rows[0][-2:] == ["nouveau_suivi_date", "nouveau_suivi_texte"]
    before = snapshot(content)
    set_cell(rows, "regain", "point-justice", "statut", "en cours")
    set_cell(rows, "cite-10-fond-de-sains", "point-justice", "statut", "Réalisée")  # the spreadsheet capitalised it
    write(table, rows)

    code, out, err = run(capsys, content, "importer-actions", str(table))
    assert code == 0, err
    assert "2 actions mises à jour" in out
    assert "statut « non renseigné » → « en cours »" in out
    diff = changed_lines(before, snapshot(content))
    assert diff == {
        "quartiers/cite-10-fond-de-sains.yaml": ["+        statut: réalisée", f"+        statut_date: {IMPORT_DAY}"],
        "quartiers/regain.yaml": ["+        statut: en cours", f"+        statut_date: {IMPORT_DAY}"],
    }
    regain = snapshot(content)["quartiers/regain.yaml"].decode().split("\n")
    at = regain.index("      - id: point-justice")
    assert regain[at + 2] == "        statut: en cours", "le statut suit le texte de l'action"
    assert regain[at + 3] == f"        statut_date: {IMPORT_DAY}", "puis la date du constat"
    convention = load_convention(content)
    statuts = {(q.id, a.id): a.statut for q, _, a in convention.actions()}
    assert statuts[("regain", "point-justice")] == "en cours"
    assert statuts[("cite-10-fond-de-sains", "point-justice")] == "réalisée"
    assert sum(1 for s in statuts.values() if s) == 2

    # the same file again changes nothing
    again = snapshot(content)
    code, out, _ = run(capsys, content, "importer-actions", str(table))
    assert code == 0 and "Aucun changement" in out
    assert snapshot(content) == again


def test_changing_and_clearing_a_statut_and_adding_dated_updates(capsys, content, tmp_path):
    table = tmp_path / "actions.csv"
    rows = export(capsys, content, table)
    set_cell(rows, "regain", "point-justice", "statut", "en cours")
    set_cell(rows, "regain", "campagnes-acces-droit", "statut", "à engager")
    write(table, rows)
    assert run(capsys, content, "importer-actions", str(table))[0] == 0

    rows = export(capsys, content, table)
    before = snapshot(content)
    set_cell(rows, "regain", "point-justice", "statut", "réalisée")
    set_cell(rows, "regain", "point-justice", "nouveau_suivi_date", "12/03/2025")  # as French Excel writes dates
    set_cell(rows, "regain", "point-justice", "nouveau_suivi_texte", 'Première permanence ; salle « B », dite "annexe"')
    set_cell(rows, "regain", "campagnes-acces-droit", "statut", "")
    set_cell(rows, "longuepierre-beclet", "point-justice", "nouveau_suivi_date", "2025-01-20")
    set_cell(rows, "longuepierre-beclet", "point-justice", "nouveau_suivi_texte", "Réunion de lancement.")
    write(table, rows)
    code, _out, err = run(capsys, content, "importer-actions", str(table))
    assert code == 0, err
    assert changed_lines(before, snapshot(content)) == {
        "quartiers/longuepierre-beclet.yaml": [
            "+        suivi:",
            "+          - date: 2025-01-20",
            '+            texte: "Réunion de lancement."',
        ],
        "quartiers/regain.yaml": [
            "-        statut: en cours",
            "+        statut: réalisée",
            "+        suivi:",
            "+          - date: 2025-03-12",
            '+            texte: "Première permanence ; salle « B », dite \\"annexe\\""',
            "-        statut: à engager",
            f"-        statut_date: {IMPORT_DAY}",
        ],
    }
    action = next(a for q, _, a in load_convention(content).actions() if (q.id, a.id) == ("regain", "point-justice"))
    assert action.suivi[-1].texte == 'Première permanence ; salle « B », dite "annexe"'

    # a second update goes after the first, at the same indentation
    rows = export(capsys, content, table)
    assert find(rows, "regain", "point-justice")[rows[0].index("derniere_mise_a_jour")] == "2025-03-12"
    set_cell(rows, "regain", "point-justice", "nouveau_suivi_date", "2025-06-30")
    set_cell(rows, "regain", "point-justice", "nouveau_suivi_texte", "Dixième permanence.")
    write(table, rows)
    before = snapshot(content)
    assert run(capsys, content, "importer-actions", str(table))[0] == 0
    assert changed_lines(before, snapshot(content)) == {
        "quartiers/regain.yaml": ["+          - date: 2025-06-30", '+            texte: "Dixième permanence."'],
    }


def test_a_changed_statut_is_dated_by_the_file_or_the_day_of_import(capsys, content, tmp_path):
    table = tmp_path / "actions.csv"
    rows = export(capsys, content, table)
    assert rows[0].index("statut_date") == rows[0].index("statut") + 1
    set_cell(rows, "regain", "point-justice", "statut", "en cours")
    set_cell(rows, "regain", "point-justice", "statut_date", "15/01/2025")  # as French Excel writes dates
    write(table, rows)
    code, out, err = run(capsys, content, "importer-actions", str(table))
    assert code == 0, err
    assert "statut daté du 15 janvier 2025" in out
    action = lambda: next(a for q, _, a in load_convention(content).actions() if (q.id, a.id) == ("regain", "point-justice"))  # noqa: E731
    assert action().statut_date.isoformat() == "2025-01-15"

    # a new statut with the date cell left as exported: the day of the import
    rows = export(capsys, content, table)
    assert find(rows, "regain", "point-justice")[rows[0].index("statut_date")] == "2025-01-15"
    set_cell(rows, "regain", "point-justice", "statut", "réalisée")
    write(table, rows)
    before = snapshot(content)
    assert run(capsys, content, "importer-actions", str(table))[0] == 0
    assert changed_lines(before, snapshot(content)) == {
        "quartiers/regain.yaml": [
            "-        statut: en cours",
            "-        statut_date: 2025-01-15",
            "+        statut: réalisée",
            f"+        statut_date: {IMPORT_DAY}",
        ]
    }

    # only the date corrected: only its line changes
    rows = export(capsys, content, table)
    set_cell(rows, "regain", "point-justice", "statut_date", "2025-02-01")
    set_cell(rows, "regain", "campagnes-acces-droit", "statut_date", "pas de date")
    write(table, rows)
    code, _, err = run(capsys, content, "importer-actions", str(table))
    assert code == 1 and "colonne « statut_date » : date invalide « pas de date »" in err
    set_cell(rows, "regain", "campagnes-acces-droit", "statut_date", "")
    write(table, rows)
    before = snapshot(content)
    assert run(capsys, content, "importer-actions", str(table))[0] == 0
    assert changed_lines(before, snapshot(content)) == {
        "quartiers/regain.yaml": [f"-        statut_date: {IMPORT_DAY}", "+        statut_date: 2025-02-01"]
    }


def test_import_keeps_crlf_comments_and_quoting(capsys, content, tmp_path):
    path = content / "quartiers" / "regain.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "      - id: point-justice\n        texte: \"Encourager l'implantation d'un Point Justice communautaire dans le quartier\"\n",
        "      - id: point-justice\n        texte: \"Encourager l'implantation d'un Point Justice communautaire dans le quartier\"\n"
        "        statut: 'en cours'   # revu en comité\n        suivi: []\n",
    )
    assert "revu en comité" in text
    path.write_bytes(text.rstrip("\n").replace("\n", "\r\n").encode("utf-8"))  # Windows editor, no final line break
    table = tmp_path / "actions.csv"
    rows = export(capsys, content, table)
    set_cell(rows, "regain", "point-justice", "statut", "réalisée")
    set_cell(rows, "regain", "point-justice", "nouveau_suivi_date", "2025-02-01")
    set_cell(rows, "regain", "point-justice", "nouveau_suivi_texte", "Local trouvé.")
    last = rows[0].index("statut")
    last_action = [r for r in rows[1:] if r[0] == "regain"][-1]
    last_action[last] = "en cours"  # the last action of the file, which has no final line break
    write(table, rows)
    before = path.read_bytes()
    code, _, err = run(capsys, content, "importer-actions", str(table))
    assert code == 0, err
    after = path.read_bytes()
    assert after.count(b"\n") == after.count(b"\r\n"), "fins de ligne CRLF conservées"
    old_lines = before.decode().split("\r\n")
    new_lines = after.decode().split("\r\n")
    assert "        statut: 'réalisée'   # revu en comité" in new_lines
    at = new_lines.index("        suivi:")
    assert new_lines[at + 1 : at + 3] == ["          - date: 2025-02-01", '            texte: "Local trouvé."']
    assert new_lines[at - 1] == f"        statut_date: {IMPORT_DAY}", "la date suit le statut"
    assert new_lines[-2:] == ["        statut: en cours", f"        statut_date: {IMPORT_DAY}"]
    assert not after.endswith(b"\n"), "toujours sans saut de ligne final"
    removed = [line for line in difflib.ndiff(old_lines, new_lines) if line.startswith("- ")]
    assert removed == ["-         statut: 'en cours'   # revu en comité", "-         suivi: []"]
    assert load_convention(content)


def test_errors_are_all_reported_in_french_by_row_and_column_and_nothing_is_written(capsys, content, tmp_path):
    table = tmp_path / "actions.csv"
    rows = export(capsys, content, table)
    before = snapshot(content)
    header = rows[0]
    rows.append(list(rows[1]))  # the same action twice
    rows[1][header.index("statut")] = "realisee"
    rows[2][header.index("quartier")] = "regian"
    rows[3][header.index("action")] = "point-justic"
    rows[4][header.index("nouveau_suivi_date")] = "31/02/2025"
    rows[4][header.index("nouveau_suivi_texte")] = "x"
    rows[5][header.index("nouveau_suivi_texte")] = "sans date"
    write(table, rows)
    code, out, err = run(capsys, content, "importer-actions", str(table))
    assert code == 1 and out == ""
    assert "Traceback" not in err
    assert err.startswith("L'import comporte 6 erreurs ; aucun fichier de contenu n'a été modifié.")
    assert "actions.csv, ligne 2, colonne « statut » : valeur « realisee » non reconnue." in err
    assert "Vouliez-vous dire « réalisée » ?" in err
    assert "actions.csv, ligne 3, colonne « quartier » : quartier « regian » inconnu." in err
    assert "Vouliez-vous dire « regain » ?" in err
    assert "actions.csv, ligne 4, colonne « action » : action « point-justic » inconnue dans le quartier « regain »." in err
    assert "actions.csv, ligne 5, colonne « nouveau_suivi_date » : date invalide « 31/02/2025 »." in err
    assert "actions.csv, ligne 6, colonne « nouveau_suivi_date » : date du point de suivi manquante." in err
    assert (
        f"actions.csv, ligne {len(rows)}, colonne « action » : l'action « point-justice » du quartier « regain » figure déjà ligne 2."
        in err
    )
    assert snapshot(content) == before


def test_missing_column_is_named(capsys, content, tmp_path):
    table = tmp_path / "actions.csv"
    rows = export(capsys, content, table)
    column = rows[0].index("statut")
    write(table, [[c for i, c in enumerate(r) if i != column] for r in rows])
    code, _, err = run(capsys, content, "importer-actions", str(table))
    assert code == 1
    assert "actions.csv, ligne 1, colonne « statut » : colonne obligatoire manquante." in err


def test_file_not_in_utf8_names_row_and_column(capsys, content, tmp_path):
    table = tmp_path / "actions.csv"
    rows = export(capsys, content, table)
    set_cell(rows, "regain", "point-justice", "statut", "réalisée")
    write(table, rows, encoding="cp1252")  # « CSV (séparateur : point-virgule) » of an old Excel
    before = snapshot(content)
    code, _, err = run(capsys, content, "importer-actions", str(table))
    assert code == 1 and "Traceback" not in err
    # the header and the other rows are ASCII-free too (accents in titles): every bad row is listed
    assert "actions.csv, ligne 2, colonne « objectif_titre » : le fichier n'est pas encodé en UTF-8" in err
    assert "UTF-8" in err.split("→", 1)[1]
    assert err.count("caractère illisible") == 5 and "autres lignes illisibles" in err, "quelques exemples, pas 200 lignes"
    assert snapshot(content) == before


def test_invalid_content_is_reported_before_anything_is_written(capsys, content, tmp_path):
    table = tmp_path / "actions.csv"
    rows = export(capsys, content, table)
    set_cell(rows, "regain", "point-justice", "statut", "en cours")
    write(table, rows)
    path = content / "quartiers" / "longuepierre-beclet.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("statut: QIC", "statut: QIX"), encoding="utf-8")
    before = snapshot(content)
    code, _, err = run(capsys, content, "importer-actions", str(table))
    assert code == 1 and "Traceback" not in err
    assert "longuepierre-beclet.yaml" in err and "QIX" in err
    assert snapshot(content) == before


def test_edits_that_would_break_the_content_are_not_written(content, monkeypatch, tmp_path):
    """The loader runs on the edited copy; if it fails, the real files stay as they were."""
    from macros.data import action_edits, actions_import

    table = tmp_path / "actions.csv"
    assert cli.main(["--contenu", str(content), "exporter-actions", str(table)]) == 0
    rows = read(table)
    set_cell(rows, "regain", "point-justice", "statut", "en cours")
    write(table, rows)
    original = action_edits.edit

    def breaking_edit(source, changes):
        return original(source, changes).replace(b"statut: QPV", b"statut: QPX")

    monkeypatch.setattr(actions_import, "edit", breaking_edit)
    before = snapshot(content)
    with pytest.raises(actions_import.ImportErrors) as raised:
        actions_import.import_actions(table, content)
    assert "QPX" in str(raised.value) and "aucun fichier de contenu n'a été modifié" in str(raised.value)
    assert snapshot(content) == before


def test_export_names_the_make_command_staff_can_run(capsys, content, tmp_path):
    target = tmp_path / "actions.csv"
    code, out, _ = run(capsys, content, "exporter-actions", str(target))
    assert code == 0
    assert f"make importer-actions FICHIER={target}" in out
    assert "convention importer-actions" not in out


def test_every_command_named_to_staff_exists():
    """Messages name `make <cible>` (staff have no `convention` on their PATH): each target exists."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, flags=re.M))
    named = set()
    for path in (ROOT / "macros").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        named |= set(re.findall(r"« make ([a-z][a-z-]*)", text)) | set(re.findall(r"\"make ([a-z][a-z-]*)", text))
        named |= set(re.findall(r"puis : make ([a-z][a-z-]*)", text))
        assert not re.findall(r"« convention [a-z]", text), path.name
    assert named and named <= targets, named - targets
