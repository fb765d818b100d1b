"""The portrait statistique as page fragments: tables and charts, per quartier and side by side.

Tables are HTML built here (a <caption>, <th scope>, a named scrollable
region), because a Markdown table can have neither caption nor row headers.
Every content value is escaped with markupsafe; links between pages are left
to the Markdown around the fragments, where MkDocs checks them.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from macros.domain.convention import Convention
from macros.domain.model import Indicateur, Quartier
from macros.features import charts, stats
from macros.text import typography

AGGLOMERATION = "Agglomération"


def _text(value: str) -> Markup:
    return escape(typography.text(value))


def _small(value: str | None) -> Markup:
    return Markup(' <span class="cdv-precision">({})</span>').format(_text(value)) if value else Markup("")


def _cell(text: str) -> Markup:
    """A value cell; « non renseigné » and the empty gap are marked so that they look absent."""
    if text.startswith(stats.NOT_GIVEN):
        return Markup('<td class="cdv-absent">{}</td>').format(text)
    if text == stats.NO_GAP:
        return Markup('<td class="cdv-absent"><span aria-hidden="true">—</span><span class="cdv-lecteur">sans objet</span></td>')
    return Markup("<td>{}</td>").format(_text(text))


def _value_cell(text: str, note: str | None, evolution: str | None = None) -> Markup:
    """A figure with the document's remark in small type: « environ 2 000 habitants (+100 par rapport à 2015) »,
    and its evolution since the year before on a line of its own."""
    if not note and not evolution:
        return _cell(text)
    extra = Markup('<span class="cdv-evolution">Évolution : {}</span>').format(_text(evolution)) if evolution else Markup("")
    return Markup("<td>{}{}{}</td>").format(_text(text), _small(note), extra)


def _figure_cell(figure: stats.Figure | None, dated: bool = False) -> Markup:
    if figure is None:
        return _cell(stats.NOT_GIVEN)
    return _value_cell(figure.dated_text if dated else figure.text, figure.valeur.commentaire)


def _row_header(indicateur: Indicateur) -> Markup:
    definition = indicateur.definition
    extra = Markup('<span class="cdv-definition">{}</span>').format(_text(definition)) if definition else Markup("")
    return Markup('<th scope="row">{}{}</th>').format(_text(indicateur.libelle), extra)


def _table(table_id: str, caption: str, head: list[str], body: list[Markup], css: str) -> Markup:
    """A table inside a region that scrolls sideways when too wide, named by the caption."""
    caption_id = f"{table_id}-legende"
    lines = [
        Markup('<div class="cdv-defilement" role="region" aria-labelledby="{}" tabindex="0">').format(caption_id),
        Markup('<table class="cdv-tableau {}" id="{}">').format(css, table_id),
        Markup('<caption id="{}"><span>{}</span></caption>').format(caption_id, _text(caption)),
        Markup("<thead><tr>") + Markup("").join(Markup('<th scope="col">{}</th>').format(_text(h)) for h in head) + Markup("</tr></thead>"),
        Markup("<tbody>"),
        *body,
        Markup("</tbody>"),
        Markup("</table>"),
        Markup("</div>"),
    ]
    return Markup("\n").join(lines)


# --- one quartier ------------------------------------------------------------


def portrait_table(convention: Convention, quartier: Quartier) -> Markup:
    """indicateur | quartier (latest figure, its year, its evolution) | agglomération (same year) | écart, then the sources."""
    items = stats.rows(convention, quartier)
    if not items:
        return Markup("<p>Portrait statistique non renseigné.</p>")
    body = []
    for row in items:
        latest = row.latest
        quartier_cell = _value_cell(row.quartier_text, latest and latest.valeur.commentaire, row.evolution)
        agglo = row.agglomeration
        agglo_cell = _value_cell(row.agglomeration_text, agglo and agglo.valeur.commentaire)
        body.append(Markup("<tr>{}{}{}{}</tr>").format(_row_header(row.indicateur), quartier_cell, agglo_cell, _cell(row.gap_text)))
    caption = f"Indicateurs du quartier « {quartier.nom} » et de l'ensemble de l'agglomération, avec leur année"
    table = _table(f"portrait-{quartier.id}", caption, ["Indicateur", quartier.nom, AGGLOMERATION, "Écart"], body, "cdv-tableau--portrait")
    note = " ".join(n for n in (stats.portrait_sources(convention, quartier), stats.gap_note(items)) if n)
    return Markup('<div class="cdv-statistiques">\n{}\n<p class="cdv-source">{}</p>\n</div>').format(table, _text(note))


def _rate_rows(convention: Convention, quartier: Quartier) -> list[stats.Row]:
    return [r for r in stats.rows(convention, quartier) if r.latest is not None and r.indicateur.unite == "pourcentage"]


def portrait_chart(convention: Convention, quartier: Quartier) -> Markup:
    """Paired bars, quartier (solid) against agglomeration of the same year (hatched), for each rate's
    latest figure; empty if none."""
    items = _rate_rows(convention, quartier)
    if not items:
        return Markup("")
    groups = []
    for row in items:
        bars = [charts.Bar(f"{quartier.nom} : {row.latest.text}", row.latest.value)]
        if row.comparable:
            bars.append(charts.Bar(f"{AGGLOMERATION} : {row.agglomeration.text}", row.agglomeration.value, charts.HATCHED))
        groups.append(charts.Group(tuple(bars), heading=f"{row.indicateur.libelle} ({row.latest.annee})"))
    title = f"Taux et parts du quartier « {quartier.nom} » et de l'agglomération"
    description = ". ".join(row.sentence for row in items) + "."
    svg = charts.bar_chart(f"graphique-{quartier.id}", title, description, groups, maximum=100)
    sources = stats.sources_text([f for row in items for f in (row.latest, row.agglomeration if row.comparable else None)])
    note = (
        f"Échelle de 0 à {typography.percent(100)}. Barres pleines : le quartier ; barres hachurées : l'agglomération, "
        f"la même année. {sources}"
    )
    return charts.figure(svg, title, note)


# --- every quartier side by side, one year at a time ------------------------------------


def _agglomeration_cell(row: stats.ComparisonRow) -> Markup:
    return _figure_cell(row.agglomeration)


def comparison_table(convention: Convention, year: stats.YearComparison) -> Markup:
    """For one year: one row per indicateur, one column per quartier with figures that year, then the agglomeration."""
    body = []
    for row in year.rows:
        cells = [_figure_cell(figure) for _, figure in row.cells]
        body.append(Markup("<tr>{}{}{}</tr>").format(_row_header(row.indicateur), Markup("").join(cells), _agglomeration_cell(row)))
    head = ["Indicateur", *(q.nom for q in year.quartiers), AGGLOMERATION]
    caption = f"Indicateurs des quartiers et de l'ensemble de l'agglomération en {year.annee}"
    return Markup('<div class="cdv-statistiques">\n{}\n</div>').format(
        _table(f"comparaison-quartiers-{year.annee}", caption, head, body, "cdv-tableau--comparaison")
    )


def comparison_summary(convention: Convention, year: stats.YearComparison) -> Markup:
    """With too many quartiers to show side by side: for one year and each indicateur, how many quartiers
    give it, the lowest, middle and highest figure (with the quartier) and the agglomeration."""
    body = []
    for row in year.rows:
        given = sorted(row.given, key=lambda pair: pair[1].value)
        picks = [given[0], given[(len(given) - 1) // 2], given[-1]]
        cells = [_cell(f"{figure.text} ({q.nom})") for q, figure in picks]
        count = _cell(f"{typography.number(len(given))} sur {typography.number(len(row.cells))}")
        body.append(
            Markup("<tr>{}{}{}{}</tr>").format(_row_header(row.indicateur), count, Markup("").join(cells), _agglomeration_cell(row))
        )
    head = ["Indicateur", "Quartiers renseignés", "Le plus bas", "Médian", "Le plus haut", AGGLOMERATION]
    caption = f"Indicateurs des quartiers en {year.annee} : le plus bas, le médian et le plus haut, et l'agglomération"
    return Markup('<div class="cdv-statistiques">\n{}\n</div>').format(
        _table(f"comparaison-quartiers-{year.annee}", caption, head, body, "cdv-tableau--comparaison")
    )


def reference_table(convention: Convention) -> Markup:
    """The agglomeration's reference figures: latest with its year, its evolution, its source."""
    items = stats.reference_rows(convention)
    if not items:
        return Markup("")
    body = []
    for row in items:
        latest = _value_cell(row.latest.dated_text, row.latest.valeur.commentaire)
        evolution = _cell(row.evolution or stats.NO_GAP)
        body.append(Markup("<tr>{}{}{}{}</tr>").format(_row_header(row.indicateur), latest, evolution, _cell(row.latest.source_text)))
    caption = "Chiffres de référence de l'ensemble de l'agglomération"
    table = _table(
        "chiffres-agglomeration", caption, ["Indicateur", "Dernier chiffre", "Évolution", "Source"], body, "cdv-tableau--reference"
    )
    return Markup('<div class="cdv-statistiques">\n{}\n</div>').format(table)


