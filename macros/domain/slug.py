"""ASCII slugs for anchors derived from labels that have no identifier of their own."""

import re
import unicodedata


def slug(value: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", value.replace("œ", "oe").replace("Œ", "Oe")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"
