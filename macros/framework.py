"""The Framework: every validated file joined into one immutable, indexed model."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterator

from .model import (
    AreaFile, FollowUp, FrameworkFile, Group, InterviewFile, Item, KpiDimension, Level, Question, RoadmapFile, RoleFile,
    RoleLevel,
)


@dataclass(frozen=True)
class Source:
    """Where an entity is written: a path relative to the framework folder and a 1-based line."""

    path: str
    line: int


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


@dataclass(frozen=True, eq=False)
class Framework:
    """The one model every page, export and check reads. Build it with `loading.load_framework`."""

    meta: FrameworkFile
    levels: tuple[Level, ...]
    kpis: tuple[KpiDimension, ...]
    roadmap: RoadmapFile
    areas: tuple[AreaFile, ...]
    roles: tuple[RoleFile, ...]
    interviews: tuple[InterviewFile, ...] = ()
    sources: dict[str, Source] = field(default_factory=dict)

    # lookups ------------------------------------------------------------------------------------
    @cached_property
    def _levels(self) -> dict[str, Level]:
        return {lv.id: lv for lv in self.levels}

    @cached_property
    def _rank(self) -> dict[str, int]:
        return {lv.id: i for i, lv in enumerate(self.levels)}

    @cached_property
    def _areas(self) -> dict[str, AreaFile]:
        return {a.id: a for a in self.areas}

    @cached_property
    def _roles(self) -> dict[str, RoleFile]:
        return {r.id: r for r in self.roles}

    @cached_property
    def _kpis(self) -> dict[str, KpiDimension]:
        return {k.id: k for k in self.kpis}

    @cached_property
    def _items(self) -> dict[str, PlacedItem]:
        out: dict[str, PlacedItem] = {}
        for area in self.areas:
            for group in area.groups:
                for item in group.items:
                    level = self._levels[item.level or group.level]
                    out[item.id] = PlacedItem(item, group, area, level)
        return out

    @cached_property
    def _groups(self) -> dict[str, tuple[Group, AreaFile]]:
        return {g.id: (g, a) for a in self.areas for g in a.groups}

    def level(self, level_id: str) -> Level:
        return self._levels[level_id]

    def has_level(self, level_id: str) -> bool:
        return level_id in self._levels

    def rank(self, level_id: str) -> int:
        """Position of a level on the ladder, 0 for the lowest."""
        return self._rank[level_id]

    def next_level(self, level_id: str) -> Level | None:
        i = self._rank[level_id] + 1
        return self.levels[i] if i < len(self.levels) else None

    def previous_level(self, level_id: str) -> Level | None:
        i = self._rank[level_id] - 1
        return self.levels[i] if i >= 0 else None

    def area(self, area_id: str) -> AreaFile:
        return self._areas[area_id]

    def role(self, role_id: str) -> RoleFile:
        return self._roles[role_id]

    def item(self, item_id: str) -> PlacedItem:
        return self._items[item_id]

    def group(self, group_id: str) -> tuple[Group, AreaFile]:
        return self._groups[group_id]

    def items(self) -> Iterator[PlacedItem]:
        """Every item in roadmap order (area, group, item)."""
        return iter(self._items.values())

    def questions(self) -> Iterator[tuple[InterviewFile, Question]]:
        """Every top-level interview question with its topic file, in file order."""
        for topic in self.interviews:
            for q in topic.questions:
                yield topic, q

    @staticmethod
    def probes(question: Question, follow_up: FollowUp | None = None) -> tuple[str, ...]:
        """The item ids a question (or one of its follow-ups) probes; follow-ups default to the parent's."""
        return (follow_up.items or question.items) if follow_up else question.items

    # role helpers -------------------------------------------------------------------------------
    def role_areas(self, role: RoleFile) -> tuple[AreaFile, ...]:
        """The competency areas a role uses, in area order."""
        if role.areas is None:
            return self.areas
        wanted = set(role.areas)
        return tuple(a for a in self.areas if a.id in wanted)

    def role_kpis(self, role: RoleFile) -> tuple[KpiDimension, ...]:
        if role.kpis is None:
            return self.kpis
        return tuple(self._kpis[k] for k in role.kpis)

    def role_levels(self, role: RoleFile) -> tuple[tuple[Level, RoleLevel], ...]:
        """The levels a role defines, in ladder order."""
        return tuple((lv, role.levels[lv.id]) for lv in self.levels if lv.id in role.levels)
