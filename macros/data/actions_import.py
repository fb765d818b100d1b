"""Import of the actions' spreadsheet: statuts (and new dated updates) back into content/.

A statut is dated: the `statut_date` column if staff changed it, else the day of the import.

Staff export the actions (`convention exporter-actions`), change statuts in a
spreadsheet and import the file back. Every problem of the file is reported
at once, in French, by row and column; the content files are changed only if
the whole file is right and the content still validates afterwards. Only the
actions whose statut changed, or that get a new update, are touched.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from macros.data import exports
from macros.data.action_edits import ActionChange, EditError, edit
from macros.domain.convention import Convention
from macros.domain.model import STATUTS_ACTION
from macros.reading.errors import ContentErrors, relative
from macros.reading.loader import quartier_sources
from macros.reading.site import load_site
from macros.text import typography

REQUIRED = ("quartier", "action", "statut")
STATUT_DATE = "statut_date"  # optional column: when the statut was recorded
SUIVI_DATE, SUIVI_TEXTE = exports.SUIVI_COLUMNS
NOT_GIVEN = "non renseigné"
_STATUTS_TEXT = ", ".join(f"« {s} »" for s in STATUTS_ACTION) + " ou une case vide (non renseigné)"
_SHOWN_ENCODING_ROWS = 5
_ENCODING_HINT = (
    "Dans Excel : Fichier › Enregistrer sous › « CSV UTF-8 (délimité par des virgules) ». "
    "Dans LibreOffice : Enregistrer sous › cochez « Éditer les paramètres du filtre » › jeu de caractères « Unicode (UTF-8) »."
)


@dataclass(frozen=True)
class CsvProblem:
    file: str
    row: int | None
    column: str | None
    message: str
    hint: str | None = None

    def format(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", ligne {self.row}"
        if self.column:
            where += f", colonne « {self.column} »"
        text = f"{where} : {self.message}"
        return text + (f"\n    → {self.hint}" if self.hint else "")


@dataclass
class ImportErrors(Exception):
    problems: list = field(default_factory=list)  # CsvProblem or ContentProblem

    def __str__(self) -> str:
        count = len(self.problems)
        header = f"L'import comporte {count} erreur{'s' if count > 1 else ''} ; aucun fichier de contenu n'a été modifié."
        csv_problems = sorted((p for p in self.problems if isinstance(p, CsvProblem)), key=lambda p: (p.row is None, p.row or 0))
        others = [p for p in self.problems if not isinstance(p, CsvProblem)]
        return "\n".join([header, *("- " + p.format() for p in csv_problems + others)])


@dataclass(frozen=True)
class Row:
    number: int
    quartier: str
    action: str
    statut: str | None
    suivi: tuple[str, str] | None
    statut_date: str | None = None  # ISO, as written in the file (None: empty cell)


# --- reading the file ---------------------------------------------------------------


def _decode(raw: bytes, name: str) -> tuple[str | None, list[CsvProblem]]:
    """UTF-8 (with or without BOM), else one problem per unreadable line, with its column."""
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    lines = raw.split(b"\n")
    header = lines[0].decode("utf-8-sig", errors="replace").rstrip("\r")
    separator = _separator(header)
    names = [n.strip() for n in header.split(separator)]
    problems = []
    for number, line in enumerate(lines, start=1):
        try:
            line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            index = line[: exc.start].count(separator.encode())
            column = names[index] if number > 1 and index < len(names) else None
            hint = None if problems else _ENCODING_HINT  # said once is enough
            problems.append(CsvProblem(name, number, column, "le fichier n'est pas encodé en UTF-8 (caractère illisible).", hint))
    if len(problems) > _SHOWN_ENCODING_ROWS:  # a whole file in another encoding: a few examples say it
        hidden = len(problems) - _SHOWN_ENCODING_ROWS
        problems = problems[:_SHOWN_ENCODING_ROWS] + [
            CsvProblem(name, None, None, f"et {hidden} autres lignes illisibles de la même façon.")
        ]
    return None, problems


def _separator(header: str) -> str:
    counts = {sep: header.count(sep) for sep in (";", ",", "\t")}
    return max(counts, key=lambda sep: counts[sep]) if any(counts.values()) else ";"


def _suggest(value: str, known: list[str]) -> str | None:
    guess = difflib.get_close_matches(value, known, n=1, cutoff=0.5)
    return f"Vouliez-vous dire « {guess[0]} » ?" if guess else None


def _statut(value: str) -> tuple[str | None, str | None]:
    """Cell → (statut or None for non renseigné, error message)."""
    text = " ".join(value.split())
    lowered = text.lower()
    if not lowered or lowered == NOT_GIVEN:
        return None, None
    for statut in STATUTS_ACTION:
        if lowered == statut:
            return statut, None
    return None, f"valeur « {text} » non reconnue."


_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_FRENCH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_date(value: str) -> str | None:
    """AAAA-MM-JJ, or JJ/MM/AAAA as French spreadsheets write dates → ISO, or None."""
    match = _ISO.match(value)
    try:
        if match:
            return dt.date(int(match[1]), int(match[2]), int(match[3])).isoformat()
        match = _FRENCH.match(value)
        if match:
            return dt.date(int(match[3]), int(match[2]), int(match[1])).isoformat()
    except ValueError:
        return None
    return None


def read_records(
    raw: bytes, name: str, required: tuple[str, ...] = REQUIRED
) -> tuple[list[str], dict[str, int], list[tuple[int, list[str]]]]:
    """(header, column → index, numbered rows) of a file whose header names the required columns."""
    text, problems = _decode(raw, name)
    if text is None:
        raise ImportErrors(problems)
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=_separator(text.split("\n", 1)[0])))
    if not records or not any(cell.strip() for cell in records[0]):
        raise ImportErrors(
            [
                CsvProblem(
                    name,
                    1,
                    None,
                    "le fichier est vide ou sa première ligne ne nomme pas les colonnes.",
                    "Partez d'un fichier produit par « make exporter-actions ».",
                )
            ]
        )
    header = [cell.strip().lower() for cell in records[0]]
    columns: dict[str, int] = {}
    for index, column in enumerate(header):
        if column in columns and column:
            problems.append(
                CsvProblem(
                    name,
                    1,
                    column,
                    f"la colonne figure deux fois (colonnes {columns[column] + 1} et {index + 1}).",
                    "Supprimez l'une des deux.",
                )
            )
        columns.setdefault(column, index)
    for column in required:
        if column not in columns:
            named = ", ".join(f"« {c} »" for c in required[:-1]) + f" et « {required[-1]} »"
            hint = (
                _suggest(column, [h for h in header if h not in required])
                or f"La première ligne doit nommer les colonnes {named} : partez d'un fichier produit par « make exporter-actions »."
            )
            problems.append(CsvProblem(name, 1, column, "colonne obligatoire manquante.", hint))
    if problems:
        raise ImportErrors(problems)
    return header, columns, list(enumerate(records[1:], start=2))


def check_rows(
    name: str,
    header: list[str],
    columns: dict[str, int],
    numbered: list[tuple[int, list[str]]],
    convention: Convention,
    commune: str | None = None,
) -> tuple[list[Row], list[CsvProblem]]:
    """Check each row against the convention (of `commune`, in an agglomeration's file)."""
    problems: list[CsvProblem] = []
    within = f" dans la commune « {commune} »" if commune else ""
    quartiers = {q.id: q for q in convention.quartiers}
    actions = {q.id: {a.id for p in q.objectifs for a in p.actions} for q in convention.quartiers}
    seen: dict[tuple[str, str], int] = {}
    rows: list[Row] = []
    for number, cells in numbered:
        if not any(cell.strip() for cell in cells):
            continue  # spreadsheets leave empty rows at the end
        before = len(problems)

        def problem(column: str | None, message: str, hint: str | None = None) -> None:
            problems.append(CsvProblem(name, number, column, message, hint))

        if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
            problem(
                None,
                f"la ligne compte {len(cells)} cases, la ligne d'en-tête {len(header)}.",
                "Un texte qui contient « ; » doit être entre guillemets : enregistrez le fichier depuis le tableur plutôt qu'à la main.",
            )
            continue
        missing = [c for c in REQUIRED if columns[c] >= len(cells)]
        if missing:
            problem(missing[0], "la ligne est incomplète : cette case manque.", None)
            continue

        def cell(column: str) -> str:
            index = columns.get(column)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        quartier_id, action_id = cell("quartier"), cell("action")
        if not quartier_id:
            problem("quartier", "identifiant de quartier manquant.")
        elif quartier_id not in quartiers:
            problem(
                "quartier",
                f"quartier « {quartier_id} » inconnu{within}.",
                _suggest(quartier_id, list(quartiers)) or "Quartiers connus : " + ", ".join(f"« {q} »" for q in quartiers) + ".",
            )
        if not action_id:
            problem("action", "identifiant d'action manquant.")
        elif quartier_id in actions and action_id not in actions[quartier_id]:
            elsewhere = [q for q, ids in actions.items() if action_id in ids]
            hint = _suggest(action_id, sorted(actions[quartier_id]))
            if not hint and elsewhere:
                hint = f"Cette action existe dans : {', '.join(elsewhere)} ; vérifiez la colonne « quartier »."
            problem(
                "action",
                f"action « {action_id} » inconnue dans le quartier « {quartier_id} »{' de la commune « ' + commune + ' »' if commune else ''}.",
                hint,
            )
        statut, error = _statut(cell("statut"))
        if error:
            suggestion = _suggest(" ".join(cell("statut").split()).lower(), list(STATUTS_ACTION))
            problem("statut", error, (suggestion + " " if suggestion else "") + f"Valeurs possibles : {_STATUTS_TEXT}.")
        statut_date = None
        if cell(STATUT_DATE):
            statut_date = parse_date(cell(STATUT_DATE))
            if statut_date is None:
                problem(
                    STATUT_DATE,
                    f"date invalide « {cell(STATUT_DATE)} ».",
                    "Écrivez la date sous la forme AAAA-MM-JJ, ex. 2025-03-12, ou videz la case : la date de l'import sera retenue.",
                )
        suivi = None
        date_text, suivi_text = cell(SUIVI_DATE), " ".join(cell(SUIVI_TEXTE).split())
        if date_text or suivi_text:
            date = parse_date(date_text) if date_text else None
            if not date_text:
                problem(SUIVI_DATE, "date du point de suivi manquante.", "Indiquez la date sous la forme AAAA-MM-JJ, ex. 2025-03-12.")
            elif date is None:
                problem(SUIVI_DATE, f"date invalide « {date_text} ».", "Écrivez la date sous la forme AAAA-MM-JJ, ex. 2025-03-12.")
            if not suivi_text:
                problem(SUIVI_TEXTE, "texte du point de suivi manquant.", "Écrivez ce qui a été fait, ou videz la date.")
            if date and suivi_text:
                suivi = (date, suivi_text)
        key = (quartier_id, action_id)
        if quartier_id and action_id and key in seen:
            problem(
                "action",
                f"l'action « {action_id} » du quartier « {quartier_id} » figure déjà ligne {seen[key]}.",
                "Gardez une seule ligne par action.",
            )
        seen.setdefault(key, number)
        if len(problems) == before:
            rows.append(Row(number, quartier_id, action_id, statut, suivi, statut_date))
    return rows, problems


# --- applying it --------------------------------------------------------------------


def _statut_date(row: Row, action, set_statut: bool, today: dt.date) -> tuple[bool, str | None]:
    """(whether the statut's date changes, the new date): a changed statut is dated with the
    date given in the file if staff changed it, else today; a removed statut loses its date."""
    old = action.statut_date.isoformat() if action.statut_date else None
    if set_statut:
        if row.statut is None:
            return old is not None, None
        return True, row.statut_date if row.statut_date and row.statut_date != old else today.isoformat()
    if row.statut is not None and row.statut_date and row.statut_date != old:
        return True, row.statut_date  # a date corrected by hand
    return False, None


def changes(convention: Convention, rows: list[Row], today: dt.date | None = None) -> list[ActionChange]:
    """The rows that differ from the content: new statut (dated), or an update not yet recorded."""
    today = today or dt.date.today()
    current = {(q.id, a.id): a for q, _, a in convention.actions()}
    result = []
    for row in rows:
        action = current[(row.quartier, row.action)]
        set_statut = row.statut != action.statut
        set_date, statut_date = _statut_date(row, action, set_statut, today)
        suivi = row.suivi
        if suivi and any(s.date.isoformat() == suivi[0] and s.texte == suivi[1] for s in action.suivi):
            suivi = None  # already imported: importing the same file twice changes nothing
        if set_statut or suivi or set_date:
            result.append(ActionChange(row.quartier, row.action, row.number, set_statut, row.statut, suivi, set_date, statut_date))
    return result


def describe(change: ActionChange, convention: Convention) -> str:
    """One French line saying what the import changes."""
    action = next(a for q, _, a in convention.actions() if q.id == change.quartier and a.id == change.action)
    parts = []
    if change.set_statut:
        parts.append(f"statut « {action.statut or NOT_GIVEN} » → « {change.statut or NOT_GIVEN} »")
    if change.set_statut_date and change.statut_date:
        parts.append(f"statut daté du {typography.date(dt.date.fromisoformat(change.statut_date))}")
    if change.suivi:
        parts.append(f"point de suivi du {typography.date(dt.date.fromisoformat(change.suivi[0]))} ajouté")
    return f"ligne {change.row} : {change.quartier}, action « {change.action} » : " + ", ".join(parts)


@dataclass(frozen=True)
class ImportResult:
    changes: list[ActionChange]
    written: list[str]  # content files changed, relative to the project root
    report: list[str]  # one French line per change


def import_actions(csv_path: Path | str, folder: Path | str, today: dt.date | None = None, root: Path | None = None) -> ImportResult:
    """Check the file, then edit the quartier files in place; `today` dates the changed statuts.
    In a site of several communes, a « commune » column sends each row to its commune's files."""
    csv_path, folder = Path(csv_path), Path(folder)
    root = root if root is not None else folder.parent
    name = csv_path.name
    if not csv_path.is_file():
        raise ImportErrors([CsvProblem(name, None, None, "fichier introuvable.", None)])
    site = load_site(folder, root)  # ContentErrors: fix the content first
    several = not site.own  # an agglomeration's file: a « commune » column sends each row to its commune's files
    header, columns, numbered = read_records(csv_path.read_bytes(), name, (COMMUNE, *REQUIRED) if several else REQUIRED)
    communes = {c.id: c for c in site.communes}
    problems: list = []
    by_commune = _by_commune(name, numbered, columns, communes, problems) if several else {site.communes[0].id: numbered}
    owners: dict[tuple[str, str], list[str]] = {}
    for commune in site.communes:
        for quartier, _, action in commune.convention.actions():
            owners.setdefault((quartier.id, action.id), []).append(commune.id)
    rows: dict[str, list[Row]] = {}
    for commune_id, commune_rows in by_commune.items():
        rows[commune_id], found = check_rows(
            name, header, columns, commune_rows, communes[commune_id].convention, commune_id if several else None
        )
        problems += [_other_commune_hint(p, dict(commune_rows), columns, owners) for p in found]
    if problems:
        raise ImportErrors(problems)
    planned = {cid: changes(communes[cid].convention, found, today) for cid, found in sorted(rows.items())}
    planned = {cid: found for cid, found in planned.items() if found}
    if not planned:
        return ImportResult([], [], [])
    edited = [
        pair
        for commune_id, commune_changes in planned.items()
        for pair in _edited(root / communes[commune_id].folder, commune_changes, name, problems)
    ]
    if problems:
        raise ImportErrors(problems)
    new_bytes = {source.path: content for source, content in edited}
    _validate(folder, new_bytes)
    for path, content in new_bytes.items():
        _write(path, content)
    every = [change for found in planned.values() for change in found]
    named = (lambda cid: f" ({communes[cid].nom})") if several else (lambda cid: "")
    report = [describe(change, communes[cid].convention) + named(cid) for cid, found in planned.items() for change in found]
    return ImportResult(every, [relative(source.path, root) for source, _ in edited], report)


COMMUNE = "commune"


def _by_commune(
    name: str, numbered: list[tuple[int, list[str]]], columns: dict[str, int], communes: dict, problems: list
) -> dict[str, list]:
    """The rows of each commune, by the « commune » column; a missing or unknown commune joins `problems`."""
    found: dict[str, list[tuple[int, list[str]]]] = {}
    known = "Communes du dossier : " + ", ".join(f"« {c} »" for c in communes) + "."
    for number, cells in numbered:
        if not any(cell.strip() for cell in cells):
            continue
        index = columns[COMMUNE]
        commune_id = cells[index].strip() if index < len(cells) else ""
        if not commune_id:
            problems.append(CsvProblem(name, number, COMMUNE, "identifiant de commune manquant.", known))
        elif commune_id not in communes:
            problems.append(
                CsvProblem(name, number, COMMUNE, f"commune « {commune_id} » inconnue.", _suggest(commune_id, list(communes)) or known)
            )
        else:
            found.setdefault(commune_id, []).append((number, cells))
    return found


def _edited(content_dir: Path, planned: list[ActionChange], name: str, problems: list) -> list[tuple]:
    """(quartier source, its new bytes) for each quartier file of `content_dir` the changes touch,
    edited in memory; a change that cannot be made joins `problems`."""
    sources = {s.quartier: s for s in quartier_sources(content_dir)}
    edited = []
    for quartier in dict.fromkeys(c.quartier for c in planned):
        source = sources[quartier]
        try:
            edited.append((source, edit(source, [c for c in planned if c.quartier == quartier])))
        except EditError as exc:
            problems.append(CsvProblem(name, exc.change.row, None, exc.message, None))
    return edited


def _validate(folder: Path, new_bytes: dict[Path, bytes]) -> None:
    """Load a copy of the content folder holding the edited files; nothing is written if it fails."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / folder.resolve().name
        shutil.copytree(folder, copy)
        for path, content in new_bytes.items():
            (copy / path.resolve().relative_to(folder.resolve())).write_bytes(content)
        try:
            load_site(copy, copy.parent)
        except ContentErrors as errors:
            raise ImportErrors(list(errors.problems)) from None


def _write(path: Path, content: bytes) -> None:
    temporary = path.with_name(path.name + ".import")
    temporary.write_bytes(content)
    shutil.copymode(path, temporary)
    os.replace(temporary, path)


def _other_commune_hint(
    problem: CsvProblem, cells_by_row: dict[int, list[str]], columns: dict[str, int], owners: dict[tuple[str, str], list[str]]
) -> CsvProblem:
    """An action unknown in its commune but committed by another one in the same quartier
    (a shared quartier): the « commune » column is the likely mistake; say so."""
    if problem.column != "action" or problem.row not in cells_by_row:
        return problem
    cells = cells_by_row[problem.row]
    key = tuple(cells[columns[c]].strip() if columns[c] < len(cells) else "" for c in ("quartier", "action"))
    found = owners.get(key)
    if not found:
        return problem
    names = ", ".join(f"« {c} »" for c in found)
    return replace(problem, hint=f"Dans ce quartier, cette action est celle de la commune {names} : vérifiez la colonne « commune ».")
