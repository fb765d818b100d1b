"""A link and anchor checker over a whole built site (every page, not a sample)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if attributes.get(key):
                self.ids.add(attributes[key])
        if tag in ("a", "link") and attributes.get("href") is not None:
            self.links.append(attributes["href"])
        if tag in ("script", "img", "iframe", "source") and attributes.get("src"):
            self.links.append(attributes["src"])


def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def _target(site: Path, page: Path, href: str) -> Path:
    path = unquote(urlsplit(href).path)
    resolved = (site / path.lstrip("/")) if path.startswith("/") else (page.parent / path)
    resolved = resolved.resolve()
    if resolved.is_dir() or path.endswith("/") or path == "":
        resolved = resolved / "index.html"
    return resolved


def broken_links(site: Path) -> list[str]:
    site = site.resolve()
    pages = {p.resolve(): _parse(p) for p in site.rglob("*.html")}
    problems = []
    for page, parsed in pages.items():
        for href in parsed.links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("//", "mailto:", "tel:", "javascript:")):
                continue
            path_part, anchor = urldefrag(href)
            target = page if path_part == "" else _target(site, page, path_part)
            name = page.relative_to(site).as_posix()
            if not target.exists():
                problems.append(f"{name}: lien cassé {href}")
                continue
            if anchor and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(anchor) not in ids:
                    problems.append(f"{name}: ancre absente {href}")
    return problems
