"""No import cycle among the project's own modules, counting imports inside functions.

A function-local import hides a cycle from Python until the function runs; here every
`import` statement counts, wherever it stands, so a cycle cannot hide behind one.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIPPED_DIRS = {".venv", "tests", "build", "instance", "node_modules"}


def _module_name(root: Path, path: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules(root: Path) -> dict[str, Path]:
    """Module name → file, for every Python file of the project (tests left out)."""
    modules = {}
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root).parts
        if any(part in SKIPPED_DIRS or part.startswith(".") for part in relative[:-1]):
            continue
        modules[_module_name(root, path)] = path
    return modules


def _known(name: str, modules: dict[str, Path]) -> str | None:
    # `a.b.c` where only `a.b` is a module: the import lands in `a.b`.
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def _imported(node: ast.AST, module: str, is_package: bool, modules: dict[str, Path]) -> set[str]:
    found: set[str] = set()
    if isinstance(node, ast.Import):
        for alias in node.names:
            target = _known(alias.name, modules)
            if target:
                found.add(target)
    elif isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:  # relative: resolved against the importing module's package
            package = module.split(".") if is_package else module.split(".")[:-1]
            package = package[: len(package) - (node.level - 1)]
            base = ".".join([*package, base] if base else package)
        for alias in node.names:
            target = f"{base}.{alias.name}" if base else alias.name
            found_target = target if target in modules else _known(base, modules)
            if found_target:
                found.add(found_target)
    return found


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module → the project modules it imports anywhere in its body (functions included)."""
    modules = project_modules(root)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        is_package = path.name == "__init__.py"
        edges: set[str] = set()
        for node in ast.walk(tree):
            edges |= _imported(node, name, is_package, modules)
        edges.discard(name)
        graph[name] = edges
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def _describe(group: list[str], graph: dict[str, set[str]]) -> str:
    members = set(group)
    return "; ".join(f"{m} → {', '.join(sorted(graph[m] & members))}" for m in group)


def test_the_project_has_no_import_cycle() -> None:
    graph = import_graph(ROOT)
    assert (
        "data.importers.dispatch" in graph and "callbacks.shell" in graph
    )  # the walk found the code
    found = cycles(graph)
    assert found == [], "import cycles: " + " | ".join(_describe(g, graph) for g in found)


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_a_cycle_through_a_function_local_import_is_found(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/a.py": "from pkg.b import helper\n",
            "pkg/b.py": "def helper():\n    from pkg import a\n    return a\n",
            "pkg/c.py": "import pkg.a\n",
        },
    )
    graph = import_graph(tmp_path)
    assert graph["pkg.b"] == {"pkg.a"}
    assert cycles(graph) == [["pkg.a", "pkg.b"]]


def test_relative_imports_and_longer_cycles_are_found(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/sub/__init__.py": "from . import x\n",
            "pkg/sub/x.py": "from ..y import thing\n",
            "pkg/y.py": "import pkg.z\nthing = 1\n",
            "pkg/z.py": "if True:\n    from pkg.sub import x\n",
        },
    )
    assert cycles(import_graph(tmp_path)) == [["pkg.sub.x", "pkg.y", "pkg.z"]]


def test_a_one_way_graph_has_no_cycle(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/a.py": "from pkg import b\n",
            "pkg/b.py": "import json\nfrom pkg.c import value\n",
            "pkg/c.py": "value = 1\n",
        },
    )
    graph = import_graph(tmp_path)
    assert graph["pkg.a"] == {"pkg.b"} and graph["pkg.b"] == {"pkg.c"}
    assert cycles(graph) == []


# The importers' stages, in the one direction they may import each other.
IMPORTER_STAGES = (
    "problems",
    "reading",
    "cells",
    "checks",
    "writing",
    "opencoesione",
    "file_scan",
    "copy_pipe",
    "copy_split",
    "copy_load",
    "chunked",
    "dispatch",
)


def test_the_importers_import_only_earlier_stages() -> None:
    graph = import_graph(ROOT)
    package = "data.importers."
    found = {m.removeprefix(package) for m in graph if m.startswith(package)}
    assert found == set(IMPORTER_STAGES)
    for stage in IMPORTER_STAGES:
        earlier = set(IMPORTER_STAGES[: IMPORTER_STAGES.index(stage)])
        imported = {
            m.removeprefix(package) for m in graph[package + stage] if m.startswith(package)
        }
        assert imported <= earlier, (stage, imported - earlier)
