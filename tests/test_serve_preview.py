"""`make serve` preview: an edit under content/ shows up without restarting; an error does not kill it:
while the content is invalid, every address answers at once with a French error page, and the site
comes back on the next valid save."""

import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.support.server import free_port
from tests.support.sitebuild import SIGNED
from tests.support.waits import eventually

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = Path(sys.executable).with_name("mkdocs")


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _fetch_any_status(url: str) -> str | None:
    """The body, whatever the status (the error page answers unknown addresses with 404)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, needle: str, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = _fetch(url)
        if body and needle in body:
            return True
        time.sleep(0.3)
    return False


@pytest.fixture
def served(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SIGNED, content)
    port = free_port()
    log = open(tmp_path / "serve.log", "w+", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CONVENTION_CONTENU": str(content)}
    # as `make serve` runs it: a warning does not stop the preview (make build stays strict)
    process = subprocess.Popen(
        [str(MKDOCS), "serve", "--no-strict", "--dev-addr", f"127.0.0.1:{port}"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        yield content, f"http://127.0.0.1:{port}/", log
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


def test_content_edit_is_rebuilt_and_errors_do_not_stop_the_preview(served):
    content, url, log = served
    page = url + "quartiers/regain/"
    assert _wait_for(page, "Le Regain"), "le serveur d'aperçu n'a pas démarré"
    regain = content / "quartiers" / "regain.yaml"
    original = regain.read_text(encoding="utf-8")

    regain.write_text(original.replace('nom: "Le Regain"', 'nom: "Le Regain (aperçu)"'), encoding="utf-8")
    assert _wait_for(page, "Le Regain (aperçu)"), "la modification n'a pas été reconstruite"

    regain.write_text(original.replace("irritants:", "iritants:"), encoding="utf-8")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        log.seek(0)
        if "Vouliez-vous dire « irritants »" in log.read():
            break
        time.sleep(0.3)
    log.seek(0)
    output = log.read()
    assert "Vouliez-vous dire « irritants »" in output
    assert "Traceback" not in output

    regain.write_text(original.replace('nom: "Le Regain"', 'nom: "Le Regain (corrigé)"'), encoding="utf-8")
    assert _wait_for(page, "Le Regain (corrigé)"), "l'aperçu ne repart pas après correction"


def _break(content: Path) -> tuple[Path, str, str]:
    """Misspell the key « irritants » of a quartier: (file, original text, expected « file:line »)."""
    regain = content / "quartiers" / "regain.yaml"
    original = regain.read_text(encoding="utf-8")
    line = original.splitlines().index("irritants:") + 1
    regain.write_text(original.replace("\nirritants:", "\niritants:"), encoding="utf-8")
    return regain, original, f"content/quartiers/regain.yaml:{line}"


def _wait_for_any_status(url: str, needle: str, timeout: float) -> str | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = _fetch_any_status(url)
        if body and needle in body:
            return body
        time.sleep(0.2)
    return None


def test_invalid_content_answers_every_address_with_the_errors_until_fixed(served):
    content, url, _log = served
    assert _wait_for(url + "quartiers/regain/", "Le Regain"), "le serveur d'aperçu n'a pas démarré"

    regain, original, located = _break(content)
    body = _wait_for_any_status(url, located, timeout=10)
    assert body is not None, "l'aperçu n'affiche pas les erreurs"
    for path in ("", "quartiers/regain/", "quartiers/x/", "objectifs/inconnu/", "assets/inconnu.css"):
        start = time.monotonic()
        page = _fetch_any_status(url + path)
        assert time.monotonic() - start < 1, f"/{path} ne répond pas tout de suite"
        page = page and page.replace("\u202f", " ").replace("\xa0", " ")  # French spacing
        assert page is not None and '<html lang="fr">' in page, path
        assert f"<code>{located}</code>" in page, path
        assert "clé inconnue « iritants »" in page and "Vouliez-vous dire « irritants »" in page
        assert "Corrigez le fichier puis enregistrez : la page se mettra à jour." in page
        assert "Traceback" not in page

    regain.write_text(original.replace('nom: "Le Regain"', 'nom: "Le Regain (corrigé)"'), encoding="utf-8")
    assert _wait_for(url + "quartiers/regain/", "Le Regain (corrigé)", timeout=30), "le site ne revient pas après correction"
    assert located not in (_fetch_any_status(url) or "")


@pytest.mark.browser
def test_an_open_page_shows_the_errors_then_the_site_again(served, browser):
    from tests.support import axe

    content, url, _log = served
    assert _wait_for(url + "quartiers/regain/", "Le Regain"), "le serveur d'aperçu n'a pas démarré"
    context = browser.new_context(locale="fr-FR")
    tab = context.new_page()
    try:
        tab.goto(url + "quartiers/regain/")
        tab.wait_for_selector("h1")
        regain, original, located = _break(content)
        # the open page reloads by itself (MkDocs' livereload) and shows the errors
        eventually(
            tab,
            f"document.body && document.body.innerText.includes({located!r})",
            "la page ouverte ne montre pas l'erreur après rechargement",
            timeout=30_000,
        )
        assert "Corrigez le fichier puis enregistrez" in tab.inner_text("main")
        assert tab.url == url + "quartiers/regain/"
        assert axe.violations(tab) == []

        regain.write_text(original, encoding="utf-8")
        # the error page reloads by itself once the preview has rebuilt: the quartier is back
        eventually(
            tab, "document.title.startsWith('Le Regain')", "la page d'erreur ne revient pas au quartier après correction", timeout=30_000
        )
        assert located not in tab.inner_text("body")
    finally:
        context.close()


def test_a_broken_link_does_not_stop_the_preview_and_is_said_in_french(served):
    content, url, log = served
    assert _wait_for(url + "convention/preambule/", "Préambule"), "le serveur d'aperçu n'a pas démarré"
    preambule = content / "pages" / "preambule.md"
    lines = preambule.read_text(encoding="utf-8").splitlines()
    lines.insert(11, "Voir [le quartier disparu](../quartiers/inconnu.md), texte ajouté.")
    preambule.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _wait_for(url + "convention/preambule/", "texte ajouté", timeout=30), "l'aperçu reste bloqué"
    expected = "content/pages/preambule.md:12 : le lien « ../quartiers/inconnu.md » ne mène à aucune page."
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        log.seek(0)
        if expected in log.read():
            break
        time.sleep(0.3)
    log.seek(0)
    output = log.read()
    assert expected in output and "que « make build » refusera" in output
