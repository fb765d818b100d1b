"""The pages a French public site must carry: accessibility declaration (RGAA model), legal
notices, personal data, site map; linked from every page's footer, filled from content only."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from macros.reading.loader import load_convention
from macros.text import typography
from tests.conftest import ROOT, read_html
from tests.support.dom import parse
from tests.support.sitebuild import SIGNED, reading_pages

LEGAL_PAGES = ("accessibilite", "mentions-legales", "donnees-personnelles", "plan-du-site")
OTHER_CONTENT = ROOT / "tests" / "fixtures" / "autre-commune" / "content"


@pytest.fixture(scope="module")
def contrat():
    return load_convention(SIGNED).contrat


@pytest.fixture(scope="module")
def other_site(other_commune_site):
    return other_commune_site  # built once per run (conftest.py), read-only


def text(site: Path, path: str) -> str:
    return parse(read_html(site, path)).find("article").text


def resolve(site: Path, page: Path, href: str) -> Path:
    path = unquote(urlsplit(href).path)
    target = (site / path.lstrip("/")) if path.startswith("/") else (page.parent / path)
    target = target.resolve()
    return target / "index.html" if target.is_dir() or path.endswith("/") or path in ("", ".") else target


def test_accessibility_declaration_follows_the_official_model(site_dir, contrat):
    root = parse(read_html(site_dir, "accessibilite/index.html"))
    headings = [h.text.rstrip("#").strip() for h in root.find("article").iter() if h.tag in ("h1", "h2", "h3")]
    for expected in (
        "Déclaration d'accessibilité",
        "État de conformité",
        "Résultats des tests",
        "Contenus non accessibles",
        "Non-conformités",
        "Dérogations pour charge disproportionnée",
        "Contenus non soumis à l'obligation d'accessibilité",
        "Établissement de cette déclaration d'accessibilité",
        "Technologies utilisées pour la réalisation du site",
        "Environnement de test",
        "Outils pour évaluer l'accessibilité",
        "Pages du site ayant fait l'objet de la vérification de conformité",
        "Retour d'information et contact",
        "Voies de recours",
    ):
        assert expected in headings
    body = text(site_dir, "accessibilite/index.html")
    assert f"Ce site est {contrat.accessibilite.statut} avec le référentiel général d'amélioration de l'accessibilité (RGAA)" in body
    assert f"établie le {typography.date(contrat.accessibilite.date_declaration)}" in body
    assert "Défenseur des droits" in body and "Libre réponse 71120, 75342 Paris CEDEX 07" in body
    assert contrat.accessibilite.contact in body


def test_declaration_says_honestly_that_no_audit_was_done(site_dir, contrat):
    assert contrat.accessibilite.statut == "non conforme"
    body = text(site_dir, "accessibilite/index.html")
    assert "Aucun audit de conformité n'a encore été réalisé" in body
    assert "axe-core" in body and "ils ne relèvent aucune erreur" in body
    assert "ne remplacent pas un audit" in body


def test_legal_notices_name_publisher_director_host_licence_and_credits(site_dir, contrat):
    body = text(site_dir, "mentions-legales/index.html")
    publication = contrat.publication
    for value in (publication.editeur, publication.adresse, publication.directeur_publication):
        assert typography.text(value) in body
    assert typography.text(publication.hebergeur) in body and "À compléter" in body
    assert "Licence Ouverte 2.0" in body
    assert "Contours communaux\u00a0: IGN Admin Express" in body
    assert "Plan IGN v2" in body


def test_personal_data_page_says_what_is_and_is_not_stored(site_dir):
    body = text(site_dir, "donnees-personnelles/index.html")
    assert "Aucun cookie n'est déposé" in body
    assert "mesure d'audience" in body
    assert "__palette" in body
    assert "data.geopf.fr" in body


def test_home_page_shows_the_accessibility_status_linked_to_the_declaration(site_dir, contrat):
    root = parse(read_html(site_dir, "index.html"))
    mention = root.find(class_="cdv-accessibilite")
    assert mention is not None
    assert mention.text.startswith(f"Accessibilité\u00a0: {contrat.accessibilite.statut}")
    link = mention.find("a")
    assert resolve(site_dir, site_dir / "index.html", link.attrs["href"]) == (site_dir / "accessibilite" / "index.html").resolve()


def test_every_page_links_the_legal_pages_in_its_footer(site_dir, contrat):
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 50
    expected = [f"Accessibilité\u00a0: {contrat.accessibilite.statut}", "Mentions légales", "Données personnelles", "Plan du site"]
    for path in pages:
        footer = parse(path.read_text(encoding="utf-8")).find("footer")
        assert footer is not None, path
        nav = footer.find("nav", aria_label="Informations légales")
        assert nav is not None, path
        links = nav.find_all("a")
        assert [a.text for a in links][:4] == expected, path
        for link, slug in zip(links, LEGAL_PAGES):
            target = (site_dir / "404.html") if path.name == "404.html" else path
            assert resolve(site_dir, target, link.attrs["href"]) == (site_dir / slug / "index.html").resolve(), (path, link.attrs)


def test_site_map_links_every_page(site_dir):
    plan = site_dir / "plan-du-site" / "index.html"
    article = parse(plan.read_text(encoding="utf-8")).find("article")
    linked = {resolve(site_dir, plan, a.attrs["href"]) for a in article.find_all("a") if "href" in a.attrs}
    pages = {p.resolve() for p in reading_pages(site_dir, "index.html")} - {plan.resolve()}
    missing = sorted(str(p.relative_to(site_dir.resolve())) for p in pages - linked)
    assert missing == []


def test_legal_pages_hard_code_nothing_about_the_commune(contrat):
    sources = "".join(
        (ROOT / "docs" / f"{name}.md").read_text(encoding="utf-8") for name in ("accessibilite", "mentions-legales", "donnees-personnelles")
    )
    for value in (
        contrat.commune.nom,
        contrat.publication.editeur,
        contrat.publication.directeur_publication,
        contrat.agglomeration.sigle,
        str(contrat.accessibilite.date_declaration.year),
    ):
        assert value not in sources


def test_another_commune_gets_its_own_legal_pages(other_site):
    other = load_convention(OTHER_CONTENT).contrat
    assert other.accessibilite.statut == "partiellement conforme"
    footer = parse(read_html(other_site, "glossaire/index.html")).find("nav", aria_label="Informations légales")
    assert footer.find("a").text == "Accessibilité\u00a0: partiellement conforme"
    declaration = text(other_site, "accessibilite/index.html")
    assert "Ce site est partiellement conforme" in declaration
    assert "L'audit de conformité révèle que 72,5\u202f% des critères du RGAA version 4.1.2 sont respectés." in declaration
    assert typography.date(other.accessibilite.date_declaration) in declaration
    notices = text(other_site, "mentions-legales/index.html")
    assert other.publication.directeur_publication in notices and other.publication.editeur in notices
    assert "À compléter par la commune" in notices  # no host given in that content
    home = parse(read_html(other_site, "index.html")).find(class_="cdv-accessibilite")
    assert home.text.startswith("Accessibilité\u00a0: partiellement conforme")
