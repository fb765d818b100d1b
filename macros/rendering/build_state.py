"""The site for the current build, loaded once per content change.

MkDocs calls the hook and mkdocs-macros separately; both ask here, so the
content is read and validated once per build, and again only when a file
under content/ changed (live preview).
"""

from __future__ import annotations

import os
from pathlib import Path

from macros.domain.site import Site
from macros.lifecycle import addresses
from macros.reading.site import load_site
from macros.rendering import paper, render
from macros.rendering.components import Components
from macros.rendering.html_blocks import HtmlBlocks
from macros.rendering.pages import GeneratedPage, plan

CONTENT_ENV = "CONVENTION_CONTENU"  # lets tests and benchmarks build another content folder
# Set by the MkDocs hook for `mkdocs serve`: invalid content then shows an error page instead of
# stopping the build. Kept here because MkDocs re-imports the hook module for every rebuild.
live_preview = False


class BuildState:
    # each generated page's HTML parts, from its Markdown (render_page) to its HTML (the hook's on_page_content)
    html_blocks: dict[str, HtmlBlocks]

    def __init__(self, site: Site, settings: dict):
        self.html_blocks = {}
        self._papers: dict[str | None, dict[str, paper.Paper]] = {}
        self.site = site
        self.pages: dict[str, GeneratedPage] = {p.src_uri: p for p in plan(site)}
        # the site's pages use the site's components, a commune's pages (in an agglomeration's site) its own
        self.components: dict[str | None, Components] = {None: Components(site.scope, settings, site)}
        self.components.update({c.id: Components(c.convention, settings, site) for c in site.communes})
        pages = list(self.pages.values())
        # published addresses that no longer answer; new addresses a commune's own site adds to its list
        self.dead_addresses = addresses.dead(site, pages)
        own = site.own.convention if site.own else None  # the one site that keeps a list: a commune's own
        self.new_addresses = [] if own is None or own.adresses is None else addresses.missing(site, pages, own.adresses)

    def papers(self, site_url: str | None) -> dict[str, paper.Paper]:
        """Each commune's convention as a PDF (rendering/paper.py), made once per content and address;
        the printable pages then link it with its size."""
        made = self._papers.get(site_url)
        if made is None:
            made = self._papers[site_url] = paper.papers(self.site, self.components, site_url)
        for page in self.pages.values():
            if "pdfs" in page.context:  # an agglomeration's list of communes links each commune's
                page.context["pdfs"] = {key: {"uri": p.path, "label": p.label} for key, p in made.items()}
            if "pdf" in page.context:
                commune = page.context.get("commune")
                found = made.get(commune.id if commune is not None else self.site.communes[0].id)
                if found is None:
                    continue
                address = (site_url.rstrip("/") + "/" if site_url else "/") + found.path
                page.context["pdf"] = {"uri": found.path, "label": found.label, "address": address}
        return made

    def render_page(self, src_uri: str, site_url: str | None) -> str:
        """The Markdown of generated page `src_uri`; its HTML parts wait in html_blocks for its HTML."""
        markdown, self.html_blocks[src_uri] = render.render_page(self.pages[src_uri], self.site, self.components, site_url)
        return markdown

    def address_problems(self, new_ones_too: bool = True):
        """Content problems of the address list (new addresses: only when the list must be complete)."""
        found = list(self.dead_addresses)
        if new_ones_too and self.new_addresses:
            own = self.site.communes[0].convention  # new addresses: a commune's own site
            found.append(addresses.stale_problem(own.sources["adresses"], self.new_addresses))
        return found


_cache: dict[str, tuple[tuple, BuildState]] = {}


def content_dir(config_dir: str | Path) -> Path:
    configured = os.environ.get(CONTENT_ENV)
    base = Path(config_dir)
    return (base / configured).resolve() if configured else (base / "content").resolve()


def _fingerprint(directory: Path) -> tuple:
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in directory.rglob("*") if p.is_file()))


def get(directory: Path, settings: dict | None = None) -> BuildState:
    """Load (or reuse) the site under `directory`; raises ContentErrors."""
    key = str(directory)
    files = _fingerprint(directory)
    fingerprint = files + (repr(settings),)
    cached = _cache.get(key)
    if cached and cached[0] == fingerprint:
        return cached[1]
    state = BuildState(_checked_site(directory, files), settings or {})
    _cache[key] = (fingerprint, state)
    return state


# `convention build` checks the content, then runs MkDocs in the same process (macros/mkdocs_build.py):
# what it checked is built as it is, not read and validated a second time.
_checked: dict[str, tuple[tuple, Site]] = {}


def keep_checked(directory: Path, site: Site) -> None:
    """The site just checked under `directory`, for the build that follows (until a file changes)."""
    directory = directory.resolve()
    _checked[str(directory)] = (_fingerprint(directory), site)


def _checked_site(directory: Path, files: tuple) -> Site:
    """The site kept by keep_checked if no file changed since (`files`: the folder's fingerprint), else read now."""
    kept = _checked.get(str(directory))
    if kept and kept[0] == files:
        return kept[1]
    return load_site(directory)
