"""ASCII slugs for anchors derived from labels that have no identifier of their own."""

import re
import unicodedata


def bare_slug(value: str) -> str:
    """The text in lowercase ASCII words joined by « - » (NFKD, œ → oe); empty when it has no letter or digit."""
    ascii_text = unicodedata.normalize("NFKD", value.replace("œ", "oe").replace("Œ", "Oe")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def slug(value: str) -> str:
    return bare_slug(value) or "x"
