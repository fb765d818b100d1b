"""The generated pages, read from the real built site."""

import html as html_lib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.reading.loader import load_convention
from tests.conftest import read_html
from tests.support.dom import parse
from tests.support.sitebuild import SIGNED

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def convention():
    return load_convention(SIGNED)


class _Sections(HTMLParser):
    """h2 ids of the article, and li ids: enough to know who appears on an objectif page."""

    def __init__(self):
        super().__init__()
        self.h2: list[str] = []
        self.ids: list[str] = []
        self.in_article = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self.in_article = True
        if self.in_article and tag == "h2" and a.get("id"):
            self.h2.append(a["id"])
        if self.in_article and a.get("id"):
            self.ids.append(a["id"])


def sections(html: str) -> _Sections:
    parser = _Sections()
    parser.feed(html)
    return parser


def text_of(html: str) -> str:
    article = html[html.index("<article") : html.index("</article>")]
    article = re.sub(r"</?(p|li|h[1-6]|td|th|dd|dt|div|tr|ul|ol|nav|figure|figcaption)\b[^>]*>", " ", article)
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", "", article)))


def test_each_objectif_page_names_exactly_the_quartiers_pursuing_it(site_dir, convention):
    for objectif_id, pursuits in convention.pursuits.items():
        html = (site_dir / "objectifs" / objectif_id / "index.html").read_text(encoding="utf-8")
        parsed = sections(html)
        pursuing = [p.quartier.id for p in pursuits]
        assert [h for h in parsed.h2 if h in {q.id for q in convention.quartiers}] == pursuing, objectif_id
        for p in pursuits:
            for action in p.actions:
                assert f"{p.quartier.id}--{action.id}" in parsed.ids
        absent = [q for q in convention.quartiers if q.id not in pursuing]
        text = text_of(html)
        for q in absent:
            assert f"{q.nom} ({q.statut}) ne poursuit pas cet objectif" in text


def test_objectif_page_breadcrumb_and_links_back_to_quartiers(site_dir):
    html = (site_dir / "objectifs" / "presence-proximite-jeunes" / "index.html").read_text(encoding="utf-8")
    assert 'aria-label="Fil d\'Ariane"' in html or 'aria-label="Fil d&#39;Ariane"' in html
    assert 'href="../../enjeux/transitions/"' in html
    assert 'href="../../orientations/animation-proximite-presence-humaine/"' in html
    assert 'href="../../quartiers/cite-10-fond-de-sains/#presence-proximite-jeunes"' in html
    text = text_of(html)
    assert "Le Regain (QPV) ne poursuit pas cet objectif" in text


def test_quartier_page_sections_and_action_anchors(site_dir, convention):
    for quartier in convention.quartiers:
        html = (site_dir / "quartiers" / quartier.id / "index.html").read_text(encoding="utf-8")
        parsed = sections(html)
        assert {"portrait", "irritants", "opportunites", "enjeux-prioritaires", "objectifs"} <= set(parsed.h2)
        for poursuivi in quartier.objectifs:
            assert poursuivi.objectif in parsed.ids
            for action in poursuivi.actions:
                assert f"action-{action.id}" in parsed.ids
        assert 'class="headerlink"' in html  # permalinks on headings


def test_quartier_page_folds_each_enjeu_s_detail_and_lists_every_objectif_in_its_sommaire(site_dir, convention):
    """Issue 21: the page opens short. Each enjeu's heading stays visible, its orientations,
    objectifs and actions fold in one closed <details>; the sommaire links every objectif."""
    for quartier in convention.quartiers:
        root = parse(read_html(site_dir, f"quartiers/{quartier.id}/index.html"))
        folds = root.find_all("details", "cdv-repli")
        assert folds and len(folds) == len(root.find_all("h3", "cdv-enjeu")), quartier.id
        assert all("open" not in d.attrs for d in folds)
        folded = {e.attrs["id"] for d in folds for e in d.iter() if "id" in e.attrs}
        for poursuivi in quartier.objectifs:
            assert poursuivi.objectif in folded
            assert {f"action-{a.id}" for a in poursuivi.actions} <= folded
        sommaire = root.find("nav", "cdv-sommaire")
        linked = [a.attrs.get("href") for a in sommaire.find_all("a")]
        assert {f"#{p.objectif}" for p in quartier.objectifs} <= set(linked)
        assert not sommaire.find_all("details"), "le sommaire montre les objectifs sans repli"


