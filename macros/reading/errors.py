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
    place: str | None = None  # French, as a person names it: « 2e action de l'objectif « … » du quartier … »

    def format(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        text = f"{where} : {self.message}"
        if self.place:
            text = f"{where} : {self.place} : {self.message}"
        elif self.field:
            text = f"{where} : champ « {self.field} » : {self.message}"
        if self.hint:
            text += f"\n    → {self.hint}"
        return text


@dataclass
class ContentErrors(Exception):
    problems: list[ContentProblem] = field(default_factory=list)

    def __str__(self) -> str:
        return format_report(self.problems)

    def report(self, rerun: str | None = None) -> str:
        return format_report(self.problems, rerun)


def format_report(problems: list[ContentProblem], rerun: str | None = None) -> str:
    """The editor's report. Without `rerun` it is a build that stopped (nothing was
    published); with it, a check or a tool that says which command to run again."""
    count = len(problems)
    noun = "erreur" if count == 1 else "erreurs"
    if rerun is None:
        header = f"Le contenu comporte {count} {noun} ; le site n'a pas été construit."
    else:
        them = "la" if count == 1 else "les"
        header = f"Le contenu comporte {count} {noun}. Corrigez-{them} puis relancez « {rerun} »."
    ordered = sorted(problems, key=lambda p: (p.file, p.line or 0, p.field or ""))
    return "\n".join([header, *("- " + p.format() for p in ordered)])


def relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
