"""Every Material for MkDocs file the site replaces is compared with the installed Material.

overrides/ replaces some of Material's templates, and docs/assets/javascripts/material-*.js
re-implement two of its inline scripts (the CSP forbids inline scripts). A verbatim copy of each
Material original, as it was when the override was last merged, is kept in
tests/fixtures/material-origin/<version>/ (outside overrides/: a theme custom_dir is copied to the
site). When an upgrade of Material changes one of them, the test fails with the unified diff of
what Material changed: that is what to re-merge into our file. Then refresh the kept copies:

    .venv/bin/python tests/test_material_overrides.py --refresh

A new override cannot skip the check: a file of overrides/ (or a material-*.js) with no entry
here fails, and so does an entry with no kept original.
"""

from __future__ import annotations

import difflib
import re
import shutil
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OVERRIDES = ROOT / "overrides"
SCRIPTS = ROOT / "docs" / "assets" / "javascripts"
KEPT = ROOT / "tests" / "fixtures" / "material-origin"

# Our file → the Material templates it copies, adapts or relies on (paths under material/templates).
ORIGINS: dict[str, tuple[str, ...]] = {
    "overrides/404.html": ("404.html",),
    # extends Material's base.html: blocks config (search worker) and extrahead
    "overrides/main.html": ("main.html", "base.html"),
    "overrides/partials/copyright.html": ("partials/copyright.html",),
    "overrides/partials/footer.html": ("partials/footer.html",),
    "overrides/partials/header.html": ("partials/header.html",),
    "overrides/partials/nav.html": ("partials/nav.html",),
    "overrides/partials/search.html": ("partials/search.html",),
    # the __toc control it names is written by nav-item.html
    "overrides/partials/toc.html": ("partials/toc.html", "partials/nav-item.html"),
    "overrides/partials/javascripts/base.html": ("partials/javascripts/base.html",),
    "overrides/partials/javascripts/content.html": ("partials/javascripts/content.html",),
    "overrides/partials/javascripts/palette.html": ("partials/javascripts/palette.html",),
    # Material's French texts, one replaced (theme.language: custom, as Material documents)
    "overrides/partials/languages/custom.html": ("partials/languages/fr.html",),
    # Material's inline scripts, in files for the CSP
    "docs/assets/javascripts/material-base.js": ("partials/javascripts/base.html",),
    "docs/assets/javascripts/material-palette.js": ("partials/javascripts/palette.html",),
}

# Our own templates, with no Material counterpart (a Material file of the same name would be
# replaced silently: the test refuses that).
OURS_ONLY = {
    "overrides/partials/opengraph.html": "OpenGraph metadata, included by overrides/main.html",
    "overrides/partials/fil-ariane.html": "the breadcrumb, included by overrides/main.html",
}

# Material templates with an inline <script>, which the CSP blocks: each is replaced above, or
# never rendered by this site (why). A new one after an upgrade fails here.
INLINE_SCRIPTS = {
    "partials/javascripts/base.html": "replaced (material-base.js)",
    "partials/javascripts/palette.html": "replaced (material-palette.js)",
    "partials/javascripts/content.html": "replaced (empty: no content tabs)",
    "partials/integrations/analytics.html": "no extra.analytics",
    "partials/javascripts/announce.html": "no announce block",
    "partials/javascripts/consent.html": "no extra.consent",
    "partials/javascripts/outdated.html": "no extra.version",
    "redirect.html": "no redirects plugin",
}

# What our files need from Material's, and what they must keep.
MARKERS: dict[str, tuple[str, ...]] = {
    "partials/nav-item.html": ('id="__toc"',),
    "partials/languages/fr.html": ('"action.edit"',),
    "overrides/main.html": (
        "{% block config %}",
        "assets/javascripts/workers/search.",
        "search-fr/worker.js",
        '{% include "partials/opengraph.html" %}',
        '{% include "partials/fil-ariane.html" %}',
        "{% block htmltitle %}",
    ),
    "base.html": (
        "{% block config %}",
        "{% block extrahead %}",
        "{% block htmltitle %}",
        "{% block container %}",
        "assets/javascripts/workers/search.",
        '{% include "partials/javascripts/base.html" %}',
        '{% include "partials/javascripts/content.html" %}',
    ),
    "overrides/partials/header.html": (
        '{% include "partials/javascripts/palette.html" %}',
        'data-cdv-bascule="__drawer"',
        "cdv-entete__nom",
    ),
    "overrides/partials/footer.html": ("striptags | e", '{% include "partials/copyright.html" %}'),
    "overrides/partials/nav.html": ("cdv-entete__nom",),
    "overrides/partials/toc.html": ("page in nav.pages", 'for="__toc"'),
    "overrides/partials/javascripts/base.html": ("material-base.js", "data-md-scope"),
    "overrides/partials/javascripts/palette.html": ("material-palette.js",),
    "overrides/partials/languages/custom.html": ('import "partials/languages/fr.html"', "macro t(key)"),
}

REFRESH = (
    "After re-merging / après avoir reporté ces changements dans nos fichiers : .venv/bin/python tests/test_material_overrides.py --refresh"
)


def installed_templates() -> Path:
    import material

    return Path(material.__file__).resolve().parent / "templates"


def kept_dir() -> Path:
    versions = sorted(p for p in KEPT.iterdir() if p.is_dir())
    assert len(versions) == 1, f"one kept Material version expected in {KEPT}, found {[p.name for p in versions]}"
    return versions[0]


