"""A commune moving into the agglomeration site: its former domain leads every published address
to the new one (macros/lifecycle/commune_redirects.py, `make redirections`)."""

import json
import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.cli import main
from macros.domain import uris
from tests.support.server import StaticServer
from tests.support.sitebuild import OTHER_COMMUNE
from tests.support.waits import arrives_at

COMMUNE = "valmont-sur-test"  # the slug of the fixture's commune name
AGGLO = "https://agglo.example.fr/"


@pytest.fixture(scope="module")
def commune_content(tmp_path_factory) -> Path:
    """The fictitious commune with its list of published addresses (made by `convention adresses`)."""
    content = Path(shutil.copytree(OTHER_COMMUNE, tmp_path_factory.mktemp("commune") / "content"))
    assert main(["--contenu", str(content), "adresses"]) == 0
    return content


def listed(content: Path) -> list[str]:
    return (content / "adresses.txt").read_text(encoding="utf-8").split()


def redirections(content: Path, url: str, out: Path) -> int:
    return main(["redirections", str(content), url, str(out)])


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.open: list[str] = []
        self.script_text = ""
        self.links: list[tuple[str, str]] = []
        self._in_a: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "a":
            self._in_a, self._text = dict(attrs)["href"], ""
        if tag not in ("meta", "link"):
            self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, f"balise </{tag}> mal imbriquée"
        self.open.pop()
        if tag == "a":
            self.links.append((self._in_a, self._text))
            self._in_a = None

    def handle_data(self, data):
        if self.open and self.open[-1] == "script":
            self.script_text += data
        if self._in_a is not None:
            self._text += data


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    assert page.open == [], "balises non fermées"
    return page


def test_every_listed_address_has_a_target_and_the_pages_parse(commune_content, tmp_path, capsys):
    out = tmp_path / "ancien-site"
    assert redirections(commune_content, AGGLO, out) == 0
    said = capsys.readouterr().out
    assert "redirigées vers https://agglo.example.fr/" in said and "valmont-sur-test" in said
    addresses = listed(commune_content)
    table = json.loads((out / "redirection-ancres.json").read_text(encoding="utf-8"))
    nginx = (out / "redirections-nginx.conf").read_text(encoding="utf-8")
    for address in addresses:
        page, _, anchor = address.partition("#")
        expected = uris.absolute(AGGLO, uris.from_commune_site(COMMUNE, address))
        if anchor:
            assert table[address] == expected
        html_file = out / ("index.html" if page == "./" else page + "index.html")
        assert html_file.is_file(), f"pas de page de redirection pour {address}"
        if not anchor:
            assert f'"/{"" if page == "./" else page}" "{expected}";' in nginx
    assert table[
        "quartiers/le-moulin/#action-" + next(a.split("#action-")[1] for a in addresses if a.startswith("quartiers/le-moulin/#action-"))
    ].startswith(f"{AGGLO}quartiers/le-moulin/#{COMMUNE}--action-")
    assert "return 301 $redirection_agglomeration" in nginx

    for html_file in sorted(out.rglob("*.html")):
        page = parse(html_file.read_text(encoding="utf-8"))
        tags = {tag: attrs for tag, attrs in page.tags}
        assert tags["html"]["lang"] == "fr"
        target = tags["html"]["data-cible"]
        assert target.startswith(AGGLO)
        canonical = [a for t, a in page.tags if t == "link" and a.get("rel") == "canonical"]
        assert canonical == [{"rel": "canonical", "href": target}]
        refresh = [a for t, a in page.tags if t == "meta" and a.get("http-equiv") == "refresh"]
        assert len(refresh) == 1 and refresh[0]["content"].endswith(f"; url={target}")
        assert page.links == [(target, "Aller à la nouvelle adresse")]
        # nothing inline: a CSP without 'unsafe-inline' lets it work
        scripts = [a for t, a in page.tags if t == "script"]
        assert len(scripts) == 1 and scripts[0]["src"].endswith("redirection-ancres.js") and page.script_text.strip() == ""
        assert (html_file.parent / scripts[0]["src"]).resolve() == (out / "redirection-ancres.js").resolve()
        assert not any("style" in attrs or any(k.startswith("on") for k in attrs) for _, attrs in page.tags)
    home = parse((out / "index.html").read_text(encoding="utf-8"))
    assert dict(home.tags)["html"]["data-cible"] == f"{AGGLO}communes/{COMMUNE}/"


def test_same_addresses_same_files(commune_content, tmp_path, capsys):
    first, second = tmp_path / "a", tmp_path / "b"
    assert redirections(commune_content, AGGLO, first) == 0
    assert redirections(commune_content, AGGLO, second) == 0
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)


def test_without_an_address_list_the_error_says_how_to_make_it(tmp_path, capsys):
    content = Path(shutil.copytree(OTHER_COMMUNE, tmp_path / "content"))
    assert not (content / "adresses.txt").exists()
    assert redirections(content, AGGLO, tmp_path / "out") == 1
    err = capsys.readouterr().err
    assert "adresses.txt" in err and "make adresses" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()
    assert main(["redirections", str(content), "agglo.example.fr", str(tmp_path / "out")]) == 1
    assert "adresse complète" in capsys.readouterr().err


