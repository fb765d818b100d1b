"""Addresses never die: the list of every address the site has published (content/adresses.txt),
kept in the repository, and the check that each one still answers.

An address answers when the site still has it, or when it leads to its successor (an objectif
renamed by an avenant: a redirect page). Withdrawn objectifs and actions stay in content with
the avenant that withdrew them, so their page or anchor remains and says so. Anything else that
disappears stops the build, naming the address.
"""

from __future__ import annotations

from macros.domain.convention import Convention
from macros.reading.errors import ContentProblem
from macros.rendering.pages import GeneratedPage
from macros.domain.uris import objectif_uri, page_url, quartier_uri

COMMAND = "make adresses"
HOME = "./"  # the home page's address, relative to the site's root like the others


def published(convention: Convention, pages: list[GeneratedPage]) -> list[str]:
    """Every address partners may keep: pages (not the 2nd, 3rd… page of a long list) and actions."""
    found = {page_url(p.src_uri) or HOME for p in pages if getattr(p.context.get("paging"), "number", 1) == 1}
    for quartier, placement, action in convention.actions():
        found.add(f"{page_url(quartier_uri(quartier.id))}#action-{action.id}")
        found.add(f"{page_url(objectif_uri(placement.objectif.id))}#{quartier.id}--{action.id}")
    return sorted(found)


def redirects(convention: Convention) -> dict[str, str]:
    """Former page address → its successor's (objectifs renamed by an avenant)."""
    return {page_url(objectif_uri(old)): page_url(objectif_uri(new.id)) for old, new in sorted(convention.replaced.items())}


def _answered(address: str, current: set[str], moved: dict[str, str]) -> bool:
    page, _, anchor = address.partition("#")
    if address in current:
        return True
    if page in moved:  # the redirect keeps the anchor: it must exist on the successor's page
        successor = moved[page] + (f"#{anchor}" if anchor else "")
        return successor in current
    return False


def problems(convention: Convention, pages: list[GeneratedPage], source: str, listed: list[str]) -> tuple[list[ContentProblem], list[str]]:
    """(addresses that no longer answer, as content problems; new addresses missing from the list)."""
    current = set(published(convention, pages))
    moved = redirects(convention)
    found = []
    for line, address in enumerate(listed, start=1):
        if not _answered(address, current, moved):
            found.append(ContentProblem(
                source, line, None, f"l'adresse publiée « {address} » n'existe plus sur le site.",
                "Une adresse publiée ne disparaît pas : gardez l'objectif ou l'action dans le contenu avec l'avenant qui le retire "
                "(« retire_par » / « retiree_par »), ou, pour un objectif renommé, indiquez l'ancien identifiant dans « remplace » du nouvel objectif."))
    missing = sorted(current - set(listed))
    return found, missing


def stale_problem(source: str, missing: list[str]) -> ContentProblem:
    shown = ", ".join(missing[:3]) + (" …" if len(missing) > 3 else "")
    count = f"{len(missing)} nouvelles adresses" if len(missing) > 1 else "1 nouvelle adresse"
    return ContentProblem(source, None, None,
                          f"la liste des adresses publiées n'est pas à jour : {count} n'y figure{'nt' if len(missing) > 1 else ''} pas ({shown}).",
                          f"Lancez « {COMMAND} » pour les y ajouter, puis enregistrez le fichier avec vos modifications.")


def updated_list(convention: Convention, pages: list[GeneratedPage], listed: list[str] | None) -> list[str]:
    """The list with the new addresses added; an address once published is never removed."""
    return sorted(set(listed or []) | set(published(convention, pages)))


def render(addresses: list[str]) -> str:
    return "".join(f"{address}\n" for address in addresses)
