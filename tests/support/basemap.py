"""The basemap configured in mkdocs.yml, for tests that must tell tile requests from others.

Map pages ask the basemap provider for tiles (the only request a page makes to another
host); the tests block every other host, so these requests fail, and the maps must still
draw their shapes.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlparse

import yaml

from tests.support.sitebuild import ROOT


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml with its tags (`!ENV`, `!!python/name:`…) read as nothing: only plain values matter here."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@lru_cache(maxsize=1)
def settings() -> dict:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    return config["extra"]["convention"]


def tile_host() -> str:
    return urlparse(settings()["fond_de_carte"]["url"]).hostname


def is_tile(url: str) -> bool:
    """A request for a basemap tile (same host and same path as the configured tile URL)."""
    template = urlparse(settings()["fond_de_carte"]["url"])
    asked = urlparse(url)
    return asked.hostname == template.hostname and asked.path == template.path
