"""What a built site weighs: pages, output size, and the bytes of a first view.

The first view of a page is its HTML plus everything a browser loads with it
before any click: stylesheets, scripts, icons and eager images it names, the
files its inline scripts name, and what Material loads on
start-up (search worker, the search settings in search_index.json, the sitemap.xml
beside each <link rel="alternate">, such as the Atom feed's). The documents of the search index and lunr's language
scripts come with the first search: `search_index()` reports that separately. Sizes are gzip (level 6, as web servers commonly send them);
1 ko = 1 000 octets. Other hosts (map tiles) are listed, never counted.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from macros.rendering import search_index

SITE = "http://site.invalid/"  # a stand-in origin to resolve relative addresses
ASSET_SUFFIXES = (".js", ".css", ".json", ".geojson", ".png", ".svg", ".webp", ".jpg", ".jpeg", ".gif", ".woff2", ".woff")
_QUOTED = re.compile(r"""["']([^"'\s<>]{1,300}?)["']""")
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*["']?([^"')\s;]+)""")


@dataclass
class Resource:
    path: str  # relative to the site folder
    why: str  # html, stylesheet, script, search…
    raw: int
    gzip: int


@dataclass
class FirstView:
    page: str
    resources: list[Resource] = field(default_factory=list)
    external: list[str] = field(default_factory=list)  # other hosts: not counted

    @property
    def gzip(self) -> int:
        return sum(r.gzip for r in self.resources)

    @property
    def raw(self) -> int:
        return sum(r.raw for r in self.resources)

    def to_json(self) -> dict:
        return {
            "page": self.page,
            "gzip": self.gzip,
            "raw": self.raw,
            "external": self.external,
            "resources": [r.__dict__ for r in self.resources],
        }


@lru_cache(maxsize=4096)
def _sizes(path: Path, mtime_ns: int) -> tuple[int, int]:
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, compresslevel=6, mtime=0))


def sizes(path: Path) -> tuple[int, int]:
    """(raw, gzip) bytes of a file, cached while it is unchanged."""
    return _sizes(path, path.stat().st_mtime_ns)


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def output_size(site: Path) -> int:
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file())


def largest(paths: list[Path]) -> Path | None:
    return max(paths, key=lambda p: p.stat().st_size, default=None)


def item_pages(site: Path, section: str) -> list[Path]:
    """`section/<id>/index.html` pages (a quartier, an objectif), not the section index."""
    return sorted(p for p in (site / section).glob("*/index.html"))


def page_url(relative: str) -> str:
    """The address a static host gives `quartiers/x/index.html`: `quartiers/x/`."""
    return SITE + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


def local_path(site: Path, url: str) -> str | None:
    """Site-relative file behind an address of the site, or None for another host."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}/" != SITE:
        return None
    path = parts.path.lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return path


class _Refs(HTMLParser):
    """The addresses a page makes the browser load, in document order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str]] = []  # (why, address)
        self.config: dict = {}
        self.inline: list[str] = []
        self._script: str | None = None  # id of the inline script being read

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        rel = a.get("rel", "").lower().split()
        if tag == "link" and a.get("href"):
            if "stylesheet" in rel:
                self.refs.append(("stylesheet", a["href"]))
            elif "icon" in rel or "shortcut" in rel:
                self.refs.append(("icon", a["href"]))
            elif "preload" in rel or "modulepreload" in rel:
                self.refs.append(("preload", a["href"]))
        elif tag == "script":
            if a.get("src"):
                self.refs.append(("script", a["src"]))
            else:
                self._script = a.get("id", "")
                self.inline.append("")
        elif tag == "img" and a.get("src") and a.get("loading") != "lazy":
            self.refs.append(("image", a["src"]))

    def handle_data(self, data):
        if self._script is not None:
            self.inline[-1] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            if self._script == "__config":
                try:
                    self.config = json.loads(self.inline.pop())
                except ValueError:
                    pass
            self._script = None


