import pytest

from tests.support.basemap import is_tile

pytestmark = pytest.mark.browser


def test_home_page_loads_in_chromium_without_third_party_requests(page, traffic):
    page.goto("")
    assert "Engagements Quartiers 2030" in page.title()
    # the overview map asks the basemap provider for tiles (see tests/test_maps_browser.py)
    assert [url for url in traffic.external if not is_tile(url)] == []
    assert traffic.page_errors == []
