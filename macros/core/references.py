"""Checks that span files: unique ids, resolvable references, ladders that climb, file names, warnings.

Ids and references are found by walking the models (core/walk.py): every model that defines an id, every field
declared `Refers` in core/model.py. What is not a plain "this id exists" is checked here by name: ladders that climb,
an area's levels on one ladder, a role's levels on its family's ladder and track, one behaviour per level."""
from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import PurePosixPath
from typing import Any

from pydantic import BaseModel

from .diagnostics import Diagnostic
from .files import FOLDERS, SINGLE_FILES, Files, Parsed, name_match
from .framework import SHARED_LADDER
from .messages import models_in, suggest
from .model import Ladder, RefKind, RoleFile, area_groups
from .scopes import SCOPED, Ambiguous, Kind, Scopes, owner, scopes
from .walk import Loc, fields

#: Unknown references of one kind that get a "did you mean" hint. Each hint compares the reference with every id of
#: its kind (about 20 ms against the 8,400 items of the 50× benchmark framework); past the first few, the hints
#: would make a file of many bad references cost its count times the framework's size.
HINTS = 20
#: How messages name an entity kind when its id is not enough (`kpi` → "KPI dimension").
NOUN = {"kpi": "KPI dimension", "step": "proficiency step", "topic": "interview topic", "term": "glossary term"}


class _Ids:
    """Ids of one namespace with where each was first defined."""

    def __init__(self, kind: str, out: list[Diagnostic]) -> None:
        self.kind, self.out = kind, out
        self.where: dict[str, tuple[Parsed[Any], Loc]] = {}
        self.hints = HINTS  # "did you mean" hints still to give
        self.echoes: dict[str, tuple[int, list[str]]] = {}  # unknown value -> (its first report in `out`, other places)

    def add(self, ident: str, p: Parsed[Any], loc: Loc) -> None:
        if ident in self.where:
            first, floc = self.where[ident]
            line = first.marks.at(floc)[0]
            self.out.append(p.marks.diagnostic(loc, f"duplicate {self.kind} id '{ident}' (first defined at {first.display}:{line})"))
        else:
            self.where[ident] = (p, loc)

    def __contains__(self, ident: object) -> bool:
        return ident in self.where

    def unknown(self, value: str, p: Parsed[Any], loc: Loc, what: str, *, key: bool = False) -> None:
        """An unknown id, reported once: the same cause elsewhere only adds its place to the first report."""
        if not self._echoed(value, p, loc, key):
            self.hints -= 1
            hint = suggest(value, self.where) if self.hints >= 0 else ""
            self.out.append(p.marks.diagnostic(loc, f"unknown {self.kind} '{value}' in {what}{hint}", key=key))

    def ambiguous(self, found: Ambiguous, p: Parsed[Any], loc: Loc, what: str, *, key: bool = False) -> None:
        """A bare id several ladders in reach declare, reported once per choice of ladders (like `unknown`)."""
        if not self._echoed("\0".join((found.value, *(d.key for d in found.choices))), p, loc, key):
            self.out.append(p.marks.diagnostic(loc, found.message(what), key=key))

    def _echoed(self, cause: str, p: Parsed[Any], loc: Loc, key: bool) -> bool:
        """Whether `cause` was reported before (this place is then added to that report); else the report to come
        is its first."""
        if cause in self.echoes:
            line, col = p.marks.at(loc, key=key)
            self.echoes[cause][1].append(f"{p.display}:{line}:{col}")
            return True
        self.echoes[cause] = (len(self.out), [])
        return False

    def finish(self) -> None:
        """Each unknown id's first report names the other places that name it too (at most five of them)."""
        for first, others in self.echoes.values():
            if others:
                more = f" and {len(others) - 5:,} more" if len(others) > 5 else ""
                d = self.out[first]
                self.out[first] = replace(d, message=f"{d.message} (also named at {', '.join(others[:5])}{more})")


@dataclass
class _Level:
    ladder: str
    track: str | None
    rank: int


