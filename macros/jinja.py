"""The Jinja environments of macros/templates/, one per kind of output, shared by every stage.

Markdown pages (render.py) have their own environment: content is escaped by a finalize hook
there, as Markdown needs. Everything else written as HTML (map figures, error pages, redirect
pages and their files) is autoescaped here.
"""

from __future__ import annotations

from functools import lru_cache

import jinja2


@lru_cache(maxsize=1)
def bytecode_cache() -> jinja2.BytecodeCache:
    """Compiled templates kept from one build to the next, ours and the theme's (the MkDocs hook
    gives it to the theme): compiling them again took half a second of every build. Jinja's own
    per-user folder under the system's temporary folder; an edited template has a new checksum
    and is compiled again."""
    return jinja2.FileSystemBytecodeCache()


def environment(**options) -> jinja2.Environment:
    """An environment of macros/templates/: an undefined value is an error, compiled templates are
    kept (bytecode_cache), block tags leave no blank line; `options` add to or change these.
    Templates are code, not content: read once per process, not checked on disk at every use
    (an HTML part of a page is a template rendered some 4 000 times in a large build)."""
    settings = dict(
        loader=jinja2.PackageLoader("macros", "templates"),
        bytecode_cache=bytecode_cache(),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    return jinja2.Environment(**{**settings, **options})


@lru_cache(maxsize=2)
def html(documents: bool = False) -> jinja2.Environment:
    """Autoescaped HTML partials; `documents`: whole files, kept byte for byte (final newline)."""
    if documents:
        return environment(autoescape=True, trim_blocks=False, lstrip_blocks=False, keep_trailing_newline=True)
    return environment(autoescape=True)
