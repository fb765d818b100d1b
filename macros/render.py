"""Generated pages → Markdown, through Jinja templates in macros/templates/.

Every value printed with {{ }} is made inert for Markdown (see markdown_text),
so content can never inject markup; fragments built by code (maps, charts,
tables) are Markup and pass as they are.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache
from typing import Any

import jinja2
from markupsafe import Markup

from . import markdown_text, typography
from .slug import slug
from .convention import Convention
from .pages import GeneratedPage, enjeu_uri, narrative_uri, objectif_uri, orientation_uri, quartier_uri
from .pages import QUARTIERS_PER_PAGE, RELATED_QUARTIERS_LIMIT, lists_every_quartier


def _finalize(value: Any) -> Any:
    if value is None:
        raise ValueError("valeur vide dans un gabarit")
    return markdown_text.inline(value)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("macros", "templates"),
        autoescape=False,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.do"],
    )
    env.filters.update(
        number=typography.number,
        percent=typography.percent,
        date=typography.date,
        unit=typography.with_unit,
        paragraphs=markdown_text.paragraphs,
        markdown=markdown_text.trusted_markdown,
        shift_headings=markdown_text.shift_headings,
        rebase_links=markdown_text.rebase_links,
        raw=Markup,
        slug=slug,
        french_sorted=lambda items, attribute: sorted(items, key=lambda item: typography.collation_key(getattr(item, attribute))),
    )
    env.globals.update(
        quartier_uri=quartier_uri,
        objectif_uri=objectif_uri,
        orientation_uri=orientation_uri,
        enjeu_uri=enjeu_uri,
        narrative_uri=narrative_uri,
        related_quartiers_limit=RELATED_QUARTIERS_LIMIT,
        quartiers_per_page=QUARTIERS_PER_PAGE,
    )
    return env


def relative_link(here: str, target: str, anchor: str | None = None) -> Markup:
    """Relative Markdown link target from page `here` to page `target` (both src URIs)."""
    path = posixpath.relpath(target, posixpath.dirname(here) or ".")
    return Markup(path + (f"#{anchor}" if anchor else ""))


def render_page(page: GeneratedPage, convention: Convention, components: Any) -> str:
    template = environment().get_template(page.template)
    return template.render(
        c=convention,
        contrat=convention.contrat,
        generated=page,
        here=page.src_uri,
        link=lambda target, anchor=None: relative_link(page.src_uri, target, anchor),
        every_quartier_listed=lists_every_quartier(convention),
        ui=components,
        **page.context,
    )
