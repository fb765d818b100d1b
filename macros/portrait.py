"""The portrait statistique as page fragments: tables and charts, per quartier and side by side.

Tables are HTML built here (a <caption>, <th scope>, a named scrollable
region), because a Markdown table can have neither caption nor row headers.
Every content value is escaped with markupsafe; links between pages are left
to the Markdown around the fragments, where MkDocs checks them.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from . import charts, stats, typography
from .convention import Convention
from .model import Quartier

AGGLOMERATION = "Agglomération"


def _text(value: str) -> Markup:
    return escape(typography.text(value))


def _small(value: str | None) -> Markup:
    return Markup(' <span class="cdv-precision">({})</span>').format(_text(value)) if value else Markup("")


def _cell(text: str) -> Markup:
    """A value cell; « non renseigné » and the empty gap are marked so that they look absent."""
    if text == stats.NOT_GIVEN:
        return Markup('<td class="cdv-absent">{}</td>').format(text)
    if text == stats.NO_GAP:
        return Markup('<td class="cdv-absent"><span aria-hidden="true">—</span><span class="cdv-lecteur">sans objet</span></td>')
    return Markup("<td>{}</td>").format(_text(text))


def _value_cell(text: str, note: str | None) -> Markup:
    """A figure with the document's remark in small type: « environ 2 000 habitants (+100 par rapport à 2015) »."""
    return Markup("<td>{}{}</td>").format(_text(text), _small(note)) if note else _cell(text)


def _row_header(row: stats.Row) -> Markup:
    definition = row.indicateur.definition
    extra = Markup('<span class="cdv-definition">{}</span>').format(_text(definition)) if definition else Markup("")
    return Markup('<th scope="row">{}{}</th>').format(_text(row.indicateur.libelle), extra)


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
    """indicateur | quartier | agglomération | écart, then the source as the document words it."""
    items = stats.rows(convention, quartier)
    if not items:
        return Markup("<p>Portrait statistique non renseigné.</p>")
    body = []
    for row in items:
        precision = row.valeur.agglomeration_precision if row.agglomeration is not None else None
        quartier_cell = _value_cell(row.quartier_text, row.valeur and row.valeur.commentaire)
        agglo_cell = _value_cell(row.agglomeration_text, precision)
        body.append(Markup("<tr>{}{}{}{}</tr>").format(_row_header(row), quartier_cell, agglo_cell, _cell(row.gap_text)))
    caption = f"Indicateurs du quartier « {quartier.nom} » comparés à l'ensemble de l'agglomération"
    table = _table(f"portrait-{quartier.id}", caption, ["Indicateur", quartier.nom, AGGLOMERATION, "Écart"], body, "cdv-tableau--portrait")
    note = " ".join(n for n in (f"Source : {stats.source_text(quartier)}.", stats.gap_note(items)) if n)
    return Markup('<div class="cdv-statistiques">\n{}\n<p class="cdv-source">{}</p>\n</div>').format(table, _text(note))


def _rate_rows(convention: Convention, quartier: Quartier) -> list[stats.Row]:
    return [r for r in stats.rows(convention, quartier) if r.valeur is not None and r.indicateur.unite == "pourcentage"]


def portrait_chart(convention: Convention, quartier: Quartier) -> Markup:
    """Paired bars, quartier (solid) against agglomeration (hatched), for each rate; empty if none."""
    items = _rate_rows(convention, quartier)
    if not items:
        return Markup("")
    groups = []
    for row in items:
        bars = [charts.Bar(f"{quartier.nom} : {row.quartier_text}", row.valeur.valeur)]
        if row.agglomeration is not None:
            bars.append(charts.Bar(f"{AGGLOMERATION} : {row.agglomeration_text}", row.agglomeration, charts.HATCHED))
        groups.append(charts.Group(tuple(bars), heading=row.indicateur.libelle))
    title = f"Taux et parts du quartier « {quartier.nom} » et de l'agglomération"
    description = ". ".join(row.sentence for row in items) + "."
    svg = charts.bar_chart(f"graphique-{quartier.id}", title, description, groups, maximum=100)
    note = f"Échelle de 0 à {typography.percent(100)}. Barres pleines : le quartier ; barres hachurées : l'agglomération. Source : {stats.source_text(quartier)}."
    return charts.figure(svg, title, note)


# --- every quartier side by side ---------------------------------------------


def _agglomeration_cell(row: stats.ComparisonRow) -> Markup:
    found = row.agglomerations
    if not found:
        return _cell(stats.NOT_GIVEN)
    shared = row.shared_agglomeration
    if shared is not None:
        return _value_cell(row.agglomeration_text(shared), shared.precision)
    # Sources disagree: each figure after the quartiers whose source gives it.
    items = Markup("").join(
        Markup("<li>{}{}</li>").format(
            _text(f"{', '.join(q.nom for q in a.quartiers)} : {row.agglomeration_text(a)}"), _small(a.precision)
        )
        for a in found
    )
    return Markup('<td><ul class="cdv-liste-valeurs">{}</ul></td>').format(items)