def _comparison_groups(rows: list[stats.ComparisonRow]) -> tuple[list[charts.Group], list[str]]:
    """One group per year (latest first) that sets at least two figures side by side."""
    groups: list[charts.Group] = []
    sentences: list[str] = []
    for row in rows:
        bars = [
            charts.Bar(f"{q.nom} : {figure.text if figure else stats.NOT_GIVEN}", figure.value if figure else None)
            for q, figure in row.cells
        ]
        said = [f"{q.nom} : {figure.text if figure else stats.NOT_GIVEN}" for q, figure in row.cells]
        if row.agglomeration is not None:
            bars.append(charts.Bar(f"{AGGLOMERATION} : {row.agglomeration.text}", row.agglomeration.value, charts.HATCHED))
            said.append(f"agglomération : {row.agglomeration.text}")
        if sum(bar.value is not None for bar in bars) < 2:
            continue
        groups.append(charts.Group(tuple(bars), heading=f"En {row.annee}"))
        sentences.append(f"En {row.annee}, " + ", ".join(said))
    return groups, sentences


def comparison_chart(indicateur: Indicateur, rows: list[stats.ComparisonRow]) -> Markup:
    """Every quartier's bar for one indicateur and the agglomeration's, year by year; empty when no
    year has two figures to compare."""
    groups, sentences = _comparison_groups(rows)
    if not groups:
        return Markup("")
    values = [bar.value for g in groups for bar in g.bars if bar.value is not None]
    rate = indicateur.unite == "pourcentage"
    maximum = 100 if rate else charts.nice_maximum(max(values))
    hatched = any(b.style == charts.HATCHED for g in groups for b in g.bars)
    title = f"{indicateur.libelle} : " + ("quartiers et agglomération" if hatched else "par quartier") + ", par année"
    description = " ; ".join(sentences) + "."
    svg = charts.bar_chart(f"graphique-comparaison-{indicateur.id}", title, description, groups, maximum=maximum)
    scale = f"Échelle de 0 à {typography.percent(100)}." if rate else f"Échelle de 0 à {typography.with_unit(maximum, indicateur.unite)}."
    note = (
        scale
        + " Chaque groupe ne rapproche que des chiffres de la même année."
        + (" Barres hachurées : l'agglomération." if hatched else "")
    )
    return charts.figure(svg, title, note)
