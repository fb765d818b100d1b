"""Where each action sits in a quartier file, from the YAML nodes' marks.

Tools that edit a content file in place (the CSV import) need lines and
columns, not values: this walks the parsed nodes of a quartier document and
records, for each action, where its `statut` is (or would go) and where a
new `suivi` entry would be appended. Lines and columns are 0-based here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from macros.reading.yaml_source import YamlDocument


@dataclass(frozen=True)
class Span:
    """Where a value is: [start, end) columns of its line, and its quoting style."""

    line: int
    start: int
    end: int
    style: str | None  # None (plain), "'" or '"'; block scalars are "|" or ">"
    key_line: int
    end_line: int  # differs from `line` when the value runs over several lines


@dataclass(frozen=True)
class SuiviBlock:
    """An existing `suivi:` list: where a new item goes and how it is indented."""

    key_line: int
    append_at: int  # insert new items before this line
    dash_column: int
    key_column: int
    flow: bool  # written `[...]` on one line: the import does not rewrite it
    empty_flow: Span | None  # `suivi: []`, which the import can replace


@dataclass(frozen=True)
class ActionLocation:
    quartier: str
    action: str
    line: int  # line of the action's first key (for messages)
    key_column: int  # column of the action's keys
    after_texte: int  # insert before this line to place a key right after `texte`
    flow: bool  # the whole action written `{...}`
    statut: Span | None
    suivi: SuiviBlock | None
    statut_date: Span | None = None


@dataclass(frozen=True)
class QuartierSource:
    """One quartier file as raw bytes, with where its actions are."""

    path: Path
    rel: str
    raw: bytes
    document: YamlDocument
    quartier: str
    actions: dict[str, ActionLocation]


def _get(node: yaml.Node, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == key:
                return k, v
    return None


def _after(mark: yaml.Mark) -> int:
    """The line a new line goes before, to follow a value ending at `mark`."""
    # block scalars end at column 0 of the line after their last line
    return mark.line if mark.column == 0 else mark.line + 1


def _last_end(node: yaml.Node) -> yaml.Mark:
    """End of the last scalar of a node (a mapping's own end mark runs past comments)."""
    if isinstance(node, yaml.ScalarNode) or node.flow_style or not node.value:
        return node.end_mark
    last = node.value[-1]
    return _last_end(last[1] if isinstance(node, yaml.MappingNode) else last)


def _span(key: yaml.Node, value: yaml.Node) -> Span:
    return Span(
        value.start_mark.line,
        value.start_mark.column,
        value.end_mark.column,
        getattr(value, "style", None),
        key.start_mark.line,
        value.end_mark.line,
    )


def _suivi(key: yaml.Node, value: yaml.Node) -> SuiviBlock:
    if isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
        first = value.value[0]
        return SuiviBlock(key.start_mark.line, _after(_last_end(value)), value.start_mark.column, first.start_mark.column, False, None)
    empty = None
    if isinstance(value, yaml.SequenceNode) and value.flow_style and not value.value and value.start_mark.line == value.end_mark.line:
        empty = _span(key, value)
    return SuiviBlock(key.start_mark.line, _after(value.end_mark), 0, 0, True, empty)


def _action(quartier: str, node: yaml.MappingNode) -> ActionLocation | None:
    ident = _get(node, "id")
    texte = _get(node, "texte")
    if ident is None or texte is None:
        return None
    statut = _get(node, "statut")
    suivi = _get(node, "suivi")
    statut_date = _get(node, "statut_date")
    return ActionLocation(
        quartier=quartier,
        action=str(ident[1].value),
        line=node.start_mark.line,
        key_column=node.start_mark.column,
        after_texte=_after(_last_end(texte[1])),
        flow=bool(node.flow_style),
        statut=_span(*statut) if statut and isinstance(statut[1], yaml.ScalarNode) else None,
        suivi=_suivi(*suivi) if suivi else None,
        statut_date=_span(*statut_date) if statut_date and isinstance(statut_date[1], yaml.ScalarNode) else None,
    )


def action_locations(document: YamlDocument, quartier: str) -> dict[str, ActionLocation]:
    """Action id → location, for every action of a quartier document."""
    result: dict[str, ActionLocation] = {}
    objectifs = _get(document.root, "objectifs")
    if objectifs is None or not isinstance(objectifs[1], yaml.SequenceNode):
        return result
    for poursuivi in objectifs[1].value:
        actions = _get(poursuivi, "actions")
        if actions is None or not isinstance(actions[1], yaml.SequenceNode):
            continue
        for node in actions[1].value:
            if isinstance(node, yaml.MappingNode):
                location = _action(quartier, node)
                if location is not None:
                    result[location.action] = location
    return result
