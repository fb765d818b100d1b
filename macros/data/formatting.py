"""`make formater`: every content file written in the repository's one format (the canonical
form, macros/data/canonical.py), whoever saved it last — a text editor, the form editor,
which rewrites a file in its own style, or a spreadsheet import.

It also gives an identifier to each action, objectif, orientation or enjeu written without one
(macros/domain/identifiers.py); an existing identifier is never changed. A file that does not
read or validate is left as it is, with `make check`'s French problems. A file whose data the
formatting would change (it never should) is left as it is too, and said.
"""

from __future__ import annotations

import copy
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml.error import YAMLError

from macros.data import canonical
from macros.domain.identifiers import new_identifier
from macros.domain.model import FILE_KINDS
from macros.reading import places
from macros.reading.errors import ContentProblem, relative
from macros.reading.loader import (
    ADRESSES,
    AGGLOMERATION,
    AVENANTS,
    CONTRAT,
    CORRECTIONS,
    EVALUATION,
    GLOSSAIRE,
    INSTANCES,
    PAGES_DIR,
    QUARTIERS_DIR,
    REFERENTIEL,
    page_problems,
)
from macros.reading.messages import problems_from
from macros.reading.shared_checks import dotted, first_difference
from macros.reading.site import AGGLOMERATION as AGGLOMERATION_FILE
from macros.reading.site import COMMUNES_DIR
from macros.reading.yaml_source import YamlDocument, decode, parse_yaml

SCHEMAS_DIR = "schemas"
# The files of a commune's content folder, by kind; quartiers/ and pages/ hold the others.
_COMMUNE_FILES = (
    (CONTRAT, "contrat"),
    (REFERENTIEL, "referentiel"),
    (GLOSSAIRE, "glossaire"),
    (CORRECTIONS, "corrections"),
    (AVENANTS, "avenants"),
    (AGGLOMERATION, "chiffres-agglomeration"),
    (EVALUATION, "evaluation"),
    (INSTANCES, "instances"),
)
_AGGLOMERATION_FILES = (
    (AGGLOMERATION_FILE, "agglomeration"),
    (REFERENTIEL, "referentiel"),
    (GLOSSAIRE, "glossaire"),
    (AGGLOMERATION, "chiffres-agglomeration"),
)
# Where published addresses name identifiers: `#<quartier>--<action>`, `objectifs/<id>/`…
_ACTION_ANCHOR = re.compile(r"#[a-z0-9-]+?--([a-z0-9]+(?:-[a-z0-9]+)*)$")
_REFERENTIEL_PAGE = re.compile(r"(?:^|/)(?:enjeux|orientations|objectifs)/([a-z0-9]+(?:-[a-z0-9]+)*)/")


@dataclass(frozen=True)
class ContentFile:
    path: Path
    kind: str  # a key of FILE_KINDS
    folder: Path  # the content folder it belongs to, whose schemas/ it references


@dataclass(frozen=True)
class CreatedIdentifier:
    file: str
    identifier: str
    what: str  # « action », « objectif »…
    text: str  # the text it is derived from


@dataclass
class FormatReport:
    rewritten: list[str] = field(default_factory=list)  # files not in canonical form (written, unless checking)
    problems: list[ContentProblem] = field(default_factory=list)  # files left untouched: they do not read or validate
    refused: list[str] = field(default_factory=list)  # French: files left untouched, the format would change their data
    created: list[CreatedIdentifier] = field(default_factory=list)


def content_files(folder: Path) -> list[ContentFile]:
    """Every content file of a commune's or an agglomeration's folder, with its kind."""
    if (folder / AGGLOMERATION_FILE).is_file():
        files = [ContentFile(folder / name, kind, folder) for name, kind in _AGGLOMERATION_FILES if (folder / name).is_file()]
        for commune in sorted(p for p in (folder / COMMUNES_DIR).glob("*") if p.is_dir()):
            files += _commune_files(commune)
        return files
    return _commune_files(folder)


def _commune_files(folder: Path) -> list[ContentFile]:
    files = [ContentFile(folder / name, kind, folder) for name, kind in _COMMUNE_FILES if (folder / name).is_file()]
    quartiers = sorted((folder / QUARTIERS_DIR).glob("*.yaml")) + sorted((folder / QUARTIERS_DIR).glob("*.yml"))
    files += [ContentFile(path, "quartier", folder) for path in quartiers]
    files += [ContentFile(path, "page", folder) for path in sorted((folder / PAGES_DIR).glob("*.md"))]
    return files


