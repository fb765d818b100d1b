"""The search index and the search worker as built: French word splitting, size, wiring.

Accent folding happens in the browser (docs/assets/javascripts/search-fr/worker.js), so the
index itself carries no folded copies of the text; see test_search_browser.py for behaviour.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qs, urljoin, urlparse

import pytest

from macros.rendering import search_index
from tests.support.sitebuild import reading_pages

# Downloaded on the first search (not on first view): still, on a phone, a 100 KB wait at most.
INDEX_GZIP_BUDGET = 100_000
# What every first view downloads instead: the configuration only.
STUB_BUDGET = 1_000


@pytest.fixture(scope="module")
def index(site_dir) -> dict:
    return search_index.full(site_dir / "search" / "search_index.json")


def words(separator: str, text: str) -> list[str]:
    # The browser splits with a JavaScript RegExp; this separator means the same in Python
    # for these examples (Python's \b also counts accented letters as word characters).
    return [w for w in re.split(separator, text) if w]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("l'écologie", ["écologie"]),
        ("d’écologie", ["écologie"]),
        ("L’École qu'il faut", ["École", "il", "faut"]),
        ("aujourd'hui", ["aujourd", "hui"]),
        ("Le Regain (QPV), Barlin.", ["Le", "Regain", "QPV", "Barlin"]),
        ("«\u202fsanté\u202f» ; 3/3 — prévention…", ["santé", "3", "3", "prévention"]),
        ("Hersin-Coupigny", ["Hersin", "Coupigny"]),
    ],
)
def test_separator_splits_words_as_french_is_written(index, text, expected):
    assert words(index["config"]["separator"], text) == expected


def test_no_stemmer_in_the_pipeline(index):
    # Material adds * to every query word and lunr skips the pipeline for such words: stems
    # in the index (« écolog ») would never match « écologie* ».
    assert "stemmer" not in index["config"]["pipeline"]
    assert index["config"]["lang"] == ["fr"]


def test_index_carries_only_the_text_once(index, site_dir):
    fields = {key for doc in index["docs"] for key in doc}
    assert fields <= {"location", "title", "text", "tags", "boost"}
    assert set(index["config"]["fields"]) <= {"title", "text", "tags"}
    size = len(gzip.compress((site_dir / "search" / search_index.FULL_NAME).read_bytes(), 9))
    assert size < INDEX_GZIP_BUDGET, f"index de recherche : {size} octets gzip"


def test_first_views_fetch_only_the_search_configuration(site_dir, index):
    """Material fetches search_index.json on every page: it holds no document, only settings."""
    stub_path = site_dir / "search" / "search_index.json"
    stub = json.loads(stub_path.read_text(encoding="utf-8"))
    assert stub["docs"] == []
    assert stub["config"][search_index.LAZY_KEY] == search_index.FULL_NAME
    # the page highlights results with the same settings as the worker searches with
    assert {k: v for k, v in stub["config"].items() if k != search_index.LAZY_KEY} == index["config"]
    assert stub_path.stat().st_size < STUB_BUDGET
    assert len(index["docs"]) > 100


def _worker_url(page: Path, site_dir: Path) -> str:
    html = page.read_text(encoding="utf-8")
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)
    assert config, f"{page} : pas de configuration Material"
    relative = json.loads(config.group(1))["search"]
    page_url = "/" + page.relative_to(site_dir).as_posix()
    return urljoin(page_url, relative)


def test_every_page_starts_the_french_search_worker(site_dir):
    pages = reading_pages(site_dir)
    assert pages
    for page in pages:
        url = urlparse(_worker_url(page, site_dir))
        assert url.path == "/assets/javascripts/search-fr/worker.js", page
        material = parse_qs(url.query)["material"][0]
        # the French worker imports Material's from ../workers/, and lunr.fr from ../lunr/
        assert re.fullmatch(r"search\.[0-9a-f]+\.min\.js", material)
        folder = site_dir / PurePosixPath(url.path).parent.parent.relative_to("/")
        assert (folder / "workers" / material).is_file()
        assert (folder / "lunr" / "min" / "lunr.fr.min.js").is_file()
    worker = (site_dir / "assets/javascripts/search-fr/worker.js").read_text(encoding="utf-8")
    assert "importScripts(`../workers/${name}`)" in worker


def test_pages_that_repeat_others_are_left_out_of_the_search_index(index):
    """It repeats every page: indexing it would double the index and every result."""
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert not {"version-imprimable/", "plan-du-site/", "convention/notes-de-transcription/"} & locations
    assert "quartiers/regain/" in locations


def test_index_is_written_as_plain_utf8(site_dir):
    """Accents as letters, not \\u00e9 escapes: every first view downloads this file."""
    raw = (site_dir / "search" / search_index.FULL_NAME).read_text(encoding="utf-8")
    assert "\\u00e9" not in raw and "santé" in raw


def test_quartier_entries_carry_the_text_not_the_page_furniture(index):
    """Links to other quartiers, « Avancement : non renseigné » under every action and the map's
    text alternative repeat on every quartier page: in the index they would only add weight."""
    entries = [doc for doc in index["docs"] if doc["location"].startswith("quartiers/regain/")]
    text = " ".join(doc["text"] for doc in entries)
    assert "Développer des services de santé ambulatoires" in text
    assert "Taux de pauvreté" in text
    for furniture in ("Également poursuivi", "Avancement", "Ce que montre la carte", "Cet objectif dans tous les quartiers"):
        assert furniture not in text, furniture
