"""Fragments that templates insert: tables, cards, maps, charts.

Each method returns Markup (Markdown or HTML built by code, with content
values escaped), so templates stay free of formatting logic.
"""

from __future__ import annotations

from markupsafe import Markup

from . import stats
from .convention import Convention
from .markdown_text import inline
from .model import Quartier
from .pages import quartier_uri
from .render import relative_link


class Components:
    def __init__(self, convention: Convention, settings: dict | None = None):
        self.convention = convention
        self.settings = settings or {}

    def portrait_table(self, quartier: Quartier) -> Markup:
        return stats.portrait_table(self.convention, quartier)

    def portrait_chart(self, quartier: Quartier) -> Markup:
        return Markup("")

    def map_quartier(self, quartier: Quartier) -> Markup:
        communes = ", ".join(c.nom for c in quartier.communes)
        return Markup(f"Communes : {inline(communes)}.")

    def map_overview(self) -> Markup:
        return Markup("")

    def quartier_cards(self, here: str) -> Markup:
        lines = ['<div class="grid cards cdv-cartes" markdown="1">', ""]
        for q in self.convention.quartiers:
            figures = stats.key_figures(self.convention, q, limit=2)
            lines.append(f"-   **[{inline(q.nom)}]({relative_link(here, quartier_uri(q.id))})**")
            lines.append("")
            lines.append(f"    {inline(q.statut_libelle)} ({inline(q.statut)})")
            lines.append("")
            for figure in figures:
                lines.append(f"    {inline(figure)}  ")
            communes = ", ".join(c.nom for c in q.communes)
            lines.append(f"    Commune{'s' if len(q.communes) > 1 else ''} : {inline(communes)}")
            lines.append("")
        lines += ["</div>"]
        return Markup("\n".join(lines))

    def accessibility_mention(self) -> Markup:
        statut = self.convention.contrat.accessibilite.statut
        return Markup(f'<p class="cdv-accessibilite">Accessibilité : {inline(statut)} — <a href="accessibilite/">voir la déclaration d\'accessibilité</a></p>')
