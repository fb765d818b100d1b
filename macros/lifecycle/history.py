"""Time and trust: where each objectif and action comes from, what changed since the signature,
and when each page's content last changed.

Every date comes from content (signature, avenants, statuts, suivi, corrections), never the
clock: the same content gives the same site.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from macros.domain.convention import Convention, Scope
from macros.domain.model import Action, Avenant, Modification, Objectif, Quartier
from macros.domain.site import CommuneConvention, Site
from macros.domain.uris import HISTORY_URI, HOME_URI, bilan_uri, objectif_uri, quartier_uri
from macros.lifecycle import bilans
from macros.text.typography import date as french_date


@dataclass(frozen=True)
class Change:
    """One dated change of one item, as the reader is told it."""

    kind: str  # ajout, retrait, modification, correction, remplacement
    date: dt.date
    avenant: Avenant | None = None
    texte_precedent: str | None = None  # the wording before this change
    raison: str | None = None  # of a correction


@dataclass(frozen=True)
class Event:
    """A line of the history page and an entry of the feed."""

    date: dt.date
    title: str
    text: str
    src_uri: str  # page it concerns
    anchor: str | None = None
    key: str = ""  # stable, unique: the feed entry's id


class History:
    """Provenance, versions and dates of one convention."""

    def __init__(self, convention: Convention | Scope):
        """A commune's convention; or every quartier of an agglomeration's site, whose
        avenants are each commune's (none applies to the scope as a whole)."""
        self.c = convention
        own = isinstance(convention, Convention)
        self.signed = convention.contrat.signature.date if own else None
        self._avenants = convention.avenants_by_numero if own else {}

    def avenant(self, numero: int | None) -> Avenant | None:
        return self._avenants.get(numero) if numero is not None else None

    # --- provenance of one item ------------------------------------------------------

    def _modifications(self, modifications: list[Modification]) -> list[Change]:
        changes = []
        for m in modifications:
            avenant = self.avenant(m.avenant)
            if avenant is not None:
                changes.append(Change("modification", avenant.date, avenant, m.texte_precedent))
            elif m.date is not None:
                changes.append(Change("correction", m.date, None, m.texte_precedent, m.correction))
        return changes

    def action_changes(self, action: Action) -> list[Change]:
        changes = self._modifications(action.modifications)
        if (added := self.avenant(action.ajoutee_par)) is not None:
            changes.append(Change("ajout", added.date, added))
        if (withdrawn := self.avenant(action.retiree_par)) is not None:
            changes.append(Change("retrait", withdrawn.date, withdrawn))
        return sorted(changes, key=lambda ch: ch.date)

    def objectif_changes(self, objectif: Objectif) -> list[Change]:
        changes = self._modifications(objectif.modifications)
        if (added := self.avenant(objectif.ajoute_par)) is not None:
            changes.append(Change("ajout", added.date, added))
        if objectif.remplace is not None and (by := self.avenant(objectif.remplace.avenant)) is not None:
            changes.append(Change("remplacement", by.date, by, objectif.remplace.titre))
        if (withdrawn := self.avenant(objectif.retire_par)) is not None:
            changes.append(Change("retrait", withdrawn.date, withdrawn))
        return sorted(changes, key=lambda ch: ch.date)

    @staticmethod
    def signed_wording(changes: list[Change]) -> str | None:
        """The signed text of an item changed since, None if unchanged or added later."""
        if any(ch.kind == "ajout" for ch in changes):
            return None
        earliest = next((ch for ch in changes if ch.texte_precedent), None)
        return earliest.texte_precedent if earliest else None

    @staticmethod
    def change_anchor(ch: Change) -> str | None:
        """Where the history page tells this change: its avenant's section."""
        return f"avenant-{ch.avenant.numero}" if ch.avenant else "corrections"

    @staticmethod
    def action_label(ch: Change) -> str:
        return _ACTION_LABELS[ch.kind](ch)

    @staticmethod
    def objectif_label(ch: Change) -> str:
        return _objectif_title(ch)

    def objectif_note(self, objectif: Objectif) -> str:
        """A few words after an objectif's title in lists: « (retiré par l'avenant n° 2) »."""
        changes = self.objectif_changes(objectif)
        latest = changes[-1] if changes else None
        if latest is None or latest.avenant is None:
            return ""
        verb = {"ajout": "ajouté", "retrait": "retiré", "modification": "modifié", "remplacement": "renommé"}[latest.kind]
        return f" ({verb} par l'avenant n° {latest.avenant.numero})"

    def provenance(self, action: Action) -> str:
        """Where an action's text comes from, in a few words (open data)."""
        words = []
        if action.restauree:
            words.append("restaurée")
        for ch in self.action_changes(action):
            words.append(
                _PROVENANCE[ch.kind]
                + (
                    f" par l'avenant n° {ch.avenant.numero} du {ch.avenant.date.isoformat()}"
                    if ch.avenant
                    else f" le {ch.date.isoformat()}"
                )
            )
        return " ; ".join(words) or "texte signé"

    # --- dates ---------------------------------------------------------------------------

    def action_dates(self, action: Action) -> list[dt.date]:
        dates = [ch.date for ch in self.action_changes(action)] + [s.date for s in action.suivi]
        return dates + ([action.statut_date] if action.statut_date else [])

    def objectif_updated(self, objectif: Objectif) -> dt.date:
        """The objectif's own wording and status: title, added, renamed, withdrawn."""
        return max([self.signed] + [ch.date for ch in self.objectif_changes(objectif)])

    def quartier_updated(self, quartier: Quartier) -> dt.date:
        dates = [self.signed]
        for poursuivi in quartier.objectifs:
            placement = self.c.placements.get(poursuivi.objectif)
            if placement is not None:
                dates.append(self.objectif_updated(placement.objectif))
            for action in poursuivi.actions:
                dates += self.action_dates(action)
        return max(dates)

    def objectif_page_updated(self, objectif: Objectif) -> dt.date:
        dates = [self.objectif_updated(objectif)]
        for pursuit in self.c.pursuits.get(objectif.id, []):
            for action in pursuit.actions:
                dates += self.action_dates(action)
        return max(dates)

    def convention_updated(self) -> dt.date:
        """The latest date of the whole content: pages that sum everything up show it."""
        return max(
            [self.signed]
            + [q_date for q_date in (self.quartier_updated(q) for q in self.c.quartiers)]
            + [self.objectif_updated(p.objectif) for p in self.c.placements.values()]
            + [a.date for a in self.c.avenants]
            + [i.date for i in getattr(self.c, "instances", [])]
        )

    # --- versions ------------------------------------------------------------------------

    def latest_avenant(self, changes: list[Change]) -> Avenant | None:
        dated = [ch.avenant for ch in changes if ch.avenant is not None]
        return max(dated, key=lambda a: (a.date, a.numero)) if dated else None

    def quartier_changes(self, quartier: Quartier) -> list[Change]:
        changes = []
        for poursuivi in quartier.objectifs:
            placement = self.c.placements.get(poursuivi.objectif)
            if placement is not None:
                changes += self.objectif_changes(placement.objectif)
            for action in poursuivi.actions:
                changes += self.action_changes(action)
        return changes

    def objectif_page_changes(self, objectif: Objectif) -> list[Change]:
        changes = self.objectif_changes(objectif)
        for pursuit in self.c.pursuits.get(objectif.id, []):
            for action in pursuit.actions:
                changes += self.action_changes(action)
        return changes

    def version(self, changes: list[Change]) -> str:
        """« texte signé le 9 juillet 2024 » or « modifié par l'avenant n° 2 du 3 mars 2026 »."""
        avenant = self.latest_avenant(changes)
        if avenant is not None:
            return f"modifié par l'avenant n° {avenant.numero} du {french_date(avenant.date)}"
        corrections = [ch.date for ch in changes if ch.kind == "correction"]
        if corrections:
            return f"texte signé le {french_date(self.signed)}, corrigé le {french_date(max(corrections))}"
        return f"texte signé le {french_date(self.signed)}"

    # --- the history page and feed -------------------------------------------------------

    def events(self) -> list[Event]:
        """Every dated change of the convention, newest first (ties: a stable order)."""
        events = [
            Event(self.signed, "Signature de la convention", f"Texte signé à {self.c.contrat.signature.lieu}.", "index.md", key="signature")
        ]
        events += [
            Event(
                a.date,
                f"Avenant n° {a.numero}",
                f"{a.resume.rstrip('.')} (délibération {a.deliberation}).",
                HISTORY_URI,
                f"avenant-{a.numero}",
                key=f"avenant-{a.numero}",
            )
            for a in self.c.avenants
        ]
        for placement in self.c.placements.values():
            objectif = placement.objectif
            for n, ch in enumerate(self.objectif_changes(objectif)):
                events.append(
                    Event(
                        ch.date,
                        _EVENT_OBJECTIF[ch.kind] + _by(ch),
                        _objectif_event_text(ch, objectif),
                        objectif_uri(objectif.id),
                        key=f"objectif-{objectif.id}-{ch.kind}-{n}",
                    )
                )
        for quartier in self.c.quartiers:
            for poursuivi in quartier.objectifs:
                for action in poursuivi.actions:
                    where = (quartier_uri(quartier.id), f"action-{action.id}")
                    base = f"action-{quartier.id}-{action.id}"
                    for n, ch in enumerate(self.action_changes(action)):
                        events.append(
                            Event(
                                ch.date,
                                f"{quartier.nom} : {_EVENT_ACTION[ch.kind]}{_by(ch)}",
                                action.texte,
                                *where,
                                key=f"{base}-{ch.kind}-{n}",
                            )
                        )
                    if action.statut and action.statut_date:
                        events.append(
                            Event(
                                action.statut_date,
                                f"{quartier.nom} : action « {action.statut} »",
                                action.texte,
                                *where,
                                key=f"{base}-statut",
                            )
                        )
                    for n, suivi in enumerate(action.suivi):
                        events.append(
                            Event(
                                suivi.date,
                                f"{quartier.nom} : point de suivi",
                                f"{suivi.texte.rstrip('.')} (action : {action.texte.rstrip('.')}).",
                                *where,
                                key=f"{base}-suivi-{n}",
                            )
                        )
        for n, instance in enumerate(self.c.instances):
            events.append(
                Event(
                    instance.date,
                    instance_title(instance),
                    (f"{instance.lieu.rstrip('.')}. " if instance.lieu else "")
                    + (
                        f"{len(instance.decisions)} décision{'s' if len(instance.decisions) > 1 else ''}."
                        if instance.decisions
                        else "Réunion tenue."
                    ),
                    HISTORY_URI,
                    instance_anchor(self.c.instances, n),
                    key=instance_anchor(self.c.instances, n),
                )
            )
        # newest first; at the same date, the order of the document (sorted is stable)
        return sorted(events, key=lambda e: e.date, reverse=True)

    def bilans(self) -> list[bilans.Bilan]:
        """One bilan a year, from the signature's to the newest dated content's."""
        return bilans.bilans(self.c, self.convention_updated())

    def bilan_events(self) -> list[Event]:
        """Each bilan with something in it, announced in the history: dated by its newest content."""
        found = []
        for b in self.bilans():
            if b.empty:
                continue
            words = [
                _count(len(b.statuses), "action à l'avancement constaté", "actions à l'avancement constaté"),
                _count(len(b.values), "valeur d'indicateur", "valeurs d'indicateurs"),
                _count(len(b.instances), "comité", "comités"),
                _count(len(b.avenants), "avenant", "avenants"),
                _count(b.suivis, "point de suivi", "points de suivi"),
            ]
            text = f"Ce qui a changé en {b.year} : " + ", ".join(w for w in words if w) + "."
            found.append(Event(bilans.last_date(self.c, b), f"Bilan {b.year}", text, bilan_uri(b.year), key=f"bilan-{b.year}"))
        return found


