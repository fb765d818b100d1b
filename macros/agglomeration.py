"""Reads an agglomeration folder: agglomeration.yaml, the shared referentiel.yaml and
glossaire.yaml, and communes/<id>/, one content folder per commune in today's format.

Each commune is read by the one content loader (macros/loader.py), told to take the
shared référentiel; this module adds only what crosses communes. Every problem of every
commune is reported at once, with its file and line.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from . import agglomeration_checks as checks
from .agglomeration_model import Agglomeration, CommuneConvention
from .convention import Convention
from .errors import ContentErrors, ContentProblem, relative
from .loader import GLOSSAIRE, REFERENTIEL, load_convention, load_file
from .model import AgglomerationFile, Glossaire, Referentiel
from .yaml_source import YamlDocument, read_yaml

AGGLOMERATION = "agglomeration.yaml"
COMMUNES_DIR = "communes"
_COMMUNE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_OWN_REFERENTIEL_HINT = (
    "Toutes les communes partagent le référentiel placé à la racine du dossier d'agglomération : "
    "supprimez ce fichier, ou rendez-le identique au référentiel commun."
)


def is_agglomeration(folder: Path | str) -> bool:
    return (Path(folder) / AGGLOMERATION).is_file()


def load_agglomeration(folder: Path | str, root: Path | None = None) -> Agglomeration:
    """Read and validate the whole folder; raise ContentErrors listing every problem."""
    folder = Path(folder)
    root = root if root is not None else folder.parent
    problems: list[ContentProblem] = []
    meta, meta_doc, found = load_file(folder / AGGLOMERATION, AgglomerationFile, root)
    problems += found
    # its own problems come with each commune's (the loader checks it with the quartiers)
    _, shared_ref_doc, ref_problems = load_file(folder / REFERENTIEL, Referentiel, root)
    shared_glossary, glossary_doc, found = load_file(folder / GLOSSAIRE, Glossaire, root, required=False)
    problems += found

    communes: list[CommuneConvention] = []
    commune_glossaries: list[list[checks.GlossaryEntry]] = []
    folders = sorted(p for p in (folder / COMMUNES_DIR).glob("*") if p.is_dir())
    if not folders:
        problems += ref_problems
        problems.append(ContentProblem(relative(folder / COMMUNES_DIR, root), None, None, "aucune commune : ce dossier doit contenir un dossier par commune.",
                                       "Créez-le avec « convention assembler » ou copiez-y le dossier de contenu de chaque commune (communes/<identifiant>/)."))
    for path in folders:
        rel = relative(path, root)
        if not _COMMUNE_ID.match(path.name):
            problems.append(ContentProblem(rel, None, None, f"le nom du dossier « {path.name} » ne peut pas servir d'identifiant de commune.",
                                           "Renommez-le en minuscules sans accents, chiffres et tirets (ex. hersin-coupigny)."))
        if (path / REFERENTIEL).exists():
            _, own_doc, found = load_file(path / REFERENTIEL, Referentiel, root)
            problems += found
            difference = checks.referentiel_problem(shared_ref_doc, own_doc, _OWN_REFERENTIEL_HINT) if own_doc and shared_ref_doc else None
            problems += [difference] if difference else []
        try:
            convention = load_convention(path, root=root, shared_dir=folder)
        except ContentErrors as errors:
            problems += errors.problems
            continue
        communes.append(CommuneConvention(path.name, convention, rel))
        commune_glossaries.append(commune_glossary(path, convention, root))

    problems += cross_commune_problems([(c.convention, root) for c in communes])
    shared_entries = checks.glossary_entries(list(shared_glossary.termes) if shared_glossary else [], glossary_doc)
    glossaire, found = checks.merge_glossaries(shared_entries, commune_glossaries)
    problems += found
    if problems:
        raise ContentErrors(list(dict.fromkeys(problems)))  # the shared référentiel's problems come once per commune
    communes = [replace(c, convention=replace(c.convention, glossaire=glossaire)) for c in communes]
    return Agglomeration(meta, communes[0].convention.referentiel, communes, glossaire, checks.placeholders(meta_doc))


def commune_glossary(content_dir: Path, convention: Convention, root: Path) -> list[checks.GlossaryEntry]:
    """The commune's own glossary terms, with their lines (the convention has only the terms)."""
    if not convention.glossaire:
        return []
    _, doc, _ = load_file(content_dir / GLOSSAIRE, Glossaire, root, required=False)
    return checks.glossary_entries(convention.glossaire, doc)


def cross_commune_problems(conventions: list[tuple[Convention, Path]]) -> list[ContentProblem]:
    """Quartier ids shared by several communes must describe the same quartier."""
    by_id: dict[str, list[checks.QuartierDescription]] = {}
    for convention, root in conventions:
        for quartier in convention.quartiers:
            rel = convention.sources[f"quartier:{quartier.id}"]
            doc = _document(root, rel)
            if doc is not None:
                by_id.setdefault(quartier.id, []).append(checks.QuartierDescription(quartier, doc))
    return [p for descriptions in by_id.values() if len(descriptions) > 1 for p in checks.quartier_problems(descriptions)]


def _document(root: Path, rel: str) -> YamlDocument | None:
    """A file the loader has already validated, read again for the lines of its fields."""
    path = Path(rel) if Path(rel).is_absolute() else root / rel
    doc, _ = read_yaml(path, rel)
    return doc
