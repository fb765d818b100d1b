"""Each class of bad input gets a French message naming file, line and field."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros.errors import ContentErrors
from macros.loader import load_convention
from tests.support.sitebuild import build_site, SIGNED

CONTENT = SIGNED
REGAIN = "quartiers/regain.yaml"


@pytest.fixture
def content(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def edit(content: Path, rel: str, old: str, new: str) -> int:
    """Replace the first `old` in a content file; return its line number (1-based)."""
    path = content / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


def problems(content: Path):
    with pytest.raises(ContentErrors) as info:
        load_convention(content)
    return info.value.problems


def only(found, file_suffix):
    matching = [p for p in found if p.file.endswith(file_suffix)]
    assert matching, found
    return matching


def test_yaml_syntax_error(content):
    line = edit(content, REGAIN, "statut: QPV", "statut: [QPV")
    [p] = problems(content)
    assert p.file.endswith(REGAIN) and p.line in (line, line + 1)
    assert "syntaxe YAML invalide" in p.message


def test_duplicate_key(content):
    line = edit(content, REGAIN, "statut: QPV\n", "statut: QPV\nstatut: QIC\n")
    [p] = problems(content)
    assert (p.line, p.field) == (line + 1, "statut")
    assert "clé en double" in p.message and f"ligne {line}" in p.message


def test_unknown_objective_with_suggestion(content):
    line = edit(content, REGAIN, "objectif: harcelement-scolaire", "objectif: harcelement-scolair")
    [p] = problems(content)
    assert p.line == line and p.field.endswith(".objectif")
    assert "inconnu du référentiel" in p.message
    assert p.hint == "Vouliez-vous dire « harcelement-scolaire » ?"


def test_wrong_type(content):
    line = edit(content, "contrat.yaml", 'insee: "62443"', "insee: 62443")
    [p] = problems(content)
    assert (p.line, p.field) == (line, "commune.insee")
    assert p.message == "un texte est attendu, pas un nombre."
    assert p.hint == "Mettez la valeur entre guillemets."


def test_decimal_comma_is_explained(content):
    line = edit(content, REGAIN, "valeur: 40.1", "valeur: 40,1")
    [p] = problems(content)
    assert p.line == line and "40.1" in p.hint


def test_out_of_range_percentage(content):
    line = edit(content, REGAIN, "valeur: 33\n", "valeur: 133\n")
    [p] = problems(content)
    assert p.line == line and p.field.endswith(".valeur")
    assert "entre 0 et 100" in p.message


def test_missing_field(content):
    edit(content, REGAIN, 'nom: "Le Regain"\n', "")
    [p] = problems(content)
    assert p.field == "nom" and p.message == "champ obligatoire manquant."


def test_unknown_key_suggests_the_right_one(content):
    line = edit(content, REGAIN, "irritants:", "iritants:")
    [p] = problems(content)
    assert (p.line, p.field) == (line, "iritants")
    assert p.hint == "Vouliez-vous dire « irritants » ?"


def test_empty_file(content):
    (content / REGAIN).write_text("# rien\n", encoding="utf-8")
    [p] = problems(content)
    assert p.message == "le fichier est vide." and p.line == 1


def test_non_utf8_file(content):
    path = content / REGAIN
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("latin-1", errors="replace"))
    [p] = problems(content)
    assert "UTF-8" in p.message and p.line is not None and p.line > 1


def test_values_never_change_type_behind_the_editor(content):
    # `NO` or 12:30 stay text; an unquoted NO where a boolean is expected is an error, not False
    line = edit(content, REGAIN, "environ: true", "environ: NO")
    [p] = problems(content)
    assert p.line == line and "true" in p.message


def test_windows_file_with_bom_and_crlf_loads(content):
    path = content / REGAIN
    path.write_bytes(b"\xef\xbb\xbf" + path.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
    convention = load_convention(content)
    assert convention.quartier("regain").nom == "Le Regain"


def test_all_errors_reported_at_once(content):
    edit(content, REGAIN, "irritants:", "iritants:")
    edit(content, "quartiers/longuepierre-beclet.yaml", "objectif: harcelement-scolaire", "objectif: inexistant")
    edit(content, "contrat.yaml", 'insee: "62443"', "insee: 62443")
    found = problems(content)
    assert len(found) == 3
    assert {Path(p.file).name for p in found} == {"regain.yaml", "longuepierre-beclet.yaml", "contrat.yaml"}


def test_check_command_prints_french_report_without_traceback(content):
    edit(content, REGAIN, "irritants:", "iritants:")
    result = subprocess.run([sys.executable, "-m", "macros", "--contenu", str(content), "check"], capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "regain.yaml:" in result.stderr and "Vouliez-vous dire « irritants »" in result.stderr


def test_site_build_stops_with_the_same_messages(content, tmp_path):
    edit(content, REGAIN, "irritants:", "iritants:")
    check = subprocess.run([sys.executable, "-m", "macros", "--contenu", str(content), "check"], capture_output=True, text=True)
    result = build_site(tmp_path / "site", content_dir=content)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    report = [line for line in check.stderr.splitlines() if line.startswith(("- ", "    →"))]
    assert report and all(line in output for line in report)
    assert not (tmp_path / "site" / "index.html").exists()


def test_build_command_keeps_published_site_on_failure(content, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("ancienne version", encoding="utf-8")
    edit(content, REGAIN, "irritants:", "iritants:")
    result = subprocess.run([sys.executable, "-m", "macros", "--contenu", str(content), "build", "--site", str(site)], capture_output=True, text=True)
    assert result.returncode == 1
    assert (site / "index.html").read_text(encoding="utf-8") == "ancienne version"
    assert "reste inchangé" in result.stderr
