"""The form editor's configuration (Decap CMS, served at admin/), generated from the content model.

Each kind of content file is a form whose fields come from its JSON Schema, the one editors'
tools already read (macros/reading/schema.py, itself made from macros/domain/model.py): required or
optional, list or group, choice, date, number, yes/no, with the model's description as help. Only
the French labels are written by hand (editor_labels.py). A model change changes the form; the
référentiel's objectifs and indicateurs and the site's quartiers are offered as choices.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import yaml

from macros import jinja
from macros.data import formatting
from macros.data.editor_labels import HINTS, label
from macros.domain.site import Site
from macros.reading.loader import AGGLOMERATION, AVENANTS, EVALUATION, GLOSSAIRE, INSTANCES, PAGES_DIR, QUARTIERS_DIR, REFERENTIEL
from macros.reading.schema import schema_for

EDITOR_URI = "admin/"
PAGE_URI = "admin/index.html"
CONFIG_URI = "admin/config.yml"
IDS_URI = "admin/identifiants.json"
PIPELINE_JOB = "test"  # .gitlab-ci.yml: the job that checks the content and builds the site
LOCAL_PORT = 8081  # decap-server's own default (make edition)
# Texts written as paragraphs: a text area instead of a one-line field.
LONG_TEXTS = {"texte", "definition", "description", "commentaire", "explication", "resume", "presentation", "source", "texte_precedent"}
ID_HINT = (
    "Laissez vide pour un nouvel élément : l'identifiant est créé à l'enregistrement, à partir du texte. "
    "Il fait partie des adresses publiques : ne le modifiez jamais une fois publié."
)
# Items whose identifier is made from their text when left empty (edition.js, `make formater`).
DERIVED_IDS = {"Action", "Enjeu", "Orientation", "Objectif"}
CHOICE_HINTS = {
    "objectif": "Un objectif du référentiel (content/referentiel.yaml), choisi par son titre.",
    "indicateur": "Un indicateur du référentiel (content/referentiel.yaml).",
    "quartier": "Un quartier du site ; sans quartier, la valeur est celle de la commune.",
}
DATE = {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "DD/MM/YYYY", "time_format": False, "picker_utc": True}
GUIDE = "Chaque champ est expliqué dans le guide de rédaction (content/README.md)."


@dataclass(frozen=True)
class FileForm:
    """One content file kind as a form: the file (relative to the content folder) and its label."""

    kind: str
    file: str
    label: str


COMMUNE_FILES = (
    FileForm("referentiel", REFERENTIEL, "Référentiel : enjeux, orientations, objectifs"),
    FileForm("glossaire", GLOSSAIRE, "Glossaire"),
    FileForm("chiffres-agglomeration", AGGLOMERATION, "Chiffres de référence"),
    FileForm("avenants", AVENANTS, "Avenants"),
    FileForm("evaluation", EVALUATION, "Évaluation : référentiel d'impacts"),
    FileForm("instances", INSTANCES, "Instances : comités et décisions"),
)
# In an agglomeration's folder, these are shared by its communes; the others are each commune's.
SHARED_KINDS = {"referentiel", "glossaire", "chiffres-agglomeration"}


def _choices(site: Site) -> dict[str, list[dict]]:
    """Identifiers the form offers as a choice, each with its text, by the key that holds one."""
    return {
        "objectif": [{"value": oid, "label": f"{p.objectif.titre} ({oid})"} for oid, p in site.placements.items()],
        "indicateur": [{"value": i.id, "label": f"{i.libelle} ({i.id})"} for i in site.referentiel.indicateurs],
        "quartier": [{"value": q.id, "label": f"{q.nom} ({q.id})"} for q in site.quartiers],
    }


class _Schema:
    """Turns one JSON Schema into Decap fields."""

    def __init__(self, schema: dict, choices: dict[str, list[dict]]):
        self.definitions = schema.get("definitions", {})
        self.choices = choices

    def resolve(self, prop: dict) -> tuple[dict, bool]:
        """The property's own schema (references followed) and whether it may be empty (null)."""
        nullable = False
        if "anyOf" in prop:
            kept = [p for p in prop["anyOf"] if p.get("type") != "null"]
            nullable = len(kept) < len(prop["anyOf"])
            prop = {**kept[0], **{k: v for k, v in prop.items() if k != "anyOf"}}
        if "$ref" in prop:
            own = self.definitions[prop["$ref"].rsplit("/", 1)[-1]]
            prop = {**own, **{k: v for k, v in prop.items() if k != "$ref"}}
        return prop, nullable

    def fields(self, schema: dict, optional: bool = False) -> list[dict]:
        """`optional`: the group itself may be left out; the form then requires none of its fields
        (Decap would refuse to save an untouched optional group), `make check` still does."""
        required = set() if optional else set(schema.get("required", []))
        owner = schema.get("title", "")
        return [self.field(name, prop, name in required, owner) for name, prop in schema.get("properties", {}).items()]

    def field(self, name: str, prop: dict, required: bool, owner: str = "") -> dict:
        prop, nullable = self.resolve(prop)
        out: dict = {"name": name, "label": label(name), "required": required and not nullable}
        hint = prop.get("description") or HINTS.get((owner, name))
        if hint:
            out["hint"] = hint
        kind = prop.get("type")
        if kind == "object":
            out.update(widget="object", collapsed=True, fields=self.fields(prop, optional=not out["required"]))
        elif kind == "array":
            out.update(self.list_of(prop))
        elif "enum" in prop:
            out.update(widget="select", options=list(prop["enum"]))
        elif kind == "boolean":
            out.update(widget="boolean", default=prop.get("default", False))
        elif kind in ("integer", "number"):
            out.update(widget="number", value_type="int" if kind == "integer" else "float")
            for bound, key in (("minimum", "min"), ("maximum", "max")):
                if bound in prop:
                    out[key] = prop[bound]
        elif prop.get("format") == "date":
            out.update(DATE)
        elif name in self.choices and "pattern" in prop:
            out.update(widget="select", options=self.choices[name], hint=CHOICE_HINTS[name])
        else:
            out["widget"] = "text" if name in LONG_TEXTS else "string"
            if "pattern" in prop:
                out["pattern"] = [prop["pattern"], "Minuscules, chiffres et tirets seulement (ex. point-accueil-numerique)."]
                if name == "id" and owner in DERIVED_IDS:
                    out.update(required=False, hint=ID_HINT)
        return out

    def list_of(self, prop: dict) -> dict:
        items, _ = self.resolve(prop.get("items", {}))
        out: dict = {"widget": "list", "collapsed": True}
        if "minItems" in prop:
            out["min"] = prop["minItems"]
        if items.get("type") == "object":
            fields = self.fields(items)
            out["fields"] = fields
            shown = next((f["name"] for f in fields if f["name"] in ("texte", "titre", "terme", "objectif", "nom", "intitule")), None)
            if shown:
                out["summary"] = "{{fields." + shown + "}}"
        else:
            # a list of texts: shown open, each text readable without a click
            out.update(collapsed=False, field=self.field("element", items, True) | {"label": "Texte", "widget": "text"})
        return out


