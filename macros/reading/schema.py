"""JSON Schemas (draft-07) for each kind of content file, generated from the model.

Editors' tools (VS Code with the YAML extension) read them through the
`# yaml-language-server: $schema=…` line at the top of each file.
"""

from __future__ import annotations

import json
from pathlib import Path

from macros.domain.model import FILE_KINDS

SCHEMA_DIR = "schemas"


def schema_for(kind: str) -> dict:
    model = FILE_KINDS[kind]
    schema = model.model_json_schema(ref_template="#/definitions/{model}")
    if "$defs" in schema:
        schema["definitions"] = schema.pop("$defs")
    return {"$schema": "http://json-schema.org/draft-07/schema#", "$id": f"{kind}.schema.json", **schema}


def render(kind: str) -> str:
    return json.dumps(schema_for(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_all(content_dir: Path) -> list[Path]:
    target = content_dir / SCHEMA_DIR
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in FILE_KINDS:
        path = target / f"{kind}.schema.json"
        path.write_text(render(kind), encoding="utf-8")
        written.append(path)
    return written
