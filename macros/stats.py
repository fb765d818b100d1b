"""Portrait statistique as data and French text: each quartier against the agglomeration.

Nothing here builds markup: portrait.py turns these rows into tables and
charts. A figure the document does not give is None and reads « non
renseigné », never 0 or blank.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import typography
from .convention import Convention
from .model import Indicateur, Quartier, Valeur

NOT_GIVEN = "non renseigné"
NO_GAP = "—"
# Units whose gap to the agglomeration means something (a quartier's population
# minus the agglomeration's does not).
COMPARABLE_UNITS = ("pourcentage", "indice")


@dataclass(frozen=True)
class Row:
    """One indicateur for one quartier; valeur is None when the document gives none."""

    indicateur: Indicateur
    valeur: Valeur | None

    @property
    def quartier_text(self) -> str:
        if self.valeur is None:
            return NOT_GIVEN
        return typography.with_unit(self.valeur.valeur, self.indicateur.unite, self.valeur.environ)

    @property
    def agglomeration(self) -> float | None:
        return None if self.valeur is None else self.valeur.agglomeration

    @property
    def agglomeration_text(self) -> str:
        if self.agglomeration is None:
            return NOT_GIVEN
        return typography.with_unit(self.agglomeration, self.indicateur.unite)

    @property
    def gap(self) -> float | None:
        if self.agglomeration is None or self.indicateur.unite not in COMPARABLE_UNITS:
            return None
        return self.valeur.valeur - self.agglomeration

    @property
    def gap_text(self) -> str:
        """« +14,2 pts » between two rates, a plain signed difference for an index."""
        gap = self.gap
        if gap is None:
            return NO_GAP
        if self.indicateur.unite == "pourcentage":
            return typography.points(gap)
        gap = round(gap, 1)
        return ("+" if gap > 0 else "") + typography.number(gap)

    @property
    def sentence(self) -> str:
        """Text alternative of a paired bar: « Taux de pauvreté : 33 % dans le quartier, 18,8 % dans l'agglomération »."""
        text = f"{self.indicateur.libelle} : {self.quartier_text} dans le quartier"
        if self.agglomeration is not None:
            text += f", {self.agglomeration_text} dans l'agglomération"
        return text


def rows(convention: Convention, quartier: Quartier) -> list[Row]:
    """The document's figures in its order, then the référentiel's indicateurs it does not give."""
    if not quartier.portrait:
        return []
    given = [Row(convention.indicateurs[v.indicateur], v) for v in quartier.portrait.valeurs]
    known = {row.indicateur.id for row in given}
    return given + [Row(i, None) for i in convention.referentiel.indicateurs if i.id not in known]


def source_text(quartier: Quartier) -> str | None:
    """The source as the document words it, with the year only if the words lack it."""
    portrait = quartier.portrait
    if portrait is None:
        return None
    if str(portrait.annee) in portrait.source:
        return portrait.source
    return f"{portrait.source} ({portrait.annee})"


def gap_note(items: list[Row]) -> str | None:
    """What the écart column means, for the units present."""
    units = {row.indicateur.unite for row in items if row.gap is not None}
    parts = []
    if "pourcentage" in units:
        parts.append("en points de pourcentage pour les taux et les parts")
    if "indice" in units:
        parts.append("différence simple pour les indices")
    return "Écart : " + " ; ".join(parts) + "." if parts else None


# --- comparison of all quartiers ---------------------------------------------


@dataclass(frozen=True)
class Agglomeration:
    """The agglomeration's figure as one quartier's source gives it."""

    valeur: float
    precision: str | None
    quartiers: tuple[Quartier, ...]


@dataclass(frozen=True)
class ComparisonRow:
    indicateur: Indicateur
    cells: tuple[tuple[Quartier, Row], ...]  # every quartier, in order; Row.valeur None when not given

    @property
    def agglomerations(self) -> list[Agglomeration]:
        """Distinct agglomeration figures, each with the quartiers whose source gives it."""
        found: dict[tuple[float, str | None], list[Quartier]] = {}
        for quartier, row in self.cells:
            if row.agglomeration is not None:
                found.setdefault((row.agglomeration, row.valeur.agglomeration_precision), []).append(quartier)
        return [Agglomeration(value, precision, tuple(qs)) for (value, precision), qs in found.items()]

    @property
    def shared_agglomeration(self) -> Agglomeration | None:
        """The agglomeration's figure when every source that gives one agrees."""
        found = self.agglomerations
        return found[0] if len(found) == 1 else None

    def agglomeration_text(self, agglomeration: Agglomeration) -> str:
        return typography.with_unit(agglomeration.valeur, self.indicateur.unite)


def comparison(convention: Convention) -> list[ComparisonRow]:
    """One row per indicateur that at least one quartier gives, in référentiel order."""
    per_quartier = {q.id: {row.indicateur.id: row for row in rows(convention, q)} for q in convention.quartiers}
    result = []
    for indicateur in convention.referentiel.indicateurs:
        cells = tuple((q, per_quartier[q.id].get(indicateur.id) or Row(indicateur, None)) for q in convention.quartiers)
        if any(row.valeur is not None for _, row in cells):
            result.append(ComparisonRow(indicateur, cells))
    return result


# --- key figures for cards ---------------------------------------------------


def key_rows(convention: Convention, quartier: Quartier) -> list[Row]:
    """The quartier's first headcount and first rate, in référentiel order (the référentiel sets priority)."""
    given = {row.indicateur.id: row for row in rows(convention, quartier) if row.valeur is not None}
    picked = []
    for unite in ("habitants", "pourcentage"):
        row = next((given[i.id] for i in convention.referentiel.indicateurs if i.unite == unite and i.id in given), None)
        if row is not None:
            picked.append(row)
    return picked


def key_figures(convention: Convention, quartier: Quartier) -> list[str]:
    """Short French phrases for cards: « Taux de pauvreté : 33 % (agglomération : 18,8 %) »."""
    result = []
    for row in key_rows(convention, quartier):
        text = f"{row.indicateur.libelle} : {row.quartier_text}"
        if row.agglomeration is not None:
            text += f" (agglomération : {row.agglomeration_text})"
        result.append(text)
    return result