def _form_fields(kind: str, choices: dict[str, list[dict]]) -> list[dict]:
    schema = schema_for(kind)
    return _Schema(schema, choices).fields(schema)


def _folder(path: str, name: str) -> str:
    return f"{path}/{name}" if path else name


def collections(site: Site, content_root: str) -> list[dict]:
    """Decap collections: each commune's quartiers and pages, then the files of the convention.
    `content_root`: the content folder, relative to the repository (« content »)."""
    choices = _choices(site)
    several = len(site.communes) > 1 or site.meta is not None
    found: list[dict] = []
    shared = [form for form in COMMUNE_FILES if form.kind in SHARED_KINDS]
    if several:
        found.append(_files("agglomeration", f"Agglomération : {site.identity.nom}", content_root, shared, choices))
    for commune in site.communes:
        suffix = f"-{commune.id}" if several else ""
        named = f" : {commune.convention.contrat.commune.nom}" if several else ""
        folder = commune.folder
        found.append(
            {
                "name": f"quartiers{suffix}",
                "label": f"Quartiers{named}",
                "label_singular": "Quartier",
                "description": "Le projet de chaque quartier : portrait, irritants, objectifs poursuivis et leurs actions. " + GUIDE,
                "folder": _folder(folder, QUARTIERS_DIR),
                "extension": "yaml",
                "format": "yaml",
                "create": False,
                "delete": False,
                "identifier_field": "nom",
                "summary": "{{nom}}",
                "fields": _form_fields("quartier", choices),
            }
        )
        found.append(
            {
                "name": f"pages{suffix}",
                "label": f"Pages rédigées{named}",
                "label_singular": "Page",
                "description": "Les pages de texte (préambule, édito…) : leur en-tête, puis leur texte en Markdown. " + GUIDE,
                "folder": _folder(folder, PAGES_DIR),
                "extension": "md",
                "format": "frontmatter",
                "create": True,
                "delete": False,
                "identifier_field": "titre",
                "slug": "{{slug}}",
                "fields": [
                    *_form_fields("page", choices),
                    {"name": "body", "label": "Texte (Markdown)", "widget": "markdown", "modes": ["raw"], "required": True},
                ],
            }
        )
        own = [form for form in COMMUNE_FILES if not several or form.kind not in SHARED_KINDS]
        found.append(_files(f"convention{suffix}", f"Convention{named}", folder, own, choices))
    return found


