"""What each key of convention.json means, for the Données page.

Paths use « [] » for list items. tests/test_exports.py fails when the JSON
holds a key described nowhere here: a new content field must be documented
for reusers before it is published.
"""

from __future__ import annotations

_ACTION = "quartiers[].objectifs[].actions[]"

JSON_FIELDS: dict[str, str] = {
    # top level
    "schema_version": "Version du format de ce fichier ; elle change si une clé est renommée, supprimée ou change de sens (l'ajout d'une clé ne la change pas).",
    "mise_a_jour": "Date (AAAA-MM-JJ) du changement le plus récent du contenu (signature, avenant, statut, point de suivi), calculée à partir du contenu.",
    "avenants[]": "Avenants à la convention, par numéro.",
    "avenants[].numero": "Numéro de l'avenant.",
    "avenants[].date": "Date de l'avenant (AAAA-MM-JJ).",
    "avenants[].deliberation": "Référence de la délibération qui l'approuve.",
    "avenants[].resume": "Ce que l'avenant change, en une phrase.",
    "licence": "Licence de réutilisation.",
    "licence.nom": "Nom de la licence.",
    "licence.url": "Texte de la licence.",
    "source": "Adresse du site d'où proviennent les données.",
    # contrat
    "contrat": "Informations générales de la convention.",
    "contrat.titre": "Titre du contrat de ville.",
    "contrat.sous_titre": "Nature du document.",
    "contrat.commune": "Commune signataire.",
    "contrat.commune.nom": "Nom de la commune.",
    "contrat.commune.insee": "Code INSEE de la commune.",
    "contrat.commune.nom_complet": "Nom complet de la collectivité.",
    "contrat.commune.departement": "Département.",
    "contrat.agglomeration": "Intercommunalité porteuse du contrat de ville.",
    "contrat.agglomeration.nom": "Nom de l'intercommunalité.",
    "contrat.agglomeration.sigle": "Sigle de l'intercommunalité.",
    "contrat.periode": "Période couverte par la convention.",
    "contrat.periode.debut": "Première année.",
    "contrat.periode.fin": "Dernière année.",
    "contrat.signature": "Signature de la convention.",
    "contrat.signature.lieu": "Lieu de signature.",
    "contrat.signature.date": "Date de signature (AAAA-MM-JJ).",
    "contrat.publication": "Responsables de la publication du site.",
    "contrat.publication.editeur": "Éditeur du site.",
    "contrat.publication.adresse": "Adresse de l'éditeur.",
    "contrat.publication.directeur_publication": "Directeur ou directrice de la publication.",
    "contrat.publication.contact": "Contact de l'éditeur.",
    "contrat.publication.hebergeur": "Hébergeur du site.",
    "contrat.publication.url": "Adresse publique de ce site.",
    "contrat.accessibilite": "Déclaration d'accessibilité du site.",
    "contrat.accessibilite.statut": "État de conformité au RGAA.",
    "contrat.accessibilite.date_declaration": "Date de la déclaration (AAAA-MM-JJ).",
    "contrat.accessibilite.taux_conformite": "Taux de conformité mesuré, en pourcentage.",
    "contrat.accessibilite.contact": "Contact pour signaler un défaut d'accessibilité.",
    "contrat.transcription": "Comment le texte publié a été obtenu du document signé (null si rien n'est à signaler).",
    "contrat.document_signe": "Le document signé tel que la commune le publie (null si son adresse n'est pas donnée).",
    "contrat.document_signe.url": "Adresse du document signé.",
    "contrat.document_signe.libelle": "Intitulé du lien vers le document signé.",
    "contrat.document_signe.taille": "Taille du fichier, telle que la commune l'indique (ex. « PDF, 4,2 Mo »).",
    "contrat.mise_a_jour": "Ancien champ, facultatif (null) : voir « mise_a_jour », calculée.",
    # référentiel
    "referentiel": "Référentiel commun : enjeux, orientations stratégiques, objectifs opérationnels et indicateurs.",
    "referentiel.enjeux[]": "Enjeux, dans l'ordre de la convention.",
    "referentiel.enjeux[].id": "Identifiant stable de l'enjeu.",
    "referentiel.enjeux[].numero": "Numéro de l'enjeu.",
    "referentiel.enjeux[].titre": "Intitulé de l'enjeu.",
    "referentiel.enjeux[].url": "Adresse de la page de l'enjeu.",
    "referentiel.enjeux[].orientations[]": "Orientations stratégiques de l'enjeu.",
    "referentiel.enjeux[].orientations[].id": "Identifiant stable de l'orientation.",
    "referentiel.enjeux[].orientations[].titre": "Intitulé de l'orientation.",
    "referentiel.enjeux[].orientations[].url": "Adresse de la page de l'orientation.",
    "referentiel.enjeux[].orientations[].objectifs[]": "Objectifs opérationnels de l'orientation.",
    "referentiel.enjeux[].orientations[].objectifs[].id": "Identifiant stable de l'objectif.",
    "referentiel.enjeux[].orientations[].objectifs[].titre": "Intitulé de l'objectif.",
    "referentiel.enjeux[].orientations[].objectifs[].url": "Adresse de la page de l'objectif.",
    "referentiel.enjeux[].orientations[].objectifs[].ajoute_par": "Numéro de l'avenant qui a ajouté l'objectif ; null : objectif du texte signé.",
    "referentiel.enjeux[].orientations[].objectifs[].retire_par": "Numéro de l'avenant qui a retiré l'objectif ; null : objectif en vigueur.",
    "referentiel.enjeux[].orientations[].objectifs[].remplace": "Objectif que celui-ci remplace (renommé par un avenant) ; null sinon.",
    "referentiel.enjeux[].orientations[].objectifs[].remplace.objectif": "Ancien identifiant ; son ancienne adresse mène à la page de l'objectif.",
    "referentiel.enjeux[].orientations[].objectifs[].remplace.titre": "Intitulé signé de l'ancien objectif.",
    "referentiel.enjeux[].orientations[].objectifs[].remplace.avenant": "Numéro de l'avenant qui l'a renommé.",
    "referentiel.enjeux[].orientations[].objectifs[].modifications[]": "Changements d'intitulé après la signature, du plus ancien au plus récent.",
    "referentiel.enjeux[].orientations[].objectifs[].modifications[].avenant": "Numéro de l'avenant à l'origine du changement ; null pour une correction.",
    "referentiel.enjeux[].orientations[].objectifs[].modifications[].correction": "Raison d'une correction hors avenant ; null sinon.",
    "referentiel.enjeux[].orientations[].objectifs[].modifications[].date": "Date d'une correction hors avenant (AAAA-MM-JJ).",
    "referentiel.enjeux[].orientations[].objectifs[].modifications[].texte_precedent": "Intitulé avant ce changement (le texte signé pour le premier).",
    "referentiel.indicateurs[]": "Indicateurs du portrait statistique des quartiers.",
    "referentiel.indicateurs[].id": "Identifiant de l'indicateur.",
    "referentiel.indicateurs[].libelle": "Libellé de l'indicateur.",
    "referentiel.indicateurs[].unite": "Unité : pourcentage, habitants, hectares, indice, euros ou nombre.",
    "referentiel.indicateurs[].definition": "Définition de l'indicateur.",
    # quartiers
    "quartiers[]": "Quartiers de la convention, dans l'ordre du document.",
    "quartiers[].id": "Identifiant stable du quartier.",
    "quartiers[].nom": "Nom du quartier.",
    "quartiers[].titre": "Titre du projet de quartier.",
    "quartiers[].ordre": "Rang du quartier dans le document.",
    "quartiers[].statut": "QPV (quartier prioritaire), QIC (quartier d'intérêt communautaire) ou QVA (quartier de veille active).",
    "quartiers[].statut_libelle": "Statut en toutes lettres.",
    "quartiers[].codes[]": "Codes nationaux du quartier.",
    "quartiers[].codes[].code": "Code du quartier.",
    "quartiers[].codes[].liste": "Année de la liste nationale où figure ce code.",
    "quartiers[].codes[].fiche": "Adresse de la fiche officielle du quartier.",
    "quartiers[].code_document": "Code tel qu'écrit dans la convention signée.",
    "quartiers[].communes[]": "Communes sur lesquelles s'étend le quartier.",
    "quartiers[].communes[].nom": "Nom de la commune.",
    "quartiers[].communes[].insee": "Code INSEE de la commune.",
    "quartiers[].perimetre": "Périmètre cartographié (null s'il n'est pas encore publié) ; le tracé est dans perimetres.geojson.",
    "quartiers[].perimetre.fichier": "Nom du fichier de contenu du tracé.",
    "quartiers[].perimetre.nature": "« officiel » ou « indicatif ».",
    "quartiers[].perimetre.source": "Origine du tracé.",
    "quartiers[].perimetre.description": "Précisions sur le tracé.",
    "quartiers[].perimetre.surface_ha": "Surface en hectares.",
    "quartiers[].portrait[]": "Portrait statistique du quartier : un relevé par année et par source, le plus ancien d'abord (chaque chiffre aussi dans statistiques.csv).",
    "quartiers[].portrait[].annee": "Année des chiffres du relevé.",
    "quartiers[].portrait[].source": "Source des chiffres, telle que la convention la nomme.",
    "quartiers[].portrait[].valeurs[]": "Valeurs des indicateurs pour cette année.",
    "quartiers[].portrait[].valeurs[].indicateur": "Identifiant de l'indicateur (voir referentiel.indicateurs).",
    "quartiers[].portrait[].valeurs[].valeur": "Valeur pour le quartier.",
    "quartiers[].portrait[].valeurs[].environ": "Vrai si la valeur est approximative.",
    "quartiers[].portrait[].valeurs[].commentaire": "Commentaire sur la valeur.",
    "quartiers[].irritants[]": "Principales problématiques à traiter sur le quartier.",
    "quartiers[].opportunites[]": "Atouts et ressources du quartier.",
    "quartiers[].enjeux_prioritaires": "Enjeux prioritaires de la commune sur le quartier.",
    "quartiers[].enjeux_prioritaires.texte": "Texte d'introduction.",
    "quartiers[].enjeux_prioritaires.points[]": "Enjeux prioritaires listés.",
    "quartiers[].enjeux_prioritaires.points[].texte": "Texte de l'enjeu prioritaire.",
    "quartiers[].enjeux_prioritaires.points[].sous_points[]": "Précisions.",
    "quartiers[].url": "Adresse de la page du quartier.",
    "quartiers[].mise_a_jour": "Date (AAAA-MM-JJ) du changement le plus récent de ce que montre la page du quartier.",
    "quartiers[].objectifs[]": "Objectifs opérationnels poursuivis sur le quartier.",
    "quartiers[].objectifs[].objectif": "Identifiant de l'objectif (voir referentiel).",
    "quartiers[].objectifs[].url": "Adresse de la page de l'objectif.",
    # actions: the référentiel d'impacts
    f"{_ACTION}": "Actions prévues pour cet objectif dans ce quartier.",
    f"{_ACTION}.id": "Identifiant stable de l'action, unique dans son quartier.",
    f"{_ACTION}.texte": "Texte de l'action.",
    f"{_ACTION}.statut": "Avancement : « à engager », « en cours », « réalisée », « abandonnée » ; null : non renseigné.",
    f"{_ACTION}.statut_date": "Date (AAAA-MM-JJ) à laquelle le statut a été constaté ; null si elle n'est pas connue.",
    f"{_ACTION}.restauree": "Action restaurée : son texte, illisible dans le document numérisé, est repris d'un autre passage ; null sinon.",
    f"{_ACTION}.restauree.raison": "Pourquoi et d'où le texte est repris.",
    f"{_ACTION}.restauree.note": "Ligne de la note de transcription qui l'explique.",
    f"{_ACTION}.ajoutee_par": "Numéro de l'avenant qui a ajouté l'action ; null : action du texte signé.",
    f"{_ACTION}.retiree_par": "Numéro de l'avenant qui a retiré l'action ; null : action en vigueur.",
    f"{_ACTION}.modifications[]": "Changements du texte après la signature, du plus ancien au plus récent.",
    f"{_ACTION}.modifications[].avenant": "Numéro de l'avenant à l'origine du changement ; null pour une correction.",
    f"{_ACTION}.modifications[].correction": "Raison d'une correction hors avenant ; null sinon.",
    f"{_ACTION}.modifications[].date": "Date d'une correction hors avenant (AAAA-MM-JJ).",
    f"{_ACTION}.modifications[].texte_precedent": "Texte avant ce changement (le texte signé pour le premier).",
    f"{_ACTION}.provenance": "D'où vient le texte, en toutes lettres : « texte signé », « restaurée », « ajoutée par l'avenant n° … du … »…",
    f"{_ACTION}.suivi[]": "Points de suivi datés.",
    f"{_ACTION}.suivi[].date": "Date du point de suivi (AAAA-MM-JJ).",
    f"{_ACTION}.suivi[].texte": "Ce qui a été fait ou constaté.",
    f"{_ACTION}.indicateurs[]": "Indicateurs d'évaluation de l'action.",
    f"{_ACTION}.indicateurs[].libelle": "Libellé de l'indicateur.",
    f"{_ACTION}.indicateurs[].unite": "Unité des valeurs.",
    f"{_ACTION}.indicateurs[].cible": "Valeur visée.",
    f"{_ACTION}.indicateurs[].mesures[]": "Valeurs mesurées, une par année.",
    f"{_ACTION}.indicateurs[].mesures[].annee": "Année de la mesure.",
    f"{_ACTION}.indicateurs[].mesures[].valeur": "Valeur mesurée.",
    f"{_ACTION}.url": "Adresse de l'action dans la page de son quartier.",
    # the agglomeration's reference figures
    "chiffres_agglomeration[]": "Chiffres de référence de l'ensemble de l'agglomération, donnés une fois par année et par source, le plus ancien d'abord ; les pages du site les comparent aux chiffres des quartiers de la même année.",
    "chiffres_agglomeration[].annee": "Année des chiffres du relevé.",
    "chiffres_agglomeration[].source": "Source des chiffres, telle que la convention la nomme.",
    "chiffres_agglomeration[].valeurs[]": "Valeurs des indicateurs pour cette année.",
    "chiffres_agglomeration[].valeurs[].indicateur": "Identifiant de l'indicateur (voir referentiel.indicateurs).",
    "chiffres_agglomeration[].valeurs[].valeur": "Valeur pour l'agglomération.",
    "chiffres_agglomeration[].valeurs[].environ": "Vrai si la valeur est approximative.",
    "chiffres_agglomeration[].valeurs[].commentaire": "Précision sur la valeur (par exemple ce qu'elle couvre).",
}

