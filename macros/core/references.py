"""Checks that span files: unique ids, resolvable references, ladders that climb, file names, warnings."""
from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from .diagnostics import Diagnostic
from .files import Parsed, name_match
from .messages import suggest
from .model import Ladder, Level

#: Level ids that would clash with other pages under /roles/<role>/ (and `-to-` with diff pages).
RESERVED_LEVEL_IDS = {"matrix", "index", "checklist", "interview"}
#: Role, family and area ids that would clash with index pages.
RESERVED_IDS = {"index"}
#: Unknown references of one kind that get a "did you mean" hint. Each hint compares the reference with every id of
#: its kind (about 20 ms against the 8,400 items of the 50× benchmark framework); past the first few, the hints
#: would make a file of many bad references cost its count times the framework's size.
HINTS = 20

Loc = tuple[str | int, ...]


class _Ids:
    """Ids of one namespace with where each was first defined."""

    def __init__(self, kind: str, out: list[Diagnostic]) -> None:
        self.kind, self.out = kind, out
        self.where: dict[str, tuple[Parsed, Loc]] = {}
        self.hints = HINTS  # "did you mean" hints still to give

    def add(self, ident: str, p: Parsed, loc: Loc) -> None:
        if ident in self.where:
            first, floc = self.where[ident]
            line = first.marks.at(floc)[0]
            self.out.append(p.marks.diagnostic(loc, f"duplicate {self.kind} id '{ident}' (first defined at {first.display}:{line})"))
        else:
            self.where[ident] = (p, loc)

    def __contains__(self, ident: object) -> bool:
        return ident in self.where

    def ref(self, value: str, p: Parsed, loc: Loc, what: str) -> bool:
        if value in self.where:
            return True
        self.hints -= 1
        hint = suggest(value, self.where) if self.hints >= 0 else ""
        self.out.append(p.marks.diagnostic(loc, f"unknown {self.kind} '{value}' in {what}{hint}"))
        return False


@dataclass
class _LevelInfo:
    ladder: str
    track: str | None
    rank: int


@dataclass
class _Context:
    out: list[Diagnostic]
    failed: set[str]
    levels: _Ids
    level_info: dict[str, _LevelInfo] = field(default_factory=dict)
    ladder_tracks: dict[str, set[str]] = field(default_factory=dict)
    ladder_owner: dict[str, str] = field(default_factory=dict)  # ladder id -> shown name

    def ok(self, *kinds: str) -> bool:
        return not self.failed.intersection(kinds)


def check_references(parsed: dict[str, list[Parsed]], failed: set[str]) -> list[Diagnostic]:
    """Every cross-file problem (errors and warnings). Checks that need a file which failed to parse are skipped."""
    out: list[Diagnostic] = []
    ctx = _Context(out, failed, _Ids("level", out))
    _check_file_names(parsed, out)
    for p in parsed.get("levels.yml", []):
        _check_ladder(ctx, "shared", "levels.yml", p, (), p.model)
    families = _Ids("family", out)
    for p in parsed.get("families", []):
        families.add(p.model.id, p, ("id",))
        if p.model.ladder is not None:
            _check_ladder(ctx, p.model.id, f"family '{p.model.id}'", p, ("ladder",), p.model.ladder)
        elif not parsed.get("levels.yml") and ctx.ok("levels.yml"):
            out.append(p.marks.diagnostic(("id",), f"family '{p.model.id}' has no `ladder:` and there is no levels.yml "
                                                   "(the shared ladder); add one of them"))
    if not parsed.get("families") and not parsed.get("levels.yml") and ctx.ok("levels.yml", "families"):
        for p in parsed.get("framework.yml", []):
            out.append(p.marks.diagnostic((), "no ladder: add levels.yml (the shared ladder) or families/ with their own"))
    areas, groups, items, kpis, phases, steps = (
        _Ids(k, out) for k in ("area", "group", "item", "KPI dimension", "phase", "proficiency step"))
    for p in parsed.get("kpis.yml", []):
        for i, k in enumerate(p.model.dimensions):
            kpis.add(k.id, p, ("dimensions", i, "id"))
    scales = _Ids("scale", out)
    for p in parsed.get("scales.yml", []):
        for si, sc in enumerate(p.model.scales):
            scales.add(sc.id, p, ("scales", si, "id"))
            for ti, st in enumerate(sc.steps):
                steps.add(st.id, p, ("scales", si, "steps", ti, "id"))
    for p in parsed.get("glossary.yml", []):
        _check_glossary(p, out)
    area_ladder = _check_areas(ctx, parsed, areas, groups, items, steps if ctx.ok("scales.yml") else None)
    _check_aliases(parsed, out)
    _check_families(ctx, parsed, areas, area_ladder)
    roles = _Ids("role", out)
    family_of = {p.model.id: p for p in parsed.get("families", [])}
    for p in parsed.get("roles", []):
        _check_role(ctx, p, roles, family_of, areas, area_ladder, kpis if ctx.ok("kpis.yml") else None)
    for p in parsed.get("roadmap.yml", []):
        r = p.model
        if r.family is not None and ctx.ok("families"):
            families.ref(r.family, p, ("family",), "roadmap.yml")
        for i, ph in enumerate(r.phases):
            phases.add(ph.id, p, ("phases", i, "id"))
            if ctx.ok("levels.yml", "families"):
                ctx.levels.ref(ph.level, p, ("phases", i, "level"), f"phase '{ph.id}'")
            if ctx.ok("competencies"):
                for si, step in enumerate(ph.steps):
                    for gi, gid in enumerate(step.groups):
                        groups.ref(gid, p, ("phases", i, "steps", si, "groups", gi), f"phase '{ph.id}'")
    _check_interviews(ctx, parsed, items if ctx.ok("competencies") else None, groups if ctx.ok("competencies") else None)
    return out