def format_folder(folder: Path | str, only: list[Path] | None = None, write: bool = True, root: Path | None = None) -> FormatReport:
    """Put the folder's content files (or `only` these) in canonical form, creating missing
    identifiers; with write=False, only say which files are not in canonical form."""
    folder = Path(folder)
    root = root if root is not None else folder.parent
    files = content_files(folder)
    report = FormatReport()
    if only is not None:
        known = {f.path.resolve(): f for f in files}
        chosen = []
        for path in only:
            if path.resolve() in known:
                chosen.append(known[path.resolve()])
            else:
                report.problems.append(
                    ContentProblem(
                        relative(path, root),
                        None,
                        None,
                        f"ce n'est pas un fichier de contenu du dossier {relative(folder, root)}.",
                        "Indiquez un fichier .yaml de ce dossier (ou de quartiers/), ou une page de pages/.",
                    )
                )
        files = chosen
    taken = _Taken(content_files(folder))
    for content_file in files:
        _format_file(content_file, root, taken, write, report)
    return report


def address_identifiers(lines) -> tuple[set[str], set[str]]:
    """The action identifiers and the référentiel identifiers that published addresses name: a new
    identifier never takes one, lest a partner's old link lead to something else."""
    actions: set[str] = set()
    referentiel: set[str] = set()
    for line in lines:
        actions.update(_ACTION_ANCHOR.findall(line.strip()))
        referentiel.update(_REFERENTIEL_PAGE.findall(line.strip()))
    return actions, referentiel


class _Taken:
    """Identifiers already used, that a new one must not repeat: every action's of the folder
    (and those its published addresses name), and, per référentiel, its own."""

    def __init__(self, files: list[ContentFile]):
        self.actions: set[str] = set()
        self.referentiels: dict[Path, set[str]] = {}
        folders = {f.folder for f in files}
        for content_file in files:
            if content_file.kind == "quartier":
                data = _data(content_file.path)
                for action in _actions(data):
                    if isinstance(action.get("id"), str):
                        self.actions.add(action["id"])
        self.from_addresses: set[str] = set()
        for content_folder in folders:
            path = content_folder / ADRESSES
            if path.is_file():
                actions, referentiel = address_identifiers(path.read_text(encoding="utf-8", errors="replace").splitlines())
                self.actions |= actions
                self.from_addresses |= referentiel

    def referentiel(self, path: Path, data: Any) -> set[str]:
        if path not in self.referentiels:
            found = set(self.from_addresses)
            for _, _, item in _referentiel_items(data):
                if isinstance(item.get("id"), str):
                    found.add(item["id"])
                replaced = item.get("remplace")
                if isinstance(replaced, dict) and isinstance(replaced.get("objectif"), str):
                    found.add(replaced["objectif"])
            self.referentiels[path] = found
        return self.referentiels[path]


def _data(path: Path) -> Any:
    text, _ = decode(path.read_bytes(), path.name)
    doc, _ = parse_yaml(text, path.name) if text is not None else (None, [])
    return doc.data if doc is not None else None


def _items(node: Any, key: str) -> list[tuple[int, dict]]:
    items = node.get(key) if isinstance(node, dict) else None
    return [(index, item) for index, item in enumerate(items) if isinstance(item, dict)] if isinstance(items, list) else []


def _actions(data: Any) -> list[dict]:
    return [action for _, objectif in _items(data, "objectifs") for _, action in _items(objectif, "actions")]


def _referentiel_items(data: Any) -> list[tuple[tuple, str, dict]]:
    """(path, kind, item) of each enjeu, orientation and objectif, in the file's order."""
    found = []
    for e, enjeu in _items(data, "enjeux"):
        found.append((("enjeux", e), "enjeu", enjeu))
        for o, orientation in _items(enjeu, "orientations"):
            found.append((("enjeux", e, "orientations", o), "orientation", orientation))
            for j, objectif in _items(orientation, "objectifs"):
                found.append((("enjeux", e, "orientations", o, "objectifs", j), "objectif", objectif))
    return found


def _missing_id(item: dict) -> bool:
    return item.get("id") is None or item.get("id") == ""


def _at(tree: Any, path: tuple) -> Any:
    for part in path:
        tree = tree[part]
    return tree


