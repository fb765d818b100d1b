"""Time and trust: provenance of objectifs and actions, avenants, the history page and its Atom
feed, computed page dates, « Citer cette page », and addresses that never die.

Built on copies of the signed convention (SIGNED): one with a dated statut (the baseline), the
same plus an avenant that adds an action, rewords one, withdraws an objectif and renames another.
"""

from __future__ import annotations

import html as html_lib
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from macros import cli
from macros.lifecycle.history import History
from macros.reading.loader import load_convention
from tests.support import axe
from tests.support.avenant import (
    ADDED_ACTION,
    AVENANT_DATE,
    NEW_TITLE,
    RENAMED,
    REWORDED_ACTION,
    STATUT,
    SUIVI_DATE,
    WITHDRAWN_OBJECTIF,
    apply_avenant,
    apply_statut,
)
from tests.support.dom import parse
from tests.support.nginx import Nginx
from tests.support.server import StaticServer
from tests.support.sitebuild import SIGNED, build_site
from tests.support.waits import appears, arrives_at

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://convention.exemple.fr/"
# Actions of Longuepierre – Beclet and Cité 10 – Fond de Sains whose text the scan does not give
# at all (taken from Le Regain's table), with the line of their transcription note.
FULLY_RESTORED = {
    "longuepierre-beclet": {
        "partenariats-orientation": 267,
        "initiatives-orientation": 267,
        "diagnostic-sans-emploi": 268,
        "non-recours-droits": 268,
        "remobilisation-demandeurs-emploi": 269,
        "rencontres-acteurs": 270,
        "initiatives-insertion": 270,
    },
    "cite-10-fond-de-sains": {
        "ateliers-nature-transition": 366,
        "initiatives-sante-environnement": 366,
        "ressources-prevention-sante": 366,
        "partenariats-orientation": 368,
        "initiatives-orientation": 368,
        "diagnostic-sans-emploi": 369,
        "non-recours-droits": 369,
        "remobilisation-demandeurs-emploi": 370,
    },
}


def _copy(tmp: Path, name: str) -> Path:
    content = tmp / name / "content"  # same folder name: edit links compare equal
    shutil.copytree(SIGNED, content)
    return content


def _list_addresses(content: Path) -> None:
    assert cli.main(["--contenu", str(content), "adresses"]) == 0


