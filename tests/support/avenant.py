"""An avenant applied to a copy of the signed convention, as staff would write it: it adds an
action, withdraws an objectif, renames another and rewords an action. And a dated statut with a
suivi entry, given before the avenant (the page without the avenant has it too)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

AVENANT_DATE = dt.date(2026, 3, 3)
ADDED_ACTION = ("regain", "mobilite-douce", "ateliers-velo")
WITHDRAWN_OBJECTIF = "harcelement-scolaire"
RENAMED = ("violences-intrafamiliales", "violences-faites-aux-femmes")
NEW_TITLE = "Lutter contre les violences intrafamiliales et les violences faites aux femmes"
REWORDED_ACTION = ("regain", "promotion-mobilite-douce")
NEW_WORDING = "Promouvoir la mobilité douce auprès des habitants par des temps de sensibilisation et des programmes d'incitation."
QUARTIER_FILES = ("regain", "longuepierre-beclet", "cite-10-fond-de-sains")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def apply_avenant(content: Path) -> None:
    (content / "avenants.yaml").write_text(
        "avenants:\n"
        "  - numero: 1\n"
        f"    date: {AVENANT_DATE.isoformat()}\n"
        '    deliberation: "n° 2026-014 du conseil municipal"\n'
        '    resume: "Revue annuelle : mobilité douce renforcée, objectifs recentrés."\n',
        encoding="utf-8",
    )
    referentiel = content / "referentiel.yaml"
    _replace(
        referentiel,
        '            titre: "Lutter contre le harcèlement scolaire"\n',
        '            titre: "Lutter contre le harcèlement scolaire"\n            retire_par: 1\n',
    )
    old_id, new_id = RENAMED
    _replace(
        referentiel,
        f'          - id: {old_id}\n            titre: "Lutter contre toutes les formes de violences, en particulier les violences intrafamiliales et faites aux femmes"\n',
        f'          - id: {new_id}\n            titre: "{NEW_TITLE}"\n            remplace:\n              objectif: {old_id}\n'
        '              titre: "Lutter contre toutes les formes de violences, en particulier les violences intrafamiliales et faites aux femmes"\n'
        "              avenant: 1\n",
    )
    for name in QUARTIER_FILES:
        path = content / "quartiers" / f"{name}.yaml"
        _replace(path, f"  - objectif: {old_id}\n", f"  - objectif: {new_id}\n")
    regain = content / "quartiers" / "regain.yaml"
    text = regain.read_text(encoding="utf-8")
    old_line = next(line for line in text.splitlines() if line.startswith('        texte: "Sensibiliser et promouvoir la mobilité douce'))
    signed = old_line.split('texte: "', 1)[1].rstrip('"')
    _replace(
        regain,
        old_line + "\n",
        f'        texte: "{NEW_WORDING}"\n'
        "        modifications:\n"
        "          - avenant: 1\n"
        f'            texte_precedent: "{signed}"\n'
        "      - id: ateliers-velo\n"
        '        texte: "Organiser des ateliers de réparation de vélos avec les habitants."\n'
        "        ajoutee_par: 1\n",
    )


STATUT = ("regain", "point-justice", "en cours", dt.date(2026, 4, 2))
SUIVI_DATE = dt.date(2026, 5, 11)


def apply_statut(content: Path) -> None:
    quartier, action, statut, day = STATUT
    path = content / "quartiers" / f"{quartier}.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"      - id: {action}\n")
    end = text.index("\n", text.index("        texte:", start)) + 1
    path.write_text(
        text[:end] + f"        statut: {statut}\n        statut_date: {day.isoformat()}\n"
        f'        suivi:\n          - date: {SUIVI_DATE.isoformat()}\n            texte: "Première permanence tenue."\n' + text[end:],
        encoding="utf-8",
    )
