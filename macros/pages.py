"""Which pages the site has, derived from the convention alone.

Each GeneratedPage names its URL (from stable identifiers, never titles), the
template that renders it and the content file behind it (for edit links).
Adding a quartier or an objectif to content adds its pages here; nothing is
hand-written per item.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .convention import Convention

# Above this many quartiers, quartier pages leave the navigation (the index lists them),
# so that every page does not repeat a huge menu.
NAV_QUARTIERS_LIMIT = 30


@dataclass
class GeneratedPage:
    src_uri: str
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    source: str | None = None  # content file behind the page, relative to the project root
    in_nav: bool = True
    description: str | None = None


def quartier_uri(quartier_id: str) -> str:
    return f"quartiers/{quartier_id}.md"


def objectif_uri(objectif_id: str) -> str:
    return f"objectifs/{objectif_id}.md"


def orientation_uri(orientation_id: str) -> str:
    return f"orientations/{orientation_id}.md"


def enjeu_uri(enjeu_id: str) -> str:
    return f"enjeux/{enjeu_id}.md"


def narrative_uri(page_id: str) -> str:
    return f"convention/{page_id}.md"


def plan(convention: Convention) -> list[GeneratedPage]:
    c = convention
    ref = c.sources.get("referentiel")
    commune = c.contrat.commune.nom
    pages = [
        GeneratedPage("index.md", c.contrat.titre, "accueil.md.j2", source=c.sources.get("contrat"),
                      description=f"{c.contrat.sous_titre} de {commune} : quartiers, objectifs et actions {c.contrat.periode.debut}-{c.contrat.periode.fin}."),
        GeneratedPage("quartiers/index.md", "Les quartiers", "quartiers.md.j2",
                      description=f"Les quartiers de la politique de la ville à {commune}."),
        GeneratedPage("enjeux/index.md", "Enjeux et objectifs", "enjeux.md.j2", source=ref,
                      description="Les enjeux, orientations stratégiques et objectifs opérationnels de la convention."),
        GeneratedPage("matrice.md", "Objectifs par quartier", "matrice.md.j2", source=ref,
                      description="Quels quartiers poursuivent quels objectifs : tableau croisé."),
    ]
    many = len(c.quartiers) > NAV_QUARTIERS_LIMIT
    for quartier in c.quartiers:
        pages.append(GeneratedPage(quartier_uri(quartier.id), quartier.nom, "quartier.md.j2", {"quartier": quartier},
                                   source=c.sources.get(f"quartier:{quartier.id}"), in_nav=not many,
                                   description=f"{quartier.nom} : portrait, irritants, opportunités et objectifs de la convention."))
    for enjeu in c.referentiel.enjeux:
        pages.append(GeneratedPage(enjeu_uri(enjeu.id), f"Enjeu {enjeu.numero} : {enjeu.titre}", "enjeu.md.j2", {"enjeu": enjeu}, source=ref))
        for orientation in enjeu.orientations:
            pages.append(GeneratedPage(orientation_uri(orientation.id), orientation.titre, "orientation.md.j2",
                                       {"enjeu": enjeu, "orientation": orientation}, source=ref, in_nav=False))
            for objectif in orientation.objectifs:
                pages.append(GeneratedPage(objectif_uri(objectif.id), objectif.titre, "objectif.md.j2",
                                           {"placement": c.placements[objectif.id]}, source=ref, in_nav=False,
                                           description=f"Objectif opérationnel : {objectif.titre}. Quartiers concernés et actions."))
    for page in c.pages:
        pages.append(GeneratedPage(narrative_uri(page.id), page.titre, "recit.md.j2", {"recit": page}, source=page.source,
                                   description=page.description))
    if c.glossaire:
        pages.append(GeneratedPage("glossaire.md", "Glossaire", "glossaire.md.j2", source="content/glossaire.yaml",
                                   description="Les sigles et mots de la politique de la ville expliqués simplement."))
    if c.corrections:
        pages.append(GeneratedPage("convention/notes-de-transcription.md", "Notes de transcription", "corrections.md.j2",
                                   source="content/corrections.yaml",
                                   description="Les réparations apportées au texte extrait du document signé, et ses incohérences."))
    return pages


def nav(convention: Convention, pages: list[GeneratedPage], extra: list[Any]) -> list[Any]:
    """MkDocs nav: document order first, then reference pages; item pages stay out when many."""
    by_uri = {p.src_uri: p for p in pages}
    before = [p for p in convention.pages if p.ordre < min((q.ordre for q in convention.quartiers), default=0)]
    after = [p for p in convention.pages if p not in before]
    document: list[Any] = [{p.titre: narrative_uri(p.id)} for p in before]
    quartiers: list[Any] = [{"Tous les quartiers": "quartiers/index.md"}]
    quartiers += [{q.nom: quartier_uri(q.id)} for q in convention.quartiers if by_uri[quartier_uri(q.id)].in_nav]
    document.append({"Les quartiers": quartiers})
    document += [{p.titre: narrative_uri(p.id)} for p in after]
    if "convention/notes-de-transcription.md" in by_uri:
        document.append({"Notes de transcription": "convention/notes-de-transcription.md"})
    objectifs: list[Any] = [{"Vue d'ensemble": "enjeux/index.md"}]
    objectifs += [{f"Enjeu {e.numero}": enjeu_uri(e.id)} for e in convention.referentiel.enjeux]
    objectifs.append({"Objectifs par quartier": "matrice.md"})
    result: list[Any] = [{"Accueil": "index.md"}, {"La convention": document}, {"Enjeux et objectifs": objectifs}]
    result += extra
    if "glossaire.md" in by_uri:
        result.append({"Glossaire": "glossaire.md"})
    return result
