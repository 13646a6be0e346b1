"""Derived facts read by pages and exports: what each role expects at each level, diffs, matrices."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from .framework import Framework, PlacedItem
from .model import AreaFile, Group, Level, RoleFile, RoleLevel
from .text import Text

AreaGroups = tuple[tuple[AreaFile, tuple[tuple[Group, tuple[PlacedItem, ...]], ...]], ...]


def group_by_area(items: Iterable[PlacedItem]) -> AreaGroups:
    """Items nested as ((area, ((group, items), ...)), ...), keeping roadmap order."""
    areas: dict[str, tuple[AreaFile, dict[str, tuple[Group, list[PlacedItem]]]]] = {}
    for p in items:
        _, groups = areas.setdefault(p.area.id, (p.area, {}))
        groups.setdefault(p.group.id, (p.group, []))[1].append(p)
    return tuple((a, tuple((g, tuple(ps)) for g, ps in gs.values())) for a, gs in areas.values())


@lru_cache(maxsize=None)
def role_items(fw: Framework, role_id: str) -> tuple[PlacedItem, ...]:
    """Every item of the areas a role uses, in roadmap order."""
    wanted = {a.id for a in fw.role_areas(fw.role(role_id))}
    return tuple(p for p in fw.items() if p.area.id in wanted)


def items_at(fw: Framework, role_id: str, level_id: str) -> tuple[PlacedItem, ...]:
    """Items a role expects from exactly this level (new at this level)."""
    return tuple(p for p in role_items(fw, role_id) if p.level.id == level_id)


def items_below(fw: Framework, role_id: str, level_id: str) -> tuple[PlacedItem, ...]:
    """Items expected from a lower level: the foundation a level builds on."""
    rank = fw.rank(level_id)
    return tuple(p for p in role_items(fw, role_id) if fw.rank(p.level.id) < rank)


def first_role_level(fw: Framework, role: RoleFile, level_id: str) -> Level | None:
    """The lowest level the role defines at or above `level_id`: where an item first shows in its JDs."""
    rank = fw.rank(level_id)
    return next((lv for lv, _ in fw.role_levels(role) if fw.rank(lv.id) >= rank), None)


@lru_cache(maxsize=None)
def item_jds(fw: Framework) -> dict[str, tuple[tuple[RoleFile, Level], ...]]:
    """For each item id, the JD pages (role, level) that first list it."""
    out: dict[str, list[tuple[RoleFile, Level]]] = {p.id: [] for p in fw.items()}
    for role in fw.roles:
        for p in role_items(fw, role.id):
            lv = first_role_level(fw, role, p.level.id)
            if lv is not None:
                out[p.id].append((role, lv))
    return {k: tuple(v) for k, v in out.items()}


def adjacent_levels(fw: Framework, role: RoleFile) -> tuple[tuple[Level, Level], ...]:
    """Consecutive (lower, upper) pairs of the levels a role defines."""
    lvls = [lv for lv, _ in fw.role_levels(role)]
    return tuple(zip(lvls, lvls[1:]))


@dataclass(frozen=True)
class LevelDiff:
    """What changes from one level of a role to the next."""

    role: RoleFile
    lower: Level
    upper: Level
    lower_jd: RoleLevel
    upper_jd: RoleLevel
    duties_added: tuple[Text, ...]
    competencies_added: tuple[Text, ...]
    items_added: AreaGroups
    items_added_count: int

    @property
    def focus_shift(self) -> Text | None:
        return self.lower.progression.focus if self.lower.progression else None

    @property
    def goal(self) -> Text | None:
        return self.lower.progression.goal if self.lower.progression else None


def _added(old: Iterable[Text], new: Iterable[Text]) -> tuple[Text, ...]:
    before = {t.ko for t in old}
    return tuple(t for t in new if t.ko not in before)


def level_diff(fw: Framework, role: RoleFile, lower: Level, upper: Level) -> LevelDiff:
    """The diff between two levels of a role: duties, competencies and items added at `upper`."""
    lo, hi = role.levels[lower.id], role.levels[upper.id]
    lo_rank, hi_rank = fw.rank(lower.id), fw.rank(upper.id)
    added = [p for p in role_items(fw, role.id) if lo_rank < fw.rank(p.level.id) <= hi_rank]
    return LevelDiff(role, lower, upper, lo, hi, _added(lo.duties, hi.duties),
                     _added(lo.competencies, hi.competencies), group_by_area(added), len(added))


@dataclass(frozen=True)
class MatrixRow:
    """One competency group's count of items per level (the summary matrix)."""

    area: AreaFile
    group: Group
    counts: tuple[int, ...]


def matrix_summary(fw: Framework, role: RoleFile) -> tuple[MatrixRow, ...]:
    """Per group of the role's areas: how many items each level adds."""
    rows = []
    for area in fw.role_areas(role):
        for group in area.groups:
            counts = [0] * len(fw.levels)
            for item in group.items:
                counts[fw.rank(fw.item(item.id).level.id)] += 1
            rows.append(MatrixRow(area, group, tuple(counts)))
    return tuple(rows)


def level_counts(fw: Framework, role_id: str) -> dict[str, int]:
    """Number of items each level adds for a role."""
    counts = {lv.id: 0 for lv in fw.levels}
    for p in role_items(fw, role_id):
        counts[p.level.id] += 1
    return counts


@lru_cache(maxsize=None)
def item_order(fw: Framework) -> dict[str, int]:
    """Each item's position in roadmap order (used to export checklists in that order)."""
    return {p.id: i for i, p in enumerate(fw.items())}


def area_counts(grouped_parts: Iterable[AreaGroups]) -> tuple[tuple[AreaFile, int], ...]:
    """(area, number of items) over one or more grouped lists, in first-seen order."""
    counts: dict[str, list] = {}
    for grouped in grouped_parts:
        for area, groups in grouped:
            entry = counts.setdefault(area.id, [area, 0])
            entry[1] += sum(len(ps) for _, ps in groups)
    return tuple((a, n) for a, n in counts.values())
