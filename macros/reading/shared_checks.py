"""What must agree between the communes of one agglomeration, as French content problems.

The référentiel and the agglomeration's figures are one (an objectif id means the same thing everywhere), a quartier id
names the same quartier in every commune, and a glossary term has one definition. Each
problem names the file to fix, its line, and the other file with its line. Used both by
`convention check` on an agglomeration folder and by `convention assembler` on the
communes' own folders, so the two always agree on what is accepted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from macros.domain.model import Quartier, Terme
from macros.reading.errors import ContentProblem
from macros.reading.yaml_source import YamlDocument

PLACEHOLDER = "À compléter"
SAME_QUARTIER = ("nom", "statut", "codes")
_LABELS = {"nom": "nom", "statut": "statut", "codes": "codes nationaux"}


def first_difference(a: Any, b: Any, path: tuple = ()) -> tuple | None:
    """Where two YAML data trees first differ (key order and comments do not count), or None."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in [*a, *(k for k in b if k not in a)]:
            if key not in a or key not in b:
                return (*path, key)
            found = first_difference(a[key], b[key], (*path, key))
            if found is not None:
                return found
        return None
    if isinstance(a, list) and isinstance(b, list):
        for index, (x, y) in enumerate(zip(a, b)):
            found = first_difference(x, y, (*path, index))
            if found is not None:
                return found
        return None if len(a) == len(b) else (*path, min(len(a), len(b)))
    return None if a == b and type(a) is type(b) else path


def dotted(loc: tuple) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _value_at(data: Any, loc: tuple) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return _ABSENT
    return data


_ABSENT = object()


def _shown(value: Any) -> str:
    if value is _ABSENT:
        return "absent"
    if isinstance(value, (dict, list)):
        return "un bloc"
    text = " ".join(str(value).split())
    return f"« {text[:80]}{'…' if len(text) > 80 else ''} »"


def copy_problem(reference: YamlDocument, other: YamlDocument, hint: str) -> ContentProblem | None:
    """The first difference of `other` from the file every commune shares (référentiel, chiffres)."""
    loc = first_difference(reference.data, other.data)
    if loc is None:
        return None
    where = f"{reference.path}:{reference.line_of(loc)}"
    detail = f"{_shown(_value_at(other.data, loc))} ici, {_shown(_value_at(reference.data, loc))} dans le fichier commun"
    return ContentProblem(
        other.path,
        other.line_of(loc),
        dotted(loc) or None,
        f"ce fichier diffère du fichier commun à toutes les communes {where} : {detail}.",
        hint,
    )


@dataclass(frozen=True)
class QuartierDescription:
    """One commune's file describing a quartier."""

    quartier: Quartier
    doc: YamlDocument


def quartier_problems(descriptions: list[QuartierDescription]) -> list[ContentProblem]:
    """A quartier id found in several communes must agree on nom, statut, codes and on any figure
    both give (one indicateur, one year: the site shows one value)."""
    problems = []
    first = descriptions[0]
    for other in descriptions[1:]:
        problems += _figure_problems(first, other)
        for name in SAME_QUARTIER:
            mine, theirs = getattr(other.quartier, name), getattr(first.quartier, name)
            if mine == theirs:
                continue
            where = f"{first.doc.path}:{first.doc.line_of((name,))}"
            problems.append(
                ContentProblem(
                    other.doc.path,
                    other.doc.line_of((name,)),
                    name,
                    f"le quartier « {other.quartier.id} » est aussi décrit dans {where}, avec un autre {_LABELS[name]} : "
                    f"{_quartier_value(name, mine)} ici, {_quartier_value(name, theirs)} dans l'autre fichier.",
                    "Un même identifiant de quartier désigne le même quartier dans toutes les communes : "
                    "écrivez le même nom, le même statut et les mêmes codes dans les deux fichiers, "
                    "ou donnez un autre identifiant s'il s'agit d'un autre quartier.",
                )
            )
    return problems


