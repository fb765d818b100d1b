"""The macro calls of narrative pages (text/page_macros.py) checked against the content: a
wrong name or identifier is an error at the page's file and line, never a blank."""

from __future__ import annotations

import difflib

from macros.domain.model import STATUTS_ACTION, Evaluation, Quartier
from macros.reading.errors import ContentProblem
from macros.text.page_macros import MACROS, calls

GUIDE = "Voir « Afficher des chiffres dans une page rédigée » dans le guide de rédaction."


def _suggest(value: str, known: list[str]) -> str | None:
    guess = difflib.get_close_matches(value, known, n=1, cutoff=0.5)
    return f"Vouliez-vous dire « {guess[0]} » ?" if guess else None


def check(pages: list, quartiers: list[Quartier], evaluation: Evaluation | None, first_year: int, last_year: int) -> list[ContentProblem]:
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
