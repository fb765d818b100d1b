"""The Avancement page and the status of each action, on a real build of a content copy
where a few actions have a statut, a dated update and an indicator."""

from __future__ import annotations

import html as html_lib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.reading.loader import load_convention
from tests.support.sitebuild import SIGNED

NNBSP = "\u202f"
STATUTS = {
    ("regain", "point-justice"): "réalisée",
    ("regain", "campagnes-acces-droit"): "réalisée",
    ("regain", "sante-ambulatoire"): "en cours",
    ("longuepierre-beclet", "point-justice"): "abandonnée",
    ("cite-10-fond-de-sains", "point-justice"): "à engager",
}
EXTRA = {  # lines added under the statut of one action
    ("regain", "point-justice"): [
        "suivi:",
        "  - date: 2024-11-05",
        '    texte: "Rencontre avec le conseil départemental de l\'accès au droit."',
        "  - date: 2025-03-12",
        '    texte: "Première permanence tenue en mairie annexe."',
        "indicateurs:",
        '  - libelle: "Permanences tenues"',
        '    unite: "permanences"',
        "    cible: 24",
        "    mesures:",
        "      - annee: 2025",
        "        valeur: 9",
    ],
}


def _set_statut(path: Path, action_id: str, statut: str, extra: list[str]) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index(f"      - id: {action_id}")
    assert lines[start + 1].startswith("        texte: ")
    added = [f"        statut: {statut}", *("        " + line for line in extra)]
    lines[start + 2 : start + 2] = added
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture(scope="module")
def followed(shared_sites) -> tuple[Path, Path]:
    """(content copy with a few statuts, its built site), once per run: read-only."""
    result = shared_sites.build(SIGNED, prepare=_with_statuts)
    assert result.returncode == 0, result.output
    return result.content, result.site


def _with_statuts(content: Path) -> None:
    for (quartier, action), statut in STATUTS.items():
        _set_statut(content / "quartiers" / f"{quartier}.yaml", action, statut, EXTRA.get((quartier, action), []))


class _Tables(HTMLParser):
    """Tables of a page: caption, header cells with their scope, rows of cell texts."""

    def __init__(self):
        super().__init__()
        self.tables: list[dict] = []
        self.cell: list[str] | None = None
        self.row: list[str] | None = None
        self.in_caption = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.tables.append({"caption": "", "rows": [], "scopes": []})
        elif tag == "caption":
            self.in_caption = True
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell = []
            if tag == "th":
                self.tables[-1]["scopes"].append(a.get("scope"))

    def handle_endtag(self, tag):
        if tag == "caption":
            self.in_caption = False
        elif tag in ("td", "th") and self.cell is not None:
            self.row.append(re.sub(r"[ \t\n]+", " ", "".join(self.cell)).strip())  # keeps no-break spaces
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.tables[-1]["rows"].append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.in_caption:
            self.tables[-1]["caption"] += data
        elif self.cell is not None:
            self.cell.append(data)


def tables(site: Path) -> list[dict]:
    parser = _Tables()
    parser.feed((site / "avancement" / "index.html").read_text(encoding="utf-8"))
    return [t for t in parser.tables if t["caption"]]


def french_share(count: int, total: int) -> str:
    value = f"{round(100 * count / total, 1):.1f}".replace(".", ",").removesuffix(",0")
    return f"{value}{NNBSP}%"


def expected_cells(counts: dict[str, int], total: int) -> list[str]:
    order = ("à engager", "en cours", "réalisée", "abandonnée", "non renseigné")
    return [str(total)] + [f"{counts.get(s, 0)} ({french_share(counts.get(s, 0), total)})" for s in order]


def test_avancement_by_quartier_counts_statuts_and_non_renseigne(followed):
    content, site = followed
    convention = load_convention(content)
    by_quartier = tables(site)[1]
    assert "par quartier" in by_quartier["caption"]
    header, *rows = by_quartier["rows"]
    assert header[:7] == ["Quartier", "Actions", "À engager", "En cours", "Réalisée", "Abandonnée", "Non renseigné"]
    rows_by_name = {row[0]: row for row in rows}
    regain = convention.quartier("regain")
    total = sum(len(p.actions) for p in regain.objectifs)
    assert rows_by_name[regain.nom][1:7] == expected_cells({"réalisée": 2, "en cours": 1, "non renseigné": total - 3}, total)
    beclet = convention.quartier("longuepierre-beclet")
    total_b = sum(len(p.actions) for p in beclet.objectifs)
    assert rows_by_name[beclet.nom][1:7] == expected_cells({"abandonnée": 1, "non renseigné": total_b - 1}, total_b)
    everything = len(convention.actions())
    assert rows_by_name["Ensemble"][1:7] == expected_cells(
        {"à engager": 1, "en cours": 1, "réalisée": 2, "abandonnée": 1, "non renseigné": everything - 5}, everything
    )


