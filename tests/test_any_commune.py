"""Any commune: the generator holds for a convention it was not written for.

The fictitious commune (tests/fixtures/autre-commune) is written as a new commune would:
six quartiers, enjeux numbered 1, 2, 3, 5 (the 5th pursued by no quartier), objectifs
without actions, 25 actions under one objectif, a quartier de veille active, indicators in
euros and plain counts, a MultiPolygon perimeter, quartiers without perimeter, IGN's own
property names in communes.geojson, narrative pages linking to quartier pages, and text that
looks like entities, HTML, Jinja or Markdown in every kind of field.
"""

from __future__ import annotations

import gzip
import html as html_lib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from macros.reading.errors import ContentErrors
from macros.reading.loader import load_convention
from macros.text import typography
from macros.text.markdown_text import rebase_links
from tests.support.dom import parse
from tests.support.links import broken_links
from tests.support.sitebuild import OTHER_COMMUNE, build_site
from tests.support.waits import appears

# What the fictitious commune's content writes in every text field of « la-gare »
MARKUP = "&amp; <b>gras</b> {{ x }} {% if y %}z{% endif %} *emph* [lien](x)"
# Names of the signed convention: none may reach another commune's site
SIGNED_NAMES = re.compile(
    r"\b(Hersin|Coupigny|Barlin|N(œ|oe)ux|Regain|Longuepierre|Cité 10|Cite 10|CABBALR|Béthune|Bethune|Bruay|Marles|Beclet|Béclet)\b",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def site(other_commune_site) -> Path:
    return other_commune_site  # built once per run (conftest.py), read-only


def page(site: Path, path: str):
    return parse((site / path / "index.html").read_text(encoding="utf-8"))


def article(site: Path, path: str):
    return page(site, path).find("article")


def text(site: Path, path: str) -> str:
    return article(site, path).text


def copy_content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(OTHER_COMMUNE, target)
    return target


# --- maps ----------------------------------------------------------------------------


def test_a_quartier_without_perimeter_says_so_in_a_paragraph(site):
    for quartier in ("le-moulin", "le-haut", "le-vallon"):
        body = article(site, f"quartiers/{quartier}")
        sentence = body.find("p", class_="cdv-carte__absente")
        assert sentence is not None, quartier
        assert sentence.text == "Le périmètre de ce quartier n'est pas encore publié sur ce site."
        assert "cdv-carte__absente" not in body.text and "<p" not in body.text


def test_commune_outlines_read_ign_admin_express_property_names(site):
    # communes.geojson says INSEE_COM/NOM for one commune, insee_com/nom for the other
    data = json.loads((site / "cartes" / "quartier-la-gare.json").read_text(encoding="utf-8"))
    outlines = {f["properties"]["code"]: html_lib.unescape(f["properties"]["nom"]) for f in data["communes"]["features"]}
    assert outlines == {"99001": "Valmont-sur-Test", "99002": "Bourg-l'Exemple"}
    overview = json.loads((site / "cartes" / "quartiers.json").read_text(encoding="utf-8"))
    assert {f["properties"]["code"] for f in overview["communes"]["features"]} == {"99001", "99002"}


def test_commune_outlines_without_a_code_are_a_french_error_naming_the_expected_properties(tmp_path):
    content = copy_content(tmp_path)
    communes = json.loads((content / "communes.geojson").read_text(encoding="utf-8"))
    communes["features"][1]["properties"] = {"CODE_COMMUNE": "99002", "LIBELLE": "Bourg-l'Exemple"}
    (content / "communes.geojson").write_text(json.dumps(communes), encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        load_convention(content)
    report = str(raised.value)
    assert "communes.geojson" in report and "commune n° 2" in report
    assert "« CODE_COMMUNE », « LIBELLE »" in report
    assert "« INSEE_COM »" in report and "« code »" in report and "« NOM »" in report


def test_editors_guide_names_the_accepted_outline_properties_and_units():
    import typing

    from macros.domain.model import Unite
    from macros.reading import commune_outlines
    from tests.support.sitebuild import LIVING

    guide = (LIVING / "README.md").read_text(encoding="utf-8")
    assert all(f"`{key}`" in guide for key in ("INSEE_COM", "insee_com", "code", "NOM", "nom"))
    assert set(commune_outlines.CODE_KEYS) == {"code", "INSEE_COM", "insee_com"}
    assert all(f"`{unite}`" in guide for unite in typing.get_args(Unite))
    assert "`QVA`" in guide and "`fait_a`" in guide and "`transcription`" in guide


def test_a_multipolygon_perimeter_is_drawn_whole(site):
    data = json.loads((site / "cartes" / "quartier-la-gare.json").read_text(encoding="utf-8"))
    [shape] = data["perimetres"]["features"]
    assert shape["geometry"]["type"] == "MultiPolygon" and len(shape["geometry"]["coordinates"]) == 2
    assert page(site, "quartiers/la-gare").find("div", class_="cdv-carte__zone") is not None


# --- narrative pages -------------------------------------------------------------------


def _links(element, site: Path, here: str) -> dict[str, Path]:
    """Link text → file it leads to, for the links into the site."""
    found = {}
    for a in element.find_all("a"):
        href = a.attrs.get("href", "")
        if not href or href.startswith(("http", "#")):
            continue
        target = (site / here / urlsplit(href).path).resolve()
        found[a.text] = target / "index.html" if target.is_dir() else target
    return found


def test_links_of_narrative_pages_work_wherever_their_text_is_shown(site):
    quartier = (site / "quartiers" / "la-gare" / "index.html").resolve()
    objectif = (site / "objectifs" / "eclairage" / "index.html").resolve()
    glossaire = (site / "glossaire" / "index.html").resolve()
    # `contexte` comes before the quartiers: printed on version-imprimable/, one folder up
    for here in ("convention/contexte", "version-imprimable"):
        links = _links(article(site, here), site, here)
        assert links["la Gare"] == quartier and links["ses objectifs"] == quartier, here
        assert links["l'éclairage"] == objectif and links["le glossaire"] == glossaire, here
    # `engagements` comes after: printed on version-imprimable/fin/, one folder down
    for here in ("convention/engagements", "version-imprimable/fin"):
        links = _links(article(site, here), site, here)
        assert links["les Sources"] == (site / "quartiers" / "les-sources" / "index.html").resolve(), here
    assert "https://example.org/page" in (site / "version-imprimable" / "index.html").read_text(encoding="utf-8")
    assert broken_links(site) == []


def test_rebase_links_moves_relative_targets_only():
    text = "[a](../quartiers/x.md#objectifs) [b](https://example.org/x.md) [d](/abs.md)\n\n[ref]: ../objectifs/y.md\n"
    moved = rebase_links(text, "convention/p.md", "version-imprimable.md")
    assert moved == "[a](quartiers/x.md#objectifs) [b](https://example.org/x.md) [d](/abs.md)\n\n[ref]: objectifs/y.md\n"
    assert rebase_links(text, "convention/p.md", "convention/p.md") == text
    assert rebase_links("[a](../quartiers/x.md)", "convention/p.md", "version-imprimable/fin.md") == "[a](../quartiers/x.md)"


def test_fait_a_is_a_property_of_the_page_not_of_its_file_name(site):
    signatures = [p.text for p in article(site, "convention/engagements").find_all("p", class_="cdv-signature")]
    assert signatures == [f"Signature {MARKUP}", "Fait à Valmont-sur-Test, le 1er mars 2025."]
    assert "Fait à Valmont-sur-Test, le 1er mars 2025." in text(site, "version-imprimable/fin")
    for other in ("convention/contexte", "convention/preambule", "version-imprimable"):
        assert "Fait à" not in text(site, other)


# --- enjeux and objectifs ---------------------------------------------------------------


def test_home_keeps_the_enjeu_numbers_of_the_convention(site):
    body = article(site, "")
    heading = body.by_id("enjeux")
    items = [li.text for li in body.find_all("li") if li.text.startswith("Enjeu ")]
    assert [item.split("\u00a0:")[0] for item in items] == ["Enjeu 1", "Enjeu 2", "Enjeu 3", "Enjeu 5"]
    assert items[3] == "Enjeu 5\u00a0: Le numérique, que nul quartier ne poursuit\u00a0: 1 orientation, 1 objectif."
    assert heading is not None and not body.find_all("ol")


def test_an_enjeu_no_quartier_pursues_and_objectifs_without_actions(site):
    assert "Accueillir des conseillers numériques — aucun quartier" in text(site, "enjeux/numerique")
    assert "Aucun quartier ne poursuit cet objectif" in text(site, "objectifs/conseillers-numeriques")
    matrix = article(site, "matrice").find_all("table")[-1]
    assert [td.text for td in matrix.find_all("td")] == ["Non"] * 6
    sources = text(site, "quartiers/les-sources")
    assert sources.count("Le document ne précise pas d'action propre à cet objectif pour ce quartier.") == 2
    assert "2 objectifs opérationnels, 0 action" in sources
    avancement = article(site, "avancement").find("table")
    row = next(tr for tr in avancement.find_all("tr") if tr.text.startswith("Enjeu 5"))
    assert next(td.text for td in row.find_all("td")) == "0"


def test_twenty_five_actions_under_one_objectif(site):
    for path, prefix in (("quartiers/la-gare", "action-"), ("objectifs/eclairage", "la-gare--")):
        root = page(site, path)
        ids = [e.attrs["id"] for e in root.iter() if e.attrs.get("id", "").startswith(prefix + "action-")]
        assert ids == [f"{prefix}action-{n:02d}" for n in range(1, 26)], path


# --- text ---------------------------------------------------------------------------------


def test_text_that_looks_like_markup_shows_as_typed_in_every_field(site):
    quartier = text(site, "quartiers/la-gare")
    for label in (
        "Projet du quartier",
        "Source du tracé",
        "Description du tracé",
        "Irritant",
        "Opportunité",
        "Texte des enjeux",
        "Point",
        "Sous-point",
        "Forum annuel",
        "Suivi",
        "Budget du forum",
        "Commentaire",
    ):
        assert f"{label} {MARKUP}" in quartier, label
    assert "Parc &amp; Jardins de la Gare" in quartier and "QN 99 <b>001</b> &amp; A" in quartier
    assert "Bourg-l'Exemple &amp; <i>Cie</i>" in quartier
    assert "Revenu médian &amp; <b>disponible</b>" in quartier
    html = (site / "quartiers" / "la-gare" / "index.html").read_text(encoding="utf-8")
    assert "<b>gras</b>" not in html and "<em>emph</em>" not in html and "<i>Cie</i>" not in html
    assert "Enjeu 2\u00a0: L'emploi &amp; la <b>formation</b>" in text(site, "enjeux/emploi")
    assert "Favoriser l'insertion {% if x %}des jeunes{% endif %}" in text(site, "orientations/insertion")
    assert "Tenir un forum de l'emploi [lien](x)" in text(site, "objectifs/forum-emploi")
    assert "Groupement de communes &amp; <b>autres</b> {{ x }} *emph*." in text(site, "glossaire")
    assert f"Les engagements des partenaires {MARKUP}" in text(site, "convention/engagements")
    assert f"Contact\u00a0: Contact {MARKUP}" in text(site, "mentions-legales")


def test_titles_in_the_theme_show_content_as_typed(site):
    """MkDocs' templates print page titles and nav titles as HTML: they must arrive escaped."""
    root = page(site, "quartiers/la-gare")
    assert root.find("title").text.startswith("Parc &amp; Jardins de la Gare — ")
    assert "Parc &amp; Jardins de la Gare" in [a.text for a in root.find("nav", class_="md-nav--primary").find_all("a")]
    assert page(site, "orientations/insertion").find("title").text.startswith("Favoriser l'insertion {% if x %}des jeunes{% endif %} — ")
    assert page(site, "objectifs/jardins-partages").find("title").text.startswith("Créer des jardins partagés {{ 7*7 }} — ")
    narrative = page(site, "convention/engagements")
    assert narrative.find("title").text.startswith(f"Les engagements des partenaires {MARKUP} — ")
    assert narrative.find("meta", name="description").attrs["content"] == f"Description {MARKUP}"
    assert f"Les engagements des partenaires {MARKUP}" in [a.text for a in narrative.find("nav", class_="md-nav--primary").find_all("a")]
    description = page(site, "objectifs/forum-emploi").find("meta", name="description").attrs["content"]
    assert description == "Objectif opérationnel : Tenir un forum de l'emploi [lien](x). Quartiers concernés et actions."


def test_french_spacing_leaves_entity_like_text_alone():
    assert typography.text("Parc &amp; Jardins") == "Parc &amp; Jardins"
    assert typography.text("Caf&#233; ; thé") == "Caf&#233;\u202f; thé"
    assert typography.text("Oui ; non ! &nbsp;") == "Oui\u202f; non\u202f! &nbsp;"
    assert typography.text("[note]: https://example.org") == "[note]: https://example.org"


# --- statuts and units ------------------------------------------------------------------


def test_quartier_de_veille_active(site):
    quartier = article(site, "quartiers/la-gare")
    assert "Quartier de veille active (QVA)" in quartier.text
    abbr = quartier.find("abbr")
    assert abbr is not None and abbr.text == "QVA" and abbr.attrs["title"] == "Quartier de veille active"
    assert "Parc &amp; Jardins de la Gare\u00a0: Quartier de veille active (QVA)" in text(site, "")
    assert "sigles (QIC, QPV, QVA…)" in text(site, "")


def test_indicators_in_euros_and_plain_counts():
    assert typography.with_unit(12500, "euros") == "12\u202f500\u00a0€"
    assert typography.with_unit(1234.5, "euros") == "1\u202f234,50\u00a0€"
    assert typography.with_unit(350, "nombre") == "350"
    assert typography.with_unit(12500, "nombre") == "12\u202f500"


def test_portrait_figures_in_euros_and_counts(site):
    table = article(site, "quartiers/la-gare").find("table")
    cells = {tr.find("th").text.split("Revenu disponible")[0]: [td.text for td in tr.find_all("td")] for tr in table.find_all("tr")[1:]}
    revenu = cells["Revenu médian &amp; <b>disponible</b>"]
    assert revenu[0].startswith("13\u202f000\u00a0€ en 2024 (Commentaire " + MARKUP + ")")
    assert revenu[0].endswith("12\u202f500\u00a0€ en 2021 → 13\u202f000\u00a0€ en 2024 (+500\u00a0€)")
    assert cells["Logements sociaux"][0] == "350 en 2021"
    assert cells["Population"][0] == "non renseigné"


# --- legal pages and glossary ---------------------------------------------------------


def test_glossary_in_french_alphabetical_order(site):
    terms = [dt.text.split(" — ")[0] for dt in article(site, "glossaire").find_all("dt")]
    assert terms == ["Action", "ÉPCI", "QPV", "QVA", "Veille active"]
    assert sorted(["Veille", "Étude", "EPA", "école", "Zone", "Œuvre", "Oasis"], key=typography.collation_key) == [
        "école",
        "EPA",
        "Étude",
        "Oasis",
        "Œuvre",
        "Veille",
        "Zone",
    ]


def test_accessibility_statement_tells_where_the_text_comes_from_only_when_content_says(site, site_dir):
    assert "reconnaissance de caractères" not in text(site, "accessibilite")
    assert "Les cartes interactives" not in text(site, "accessibilite")
    signed = text(site_dir, "accessibilite")
    assert "le texte de la convention provient de la reconnaissance de caractères du document signé" in signed.lower()


def test_legal_notices_give_each_source_year_once(site):
    notices = text(site, "mentions-legales")
    assert "INSEE, 2021\u00a0: Parc &amp; Jardins de la Gare, l'agglomération." in notices
    assert "INSEE (2021)\u00a0: Le Haut." in notices
    assert "2021 (2021)" not in notices


# --- nothing of the signed convention ---------------------------------------------------


def test_another_communes_site_names_nothing_of_the_signed_convention(site):
    found = {}
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        match = SIGNED_NAMES.search(data.decode("utf-8", errors="replace"))
        if match:
            found[path.relative_to(site).as_posix()] = match.group(0)
    assert found == {}


def test_build_command_fails_on_a_broken_link_in_a_narrative_page(tmp_path):
    content = copy_content(tmp_path)
    page_file = content / "pages" / "engagements.md"
    page_file.write_text(
        page_file.read_text(encoding="utf-8") + "\nVoir [un quartier disparu](../quartiers/disparu.md).\n", encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "macros", "--contenu", str(content), "build", "--site", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert result.returncode == 1
    assert "disparu.md" in result.stderr and "reste inchangé" in result.stderr
    assert not (tmp_path / "site").exists()


# --- in the browser -------------------------------------------------------------------------

ANY_COMMUNE_PAGES = (
    "",
    "quartiers/la-gare/",
    "quartiers/le-moulin/",
    "quartiers/les-sources/",
    "enjeux/numerique/",
    "objectifs/eclairage/",
    "matrice/",
    "glossaire/",
    "convention/engagements/",
    "version-imprimable/",
)


@pytest.mark.browser
def test_the_other_communes_pages_pass_axe_and_draw_their_maps(browser, site):
    from tests.support import axe
    from tests.support.browser import Traffic
    from tests.support.page_kinds import open_page, show_interactive_maps
    from tests.support.server import StaticServer

    with StaticServer(site) as server:
        traffic = Traffic(urlsplit(server.url).hostname)
        context = browser.new_context(locale="fr-FR", base_url=server.url)
        tab = context.new_page()
        traffic.attach(context, tab)

        def new_tab():
            other = context.new_page()
            traffic.watch(other)
            return other

        try:
            found = axe.violations_by_page(context, list(ANY_COMMUNE_PAGES), new_tab=new_tab)
            assert {path: axe.describe(v) for path, v in found.items() if v} == {}
            open_page(tab, "quartiers/la-gare/")
            show_interactive_maps(tab)
            # both parts of the MultiPolygon and both commune outlines are drawn
            appears(tab.locator("path.cdv-perimetre--la-gare"), "la carte interactive ne dessine pas le périmètre de la Gare")
            assert tab.locator("path.cdv-perimetre--la-gare").get_attribute("d").count("M") == 2
            assert tab.locator("path.cdv-commune").count() == 2
            tab.locator(".md-search__input").click()
            tab.keyboard.type("Jardins")
            appears(tab.locator(".md-search-result__item"), "la recherche « Jardins » ne donne aucun résultat")
            titles = tab.locator(".md-search-result__item h1").all_inner_texts()
            assert "Parc &amp; Jardins de la Gare" in titles, titles
        finally:
            context.close()
    assert traffic.page_errors == []


def test_site_name_from_content_shows_as_typed(tmp_path):
    content = copy_content(tmp_path)
    contrat = content / "contrat.yaml"
    contrat.write_text(
        contrat.read_text(encoding="utf-8").replace('titre: "Contrat de ville de test"', f'titre: "Contrat {MARKUP}"'), encoding="utf-8"
    )
    result = build_site(tmp_path / "site", content_dir=content)
    assert result.returncode == 0, result.stdout + result.stderr
    root = page(tmp_path / "site", "glossaire")
    assert root.find("title").text == f"Glossaire — Contrat {MARKUP} — Valmont-sur-Test"
    assert root.find("span", class_="cdv-entete__titre").text == f"Contrat {MARKUP}"
    assert root.find("span", class_="cdv-entete__nom").text == "Valmont-sur-Test"
    assert root.find("meta", name="description").attrs["content"] == "Les sigles et mots de la politique de la ville expliqués simplement."
    assert page(tmp_path / "site", "").find("h1").text.startswith(f"Contrat {MARKUP}")
