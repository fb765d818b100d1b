"""Every internal link and #anchor of the built site resolves."""

from tests.support.links import broken_links


def test_every_internal_link_and_anchor_resolves(site_dir):
    pages = list(site_dir.rglob("*.html"))
    assert len(pages) > 40
    assert broken_links(site_dir) == []


def test_checker_catches_broken_links(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">ok</a><a href="b/">ko</a><a href="a/#x">ko</a><p id="y"></p><a href="#y">ok</a>')
    (tmp_path / "a" / "index.html").write_text("<h1 id='z'>a</h1>")
    assert broken_links(tmp_path) == ["index.html: lien cassé b/", "index.html: ancre absente a/#x"]
