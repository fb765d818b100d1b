"""The form editor's configuration (admin/config.yml) is generated from the content model."""

from __future__ import annotations

import shutil
from typing import Annotated

import pytest
import yaml
from pydantic import Field

from macros.data import editor_config
from macros.data.editor_labels import LABELS
from macros.domain import model
from macros.reading.schema import schema_for
from macros.reading.site import load_site
from tests.support.sitebuild import ROOT, SIGNED

AGGLOMERATION = ROOT / "tests" / "fixtures" / "agglomeration"


@pytest.fixture(scope="module")
def signed():
    return load_site(SIGNED)


def _collection(config: dict, name: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == name)


def _field(fields: list[dict], *path: str) -> dict:
    for name in path:
        found = next(f for f in fields if f["name"] == name)
        fields = found.get("fields", [])
    return found


def test_every_content_file_kind_staff_edit_has_a_form(signed):
    config = editor_config.config(signed, "content", None)
    assert config["locale"] == "fr"
    quartiers = _collection(config, "quartiers")
    assert quartiers["folder"] == "content/quartiers" and quartiers["format"] == "yaml"
    assert _collection(config, "pages")["format"] == "frontmatter"
    files = {f["name"]: f["file"] for f in _collection(config, "convention")["files"]}
    assert files == {
        "referentiel": "content/referentiel.yaml",
        "glossaire": "content/glossaire.yaml",
        "chiffres-agglomeration": "content/chiffres-agglomeration.yaml",
        "avenants": "content/avenants.yaml",
        "evaluation": "content/evaluation.yaml",
        "instances": "content/instances.yaml",
    }


def test_the_quartier_form_follows_the_model_field_by_field(signed):
    fields = _collection(editor_config.config(signed, "content", None), "quartiers")["fields"]
    assert [f["name"] for f in fields] == list(model.Quartier.model_fields)
    action = _field(fields, "objectifs", "actions")["fields"]
    assert [f["name"] for f in action] == list(model.Action.model_fields)
    statut = _field(action, "statut")
    assert statut["widget"] == "select" and statut["options"] == list(model.STATUTS_ACTION) and not statut["required"]
    assert _field(action, "statut_date")["widget"] == "datetime" and _field(action, "statut_date")["format"] == "YYYY-MM-DD"
    assert _field(action, "texte")["required"] and _field(action, "texte")["widget"] == "text"
    # an action's identifier is made from its text when left empty; a quartier's is not
    assert not _field(action, "id")["required"] and "Laissez vide" in _field(action, "id")["hint"]
    assert _field(fields, "id")["required"] and "Laissez vide" not in _field(fields, "id").get("hint", "")
    objectif = _field(fields, "objectifs", "objectif")
    ids = [o.id for e in signed.referentiel.enjeux for r in e.orientations for o in r.objectifs]
    assert objectif["widget"] == "select" and [o["value"] for o in objectif["options"]] == ids
    # an optional group requires none of its fields (Decap would refuse to save it left empty)
    restauree = _field(action, "restauree")
    assert not restauree["required"] and not any(f["required"] for f in restauree["fields"])
    assert _field(fields, "irritants")["field"]["widget"] == "text"
    assert _field(fields, "ordre")["value_type"] == "int"


def test_a_model_change_changes_the_form(signed, monkeypatch):
    class Terme(model.Terme):
        source: Annotated[model.Texte | None, Field(description="D'où vient la définition.")] = None

    class Glossaire(model.Glossaire):
        termes: list[Terme]

    monkeypatch.setitem(model.FILE_KINDS, "glossaire", Glossaire)
    files = _collection(editor_config.config(signed, "content", None), "convention")["files"]
    terme = _field(next(f for f in files if f["name"] == "glossaire")["fields"], "termes")["fields"]
    assert _field(terme, "source") == {
        "name": "source",
        "label": "Source",
        "required": False,
        "hint": "D'où vient la définition.",
        "widget": "text",
    }


def _keys(schema: dict) -> set[str]:
    found = set()
    for part in [schema, *schema.get("definitions", {}).values()]:
        found |= set(part.get("properties", {}))
    return found


