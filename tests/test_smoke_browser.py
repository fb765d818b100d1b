import pytest

from tests.support.basemap import is_tile

pytestmark = pytest.mark.browser


def test_home_page_loads_in_chromium_without_third_party_requests(page, traffic):
    page.goto("")
    assert "Engagements Quartiers 2030" in page.title()
    # the overview map asks the basemap provider for tiles (see tests/test_maps_browser.py)
    assert [url for url in traffic.external if not is_tile(url)] == []
    assert traffic.page_errors == []


def test_a_first_view_fetches_the_sitemap_once_at_most(page):
    """Material's instant navigation (now off) read sitemap.xml on every first view, on top of the
    read Material makes for each <link rel="alternate"> (its language selector; the Atom feed link
    is one): twice, for a file that grows with the site (3 140 pages for 1 500 quartiers)."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto("quartiers/regain/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    assert len([url for url in requested if url.endswith("sitemap.xml")]) <= 1
    assert not [url for url in requested if "evitement" in url]
