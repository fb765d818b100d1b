"""Spreadsheet round trip for the values of the référentiel d'impacts (evaluation.yaml), like
the one for statuses: export one row per value, staff change values or add rows for a new
year, import. Everything is checked first (French errors by row and column); then
evaluation.yaml is edited in place, every other byte (comments, order, quoting) kept, and
nothing is written if the result would not load.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from macros.data.actions_import import CsvProblem, ImportErrors, _suggest, _validate, _write, read_records
from macros.domain.convention import Convention
from macros.features import indicators
from macros.reading.loader import EVALUATION
from macros.reading.site import load_site
from macros.reading.yaml_source import decode, parse_yaml

COLUMNS = ("indicateur", "libelle", "unite", "territoire", "territoire_nom", "annee", "valeur", "source")
REQUIRED = ("indicateur", "territoire", "annee", "valeur")
COMMUNE = "commune"  # the territoire of a value for the whole commune


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def export_csv(c: Convention) -> bytes:
    rows = []
    for entry in indicators.entries(c):
        ind = entry.indicateur
        for v in sorted(ind.valeurs, key=lambda v: (v.annee, v.quartier or "")):
            rows.append(
                {
                    "indicateur": ind.id,
                    "libelle": ind.libelle,
                    "unite": ind.unite,
                    "territoire": v.quartier or COMMUNE,
                    "territoire_nom": indicators.place_name(c, v),
                    "annee": str(v.annee),
                    "valeur": _number(v.valeur).replace(".", ","),
                    "source": v.source or "",
                }
            )
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(COLUMNS), delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


@dataclass(frozen=True)
class ValueChange:
    row: int
    indicateur: str
    territoire: str
    annee: int
    valeur: float
    source: str | None
    previous: float | None  # None: a new value


def _parse_number(text: str) -> float | None:
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", text).replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        return None


def check(name: str, raw: bytes, c: Convention) -> list[ValueChange]:
    _header, columns, numbered = read_records(raw, name, REQUIRED)
    problems: list[CsvProblem] = []
    known = {e.indicateur.id: e.indicateur for e in indicators.entries(c)}
    territoires = [COMMUNE] + [q.id for q in c.quartiers]
    seen: dict[tuple[str, str, int], int] = {}
    changes = []
    for number, record in numbered:

        def cell(column: str, record=record) -> str:
            index = columns.get(column)
            return record[index].strip() if index is not None and index < len(record) else ""

        if not any(value.strip() for value in record):
            continue
        ident, territoire, annee_text, valeur_text = cell("indicateur"), cell("territoire"), cell("annee"), cell("valeur")
        ok = True
        if ident not in known:
            hint = (
                _suggest(ident, list(known))
                or "Reprenez l'identifiant d'un indicateur de evaluation.yaml (colonne « indicateur » de l'export)."
            )
            problems.append(CsvProblem(name, number, "indicateur", f"l'indicateur « {ident} » n'existe pas.", hint))
            ok = False
        if territoire not in territoires:
            hint = (
                _suggest(territoire, territoires) or f"Écrivez « {COMMUNE} » ou l'identifiant d'un quartier : {', '.join(territoires[1:])}."
            )
            problems.append(CsvProblem(name, number, "territoire", f"le territoire « {territoire} » n'existe pas.", hint))
            ok = False
        annee = int(annee_text) if re.fullmatch(r"\d{4}", annee_text) else None
        if annee is None or not 1990 <= annee <= 2100:
            problems.append(
                CsvProblem(name, number, "annee", f"année « {annee_text} » invalide.", "Écrivez l'année sur quatre chiffres, ex. 2025.")
            )
            ok = False
        valeur = _parse_number(valeur_text)
        if valeur is None:
            problems.append(
                CsvProblem(name, number, "valeur", f"valeur « {valeur_text} » illisible.", "Écrivez un nombre, sans unité : 41,2 ou 2080.")
            )
            ok = False
        if not ok:
            continue
        key = (ident, territoire, annee)
        if key in seen:
            problems.append(
                CsvProblem(
                    name,
                    number,
                    "annee",
                    f"l'indicateur « {ident} » a déjà une valeur {annee} pour « {territoire} » ligne {seen[key]}.",
                    "Gardez une seule ligne par indicateur, territoire et année.",
                )
            )
            continue
        seen[key] = number
        quartier = None if territoire == COMMUNE else territoire
        existing = next((v for v in known[ident].valeurs if v.annee == annee and v.quartier == quartier), None)
        if existing is not None and existing.valeur == valeur:
            continue
        source = cell("source") or None
        changes.append(ValueChange(number, ident, territoire, annee, valeur, source, existing.valeur if existing else None))
    if problems:
        raise ImportErrors(problems)
    return changes


def _last_line(node: yaml.Node) -> int:
    """0-based line of the last scalar under `node` (its block ends there)."""
    if isinstance(node, yaml.ScalarNode):
        return node.end_mark.line
    children = [v for pair in node.value for v in pair] if isinstance(node, yaml.MappingNode) else list(node.value)
    return max((_last_line(child) for child in children), default=node.start_mark.line)


def _child(node: yaml.Node, key: str) -> yaml.Node | None:
    return next((v for k, v in node.value if k.value == key), None) if isinstance(node, yaml.MappingNode) else None


def _scalar(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def edit(raw: bytes, name: str, changes: list[ValueChange]) -> bytes:
    """evaluation.yaml with the changed values replaced and the new ones appended under their indicator."""
    text, _ = decode(raw, name)
    doc, _ = parse_yaml(text, name)
    lines = text.splitlines(keepends=True)
    eol = "\r\n" if "\r\n" in text else "\n"
    replaced: dict[int, str] = {}
    inserted: dict[int, list[str]] = {}  # after 0-based line
    indicator_nodes: dict[str, yaml.Node] = {}
    for objectif in _child(doc.root, "objectifs").value:
        for critere in _child(objectif, "criteres").value:
            for indicateur in (_child(critere, "indicateurs") or yaml.SequenceNode("", [])).value:
                indicator_nodes[_child(indicateur, "id").value] = indicateur
    for change in changes:
        node = indicator_nodes[change.indicateur]
        valeurs = _child(node, "valeurs")
        quartier = None if change.territoire == COMMUNE else change.territoire
        if change.previous is not None:
            for item in valeurs.value:
                annee, where = _child(item, "annee"), _child(item, "quartier")
                if int(annee.value) == change.annee and (where.value if where is not None else None) == quartier:
                    scalar = _child(item, "valeur")
                    line = replaced.get(scalar.start_mark.line, lines[scalar.start_mark.line])
                    start, end = scalar.start_mark.column, scalar.end_mark.column
                    replaced[scalar.start_mark.line] = line[:start] + _number(change.valeur) + line[end:]
            continue
        if valeurs is not None and isinstance(valeurs, yaml.SequenceNode) and valeurs.value and not valeurs.flow_style:
            column = valeurs.value[0].start_mark.column
            after = _last_line(valeurs)
            block = []
        else:
            column = node.start_mark.column + 2
            after = _last_line(node)
            block = [] if valeurs is not None else [" " * node.start_mark.column + "valeurs:" + eol]
            if valeurs is not None:  # `valeurs: []`: the flow list goes, the block list follows
                line = replaced.get(valeurs.start_mark.line, lines[valeurs.start_mark.line])
                replaced[valeurs.start_mark.line] = line[: valeurs.start_mark.column].rstrip() + eol
        item = [" " * (column - 2) + f"- annee: {change.annee}" + eol, " " * column + f"valeur: {_number(change.valeur)}" + eol]
        if quartier:
            item.append(" " * column + f"quartier: {quartier}" + eol)
        if change.source:
            item.append(" " * column + f"source: {_scalar(change.source)}" + eol)
        inserted.setdefault(after, []).extend(block + item)
    out = []
    for index, line in enumerate(lines):
        line = replaced.get(index, line)
        if index in inserted and not line.endswith(("\n", "\r")):
            line += eol
        out.append(line)
        out += inserted.get(index, [])
    return "".join(out).encode("utf-8")


@dataclass(frozen=True)
class ValuesResult:
    changes: list[ValueChange]
    written: list[str]


def import_values(csv_path: Path | str, folder: Path | str) -> ValuesResult:
    csv_path, folder = Path(csv_path), Path(folder)
    name = csv_path.name
    if not csv_path.is_file():
        raise ImportErrors([CsvProblem(name, None, None, "fichier introuvable.", None)])
    site = load_site(folder, folder.parent)  # ContentErrors: fix the content first
    if not site.own:
        raise ImportErrors(
            [
                CsvProblem(
                    name,
                    None,
                    None,
                    "l'import des indicateurs se fait commune par commune.",
                    "Indiquez le dossier de contenu d'une commune.",
                )
            ]
        )
    c = site.own.convention
    target = folder / EVALUATION
    if c.evaluation is None:
        raise ImportErrors(
            [
                CsvProblem(
                    name,
                    None,
                    None,
                    f"{EVALUATION} n'existe pas : aucun indicateur à mettre à jour.",
                    "Créez d'abord le référentiel d'impacts (voir le guide).",
                )
            ]
        )
    changes = check(name, csv_path.read_bytes(), c)
    if not changes:
        return ValuesResult([], [])
    # new values one by one: each insertion is made on the file as the previous ones left it
    raw = target.read_bytes()
    updated = edit(raw, EVALUATION, [ch for ch in changes if ch.previous is not None])
    for change in (ch for ch in changes if ch.previous is None):
        updated = edit(updated, EVALUATION, [change])
    _validate(folder, {target: updated})
    _write(target, updated)
    return ValuesResult(changes, [str(target)])