def test_every_key_of_the_model_has_a_french_label():
    keys = set().union(*(_keys(schema_for(kind)) for kind in model.FILE_KINDS))
    assert sorted(keys - set(LABELS)) == [], "ajoutez ces clés à macros/data/editor_labels.py"


def test_without_edition_settings_the_form_saves_through_the_local_server(signed):
    config = editor_config.config(signed, "content", None, local_port=9123)
    assert config["backend"]["name"] == "proxy" and config["local_backend"] == {"url": "http://localhost:9123/api/v1"}
    assert "publish_mode" not in config


def test_gitlab_settings_give_one_merge_request_per_change(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SIGNED, content)
    with (content / "contrat.yaml").open("a", encoding="utf-8") as contrat:
        contrat.write('edition:\n  gitlab: "https://gitlab.example.fr/"\n  depot: "mairie/convention"\n  application: "abc123"\n')
    site = load_site(content)
    config = editor_config.config(site, "content", "https://convention.example.fr/")
    assert config["backend"] | {"commit_messages": None} == {
        "name": "gitlab",
        "repo": "mairie/convention",
        "branch": "main",
        "auth_type": "pkce",
        "app_id": "abc123",
        "base_url": "https://gitlab.example.fr",
        "auth_endpoint": "oauth/authorize",
        "api_root": "https://gitlab.example.fr/api/v4",
        "graphql_api_root": "https://gitlab.example.fr/api/graphql",
        "preview_context": "test",
        "commit_messages": None,
    }
    # the job whose verdict the editor shows before publishing exists in the pipeline
    assert "test" in yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert config["publish_mode"] == "editorial_workflow"
    assert config["site_url"] == "https://convention.example.fr/"


def test_an_agglomeration_gets_each_communes_forms_and_its_shared_files():
    site = load_site(AGGLOMERATION)
    config = editor_config.config(site, "agglomeration", None)
    names = [c["name"] for c in config["collections"]]
    assert names[0] == "agglomeration"
    shared = {f["name"]: f["file"] for f in config["collections"][0]["files"]}
    assert shared == {
        "referentiel": "agglomeration/referentiel.yaml",
        "glossaire": "agglomeration/glossaire.yaml",
        "chiffres-agglomeration": "agglomeration/chiffres-agglomeration.yaml",
    }
    for commune in site.communes:
        quartiers = _collection(config, f"quartiers-{commune.id}")
        assert quartiers["folder"] == f"{commune.folder}/quartiers"
        assert commune.convention.contrat.commune.nom in quartiers["label"]


def test_the_published_configuration_is_the_generated_one(signed):
    text = editor_config.files(signed, "content", None)["admin/config.yml"]
    assert text.startswith("# Généré")
    assert yaml.safe_load(text) == editor_config.config(signed, "content", None)


def test_the_form_knows_the_identifiers_a_new_one_must_not_take(signed, tmp_path):
    taken = editor_config.taken_identifiers(signed)
    assert "point-justice" in taken["actions"] and "reperage-publics-eloignes-droit" in taken["referentiel"]
    # an action removed long ago still has its published address: its identifier stays taken
    content = tmp_path / "content"
    shutil.copytree(SIGNED, content)
    with (content / "adresses.txt").open("a", encoding="utf-8") as listed:
        listed.write("objectifs/reperage-publics-eloignes-droit/#regain--ancienne-action\n")
    assert "ancienne-action" in editor_config.taken_identifiers(load_site(content))["actions"]


def test_help_from_the_guide_names_real_fields(signed):
    """Every help text written for a field (editor_labels.HINTS) belongs to a field of the model,
    and shows under it where the model has no description of its own."""
    from macros.data.editor_labels import HINTS

    owners: dict[str, set[str]] = {}
    for kind in model.FILE_KINDS:
        schema = schema_for(kind)
        for part in [schema, *schema.get("definitions", {}).values()]:
            owners.setdefault(part.get("title", ""), set()).update(part.get("properties", {}))
    assert [key for key in HINTS if key[1] not in owners.get(key[0], set())] == []
    fields = _collection(editor_config.config(signed, "content", None), "quartiers")["fields"]
    assert _field(fields, "objectifs", "actions", "texte")["hint"] == HINTS[("Action", "texte")]
    assert _field(fields, "nom")["hint"] == HINTS[("Quartier", "nom")]
