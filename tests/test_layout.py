"""The package's layout shows the flow: content reading → model → text and features → pages →
site, with the MkDocs adapter and the command line on top. A newcomer finds each thing by stage,
and imports only ever run down the flow: no stage reaches into a later one, no module circles."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "macros"
ADAPTERS = {"__init__.py", "mkdocs_hooks.py", "mkdocs_build.py"}  # the only modules that may know MkDocs
TOP = {"__init__.py", "__main__.py", "cli.py", "mkdocs_hooks.py", "mkdocs_build.py", "jinja.py"}
STAGES = {"reading", "domain", "text", "features", "lifecycle", "rendering", "data"}
# From the bottom up: a module may import the modules of its own layer and of the layers below.
# The model (domain) knows nothing of files; reading builds it; features, the lifecycle (time and
# addresses) and the open data derive from it; rendering makes pages of all of them; the
# adapters (command line, MkDocs hook and macros) sit on top.
LAYERS = [
    "domain",
    "text",
    "jinja",
    "reading",
    "features",
    "lifecycle",
    "data",
    "rendering",
    "mkdocs_build",
    "cli",
    "mkdocs_hooks",
    "__init__",
    "__main__",
]


def _layer(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _module(path: Path) -> str:
    rel = path.relative_to(PACKAGE).with_suffix("")
    parts = [p for p in rel.parts if p != "__init__"]
    return ".".join(["macros", *parts])


def _project_imports(path: Path) -> set[str]:
    """The project's modules `path` imports (`from macros.x import y` names macros.x.y when y is a module)."""
    found = set()
    for name in _imports_with_names(path):
        if name.startswith("macros."):  # `from macros import jinja` names macros.jinja, not the package
            found.add(name)
    modules = {_module(p) for p in PACKAGE.rglob("*.py")}
    return {name for name in found if name in modules}


def _imports_with_names(path: Path) -> set[str]:
    """Every module `path` imports, and for `from m import n` also « m.n » (n may be a module)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def test_imports_run_down_the_flow():
    order = {layer: rank for rank, layer in enumerate(LAYERS)}
    upward = []
    for path in PACKAGE.rglob("*.py"):
        here = _layer(path)
        for name in _project_imports(path):
            parts = name.split(".")
            there = parts[1] if len(parts) > 1 else "__init__"
            if order[there] > order[here]:
                upward.append(f"{path.relative_to(PACKAGE)} ({here}) importe {name} ({there})")
    assert not upward, "imports qui remontent le flux :\n" + "\n".join(sorted(upward))


def test_no_module_imports_itself_through_others():
    graph = {_module(p): {m for m in _project_imports(p) if m != _module(p)} for p in PACKAGE.rglob("*.py")}
    # a package's __init__ is imported with any of its modules: only real module edges count
    graph = {m: {t for t in targets if t != "macros"} for m, targets in graph.items()}
    cycles = []

    def visit(node, stack, seen):
        for target in sorted(graph.get(node, ())):
            if target in stack:
                cycles.append(" → ".join(stack[stack.index(target) :] + [target]))
            elif target not in seen:
                seen.add(target)
                visit(target, stack + [target], seen)

    for start in sorted(graph):
        visit(start, [start], {start})
    assert not cycles, "imports en cercle :\n" + "\n".join(sorted(set(cycles)))


@pytest.mark.parametrize("prefix", ["agglomeration_"])
def test_no_twin_modules_for_an_agglomeration(prefix):
    """A commune's site and an agglomeration's run through the same modules (domain/site.py)."""
    assert not [p for p in PACKAGE.rglob(f"{prefix}*.py")]


def test_only_the_adapters_import_mkdocs():
    for path in PACKAGE.rglob("*.py"):
        if path.relative_to(PACKAGE).as_posix() in ADAPTERS:
            continue
        assert not any(name == "mkdocs" or name.startswith("mkdocs.") for name in _imports_with_names(path)), path


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
        imported = _imports_with_names(path)
        assert not imported & {"macros.cli", "macros.mkdocs_hooks"}, path
