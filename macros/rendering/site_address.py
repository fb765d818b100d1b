"""The site's public address: from content (`publication.url` in contrat.yaml),
the SITE_URL variable overriding it.

Canonical links, sitemap.xml, OpenGraph and the open data files all carry it, so
a published site must never name this computer: an address on localhost is
accepted only for a preview (`mkdocs serve`, `convention build --apercu`, or
the PREVIEW_ENV variable that tests set).
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from macros.reading.errors import ContentProblem

PREVIEW_ENV = "CONVENTION_APERCU"
PREVIEW_ADDRESS = "http://127.0.0.1:8000/"
_LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}


class AddressError(Exception):
    """The address cannot be published; carries the French problem for the report."""

    def __init__(self, problem: ContentProblem):
        super().__init__(problem.format())
        self.problem = problem


def preview_requested(environ: dict | None = None) -> bool:
    value = (environ if environ is not None else os.environ).get(PREVIEW_ENV, "")
    return value.strip().lower() not in ("", "0", "non", "false", "no")


def is_local(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host in _LOCAL_HOSTS or host.endswith(".localhost") or host.startswith("127.")


def choose(env_url: str | None, content_url: str | None, *, preview: bool, contrat_file: str) -> str:
    """The address to publish, ending with « / »; raises AddressError when it would name this computer."""
    url = (env_url or "").strip() or (content_url or "").strip()
    if not url:
        if preview:
            return PREVIEW_ADDRESS
        raise AddressError(
            ContentProblem(
                contrat_file,
                None,
                "publication.url",
                "l'adresse publique du site n'est pas renseignée : liens canoniques, plan du site et données ouvertes en ont besoin.",
                'ajoutez sous « publication » une ligne url: "https://convention.exemple.fr/" (l\'adresse où le site sera publié), '
                "ou donnez-la dans la variable SITE_URL ; pour un simple aperçu : make serve ou convention build --apercu.",
            )
        )
    if not url.endswith("/"):
        url += "/"
    if is_local(url) and not preview:
        origin = "la variable SITE_URL" if (env_url or "").strip() else "publication.url"
        raise AddressError(
            ContentProblem(
                contrat_file,
                None,
                "publication.url",
                f"l'adresse « {url} » (donnée par {origin}) désigne cet ordinateur, pas un site publié : "
                "les liens partagés et les données ouvertes ne mèneraient nulle part.",
                "indiquez l'adresse publique du site (https://…) dans publication.url ou dans la variable SITE_URL ; "
                "pour un simple aperçu : make serve ou convention build --apercu.",
            )
        )
    return url
