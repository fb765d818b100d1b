"""Synthetic content at any scale, for the benchmark: a valid content/ tree.

The référentiel, contrat, glossaire and narrative pages are copied from the
real content; N quartier files are generated whose objectifs, actions,
portrait, irritants and opportunités are drawn from the real quartiers (read
through the loader, the only reader of content/), each with a perimeter
GeoJSON, plus commune outlines. Same seed, same files.
"""

from __future__ import annotations

import json
import math
import random
import shutil
from pathlib import Path

import yaml

from macros.domain.convention import Convention
from macros.domain.slug import slug
from macros.reading.loader import load_convention

ROOT = Path(__file__).resolve().parents[1]
REAL_CONTENT = ROOT / "content"
COPIED_FILES = ("contrat.yaml", "referentiel.yaml", "glossaire.yaml", "chiffres-agglomeration.yaml")
COPIED_DIRS = ("pages", "schemas")
SEED = 2030
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

# Around Béthune: synthetic outlines stay in a plausible place on the basemap.
ORIGIN = (2.40, 50.35)  # longitude, latitude of the grid's south-west corner
CELL = (0.045, 0.030)  # a commune cell, in degrees
COMMUNE_VERTICES = 60  # like the simplified IGN outlines of content/communes.geojson
PERIMETRE_VERTICES = 120  # official QPV perimeters are detailed polygons

_PREFIXES = ("Cité", "Résidence", "Quartier", "Faubourg", "Clos", "Domaine", "Cité-jardin")
_NAMES = (
    "des Tilleuls",
    "de la Fosse 7",
    "des Marronniers",
    "du Terril",
    "du Bois",
    "du Chevalement",
    "du Moulin",
    "des Prés",
    "de la Gare",
    "de la Sablière",
    "du Rivage",
    "de la Fontaine",
    "du Verger",
    "du Lavoir",
    "des Corbeaux",
    "des Peupliers",
    "des Chênes",
    "des Ardoises",
    "des Forges",
    "de la Briqueterie",
    "des Jardins",
    "des Saules",
    "des Mines",
)
_COMMUNE_STEMS = (
    "Marles",
    "Auchel",
    "Calonne",
    "Divion",
    "Houdain",
    "Lozinghem",
    "Haillicourt",
    "Ruitz",
    "Labuissière",
    "Lapugnoy",
    "Vaudricourt",
    "Annezin",
    "Verquin",
    "Gosnay",
    "Hesdigneul",
    "Lillers",
    "Burbure",
    "Ferfay",
    "Cauchy",
    "Camblain",
)
_COMMUNE_SUFFIXES = ("", "-les-Mines", "-sur-Lawe", "-en-Artois", "-la-Tour", "-le-Bois")
_DEPARTEMENTS = ("62", "59", "80", "60", "02", "76", "27", "14")


def generate(target: Path | str, quartiers: int, communes: int | None = None, seed: int = SEED, source: Path | str = REAL_CONTENT) -> Path:
    """Write a content/ tree with `quartiers` quartiers over `communes` communes into `target`."""
    if quartiers < 1:
        raise ValueError("il faut au moins un quartier")
    target, source = Path(target), Path(source)
    if target.resolve() in (source.resolve(), REAL_CONTENT.resolve()):
        raise ValueError("le dossier cible serait le contenu réel : choisissez un dossier temporaire")
    communes = communes or max(1, round(quartiers * 19 / 25))
    real = load_convention(source)
    rng = random.Random(seed)
    if target.exists():
        shutil.rmtree(target)
    (target / "quartiers").mkdir(parents=True)
    for name in COPIED_FILES:
        if (source / name).exists():
            shutil.copy2(source / name, target / name)
    for name in COPIED_DIRS:
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name)

    towns = _communes(communes)
    _write_json(
        target / "communes.geojson",
        {
            "type": "FeatureCollection",
            "features": [
                _feature(_blob(rng, town["centre"], CELL[0] * 0.48, CELL[1] * 0.48, COMMUNE_VERTICES), code=town["insee"], nom=town["nom"])
                for town in towns
            ],
        },
    )
    pool = _Pool(real)
    for index in range(quartiers):
        # round-robin first, so that every commune has at least one quartier
        home = towns[index % len(towns)]
        spans = [home] + ([towns[(index + 1) % len(towns)]] if len(towns) > 1 and rng.random() < 0.2 else [])
        data = pool.quartier(rng, index, spans)
        centre = (home["centre"][0] + rng.uniform(-0.008, 0.008), home["centre"][1] + rng.uniform(-0.005, 0.005))
        _write_json(
            target / "quartiers" / f"{data['id']}.geojson",
            {
                "type": "FeatureCollection",
                "features": [
                    _feature(_blob(rng, centre, 0.006, 0.004, PERIMETRE_VERTICES), code=data["codes"][0]["code"], nom=data["nom"])
                ],
            },
        )
        text = "# yaml-language-server: $schema=../schemas/quartier.schema.json\n"
        text += yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=4096)
        (target / "quartiers" / f"{data['id']}.yaml").write_text(text, encoding="utf-8")
    return target