@dataclass
class _Context:
    files: Files
    out: list[Diagnostic]
    ids: dict[str, _Ids] = field(default_factory=dict)
    levels: dict[str, _Level] = field(default_factory=dict)
    ladder_tracks: dict[str, set[str]] = field(default_factory=dict)
    ladder_owner: dict[str, str] = field(default_factory=dict)  # ladder id -> shown name
    item_level: dict[str, str] = field(default_factory=dict)  # item id -> the key of the level it is expected from
    scopes: Scopes = field(default_factory=Scopes)

    clashing: set[tuple[int, Loc]] = field(default_factory=set)  # (file, place) of levels and areas whose key clashes

    def key_of(self, kind: Kind, p: Parsed[Any], value: str, loc: Loc, what: str, *, key: bool = False) -> str | None:
        """The key of the level or area a reference in `p` names (core/scopes.py), or None after reporting why there
        is none (unknown, or ambiguous)."""
        found = self.scopes.resolve(kind, value, self.scopes.scope(p))
        if isinstance(found, Ambiguous):
            self.of(kind).ambiguous(found, p, loc, what, key=key)
            return None
        if found is None and self.known(kind):
            self.of(kind).unknown(value, p, loc, what, key=key)
        return found if isinstance(found, str) else None

    def resolved(self, kind: Kind, p: Parsed[Any], value: str) -> str | None:
        """The key a reference in `p` names, if it names one (what is wrong with it is reported with the references)."""
        found = self.scopes.resolve(kind, value, self.scopes.scope(p))
        return found if isinstance(found, str) else None

    def area_key(self, p: Parsed[Any]) -> str:
        """The key of the area a file declares."""
        return self.scopes.areas.key(owner(p) or SHARED_LADDER, p.model.id)

    def of(self, kind: str) -> _Ids:
        found = self.ids.get(kind)
        if found is None:
            found = self.ids[kind] = _Ids(NOUN.get(kind, kind), self.out)
        return found

    def known(self, kind: RefKind) -> bool:
        """Whether every file that can define ids of `kind` was read (else an unknown one may just be unread)."""
        return self.files.ok(*defined_in(kind))


@cache
def _kinds_in(model: type[BaseModel]) -> frozenset[str]:
    found: set[str] = set()
    kind = getattr(model, "entity", None)
    if kind:
        found.add(kind)
    for f in fields(model):
        for sub in models_in(model.model_fields[f.name].annotation):
            if sub is not model:
                found |= _kinds_in(sub)
    return frozenset(found)


@cache
def defined_in(kind: RefKind) -> tuple[str, ...]:
    """The kinds of files (single files' or folders' names) whose models define ids of `kind`."""
    tables = [(name, model) for name, (model, _) in SINGLE_FILES.items()] + [(name, m) for name, (m, _, _) in FOLDERS.items()]
    return tuple(name for name, model in tables if kind in _kinds_in(model))


def check_references(files: Files) -> list[Diagnostic]:
    """Every cross-file problem (errors and warnings). Checks that need a file which failed to parse are skipped."""
    ctx = _Context(files, [], scopes=scopes(files))
    _check_file_names(files, ctx.out)
    _check_clashes(ctx)
    _check_ladders(ctx)
    _collect_ids(ctx)
    _check_references(ctx)
    area_ladder = _check_areas(ctx)
    _check_aliases(files, ctx.out)
    _check_families(ctx, area_ladder)
    family_of = {p.model.id: p for p in files.families}
    for p in files.roles:
        _check_role(ctx, p, family_of, area_ladder)
    if files.glossary is not None:
        _check_glossary(files.glossary, ctx.out)
    for ids in ctx.ids.values():
        ids.finish()
    return ctx.out