# Sections of the table on the Données page: (title, path prefix).
JSON_GROUPS: list[tuple[str, str]] = [
    ("En-tête du fichier", ""),
    ("Avenants", "avenants[]"),
    ("Contrat", "contrat"),
    ("Référentiel", "referentiel"),
    ("Quartiers", "quartiers[]"),
    ("Actions", _ACTION),
    ("Chiffres de l'agglomération", "chiffres_agglomeration[]"),
]


def grouped(fields: dict[str, str] | None = None, groups_: list[tuple[str, str]] | None = None) -> list[tuple[str, list[tuple[str, str]]]]:
    """JSON_FIELDS (or the agglomeration's) split into their groups; each path goes to its longest matching prefix."""
    fields = JSON_FIELDS if fields is None else fields
    sections = JSON_GROUPS if groups_ is None else groups_
    groups: dict[str, list[tuple[str, str]]] = {prefix: [] for _, prefix in sections}
    for path, description in fields.items():
        prefix = max(
            (p for _, p in sections if p and (path == p or path.startswith(p + ".") or path.startswith(p + "["))), key=len, default=""
        )
        groups[prefix].append((path, description))
    return [(title, groups[prefix]) for title, prefix in sections]


# --- the agglomeration's convention.json ------------------------------------------------
# The same descriptions, moved: a commune's contrat and avenants under communes[], what each
# commune's convention says of a quartier under quartiers[].engagements[].

