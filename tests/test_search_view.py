"""What Material's search reads of a page (macros/rendering/search_view.py): the elements marked
data-search-exclude cut out first, for the same index. Checked against Material's own parser."""

from __future__ import annotations

import re

import pytest
from material.plugins.search.plugin import Parser

from macros.rendering.search_view import indexed_page, without_excluded


def sections(html: str) -> list[tuple[str | None, str, str]]:
    """What Material's search index takes of `html`: each section's id, title and text."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(s.id, "".join(s.title), "".join(s.text)) for s in parser.data if not s.is_excluded()]


PAGES = {
    "objectif": """<h1 id="o">Objectif</h1>
<h3 id="q">Quartier</h3>
<div data-search-exclude>
<ul>
<li class="cdv-action" id="a">Une action
  <span class="cdv-statut" data-search-exclude=""><b>Avancement :</b> en cours</span>
  <span class="cdv-suivi">Dernier point</span></li>
<li>Une autre</li>
</ul>
<div>imbriquée <div>deux fois</div></div>
</div>
<p>Après   la liste</p>""",
    "quartier": """<h1 id="q">Quartier</h1>
<p>Texte avant</p>
<figure class="cdv-carte" data-search-exclude="data-search-exclude"><svg><path d="M0 0"/></svg>
<figcaption>Carte</figcaption></figure>

  <p>Texte après</p>
<ul><li>Action
  <span data-search-exclude="">exclue</span>

  <span>gardée</span></li></ul>
<p class="cdv-mise-a-jour" data-search-exclude>Mis à jour</p>""",
    # a heading inside an excluded element still opens a section for Material: left as it is
    "heading inside": """<h1 id="t">T</h1><div data-search-exclude><h2 id="s">S</h2><p>x</p></div><p>y</p>""",
    "void": """<h1 id="t">T</h1><p>a <img src="x.png" data-search-exclude> b</p>""",
    "nothing excluded": """<h1 id="t">T</h1><p>rien</p>""",
}


@pytest.mark.parametrize("html", PAGES.values(), ids=PAGES.keys())
def test_material_indexes_the_view_as_it_indexes_the_page(html):
    assert sections(without_excluded(html)) == sections(html)


def test_the_view_is_lighter():
    view = without_excluded(PAGES["objectif"])
    assert "Une action" not in view and "Après" in view and "Objectif" in view
    assert without_excluded(PAGES["heading inside"]) == PAGES["heading inside"]
    assert without_excluded(PAGES["nothing excluded"]) is PAGES["nothing excluded"]


# what Material's search plugin does to the page it has indexed (on_page_context)
MATERIAL = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")


@pytest.mark.parametrize(
    "html",
    [
        '<figure class="x" data-search-exclude="data-search-exclude">',
        "<p data-search-exclude>",
        '<p data-search-exclude="">',
        'a data-search-x="1" b',
        '<a data-search-x="1"data-search-y="2">',
        '<p\ndata-search-exclude="oui">',
        "sans attribut",
        *PAGES.values(),
    ],
)
def test_the_page_is_left_as_material_leaves_the_page_it_indexed(html):
    assert indexed_page(html) == MATERIAL.sub("", html)