def _collect_ids(ctx: _Context) -> None:
    """Every id of every entity, one namespace per kind (tracks: per ladder, in _check_ladders; levels there too)."""
    for p in ctx.files.all():
        for e in p.entities():
            if e.kind == "area" and (id(p), (*e.loc, "id")) not in ctx.clashing:
                ctx.of(e.kind).add(ctx.area_key(p), p, (*e.loc, "id"))
            elif e.kind not in ("level", "track", "area"):
                ctx.of(e.kind).add(e.id, p, (*e.loc, "id"))
    for kind, others in (("group", ("item", "behaviour")), ("behaviour", ("item",))):
        for ident, (p, loc) in ctx.of(kind).where.items():
            other = next((o for o in others if ident in ctx.of(o)), None)
            if other is not None:
                ctx.out.append(p.marks.diagnostic(loc, f"{kind} id '{ident}' is also an {other} id; anchors on the area page would clash"))
    for p in ctx.files.roles:
        _unique(ctx.out, p, [(s.id, ("stack", i, "id")) for i, s in enumerate(p.model.stack)], "stack category")


def _check_references(ctx: _Context) -> None:
    """Every declared reference names an id that exists (a role's family, track and levels: see _check_role)."""
    for p in ctx.files.all():
        for ref in p.references():
            if isinstance(p.model, RoleFile) and (ref.loc[0] in ("family", "track") or (ref.loc[0] == "levels" and ref.key)):
                continue
            if ref.refers.kind in SCOPED:
                ctx.key_of(ref.refers.kind, p, ref.value, ref.loc, ref.owner, key=ref.key)
                continue
            ids = ctx.of(ref.refers.kind)
            if ctx.known(ref.refers.kind) and ref.value not in ids:
                ids.unknown(ref.value, p, ref.loc, ref.owner, key=ref.key)


def _check_file_names(files: Files, out: list[Diagnostic]) -> None:
    """A folder file is named after the id inside it (`roles/<id>.yml`; `competencies/NN-<id>.yml` with the area's
    number, or `<id>.yml` without one; an area of one family (`family:`) may say `<family>-<id>` for `<id>`)."""
    folder_files: list[Parsed[Any]] = [*files.families, *files.roles, *files.areas, *files.interviews]
    for p in folder_files:
        name = PurePosixPath(p.rel).name
        m = name_match(p.kind, PurePosixPath(p.rel))  # type: ignore[arg-type]
        if m is None:
            continue  # reported by discovery
        named = p.model.id if p.kind != "competencies" or p.model.family is None else f"{p.model.family}-{p.model.id}"
        if p.kind == "competencies":
            number, written = p.model.number, m.group("number")
            if number is None and written is not None:
                out.append(p.marks.diagnostic(("id",), f"the file name '{name}' gives area '{p.model.id}' a number; name it "
                                                       f"'{named}.yml' or give the area `number: {int(written)}`"))
                continue
            if number is not None and (written is None or int(written) != number):
                out.append(p.marks.diagnostic(("number",), f"number {number} does not match the file name '{name}'"))
        if m.group("id") not in (p.model.id, named):
            also = f" (or '{named}', the area's family and id)" if named != p.model.id else ""
            out.append(p.marks.diagnostic(("id",), f"id '{p.model.id}' does not match the file name '{name}'{also}; "
                                                   f"rename the file or the id so they agree"))


def _check_clashes(ctx: _Context) -> None:
    """A level's or area's key (or qualified form, `<family>-<id>`) that is the id of another: reported once, and
    the one so named is left out (nothing names it, so nothing echoes the cause)."""
    for names in (ctx.scopes.levels, ctx.scopes.areas):
        for form, d, other in names.clashes:
            ctx.clashing.add((id(d.p), d.loc))
            first = f"{other.p.display}:{other.p.marks.at(other.loc)[0]}"
            ctx.out.append(d.p.marks.diagnostic(d.loc, f"{d.kind} '{d.id}' of {d.owner_name()} is named '{form}' (others have "
                                                       f"a{'n' if d.kind == 'area' else ''} {d.kind} '{d.id}' too), but "
                                                       f"'{form}' is already the id of one of {other.owner_name()} ({first}); "
                                                       "rename one of them"))


