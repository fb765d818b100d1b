"""The site as it will be served: real nginx with .ci/nginx/convention.conf, read by Chromium.

404 page with status 404, gzip, cache headers, security headers, and a Content-Security-Policy
without 'unsafe-inline' for scripts that no page of any kind violates.
"""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request

import pytest

from tests.support.browser import site_only
from tests.support.nginx import Nginx
from tests.support.page_kinds import PAGE_KINDS, visit
from tests.support.waits import appears

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def nginx(site_dir, tmp_path_factory):
    with Nginx(site_dir, tmp_path_factory.mktemp("nginx")) as server:
        yield server


def fetch(url: str, **headers) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def csp(headers: dict) -> dict[str, list[str]]:
    policy = {}
    for directive in headers["content-security-policy"].split(";"):
        name, *values = directive.split()
        policy[name] = values
    return policy


def test_unknown_address_gets_the_site_404_page_with_status_404(nginx):
    status, headers, body = fetch(nginx.url + "cette-page-n-existe-pas/")
    assert status == 404
    assert headers["content-type"].startswith("text/html")
    assert "Page introuvable" in body.decode("utf-8")
    assert "content-security-policy" in headers  # security headers on errors too


def test_pages_and_assets_are_gzipped(nginx, site_dir):
    for path in ("", "search/search_index.json", "assets/javascripts/cartes.js"):
        status, headers, body = fetch(nginx.url + path, **{"Accept-Encoding": "gzip"})
        assert status == 200, path
        assert headers.get("content-encoding") == "gzip", path
        assert gzip.decompress(body) == (site_dir / (path or "index.html")).read_bytes(), path


def test_cache_headers(nginx, site_dir):
    _, page, _ = fetch(nginx.url + "glossaire/")
    assert page["cache-control"] == "no-cache"  # pages revalidated: an update shows at once
    bundle = next((site_dir / "assets" / "javascripts").glob("bundle.*.min.js")).name
    _, fingerprinted, _ = fetch(nginx.url + f"assets/javascripts/{bundle}")
    assert fingerprinted["cache-control"] == "max-age=31536000"
    _, ours, _ = fetch(nginx.url + "assets/javascripts/cartes.js")
    assert ours["cache-control"] == "max-age=3600"


def test_open_data_types(nginx, site_dir):
    _, headers, _ = fetch(nginx.url + "donnees/perimetres.geojson")
    assert headers["content-type"] == "application/geo+json"
    _, headers, _ = fetch(nginx.url + "donnees/actions.csv")
    assert headers["content-type"] == "text/csv; charset=utf-8"


def test_security_headers(nginx):
    _, headers, _ = fetch(nginx.url)
    policy = csp(headers)
    assert policy["script-src"] == ["'self'"]  # no 'unsafe-inline', no 'unsafe-eval', no other host
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert "https://data.geopf.fr" in policy["img-src"]  # the basemap tiles, as images only
    assert not any("geopf" in v for name, values in policy.items() if name != "img-src" for v in values)
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "geolocation=()" in headers["permissions-policy"]
    assert "server" not in headers or "/" not in headers["server"]  # no version number


@pytest.fixture(scope="module")
def context(browser, nginx):
    with site_only(browser, nginx.url) as context:
        context.add_init_script("""
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', e =>
        window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile + ':' + e.lineNumber));
    """)
        yield context


def test_no_kind_of_page_breaks_the_content_security_policy(context):
    """Each kind of page in a tab of its own, a few loading at once (page_kinds.visit)."""
    messages: dict = {}  # tab → its console's words on the policy

    def new_tab():
        tab = context.new_page()
        messages[tab] = []
        tab.on("console", lambda m: messages[tab].append(m.text) if "Content Security Policy" in m.text else None)
        return tab

    found = visit(list(PAGE_KINDS.values()), new_tab, lambda tab, _path: tab.evaluate("window.__violations") + messages[tab])
    kinds = {path: kind for kind, path in PAGE_KINDS.items()}
    assert {kinds[path]: broken for path, broken in found.items() if broken} == {}


def test_search_works_under_the_policy(context):
    page = context.new_page()
    page.goto("")
    page.locator(".md-search__input").click()
    page.keyboard.type("quartier")
    appears(page.locator(".md-search-result__item"), "la recherche ne donne aucun résultat sous la politique de sécurité")
    assert page.evaluate("window.__violations") == []
    page.close()


def test_map_draws_under_the_policy(context):
    page = context.new_page()
    page.goto("quartiers/")
    page.wait_for_load_state("networkidle")
    appears(
        page.locator(".cdv-carte .leaflet-container path, .cdv-carte svg path"), "la carte ne dessine rien sous la politique de sécurité"
    )
    assert page.evaluate("window.__violations") == []
    page.close()


def test_readme_shows_the_configuration_the_tests_run():
    from tests.support.nginx import CONFIG
    from tests.support.sitebuild import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "```nginx\n" + CONFIG.read_text(encoding="utf-8") + "```" in readme


def test_the_form_editor_starts_under_its_own_policy(context, nginx):
    """admin/ (Decap CMS) gets the one wider policy of convention.conf, said in its comment: the
    page shows its French sign-in with no violation, no request leaving the site, and the rest of
    the site keeps the strict policy."""
    _, headers, _ = fetch(nginx.url + "admin/")
    policy = csp(headers)
    assert "'unsafe-eval'" in policy["script-src"] and "'unsafe-inline'" not in policy["script-src"]
    assert "noindex" in headers["x-robots-tag"]
    _, config_headers, _ = fetch(nginx.url + "admin/config.yml")
    assert config_headers["content-type"].startswith("text/yaml")
    assert "'unsafe-eval'" not in csp(fetch(nginx.url + "glossaire/")[1])["script-src"]
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto("admin/")
    appears(page.get_by_role("button", name="Se connecter"), "l'éditeur n'affiche pas « Se connecter » sous sa politique de sécurité")
    assert page.evaluate("window.__violations") == []
    assert [url for url in requests if not url.startswith(nginx.url) and "localhost:8081" not in url] == []
    page.close()
