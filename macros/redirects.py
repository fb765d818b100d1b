"""Pages that answer at a former address and lead to its successor (objectifs renamed by an
avenant): a plain HTML page, with a meta refresh and a script that keeps the anchor
(`#quartier--action`), so the reader lands on the same action in the new page."""

from __future__ import annotations

import posixpath
from functools import lru_cache

import jinja2

from .convention import Convention
from .history import History
from .typography import date as french_date
from .uris import objectif_uri, page_url


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("macros", "templates"), autoescape=True,
                              undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


def files(convention: Convention) -> dict[str, bytes]:
    """Site path (`objectifs/<former id>/index.html`) → the redirect page."""
    history = History(convention)
    result = {}
    for old, new in sorted(convention.replaced.items()):
        old_url, new_url = page_url(objectif_uri(old)), page_url(objectif_uri(new.id))
        target = posixpath.relpath(new_url, old_url) + "/"
        avenant = history.avenant(new.remplace.avenant if new.remplace else None)
        when = f" par l'avenant n° {avenant.numero} du {french_date(avenant.date)}" if avenant else ""
        html = _environment().get_template("redirection.html.j2").render(
            title=f"Objectif renommé : {new.titre}", target=target,
            message=f"L'objectif « {new.remplace.titre if new.remplace else old} » a été renommé{when} : il s'intitule désormais « {new.titre} ».")
        result[old_url + "index.html"] = html.encode("utf-8")
    return result
