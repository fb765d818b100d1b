"""An agglomeration folder builds one site (tests/fixtures/agglomeration: two fictitious
communes sharing the QPV le-moulin), at the addresses of the agglomeration scheme."""

from __future__ import annotations

import html as html_lib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from macros.cli import main
from macros.rendering import search_index
from tests.support import axe
from tests.support.browser import Traffic
from tests.support.dom import parse
from tests.support.links import broken_links
from tests.support.page_kinds import open_page
from tests.support.server import StaticServer
from tests.support.sitebuild import OTHER_COMMUNE, ROOT
from tests.support.waits import appears, eventually

FIXTURE = ROOT / "tests" / "fixtures" / "agglomeration"
AGGLOMERATION = FIXTURE
NEIGHBOUR = ROOT / "tests" / "fixtures" / "commune-voisine" / "content"
CONVENTION = Path(sys.executable).with_name("convention")
VALMONT, RIVEBELLE = "valmont-sur-test", "rivebelle-les-test"


@pytest.fixture(scope="module")
def agglo_site(shared_sites) -> Path:
    result = shared_sites.build(FIXTURE)  # once per run, read-only
    assert result.returncode == 0, f"mkdocs build a échoué :\n{result.stdout}\n{result.stderr}"
    # strict mode fails on a warning: none may even be printed
    assert "WARNING" not in result.output
    return result.site


def text_of(site: Path, address: str) -> str:
    """The visible text of a page's article, tags stripped."""
    page = (site / address / "index.html").read_text(encoding="utf-8")
    article = re.search(r"<article.*?</article>", page, re.S).group(0)
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article)))


def test_every_page_type_is_at_its_address(agglo_site):
    addresses = [
        "",
        "communes/",
        f"communes/{VALMONT}/",
        f"communes/{VALMONT}/preambule/",
        f"communes/{RIVEBELLE}/",
        "quartiers/",
        "quartiers/le-moulin/",
        "quartiers/les-tilleuls/",
        "quartiers/les-peupliers/",
        "objectifs/eclairage/",
        "enjeux/",
        "matrice/",
        "statistiques/",
        "avancement/",
        "historique/",
        f"communes/{VALMONT}/avancement/",
        f"communes/{VALMONT}/historique/",
        f"communes/{VALMONT}/statistiques/",
        f"communes/{VALMONT}/version-imprimable/",
        "glossaire/",
        "donnees/",
        "plan-du-site/",
        "accessibilite/",
        "mentions-legales/",
        "donnees-personnelles/",
    ]
    missing = [a for a in addresses if not (agglo_site / a / "index.html").exists()]
    assert missing == []
    assert (agglo_site / "404.html").exists() and (agglo_site / "historique.xml").exists()
    assert (agglo_site / f"communes/{VALMONT}/historique.xml").exists()
    assert not (agglo_site / "convention").exists()  # a commune's pages live under communes/<c>/


def test_home_names_the_contrat_cadre_the_communes_and_maps_every_quartier(agglo_site):
    text = text_of(agglo_site, "")
    assert "Contrat de ville de test" in text and "Communauté de communes de l'Exemple" in text
    assert "Valmont-sur-Test" in text and "Rivebelle-lès-Test" in text
    assert "Chiffres clés" in text and "2 communes" in text
    page = (agglo_site / "index.html").read_text(encoding="utf-8")
    assert "cdv-carte" in page
    for quartier in ("le-moulin", "les-tilleuls", "les-peupliers"):
        assert f'href="quartiers/{quartier}/"' in page


def test_shared_quartier_gathers_both_conventions_with_their_commune(agglo_site):
    page = (agglo_site / "quartiers/le-moulin/index.html").read_text(encoding="utf-8")
    text = text_of(agglo_site, "quartiers/le-moulin/")
    assert text.index("décrit par 2 conventions") < text.index("Cartographie")  # said at the top
    for anchor in (f"{RIVEBELLE}--action-eclairage-passerelle", f"{VALMONT}--action-lampadaires"):
        assert f'id="{anchor}"' in page
    assert "Améliorer l'éclairage public — Rivebelle-lès-Test" in text
    assert "Améliorer l'éclairage public — Valmont-sur-Test" in text
    assert text.index("Éclairer la passerelle") < text.index("Convention de Valmont-sur-Test") < text.index("Remplacer les lampadaires")


