"""Checks that span fields or files: identifiers, references, ranges."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from macros.domain.model import ChiffresAgglomeration, Corrections, Quartier, Referentiel, Releve
from macros.domain.uris import RESERVED_PAGE_STEMS
from macros.reading.errors import ContentProblem
from macros.reading.messages import field_path
from macros.reading.yaml_source import YamlDocument


def _suggest(value: str, known: list[str]) -> str | None:
    guess = difflib.get_close_matches(value, known, n=1, cutoff=0.5)
    return f"Vouliez-vous dire « {guess[0]} » ?" if guess else None


def _problem(doc: YamlDocument, loc: tuple, message: str, hint: str | None = None) -> ContentProblem:
    return ContentProblem(doc.path, doc.line_of(loc), field_path(loc), message, hint)


def check_referentiel(ref: Referentiel, doc: YamlDocument) -> list[ContentProblem]:
    problems = []
    seen: dict[str, int | None] = {}
    numeros: dict[int, int | None] = {}
    for e, enjeu in enumerate(ref.enjeux):
        if enjeu.numero in numeros:
            problems.append(
                _problem(
                    doc,
                    ("enjeux", e, "numero"),
                    f"le numéro d'enjeu {enjeu.numero} est déjà celui de l'enjeu de la ligne {numeros[enjeu.numero]}.",
                    "Donnez à chaque enjeu un numéro différent : il fixe leur ordre.",
                )
            )
        numeros.setdefault(enjeu.numero, doc.line_of(("enjeux", e, "numero")))
        items = [(("enjeux", e, "id"), enjeu.id)]
        for o, orientation in enumerate(enjeu.orientations):
            items.append((("enjeux", e, "orientations", o, "id"), orientation.id))
            items += [
                (("enjeux", e, "orientations", o, "objectifs", j, "id"), objectif.id) for j, objectif in enumerate(orientation.objectifs)
            ]
        for loc, ident in items:
            if ident in seen:
                problems.append(
                    _problem(
                        doc,
                        loc,
                        f"l'identifiant « {ident} » est déjà utilisé ligne {seen[ident]}.",
                        "Chaque enjeu, orientation et objectif a un identifiant unique.",
                    )
                )
            else:
                seen[ident] = doc.line_of(loc)
    indicateurs: set[str] = set()
    for i, indicateur in enumerate(ref.indicateurs):
        if indicateur.id in indicateurs:
            problems.append(_problem(doc, ("indicateurs", i, "id"), f"l'indicateur « {indicateur.id} » est déjà défini."))
        indicateurs.add(indicateur.id)
    return problems


def check_quartiers(ref: Referentiel, quartiers: list[tuple[Quartier, YamlDocument]]) -> list[ContentProblem]:
    problems = []
    objectifs = [o.id for e in ref.enjeux for orient in e.orientations for o in orient.objectifs]
    known_objectifs = set(objectifs)
    units = {i.id: i.unite for i in ref.indicateurs}
    ids: dict[str, str] = {}
    ordres: dict[int, str] = {}
    for quartier, doc in quartiers:
        stem = Path(doc.path).stem
        if quartier.id != stem:
            problems.append(
                _problem(
                    doc,
                    ("id",),
                    f"l'identifiant « {quartier.id} » diffère du nom du fichier « {stem} ».",
                    f"Nommez le fichier « {quartier.id}.yaml » ou corrigez l'identifiant.",
                )
            )
        if quartier.id in ids:
            problems.append(_problem(doc, ("id",), f"le quartier « {quartier.id} » est déjà défini dans {ids[quartier.id]}."))
        ids[quartier.id] = doc.path
        if isinstance(doc.data, dict) and "ordre" in doc.data:  # without it, quartiers sort by name
            where = f"{doc.path}, ligne {doc.line_of(('ordre',))}"
            if quartier.ordre in ordres:
                problems.append(
                    _problem(
                        doc,
                        ("ordre",),
                        f"l'ordre {quartier.ordre} est déjà celui d'un autre quartier ({ordres[quartier.ordre]}).",
                        "Donnez à chaque quartier un ordre différent : il fixe l'ordre d'affichage.",
                    )
                )
            ordres.setdefault(quartier.ordre, where)
        pursued: dict[str, int | None] = {}
        action_ids: dict[str, int | None] = {}
        for p, poursuivi in enumerate(quartier.objectifs):
            loc = ("objectifs", p, "objectif")
            if poursuivi.objectif not in known_objectifs:
                problems.append(
                    _problem(
                        doc,
                        loc,
                        f"objectif « {poursuivi.objectif} » inconnu du référentiel.",
                        _suggest(poursuivi.objectif, objectifs) or "Utilisez un identifiant d'objectif de content/referentiel.yaml.",
                    )
                )
            elif poursuivi.objectif in pursued:
                problems.append(
                    _problem(
                        doc,
                        loc,
                        f"l'objectif « {poursuivi.objectif} » est déjà listé ligne {pursued[poursuivi.objectif]}.",
                        "Regroupez ses actions sous une seule entrée.",
                    )
                )
            pursued.setdefault(poursuivi.objectif, doc.line_of(loc))
            for a, action in enumerate(poursuivi.actions):
                aloc = ("objectifs", p, "actions", a, "id")
                if action.id in action_ids:
                    problems.append(
                        _problem(
                            doc,
                            aloc,
                            f"l'identifiant d'action « {action.id} » est déjà utilisé dans ce quartier, ligne {action_ids[action.id]}.",
                            "Chaque action d'un quartier a un identifiant unique.",
                        )
                    )
                else:
                    action_ids[action.id] = doc.line_of(aloc)
        problems += check_releves(doc, quartier.portrait, units)
    return problems


def check_releves(doc: YamlDocument, releves: list[Releve], units: dict[str, str]) -> list[ContentProblem]:
    """The figures of a portrait (a quartier's or the agglomeration's): known indicateurs, one figure
    per indicateur and year, percentages between 0 and 100."""
    problems = []
    dated: dict[tuple[str, int], int | None] = {}  # (indicateur, année) → line where it was first given
    sources: dict[tuple[int, str], int | None] = {}
    for r, releve in enumerate(releves):
        key = (releve.annee, releve.source.casefold())
        if key in sources:
            problems.append(
                _problem(
                    doc,
                    ("portrait", r, "source"),
                    f"un relevé de {releve.annee} de la même source est déjà donné, ligne {sources[key]}.",
                    "Regroupez ses valeurs dans un seul relevé.",
                )
            )
        sources.setdefault(key, doc.line_of(("portrait", r, "source")))
        for v, valeur in enumerate(releve.valeurs):
            base = ("portrait", r, "valeurs", v)
            unit = units.get(valeur.indicateur)
            if unit is None:
                problems.append(
                    _problem(
                        doc,
                        base + ("indicateur",),
                        f"indicateur « {valeur.indicateur} » inconnu.",
                        _suggest(valeur.indicateur, list(units))
                        or "Déclarez-le dans la liste « indicateurs » de content/referentiel.yaml.",
                    )
                )
            if (valeur.indicateur, releve.annee) in dated:
                where = dated[(valeur.indicateur, releve.annee)]
                problems.append(
                    _problem(
                        doc,
                        base + ("indicateur",),
                        f"l'indicateur « {valeur.indicateur} » a déjà un chiffre pour {releve.annee}, ligne {where}.",
                        "Un seul chiffre par indicateur et par année : supprimez l'un des deux, ou corrigez l'année de son relevé.",
                    )
                )
            else:
                dated[(valeur.indicateur, releve.annee)] = doc.line_of(base + ("indicateur",))
            if unit == "pourcentage" and not 0 <= valeur.valeur <= 100:
                problems.append(
                    _problem(
                        doc,
                        base + ("valeur",),
                        f"un pourcentage doit être compris entre 0 et 100, pas {valeur.valeur:g}.",
                        "Écrivez 40.1 pour 40,1 %.",
                    )
                )
            if unit and unit != "pourcentage" and valeur.valeur < 0:
                problems.append(_problem(doc, base + ("valeur",), f"la valeur ne peut pas être négative ({valeur.valeur:g})."))
    return problems


def check_agglomeration(ref: Referentiel, chiffres: ChiffresAgglomeration, doc: YamlDocument) -> list[ContentProblem]:
    return check_releves(doc, chiffres.portrait, {i.id: i.unite for i in ref.indicateurs})


def check_pages(pages: list, ordre_lines: dict[str, int | None]) -> list[ContentProblem]:
    """`ordre_lines`: each page's source → the line of its `ordre` in the file."""
    problems = []
    seen: dict[int, str] = {}
    for page in pages:
        if page.id in RESERVED_PAGE_STEMS:
            problems.append(
                ContentProblem(  # the file's name is at fault: its first line
                    page.source,
                    1,
                    None,
                    f"le nom « {page.id}.md » est réservé : l'adresse de cette page serait celle de la page « {page.id} » que le site crée lui-même, et l'une des deux disparaîtrait.",
                    f"Renommez le fichier, par exemple « {page.id}-de-la-commune.md » (noms réservés : {', '.join(RESERVED_PAGE_STEMS)}).",
                )
            )
        line = ordre_lines.get(page.source)
        if page.ordre in seen:
            problems.append(
                ContentProblem(
                    page.source,
                    line,
                    "ordre",
                    f"l'ordre {page.ordre} est déjà celui d'une autre page ({seen[page.ordre]}).",
                    "Donnez à chaque page un ordre différent : il fixe l'ordre du menu.",
                )
            )
        seen.setdefault(page.ordre, f"{page.source}, ligne {line}")
    return problems


