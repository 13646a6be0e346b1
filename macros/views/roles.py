"""Views of role pages: the role overview, one JD per level, level diffs, checklists and matrices."""
from __future__ import annotations

from dataclasses import dataclass

from ..core.framework import Family, PlacedBehaviour, PlacedItem, Ref
from ..core.model import AreaFile, Group, KpiDimension, Level, RoleFile, RoleLevel, StackCategory, Track
from ..core.text import Text
from .charts import Heatmap, heatmap
from .common import Facts, SourceInfo
from .expectations import AreaBehaviours, AreaGroups, LevelDiff, MatrixRow, area_totals, behaviours_by_area, group_by_area


@dataclass(frozen=True)
class RoleSummary:
    """A role in a list: its JD levels."""

    role: RoleFile
    levels: tuple[tuple[Level, RoleLevel], ...]


@dataclass(frozen=True)
class RolesIndexView:
    families: tuple[tuple[Family, tuple[RoleSummary, ...]], ...]
    show_families: bool


@dataclass(frozen=True)
class RoleLevelRow:
    level: Level
    jd: RoleLevel
    items: int
    next: Level | None


@dataclass(frozen=True)
class RoleView:
    role: RoleFile
    pairs: tuple[tuple[Level, Level], ...]  # every two levels, for "compare any two"
    family: Family
    show_family: bool
    track: Track | None
    rows: tuple[RoleLevelRow, ...]
    stack: tuple[StackCategory, ...]
    has_kpis: bool
    source: SourceInfo | None


@dataclass(frozen=True)
class JdView:
    role: RoleFile
    level: Level
    jd: RoleLevel
    prev: Level | None
    next: Level | None
    focus: Text | None
    must_have: AreaGroups  # what a hire at this level already shows: the role level's `must_have`, else the levels below
    must_count: int
    must_listed: bool  # whether the data lists it (else the lower levels' items stand in, shown folded)
    grows_into: AreaGroups  # what this level adds that a hire grows into
    grows_count: int
    behaviours: AreaBehaviours
    kpis: tuple[KpiDimension, ...]
    stack: tuple[StackCategory, ...]
    show_kit: bool
    source: SourceInfo | None


ScopedItems = tuple[tuple[AreaFile, tuple[tuple[Group, tuple[tuple[PlacedItem, str], ...]], ...]], ...]


def scoped(parts: list[tuple[PlacedItem, str]]) -> ScopedItems:
    """(item, scope) pairs nested by area and group, in roadmap order (scope: new, base or next)."""
    areas: dict[str, tuple[AreaFile, dict[str, tuple[Group, list[tuple[PlacedItem, str]]]]]] = {}
    for p, scope in parts:
        _, groups = areas.setdefault(p.area.id, (p.area, {}))
        groups.setdefault(p.group.id, (p.group, []))[1].append((p, scope))
    return tuple((a, tuple((g, tuple(ps)) for g, ps in gs.values())) for a, gs in areas.values())


@dataclass(frozen=True)
class ChecklistView:
    """A role × level checklist: every item expected up to the level once (new ones marked), the next
    level's items for the gap view, and the behaviours in force."""

    role: RoleFile
    level: Level
    jd: RoleLevel
    next: Level | None
    entries: ScopedItems
    new_count: int
    foundation_count: int
    next_count: int
    next_by_area: dict[str, int]  # the next level's new items per area (the second bar of the progress chart)
    behaviours: AreaBehaviours
    areas: tuple[tuple[AreaFile, int], ...]  # the progress rows: every area with something up to the level or at the next
    total: int
    order: dict[str, int]  # each item's place in the roadmap order (the items of this page)
    framework_id: str
    framework_version: str  # "" when the framework states no version


@dataclass(frozen=True)
class DiffView:
    diff: LevelDiff
    role: RoleFile
    has_items: bool  # the role expects checklist items at all (else the items section is left out)


@dataclass(frozen=True)
class MatrixView:
    role: RoleFile
    levels: tuple[Level, ...]
    rows: tuple[MatrixRow, ...]
    areas: tuple[AreaFile, ...]
    heatmap: Heatmap


@dataclass(frozen=True)
class MatrixItemRow:
    item: PlacedItem
    expected: tuple[bool, ...]  # per level: expected there
    first: tuple[bool, ...]  # per level: expected from there


@dataclass(frozen=True)
class MatrixGroup:
    group: Group
    items: tuple[MatrixItemRow, ...]
    behaviours: tuple[PlacedBehaviour | None, ...]  # per level: the statement stated at that level


