"""Fragments that templates insert: tables, cards, maps, charts.

Each method returns Markup (Markdown or HTML built by code, with content
values escaped), so templates stay free of formatting logic.
"""

from __future__ import annotations

from functools import cached_property

from markupsafe import Markup

from macros.data import exports
from macros.domain.convention import Scope
from macros.domain.model import Indicateur, Quartier
from macros.domain.site import Site
from macros.domain.uris import STATISTICS_URI, quartier_uri
from macros.features import avancement, maps, matrix, portrait, stats
from macros.rendering.pages import lists_every_quartier
from macros.rendering.render import relative_link
from macros.text.markdown_text import inline


class Components:
    """`convention`: the quartiers a page shows (a commune's convention, or every quartier of the site)."""

    def __init__(self, convention: Scope, settings: dict | None = None, site: Site | None = None):
        self.convention = convention
        self.settings = settings or {}
        self.site = site  # the open data describe the whole site

    def portrait_table(self, quartier: Quartier) -> Markup:
        return portrait.portrait_table(self.convention, quartier)

    def portrait_chart(self, quartier: Quartier) -> Markup:
        return portrait.portrait_chart(self.convention, quartier)

    def comparison_table(self, year: stats.YearComparison) -> Markup:
        return portrait.comparison_table(self.convention, year)

    def reference_table(self) -> Markup:
        """The agglomeration's reference figures (chiffres-agglomeration.yaml)."""
        return portrait.reference_table(self.convention)

    def reference_sources(self) -> str | None:
        return stats.reference_sources(self.convention)

    def matrix_table(self, enjeu, here: str) -> Markup:
        """Objectifs × quartiers, or per objectif the counts when the quartiers are too many to be columns."""
        if lists_every_quartier(self.convention):
            return matrix.matrix_table(self.convention, enjeu, here)
        return matrix.counts_table(self.convention, enjeu, here)

    def comparison_summary(self, year: stats.YearComparison) -> Markup:
        return portrait.comparison_summary(self.convention, year)

    def comparison_years(self) -> list[stats.YearComparison]:
        """One comparison per year, latest first: only figures of the same year side by side."""
        return stats.comparison(self.convention)

    def comparison_charts(self) -> list[tuple[Indicateur, Markup]]:
        """Each indicateur with its chart (empty Markup when there is nothing to compare)."""
        return [(i, portrait.comparison_chart(i, rows)) for i, rows in stats.comparison_by_indicateur(self.convention)]

    def portrait_sources(self) -> list[tuple[Quartier, str | None]]:
        """Each quartier with the sources of its figures, each with its year (None: no portrait)."""
        return stats.comparison_sources(self.convention)

    def map_quartier(self, quartier: Quartier) -> Markup:
        return maps.quartier_map(quartier, self._map_data[quartier.id], maps.MapSettings.from_settings(self.settings))

    def map_overview(self, here: str = "index.md") -> Markup:
        """All quartiers on one map; `here` (the page's src URI) makes the links to quartier pages relative."""
        links = {q.id: relative_link(here, quartier_uri(q.id)) for q in self.convention.quartiers}
        return maps.overview_map(self.convention.quartiers, self._map_data[None], maps.MapSettings.from_settings(self.settings), links)

    def map_data(self, quartier: Quartier) -> maps.MapData | None:
        """The shapes of a quartier's map (None: no published perimeter), for the PDF's drawing (rendering/paper.py)."""
        return self._map_data[quartier.id]

    def map_files(self) -> dict[str, bytes]:
        """The data file of every map the pages draw (site path → bytes): the maps fetch them."""
        return {data.path: data.payload() for data in self._map_data.values() if data is not None}

    @cached_property
    def _map_data(self) -> dict[str | None, maps.MapData | None]:
        """Each quartier map's shapes (by quartier id) and the overview's (None), lightened once per build."""
        c = self.convention
        found: dict[str | None, maps.MapData | None] = {}
        for q in c.quartiers:
            communes = maps.communes_subset(c.communes_geo, (commune.insee for commune in q.communes))
            found[q.id] = maps.quartier_data(q, c.perimetres.get(q.id), communes)
        communes = maps.communes_subset(c.communes_geo, (commune.insee for q in c.quartiers for commune in q.communes))
        found[None] = maps.overview_data([(q, c.perimetres.get(q.id)) for q in c.quartiers], communes)
        return found

    def quartier_cards(self, here: str, quartiers: list[Quartier] | None = None) -> Markup:
        """A card per quartier (all of them unless `quartiers` is given: one page of a long list)."""
        lines = ['<div class="grid cards cdv-cartes" markdown="1">', ""]
        for q in self.convention.quartiers if quartiers is None else quartiers:
            figures = stats.key_figures(self.convention, q)
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
        if any(q.portrait for q in self.convention.quartiers):
            lines += ["", f"[Comparer les chiffres des quartiers et de l'agglomération]({relative_link(here, STATISTICS_URI)})"]
        return Markup("\n".join(lines))

    def accessibility_mention(self, here: str) -> Markup:
        """The mention French public sites show on their home page, linked to the declaration."""
        statut = self.site.identity.accessibilite.statut
        target = relative_link(here, "accessibilite.md")
        return Markup(f"{inline(f'Accessibilité : {statut}')} ([déclaration d'accessibilité]({target}))\n{{ .cdv-accessibilite }}")

    def avancement_table(self, by: str) -> Markup:
        """Progress of the actions by « enjeu » or by « quartier » (accessible HTML table)."""
        return avancement.table_by(self.convention, by)

    def avancement_summary(self) -> str:
        return avancement.summary(self.convention)

    def open_data(self) -> dict:
        """Names, fields and licence of the export files, for the Données page."""
        return exports.describe(self.site)
