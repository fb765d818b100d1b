"""Addresses never die: the list of every address the site has published (content/adresses.txt),
kept in the repository, and the check that each one still answers.

An address answers when the site still has it, or when it leads to its successor (an objectif
renamed by an avenant: a redirect page). Withdrawn objectifs and actions stay in content with
the avenant that withdrew them, so their page or anchor remains and says so. Anything else that
disappears stops the build, naming the address.

In an agglomeration's folder each commune keeps its list, in the scheme of its own site: its
addresses must answer at their place in the agglomeration's site (domain/uris.py), where
the redirects of its former domain lead.
"""

from __future__ import annotations

from macros.domain.convention import Scope
from macros.domain.site import Site
from macros.domain.uris import HOME, objectif_uri, page_url
from macros.reading.errors import ContentProblem
from macros.text.typography import of

COMMAND = "make adresses"
_KEEP_HINT = (
    "Une adresse publiée ne disparaît pas : gardez l'objectif ou l'action dans le contenu avec l'avenant qui le retire "
    "(« retire_par » / « retiree_par »), ou, pour un objectif renommé, indiquez l'ancien identifiant dans « remplace » du nouvel objectif."
)


def published(site: Site, pages: list) -> set[str]:
    """Every address partners may keep: pages (not the 2nd, 3rd… page of a long list) and each
    commune's actions, on their quartier's and their objectif's page. (An action past an
    objectif's first page is sent to its quartier's by the site's script.)"""
    found = {page_url(p.src_uri) or HOME for p in pages if getattr(p.context.get("paging"), "number", 1) == 1}
    s = site.addresses
    for commune in site.communes:
        for quartier, placement, action in commune.convention.actions():
            found.add(s.action(commune.id, quartier.id, action.id))
            found.add(s.action_in_objectif(commune.id, placement.objectif.id, quartier.id, action.id))
    return found


def redirects(scope: Scope) -> dict[str, str]:
    """Former page address → its successor's (objectifs renamed by an avenant)."""
    return {page_url(objectif_uri(old)): page_url(objectif_uri(new.id)) for old, new in sorted(scope.replaced.items())}


def _answered(address: str, current: set[str], moved: dict[str, str]) -> bool:
    page, _, anchor = address.partition("#")
    if address in current:
        return True
    if page in moved:  # the redirect keeps the anchor: it must exist on the successor's page
        successor = moved[page] + (f"#{anchor}" if anchor else "")
        return successor in current
    return False


def dead(site: Site, pages: list) -> list[ContentProblem]:
    """Each commune's published addresses (its adresses.txt, in the scheme of its own site) that
    no longer answer at their place in this site."""
    current = published(site, pages)
    moved = redirects(site.scope)
    found = []
    for commune in site.communes:
        for line, listed in enumerate(commune.convention.adresses or [], start=1):
            target = site.addresses.moved(commune.id, listed)
            if _answered(target, current, moved):
                continue
            if target == listed:
                message = f"l'adresse publiée « {listed} » n'existe plus sur le site."
            else:
                message = f"l'adresse publiée « {listed} » {of(commune.nom)} (« {target} » sur le site de l'agglomération) n'existe plus."
            found.append(ContentProblem(commune.convention.sources["adresses"], line, None, message, _KEEP_HINT))
    return found


def missing(own_site: Site, pages: list, listed: list[str]) -> list[str]:
    """The addresses of a commune's own site (`own_site`, `pages`) its list lacks."""
    return sorted(published(own_site, pages) - set(listed))


def stale_problem(source: str, missing: list[str]) -> ContentProblem:
    shown = ", ".join(missing[:3]) + (" …" if len(missing) > 3 else "")
    count = f"{len(missing)} nouvelles adresses" if len(missing) > 1 else "1 nouvelle adresse"
    return ContentProblem(
        source,
        None,
        None,
        f"la liste des adresses publiées n'est pas à jour : {count} n'y figure{'nt' if len(missing) > 1 else ''} pas ({shown}).",
        f"Lancez « {COMMAND} » pour les y ajouter, puis enregistrez le fichier avec vos modifications.",
    )


def updated_list(own_site: Site, pages: list, listed: list[str] | None) -> list[str]:
    """A commune's list with the new addresses of its own site (`own_site`, `pages`) added; an
    address once published is never removed."""
    return sorted(set(listed or []) | published(own_site, pages))


def render(addresses: list[str]) -> str:
    return "".join(f"{address}\n" for address in addresses)
