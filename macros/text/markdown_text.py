"""Content text made inert for Markdown: it shows literally, never as markup.

Content is data: a value holding `{{ }}`, `<script>` or `*emphasis*` must be
shown as typed. Every character Markdown or HTML could interpret is written as
a numeric character reference, which Markdown passes through untouched and
the browser shows as the original character.
"""

from __future__ import annotations

import functools
import posixpath
import re

from markupsafe import Markup

from macros.text import typography

_INLINE = {c: f"&#{ord(c)};" for c in "&<>\\`*_[]{}|#~"}
_INLINE_RE = re.compile("[" + re.escape("".join(_INLINE)) + "]")
# characters that start a block only at the beginning of a line
_LINE_START = re.compile(r"^(\s*)([-+:]|\d+(?=[.)]))", re.MULTILINE)


def inline(value: object) -> Markup:
    """Escape one value for use inside a Markdown line (typography applied)."""
    if isinstance(value, Markup):
        return value
    return _inline(str(value))


# Pages repeat the same names and titles (an agglomeration's objectifs, once per commune and
# quartier): tens of thousands of calls for a few thousand texts.
@functools.lru_cache(maxsize=8192)
def _inline(value: str) -> Markup:
    text = typography.text(value).replace("\n", " ")
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


_LINK_TARGET = re.compile(r"(\]\(\s*<?)([^)\s>]+)|(^[ \t]{0,3}\[[^\]]+\]:[ \t]*<?)([^\s>]+)", re.MULTILINE)


def rebase_links(value: str, written_for: str, shown_in: str) -> Markup:
    """Editors' Markdown written for page `written_for`, shown in page `shown_in` (src URIs): each
    relative link target is rewritten so that it still leads to the same page (printable version)."""
    text = str(value)
    source_dir, target_dir = posixpath.dirname(written_for), posixpath.dirname(shown_in)
    if source_dir == target_dir:
        return Markup(text)

    def rebased(target: str) -> str:
        if not target or target.startswith(("#", "/")) or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target):
            return target
        path, sep, anchor = target.partition("#")
        absolute = posixpath.normpath(posixpath.join(source_dir, path))
        return posixpath.relpath(absolute, target_dir or ".") + sep + anchor

    def replace(match: re.Match) -> str:
        if match.group(1) is not None:
            return match.group(1) + rebased(match.group(2))
        return match.group(3) + rebased(match.group(4))

    return Markup(_LINK_TARGET.sub(replace, text))
