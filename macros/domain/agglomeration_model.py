"""The agglomeration once loaded: one contrat de ville, one référentiel, and each commune's
convention d'application, with the views that cross communes.

A quartier can span communes (a QPV astride two communes): each commune's convention
describes it and commits its own actions to it. Built by macros/reading/agglomeration.py only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from macros.domain.convention import Convention, Placement, Pursuit
from macros.domain.model import AgglomerationFile, ObjectifPoursuivi, Quartier, Referentiel, Terme


@dataclass(frozen=True)
class CommuneConvention:
    """One commune's convention d'application, as found in communes/<id>/."""

    id: str  # folder name under communes/, also its future address
    convention: Convention
    folder: str  # relative to the project root, as editors know it

    @property
    def nom(self) -> str:
        return self.convention.contrat.commune.nom


class Engagement(NamedTuple):
    """What one commune's convention commits to a quartier for one objectif."""

    commune: CommuneConvention
    objectif: ObjectifPoursuivi


@dataclass(frozen=True)
class QuartierAgglomeration:
    """A quartier id across the agglomeration, with each convention that describes it."""

    id: str
    descriptions: tuple[tuple[CommuneConvention, Quartier], ...]  # in commune order

    @property
    def nom(self) -> str:
        return self.descriptions[0][1].nom

    @property
    def statut(self) -> str:
        return self.descriptions[0][1].statut

    @property
    def communes(self) -> list[CommuneConvention]:
        return [commune for commune, _ in self.descriptions]

    @property
    def engagements(self) -> list[Engagement]:
        """Every objectif pursued here, with the commune whose convention commits its actions."""
        return [Engagement(commune, poursuivi) for commune, quartier in self.descriptions for poursuivi in quartier.objectifs]


@dataclass(repr=False)  # the generated repr held every commune's convention: megabytes, for a debug log
class Agglomeration:
    meta: AgglomerationFile
    referentiel: Referentiel
    communes: list[CommuneConvention]  # sorted by id
    glossaire: list[Terme] = field(default_factory=list)  # shared terms, then those a commune adds
    a_completer: list[str] = field(default_factory=list)  # « fichier:ligne champ » left as placeholders

    def __repr__(self) -> str:
        return f"<Agglomeration: {len(self.communes)} communes>"

    def commune(self, commune_id: str) -> CommuneConvention:
        return next(c for c in self.communes if c.id == commune_id)

    @cached_property
    def quartiers(self) -> list[QuartierAgglomeration]:
        """Each quartier once, even when several communes describe it; by name."""
        found: dict[str, list[tuple[CommuneConvention, Quartier]]] = {}
        for commune in self.communes:
            for quartier in commune.convention.quartiers:
                found.setdefault(quartier.id, []).append((commune, quartier))
        merged = [QuartierAgglomeration(qid, tuple(descriptions)) for qid, descriptions in found.items()]
        return sorted(merged, key=lambda q: (q.nom, q.id))

    def quartier(self, quartier_id: str) -> QuartierAgglomeration:
        return next(q for q in self.quartiers if q.id == quartier_id)

    @cached_property
    def placements(self) -> dict[str, Placement]:
        # every commune is validated against the same référentiel: any one gives the placements
        return self.communes[0].convention.placements if self.communes else {}

    def pursuits(self, objectif_id: str) -> dict[str, list[Pursuit]]:
        """commune id → its quartiers pursuing the objectif (communes that do not are left out)."""
        grouped = {c.id: c.convention.pursuits.get(objectif_id, []) for c in self.communes}
        return {commune_id: found for commune_id, found in grouped.items() if found}