ENGAGEMENT = "quartiers[].engagements[]"


def _moved(old: str, new: str) -> dict[str, str]:
    return {
        new + path[len(old) :]: text
        for path, text in JSON_FIELDS.items()
        if path == old or path.startswith(old + ".") or path.startswith(old + "[")
    }


_PUBLICATION = {
    path.replace("contrat.publication", "agglomeration.publication"): text.replace("ce site", "le site de l'agglomération")
    for path, text in _moved("contrat.publication", "contrat.publication").items()
}
_QUARTIER_OWN = {path: text for path, text in _moved("quartiers[]", ENGAGEMENT).items() if path != ENGAGEMENT}

AGGLOMERATION_JSON_FIELDS: dict[str, str] = {
    "schema_version": JSON_FIELDS["schema_version"],
    "mise_a_jour": "Date (AAAA-MM-JJ) du changement le plus récent du contenu de toutes les communes (signatures, avenants, statuts, points de suivi), calculée à partir du contenu.",
    "licence": JSON_FIELDS["licence"],
    "licence.nom": JSON_FIELDS["licence.nom"],
    "licence.url": JSON_FIELDS["licence.url"],
    "source": JSON_FIELDS["source"],
    "agglomeration": "L'intercommunalité dont le contrat de ville encadre les conventions des communes.",
    "agglomeration.nom": "Nom de l'intercommunalité.",
    "agglomeration.sigle": "Sigle de l'intercommunalité ; null s'il n'y en a pas.",
    "agglomeration.contrat_cadre": "Le contrat de ville de l'agglomération.",
    "agglomeration.contrat_cadre.titre": "Titre du contrat de ville.",
    "agglomeration.contrat_cadre.date_signature": "Date de signature du contrat de ville (AAAA-MM-JJ) ; null si elle n'est pas connue.",
    "agglomeration.contrat_cadre.periode": "Période couverte par le contrat de ville.",
    "agglomeration.contrat_cadre.periode.debut": "Première année.",
    "agglomeration.contrat_cadre.periode.fin": "Dernière année.",
    **_PUBLICATION,
    **{path: text for path, text in JSON_FIELDS.items() if path.startswith("referentiel")},
    "communes[]": "Communes signataires d'une convention d'application, par identifiant.",
    "communes[].id": "Identifiant stable de la commune (figure dans les adresses de ses pages et de ses actions).",
    "communes[].nom": "Nom de la commune.",
    "communes[].url": "Adresse de la page de la convention de la commune.",
    "communes[].mise_a_jour": "Date (AAAA-MM-JJ) du changement le plus récent de la convention de la commune.",
    **_moved("contrat", "communes[].contrat"),
    **_moved("avenants[]", "communes[].avenants[]"),
    "quartiers[]": "Quartiers de l'agglomération, chacun une fois (même s'il s'étend sur plusieurs communes), par nom.",
    "quartiers[].id": "Identifiant stable du quartier.",
    "quartiers[].nom": "Nom du quartier.",
    "quartiers[].statut": JSON_FIELDS["quartiers[].statut"],
    "quartiers[].url": "Adresse de la page du quartier (ce que chaque convention y engage).",
    ENGAGEMENT: "Ce que la convention de chaque commune dit du quartier et y engage : une entrée par commune, par identifiant de commune.",
    f"{ENGAGEMENT}.commune": "Identifiant de la commune dont la convention prend ces engagements (voir communes[]).",
    **_QUARTIER_OWN,
    f"{ENGAGEMENT}.objectifs[].actions[].url": "Adresse de l'action dans la page de son quartier (l'ancre nomme la commune).",
    **{path: text for path, text in JSON_FIELDS.items() if path.startswith("chiffres_agglomeration")},
}

