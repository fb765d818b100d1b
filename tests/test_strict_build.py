"""`convention build` (make build, CI): any MkDocs warning fails, in French, located in the content."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from macros.rendering import build_log
from macros.text.markdown_text import rebase_links
from tests.support.sitebuild import ROOT, SIGNED

CONVENTION = Path(sys.executable).with_name("convention")


def _copy_with_line(tmp_path: Path, line_number: int, text: str) -> Path:
    """A copy of the signed convention with `text` inserted as line `line_number` of the préambule."""
    content = tmp_path / "content"
    shutil.copytree(SIGNED, content)
    preambule = content / "pages" / "preambule.md"
    lines = preambule.read_text(encoding="utf-8").splitlines()
    lines.insert(line_number - 1, text)
    preambule.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return content


def _build(content: Path, site: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(CONVENTION), "--contenu", str(content), "build", "--site", str(site)], cwd=ROOT, capture_output=True, text=True
    )


def test_a_broken_link_in_a_page_fails_in_french_and_publishes_nothing(tmp_path):
    content = _copy_with_line(tmp_path, 12, "Voir le [quartier](../quartiers/inconnu.md).")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("site en ligne", encoding="utf-8")

    result = _build(content, site)

    assert result.returncode != 0
    assert "content/pages/preambule.md:12 : le lien « ../quartiers/inconnu.md » ne mène à aucune page." in result.stderr
    assert "→ Vérifiez l'adresse" in result.stderr
    assert "le site publié reste inchangé" in result.stderr
    # said once, though the printable version repeats the préambule
    assert result.stderr.count("inconnu.md") == 1
    assert "WARNING" not in result.stderr + result.stdout and "INFO" not in result.stderr + result.stdout
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "site en ligne"
    assert not (tmp_path / "site.nouveau").exists()


def test_a_missing_anchor_fails_with_its_line(tmp_path):
    content = _copy_with_line(tmp_path, 5, "Voir [le Regain](../quartiers/regain.md#nulle-part).")
    result = _build(content, tmp_path / "site")
    assert result.returncode != 0
    assert (
        "content/pages/preambule.md:5 : le lien « ../quartiers/regain.md#nulle-part » mène à une page qui n'a pas de section « #nulle-part »."
        in result.stderr
    )
    assert not (tmp_path / "site").exists()


def test_a_clean_build_prints_no_warning_and_page_links_work_in_the_printable_version(tmp_path):
    content = _copy_with_line(tmp_path, 12, "Voir [le Regain](../quartiers/regain.md) et [l'édito](edito.md).")
    site = tmp_path / "site"
    result = _build(content, site)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines()[-1] == f"Site construit dans {site}/."
    assert len(result.stdout.splitlines()) == 2  # « Contenu valide… », « Site construit… »
    page = (site / "convention" / "preambule" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../quartiers/regain/"' in page and 'href="../edito/"' in page
    printable = (site / "version-imprimable" / "index.html").read_text(encoding="utf-8")
    assert 'href="../quartiers/regain/"' in printable and 'href="../convention/edito/"' in printable


def test_an_unknown_warning_still_fails_with_a_french_prefix(tmp_path):
    output = "INFO    -  Building documentation\nWARNING -  Something new happened\n           on two lines\n\nAborted with 1 warnings in strict mode!\n"
    assert build_log.report(output, {}, tmp_path) == ["Avertissement de MkDocs : Something new happened on two lines"]
    assert build_log.report("INFO    -  Cleaning site directory\n", {}, tmp_path) == []


def test_rebase_links_keeps_targets_pointing_at_the_same_page():
    text = "[a](../quartiers/regain.md#x) [b](edito.md) [c](https://exemple.fr/a.md) [d](#ici)\n[e]: ../objectifs/o.md\n"
    assert rebase_links(text, "convention/preambule.md", "version-imprimable.md") == (
        "[a](quartiers/regain.md#x) [b](convention/edito.md) [c](https://exemple.fr/a.md) [d](#ici)\n[e]: objectifs/o.md\n"
    )
    assert rebase_links(text, "convention/preambule.md", "convention/preambule.md") == text