def test_an_old_action_anchor_lands_on_the_new_anchor_in_chromium(commune_content, tmp_path, browser):
    """Under a CSP without 'unsafe-inline', the old page goes to the action's new anchor."""
    address = next(a for a in listed(commune_content) if a.startswith("quartiers/") and "#action-" in a)
    page_address, _, old_anchor = address.partition("#")
    new_anchor = f"{COMMUNE}--{old_anchor}"
    agglo_dir = tmp_path / "agglo"
    (agglo_dir / page_address).mkdir(parents=True)
    (agglo_dir / page_address / "index.html").write_text(
        f'<!doctype html><html lang="fr"><title>Quartier</title><p style="margin-top:3000px" id="{new_anchor}">Action</p></html>',
        encoding="utf-8",
    )
    old_dir = tmp_path / "ancien"
    with StaticServer(agglo_dir) as agglo, StaticServer(old_dir) as old:
        assert redirections(commune_content, agglo.url, old_dir) == 0
        context = browser.new_context(locale="fr-FR")

        def strict_csp(route):
            response = route.fetch()
            route.fulfill(response=response, headers={**response.headers, "content-security-policy": "default-src 'self'"})

        context.route(f"{old.url}**", strict_csp)
        tab = context.new_page()
        blocked = []
        tab.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
        try:
            tab.goto(f"{old.url}{address}")
            # before the 3 s meta refresh: the script leads there, not the fallback
            arrives_at(
                tab, f"{agglo.url}{page_address}#{new_anchor}", "l'ancienne adresse ne mène pas à la nouvelle, ancre comprise", timeout=2500
            )
            assert tab.evaluate("location.hash") == f"#{new_anchor}"
            assert tab.evaluate(f"document.getElementById('{new_anchor}').getBoundingClientRect().top") < 800
            # without an anchor: the same page at its new address
            tab.goto(f"{old.url}")
            arrives_at(
                tab, f"{agglo.url}communes/{COMMUNE}/", "l'ancienne page d'accueil ne mène pas à la page de la commune", timeout=2500
            )
        finally:
            context.close()
        assert blocked == []


def test_redirect_pages_are_valid_html_for_the_w3c_checker(commune_content, tmp_path):
    from tests.test_html_validity import vnu_errors

    out = tmp_path / "ancien-site"
    assert redirections(commune_content, AGGLO, out) == 0
    files = [out / "index.html", out / "quartiers" / "le-moulin" / "index.html", next((out / "objectifs").glob("*/index.html"))]
    assert vnu_errors(files) == []


def test_redirect_page_has_no_accessibility_violation(commune_content, tmp_path, browser):
    """axe-core on the page as a reader without JavaScript sees it (refresh held back to look at it)."""
    from tests.support.axe import violations

    out = tmp_path / "ancien-site"
    assert redirections(commune_content, AGGLO, out) == 0
    with StaticServer(out) as old:
        context = browser.new_context(locale="fr-FR")

        def without_refresh(route):
            response = route.fetch()
            body = response.text()
            start = body.index('<meta http-equiv="refresh"')
            route.fulfill(response=response, body=body[:start] + body[body.index(">", start) + 1 :])

        context.route(f"{old.url}**/*.html", without_refresh)
        context.route(f"{old.url}**/*.js", lambda route: route.abort())
        tab = context.new_page()
        try:
            tab.goto(f"{old.url}quartiers/le-moulin/index.html")
            assert tab.get_by_role("link", name="Aller à la nouvelle adresse").get_attribute("href") == f"{AGGLO}quartiers/le-moulin/"
            assert violations(tab) == []
        finally:
            context.close()


def test_nginx_map_answers_301_to_each_page_address(commune_content, tmp_path):
    """The nginx alternative, in real nginx: the map in http { }, the `if` line from its header in server { }."""
    from tests.support.nginx import NGINX
    from tests.support.server import free_port

    out = tmp_path / "ancien-site"
    assert redirections(commune_content, AGGLO, out) == 0
    snippet = out / "redirections-nginx.conf"
    server_line = next(line.strip("# ").strip() for line in snippet.read_text(encoding="utf-8").splitlines() if "return 301" in line)
    prefix = tmp_path / "nginx"
    (prefix / "logs").mkdir(parents=True)
    port = free_port()
    user = "user root;" if os.geteuid() == 0 else ""  # as in tests/support/nginx.py
    (prefix / "nginx.conf").write_text(
        f"""{user}
worker_processes 1;
error_log {prefix}/logs/error.log warn;
pid {prefix}/nginx.pid;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {snippet};
    server {{
        listen 127.0.0.1:{port};
        root {tmp_path / "vide"};
        {server_line}
    }}
}}
""",
        encoding="utf-8",
    )
    conf = str(prefix / "nginx.conf")
    check = subprocess.run([NGINX, "-t", "-p", str(prefix), "-c", conf], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen([NGINX, "-p", str(prefix), "-c", conf, "-g", "daemon off;"], stderr=subprocess.DEVNULL)

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)

    def location(path: str) -> tuple[int, str | None]:
        try:
            with opener.open(f"http://127.0.0.1:{port}/{path}", timeout=2) as response:
                return response.status, None
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Location")

    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                location("")
                break
            except OSError:
                assert time.monotonic() < deadline and process.poll() is None, "nginx n'a pas démarré"
                time.sleep(0.1)
        pages = sorted({a.partition("#")[0] for a in listed(commune_content)})
        for page in pages:
            expected = uris.absolute(AGGLO, uris.from_commune_site(COMMUNE, page))
            assert location("" if page == "./" else page) == (301, expected), page
        assert location("quartiers/le-moulin") == (301, f"{AGGLO}quartiers/le-moulin/")
        assert location("quartiers/le-moulin/index.html") == (301, f"{AGGLO}quartiers/le-moulin/")
        assert location("convention/contexte/") == (301, f"{AGGLO}communes/{COMMUNE}/contexte/")
        assert location("inconnue/")[0] == 404
    finally:
        process.terminate()
        process.wait(timeout=10)
