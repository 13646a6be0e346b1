"""The Framework: every validated file joined into one immutable, indexed model.

Ladders: the shared ladder (levels.yml) and any family's own. A ladder's levels are shared by all
its tracks; a track continues above them. A *path* is the shared levels plus one track's levels; a
level "applies at" another when both lie on one path and it is not higher.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from .model import (
    AreaFile,
    Behaviour,
    FamilyFile,
    FollowUp,
    FrameworkFile,
    GlossaryTerm,
    Group,
    InterviewFile,
    Item,
    KpiDimension,
    LadderStep,
    Level,
    Question,
    RefKind,
    RoadmapFile,
    RoleFile,
    RoleLevel,
    Scale,
    ScaleStep,
    Track,
    ladder_paths,
    ladder_steps,
)
from .text import Language

SHARED_LADDER = "shared"


@dataclass(frozen=True, order=True)
class Ref:
    """A typed key for one entity: its kind and id (a role level's id is `role/level`)."""

    kind: RefKind
    id: str

    @classmethod
    def role_level(cls, role_id: str, level_id: str) -> Ref:
        return cls("role-level", f"{role_id}/{level_id}")

    def __str__(self) -> str:
        return f"{self.kind}:{self.id}"


@dataclass(frozen=True)
class Source:
    """Where an entity is written: a path relative to the framework folder and a 1-based line."""

    path: str
    line: int


@dataclass(frozen=True, eq=False)
class LadderInfo:
    """One ladder: its shared levels, its tracks, and which families use it."""

    id: str  # SHARED_LADDER or the owning family's id
    levels: tuple[Level, ...]
    tracks: tuple[Track, ...]

    def paths(self) -> tuple[tuple[Track | None, tuple[Level, ...]], ...]:
        """Each way up the ladder: (track, levels lowest first); (None, levels) when it has no tracks."""
        return ladder_paths(self.levels, self.tracks)

    def steps(self) -> Iterator[LadderStep]:
        return ladder_steps(self.levels, self.tracks)

    def all_levels(self) -> tuple[Level, ...]:
        return tuple(step.level for step in self.steps())


@dataclass(frozen=True)
class PlacedLevel:
    """A level with its ladder, its track (None for a shared level) and its rank on its path."""

    level: Level
    ladder: LadderInfo
    track: Track | None
    rank: int

    @property
    def id(self) -> str:
        return self.level.id


@dataclass(frozen=True)
class PlacedItem:
    """A competency item with its group, area and the level it is expected from."""

    item: Item
    group: Group
    area: AreaFile
    level: Level

    @property
    def id(self) -> str:
        return self.item.id


@dataclass(frozen=True)
class PlacedBehaviour:
    """A behaviour statement with its competency (group), area and level."""

    behaviour: Behaviour
    group: Group
    area: AreaFile
    level: Level

    @property
    def id(self) -> str:
        """The anchor of the statement: its own id, else `<group>--<level>` (a double hyphen never occurs in an id)."""
        return self.behaviour.id or behaviour_id(self.group.id, self.level.id)


def behaviour_id(group_id: str, level_id: str) -> str:
    """The id of a behaviour that has none of its own: `<group>--<level>`."""
    return f"{group_id}--{level_id}"


def behaviour_anchor(group_id: str, behaviour: Behaviour) -> str:
    return behaviour.id or behaviour_id(group_id, behaviour.level)


@dataclass(frozen=True, eq=False)
class Family:
    """A job family: its ladder, its areas and roles. `implicit` when the framework has no families/."""

    file: FamilyFile
    ladder: LadderInfo
    language: Language
    implicit: bool = False

    @property
    def id(self) -> str:
        return self.file.id


@dataclass(frozen=True, eq=False)
class Framework:
    """The one model every page, export and check reads. Build it with `loading.load_framework`."""

    meta: FrameworkFile
    ladders: tuple[LadderInfo, ...]
    families: tuple[Family, ...]
    kpis: tuple[KpiDimension, ...]
    roadmap: RoadmapFile | None
    scales: tuple[Scale, ...]
    areas: tuple[AreaFile, ...]
    roles: tuple[RoleFile, ...]
    interviews: tuple[InterviewFile, ...] = ()
    glossary: tuple[GlossaryTerm, ...] = ()
    sources: dict[Ref, Source] = field(default_factory=dict)
    role_family_ids: dict[str, str] = field(default_factory=dict)
    area_languages: dict[str, Language] = field(default_factory=dict)

    # levels -------------------------------------------------------------------------------------
    @cached_property
    def _placed_levels(self) -> dict[str, PlacedLevel]:
        return {step.level.id: PlacedLevel(step.level, ladder, step.track, step.rank) for ladder in self.ladders
                for step in ladder.steps()}

    @property
    def levels(self) -> tuple[Level, ...]:
        """Every level of every ladder, ladder by ladder, lowest first."""
        return tuple(p.level for p in self._placed_levels.values())

    def placed_level(self, level_id: str) -> PlacedLevel:
        return self._placed_levels[level_id]

    def level(self, level_id: str) -> Level:
        return self._placed_levels[level_id].level

    def has_level(self, level_id: str) -> bool:
        return level_id in self._placed_levels

    def rank(self, level_id: str) -> int:
        """Position of a level on its path, 0 for the lowest."""
        return self._placed_levels[level_id].rank

    def applies_at(self, level_id: str, at_id: str) -> bool:
        """Whether something expected from `level_id` is expected at `at_id` (same path, not higher)."""
        a, b = self._placed_levels[level_id], self._placed_levels[at_id]
        if a.ladder is not b.ladder or a.rank > b.rank:
            return False
        return a.track is None or a.track is b.track

    def ladder_of(self, level_id: str) -> LadderInfo:
        return self._placed_levels[level_id].ladder

    # families, areas, roles ---------------------------------------------------------------------
    @cached_property
    def _families(self) -> dict[str, Family]:
        return {f.id: f for f in self.families}

    @cached_property
    def _areas(self) -> dict[str, AreaFile]:
        return {a.id: a for a in self.areas}

    @cached_property
    def _roles(self) -> dict[str, RoleFile]:
        return {r.id: r for r in self.roles}

    @cached_property
    def _kpis(self) -> dict[str, KpiDimension]:
        return {k.id: k for k in self.kpis}

    def family(self, family_id: str) -> Family:
        return self._families[family_id]

    def area(self, area_id: str) -> AreaFile:
        return self._areas[area_id]

    def role(self, role_id: str) -> RoleFile:
        return self._roles[role_id]

    def has_role(self, role_id: str) -> bool:
        return role_id in self._roles

    def kpi(self, kpi_id: str) -> KpiDimension:
        return self._kpis[kpi_id]

    def role_family(self, role: RoleFile) -> Family:
        return self._families[self.role_family_ids[role.id]]

    def family_roles(self, family: Family) -> tuple[RoleFile, ...]:
        return tuple(r for r in self.roles if self.role_family_ids[r.id] == family.id)

    @cached_property
    def _area_ladders(self) -> dict[str, LadderInfo]:
        out: dict[str, LadderInfo] = {}
        for area in self.areas:
            for group in area.groups:
                refs = [*(it.level or group.level for it in group.items), *(b.level for b in group.behaviours)]
                lid = next((x for x in refs if x), None)
                if lid is not None:
                    out.setdefault(area.id, self.ladder_of(lid))
        return out

    def area_ladder(self, area: AreaFile) -> LadderInfo:
        return self._area_ladders[area.id]

    def family_areas(self, family: Family) -> tuple[AreaFile, ...]:
        """The family's competency areas, in area order: its `areas:`, else all on its ladder (but another family's)."""
        if family.file.areas is not None:
            wanted = set(family.file.areas)
            return tuple(a for a in self.areas if a.id in wanted)
        return tuple(a for a in self.areas if self._area_ladders.get(a.id) is family.ladder and a.family in (None, family.id))

    def area_families(self, area: AreaFile) -> tuple[Family, ...]:
        return tuple(f for f in self.families if area in self.family_areas(f))

    def role_areas(self, role: RoleFile) -> tuple[AreaFile, ...]:
        """The competency areas a role uses, in area order (found once per role: views ask for them often)."""
        key = (role.id, role.areas)
        found = self._role_areas.get(key)
        if found is None:
            if role.areas is None:
                found = self.family_areas(self.role_family(role))
            else:
                wanted = set(role.areas)
                found = tuple(a for a in self.areas if a.id in wanted)
            self._role_areas[key] = found
        return found

    @cached_property
    def _role_areas(self) -> dict[tuple[str, tuple[str, ...] | None], tuple[AreaFile, ...]]:
        return {}

    def role_kpis(self, role: RoleFile) -> tuple[KpiDimension, ...]:
        if role.kpis is None:
            return self.kpis
        return tuple(self._kpis[k] for k in role.kpis)

    def role_path(self, role: RoleFile) -> tuple[Level, ...]:
        """The levels of the role's ladder it can climb: the shared levels, then its track's."""
        ladder = self.role_family(role).ladder
        track = next((t for t in ladder.tracks if t.id == role.track), None)
        return ladder.levels + (track.levels if track else ())

    def role_track(self, role: RoleFile) -> Track | None:
        ladder = self.role_family(role).ladder
        return next((t for t in ladder.tracks if t.id == role.track), None)

    def role_levels(self, role: RoleFile) -> tuple[tuple[Level, RoleLevel], ...]:
        """The levels a role defines, lowest first."""
        return tuple((lv, role.levels[lv.id]) for lv in self.role_path(role) if lv.id in role.levels)

    # items, behaviours, scales ------------------------------------------------------------------
    @cached_property
    def _items(self) -> dict[str, PlacedItem]:
        out: dict[str, PlacedItem] = {}
        for area in self.areas:
            for group in area.groups:
                for item in group.items:
                    level = self.level(item.level or group.level or "")
                    out[item.id] = PlacedItem(item, group, area, level)
        return out

    @cached_property
    def _behaviours(self) -> tuple[PlacedBehaviour, ...]:
        return tuple(PlacedBehaviour(b, g, a, self.level(b.level)) for a in self.areas for g in a.groups
                     for b in g.behaviours)

    @cached_property
    def _groups(self) -> dict[str, tuple[Group, AreaFile]]:
        return {g.id: (g, a) for a in self.areas for g in a.groups}

    @cached_property
    def _steps(self) -> dict[str, tuple[ScaleStep, Scale]]:
        return {s.id: (s, sc) for sc in self.scales for s in sc.steps}

    def item(self, item_id: str) -> PlacedItem:
        return self._items[item_id]

    def has_item(self, item_id: str) -> bool:
        return item_id in self._items

    def group(self, group_id: str) -> tuple[Group, AreaFile]:
        return self._groups[group_id]

    def step(self, step_id: str) -> tuple[ScaleStep, Scale]:
        return self._steps[step_id]

    def items(self) -> Iterator[PlacedItem]:
        """Every item in roadmap order (area, group, item)."""
        return iter(self._items.values())

    def behaviours(self) -> tuple[PlacedBehaviour, ...]:
        """Every behaviour statement in area, group and file order."""
        return self._behaviours

    def behaviours_of(self, group: Group) -> tuple[PlacedBehaviour, ...]:
        return tuple(b for b in self._behaviours if b.group.id == group.id)

    def behaviour_at(self, group: Group, level_id: str) -> PlacedBehaviour | None:
        """The statement in force at a level: the group's behaviour at the highest level that applies."""
        best: PlacedBehaviour | None = None
        for b in self.behaviours_of(group):
            if self.applies_at(b.level.id, level_id) and (best is None or self.rank(b.level.id) > self.rank(best.level.id)):
                best = b
        return best

    # interview ----------------------------------------------------------------------------------
    def questions(self) -> Iterator[tuple[InterviewFile, Question]]:
        """Every top-level interview question with its topic file, in file order."""
        for topic in self.interviews:
            for q in topic.questions:
                yield topic, q

    @staticmethod
    def probes(question: Question, follow_up: FollowUp | None = None) -> tuple[str, ...]:
        """The item ids a question (or one of its follow-ups) probes; follow-ups default to the parent's."""
        return (follow_up.items or question.items) if follow_up else question.items

    # language -----------------------------------------------------------------------------------
    @property
    def language(self) -> Language:
        """The framework's default language (plain strings in files without their own `language:`)."""
        return self.meta.locale
