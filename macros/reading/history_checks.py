"""Cross-checks of the convention's history: avenants referenced by the items they change,
restored actions pointing at their transcription note, renamed objectifs."""

from __future__ import annotations

from macros.domain.model import Action, Avenants, Corrections, Modification, Objectif, Quartier, Referentiel
from macros.reading.errors import ContentProblem
from macros.reading.messages import field_path
from macros.reading.yaml_source import YamlDocument

AVENANTS_HINT = "Déclarez cet avenant dans content/avenants.yaml (numero, date, deliberation, resume) ou corrigez le numéro."


def _problem(doc: YamlDocument, loc: tuple, message: str, hint: str | None = None) -> ContentProblem:
    return ContentProblem(doc.path, doc.line_of(loc), field_path(loc), message, hint)


def check_avenants(avenants: Avenants, doc: YamlDocument) -> list[ContentProblem]:
    problems = []
    seen: set[int] = set()
    for a, avenant in enumerate(avenants.avenants):
        if avenant.numero in seen:
            problems.append(
                _problem(
                    doc,
                    ("avenants", a, "numero"),
                    f"l'avenant n° {avenant.numero} est déjà déclaré.",
                    "Chaque avenant a un numéro différent.",
                )
            )
        seen.add(avenant.numero)
    return problems


class _Refs:
    """Collects the problems of avenant references in one file."""

    def __init__(self, doc: YamlDocument, known: set[int]):
        self.doc, self.known, self.problems = doc, known, []

    def avenant(self, loc: tuple, numero: int | None) -> None:
        if numero is not None and numero not in self.known:
            known = ", ".join(f"n° {n}" for n in sorted(self.known)) or "aucun"
            self.problems.append(
                _problem(self.doc, loc, f"l'avenant n° {numero} n'existe pas (avenants déclarés : {known}).", AVENANTS_HINT)
            )

    def modifications(self, base: tuple, modifications: list[Modification]) -> None:
        for m, modification in enumerate(modifications):
            loc = base + ("modifications", m)
            if (modification.avenant is None) == (modification.correction is None):
                self.problems.append(
                    _problem(
                        self.doc,
                        loc,
                        "une modification vient soit d'un avenant, soit d'une correction.",
                        "Indiquez « avenant: <numéro> » ou « correction: <raison> » avec « date: », pas les deux.",
                    )
                )
            if modification.correction is not None and modification.date is None:
                self.problems.append(
                    _problem(
                        self.doc, loc + ("correction",), "une correction hors avenant doit être datée.", "Ajoutez « date: AAAA-MM-JJ »."
                    )
                )
            self.avenant(loc + ("avenant",), modification.avenant)

    def added_withdrawn(self, base: tuple, item: Objectif | Action, added: str, withdrawn: str) -> None:
        added_by, withdrawn_by = getattr(item, added), getattr(item, withdrawn)
        self.avenant(base + (added,), added_by)
        self.avenant(base + (withdrawn,), withdrawn_by)
        if added_by is not None and withdrawn_by is not None and withdrawn_by <= added_by:
            self.problems.append(
                _problem(
                    self.doc,
                    base + (withdrawn,),
                    f"retiré par l'avenant n° {withdrawn_by}, qui n'est pas postérieur à l'avenant n° {added_by} qui l'ajoute.",
                )
            )


def check_referentiel(ref: Referentiel, doc: YamlDocument, known: set[int]) -> list[ContentProblem]:
    refs = _Refs(doc, known)
    ids = {o.id for e in ref.enjeux for orient in e.orientations for o in orient.objectifs}
    replaced: dict[str, str] = {}
    for e, enjeu in enumerate(ref.enjeux):
        for o, orientation in enumerate(enjeu.orientations):
            for j, objectif in enumerate(orientation.objectifs):
                base = ("enjeux", e, "orientations", o, "objectifs", j)
                refs.added_withdrawn(base, objectif, "ajoute_par", "retire_par")
                refs.modifications(base, objectif.modifications)
                if objectif.remplace is not None:
                    loc = base + ("remplace",)
                    refs.avenant(loc + ("avenant",), objectif.remplace.avenant)
                    old = objectif.remplace.objectif
                    if old in ids:
                        refs.problems.append(
                            _problem(
                                doc,
                                loc + ("objectif",),
                                f"l'objectif « {old} » existe encore : il ne peut pas être remplacé.",
                                "Un objectif renommé change d'identifiant : l'ancien identifiant disparaît du référentiel et n'est plus cité que dans « remplace ».",
                            )
                        )
                    elif old in replaced:
                        refs.problems.append(
                            _problem(doc, loc + ("objectif",), f"l'objectif « {old} » est déjà remplacé par « {replaced[old]} ».")
                        )
                    replaced.setdefault(old, objectif.id)
    return refs.problems


def check_quartier(
    quartier: Quartier, doc: YamlDocument, own_file: str, known: set[int], corrections: Corrections | None
) -> list[ContentProblem]:
    """`own_file`: the quartier's file as corrections.yaml names it (`quartiers/<id>.yaml`)."""
    refs = _Refs(doc, known)
    notes = {(c.fichier, c.ligne) for c in corrections.corrections} if corrections else set()
    for p, poursuivi in enumerate(quartier.objectifs):
        for a, action in enumerate(poursuivi.actions):
            base = ("objectifs", p, "actions", a)
            refs.added_withdrawn(base, action, "ajoutee_par", "retiree_par")
            refs.modifications(base, action.modifications)
            if action.restauree is not None and (own_file, action.restauree.note) not in notes:
                refs.problems.append(
                    _problem(
                        doc,
                        base + ("restauree", "note"),
                        f"aucune note de transcription ligne {action.restauree.note} pour {own_file}.",
                        "Indiquez la « ligne » d'une note de content/corrections.yaml dont le « fichier » est ce quartier.",
                    )
                )
    return refs.problems
