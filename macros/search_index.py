"""The search index as plain UTF-8 JSON.

Material writes it with every accented letter escaped (`\\u00e9`), six bytes
for one letter in French text; every page's first view downloads this file.
"""

from __future__ import annotations

import json
from pathlib import Path


def compact(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
