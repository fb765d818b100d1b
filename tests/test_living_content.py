"""Content checks on the living content/, the files staff edit.

Nothing here pins today's text: the checks hold for any valid edit (a typo fixed, an action
added, a quartier added…). What they ask is what a public site owes its readers whatever
its content: the content validates, the site builds in strict mode, every link and anchor
resolves, and one page of each kind passes axe. The software itself is tested on the
fixtures of tests/fixtures/ (frozen signed convention, fictitious commune).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import axe
from tests.support.browser import site_only
from tests.support.links import broken_links
from tests.support.sitebuild import LIVING, ROOT

CONVENTION = Path(sys.executable).with_name("convention")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(CONVENTION), "--contenu", str(LIVING), *args], cwd=ROOT, capture_output=True, text=True)


@pytest.fixture(scope="module")
def living_site(tmp_path_factory) -> Path:
    """content/ built as `make build` builds it (check, then strict build, then swap)."""
    target = tmp_path_factory.mktemp("vivant") / "site"
    # --apercu: content/ may not name its public address yet (CI gives it in SITE_URL)
    result = run("build", "--apercu", "--site", str(target))
    assert result.returncode == 0, f"make build échouerait :\n{result.stdout}\n{result.stderr}"
    return target


def test_content_validates():
    result = run("check")
    assert result.returncode == 0, result.stderr


def test_content_builds_in_strict_mode(living_site):
    assert (living_site / "index.html").is_file()
    assert (living_site / "404.html").is_file()


def test_every_link_and_anchor_resolves(living_site):
    assert broken_links(living_site) == []


def _one_page_of_each_kind(site: Path) -> list[str]:
    """The home, each index, and the first item of each kind of page, found in the built site."""
    paths = [""]
    for section in sorted(p for p in site.iterdir() if p.is_dir() and (p / "index.html").exists()):
        paths.append(f"{section.name}/")
    for section in sorted(p for p in site.iterdir() if p.is_dir()):
        items = sorted(p for p in section.iterdir() if p.is_dir() and (p / "index.html").exists())
        if items:
            paths.append(f"{section.name}/{items[0].name}/")
    return [p for p in paths if not p.startswith(("assets/", "search/", "cartes/", "donnees/fichiers"))]


@pytest.mark.browser
def test_one_page_of_each_kind_has_no_axe_violation(living_site, browser):
    from tests.support.server import StaticServer

    paths = _one_page_of_each_kind(living_site)
    with StaticServer(living_site) as server, site_only(browser, server.url) as context:
        found = axe.violations_by_page(context, paths)
    assert list(found) == paths  # every page checked
    assert {path: axe.describe(v) for path, v in found.items() if v} == {}
