"""What Material's search reads of a page: its HTML without the elements marked
`data-search-exclude`.

Material parses the whole HTML of every page in Python to index it, and drops what is excluded
only once it has parsed it. On an agglomeration's pages about a third of the HTML is excluded
(an objectif's action lists, already indexed on their quartier's page; maps; page dates). Cut out
first, it gives Material the same index for less work (bench/, case d): the hook hands Material
this view of the page, then gives the page its own HTML back.

Once indexed, Material takes the `data-search-…="…"` attributes out of the page it read:
`indexed_page` does the same to the page's own HTML, which is then written as before.

Cautious where Material would not simply skip: an excluded element that holds a heading stays
(Material still opens a section there), and so does an excluded void element (Material ignores
its attributes).
"""

from __future__ import annotations

import re

VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
_EXCLUDED = re.compile(r'<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?\sdata-search-exclude(?:=""|(?=[\s/>]))[^>]*>')
_HEADING = re.compile(r"<h[1-6][\s>]")
_TAGS: dict[str, re.Pattern] = {}
# In place of a cut element: the text on each side stays two pieces for Material's parser, as
# with the element there (it collapses spaces piece by piece: the index text stays the same).
_BOUNDARY = "<!---->"
# Material's search plugin, on_page_context: re.sub(r"\s?data-search-\w+=\"[^\"]+\"", "", content).
# Its leading `\s?` makes the regex try every position of the page: found from the literal instead.
_SEARCH_ATTRIBUTE = re.compile(r"data-search-\w+=\"[^\"]+\"")


def _close(html: str, tag: str, start: int) -> int | None:
    """End of the tag closing the element `tag` whose content starts at `start` (same-name nesting)."""
    pattern = _TAGS.get(tag)
    if pattern is None:
        pattern = _TAGS[tag] = re.compile(rf"<(/?){tag}\b[^>]*>")
    depth = 1
    for match in pattern.finditer(html, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    return None


def without_excluded(html: str) -> str:
    """`html` without its elements marked data-search-exclude (see the module's cautions)."""
    if "data-search-exclude" not in html:
        return html
    kept: list[str] = []
    position = 0
    for match in _EXCLUDED.finditer(html):
        if match.start() < position:  # inside an element already cut
            continue
        tag = match.group(1).lower()
        if tag in VOID or match.group(0).endswith("/>"):
            continue
        end = _close(html, tag, match.end())
        if end is None or _HEADING.search(html, match.end(), end):
            continue
        kept.append(html[position : match.start()])
        kept.append(_BOUNDARY)
        position = end
    kept.append(html[position:])
    return "".join(kept)


def indexed_page(html: str) -> str:
    """The page's own HTML as Material's search plugin leaves the page it has indexed."""
    kept: list[str] = []
    position = 0
    for match in _SEARCH_ATTRIBUTE.finditer(html):
        start = match.start()
        if start > position and html[start - 1].isspace():
            start -= 1
        kept.append(html[position:start])
        position = match.end()
    if not kept:
        return html
    kept.append(html[position:])
    return "".join(kept)
