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
from markupsafe import Markup, escape

from macros import jinja
from macros.domain.site import Site, SiteIdentity
from macros.domain.slug import slug
from macros.domain.uris import (
    COMMUNES_URI,
    EVALUATION_URI,
    HISTORY_URI,
    INSTANCES_URI,
    NOTES_URI,
    bilan_uri,
    enjeu_uri,
    narrative_uri,
    objectif_uri,
    orientation_uri,
    page_url,
    quartier_uri,
    url_between,
)
from macros.features import indicators
from macros.lifecycle import bilans
from macros.lifecycle.history import History, instance_anchor, instance_title
from macros.rendering.html_blocks import HtmlBlocks
from macros.rendering.pages import QUARTIERS_PER_PAGE, RELATED_QUARTIERS_LIMIT, GeneratedPage, lists_every_quartier
from macros.text import markdown_text, page_macros, typography


def _finalize(value: Any) -> Any:
    if value is None:
        raise ValueError("valeur vide dans un gabarit")
    return markdown_text.inline(value)


# French numbers, dates and slugs, for the Markdown pages and for their HTML parts alike
_TYPOGRAPHY_FILTERS = dict(
    number=typography.number, percent=typography.percent, date=typography.date, unit=typography.with_unit, slug=slug, de=typography.of
)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja.environment(autoescape=False, finalize=_finalize, keep_trailing_newline=True, extensions=["jinja2.ext.do"])
    env.filters.update(
        _TYPOGRAPHY_FILTERS,
        paragraphs=markdown_text.paragraphs,
        markdown=markdown_text.trusted_markdown,
        shift_headings=markdown_text.shift_headings,
        rebase_links=markdown_text.rebase_links,
        raw=Markup,
        french_sorted=lambda items, attribute: sorted(items, key=lambda item: typography.collation_key(getattr(item, attribute))),
    )
    env.globals.update(
        quartier_uri=quartier_uri,
        objectif_uri=objectif_uri,
        orientation_uri=orientation_uri,
        enjeu_uri=enjeu_uri,
        narrative_uri=narrative_uri,
        url_between=url_between,
        history_uri=HISTORY_URI,
        notes_uri=NOTES_URI,
        related_quartiers_limit=RELATED_QUARTIERS_LIMIT,
        quartiers_per_page=QUARTIERS_PER_PAGE,
        evaluation=indicators,  # the référentiel d'impacts (features/indicators.py)
        evaluation_uri=EVALUATION_URI,
        bilan_uri=bilan_uri,
        bilan_of=bilans.bilan,
        page_macros=page_macros,
        instances_uri=INSTANCES_URI,
        instance_title=instance_title,
        instance_anchor=instance_anchor,
    )
    return env


def _typeset(value: Any) -> Markup:
    """A value in French typography, escaped; the apostrophe stays as typed (attributes are
    written between double quotes), as Markdown writes it: « l'accès », not « l&#39;accès »."""
    if value is None:
        raise ValueError("valeur vide dans un gabarit")
    if isinstance(value, Markup):
        return value
    return Markup(str(escape(typography.text(str(value)))).replace("&#39;", "'"))


@lru_cache(maxsize=1)
def html_environment() -> jinja2.Environment:
    """The HTML parts of pages (html_blocks): autoescaped, content values in French typography."""
    env = jinja.environment(autoescape=True, finalize=_typeset)
    env.filters.update(_TYPOGRAPHY_FILTERS)
    env.globals.update(history_uri=HISTORY_URI, notes_uri=NOTES_URI)
    return env


def html_parts(here: str, blocks: HtmlBlocks) -> dict[str, Any]:
    """What Markdown templates call to write a part of page `here` as HTML (kept in `blocks`):
    `html_part(template, **context)` renders an HTML partial, `html_block(markup)` passes HTML
    made by code."""

    def html_part(template: str, **context: Any) -> Markup:
        html = (
            html_environment().get_template(template).render(href=lambda target, anchor=None: url_between(here, target, anchor), **context)
        )
        return blocks.add(html)

    return {"html_part": html_part, "html_block": blocks.add}


def relative_link(here: str, target: str, anchor: str | None = None) -> Markup:
    """Relative Markdown link target from page `here` to page `target` (both src URIs)."""
    path = posixpath.relpath(target, posixpath.dirname(here) or ".")
    return Markup(path + (f"#{anchor}" if anchor else ""))


def page_address(src_uri: str, site_url: str | None) -> str:
    """A page's public address: absolute under the site's canonical URL when it is known."""
    base = site_url.rstrip("/") + "/" if site_url else "/"
    return base + page_url(src_uri)


def render_page(page: GeneratedPage, site: Site, components: dict[str | None, Any], site_url: str | None = None) -> tuple[str, HtmlBlocks]:
    """The page's Markdown, then its foot (date, citation, printed address), and its HTML parts.

    A page about one commune (context `commune`, in an agglomeration's site) is rendered with
    that commune's convention, and cites it; any other with every quartier of the site
    (site.scope), and cites the site. `components`: commune id (None: the site) → Components."""
    commune = page.context.get("commune")
    convention = commune.convention if commune is not None else site.scope
    s = site.addresses
    own = commune if commune is not None else site.own
    blocks = HtmlBlocks()
    variables = dict(
        site=site,
        c=convention,
        generated=page,
        here=page.src_uri,
        link=lambda target, anchor=None: relative_link(page.src_uri, target, anchor),
        ui=components[commune.id if commune is not None else None],
        h=History(convention),
        cited=SiteIdentity.of_convention(commune.convention) if commune is not None else site.identity,
        address=page_address(page.src_uri, site_url),
        every_quartier_listed=lists_every_quartier(convention),
        # a commune's pages link its own history and notes
        history_uri=s.history(own.id) if own is not None else HISTORY_URI,
        notes_uri=s.notes(own.id) if own is not None else NOTES_URI,
        commune_uri=s.commune_home,
        commune_narrative_uri=s.narrative,
        commune_avancement_uri=s.avancement,
        commune_statistics_uri=s.statistics,
        commune_history_uri=s.history,
        commune_notes_uri=s.notes,
        commune_print_uri=s.printable,
        anchor_prefix_of=lambda of_commune: s.anchor_prefix(of_commune.id),
        history_of=History,
        communes_uri=COMMUNES_URI,
        **html_parts(page.src_uri, blocks),
        **page.context,
    )
    if own is not None:
        variables["contrat"] = own.convention.contrat
    env = environment()
    markdown = env.get_template(page.template).render(**variables) + env.get_template("_pied.md.j2").render(**variables)
    return markdown, blocks