def _create_identifiers(content_file: ContentFile, rel: str, data: Any, tree: Any, taken: _Taken) -> list[CreatedIdentifier]:
    """Give an identifier to each action (quartier) or enjeu, orientation, objectif (référentiel)
    that has none, in `data` and in the round-trip `tree` alike."""
    created = []
    if content_file.kind == "quartier":
        for o, objectif in _items(data, "objectifs"):
            for a, action in _items(objectif, "actions"):
                if _missing_id(action) and isinstance(action.get("texte"), str) and action["texte"].strip():
                    identifier = new_identifier(action["texte"], taken.actions, "action")
                    taken.actions.add(identifier)
                    _set_id(action, _at(tree, ("objectifs", o, "actions", a)), identifier)
                    created.append(CreatedIdentifier(rel, identifier, "action", action["texte"]))
    elif content_file.kind == "referentiel":
        used = taken.referentiel(content_file.path, data)
        for path, what, item in _referentiel_items(data):
            if _missing_id(item) and isinstance(item.get("titre"), str) and item["titre"].strip():
                identifier = new_identifier(item["titre"], used, what)
                used.add(identifier)
                _set_id(item, _at(tree, path), identifier)
                created.append(CreatedIdentifier(rel, identifier, what, item["titre"]))
    return created


def _set_id(item: dict, node: Any, identifier: str) -> None:
    item["id"] = identifier
    if "id" in node:
        node["id"] = identifier
    else:
        node.insert(0, "id", identifier)


def _schema_path(content_file: ContentFile, text: str) -> str | None:
    """The schema the file's first line names: when its content folder has it (the form editor
    drops that line), or when the file already names one (a copy of a folder without schemas/)."""
    if content_file.kind == "page":
        return None
    schema = content_file.folder / SCHEMAS_DIR / f"{content_file.kind}.schema.json"
    if not schema.is_file() and not text.startswith(canonical.SCHEMA_COMMENT):
        return None
    return Path(os.path.relpath(schema, content_file.path.parent)).as_posix()


def _validate(doc: YamlDocument, data: Any, model: type[BaseModel], kind: str) -> tuple[BaseModel | None, list[ContentProblem]]:
    if not isinstance(data, dict):
        return None, [ContentProblem(doc.path, 1, None, "le fichier doit être un bloc de clés (clé : valeur).", None)]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, [places.locate(p, {doc.path: (kind, data)}, {}) for p in problems_from(exc, doc, model)]


def _format_file(content_file: ContentFile, root: Path, taken: _Taken, write: bool, report: FormatReport) -> None:
    path, kind = content_file.path, content_file.kind
    rel = relative(path, root)
    raw = path.read_bytes()
    model = FILE_KINDS[kind]
    if kind == "page":
        problems = page_problems(path, root)
        if problems:
            report.problems += problems
            return
        text = raw.decode("utf-8-sig")
        header, before, after = canonical.split_front_matter(text)  # a valid page has one
        yaml_text, shift = header, before.count("\n")
    else:
        text, problems = decode(raw, rel)
        if text is None:
            report.problems += problems
            return
        yaml_text, shift = text, 0
    doc, problems = parse_yaml(yaml_text, rel)
    if doc is None or problems:
        report.problems += [
            ContentProblem(p.file, (p.line or 0) + shift if p.line else p.line, p.field, p.message, p.hint) for p in problems
        ]
        return
    data = copy.deepcopy(doc.data)
    try:
        tree = canonical.load_tree(yaml_text)
    except YAMLError as exc:  # read by the loader, not by ruamel.yaml's round trip: never seen, but never a traceback
        report.problems.append(
            ContentProblem(rel, None, None, f"la mise en forme ne sait pas relire ce fichier ({exc.__class__.__name__}).", None)
        )
        return
    created = _create_identifiers(content_file, rel, data, tree, taken)
    before_model, problems = _validate(doc, data, model, kind)
    if before_model is None:
        report.problems += problems
        return
    formatted = canonical.canonical_yaml(tree, model, _schema_path(content_file, yaml_text))
    difference = _changed_data(formatted, rel, model, before_model, data)
    if difference is not None:
        report.refused.append(
            f"{rel} : la mise en forme changerait les données{difference} ; le fichier n'a pas été modifié. "
            "Signalez-le à l'équipe technique."
        )
        return
    new_text = before + formatted + after if kind == "page" else formatted
    new_raw = new_text.encode("utf-8")
    if new_raw == raw:
        return
    report.rewritten.append(rel)
    if write:
        path.write_bytes(new_raw)
        report.created += created


def _changed_data(formatted: str, rel: str, model: type[BaseModel], expected: BaseModel, data: Any) -> str | None:
    """None if the formatted text reads back to the same data; else where it differs (French)."""
    doc, problems = parse_yaml(formatted, rel)
    if doc is None or problems:
        return ""
    try:
        where = first_difference(expected.model_dump(), model.model_validate(doc.data).model_dump())
    except ValidationError:
        where = first_difference(data, doc.data) or ()
    if where is None:
        return None
    return f" (champ « {dotted(where)} »)" if where else ""
