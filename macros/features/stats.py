"""Portrait statistique as data and French text: dated figures, their evolution, each
quartier against the agglomeration of the SAME year.

Every figure carries its year and source. A quartier's figures come from its
portrait (relevés); the agglomeration's come once from chiffres-agglomeration.yaml,
so every page shows the same agglomeration figure. Nothing here builds markup:
portrait.py turns these rows into tables and charts. A figure the document does
not give is None and reads « non renseigné », never 0 or blank.
"""

from __future__ import annotations

from dataclasses import dataclass

from macros.domain.convention import Convention
from macros.domain.model import Indicateur, Quartier, Releve, Valeur
from macros.text import typography

NOT_GIVEN = "non renseigné"
NO_GAP = "—"
# Units whose gap to the agglomeration means something (a quartier's population
# minus the agglomeration's does not).
COMPARABLE_UNITS = ("pourcentage", "indice")


def source_text(annee: int, source: str) -> str:
    """The source as the document words it, with the year only if the words lack it."""
    return source if str(annee) in source else f"{source} ({annee})"


def sources(figures: list[Figure | None]) -> list[str]:
    """Each source of these figures once (whatever its capitals), with its year, oldest first."""
    found: dict[str, str] = {}
    for figure in sorted((f for f in figures if f is not None), key=lambda f: f.annee):
        found.setdefault(figure.source_text.casefold(), figure.source_text)
    return list(found.values())


def sources_text(figures: list[Figure | None]) -> str | None:
    """« Source : A. » or « Sources : A ; B. »."""
    found = sources(figures)
    if not found:
        return None
    return ("Source : " if len(found) == 1 else "Sources : ") + " ; ".join(found) + "."


@dataclass(frozen=True)
class Figure:
    """One figure of one indicateur, for one year, from one source."""

    indicateur: Indicateur
    valeur: Valeur
    annee: int
    source: str

    @property
    def value(self) -> float:
        return self.valeur.valeur

    @property
    def text(self) -> str:
        """« 33 % », « environ 2 000 habitants »."""
        return typography.with_unit(self.value, self.indicateur.unite, self.valeur.environ)

    @property
    def dated_text(self) -> str:
        """« 33 % en 2022 »."""
        return f"{self.text} en {self.annee}"

    @property
    def source_text(self) -> str:
        return source_text(self.annee, self.source)


def change_text(before: Figure, after: Figure) -> str:
    """The change between two figures: « +2,2 points » between rates, a signed number otherwise."""
    delta = round(after.value - before.value, 1)
    if delta == 0:
        return "stable"
    sign = "+" if delta > 0 else ""
    if after.indicateur.unite == "pourcentage":
        return f"{sign}{typography.number(delta)}{typography.NBSP}point" + ("s" if abs(delta) >= 2 else "")
    unit = after.indicateur.unite
    if unit == "euros":  # +500 €
        return sign + typography.with_unit(delta, unit)
    return f"{sign}{typography.number(delta)}" + (f"{typography.NBSP}{unit}" if unit in ("habitants", "hectares") else "")


def evolution_text(series: tuple[Figure, ...]) -> str | None:
    """« 33 % en 2022 → 35,2 % en 2024 (+2,2 points) »: the latest figure against the one before; None with one year."""
    if len(series) < 2:
        return None
    before, after = series[-2], series[-1]
    return f"{before.dated_text} → {after.dated_text} ({change_text(before, after)})"


def _series(convention: Convention, releves: list[Releve]) -> dict[str, tuple[Figure, ...]]:
    """indicateur id → its figures, oldest first; indicateurs in the order the relevés first give them."""
    found: dict[str, list[Figure]] = {}
    for releve in sorted(releves, key=lambda r: -r.annee):  # the latest relevé sets the order
        for valeur in releve.valeurs:
            indicateur = convention.indicateurs.get(valeur.indicateur)
            if indicateur is not None:
                found.setdefault(valeur.indicateur, []).append(Figure(indicateur, valeur, releve.annee, releve.source))
    return {key: tuple(sorted(figures, key=lambda f: f.annee)) for key, figures in found.items()}


def quartier_series(convention: Convention, quartier: Quartier) -> dict[str, tuple[Figure, ...]]:
    return _series(convention, quartier.portrait)


