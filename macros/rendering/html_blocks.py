"""Parts of a generated page written as HTML, kept out of the Markdown pass.

The actions are most of a quartier's or an objectif's page (4 000 of them in an agglomeration of
20 communes), and Python-Markdown, which parses every line and every tag of a page, was the
slowest stage of the build. Those parts are rendered from autoescaped HTML partials; the page's
Markdown carries a placeholder comment in their place (Markdown passes a comment through as it
is), and the hook puts the HTML back once MkDocs has converted the rest (on_page_content),
before the typography and glossary passes and the search index see the page.
"""

from __future__ import annotations

import re

from markupsafe import Markup

_PLACEHOLDER = re.compile(r"<!--cdv-bloc-(\d+)-->")
_ID = re.compile(r'\sid="([^"]+)"')


class HtmlBlocks:
    """The HTML parts of one page, in the order the template asked for them."""

    def __init__(self) -> None:
        self._blocks: list[str] = []

    def add(self, html: str) -> Markup:
        """Keep `html`; the Markdown gets a placeholder (templates write it alone between blank lines)."""
        if 'markdown="1"' in html:  # Markdown inside would never be converted: a mistake in the code
            raise ValueError('une partie HTML contient du Markdown (markdown="1") : elle doit passer par Markdown')
        self._blocks.append(str(html).strip("\n"))
        return Markup(f"<!--cdv-bloc-{len(self._blocks) - 1}-->")

    def restore(self, html: str) -> str:
        """The page's HTML with every placeholder replaced by its part."""
        if not self._blocks:
            return html
        return _PLACEHOLDER.sub(lambda match: self._blocks[int(match.group(1))], html)

    def anchor_ids(self) -> set[str]:
        """Ids of the parts' elements: MkDocs checks links to them, and never parsed the parts."""
        return {match.group(1) for block in self._blocks for match in _ID.finditer(block)}
