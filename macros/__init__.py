"""mkdocs-macros entry point: the macros available to pages, nothing else.

The project's core lives in the submodules (loader, model, pages, render…);
this file only wires them to mkdocs-macros.
"""

from __future__ import annotations

import os

from markupsafe import Markup


def define_env(env) -> None:
    from . import build_state, render
    from .errors import ContentErrors

    config_dir = os.path.dirname(env.conf.config_file_path or "mkdocs.yml")

    def state():
        settings = dict(env.conf.extra.get("convention", {}) or {})
        return build_state.get(build_state.content_dir(config_dir), settings)

    try:
        env.variables["convention"] = state().convention
    except ContentErrors:
        return  # the hook reports the errors and stops the build

    @env.macro
    def generated_page() -> str:
        """The Markdown of the generated page being rendered."""
        current = state()
        page = current.pages[env.page.file.src_uri]
        return render.render_page(page, current.convention, current.components)

    @env.macro
    def accessibility_status() -> Markup:
        return Markup(state().convention.contrat.accessibilite.statut)
