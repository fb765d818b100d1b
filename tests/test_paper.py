"""The convention on paper: the build writes the whole current convention as one PDF
(macros/rendering/paper.py), linked with its size from every page's footer and from the printable
pages. Read back with pypdf: cover, contents whose page numbers are where each part really starts,
each quartier on at most 10 A4 pages, the glossary, the version and the address on every page,
an avenant's marks, real text and metadata; same content, same bytes."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from macros.reading.loader import load_convention
from macros.reading.site import load_site
from macros.rendering import build_state, paper
from macros.text import typography
from tests.support.avenant import AVENANT_DATE, NEW_WORDING, apply_avenant
from tests.support.page_kinds import open_page
from tests.support.sitebuild import SIGNED, reading_pages

MAX_QUARTIER_PAGES = 10


def _flat(text: str) -> str:
    """Text as pypdf extracts it, with its lines joined and French spaces made plain spaces."""
    return re.sub(r"\s+", " ", text.replace("\u202f", " ").replace("\u00a0", " ")).strip()


@pytest.fixture(scope="module")
def convention():
    return load_convention(SIGNED)


@pytest.fixture(scope="module")
def pdf_path(site_dir) -> Path:
    return site_dir / paper.PAPER_NAME


@pytest.fixture(scope="module")
def reader(pdf_path) -> PdfReader:
    return PdfReader(pdf_path)


@pytest.fixture(scope="module")
def pages(reader) -> list[str]:
    return [_flat(page.extract_text()) for page in reader.pages]


@pytest.fixture(scope="module")
def contents(pages, convention) -> dict[str, int]:
    """Title → page number, as the contents page prints them (« Le Regain ....... 5 »)."""
    page = next(text for text in pages if text.startswith("Sommaire"))
    found = {}
    for title, number in re.findall(r"([^.]+?) \.{3,}\s*(\d+)", page.removeprefix("Sommaire")):
        found[title.strip().removeprefix("Les quartiers ").strip()] = int(number)
    return found


def test_the_build_writes_the_pdf_with_its_metadata(reader, convention):
    contrat = convention.contrat
    assert len(reader.pages) >= 10
    meta = reader.metadata
    assert meta.title == f"{contrat.sous_titre} de {contrat.commune.nom} {contrat.periode.debut}-{contrat.periode.fin}"
    assert meta.author == contrat.publication.editeur
    assert meta["/CreationDate"] == "D:" + contrat.signature.date.strftime("%Y%m%d")  # from content, never the clock
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "fr"
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root  # tagged


def test_text_is_real_text_in_embedded_fonts(reader, pages, convention):
    quartier = convention.quartiers[0]
    assert any(quartier.titre.replace("\u202f", " ") in _flat(typography.text(text)) or quartier.nom in text for text in pages)
    for font in reader.pages[4]["/Resources"]["/Font"].values():
        font = font.get_object()
        descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)["/FontDescriptor"]
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.get_object().keys()), font["/BaseFont"]


def test_cover_has_title_commune_period_signature_version_and_address(pages, convention):
    contrat = convention.contrat
    cover = pages[0]
    assert contrat.sous_titre in cover and contrat.commune.nom in cover
    assert f"{contrat.periode.debut}-{contrat.periode.fin}" in cover
    signed = _flat(typography.date(contrat.signature.date))
    assert f"Signée à {contrat.signature.lieu} le {signed}" in cover
    assert f"Version du {signed}" in cover  # no avenant, no statut: the newest content is the signature
    assert "https://convention.hersin-coupigny.example/convention.pdf" in cover


def test_every_page_gives_the_version_the_address_and_its_number(pages):
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} sur {len(pages)}" in text, number
        if number > 1:
            assert "Version du 9 juillet 2024 — https://convention.hersin-coupigny.example/" in text, number


def test_contents_list_every_part_at_the_page_where_it_starts(pages, contents, convention):
    expected = [p.titre for p in convention.pages] + [q.nom for q in convention.quartiers] + ["Glossaire"]
    assert sorted(contents) == sorted(expected)
    for title, number in contents.items():
        # a part starts a page with its title, which the running header of its pages repeats
        assert title in pages[number - 1], (title, number)
        assert f"{title} " not in pages[number - 2].split("Page ")[0][-200:], (title, number)
    quartier = convention.quartiers[0]
    assert _flat(quartier.titre) in _flat(typography.text(pages[contents[quartier.nom] - 1]))


def test_the_parts_follow_the_document_order(contents, convention):
    before = [p.titre for p in convention.pages if p.ordre < min(q.ordre for q in convention.quartiers)]
    after = [p.titre for p in convention.pages if p.titre not in before]
    order = before + [q.nom for q in convention.quartiers] + after + ["Glossaire"]
    assert [contents[title] for title in order] == sorted(contents.values())


def test_each_quartier_prints_on_at_most_ten_pages(contents, convention, pages):
    starts = sorted(contents.values()) + [len(pages) + 1]
    for quartier in convention.quartiers:
        first = contents[quartier.nom]
        span = starts[starts.index(first) + 1] - first
        assert 1 <= span <= MAX_QUARTIER_PAGES, (quartier.nom, span)


def test_no_page_ends_on_a_heading(reader, convention):
    """A heading (section, enjeu, orientation, objectif) always has what it heads under it on its page."""
    headings = {"Portrait statistique", "Les objectifs poursuivis sur le quartier"}
    for enjeu in convention.referentiel.enjeux:
        headings.add(_flat(typography.text(f"Enjeu {enjeu.numero} : {enjeu.titre}")))
        for orientation in enjeu.orientations:
            headings.add(_flat(typography.text(orientation.titre)))
            headings |= {_flat(typography.text(o.titre)) for o in orientation.objectifs}
    running = ("Version du", "Page ", convention.contrat.sous_titre)
    for number, page in enumerate(reader.pages, start=1):
        lines = [_flat(line) for line in page.extract_text().splitlines()]
        # list markers come last in the text, the running header and footer too
        body = [line for line in lines if line and line not in "•◦" and not line.startswith(running) and not line.isdigit()]
        body = [line for line in body if "https://" not in line]
        last = body[-1]
        assert not any(heading.endswith(last) for heading in headings if len(last) > 8), (number, last)


def test_every_glossary_term_is_explained(pages, contents, convention):
    glossary = " ".join(pages[contents["Glossaire"] - 1 :])
    for terme in convention.glossaire:
        assert _flat(typography.text(terme.terme)) in glossary, terme.terme
    assert "REP" in glossary


def test_the_chart_legend_matches_what_prints(pdf_path):
    """« Barres hachurées » in the chart's note: the bars are drawn with their hatching pattern."""
    raw = pdf_path.read_bytes()
    assert b"/Pattern" in raw


