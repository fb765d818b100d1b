"""PyYAML's syntax errors as French sentences that point at the line to fix.

PyYAML reports where the parser gave up, in English: an unclosed quote is
found at the end of the file, a missing « : » one line late. Editors get the
line where the mistake is and what to write instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

QUOTE_HINT = 'Mettez ce texte entre guillemets, par exemple : texte: "…".'
GENERIC_HINT = (
    "Vérifiez l'indentation (des espaces, jamais de tabulation), les deux-points "
    "après chaque clé et les guillemets ; mettez entre guillemets un texte qui "
    "contient « : » ou « # », ou qui commence par un caractère spécial."
)
# `key: value` or `- value` or `- key: value`, with the value's position
_VALUE = re.compile(r"^(?P<indent>\s*)(?:-\s+)*(?:(?P<key>[^\s#'\"][^:#]*?)\s*:(?:\s+|$))?(?P<value>.*)$")


@dataclass(frozen=True)
class Explanation:
    line: int | None  # 1-based
    message: str
    hint: str | None


def _value(line: str) -> str:
    match = _VALUE.match(line)
    return match.group("value") if match else ""


_CLOSED = {'"': re.compile(r'^"(?:[^"\\]|\\.)*"(.*)$'), "'": re.compile(r"^'(?:[^']|'')*'(.*)$")}


def _text_after_closing_quote(value: str) -> bool:
    """`"Le "Regain""`: the text goes on after its closing quote."""
    match = _CLOSED[value[0]].match(value) if value[:1] in _CLOSED else None
    rest = match.group(1).strip() if match else ""
    return bool(rest) and not rest.startswith("#")


def _unescaped(text: str, quote: str) -> int:
    if quote == '"':
        return len(re.findall(r'(?<!\\)"', text.replace("\\\\", "")))
    return text.count("'")


def unclosed_quote(lines: list[str], until: int) -> tuple[int, str] | None:
    """(line, quote) of a quoted value opened before line `until` (1-based) and never closed.

    A value that opens with a quote and has an odd number of them is still open;
    the next line with an odd number of that quote closes it (a text over several lines)."""
    opened: tuple[int, str] | None = None
    for number, line in enumerate(lines[:until], start=1):
        if opened is None:
            if line.lstrip().startswith("#"):
                continue
            value = _value(line)
            if value[:1] in ("'", '"') and _unescaped(value, value[0]) % 2 == 1:
                opened = (number, value[0])
        elif _unescaped(line, opened[1]) % 2 == 1:
            opened = None
    return opened


def explain(exc: yaml.MarkedYAMLError, text: str) -> Explanation:
    lines = text.split("\n")
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    context_line = exc.context_mark.line + 1 if exc.context_mark else line
    source = lines[line - 1] if line and line <= len(lines) else ""
    char = source[mark.column] if mark and mark.column < len(source) else ""

    unclosed = unclosed_quote(lines, line or len(lines))
    if unclosed and (
        context == "while scanning a quoted scalar"
        or problem.startswith(("did not find expected", "could not find expected", "found unexpected end"))
    ):
        number, quote = unclosed
        if quote == '"':
            return Explanation(
                number,
                f"syntaxe YAML invalide : guillemet ouvert ligne {number} jamais fermé.",
                'Ajoutez le guillemet fermant " à la fin du texte.',
            )
        return Explanation(
            number,
            f"syntaxe YAML invalide : apostrophe ouvrante ligne {number} jamais fermée.",
            "Ajoutez l'apostrophe fermante ' à la fin du texte, ou mettez le texte entre guillemets \"…\".",
        )
    if "tab" in problem or char == "\t" or (source[: len(source) - len(source.lstrip())].count("\t")):
        return Explanation(
            line,
            "syntaxe YAML invalide : tabulation dans l'indentation.",
            "Remplacez la tabulation par des espaces (deux par niveau) : YAML n'accepte que des espaces.",
        )
    if problem.startswith("mapping values are not allowed"):
        if ": " in _value(source) or _value(source).endswith(":"):
            return Explanation(line, "syntaxe YAML invalide : ce texte contient « : », que YAML lit comme une nouvelle clé.", QUOTE_HINT)
        return Explanation(
            line,
            "syntaxe YAML invalide : indentation incorrecte (cette clé est décalée par rapport à ses voisines).",
            "Alignez la clé sur les clés du même bloc, avec des espaces.",
        )
    if problem.startswith("could not find expected ':'"):
        key_line = lines[context_line - 1].strip() if context_line and context_line <= len(lines) else ""
        return Explanation(
            context_line,
            f"syntaxe YAML invalide : deux-points manquant après « {key_line[:40]} ».",
            "Écrivez « clé: valeur ». Si cette ligne continue le texte de la ligne précédente, mettez tout le texte entre guillemets.",
        )
    if problem.startswith(("did not find expected ',' or ']'", "did not find expected ',' or '}'")):
        bracket = "crochet [" if "]" in problem else "accolade {"
        return Explanation(
            context_line,
            f"syntaxe YAML invalide : {bracket} ouvert ligne {context_line} jamais fermé.",
            "Fermez-le sur la même ligne, ou mettez le texte entre guillemets s'il commence par ce caractère.",
        )
    value = _value(source)
    if _text_after_closing_quote(value) and problem.startswith("did not find expected"):
        return Explanation(
            line,
            "syntaxe YAML invalide : du texte suit le guillemet fermant.",
            "Un texte entre guillemets droits \" ne peut pas en contenir : utilisez les guillemets français « » ou l'apostrophe ’ à l'intérieur.",
        )
    if problem.startswith(("did not find expected key", "did not find expected '-' indicator", "expected <block end>")):
        return Explanation(
            line,
            "syntaxe YAML invalide : ligne mal alignée (son indentation ne correspond à aucun bloc au-dessus).",
            "Alignez-la avec des espaces sur les lignes du même bloc ; un élément de liste commence par « - » aligné sur les autres.",
        )
    if problem.startswith("block sequence entries are not allowed"):
        return Explanation(
            line,
            "syntaxe YAML invalide : tiret « - » inattendu.",
            "Un élément de liste commence par « - » sur sa propre ligne ; si c'est du texte, " + QUOTE_HINT[0].lower() + QUOTE_HINT[1:],
        )
    if problem.startswith("found unknown directive"):
        char = "%"
    if (
        problem.startswith(
            (
                "found undefined alias",
                "found character that cannot start any token",
                "found unknown directive",
                "expected alphabetic or numeric character",
            )
        )
        and char.strip()
    ):
        return Explanation(line, f"syntaxe YAML invalide : une valeur ne peut pas commencer par « {char} ».", QUOTE_HINT)
    if problem.startswith("found unexpected end of stream"):
        return Explanation(context_line, "syntaxe YAML invalide : guillemet ou crochet jamais fermé.", "Fermez-le à la fin du texte.")
    return Explanation(line, "syntaxe YAML invalide (structure illisible).", GENERIC_HINT)
