"""The yearly bilan: what changed in one year, from dated content only.

A bilan exists for each year from the signature's to the newest dated content (statut dates,
suivi, avenants, comités, indicator values): the statuses constated that year by enjeu and
quartier, the indicator values of that year beside the year before, the avenants signed and
the comités held. The same content always gives the same bilans: nothing reads the clock.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from macros.domain.convention import Convention, Placement
from macros.domain.model import STATUTS_ACTION, Action, Avenant, Enjeu, Instance, Quartier
from macros.features import indicators

_PUBLISHED = re.compile(r"^bilans/(\d{4})/$")


@dataclass(frozen=True)
class StatusChange:
    quartier: Quartier
    placement: Placement
    action: Action


@dataclass
class Bilan:
    year: int
    statuses: list[StatusChange] = field(default_factory=list)  # in document order
    values: list[indicators.Row] = field(default_factory=list)
    avenants: list[Avenant] = field(default_factory=list)
    instances: list[Instance] = field(default_factory=list)
    suivis: int = 0  # points de suivi dated that year

    @property
    def by_enjeu(self) -> list[tuple[Enjeu, list[StatusChange]]]:
        groups: dict[str, tuple[Enjeu, list[StatusChange]]] = {}
        for change in sorted(self.statuses, key=lambda ch: ch.placement.enjeu.numero):
            groups.setdefault(change.placement.enjeu.id, (change.placement.enjeu, []))[1].append(change)
        return list(groups.values())

    @property
    def by_quartier(self) -> list[tuple[Quartier, list[StatusChange]]]:
        groups: dict[str, tuple[Quartier, list[StatusChange]]] = {}
        for change in self.statuses:
            groups.setdefault(change.quartier.id, (change.quartier, []))[1].append(change)
        return list(groups.values())

    @property
    def counts(self) -> dict[str, int]:
        """Statut → number of actions constated so that year, in the order of the statuts."""
        statuts = [change.action.statut for change in self.statuses]
        return {statut: statuts.count(statut) for statut in STATUTS_ACTION if statut in statuts}

    @property
    def empty(self) -> bool:
        return not (self.statuses or self.values or self.avenants or self.instances or self.suivis)


def years(c: Convention, newest: dt.date) -> list[int]:
    """From the signature year to the year of the newest dated content (`newest`, from the
    history), or of the newest indicator value."""
    first = c.contrat.signature.date.year
    # a bilan once published keeps its address (adresses.txt) even if its content was withdrawn
    published = [int(m.group(1)) for line in c.adresses or [] if (m := _PUBLISHED.match(line))]
    last = max([newest.year, first] + indicators.years(c) + published)
    return list(range(first, last + 1))


def bilan(c: Convention, year: int) -> Bilan:
    result = Bilan(year)
    for quartier, placement, action in c.actions():
        if action.statut and action.statut_date and action.statut_date.year == year:
            result.statuses.append(StatusChange(quartier, placement, action))
        result.suivis += sum(1 for s in action.suivi if s.date.year == year)
    result.values = indicators.rows(c, year)
    result.avenants = [a for a in c.avenants if a.date.year == year]
    result.instances = [i for i in c.instances if i.date.year == year]
    return result


def bilans(c: Convention, newest: dt.date) -> list[Bilan]:
    return [bilan(c, year) for year in years(c, newest)]


def last_date(c: Convention, b: Bilan) -> dt.date:
    """The newest date of the content a bilan shows: its date in the history feed."""
    dates = [ch.action.statut_date for ch in b.statuses if ch.action.statut_date]
    dates += [a.date for a in b.avenants] + [i.date for i in b.instances]
    dates += [s.date for _, _, action in c.actions() for s in action.suivi if s.date.year == b.year]
    if not dates and b.year == c.contrat.signature.date.year:
        dates.append(c.contrat.signature.date)
    return max(dates) if dates else dt.date(b.year, 12, 31)