def test_published_anchors_outside_quartier_pages_are_never_folded(site_dir):
    """Every address of adresses.txt with an anchor lands on its element; on a quartier page it
    may lie in a folded enjeu (opened on arrival: test_phone_browser.py), elsewhere never."""
    listed = (SIGNED / "adresses.txt").read_text(encoding="utf-8").split()
    pages: dict[str, list[str]] = {}
    for line in listed:
        if "#" in line:
            path, anchor = line.split("#", 1)
            pages.setdefault(path, []).append(anchor)
    assert pages
    for path, anchors in pages.items():
        root = parse(read_html(site_dir, f"{path}index.html"))
        for anchor in anchors:
            element = root.by_id(anchor)
            assert element is not None, f"{path}#{anchor}"
            if not path.startswith("quartiers/"):
                node = element
                while node is not None:
                    assert node.tag != "details" or "open" in node.attrs, f"{path}#{anchor} est replié"
                    node = node.parent


# Edit links (« Modifier cette page ») only exist with a forge: tests/test_site_address.py.


def test_narrative_pages_in_document_order(site_dir):
    html = (site_dir / "quartiers" / "regain" / "index.html").read_text(encoding="utf-8")
    nav = html[html.index("md-nav--primary") : html.index("md-content")]
    targets = (
        'convention/preambule/"',
        'convention/edito/"',
        'href="./"',
        'href="../cite-10-fond-de-sains/"',
        'convention/organisation-pilotage/"',
        'convention/signataires/"',
    )
    positions = [nav.index(target) for target in targets]
    assert positions == sorted(positions)
    signataires = text_of((site_dir / "convention" / "signataires" / "index.html").read_text(encoding="utf-8"))
    assert "Fait à Marles-les-Mines, le 9 juillet 2024." in signataires


def test_home_page_presents_the_convention(site_dir, convention):
    text = text_of((site_dir / "index.html").read_text(encoding="utf-8"))
    assert "Signée à Marles-les-Mines le 9 juillet 2024" in text
    for quartier in convention.quartiers:
        assert quartier.nom in text
    for enjeu in convention.referentiel.enjeux:
        assert enjeu.titre in text


def test_matrix_shows_every_objectif_for_every_quartier(site_dir, convention):
    text = text_of((site_dir / "matrice" / "index.html").read_text(encoding="utf-8"))
    for placement in convention.placements.values():
        assert placement.objectif.titre in text
    assert text.count("Non") >= 4  # the two Cité 10-only objectifs, not pursued elsewhere


def test_matrix_cells_count_the_actions_of_each_quartier(site_dir, convention):
    from tests.support.dom import parse

    root = parse((site_dir / "matrice" / "index.html").read_text(encoding="utf-8"))
    tables = root.find("article").find_all("table")
    assert len(tables) == len(convention.referentiel.enjeux)
    for enjeu, table in zip(convention.referentiel.enjeux, tables):
        # named by its caption, headers declared for columns and rows (RGAA 5.4, 5.6)
        assert table.find("caption").text.startswith(f"Enjeu {enjeu.numero}\xa0: nombre d'actions")
        head = table.find("thead").find_all("th")
        assert [th.text for th in head] == ["Objectif opérationnel"] + [q.nom for q in convention.quartiers]
        assert all(th.attrs.get("scope") == "col" for th in head)
        # each quartier's column heading leads to its objectifs
        assert [a.attrs["href"] for a in table.find("thead").find_all("a")] == [
            f"../quartiers/{q.id}/#objectifs" for q in convention.quartiers
        ]
        rows = table.find("tbody").find_all("tr")
        assert len(rows) == sum(len(o.objectifs) for o in enjeu.orientations)
        for row in rows:
            heading = row.find("th")
            assert heading.attrs.get("scope") == "row"
            objectif_id = heading.find("a").attrs["href"].split("/")[-2]
            counts = {p.quartier.id: len(p.actions) for p in convention.pursuits[objectif_id]}
            assert [c.text for c in row.find_all("td")] == [str(counts[q.id]) if q.id in counts else "Non" for q in convention.quartiers]