def _check_file_names(parsed: dict[str, list[Parsed]], out: list[Diagnostic]) -> None:
    """A folder file is named after the id inside it (`roles/<id>.yml`, `competencies/NN-<id>.yml`)."""
    for folder in ("families", "roles", "competencies", "interview"):
        for p in parsed.get(folder, []):
            m = name_match(folder, PurePosixPath(p.rel))  # type: ignore[arg-type]
            if m is None:
                continue  # reported by discovery
            if m.group("id") != p.model.id:
                out.append(p.marks.diagnostic(("id",), f"id '{p.model.id}' does not match the file name '{PurePosixPath(p.rel).name}'; "
                                                       f"rename the file or the id so they agree"))
            if folder == "competencies" and int(m.group("number")) != p.model.number:
                out.append(p.marks.diagnostic(("number",), f"number {p.model.number} does not match the file name "
                                                           f"'{PurePosixPath(p.rel).name}'"))


def _check_ladder(ctx: _Context, ladder_id: str, name: str, p: Parsed, at: Loc, ladder: Ladder) -> None:
    ctx.ladder_owner[ladder_id] = name
    track_ids = _Ids("track", ctx.out)
    ctx.ladder_tracks[ladder_id] = {t.id for t in ladder.tracks}

    def add(lv: Level, loc: Loc, track: str | None, rank: int) -> None:
        ctx.levels.add(lv.id, p, (*loc, "id"))
        ctx.level_info.setdefault(lv.id, _LevelInfo(ladder_id, track, rank))
        if lv.id in RESERVED_LEVEL_IDS or "-to-" in lv.id:
            ctx.out.append(p.marks.diagnostic((*loc, "id"), f"level id '{lv.id}' is reserved for other pages; choose another"))
        if lv.years and lv.years.max is not None and lv.years.max <= lv.years.min:
            ctx.out.append(p.marks.diagnostic((*loc, "years", "max"),
                                              f"years.max ({lv.years.max}) must be greater than years.min ({lv.years.min})"))

    for i, lv in enumerate(ladder.levels):
        add(lv, (*at, "levels", i), None, i)
    for ti, t in enumerate(ladder.tracks):
        track_ids.add(t.id, p, (*at, "tracks", ti, "id"))
        for i, lv in enumerate(t.levels):
            add(lv, (*at, "tracks", ti, "levels", i), t.id, len(ladder.levels) + i)
    paths: list[list[tuple[Level, Loc]]] = []
    base = [(lv, (*at, "levels", i)) for i, lv in enumerate(ladder.levels)]
    for ti, t in enumerate(ladder.tracks):
        paths.append(base + [(lv, (*at, "tracks", ti, "levels", i)) for i, lv in enumerate(t.levels)])
    if not ladder.tracks:
        paths.append(base)
    reported: set[Loc] = set()
    for path in paths:
        for (lo, _), (hi, hloc) in itertools.pairwise(path):
            if lo.years and hi.years and hi.years.min <= lo.years.min and hloc not in reported:
                reported.add(hloc)
                ctx.out.append(p.marks.diagnostic((*hloc, "years", "min"),
                                                  f"levels must go up the ladder: '{hi.id}' starts at {hi.years.min} years, "
                                                  f"not after '{lo.id}' ({lo.years.min})"))
    for path in paths:  # the last level of a path has nothing above it
        lv, loc = path[-1]
        if lv.progression is not None and loc not in reported:
            reported.add(loc)
            ctx.out.append(p.marks.diagnostic((*loc, "progression"), f"'{lv.id}' is the top level; it has no next level to progress to"))


