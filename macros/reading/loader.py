"""The only reader of content/: files → validated Convention, or every error at once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from macros.domain.convention import Convention, Page
from macros.domain.model import (
    FILE_KINDS,
    Avenants,
    ChiffresAgglomeration,
    Contrat,
    Corrections,
    Evaluation,
    Glossaire,
    Instances,
    PageMeta,
    Quartier,
    Referentiel,
)
from macros.reading import (
    commune_outlines,
    crossrefs,
    evaluation_checks,
    geojson_checks,
    history_checks,
    perimeters,
    places,
)
from macros.reading.errors import ContentErrors, ContentProblem, relative
from macros.reading.messages import problems_from
from macros.reading.yaml_locations import QuartierSource, action_locations
from macros.reading.yaml_source import YamlDocument, decode, parse_yaml, read_yaml

CONTRAT = "contrat.yaml"
REFERENTIEL = "referentiel.yaml"
GLOSSAIRE = "glossaire.yaml"
CORRECTIONS = "corrections.yaml"
AVENANTS = "avenants.yaml"
ADRESSES = "adresses.txt"  # every address the site has published (macros/lifecycle/addresses.py)
AGGLOMERATION = "chiffres-agglomeration.yaml"
EVALUATION = "evaluation.yaml"  # the référentiel d'impacts, optional
INSTANCES = "instances.yaml"  # the comités held, optional
COMMUNES = "communes.geojson"
QUARTIERS_DIR = "quartiers"
PAGES_DIR = "pages"
_KINDS = {model: kind for kind, model in FILE_KINDS.items()}


class _Reader:
    def __init__(self, content_dir: Path, root: Path | None = None):
        self.content_dir = content_dir
        self.root = root if root is not None else content_dir.parent
        self.problems: list[ContentProblem] = []
        self.sources: dict[str, str] = {}
        self.page_ordre_lines: dict[str, int | None] = {}
        self.documents: dict[str, tuple[str, Any]] = {}  # file → (kind, data as read), to name places in errors

    def rel(self, path: Path) -> str:
        return relative(path, self.root)

    def model(self, path: Path, model: type[BaseModel], required: bool = True) -> tuple[Any, YamlDocument | None]:
        rel = self.rel(path)
        if not path.exists():
            if required:
                self.problems.append(
                    ContentProblem(rel, None, None, "fichier obligatoire introuvable.", "Restaurez-le depuis l'historique du dépôt.")
                )
            return None, None
        doc, problems = read_yaml(path, rel)
        self.problems += problems
        if doc is None:
            return None, None
        self.documents[rel] = (_KINDS.get(model, ""), doc.data)
        return self.validate(doc, model), doc

    def validate(self, doc: YamlDocument, model: type[BaseModel]) -> Any:
        if not isinstance(doc.data, dict):
            self.problems.append(ContentProblem(doc.path, 1, None, "le fichier doit être un bloc de clés (clé : valeur).", None))
            return None
        try:
            return model.model_validate(doc.data)
        except ValidationError as exc:
            self.problems += problems_from(exc, doc, model)
            return None

    def geojson(self, path: Path, field: str | None, owner: str, line: int | None, outlines: bool = False) -> dict | None:
        """A perimeter (or, `outlines`, communes.geojson) whose shapes every map can draw, or None and its problems."""
        if not path.exists():
            self.problems.append(
                ContentProblem(
                    owner,
                    line,
                    field,
                    f"le fichier « {path.name} » est introuvable dans {self.rel(path.parent)}/.",
                    "Vérifiez le nom du fichier ou ajoutez-le.",
                )
            )
            return None
        text, problems = decode(path.read_bytes(), self.rel(path))
        self.problems += problems
        if text is None:
            return None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            self.problems.append(
                ContentProblem(
                    self.rel(path),
                    exc.lineno,
                    None,
                    f"GeoJSON illisible ({exc.msg}).",
                    "Vérifiez le fichier avec un outil comme geojson.io.",
                )
            )
            return None
        found = geojson_checks.problems(data, commune_outlines.name if outlines else geojson_checks.perimeter_name)
        self.problems += [ContentProblem(self.rel(path), None, None, message, hint) for message, hint in found]
        return None if found else data

    def page(self, path: Path) -> Page | None:
        rel = self.rel(path)
        text, problems = decode(path.read_bytes(), rel)
        self.problems += problems
        if text is None:
            return None
        if not text.startswith("---\n") or "\n---\n" not in text[3:]:
            self.problems.append(
                ContentProblem(
                    rel,
                    1,
                    None,
                    "l'en-tête YAML manque.",
                    "Commencez le fichier par une ligne « --- », puis « titre: … » et « ordre: … », puis une ligne « --- ».",
                )
            )
            return None
        end = text.index("\n---\n", 3)
        header, body = text[4 : end + 1], text[end + 5 :]
        doc, problems = parse_yaml(header, rel)
        # the header starts on line 2 of the file
        self.problems += [ContentProblem(p.file, (p.line or 0) + 1, p.field, p.message, p.hint) for p in problems]
        if doc is None:
            return None
        before = len(self.problems)
        meta = self.validate(doc, PageMeta)
        for index in range(before, len(self.problems)):
            p = self.problems[index]
            self.problems[index] = ContentProblem(p.file, (p.line or 0) + 1, p.field, p.message, p.hint)
        if meta is None:
            return None
        line = doc.line_of(("ordre",))
        self.page_ordre_lines[rel] = line + 1 if line else None  # the header starts on line 2
        body_line = text[: end + 5].count("\n") + 1 + body[: len(body) - len(body.lstrip())].count("\n")
        return Page(path.stem, meta.titre, meta.ordre, body.strip() + "\n", rel, meta.signature, meta.description, meta.fait_a, body_line)


def load_convention(content_dir: Path | str, *, root: Path | None = None, shared_dir: Path | None = None) -> Convention:
    """Read and validate all of content/; raise ContentErrors listing every problem.

    For a commune of an agglomeration folder (macros/reading/site.py): `root` is what
    file names in errors are relative to; `shared_dir` holds the shared referentiel.yaml
    and chiffres-agglomeration.yaml, read instead of the commune's own, and files its
    corrections may name."""
    content_dir = Path(content_dir)
    reader = _Reader(content_dir, root)
    if not content_dir.is_dir():
        raise ContentErrors([ContentProblem(reader.rel(content_dir), None, None, "dossier de contenu introuvable.", None)])

    contrat, _ = reader.model(content_dir / CONTRAT, Contrat)
    referentiel_path = (shared_dir if shared_dir is not None else content_dir) / REFERENTIEL
    referentiel, ref_doc = reader.model(referentiel_path, Referentiel)
    glossaire, _ = reader.model(content_dir / GLOSSAIRE, Glossaire, required=False)
    corrections, corr_doc = reader.model(content_dir / CORRECTIONS, Corrections, required=False)
    avenants, avenants_doc = reader.model(content_dir / AVENANTS, Avenants, required=False)
    if avenants_doc is not None:
        reader.sources["avenants"] = avenants_doc.path
    agglomeration, agglo_doc = reader.model(
        (shared_dir if shared_dir is not None else content_dir) / AGGLOMERATION, ChiffresAgglomeration, required=False
    )
    evaluation, evaluation_doc = reader.model(content_dir / EVALUATION, Evaluation, required=False)
    if evaluation_doc is not None:
        reader.sources["evaluation"] = evaluation_doc.path
    instances, instances_doc = reader.model(content_dir / INSTANCES, Instances, required=False)
    if instances_doc is not None:
        reader.sources["instances"] = instances_doc.path
    reader.sources["contrat"] = reader.rel(content_dir / CONTRAT)
    reader.sources["referentiel"] = reader.rel(referentiel_path)

    quartiers: list[tuple[Quartier, YamlDocument]] = []
    quartier_files = sorted((content_dir / QUARTIERS_DIR).glob("*.yaml")) + sorted((content_dir / QUARTIERS_DIR).glob("*.yml"))
    if not quartier_files:
        reader.problems.append(
            ContentProblem(
                reader.rel(content_dir / QUARTIERS_DIR),
                None,
                None,
                "aucun quartier : le dossier ne contient aucun fichier .yaml.",
                "Ajoutez un fichier par quartier (voir le guide de rédaction).",
            )
        )
    perimetres: dict[str, dict] = {}
    perimetre_files: dict[str, str] = {}
    for path in quartier_files:
        quartier, doc = reader.model(path, Quartier)
        if quartier is None or doc is None:
            continue
        quartiers.append((quartier, doc))
        reader.sources[f"quartier:{quartier.id}"] = doc.path
        if quartier.perimetre:
            geo = reader.geojson(
                path.parent / quartier.perimetre.fichier, "perimetre.fichier", doc.path, doc.line_of(("perimetre", "fichier"))
            )
            if geo is not None:
                perimetres[quartier.id] = geo
                perimetre_files[quartier.id] = reader.rel(path.parent / quartier.perimetre.fichier)

    pages = []
    for path in sorted((content_dir / PAGES_DIR).glob("*.md")):
        page = reader.page(path)
        if page:
            pages.append(page)

    communes_geo = None
    if (content_dir / COMMUNES).exists():
        communes_geo = reader.geojson(content_dir / COMMUNES, None, reader.rel(content_dir / COMMUNES), None, outlines=True)
        outlines_problem = commune_outlines.problem(communes_geo) if communes_geo is not None else None
        if outlines_problem:
            reader.problems.append(ContentProblem(reader.rel(content_dir / COMMUNES), None, None, *outlines_problem))
    reader.problems += perimeters.check([(q, d.path) for q, d in quartiers], perimetres, perimetre_files, communes_geo)

    if referentiel is not None and ref_doc is not None:
        reader.problems += crossrefs.check_referentiel(referentiel, ref_doc)
        reader.problems += crossrefs.check_quartiers(referentiel, quartiers)
        if agglomeration is not None and agglo_doc is not None:
            reader.problems += crossrefs.check_agglomeration(referentiel, agglomeration, agglo_doc)
    reader.problems += crossrefs.check_pages(pages, reader.page_ordre_lines)
    if contrat is not None:
        reader.problems += evaluation_checks.check_page_macros(
            pages, [q for q, _ in quartiers], evaluation, contrat.signature.date.year, max(contrat.periode.fin, contrat.signature.date.year)
        )
    if referentiel is not None and evaluation is not None and evaluation_doc is not None:
        reader.problems += evaluation_checks.check(evaluation, evaluation_doc, referentiel, [q for q, _ in quartiers])
    if corrections is not None and corr_doc is not None:
        reader.problems += crossrefs.check_corrections(corrections, corr_doc, content_dir, shared_dir)
    if avenants is not None and avenants_doc is not None:
        reader.problems += history_checks.check_avenants(avenants, avenants_doc)
    known = {a.numero for a in avenants.avenants} if avenants else set()
    if referentiel is not None and ref_doc is not None:
        reader.problems += history_checks.check_referentiel(referentiel, ref_doc, known)
    for quartier, doc in quartiers:
        own_file = f"{QUARTIERS_DIR}/{Path(doc.path).name}"  # as corrections.yaml names it
        reader.problems += history_checks.check_quartier(quartier, doc, own_file, known, corrections)

    adresses = None
    if (content_dir / ADRESSES).exists():
        text, problems = decode((content_dir / ADRESSES).read_bytes(), reader.rel(content_dir / ADRESSES))
        reader.problems += problems
        adresses = [line.strip() for line in (text or "").splitlines() if line.strip()]
        reader.sources["adresses"] = reader.rel(content_dir / ADRESSES)

    if reader.problems:
        titles = places.objectif_titles(ref_doc.data if ref_doc else None)
        raise ContentErrors([places.locate(p, reader.documents, titles) for p in reader.problems])
    ordered = sorted((q for q, _ in quartiers), key=lambda q: (q.ordre, q.nom))
    return Convention(
        contrat=contrat,
        referentiel=referentiel,
        quartiers=ordered,
        pages=sorted(pages, key=lambda p: (p.ordre, p.titre)),
        glossaire=list(glossaire.termes) if glossaire else [],
        corrections=list(corrections.corrections) if corrections else [],
        avenants=sorted(avenants.avenants, key=lambda a: a.numero) if avenants else [],
        chiffres_reference=list(agglomeration.portrait) if agglomeration else [],
        perimetres=perimetres,
        communes_geo=communes_geo,
        sources=reader.sources,
        adresses=adresses,
        evaluation=evaluation,
        instances=sorted(instances.instances, key=lambda i: i.date) if instances else [],
    )


def load_file(
    path: Path, model: type[BaseModel], root: Path, required: bool = True
) -> tuple[Any, YamlDocument | None, list[ContentProblem]]:
    """One YAML file validated against its model, with its problems (file:line, place):
    for adapters that read files around content folders (the agglomeration folder)."""
    reader = _Reader(path.parent, root)
    value, doc = reader.model(path, model, required)
    return value, doc, [places.locate(p, reader.documents, {}) for p in reader.problems]


def quartier_sources(content_dir: Path | str) -> list[QuartierSource]:
    """Each quartier file as raw bytes with where its actions are, for tools that edit
    files in place (they keep every byte they do not change). Validate with
    load_convention first: files that do not parse are left out here."""
    content_dir = Path(content_dir)
    reader = _Reader(content_dir)
    sources = []
    for path in sorted((content_dir / QUARTIERS_DIR).glob("*.yaml")) + sorted((content_dir / QUARTIERS_DIR).glob("*.yml")):
        raw = path.read_bytes()
        text, _ = decode(raw, reader.rel(path))
        doc, _ = parse_yaml(text, reader.rel(path)) if text is not None else (None, [])
        if doc is None or not isinstance(doc.data, dict) or not isinstance(doc.data.get("id"), str):
            continue
        quartier = doc.data["id"]
        sources.append(QuartierSource(path, doc.path, raw, doc, quartier, action_locations(doc, quartier)))
    return sources


def page_problems(path: Path, root: Path) -> list[ContentProblem]:
    """One page's own problems (file, line and field, as `make check` says them), for tools
    that handle files one by one (macros/data/formatting.py)."""
    reader = _Reader(path.parent.parent, root)
    reader.page(path)
    return [places.locate(p, reader.documents, {}) for p in reader.problems]
