"""Checks of evaluation.yaml (the référentiel d'impacts) against the référentiel and the quartiers,
and of the staff macros narrative pages call (text/page_macros.py) against the content."""

from __future__ import annotations

import difflib

from macros.domain.model import STATUTS_ACTION, Evaluation, Quartier, Referentiel
from macros.reading.errors import ContentProblem
from macros.reading.messages import field_path
from macros.reading.yaml_source import YamlDocument
from macros.text.page_macros import MACROS, calls


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


GUIDE = "Voir « Afficher des chiffres dans une page rédigée » dans le guide de rédaction."


def check_page_macros(
    pages: list, quartiers: list[Quartier], evaluation: Evaluation | None, first_year: int, last_year: int
) -> list[ContentProblem]:
    """The macro calls of narrative pages (text/page_macros.py): a wrong name or identifier is an
    error at the page's file and line, never a blank."""
    problems = []
    indicateurs = [i.id for o in (evaluation.objectifs if evaluation else []) for c in o.criteres for i in c.indicateurs]
    quartier_ids = [q.id for q in quartiers]
    for page in pages:
        for call in calls(page.body):
            line = page.body_line + call.line - 1

            def problem(message: str, hint: str | None = GUIDE, line=line) -> None:
                problems.append(ContentProblem(page.source, line, None, message, hint))

            if call.name not in MACROS:
                problem(
                    f"la macro « {call.name} » n'existe pas.",
                    _suggest(call.name, list(MACROS)) or f"Macros possibles : {', '.join(MACROS)}.",
                )
                continue
            params, required = MACROS[call.name]
            if call.error:
                problem(f"macro « {call.name} » : {call.error}.")
                continue
            if not required <= len(call.args) <= len(params):
                wanted = ", ".join(params[:required]) + (
                    f" (puis, facultatif : {', '.join(params[required:])})" if len(params) > required else ""
                )
                problem(f"la macro « {call.name} » attend : {wanted} ; elle en a reçu {len(call.args)}.")
                continue
            args = dict(zip(params, call.args))
            if call.name == "indicateur":
                ident = args["identifiant"]
                if ident not in indicateurs:
                    known = "Aucun indicateur : créez d'abord evaluation.yaml." if not indicateurs else None
                    problem(
                        f"l'indicateur « {ident} » n'existe pas dans evaluation.yaml.", _suggest(str(ident), indicateurs) or known or GUIDE
                    )
            elif call.name == "actions":
                if args["quartier"] not in quartier_ids:
                    problem(f"le quartier « {args['quartier']} » n'existe pas.", _suggest(str(args["quartier"]), quartier_ids) or GUIDE)
                if "statut" in args and args["statut"] not in STATUTS_ACTION:
                    problem(
                        f"le statut « {args['statut']} » n'existe pas.",
                        _suggest(str(args["statut"]), list(STATUTS_ACTION)) or f"Statuts possibles : {', '.join(STATUTS_ACTION)}.",
                    )
            elif call.name == "chiffres_annee":
                year = args["annee"]
                if not isinstance(year, int) or not first_year <= year <= last_year:
                    problem(
                        f"l'année « {year} » est hors de la convention ({first_year} à {last_year}).",
                        "Écrivez l'année en chiffres, sans guillemets : chiffres_annee(2025).",
                    )
    return problems