@dataclass(frozen=True)
class MatrixAreaView:
    role: RoleFile
    area: AreaFile
    levels: tuple[Level, ...]
    groups: tuple[MatrixGroup, ...]


def roles_index(f: Facts) -> RolesIndexView:
    fams = tuple((fam, tuple(RoleSummary(r, f.fw.role_levels(r)) for r in f.fw.family_roles(fam))) for fam in f.fw.families)
    return RolesIndexView(tuple(x for x in fams if x[1]), show_families=len(f.fw.families) > 1)


def role(f: Facts, role: RoleFile) -> RoleView:
    levels = f.fw.role_levels(role)
    counts = f.expectations.level_counts(role)
    rows = tuple(RoleLevelRow(lv, jd, counts[lv.id], levels[i + 1][0] if i + 1 < len(levels) else None)
                 for i, (lv, jd) in enumerate(levels))
    family = f.fw.role_family(role)
    return RoleView(role, f.expectations.level_pairs(role), family, not family.implicit, f.fw.role_track(role), rows, role.stack,
                    bool(f.fw.role_kpis(role)), f.source(Ref("role", role.id), role.title.get()))


def jd(f: Facts, role: RoleFile, level: Level) -> JdView:
    ex = f.expectations
    prev, nxt = ex.neighbours(role, level.id)
    page_jd = role.levels[level.id]
    listed = set(page_jd.must_have)
    must = tuple(p for p in ex.items_upto(role, level.id) if p.id in listed) if listed else ex.items_below(role, level.id)
    grows = tuple(p for p in ex.items_at(role, level.id) if p.id not in listed)
    return JdView(role, level, page_jd, prev, nxt, page_jd.focus or level.focus, group_by_area(must), len(must), bool(listed),
                  group_by_area(grows), len(grows), behaviours_by_area(ex.behaviours_at(role, level.id)),
                  f.fw.role_kpis(role), role.stack, f.internal and bool(f.interviews.kit(role, level)),
                  f.source(Ref.role_level(role.id, level.id), page_jd.title.get()))


def checklist(f: Facts, role: RoleFile, level: Level) -> ChecklistView:
    ex = f.expectations
    _, nxt = ex.neighbours(role, level.id)
    at, below = ex.items_at(role, level.id), ex.items_below(role, level.id)
    upcoming = ex.items_at(role, nxt.id) if nxt else ()
    scope = {**{p.id: "base" for p in below}, **{p.id: "new" for p in at}, **{p.id: "next" for p in upcoming}}
    entries = [(p, scope[p.id]) for p in ex.role_items(role) if p.id in scope]
    behaviours = ex.behaviours_at(role, level.id)
    next_by_area: dict[str, int] = {}
    for p in upcoming:
        next_by_area[p.area.id] = next_by_area.get(p.area.id, 0) + 1
    # a row for every area the next level adds to, even one with nothing expected up to this level (0 items here)
    here = {a.id: n for a, n in area_totals(f.fw.areas, group_by_area([*below, *at]), behaviours)}
    areas = tuple((a, here.get(a.id, 0)) for a in f.fw.areas if a.id in here or a.id in next_by_area)
    return ChecklistView(role, level, role.levels[level.id], nxt, scoped(entries), len(at), len(below), len(upcoming),
                         next_by_area, behaviours_by_area(behaviours), areas, len(at) + len(below) + len(behaviours),
                         {p.id: ex.item_order[p.id] for p, _ in entries},
                         f.fw.meta.id, f.fw.meta.version or "")


def diff(f: Facts, role: RoleFile, lower: Level, upper: Level) -> DiffView:
    return DiffView(f.expectations.level_diff(role, lower, upper), role, bool(f.expectations.role_items(role)))


def matrix(f: Facts, role: RoleFile) -> MatrixView:
    return MatrixView(role, f.fw.role_path(role), f.expectations.matrix(role), f.fw.role_areas(role), heatmap(f, role))


def matrix_area(f: Facts, role: RoleFile, area: AreaFile) -> MatrixAreaView:
    levels = f.fw.role_path(role)
    groups = []
    for group in area.groups:
        rows = []
        for it in group.items:
            p = f.fw.item(it.id)
            rows.append(MatrixItemRow(p, tuple(f.fw.applies_at(p.level.id, lv.id) for lv in levels),
                                      tuple(p.level.id == lv.id for lv in levels)))
        stated = {b.level.id: b for b in f.expectations.behaviours_of(group)}
        groups.append(MatrixGroup(group, tuple(rows), tuple(stated.get(lv.id) for lv in levels)))
    return MatrixAreaView(role, area, levels, tuple(groups))
