"""The site's public address, from content: canonical links, sitemap, OpenGraph, open data;
never this computer's address outside a preview; « Modifier cette page » only with a forge.

Built on the fictitious commune, whose contrat.yaml names its own address.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import dom
from tests.support.sitebuild import OTHER_COMMUNE, ROOT, build_site, reading_pages

ADDRESS = "https://convention.valmont-sur-test.example/"  # publication.url of the fixture
OVERRIDE = "https://autre-adresse.example/convention/"
FORGE = "https://forge.example/commune/convention/-/edit/main/"


def pages(site: Path) -> list[Path]:
    return reading_pages(site)


def metas(html: str) -> dict[str, str]:
    tree = dom.parse(html)
    found = {}
    for meta in tree.find_all("meta"):
        key = meta.attrs.get("property") or meta.attrs.get("name")
        if key:
            found[key] = meta.attrs.get("content", "")
    return found


def canonical(html: str) -> str | None:
    link = dom.parse(html).find("link", rel="canonical")
    return link.attrs["href"] if link else None


def edit_links(site: Path) -> dict[str, str]:
    found = {}
    for path in pages(site):
        link = dom.parse(path.read_text(encoding="utf-8")).find("a", rel="edit")
        if link is not None:
            assert link.attrs["title"] == "Modifier cette page"
            found[path.relative_to(site).as_posix()] = link.attrs["href"]
    return found


@pytest.fixture(scope="module")
def published(shared_sites) -> Path:
    """Built as for publishing: no preview flag, no SITE_URL, no forge (once per run)."""
    return shared_sites.site(OTHER_COMMUNE, preview=False)


@pytest.fixture(scope="module")
def overridden(shared_sites) -> Path:
    """SITE_URL and a forge given by the environment (once per run)."""
    return shared_sites.site(OTHER_COMMUNE, preview=False, env={"SITE_URL": OVERRIDE, "DEPOT_EDIT_URL": FORGE})


def test_every_address_comes_from_publication_url(published):
    home = (published / "index.html").read_text(encoding="utf-8")
    assert canonical(home) == ADDRESS
    quartier = (published / "quartiers" / "le-moulin" / "index.html").read_text(encoding="utf-8")
    assert canonical(quartier) == ADDRESS + "quartiers/le-moulin/"
    sitemap = (published / "sitemap.xml").read_text(encoding="utf-8")
    locs = [line.strip()[5:-6] for line in sitemap.splitlines() if "<loc>" in line]
    assert locs and all(loc.startswith(ADDRESS) for loc in locs), locs[:3]
    data = json.loads((published / "donnees" / "convention.json").read_text(encoding="utf-8"))
    assert ADDRESS + "quartiers/le-moulin/" in json.dumps(data, ensure_ascii=False)
    for path in pages(published):
        assert "127.0.0.1" not in path.read_text(encoding="utf-8"), path


def test_the_signed_conventions_site_names_its_own_address(site_dir):
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert canonical(home) == "https://convention.hersin-coupigny.example/"


def test_site_url_variable_overrides_the_content(overridden):
    home = (overridden / "index.html").read_text(encoding="utf-8")
    assert canonical(home) == OVERRIDE
    assert metas(home)["og:image"].startswith(OVERRIDE)
    assert ADDRESS not in (overridden / "sitemap.xml").read_text(encoding="utf-8")


def test_every_page_has_opengraph_metadata(published):
    for path in pages(published):
        html = path.read_text(encoding="utf-8")
        meta = metas(html)
        where = path.relative_to(published).as_posix()
        for key in ("og:title", "og:description", "og:site_name", "og:type", "og:image"):
            assert meta.get(key, "").strip(), f"{where} : {key} manquant"
        assert meta["og:locale"] == "fr_FR", where
        assert meta["twitter:card"] == "summary", where
        assert meta["og:site_name"] == "Contrat de ville de test — Valmont-sur-Test"
        # the shared image is absolute and shipped with the site
        image = meta["og:image"]
        assert image.startswith(ADDRESS), image
        assert (published / image.removeprefix(ADDRESS)).is_file(), image
        if where != "404.html":
            assert meta["og:url"] == canonical(html), where


def test_opengraph_names_the_page(published):
    quartier = metas((published / "quartiers" / "le-moulin" / "index.html").read_text(encoding="utf-8"))
    assert quartier["og:title"] == "Le Moulin"
    assert "Le Moulin" in quartier["og:description"]
    assert quartier["og:type"] == "article"
    home = metas((published / "index.html").read_text(encoding="utf-8"))
    assert home["og:type"] == "website" and home["og:title"] == home["og:site_name"]


def test_no_edit_link_without_a_forge(published):
    assert edit_links(published) == {}


def test_edit_links_point_at_the_forge_when_given(overridden):
    links = edit_links(overridden)
    assert links["quartiers/le-moulin/index.html"] == FORGE + "content/quartiers/le-moulin.yaml"
    assert links["mentions-legales/index.html"] == FORGE + "docs/mentions-legales.md"
    assert links["objectifs/eclairage/index.html"] == FORGE + "content/referentiel.yaml"
    assert all(href.startswith(FORGE) for href in links.values())


@pytest.fixture(scope="module")
def no_address(tmp_path_factory) -> Path:
    """The fictitious commune's content before anyone has written its address."""
    content = tmp_path_factory.mktemp("sans-adresse") / "content"
    shutil.copytree(OTHER_COMMUNE, content)
    contrat = content / "contrat.yaml"
    lines = contrat.read_text(encoding="utf-8").splitlines(keepends=True)
    # publication.url only (document_signe has its own url)
    contrat.write_text("".join(line for line in lines if line != f'  url: "{ADDRESS}"\n'), encoding="utf-8")
    return content


@pytest.mark.parametrize(
    ("content", "env", "named"),
    [
        (None, {}, "n'est pas renseignée"),
        (OTHER_COMMUNE, {"SITE_URL": "http://localhost:8000/"}, "la variable SITE_URL"),
        (OTHER_COMMUNE, {"SITE_URL": "http://127.0.0.1:8000/"}, "désigne cet ordinateur"),
    ],
)
def test_a_local_or_missing_address_is_refused_outside_a_preview(tmp_path, no_address, content, env, named):
    result = build_site(tmp_path / "site", content_dir=content or no_address, extra_env=env, preview=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert named in output and "publication.url" in output and "contrat.yaml" in output
    assert "convention build --apercu" in output
    assert "Traceback" not in output
    assert not (tmp_path / "site" / "index.html").exists()


def test_convention_build_publishes_nothing_without_an_address_but_previews(tmp_path, no_address):
    convention = Path(sys.executable).with_name("convention")
    site = tmp_path / "site"

    def build(*flags: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(convention), "--contenu", str(no_address), "build", "--site", str(site), *flags],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"},
        )

    refused = build()
    assert refused.returncode != 0 and "publication.url" in refused.stdout + refused.stderr
    assert not site.exists()
    preview = build("--apercu")
    assert preview.returncode == 0, preview.stderr
    assert canonical((site / "index.html").read_text(encoding="utf-8")) == "http://127.0.0.1:8000/"
