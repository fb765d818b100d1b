"""`make formater`: every content file in one repository format, whoever saved it (a text
editor, the form editor, a spreadsheet import); identifiers created for what staff add."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from macros.domain.identifiers import MAX_LENGTH, new_identifier
from tests.support.sitebuild import ROOT

CASES = json.loads((ROOT / "tests/fixtures/identifiants.json").read_text(encoding="utf-8"))["cas"]


@pytest.mark.parametrize("case", CASES, ids=[c["texte"][:40] for c in CASES])
def test_new_identifier(case):
    """The same cases as the form's JavaScript test: both derive the same identifier."""
    found = new_identifier(case["texte"], set(case["pris"]), case.get("genre", "action"))
    assert found == case["attendu"]
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", found) and found not in case["pris"]
    assert len(new_identifier(case["texte"], set())) <= MAX_LENGTH