def _check_areas(ctx: _Context, parsed: dict[str, list[Parsed]], areas: _Ids, groups: _Ids, items: _Ids,
                 steps: _Ids | None) -> dict[str, str]:
    """Ids, level references (all on one ladder per area), behaviours per level, proficiency steps."""
    area_ladder: dict[str, str] = {}
    numbers: dict[int, Parsed] = {}
    for p in parsed.get("competencies", []):
        a = p.model
        areas.add(a.id, p, ("id",))
        if a.id in RESERVED_IDS:
            ctx.out.append(p.marks.diagnostic(("id",), f"area id '{a.id}' is reserved for the index page; choose another"))
        if a.number in numbers:
            ctx.out.append(p.marks.diagnostic(("number",), f"area number {a.number} is also used by {numbers[a.number].display}"))
        numbers.setdefault(a.number, p)
        ladder = _AreaLadder(ctx, p)
        for gi, g in enumerate(a.groups):
            gloc: Loc = ("groups", gi)
            groups.add(g.id, p, (*gloc, "id"))
            if g.level is not None:
                ladder.ref(g.level, (*gloc, "level"), f"group '{g.id}'")
            for ii, it in enumerate(g.items):
                iloc: Loc = (*gloc, "items", ii)
                items.add(it.id, p, (*iloc, "id"))
                if it.level is not None:
                    ladder.ref(it.level, (*iloc, "level"), f"item '{it.id}'")
                elif g.level is None:
                    ctx.out.append(p.marks.diagnostic(iloc, f"item '{it.id}' has no `level:` and its group '{g.id}' has no default "
                                                            "`level:`; give one of them"))
                if it.proficiency is not None and steps is not None:
                    steps.ref(it.proficiency, p, (*iloc, "proficiency"), f"item '{it.id}'")
            seen: dict[str, int] = {}
            for bi, b in enumerate(g.behaviours):
                bloc: Loc = (*gloc, "behaviours", bi)
                ladder.ref(b.level, (*bloc, "level"), f"a behaviour of group '{g.id}'")
                if b.level in seen:
                    ctx.out.append(p.marks.diagnostic((*bloc, "level"), f"group '{g.id}' already has a behaviour for level '{b.level}' "
                                                                        f"(behaviour {seen[b.level] + 1}); one statement per level"))
                seen.setdefault(b.level, bi)
                if b.proficiency is not None and steps is not None:
                    steps.ref(b.proficiency, p, (*bloc, "proficiency"), f"a behaviour of group '{g.id}'")
        if ladder.first is not None:
            area_ladder[a.id] = ladder.first[0]
    for ident, (p, loc) in groups.where.items():
        if ident in items:
            ctx.out.append(p.marks.diagnostic(loc, f"group id '{ident}' is also an item id; anchors on the area page would clash"))
    return area_ladder


class _AreaLadder:
    """Level references of one area: each must exist, and all must lie on one ladder."""

    def __init__(self, ctx: _Context, p: Parsed) -> None:
        self.ctx, self.p = ctx, p
        self.first: tuple[str, str] | None = None  # (ladder id, the level that set it)
        self.on = ctx.ok("levels.yml", "families")

    def ref(self, lid: str, loc: Loc, what: str) -> None:
        if not self.on or not self.ctx.levels.ref(lid, self.p, loc, what):
            return
        ladder = self.ctx.level_info[lid].ladder
        if self.first is None:
            self.first = (ladder, lid)
        elif ladder != self.first[0]:
            owner = self.ctx.ladder_owner
            self.ctx.out.append(self.p.marks.diagnostic(
                loc, f"level '{lid}' is on the ladder of {owner[ladder]}, but area '{self.p.model.id}' already uses "
                     f"'{self.first[1]}' of {owner[self.first[0]]}; an area's levels come from one ladder"))


