"""Small hand-made conventions for unit tests of what reads the model (stats, portrait, charts)."""

from __future__ import annotations

from macros.domain.convention import Convention
from macros.domain.model import Contrat, Quartier, Referentiel, Releve

CONTRAT = {
    "titre": "Contrat de ville",
    "sous_titre": "Convention d'application communale",
    "commune": {"nom": "Villeneuve"},
    "agglomeration": {"nom": "Communauté d'agglomération du Val", "sigle": "CAV"},
    "periode": {"debut": 2024, "fin": 2030},
    "signature": {"lieu": "Villeneuve", "date": "2024-07-01"},
    "publication": {"editeur": "Commune de Villeneuve", "directeur_publication": "Le maire"},
    "accessibilite": {"statut": "non conforme", "date_declaration": "2024-07-01"},
    "mise_a_jour": "2024-07-01",
}

INDICATEURS = [
    {"id": "population", "libelle": "Population", "unite": "habitants"},
    {"id": "chomage", "libelle": "Taux de chômage", "unite": "pourcentage"},
    {"id": "ips", "libelle": "IPS", "unite": "indice", "definition": "Indice de positionnement social"},
    {"id": "jeunes", "libelle": "Part des jeunes", "unite": "pourcentage"},
]


def quartier(quartier_id: str, nom: str, portrait: list[dict] | None = None) -> dict:
    data = {
        "id": quartier_id,
        "nom": nom,
        "titre": f"Quartier {nom}",
        "statut": "QPV",
        "statut_libelle": "Quartier prioritaire",
        "communes": [{"nom": "Villeneuve", "insee": "99001"}],
    }
    if portrait is not None:
        data["portrait"] = portrait
    return data


def convention(*quartiers: dict, indicateurs: list[dict] | None = None, agglomeration: list[dict] | None = None) -> Convention:
    referentiel = {
        "enjeux": [
            {
                "id": "e",
                "numero": 1,
                "titre": "Enjeu",
                "orientations": [{"id": "o", "titre": "Orientation", "objectifs": [{"id": "ob", "titre": "Objectif"}]}],
            }
        ],
        "indicateurs": INDICATEURS if indicateurs is None else indicateurs,
    }
    return Convention(
        contrat=Contrat.model_validate(CONTRAT),
        referentiel=Referentiel.model_validate(referentiel),
        quartiers=[Quartier.model_validate(q) for q in quartiers],
        chiffres_reference=[Releve.model_validate(r) for r in (AGGLOMERATION if agglomeration is None else agglomeration)],
    )


NORD = quartier(
    "nord",
    "Le Nord",
    [
        {
            "annee": 2020,
            "source": "Insee 2020, « filosofi »",
            "valeurs": [
                {"indicateur": "chomage", "valeur": 20.5},
                {"indicateur": "population", "valeur": 1500, "environ": True, "commentaire": "stable"},
                {"indicateur": "ips", "valeur": 90},
            ],
        }
    ],
)
SUD = quartier(
    "sud",
    "Sud <b>gras</b>",
    [
        {
            "annee": 2021,
            "source": "Observatoire local",
            "valeurs": [
                {"indicateur": "chomage", "valeur": 15},
                {"indicateur": "population", "valeur": 800},
            ],
        }
    ],
)
EST = quartier("est", "L'Est")  # no portrait at all
# The agglomeration's reference figures, once per year and source (chiffres-agglomeration.yaml).
AGGLOMERATION = [
    {
        "annee": 2020,
        "source": "Insee 2020, « filosofi »",
        "valeurs": [
            {"indicateur": "chomage", "valeur": 12.5},
            {"indicateur": "ips", "valeur": 100, "commentaire": "collèges"},
        ],
    },
    {"annee": 2021, "source": "Observatoire local", "valeurs": [{"indicateur": "chomage", "valeur": 13}]},
]
