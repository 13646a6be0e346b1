"""The package shows its plan: each layer imports only the layers below it, and no module cycle."""
from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "macros"
#: Layers from the bottom: a module may import its own layer and those to its left.
LAYERS = ["core", "views", "review", "site", "exports", "adopt", "app", "adapters", "cli"]


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


def downward_violations(modules: dict[str, set[str]]) -> list[str]:
    """`a imports b` for every import of a higher layer's module, given each module's imports."""
    wrong = []
    for me, others in sorted(modules.items()):
        mine = layer(me)
        if mine is None:
            continue  # the package root (lazy mkdocs-macros entry point)
        wrong += [f"{me} imports {other}" for other in sorted(others) if (layer(other) or 0) > mine]
    return wrong


def first_cycle(graph: dict[str, set[str]]) -> list[str]:
    """The first import cycle found by a depth-first walk (its modules, the first repeated at the end), or []."""
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
    return cycle


def package_imports() -> dict[str, set[str]]:
    return {module_name(p): imports(p) for p in PACKAGE.rglob("*.py")}


def test_the_checks_find_what_they_look_for() -> None:
    """By hand: the import reader sees relative imports, and both checks report a wrong import and a cycle."""
    cli = imports(PACKAGE / "cli.py")
    assert {"macros.core.loading", "macros.views.common"} <= cli  # `from .core.loading import ...`, `from .views.common ...`
    assert downward_violations({"macros.core.x": {"macros.site.y", "macros.core.z"}, "macros.site.y": {"macros.core.x"}}) == [
        "macros.core.x imports macros.site.y"]
    assert first_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert first_cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) == []


def test_imports_go_downward_only() -> None:
    assert downward_violations(package_imports()) == []


def test_no_import_cycles() -> None:
    found = package_imports()
    graph = {k: {m for m in v if m in found and m not in (k, "macros")} for k, v in found.items()}
    assert first_cycle(graph) == []