def _check_families(ctx: _Context, parsed: dict[str, list[Parsed]], areas: _Ids, area_ladder: dict[str, str]) -> None:
    for p in parsed.get("families", []):
        f = p.model
        if f.id in RESERVED_IDS:
            ctx.out.append(p.marks.diagnostic(("id",), f"family id '{f.id}' is reserved for the index page; choose another"))
        ladder = f.id if f.ladder is not None else "shared"
        for i, aid in enumerate(f.areas or ()):
            if ctx.ok("competencies") and areas.ref(aid, p, ("areas", i), f"family '{f.id}'") and aid in area_ladder \
                    and area_ladder[aid] != ladder:
                ctx.out.append(p.marks.diagnostic(("areas", i), f"area '{aid}' uses the levels of {ctx.ladder_owner[area_ladder[aid]]}; "
                                                                f"family '{f.id}' climbs {ctx.ladder_owner.get(ladder, 'levels.yml')}"))


def _check_role(ctx: _Context, p: Parsed, roles: _Ids, family_of: dict[str, Parsed], areas: _Ids,
                area_ladder: dict[str, str], kpis: _Ids | None) -> None:
    r = p.model
    roles.add(r.id, p, ("id",))
    if r.id in RESERVED_IDS:
        ctx.out.append(p.marks.diagnostic(("id",), f"role id '{r.id}' is reserved for the index page; choose another"))
    _unique(ctx.out, p, [(s.id, ("stack", i, "id")) for i, s in enumerate(r.stack)], "stack category")
    if not ctx.ok("families", "levels.yml"):
        return
    fam: Parsed | None = None
    if r.family is not None:
        fam = family_of.get(r.family)
        if fam is None:
            ctx.out.append(p.marks.diagnostic(("family",), f"unknown family '{r.family}' in role '{r.id}'{suggest(r.family, family_of)}"))
            return
    elif len(family_of) > 1:
        ctx.out.append(p.marks.diagnostic(("id",), f"role '{r.id}' needs `family:` (one of {', '.join(sorted(family_of))})"))
        return
    elif family_of:
        fam = next(iter(family_of.values()))
    ladder = fam.model.id if fam is not None and fam.model.ladder is not None else "shared"
    tracks = ctx.ladder_tracks.get(ladder, set())
    if r.track is not None and r.track not in tracks:
        hint = f" (tracks: {', '.join(sorted(tracks))})" if tracks else " (its ladder has no tracks)"
        ctx.out.append(p.marks.diagnostic(("track",), f"unknown track '{r.track}' in role '{r.id}'{suggest(r.track, tracks)}{hint}"))
        return
    for lid in r.levels:
        info = ctx.level_info.get(lid)
        if info is None:
            ctx.out.append(p.marks.diagnostic(("levels", lid), f"unknown level '{lid}' in role '{r.id}'{suggest(lid, ctx.level_info)}",
                                              key=True))
        elif info.ladder != ladder:
            ctx.out.append(p.marks.diagnostic(("levels", lid), f"level '{lid}' belongs to {ctx.ladder_owner[info.ladder]}, not to the "
                                                               f"ladder of role '{r.id}'", key=True))
        elif info.track is not None and info.track != r.track:
            ctx.out.append(p.marks.diagnostic(("levels", lid), f"level '{lid}' is on track '{info.track}'; set `track: {info.track}` "
                                                               f"in role '{r.id}' to use it", key=True))
        elif not r.levels[lid].duties:
            ctx.out.append(p.marks.diagnostic(("levels", lid), f"level '{lid}' of role '{r.id}' lists no duties; its JD will have "
                                                               "no 주요 업무 section", key=True).warning())
    if ctx.ok("competencies"):
        fam_areas = set(fam.model.areas) if fam is not None and fam.model.areas is not None else None
        for i, aid in enumerate(r.areas or ()):
            if not areas.ref(aid, p, ("areas", i), f"role '{r.id}'"):
                continue
            if fam_areas is not None and aid not in fam_areas:
                ctx.out.append(p.marks.diagnostic(("areas", i), f"area '{aid}' is not one of family '{fam.model.id}''s areas"))  # type: ignore[union-attr]
            elif area_ladder.get(aid, ladder) != ladder:
                ctx.out.append(p.marks.diagnostic(("areas", i), f"area '{aid}' uses the levels of {ctx.ladder_owner[area_ladder[aid]]}, "
                                                                f"not the ladder of role '{r.id}'"))
    if kpis is not None:
        for i, kid in enumerate(r.kpis or ()):
            kpis.ref(kid, p, ("kpis", i), f"role '{r.id}'")


