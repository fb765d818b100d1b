"""Generated pages of an agglomeration's site → Markdown: render.render_page's counterpart.

A page about one commune (context `commune`) is rendered with that commune's convention, so the
single-commune partials (narrative pages, actions, avancement, history) serve as they are; any
other page with the convention merging every commune (agglomeration_pages.merged_convention).
"""

from __future__ import annotations

from typing import Any

from macros.rendering import agglomeration_pages as ap
from macros.lifecycle.history import History
from macros.rendering.pages import QUARTIERS_PER_PAGE, GeneratedPage, lists_every_quartier
from macros.rendering.html_blocks import HtmlBlocks
from macros.rendering.render import render_with

# pages that name every quartier only up to QUARTIERS_PER_PAGE: the home, the comparisons
SUMMARISED_HOME, SUMMARISED_TEMPLATE = "index.md", "statistiques.md.j2"


def render_page(page: GeneratedPage, merged, components: Any, commune_components: dict[str, Any], site_url: str | None = None) -> tuple[str, HtmlBlocks]:
    commune = page.context.get("commune")
    convention = commune.convention if commune is not None else merged
    # a commune's page links its own history and notes, under communes/<c>/
    own = {"notes_uri": ap.commune_notes_uri(commune.id), "history_uri": ap.commune_history_uri(commune.id)} if commune is not None else {}
    return render_with(
        page, convention, commune_components[commune.id] if commune is not None else components, site_url,
        **own,
        merged=merged,
        # Other lists are per commune or paginated; the home and the comparison of every quartier
        # follow the single-commune rule (all of them up to QUARTIERS_PER_PAGE, a summary beyond).
        every_quartier_listed=not (page.src_uri == SUMMARISED_HOME or page.template == SUMMARISED_TEMPLATE) or lists_every_quartier(convention),
        commune_uri=ap.commune_uri,
        commune_narrative_uri=ap.commune_narrative_uri,
        commune_avancement_uri=ap.commune_avancement_uri,
        commune_statistics_uri=ap.commune_statistics_uri,
        commune_history_uri=ap.commune_history_uri,
        commune_notes_uri=ap.commune_notes_uri,
        commune_print_uri=ap.commune_print_uri,
        anchor_prefix_of=ap.anchor_prefix,
        history_of=History,
        communes_uri=ap.COMMUNES_URI,
        quartiers_per_page=QUARTIERS_PER_PAGE,
    )
