"""The package's layout shows the flow: content reading → model → text and features → pages →
site, with the MkDocs adapter and the command line on top. A newcomer finds each thing by stage."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "macros"
ADAPTERS = {"__init__.py", "mkdocs_hooks.py", "mkdocs_build.py"}  # the only modules that may know MkDocs
TOP = {"__init__.py", "__main__.py", "cli.py", "mkdocs_hooks.py", "mkdocs_build.py", "jinja.py"}
STAGES = {"reading", "domain", "text", "features", "lifecycle", "rendering", "data"}


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_only_the_adapters_import_mkdocs():
    for path in PACKAGE.rglob("*.py"):
        if path.relative_to(PACKAGE).as_posix() in ADAPTERS:
            continue
        assert not any(name == "mkdocs" or name.startswith("mkdocs.") for name in _imports(path)), path


def test_modules_are_grouped_by_stage_of_the_flow():
    top = {p.name for p in PACKAGE.iterdir() if p.suffix == ".py"}
    assert top == TOP
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders == STAGES
    for folder in folders:
        modules = [p for p in (PACKAGE / folder).glob("*.py") if p.name != "__init__.py"]
        assert 1 <= len(modules) <= 16, f"{folder} : {len(modules)} modules (plus d'un écran : regroupez)"


def test_no_stage_imports_the_command_line_or_the_adapter():
    for path in PACKAGE.rglob("*.py"):
        if path.parent == PACKAGE:
            continue
        imported = _imports(path)
        assert not imported & {"macros.cli", "macros.mkdocs_hooks"}, path