def _check_interviews(ctx: _Context, parsed: dict[str, list[Parsed]], items: _Ids | None, groups: _Ids | None) -> None:
    topics, questions = _Ids("interview topic", ctx.out), _Ids("question", ctx.out)
    level_ok = ctx.ok("levels.yml", "families")
    for p in parsed.get("interview", []):
        topics.add(p.model.id, p, ("id",))
        for qi, q in enumerate(p.model.questions):
            loc: Loc = ("questions", qi)
            questions.add(q.id, p, (*loc, "id"))
            if level_ok:
                for li, lid in enumerate(q.levels):
                    ctx.levels.ref(lid, p, (*loc, "levels", li), f"question '{q.id}'")
            refs = [(iid, (*loc, "items", ii), q.id) for ii, iid in enumerate(q.items)]
            for fi, f in enumerate(q.follow_ups):
                questions.add(f.id, p, (*loc, "follow_ups", fi, "id"))
                refs += [(iid, (*loc, "follow_ups", fi, "items", ii), f.id) for ii, iid in enumerate(f.items)]
            if items is not None:
                for iid, where, owner in refs:
                    items.ref(iid, p, where, f"question '{owner}'")
            if groups is not None:
                for gi, gid in enumerate(q.groups):
                    groups.ref(gid, p, (*loc, "groups", gi), f"question '{q.id}'")


def _check_glossary(p: Parsed, out: list[Diagnostic]) -> None:
    """Term ids are unique; one form (compared without case) belongs to one term only."""
    terms = _Ids("glossary term", out)
    forms: dict[str, str] = {}
    for ti, t in enumerate(p.model.terms):
        terms.add(t.id, p, ("terms", ti, "id"))
        for fi, form in enumerate((t.term, *t.variants)):
            loc: Loc = ("terms", ti, "term") if fi == 0 else ("terms", ti, "variants", fi - 1)
            key = form.casefold()
            if key in forms and forms[key] != t.id:
                out.append(p.marks.diagnostic(loc, f"'{form}' is already a form of glossary term '{forms[key]}'; a form names one term"))
            forms.setdefault(key, t.id)


def _unique(out: list[Diagnostic], p: Parsed, pairs: Iterable[tuple[str, Loc]], kind: str) -> None:
    seen: dict[str, Loc] = {}
    for ident, loc in pairs:
        if ident in seen:
            out.append(p.marks.diagnostic(loc, f"duplicate {kind} id '{ident}' (first at line {p.marks.at(seen[ident])[0]})"))
        seen.setdefault(ident, loc)


def _check_aliases(parsed: dict[str, list[Parsed]], out: list[Diagnostic]) -> None:
    """An alias may not equal a live id or another alias of the same kind of entity."""
    def entities() -> Iterable[tuple[str, Parsed, Loc, Any]]:
        for p in [*parsed.get("levels.yml", []), *parsed.get("families", [])]:
            ladder = p.model if p.kind == "levels.yml" else p.model.ladder
            at: Loc = () if p.kind == "levels.yml" else ("ladder",)
            for i, lv in enumerate(ladder.levels if ladder else ()):
                yield "level", p, (*at, "levels", i), lv
            for ti, t in enumerate(ladder.tracks if ladder else ()):
                for i, lv in enumerate(t.levels):
                    yield "level", p, (*at, "tracks", ti, "levels", i), lv
            if p.kind == "families":
                yield "family", p, (), p.model
        for p in parsed.get("roles", []):
            yield "role", p, (), p.model
        for p in parsed.get("competencies", []):
            yield "area", p, (), p.model
            for gi, g in enumerate(p.model.groups):
                yield "anchor", p, ("groups", gi), g
                for ii, it in enumerate(g.items):
                    yield "anchor", p, ("groups", gi, "items", ii), it

    live: dict[str, set[str]] = {}
    rows = list(entities())
    for kind, _, _, e in rows:
        live.setdefault(kind, set()).add(e.id)
    taken: dict[tuple[str, str], str] = {}
    for kind, p, loc, e in rows:
        for ai, alias in enumerate(e.aliases):
            where = (*loc, "aliases", ai)
            if alias in live[kind]:
                out.append(p.marks.diagnostic(where, f"alias '{alias}' of '{e.id}' is still a live id; an alias must be a retired id"))
            elif (kind, alias) in taken:
                out.append(p.marks.diagnostic(where, f"alias '{alias}' is already an alias of '{taken[(kind, alias)]}'"))
            taken.setdefault((kind, alias), e.id)
