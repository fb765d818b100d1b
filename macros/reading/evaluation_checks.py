"""Checks of evaluation.yaml (the référentiel d'impacts) against the référentiel and the quartiers."""

from __future__ import annotations

import difflib

from macros.domain.model import Evaluation, Quartier, Referentiel
from macros.reading.errors import ContentProblem
from macros.reading.messages import field_path
from macros.reading.yaml_source import YamlDocument


def _problem(doc: YamlDocument, loc: tuple, message: str, hint: str | None = None) -> ContentProblem:
    return ContentProblem(doc.path, doc.line_of(loc), field_path(loc), message, hint)


def _suggest(value: str, known: list[str]) -> str | None:
    guess = difflib.get_close_matches(value, known, n=1, cutoff=0.5)
    return f"Vouliez-vous dire « {guess[0]} » ?" if guess else None


def check(evaluation: Evaluation, doc: YamlDocument, referentiel: Referentiel, quartiers: list[Quartier]) -> list[ContentProblem]:
    """Known objectifs and quartiers, identifiers used once, one value per year and place."""
    problems = []
    objectifs = [o.id for e in referentiel.enjeux for orient in e.orientations for o in orient.objectifs]
    quartier_ids = [q.id for q in quartiers]
    seen_objectifs: dict[str, int | None] = {}
    seen_ids: dict[str, int | None] = {}
    for o, entry in enumerate(evaluation.objectifs):
        loc = ("objectifs", o, "objectif")
        if entry.objectif not in objectifs:
            problems.append(
                _problem(
                    doc,
                    loc,
                    f"l'objectif « {entry.objectif} » n'existe pas dans referentiel.yaml.",
                    _suggest(entry.objectif, objectifs) or "Reprenez l'identifiant d'un objectif de referentiel.yaml.",
                )
            )
        elif entry.objectif in seen_objectifs:
            problems.append(
                _problem(
                    doc,
                    loc,
                    f"l'objectif « {entry.objectif} » a déjà ses critères ligne {seen_objectifs[entry.objectif]}.",
                    "Regroupez tous les critères d'un objectif sous une seule entrée.",
                )
            )
        seen_objectifs.setdefault(entry.objectif, doc.line_of(loc))
        for c, critere in enumerate(entry.criteres):
            items = [(("objectifs", o, "criteres", c, "id"), critere.id)]
            items += [(("objectifs", o, "criteres", c, "indicateurs", i, "id"), ind.id) for i, ind in enumerate(critere.indicateurs)]
            for item_loc, ident in items:
                if ident in seen_ids:
                    problems.append(
                        _problem(
                            doc,
                            item_loc,
                            f"l'identifiant « {ident} » est déjà utilisé ligne {seen_ids[ident]}.",
                            "Chaque critère et chaque indicateur a un identifiant unique dans le fichier.",
                        )
                    )
                else:
                    seen_ids[ident] = doc.line_of(item_loc)
            for i, indicateur in enumerate(critere.indicateurs):
                where: dict[tuple[int, str | None], int | None] = {}
                for v, valeur in enumerate(indicateur.valeurs):
                    base = ("objectifs", o, "criteres", c, "indicateurs", i, "valeurs", v)
                    if valeur.quartier is not None and valeur.quartier not in quartier_ids:
                        problems.append(
                            _problem(
                                doc,
                                (*base, "quartier"),
                                f"le quartier « {valeur.quartier} » n'existe pas.",
                                _suggest(valeur.quartier, quartier_ids) or "Reprenez l'identifiant d'un fichier de quartiers/.",
                            )
                        )
                    key = (valeur.annee, valeur.quartier)
                    if key in where:
                        place = f"le quartier « {valeur.quartier} »" if valeur.quartier else "la commune"
                        problems.append(
                            _problem(
                                doc,
                                (*base, "annee"),
                                f"l'indicateur « {indicateur.id} » a déjà une valeur {valeur.annee} pour {place}, ligne {where[key]}.",
                                "Gardez une seule valeur par année et par quartier.",
                            )
                        )
                    where.setdefault(key, doc.line_of((*base, "annee")))
    return problems
