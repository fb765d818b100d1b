"""No request to any host but the site's own (map tiles from data.geopf.fr excepted), nothing
stored about the reader: checked in the browser on every kind of page, and at build time by
Material's privacy plugin, whose report fails the strict build."""

from __future__ import annotations

import re
import shutil
import subprocess
from urllib.parse import urlparse

import pytest
import yaml

from tests.support.page_kinds import PAGE_KINDS, open_page, visit
from tests.support.sitebuild import MKDOCS, ROOT, SIGNED
from tests.support.waits import appears

pytestmark = pytest.mark.browser

TILE_HOST = "data.geopf.fr"


def third_party(urls: list[str]) -> list[str]:
    return [u for u in urls if urlparse(u).hostname != TILE_HOST]


def test_no_kind_of_page_asks_anything_of_other_hosts_but_map_tiles(new_tab, traffic, site_url):
    """Each kind of page, a few tabs loading at once (page_kinds.visit)."""
    site_host = urlparse(site_url).hostname
    requested: dict = {}  # tab → what it asked for since its page began to load

    def tab_noting_requests():
        tab = new_tab()
        requested[tab] = []
        tab.on("request", lambda request: requested[tab].append(request.url))
        return tab

    def check(tab, path) -> tuple[list[str], bool]:
        urls, requested[tab] = requested[tab], []  # the tab's next page starts afresh
        assert site_url + path in urls, f"{path} : la requête de la page elle-même n'a pas été vue"
        others = [u for u in urls if urlparse(u).hostname not in (site_host, None) and not u.startswith(("data:", "blob:"))]
        # tiles only where a map is shown
        tiles_without_map = any(urlparse(u).hostname == TILE_HOST for u in others) and tab.locator(".leaflet-container").count() == 0
        return third_party(others), tiles_without_map

    found = visit(list(PAGE_KINDS.values()), tab_noting_requests, check, reuse=True)
    kinds = {path: kind for kind, path in PAGE_KINDS.items()}
    assert {kinds[path]: others for path, (others, _) in found.items() if others} == {}
    assert [kinds[path] for path, (_, tiles_without_map) in found.items() if tiles_without_map] == []
    assert third_party(traffic.external) == []


def test_search_and_following_links_ask_nothing_of_other_hosts(page, traffic):
    open_page(page, "")
    page.locator(".md-search__input").click()
    page.keyboard.type("emploi")
    page.locator(".md-search-result__item a").first.click()
    page.wait_for_load_state("networkidle")
    page.locator(".md-footer a", has_text="Plan du site").click()
    page.wait_for_load_state("networkidle")
    assert third_party(traffic.external) == []


def test_no_cookie_and_only_the_colour_preference_is_stored(page):
    """What docs/donnees-personnelles.md says: no cookie, nothing in session storage, one key in local storage."""
    for path in ("", "quartiers/regain/", "glossaire/"):
        open_page(page, path)
    page.locator(".md-search__input").click()
    page.keyboard.type("jeunes")
    appears(page.locator(".md-search-result__item"), "la recherche « jeunes » ne donne aucun résultat")
    assert page.context.cookies() == []
    assert page.evaluate("Object.keys(sessionStorage)") == []
    keys = page.evaluate("Object.keys(localStorage)")
    assert all(key.endswith(".__palette") for key in keys), keys
    assert "__palette" in (ROOT / "docs" / "donnees-personnelles.md").read_text(encoding="utf-8")


def test_built_pages_reference_no_external_script_style_font_or_image(site_dir):
    external = re.compile(r"""<(?:script|img|iframe|source)\b[^>]*\bsrc=["']?(?:https?:)?//|<link\b[^>]*\bhref=["']?(?:https?:)?//""", re.I)
    for path in site_dir.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for match in external.finditer(html):
            tag = html[match.start() : html.index(">", match.start()) + 1]
            # <link rel="canonical"> names the page's own address, it loads nothing
            assert 'rel="canonical"' in tag, f"{path.relative_to(site_dir)} : {tag}"
    for path in site_dir.rglob("*.css"):
        assert "fonts.googleapis" not in path.read_text(encoding="utf-8"), path


def test_privacy_plugin_reports_external_assets_without_fetching_them():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    plugins = {next(iter(p)) if isinstance(p, dict) else p: (p[next(iter(p))] if isinstance(p, dict) else {}) for p in config["plugins"]}
    assert plugins["privacy"]["assets_fetch"] is False
    assert config["strict"] is True and config["theme"]["font"] is False


def test_an_external_asset_fails_the_build(tmp_path):
    """A page that loads a script from another host stops the build (privacy plugin + strict)."""
    project = tmp_path / "projet"
    project.mkdir()
    for name in ("macros", "overrides"):
        (project / name).symlink_to(ROOT / name)
    (project / "content").symlink_to(SIGNED)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    page = project / "docs" / "mentions-legales.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n<script src="https://cdn.example.org/suivi.js"></script>\n', encoding="utf-8")
    result = subprocess.run(
        [str(MKDOCS), "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=project,
        # no PDF (some 3 s): the privacy plugin judges the pages
        env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "HOME": str(tmp_path), "CONVENTION_SANS_PDF": "1"},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "External file: https://cdn.example.org/suivi.js" in result.stdout + result.stderr


class _Loader(yaml.SafeLoader):
    """mkdocs.yml with its !ENV tags (value: the default)."""


_Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1] if isinstance(node, yaml.SequenceNode) else None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: suffix)