def _count(n: int, one: str, many: str) -> str:
    return "" if not n else f"1 {one}" if n == 1 else f"{n} {many}"


def instance_title(instance) -> str:
    """« Comité de pilotage », or its own name."""
    name = instance.intitule or instance.type
    return name[0].upper() + name[1:]


def instance_anchor(instances: list, n: int) -> str:
    """`comite-2025-03-12`, `-2`, `-3`… when several met the same day: stable while none is inserted before."""
    day = instances[n].date
    same = sum(1 for i in instances[:n] if i.date == day)
    return f"comite-{day.isoformat()}" + (f"-{same + 1}" if same else "")


_PROVENANCE = {"ajout": "ajoutée", "retrait": "retirée", "modification": "modifiée", "correction": "corrigée"}
_EVENT_OBJECTIF = {
    "ajout": "Objectif ajouté",
    "retrait": "Objectif retiré",
    "modification": "Intitulé d'objectif modifié",
    "correction": "Intitulé d'objectif corrigé",
    "remplacement": "Objectif renommé",
}
_EVENT_ACTION = {"ajout": "action ajoutée", "retrait": "action retirée", "modification": "action modifiée", "correction": "action corrigée"}


def _by(ch: Change) -> str:
    return f" par l'avenant n° {ch.avenant.numero}" if ch.avenant else f" ({ch.raison.rstrip('.')})" if ch.raison else ""


