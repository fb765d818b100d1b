"""Strict YAML reading for content files.

PyYAML's defaults are hostile to editors: `NO` becomes False, `12:30` becomes
750, `01000` becomes 512 and a duplicated key silently wins. Here only
`true`/`false` are booleans, only plain decimal numbers are numbers, duplicate
keys are errors, and every node keeps its line so that validation errors can
point at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar

import yaml

from macros.reading import yaml_errors
from macros.reading.errors import ContentProblem

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class StrictLoader(_Base):  # type: ignore[misc, valid-type]
    """SafeLoader whose implicit typing is limited to unambiguous scalars."""

    yaml_implicit_resolvers: ClassVar[dict] = {}


def _resolver(tag: str, pattern: str, first: str) -> None:
    StrictLoader.add_implicit_resolver(tag, re.compile(pattern), list(first))


_resolver("tag:yaml.org,2002:bool", r"^(?:true|false)$", "tf")
_resolver("tag:yaml.org,2002:int", r"^-?(?:0|[1-9][0-9]*)$", "-0123456789")
_resolver("tag:yaml.org,2002:float", r"^-?(?:0|[1-9][0-9]*)\.[0-9]+$", "-0123456789")
_resolver("tag:yaml.org,2002:null", r"^(?:~|null|)$", ["~", "n", ""])


@dataclass
class YamlDocument:
    path: str  # relative path shown to editors
    data: Any
    root: yaml.Node

    def line_of(self, loc: tuple) -> int | None:
        """Line (1-based) of the deepest node that `loc` reaches."""
        node = self.root
        line = node.start_mark.line + 1
        for part in loc:
            child = _child(node, part)
            if child is None:
                break
            node = child
            line = node.start_mark.line + 1
        return line

    def key_line(self, loc: tuple) -> int | None:
        """Line of a mapping key (for unknown keys, whose value is not the point)."""
        if not loc:
            return self.line_of(loc)
        parent = self.root
        for part in loc[:-1]:
            parent = _child(parent, part) or parent
        if isinstance(parent, yaml.MappingNode):
            for key, _ in parent.value:
                if key.value == loc[-1]:
                    return key.start_mark.line + 1
        return self.line_of(loc)


def _child(node: yaml.Node, part: Any) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == part:
                return value
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
        if 0 <= part < len(node.value):
            return node.value[part]
    return None


def decode(raw: bytes, rel: str) -> tuple[str | None, list[ContentProblem]]:
    """Bytes to text: UTF-8 with or without BOM; anything else is an error."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [
            ContentProblem(
                rel,
                line,
                None,
                "le fichier n'est pas encodé en UTF-8 (caractère illisible).",
                "Enregistrez le fichier en « UTF-8 » depuis votre éditeur (Fichier › Enregistrer sous › Encodage : UTF-8).",
            )
        ]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def parse_yaml(text: str, rel: str) -> tuple[YamlDocument | None, list[ContentProblem]]:
    """The document (None if unreadable) and its problems. A file read twice with the same
    text is parsed once: an agglomeration reads the shared référentiel for every commune, and
    its cross-commune checks read the quartiers again for their lines. Callers must not change
    the document they get."""
    doc, problems = _parse_cached(text, rel)
    return doc, list(problems)


@lru_cache(maxsize=1024)  # bounded: `convention serve` re-reads content after every edit
def _parse_cached(text: str, rel: str) -> tuple[YamlDocument | None, tuple[ContentProblem, ...]]:
    doc, problems = _parse(text, rel)
    return doc, tuple(problems)


def _parse(text: str, rel: str) -> tuple[YamlDocument | None, list[ContentProblem]]:
    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        return None, [ContentProblem(rel, 1, None, "le fichier est vide.", "Rétablissez son contenu ou supprimez le fichier.")]
    loader = StrictLoader(text)
    try:
        root = loader.get_single_node()
        problems = _duplicate_keys(root, rel)
        if problems:
            return None, problems
        data = loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        explanation = yaml_errors.explain(exc, text)
        return None, [ContentProblem(rel, explanation.line, None, explanation.message, explanation.hint)]
    except yaml.YAMLError:
        return None, [ContentProblem(rel, None, None, "syntaxe YAML invalide (structure illisible).", yaml_errors.GENERIC_HINT)]
    finally:
        loader.dispose()
    return YamlDocument(rel, data, root), _cut_by_comment(root, text.split("\n"), rel)


_STR = "tag:yaml.org,2002:str"
_COMMENT_AFTER = re.compile(r"^\s+#")


def _cut_by_comment(node: yaml.Node, lines: list[str], rel: str, path: str = "") -> list[ContentProblem]:
    """Unquoted texts followed by « # »: YAML reads the rest of the line as a comment and
    would publish « Priorité » for `Priorité #1 du quartier`, without a word."""
    problems: list[ContentProblem] = []
    if isinstance(node, yaml.ScalarNode):
        if not node.style and node.tag == _STR and node.value:  # plain: no quotes, not a block
            rest = lines[node.end_mark.line][node.end_mark.column :] if node.end_mark.line < len(lines) else ""
            if _COMMENT_AFTER.match(rest):
                problems.append(
                    ContentProblem(
                        rel,
                        node.end_mark.line + 1,
                        path or None,
                        f"le texte est coupé au caractère # : seul « {node.value} » serait publié.",
                        f'Mettez ce texte entre guillemets : "{node.value}{rest.rstrip()}".',
                    )
                )
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            problems += _cut_by_comment(value, lines, rel, f"{path}.{key.value}" if path else str(key.value))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            problems += _cut_by_comment(item, lines, rel, f"{path}[{index}]")
    return problems


def _duplicate_keys(node: yaml.Node, rel: str, path: str = "") -> list[ContentProblem]:
    problems: list[ContentProblem] = []
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            name = str(key.value)
            line = key.start_mark.line + 1
            field_path = f"{path}.{name}" if path else name
            if name in seen:
                problems.append(
                    ContentProblem(
                        rel,
                        line,
                        field_path,
                        f"clé en double (déjà présente ligne {seen[name]}).",
                        "Supprimez l'une des deux : YAML ne garderait que la dernière, sans prévenir.",
                    )
                )
            else:
                seen[name] = line
            problems += _duplicate_keys(value, rel, field_path)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            problems += _duplicate_keys(item, rel, f"{path}[{index}]")
    return problems


def read_yaml(path: Path, rel: str) -> tuple[YamlDocument | None, list[ContentProblem]]:
    text, problems = decode(path.read_bytes(), rel)
    if text is None:
        return None, problems
    return parse_yaml(text, rel)