def _figures(description: QuartierDescription) -> dict[tuple[str, int], tuple[Any, tuple]]:
    """(indicateur, année) → (valeur, where it is written in the file)."""
    return {
        (valeur.indicateur, releve.annee): (valeur.valeur, ("portrait", r, "valeurs", v, "valeur"))
        for r, releve in enumerate(description.quartier.portrait)
        for v, valeur in enumerate(releve.valeurs)
    }


def _figure_problems(first: QuartierDescription, other: QuartierDescription) -> list[ContentProblem]:
    theirs = _figures(first)
    problems = []
    for (indicateur, annee), (mine, loc) in _figures(other).items():
        if (indicateur, annee) not in theirs or theirs[(indicateur, annee)][0] == mine:
            continue
        value, their_loc = theirs[(indicateur, annee)]
        where = f"{first.doc.path}:{first.doc.line_of(their_loc)}"
        problems.append(
            ContentProblem(
                other.doc.path,
                other.doc.line_of(loc),
                "portrait",
                f"le quartier « {other.quartier.id} » est aussi décrit dans {where}, avec un autre chiffre de "
                f"« {indicateur} » pour {annee} : {_as_typed(mine)} ici, {_as_typed(value)} dans l'autre fichier.",
                "Le site montre un seul chiffre par indicateur et par année pour un quartier : écrivez le même "
                "dans les deux fichiers, ou retirez-le de l'un d'eux.",
            )
        )
    return problems


def _as_typed(number: float) -> str:
    """A figure as it is written in the file (« 13400 », not « 13400.0 »)."""
    return str(int(number)) if float(number).is_integer() else str(number)


def _quartier_value(name: str, value: Any) -> str:
    if name == "codes":
        return "« " + ", ".join(f"{c.code} ({c.liste})" for c in value) + " »" if value else "aucun code"
    return f"« {value} »"


@dataclass(frozen=True)
class GlossaryEntry:
    terme: Terme
    file: str
    line: int | None


def merge_glossaries(shared: list[GlossaryEntry], communes: list[list[GlossaryEntry]]) -> tuple[list[Terme], list[ContentProblem]]:
    """Shared terms first, then those a commune adds. A term defined twice differently is
    an error (one site shows one definition): we do not pick one silently."""
    merged: dict[str, GlossaryEntry] = {}
    problems = []
    for entry in [*shared, *(entry for entries in communes for entry in entries)]:
        known = merged.get(entry.terme.terme)
        if known is None:
            merged[entry.terme.terme] = entry
        elif known.terme != entry.terme:
            problems.append(
                ContentProblem(
                    entry.file,
                    entry.line,
                    None,
                    f"le terme « {entry.terme.terme} » est déjà défini autrement dans {known.file}:{known.line}.",
                    "Un terme n'a qu'une définition pour toute l'agglomération : supprimez-le de ce fichier "
                    f"(la définition de {known.file} s'applique) ou écrivez exactement la même.",
                )
            )
    return [entry.terme for entry in merged.values()], problems


def glossary_entries(termes: list[Terme], doc: YamlDocument | None) -> list[GlossaryEntry]:
    return [GlossaryEntry(t, doc.path if doc else "", doc.line_of(("termes", i)) if doc else None) for i, t in enumerate(termes)]


def placeholders(doc: YamlDocument) -> list[str]:
    """« fichier:ligne champ » of each value left empty or « À compléter »."""
    found = []

    def walk(data: Any, loc: tuple) -> None:
        if isinstance(data, dict):
            for key, value in data.items():
                walk(value, (*loc, key))
        elif isinstance(data, list):
            for index, value in enumerate(data):
                walk(value, (*loc, index))
        elif data is None or (isinstance(data, str) and data.startswith(PLACEHOLDER)):
            found.append(f"{doc.path}:{doc.line_of(loc)} {dotted(loc)}")

    walk(doc.data, ())
    return found
