"""The convention as typed data: what each content file may contain.

Field names are the French keys editors write. Every model forbids unknown
keys, so a typo in a key is reported instead of silently ignored. The JSON
Schemas offered to editors' tools are generated from these classes.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints


class Unquoted:
    """How a text is written in a content file (macros/data/canonical.py): without quotes, like
    an identifier, a code or a file name. Other texts are written between double quotes.
    Validation and JSON Schemas ignore it."""


UNQUOTED = Unquoted()

Identifiant = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80),
    UNQUOTED,
    Field(
        description="Identifiant stable : minuscules, chiffres et tirets. Il fait partie des adresses publiques : ne jamais le modifier une fois publié."
    ),
]
Texte = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
Nombre = Annotated[float, Field(strict=False)]
CodeInsee = Annotated[
    str,
    StringConstraints(pattern=r"^(?:\d{5}|2[AB]\d{3})$"),
    Field(description='Code INSEE de la commune, entre guillemets (ex. "62443").'),
]
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]

STATUTS_ACTION = ("à engager", "en cours", "réalisée", "abandonnée")
StatutAction = Literal["à engager", "en cours", "réalisée", "abandonnée"]
Unite = Literal["pourcentage", "habitants", "hectares", "indice", "euros", "nombre"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- référentiel -------------------------------------------------------------


NumeroAvenant = Annotated[int, Field(ge=1, description="Numéro d'un avenant de content/avenants.yaml.")]


class Modification(Strict):
    """A change of wording after signature: by an avenant, or by a dated correction."""

    avenant: NumeroAvenant | None = None
    correction: Annotated[Texte | None, Field(description="Raison d'une correction hors avenant (erreur matérielle…) ; avec « date ».")] = (
        None
    )
    date: dt.date | None = None
    texte_precedent: Annotated[Texte, Field(description="Le texte tel qu'il était avant ce changement (le texte signé pour le premier).")]


class Remplacement(Strict):
    """An objectif renamed by an avenant: the identifier and title it replaces."""

    objectif: Identifiant
    titre: Texte
    avenant: NumeroAvenant


class Objectif(Strict):
    id: Identifiant
    titre: Texte
    ajoute_par: NumeroAvenant | None = None
    retire_par: NumeroAvenant | None = None
    remplace: Remplacement | None = None
    modifications: list[Modification] = []


class Orientation(Strict):
    id: Identifiant
    titre: Texte
    objectifs: Annotated[list[Objectif], Field(min_length=1)]


class Enjeu(Strict):
    id: Identifiant
    numero: Annotated[int, Field(ge=1)]
    titre: Texte
    orientations: Annotated[list[Orientation], Field(min_length=1)]


class Indicateur(Strict):
    id: Identifiant
    libelle: Texte
    unite: Unite
    definition: Texte | None = None


class Referentiel(Strict):
    enjeux: Annotated[list[Enjeu], Field(min_length=1)]
    indicateurs: list[Indicateur] = []


# --- quartier ----------------------------------------------------------------


class CodeQuartier(Strict):
    code: Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]{6,10}$"), UNQUOTED]
    liste: Annotated[str, Field(description='Année de la liste nationale, entre guillemets (ex. "2024").')]
    fiche: Url | None = None


class Commune(Strict):
    nom: Texte
    insee: CodeInsee


class Valeur(Strict):
    indicateur: Identifiant
    valeur: Nombre
    environ: StrictBool = False
    commentaire: Texte | None = None


class Releve(Strict):
    """The figures of one year from one source: a quartier keeps one relevé per year (or per source)."""

    annee: Annotated[int, Field(ge=1990, le=2100, description="Année des chiffres (ex. 2024).")]
    source: Annotated[
        Texte, Field(description="Source telle que le document la nomme (ex. « Données 2024 de la Préfecture du Pas-de-Calais »).")
    ]
    valeurs: list[Valeur] = []


class Point(Strict):
    texte: Texte
    sous_points: list[Texte] = []


class EnjeuxPrioritaires(Strict):
    texte: Texte | None = None
    points: list[Point] = []


class Suivi(Strict):
    date: dt.date
    texte: Texte


class Mesure(Strict):
    annee: Annotated[int, Field(ge=2000, le=2100)]
    valeur: Nombre


class IndicateurSuivi(Strict):
    libelle: Texte
    unite: Texte | None = None
    cible: Nombre | None = None
    mesures: list[Mesure] = []


class Restauration(Strict):
    """An action whose text the scan does not give, restored from another passage."""

    raison: Texte
    note: Annotated[int, Field(ge=1, description="Ligne de la note de content/corrections.yaml qui explique la restauration.")]


class Action(Strict):
    id: Identifiant
    texte: Texte
    statut: StatutAction | None = None
    statut_date: Annotated[dt.date | None, Field(description="Date à laquelle le statut a été constaté.")] = None
    restauree: Restauration | None = None
    ajoutee_par: NumeroAvenant | None = None
    retiree_par: NumeroAvenant | None = None
    modifications: list[Modification] = []
    suivi: list[Suivi] = []
    indicateurs: list[IndicateurSuivi] = []


class ObjectifPoursuivi(Strict):
    objectif: Identifiant
    actions: list[Action] = []


class Perimetre(Strict):
    fichier: Annotated[str, StringConstraints(pattern=r"^[\w.-]+\.geojson$"), UNQUOTED]
    nature: Literal["indicatif", "officiel"]
    source: Texte
    description: Texte | None = None
    surface_ha: Nombre | None = None


class Quartier(Strict):
    id: Identifiant
    nom: Texte
    titre: Texte
    ordre: int = 100
    statut: Literal["QPV", "QIC", "QVA"]
    statut_libelle: Texte
    codes: list[CodeQuartier] = []
    code_document: Texte | None = None
    communes: Annotated[list[Commune], Field(min_length=1)]
    perimetre: Perimetre | None = None
    portrait: Annotated[list[Releve], Field(description="Chiffres du quartier : un relevé par année et par source.")] = []
    irritants: list[Texte] = []
    opportunites: list[Texte] = []
    enjeux_prioritaires: EnjeuxPrioritaires | None = None
    objectifs: list[ObjectifPoursuivi] = []


class ChiffresAgglomeration(Strict):
    """The agglomeration's reference figures, given once per year and source for every page."""

    portrait: Annotated[list[Releve], Field(description="Chiffres de l'agglomération : un relevé par année et par source.")] = []


