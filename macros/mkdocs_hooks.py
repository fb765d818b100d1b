"""MkDocs hook: a thin adapter between MkDocs and the plain-Python core.

on_config loads and validates the content (stopping the build with the French
report if anything is wrong), names the site and builds the nav; on_files adds
one generated page per item, each pointing its edit link at its content file.
In the live preview (`mkdocs serve`), invalid content does not stop the server: the
site becomes one error page (macros/rendering/preview_errors.py) answering every address; MkDocs'
warnings (a broken link…) are repeated in French in the terminal (macros/rendering/build_log.py).
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from pathlib import Path

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from macros import jinja
from macros.data import editor_config, exports
from macros.domain import uris
from macros.lifecycle import feed, redirects
from macros.reading.errors import ContentErrors, format_report, relative
from macros.rendering import build_log, build_state, pages, paper, preview_errors, search_index, search_view, site_address, theme_html
from macros.text import glossary, typography

log = logging.getLogger("mkdocs.hooks.convention")

_state: build_state.BuildState | None = None
_errors: ContentErrors | None = None  # live preview only: the content's errors, shown as the site
_acronyms: dict[str, str] = {}  # glossary acronym → explanation, computed once per build


def _settings(config: MkDocsConfig) -> dict:
    return dict(config.extra.get("convention", {}) or {})


def _content_dir(config: MkDocsConfig) -> Path:
    return build_state.content_dir(Path(config.config_file_path).parent if config.config_file_path else Path("."))


def on_startup(command: str, dirty: bool) -> None:
    # MkDocs reloads this module for every rebuild of the preview but calls on_startup once:
    # the flag lives in the core module that outlives the rebuilds.
    build_state.live_preview = command == "serve"


@event_priority(100)  # before the plugins: the privacy plugin reads site_url in its own on_config
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _state, _errors
    directory = _content_dir(config)
    if str(directory) not in config.watch:
        config.watch.append(str(directory))  # before any error: the preview must see the fix
    if build_state.live_preview:
        build_log.start_collecting(logging.getLogger("mkdocs"))
    _state, _errors = None, None
    try:
        _state = build_state.get(directory, _settings(config))
    except ContentErrors as errors:
        if not build_state.live_preview:
            raise Abort(str(errors)) from None
        # printed, not logged: a logged warning would fail the strict build, and the preview would stall
        print(str(errors), file=sys.stderr)
        _errors = errors
        return config
    # A published address that no longer answers stops the build; new addresses are added to the
    # list by `convention check`/`build` (macros/cli.py), never a reason to fail.
    address_problems = _state.address_problems(new_ones_too=False)
    if address_problems:
        if not build_state.live_preview:
            raise Abort(str(ContentErrors(address_problems)))
        _errors = ContentErrors(address_problems)
        print(str(_errors), file=sys.stderr)
        return config
    if build_state.live_preview and _state.new_addresses:
        print("Nouvelles adresses : « make check » ou « make adresses » les ajoutera à la liste des adresses publiées.", file=sys.stderr)
    site = _state.site
    identity = site.identity
    _acronyms.clear()
    _acronyms.update(glossary.abbreviations(site.glossaire))
    # the theme prints these as HTML (see _html_text); the copyright, it escapes itself
    kind = pages.site_kind(site)
    periode = f"{identity.periode.debut}-{identity.periode.fin}"
    words = {"nom": identity.nom, "titre": identity.titre, "sous_titre": identity.sous_titre, "periode": periode}
    config.site_name = _html_text(kind["site_name"].format(**words))
    config.site_description = _html_text(kind["site_description"].format(**words))
    config.extra["version_imprimable"] = kind["printable"]
    config.site_author = _html_text(identity.publication.editeur)
    config.copyright = f"{identity.publication.editeur} — contenu publié sous Licence Ouverte 2.0"
    if not build_state.live_preview:  # serve has already set site_url to the address it serves
        config.site_url = _site_url(config, directory, identity.publication.url)
    # the header's name (overrides/partials/header.html): whom the site is about, over the contrat's title
    config.extra["entete"] = {"nom": _html_text(identity.nom), "titre": _html_text(typography.text(identity.titre))}
    config.extra["accessibilite_statut"] = identity.accessibilite.statut  # footer (overrides/partials/copyright.html)
    config.extra["flux_historique"] = uris.FEED_PATH  # <link rel="alternate"> of every page (overrides/main.html)
    hand_written = list(config.nav or [])
    pages.list_hand_written(_state.pages, hand_written)
    config.nav = _escaped_nav(pages.nav(site, list(_state.pages.values()), hand_written))
    return config


def _site_url(config: MkDocsConfig, directory: Path, content_url: str | None) -> str:
    """publication.url, unless SITE_URL overrides it (mkdocs.yml reads it into site_url)."""
    contrat_file = relative(directory / "contrat.yaml", Path.cwd())
    try:
        return site_address.choose(
            config.site_url, content_url, preview=site_address.preview_requested(os.environ), contrat_file=contrat_file
        )
    except site_address.AddressError as error:
        raise Abort(format_report([error.problem])) from None


def _edition_port() -> int:
    """The port of the form editor's local server (`make edition`; tests start their own)."""
    value = os.environ.get("CONVENTION_EDITION_PORT", "")
    return int(value) if value.isdigit() else editor_config.LOCAL_PORT


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if _errors is not None:  # live preview of invalid content: no page, the error page comes after the build
        return Files([file for file in files if not file.is_documentation_page()])
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
    generated = {
        **exports.files(_state.site, config.site_url, config.use_directory_urls),
        **redirects.files(_state.site.scope),
        **feed.feeds(_state.site, config.site_url),
        # the form editor's configuration (admin/), made from the content model
        **editor_config.files(_state.site, _content_dir(config).name, config.site_url, _edition_port()),
    }
    for path, content in generated.items():
        files.append(File.generated(config, path, content=content))
    # the whole convention on paper, one PDF per commune (rendering/paper.py), linked with its size
    # from the printable pages and, on a commune's site, from every page's footer. Not in the live
    # preview: some 4 s of WeasyPrint after every save, where a change must show within 2 s (bench/).
    try:
        papers = {} if build_state.live_preview or not paper.wanted(os.environ) else _state.papers(config.site_url)
    except paper.PaperUnavailable as error:
        raise Abort(str(error)) from None
    for made in papers.values():
        files.append(File.generated(config, made.path, content=made.content))
    config.extra.pop("convention_pdf", None)
    own = _state.site.own
    if own is not None and own.id in papers:
        made = papers[own.id]
        config.extra["convention_pdf"] = {"adresse": made.path, "libelle": f"Convention complète ({made.label})"}
    # the shapes each map fetches, one file per map
    for path, content in _state.components[None].map_files().items():
        files.append(File.generated(config, path, content=content))
    return files


