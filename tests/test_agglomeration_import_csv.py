"""CSV round trip on an agglomeration folder: the « commune » column sends each statut to its
commune's quartier file, in place; errors name the file, row and column."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from macros import cli
from macros.reading.site import load_agglomeration
from tests.support.sitebuild import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "agglomeration"
IMPORT_DAY = "2025-04-01"


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)  # file names in messages are relative to where staff run make
    return Path(shutil.copytree(FIXTURE, tmp_path / "agglo"))


def run(capsys, folder: Path, *args: str) -> tuple[int, str, str]:
    if args[0] == "importer-actions":
        args = (*args, "--date", IMPORT_DAY)
    code = cli.main(["--contenu", str(folder), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def read(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline=""), delimiter=";"))


def write(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def exported(capsys, folder: Path, target: Path) -> list[list[str]]:
    code, out, err = run(capsys, folder, "exporter-actions", str(target))
    assert code == 0, err
    assert "communes exportées" in out and "make importer-actions" in out
    return read(target)


def row_of(rows, commune, quartier, action):
    header = rows[0]
    return next(
        r
        for r in rows[1:]
        if (r[header.index("commune")], r[header.index("quartier")], r[header.index("action")]) == (commune, quartier, action)
    )


def test_export_has_the_commune_column_and_every_communes_actions(capsys, folder, tmp_path):
    rows = exported(capsys, folder, tmp_path / "actions.csv")
    assert rows[0][:3] == ["commune", "quartier", "quartier_nom"]
    assert rows[0][-2:] == ["nouveau_suivi_date", "nouveau_suivi_texte"]
    agglomeration = load_agglomeration(folder, folder.parent)
    assert len(rows) - 1 == sum(len(c.convention.actions()) for c in agglomeration.communes)
    url = row_of(rows, "valmont-sur-test", "le-moulin", "lampadaires")[rows[0].index("url")]
    site = agglomeration.meta.publication.url.rstrip("/")  # the address agglomeration.yaml gives the site
    assert url == f"{site}/quartiers/le-moulin/#valmont-sur-test--action-lampadaires"


def test_import_writes_each_statut_into_its_communes_quartier_file_in_place(capsys, folder, tmp_path):
    table = tmp_path / "actions.csv"
    rows = exported(capsys, folder, table)
    header = rows[0]
    valmont = row_of(rows, "valmont-sur-test", "le-moulin", "lampadaires")
    rivebelle = row_of(rows, "rivebelle-les-test", "le-moulin", "eclairage-passerelle")
    valmont[header.index("statut")] = "en cours"
    rivebelle[header.index("statut")] = "réalisée"
    write(table, rows)
    before = snapshot(folder)

    code, out, err = run(capsys, folder, "importer-actions", str(table))
    assert code == 0, err
    after = snapshot(folder)
    changed = sorted(path for path in after if after[path] != before[path])
    assert changed == ["communes/rivebelle-les-test/quartiers/le-moulin.yaml", "communes/valmont-sur-test/quartiers/le-moulin.yaml"]
    assert "agglo/communes/valmont-sur-test/quartiers/le-moulin.yaml" in out and "2 actions mises à jour" in out
    for path in changed:  # only the statut lines are new: comments and order kept
        old, new = before[path].decode().splitlines(), after[path].decode().splitlines()
        assert [line for line in new if line not in old] and all(
            line.strip().startswith(("statut", "statut_date")) for line in new if line not in old
        )
    agglomeration = load_agglomeration(folder, folder.parent)
    statuts = {
        (c.id, a.id): (a.statut, a.statut_date.isoformat() if a.statut_date else None)
        for c in agglomeration.communes
        for q, _, a in c.convention.actions()
        if q.id == "le-moulin"
    }
    assert statuts[("valmont-sur-test", "lampadaires")] == ("en cours", IMPORT_DAY)
    assert statuts[("rivebelle-les-test", "eclairage-passerelle")] == ("réalisée", IMPORT_DAY)

    code, out, _ = run(capsys, folder, "importer-actions", str(table))  # the same file again: nothing to do
    assert code == 0 and "Aucun changement" in out


def test_unknown_commune_and_action_of_another_commune_are_named_by_row_and_column(capsys, folder, tmp_path):
    table = tmp_path / "actions.csv"
    rows = exported(capsys, folder, table)
    header = rows[0]
    # an action of Rivebelle's quartier said to be Valmont's
    other = row_of(rows, "rivebelle-les-test", "le-moulin", "eclairage-passerelle")
    typo = rows[-1]
    typo[header.index("commune")] = "valmont-sur-tset"
    other[header.index("commune")] = "valmont-sur-test"
    other[header.index("statut")] = "en cours"
    number = rows.index(other) + 1
    write(table, rows)
    before = snapshot(folder)

    code, _, err = run(capsys, folder, "importer-actions", str(table))
    assert code == 1
    assert f"actions.csv, ligne {len(rows)}, colonne « commune » : commune « valmont-sur-tset » inconnue." in err
    assert "Vouliez-vous dire « valmont-sur-test » ?" in err
    assert (
        f"actions.csv, ligne {number}, colonne « action » : action « eclairage-passerelle » inconnue dans le quartier « le-moulin » "
        "de la commune « valmont-sur-test »"
    ) in err
    assert "cette action est celle de la commune « rivebelle-les-test » : vérifiez la colonne « commune »" in err
    assert "aucun fichier de contenu n'a été modifié" in err and "Traceback" not in err
    assert snapshot(folder) == before


def test_a_file_without_the_commune_column_is_refused(capsys, folder, tmp_path):
    table = tmp_path / "actions.csv"
    rows = exported(capsys, folder, table)
    write(table, [row[1:] for row in rows])
    code, _, err = run(capsys, folder, "importer-actions", str(table))
    assert code == 1 and "ligne 1, colonne « commune » : colonne obligatoire manquante." in err
    assert "« commune », « quartier », « action » et « statut »" in err