def test_objectif_page_groups_actions_by_commune(agglo_site):
    page = (agglo_site / "objectifs/eclairage/index.html").read_text(encoding="utf-8")
    text = text_of(agglo_site, "objectifs/eclairage/")
    assert f'id="{RIVEBELLE}"' in page and f'id="{VALMONT}"' in page
    assert f'id="{RIVEBELLE}--le-moulin--eclairage-passerelle"' in page
    assert text.index("Rivebelle-lès-Test") < text.index("Éclairer la passerelle") < text.index("Remplacer les lampadaires")
    assert "Poursuivi par 2 communes sur 2" in text


def test_commune_page_lists_its_narrative_pages_and_quartiers(agglo_site):
    page = (agglo_site / f"communes/{VALMONT}/index.html").read_text(encoding="utf-8")
    text = text_of(agglo_site, f"communes/{VALMONT}/")
    assert 'href="preambule/"' in page
    assert 'href="../../quartiers/le-moulin/#valmont-sur-test--objectifs"' in page
    assert "Les Tilleuls" in text and "partagé avec Rivebelle-lès-Test" in text
    assert "Les Peupliers" not in text  # Rivebelle's alone
    assert 'href="avancement/"' in page and 'href="historique/"' in page


def test_histories_per_commune_and_overall(agglo_site):
    overall = text_of(agglo_site, "historique/")
    assert "Valmont-sur-Test — Signature de la convention" in overall and "Rivebelle-lès-Test — Signature de la convention" in overall
    own = text_of(agglo_site, f"communes/{VALMONT}/historique/")
    assert "Valmont-sur-Test" in own and "Rivebelle-lès-Test —" not in own
    feed = (agglo_site / f"communes/{VALMONT}/historique.xml").read_text(encoding="utf-8")
    assert f"https://contrat-de-ville.exemple.test/communes/{VALMONT}/historique/" in feed or f"/communes/{VALMONT}/historique/" in feed
    assert f"/communes/{VALMONT}/historique.xml" in feed and "Rivebelle-lès-Test —" not in feed
    overall = (agglo_site / "historique.xml").read_text(encoding="utf-8")
    assert "Valmont-sur-Test — Signature" in overall and "Rivebelle-lès-Test — Signature" in overall


def test_search_entries_name_the_commune(agglo_site):
    docs = search_index.full(agglo_site / "search" / "search_index.json")["docs"]
    actions = [d for d in docs if "Éclairer la passerelle" in d["text"]]
    assert actions and all("Rivebelle-lès-Test" in d["title"] for d in actions)
    assert any(d["location"].startswith(f"communes/{VALMONT}/") and "Valmont-sur-Test" in d["title"] for d in docs)


def test_no_broken_link_or_anchor(agglo_site):
    assert broken_links(agglo_site) == []


def test_legal_pages_name_the_agglomeration_as_publisher(agglo_site):
    text = text_of(agglo_site, "mentions-legales/")
    assert "Alex Durand, président" in text and "Communauté de communes de l'Exemple" in text


