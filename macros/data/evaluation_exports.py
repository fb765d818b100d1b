"""Open data of the yearly evaluation: the indicators of the référentiel d'impacts, one row
per value (CSV), and the bilan of each year (JSON). A commune's own site publishes them (an
agglomeration's has no bilans yet). Pure functions of the content, like the other files."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from macros.data.export_fields import BILANS_JSON_FIELDS, INDICATORS_COLUMNS
from macros.domain.convention import Convention
from macros.domain.uris import bilan_uri, objectif_uri
from macros.features import indicators
from macros.lifecycle.history import History

INDICATORS_FILE = "donnees/indicateurs.csv"
BILANS_FILE = "donnees/bilans.json"
BILANS_SCHEMA_VERSION = 1


def _decimal(value: float | None) -> str:
    if value is None:
        return ""
    return (str(int(value)) if float(value).is_integer() else repr(float(value))).replace(".", ",")


def indicators_rows(c: Convention) -> list[dict[str, str]]:
    """One row per value, in the order of the référentiel, oldest year first; an indicator
    without any value yet has one row with empty value cells."""
    rows = []
    for entry in indicators.entries(c):
        ind = entry.indicateur
        base = {
            "enjeu": entry.placement.enjeu.id,
            "objectif": entry.placement.objectif.id,
            "critere": entry.critere.id,
            "critere_libelle": entry.critere.libelle,
            "indicateur": ind.id,
            "libelle": ind.libelle,
            "unite": ind.unite,
            "sens": ind.sens,
            "source": ind.source,
            "reference_valeur": _decimal(ind.reference.valeur) if ind.reference else "",
            "reference_annee": str(ind.reference.annee) if ind.reference else "",
            "cible": _decimal(ind.cible),
        }
        values = sorted(ind.valeurs, key=lambda v: v.annee)
        if not values:
            rows.append(base)
        for v in values:
            rows.append(
                base
                | {
                    "annee": str(v.annee),
                    "territoire": v.quartier or "commune",
                    "territoire_nom": indicators.place_name(c, v),
                    "valeur": _decimal(v.valeur),
                    "valeur_source": v.source or ind.source,
                    "commentaire": v.commentaire or "",
                }
            )
    return rows


def indicators_csv(c: Convention) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(INDICATORS_COLUMNS), delimiter=";", lineterminator="\r\n", restval="")
    writer.writeheader()
    writer.writerows(indicators_rows(c))
    return buffer.getvalue().encode("utf-8-sig")


def bilans_document(c: Convention, commune_id: str, urls: Any, licence: dict, source: str) -> dict[str, Any]:
    history = History(c)
    bilans = []
    for b in history.bilans():
        bilans.append(
            {
                "annee": b.year,
                "url": urls.page(bilan_uri(b.year)),
                "actions": [
                    {
                        "quartier": ch.quartier.id,
                        "enjeu": ch.placement.enjeu.id,
                        "objectif": ch.placement.objectif.id,
                        "action": ch.action.id,
                        "texte": ch.action.texte,
                        "statut": ch.action.statut,
                        "statut_date": ch.action.statut_date.isoformat(),
                        "url": urls.action(commune_id, ch.quartier.id, ch.action.id),
                    }
                    for ch in b.statuses
                ],
                "indicateurs": [
                    {
                        "indicateur": row.entry.indicateur.id,
                        "territoire": row.valeur.quartier or "commune",
                        "valeur": row.valeur.valeur,
                        "valeur_precedente": row.previous.valeur if row.previous else None,
                        "url": urls.page(objectif_uri(row.entry.placement.objectif.id)) + f"#indicateur-{row.entry.indicateur.id}",
                    }
                    for row in b.values
                ],
                "avenants": [a.numero for a in b.avenants],
                "comites": [
                    {
                        "type": i.type,
                        "intitule": i.intitule,
                        "date": i.date.isoformat(),
                        "lieu": i.lieu,
                        "compte_rendu": i.compte_rendu,
                        "decisions": list(i.decisions),
                    }
                    for i in b.instances
                ],
            }
        )
    return {"schema_version": BILANS_SCHEMA_VERSION, "licence": licence, "source": source, "bilans": bilans}


def bilans_json(c: Convention, commune_id: str, urls: Any, licence: dict, source: str) -> bytes:
    return (json.dumps(bilans_document(c, commune_id, urls, licence, source), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def described_keys(document: Any, prefix: str = "") -> set[str]:
    """Every key path of a document, « [] » for list items (checked against BILANS_JSON_FIELDS)."""
    keys: set[str] = set()
    if isinstance(document, dict):
        for key, value in document.items():
            path = f"{prefix}.{key}" if prefix else key
            keys.add(path + "[]" if isinstance(value, list) else path)
            keys |= described_keys(value, path)
    elif isinstance(document, list):
        for item in document:
            keys |= described_keys(item, f"{prefix}[]")
    return keys


__all__ = ["BILANS_FILE", "BILANS_JSON_FIELDS", "INDICATORS_FILE", "bilans_json", "indicators_csv"]