def _check_ladders(ctx: _Context) -> None:
    files, out = ctx.files, ctx.out
    if files.levels is not None:
        _check_ladder(ctx, SHARED_LADDER, "levels.yml", files.levels, (), files.levels.model)
    for p in files.families:
        if p.model.ladder is not None:
            _check_ladder(ctx, p.model.id, f"family '{p.model.id}'", p, ("ladder",), p.model.ladder)
        elif files.levels is None and files.ok("levels.yml"):
            out.append(p.marks.diagnostic(("id",), f"family '{p.model.id}' has no `ladder:` and there is no levels.yml "
                                                   "(the shared ladder); add one of them"))
    if not files.families and files.levels is None and files.ok("levels.yml", "families") and files.framework is not None:
        out.append(files.framework.marks.diagnostic((), "no ladder: add levels.yml (the shared ladder) or families/ with their own"))


def _check_ladder(ctx: _Context, ladder_id: str, name: str, p: Parsed[Any], at: Loc, ladder: Ladder) -> None:
    ctx.ladder_owner[ladder_id] = name
    ctx.ladder_tracks[ladder_id] = {t.id for t in ladder.tracks}
    levels, track_ids = ctx.of("level"), _Ids("track", ctx.out)
    for ti, t in enumerate(ladder.tracks):
        track_ids.add(t.id, p, (*at, "tracks", ti, "id"))
    where: dict[str, Loc] = {}
    for step in ladder.steps():
        lv, loc = step.level, (*at, *step.loc)
        where[lv.id] = loc
        key = ctx.scopes.levels.key(ladder_id, lv.id)
        if (id(p), (*loc, "id")) not in ctx.clashing:
            levels.add(key, p, (*loc, "id"))
            ctx.levels.setdefault(key, _Level(ladder_id, step.track.id if step.track else None, step.rank))
        if lv.years and lv.years.max is not None and lv.years.max <= lv.years.min:
            ctx.out.append(p.marks.diagnostic((*loc, "years", "max"),
                                              f"years.max ({lv.years.max}) must be greater than years.min ({lv.years.min})"))
    reported: set[Loc] = set()
    for _, path in ladder.paths():
        for lo, hi in itertools.pairwise(path):
            hloc = where[hi.id]
            if lo.years and hi.years and hi.years.min <= lo.years.min and hloc not in reported:
                reported.add(hloc)
                ctx.out.append(p.marks.diagnostic((*hloc, "years", "min"),
                                                  f"levels must go up the ladder: '{hi.id}' starts at {hi.years.min} years, "
                                                  f"not after '{lo.id}' ({lo.years.min})"))
    for _, path in ladder.paths():  # the last level of a path has nothing above it
        top = where[path[-1].id]
        if path[-1].progression is not None and top not in reported:
            reported.add(top)
            ctx.out.append(p.marks.diagnostic((*top, "progression"),
                                              f"'{path[-1].id}' is the top level; it has no next level to progress to"))


def _check_areas(ctx: _Context) -> dict[str, str]:
    """Area numbers, items without a level, one behaviour per level, and an area's levels on one ladder."""
    area_ladder: dict[str, str] = {}
    for p in ctx.files.areas:
        a = p.model
        first: tuple[str, str] | None = None  # (ladder id, the level that set it)
        for loc, lid in _area_levels(ctx, p):
            info = ctx.levels.get(ctx.resolved("level", p, lid) or "")
            if info is None:
                continue  # unknown or ambiguous: reported with the references
            if first is None:
                first = (info.ladder, lid)
            elif info.ladder != first[0]:
                owner = ctx.ladder_owner
                ctx.out.append(p.marks.diagnostic(
                    loc, f"level '{lid}' is on the ladder of {owner[info.ladder]}, but area '{a.id}' already uses "
                         f"'{first[1]}' of {owner[first[0]]}; an area's levels come from one ladder"))
        if first is not None:
            area_ladder[ctx.area_key(p)] = first[0]
    return area_ladder


