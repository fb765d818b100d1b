"""Shared fixtures: each fixture site really built once per run (tests/support/shared_sites.py),
shared by the xdist workers, served on localhost."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.support.browser import CHROMIUM_ARGS, Traffic, chromium_path
from tests.support.server import StaticServer
from tests.support.shared_sites import SharedSites, shared_root
from tests.support.sitebuild import OTHER_COMMUNE, ROOT


@pytest.fixture(scope="session")
def shared_sites(tmp_path_factory) -> SharedSites:
    """Sites built once per run, whichever worker asks first; read-only (copy one to change it)."""
    return SharedSites(shared_root(tmp_path_factory))


@pytest.fixture(scope="session")
def site_dir(shared_sites) -> Path:
    """The signed convention built through MkDocs --strict (preview), once per run."""
    return shared_sites.site()


@pytest.fixture(scope="session")
def other_commune_site(shared_sites) -> Path:
    """The fictitious commune (tests/fixtures/autre-commune) built the same way, once per run."""
    return shared_sites.site(OTHER_COMMUNE)


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


@pytest.fixture
def new_tab(page, traffic):
    """Makes more tabs in the context of `page`: other hosts blocked, errors kept in `traffic`."""

    def make():
        tab = page.context.new_page()
        traffic.watch(tab)
        return tab

    return make


def read_html(site_dir: Path, path: str) -> str:
    return (site_dir / path).read_text(encoding="utf-8")


__all__ = ["ROOT", "read_html"]
