"""Routes: each generated page is a route (a page kind and the ids it is about); aliases of those
ids give its old URLs. Page kinds are named here once, with their path and the kind of each id.

A renamed role, level, area or family (whose old id is kept in `aliases:`) yields every URL the page
had under the old id, and the build writes a redirect there: links from hiring pages keep working.
"""
from __future__ import annotations

import itertools
from enum import StrEnum
from typing import Callable, Literal, NamedTuple

from ..core.framework import Framework
from . import urls

IdKind = Literal["role", "level", "area", "family"]


class Kind(StrEnum):
    HOME = "home"
    ROLES = "roles"
    FAMILIES = "families"
    FAMILY = "family"
    FAMILY_CHECKLIST = "family-checklist"
    ROLE = "role"
    JD = "jd"
    CHECKLIST = "checklist"
    KIT = "kit"
    DIFF = "diff"
    MATRIX = "matrix"
    MATRIX_AREA = "matrix-area"
    LEVELS = "levels"
    LEVEL = "level"
    PROGRESSION = "progression"
    COMPETENCIES = "competencies"
    AREA = "area"
    PROFICIENCY = "proficiency"
    KPIS = "kpis"
    ROADMAP = "roadmap"
    ROADMAP_CHECKLIST = "roadmap-checklist"
    INTERVIEW = "interview"
    BANK = "bank"
    CHANGELOG = "changelog"
    GLOSSARY = "glossary"


def _const(path: str) -> Callable[[], str]:
    return lambda: path


#: kind -> (path function, the entity kind of each id argument)
ROUTES: dict[Kind, tuple[Callable[..., str], tuple[IdKind, ...]]] = {
    Kind.HOME: (_const(urls.HOME), ()),
    Kind.ROLES: (_const(urls.ROLES), ()),
    Kind.FAMILIES: (_const(urls.FAMILIES), ()),
    Kind.FAMILY: (urls.family, ("family",)),
    Kind.FAMILY_CHECKLIST: (urls.family_checklist, ("family",)),
    Kind.ROLE: (urls.role, ("role",)),
    Kind.JD: (urls.jd, ("role", "level")),
    Kind.CHECKLIST: (urls.checklist, ("role", "level")),
    Kind.KIT: (urls.kit, ("role", "level")),
    Kind.DIFF: (urls.diff, ("role", "level", "level")),
    Kind.MATRIX: (urls.matrix, ("role",)),
    Kind.MATRIX_AREA: (urls.matrix_area, ("role", "area")),
    Kind.LEVELS: (_const(urls.LEVELS), ()),
    Kind.LEVEL: (urls.level, ("level",)),
    Kind.PROGRESSION: (_const(urls.PROGRESSION), ()),
    Kind.COMPETENCIES: (_const(urls.COMPETENCIES), ()),
    Kind.AREA: (urls.area, ("area",)),
    Kind.PROFICIENCY: (_const(urls.PROFICIENCY), ()),
    Kind.KPIS: (_const(urls.KPIS), ()),
    Kind.ROADMAP: (_const(urls.ROADMAP), ()),
    Kind.ROADMAP_CHECKLIST: (_const(urls.CHECKLIST), ()),
    Kind.INTERVIEW: (_const(urls.INTERVIEW), ()),
    Kind.BANK: (urls.question_bank, ("area",)),
    Kind.CHANGELOG: (_const(urls.CHANGELOG), ()),
    Kind.GLOSSARY: (_const(urls.GLOSSARY), ()),
}


class Route(NamedTuple):
    """A page: its kind and the ids of what it is about."""

    kind: Kind
    ids: tuple[str, ...] = ()

    @property
    def src(self) -> str:
        """The docs-relative source path of the page."""
        fn, kinds = ROUTES[self.kind]
        if len(kinds) != len(self.ids):
            raise ValueError(f"route {self.kind} takes {len(kinds)} ids, got {self.ids}")
        return fn(*self.ids)


def _aliases(fw: Framework) -> dict[IdKind, dict[str, tuple[str, ...]]]:
    return {
        "role": {r.id: r.aliases for r in fw.roles},
        "level": {lv.id: lv.aliases for lv in fw.levels},
        "area": {a.id: a.aliases for a in fw.areas},
        "family": {f.id: f.file.aliases for f in fw.families},
    }


def old_sources(fw: Framework, route: Route, aliases: dict[IdKind, dict[str, tuple[str, ...]]] | None = None) -> list[str]:
    """Every source path the route had under an alias of one of its ids (never the live one)."""
    fn, kinds = ROUTES[route.kind]
    if not kinds:
        return []
    table = aliases if aliases is not None else _aliases(fw)
    choices = [(ident, *table[kind].get(ident, ())) for kind, ident in zip(kinds, route.ids, strict=True)]
    live = route.src
    return [old for combo in itertools.product(*choices) if (old := fn(*combo)) != live]


def redirects(fw: Framework, routes: list[Route]) -> dict[str, str]:
    """Old source path (under an alias id) -> the live page's source path."""
    table = _aliases(fw)
    out: dict[str, str] = {}
    for route in routes:
        for old in old_sources(fw, route, table):
            out.setdefault(old, route.src)
    return out
