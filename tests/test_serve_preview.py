"""`make serve` preview: an edit under content/ shows up without restarting; an error does not kill it."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from tests.support.sitebuild import SIGNED

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = Path(sys.executable).with_name("mkdocs")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
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
    port = _free_port()
    log = open(tmp_path / "serve.log", "w+", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CONVENTION_CONTENU": str(content)}
    process = subprocess.Popen([str(MKDOCS), "serve", "--dev-addr", f"127.0.0.1:{port}"],
                               cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
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