def test_every_page_footer_links_the_pdf_with_its_size(site_dir, pdf_path):
    size = paper.size_label(pdf_path.stat().st_size)
    link = re.compile(r'<a href="((?:\.\./)*)convention\.pdf" type="application/pdf">Convention complète \(PDF, ([^)]+)\)</a>')
    pages = reading_pages(site_dir, "index.html")
    assert len(pages) > 20
    for html in pages:
        found = link.search(html.read_text(encoding="utf-8"))
        assert found, html
        assert found.group(2) == size.replace(" ", "\u202f") or found.group(2) == size, html
        depth = len(html.relative_to(site_dir).parts) - 1
        assert found.group(1) == "../" * depth, html


def test_the_printable_page_links_the_pdf_above_the_fold_and_prints_its_address(site_dir, pdf_path):
    html = (site_dir / "version-imprimable" / "index.html").read_text(encoding="utf-8")
    size = paper.size_label(pdf_path.stat().st_size)
    article = html.split("<article", 1)[1]
    first = article.split("<h2", 1)[0]  # before « Les parties à imprimer »
    assert re.search(r'href="\.\./convention\.pdf">Télécharger la convention complète \(PDF, [^)]+\)</a>', first)
    assert size.split()[0] in first
    assert 'class="cdv-pdf"' in first and "https://convention.hersin-coupigny.example/convention.pdf" in first