def _build(content: Path, site: Path) -> Path:
    result = build_site(site, content, {"SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def _baseline(content: Path) -> None:
    """A dated statut, and the addresses listed."""
    apply_statut(content)
    _list_addresses(content)


def _amended(content: Path) -> None:
    """The baseline and the avenant."""
    apply_statut(content)
    apply_avenant(content)
    _list_addresses(content)


@pytest.fixture(scope="module")
def sites(shared_sites):
    """Built once per run (tests/support/shared_sites.py), each in a « …/content » folder: edit links compare equal."""
    baseline = shared_sites.site(SIGNED, prepare=_baseline, env={"SITE_URL": SITE_URL})
    changed = shared_sites.build(SIGNED, prepare=_amended, env={"SITE_URL": SITE_URL})
    assert changed.returncode == 0, changed.output
    return {"baseline": baseline, "avenant": changed.site, "content": changed.content}


def _html(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def _plain(text: str) -> str:
    """French typography's no-break spaces as plain spaces, to compare wording."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def _text(html: str) -> str:
    return _plain(" ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", html)).split()))


def _item(html: str, element_id: str) -> str:
    """The text of the element with this id (an action's <li>)."""
    element = parse(html).by_id(element_id)
    assert element is not None, element_id
    return _plain(element.text)


# --- provenance -----------------------------------------------------------------------


def test_each_avenant_change_shows_its_provenance(sites):
    site = sites["avenant"]
    quartier, objectif, action = ADDED_ACTION
    regain = _html(site, f"quartiers/{quartier}/index.html")
    assert "Action ajoutée par l'avenant n° 1 du 3 mars 2026" in _item(regain, f"action-{action}")
    assert "Action ajoutée par l'avenant n° 1" in _item(_html(site, f"objectifs/{objectif}/index.html"), f"{quartier}--{action}")
    reworded = _item(regain, f"action-{REWORDED_ACTION[1]}")
    assert "Texte modifié par l'avenant n° 1 du 3 mars 2026" in reworded
    assert "Texte signé : « Sensibiliser et promouvoir la mobilité douce" in reworded, "le texte signé reste lisible"

    assert "Lutter contre le harcèlement scolaire (retiré par l'avenant n° 1)" in _text(_html(site, "enjeux/index.html"))
    withdrawn = _text(_html(site, f"objectifs/{WITHDRAWN_OBJECTIF}/index.html"))
    assert "Cet objectif a été retiré par l'avenant n° 1 du 3 mars 2026." in withdrawn
    assert "Cet objectif a été retiré par l'avenant n° 1" in _text(regain)

    renamed = _html(site, f"objectifs/{RENAMED[1]}/index.html")
    assert NEW_TITLE in _text(renamed)
    details = parse(renamed).find("details", class_="cdv-texte-signe")
    assert details is not None and "Texte signé" in _plain(details.text)
    assert "Lutter contre toutes les formes de violences" in details.text
    history_links = re.findall(r'href="([^"]*historique/#avenant-1)"', regain)
    assert history_links, "chaque changement renvoie à l'historique"


def test_signed_text_is_the_discreet_default(site_dir):
    regain = _html(site_dir, "quartiers/regain/index.html")
    assert "cdv-provenance" not in regain, "le texte signé tel quel n'est pas annoncé action par action"
    assert "Texte signé le 9 juillet 2024." in _text(regain)


def test_each_restored_action_says_so_and_links_its_note(site_dir):
    notes = _html(site_dir, "convention/notes-de-transcription/index.html")
    convention = load_convention(SIGNED)
    marked = {(q.id, a.id) for q, _, a in convention.actions() if a.restauree}
    expected = {(q, a) for q, actions in FULLY_RESTORED.items() for a in actions}
    assert len(expected) == 15 and expected <= marked
    assert len(marked) == 22, "15 actions illisibles et 7 dont seul un fragment est lisible"
    for quartier, actions in FULLY_RESTORED.items():
        html = _html(site_dir, f"quartiers/{quartier}/index.html")
        for action, line in actions.items():
            item = parse(html).by_id(f"action-{action}")
            assert item is not None
            assert "Action restaurée :" in _plain(item.text) and "illisible" in item.text
            link = item.find("a")
            assert link is not None and link.attrs["href"].endswith(f"convention/notes-de-transcription/#ligne-{line}")
            assert f'id="ligne-{line}"' in notes
            objectif_page = next(
                p for p in (site_dir / "objectifs").glob("*/index.html") if f'id="{quartier}--{action}"' in p.read_text(encoding="utf-8")
            )
            assert "Action restaurée" in parse(objectif_page.read_text(encoding="utf-8")).by_id(f"{quartier}--{action}").text


# --- history page and feed --------------------------------------------------------------


def test_history_page_lists_avenants_and_dated_changes_newest_first(sites):
    html = _html(sites["avenant"], "historique/index.html")
    text = _text(html)
    assert "Avenant n° 1 du 3 mars 2026" in text
    for expected in (
        "Objectif retiré par l'avenant n° 1",
        "Objectif renommé par l'avenant n° 1",
        "Le Regain : action ajoutée par l'avenant n° 1",
        "Le Regain : action modifiée par l'avenant n° 1",
        "Le Regain : action « en cours »",
        "Le Regain : point de suivi",
        "Signature de la convention",
    ):
        assert expected in text, expected
    dates = re.findall(r'<time datetime="(\d{4}-\d{2}-\d{2})"', html.split('id="changements"', 1)[1].split('id="corrections"', 1)[0])
    assert dates == sorted(dates, reverse=True) and dates[0] == SUIVI_DATE.isoformat()
    assert 'href="../historique.xml"' in html


def test_atom_feed_lists_every_change_with_absolute_links(sites):
    site = sites["avenant"]
    feed = ET.fromstring((site / "historique.xml").read_bytes())
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}updated") == f"{SUIVI_DATE.isoformat()}T00:00:00Z"
    entries = feed.findall(f"{ATOM}entry")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert titles[0].startswith("11 mai 2026 : Le Regain : point de suivi")
    assert any("Avenant n° 1" in t for t in titles)
    assert any("Objectif retiré par l'avenant n° 1" in t for t in titles)
    assert any("action « en cours »" in t for t in titles), "les changements de statut sont dans le fil"
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(ids) == len(set(ids))
    for entry in entries:
        href = entry.find(f"{ATOM}link").get("href")
        assert href.startswith(SITE_URL)
        assert re.match(r"^\d{4}-\d{2}-\d{2}T00:00:00Z$", entry.findtext(f"{ATOM}updated"))
    action_link = next(e.find(f"{ATOM}link").get("href") for e in entries if "action ajoutée" in e.findtext(f"{ATOM}title"))
    assert action_link == f"{SITE_URL}quartiers/{ADDED_ACTION[0]}/#action-{ADDED_ACTION[2]}"
    head = _html(site, "quartiers/regain/index.html").split("</head>", 1)[0]
    assert '<link rel="alternate" type="application/atom+xml" title="Historique des modifications" href="../../historique.xml">' in head


# --- dates -------------------------------------------------------------------------------


def _updated(html: str) -> str | None:
    found = re.search(r'<p class="cdv-mise-a-jour"[^>]*>.*?<time datetime="([\d-]+)">', html, re.S)
    return found.group(1) if found else None


def test_every_quartier_and_objectif_page_shows_its_computed_date(site_dir, sites):
    convention = load_convention(SIGNED)
    history = History(convention)
    for quartier in convention.quartiers:
        html = _html(site_dir, f"quartiers/{quartier.id}/index.html")
        assert _updated(html) == history.quartier_updated(quartier).isoformat()
        assert "Mis à jour le 9 juillet 2024" in _text(html)
    for placement in convention.placements.values():
        assert _updated(_html(site_dir, f"objectifs/{placement.objectif.id}/index.html")) == "2024-07-09"
    # after the avenant and the statut: each page's own newest content, not one date for all
    site = sites["avenant"]
    assert _updated(_html(site, "quartiers/regain/index.html")) == SUIVI_DATE.isoformat()
    assert _updated(_html(site, "quartiers/longuepierre-beclet/index.html")) == AVENANT_DATE.isoformat()
    assert _updated(_html(site, f"objectifs/{WITHDRAWN_OBJECTIF}/index.html")) == AVENANT_DATE.isoformat()
    assert _updated(_html(site, "objectifs/alimentation-saine/index.html")) == "2024-07-09"
    assert _updated(_html(site, "convention/edito/index.html")) == "2024-07-09"


def test_statut_date_and_provenance_reach_the_open_data(sites):
    site = sites["avenant"]
    csv_text = (site / "donnees/actions.csv").read_bytes().decode("utf-8-sig")
    header, *rows = [line.split(";") for line in csv_text.splitlines()]
    cells = {(r[0], r[header.index("action")]): dict(zip(header, r)) for r in rows}
    assert cells[STATUT[:2]]["statut_date"] == STATUT[3].isoformat()
    assert cells[(ADDED_ACTION[0], ADDED_ACTION[2])]["provenance"] == "ajoutée par l'avenant n° 1 du 2026-03-03"
    assert cells[("longuepierre-beclet", "rencontres-acteurs")]["provenance"] == "restaurée"
    data = yaml.safe_load((site / "donnees/convention.json").read_text(encoding="utf-8"))
    assert data["mise_a_jour"] == SUIVI_DATE.isoformat()
    assert data["avenants"][0]["numero"] == 1


# --- citation and print ------------------------------------------------------------------


@pytest.mark.parametrize("path", ["quartiers/regain/", "objectifs/mobilite-douce/", "convention/edito/"])
def test_cite_this_page_gives_address_title_date_and_version(sites, path):
    html = _html(sites["avenant"], path + "index.html")
    block = parse(html).find("details", class_="cdv-citer")
    assert block is not None and block.find("summary").text == "Citer cette page"
    citation = _plain(block.find("p", class_="cdv-citation").text)
    assert f"Disponible à l'adresse : {SITE_URL}{path}" in citation
    assert citation.startswith("Commune d'Hersin-Coupigny. « ")
    version = "texte signé le 9 juillet 2024" if path.startswith("convention/") else "modifié par l'avenant n° 1 du 3 mars 2026"
    assert f"Version : {version}" in citation
    printed = _plain(parse(html).find("p", class_="cdv-imprime").text)
    assert f"{SITE_URL}{path}" in printed and "mise à jour le" in printed


@pytest.mark.browser
def test_citation_opens_with_the_keyboard_and_print_shows_the_address(browser, sites):
    with StaticServer(sites["avenant"]) as server:
        context = browser.new_context(locale="fr-FR", base_url=server.url)
        tab = context.new_page()
        tab.goto("quartiers/regain/")
        summary = tab.locator(".cdv-citer summary")
        summary.focus()
        tab.keyboard.press("Enter")
        assert tab.locator(".cdv-citation").is_visible()
        assert not tab.locator(".cdv-imprime").is_visible()
        tab.emulate_media(media="print")
        assert tab.locator(".cdv-imprime").is_visible()
        assert not tab.locator(".cdv-citer").is_visible()
        tab.emulate_media(media="screen")
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        tab.locator(".cdv-citer__copier").click()
        appears(tab.locator(".cdv-citer__etat").get_by_text("Citation copiée."), "le bouton ne dit pas « Citation copiée. »")
        assert tab.evaluate("navigator.clipboard.readText()") == tab.locator(".cdv-citation").inner_text().strip()
        found = axe.violations(tab)
        assert found == [], axe.describe(found)  # the opened citation and its button too
        for path in ("quartiers/regain/", "historique/", f"objectifs/{WITHDRAWN_OBJECTIF}/", f"objectifs/{RENAMED[1]}/"):
            tab.goto(path)
            found = axe.violations(tab)
            assert found == [], (path, axe.describe(found))
        context.close()


# --- addresses that never die --------------------------------------------------------------


def test_old_address_of_a_renamed_objectif_leads_to_its_successor(sites):
    old, new = RENAMED
    html = _html(sites["avenant"], f"objectifs/{old}/index.html")
    assert f'<meta http-equiv="refresh" content="0; url=../{new}/">' in html
    assert "a été renommé par l&#39;avenant n° 1 du 3 mars 2026" in html
    assert f"objectifs/{old}/#regain--reseau-vif" in (sites["content"] / "adresses.txt").read_text(encoding="utf-8")


@pytest.mark.browser
def test_browser_lands_on_the_successor_with_the_same_action(browser, sites, tmp_path):
    """Served as in production: nginx with the site's Content-Security-Policy (no inline script)."""
    old, new = RENAMED
    with Nginx(sites["avenant"], tmp_path / "nginx") as server:
        context = browser.new_context(locale="fr-FR", base_url=server.url)
        tab = context.new_page()
        tab.goto(f"objectifs/{old}/#regain--reseau-vif")
        arrives_at(
            tab,
            lambda url: re.search(rf"/objectifs/{new}/#regain--reseau-vif$", url) is not None,
            f"l'ancienne adresse de l'objectif {old} ne mène pas à {new}, ancre comprise",
        )
        assert tab.locator("#regain--reseau-vif").count() == 1
        assert NEW_TITLE in tab.locator("h1").inner_text()
        context.close()


def test_nothing_else_changes(sites):
    """Outside the pages showing the changed items, the avenant changes no page but its dates."""
    before, after = sites["baseline"], sites["avenant"]

    def normalised(html: str) -> str:
        # and the links to the whole convention's PDF, whose size changes with it (every page's footer)
        for pattern in (
            r'<p class="cdv-mise-a-jour".*?</p>',
            r'<details class="cdv-citer".*?</details>',
            r'<p class="cdv-imprime".*?</p>',
            r'<a [^>]*href="[^"]*convention\.pdf"[^>]*>.*?</a>',
        ):
            html = re.sub(pattern, "", html, flags=re.S)
        return html

    pages = {p.relative_to(before).as_posix() for p in before.rglob("*.html")}
    added = {p.relative_to(after).as_posix() for p in after.rglob("*.html")} - pages
    # the avenant is dated content of a new year: that year gets its bilan
    assert {p for p in added if not p.startswith("bilans/")} == {f"objectifs/{RENAMED[1]}/index.html"}
    changed = {p for p in pages if normalised(_html(before, p)) != normalised(_html(after, p))}
    # pages that name the changed objectifs and actions, or sum the whole convention up
    expected = {
        "quartiers/regain/index.html",
        "quartiers/longuepierre-beclet/index.html",
        "quartiers/cite-10-fond-de-sains/index.html",
        f"objectifs/{WITHDRAWN_OBJECTIF}/index.html",
        f"objectifs/{RENAMED[0]}/index.html",
        f"objectifs/{ADDED_ACTION[1]}/index.html",
        "enjeux/index.html",
        "enjeux/attentifs/index.html",
        "orientations/prevention-violences-victimes/index.html",
        "matrice/index.html",
        "historique/index.html",
        "plan-du-site/index.html",
        "version-imprimable/index.html",
        "avancement/index.html",
        "index.html",
        "donnees/index.html",
        "bilans/index.html",
    } | {p for p in pages if p.startswith("bilans/")}  # the bilan of the avenant's year
    assert changed <= expected, sorted(changed - expected)
    assert {"quartiers/regain/index.html", f"objectifs/{WITHDRAWN_OBJECTIF}/index.html", "historique/index.html"} <= changed


def test_rebuild_is_byte_identical(sites, tmp_path):
    again = _build(sites["content"], tmp_path / "encore")
    first = {p.relative_to(sites["avenant"]).as_posix(): p.read_bytes() for p in sites["avenant"].rglob("*") if p.is_file()}
    second = {p.relative_to(again).as_posix(): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [p for p in first if first[p] != second[p]] == []


def test_a_new_address_joins_the_list_and_never_fails_a_check(tmp_path, capsys, monkeypatch):
    """Adding an action is a valid edit: the check adds its addresses to the list (staff commit it
    with their change); in CI, where the clone is thrown away, it says so instead."""
    content = _copy(tmp_path, "nouvelle-action")
    _replace(
        content / "quartiers" / "regain.yaml",
        "      - id: point-justice\n",
        '      - id: nouvelle-action\n        texte: "Une action nouvelle."\n      - id: point-justice\n',
    )
    monkeypatch.setenv("CI", "true")
    assert cli.main(["--contenu", str(content), "check"]) == 0
    out = capsys.readouterr().out
    assert "pas encore dans" in out and "make adresses" in out
    assert "quartiers/regain/#action-nouvelle-action" not in (content / "adresses.txt").read_text(encoding="utf-8")
    monkeypatch.delenv("CI")
    assert cli.main(["--contenu", str(content), "check"]) == 0
    assert "ajoutées à" in capsys.readouterr().out
    listed = (content / "adresses.txt").read_text(encoding="utf-8").splitlines()
    assert "quartiers/regain/#action-nouvelle-action" in listed
    assert "objectifs/acces-soins-premiere-necessite/#regain--nouvelle-action" in listed or any(
        line.endswith("#regain--nouvelle-action") for line in listed
    )
    assert listed == sorted(listed)
    result = build_site(tmp_path / "site", content)
    assert result.returncode == 0, result.stderr


def test_an_address_that_disappears_is_named(tmp_path, capsys):
    content = _copy(tmp_path, "action-supprimee")
    path = content / "quartiers" / "regain.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("      - id: point-justice\n")
    path.write_text(text[:start] + text[text.index("      - id: campagnes-acces-droit\n") :], encoding="utf-8")
    assert cli.main(["--contenu", str(content), "check"]) == 1
    err = capsys.readouterr().err
    assert re.search(r"content/adresses\.txt:\d+ : l'adresse publiée « quartiers/regain/#action-point-justice » n'existe plus", err)
    assert "retiree_par" in err
    assert "Traceback" not in err


def test_withdrawn_action_keeps_its_anchor_and_says_so(tmp_path):
    content = _copy(tmp_path, "action-retiree")
    apply_avenant(content)
    _replace(
        content / "quartiers" / "regain.yaml",
        "        texte: \"Encourager l'implantation d'un Point Justice communautaire dans le quartier\"\n",
        "        texte: \"Encourager l'implantation d'un Point Justice communautaire dans le quartier\"\n        retiree_par: 1\n",
    )
    _list_addresses(content)
    site = _build(content, tmp_path / "site")
    item = _item(_html(site, "quartiers/regain/index.html"), "action-point-justice")
    assert "Action retirée par l'avenant n° 1 du 3 mars 2026" in item


def test_unknown_avenant_number_is_a_french_error_with_file_and_line(tmp_path, capsys):
    content = _copy(tmp_path, "avenant-inconnu")
    apply_avenant(content)
    _replace(content / "referentiel.yaml", "            retire_par: 1\n", "            retire_par: 4\n")
    assert cli.main(["--contenu", str(content), "check"]) == 1
    err = capsys.readouterr().err
    line = (content / "referentiel.yaml").read_text(encoding="utf-8").splitlines().index("            retire_par: 4") + 1
    assert f"content/referentiel.yaml:{line} : objectif « Lutter contre le harcèlement scolaire »" in err
    assert "l'avenant n° 4 n'existe pas (avenants déclarés : n° 1)" in err
    assert "content/avenants.yaml" in err


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_correction_without_avenant_is_dated_and_keeps_the_signed_text(tmp_path, capsys):
    content = _copy(tmp_path, "correction")
    old = "        texte: \"Encourager l'implantation d'un Point Justice communautaire dans le quartier\"\n"
    _replace(
        content / "quartiers" / "regain.yaml",
        old,
        "        texte: \"Encourager l'implantation d'un Point Justice communautaire dans le quartier.\"\n"
        "        modifications:\n"
        '          - correction: "point final oublié à la saisie"\n'
        "            date: 2026-09-15\n"
        "            texte_precedent: \"Encourager l'implantation d'un Point Justice communautaire dans le quartier\"\n",
    )
    convention = load_convention(content)
    history = History(convention)
    regain = convention.quartier("regain")
    assert history.quartier_updated(regain).isoformat() == "2026-09-15"
    assert history.version(history.quartier_changes(regain)) == "texte signé le 9 juillet 2024, corrigé le 15 septembre 2026"
    action = next(a for q, _, a in convention.actions() if (q.id, a.id) == ("regain", "point-justice"))
    assert history.provenance(action) == "corrigée le 2026-09-15"
    # neither an avenant nor a date: said in French, with the line
    _replace(content / "quartiers" / "regain.yaml", "            date: 2026-09-15\n", "            avenant: 1\n")
    assert cli.main(["--contenu", str(content), "check"]) == 1
    err = capsys.readouterr().err
    assert "une modification vient soit d'un avenant, soit d'une correction" in err
    assert "l'avenant n° 1 n'existe pas (avenants déclarés : aucun)" in err
