"""Debian's Chromium driven by Playwright, with every request to another host blocked and recorded."""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM_CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    found = shutil.which("chromium")
    if found:
        return found
    raise RuntimeError("Chromium introuvable : lancez `make browser` (paquet Debian chromium).")


@contextmanager
def site_only(browser, url: str, **options):
    """A French browser context on the site served at `url`, any other request refused: there is no
    network here, and the basemap's tiles are not needed to judge a page. `options`: viewport…"""
    context = browser.new_context(locale="fr-FR", base_url=url, **options)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(url) else route.abort())
    try:
        yield context
    finally:
        context.close()


@dataclass
class Traffic:
    """What a page asked for: other hosts are blocked and kept here for assertions."""

    base_host: str
    external: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def attach(self, context, page) -> None:
        def route(route):
            host = urlparse(route.request.url).hostname
            if host in (self.base_host, None) or route.request.url.startswith(("data:", "blob:")):
                route.continue_()
            else:
                self.external.append(route.request.url)
                route.abort()

        context.route("**/*", route)
        self.watch(page)

    def watch(self, page) -> None:
        """Keep the errors of one more page of the attached context."""
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        page.on("pageerror", lambda exc: self.page_errors.append(str(exc)))
