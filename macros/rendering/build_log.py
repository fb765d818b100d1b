"""MkDocs' warnings, said in French with the content file and line behind them.

`convention build` runs MkDocs in strict mode and reads its log: any warning or error fails
the build, and this module turns each one into a message an editor can act on (the content
file and line where the link is written, and the fix). Plain text in, plain text out: the
core does not import MkDocs. A message it does not know is still shown, with a French prefix.
"""

from __future__ import annotations

import logging
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from macros.reading.errors import ContentProblem

_RECORD = re.compile(r"^(DEBUG|INFO|WARNING|ERROR|CRITICAL)\s*-\s+(.*)$")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass(frozen=True)
class LogRecord:
    level: str
    message: str


def records(output: str) -> list[LogRecord]:
    """The log records of MkDocs' console output; indented lines continue the record above."""
    found: list[LogRecord] = []
    current: list | None = None
    for raw in _ANSI.sub("", output).splitlines():
        match = _RECORD.match(raw)
        if match:
            current = [match.group(1), [match.group(2).strip()]]
            found.append(current)  # type: ignore[arg-type]
        elif current is not None and raw.startswith(" ") and raw.strip():
            current[1].append(raw.strip())
        else:
            current = None  # a blank line or click's closing « Aborted… » ends the record
    return [LogRecord(level, " ".join(lines)) for level, lines in found]


def failures(output: str) -> list[LogRecord]:
    """What makes the build fail: every warning and error (INFO and DEBUG are noise for staff)."""
    return [r for r in records(output) if r.level in ("WARNING", "ERROR", "CRITICAL")]


_DOC = r"Doc file '(?P<page>[^']+)' contains "
_HINT_ADDRESS = (
    "Vérifiez l'adresse : elle se compte depuis la page qui contient le lien, et se termine par « .md ». "
    "Depuis une page rédigée (content/pages/) : « edito.md » pour une autre page rédigée, "
    "« ../quartiers/<identifiant>.md » pour un quartier, « ../objectifs/<identifiant>.md » pour un objectif."
)
_KNOWN = [
    (
        re.compile(_DOC + r"a link '(?P<link>[^']+)', but the doc '[^']+' does not contain an anchor '#(?P<anchor>[^']*)'"),
        "le lien « {link} » mène à une page qui n'a pas de section « #{anchor} ».",
        (
            "Vérifiez la fin de l'adresse, après « # » : dans l'aperçu (make serve), le symbole # à côté du titre "
            "d'une section donne son adresse exacte."
        ),
    ),
    (
        re.compile(_DOC + r"a link '(?P<link>[^']+)', but the target .*not found among documentation files"),
        "le lien « {link} » ne mène à aucune page.",
        _HINT_ADDRESS,
    ),
    (
        re.compile(_DOC + r"an absolute link '(?P<link>[^']+)'"),
        "le lien « {link} » commence par « / » : il ne marcherait pas sur le site publié.",
        _HINT_ADDRESS,
    ),
    (
        re.compile(_DOC + r"an unrecognized relative link '(?P<link>[^']+)'"),
        "le lien « {link} » ne désigne pas une page du site.",
        _HINT_ADDRESS,
    ),
]


@dataclass(frozen=True)
class Explained:
    text: str  # French, ready to print
    key: tuple  # same key, same problem in the content
    own_page: bool  # reported by the page made from the file where the link is written


def explain(record: LogRecord, page_sources: dict[str, str | None], root: Path) -> Explained:
    """One French message for one failing record, located in the content when it can be."""
    for kind, (pattern, message, hint) in enumerate(_KNOWN):
        match = pattern.search(record.message)
        if match:
            fields = match.groupdict()
            file, line = locate(fields["link"], fields["page"], page_sources, root)
            where = file or f"page générée « {fields['page']} »"
            text = ContentProblem(where, line, None, message.format(**fields), hint).format()
            own = file is not None and file == page_sources.get(fields["page"])
            # the printable version shows a narrative page's links rebased: same file, line and target name
            key = (where, line, kind, posixpath.basename(fields["link"])) if line else (text,)
            return Explained(text, key, own)
    prefix = "Avertissement de MkDocs" if record.level == "WARNING" else "Erreur de MkDocs"
    text = f"{prefix} : {record.message}"
    return Explained(text, (text,), True)


def locate(text: str, page: str, page_sources: dict[str, str | None], root: Path) -> tuple[str | None, int | None]:
    """The content file and line where `text` is written: the page's own file first, then any
    other (the printable version repeats the narrative pages, whose links are written there)."""
    own = page_sources.get(page)
    candidates = [own] if own else []
    candidates += sorted({s for s in page_sources.values() if s and s != own})
    for source in candidates:
        try:
            lines = (root / source).read_text(encoding="utf-8").splitlines()
        except OSError:
            continue
        for number, line in enumerate(lines, start=1):
            if text in line:
                return source, number
    return own, None


def report(output: str, page_sources: dict[str, str | None], root: Path) -> list[str]:
    """Every failing record of MkDocs' output in French, each message once (the printable
    version repeats the narrative pages, so one broken link is reported by two pages)."""
    return explain_all(failures(output), page_sources, root)


def explain_all(failing: list[LogRecord], page_sources: dict[str, str | None], root: Path) -> list[str]:
    explained = [explain(record, page_sources, root) for record in failing]
    explained.sort(key=lambda e: not e.own_page)  # the link as written in the file, when reported so
    messages: dict[tuple, str] = {}
    for item in explained:
        messages.setdefault(item.key, item.text)
    return list(messages.values())


class Collector(logging.Handler):
    """Warnings of one live-preview build, said again in French at its end (preview_report)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(LogRecord(record.levelname, record.getMessage()))


def start_collecting(logger: logging.Logger) -> None:
    stop_collecting(logger)
    logger.addHandler(Collector())


def stop_collecting(logger: logging.Logger) -> list[LogRecord]:
    """The records collected since start_collecting; the collector is removed."""
    records: list[LogRecord] = []
    for handler in list(logger.handlers):
        if isinstance(handler, Collector):
            records += handler.records
            logger.removeHandler(handler)
    return records


def preview_report(failing: list[LogRecord], page_sources: dict[str, str | None], root: Path) -> str | None:
    messages = explain_all(failing, page_sources, root)
    if not messages:
        return None
    noun = "un problème" if len(messages) == 1 else f"{len(messages)} problèmes"
    return "\n".join([f"Aperçu construit, avec {noun} que « make build » refusera :", *("- " + m for m in messages)])
