import pytest

pytestmark = pytest.mark.browser


def test_home_page_loads_in_chromium_without_third_party_requests(page, traffic):
    page.goto("")
    assert "Engagements Quartiers 2030" in page.title()
    assert traffic.external == []
    assert traffic.page_errors == []
