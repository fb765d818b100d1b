"""French typography for everything a reader sees: numbers, units, dates, punctuation."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

NNBSP = "\u202f"  # espace fine insécable: before ; ! ? % and inside « »
NBSP = "\u00a0"  # espace insécable: before : and between a number and its unit

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre")


def number(value: float, decimals: int | None = None) -> str:
    """2000 → « 2 000 », 40.1 → « 40,1 » (thin no-break space for thousands)."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else len(repr(float(value)).split(".")[1])
    text = f"{value:,.{decimals}f}"
    return text.replace(",", NNBSP).replace(".", ",").replace("-", "−")


def percent(value: float) -> str:
    return f"{number(value)}{NNBSP}%"


def points(value: float) -> str:
    """Signed gap in percentage points: +14,2 pts."""
    sign = "+" if value > 0 else ""
    return f"{sign}{number(round(value, 1))}{NBSP}pt" + ("s" if abs(value) >= 2 else "")


def with_unit(value: float, unite: str, environ: bool = False) -> str:
    prefix = f"environ{NBSP}" if environ else ""
    if unite == "pourcentage":
        return prefix + percent(value)
    if unite in ("habitants", "hectares"):
        return f"{prefix}{number(value)}{NBSP}{unite}"
    if unite == "euros":  # 12 500 €, 1 234,50 €
        return f"{prefix}{number(value, None if float(value).is_integer() else 2)}{NBSP}€"
    return prefix + number(value)  # nombre, indice


def collation_key(value: str) -> tuple[str, str]:
    """French dictionary order: accents and case set aside (« ÉPCI » between « EPA » and « Etat »),
    ligatures spelt out (« Œuvre » as « oeuvre »); the exact text breaks ties."""
    folded = unicodedata.normalize("NFD", value.replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae").replace("Æ", "Ae"))
    return "".join(c for c in folded if not unicodedata.combining(c)).casefold(), value


_VOWELS = frozenset("AEIOUYÀÂÄÉÈÊËÎÏÔÖŒÙÛÜaeiouyàâäéèêëîïôöœùûü")


def of(name: str) -> str:
    """« de » before a place's name, elided before a vowel: « de Barlin », « d'Annezin ». Not
    before an h, whose elision depends on the word (« de Houdain », « d'Hersin »): « de »."""
    return f"d'{name}" if name[:1] in _VOWELS else f"de {name}"


def date(value: dt.date) -> str:
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


_BEFORE_HIGH = re.compile(r"(?<=[^\s\d/:])[ \u00a0\u202f]*([;!?])(?=\s|$|[»)])")
# not after `]`: `[note]: adresse` defines a Markdown link (a typed « ] : » is fixed by html() below)
_BEFORE_COLON = re.compile(r"(?<=[^\s\d/:\]])[ \u00a0\u202f]*:(?=\s|$)")
_OPEN_QUOTE = re.compile(r"«[ \u00a0\u202f]*")
_CLOSE_QUOTE = re.compile(r"[ \u00a0\u202f]*»")


# `&amp;`, `&#233;`: the semicolon ends an entity-like word, it is not punctuation
_ENTITY_END = re.compile(r"&#?\w+$")


def _before_high(match: re.Match) -> str:
    if match.group(1) == ";" and _ENTITY_END.search(match.string[max(0, match.start() - 40) : match.start()]):
        return match.group(0)
    return NNBSP + match.group(1)


_PUNCTUATION = re.compile("[;!?:«»]")  # what the four patterns above need: most values have none


def text(value: str) -> str:
    """No-break spaces before « : ; ! ? » and inside guillemets; leaves URLs, times and entities alone."""
    if not _PUNCTUATION.search(value):
        return value
    value = _BEFORE_HIGH.sub(_before_high, value)
    value = _BEFORE_COLON.sub(NBSP + ":", value)
    value = _OPEN_QUOTE.sub("«" + NNBSP, value)
    return _CLOSE_QUOTE.sub(NNBSP + "»", value)


# --- finished HTML --------------------------------------------------------------
# Text written in templates and hand-written pages does not go through text():
# this pass fixes its spaces in the page's HTML. It only turns an existing
# ordinary space into a no-break one, so entities (`&amp;`) and markup are safe.
_NOT_TEXT = ("script", "style", "pre", "code", "textarea")  # elements copied whole, content included
# One group and no other: re.split then gives text and markup in turn (markup at odd indexes).
_HTML_TOKEN = re.compile(
    "(" + "|".join([r"<!--.*?-->", *(rf"<{name}\b.*?</{name}\s*>" for name in _NOT_TEXT), r"<[^>]*>"]) + ")",
    re.DOTALL | re.IGNORECASE,
)
_SPACE_BEFORE_COLON = re.compile(r"(?<!\s) :(?=\s|$)")
_SPACE_BEFORE_HIGH = re.compile(r"(?<!\s) ([;!?»])")
_SPACE_AFTER_OPEN = re.compile(r"« ")
_MAY_CHANGE = re.compile(r" [:;!?»]|« ")  # what the three above need: most text has none


def _text_spaces(text: str) -> str:
    if not _MAY_CHANGE.search(text):
        return text
    text = _SPACE_BEFORE_COLON.sub(NBSP + ":", text)
    text = _SPACE_BEFORE_HIGH.sub(lambda m: NNBSP + m.group(1), text)
    return _SPACE_AFTER_OPEN.sub("«" + NNBSP, text)


def html(document: str) -> str:
    """No-break spaces before « : ; ! ? » and after « in the text of an HTML fragment."""
    parts = _HTML_TOKEN.split(document)
    parts[::2] = [_text_spaces(text) for text in parts[::2]]
    return "".join(parts)
