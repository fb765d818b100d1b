"""Macros staff may call in a narrative page (content/pages/*.md): a line that holds only
`{{ indicateur("taux-emploi") }}` shows live figures from the content there.

Only these calls are recognised, alone on their line, with literal arguments (text between
quotes, whole numbers): nothing else is ever evaluated, and any other `{{ }}` stays text, as
before. Parsing only: the reader checks the identifiers (reading/evaluation_checks.py), the
templates render each macro (macros/templates/macro_*.md.j2).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

# name → (parameters, how many are required), as staff write them
MACROS: dict[str, tuple[tuple[str, ...], int]] = {
    "indicateur": (("identifiant",), 1),
    "actions": (("quartier", "statut"), 1),
    "chiffres_annee": (("annee",), 1),
    "comites": ((), 0),
}

_CALL = re.compile(r"^[ \t]*\{\{\s*(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*\((?P<args>[^\n]*)\)\s*\}\}[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Call:
    name: str
    args: tuple  # literal values (str, int)
    line: int  # in the body, from 1
    error: str | None = None  # why the call cannot be read (French), checked by the reader


@dataclass(frozen=True)
class Part:
    text: str = ""
    call: Call | None = None


def _arguments(text: str) -> tuple[tuple, str | None]:
    if not text.strip():
        return (), None
    try:
        value = ast.literal_eval(f"({text},)")
    except (ValueError, SyntaxError):
        return (
            (),
            'les valeurs s\'écrivent entre guillemets droits ("…") pour un texte, en chiffres pour une année, séparées par des virgules',
        )
    if not all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in value):
        return (), "seuls des textes entre guillemets et des nombres entiers sont acceptés"
    return tuple(value), None


def calls(body: str) -> list[Call]:
    found = []
    for match in _CALL.finditer(body):
        args, error = _arguments(match.group("args"))
        found.append(Call(match.group("name"), args, body.count("\n", 0, match.start()) + 1, error))
    return found


def parts(body: str) -> list[Part]:
    """The body as text and calls, in order; a body without calls is one text part, unchanged."""
    result, last = [], 0
    for match, call in zip(_CALL.finditer(body), calls(body)):
        result.append(Part(body[last : match.start()]))
        result.append(Part(call=call))
        last = match.end()
    result.append(Part(body[last:]))
    return [p for p in result if p.call is not None or p.text] if len(result) > 1 else result