def agglomeration_series(convention: Convention) -> dict[str, tuple[Figure, ...]]:
    """The agglomeration's reference figures: the one place every page takes them from."""
    return _series(convention, convention.chiffres_reference)


def agglomeration_figure(convention: Convention, indicateur_id: str, annee: int | None = None) -> Figure | None:
    """The agglomeration's figure of that year (its latest when annee is None)."""
    series = agglomeration_series(convention).get(indicateur_id, ())
    if annee is None:
        return series[-1] if series else None
    return next((f for f in series if f.annee == annee), None)


def years(quartier: Quartier) -> list[int]:
    """The years of the quartier's relevés, latest first."""
    return sorted({r.annee for r in quartier.portrait}, reverse=True)


# --- one quartier --------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One indicateur for one quartier: its figures over time and the agglomeration's of the same year."""

    indicateur: Indicateur
    series: tuple[Figure, ...]  # the quartier's, oldest first; empty when the document gives none
    agglomeration: Figure | None  # same year as the quartier's latest figure (or the latest, when the quartier has none)
    agglomeration_other_years: bool = False  # the agglomeration has this figure, but for other years only

    @property
    def latest(self) -> Figure | None:
        return self.series[-1] if self.series else None

    @property
    def quartier_text(self) -> str:
        return self.latest.dated_text if self.latest else NOT_GIVEN

    @property
    def evolution(self) -> str | None:
        return evolution_text(self.series)

    @property
    def comparable(self) -> bool:
        """Quartier and agglomeration figures of the same year, side by side."""
        return self.latest is not None and self.agglomeration is not None and self.agglomeration.annee == self.latest.annee

    @property
    def agglomeration_text(self) -> str:
        if self.agglomeration is not None:
            return self.agglomeration.dated_text
        return f"{NOT_GIVEN} pour {self.latest.annee}" if self.latest and self.agglomeration_other_years else NOT_GIVEN

    @property
    def gap(self) -> float | None:
        if not self.comparable or self.indicateur.unite not in COMPARABLE_UNITS:
            return None
        return self.latest.value - self.agglomeration.value

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
        """Text alternative of a paired bar: « Taux de pauvreté (2022) : 33 % dans le quartier, 18,8 % dans l'agglomération »."""
        latest = self.latest
        text = f"{self.indicateur.libelle} ({latest.annee}) : {latest.text} dans le quartier"
        if self.comparable:
            text += f", {self.agglomeration.text} dans l'agglomération"
        return text


def rows(convention: Convention, quartier: Quartier) -> list[Row]:
    """The document's figures in its order, then the référentiel's indicateurs it does not give
    (with the agglomeration's latest figure, so that every page shows the same reference)."""
    if not quartier.portrait:
        return []
    series = quartier_series(convention, quartier)
    agglomeration = agglomeration_series(convention)
    result = [
        Row(convention.indicateurs[key], figures, agglomeration_figure(convention, key, figures[-1].annee), bool(agglomeration.get(key)))
        for key, figures in series.items()
    ]
    return result + [Row(i, (), agglomeration_figure(convention, i.id)) for i in convention.referentiel.indicateurs if i.id not in series]


def portrait_sources(convention: Convention, quartier: Quartier) -> str | None:
    """Every source the quartier's table draws on, each with its year once."""
    figures = [f for row in rows(convention, quartier) for f in (*row.series, row.agglomeration)]
    return sources_text(figures)


def gap_note(items: list[Row]) -> str | None:
    """What the écart column means, for the units present."""
    units = {row.indicateur.unite for row in items if row.gap is not None}
    parts = []
    if "pourcentage" in units:
        parts.append("en points de pourcentage pour les taux et les parts")
    if "indice" in units:
        parts.append("différence simple pour les indices")
    text = "L'écart ne rapproche que des chiffres de la même année"
    return f"{text} : " + " ; ".join(parts) + "." if parts else None


# --- comparison of all quartiers, one year at a time ------------------------------------


@dataclass(frozen=True)
class ComparisonRow:
    indicateur: Indicateur
    annee: int
    cells: tuple[tuple[Quartier, Figure | None], ...]  # the quartiers with a relevé that year, in order
    agglomeration: Figure | None  # the agglomeration's figure of that year

    @property
    def given(self) -> list[tuple[Quartier, Figure]]:
        return [(q, f) for q, f in self.cells if f is not None]


@dataclass(frozen=True)
class YearComparison:
    annee: int
    quartiers: tuple[Quartier, ...]
    rows: tuple[ComparisonRow, ...]


