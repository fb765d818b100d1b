"""MkDocs hook: a thin adapter between MkDocs and the plain-Python core.

on_config loads and validates the content (stopping the build with the French
report if anything is wrong), names the site and builds the nav; on_files adds
one generated page per item, each pointing its edit link at its content file.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel

from macros import build_state, exports, feed, redirects, glossary, pages, search_index, typography, uris
from macros.errors import ContentErrors

log = logging.getLogger("mkdocs.hooks.convention")

_state: build_state.BuildState | None = None
_acronyms: dict[str, str] = {}  # glossary acronym → explanation, computed once per build
_command = "build"  # mkdocs build / serve / gh-deploy


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def _settings(config: MkDocsConfig) -> dict:
    return dict(config.extra.get("convention", {}) or {})


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _state
    directory = build_state.content_dir(Path(config.config_file_path).parent if config.config_file_path else Path("."))
    try:
        _state = build_state.get(directory, _settings(config))
    except ContentErrors as errors:
        raise Abort(str(errors)) from None
    # In the live preview a new objectif or action need not be listed yet; a build must list it.
    previewing = _command == "serve"
    address_problems = _state.address_problems(new_ones_too=not previewing)
    if address_problems:
        raise Abort(str(ContentErrors(address_problems)))
    if previewing and _state.new_addresses:
        log.info("Nouvelles adresses à ajouter avant publication : lancez « make adresses ».")
    contrat = _state.convention.contrat
    _acronyms.clear()
    _acronyms.update(glossary.abbreviations(_state.convention.glossaire))
    config.site_name = f"{contrat.titre} — {contrat.commune.nom}"
    config.site_description = f"{contrat.sous_titre} de {contrat.commune.nom}, {contrat.periode.debut}-{contrat.periode.fin}"
    config.site_author = contrat.publication.editeur
    config.copyright = f"{contrat.publication.editeur} — contenu publié sous Licence Ouverte 2.0"
    config.extra["accessibilite_statut"] = contrat.accessibilite.statut  # footer (overrides/partials/copyright.html)
    config.extra["flux_historique"] = uris.FEED_PATH  # <link rel="alternate"> of every page (overrides/main.html)
    hand_written = list(config.nav or [])
    pages.list_hand_written(_state.pages, hand_written)
    config.nav = pages.nav(_state.convention, list(_state.pages.values()), hand_written)
    if str(directory) not in config.watch:
        config.watch.append(str(directory))
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _state is not None
    for file in files:
        if file.is_documentation_page():
            file.edit_uri = f"docs/{file.src_uri}"
    for page in _state.pages.values():
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        existing = files.get_file_from_path(page.src_uri)
        if existing is not None:
            files.remove(existing)
        generated = File.generated(config, page.src_uri, content=_markdown_stub(page), inclusion=inclusion)
        generated.edit_uri = page.source
        files.append(generated)
    # open data files, part of the site like any asset: pages link to them and MkDocs checks the links
    for path, content in exports.files(_state.convention, config.site_url, config.use_directory_urls).items():
        files.append(File.generated(config, path, content=content))
    for path, content in redirects.files(_state.convention).items():
        files.append(File.generated(config, path, content=content))
    files.append(File.generated(config, uris.FEED_PATH, content=feed.atom(_state.convention, config.site_url)))
    # the shapes each map fetches, one file per map
    for path, content in _state.components.map_files().items():
        files.append(File.generated(config, path, content=content))
    return files


def _markdown_stub(page: pages.GeneratedPage) -> str:
    meta = {"title": page.title}
    if page.description:
        meta["description"] = page.description
    # JSON is valid YAML: titles with « : » or quotes stay intact in the front matter.
    if not page.searchable:
        meta["search"] = {"exclude": True}
    header = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items())
    return f"---\n{header}\n---\n\n{{{{ generated_page() }}}}\n"


def on_page_content(html: str, page, config: MkDocsConfig, files: Files) -> str:
    """French spacing in the text of every page, then glossary acronyms explained (hover and focus)."""
    return glossary.explain(typography.html(html), _acronyms)


def on_post_build(config: MkDocsConfig) -> None:
    """Runs after Material's search plugin (hooks come after plugins): index loaded on first search."""
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.exists():
        search_index.split(index)
