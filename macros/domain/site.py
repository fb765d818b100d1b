"""A site once loaded: one contrat de ville's référentiel and the convention d'application of
each commune it publishes — one commune's own site, or every commune of an agglomeration.

Both kinds are this one model: a commune's site is a site of one commune whose address
scheme keeps its pages at the root (domain/uris.py). A quartier can span communes (a QPV
astride two communes): each commune's convention describes it and commits its own actions.
Built by macros/reading/site.py only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

from macros.domain.convention import Convention, Placement, Pursuit, Scope
from macros.domain.model import (
    Accessibilite,
    Agglomeration,
    AgglomerationFile,
    Edition,
    ObjectifPoursuivi,
    Periode,
    Publication,
    Quartier,
    Referentiel,
    Releve,
    Terme,
)
from macros.domain.uris import AddressScheme, CommuneSite


@dataclass(frozen=True)
class CommuneConvention:
    """One commune's convention d'application (communes/<id>/ of an agglomeration's folder)."""

    id: str  # folder name under communes/, also its address there
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
class SiteQuartier:
    """A quartier id across the site, with each convention that describes it."""

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


@dataclass(frozen=True)
class SiteIdentity:
    """What the site calls itself and who publishes it: the commune's contrat.yaml, or the
    agglomeration's agglomeration.yaml."""

    nom: str  # the commune, or the agglomeration
    titre: str  # the contrat de ville
    sous_titre: str  # what its documents are (« Convention d'application communale »)
    periode: Periode
    publication: Publication
    accessibilite: Accessibilite
    agglomeration: Agglomeration  # the intercommunalité whose figures are the reference
    edition: Edition | None = None  # the GitLab project the form editor saves to

    @classmethod
    def of_convention(cls, convention: Convention) -> SiteIdentity:
        contrat = convention.contrat
        return cls(
            contrat.commune.nom,
            contrat.titre,
            contrat.sous_titre,
            contrat.periode,
            contrat.publication,
            contrat.accessibilite,
            contrat.agglomeration,
            contrat.edition,
        )

    @classmethod
    def of_agglomeration(cls, meta: AgglomerationFile, first: Convention) -> SiteIdentity:
        """agglomeration.yaml names and publishes the site; it gives no accessibility statement
        nor document kind of its own: the communes' conventions (the first one's) do."""
        contrat = first.contrat
        return cls(
            meta.nom,
            meta.contrat_cadre.titre,
            contrat.sous_titre,
            meta.contrat_cadre.periode or contrat.periode,
            meta.publication,
            contrat.accessibilite,
            Agglomeration(nom=meta.nom, sigle=meta.sigle),
            meta.edition,
        )


@dataclass(repr=False)  # the generated repr held every commune's convention: megabytes, for a debug log
class Site:
    identity: SiteIdentity
    addresses: AddressScheme
    referentiel: Referentiel
    communes: list[CommuneConvention]  # sorted by id
    glossaire: list[Terme] = field(default_factory=list)  # shared terms, then those a commune adds
    meta: AgglomerationFile | None = None  # agglomeration.yaml, for an agglomeration's site
    a_completer: list[str] = field(default_factory=list)  # « fichier:ligne champ » left as placeholders

    def __repr__(self) -> str:
        return f"<Site {self.identity.nom!r}: {len(self.communes)} communes>"

    @classmethod
    def of_commune(cls, commune: CommuneConvention, glossaire: list[Terme] | None = None) -> Site:
        """A commune's own site: what its partners link to, and the scheme of its adresses.txt."""
        c = commune.convention
        return cls(SiteIdentity.of_convention(c), CommuneSite(), c.referentiel, [commune], c.glossaire if glossaire is None else glossaire)

    def commune(self, commune_id: str) -> CommuneConvention:
        return next(c for c in self.communes if c.id == commune_id)

    @property
    def own(self) -> CommuneConvention | None:
        """The commune whose own site this is: its convention's pages at the root, its evaluation,
        its list of published addresses, its PDF on every page. None on an agglomeration's site,
        which gives each commune its pages under communes/<c>/."""
        return None if self.addresses.separate_communes else self.communes[0]

    @cached_property
    def quartiers(self) -> list[SiteQuartier]:
        """Each quartier once, even when several communes describe it: in the document's order
        on a commune's own site, by name across the conventions of an agglomeration."""
        found: dict[str, list[tuple[CommuneConvention, Quartier]]] = {}
        for commune in self.communes:
            for quartier in commune.convention.quartiers:
                found.setdefault(quartier.id, []).append((commune, quartier))
        merged = [SiteQuartier(qid, tuple(descriptions)) for qid, descriptions in found.items()]
        return merged if self.own else sorted(merged, key=lambda q: (q.nom, q.id))

    @cached_property
    def _quartiers_by_id(self) -> dict[str, SiteQuartier]:
        return {q.id: q for q in self.quartiers}

    def quartier(self, quartier_id: str) -> SiteQuartier:
        return self._quartiers_by_id[quartier_id]

    @cached_property
    def scope(self) -> Scope:
        """Every quartier of the site once, for the pages across communes: a commune's own
        site's convention as it is, or the quartiers of all (a quartier two conventions describe
        pursues the objectifs of both)."""
        return self.own.convention if self.own else _merged_scope(self)

    @property
    def placements(self) -> dict[str, Placement]:
        return self.scope.placements

    def pursuits(self, objectif_id: str) -> dict[str, list[Pursuit]]:
        """commune id → its quartiers pursuing the objectif (communes that do not are left out)."""
        grouped = {c.id: c.convention.pursuits.get(objectif_id, []) for c in self.communes}
        return {commune_id: found for commune_id, found in grouped.items() if found}


def _merged_scope(site: Site) -> Scope:
    quartiers: list[Quartier] = []
    perimetres: dict[str, Any] = {}
    for shared in site.quartiers:
        quartier = shared.descriptions[0][1]
        objectifs: dict[str, ObjectifPoursuivi] = {}
        for _, description in shared.descriptions:
            for poursuivi in description.objectifs:
                known = objectifs.get(poursuivi.objectif)
                objectifs[poursuivi.objectif] = (
                    poursuivi if known is None else known.model_copy(update={"actions": known.actions + poursuivi.actions})
                )
        communes = {c.insee: c for _, d in shared.descriptions for c in d.communes}
        quartiers.append(
            quartier.model_copy(
                update={
                    "objectifs": list(objectifs.values()),
                    "communes": list(communes.values()),
                    "portrait": merged_portrait([d for _, d in shared.descriptions]),
                }
            )
        )
        for commune, description in shared.descriptions:
            if description.id in commune.convention.perimetres:
                perimetres.setdefault(description.id, commune.convention.perimetres[description.id])
    seen: set[str] = set()
    features: list[dict] = []
    for commune in site.communes:
        for feature in (commune.convention.communes_geo or {}).get("features", []):
            key = repr(feature.get("properties"))
            if key not in seen:
                seen.add(key)
                features.append(feature)
    first = site.communes[0].convention
    return Scope(
        referentiel=site.referentiel,
        quartiers=quartiers,
        glossaire=site.glossaire,
        chiffres_reference=first.chiffres_reference,
        perimetres=perimetres,
        communes_geo={"type": "FeatureCollection", "features": features} if features else None,
    )


def merged_portrait(descriptions: list[Quartier]) -> list[Releve]:
    """Every figure the conventions give for a quartier, once: a year one convention quotes is not
    hidden by another's. The same indicateur and year with another value in two conventions is a
    content error (reading/shared_checks.py), so the first convention's figure is the figure."""
    releves: dict[tuple[int, str], Releve] = {}
    taken: set[tuple[str, int]] = set()
    for description in descriptions:
        for releve in description.portrait:
            valeurs = [v for v in releve.valeurs if (v.indicateur, releve.annee) not in taken]
            taken.update((v.indicateur, releve.annee) for v in valeurs)
            key = (releve.annee, releve.source.casefold())
            if key in releves:
                valeurs = releves[key].valeurs + valeurs
            if valeurs:
                releves[key] = releve.model_copy(update={"valeurs": valeurs})
    return sorted(releves.values(), key=lambda releve: releve.annee)  # oldest first, as in a quartier's file