def _area_levels(ctx: _Context, p: Parsed[Any]) -> Iterable[tuple[Loc, str]]:
    """Every level an area names, in file order (checking on the way: items without a level, behaviours per level).
    Items and behaviours written directly in the area are its own group's, at `()`."""
    for gloc, g in area_groups(p.model):
        if g.level is not None:
            yield (*gloc, "level"), g.level
        for ii, it in enumerate(g.items):
            key = ctx.resolved("level", p, it.level or g.level or "")
            if key is not None:
                ctx.item_level[it.id] = key
            if it.level is not None:
                yield (*gloc, "items", ii, "level"), it.level
            elif g.level is None:
                holder = f"its group '{g.id}'" if gloc else f"its area '{g.id}'"
                ctx.out.append(p.marks.diagnostic((*gloc, "items", ii), f"item '{it.id}' has no `level:` and {holder} "
                                                                        "has no default `level:`; give one of them"))
        seen: dict[str, int] = {}
        for bi, b in enumerate(g.behaviours):
            bloc: Loc = (*gloc, "behaviours", bi, "level")
            yield bloc, b.level
            if b.level in seen:
                holder = f"group '{g.id}'" if gloc else f"area '{g.id}'"
                ctx.out.append(p.marks.diagnostic(bloc, f"{holder} already has a behaviour for level '{b.level}' "
                                                        f"(behaviour {seen[b.level] + 1}); one statement per level"))
            seen.setdefault(b.level, bi)


def _check_area_numbers(ctx: _Context) -> None:
    """Numbers are optional and per family: within one family's areas (those it lists, or every area not listed by a
    family) no two share a number."""
    areas = {ctx.area_key(p): p for p in ctx.files.areas}
    sets = [_family_areas(ctx, f) for f in ctx.files.families if f.model.areas is not None]
    listed = {key for keys in sets for key in keys}
    sets.append([key for key in areas if key not in listed])
    reported: set[str] = set()
    for members in sets:
        numbers: dict[int, Parsed[Any]] = {}
        for aid in members:
            p = areas.get(aid)
            if p is None or p.model.number is None:
                continue
            first = numbers.setdefault(p.model.number, p)
            if first is not p and aid not in reported:
                reported.add(aid)
                ctx.out.append(p.marks.diagnostic(("number",), f"area number {p.model.number} is also used by {first.display}"))


def _check_families(ctx: _Context, area_ladder: dict[str, str]) -> None:
    _check_area_numbers(ctx)
    defaults = [p for p in ctx.files.families if p.model.default]
    for p in defaults[1:]:
        ctx.out.append(p.marks.diagnostic(("default",), f"family '{p.model.id}' is `default: true`, as is "
                                                        f"'{defaults[0].model.id}' ({defaults[0].display}); one family is the default"))
    for p in ctx.files.families:
        f = p.model
        foreign = _check_area_owners(ctx, p, f.id)
        ladder = f.id if f.ladder is not None else SHARED_LADDER
        for i, aid in enumerate(f.areas or ()):
            if i in foreign:
                continue
            key = ctx.resolved("area", p, aid) or ""
            if key in area_ladder and area_ladder[key] != ladder:
                ctx.out.append(p.marks.diagnostic(("areas", i), f"area '{aid}' uses the levels of {ctx.ladder_owner[area_ladder[key]]}; "
                                                                f"family '{f.id}' climbs {ctx.ladder_owner.get(ladder, 'levels.yml')}"))


def _role_family(ctx: _Context, p: Parsed[RoleFile], family_of: dict[str, Parsed[Any]]) -> tuple[bool, Parsed[Any] | None]:
    """(whether the role's family is known, the family's file or None for the shared ladder without families)."""
    r = p.model
    if r.family is not None:
        if r.family not in family_of:
            ctx.out.append(p.marks.diagnostic(("family",), f"unknown family '{r.family}' in role '{r.id}'{suggest(r.family, family_of)}"))
            return False, None
        return True, family_of[r.family]
    if len(family_of) > 1:
        ctx.out.append(p.marks.diagnostic(("id",), f"role '{r.id}' needs `family:` (one of {', '.join(sorted(family_of))})"))
        return False, None
    return True, next(iter(family_of.values()), None)


