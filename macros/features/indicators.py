"""The référentiel d'impacts (evaluation.yaml) as pages show it: criteria and indicators per
objectif, each indicator's values by place and year, and a small chart over the years.

Plain data and Markup built here; templates only lay them out. Nothing is computed that the
content does not give: no value is interpolated, no trend is guessed between missing years.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

from macros.domain.convention import Convention, Placement, Scope
from macros.domain.model import Critere, EvaluationObjectif, IndicateurImpact, ValeurMesuree
from macros.features import charts
from macros.text import typography


@dataclass(frozen=True)
class Entry:
    """One indicator where the référentiel puts it."""

    placement: Placement
    critere: Critere
    indicateur: IndicateurImpact


@dataclass(frozen=True)
class Row:
    """One value of an indicator, beside the value of the year before for the same place."""

    entry: Entry
    place: str  # the quartier's name, or the commune's
    valeur: ValeurMesuree
    previous: ValeurMesuree | None

    @property
    def change(self) -> float | None:
        return None if self.previous is None else self.valeur.valeur - self.previous.valeur

    @property
    def direction(self) -> str:
        """« en hausse », « en baisse », « stable », or « première valeur »."""
        if self.change is None:
            return "première valeur"
        return "stable" if self.change == 0 else "en hausse" if self.change > 0 else "en baisse"

    @property
    def desired(self) -> bool | None:
        """Whether the change goes the way the indicator wants (None: no change to judge)."""
        if not self.change:
            return None
        return (self.change > 0) == (self.entry.indicateur.sens == "hausse")


def evaluated(convention: Scope) -> list[EvaluationObjectif]:
    """The objectifs with criteria, in the order of the référentiel."""
    evaluation = getattr(convention, "evaluation", None)
    if evaluation is None:
        return []
    order = {oid: n for n, oid in enumerate(convention.placements)}
    return sorted((o for o in evaluation.objectifs if o.objectif in order), key=lambda o: order[o.objectif])


def criteres(convention: Scope, objectif_id: str) -> list[Critere]:
    return next((o.criteres for o in evaluated(convention) if o.objectif == objectif_id), [])


def entries(convention: Scope) -> list[Entry]:
    """Every indicator, in the order of the référentiel."""
    return [
        Entry(convention.placements[o.objectif], critere, indicateur)
        for o in evaluated(convention)
        for critere in o.criteres
        for indicateur in critere.indicateurs
    ]


def find(convention: Scope, indicateur_id: str) -> Entry | None:
    return next((e for e in entries(convention) if e.indicateur.id == indicateur_id), None)


def place_name(convention: Scope, valeur: ValeurMesuree) -> str:
    if valeur.quartier is None:
        return convention.contrat.commune.nom if isinstance(convention, Convention) else "Ensemble"
    return next((q.nom for q in convention.quartiers if q.id == valeur.quartier), valeur.quartier)


def places(convention: Scope, indicateur: IndicateurImpact) -> list[tuple[str, list[ValeurMesuree]]]:
    """(place name, its values by year): the commune first, then the quartiers in their order."""
    order = {None: -1} | {q.id: n for n, q in enumerate(convention.quartiers)}
    keys = sorted({v.quartier for v in indicateur.valeurs}, key=lambda k: order.get(k, len(order)))
    return [
        (place_name(convention, next(v for v in indicateur.valeurs if v.quartier == k)),
         sorted((v for v in indicateur.valeurs if v.quartier == k), key=lambda v: v.annee))
        for k in keys
    ]  # fmt: skip


def years(convention: Scope) -> list[int]:
    return sorted({v.annee for e in entries(convention) for v in e.indicateur.valeurs})


def rows(convention: Scope, year: int, entry_list: list[Entry] | None = None) -> list[Row]:
    """The values of `year`, each with the value of the year before for the same place."""
    result = []
    for entry in entry_list if entry_list is not None else entries(convention):
        by_place = {(v.quartier, v.annee): v for v in entry.indicateur.valeurs}
        for valeur in entry.indicateur.valeurs:
            if valeur.annee == year:
                previous = by_place.get((valeur.quartier, year - 1))
                result.append(Row(entry, place_name(convention, valeur), valeur, previous))
    return result


def value_text(indicateur: IndicateurImpact, value: float) -> str:
    return typography.with_unit(value, indicateur.unite)


def change_text(indicateur: IndicateurImpact, change: float) -> str:
    sign = "+" if change > 0 else ""
    if indicateur.unite == "pourcentage":
        return typography.points(change)
    return sign + typography.with_unit(change, indicateur.unite)


def chart(convention: Scope, indicateur: IndicateurImpact, chart_id: str) -> Markup:
    """The values over the years, one group of bars per place (solid), the target last (hatched)."""
    if not indicateur.valeurs:
        return Markup("")
    groups = []
    sentences = []
    for name, values in places(convention, indicateur):
        bars = tuple(charts.Bar(f"{v.annee} : {value_text(indicateur, v.valeur)}", v.valeur) for v in values)
        groups.append(charts.Group(bars, name))
        sentences.append(f"{name} : " + ", ".join(f"{value_text(indicateur, v.valeur)} en {v.annee}" for v in values) + ".")
    if indicateur.cible is not None:
        target = value_text(indicateur, indicateur.cible)
        groups.append(charts.Group((charts.Bar(f"Cible : {target}", indicateur.cible, charts.HATCHED),)))
        sentences.append(f"Cible : {target}.")
    maximum = charts.nice_maximum(max([v.valeur for v in indicateur.valeurs] + [indicateur.cible or 0]))
    title = f"{indicateur.libelle} : valeurs par année"
    svg = charts.bar_chart(chart_id, title, " ".join(sentences), groups, maximum)
    wanted = "hausse" if indicateur.sens == "hausse" else "baisse"
    note = f"Évolution souhaitée : {wanted}. Échelle de 0 à {value_text(indicateur, maximum)}. Source : {indicateur.source}."
    return charts.figure(svg, title, note)


def table(convention: Scope, indicateur: IndicateurImpact) -> tuple[list[str], list[list[str]]]:
    """Headers (« Année », then each place) and one row a year, « — » where no value is given."""
    series = places(convention, indicateur)
    all_years = sorted({v.annee for v in indicateur.valeurs})
    body = []
    for year in all_years:
        cells = [str(year)]
        for _, values in series:
            found = next((v for v in values if v.annee == year), None)
            cells.append(value_text(indicateur, found.valeur) if found else "—")
        body.append(cells)
    return ["Année"] + [name for name, _ in series], body


def value_sources(indicateur: IndicateurImpact) -> list[str]:
    """The sources of values that name their own, once each, in order."""
    found: list[str] = []
    for v in sorted(indicateur.valeurs, key=lambda v: v.annee):
        if v.source and v.source not in found and v.source != indicateur.source:
            found.append(v.source)
    return found


@dataclass(frozen=True)
class Mention:
    """Where the convention's own text announces its référentiel d'impacts."""

    page: object  # domain.convention.Page
    text: str


def mention(convention: Scope) -> Mention | None:
    """The first sentence of a narrative page that names the « référentiel d'impacts », to quote it."""
    for page in getattr(convention, "pages", []):
        for paragraph in page.body.split("\n\n"):
            if "référentiel d'impacts" in paragraph.replace("’", "'"):
                sentences = re.split(r"(?<=[.!?])\s+", paragraph.strip())
                sentence = next(s for s in sentences if "référentiel d'impacts" in s.replace("’", "'"))
                return Mention(page, sentence.strip())
    return None
