"""The convention on paper: one PDF of a commune's whole current convention, made at build time.

The printable pages of the site print in parts (one page for everything would outweigh every
other page); this module writes the document itself, from the Site, as one HTML file laid out
for paged media (templates papier/*.html.j2 and papier/papier.css), which WeasyPrint turns into
a PDF: cover, contents with page numbers (target-counter), the narrative pages and the quartiers
in the document's order, the glossary and the avenants applied, with the date of the newest
content and the site's address on every page. Same content, same bytes: the PDF's dates come
from content, its identifier from its HTML.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup

from macros.domain.site import CommuneConvention, Site
from macros.domain.uris import page_url
from macros.features import map_preview, maps, portrait
from macros.lifecycle.history import History
from macros.rendering.pages import document_parts, lists_every_quartier
from macros.rendering.render import html_environment, page_address
from macros.text import markdown_text, typography

PAPER_NAME = "convention.pdf"

# What the stylesheet of the site gives the chart's bars (statistiques.css): the SVG of a chart
# is drawn on its own by WeasyPrint, without the page's stylesheet, so the PDF's charts carry it.
_CHART_STYLE = "<style>.cdv-barre-piste{fill:#ebebeb}.cdv-barre--pleine{fill:#283593}</style>"  # charts.TRACK_COLOUR, charts.SOLID_COLOUR
_MAP_STYLE = (
    "<style>path{fill-rule:evenodd}"
    ".cdv-apercu__commune{fill:#f4f4f5;stroke:#3f3f46;stroke-width:1.5}"
    ".cdv-apercu__perimetre--indicatif{fill:#fbd5c0;stroke:#9a3412;stroke-width:3;stroke-dasharray:8 6}"
    ".cdv-apercu__perimetre--officiel{fill:#c8d3f6;stroke:#1e3a8a;stroke-width:3}</style>"
)


@dataclass(frozen=True)
class Paper:
    """One commune's convention as a PDF file of the site."""

    commune_id: str
    path: str  # in the site, e.g. convention.pdf
    content: bytes

    @property
    def size(self) -> str:
        """« 1,2 Mo », « 850 Ko » (French decimal units)."""
        return size_label(len(self.content))

    @property
    def label(self) -> str:
        return f"PDF, {self.size}"


def size_label(length: int) -> str:
    if length >= 1_000_000:
        return f"{typography.number(length / 1_000_000, 1)} Mo"
    return f"{typography.number(max(1, round(length / 1000)))} Ko"


def paper_path(site: Site, commune: CommuneConvention) -> str:
    """The PDF's stable address: beside the commune's home page (the root of its own site, its folder in an agglomeration's)."""
    return page_url(site.addresses.commune_home(commune.id)) + PAPER_NAME


def papers(site: Site, components: dict, site_url: str | None) -> dict[str, Paper]:
    """Every commune's PDF (commune id → Paper); `components`: commune id → Components (maps).

    Not for a convention of more than QUARTIERS_PER_PAGE quartiers (synthetic benchmarks; no commune
    has as many): some 8 pages a quartier, WeasyPrint would take minutes, and the printable
    version's parts remain."""
    result = {}
    for commune in site.communes:
        if not lists_every_quartier(commune.convention):
            continue
        html = document(site, commune, components[commune.id], site_url)
        result[commune.id] = Paper(commune.id, paper_path(site, commune), pdf(html))
    return result


def document(site: Site, commune: CommuneConvention, ui, site_url: str | None) -> str:
    """The HTML of one commune's convention for paged media."""
    c = commune.convention
    h = History(c)
    before, after = document_parts(c)
    glossaire = sorted(site.glossaire or c.glossaire, key=lambda t: typography.collation_key(t.terme))
    # the site's address (site_url: publication.url or SITE_URL); none in a test without one
    address = page_address("index.md", site_url).removesuffix("index.html") if site_url else ""
    context = dict(
        c=c,
        contrat=c.contrat,
        commune=commune,
        h=h,
        before=before,
        after=after,
        glossaire=glossaire,
        avenants=sorted(c.avenants, key=lambda a: a.numero),
        editeur=c.contrat.publication.editeur,  # the PDF's author: who publishes this convention
        address=address,
        pdf_address=address + paper_path(site, commune),
        updated=h.convention_updated(),
        recit_html=_recit_html,
        portrait_table=lambda q: portrait.portrait_table(c, q),
        portrait_chart=lambda q: _styled(portrait.portrait_chart(c, q), "<defs>", "<defs>" + _CHART_STYLE),
        map_drawing=lambda q: _map_drawing(ui, q),
        nature_labels=maps.NATURE_LABELS,
    )
    return html_environment().get_template("papier/convention.html.j2").render(**context)


def _styled(svg: Markup, marker: str, replacement: str) -> Markup:
    return Markup(str(svg).replace(marker, replacement, 1))


def _map_drawing(ui, quartier) -> dict | None:
    """The map's static drawing (map_preview) of a quartier, None without a published perimeter."""
    data = ui.map_data(quartier)
    if data is None:
        return None
    drawing = map_preview.drawing(data.perimetres, data.communes, False)
    return {**drawing, "style": Markup(_MAP_STYLE)}


def _recit_html(recit, shift: int = 1) -> Markup:
    """A narrative page's Markdown as HTML, its headings `shift` levels deeper; links between the
    site's pages keep their text only (on paper they would lead nowhere), others their address."""
    body = markdown_text.shift_headings(markdown_text.trusted_markdown(recit.body), shift)
    return Markup(_SITE_LINK.sub("<a", _markdown().reset().convert(str(body))))


# a link whose target has no scheme (https:, mailto:): a page of the site, relative to the narrative page
_SITE_LINK = re.compile(r'<a href="(?![a-zA-Z][a-zA-Z0-9+.-]*:)[^"]*"')


@lru_cache(maxsize=1)
def _markdown():
    import markdown  # MkDocs' own Markdown, with the extensions of mkdocs.yml that editors may use

    return markdown.Markdown(extensions=["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables"])


# Set to « 1 » by test and benchmark builds that never read the PDF (some 4 s of WeasyPrint each);
# a published build always makes it.
WITHOUT_ENV = "CONVENTION_SANS_PDF"


def wanted(environ) -> bool:
    return environ.get(WITHOUT_ENV) != "1"


class PaperUnavailable(Exception):
    """WeasyPrint cannot run on this machine (its system libraries are missing): said in French."""


_MISSING_LIBRARIES = (
    "la convention en PDF n'a pas pu être écrite : WeasyPrint ne trouve pas les bibliothèques Pango de cette machine ({reason}).\n"
    "    → Installez les paquets Debian libpango-1.0-0, libpangoft2-1.0-0 et fonts-dejavu-core "
    "(sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core), puis relancez make build."
)


def pdf(html: str) -> bytes:
    """The PDF of `html`, tagged, fonts embedded (subsets), identified by the HTML's hash: same HTML, same bytes."""
    try:
        from weasyprint import HTML  # a second or so to import: only when a PDF is made
    except (OSError, ImportError) as error:  # cffi could not load libpango / libgobject
        raise PaperUnavailable(_MISSING_LIBRARIES.format(reason=str(error).splitlines()[0])) from None

    identifier = hashlib.md5(html.encode("utf-8"), usedforsecurity=False).hexdigest().encode("ascii")
    return HTML(string=html).write_pdf(pdf_identifier=identifier, pdf_tags=True)
