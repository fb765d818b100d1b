"""Progress of the actions: counts per statut, by enjeu and by quartier, as HTML tables.

An action without a statut is « non renseigné », a category of its own: it is
neither « à engager » nor 0 % done, so it gets its own column and its share.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from macros.domain.convention import Convention
from macros.domain.model import STATUTS_ACTION, Action
from macros.domain.slug import slug
from macros.text import typography

NOT_GIVEN = "non renseigné"
CATEGORIES: tuple[str, ...] = (*STATUTS_ACTION, NOT_GIVEN)


def category(action: Action) -> str:
    return action.statut or NOT_GIVEN


@dataclass
class Tally:
    label: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CATEGORIES, 0))

    def add(self, action: Action) -> None:
        self.counts[category(action)] += 1

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def share(self, name: str) -> str:
        """Share of the actions in this category, French format; « — » when there is no action."""
        if not self.total:
            return "—"
        return typography.percent(round(100 * self.counts[name] / self.total, 1))


def by_quartier(convention: Convention) -> list[Tally]:
    tallies = {q.id: Tally(q.nom) for q in convention.quartiers}
    for quartier, _, action in convention.actions():
        tallies[quartier.id].add(action)
    return list(tallies.values())


def by_enjeu(convention: Convention) -> list[Tally]:
    # the no-break space is written here: typography leaves « 1 : » alone (it could be a time)
    tallies = {e.id: Tally(f"Enjeu {e.numero}{typography.NBSP}: {e.titre}") for e in convention.referentiel.enjeux}
    for _, placement, action in convention.actions():
        tallies[placement.enjeu.id].add(action)
    return list(tallies.values())


def overall(convention: Convention) -> Tally:
    tally = Tally("Ensemble")
    for _, _, action in convention.actions():
        tally.add(action)
    return tally


def _text(value: str) -> Markup:
    return escape(typography.text(value))


def _cell(tally: Tally, name: str) -> str:
    count = tally.counts[name]
    return f'<td><span class="cdv-nombre">{typography.number(count)}</span> <span class="cdv-part">({tally.share(name)})</span></td>'


def _bar(tally: Tally) -> str:
    """Stacked bar of the shares, under the row's label; decorative, the numbers are in the row."""
    if not tally.total:
        return ""
    parts, x = [], 0.0
    for name in CATEGORIES:
        width = 100 * tally.counts[name] / tally.total
        if width:
            parts.append(f'<rect class="cdv-barre--{slug(name)}" x="{x:.2f}" y="0" width="{width:.2f}" height="10"/>')
        x += width
    return (
        '<svg class="cdv-barre" viewBox="0 0 100 10" preserveAspectRatio="none" width="100%" height="10" aria-hidden="true" focusable="false">'
        + "".join(parts)
        + "</svg>"
    )


def _row(tally: Tally, header_class: str = "") -> str:
    cells = "".join(_cell(tally, name) for name in CATEGORIES)
    attr = f' class="{header_class}"' if header_class else ""
    return f'<tr{attr}><th scope="row">{_text(tally.label)}{_bar(tally)}</th><td>{typography.number(tally.total)}</td>{cells}</tr>'


def table(caption: str, first_header: str, tallies: list[Tally], total: Tally) -> Markup:
    """Accessible HTML table: caption, column and row headers, one row per tally plus the total."""
    headers = "".join(
        f'<th scope="col"><span class="cdv-pastille cdv-pastille--{slug(name)}" aria-hidden="true"></span>{_text(name.capitalize())}</th>'
        for name in CATEGORIES
    )
    lines = [
        '<div class="cdv-avancement cdv-table-scroll">',
        "<table>",
        f"<caption>{_text(caption)}</caption>",
        f'<thead><tr><th scope="col">{_text(first_header)}</th><th scope="col">Actions</th>{headers}</tr></thead>',
        "<tbody>",
        *(_row(t) for t in tallies),
        _row(total, "cdv-total"),
        "</tbody>",
        "</table>",
        "</div>",
    ]
    return Markup("\n".join(lines))


def summary(convention: Convention) -> str:
    """One French sentence on how far the follow-up goes."""
    total = overall(convention)
    given = total.total - total.counts[NOT_GIVEN]
    if not total.total:
        return "La convention ne comporte encore aucune action."
    if not given:
        return f"Aucune des {typography.number(total.total)} actions n'a encore d'avancement renseigné."
    noun = "action a" if given == 1 else "actions ont"
    return f"{typography.number(given)} {noun} un avancement renseigné sur {typography.number(total.total)} ({typography.percent(round(100 * given / total.total, 1))})."


def table_by(convention: Convention, by: str) -> Markup:
    """The table of the Avancement page, by « enjeu » or by « quartier »."""
    if by == "enjeu":
        return table("Avancement des actions par enjeu (nombre d'actions et part)", "Enjeu", by_enjeu(convention), overall(convention))
    if by == "quartier":
        return table(
            "Avancement des actions par quartier (nombre d'actions et part)", "Quartier", by_quartier(convention), overall(convention)
        )
    raise ValueError(f"regroupement inconnu : {by}")
