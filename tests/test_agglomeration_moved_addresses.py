"""A commune whose convention moves into the agglomeration site: every address its own site
published (its adresses.txt, what partners link to) has its page, and its anchor, in the
agglomeration site. The redirects of `make redirections` lead there (macros/lifecycle/commune_redirects.py).

Two cases the software must hold: the signed convention (notes de transcription, restored
actions, printable version in two parts) assembled into an agglomeration folder, and the
fictitious commune of the two-commune fixture."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.cli import main
from macros.domain import uris
from tests.support.avenant import apply_avenant
from tests.support.dom import parse
from tests.support.edits import replace_once
from tests.support.links import broken_links
from tests.support.sitebuild import OTHER_COMMUNE, ROOT, SIGNED

FIXTURE = ROOT / "tests" / "fixtures" / "agglomeration"


def published(content: Path, tmp: Path) -> list[str]:
    """The addresses a commune's own site has published: its list, completed by `convention adresses`
    (on a copy) with those of its latest content."""
    copy = Path(shutil.copytree(content, tmp / "content"))
    assert main(["--contenu", str(copy), "adresses"]) == 0
    return (copy / "adresses.txt").read_text(encoding="utf-8").split()


def _file(site: Path, page: str) -> Path:
    target = site / ("" if page == uris.HOME else page)
    return target / "index.html" if page.endswith("/") or page == uris.HOME else target


def _successor(site: Path, path: Path) -> Path | None:
    """The page a redirect page (an objectif renamed by an avenant) leads to, keeping the anchor."""
    html = parse(path.read_text(encoding="utf-8")).find("html")
    target = html.attrs.get("data-cible") if html is not None else None
    return _file(site, str((path.parent / target).resolve().relative_to(site.resolve())) + "/") if target else None


def landing_problems(site: Path, commune_id: str, addresses: list[str]) -> list[str]:
    problems = []
    ids_of: dict[Path, set[str]] = {}
    for address in addresses:
        moved = uris.from_commune_site(commune_id, address)
        page, _, anchor = moved.partition("#")
        target = _file(site, page)
        if not target.is_file():
            problems.append(f"{address} → {moved} : pas de page")
            continue
        if anchor:
            target = _successor(site, target) or target
            if target not in ids_of:
                ids_of[target] = {e.attrs["id"] for e in parse(target.read_text(encoding="utf-8")).iter() if e.attrs.get("id")}
            if anchor not in ids_of[target]:
                problems.append(f"{address} → {moved} : pas d'ancre")
    return problems


@pytest.fixture(scope="module")
def amended(tmp_path_factory) -> Path:
    """The signed convention and a first avenant (actions added, reworded; objectifs withdrawn, renamed)."""
    content = Path(shutil.copytree(SIGNED, tmp_path_factory.mktemp("avenant") / "content"))
    apply_avenant(content)
    return content


def _assembled_amended_convention(work: Path) -> Path:
    """The amended convention (as `amended`) assembled alone into an agglomeration folder."""
    content = Path(shutil.copytree(SIGNED, work / "avenant" / "content"))
    apply_avenant(content)
    folder = work / "dossier" / "agglomeration"
    assert main(["assembler", str(folder), str(content)]) == 0
    return folder


@pytest.fixture(scope="module")
def signed_agglomeration(shared_sites) -> tuple[Path, Path, str]:
    """That convention assembled alone into an agglomeration folder, and its site (once per run)."""
    result = shared_sites.build(generate=_assembled_amended_convention)
    assert result.returncode == 0, f"mkdocs build a échoué :\n{result.stdout}\n{result.stderr}"
    folder = result.content
    (commune_id,) = [p.name for p in (folder / "communes").iterdir()]
    return folder, result.site, commune_id


def test_every_address_of_the_signed_convention_lands_on_its_page_and_anchor(signed_agglomeration, amended, tmp_path):
    _, site, commune_id = signed_agglomeration
    addresses = published(amended, tmp_path)
    assert "convention/notes-de-transcription/" in addresses and "version-imprimable/fin/" in addresses
    assert landing_problems(site, commune_id, addresses) == []


def test_the_signed_convention_in_an_agglomeration_has_no_broken_link(signed_agglomeration):
    _, site, _ = signed_agglomeration
    assert broken_links(site) == []


def test_an_amended_action_links_to_its_communes_history(signed_agglomeration):
    _, site, commune_id = signed_agglomeration
    page = parse((site / "quartiers/regain/index.html").read_text(encoding="utf-8"))
    linked = {a.attrs["href"] for a in page.find_all("a") if a.text == "historique" and a.parent.attrs.get("class") == "cdv-provenance"}
    assert linked == {f"../../communes/{commune_id}/historique/#avenant-1"}


def test_a_restored_action_links_to_its_communes_notes(signed_agglomeration):
    _, site, commune_id = signed_agglomeration
    notes = f"communes/{commune_id}/notes-de-transcription/"
    page = (site / notes / "index.html").read_text(encoding="utf-8")
    assert "<h1" in page and "Notes de transcription" in page
    linked = [
        a.attrs["href"]
        for path in (site / "quartiers").rglob("index.html")
        for a in parse(path.read_text(encoding="utf-8")).find_all("a")
        if "notes-de-transcription" in a.attrs.get("href", "")
    ]
    assert linked and all(f"../../{notes}#ligne-" in href for href in linked), linked


def test_every_address_of_a_fictitious_commune_lands_in_the_two_commune_site(shared_sites, tmp_path):
    site = shared_sites.site(FIXTURE)  # the same build as tests/test_agglomeration_site.py's
    addresses = published(OTHER_COMMUNE, tmp_path)
    assert "version-imprimable/" in addresses
    assert landing_problems(site, "valmont-sur-test", addresses) == []


# --- once in the agglomeration's folder, the addresses keep answering -----------------------


@pytest.fixture
def agglomeration(tmp_path) -> Path:
    return Path(shutil.copytree(FIXTURE, tmp_path / "agglo"))


def test_make_adresses_lists_each_communes_addresses_in_its_own_sites_scheme(agglomeration, capsys):
    assert main(["--contenu", str(agglomeration), "adresses"]) == 0
    said = capsys.readouterr().out
    assert "Valmont-sur-Test :" in said and "Rivebelle-lès-Test :" in said
    listed = (agglomeration / "communes/valmont-sur-test/adresses.txt").read_text(encoding="utf-8").split()
    assert "quartiers/le-moulin/#action-lampadaires" in listed and "./" in listed and "version-imprimable/" in listed
    assert listed == sorted(listed)
    # a second run adds nothing and removes nothing
    assert main(["--contenu", str(agglomeration), "adresses"]) == 0
    assert (agglomeration / "communes/valmont-sur-test/adresses.txt").read_text(encoding="utf-8").split() == listed
    assert main(["--contenu", str(agglomeration), "check"]) == 0


def test_an_action_that_vanishes_from_the_agglomeration_is_named_and_nothing_is_published(agglomeration, tmp_path, capsys):
    assert main(["--contenu", str(agglomeration), "adresses"]) == 0
    listed = (agglomeration / "communes/valmont-sur-test/adresses.txt").read_text(encoding="utf-8").split()
    replace_once(agglomeration / "communes/valmont-sur-test/quartiers/le-moulin.yaml", "- id: lampadaires\n", "- id: lampadaires-led\n")
    capsys.readouterr()
    assert main(["--contenu", str(agglomeration), "check"]) == 1
    err = capsys.readouterr().err
    line = listed.index("quartiers/le-moulin/#action-lampadaires") + 1
    assert (
        f"communes/valmont-sur-test/adresses.txt:{line} : l'adresse publiée « quartiers/le-moulin/#action-lampadaires » "
        "de Valmont-sur-Test (« quartiers/le-moulin/#valmont-sur-test--action-lampadaires » sur le site de l'agglomération) n'existe plus."
    ) in err
    assert "objectifs/eclairage/#le-moulin--lampadaires" in err and "Traceback" not in err
    site = tmp_path / "site"
    assert main(["--contenu", str(agglomeration), "build", "--apercu", "--site", str(site)]) == 1
    assert not site.exists()
