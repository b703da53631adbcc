"""No labour_outlook module imports itself back through others, counting imports inside functions too."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = "labour_outlook"
PACKAGE_DIR = Path(__file__).resolve().parents[2] / PACKAGE


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, modules: set[str]) -> set[str]:
    """Sibling modules a module imports; ``if TYPE_CHECKING:`` blocks never run, so they do not count."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 or (node.level == 0 and (node.module or "").split(".")[0] == PACKAGE):
                parts = (node.module or "").split(".")
                if node.level == 0:
                    parts = parts[1:]
                if parts and parts[0]:
                    found.add(parts[0])
                else:  # "from . import x": a sibling module, or a name from the package's __init__
                    found.update(a.name if a.name in modules else "__init__" for a in node.names)
        elif isinstance(node, ast.Import):
            for a in node.names:
                parts = a.name.split(".")
                if parts[0] == PACKAGE:
                    found.add(parts[1] if len(parts) > 1 else "__init__")
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found & modules


def import_graph() -> dict[str, set[str]]:
    files = {p.stem: p for p in PACKAGE_DIR.glob("*.py")}
    return {name: _imports(ast.parse(p.read_text(encoding="utf-8")), set(files)) - {name} for name, p in files.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a path [a, b, ..., a], or None."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def test_the_graph_sees_the_package():
    graph = import_graph()
    assert {"catalogue", "resolve", "index", "matching", "cache", "__init__"} <= set(graph)
    assert "matching" in graph["resolve"] and "catalogue" in graph["index"]


def test_no_import_cycle():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(f"{m}.py" for m in cycle)


def test_find_cycle_reports_one():
    graph = {"catalogue": {"resolve"}, "resolve": {"index"}, "index": {"catalogue"}, "text": set()}
    assert find_cycle(graph) == ["catalogue", "resolve", "index", "catalogue"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_function_level_and_type_checking_imports():
    code = (
        "from typing import TYPE_CHECKING\n"
        "from . import paths\n"
        "from .text import fold\n"
        "if TYPE_CHECKING:\n"
        "    from .catalogue import Catalogue\n"
        "def f():\n"
        "    from .resolve import resolve_programme\n"
        "    from labour_outlook.index import lexical_index\n"
        "    from . import reload\n"
    )
    modules = {"paths", "text", "catalogue", "resolve", "index", "__init__"}
    assert _imports(ast.parse(code), modules) == {"paths", "text", "resolve", "index", "__init__"}