class _Pool:
    """What the real quartiers say, to be recombined into plausible new ones."""

    def __init__(self, convention: Convention):
        self.templates = [q.model_dump(mode="json", exclude_defaults=True) for q in convention.quartiers]
        self.units = {i.id: i.unite for i in convention.referentiel.indicateurs}
        if not self.templates:
            raise ValueError("le contenu réel ne contient aucun quartier")
        self.actions: dict[str, list[list[dict]]] = {}
        for template in self.templates:
            for poursuivi in template.get("objectifs", []):
                self.actions.setdefault(poursuivi["objectif"], []).append(poursuivi.get("actions", []))

    def quartier(self, rng: random.Random, index: int, communes: list[dict]) -> dict:
        template = self.templates[index % len(self.templates)]
        nom = f"{rng.choice(_PREFIXES)} {rng.choice(_NAMES)} {index + 1}"
        ident = f"q{index + 1:04d}-{slug(nom)}"[:80].rstrip("-")
        data = {key: value for key, value in template.items() if key not in ("codes", "code_document", "perimetre")}
        data.update(
            {
                "id": ident,
                "nom": nom,
                "titre": f"Projet du quartier « {nom} »",
                "ordre": index + 1,
                "codes": [{"code": f"QN{communes[0]['insee'][:2]}{index + 1:04d}", "liste": "2024"}],
                "communes": [{"nom": c["nom"], "insee": c["insee"]} for c in communes],
                "perimetre": {"fichier": f"{ident}.geojson", "nature": "indicatif", "source": "Périmètre synthétique (banc d'essai)"},
            }
        )
        if "portrait" in template:
            data["portrait"] = [
                {**releve, "valeurs": [self._jitter(rng, v, self.units.get(v["indicateur"])) for v in releve.get("valeurs", [])]}
                for releve in template["portrait"]
            ]
        data["objectifs"] = self._objectifs(rng, template)
        return data

    def _objectifs(self, rng: random.Random, template: dict) -> list[dict]:
        result, used = [], set()
        for poursuivi in template.get("objectifs", []):
            if rng.random() < 0.08:  # real quartiers skip a few objectifs
                continue
            actions = []
            for action in rng.choice(self.actions[poursuivi["objectif"]]):
                ident, n = action["id"], 2
                while ident in used:
                    ident, n = f"{action['id']}-{n}", n + 1
                used.add(ident)
                # a restoration points at a transcription note of the real quartier's file only
                actions.append({**{k: v for k, v in action.items() if k != "restauree"}, "id": ident})
            result.append({"objectif": poursuivi["objectif"], "actions": actions})
        return result

    @staticmethod
    def _jitter(rng: random.Random, valeur: dict, unite: str | None) -> dict:
        """The quartier's own figure moves by ±15 % (the agglomeration's, in its own file, stays)."""
        moved = valeur["valeur"] * rng.uniform(0.85, 1.15)
        if unite == "pourcentage":
            moved = min(round(moved, 1), 100.0)
        else:
            moved = round(moved) if unite == "habitants" else round(moved, 1)
        return {**valeur, "valeur": moved}


