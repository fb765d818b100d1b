"""Shared fixtures: one real build of the site per test worker, served on localhost."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.support.browser import CHROMIUM_ARGS, Traffic, chromium_path
from tests.support.server import StaticServer
from tests.support.sitebuild import ROOT, build_site


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The real content built through MkDocs --strict, once per worker."""
    target = tmp_path_factory.mktemp("site")
    result = build_site(target)
    assert result.returncode == 0, f"mkdocs build a échoué :\n{result.stdout}\n{result.stderr}"
    return target


@pytest.fixture(scope="session")
def site_url(site_dir) -> str:
    with StaticServer(site_dir) as server:
        yield server.url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def traffic(site_url) -> Traffic:
    return Traffic(urlparse(site_url).hostname)


@pytest.fixture
def page(browser, traffic, site_url):
    """A fresh browser page (French locale, phone-sized if asked) that blocks other hosts."""
    context = browser.new_context(locale="fr-FR", base_url=site_url)
    tab = context.new_page()
    traffic.attach(context, tab)
    yield tab
    context.close()


def read_html(site_dir: Path, path: str) -> str:
    return (site_dir / path).read_text(encoding="utf-8")


__all__ = ["ROOT", "read_html"]