def ours() -> list[str]:
    files = [p.relative_to(ROOT).as_posix() for p in OVERRIDES.rglob("*") if p.is_file()]
    files += [p.relative_to(ROOT).as_posix() for p in SCRIPTS.glob("material-*.js")]
    return sorted(files)


def kept_paths() -> list[str]:
    return sorted({origin for origins in ORIGINS.values() for origin in origins})


def test_every_override_has_a_kept_original():
    unknown = [path for path in ours() if path not in ORIGINS and path not in OURS_ONLY]
    assert not unknown, (
        f"{unknown}: add each to ORIGINS in tests/test_material_overrides.py (with the Material "
        f"files it copies or relies on), then run --refresh to keep their originals"
    )
    gone = [path for path in list(ORIGINS) + list(OURS_ONLY) if not (ROOT / path).is_file()]
    assert not gone, f"{gone}: no longer exist, remove them from tests/test_material_overrides.py"
    missing = [origin for origin in kept_paths() if not (kept_dir() / origin).is_file()]
    assert not missing, f"no kept original for {missing} in {kept_dir()}. {REFRESH}"
    extra = sorted(
        p.relative_to(kept_dir()).as_posix() for p in kept_dir().rglob("*.html") if p.relative_to(kept_dir()).as_posix() not in kept_paths()
    )
    assert not extra, f"{extra}: kept but compared with nothing. {REFRESH}"


def test_our_own_templates_do_not_shadow_a_material_file():
    for path in OURS_ONLY:
        template = Path(path).relative_to("overrides")
        assert not (installed_templates() / template).exists(), (
            f"Material now has its own {template}: ours replaces it. Merge it, and move {path} to ORIGINS"
        )


@pytest.mark.parametrize("origin", kept_paths())
def test_material_file_unchanged_since_our_merge(origin):
    kept = kept_dir() / origin
    installed = installed_templates() / origin
    users = [path for path, origins in ORIGINS.items() if origin in origins]
    assert installed.is_file(), f"Material {version('mkdocs-material')} no longer has {origin}, used by {users}"
    before, after = kept.read_text(encoding="utf-8"), installed.read_text(encoding="utf-8")
    if before == after:
        return
    diff = "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"material {kept_dir().name}/{origin}",
            tofile=f"material {version('mkdocs-material')}/{origin}",
        )
    )
    pytest.fail(
        f"Material changed {origin}; re-merge this into {', '.join(users)} "
        f"/ Material a changé {origin} : reporter ce qui suit dans {', '.join(users)}\n{diff}\n{REFRESH}",
        pytrace=False,
    )


def test_kept_originals_are_those_of_the_installed_version():
    """Unchanged files still get the version they were checked against (the lock decides it)."""
    assert kept_dir().name == version("mkdocs-material"), (
        f"kept originals are Material {kept_dir().name}, installed is {version('mkdocs-material')}. {REFRESH}"
    )


def test_inline_scripts_of_material_are_all_accounted_for():
    found = sorted(
        p.relative_to(installed_templates()).as_posix()
        for p in installed_templates().rglob("*.html")
        if "<script>" in p.read_text(encoding="utf-8")
    )
    new = [path for path in found if path not in INLINE_SCRIPTS]
    assert not new, (
        f"Material has new inline scripts in {new}: the CSP (.ci/nginx/convention.conf) blocks them. "
        f"Move the script to docs/assets/javascripts/ with an override, or say why it is never rendered"
    )


@pytest.mark.parametrize("path", sorted(MARKERS))
def test_what_our_files_rely_on_is_still_there(path):
    file = ROOT / path if path.startswith("overrides/") else installed_templates() / path
    text = file.read_text(encoding="utf-8")
    lost = [marker for marker in MARKERS[path] if marker not in text]
    assert not lost, f"{path} no longer contains {lost}"


def test_reimplemented_scripts_match_material_code():
    """material-base.js and material-palette.js do what the inline originals do: same storage keys
    and attributes. (The code itself is compared through the kept partials above.)"""
    base = (kept_dir() / "partials/javascripts/base.html").read_text(encoding="utf-8")
    ours_base = (SCRIPTS / "material-base.js").read_text(encoding="utf-8")
    for name in ("__md_scope", "__md_hash", "__md_get", "__md_set", 'pathname+"."'):
        assert name in base
        assert name.replace('+"."', ' + "."') in ours_base, name
    palette = (kept_dir() / "partials/javascripts/palette.html").read_text(encoding="utf-8")
    ours_palette = (SCRIPTS / "material-palette.js").read_text(encoding="utf-8")
    for text in re.findall(r'"(\(prefers-color-scheme[^"]*\)|data-md-color-\w*|__palette)"', palette):
        assert text in ours_palette, text


def refresh() -> None:
    """Replace the kept originals with the installed Material's files."""
    target = KEPT / version("mkdocs-material")
    old = [p for p in KEPT.iterdir() if p.is_dir()] if KEPT.exists() else []
    staging = KEPT / ".refresh"
    shutil.rmtree(staging, ignore_errors=True)
    for origin in kept_paths():
        destination = staging / origin
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(installed_templates() / origin, destination)
    for directory in old:
        shutil.rmtree(directory)
    staging.rename(target)
    print(f"{len(kept_paths())} originals of Material {target.name} kept in {target.relative_to(ROOT)}")


if __name__ == "__main__":
    if sys.argv[1:] != ["--refresh"]:
        sys.exit(__doc__)
    refresh()