def _communes(count: int) -> list[dict]:
    columns = max(1, math.ceil(math.sqrt(count)))
    towns = []
    for n in range(count):
        row, column = divmod(n, columns)
        departement = _DEPARTEMENTS[(n // 998) % len(_DEPARTEMENTS)]
        cycle, rest = divmod(n, len(_COMMUNE_STEMS) * len(_COMMUNE_SUFFIXES))
        nom = _COMMUNE_STEMS[rest % len(_COMMUNE_STEMS)] + _COMMUNE_SUFFIXES[rest // len(_COMMUNE_STEMS)]
        towns.append(
            {
                "nom": f"{nom} {cycle + 1}" if cycle else nom,
                "insee": f"{departement}{n % 998 + 1:03d}",
                "centre": (ORIGIN[0] + (column + 0.5) * CELL[0], ORIGIN[1] + (row + 0.5) * CELL[1]),
            }
        )
    return towns


def _blob(rng: random.Random, centre: tuple[float, float], rx: float, ry: float, vertices: int) -> list[list[list[float]]]:
    """An irregular closed ring around `centre` (lon, lat), 5 decimals like real outlines."""
    ring = []
    for k in range(vertices):
        angle = 2 * math.pi * k / vertices
        radius = rng.uniform(0.75, 1.0)
        ring.append([round(centre[0] + rx * radius * math.cos(angle), 5), round(centre[1] + ry * radius * math.sin(angle), 5)])
    return [ring + [ring[0]]]


def _feature(rings: list, **properties) -> dict:
    return {"type": "Feature", "properties": properties, "geometry": {"type": "Polygon", "coordinates": rings}}


def _write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


# --- an agglomeration folder -------------------------------------------------------------

AGGLOMERATION_SHARED = ("referentiel.yaml", "glossaire.yaml", "chiffres-agglomeration.yaml")
SHARED_EVERY = 6  # one quartier in six spans two communes (each convention describes it)


def generate_agglomeration(
    target: Path | str, communes: int = 20, quartiers: int = 60, seed: int = SEED, source: Path | str = REAL_CONTENT
) -> Path:
    """Write an agglomeration folder: agglomeration.yaml, the shared référentiel, glossaire and
    figures at the top, and communes/<id>/ for each commune, in today's content format.

    `quartiers` quartiers in all, dealt round the communes; one in SHARED_EVERY is also
    described by the next commune (same nom, statut and codes, its own actions)."""
    if communes < 1 or quartiers < communes:
        raise ValueError("il faut au moins une commune et un quartier par commune")
    target, source = Path(target), Path(source)
    if target.resolve() in (source.resolve(), REAL_CONTENT.resolve()):
        raise ValueError("le dossier cible serait le contenu réel : choisissez un dossier temporaire")
    real = load_convention(source)
    rng = random.Random(seed)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in AGGLOMERATION_SHARED:
        if (source / name).exists():
            shutil.copy2(source / name, target / name)
    if (source / "schemas").is_dir():
        shutil.copytree(source / "schemas", target / "schemas")
    contrat = yaml.safe_load((source / "contrat.yaml").read_text(encoding="utf-8"))
    _write_yaml(
        target / "agglomeration.yaml",
        "agglomeration",
        depth=0,
        data={
            "nom": contrat["agglomeration"]["nom"],
            **({"sigle": contrat["agglomeration"]["sigle"]} if contrat["agglomeration"].get("sigle") else {}),
            "contrat_cadre": {"titre": contrat["titre"], "date_signature": contrat["signature"]["date"], "periode": contrat["periode"]},
            "publication": {
                "editeur": contrat["agglomeration"]["nom"],
                "directeur_publication": "Président de l'agglomération (banc d'essai)",
                "url": "https://agglomeration.example.fr/",
            },
        },
    )
    towns = _communes(communes)
    folders = []
    for town in towns:
        folder = target / "communes" / slug(town["nom"])
        (folder / "quartiers").mkdir(parents=True)
        if (source / "pages").is_dir():
            shutil.copytree(source / "pages", folder / "pages")
        own = {
            **contrat,
            "commune": {**contrat["commune"], "nom": town["nom"], "nom_complet": f"Commune de {town['nom']}", "insee": town["insee"]},
        }
        own["publication"] = {**contrat["publication"], "editeur": f"Commune de {town['nom']}", "url": None}
        own["publication"] = {k: v for k, v in own["publication"].items() if v is not None and k != "adresse"}
        _write_yaml(folder / "contrat.yaml", "contrat", own, depth=2)
        folders.append(folder)
    pool = _Pool(real)
    ranks = [0] * communes
    for index in range(quartiers):
        home = index % communes
        spans = [home] + ([(home + 1) % communes] if communes > 1 and index % SHARED_EVERY == 0 else [])
        data = pool.quartier(rng, index, [towns[t] for t in spans])
        centre = (towns[home]["centre"][0] + rng.uniform(-0.008, 0.008), towns[home]["centre"][1] + rng.uniform(-0.005, 0.005))
        for position, town in enumerate(spans):
            ranks[town] += 1
            description = {**data, "ordre": ranks[town]}
            if position:  # the other commune's convention: its own actions, the perimeter once
                description = {key: value for key, value in description.items() if key != "perimetre"}
                description["objectifs"] = pool._objectifs(rng, pool.templates[(index + 1) % len(pool.templates)])
            else:
                _write_json(
                    folders[town] / "quartiers" / f"{data['id']}.geojson",
                    {
                        "type": "FeatureCollection",
                        "features": [
                            _feature(_blob(rng, centre, 0.006, 0.004, PERIMETRE_VERTICES), code=data["codes"][0]["code"], nom=data["nom"])
                        ],
                    },
                )
            _write_yaml(folders[town] / "quartiers" / f"{data['id']}.yaml", "quartier", description, depth=3)
    return target


def _write_yaml(path: Path, kind: str, data: dict, depth: int = 1) -> None:
    text = f"# yaml-language-server: $schema={'../' * depth}schemas/{kind}.schema.json\n"
    text += yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=4096)
    path.write_text(text, encoding="utf-8")
