"""Where each item's page lives: source URIs from stable identifiers, never titles.

Low in the house: pages, history, exports and the address list all ask here.
"""

from __future__ import annotations

HISTORY_URI = "historique.md"
FEED_PATH = "historique.xml"
NOTES_URI = "convention/notes-de-transcription.md"
PRINT_URI = "version-imprimable.md"
PRINT_END_URI = "version-imprimable/fin.md"


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


def page_url(src_uri: str) -> str:
    """A page's address from the site root, as MkDocs writes it (directory URLs): `quartiers/regain/`."""
    path = src_uri.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        return path.removesuffix("index")
    return path + "/"
