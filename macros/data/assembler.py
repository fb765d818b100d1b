"""`convention assembler`: one agglomeration folder from the communes' content folders.

Each commune's folder is copied unchanged into communes/<id>/ (id: the slug of the
commune's name), except its référentiel, agglomeration figures and glossary, which are
lifted to the top: the agglomeration has one of each. agglomeration.yaml is written from what the communes'
contrat.yaml have in common (agglomération, titre, période), « À compléter » elsewhere. Everything is checked first
(with the same checks as `convention check`) and written into a staging folder renamed
at the end: on any error, nothing is written.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macros.data import formatting
from macros.domain.convention import Convention
from macros.domain.model import Publication, Terme
from macros.domain.slug import slug
from macros.reading import schema
from macros.reading import shared_checks as checks
from macros.reading.errors import ContentErrors, ContentProblem, relative
from macros.reading.loader import CONTRAT, GLOSSAIRE, load_convention, load_file
from macros.reading.site import (
    AGGLOMERATION,
    COMMUNES_DIR,
    SHARED,
    commune_glossary,
    cross_commune_problems,
    is_agglomeration,
    load_agglomeration,
)

_COMMUNE_COPY_HINT = (
    "Les communes d'une même agglomération partagent un seul référentiel et les mêmes chiffres de l'agglomération : "
    "rendez ce fichier identique à celui de l'autre commune avant d'assembler."
)


@dataclass
class Assembly:
    folder: Path
    communes: list[tuple[str, str]]  # (id, nom)
    termes: int
    a_completer: list[str]


def assemble(target: Path, sources: list[Path], root: Path) -> Assembly:
    """Check the communes, then write the folder; raise ContentErrors (nothing written)."""
    target_rel = relative(target, root)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ContentErrors(
            [
                ContentProblem(
                    target_rel,
                    None,
                    None,
                    "ce dossier existe déjà et n'est pas vide : l'assemblage n'écrase rien.",
                    "Indiquez un nouveau dossier, ou videz celui-ci.",
                )
            ]
        )
    inside = [s for s in sources if target.resolve().is_relative_to(s.resolve())]
    if inside:  # the copy would copy itself
        raise ContentErrors(
            [
                ContentProblem(
                    target_rel,
                    None,
                    None,
                    f"ce dossier est à l'intérieur du dossier de contenu {relative(inside[0], root)}.",
                    "Créez le dossier d'agglomération à côté des dossiers de contenu, pas dedans.",
                )
            ]
        )
    conventions, shared, problems = _read_communes(sources, root)
    if problems:
        raise ContentErrors(list(dict.fromkeys(problems)))

    staging = target.with_name(f".{target.name}.assemblage")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        _write(staging, conventions, sources, shared)
        agglomeration = load_agglomeration(staging, root)  # the same checks as `convention check`
        if target.exists():
            target.rmdir()
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    placeholders = [line.replace(relative(staging, root), target_rel, 1) for line in agglomeration.a_completer]
    communes = [(c.id, c.nom) for c in agglomeration.communes]
    return Assembly(target, communes, len(agglomeration.glossaire), placeholders)


def _read_communes(sources: list[Path], root: Path) -> tuple[list[tuple[str, Convention]], dict[str, Path], list[ContentProblem]]:
    problems: list[ContentProblem] = []
    conventions: list[tuple[str, Convention]] = []
    first: dict[str, Path] = {}  # shared file → the first commune's, which goes to the top
    first_docs = {}
    seen: dict[str, str] = {}  # commune id → its contrat.yaml
    glossaries = []
    for source in sources:
        rel = relative(source, root)
        if is_agglomeration(source):
            problems.append(
                ContentProblem(
                    rel,
                    None,
                    None,
                    "ce dossier est déjà un dossier d'agglomération.",
                    "Indiquez les dossiers de contenu des communes (ceux qui contiennent contrat.yaml).",
                )
            )
            continue
        try:
            convention = load_convention(source, root=root)
        except ContentErrors as errors:
            problems += errors.problems
            continue
        for name, model, _ in SHARED:
            if not (source / name).exists():
                continue
            _, doc, _ = load_file(source / name, model, root)
            if name not in first:
                first[name], first_docs[name] = source / name, doc
            elif doc is not None and first_docs[name] is not None:
                difference = checks.copy_problem(first_docs[name], doc, _COMMUNE_COPY_HINT)
                problems += [difference] if difference else []
        commune_id = slug(convention.contrat.commune.nom)
        contrat_rel = relative(source / CONTRAT, root)
        if commune_id in seen:
            problems.append(
                ContentProblem(
                    contrat_rel,
                    None,
                    "commune.nom",
                    f"la commune « {convention.contrat.commune.nom} » est déjà celle de {seen[commune_id]}.",
                    "Chaque dossier de contenu indiqué doit être celui d'une commune différente.",
                )
            )
            continue
        seen[commune_id] = contrat_rel
        conventions.append((commune_id, convention))
        glossaries.append(commune_glossary(source, convention, root))
    problems += cross_commune_problems([(c, root) for _, c in conventions])
    problems += checks.merge_glossaries([], glossaries)[1]
    return conventions, first, problems


def _write(staging: Path, conventions: list[tuple[str, Convention]], sources: list[Path], shared: dict[str, Path]) -> None:
    staging.mkdir(parents=True)
    lifted = shutil.ignore_patterns(GLOSSAIRE, *(name for name, _, _ in SHARED))
    for (commune_id, _), source in zip(conventions, sources):
        # schemas/ comes along: the commune's files point to it in their first line
        shutil.copytree(
            source, staging / COMMUNES_DIR / commune_id, ignore=lambda d, names: lifted(d, names) if Path(d) == source else set()
        )
    schema.write_all(staging)
    for name, path in shared.items():
        shutil.copyfile(path, staging / name)
    glossaire = checks.merge_glossaries([], [[checks.GlossaryEntry(t, "", None) for t in c.glossaire] for _, c in conventions])[0]
    (staging / GLOSSAIRE).write_text(_glossary_yaml(glossaire), encoding="utf-8")
    (staging / AGGLOMERATION).write_text(_agglomeration_yaml([c for _, c in conventions]), encoding="utf-8")
    # one repository format: the lifted référentiel names the folder's schemas/ in its first line
    formatting.format_folder(staging)


def _glossary_yaml(termes: list[Terme]) -> str:
    """Written as editors write it (two-space indent, texts in quotes), not as a YAML dumper would."""
    lines = [
        "# yaml-language-server: $schema=schemas/glossaire.schema.json",
        "# Glossaire commun à toutes les communes de l'agglomération.",
        "termes:" if termes else "termes: []",
    ]
    for terme in termes:
        fields = terme.model_dump(exclude_none=True)
        lines += [f"  {'-' if i == 0 else ' '} {key}: {_text(value)}" for i, (key, value) in enumerate(fields.items())]
    return "\n".join(lines) + "\n"


def _common(values: list[Any]) -> Any:
    """The value every commune gives, or None when they differ or give none."""
    return values[0] if values and all(v == values[0] for v in values) else None


def _text(value: str | None) -> str:
    return json.dumps(value if value is not None else checks.PLACEHOLDER, ensure_ascii=False)


def _agglomeration_yaml(conventions: list[Convention]) -> str:
    contrats = [c.contrat for c in conventions]
    nom = _common([c.agglomeration.nom for c in contrats])
    sigle = _common([c.agglomeration.sigle for c in contrats])
    titre = _common([c.titre for c in contrats])
    periode = _common([c.periode for c in contrats])
    lines = [
        "# yaml-language-server: $schema=schemas/agglomeration.schema.json",
        "# L'agglomération et son contrat de ville, cadre des conventions d'application des communes.",
        "# Écrit par « make assembler » : complétez chaque valeur « À compléter » ou vide.",
        f"nom: {_text(nom)}",
        f"sigle: {_text(sigle)}",
        "contrat_cadre:",
        f"  titre: {_text(titre)}",
        "  date_signature:  # À compléter : date de signature du contrat de ville, AAAA-MM-JJ",
    ]
    if periode is not None:
        lines += ["  periode:", f"    debut: {periode.debut}", f"    fin: {periode.fin}"]
    else:
        lines += ["  periode:  # À compléter : les communes indiquent des périodes différentes (debut, fin)"]
    # the communes' publication is theirs (their editor, their site): not the agglomeration's
    lines.append("publication:  # mentions légales du site de l'agglomération")
    for name, info in Publication.model_fields.items():
        lines.append(f"  {name}: {_text(None)}" if info.is_required() else f"  {name}:  # À compléter (facultatif)")
    return "\n".join(lines) + "\n"
