"""Addresses never die: the list of every address the site has published (content/adresses.txt),
kept in the repository, and the check that each one still answers.

An address answers when the site still has it, or when it leads to its successor (an objectif
renamed by an avenant: a redirect page). Withdrawn objectifs and actions stay in content with
the avenant that withdrew them, so their page or anchor remains and says so. Anything else that
disappears stops the build, naming the address.

In an agglomeration's folder each commune keeps its list, in the scheme of its own site: its
addresses must answer at their place in the agglomeration's site (agglomeration_uris), where
the redirects of its former domain lead.
"""

from __future__ import annotations

from macros.domain import agglomeration_uris
from macros.domain.agglomeration_model import Agglomeration
from macros.domain.convention import Convention
from macros.reading.errors import ContentProblem
from macros.rendering.pages import GeneratedPage
from macros.domain.uris import objectif_uri, page_url, quartier_uri
from macros.text.typography import of

COMMAND = "make adresses"
_KEEP_HINT = ("Une adresse publiée ne disparaît pas : gardez l'objectif ou l'action dans le contenu avec l'avenant qui le retire "
              "(« retire_par » / « retiree_par »), ou, pour un objectif renommé, indiquez l'ancien identifiant dans « remplace » du nouvel objectif.")
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
            found.append(ContentProblem(source, line, None, f"l'adresse publiée « {address} » n'existe plus sur le site.", _KEEP_HINT))
    missing = sorted(current - set(listed))
    return found, missing


def agglomeration_published(agglomeration: Agglomeration, pages: list[GeneratedPage]) -> set[str]:
    """What an agglomeration's site answers at: its pages, and each commune's actions on their
    quartier's and their objectif's page (an action past an objectif's first page is sent to
    its quartier's by the site's script)."""
    found = {page_url(p.src_uri) or HOME for p in pages}
    for commune in agglomeration.communes:
        for quartier, placement, action in commune.convention.actions():
            found.add(agglomeration_uris.action(commune.id, quartier.id, action.id))
            found.add(agglomeration_uris.action_in_objectif(placement.objectif.id, commune.id, quartier.id, action.id))
    return found


def moved_problems(agglomeration: Agglomeration, merged: Convention, pages: list[GeneratedPage]) -> list[ContentProblem]:
    """Each commune's published addresses (its adresses.txt) that no longer answer in the agglomeration's site."""
    current = agglomeration_published(agglomeration, pages)
    moved = redirects(merged)
    found = []
    for commune in agglomeration.communes:
        for line, address in enumerate(commune.convention.adresses or [], start=1):
            target = agglomeration_uris.from_commune_site(commune.id, address)
            if not _answered(target, current, moved):
                found.append(ContentProblem(
                    commune.convention.sources["adresses"], line, None,
                    f"l'adresse publiée « {address} » {of(commune.nom)} (« {target} » sur le site de l'agglomération) n'existe plus.", _KEEP_HINT))
    return found


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
