"""Views of the ladder pages: job families, levels, one page per level, the progression table."""
from __future__ import annotations

import itertools
from dataclasses import dataclass

from ..core.framework import Family, LadderInfo, PlacedBehaviour, Ref
from ..core.model import AreaFile, Level, RoleFile, RoleLevel, Track
from .common import Facts, SourceInfo
from .expectations import AreaBehaviours, AreaGroups, behaviours_by_area, group_by_area


@dataclass(frozen=True)
class LadderView:
    """One ladder as a table: its families, shared levels and tracks, with items new per level."""

    ladder: LadderInfo
    families: tuple[Family, ...]
    levels: tuple[Level, ...]
    tracks: tuple[tuple[Track, tuple[Level, ...]], ...]
    counts: dict[str, int]

    @property
    def has_items(self) -> bool:
        return any(self.counts.values())

    @property
    def columns(self) -> tuple[str, ...]:
        """The level fields some level of the ladder fills (`years_label`, `focus`, `impact`): an empty column is
        left out."""
        levels = self.levels + tuple(x for _, ls in self.tracks for x in ls)
        return tuple(f for f in ("years_label", "focus", "impact") if any(getattr(lv, f) is not None for lv in levels))


@dataclass(frozen=True)
class FamilyView:
    family: Family
    ladder: LadderView
    roles: tuple[tuple[RoleFile, tuple[tuple[Level, RoleLevel], ...]], ...]
    areas: tuple[AreaFile, ...]
    primary: bool  # its whole checklist is /checklist/
    show_interview: bool
    successor: Family | None = None  # the family a legacy family points to


@dataclass(frozen=True)
class FamiliesView:
    families: tuple[tuple[Family, int, int], ...]  # (family, roles, levels)


@dataclass(frozen=True)
class LevelsView:
    ladders: tuple[LadderView, ...]


@dataclass(frozen=True)
class LevelView:
    level: Level
    track: Track | None
    families: tuple[Family, ...]
    prev: Level | None
    nexts: tuple[Level, ...]
    jds: tuple[tuple[RoleFile, RoleLevel], ...]
    transitions: tuple[tuple[RoleFile, Level, Level], ...]
    items: AreaGroups
    item_count: int
    behaviours: AreaBehaviours
    behaviour_count: int
    source: SourceInfo | None


@dataclass(frozen=True)
class ProgressionStep:
    lower: Level
    upper: Level
    roles: tuple[RoleFile, ...]


@dataclass(frozen=True)
class ProgressionView:
    ladders: tuple[tuple[LadderView, tuple[ProgressionStep, ...]], ...]


def _counts(f: Facts, ladder: LadderInfo) -> dict[str, int]:
    counts = {lv.id: 0 for lv in ladder.all_levels()}
    for p in f.fw.items():
        if p.level.id in counts:
            counts[p.level.id] += 1
    return counts


def ladder_view(f: Facts, ladder: LadderInfo) -> LadderView:
    families = tuple(fam for fam in f.fw.families if fam.ladder is ladder)
    return LadderView(ladder, families, ladder.levels, tuple((t, t.levels) for t in ladder.tracks), _counts(f, ladder))


def primary_family(f: Facts) -> Family:
    """The family whose checklist is `/checklist/`: the roadmap's, else the first (the default family, or the first
    by `order`)."""
    wanted = f.fw.roadmap.family if f.fw.roadmap else None
    return next((fam for fam in f.fw.families if fam.id == wanted), f.fw.families[0])


def family(f: Facts, fam: Family) -> FamilyView:
    roles = tuple((r, f.fw.role_levels(r)) for r in f.fw.family_roles(fam))
    legacy = fam.file.legacy
    successor = next((x for x in f.fw.families if legacy and x.id == legacy.successor), None)
    return FamilyView(fam, ladder_view(f, fam.ladder), roles, f.fw.family_areas(fam), fam is primary_family(f),
                      f.internal and any(f.interviews.bank(a) for a in f.fw.family_areas(fam)), successor)


def families(f: Facts) -> FamiliesView:
    return FamiliesView(tuple((fam, len(f.fw.family_roles(fam)), len(fam.ladder.all_levels())) for fam in f.fw.families))


def levels(f: Facts) -> LevelsView:
    return LevelsView(tuple(ladder_view(f, ladder) for ladder in f.fw.ladders))


def _neighbours(f: Facts, level: Level) -> tuple[Level | None, tuple[Level, ...]]:
    """The level below and the levels above: at the top of the shared levels, the first of each track."""
    placed = f.fw.placed_level(level.id)
    path = placed.ladder.levels + (placed.track.levels if placed.track else ())
    i = next(i for i, lv in enumerate(path) if lv.id == level.id)
    if i + 1 < len(path):
        nexts: tuple[Level, ...] = (path[i + 1],)
    elif placed.track is None:
        nexts = tuple(t.levels[0] for t in placed.ladder.tracks)
    else:
        nexts = ()
    return (path[i - 1] if i else None), nexts


def level(f: Facts, lv: Level) -> LevelView:
    placed = f.fw.placed_level(lv.id)
    prev, nexts = _neighbours(f, lv)
    jds = tuple((r, r.levels[lv.id]) for r in f.fw.roles if lv.id in r.levels)
    transitions = tuple((r, lo, hi) for r in f.fw.roles for lo, hi in f.expectations.adjacent_levels(r) if lo.id == lv.id)
    items = [p for p in f.fw.items() if p.level.id == lv.id]
    stated: list[PlacedBehaviour] = [b for b in f.fw.behaviours() if b.level.id == lv.id]
    fams = tuple(fam for fam in f.fw.families if fam.ladder is placed.ladder)
    return LevelView(lv, placed.track, fams, prev, nexts, jds, transitions, group_by_area(items), len(items),
                     behaviours_by_area(stated), len(stated), f.source(Ref("level", lv.id), lv.title.get()))


def progression(f: Facts) -> ProgressionView:
    out = []
    for ladder in f.fw.ladders:
        steps: list[ProgressionStep] = []
        seen: set[tuple[str, str]] = set()
        for _, path in ladder.paths():
            for lo, hi in itertools.pairwise(path):
                if (lo.id, hi.id) in seen:
                    continue
                seen.add((lo.id, hi.id))
                roles = tuple(r for r in f.fw.roles
                              if any(a.id == lo.id and b.id == hi.id for a, b in f.expectations.adjacent_levels(r)))
                steps.append(ProgressionStep(lo, hi, roles))
        if steps and any(s.lower.progression for s in steps):  # a table of dashes says nothing
            out.append((ladder_view(f, ladder), tuple(steps)))
    return ProgressionView(tuple(out))
