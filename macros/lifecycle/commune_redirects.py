"""What a commune's former domain serves once its convention moves into the agglomeration site.

Every address the commune's site has published (its content/adresses.txt) leads to its new
address (macros/domain/uris.from_commune_site), in two forms the host can choose from:

- static files: one small HTML page per page address (meta refresh, canonical link, a
  visible French link) and, because an action's anchor changes (`#action-<a>` becomes
  `#<c>--action-<a>`), a script file that reads the anchor table beside it and goes to the
  new anchor. Nothing inline: a Content-Security-Policy without 'unsafe-inline' lets it work;
- an nginx `map` for `return 301` (the browser keeps the old anchor: the page, not the action).

Output depends only on the address list, the commune id and the agglomeration's address.
"""

from __future__ import annotations

import json
import posixpath

from macros import jinja
from macros.domain import uris
from macros.text.typography import of

SCRIPT = "redirection-ancres.js"
TABLE = "redirection-ancres.json"
NGINX = "redirections-nginx.conf"
# Without JavaScript the meta refresh leads to the new page; with it, the script gets there
# first with the new anchor (the delay leaves it time to read the table on a slow phone).
REFRESH_DELAY_S = 3


def _environment():
    return jinja.html(documents=True)


def targets(commune_id: str, addresses: list[str], agglomeration_url: str) -> dict[str, str]:
    """Each published address → its absolute address in the agglomeration site."""
    return {address: uris.absolute(agglomeration_url, uris.from_commune_site(commune_id, address)) for address in sorted(set(addresses))}


def _pages(addresses: list[str]) -> list[str]:
    """The page addresses (an address with an anchor is on its page), sorted."""
    return sorted({address.partition("#")[0] or uris.HOME for address in addresses})


def _file(page: str) -> str:
    """Site path of a page address: `./` → `index.html`, `quartiers/x/` → `quartiers/x/index.html`."""
    return "index.html" if page == uris.HOME else page + "index.html"


def files(commune_id: str, commune_nom: str, addresses: list[str], agglomeration_url: str) -> dict[str, bytes]:
    """Output path → bytes: the redirect pages, the script, its anchor table and the nginx map."""
    moved = targets(commune_id, addresses, agglomeration_url)
    result: dict[str, bytes] = {}
    template = _environment().get_template("redirection_agglomeration.html.j2")
    for page in _pages(addresses):
        target = uris.absolute(agglomeration_url, uris.from_commune_site(commune_id, page))
        if not page.endswith("/"):  # historique.xml: only the nginx map can move it
            continue
        path = _file(page)
        html = template.render(
            address=page,
            target=target,
            delay=REFRESH_DELAY_S,
            script=posixpath.relpath(SCRIPT, posixpath.dirname(path) or "."),
            title="Cette page a déménagé",
            message=f"La convention {of(commune_nom)} est désormais publiée sur le site de l'agglomération, avec celles des autres communes. "
            "Vous allez être conduit à la même page à sa nouvelle adresse.",
        )
        result[path] = html.encode("utf-8")
    anchors = {address: target for address, target in moved.items() if "#" in address}
    result[TABLE] = (json.dumps(anchors, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
    result[SCRIPT] = _environment().get_template("redirection_ancres.js.j2").render().encode("utf-8")
    result[NGINX] = nginx_map(commune_id, addresses, agglomeration_url).encode("utf-8")
    return dict(sorted(result.items()))


def nginx_map(commune_id: str, addresses: list[str], agglomeration_url: str) -> str:
    """A `map` (http block) from each former page path to its new address, for `return 301`."""
    lines = [
        f"# Redirections de l'ancien site de la commune « {commune_id} » vers le site de l'agglomération.",
        "# Généré par « make redirections » : ne pas modifier à la main.",
        "# 1. Incluez ce fichier dans le bloc http { … } de nginx ;",
        "# 2. dans le bloc server { … } de l'ancien domaine, ajoutez :",
        "#      if ($redirection_agglomeration) { return 301 $redirection_agglomeration; }",
        "# Le navigateur garde l'ancre de l'ancienne adresse : une action mène à sa page (les pages",
        f"# HTML de redirection, avec {SCRIPT}, mènent à l'action elle-même).",
        "map $uri $redirection_agglomeration {",
        '    default "";',
    ]
    for page in _pages(addresses):
        target = uris.absolute(agglomeration_url, uris.from_commune_site(commune_id, page))
        paths = ["/"] if page == uris.HOME else ["/" + page]
        if page.endswith("/"):
            paths += ["/" + _file(page), "/" + page.rstrip("/")] if page != uris.HOME else ["/index.html"]
        for path in paths:
            lines.append(f'    "{_nginx_escape(path)}" "{_nginx_escape(target)}";')
    lines.append("}")
    return "\n".join(lines) + "\n"


def _nginx_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')
