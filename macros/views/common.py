"""Pieces every page view shares: where an entity is written, and the facts a view is built from."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..core.framework import Framework, Ref
from ..core.model import AreaFile
from .expectations import Expectations
from .interview import Interviews


@dataclass(frozen=True)
class SourceInfo:
    """An entity's file and line, when it last changed, and links to view, edit or suggest a change."""

    path: str
    line: int
    changed: tuple[str, str] | None = None  # (date, short commit)
    view: str | None = None
    edit: str | None = None
    suggest: str | None = None


@dataclass(frozen=True)
class Counts:
    """How much a framework holds, for the one line of counts on the home page."""

    roles: int
    families: int  # named families only
    levels: int
    areas: int
    groups: int
    items: int
    behaviours: int
    kpis: int


    def pairs(self) -> tuple[tuple[str, int], ...]:
        """(label key, number) in the order a line of counts reads."""
        return (("families", self.families), ("roles", self.roles), ("levels", self.levels), ("areas", self.areas),
                ("groups", self.groups), ("items", self.items), ("behaviours", self.behaviours), ("kpis", self.kpis))


def named_groups(area: AreaFile) -> int:
    """The groups an area names (not the one its own items and behaviours form: model.OwnGroup)."""
    return sum(1 for g in area.groups if not g.implicit)


def counts(fw: Framework) -> Counts:
    return Counts(roles=len(fw.roles), families=sum(1 for f in fw.families if not f.implicit), levels=len(fw.levels),
                  areas=len(fw.areas), groups=sum(named_groups(a) for a in fw.areas), items=sum(1 for _ in fw.items()),
                  behaviours=len(fw.behaviours()), kpis=len(fw.kpis))


#: Looks up the source of an entity (None in builds that show no provenance, e.g. the public one).
SourceLookup = Callable[[Ref, str], SourceInfo | None]


def no_sources(ref: Ref, title: str) -> SourceInfo | None:
    return None


@dataclass(frozen=True, eq=False)
class Facts:
    """The framework with its derived facts, and what the build shows: built once per build."""

    fw: Framework
    expectations: Expectations
    interviews: Interviews
    source: SourceLookup = no_sources
    internal: bool = True  # the internal site: interview kits, provenance and the changelog

    @classmethod
    def of(cls, fw: Framework, source: SourceLookup = no_sources, internal: bool = True) -> Facts:
        ex = Expectations(fw)
        return cls(fw, ex, Interviews(fw, ex), source, internal)
