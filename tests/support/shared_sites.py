"""Fixture sites built once per test run, shared by every test and by the xdist workers.

A build is named by what it is made of: the content folder, the recipe that edits a copy of it
(a function, named by its module and name), and the environment that changes the build
(preview, SITE_URL, DEPOT_EDIT_URL…). The first worker to ask builds it under a file lock, in a
folder common to the run (pytest-xdist's documented recipe: the parent of each worker's
temporary folder); the others wait for the lock and read the same folder. A failed build is
kept too, with its output: the next test that asks gets the same failure, not a second build.

The shared sites are read-only: a test that edits a site or its content copies it first.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock

from tests.support.sitebuild import SIGNED, build_site


@dataclass(frozen=True)
class Built:
    site: Path
    content: Path
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def shared_root(tmp_path_factory) -> Path:
    """One folder for the whole run: under xdist, next to the workers' own temporary folders."""
    base = tmp_path_factory.getbasetemp()
    root = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "sites-partages"
    root.mkdir(parents=True, exist_ok=True)
    return root


def _recipe_name(recipe: Callable | None) -> str:
    """A recipe by its module and name, with its arguments when it is a functools.partial."""
    if recipe is None:
        return ""
    if isinstance(recipe, functools.partial):
        return f"{_recipe_name(recipe.func)}{recipe.args!r}{sorted(recipe.keywords.items())!r}"
    assert recipe.__name__ != "<lambda>", "une recette de contenu doit porter un nom (pas de lambda)"
    return f"{recipe.__module__}.{recipe.__qualname__}"


class SharedSites:
    def __init__(self, root: Path):
        self.root = root
        self.builds = 0  # done by this worker (the others were read from the shared folder)

    def key(self, content: Path, prepare, env: dict, preview: bool, again: bool = False) -> str:
        named = json.dumps([str(Path(content).resolve()), _recipe_name(prepare), sorted(env.items()), preview, again])
        return hashlib.sha256(named.encode()).hexdigest()[:16]

    def build(
        self,
        content: Path | None = None,
        *,
        prepare: Callable[[Path], None] | None = None,
        env: dict | None = None,
        preview: bool = True,
        generate: Callable[[Path], Path] | None = None,
        again: bool = False,
    ) -> Built:
        """The site of `content` (the signed convention by default), built once per run.

        `prepare(copy)` edits a copy of the content before the build; `generate(folder)` writes a
        content folder inside the empty `folder` (synthetic conventions, an assembled agglomeration)
        and returns it; `env`: SITE_URL…; `again`: a second, separate build of the same site, for
        the tests that compare two builds (once per run too)."""
        content = Path(content if content is not None else SIGNED)
        env = dict(env or {})
        recipe = generate or prepare
        folder = self.root / self.key(content if generate is None else Path("/généré"), recipe, env, preview, again)
        record = folder / "build.json"
        with FileLock(str(folder) + ".lock"):
            if not record.exists():
                shutil.rmtree(folder, ignore_errors=True)  # a worker stopped half-way
                folder.mkdir(parents=True)
                source = content
                if generate is not None:
                    source = Path(generate(folder))
                elif prepare is not None:
                    source = Path(shutil.copytree(content, folder / "content"))
                    prepare(source)
                result = build_site(folder / "site", source, env, preview=preview)
                self.builds += 1
                record.write_text(
                    json.dumps({"content": str(source), "returncode": result.returncode, "stdout": result.stdout, "stderr": result.stderr}),
                    encoding="utf-8",
                )
            data = json.loads(record.read_text(encoding="utf-8"))
        return Built(folder / "site", Path(data["content"]), data["returncode"], data["stdout"], data["stderr"])

    def site(self, content: Path | None = None, **options) -> Path:
        """The built site's folder; the build must have succeeded."""
        built = self.build(content, **options)
        assert built.returncode == 0, f"mkdocs build a échoué :\n{built.stdout}\n{built.stderr}"
        return built.site