AGGLOMERATION_JSON_GROUPS: list[tuple[str, str]] = [
    ("En-tête du fichier", ""),
    ("Agglomération", "agglomeration"),
    ("Communes", "communes[]"),
    ("Contrat de chaque commune", "communes[].contrat"),
    ("Avenants de chaque commune", "communes[].avenants[]"),
    ("Référentiel", "referentiel"),
    ("Quartiers", "quartiers[]"),
    ("Engagements de chaque commune sur le quartier", ENGAGEMENT),
    ("Actions", f"{ENGAGEMENT}.objectifs[].actions[]"),
    ("Chiffres de l'agglomération", "chiffres_agglomeration[]"),
]


def agglomeration_grouped() -> list[tuple[str, list[tuple[str, str]]]]:
    return grouped(AGGLOMERATION_JSON_FIELDS, AGGLOMERATION_JSON_GROUPS)


def json_paths(value, prefix: str = "") -> set[str]:
    """Every key path of a JSON document, list items written « [] »."""
    paths: set[str] = set()
    if isinstance(value, dict):
        for key, child in value.items():
            path = f"{prefix}.{key}" if prefix else key
            if isinstance(child, list):
                path += "[]"
            paths.add(path)
            paths |= json_paths(child, path)
    elif isinstance(value, list):
        for item in value:
            paths |= json_paths(item, prefix)
    return paths


