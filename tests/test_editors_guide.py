"""The editors' guide (content/README.md) documents every content field and schema link."""

import json
import re
import typing
from pathlib import Path

from pydantic import BaseModel

from macros.domain.model import FILE_KINDS
from macros.reading import schema
from tests.support.sitebuild import LIVING, SIGNED

ROOT = Path(__file__).resolve().parents[1]
GUIDE = (LIVING / "README.md").read_text(encoding="utf-8")


def _fields(model: type[BaseModel], seen=None) -> set[str]:
    seen = seen if seen is not None else set()
    names: set[str] = set()
    if model in seen:
        return names
    seen.add(model)
    for name, info in model.model_fields.items():
        names.add(name)
        for arg in _types(info.annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                names |= _fields(arg, seen)
    return names


def _types(annotation):
    yield annotation
    for arg in typing.get_args(annotation):
        yield from _types(arg)


def test_every_content_field_is_described_in_the_guide():
    documented = set(re.findall(r"`([a-z_]+)`", GUIDE))
    for kind, model in FILE_KINDS.items():
        missing = _fields(model) - documented
        assert not missing, f"{kind} : champs absents du guide content/README.md : {sorted(missing)}"


def test_schemas_are_up_to_date():
    for kind in FILE_KINDS:
        path = LIVING / "schemas" / f"{kind}.schema.json"
        assert path.read_text(encoding="utf-8") == schema.render(kind), f"lancez `make schemas` ({path.name})"
        assert json.loads(path.read_text(encoding="utf-8"))["$schema"].startswith("http://json-schema.org/draft-07")


def test_every_yaml_file_references_its_schema():
    content = SIGNED
    expected = {
        content / "contrat.yaml": "schemas/contrat.schema.json",
        content / "referentiel.yaml": "schemas/referentiel.schema.json",
        content / "glossaire.yaml": "schemas/glossaire.schema.json",
        content / "corrections.yaml": "schemas/corrections.schema.json",
    }
    expected.update({p: "../schemas/quartier.schema.json" for p in (content / "quartiers").glob("*.yaml")})
    for path, schema_path in expected.items():
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema={schema_path}", path.name
        assert (LIVING / schema_path.removeprefix("../")).exists()