# --- contrat, pages, glossaire, corrections ------------------------------------


class Collectivite(Strict):
    nom: Texte
    insee: CodeInsee | None = None
    nom_complet: Texte | None = None
    departement: Texte | None = None


class Agglomeration(Strict):
    nom: Texte
    sigle: Texte | None = None


class Periode(Strict):
    debut: int
    fin: int


class Signature(Strict):
    lieu: Texte
    date: dt.date


class Publication(Strict):
    editeur: Texte
    adresse: Texte | None = None
    directeur_publication: Texte
    contact: Texte | None = None
    hebergeur: Texte | None = None
    url: Url | None = None


class Accessibilite(Strict):
    statut: Literal["non conforme", "partiellement conforme", "totalement conforme"]
    date_declaration: dt.date
    taux_conformite: Annotated[float, Field(ge=0, le=100)] | None = None
    contact: Texte | None = None


class DocumentSigne(Strict):
    """Where the signed document itself can be read (a PDF on the commune's site)."""

    url: Annotated[Url, Field(description="Adresse publique du document signé (https://…), par exemple son PDF sur le site de la commune.")]
    libelle: Annotated[
        Texte | None, Field(description="Texte du lien ; sans lui : « La convention signée ». Ex. « La convention signée (PDF) ».")
    ] = None
    taille: Annotated[Texte | None, Field(description="Format et poids du fichier, affichés après le lien : « PDF, 2,4 Mo ».")] = None


class Edition(Strict):
    """Where the form editor (admin/) saves: a GitLab project, reached with the staff's own GitLab account."""

    gitlab: Annotated[Url, Field(description="Adresse de l'instance GitLab (ex. https://gitlab.com).")]
    depot: Annotated[Texte, Field(description="Le projet GitLab du site : « groupe/projet ».")]
    application: Annotated[
        Texte, Field(description="Identifiant (Application ID) de l'application GitLab créée pour l'éditeur, sans secret (PKCE).")
    ]
    branche: Annotated[Texte, Field(description="Branche publiée (ex. main).")] = "main"


class Contrat(Strict):
    titre: Texte
    sous_titre: Texte
    commune: Collectivite
    agglomeration: Agglomeration
    periode: Periode
    signature: Signature
    publication: Publication
    accessibilite: Accessibilite
    # how the published text was obtained from the signed document, when that matters to readers
    # (character recognition): said in the accessibility statement and the transcription notes
    transcription: Texte | None = None
    # the signed document, linked from the home page, the printable version, the notes and the legal notices
    document_signe: DocumentSigne | None = None
    mise_a_jour: Annotated[
        dt.date | None,
        Field(description="Ancien champ, facultatif : les dates de mise à jour sont désormais calculées à partir du contenu."),
    ] = None
    edition: Annotated[Edition | None, Field(description="Éditeur de formulaires en ligne (admin/) : le dépôt GitLab du site.")] = None


