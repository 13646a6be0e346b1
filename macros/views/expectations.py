"""Derived facts: what each role expects at each level (items that accumulate, behaviours that
replace), the differences between levels, matrices and counts.

`Expectations` holds one framework's facts and caches them on the instance: one object per build,
nothing kept between builds."""
from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from ..core.framework import Framework, PlacedBehaviour, PlacedItem
from ..core.model import AreaFile, Group, Level, RoleFile, RoleLevel
from ..core.text import Text

AreaGroups = tuple[tuple[AreaFile, tuple[tuple[Group, tuple[PlacedItem, ...]], ...]], ...]
AreaBehaviours = tuple[tuple[AreaFile, tuple[PlacedBehaviour, ...]], ...]


#: Room for each area's items in `Expectations.item_order` (more than a file can hold: core/text.py LIMITS).
AREA_STRIDE = 100_000


def group_by_area(items: Iterable[PlacedItem]) -> AreaGroups:
    """Items nested as ((area, ((group, items), ...)), ...), keeping roadmap order."""
    areas: dict[str, tuple[AreaFile, dict[str, tuple[Group, list[PlacedItem]]]]] = {}
    for p in items:
        _, groups = areas.setdefault(p.area.id, (p.area, {}))
        groups.setdefault(p.group.id, (p.group, []))[1].append(p)
    return tuple((a, tuple((g, tuple(ps)) for g, ps in gs.values())) for a, gs in areas.values())


def behaviours_by_area(behaviours: Iterable[PlacedBehaviour]) -> AreaBehaviours:
    areas: dict[str, tuple[AreaFile, list[PlacedBehaviour]]] = {}
    for b in behaviours:
        areas.setdefault(b.area.id, (b.area, []))[1].append(b)
    return tuple((a, tuple(bs)) for a, bs in areas.values())


def count(grouped: AreaGroups) -> int:
    return sum(len(ps) for _, groups in grouped for _, ps in groups)


def area_counts(grouped_parts: Iterable[AreaGroups]) -> tuple[tuple[AreaFile, int], ...]:
    """(area, number of items) over one or more grouped lists, in first-seen order."""
    areas: dict[str, AreaFile] = {}
    counts: dict[str, int] = {}
    for grouped in grouped_parts:
        for area, groups in grouped:
            areas.setdefault(area.id, area)
            counts[area.id] = counts.get(area.id, 0) + sum(len(ps) for _, ps in groups)
    return tuple((areas[k], n) for k, n in counts.items())


def area_totals(fw_areas: tuple[AreaFile, ...], grouped: AreaGroups,
                behaviours: Iterable[PlacedBehaviour]) -> tuple[tuple[AreaFile, int], ...]:
    """(area, items and behaviours) per area that has any, in area order (a checklist's progress rows)."""
    counts = {a.id: n for a, n in area_counts([grouped])}
    for b in behaviours:
        counts[b.area.id] = counts.get(b.area.id, 0) + 1
    return tuple((a, counts[a.id]) for a in fw_areas if a.id in counts)


@dataclass(frozen=True)
class BehaviourChange:
    """A competency whose statement differs between two levels (either side may be missing)."""

    group: Group
    area: AreaFile
    before: PlacedBehaviour | None
    after: PlacedBehaviour | None


@dataclass(frozen=True)
class LevelDiff:
    """What changes from one level of a role to the next."""

    role: RoleFile
    lower: Level
    upper: Level
    lower_jd: RoleLevel
    upper_jd: RoleLevel
    steps: tuple[tuple[Level, Level], ...]  # the role's levels between, pairwise: one step when they are adjacent
    items_added: AreaGroups
    items_added_count: int
    behaviours: tuple[BehaviourChange, ...]

    @property
    def adjacent(self) -> bool:
        return len(self.steps) == 1

    @property
    def focus_shift(self) -> Text | None:
        """The progression row's focus shift, for adjacent levels (a longer span shows each step's)."""
        return self.lower.progression.focus if self.lower.progression and self.adjacent else None

    @property
    def goal(self) -> Text | None:
        return self.lower.progression.goal if self.lower.progression and self.adjacent else None

    @property
    def duties_kept(self) -> tuple[Text, ...]:
        """Duties worded the same at both levels."""
        upper = {_key(t) for t in self.upper_jd.duties}
        return tuple(t for t in self.lower_jd.duties if _key(t) in upper)