def _check_role(ctx: _Context, p: Parsed[RoleFile], family_of: dict[str, Parsed[Any]], area_ladder: dict[str, str]) -> None:
    """A role's family, track and levels: on its family's ladder and track; its areas on that ladder too."""
    r = p.model
    if not ctx.files.ok("families", "levels.yml"):
        return
    found, fam = _role_family(ctx, p, family_of)
    if not found:
        return
    ladder = fam.model.id if fam is not None and fam.model.ladder is not None else SHARED_LADDER
    tracks = ctx.ladder_tracks.get(ladder, set())
    if r.track is not None and r.track not in tracks:
        hint = f" (tracks: {', '.join(sorted(tracks))})" if tracks else " (its ladder has no tracks)"
        ctx.out.append(p.marks.diagnostic(("track",), f"unknown track '{r.track}' in role '{r.id}'{suggest(r.track, tracks)}{hint}"))
        return
    _check_role_levels(ctx, p, ladder)
    foreign = _check_area_owners(ctx, p, fam.model.id) if fam is not None else set()
    _check_role_areas(ctx, p, fam, ladder, area_ladder, foreign)


def _family_areas(ctx: _Context, p: Parsed[Any]) -> list[str]:
    """The keys of the areas a family lists (those it names)."""
    return [key for aid in p.model.areas or () if (key := ctx.resolved("area", p, aid)) is not None]


def _check_area_owners(ctx: _Context, p: Parsed[Any], family: str) -> set[int]:
    """An area that says it belongs to one family (`family:`) is used by that family only (its file and roles): the
    places in `areas:` naming another family's area, reported."""
    foreign = set()
    for i, aid in enumerate(p.model.areas or ()):
        found = ctx.scopes.areas.of_key(ctx.resolved("area", p, aid) or "")
        if found is not None and found.owner not in (SHARED_LADDER, family):
            foreign.add(i)
            ctx.out.append(p.marks.diagnostic(("areas", i), f"area '{aid}' belongs to family '{found.owner}' (its `family:`, "
                                                            f"{found.p.display}); family '{family}' cannot use it"))
    return foreign


def _check_role_areas(ctx: _Context, p: Parsed[RoleFile], fam: Parsed[Any] | None, ladder: str, area_ladder: dict[str, str],
                      foreign: set[int]) -> None:
    """A role's areas are its family's (when the family lists them) and on its ladder."""
    r = p.model
    fam_areas = set(_family_areas(ctx, fam)) if fam is not None and fam.model.areas is not None else None
    for i, aid in enumerate(r.areas or ()):
        key = ctx.resolved("area", p, aid)
        if key is None or key not in ctx.of("area") or i in foreign:
            continue  # unknown, ambiguous, clashing or another family's: reported
        if fam_areas is not None and key not in fam_areas:
            ctx.out.append(p.marks.diagnostic(("areas", i), f"area '{aid}' is not one of family '{fam.model.id}''s areas"))  # type: ignore[union-attr]
        elif area_ladder.get(key, ladder) != ladder:
            ctx.out.append(p.marks.diagnostic(("areas", i), f"area '{aid}' uses the levels of {ctx.ladder_owner[area_ladder[key]]}, "
                                                            f"not the ladder of role '{r.id}'"))


def _check_role_levels(ctx: _Context, p: Parsed[RoleFile], ladder: str) -> None:
    """Each level of a role once (a bare id and its qualified form name one level) and on the role's ladder."""
    first: dict[str, str] = {}  # key -> the first of the role's levels naming it
    for lid in p.model.levels:
        key = ctx.resolved("level", p, lid)
        same = first.setdefault(key, lid) if key is not None else lid
        if same != lid:
            ctx.out.append(p.marks.diagnostic(("levels", lid), f"'{lid}' and '{same}' name the same level; write it once",
                                              key=True))
        else:
            _check_role_level(ctx, p, lid, ladder)