class PageMeta(Strict):
    titre: Texte
    ordre: int
    signature: Texte | None = None
    fait_a: Annotated[
        StrictBool,
        Field(description="true : la page se termine par « Fait à <lieu>, le <date>. », lieu et date de signature de contrat.yaml."),
    ] = False
    description: Texte | None = None


class Terme(Strict):
    terme: Texte
    developpe: Texte | None = None
    definition: Texte


class Glossaire(Strict):
    termes: list[Terme]


class Correction(Strict):
    ligne: Annotated[int, Field(ge=1)]
    fichier: Annotated[Texte, UNQUOTED]  # a path in the content folder
    nature: Literal["reparation_ocr", "coquille_document", "incoherence_document", "interpretation"]
    source: Texte
    retenu: Texte
    explication: Texte


class Corrections(Strict):
    corrections: list[Correction]


class Avenant(Strict):
    numero: NumeroAvenant
    date: dt.date
    deliberation: Texte
    resume: Texte


class Avenants(Strict):
    avenants: list[Avenant]


# --- agglomeration.yaml (dossier d'agglomération) -------------------------------


class ContratCadre(Strict):
    titre: Texte
    date_signature: dt.date | None = None
    periode: Periode | None = None


class AgglomerationFile(Strict):
    """agglomeration.yaml: the intercommunalité whose contrat de ville frames the communes' conventions."""

    nom: Texte
    sigle: Texte | None = None
    contrat_cadre: ContratCadre
    publication: Publication
    edition: Annotated[Edition | None, Field(description="Éditeur de formulaires en ligne (admin/) : le dépôt GitLab du site.")] = None


# --- evaluation.yaml (référentiel d'impacts) -----------------------------------

Annee = Annotated[int, Field(ge=1990, le=2100, description="Année (ex. 2025).")]


class ValeurDeReference(Strict):
    valeur: Nombre
    annee: Annee


class ValeurMesuree(Strict):
    """One measured value of an indicator: one year, one quartier (or the whole commune)."""

    annee: Annee
    valeur: Nombre
    quartier: Annotated[
        Identifiant | None, Field(description="Identifiant du quartier mesuré ; sans quartier, la valeur est celle de la commune.")
    ] = None
    source: Annotated[Texte | None, Field(description="Source de cette valeur, si elle diffère de celle de l'indicateur.")] = None
    commentaire: Texte | None = None


class IndicateurImpact(Strict):
    id: Identifiant
    libelle: Texte
    unite: Unite
    sens: Annotated[Literal["hausse", "baisse"], Field(description="Évolution souhaitée : hausse ou baisse.")]
    source: Texte
    definition: Texte | None = None
    reference: ValeurDeReference | None = None
    cible: Annotated[Nombre | None, Field(description="Valeur visée à la fin de la convention.")] = None
    valeurs: list[ValeurMesuree] = []


class Critere(Strict):
    id: Identifiant
    libelle: Texte
    indicateurs: list[IndicateurImpact] = []


class EvaluationObjectif(Strict):
    objectif: Annotated[Identifiant, Field(description="Identifiant d'un objectif de referentiel.yaml.")]
    criteres: Annotated[list[Critere], Field(min_length=1)]


class Evaluation(Strict):
    """evaluation.yaml: the référentiel d'impacts, criteria and indicators per objectif."""

    adopte_le: Annotated[dt.date | None, Field(description="Date d'adoption du référentiel d'impacts (comité de pilotage).")] = None
    presentation: Annotated[Texte | None, Field(description="Quelques phrases affichées en tête de la page.")] = None
    objectifs: list[EvaluationObjectif] = []


# --- instances.yaml (comités) ------------------------------------------------------


class Instance(Strict):
    type: Literal["comité de pilotage", "comité de cohésion sociale", "comité technique", "autre"]
    date: dt.date
    intitule: Annotated[Texte | None, Field(description="Nom de la réunion si le type est « autre » ou pour préciser.")] = None
    lieu: Texte | None = None
    compte_rendu: Annotated[Url | None, Field(description="Adresse du compte rendu publié (https://…).")] = None
    decisions: Annotated[list[Texte], Field(description="Les décisions, une par ligne, en quelques mots.")] = []


class Instances(Strict):
    """instances.yaml: the comités held, with their decisions."""

    instances: list[Instance] = []


# The kinds of YAML file, with the schema file name each one references.
FILE_KINDS: dict[str, type[Strict]] = {
    "contrat": Contrat,
    "referentiel": Referentiel,
    "quartier": Quartier,
    "glossaire": Glossaire,
    "corrections": Corrections,
    "avenants": Avenants,
    "page": PageMeta,
    "chiffres-agglomeration": ChiffresAgglomeration,
    "agglomeration": AgglomerationFile,
    "evaluation": Evaluation,
    "instances": Instances,
}