def _key(t: Text) -> str:
    return t.get("ko")


@dataclass(frozen=True)
class MatrixCell:
    """One cell of a role's matrix: items new at the level, or the behaviour in force there."""

    count: int = 0
    behaviour: PlacedBehaviour | None = None
    new: bool = False  # the behaviour is stated at this level (not carried from below)


@dataclass(frozen=True)
class MatrixRow:
    """One competency (group) across a role's levels."""

    area: AreaFile
    group: Group
    cells: tuple[MatrixCell, ...]

    @property
    def total(self) -> int:
        return sum(c.count for c in self.cells)

    @property
    def has_behaviours(self) -> bool:
        return any(c.behaviour is not None for c in self.cells)


class Expectations:
    """What each role expects, computed once per framework."""

    def __init__(self, fw: Framework) -> None:
        self.fw = fw

    @cached_property
    def _role_items(self) -> dict[str, tuple[PlacedItem, ...]]:
        out: dict[str, tuple[PlacedItem, ...]] = {}
        for role in self.fw.roles:
            wanted = {a.id for a in self.fw.role_areas(role)}
            path = {lv.id for lv in self.fw.role_path(role)}
            out[role.id] = tuple(p for p in self.fw.items() if p.area.id in wanted and p.level.id in path)
        return out

    def role_items(self, role: RoleFile) -> tuple[PlacedItem, ...]:
        """Every item of the areas a role uses that lies on its path, in roadmap order."""
        return self._role_items[role.id]

    def items_at(self, role: RoleFile, level_id: str) -> tuple[PlacedItem, ...]:
        """Items a role expects from exactly this level (new at this level)."""
        return tuple(p for p in self.role_items(role) if p.level.id == level_id)

    def items_below(self, role: RoleFile, level_id: str) -> tuple[PlacedItem, ...]:
        """Items expected from a lower level: the foundation a level builds on."""
        return tuple(p for p in self.role_items(role) if p.level.id != level_id and self.fw.applies_at(p.level.id, level_id))

    def items_upto(self, role: RoleFile, level_id: str) -> tuple[PlacedItem, ...]:
        """Every item a role expects at a level (from it or lower)."""
        return tuple(p for p in self.role_items(role) if self.fw.applies_at(p.level.id, level_id))

    @cached_property
    def _group_behaviours(self) -> dict[str, tuple[PlacedBehaviour, ...]]:
        out: dict[str, list[PlacedBehaviour]] = {}
        for b in self.fw.behaviours():
            out.setdefault(b.group.id, []).append(b)
        return {k: tuple(v) for k, v in out.items()}

    def behaviours_of(self, group: Group) -> tuple[PlacedBehaviour, ...]:
        """A competency's behaviour statements, in file order. Indexed once: pages ask for every group's,
        and a look through all the framework's behaviours each time made a large area cost its square."""
        return self._group_behaviours.get(group.id, ())

    def behaviour_at(self, group: Group, level_id: str) -> PlacedBehaviour | None:
        """The statement in force at a level: the group's behaviour at the highest level that applies."""
        best: PlacedBehaviour | None = None
        applies_at, rank = self.fw.applies_at, self.fw.rank
        for b in self.behaviours_of(group):
            if applies_at(b.level.id, level_id) and (best is None or rank(b.level.id) > rank(best.level.id)):
                best = b
        return best

    def behaviours_at(self, role: RoleFile, level_id: str) -> tuple[PlacedBehaviour, ...]:
        """For each competency of the role's areas, the behaviour in force at the level."""
        out = []
        for area in self.fw.role_areas(role):
            for group in area.groups:
                b = self.behaviour_at(group, level_id)
                if b is not None:
                    out.append(b)
        return tuple(out)

    def has_behaviours(self, role: RoleFile) -> bool:
        return any(g.behaviours for a in self.fw.role_areas(role) for g in a.groups)

    def first_role_level(self, role: RoleFile, level_id: str) -> Level | None:
        """The lowest level the role defines at which something expected from `level_id` applies."""
        return next((lv for lv, _ in self.fw.role_levels(role) if self.fw.applies_at(level_id, lv.id)), None)

    @cached_property
    def item_jds(self) -> dict[str, tuple[tuple[RoleFile, Level], ...]]:
        """For each item id, the JD pages (role, level) that first list it."""
        out: dict[str, list[tuple[RoleFile, Level]]] = {p.id: [] for p in self.fw.items()}
        for role in self.fw.roles:
            for p in self.role_items(role):
                lv = self.first_role_level(role, p.level.id)
                if lv is not None:
                    out[p.id].append((role, lv))
        return {k: tuple(v) for k, v in out.items()}

    def adjacent_levels(self, role: RoleFile) -> tuple[tuple[Level, Level], ...]:
        """Consecutive (lower, upper) pairs of the levels a role defines."""
        lvls = [lv for lv, _ in self.fw.role_levels(role)]
        return tuple(itertools.pairwise(lvls))

    def level_pairs(self, role: RoleFile) -> tuple[tuple[Level, Level], ...]:
        """Every (lower, upper) pair of the levels a role defines, lowest first: any two levels can be compared."""
        lvls = [lv for lv, _ in self.fw.role_levels(role)]
        return tuple(itertools.combinations(lvls, 2))

    def neighbours(self, role: RoleFile, level_id: str) -> tuple[Level | None, Level | None]:
        """The role's previous and next defined levels around `level_id`."""
        lvls = [lv for lv, _ in self.fw.role_levels(role)]
        i = next(i for i, lv in enumerate(lvls) if lv.id == level_id)
        return (lvls[i - 1] if i else None), (lvls[i + 1] if i + 1 < len(lvls) else None)

    def level_diff(self, role: RoleFile, lower: Level, upper: Level) -> LevelDiff:
        """Items added at `upper` and competencies whose behaviour changes between the two levels."""
        added = [p for p in self.role_items(role)
                 if self.fw.applies_at(p.level.id, upper.id) and not self.fw.applies_at(p.level.id, lower.id)]
        changes = []
        for area in self.fw.role_areas(role):
            for group in area.groups:
                before, after = self.behaviour_at(group, lower.id), self.behaviour_at(group, upper.id)
                if before != after:
                    changes.append(BehaviourChange(group, area, before, after))
        lvls = [lv for lv, _ in self.fw.role_levels(role)]
        span = lvls[lvls.index(lower): lvls.index(upper) + 1]
        return LevelDiff(role, lower, upper, role.levels[lower.id], role.levels[upper.id], tuple(itertools.pairwise(span)),
                         group_by_area(added), len(added), tuple(changes))

    def matrix(self, role: RoleFile) -> tuple[MatrixRow, ...]:
        """Per competency of the role's areas, one cell per level of the role's path."""
        path = self.fw.role_path(role)
        rows = []
        for area in self.fw.role_areas(role):
            for group in area.groups:
                cells = []
                for lv in path:
                    n = sum(1 for it in group.items if self.fw.item(it.id).level.id == lv.id)
                    b = self.behaviour_at(group, lv.id)
                    cells.append(MatrixCell(n, b, b is not None and b.level.id == lv.id))
                rows.append(MatrixRow(area, group, tuple(cells)))
        return tuple(rows)

    def level_counts(self, role: RoleFile) -> dict[str, int]:
        """Number of items each level of the role's path adds."""
        counts = {lv.id: 0 for lv in self.fw.role_path(role)}
        for p in self.role_items(role):
            counts[p.level.id] += 1
        return counts

    @cached_property
    def item_order(self) -> dict[str, int]:
        """Each item's position in roadmap order (checklists export their items in that order): its area's place times
        AREA_STRIDE plus its place in the area, so that an item added to one area moves no other area's numbers (a
        checklist keeps the blocks of the other areas: site/render.py `cached`)."""
        rank = {a.id: i * AREA_STRIDE for i, a in enumerate(self.fw.areas)}
        out: dict[str, int] = {}
        for p in self.fw.items():
            out[p.id] = rank[p.area.id]
            rank[p.area.id] += 1
        return out