def _check_role_level(ctx: _Context, p: Parsed[RoleFile], lid: str, ladder: str) -> None:
    r = p.model
    loc: Loc = ("levels", lid)
    info = ctx.levels.get(ctx.key_of("level", p, lid, loc, f"role '{r.id}'", key=True) or "")
    if info is None:
        return  # unknown or ambiguous: reported
    if info.ladder != ladder:
        ctx.out.append(p.marks.diagnostic(loc, f"level '{lid}' belongs to {ctx.ladder_owner[info.ladder]}, not to the "
                                               f"ladder of role '{r.id}'", key=True))
    elif info.track is not None and info.track != r.track:
        ctx.out.append(p.marks.diagnostic(loc, f"level '{lid}' is on track '{info.track}'; set `track: {info.track}` "
                                               f"in role '{r.id}' to use it", key=True))
    else:
        if not r.levels[lid].duties:
            ctx.out.append(p.marks.diagnostic(loc, f"level '{lid}' of role '{r.id}' lists no duties; its JD will have "
                                                   "no duties section", key=True).warning())
        _check_must_have(ctx, p, lid, info)


def _check_must_have(ctx: _Context, p: Parsed[RoleFile], lid: str, at: _Level) -> None:
    """What a role level needs at hire is expected at or below that level, on its path."""
    for i, iid in enumerate(p.model.levels[lid].must_have):
        from_id = ctx.item_level.get(iid)
        info = ctx.levels.get(from_id) if from_id else None
        if info is None:
            continue  # unknown item or level: reported with the references
        if info.ladder != at.ladder or info.rank > at.rank or info.track not in (None, at.track):
            ctx.out.append(p.marks.diagnostic(("levels", lid, "must_have", i), f"item '{iid}' is expected from level "
                                              f"'{from_id}', which is not at or below '{lid}': a hire at '{lid}' cannot "
                                              "be asked for it"))


def _check_glossary(p: Parsed[Any], out: list[Diagnostic]) -> None:
    """One form (compared without case) belongs to one term only."""
    forms: dict[str, str] = {}
    for ti, t in enumerate(p.model.terms):
        for fi, form in enumerate((t.term, *t.variants)):
            loc: Loc = ("terms", ti, "term") if fi == 0 else ("terms", ti, "variants", fi - 1)
            key = form.casefold()
            if key in forms and forms[key] != t.id:
                out.append(p.marks.diagnostic(loc, f"'{form}' is already a form of glossary term '{forms[key]}'; a form names one term"))
            forms.setdefault(key, t.id)


def _unique(out: list[Diagnostic], p: Parsed[Any], pairs: Iterable[tuple[str, Loc]], kind: str) -> None:
    seen: dict[str, Loc] = {}
    for ident, loc in pairs:
        if ident in seen:
            out.append(p.marks.diagnostic(loc, f"duplicate {kind} id '{ident}' (first at line {p.marks.at(seen[ident])[0]})"))
        seen.setdefault(ident, loc)


#: Entities whose old ids (`aliases:`) share one namespace: groups and items are both anchors on an area's page.
ALIAS_SPACE = {"group": "anchor", "item": "anchor", "behaviour": "anchor"}


def _check_aliases(files: Files, out: list[Diagnostic]) -> None:
    """An alias may not equal a live id or another alias of the same kind of entity."""
    rows = [(ALIAS_SPACE.get(e.kind, e.kind), p, e) for p in files.all() for e in p.entities()
            if "aliases" in type(e.model).model_fields]
    live: dict[str, set[str]] = {}
    for kind, _, e in rows:
        live.setdefault(kind, set()).add(e.id)
    taken: dict[tuple[str, str], str] = {}
    for kind, p, e in rows:
        for ai, alias in enumerate(getattr(e.model, "aliases")):  # noqa: B009 - only models with aliases are rows
            where = (*e.loc, "aliases", ai)
            if alias in live[kind]:
                out.append(p.marks.diagnostic(where, f"alias '{alias}' of '{e.id}' is still a live id; an alias must be a retired id"))
            elif (kind, alias) in taken:
                out.append(p.marks.diagnostic(where, f"alias '{alias}' is already an alias of '{taken[(kind, alias)]}'"))
            taken.setdefault((kind, alias), e.id)