def comparison_table(convention: Convention) -> Markup:
    """One row per indicateur, one column per quartier, then the agglomeration."""
    body = []
    for row in stats.comparison(convention):
        cells = [_value_cell(item.quartier_text, item.valeur and item.valeur.commentaire) for _, item in row.cells]
        body.append(Markup("<tr>{}{}{}</tr>").format(_row_header(row.cells[0][1]), Markup("").join(cells), _agglomeration_cell(row)))
    head = ["Indicateur", *(q.nom for q in convention.quartiers), AGGLOMERATION]
    caption = "Indicateurs de chaque quartier et de l'ensemble de l'agglomération"
    return Markup('<div class="cdv-statistiques">\n{}\n</div>').format(
        _table("comparaison-quartiers", caption, head, body, "cdv-tableau--comparaison")
    )


def comparison_summary(convention: Convention) -> Markup:
    """With too many quartiers to show side by side: for each indicateur, how many quartiers give it,
    the lowest, middle and highest figure (with the quartier) and the agglomeration."""
    body = []
    for row in stats.comparison(convention):
        given = sorted(((q, item) for q, item in row.cells if item.valeur is not None), key=lambda pair: pair[1].valeur.valeur)
        picks = [given[0], given[(len(given) - 1) // 2], given[-1]]
        cells = [_cell(f"{item.quartier_text} ({q.nom})") for q, item in picks]
        count = _cell(f"{typography.number(len(given))} sur {typography.number(len(row.cells))}")
        body.append(Markup("<tr>{}{}{}{}</tr>").format(_row_header(row.cells[0][1]), count, Markup("").join(cells), _agglomeration_cell(row)))
    head = ["Indicateur", "Quartiers renseignés", "Le plus bas", "Médian", "Le plus haut", AGGLOMERATION]
    caption = "Indicateurs des quartiers : le plus bas, le médian et le plus haut, et l'agglomération"
    return Markup('<div class="cdv-statistiques">\n{}\n</div>').format(
        _table("comparaison-quartiers", caption, head, body, "cdv-tableau--comparaison")
    )


def _comparison_groups(row: stats.ComparisonRow) -> tuple[list[charts.Group], list[str]]:
    shared = row.shared_agglomeration
    groups: list[charts.Group] = []
    sentences: list[str] = []
    if shared is not None or not row.agglomerations:
        bars = [charts.Bar(f"{q.nom} : {item.quartier_text}", item.valeur.valeur if item.valeur else None) for q, item in row.cells]
        sentences += [f"{q.nom} : {item.quartier_text}" for q, item in row.cells]
        if shared is not None:
            text = row.agglomeration_text(shared)
            bars.append(charts.Bar(f"{AGGLOMERATION} : {text}", shared.valeur, charts.HATCHED))
            sentences.append(f"agglomération : {text}")
        groups.append(charts.Group(tuple(bars)))
        return groups, sentences
    for q, item in row.cells:  # sources disagree on the agglomeration: pair each quartier with its own
        bars = [charts.Bar(f"Quartier : {item.quartier_text}", item.valeur.valeur if item.valeur else None)]
        if item.agglomeration is not None:
            bars.append(charts.Bar(f"{AGGLOMERATION} : {item.agglomeration_text}", item.agglomeration, charts.HATCHED))
        groups.append(charts.Group(tuple(bars), heading=q.nom))
        agglomeration = f", agglomération : {item.agglomeration_text}" if item.agglomeration is not None else ""
        sentences.append(f"{q.nom} : {item.quartier_text}{agglomeration}")
    return groups, sentences


def comparison_chart(row: stats.ComparisonRow) -> Markup:
    """Every quartier's bar for one indicateur, and the agglomeration's; empty when fewer than two bars."""
    groups, sentences = _comparison_groups(row)
    values = [bar.value for g in groups for bar in g.bars if bar.value is not None]
    if len(values) < 2:
        return Markup("")
    rate = row.indicateur.unite == "pourcentage"
    maximum = 100 if rate else charts.nice_maximum(max(values))
    hatched = any(b.style == charts.HATCHED for g in groups for b in g.bars)
    title = f"{row.indicateur.libelle} : " + ("quartiers et agglomération" if hatched else "par quartier")
    description = " ; ".join(sentences) + "."
    svg = charts.bar_chart(f"graphique-comparaison-{row.indicateur.id}", title, description, groups, maximum=maximum)
    scale = f"Échelle de 0 à {typography.percent(100)}." if rate else f"Échelle de 0 à {typography.with_unit(maximum, row.indicateur.unite)}."
    note = scale + (" Barres hachurées : l'agglomération." if hatched else "")
    return charts.figure(svg, title, note)
