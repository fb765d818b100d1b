"""A content file rewritten the way the form editor (Decap CMS) saves it: the first comment line
and every comment dropped, keys in another order, no quotes where YAML allows none, long texts
folded at 80 columns (`>-`), texts of several lines double-quoted with « \\n », dates quoted,
list items not indented under their key."""

from __future__ import annotations

from typing import Any

import yaml

from macros.reading.yaml_source import StrictLoader


class _Dumper(yaml.SafeDumper):
    pass


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    if "\n" in value:
        style = '"'
    elif len(value) > 60:
        style = ">"
    else:
        style = None  # bare where YAML allows it, else quoted by the dumper
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def _shuffled(data: Any) -> Any:
    if isinstance(data, dict):
        return {key: _shuffled(data[key]) for key in reversed(list(data))}
    if isinstance(data, list):
        return [_shuffled(item) for item in data]
    return data


def decap_style(text: str) -> str:
    """The same data, written as the form editor would write it."""
    data = yaml.load(text, Loader=StrictLoader)  # the project's strict loader: safe
    return yaml.dump(_shuffled(data), Dumper=_Dumper, allow_unicode=True, width=80, sort_keys=False)
