"""Staff edit in forms: the editor (admin/, Decap CMS) driven in Chromium, as staff would use it.

A git clone of the frozen signed convention; decap-server (the editor's local git backend,
installed from .ci/edition/package-lock.json) commits each save into it. Through the form: an
action's text and statut changed, an action added without typing its identifier; then
`convention formater`, and the commit shows only the real change; `convention check` passes; the
rebuilt quartier page shows it. No request leaves the machine.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from macros.data import editor_config
from macros.reading import schema
from macros.reading.site import load_site
from tests.support import axe
from tests.support.server import StaticServer, free_port, listening
from tests.support.sitebuild import ROOT, SIGNED, build_site
from tests.support.waits import appears, until

pytestmark = pytest.mark.browser

DECAP_SERVER = ROOT / ".ci" / "edition" / "node_modules" / "decap-server" / "dist" / "index.js"
CONVENTION = Path(sys.executable).with_name("convention")
QUARTIER = "content/quartiers/regain.yaml"
NEW_TEXT = "Organiser une permanence mensuelle d'écrivain public à la mairie annexe"
CHANGED_TEXT = "Encourager l'implantation d'un Point Justice communautaire au cœur du quartier"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def _clone(repo: Path, edition: str = "") -> Path:
    """A repository holding a copy of the signed convention's content, as staff's clone does."""
    shutil.copytree(SIGNED, repo / "content")
    schema.write_all(repo / "content")  # a project's content folder has its schemas (make schemas)
    if edition:
        with (repo / "content" / "contrat.yaml").open("a", encoding="utf-8") as contrat:
            contrat.write(edition)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", "Agent municipal")
    git(repo, "config", "user.email", "agent@example.fr")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Contenu publié")
    return repo


@contextmanager
def _editor(repo: Path, site: Path, built: Path | None = None):
    """The site built from `repo` (its admin/ page) on localhost, and decap-server committing into
    `repo`. `built`: a site already built from the same content but for the editor's settings,
    whose admin/ files are made again for `repo` (by the code the build runs) instead of a rebuild."""
    port = free_port()
    if built is None:
        result = build_site(site, repo / "content", {"CONVENTION_EDITION_PORT": str(port)})
        assert result.returncode == 0, result.stderr
    else:
        shutil.copytree(built, site)
        for path, text in editor_config.files(load_site(repo / "content"), "content", None, port).items():
            (site / path).write_text(text, encoding="utf-8")
    env = {**os.environ, "MODE": "git", "GIT_REPO_DIRECTORY": str(repo), "PORT": str(port), "BIND_HOST": "127.0.0.1"}
    server = subprocess.Popen(["node", str(DECAP_SERVER)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        until(lambda: listening(port), "decap-server ne démarre pas (make test l'installe : .ci/edition)")
        with StaticServer(site) as static:
            yield static.url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    return _clone(tmp_path_factory.mktemp("depot"))


@pytest.fixture(scope="module")
def editor_site(tmp_path_factory) -> Path:
    """Where `editor` builds the site (the editorial-workflow test starts from it)."""
    return tmp_path_factory.mktemp("site-edition") / "site"


@pytest.fixture(scope="module")
def editor(clone, editor_site):
    with _editor(clone, editor_site) as url:
        yield url


def _open_item(scope, **shown):
    """Unfold the list item (objectif, action) that shows what `shown` says and return it."""
    item = scope.locator('div[class*="ListItem"]').filter(**shown).first
    item.locator("button").first.click()
    return item


def test_staff_change_and_add_an_action_through_the_form(browser, editor, clone):
    before = git(clone, "rev-parse", "HEAD").strip()
    context = browser.new_context(locale="fr-FR", base_url=editor)
    outside: list[str] = []
    local = ("http://127.0.0.1", "http://localhost", "data:", "blob:")  # the site and the editor's local server
    context.on("request", lambda r: None if r.url.startswith(local) else outside.append(r.url))
    page = context.new_page()
    page.goto("admin/")
    page.get_by_role("button", name="Se connecter").click()
    page.goto("admin/#/collections/quartiers/entries/regain")

    label = page.get_by_text("reperage-publics-eloignes-droit", exact=True)
    appears(label, "le formulaire du quartier ne montre pas ses objectifs")
    objectif = _open_item(page, has=page.get_by_text("reperage-publics-eloignes-droit", exact=True))
    action = _open_item(objectif, has_text="Point Justice")
    # the statut is a choice among the model's four values
    action.locator('[aria-label="select field"]').filter(has_text="Statut").locator('[class*="control"]').first.click()
    options = page.locator('[class*="option"]').all_inner_texts()
    assert options == ["à engager", "en cours", "réalisée", "abandonnée"], options
    page.get_by_text("en cours", exact=True).click()
    action.get_by_label("Texte", exact=True).fill(CHANGED_TEXT)
    action.locator('input[type="date"]').first.fill("2026-11-30")  # the date picker of « Date du statut »
    # a new action: its text only, no identifier typed
    objectif.get_by_role("button", name="Ajouter actions").click()
    objectif.locator('textarea[id^="texte-field"]:visible').last.fill(NEW_TEXT)

    page.get_by_role("button", name="Publier").first.click()
    page.get_by_text("Publier maintenant").click()
    until(lambda: git(clone, "rev-parse", "HEAD").strip() != before, "l'enregistrement n'a fait aucun commit")
    appears(page.get_by_text("Modifications enregistrées", exact=False), "l'éditeur ne dit pas que l'enregistrement est fait")
    context.close()
    assert outside == [], f"requêtes hors du site : {outside}"

    saved = git(clone, "log", "-1", "--format=%s")
    assert "regain" in saved and "(éditeur en ligne)" in saved, saved

    # the form editor's own YAML, then the project's canonical form: only the real change remains
    formatted = subprocess.run(
        [str(CONVENTION), "formater"], cwd=clone, capture_output=True, text=True, env={**os.environ, "CONVENTION_CONTENU": "content"}
    )
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr
    diff = git(clone, "diff", "-U0", before, "--", QUARTIER)
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == [
        "-        texte: \"Encourager l'implantation d'un Point Justice communautaire dans le quartier\"",
        f'+        texte: "{CHANGED_TEXT}"',
        "+        statut: en cours",
        "+        statut_date: 2026-11-30",
        "+      - id: organiser-permanence-mensuelle-ecrivain-public",
        f'+        texte: "{NEW_TEXT}"',
    ], "\n".join(changed)
    addresses = git(clone, "diff", "-U0", before, "--", "content/adresses.txt")
    assert "+quartiers/regain/#action-organiser-permanence-mensuelle-ecrivain-public" in addresses, addresses
    assert "+objectifs/reperage-publics-eloignes-droit/#regain--organiser-permanence-mensuelle-ecrivain-public" in addresses
    assert set(git(clone, "diff", "--name-only", before).split()) == {QUARTIER, "content/adresses.txt"}

    check = subprocess.run(
        [str(CONVENTION), "check"], cwd=clone, capture_output=True, text=True, env={**os.environ, "CONVENTION_CONTENU": "content"}
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "forme canonique" not in check.stdout

    site = clone.parent / "site-apres"
    result = build_site(site, clone / "content")
    assert result.returncode == 0, result.stderr
    html = (site / "quartiers" / "regain" / "index.html").read_text(encoding="utf-8")
    assert 'id="action-organiser-permanence-mensuelle-ecrivain-public"' in html
    assert "au cœur du quartier" in html and "30 novembre 2026" in html
    assert NEW_TEXT.replace("'", "&#39;") in html or NEW_TEXT.replace("'", "’") in html or NEW_TEXT in html


def test_browser_and_formatter_make_the_same_identifiers(browser, editor):
    """The form (edition.js) and `make formater` (macros/domain/identifiers.py) derive the same
    identifier from the same text: one table of cases, read by both."""
    cases = json.loads((ROOT / "tests" / "fixtures" / "identifiants.json").read_text(encoding="utf-8"))["cas"]
    context = browser.new_context(locale="fr-FR", base_url=editor)
    page = context.new_page()
    page.goto("admin/")
    appears(page.get_by_role("button", name="Se connecter"), "l'éditeur ne démarre pas")
    found = page.evaluate(
        "cases => cases.map(c => window.conventionEdition.newIdentifier(c.texte, new Set(c.pris), c.genre || 'action'))",
        cases,
    )
    context.close()
    assert found == [case["attendu"] for case in cases]


EDITION = 'edition:\n  gitlab: "https://gitlab.example.fr"\n  depot: "mairie/convention"\n  application: "abc123"\n'


def _commits(repo: Path, branch: str) -> int:
    found = subprocess.run(["git", "rev-list", "--count", branch], cwd=repo, capture_output=True, text=True)
    return int(found.stdout) if found.returncode == 0 else 0


def test_with_gitlab_settings_each_change_waits_on_its_own_branch_until_published(browser, editor, editor_site, tmp_path):
    """The editorial workflow (content/README.md): a save goes to a branch of its own (on GitLab, a
    merge request whose pipeline judges it); the published branch changes only on « Publier »."""
    repo = _clone(tmp_path / "depot", EDITION)
    published = git(repo, "rev-parse", "main").strip()
    with _editor(repo, tmp_path / "site", built=editor_site) as url:
        context = browser.new_context(locale="fr-FR", base_url=url)
        page = context.new_page()
        page.on("dialog", lambda dialog: dialog.accept())  # « Publier cette entrée ? »
        page.goto("admin/")
        page.get_by_role("button", name="Se connecter").click()
        page.goto("admin/#/collections/quartiers/entries/regain")
        objectif = _open_item(page, has=page.get_by_text("reperage-publics-eloignes-droit", exact=True))
        action = _open_item(objectif, has_text="Point Justice")
        action.locator('[aria-label="select field"]').filter(has_text="Statut").locator('[class*="control"]').first.click()
        page.get_by_text("réalisée", exact=True).click()
        page.get_by_role("button", name="Enregistrer").first.click()
        until(lambda: _commits(repo, "cms/quartiers/regain") == 2, "l'enregistrement n'a pas fait de commit sur sa propre branche")
        assert git(repo, "rev-parse", "main").strip() == published, "la branche publiée a changé avant « Publier »"
        assert "statut: réalisée" in git(repo, "show", "cms/quartiers/regain:content/quartiers/regain.yaml")

        page.get_by_text("Statut: Brouillon").click()
        page.get_by_text("Prêt", exact=True).click()
        appears(page.get_by_text("Statut: Prêt"), "la modification ne passe pas en « Prêt »")
        page.get_by_role("button", name="Publier").first.click()
        page.get_by_text("Publier maintenant").click()
        until(lambda: git(repo, "rev-parse", "main").strip() != published, "« Publier » n'a rien fusionné dans la branche publiée")
        context.close()
    assert "statut: réalisée" in git(repo, "show", "main:content/quartiers/regain.yaml")
    assert "cms/quartiers/regain" not in git(repo, "branch", "--list")


def test_the_editor_screens_pass_axe_and_carry_the_legal_links(browser, editor):
    """Staff with disabilities use the editor too: its sign-in, its lists and its forms pass axe
    (Decap's unnamed icon buttons are named in French by edition.js, a few colours darkened by
    edition.css), and the page links the accessibility statement like every page of the site."""
    context = browser.new_context(locale="fr-FR", base_url=editor)
    page = context.new_page()
    page.goto("admin/")
    appears(page.get_by_role("button", name="Se connecter"), "l'éditeur ne démarre pas")
    legal = page.get_by_role("navigation", name="Informations légales")
    assert legal.get_by_role("link").all_inner_texts()[:2] == ["Accessibilité\u00a0: non conforme", "Mentions légales"]
    found = {"connexion": axe.violations(page)}
    page.get_by_role("button", name="Se connecter").click()
    # the first collection's list, then a quartier's form with a list item unfolded, in one tab
    appears(page.get_by_text("Le Regain", exact=True), "la liste des quartiers ne s'affiche pas après la connexion")
    found["quartiers"] = axe.violations(page)
    page.goto("admin/#/collections/quartiers/entries/regain")
    shown = page.get_by_text("reperage-publics-eloignes-droit", exact=True)
    appears(shown, "le formulaire du quartier ne s'affiche pas")
    _open_item(page, has=shown)
    appears(page.get_by_role("button", name="Déplier ou replier cet élément"), "les boutons des listes restent sans nom")
    found["quartier"] = axe.violations(page)
    context.close()
    assert {name: axe.describe(found[name]) for name in found if found[name]} == {}