def first_view(site: Path, page: str) -> FirstView:
    """Everything a browser fetches from this site on a first, cold view of `page`."""
    view = FirstView(page)
    base_url = page_url(page)
    seen: set[str] = set()

    def add(why: str, address: str, must_exist: bool = True) -> str | None:
        url = urljoin(base_url, address.strip())
        if url.startswith(("data:", "blob:", "javascript:", "mailto:")):
            return None
        path = local_path(site, url)
        if path is None:
            if url not in view.external:
                view.external.append(url)
            return None
        file = site / path
        if path in seen or (must_exist is False and not file.is_file()):
            return None
        seen.add(path)
        raw, gz = sizes(file) if file.is_file() else (0, 0)
        view.resources.append(Resource(path, why if file.is_file() else f"{why} (introuvable)", raw, gz))
        return path

    add("html", base_url)
    refs = _Refs()
    html = (site / page).read_text(encoding="utf-8")
    refs.feed(html)
    for why, address in refs.refs:
        path = add(why, address)
        if why == "stylesheet" and path and (site / path).is_file():
            for imported in _CSS_IMPORT.findall((site / path).read_text(encoding="utf-8", errors="replace")):
                add("stylesheet", urljoin(urljoin(base_url, address), imported))
    # Files named in inline scripts. (Maps no longer have any: their data and Leaflet load when the
    # reader asks for the map or scrolls to it, which Chromium's count sees and this one does not.)
    for script in refs.inline:
        for candidate in _QUOTED.findall(script):
            if candidate.lower().split("?")[0].endswith(ASSET_SUFFIXES) and not candidate.startswith(("http:", "https:", "//")):
                # map data is named from the site root (cartes.js resolves it), other files from the page
                if not add("inline", candidate, must_exist=False):
                    add("inline", urljoin(SITE, candidate), must_exist=False)
    _material_startup(site, refs.config, base_url, add)
    # Material reads the sitemap.xml beside each <link rel="alternate"> (for its language selector):
    # the Atom feed's link is one
    for link in _ALTERNATE.findall(html):
        href = _HREF.search(link)
        if href:
            add("sitemap", urljoin(urljoin(base_url, href.group(1)), "sitemap.xml"))
    return view


_ALTERNATE = re.compile(r'<link\b[^>]*\brel="alternate"[^>]*>')
_HREF = re.compile(r'\bhref="([^"]*)"')


def _material_startup(site: Path, config: dict, base_url: str, add) -> None:
    """What Material's bundle loads by itself at start-up (checked in Chromium)."""
    if not config:
        return
    base = urljoin(base_url, (config.get("base") or ".").rstrip("/") + "/")
    if config.get("search"):
        add("search-worker", urljoin(base_url, config["search"]))
        index = add("search-index", urljoin(base, "search/search_index.json"))
        if index and search_index.full_path(site / index) == site / index:  # otherwise they come with the first search
            for language in _index_languages(site / index):
                add("search-lunr", urljoin(base, f"assets/javascripts/lunr/min/{language}"), must_exist=False)
    if "navigation.instant" in (config.get("features") or []):
        add("sitemap", urljoin(base, "sitemap.xml"))


def _full_index(site: Path) -> Path:
    index = site / "search" / "search_index.json"
    return search_index.full_path(index) if index.is_file() else index


def _index_languages(index: Path) -> list[str]:
    """The lunr scripts the search worker imports for the index's languages."""
    if not index.is_file():
        return []
    head = index.read_bytes()[:2000].decode("utf-8", errors="ignore")
    match = re.search(r'"lang"\s*:\s*\[([^\]]*)\]', head)
    languages = re.findall(r'"([a-z-]+)"', match.group(1)) if match else []
    scripts = []
    if any(lang != "en" for lang in languages):
        scripts.append("lunr.stemmer.support.min.js")
    scripts += [f"lunr.{lang}.min.js" for lang in languages if lang != "en"]
    if len(languages) > 1:
        scripts.append("lunr.multi.min.js")
    return scripts


