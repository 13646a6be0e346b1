"""Chart data read at a glance: how many expectations each area adds per level (a role's heat map, the
competency index's stacked bars). Numbers only; the templates draw them as inline SVG."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from ..core.model import AreaFile, Level, RoleFile
from .common import Facts


@dataclass(frozen=True)
class HeatCell:
    level: Level
    items: int  # items new at the level
    behaviours: int  # behaviour statements made at the level
    shade: int  # 0 (nothing new) .. 4 (the most in the chart)

    @property
    def total(self) -> int:
        return self.items + self.behaviours


@dataclass(frozen=True)
class HeatRow:
    area: AreaFile
    cells: tuple[HeatCell, ...]


@dataclass(frozen=True)
class Heatmap:
    """Areas × levels of one role: what each level adds in each area."""

    role: RoleFile
    levels: tuple[Level, ...]
    rows: tuple[HeatRow, ...]


@dataclass(frozen=True)
class BarRow:
    area: AreaFile
    counts: tuple[int, ...]  # per level of the chart

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class StackedBars:
    """Per area, its items stacked by the level they are expected from."""

    levels: tuple[Level, ...]
    rows: tuple[BarRow, ...]

    @cached_property
    def most(self) -> int:
        """The largest row's total (the chart's scale; read once per row and level when drawn)."""
        return max((r.total for r in self.rows), default=0) or 1


def shade(value: int, most: int) -> int:
    """0 for nothing, else 1-4 by the value's share of the largest one."""
    if value <= 0 or most <= 0:
        return 0
    return min(4, 1 + (4 * value - 1) // most)


def item_counts(f: Facts, area: AreaFile, levels: tuple[Level, ...]) -> tuple[int, ...]:
    """How many of an area's items each level expects first."""
    at = Counter(f.fw.item(it.id).level.id for g in area.groups for it in g.items)
    return tuple(at[lv.id] for lv in levels)


def heatmap(f: Facts, role: RoleFile) -> Heatmap:
    levels = f.fw.role_path(role)
    counts: list[tuple[AreaFile, list[tuple[Level, int, int]]]] = []
    for area in f.fw.role_areas(role):
        behaviours = Counter(b.level for g in area.groups for b in g.behaviours)
        counts.append((area, [(lv, n, behaviours[lv.id]) for lv, n in zip(levels, item_counts(f, area, levels), strict=True)]))
    most = max((i + b for _, row in counts for _, i, b in row), default=0)
    rows = tuple(HeatRow(area, tuple(HeatCell(lv, i, b, shade(i + b, most)) for lv, i, b in row)) for area, row in counts)
    return Heatmap(role, levels, rows)


def stacked_bars(f: Facts, areas: tuple[AreaFile, ...], levels: tuple[Level, ...]) -> StackedBars:
    rows = tuple(BarRow(a, item_counts(f, a, levels)) for a in areas)
    return StackedBars(levels, tuple(r for r in rows if r.total))
