"""French messages for schema errors raised by pydantic.

pydantic reports in English with a machine-readable `type`; editors get a
French sentence that says what is expected and, where possible, how to fix it.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from macros.domain.model import Action, Enjeu, Objectif, Orientation
from macros.reading.errors import ContentProblem
from macros.reading.yaml_source import YamlDocument


def field_path(loc: tuple) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "un booléen"
    if isinstance(value, (int, float)):
        return "un nombre"
    if isinstance(value, str):
        return "un texte"
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, dict):
        return "un bloc de clés"
    if value is None:
        return "une valeur vide"
    return "une valeur"


def _translate(error: dict, model: type[BaseModel]) -> tuple[str, str | None]:
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    loc = error["loc"]
    if kind == "missing":
        made_from = _IDENTIFIER_FROM.get(_model_at(model, loc[:-1])) if loc[-1] == "id" else None
        if made_from:
            return (
                "identifiant manquant.",
                f"Lancez « make formater » : il crée l'identifiant à partir du {made_from} (ou ajoutez vous-même la clé « id »).",
            )
        return "champ obligatoire manquant.", f"Ajoutez la clé « {loc[-1]} »."
    if kind == "extra_forbidden":
        known = _known_keys(model, loc[:-1])
        guess = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        hint = f"Vouliez-vous dire « {guess[0]} » ?" if guess else None
        if not hint and known:
            hint = "Clés possibles ici : " + ", ".join(f"« {k} »" for k in known) + "."
        return f"clé inconnue « {loc[-1]} ».", hint
    if kind == "string_type":
        hint = "Mettez la valeur entre guillemets." if isinstance(value, (int, float, bool)) else None
        if isinstance(value, dict) and len(value) == 1:
            # `- Un texte : avec deux-points` reads as a key and its value
            hint = "Ce texte contient « : », que YAML lit comme une clé : mettez ce texte entre guillemets."
        return f"un texte est attendu, pas {_kind(value)}.", hint
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"):
        expected = "un nombre entier" if kind.startswith("int") else "un nombre"
        hint = None
        if isinstance(value, str) and "," in value:
            hint = f"Écrivez les décimales avec un point : {value.replace(',', '.').replace(' ', '')}."
        elif isinstance(value, str) and "%" in value:
            hint = "Écrivez le nombre seul, sans « % » : l'unité vient de l'indicateur."
        return f"{expected} est attendu, pas « {value} ».", hint
    if kind in ("bool_type", "bool_parsing"):
        return f"« true » ou « false » est attendu, pas « {value} ».", "Seuls true et false sont des booléens."
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        if "a-z0-9" in pattern:
            return (
                f"identifiant invalide « {value} ».",
                "Un identifiant ne contient que des minuscules sans accent, des chiffres et des tirets (ex. « acces-aux-droits »).",
            )
        if "2[AB]" in pattern:
            return f"code INSEE invalide « {value} ».", 'Cinq chiffres entre guillemets, ex. "62443".'
        if "https?" in pattern:
            return f"adresse web invalide « {value} ».", "Elle doit commencer par https://."
        if "geojson" in pattern:
            return f"nom de fichier invalide « {value} ».", "Un nom de fichier se terminant par .geojson, sans dossier."
        return f"format invalide « {value} ».", None
    if kind == "string_too_short":
        return "le texte est vide.", "Écrivez le texte ou supprimez la ligne."
    if kind == "too_short":
        return "la liste est vide.", "Elle doit contenir au moins un élément."
    if kind in ("literal_error", "enum"):
        expected = re.findall(r"'([^']*)'", ctx.get("expected", ""))
        return f"valeur « {value} » non reconnue.", "Valeurs possibles : " + ", ".join(f"« {e} »" for e in expected) + "."
    if kind in ("greater_than_equal", "greater_than"):
        return f"la valeur {value} est trop petite (minimum {ctx.get('ge', ctx.get('gt'))}).", None
    if kind in ("less_than_equal", "less_than"):
        return f"la valeur {value} est trop grande (maximum {ctx.get('le', ctx.get('lt'))}).", None
    if kind.startswith("date"):
        return f"date invalide « {value} ».", "Écrivez la date sous la forme AAAA-MM-JJ, ex. 2024-07-09."
    if kind == "list_type":
        if loc and loc[-1] == "portrait" and isinstance(value, dict):
            # the format before statistics over time: one block instead of a list of dated relevés
            return (
                f"une liste de relevés est attendue, pas {_kind(value)}.",
                (
                    "Le portrait est une liste de relevés datés : écrivez « - annee: … » puis, alignés dessous, « source: » et "
                    "« valeurs: » ; les chiffres de l'agglomération vont dans chiffres-agglomeration.yaml "
                    "(voir « Mettre à jour les statistiques » dans content/README.md)."
                ),
            )
        return f"une liste est attendue, pas {_kind(value)}.", "Chaque élément commence par « - » sur sa propre ligne."
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"un bloc de clés est attendu, pas {_kind(value)}.", None
    return f"valeur invalide ({error.get('msg', kind)}).", None


def _known_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    current = _model_at(model, loc)
    return list(current.model_fields) if current is not None else []


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model of the block at `loc` (None if it is not a block of keys)."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            continue
        if isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = current.model_fields[part].annotation
        else:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


# Blocks whose identifier `make formater` creates (macros/data/formatting.py), from which field.
_IDENTIFIER_FROM = {Action: "texte", Enjeu: "titre", Orientation: "titre", Objectif: "titre"}


def _unwrap(annotation: Any) -> Any:
    """list[X], X | None, Annotated[X, ...] → X."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (list, typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        else:
            return annotation


def problems_from(exc: ValidationError, doc: YamlDocument, model: type[BaseModel], prefix: tuple = ()) -> list[ContentProblem]:
    problems = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        # pydantic suffixes union/literal branches to the loc; drop what is not a key or index
        loc = tuple(p for p in loc if isinstance(p, int) or not str(p).startswith(("function-", "literal[")))
        message, hint = _translate({**error, "loc": loc}, model)
        full = prefix + loc
        line = doc.key_line(full) if error["type"] in ("extra_forbidden",) else doc.line_of(full)
        if error["type"] == "missing":
            line = doc.line_of(full[:-1])
        problems.append(ContentProblem(doc.path, line, field_path(loc) or None, message, hint))
    return problems
