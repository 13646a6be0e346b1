"""Views of the competency pages: the index, one page per area, proficiency scales, KPIs, the
roadmap and the whole-family checklists."""
from __future__ import annotations

from dataclasses import dataclass

from ..core.framework import Family, PlacedBehaviour, PlacedItem, Ref
from ..core.model import AreaFile, GlossaryTerm, Group, KpiDimension, Level, RoadmapFile, RoleFile, Scale
from ..core.text import Text
from .charts import StackedBars, item_counts, stacked_bars
from .common import Facts, SourceInfo, named_groups
from .expectations import AreaBehaviours, area_totals, behaviours_by_area, group_by_area
from .interview import ItemQuestion
from .ladders import primary_family
from .roles import ScopedItems, scoped


@dataclass(frozen=True)
class AreaRow:
    area: AreaFile
    groups: int
    total: int
    behaviours: int
    counts: tuple[int, ...]  # items new per level of the ladder (shared levels, then each track's)


@dataclass(frozen=True)
class CompetencyLadder:
    """The areas of one ladder with their per-level counts."""

    families: tuple[Family, ...]
    levels: tuple[Level, ...]
    rows: tuple[AreaRow, ...]
    bars: StackedBars


@dataclass(frozen=True)
class CompetenciesView:
    ladders: tuple[CompetencyLadder, ...]
    groups: int
    items: int
    behaviours: int
    show_roadmap: bool


@dataclass(frozen=True)
class ItemEntry:
    placed: PlacedItem
    jds: tuple[tuple[RoleFile, Level], ...]
    questions: tuple[ItemQuestion, ...]
    source: SourceInfo | None


@dataclass(frozen=True)
class GroupEntry:
    group: Group
    items: tuple[ItemEntry, ...]
    behaviours: tuple[PlacedBehaviour, ...]


@dataclass(frozen=True)
class AreaView:
    area: AreaFile
    groups: tuple[GroupEntry, ...]
    item_count: int
    behaviour_count: int
    group_count: int  # the groups it names
    show_bank: bool
    source: SourceInfo | None


@dataclass(frozen=True)
class ProficiencyView:
    scales: tuple[Scale, ...]
    cited: dict[str, int]  # step id -> how many items and behaviours cite it


@dataclass(frozen=True)
class GlossaryView:
    terms: tuple[GlossaryTerm, ...]


def glossary(f: Facts) -> GlossaryView:
    return GlossaryView(tuple(sorted(f.fw.glossary, key=lambda t: t.term.casefold())))


@dataclass(frozen=True)
class KpisView:
    kpis: tuple[KpiDimension, ...]


@dataclass(frozen=True)
class RoadmapView:
    roadmap: RoadmapFile
    areas: tuple[AreaFile, ...]
    phase_levels: dict[str, Level]
    group_areas: dict[str, AreaFile]
    group_titles: dict[str, Text]


@dataclass(frozen=True)
class FamilyChecklistView:
    """A family's whole checklist: every item of its areas, by area and group (the roadmap's format)."""

    family: Family
    show_family: bool
    title_from_roadmap: RoadmapFile | None
    entries: ScopedItems
    behaviours: AreaBehaviours
    areas: tuple[tuple[AreaFile, int], ...]
    total: int
    order: dict[str, int]
    next: None
    next_by_area: dict[str, int]
    ladder: tuple[tuple[Level, int, str | None], ...]  # (level, rank on its path, track id) for the "up to" filter

    @property
    def ladder_ranks(self) -> dict[str, tuple[int, str | None]]:
        """{level id: (rank, track id)}: what the checklist script compares for "up to my level"."""
        return {level.id: (rank, track) for level, rank, track in self.ladder}
    other_families: tuple[Family, ...]
    role_checklists: tuple[tuple[RoleFile, tuple[Level, ...]], ...]
    framework_id: str
    framework_version: str  # "" when the framework states no version


