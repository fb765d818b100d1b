"""In-place edits of a quartier file: set an action's `statut` (and the date it was recorded,
`statut_date`), append a `suivi` entry.

Only the lines that carry the change are touched; every other byte of the
file (comments, order, quoting, line endings) stays as it was. After the
edit the file is parsed again and must hold exactly the expected data,
otherwise nothing is written (EditError).
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass

from macros.reading.yaml_locations import ActionLocation, QuartierSource
from macros.reading.yaml_source import decode, parse_yaml


@dataclass(frozen=True)
class ActionChange:
    quartier: str
    action: str
    row: int  # row of the spreadsheet the change comes from
    set_statut: bool = False
    statut: str | None = None  # None: remove the statut (non renseigné)
    suivi: tuple[str, str] | None = None  # (ISO date, texte) to append
    set_statut_date: bool = False
    statut_date: str | None = None  # ISO date; None: remove it (with the statut)


class EditError(Exception):
    def __init__(self, change: ActionChange, message: str):
        super().__init__(message)
        self.change = change
        self.message = message


def _quoted(value: str, style: str | None) -> str:
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    if style == '"' or (style is None and not value.replace(" ", "").isalpha()):
        return _double_quoted(value)
    return value


def _double_quoted(value: str) -> str:
    # JSON strings are YAML double-quoted scalars; YAML also breaks lines on these three
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\x85", "\\x85")


class _Lines:
    """The file's lines, with replacements, deletions and insertions keyed by original line."""

    def __init__(self, raw: bytes):
        self.lines = [line.decode("utf-8") for line in raw.splitlines(keepends=True)]
        self.eol = "\r\n" if b"\r\n" in raw else "\n"
        self.replaced: dict[int, str] = {}
        self.deleted: set[int] = set()
        self.inserted: dict[int, list[str]] = {}

    def line(self, index: int) -> str:
        return self.replaced.get(index, self.lines[index])

    def insert(self, before: int, texts: list[str]) -> None:
        self.inserted.setdefault(before, []).extend(t + self.eol for t in texts)

    def result(self) -> bytes:
        out: list[str] = []
        for index in range(len(self.lines) + 1):
            if index in self.inserted:
                if out and not out[-1].endswith(("\n", "\r")):
                    out[-1] += self.eol  # the file had no final line break
                out += self.inserted[index]
            if index < len(self.lines) and index not in self.deleted:
                out.append(self.line(index))
        text = "".join(out)
        if self.lines and not self.lines[-1].endswith(("\n", "\r")) and text.endswith(self.eol):
            text = text[: -len(self.eol)]  # keep the file without its final line break, as it was
        return text.encode("utf-8")


def _apply(lines: _Lines, location: ActionLocation, change: ActionChange) -> None:
    if location.flow:
        raise EditError(change, "l'action est écrite sur une ligne, entre accolades { } : l'import ne sait pas la modifier.")
    indent = " " * location.key_column
    statut = location.statut
    if change.set_statut:
        if statut is None:
            if change.statut is not None:
                lines.insert(location.after_texte, [f"{indent}statut: {_quoted(change.statut, None)}"])
        elif change.statut is None:
            lines.deleted.update(range(statut.key_line, statut.end_line + 1))
        elif statut.end_line != statut.line or statut.style in ("|", ">"):
            raise EditError(change, "le statut actuel est écrit sur plusieurs lignes : l'import ne sait pas le modifier.")
        else:
            text = lines.line(statut.line)
            lines.replaced[statut.line] = text[: statut.start] + _quoted(change.statut, statut.style) + text[statut.end :]
    if change.set_statut_date:
        _apply_statut_date(lines, location, change, indent)
    if change.suivi is None:
        return
    date, texte = change.suivi
    suivi = location.suivi

    def entry(dash: int, key: int) -> list[str]:
        return [f"{' ' * dash}- date: {date}", f"{' ' * key}texte: {_double_quoted(texte)}"]

    if suivi is None:
        after = max(
            location.after_texte, statut.end_line + 1 if statut else 0, location.statut_date.end_line + 1 if location.statut_date else 0
        )
        lines.insert(after, [f"{indent}suivi:", *entry(location.key_column + 2, location.key_column + 4)])
    elif not suivi.flow:
        lines.insert(suivi.append_at, entry(suivi.dash_column, suivi.key_column))
    elif suivi.empty_flow is not None and suivi.empty_flow.line == suivi.key_line:
        span = suivi.empty_flow
        text = lines.line(span.line)
        lines.replaced[span.line] = text[: span.start].rstrip(" ") + text[span.end :]
        lines.insert(span.line + 1, entry(location.key_column + 2, location.key_column + 4))
    else:
        raise EditError(change, "le suivi de l'action est écrit entre crochets [ ] : écrivez-le en liste à tirets pour pouvoir l'importer.")


def _apply_statut_date(lines: _Lines, location: ActionLocation, change: ActionChange, indent: str) -> None:
    """The date goes right after the statut (a new one, or the one already there)."""
    span, statut = location.statut_date, location.statut
    if span is None:
        if change.statut_date is not None:
            lines.insert(statut.end_line + 1 if statut else location.after_texte, [f"{indent}statut_date: {change.statut_date}"])
    elif change.statut_date is None:
        lines.deleted.update(range(span.key_line, span.end_line + 1))
    elif span.end_line != span.line:
        raise EditError(change, "la date du statut est écrite sur plusieurs lignes : l'import ne sait pas la modifier.")
    else:
        text = lines.line(span.line)
        lines.replaced[span.line] = text[: span.start] + change.statut_date + text[span.end :]


def _expected(data: dict, changes: list[ActionChange]) -> dict:
    expected = copy.deepcopy(data)
    by_id = {c.action: c for c in changes}
    for poursuivi in expected.get("objectifs") or []:
        for action in poursuivi.get("actions") or []:
            change = by_id.get(action.get("id"))
            if change is None:
                continue
            if change.set_statut:
                if change.statut is None:
                    action.pop("statut", None)
                else:
                    action["statut"] = change.statut
            if change.set_statut_date:
                if change.statut_date is None:
                    action.pop("statut_date", None)
                else:
                    action["statut_date"] = change.statut_date
            if change.suivi:
                action["suivi"] = list(action.get("suivi") or []) + [{"date": change.suivi[0], "texte": change.suivi[1]}]
    return expected


def edit(source: QuartierSource, changes: list[ActionChange]) -> bytes:
    """New bytes of the file with `changes` applied; raises EditError if that cannot be done safely."""
    lines = _Lines(source.raw)
    for change in changes:
        _apply(lines, source.actions[change.action], change)
    result = lines.result()
    text, _ = decode(result, source.rel)
    document, _ = parse_yaml(text or "", source.rel)
    if document is None or document.data != _expected(source.document.data, changes):
        raise EditError(
            changes[0],
            f"la modification automatique de {source.rel} n'a pas donné le résultat attendu ; aucun fichier n'a été modifié. Modifiez ce fichier à la main.",
        )
    return result
