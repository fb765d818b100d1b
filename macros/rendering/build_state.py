"""The convention for the current build, loaded once per content change.

MkDocs calls the hook and mkdocs-macros separately; both ask here, so the
content is read and validated once per build, and again only when a file
under content/ changed (live preview).
"""

from __future__ import annotations

import os
from pathlib import Path

from macros.lifecycle import addresses
from macros.rendering import agglomeration_pages, agglomeration_render, render
from macros.reading.agglomeration import is_agglomeration, load_agglomeration
from macros.domain.agglomeration_model import Agglomeration
from macros.rendering.components import Components
from macros.rendering.html_blocks import HtmlBlocks
from macros.domain.convention import Convention
from macros.reading.loader import load_convention
from macros.rendering.pages import GeneratedPage, plan

CONTENT_ENV = "CONVENTION_CONTENU"  # lets tests and benchmarks build another content folder
# Set by the MkDocs hook for `mkdocs serve`: invalid content then shows an error page instead of
# stopping the build. Kept here because MkDocs re-imports the hook module for every rebuild.
live_preview = False


class BuildState:
    # each generated page's HTML parts, from its Markdown (render_page) to its HTML (the hook's on_page_content)
    html_blocks: dict[str, HtmlBlocks]

    def __init__(self, convention: Convention, settings: dict):
        self.html_blocks = {}
        self.convention = convention
        self.pages: dict[str, GeneratedPage] = {p.src_uri: p for p in plan(convention)}
        self.components = Components(convention, settings)
        # published addresses that no longer answer; new addresses the list lacks
        self.dead_addresses, self.new_addresses = [], []
        if convention.adresses is not None:
            self.dead_addresses, self.new_addresses = addresses.problems(
                convention, list(self.pages.values()), convention.sources["adresses"], convention.adresses)

    agglomeration: Agglomeration | None = None  # set by AgglomerationBuildState only

    def render_page(self, src_uri: str, site_url: str | None) -> str:
        """The Markdown of generated page `src_uri`; its HTML parts wait in html_blocks for its HTML."""
        markdown, self.html_blocks[src_uri] = render.render_page(self.pages[src_uri], self.convention, self.components, site_url)
        return markdown

    def address_problems(self, new_ones_too: bool = True):
        """Content problems of the address list (new addresses: only when the list must be complete)."""
        found = list(self.dead_addresses)
        if new_ones_too and self.new_addresses:
            found.append(addresses.stale_problem(self.convention.sources["adresses"], self.new_addresses))
        return found


class AgglomerationBuildState(BuildState):
    """An agglomeration's site: `convention` merges every commune (agglomeration_pages), so that the
    hook, the legal pages and the pages across communes read it as they read one convention;
    each commune keeps its own convention and components for the pages about it."""

    def __init__(self, agglomeration: Agglomeration, settings: dict):
        self.html_blocks = {}
        self.agglomeration = agglomeration
        self.convention = agglomeration_pages.merged_convention(agglomeration)
        self.pages = {p.src_uri: p for p in agglomeration_pages.plan(agglomeration, self.convention)}
        self.components = Components(self.convention, settings, agglomeration)
        self.commune_components = {c.id: Components(c.convention, settings) for c in agglomeration.communes}
        # each commune's published addresses, at their place in this site; new ones are listed by
        # `make adresses` on the folder (each commune's list, in the scheme of its own site)
        self.dead_addresses = addresses.moved_problems(agglomeration, self.convention, list(self.pages.values()))
        self.new_addresses = []

    def render_page(self, src_uri: str, site_url: str | None) -> str:
        markdown, self.html_blocks[src_uri] = agglomeration_render.render_page(
            self.pages[src_uri], self.convention, self.components, self.commune_components, site_url)
        return markdown


_cache: dict[str, tuple[tuple, BuildState]] = {}


def content_dir(config_dir: str | Path) -> Path:
    configured = os.environ.get(CONTENT_ENV)
    base = Path(config_dir)
    return (base / configured).resolve() if configured else (base / "content").resolve()


def _fingerprint(directory: Path) -> tuple:
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in directory.rglob("*") if p.is_file()))


def get(directory: Path, settings: dict | None = None) -> BuildState:
    """Load (or reuse) the convention under `directory`; raises ContentErrors."""
    key = str(directory)
    files = _fingerprint(directory)
    fingerprint = files + (repr(settings),)
    cached = _cache.get(key)
    if cached and cached[0] == fingerprint:
        return cached[1]
    content = _checked_content(directory, files)
    if isinstance(content, Agglomeration):
        state: BuildState = AgglomerationBuildState(content, settings or {})
    else:
        state = BuildState(content, settings or {})
    _cache[key] = (fingerprint, state)
    return state


# `convention build` checks the content, then runs MkDocs in the same process (macros/mkdocs_build.py):
# what it checked is built as it is, not read and validated a second time.
_checked: dict[str, tuple[tuple, Convention | Agglomeration]] = {}


def keep_checked(directory: Path, content: Convention | Agglomeration) -> None:
    """The content just checked under `directory`, for the build that follows (until a file changes)."""
    directory = directory.resolve()
    _checked[str(directory)] = (_fingerprint(directory), content)


def _checked_content(directory: Path, files: tuple) -> Convention | Agglomeration:
    """The content kept by keep_checked if no file changed since (`files`: the folder's fingerprint), else read now."""
    kept = _checked.get(str(directory))
    if kept and kept[0] == files:
        return kept[1]
    return load_agglomeration(directory) if is_agglomeration(directory) else load_convention(directory)