def competencies(f: Facts) -> CompetenciesView:
    ladders = []
    for ladder in f.fw.ladders:
        levels = ladder.all_levels()
        rows = []
        for area in f.fw.areas:
            if f.fw.area_ladder(area) is not ladder:
                continue
            counts = item_counts(f, area, levels)
            behaviours = sum(len(g.behaviours) for g in area.groups)
            rows.append(AreaRow(area, named_groups(area), sum(counts), behaviours, tuple(counts)))
        if rows:
            fams = tuple(fam for fam in f.fw.families if fam.ladder is ladder)
            ladders.append(CompetencyLadder(fams, levels, tuple(rows), stacked_bars(f, tuple(r.area for r in rows), levels)))
    return CompetenciesView(tuple(ladders), sum(named_groups(a) for a in f.fw.areas), sum(1 for _ in f.fw.items()),
                            len(f.fw.behaviours()), f.fw.roadmap is not None)


def area(f: Facts, a: AreaFile) -> AreaView:
    jds, questions = f.expectations.item_jds, f.interviews.item_questions
    groups = []
    for g in a.groups:
        entries = tuple(ItemEntry(p, jds[p.id], questions[p.id] if f.internal else (), f.source(Ref("item", p.id), p.item.title.get()))
                        for p in (f.fw.item(it.id) for it in g.items))
        groups.append(GroupEntry(g, entries, f.expectations.behaviours_of(g)))
    return AreaView(a, tuple(groups), sum(len(g.items) for g in a.groups), sum(len(g.behaviours) for g in a.groups), named_groups(a),
                    f.internal and bool(f.interviews.bank(a)),
                    f.source(Ref("area", a.id), a.title.get()))


def proficiency(f: Facts) -> ProficiencyView:
    cited: dict[str, int] = {}
    for p in f.fw.items():
        if p.item.proficiency:
            cited[p.item.proficiency] = cited.get(p.item.proficiency, 0) + 1
    for b in f.fw.behaviours():
        if b.behaviour.proficiency:
            cited[b.behaviour.proficiency] = cited.get(b.behaviour.proficiency, 0) + 1
    return ProficiencyView(f.fw.scales, cited)


def kpis(f: Facts) -> KpisView:
    return KpisView(f.fw.kpis)


def roadmap(f: Facts, rm: RoadmapFile) -> RoadmapView:
    fam = primary_family(f)
    groups = {gid for ph in rm.phases for step in ph.steps for gid in step.groups}
    return RoadmapView(rm, f.fw.family_areas(fam), {ph.level: f.fw.level(ph.level) for ph in rm.phases},
                       {g: f.fw.group(g)[1] for g in groups}, {g: f.fw.group(g)[0].title for g in groups})


def family_checklist(f: Facts, fam: Family) -> FamilyChecklistView:
    areas = {a.id for a in f.fw.family_areas(fam)}
    items = [p for p in f.fw.items() if p.area.id in areas]
    grouped = group_by_area(items)
    behaviours = [b for b in f.fw.behaviours() if b.area.id in areas]
    area_rows = area_totals(f.fw.areas, grouped, behaviours)
    primary = primary_family(f)
    # a role's level checklists exist only when the role expects items (site/pagekinds.py: _checklists)
    roles = tuple((r, tuple(lv for lv, _ in f.fw.role_levels(r))) for r in f.fw.family_roles(fam)
                  if f.expectations.role_items(r))
    return FamilyChecklistView(fam, not fam.implicit, f.fw.roadmap if fam is primary else None,
                               scoped([(p, "all") for p in items]),
                               behaviours_by_area(behaviours), area_rows, len(items) + len(behaviours),
                               {p.id: f.expectations.item_order[p.id] for p in items}, None, {},
                               tuple((p.level, p.rank, p.track.id if p.track else None)
                                     for p in (f.fw.placed_level(lv.id) for lv in fam.ladder.all_levels())),
                               tuple(x for x in f.fw.families if x is not fam), roles,
                               f.fw.meta.id, f.fw.meta.version or "")