def _files(name: str, title: str, folder: str, forms: list[FileForm], choices: dict) -> dict:
    return {
        "name": name,
        "label": title,
        "description": GUIDE,
        "editor": {"preview": False},
        "files": [
            {"name": form.kind, "label": form.label, "file": _folder(folder, form.file), "fields": _form_fields(form.kind, choices)}
            for form in forms
        ],
    }


def config(site: Site, content_root: str, site_url: str | None, local_port: int = LOCAL_PORT) -> dict:
    """The whole configuration. Without an `edition` setting (contrat.yaml or agglomeration.yaml),
    the form saves only through the local server of `make edition` (decap-server on `local_port`)."""
    edition = site.identity.edition
    local = f"http://localhost:{local_port}/api/v1"
    messages = {
        "create": "Ajout de {{collection}} « {{slug}} » (éditeur en ligne)",
        "update": "Modification de {{collection}} « {{slug}} » (éditeur en ligne)",
        "delete": "Suppression de {{collection}} « {{slug}} » (éditeur en ligne)",
    }
    if edition is None:
        backend: dict = {"name": "proxy", "proxy_url": local, "branch": "main", "commit_messages": messages}
    else:
        base = str(edition.gitlab).rstrip("/")
        backend = {
            "name": "gitlab",
            "repo": edition.depot,
            "branch": edition.branche,
            "auth_type": "pkce",
            "app_id": edition.application,
            "base_url": base,
            "auth_endpoint": "oauth/authorize",
            "api_root": f"{base}/api/v4",
            "graphql_api_root": f"{base}/api/graphql",  # unused (use_graphql is off); never gitlab.com's
            # The editor shows, before publishing, the state of the pipeline's job of this name (the
            # suite and the strict build, .gitlab-ci.yml), with a link to its log.
            "preview_context": PIPELINE_JOB,
            "commit_messages": messages,
        }
    out: dict = {
        "locale": "fr",
        "backend": backend,
        # on this computer (make edition), the form saves through decap-server into the local clone
        "local_backend": {"url": local},
        "media_folder": _folder(content_root, "medias"),
        "public_folder": "/medias",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "editor": {"preview": False},
        "show_preview_links": False,
        "collections": collections(site, content_root),
    }
    if edition is not None:
        out["publish_mode"] = "editorial_workflow"  # one merge request per change, the pipeline's verdict before merging
    if site_url:
        out["site_url"] = out["display_url"] = site_url
    return out


def taken_identifiers(site: Site) -> dict[str, list[str]]:
    """What `make formater` would not give a new action or référentiel item (data/formatting.py):
    every action identifier of the site and those its published addresses name; the référentiel's
    own, those it replaced, and those of its published pages. The form reads them (edition.js)."""
    actions = {a.id for commune in site.communes for q in commune.convention.quartiers for o in q.objectifs for a in o.actions}
    referentiel: set[str] = set()
    for commune in site.communes:
        named_actions, named_items = formatting.address_identifiers(commune.convention.adresses or [])
        actions |= named_actions
        referentiel |= named_items
    for enjeu in site.referentiel.enjeux:
        referentiel.add(enjeu.id)
        for orientation in enjeu.orientations:
            referentiel.add(orientation.id)
            for objectif in orientation.objectifs:
                referentiel.add(objectif.id)
                if objectif.remplace is not None:
                    referentiel.add(objectif.remplace.objectif)
    return {"actions": sorted(actions), "referentiel": sorted(referentiel)}


def page(site: Site) -> str:
    """The editor's page: Decap draws the whole screen; below it, the legal links every page of a
    public site carries (the accessibility statement first)."""
    return (
        jinja.html(documents=True)
        .get_template("editeur.html.j2")
        .render(nom=site.identity.nom, accessibilite_statut=site.identity.accessibilite.statut)
    )


def files(site: Site, content_root: str, site_url: str | None, local_port: int = LOCAL_PORT) -> dict[str, str]:
    """The editor's page (admin/), its configuration and the identifiers a new one must not take."""
    text = yaml.dump(
        config(site, content_root, site_url, local_port),
        Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
        allow_unicode=True,
        sort_keys=False,
        width=1000,
    )
    header = "# Généré à chaque construction depuis le modèle du contenu (macros/data/editor_config.py) : ne pas modifier.\n"
    taken = json.dumps(taken_identifiers(site), ensure_ascii=False, indent=1) + "\n"
    return {PAGE_URI: page(site), CONFIG_URI: header + text, IDS_URI: taken}