def test_same_content_same_bytes(pdf_path):
    """Made again in this process from the same content: the very bytes the build wrote."""
    state = build_state.BuildState(load_site(SIGNED), {})
    made = paper.papers(state.site, state.components, "https://convention.hersin-coupigny.example/")
    (again,) = made.values()
    assert again.content == pdf_path.read_bytes()


def test_an_avenant_prints_its_marks(tmp_path):
    content = Path(shutil.copytree(SIGNED, tmp_path / "content"))
    apply_avenant(content)
    state = build_state.BuildState(load_site(content), {})
    (made,) = paper.papers(state.site, state.components, None).values()
    text = _flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(made.content)).pages))
    when = _flat(typography.date(AVENANT_DATE))
    assert f"Version du {when}" in text
    assert f"Action ajoutée par l'avenant n° 1 du {when}." in text
    assert f"Texte modifié par l'avenant n° 1 du {when}." in text
    assert _flat(typography.text(NEW_WORDING))[:60] in text
    assert f"Cet objectif a été retiré par l'avenant n° 1 du {when}." in text
    assert "Avenant n° 1 du" in text and "Avenants" in text  # the contents and the avenants' part


AGGLOMERATION = SIGNED.parents[2] / "fixtures" / "agglomeration"


def test_an_agglomeration_gives_each_commune_its_pdf(shared_sites):
    """One PDF per commune (its convention), linked from that commune's printable page."""
    built = shared_sites.build(AGGLOMERATION)  # the agglomeration's tests build it too, once per run
    assert built.returncode == 0, built.output
    communes = sorted(p.name for p in (AGGLOMERATION / "communes").iterdir() if p.is_dir())
    for commune in communes:
        pdf = built.site / "communes" / commune / paper.PAPER_NAME
        cover = _flat(PdfReader(pdf).pages[0].extract_text())
        assert f"communes/{commune}/convention.pdf" in cover
        printable = (built.site / "communes" / commune / "version-imprimable" / "index.html").read_text(encoding="utf-8")
        assert re.search(r'href="\.\./convention\.pdf">Télécharger la convention complète \(PDF, [^)]+\)</a>', printable), commune
        listed = (built.site / "communes" / "index.html").read_text(encoding="utf-8")
        assert re.search(rf'href="{commune}/convention\.pdf">la convention complète \(PDF, [^)]+\)</a>', listed), commune


@pytest.mark.browser
def test_ctrl_p_on_the_printable_page_prints_where_the_whole_convention_is(page):
    open_page(page, "version-imprimable/")
    page.emulate_media(media="print")
    message = page.locator("article .cdv-pdf")
    assert message.is_visible()
    assert "https://convention.hersin-coupigny.example/convention.pdf" in message.inner_text()
    # printed before the list of parts, on the first sheet
    assert page.evaluate("document.querySelector('article .cdv-pdf').getBoundingClientRect().top < 800")


def test_a_narrative_page_keeps_its_web_links_and_the_text_of_its_site_links():
    recit = SimpleNamespace(body="Voir [le glossaire](../glossaire.md) et [le site de l'ANCT](https://anct.gouv.fr/).")
    html = str(paper._recit_html(recit))
    assert '<a href="https://anct.gouv.fr/">' in html
    assert "<a>le glossaire</a>" in html and "glossaire.md" not in html


def test_a_machine_without_pango_gets_a_french_error_not_a_traceback(monkeypatch):
    """`make build` on a machine whose Debian packages lack Pango: the build stops and says what to install."""
    import sys

    from macros.rendering import paper

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # the import fails as it does without the libraries
    with pytest.raises(paper.PaperUnavailable) as info:
        paper.pdf("<p>x</p>")
    message = str(info.value)
    assert "Pango" in message and "apt-get install libpango-1.0-0" in message and "make build" in message
