"""Portrait statistique: rows of indicator values against the agglomeration, in French."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from . import typography
from .convention import Convention
from .markdown_text import inline
from .model import Indicateur, Quartier, Valeur

NOT_GIVEN = "non renseigné"


@dataclass(frozen=True)
class Row:
    indicateur: Indicateur
    valeur: Valeur

    @property
    def quartier_text(self) -> str:
        return typography.with_unit(self.valeur.valeur, self.indicateur.unite, self.valeur.environ)

    @property
    def agglomeration_text(self) -> str:
        if self.valeur.agglomeration is None:
            return NOT_GIVEN
        return typography.with_unit(self.valeur.agglomeration, self.indicateur.unite)

    @property
    def gap(self) -> float | None:
        if self.valeur.agglomeration is None:
            return None
        return self.valeur.valeur - self.valeur.agglomeration

    @property
    def gap_text(self) -> str:
        gap = self.gap
        if gap is None:
            return "—"
        if self.indicateur.unite == "pourcentage":
            return typography.points(gap)
        sign = "+" if gap > 0 else ""
        return sign + typography.number(round(gap, 1))


def rows(convention: Convention, quartier: Quartier) -> list[Row]:
    if not quartier.portrait:
        return []
    return [Row(convention.indicateurs[v.indicateur], v) for v in quartier.portrait.valeurs]


def portrait_table(convention: Convention, quartier: Quartier) -> Markup:
    """Markdown table: indicateur | quartier | agglomération | écart, then the source."""
    items = rows(convention, quartier)
    if not items:
        return Markup("*Portrait statistique non renseigné.*")
    lines = [
        '<div class="cdv-table-scroll" markdown="1">',
        "",
        f"| Indicateur | {inline(quartier.nom)} | Agglomération | Écart |",
        "|---|--:|--:|--:|",
    ]
    for row in items:
        label = inline(row.indicateur.libelle)
        notes = [n for n in (row.valeur.commentaire,) if n]
        quartier_cell = inline(row.quartier_text) + (Markup(" (") + inline(notes[0]) + Markup(")") if notes else "")
        agglo_cell = inline(row.agglomeration_text)
        if row.valeur.agglomeration_precision:
            agglo_cell += Markup(" (") + inline(row.valeur.agglomeration_precision) + Markup(")")
        lines.append(f"| {label} | {quartier_cell} | {agglo_cell} | {inline(row.gap_text)} |")
    portrait = quartier.portrait
    lines += [
        "",
        f"Source : {inline(portrait.source)} ({portrait.annee}). Écart en points de pourcentage pour les taux et parts.",
        "{ .cdv-source }",
        "",
        "</div>",
    ]
    return Markup("\n".join(lines))


def key_figures(convention: Convention, quartier: Quartier, limit: int = 2) -> list[str]:
    """The first figures of the portrait, as short French phrases for cards."""
    result = []
    for row in rows(convention, quartier)[:limit]:
        result.append(f"{row.indicateur.libelle} : {row.quartier_text}")
    return result
