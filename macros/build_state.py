"""The convention for the current build, loaded once per content change.

MkDocs calls the hook and mkdocs-macros separately; both ask here, so the
content is read and validated once per build, and again only when a file
under content/ changed (live preview).
"""

from __future__ import annotations

import os
from pathlib import Path

from .components import Components
from .convention import Convention
from .loader import load_convention
from .pages import GeneratedPage, plan

CONTENT_ENV = "CONVENTION_CONTENU"  # lets tests and benchmarks build another content folder
# Set by the MkDocs hook for `mkdocs serve`: invalid content then shows an error page instead of
# stopping the build. Kept here because MkDocs re-imports the hook module for every rebuild.
live_preview = False


class BuildState:
    def __init__(self, convention: Convention, settings: dict):
        self.convention = convention
        self.pages: dict[str, GeneratedPage] = {p.src_uri: p for p in plan(convention)}
        self.components = Components(convention, settings)


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
    fingerprint = _fingerprint(directory) + (repr(settings),)
    cached = _cache.get(key)
    if cached and cached[0] == fingerprint:
        return cached[1]
    state = BuildState(load_convention(directory), settings or {})
    _cache[key] = (fingerprint, state)
    return state
