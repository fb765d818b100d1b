"""Portrait tables and charts in Chromium at 320 px: nothing cut, scrolling kept inside a named region, axe clean."""

from __future__ import annotations

import pytest

from tests.support import axe

pytestmark = pytest.mark.browser

PAGES = ["quartiers/regain/", "statistiques/"]

MEASURE = """() => {
  const charts = [...document.querySelectorAll('figure.cdv-graphique svg')].map(svg => {
    const width = svg.getBoundingClientRect().width;
    const right = Math.max(...[...svg.querySelectorAll('text')].map(t => { const b = t.getBBox(); return b.x + b.width; }));
    const font = Math.min(...[...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize)));
    return {id: svg.id, width, right, font};
  });
  const regions = [...document.querySelectorAll('.cdv-defilement')].map(r => ({
    right: r.getBoundingClientRect().right, focusable: r.tabIndex === 0,
    name: document.getElementById(r.getAttribute('aria-labelledby')).textContent.trim(),
  }));
  return {charts, regions, viewport: document.documentElement.clientWidth};
}"""


@pytest.mark.parametrize("path", PAGES)
def test_charts_and_tables_fit_a_320px_screen(page, path):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(path)
    found = page.evaluate(MEASURE)
    assert found["charts"], path
    for chart in found["charts"]:
        assert chart["right"] <= chart["width"], chart  # no label runs off the chart
        assert chart["font"] >= 14, chart
        assert chart["width"] <= found["viewport"], chart
    for region in found["regions"]:
        assert region["right"] <= found["viewport"]  # wide tables scroll inside their region, not the page
        assert region["focusable"] and region["name"]


@pytest.mark.parametrize("path", PAGES)
def test_statistics_pages_pass_axe(page, path):
    page.goto(path)
    found = axe.violations(page, ".md-content")
    assert found == [], axe.describe(found)
