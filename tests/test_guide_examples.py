"""The editors' guide's own examples work: each ```yaml example of content/README.md, put where
the guide says, leaves content that passes `convention check`, and all of them together build in
strict mode. They are applied to the frozen signed convention (tests/fixtures), so that staff
edits of content/ never make this test fail."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros.reading.errors import ContentErrors
from macros.reading.loader import load_convention
from tests.support.guide_examples import apply, chain, examples
from tests.support.sitebuild import LIVING, ROOT, SIGNED

CONVENTION = Path(sys.executable).with_name("convention")
GUIDE = (LIVING / "README.md").read_text(encoding="utf-8")
EXAMPLES, UNPLACED = examples(GUIDE)


def test_every_yaml_example_says_where_it_goes():
    assert UNPLACED == [], (
        f"exemples YAML sans commentaire « <!-- exemple : fichier, … --> » juste avant, lignes de content/README.md : {UNPLACED}"
    )
    assert len(EXAMPLES) >= 8


@pytest.mark.parametrize("example", EXAMPLES, ids=str)
def test_each_example_leaves_valid_content(example, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SIGNED, content)
    target = content / example.file
    for earlier in chain(EXAMPLES, example)[:-1]:
        apply(earlier, content)
    before = target.read_text(encoding="utf-8") if target.exists() else None
    apply(example, content)
    assert target.read_text(encoding="utf-8") != before, f"{example} : l'exemple ne change rien"
    try:
        load_convention(content)
    except ContentErrors as errors:
        pytest.fail(f"{example} :\n{errors}")


def test_all_examples_together_build_in_strict_mode(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SIGNED, content)
    for example in EXAMPLES:
        apply(example, content)
    result = subprocess.run(
        [str(CONVENTION), "--contenu", str(content), "build", "--site", str(tmp_path / "site")], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