def test_cli_builds_the_agglomeration(capsys, tmp_path):
    code = main(["--contenu", str(FIXTURE), "build", "--site", str(tmp_path / "site"), "--apercu"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert (tmp_path / "site" / "quartiers" / "le-moulin" / "index.html").exists()


@pytest.fixture(scope="module")
def agglo_url(agglo_site):
    with StaticServer(agglo_site) as server:
        yield server.url


@pytest.fixture
def agglo_page(browser, agglo_url):
    context = browser.new_context(locale="fr-FR", base_url=agglo_url)
    tab = context.new_page()
    traffic = Traffic(agglo_url.split("//")[1].split(":")[0])
    traffic.attach(context, tab)
    yield tab
    context.close()


@pytest.mark.browser
def test_pages_pass_axe(agglo_page):
    paths = ["", f"communes/{VALMONT}/", "quartiers/le-moulin/", "objectifs/eclairage/", f"communes/{VALMONT}/version-imprimable/"]
    found = axe.violations_by_page(agglo_page.context, paths)  # tabs of agglo_page's context, a few at once
    assert {path: axe.describe(v) for path, v in found.items() if v} == {}


@pytest.mark.browser
def test_shared_quartier_folds_each_enjeu_and_its_action_addresses_land_opened(agglo_page, agglo_site):
    """As on a commune's quartier page: each commune's enjeux fold their objectifs in a closed
    <details>; a partner's address of an action (<commune>--action-<a>) opens it on arrival."""
    html = (agglo_site / "quartiers" / "le-moulin" / "index.html").read_text(encoding="utf-8")
    anchors = re.findall(r'<li class="cdv-action[^"]*" id="([^"]+--action-[^"]+)"', html)
    assert len({a.split("--")[0] for a in anchors}) == 2, "une action de chaque commune"
    assert html.count('<details class="cdv-repli">') >= 2 and '<details class="cdv-repli" open' not in html
    for anchor in (anchors[0], anchors[-1]):
        open_page(agglo_page, f"quartiers/le-moulin/#{anchor}")
        eventually(
            agglo_page,
            "a => { const e = document.getElementById(a); return e.closest('details').open && e.checkVisibility(); }",
            f"l'adresse #{anchor} n'ouvre pas son enjeu",
            arg=anchor,
        )


@pytest.mark.browser
def test_search_result_names_the_commune(agglo_page):
    open_page(agglo_page, "")
    agglo_page.keyboard.press("/")
    box = agglo_page.locator(".md-search__input")
    appears(box, "« / » n'ouvre pas la recherche")
    box.press_sequentially("passerelle")
    box.press("End")
    appears(agglo_page.locator(".md-search-result__item"), "la recherche « passerelle » ne donne aucun résultat")
    texts = agglo_page.locator(".md-search-result__item").all_inner_texts()
    assert any("Rivebelle-lès-Test" in t and "passerelle" in t.lower() for t in texts), texts


def test_names_with_an_apostrophe_are_escaped_once(agglo_site):
    """The agglomeration's name (« …de l'Exemple ») reaches titles, tooltips and link previews:
    escaped once, never shown as « l&#39;Exemple »."""
    for path in sorted(agglo_site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        assert "&amp;#39;" not in html and "&amp;#34;" not in html, path.relative_to(agglo_site)


def test_open_data_have_a_commune_column(agglo_site):
    header = (agglo_site / "donnees" / "actions.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.split(";")[0] == "commune"
    page = text_of(agglo_site, "donnees/")
    assert "commune" in page


def _assemble(target: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(CONVENTION), "assembler", str(target), str(OTHER_COMMUNE), str(NEIGHBOUR)], cwd=ROOT, capture_output=True, text=True
    )


def test_the_fixture_is_what_the_assembler_makes(tmp_path):
    """tests/fixtures/agglomeration is `convention assembler` run on the two communes, with its
    agglomeration.yaml completed by hand: regenerate it the same way when a commune changes."""
    result = _assemble(tmp_path / "agglo")
    assert result.returncode == 0, result.stderr
    made = {p.relative_to(tmp_path / "agglo") for p in (tmp_path / "agglo").rglob("*") if p.is_file()}
    kept = {p.relative_to(AGGLOMERATION) for p in AGGLOMERATION.rglob("*") if p.is_file()}
    assert made == kept
    for rel in sorted(made - {Path("agglomeration.yaml")}):
        assert (tmp_path / "agglo" / rel).read_bytes() == (AGGLOMERATION / rel).read_bytes(), rel


def test_an_assembled_folder_builds_the_agglomeration_site(tmp_path):
    """Two communes sharing a QPV, assembled, build the agglomeration site with every page type."""
    assert _assemble(tmp_path / "agglo").returncode == 0
    site = tmp_path / "site"
    result = subprocess.run(
        [str(CONVENTION), "--contenu", str(tmp_path / "agglo"), "build", "--site", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "SITE_URL": "https://agglomeration.exemple.test/"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for address in (
        "",
        "communes/",
        "communes/valmont-sur-test/",
        "communes/rivebelle-les-test/",
        "quartiers/le-moulin/",
        "enjeux/",
        "objectifs/jardins-partages/",
        "matrice/",
        "statistiques/",
        "avancement/",
        "historique/",
        "donnees/",
        "glossaire/",
    ):
        assert (site / address / "index.html").is_file(), address
    moulin = (site / "quartiers" / "le-moulin" / "index.html").read_text(encoding="utf-8")
    assert 'id="valmont-sur-test--action-' in moulin and 'id="rivebelle-les-test--action-' in moulin


# --- a commune's convention to print ------------------------------------------------------


def test_commune_page_links_its_printable_version_listing_its_parts_in_order(agglo_site):
    page = (agglo_site / f"communes/{VALMONT}/index.html").read_text(encoding="utf-8")
    assert 'href="version-imprimable/"' in page
    article = parse((agglo_site / f"communes/{VALMONT}/version-imprimable/index.html").read_text(encoding="utf-8")).find("article")
    parts = [(a.attrs["href"], a.attrs.get("data-cdv-commune")) for a in article.find("ol").find_all("a")]
    assert parts[:2] == [("../contexte/", None), ("../preambule/", None)]  # before the quartiers, in their order
    quartiers = [href for href, commune in parts if commune == VALMONT]
    assert f"../../../quartiers/le-moulin/#{VALMONT}--objectifs" in quartiers and len(quartiers) == 6
    assert not any("les-peupliers" in href for href, _ in parts)  # Rivebelle's alone
    assert parts[-1] == ("../engagements/", None)
    assert "Imprimer toute la convention" in article.text


@pytest.mark.browser
def test_printing_a_communes_convention_keeps_its_own_commitments_only(agglo_page):
    open_page(agglo_page, f"communes/{VALMONT}/version-imprimable/")
    agglo_page.evaluate("() => { window.print = () => { window.__imprime = true; }; }")
    agglo_page.get_by_role("button", name="Imprimer toute la convention").click()
    # every part is fetched before the print dialog: generous on a loaded machine
    eventually(agglo_page, "() => window.__imprime === true", "le bouton n'imprime pas (les parties ne se chargent pas ?)", timeout=30_000)
    printed = agglo_page.locator(".cdv-imprimable-suite").evaluate("suite => suite.textContent")
    printed = " ".join(printed.split())
    # its pages and quartiers, in the document's order; in the shared quartier, its actions only
    order = ["Préambule", "Le Moulin", "Remplacer les lampadaires", "Les Sources", "Les engagements des partenaires"]
    positions = [printed.find(text) for text in order]
    assert -1 not in positions and positions == sorted(positions), list(zip(order, positions))
    assert "Éclairer la passerelle" not in printed and "Convention de Rivebelle-lès-Test" not in printed
    assert "décrit par 2 conventions" not in printed
    assert "Cartographie" in printed and "Convention de Valmont-sur-Test" in printed
    assert agglo_page.locator(".cdv-imprimable-suite").is_hidden()  # for paper only


def test_a_commune_compares_its_own_quartiers(agglo_site):
    text = text_of(agglo_site, f"communes/{VALMONT}/statistiques/")
    assert text.strip().startswith("Comparaison des quartiers de Valmont-sur-Test")
    assert "Les Tilleuls" in text and "Les Peupliers" not in text  # Rivebelle's alone
    assert 'href="statistiques/"' in (agglo_site / f"communes/{VALMONT}/index.html").read_text(encoding="utf-8")
    # the agglomeration's comparison names every commune's quartiers
    overall = text_of(agglo_site, "statistiques/")
    assert overall.strip().startswith("Comparaison des quartiers #") and "Les Tilleuls" in overall


@pytest.mark.parametrize("page", ["avancement", "historique", "statistiques"])
def test_a_communes_own_pages_name_it_in_their_heading(agglo_site, page):
    heading = parse((agglo_site / f"communes/{VALMONT}/{page}/index.html").read_text(encoding="utf-8")).find("h1")
    assert "Valmont-sur-Test" in heading.text
