"""Build a real site through MkDocs, as `make build` does, for tests to read."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MKDOCS = Path(sys.executable).with_name("mkdocs")
# The software is tested on content the tests own: a frozen copy of the signed convention
# (transcription, page and feature tests) and a fictitious commune. content/ belongs to staff:
# it only gets the content checks of tests/test_living_content.py, so a valid edit never fails.
SIGNED = ROOT / "tests" / "fixtures" / "convention-signee" / "content"
OTHER_COMMUNE = ROOT / "tests" / "fixtures" / "autre-commune" / "content"
LIVING = ROOT / "content"
# The content folders whose builds make the convention's PDF: the tests of the PDF read the first
# two (tests/test_paper.py), the living content is built as it is published; every other test
# build (edited copies, other fixtures) skips it (CONVENTION_SANS_PDF).
WITH_PDF = {SIGNED.resolve(), (ROOT / "tests" / "fixtures" / "agglomeration").resolve(), LIVING.resolve()}
# The build date MkDocs writes in sitemap.xml and its .gz (the reproducible-builds convention): one
# date for every test build, so that two builds of the same content are identical at any hour and a
# determinism test compares a shared build with one more (tests/test_maps.py, tests/test_exports.py).
BUILD_DATE = {"SOURCE_DATE_EPOCH": "1735689600"}


def build_site(
    site_dir: Path, content_dir: Path | None = None, extra_env: dict | None = None, *, preview: bool = True
) -> subprocess.CompletedProcess:
    """`preview`: the tests serve the site on localhost and may give it that address (SITE_URL)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_DIR": str(site_dir)}
    for name in ("SITE_URL", "DEPOT_EDIT_URL", "CONVENTION_APERCU"):
        env.pop(name, None)  # the tester's own settings must not change what is tested
    env.update(BUILD_DATE)
    if preview:
        env["CONVENTION_APERCU"] = "1"
    env["CONVENTION_CONTENU"] = str(content_dir if content_dir is not None else SIGNED)
    # the PDF (some 4 s of WeasyPrint) only where a test reads it (WITH_PDF, tests/test_paper.py)
    env["CONVENTION_SANS_PDF"] = "0" if Path(env["CONVENTION_CONTENU"]).resolve() in WITH_PDF else "1"
    env.update(extra_env or {})
    return subprocess.run(
        [str(MKDOCS), "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


# admin/: the form editor (Decap CMS) for staff, not a page of the reading site. It carries the legal
# links of every page (tests/test_legal_pages.py) and passes axe (tests/test_edition_browser.py), but
# has no theme, search, sharing metadata, PDF link, nor place in the site map (it is not indexed).
EDITOR_PAGE = "admin/index.html"


def reading_pages(site: Path, pattern: str = "*.html") -> list[Path]:
    """The site's HTML pages that readers browse: every one but the form editor's."""
    return sorted(p for p in site.rglob(pattern) if p.relative_to(site).as_posix() != EDITOR_PAGE)
