"""Glossary acronyms explained in page text: which terms, with what title, reachable how.

Only acronyms (QPV, CCAS…) are marked: a phrase such as « contrat de ville »
would wrap half the text. The marking works on each page's HTML, after
Markdown, so it also reaches fragments built by code as raw HTML (tables,
map descriptions), and leaves table-of-contents entries, heading ids, link
targets and attributes untouched (those exist before this pass, or are not
text). Each <abbr> takes the keyboard focus unless it sits inside a link or
another control: Material shows its tooltip on focus as on hover.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from markupsafe import escape

from macros.domain.model import Terme
from macros.text import typography

# Capital letters and digits only, e.g. QPV, CHRS, EPCI.
_ACRONYM = re.compile(r"^[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ0-9]{1,11}$")


def is_acronym(term: str) -> bool:
    return bool(_ACRONYM.match(term))


def abbreviations(terms: Iterable[Terme]) -> dict[str, str]:
    """Acronym → explanation shown on hover and focus (its expansion, else its definition)."""
    return {t.terme: _title(t) for t in terms if is_acronym(t.terme)}


def _title(term: Terme) -> str:
    text = term.developpe or term.definition
    return typography.text(" ".join(text.split()))


# Text there is not prose (or cannot hold an element): never marked.
_SKIP = {
    "script",
    "style",
    "code",
    "pre",
    "kbd",
    "samp",
    "svg",
    "math",
    "textarea",
    "select",
    "option",
    "title",
    "abbr",
    "template",
    "iframe",
    "button",
}
# Already a tab stop, or hidden from assistive technologies: marked, but not focusable.
_NO_FOCUS = {"a", "summary", "label"}
_RAW_TEXT = {"script", "style", "textarea", "title"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
_TOKEN = re.compile(r"<!--.*?-->|<[^>]*>", re.DOTALL)
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][\w:-]*)([^>]*?)(/?)\s*>", re.DOTALL)
_HIDDEN = re.compile(r"""\baria-hidden\s*=\s*["']?true|(?:^|\s)hidden(?:\s|=|$)""")


def explain(html: str, acronyms: dict[str, str]) -> str:
    """Wrap each glossary acronym of the text in <abbr title>, focusable outside links and controls."""
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(acronyms, key=len, reverse=True))) + r")\b") if acronyms else None
    last = _last_change(html, acronyms)
    if last is None:  # most pages: no acronym, no <abbr>, nothing to walk
        return html
    out: list[str] = []
    stack: list[tuple[str, bool, bool]] = []  # (tag, skip text, no focus)
    position = 0
    # past the last place that may change, the rest of the page is copied as it is
    while position <= last and (token := _TOKEN.search(html, position)) is not None:
        out.append(_text(html[position : token.start()], stack, pattern, acronyms))
        out.append(_tag(token.group(0), stack))
        position = token.end()
        if stack and stack[-1][0] in _RAW_TEXT:
            # script and style hold text that may look like tags (`a<b`): copy up to their end tag
            end = re.compile(rf"</{stack[-1][0]}\s*>", re.IGNORECASE).search(html, position)
            stop = end.end() if end else len(html)
            out.append(html[position:stop])
            position = stop
            stack.pop()
    rest = html[position:]
    out.append(_text(rest, stack, pattern, acronyms) if position <= last else rest)
    return "".join(out)


_ABBR = re.compile(r"<\s*abbr\b", re.IGNORECASE)


def _last_change(html: str, acronyms: dict[str, str]) -> int | None:
    """Where the last acronym or <abbr> tag starts, or None if there is none. Found anywhere,
    in words and attributes too, a superset of what explain changes; str.rfind is many times
    faster than the acronym pattern over a whole page."""
    starts = [html.rfind(acronym) for acronym in acronyms]
    starts += [match.start() for match in _ABBR.finditer(html)]
    last = max(starts, default=-1)
    return last if last >= 0 else None


def _tag(token: str, stack: list[tuple[str, bool, bool]]) -> str:
    match = _TAG.fullmatch(token)
    if not match:  # comment, doctype
        return token
    closing, name, attributes, self_closing = match.group(1), match.group(2).lower(), match.group(3), match.group(4)
    skip, no_focus = (stack[-1][1], stack[-1][2]) if stack else (False, False)
    if closing:
        for index in range(len(stack) - 1, -1, -1):
            if stack[index][0] == name:
                del stack[index:]
                break
        return token
    if name == "abbr" and not skip and not no_focus and "title=" in attributes and "tabindex" not in attributes:
        token = f'<abbr tabindex="0"{attributes}{self_closing}>'
    if name not in _VOID and not self_closing:
        stack.append((name, skip or name in _SKIP, no_focus or name in _NO_FOCUS or bool(_HIDDEN.search(attributes))))
    return token


def _text(text: str, stack: list[tuple[str, bool, bool]], pattern: re.Pattern | None, acronyms: dict[str, str]) -> str:
    if not text or pattern is None or (stack and stack[-1][1]):
        return text
    focus = "" if stack and stack[-1][2] else ' tabindex="0"'
    return pattern.sub(lambda m: f'<abbr{focus} title="{escape(acronyms[m.group(1)])}">{m.group(1)}</abbr>', text)
