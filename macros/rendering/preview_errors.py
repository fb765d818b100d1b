"""The page the live preview (`make serve`) shows while the content has errors.

Instead of stopping (the browser would wait for a site that never comes), the preview
answers every address with this page: the errors, each with its file and line, and what to
do. It reloads itself on the next save (MkDocs' livereload protocol), so the site comes back
as soon as the content is valid. Rendered from an autoescaped template: content text
quoted in a message is shown as typed.
"""

from __future__ import annotations

from macros import jinja
from macros.reading.errors import ContentProblem
from macros.text import typography


def _environment():
    return jinja.html()


def render(problems: list[ContentProblem], reload_after: int | None = None) -> str:
    """The error page's HTML. `reload_after`: the live preview's clock when it was built
    (MkDocs' livereload epoch); the page reloads once the preview has rebuilt after it."""
    ordered = sorted(problems, key=lambda p: (p.file, p.line or 0, p.field or ""))
    html = _environment().get_template("erreurs-apercu.html.j2").render(problems=ordered, reload_after=reload_after)
    return typography.html(html)  # French spacing, as on every page of the site