def _objectif_event_text(ch: Change, objectif: Objectif) -> str:
    if ch.kind == "remplacement":
        return f"« {objectif.titre} » (ancien intitulé : « {ch.texte_precedent} »)."
    return f"« {objectif.titre} »."


def _avenant_words(ch: Change) -> str:
    return (
        f"l'avenant n° {ch.avenant.numero} du {french_date(ch.avenant.date)}" if ch.avenant else f"une correction du {french_date(ch.date)}"
    )


_ACTION_LABELS = {
    "ajout": lambda ch: f"Action ajoutée par {_avenant_words(ch)}.",
    "retrait": lambda ch: f"Action retirée par {_avenant_words(ch)}.",
    "modification": lambda ch: f"Texte modifié par {_avenant_words(ch)}.",
    "correction": lambda ch: f"Texte corrigé le {french_date(ch.date)} : {ch.raison}",
}


def _objectif_title(ch: Change) -> str:
    words = _avenant_words(ch)
    return {
        "ajout": f"Objectif ajouté par {words}.",
        "retrait": f"Cet objectif a été retiré par {words}.",
        "modification": f"Intitulé modifié par {words}.",
        "correction": f"Intitulé corrigé le {french_date(ch.date)} : {ch.raison}",
        "remplacement": f"Objectif renommé par {words}.",
    }[ch.kind]


def commune_events(commune: CommuneConvention, site: Site) -> list[Event]:
    """A commune's history at its addresses in the site; in an agglomeration's site, each event
    names its commune."""
    history = History(commune.convention)
    events = history.events()
    if site.own:
        # a commune's own site has a page per year (rendering/pages.py); an agglomeration's not yet
        return sorted(events + history.bilan_events(), key=lambda e: e.date, reverse=True)
    addresses = site.addresses
    moved = []
    for event in events:
        src_uri, anchor = event.src_uri, event.anchor
        if src_uri in (HOME_URI, HISTORY_URI):
            src_uri = addresses.commune_page(commune.id, src_uri)
        elif src_uri.startswith("quartiers/") and anchor:
            anchor = addresses.anchor_prefix(commune.id) + anchor
        moved.append(
            replace(event, src_uri=src_uri, anchor=anchor, title=f"{commune.nom} — {event.title}", key=f"{commune.id}-{event.key}")
        )
    return moved


def site_events(site: Site) -> list[Event]:
    """Every commune's history, newest first."""
    events = [e for commune in site.communes for e in commune_events(commune, site)]
    return sorted(events, key=lambda e: e.date, reverse=True)