# --- the yearly evaluation (a commune's own site) ---------------------------------------

INDICATORS_COLUMNS: dict[str, str] = {
    "enjeu": "Identifiant de l'enjeu de l'objectif.",
    "objectif": "Identifiant de l'objectif opérationnel que l'indicateur mesure.",
    "critere": "Identifiant du critère d'évaluation.",
    "critere_libelle": "Le critère d'évaluation en toutes lettres.",
    "indicateur": "Identifiant stable de l'indicateur.",
    "libelle": "Ce que l'indicateur mesure.",
    "unite": "Unité : pourcentage, habitants, hectares, indice, euros ou nombre.",
    "sens": "Évolution souhaitée : hausse ou baisse.",
    "source": "Source de l'indicateur.",
    "reference_valeur": "Valeur de référence (virgule décimale), vide si elle n'est pas fixée.",
    "reference_annee": "Année de la valeur de référence.",
    "cible": "Valeur visée (virgule décimale), vide si elle n'est pas fixée.",
    "annee": "Année de la valeur mesurée (vide : aucune valeur encore).",
    "territoire": "Identifiant du quartier mesuré, ou « commune » pour toute la commune.",
    "territoire_nom": "Nom du quartier ou de la commune.",
    "valeur": "Valeur mesurée (virgule décimale).",
    "valeur_source": "Source de cette valeur.",
    "commentaire": "Précision sur la valeur, s'il y en a une.",
}

