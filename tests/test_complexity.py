"""No function of the package is too tangled to read: radon's cyclomatic complexity stays below D (21) everywhere."""
from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from radon.complexity import cc_rank, cc_visit


def test_no_function_is_rated_d_or_worse() -> None:
    worst = []
    for path in sorted((ROOT / "macros").rglob("*.py")):
        for block in cc_visit(path.read_text(encoding="utf-8")):
            if cc_rank(block.complexity) >= "D":
                worst.append(f"{Path(path).relative_to(ROOT)}:{block.lineno} {block.name} {cc_rank(block.complexity)} ({block.complexity})")
    assert worst == []
