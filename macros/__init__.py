"""mkdocs-macros entry point: the macros available to pages, nothing else.

The project's core lives in the submodules (loader, model, pages, render…);
this file only wires them to mkdocs-macros.
"""

from __future__ import annotations

import os


def define_env(env) -> None:
    from macros.reading.errors import ContentErrors
    from macros.rendering import build_state
    from macros.text import markdown_text, typography

    config_dir = os.path.dirname(env.conf.config_file_path or "mkdocs.yml")

    def state():
        settings = dict(env.conf.extra.get("convention", {}) or {})
        return build_state.get(build_state.content_dir(config_dir), settings)

    try:
        # Once per build (define_env runs for each build, live preview included): asking
        # build_state for every page re-listed all content files each time (quadratic).
        current = state()
    except ContentErrors:
        return  # the hook reports the errors and stops the build
    env.variables["site"] = current.site  # one commune's, or an agglomeration's

    # Hand-written pages of docs/ (legal pages) print content values through these:
    # `{{ convention.contrat.publication.editeur|texte }}` shows the value literally, in French typography.
    env.filter(markdown_text.inline, "texte")
    env.filter(typography.date, "date_fr")
    env.filter(typography.percent, "pourcentage")

    @env.macro
    def mise_a_jour():
        """The date of the newest content (computed: signature, avenants, statuts, suivi)."""
        from macros.lifecycle.history import History

        return max(History(c.convention).convention_updated() for c in current.site.communes)

    @env.macro
    def statistics_credits() -> list[tuple[str, list[str]]]:
        """Each source of the figures, with its year once, and the territories it gives figures for."""
        from macros.features import stats

        return stats.credits(current.site.scope)
