"""Content text made inert for Markdown: it shows literally, never as markup.

Content is data: a value holding `{{ }}`, `<script>` or `*emphasis*` must be
shown as typed. Every character Markdown or HTML could interpret is written as
a numeric character reference, which Markdown passes through untouched and
the browser shows as the original character.
"""

from __future__ import annotations

import posixpath
import re

from markupsafe import Markup

from . import typography

_INLINE = {c: f"&#{ord(c)};" for c in "&<>\\`*_[]{}|#~"}
_INLINE_RE = re.compile("[" + re.escape("".join(_INLINE)) + "]")
# characters that start a block only at the beginning of a line
_LINE_START = re.compile(r"^(\s*)([-+:]|\d+(?=[.)]))", re.MULTILINE)


def inline(value: object) -> Markup:
    """Escape one value for use inside a Markdown line (typography applied)."""
    if isinstance(value, Markup):
        return value
    text = typography.text(str(value)).replace("\n", " ")
    text = _INLINE_RE.sub(lambda m: _INLINE[m.group(0)], text)
    text = _LINE_START.sub(lambda m: m.group(1) + "".join(f"&#{ord(c)};" for c in m.group(2)), text)
    return Markup(text)


def paragraphs(value: str) -> Markup:
    """Multi-paragraph text: blank lines separate paragraphs, each escaped."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", value.strip()) if b.strip()]
    return Markup("\n\n".join(inline(b) for b in blocks))


_TAG = re.compile(r"<(?!https?://[^>\s]+>)")


def trusted_markdown(value: str) -> Markup:
    """Editors' Markdown (narrative pages): Markdown syntax kept, raw HTML shown as text."""
    return Markup(_TAG.sub("&lt;", typography.text(value)))


_HEADING = re.compile(r"^(#{1,6})(?=[ \t])", re.MULTILINE)
_FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)


def shift_headings(value: str, shift: int) -> Markup:
    """Editors' Markdown with its ATX headings `shift` levels deeper (at most h6), code fences left alone."""
    text = str(value)
    if not shift:
        return Markup(text)
    fences = [(m.start(), m.end()) for m in _FENCE.finditer(text)]

    def deeper(match: re.Match) -> str:
        if any(start <= match.start() < end for start, end in fences):
            return match.group(0)
        return "#" * min(6, len(match.group(1)) + shift)

    return Markup(_HEADING.sub(deeper, text))


# Link targets of editors' Markdown: inline `[texte](cible)` / `![alt](cible)` and reference
# definitions `[id]: cible`. A target with a scheme (https:, mailto:) or from the root is left alone.
_LINK = re.compile(r"(?P<lead>\]\(\s*)(?P<target>[^)\s]+)|^(?P<ref>[ ]{0,3}\[[^\]]+\]:[ \t]*)(?P<reftarget>\S+)", re.MULTILINE)
_ABSOLUTE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/)")


def rebase_links(value: str, written_at: str, shown_at: str) -> Markup:
    """Editors' Markdown written for page `written_at`, its relative links made to work from page
    `shown_at` (src URIs): a narrative page's text is also shown in the printable version, which
    sits in another folder. Code fences are left alone."""
    text = str(value)
    if written_at == shown_at:
        return Markup(text)
    fences = [(m.start(), m.end()) for m in _FENCE.finditer(text)]

    def moved(match: re.Match) -> str:
        if any(start <= match.start() < end for start, end in fences):
            return match.group(0)
        lead, target = (match.group("lead"), match.group("target")) if match.group("lead") is not None else (match.group("ref"), match.group("reftarget"))
        return lead + _rebased(target, written_at, shown_at)

    return Markup(_LINK.sub(moved, text))


def _rebased(target: str, written_at: str, shown_at: str) -> str:
    if _ABSOLUTE.match(target):
        return target
    path, hash_, anchor = target.partition("#")
    site_path = posixpath.normpath(posixpath.join(posixpath.dirname(written_at), path)) if path else written_at
    if site_path.startswith("../"):
        return target  # outside the site: MkDocs reports it, as on the page itself
    return posixpath.relpath(site_path, posixpath.dirname(shown_at) or ".") + hash_ + anchor
