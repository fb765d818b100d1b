"""Identifiers that staff do not type: an action, objectif, orientation or enjeu written without
`id` gets one derived from its text by `make formater`. The browser form (Decap CMS) derives
them with the same algorithm in JavaScript; tests/fixtures/identifiants.json holds the cases
both implementations must agree on."""

from __future__ import annotations

from macros.domain.slug import bare_slug

# Dropped from the words of the text: they say nothing of what an action is.
STOP_WORDS = tuple(
    (
        "le la les l d de des du un une et ou en au aux a pour par dans sur avec leur leurs son sa ses "
        "ce cet cette ces qui que qu afin plus tres notamment ainsi tout tous toute toutes etc"
    ).split()
)
MAX_WORDS = 5
MAX_LENGTH = 50


def new_identifier(text: str, taken: set[str] | frozenset[str], fallback: str = "action") -> str:
    """A new identifier for `text`, not in `taken`.

    a. The slug of the text: NFKD then ASCII, « œ » → « oe », lowercase, every run of characters
       other than a-z and 0-9 → « - », no « - » at either end (macros/domain/slug.py, without
       its « x » for a text with no letter or digit: that slug is empty here).
    b. Its words (split on « - ») without the STOP_WORDS; the first MAX_WORDS (5) kept, joined
       by « - ». Longer than MAX_LENGTH (50) characters: words dropped from the end until it
       fits, keeping at least the first word, itself cut to 50 characters if longer. Empty:
       `fallback` (« action », or « objectif », « orientation », « enjeu »).
    c. Already in `taken`: « -2 », « -3 »… appended, the first that is free.
    """
    words = [word for word in bare_slug(text).split("-") if word and word not in STOP_WORDS][:MAX_WORDS]
    while len(words) > 1 and len("-".join(words)) > MAX_LENGTH:
        words.pop()
    base = "-".join(words)[:MAX_LENGTH] or fallback
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"