def _html_text(value: str) -> str:
    """Content text as the theme needs it: MkDocs' templates print titles and descriptions as HTML,
    unescaped (`&amp;` would show as « & », `<b>` in bold), and mkdocs-macros renders a title
    holding `{{` as Jinja: entities keep every character as typed."""
    return str(escape(value)).replace("{", "&#123;").replace("}", "&#125;")


def _escaped_nav(entries: list) -> list:
    """The nav with its titles as HTML text (see _html_text)."""
    result = []
    for entry in entries:
        if isinstance(entry, dict):
            result.append(
                {_html_text(title): _escaped_nav(target) if isinstance(target, list) else target for title, target in entry.items()}
            )
        else:
            result.append(entry)
    return result


def _markdown_stub(page: pages.GeneratedPage) -> str:
    # rendered by on_page_markdown, not by mkdocs-macros (which compiled every page as a template)
    meta = {"title": _html_text(page.title), "render_macros": False}
    if page.description:
        meta["description"] = _html_text(page.description)
    # JSON is valid YAML: titles with « : » or quotes stay intact in the front matter.
    if not page.searchable:
        meta["search"] = {"exclude": True}
    if page.parents:
        meta["ariane"] = _trail(page.parents)
    if page.crumb:
        meta["ariane_page"] = _html_text(typography.text(page.crumb))
    if page.own_toc:  # its « Sur cette page » sommaire is the page's table of contents
        meta["hide"] = ["toc"]
    header = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items())
    return f"---\n{header}\n---\n"