def test_avancement_by_enjeu_adds_up_to_every_action(followed):
    content, site = followed
    convention = load_convention(content)
    by_enjeu = tables(site)[0]
    _header, *rows = by_enjeu["rows"]
    assert [row[0] for row in rows] == [f"Enjeu {e.numero}\u00a0: {e.titre}" for e in convention.referentiel.enjeux] + ["Ensemble"]
    counts = [int(row[1]) for row in rows[:-1]]
    assert sum(counts) == int(rows[-1][1]) == len(convention.actions())
    given = sum(int(cell.split(" ")[0]) for row in rows[:-1] for cell in row[2:6])
    assert given == len(STATUTS)


def test_avancement_tables_are_accessible(followed):
    _, site = followed
    for table in tables(site):
        assert table["caption"].strip()
        assert set(table["scopes"]) == {"col", "row"}, "chaque en-tête porte scope"
        assert len(table["rows"][0]) == 7
    html = (site / "avancement" / "index.html").read_text(encoding="utf-8")
    assert "<script" not in html[html.index("<article") : html.index("</article>")]
    for svg in re.findall(r"<svg[^>]*>", html[html.index("<article") : html.index("</article>")]):
        assert 'aria-hidden="true"' in svg


def _article_text(site: Path, path: str) -> str:
    html = (site / path).read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    return re.sub(r"[ \t\n]+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", article)))  # keeps no-break spaces


def test_nothing_reported_since_the_signature_says_so_in_one_sentence(site_dir):
    """The real convention: no statut yet. One sentence with the signature's date, not two tables
    of « 0 % » under a « dernière mise à jour » that reads as a follow-up."""
    convention = load_convention(SIGNED)
    assert not any(a.statut for _, _, a in convention.actions())
    assert tables(site_dir) == []
    text = _article_text(site_dir, "avancement/index.html")
    date = "9 juillet 2024"
    assert convention.contrat.signature.date.isoformat() == "2024-07-09"
    assert (
        f"Aucun avancement n'a encore été renseigné depuis la signature de la convention, le {date}\u00a0: "
        "le suivi commencera avec le premier bilan."
    ) in text
    assert f"{NNBSP}%" not in text and "dernière mise à jour" not in text
    assert "204 actions" in text
    # the quartier pages, where the actions are read, are linked
    for quartier in convention.quartiers:
        assert quartier.nom in text


def test_tables_come_back_with_the_first_statut(followed):
    _, site = followed
    assert [t["caption"].split(" par ")[-1].split(" (")[0] for t in tables(site)] == ["enjeu", "quartier"]
    text = _article_text(site, "avancement/index.html")
    assert "Aucun avancement n'a encore été renseigné" not in text
    assert "5 actions ont un avancement renseigné sur 204" in text


def test_an_objectif_with_nothing_reported_says_it_once_in_a_followed_quartier(followed):
    """In Le Regain (followed), an objectif none of whose actions has a statut says it once,
    in a sentence, instead of a « non renseigné » badge under each action."""
    content, site = followed
    convention = load_convention(content)
    regain = convention.quartier("regain")
    quiet = next(p for p in regain.objectifs if len(p.actions) > 1 and not any(a.statut for a in p.actions))
    html = (site / "quartiers" / "regain" / "index.html").read_text(encoding="utf-8")
    start = html.index(f'id="{quiet.objectif}"')
    section = html[start : html.index("<h5", start + 1) if "<h5" in html[start + 1 :] else len(html)]
    text = html_lib.unescape(section)
    assert text.count("Avancement non renseigné") == 1
    assert f"Avancement non renseigné pour les {len(quiet.actions)} actions de cet objectif." in re.sub(r"<[^>]+>", "", text)
    assert 'class="cdv-statut"' not in section


