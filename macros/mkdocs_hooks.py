"""MkDocs hook: a thin adapter between MkDocs and the plain-Python core.

on_config loads and validates the content (stopping the build with the French
report if anything is wrong), names the site and builds the nav; on_files adds
one generated page per item, each pointing its edit link at its content file.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from macros import build_state, exports, glossary, pages, search_index, site_address, typography
from macros.errors import ContentErrors, format_report, relative

log = logging.getLogger("mkdocs.hooks.convention")

_state: build_state.BuildState | None = None
_acronyms: dict[str, str] = {}  # glossary acronym → explanation, computed once per build
_serving = False  # `mkdocs serve`: a preview, on the address MkDocs serves it at


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def _settings(config: MkDocsConfig) -> dict:
    return dict(config.extra.get("convention", {}) or {})


@event_priority(100)  # before the plugins: the privacy plugin reads site_url in its own on_config
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _state
    directory = build_state.content_dir(Path(config.config_file_path).parent if config.config_file_path else Path("."))
    try:
        _state = build_state.get(directory, _settings(config))
    except ContentErrors as errors:
        raise Abort(str(errors)) from None
    contrat = _state.convention.contrat
    _acronyms.clear()
    _acronyms.update(glossary.abbreviations(_state.convention.glossaire))
    config.site_name = f"{contrat.titre} — {contrat.commune.nom}"
    config.site_description = f"{contrat.sous_titre} de {contrat.commune.nom}, {contrat.periode.debut}-{contrat.periode.fin}"
    config.site_author = contrat.publication.editeur
    config.copyright = f"{contrat.publication.editeur} — contenu publié sous Licence Ouverte 2.0"
    if not _serving:  # serve has already set site_url to the address it serves
        config.site_url = _site_url(config, directory, contrat.publication.url)
    config.extra["accessibilite_statut"] = contrat.accessibilite.statut  # footer (overrides/partials/copyright.html)
    hand_written = list(config.nav or [])
    pages.list_hand_written(_state.pages, hand_written)
    config.nav = pages.nav(_state.convention, list(_state.pages.values()), hand_written)
    if str(directory) not in config.watch:
        config.watch.append(str(directory))
    return config


def _site_url(config: MkDocsConfig, directory: Path, content_url: str | None) -> str:
    """publication.url, unless SITE_URL overrides it (mkdocs.yml reads it into site_url)."""
    contrat_file = relative(directory / "contrat.yaml", Path.cwd())
    try:
        return site_address.choose(config.site_url, content_url, preview=site_address.preview_requested(os.environ),
                                   contrat_file=contrat_file)
    except site_address.AddressError as error:
        raise Abort(format_report([error.problem])) from None


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