def search_index_sizes(site: Path) -> dict:
    """The full index, and what the first search downloads when it is loaded on demand."""
    stub, index = site / "search" / "search_index.json", _full_index(site)
    if not index.is_file():
        return {"raw": 0, "gzip": 0, "documents": 0, "lazy": False, "first_search_gzip": 0}
    raw, gz = sizes(index)
    documents = len(json.loads(index.read_bytes()).get("docs", []))
    lazy = index != stub
    first_search = gz
    if lazy:
        lunr = site / "assets" / "javascripts" / "lunr" / "min"
        first_search += sum(sizes(lunr / name)[1] for name in _index_languages(stub) if (lunr / name).is_file())
    return {"raw": raw, "gzip": gz, "documents": documents, "lazy": lazy, "first_search_gzip": first_search}


# Where a page's bytes go: the parts of a Material page that grow with content.
_PARTS = {"md-sidebar--primary": "navigation", "md-sidebar--secondary": "sommaire", "md-content": "contenu"}


class _Anatomy(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self._starts = [0]
        for line in text.splitlines(keepends=True):
            self._starts.append(self._starts[-1] + len(line.encode("utf-8")))
        self.bytes: dict[str, int] = {}
        self._open: list[list] = []  # [part, tag, depth, start offset]

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        for entry in self._open:
            if entry[1] == tag:
                entry[2] += 1
        classes = (dict(attrs).get("class") or "").split()
        part = next((name for cls, name in _PARTS.items() if cls in classes), None)
        if part is None and tag in ("script", "svg", "style"):
            part = {"script": "scripts en ligne", "svg": "SVG (icônes, graphiques)", "style": "styles en ligne"}[tag]
        if part and not any(e[0] == part for e in self._open):
            self._open.append([part, tag, 1, self._offset()])

    def handle_endtag(self, tag):
        for entry in list(self._open):
            if entry[1] == tag:
                entry[2] -= 1
                if entry[2] == 0:
                    self._open.remove(entry)
                    self.bytes[entry[0]] = self.bytes.get(entry[0], 0) + self._offset() - entry[3]


def anatomy(site: Path, page: str) -> dict[str, int]:
    """Bytes of the page's navigation, table of contents, content, inline scripts and SVG."""
    text = (site / page).read_text(encoding="utf-8")
    parser = _Anatomy(text)
    parser.feed(text)
    return {"total": len(text.encode("utf-8")), **parser.bytes}


def search_breakdown(site: Path) -> dict[str, int]:
    """Bytes of the search index by site section (quartiers, objectifs…)."""
    index = _full_index(site)
    if not index.is_file():
        return {}
    result: dict[str, int] = {}
    for doc in json.loads(index.read_bytes()).get("docs", []):
        section = doc.get("location", "").split("/")[0].split("#")[0] or "accueil"
        result[section] = result.get(section, 0) + len(json.dumps(doc, ensure_ascii=False).encode("utf-8"))
    return dict(sorted(result.items(), key=lambda kv: -kv[1]))


def family(path: str) -> str:
    """What a fetched file is for, to tell which part of the site a first view pays for."""
    if path == "search/search_index.json":
        return "réglages de recherche"
    if path.endswith(".html"):
        return "HTML"
    if "leaflet" in path.lower():
        return "Leaflet"
    if path.startswith(
        (
            "assets/javascripts/bundle.",
            "assets/javascripts/workers/",
            "assets/javascripts/lunr/",
            "assets/stylesheets/",
            "assets/images/favicon",
        )
    ):
        return "Material"
    if path == "sitemap.xml":
        return "sitemap"
    return "autres"


def by_family(files: dict[str, int]) -> dict[str, int]:
    """gzip bytes per family, largest first."""
    result: dict[str, int] = {}
    for path, size in files.items():
        result[family(path)] = result.get(family(path), 0) + size
    return dict(sorted(result.items(), key=lambda kv: -kv[1]))