def test_quartier_page_shows_badge_latest_update_and_indicator(followed):
    _, site = followed
    html = (site / "quartiers" / "regain" / "index.html").read_text(encoding="utf-8")
    item = re.search(r'<li class="cdv-action" id="action-point-justice">(.*?)</li>', html, re.S).group(1)
    text = re.sub(r"[ \t\n]+", " ", html_lib.unescape(re.sub(r"<[^>]+>", "", item))).strip()
    assert 'data-statut="realisee"' in item
    assert "Avancement\u00a0: réalisée" in text
    assert "Dernier point, le 12 mars 2025\u00a0: Première permanence tenue en mairie annexe." in text
    assert "2024" not in text, "seul le dernier point daté est affiché"
    assert "Permanences tenues\u00a0: 9\u00a0permanences en 2025 (cible\u00a0: 24\u00a0permanences)" in text
    other = re.search(r'<li class="cdv-action" id="action-campagnes-acces-droit">(.*?)</li>', html, re.S).group(1)
    assert 'data-statut="realisee"' in other
    untouched = re.search(r'<li class="cdv-action" id="action-habitants-intervention-sociale">(.*?)</li>', html, re.S).group(1)
    assert 'data-statut="non-renseigne"' in untouched and "non renseigné" in untouched


def test_objectif_page_shows_each_quartiers_status(followed):
    _, site = followed
    convention = load_convention(followed[0])
    objectif = next(p.objectif.id for q, p, a in convention.actions() if (q.id, a.id) == ("longuepierre-beclet", "point-justice"))
    html = (site / "objectifs" / objectif / "index.html").read_text(encoding="utf-8")
    item = re.search(r'<li class="cdv-action" id="longuepierre-beclet--point-justice">(.*?)</li>', html, re.S).group(1)
    assert 'data-statut="abandonnee"' in item and "abandonnée" in item


def test_status_badge_css_is_loaded(site_dir):
    html = (site_dir / "quartiers" / "regain" / "index.html").read_text(encoding="utf-8")
    assert "assets/css/avancement.css" in html
    css = (site_dir / "assets" / "css" / "avancement.css").read_text(encoding="utf-8")
    for statut in ("a-engager", "en-cours", "realisee", "abandonnee", "non-renseigne"):
        assert f'[data-statut="{statut}"]' in css


def test_a_quartier_without_any_avancement_says_it_once(site_dir):
    """No statut yet (the real convention): one sentence per page, not « non renseigné » under 66 actions."""
    html = (site_dir / "quartiers" / "regain" / "index.html").read_text(encoding="utf-8")
    article = html_lib.unescape(html[html.index("<article") : html.index("</article>")])
    assert article.count("pas encore renseigné") == 1
    assert 'class="cdv-statut"' not in article
    objectif = (site_dir / "objectifs" / "harcelement-scolaire" / "index.html").read_text(encoding="utf-8")
    # once, in a sentence of its own (it was a small grey aside of each quartier's link line)
    assert objectif.count("Avancement non renseigné") == 1 and 'class="cdv-statut"' not in objectif
    assert not re.search(r'class="cdv-renvoi"[^>]*>[^<]*<a[^>]*>[^<]*</a>[^<]*non renseigné', objectif)


def test_an_objectif_page_says_once_per_quartier_where_nothing_is_reported(followed):
    """Some quartiers followed: the objectif page says it under each quartier without any statut."""
    content, site = followed
    convention = load_convention(content)
    objectif = next(p.objectif.id for q, p, a in convention.actions() if (q.id, a.id) == ("regain", "point-justice"))
    html = html_lib.unescape((site / "objectifs" / objectif / "index.html").read_text(encoding="utf-8"))
    quiet = [q for q in convention.pursuits[objectif] if q.quartier.id not in convention.followed]
    assert html.count("Avancement non renseigné dans ce quartier") == len(quiet)
    assert "depuis la signature" not in html


def test_a_followed_quartier_shows_every_action_s_avancement(followed):
    """Each action shows its avancement: a badge, or its objectif's one sentence when none of the
    objectif's actions has a statut."""
    content, site = followed
    html = (site / "quartiers" / "regain" / "index.html").read_text(encoding="utf-8")
    assert "pas encore renseigné" not in html_lib.unescape(html)
    regain = load_convention(content).quartier("regain")
    for poursuivi in regain.objectifs:
        start = html.index(f'id="{poursuivi.objectif}"')
        end = html.find("<h5", start + 1)
        section = html[start : end if end > 0 else len(html)]
        actions = re.findall(r'<li class="cdv-action"[^>]*>(.*?)</li>', section, re.S)
        assert len(actions) == len(poursuivi.actions), poursuivi.objectif
        if not poursuivi.actions:
            assert "Avancement non renseigné pour" not in section  # nothing to report on
        elif any(a.statut for a in poursuivi.actions):
            assert all('class="cdv-statut"' in item for item in actions), poursuivi.objectif
            assert "Avancement non renseigné pour" not in section
        else:
            assert "Avancement non renseigné pour" in section and 'class="cdv-statut"' not in section, poursuivi.objectif
