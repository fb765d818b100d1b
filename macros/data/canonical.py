"""The repository's one format for content files, whoever saved them (a text editor, the form
editor, a spreadsheet import): `make formater` writes every file in it.

The canonical form of a YAML content file (and of a page's front matter):
- first line `# yaml-language-server: $schema=<path to schemas/<kind>.schema.json>` when the
  content folder has that schema (not in a page's front matter); other comments stay where
  they are, attached to the key or item they follow (ruamel.yaml's round trip);
- keys in the order of the model's fields (macros/domain/model.py), unknown keys after them;
- texts between double quotes on one line, whatever their length; a text of several lines as
  a literal block (`|-`, or `|` when it ends with a line break);
- identifiers, codes, file names (types marked UNQUOTED), values of a fixed list (Literal),
  numbers, booleans and dates (YYYY-MM-DD) without quotes, unless YAML would read the bare
  value as something other than a text (`"2024"`, `"62443"`, `"yes"`): then double quotes;
- 2 spaces of indentation, list items written `  - ` under their key, no line wrapped; empty
  lists as `[]`.
The kind of each value comes from the model's types, walked alongside the data, never from the
value itself: a title « Edito » stays quoted, an identifier `2024` is quoted.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import types
import typing
from typing import Any, Literal

import yaml
from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString, PlainScalarString

from macros.domain.model import Unquoted
from macros.reading.yaml_source import StrictLoader

SCHEMA_COMMENT = "# yaml-language-server: $schema="
_FRONT_MATTER = re.compile(r"\A---\r?\n(.*?\r?\n)---(?:\r?\n|\Z)", re.DOTALL)
# A value written bare only if it looks like a word, a code or a path: anything else is quoted.
_BARE = re.compile(r"\w+(?:[ ./'-]\w+)*")
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_STR_TAG = "tag:yaml.org,2002:str"


def _yaml() -> YAML:
    rt = YAML()  # round trip: comments and their places are kept
    rt.width = 1_000_000  # never wrap
    rt.indent(mapping=2, sequence=4, offset=2)
    return rt


def load_tree(text: str) -> Any:
    """The document as ruamel.yaml's round-trip tree (comments attached), without its schema line."""
    return _yaml().load(without_schema_line(text))


def dump_tree(tree: Any) -> str:
    out = io.StringIO()
    _yaml().dump(tree, out)
    return out.getvalue()


def without_schema_line(text: str) -> str:
    return text.partition("\n")[2] if text.startswith(SCHEMA_COMMENT) else text


def split_front_matter(text: str) -> tuple[str, str, str] | None:
    """A page as (front matter's YAML, text before it, text after it), or None without one."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return None
    return match.group(1), text[: match.start(1)], text[match.end(1) :]


def canonical_yaml(tree: Any, model: type[BaseModel], schema_path: str | None) -> str:
    """The text of a (valid) document in canonical form; `tree` is restyled in place."""
    if isinstance(tree, CommentedMap):
        _restyle_mapping(tree, model)
    text = dump_tree(tree)
    return f"{SCHEMA_COMMENT}{schema_path}\n{text}" if schema_path else text


# --- the model's types -------------------------------------------------------------------------


def _unwrap(annotation: Any) -> tuple[Any, list]:
    """Annotated[X, …], X | None → X, with the metadata met on the way."""
    metadata: list = []
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *more = typing.get_args(annotation)
            metadata += more
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation, metadata
            annotation = args[0]
        else:
            return annotation, metadata


def _field_type(model: type[BaseModel], key: Any) -> Any:
    field = model.model_fields.get(key) if isinstance(key, str) else None
    if field is None:
        return None
    return typing.Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


# --- restyling ---------------------------------------------------------------------------------


def _restyle_mapping(mapping: CommentedMap, model: type[BaseModel]) -> None:
    order = [key for key in model.model_fields if key in mapping]
    unknown = [key for key in mapping if key not in model.model_fields]
    for key in order + unknown:
        mapping.move_to_end(key)
    for key in list(mapping):
        mapping[key] = _restyle(mapping[key], _field_type(model, key))
    if mapping:
        mapping.fa.set_block_style()


def _restyle(value: Any, annotation: Any) -> Any:
    if annotation is None:  # a key the model does not know: kept as it is
        return value
    core, metadata = _unwrap(annotation)
    if isinstance(value, CommentedMap):
        if _is_model(core):
            _restyle_mapping(value, core)
        return value
    if isinstance(value, CommentedSeq):
        item = typing.get_args(core)[0] if typing.get_origin(core) is list else None
        for index, element in enumerate(value):
            value[index] = _restyle(element, item)
        if value:
            value.fa.set_block_style()
        return value
    if value is None or isinstance(value, bool):
        return value
    if core is dt.date:
        return _date(value)
    if core in (int, float) and isinstance(value, str):
        return _number(value, core)
    if isinstance(value, str):
        if typing.get_origin(core) is Literal or any(isinstance(m, Unquoted) for m in metadata):
            return _bare(value)
        return _text(value)
    return value


def _date(value: Any) -> Any:
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _number(value: str, core: type) -> Any:
    """A number typed as text ("40.1") written as a number."""
    if _INT.fullmatch(value):
        return int(value)
    if core is float and _FLOAT.fullmatch(value):
        return float(value)
    return value


def _text(value: str) -> Any:
    if "\n" in value:
        return LiteralScalarString(value)
    return DoubleQuotedScalarString(value)


def _bare(value: str) -> Any:
    return PlainScalarString(value) if reads_as_text(value) else DoubleQuotedScalarString(value)


_STRICT = StrictLoader("")
_YAML_1_1 = yaml.SafeLoader("")
_RUAMEL = _yaml().resolver


def reads_as_text(value: str) -> bool:
    """True if `value`, written bare, is read back as this text by every YAML reader the
    content meets: this project's strict loader, YAML 1.1 (PyYAML, the form editor) and 1.2."""
    if not _BARE.fullmatch(value):
        return False
    implicit = (True, False)
    return (
        _STRICT.resolve(yaml.ScalarNode, value, implicit) == _STR_TAG
        and _YAML_1_1.resolve(yaml.ScalarNode, value, implicit) == _STR_TAG
        and _RUAMEL.resolve(ScalarNode, value, implicit) == _STR_TAG
    )