def check_corrections(
    corrections: Corrections, doc: YamlDocument, content_dir: Path, shared_dir: Path | None = None
) -> list[ContentProblem]:
    """`shared_dir`: an agglomeration folder, whose referentiel.yaml a commune's corrections may name."""
    problems = []
    for c, correction in enumerate(corrections.corrections):
        for name in PUBLISHED_NOTE_FIELDS:
            problems += _unpublishable(doc, ("corrections", c, name), getattr(correction, name))
        if not (content_dir / correction.fichier).exists() and not (shared_dir and (shared_dir / correction.fichier).exists()):
            problems.append(
                _problem(doc, ("corrections", c, "fichier"), f"le fichier « {correction.fichier} » n'existe pas dans content/.")
            )
    return problems


# The fields of a transcription note the public reads (page « Notes de transcription »); `ligne`
# and `fichier` are for the editors, and so are YAML comments.
PUBLISHED_NOTE_FIELDS = ("source", "retenu", "explication")
_FILE_NAME = re.compile(r"[\w./-]+\.(?:ya?ml|md|geojson|json|csv|txt|py|j2)\b", re.IGNORECASE)
_TODO = re.compile(r"\b(?:à vérifier|a verifier|todo|fixme)\b", re.IGNORECASE)


def _unpublishable(doc: YamlDocument, loc: tuple, text: str) -> list[ContentProblem]:
    """A note's published text naming a content file or holding a to-do: words for the editors."""
    problems = []
    name = _FILE_NAME.search(text)
    if name:
        problems.append(
            _problem(
                doc,
                loc,
                f"ce texte est publié et nomme le fichier « {name.group(0)} », qui ne dit rien aux lecteurs du site.",
                "Nommez la partie de la convention (« le projet de quartier du Regain », « les enjeux ») ; "
                "le détail technique peut rester dans un commentaire YAML (ligne commençant par #).",
            )
        )
    todo = _TODO.search(text)
    if todo:
        problems.append(
            _problem(
                doc,
                loc,
                f"ce texte est publié et contient « {todo.group(0)} », une note de travail.",
                "Retirez-la du texte publié : écrivez-la dans un commentaire YAML (ligne commençant par #).",
            )
        )
    return problems
