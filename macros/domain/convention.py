"""The whole convention once loaded: content models plus the lookups pages need.

Built by the loader only; everything downstream (pages, maps, charts,
exports) reads this object and never the files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from macros.domain.model import (
    Action,
    Avenant,
    Contrat,
    Correction,
    Enjeu,
    Evaluation,
    Indicateur,
    Instance,
    Objectif,
    ObjectifPoursuivi,
    Orientation,
    Quartier,
    Referentiel,
    Releve,
    Terme,
)


@dataclass(frozen=True)
class Page:
    """A narrative page of the document (préambule, édito…), Markdown body."""

    id: str
    titre: str
    ordre: int
    body: str
    source: str  # content file, relative to the project root
    signature: str | None = None
    description: str | None = None
    fait_a: bool = False  # ends with « Fait à <lieu>, le <date>. » (the signatories' page)
    body_line: int = 1  # line of the file where the body starts (errors in macro calls)


@dataclass(frozen=True)
class Placement:
    """Where an objectif sits in the référentiel."""

    enjeu: Enjeu
    orientation: Orientation
    objectif: Objectif


@dataclass(frozen=True)
class Pursuit:
    """One quartier pursuing one objectif, with its own actions."""

    quartier: Quartier
    objectif: ObjectifPoursuivi

    @property
    def actions(self) -> list[Action]:
        return self.objectif.actions


@dataclass(repr=False, kw_only=True)  # the generated repr held every text and perimeter: megabytes, for a debug log
class Scope:
    """Quartiers under one référentiel, with the lookups pages need: one commune's convention,
    or every quartier of an agglomeration's site (domain/site.py)."""

    referentiel: Referentiel
    quartiers: list[Quartier]
    glossaire: list[Terme] = field(default_factory=list)
    chiffres_reference: list[Releve] = field(default_factory=list)  # the agglomeration's reference figures
    perimetres: dict[str, dict[str, Any]] = field(default_factory=dict)  # quartier id → GeoJSON
    communes_geo: dict[str, Any] | None = None  # GeoJSON FeatureCollection

    def __repr__(self) -> str:
        return f"<Scope: {len(self.quartiers)} quartiers>"

    @cached_property
    def placements(self) -> dict[str, Placement]:
        return {
            objectif.id: Placement(enjeu, orientation, objectif)
            for enjeu in self.referentiel.enjeux
            for orientation in enjeu.orientations
            for objectif in orientation.objectifs
        }

    @cached_property
    def orientations(self) -> dict[str, tuple[Enjeu, Orientation]]:
        return {o.id: (e, o) for e in self.referentiel.enjeux for o in e.orientations}

    @cached_property
    def indicateurs(self) -> dict[str, Indicateur]:
        return {i.id: i for i in self.referentiel.indicateurs}

    @cached_property
    def pursuits(self) -> dict[str, list[Pursuit]]:
        """objectif id → the quartiers pursuing it, in quartier order."""
        result: dict[str, list[Pursuit]] = {oid: [] for oid in self.placements}
        for quartier in self.quartiers:
            for poursuivi in quartier.objectifs:
                result.setdefault(poursuivi.objectif, []).append(Pursuit(quartier, poursuivi))
        return result

    @cached_property
    def replaced(self) -> dict[str, Objectif]:
        """Former objectif id → the objectif that replaced it (renamed by an avenant)."""
        return {p.objectif.remplace.objectif: p.objectif for p in self.placements.values() if p.objectif.remplace}

    @cached_property
    def _quartiers_by_id(self) -> dict[str, Quartier]:
        return {q.id: q for q in self.quartiers}

    def quartier(self, quartier_id: str) -> Quartier:
        # a dict, not a scan: the plan asks for every quartier in turn (quadratic at 1 500 quartiers)
        return self._quartiers_by_id[quartier_id]

    def pursued_in(self, quartier: Quartier) -> dict[str, ObjectifPoursuivi]:
        return {p.objectif: p for p in quartier.objectifs}

    def actions(self) -> list[tuple[Quartier, Placement, Action]]:
        """Every action of the convention, in document order."""
        rows = []
        for quartier in self.quartiers:
            for poursuivi in quartier.objectifs:
                placement = self.placements[poursuivi.objectif]
                rows.extend((quartier, placement, action) for action in poursuivi.actions)
        return rows

    @cached_property
    def followed(self) -> set[str]:
        """Ids of the quartiers with at least one action whose avancement is given."""
        return {q.id for q in self.quartiers if any(a.statut for p in q.objectifs for a in p.actions)}


@dataclass(repr=False, kw_only=True)
class Convention(Scope):
    """One commune's convention d'application: its contrat, quartiers, pages and history."""

    contrat: Contrat
    pages: list[Page] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    avenants: list[Avenant] = field(default_factory=list)  # by numero
    sources: dict[str, str] = field(default_factory=dict)  # what → content file (for edit links)
    adresses: list[str] | None = None  # addresses published so far (content/adresses.txt), if kept
    evaluation: Evaluation | None = None  # the référentiel d'impacts (evaluation.yaml), once written
    instances: list[Instance] = field(default_factory=list)  # comités held (instances.yaml), by date

    def __repr__(self) -> str:
        return f"<Convention {self.contrat.commune.nom!r}: {len(self.quartiers)} quartiers>"

    @cached_property
    def avenants_by_numero(self) -> dict[int, Avenant]:
        return {a.numero: a for a in self.avenants}