def test_addresses_written_by_code_follow_mkdocs_directory_urls():
    from macros.domain.uris import page_url, url_between

    assert page_url("index.md") == "" and page_url("quartiers/index.md") == "quartiers/"
    assert page_url("quartiers/regain.md") == "quartiers/regain/" and page_url("objectifs/x/2.md") == "objectifs/x/2/"
    assert url_between("matrice.md", "quartiers/regain.md", "objectifs") == "../quartiers/regain/#objectifs"
    assert url_between("index.md", "quartiers/index.md") == "quartiers/"
    assert url_between("quartiers/regain.md", "index.md") == "../../"
    assert url_between("quartiers/index.md", "quartiers/index.md") == "./"


@pytest.fixture(scope="module")
def other_site(other_commune_site):
    return other_commune_site  # built once per run (conftest.py), read-only


def test_another_communes_convention_builds_with_no_code_change(other_site):
    home = text_of((other_site / "index.html").read_text(encoding="utf-8"))
    assert "Valmont-sur-Test" in home
    assert "Hersin" not in "".join(p.read_text(encoding="utf-8") for p in other_site.rglob("*.html"))
    assert (other_site / "quartiers" / "le-moulin" / "index.html").exists()
    assert (other_site / "objectifs" / "eclairage" / "index.html").exists()


def test_content_with_template_or_html_syntax_shows_literally(other_site):
    html = (other_site / "quartiers" / "les-tilleuls" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<b>gras</b>" not in html
    text = text_of(html)
    assert "Texte avec {{ 7*7 }} et {% if true %}bloc{% endif %} qui doivent rester littéraux" in text
    assert "<script>alert('xss')</script> doit s'afficher comme du texte" in text
    assert "*pas d'italique*, [pas un lien](https://example.org) et `pas de code`" in text
    assert "# pas un titre" in text
    assert "49" not in text
    objectif = text_of((other_site / "objectifs" / "jardins-partages" / "index.html").read_text(encoding="utf-8"))
    assert "Créer des jardins partagés {{ 7*7 }}" in objectif
    preambule = (other_site / "convention" / "preambule" / "index.html").read_text(encoding="utf-8")
    assert "<em>du HTML</em>" not in preambule and "{{ 7*7 }}" in text_of(preambule)


def test_other_convention_links_resolve(other_site):
    from tests.support.links import broken_links

    assert broken_links(other_site) == []


def test_no_page_shows_markdown_attribute_lists_as_text(site_dir):
    """`{ .class }` / `{ #id }` glued to a line by a template tag is printed instead of applied."""
    leaks = {}
    for path in site_dir.rglob("*.html"):
        article = re.search(r"<article.*?</article>", path.read_text(encoding="utf-8"), re.S)
        if article is None:
            continue
        text = text_of(article.group(0))
        found = re.findall(r"\{\s*[.#][\w-]+[^}]*\}", text)
        if found:
            leaks[path.relative_to(site_dir).as_posix()] = found[:3]
    assert leaks == {}


def test_titles_with_an_apostrophe_are_escaped_once(site_dir):
    """Titles reach the theme as HTML text; the theme's tooltips and labels must not escape them
    again (a screen reader said « Précédent: Vue d&#39;ensemble »)."""
    for path in sorted(site_dir.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        assert "&amp;#39;" not in html and "&amp;#34;" not in html, path.relative_to(site_dir)
