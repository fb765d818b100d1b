"""Reads a content folder into a Site: the one place that tells a commune's folder from an
agglomeration's, and picks the site's address scheme (domain/uris.py).

A commune's folder (contrat.yaml, quartiers/…) is a site of one commune. An agglomeration's
folder holds agglomeration.yaml, the shared referentiel.yaml, glossaire.yaml and
chiffres-agglomeration.yaml, and communes/<id>/, one content folder per commune in the same
format. Each commune is read by the one content loader (macros/reading/loader.py), told to
take the shared référentiel; this module adds only what crosses communes. Every problem of
every commune is reported at once, with its file and line.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from macros.domain.convention import Convention
from macros.domain.model import AgglomerationFile, ChiffresAgglomeration, Glossaire, Referentiel
from macros.domain.site import CommuneConvention, Site, SiteIdentity
from macros.domain.slug import slug
from macros.domain.uris import AgglomerationSite
from macros.reading import shared_checks as checks
from macros.reading.errors import ContentErrors, ContentProblem, relative
from macros.reading.loader import AGGLOMERATION as CHIFFRES
from macros.reading.loader import GLOSSAIRE, REFERENTIEL, load_convention, load_file
from macros.reading.yaml_source import YamlDocument, read_yaml

AGGLOMERATION = "agglomeration.yaml"
COMMUNES_DIR = "communes"
_COMMUNE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Files the communes share, at the top of the folder: a commune may keep an identical copy.
SHARED = ((REFERENTIEL, Referentiel, True), (CHIFFRES, ChiffresAgglomeration, False))  # (file, model, required)
_OWN_COPY_HINT = (
    "Toutes les communes partagent le fichier placé à la racine du dossier d'agglomération : "
    "supprimez cette copie, ou rendez-la identique au fichier commun."
)


def is_agglomeration(folder: Path | str) -> bool:
    return (Path(folder) / AGGLOMERATION).is_file()


def load_site(folder: Path | str, root: Path | None = None) -> Site:
    """Read and validate a content folder, a commune's or an agglomeration's; raise
    ContentErrors listing every problem."""
    folder = Path(folder)
    if is_agglomeration(folder):
        return load_agglomeration(folder, root)
    convention = load_convention(folder, root=root)
    commune = CommuneConvention(
        slug(convention.contrat.commune.nom), convention, relative(folder, root if root is not None else folder.parent)
    )
    return Site.of_commune(commune)


def load_agglomeration(folder: Path | str, root: Path | None = None) -> Site:
    """Read and validate an agglomeration's folder; raise ContentErrors listing every problem."""
    folder = Path(folder)
    root = root if root is not None else folder.parent
    problems: list[ContentProblem] = []
    meta, meta_doc, found = load_file(folder / AGGLOMERATION, AgglomerationFile, root)
    problems += found
    # their own problems come with each commune's (the loader checks them with the quartiers)
    shared_docs = {name: load_file(folder / name, model, root, required) for name, model, required in SHARED}
    ref_problems = shared_docs[REFERENTIEL][2]
    shared_glossary, glossary_doc, found = load_file(folder / GLOSSAIRE, Glossaire, root, required=False)
    problems += found

    communes: list[CommuneConvention] = []
    commune_glossaries: list[list[checks.GlossaryEntry]] = []
    folders = sorted(p for p in (folder / COMMUNES_DIR).glob("*") if p.is_dir())
    if not folders:
        problems += ref_problems
        problems.append(
            ContentProblem(
                relative(folder / COMMUNES_DIR, root),
                None,
                None,
                "aucune commune : ce dossier doit contenir un dossier par commune.",
                "Créez-le avec « make assembler » ou copiez-y le dossier de contenu de chaque commune (communes/<identifiant>/).",
            )
        )
    for path in folders:
        rel = relative(path, root)
        if not _COMMUNE_ID.match(path.name):
            problems.append(
                ContentProblem(
                    rel,
                    None,
                    None,
                    f"le nom du dossier « {path.name} » ne peut pas servir d'identifiant de commune.",
                    "Renommez-le en minuscules sans accents, chiffres et tirets (ex. hersin-coupigny).",
                )
            )
        for name, model, _ in SHARED:
            if (path / name).exists():
                problems += _own_copy_problems(path / name, model, shared_docs[name][1], folder, root)
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
    first = communes[0].convention
    return Site(
        SiteIdentity.of_agglomeration(meta, first),
        AgglomerationSite(),
        first.referentiel,
        communes,
        glossaire,
        meta,
        checks.placeholders(meta_doc),
    )


def _own_copy_problems(path: Path, model: type, shared: YamlDocument | None, folder: Path, root: Path) -> list[ContentProblem]:
    _, own, problems = load_file(path, model, root)
    if own is None:
        return problems
    if shared is None:
        return problems + [
            ContentProblem(
                own.path,
                None,
                None,
                f"ce fichier est commun à toutes les communes : sa place est à la racine du dossier d'agglomération ({relative(folder / path.name, root)}).",
                "Déplacez-le à la racine (un seul fichier pour toutes les communes).",
            )
        ]
    difference = checks.copy_problem(shared, own, _OWN_COPY_HINT)
    return problems + ([difference] if difference else [])


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
    """A file the loader has already validated, for the lines of its fields (parse_yaml
    keeps the parsed document: same text, no second parse)."""
    path = Path(rel) if Path(rel).is_absolute() else root / rel
    doc, _ = read_yaml(path, rel)
    return doc
