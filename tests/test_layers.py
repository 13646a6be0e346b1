"""The package shows its plan: each layer imports only the layers below it, and no module cycle."""
from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "macros"
#: Layers from the bottom: a module may import its own layer and those to its left.
LAYERS = ["core", "views", "review", "site", "exports", "app", "adapters", "cli"]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> int | None:
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else None


def imports(path: Path) -> set[str]:
    """Every macros module a file imports (type-only imports too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            mod = ".".join([*base, *(node.module.split(".") if node.module else [])])
            if mod.startswith("macros"):
                out.add(mod)
                out.update(f"{mod}.{a.name}" for a in node.names if (ROOT / Path(*f"{mod}.{a.name}".split("."))).with_suffix(".py").exists())
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("macros"))
    return out


def test_imports_go_downward_only() -> None:
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        me = module_name(path)
        mine = layer(me)
        if mine is None:
            continue  # the package root (lazy mkdocs-macros entry point)
        for other in imports(path):
            theirs = layer(other)
            if theirs is not None and theirs > mine:
                wrong.append(f"{me} imports {other}")
    assert wrong == []


def test_no_import_cycles() -> None:
    graph = {module_name(p): {m for m in imports(p) if m != module_name(p)} for p in PACKAGE.rglob("*.py")}
    graph = {k: {m for m in v if m in graph and graph.get(m) is not None and m != "macros"} for k, v in graph.items()}
    seen: dict[str, int] = {}
    cycle: list[str] = []

    def visit(node: str, stack: list[str]) -> None:
        seen[node] = 1
        for nxt in sorted(graph[node]):
            if seen.get(nxt) == 1 and not cycle:
                cycle.extend([*stack[stack.index(nxt):], nxt])
            elif nxt not in seen:
                visit(nxt, [*stack, nxt])
        seen[node] = 2

    for start in sorted(graph):
        if start not in seen:
            visit(start, [start])
    assert cycle == []