BILANS_JSON_FIELDS: dict[str, str] = {
    "schema_version": "Version du format de ce fichier.",
    "licence": "Licence de réutilisation.",
    "licence.nom": "Nom de la licence.",
    "licence.url": "Texte de la licence.",
    "source": "Adresse du site d'où proviennent les données.",
    "bilans[]": "Un bilan par année, de l'année de signature à celle du contenu daté le plus récent.",
    "bilans[].annee": "Année du bilan.",
    "bilans[].url": "Adresse de la page du bilan.",
    "bilans[].actions[]": "Actions dont l'avancement a été constaté cette année-là (date du statut).",
    "bilans[].actions[].quartier": "Identifiant du quartier.",
    "bilans[].actions[].enjeu": "Identifiant de l'enjeu.",
    "bilans[].actions[].objectif": "Identifiant de l'objectif.",
    "bilans[].actions[].action": "Identifiant de l'action.",
    "bilans[].actions[].texte": "Texte de l'action.",
    "bilans[].actions[].statut": "Statut constaté : à engager, en cours, réalisée ou abandonnée.",
    "bilans[].actions[].statut_date": "Date du constat (AAAA-MM-JJ).",
    "bilans[].actions[].url": "Adresse de l'action dans la page de son quartier.",
    "bilans[].indicateurs[]": "Valeurs des indicateurs de l'année, avec celle de l'année précédente.",
    "bilans[].indicateurs[].indicateur": "Identifiant de l'indicateur (voir indicateurs.csv).",
    "bilans[].indicateurs[].territoire": "Identifiant du quartier, ou « commune ».",
    "bilans[].indicateurs[].valeur": "Valeur de l'année.",
    "bilans[].indicateurs[].valeur_precedente": "Valeur de l'année précédente pour le même territoire (null si elle n'est pas donnée).",
    "bilans[].indicateurs[].url": "Adresse de l'indicateur dans la page de son objectif.",
    "bilans[].avenants[]": "Numéros des avenants de l'année.",
    "bilans[].comites[]": "Comités tenus dans l'année.",
    "bilans[].comites[].type": "Type : comité de pilotage, comité de cohésion sociale, comité technique ou autre.",
    "bilans[].comites[].intitule": "Nom de la réunion (null s'il n'est pas précisé).",
    "bilans[].comites[].date": "Date (AAAA-MM-JJ).",
    "bilans[].comites[].lieu": "Lieu (null s'il n'est pas précisé).",
    "bilans[].comites[].compte_rendu": "Adresse du compte rendu publié (null s'il n'y en a pas).",
    "bilans[].comites[].decisions[]": "Décisions, une phrase chacune.",
}