def all_years(convention: Convention) -> list[int]:
    """Every year some quartier has figures for, latest first."""
    return sorted({r.annee for q in convention.quartiers for r in q.portrait}, reverse=True)


def comparison(convention: Convention) -> list[YearComparison]:
    """One comparison per year, latest first: the quartiers with figures that year and, for each
    indicateur one of them gives (référentiel order), their figures and the agglomeration's of that year."""
    per_quartier = {q.id: quartier_series(convention, q) for q in convention.quartiers}
    result = []
    for annee in all_years(convention):
        quartiers = tuple(q for q in convention.quartiers if annee in years(q))
        rows_ = []
        for indicateur in convention.referentiel.indicateurs:
            cells = tuple((q, next((f for f in per_quartier[q.id].get(indicateur.id, ()) if f.annee == annee), None)) for q in quartiers)
            if any(f is not None for _, f in cells):
                rows_.append(ComparisonRow(indicateur, annee, cells, agglomeration_figure(convention, indicateur.id, annee)))
        result.append(YearComparison(annee, quartiers, tuple(rows_)))
    return result


def comparison_by_indicateur(convention: Convention) -> list[tuple[Indicateur, list[ComparisonRow]]]:
    """For each indicateur some quartier gives, its comparison rows, latest year first (for charts)."""
    found: dict[str, list[ComparisonRow]] = {}
    for year in comparison(convention):
        for row in year.rows:
            found.setdefault(row.indicateur.id, []).append(row)
    return [(i, found[i.id]) for i in convention.referentiel.indicateurs if i.id in found]


def comparison_sources(convention: Convention) -> list[tuple[Quartier, str | None]]:
    """Each quartier with the sources of its figures, each with its year (None: no portrait)."""
    result = []
    for quartier in convention.quartiers:
        found = sources([f for series in quartier_series(convention, quartier).values() for f in series])
        result.append((quartier, " ; ".join(found) if found else None))
    return result


def credits(convention: Convention) -> list[tuple[str, list[str]]]:
    """Each source (with its year once) and who its figures are about: quartiers, then « l'agglomération »."""
    found: dict[str, tuple[str, list[str]]] = {}
    territories = [(q.nom, q.portrait) for q in convention.quartiers] + [("l'agglomération", convention.chiffres_reference)]
    for name, releves in territories:
        for releve in sorted(releves, key=lambda r: r.annee):
            text = source_text(releve.annee, releve.source)
            names = found.setdefault(text.casefold(), (text, []))[1]
            if name not in names:
                names.append(name)
    return list(found.values())


# --- the agglomeration's reference figures ------------------------------------------


@dataclass(frozen=True)
class ReferenceRow:
    indicateur: Indicateur
    series: tuple[Figure, ...]

    @property
    def latest(self) -> Figure:
        return self.series[-1]

    @property
    def evolution(self) -> str | None:
        return evolution_text(self.series)


def reference_rows(convention: Convention) -> list[ReferenceRow]:
    """The agglomeration's figures, one row per indicateur in référentiel order."""
    series = agglomeration_series(convention)
    return [ReferenceRow(i, series[i.id]) for i in convention.referentiel.indicateurs if i.id in series]


def reference_sources(convention: Convention) -> str | None:
    return sources_text([f for row in reference_rows(convention) for f in row.series])


# --- key figures for cards ---------------------------------------------------


def key_rows(convention: Convention, quartier: Quartier) -> list[Row]:
    """The quartier's first headcount and first rate, in référentiel order (the référentiel sets priority)."""
    given = {row.indicateur.id: row for row in rows(convention, quartier) if row.latest is not None}
    picked = []
    for unite in ("habitants", "pourcentage"):
        row = next((given[i.id] for i in convention.referentiel.indicateurs if i.unite == unite and i.id in given), None)
        if row is not None:
            picked.append(row)
    return picked


def key_figures(convention: Convention, quartier: Quartier) -> list[str]:
    """Short French phrases for cards: « Taux de pauvreté : 33 % en 2022 (agglomération : 18,8 %) »."""
    result = []
    for row in key_rows(convention, quartier):
        text = f"{row.indicateur.libelle} : {row.quartier_text}"
        if row.comparable:
            text += f" (agglomération : {row.agglomeration.text})"
        result.append(text)
    return result
