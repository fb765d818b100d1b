"""Pages that answer at a former address and lead to its successor (objectifs renamed by an
avenant): a plain HTML page, with a meta refresh and a script that keeps the anchor
(`#quartier--action`), so the reader lands on the same action in the new page. The script is a
file of the site (SCRIPT): the Content-Security-Policy of the served site forbids inline scripts."""

from __future__ import annotations

import posixpath

from macros import jinja
from macros.domain.convention import Convention
from macros.domain.uris import objectif_uri, page_url
from macros.lifecycle.history import History
from macros.text.typography import date as french_date

SCRIPT = "assets/javascripts/redirection.js"  # in docs/: every site has it


def _environment():
    return jinja.html(documents=True)


def files(convention: Convention) -> dict[str, bytes]:
    """Site path (`objectifs/<former id>/index.html`) → the redirect page."""
    history = History(convention)
    result = {}
    for old, new in sorted(convention.replaced.items()):
        old_url, new_url = page_url(objectif_uri(old)), page_url(objectif_uri(new.id))
        target = posixpath.relpath(new_url, old_url) + "/"
        avenant = history.avenant(new.remplace.avenant if new.remplace else None)
        when = f" par l'avenant n° {avenant.numero} du {french_date(avenant.date)}" if avenant else ""
        html = (
            _environment()
            .get_template("redirection.html.j2")
            .render(
                title=f"Objectif renommé : {new.titre}",
                target=target,
                script=posixpath.relpath(SCRIPT, old_url),
                message=f"L'objectif « {new.remplace.titre if new.remplace else old} » a été renommé{when} : il s'intitule désormais « {new.titre} ».",
            )
        )
        result[old_url + "index.html"] = html.encode("utf-8")
    return result
