"""What Chromium really fetches on a first view: the check of weight.first_view.

Each page opens in a fresh browser context (cold cache) served from
127.0.0.1; every response is recorded, including the search worker's, and
other hosts (map tiles) are blocked and listed. Sizes are those of the files
on disk, gzipped like weight.py does, so both sides compare file for file.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from weight import sizes

from tests.support.browser import CHROMIUM_ARGS, chromium_path
from tests.support.server import StaticServer

SETTLE_SECONDS = 1.0  # Material starts its search worker after load


@dataclass
class Observed:
    page: str
    files: dict[str, int] = field(default_factory=dict)  # site path → gzip bytes
    blocked: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # answered 404
    error: str | None = None

    @property
    def gzip(self) -> int:
        return sum(self.files.values())

    def to_json(self) -> dict:
        return {
            "page": self.page,
            "gzip": self.gzip,
            "files": self.files,
            "blocked": self.blocked,
            "missing": self.missing,
            "error": self.error,
        }


PHONE = {"width": 375, "height": 812}  # the first view of a reader on a phone


def observe(site: Path, pages: list[str], timeout_s: float = 60, viewport: dict | None = None) -> dict[str, Observed]:
    """Open each page (site-relative `…/index.html`) in Chromium and record what it loads,
    in a window of `viewport` (Playwright's 1280×720 by default; PHONE for a phone's)."""
    from playwright.sync_api import Error, sync_playwright

    results: dict[str, Observed] = {}
    with StaticServer(site) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        origin = urlsplit(server.url).netloc
        try:
            for page in pages:
                observed = results[page] = Observed(page)
                options = {"viewport": viewport, "is_mobile": True, "has_touch": True} if viewport else {}
                context = browser.new_context(locale="fr-FR", **options)
                context.route("**/*", lambda route: _route(route, origin, observed))
                context.on("requestfinished", lambda request: _record(request, origin, site, observed))
                tab = context.new_page()
                tab.set_default_timeout(timeout_s * 1000)
                try:
                    address = server.url + (page[: -len("index.html")] if page.endswith("index.html") else page)
                    tab.goto(address, wait_until="load")
                    tab.wait_for_load_state("networkidle")
                    time.sleep(SETTLE_SECONDS)
                    tab.wait_for_load_state("networkidle")
                except Error as exc:
                    observed.error = str(exc).splitlines()[0]
                finally:
                    context.close()
        finally:
            browser.close()
    return results


def _route(route, origin: str, observed: Observed) -> None:
    url = route.request.url
    if url.startswith(("data:", "blob:")) or urlsplit(url).netloc == origin:
        route.continue_()
    else:
        observed.blocked.append(url)
        route.abort()


def _record(request, origin: str, site: Path, observed: Observed) -> None:
    parts = urlsplit(request.url)
    if parts.netloc != origin:
        return
    path = parts.path.lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index.html"
    response = request.response()
    if response is not None and response.status >= 400:
        observed.missing.append(path)
        return
    file = site / path
    if file.is_file():
        observed.files[path] = sizes(file)[1]
