"""The commune outlines of communes.geojson: which properties hold each commune's code and name.

Editors take the file from IGN Admin Express, whose properties are `INSEE_COM` and `NOM`
(or in lower case, depending on the export); a file made by hand may say `code` and `nom`.
Each is accepted; a file with none of them is an error, not maps silently without outlines.
"""

from __future__ import annotations

from typing import Any

CODE_KEYS = ("code", "INSEE_COM", "insee_com")
NAME_KEYS = ("nom", "NOM", "nom_m", "NOM_M")


def _first(properties: dict, keys: tuple[str, ...]) -> str | None:
    value = next((properties[k] for k in keys if properties.get(k) not in (None, "")), None)
    return None if value is None else str(value)


def code(feature: dict) -> str | None:
    """The commune's INSEE code, whichever accepted property holds it."""
    return _first(feature.get("properties") or {}, CODE_KEYS)


def name(feature: dict) -> str | None:
    return _first(feature.get("properties") or {}, NAME_KEYS)


def problem(data: dict[str, Any]) -> tuple[str, str] | None:
    """(message, fix) when a commune of the file has no code under any accepted property."""
    features = data.get("features", []) if data.get("type") == "FeatureCollection" else [data]
    for index, feature in enumerate(features, start=1):
        if code(feature) is None:
            found = ", ".join(f"« {k} »" for k in (feature.get("properties") or {})) or "aucune"
            return (
                f"la commune n° {index} du fichier n'a pas de code INSEE (propriétés trouvées : {found}).",
                (
                    "Chaque commune doit porter son code INSEE dans la propriété « INSEE_COM » (nom utilisé par IGN Admin Express) "
                    "ou « code », et son nom dans « NOM » ou « nom »."
                ),
            )
    return None
