"""Content errors, in French, located by file, line and field.

Every problem found while reading content becomes a ContentProblem; the loader
collects them all and raises one ContentErrors, so an editor sees every
mistake in a single run instead of fixing them one build at a time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class ContentProblem:
    file: str  # path relative to the project root, as the editor knows it
    line: int | None
    field: str | None  # dotted path inside the file, e.g. "objectifs[3].actions[0].id"
    message: str  # French, says what is wrong
    hint: str | None = None  # French, says how to fix it

    def format(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        text = f"{where} : {self.message}"
        if self.field:
            text = f"{where} : champ « {self.field} » : {self.message}"
        if self.hint:
            text += f"\n    → {self.hint}"
        return text


@dataclass
class ContentErrors(Exception):
    problems: list[ContentProblem] = field(default_factory=list)

    def __str__(self) -> str:
        return format_report(self.problems)


def format_report(problems: list[ContentProblem]) -> str:
    count = len(problems)
    noun = "erreur" if count == 1 else "erreurs"
    header = f"Le contenu comporte {count} {noun} ; le site n'a pas été construit."
    ordered = sorted(problems, key=lambda p: (p.file, p.line or 0, p.field or ""))
    return "\n".join([header, *("- " + p.format() for p in ordered)])


def relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