def _trail(parents: list[tuple[str, str | None]]) -> list[dict[str, str]]:
    """The breadcrumb as the theme draws it (overrides/partials/fil-ariane.html): each page above
    this one with its address from the site root (none for a menu section); the theme adds the page."""
    return [
        {"titre": _html_text(typography.text(title))} | ({"adresse": uris.page_url(uri) or "./"} if uri else {}) for title, uri in parents
    ]


def on_page_markdown(markdown: str, page, config: MkDocsConfig, files: Files) -> str:
    """A generated page's Markdown, from its template (rendering/render.py); a hand-written page
    (docs/: legal pages) gets its breadcrumb below the home page."""
    if _state is None or page.file.src_uri not in _state.pages:
        if not page.is_homepage and page.meta is not None and "ariane" not in page.meta:
            page.meta["ariane"] = _trail([pages.HOME_CRUMB])
        return markdown
    return _state.render_page(page.file.src_uri, config.site_url)


def on_page_content(html: str, page, config: MkDocsConfig, files: Files) -> str:
    """A generated page's HTML parts put back (rendering/html_blocks.py), then French spacing in the
    text of every page and glossary acronyms explained (hover and focus)."""
    blocks = _state.html_blocks.pop(page.file.src_uri, None) if _state is not None else None
    if blocks is not None:
        html = blocks.restore(html)
        page.present_anchor_ids = set(page.present_anchor_ids or ()) | blocks.anchor_ids()
    return glossary.explain(typography.html(html), _acronyms)


# A page's own HTML while Material's search plugin indexes its search view (rendering/search_view.py)
_own_html: dict[str, str] = {}


@event_priority(50)  # before Material's search plugin
def _search_view(context, page, config: MkDocsConfig, nav):
    view = search_view.without_excluded(page.content)
    if view is not page.content:
        _own_html[page.file.src_uri], page.content = page.content, view
    return context


@event_priority(-50)  # after it: the page is written with its own HTML
def _own_html_back(context, page, config: MkDocsConfig, nav):
    own = _own_html.pop(page.file.src_uri, None)
    if own is not None:
        page.content = search_view.indexed_page(own)
    return context


on_page_context = CombinedEvent(_search_view, _own_html_back)


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    """Material's frame, valid for the W3C checker (macros/rendering/theme_html.py)."""
    return theme_html.conform(output)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """The same for the pages made from a theme template alone (404.html)."""
    return theme_html.conform(output) if template_name.endswith(".html") else output


def on_build_error(error: Exception) -> None:
    build_log.stop_collecting(logging.getLogger("mkdocs"))


def on_env(env, config: MkDocsConfig, files: Files):
    """The theme's templates compiled once for every build (macros/jinja.py: bytecode_cache)."""
    env.bytecode_cache = jinja.bytecode_cache()
    return env


def on_post_build(config: MkDocsConfig) -> None:
    """Runs after Material's search plugin (hooks come after plugins): index loaded on first search."""
    warnings = build_log.stop_collecting(logging.getLogger("mkdocs"))
    if warnings and _state is not None:
        sources = {page.src_uri: page.source for page in _state.pages.values()}
        report = build_log.preview_report(warnings, sources, _content_dir(config).parent)
        print(report, file=sys.stderr)
    if _errors is not None:
        # mkdocs serve answers an unknown address with 404.html: every address shows the errors.
        # The page reloads after the next rebuild, whose livereload epoch is MkDocs' monotonic
        # clock in milliseconds when it starts (mkdocs.livereload._timestamp), hence later than now.
        html = preview_errors.render(_errors.problems, reload_after=round(time.monotonic() * 1000))
        for name in ("index.html", "404.html"):
            (Path(config.site_dir) / name).write_text(html, encoding="utf-8")
        return
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.exists():
        search_index.split(index)
