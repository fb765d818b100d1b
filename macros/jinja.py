"""The Jinja environments of macros/templates/, one per kind of output, shared by every stage.

Markdown pages (render.py) have their own environment: content is escaped by a finalize hook
there, as Markdown needs. Everything else written as HTML (map figures, error pages, redirect
pages and their files) is autoescaped here.
"""

from __future__ import annotations

from functools import lru_cache

import jinja2


@lru_cache(maxsize=2)
def html(documents: bool = False) -> jinja2.Environment:
    """Autoescaped HTML partials; `documents`: whole files, kept byte for byte (final newline)."""
    if documents:
        return jinja2.Environment(loader=jinja2.PackageLoader("macros", "templates"), autoescape=True,
                                  undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    return jinja2.Environment(loader=jinja2.PackageLoader("macros", "templates"), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
