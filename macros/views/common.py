"""Pieces every page view shares: where an entity is written, and the facts a view is built from."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..core.framework import Framework, Ref
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
