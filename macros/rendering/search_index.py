"""The search index: plain UTF-8, and downloaded only when someone searches.

Material writes it with every accented letter escaped (`\\u00e9`), six bytes
for one letter in French text, and its page script downloads
`search/search_index.json` on every first view, search or no search: at
agglomeration scale the index alone weighs more than the rest of the page.
So the documents go to `search/search_index.full.json`, and
`search_index.json` keeps only the configuration (the page needs it to
highlight results) with `LAZY_KEY` naming the full file. Our search worker
(docs/assets/javascripts/search-fr/worker.js) fetches it on the first query.
"""

from __future__ import annotations

import json
from pathlib import Path

FULL_NAME = "search_index.full.json"
LAZY_KEY = "index_complet"


def split(path: Path) -> None:
    """Rewrite Material's index at `path` as a small stub plus the full index next to it."""
    data = json.loads(path.read_text(encoding="utf-8"))
    _write(path.with_name(FULL_NAME), data)
    _write(path, {"config": {**data.get("config", {}), LAZY_KEY: FULL_NAME}, "docs": []})


def full_path(path: Path) -> Path:
    """The file with the documents, given a built site's `search/search_index.json`:
    the file its settings name, or that file itself when it is Material's whole index."""
    name = json.loads(path.read_text(encoding="utf-8")).get("config", {}).get(LAZY_KEY)
    return path.with_name(name) if name else path


def full(path: Path) -> dict:
    """The complete index of a built site, given its `search/search_index.json`."""
    return json.loads(full_path(path).read_text(encoding="utf-8"))


def _write(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
