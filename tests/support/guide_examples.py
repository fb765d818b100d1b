"""The worked examples of the editors' guide (content/README.md), applied to a content folder.

Each ```yaml example of the guide is preceded by an HTML comment (invisible on the forge) that
says where it goes, in words an editor can read too:

    <!-- exemple : quartiers/regain.yaml, après le bloc « - id: point-justice » -->
    <!-- exemple : quartiers/regain.yaml, remplace le bloc « - indicateur: taux-pauvrete » -->
    <!-- exemple : corrections.yaml, à la fin -->
    <!-- exemple : quartiers/la-fontaine.yaml, nouveau fichier -->
    <!-- exemple : quartiers/regain.yaml, après le bloc « - id: point-justice », suite -->

« suite » marks an example that continues the previous one (an avenant declared, then used):
it is applied on top of the examples it continues.

A block is the first line containing the quoted text, with the lines below it indented deeper
(its children). The example is pasted with its own indentation, as an editor would paste it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_DIRECTIVE = re.compile(
    r"<!--\s*exemple\s*:\s*(?P<file>[^,]+?)\s*,\s*(?P<operation>après le bloc|remplace le bloc|à la fin|nouveau fichier)"
    r"(?:\s*«\s*(?P<anchor>.+?)\s*»)?(?P<suite>\s*,\s*suite)?\s*-->"
)
_FENCE = re.compile(r"^(?P<indent>[ \t]*)```(?P<language>\S*)[ \t]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class Example:
    line: int  # of the fence in the guide
    file: str  # relative to the content folder
    operation: str
    anchor: str | None
    text: str
    suite: bool = False  # continues the previous example

    def __str__(self) -> str:
        return f"content/README.md:{self.line} ({self.file}, {self.operation})"


def examples(guide: str) -> tuple[list[Example], list[int]]:
    """The guide's YAML examples, and the lines of those that say nowhere where they go."""
    found, unplaced = [], []
    for fence in _FENCE.finditer(guide):
        if fence.group("language") != "yaml":
            continue
        line = guide.count("\n", 0, fence.start()) + 1
        before = guide[: fence.start()].rstrip()
        directive = _DIRECTIVE.search(before.splitlines()[-1]) if before else None
        if directive is None:
            unplaced.append(line)
            continue
        indent = fence.group("indent")
        body = "".join(line[len(indent) :] if line.startswith(indent) else line for line in fence.group("body").splitlines(keepends=True))
        found.append(
            Example(
                line, directive.group("file"), directive.group("operation"), directive.group("anchor"), body, bool(directive.group("suite"))
            )
        )
    return found, unplaced


def _block(lines: list[str], anchor: str) -> tuple[int, int]:
    """(first, end) line indexes of the block starting at the first line containing `anchor`."""
    start = next((i for i, line in enumerate(lines) if anchor in line), None)
    if start is None:
        raise AssertionError(f"« {anchor} » introuvable")
    depth = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > depth):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return start, end


def apply(example: Example, content: Path) -> None:
    path = content / example.file
    if example.operation == "nouveau fichier":
        assert not path.exists(), f"{example} : le fichier existe déjà"
        path.write_text(example.text, encoding="utf-8")
        return
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    new = example.text.splitlines(keepends=True)
    if example.operation == "à la fin":
        lines += new
    else:
        start, end = _block(lines, example.anchor or "")
        if example.operation == "après le bloc":
            lines[end:end] = new
        else:
            lines[start:end] = new
    path.write_text("".join(lines), encoding="utf-8")


def chain(found: list[Example], example: Example) -> list[Example]:
    """The examples to apply for `example`: those it continues, then itself."""
    index = found.index(example)
    start = index
    while start > 0 and found[start].suite:
        start -= 1
    return found[start : index + 1]
