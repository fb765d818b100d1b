"""Where a problem is, said as a person names it.

`objectifs[1].actions[0].texte` means nothing to municipal staff; « 1re action
de l'objectif « Favoriser l'accès aux soins » du quartier Le Regain » does.
Counted from 1, named with what the document itself holds (quartier nom,
objectif titre from the référentiel, enjeu numéro, glossary terme).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from macros.reading.errors import ContentProblem

_PART = re.compile(r"\.?([^.\[\]]+)|\[(\d+)\]")


@dataclass(frozen=True)
class _Level:
    phrase: str  # without article: « 2e action », « objectif « … » »
    article: str  # "le", "la", "l'" or "les": gives « du », « de la », « de l' », « des »

    def of(self) -> str:
        return {"le": "du ", "la": "de la ", "l'": "de l'", "les": "des "}[self.article] + self.phrase


# list key → (noun, feminine); the item is named by its position
_ITEMS = {
    "communes": ("commune", True),
    "codes": ("code", False),
    "irritants": ("irritant", False),
    "opportunites": ("opportunité", True),
    "actions": ("action", True),
    "suivi": ("point de suivi", False),
    "indicateurs": ("indicateur", False),
    "mesures": ("mesure", True),
    "valeurs": ("valeur", True),
    "points": ("point", False),
    "sous_points": ("sous-point", False),
    "orientations": ("orientation", True),
    "objectifs": ("objectif", False),
    "enjeux": ("enjeu", False),
    "termes": ("terme", False),
    "corrections": ("correction", True),
    "portrait": ("relevé", False),
}
# block key → level
_BLOCKS = {
    "perimetre": _Level("périmètre", "le"),
    "enjeux_prioritaires": _Level("enjeux prioritaires", "les"),
}


def ordinal(number: int, feminine: bool = False) -> str:
    if number == 1:
        return "1re" if feminine else "1er"
    return f"{number}e"


def _short(text: Any, limit: int = 100) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def parse_field(field: str) -> tuple:
    """« objectifs[1].actions[0].texte » → ("objectifs", 1, "actions", 0, "texte")."""
    return tuple(int(index) if index else key for key, index in _PART.findall(field))


def _item(key: str, index: int, item: Any, titles: dict[str, str]) -> _Level:
    noun, feminine = _ITEMS[key]
    fields = item if isinstance(item, dict) else {}
    if key == "objectifs" and "objectif" in fields:  # a quartier's objectif: its title in the référentiel
        ident = str(fields["objectif"])
        return _Level(f"objectif « {_short(titles.get(ident, ident))} »", "l'")
    if key == "objectifs" and fields.get("titre"):
        return _Level(f"objectif « {_short(fields['titre'])} »", "l'")
    if key == "enjeux" and isinstance(fields.get("numero"), int):
        return _Level(f"enjeu n° {fields['numero']}", "l'")
    if key == "portrait" and isinstance(fields.get("annee"), int):  # a dated relevé: named by its year
        return _Level(f"relevé de {fields['annee']}", "le")
    if key == "valeurs" and fields.get("indicateur"):
        return _Level(f"valeur de l'indicateur « {fields['indicateur']} »", "la")
    if key == "indicateurs" and fields.get("id"):
        return _Level(f"indicateur « {fields['id']} »", "l'")
    if key == "termes" and fields.get("terme"):
        return _Level(f"terme « {_short(fields['terme'])} »", "le")
    phrase = f"{ordinal(index + 1, feminine)} {noun}"
    return _Level(phrase, "la" if feminine else "le")


def describe(kind: str, loc: tuple, data: Any, titles: dict[str, str], line: int | None) -> str | None:
    """A French phrase for the place `loc` reaches in a document of `kind`, or None."""
    levels: list[_Level] = []
    if kind == "quartier":
        name = (data.get("nom") or data.get("id")) if isinstance(data, dict) else None
        levels.append(_Level(f"quartier {_short(name)}" if name else "quartier", "le"))
    elif kind == "glossaire":
        levels.append(_Level("glossaire", "le"))
    elif kind == "chiffres-agglomeration":
        levels.append(_Level("chiffres de l'agglomération", "les"))
    elif kind not in ("referentiel", "corrections"):
        return None
    node, leaf, position = data, [], 0
    while position < len(loc):
        part = loc[position]
        following = loc[position + 1] if position + 1 < len(loc) else None
        if isinstance(part, str) and part in _ITEMS and isinstance(following, int) and not leaf:
            items = node.get(part) if isinstance(node, dict) else None
            node = items[following] if isinstance(items, list) and following < len(items) else None
            levels.append(_item(part, following, node, titles))
            position += 2
            continue
        if isinstance(part, str) and part in _BLOCKS and not leaf:
            levels.append(_BLOCKS[part])
        else:
            leaf.append(f"[{part}]" if isinstance(part, int) else part)
        node = node.get(part) if isinstance(node, dict) and isinstance(part, str) else None
        position += 1
    if not levels:
        return None
    inner, *outer = reversed(levels)
    phrase = " ".join([inner.phrase, *(level.of() for level in outer)])
    details = []
    if leaf:
        details.append("champ « " + ".".join(leaf).replace(".[", "[") + " »")
    if line is not None:
        details.append(f"ligne {line}")
    return phrase + (f" ({', '.join(details)})" if details else "")


def objectif_titles(referentiel: Any) -> dict[str, str]:
    """Objectif id → titre, from the référentiel as read (even if it did not validate)."""
    titles: dict[str, str] = {}
    for enjeu in _items(referentiel, "enjeux"):
        for orientation in _items(enjeu, "orientations"):
            for objectif in _items(orientation, "objectifs"):
                if objectif.get("id") and objectif.get("titre"):
                    titles[str(objectif["id"])] = str(objectif["titre"])
    return titles


def _items(node: Any, key: str) -> list[dict]:
    items = node.get(key) if isinstance(node, dict) else None
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def locate(problem: ContentProblem, documents: dict[str, tuple[str, Any]], titles: dict[str, str]) -> ContentProblem:
    """The problem with its place named, when its file is a document we know."""
    if problem.place or problem.file not in documents:
        return problem
    kind, data = documents[problem.file]
    loc = parse_field(problem.field) if problem.field else ()
    place = describe(kind, loc, data, titles, problem.line)
    return replace(problem, place=place) if place else problem
