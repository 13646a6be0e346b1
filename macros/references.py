"""Checks that span files: unique ids, resolvable references, ordered levels, reserved names."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from .diagnostics import Diagnostic
from .pydantic_errors import suggest

if TYPE_CHECKING:
    from .loading import Parsed

#: Level ids that would clash with other pages under /roles/<role>/.
RESERVED_LEVEL_IDS = {"matrix", "index", "checklist", "interview"}
#: Role and area ids that would clash with index pages.
RESERVED_IDS = {"index"}


class _Ids:
    """Ids of one namespace with where each was first defined."""

    def __init__(self, kind: str, out: list[Diagnostic]):
        self.kind, self.out = kind, out
        self.where: dict[str, tuple[Parsed, tuple]] = {}

    def add(self, ident: str, p: Parsed, loc: tuple) -> None:
        if ident in self.where:
            first, floc = self.where[ident]
            line = first.marks.at(floc)[0]
            self.out.append(p.marks.diagnostic(loc, f"duplicate {self.kind} id '{ident}' (first defined at {first.display}:{line})"))
        else:
            self.where[ident] = (p, loc)

    def __contains__(self, ident: object) -> bool:
        return ident in self.where


def _ref(out: list[Diagnostic], ids: _Ids, value: str, p: Parsed, loc: tuple, what: str) -> None:
    if value not in ids:
        out.append(p.marks.diagnostic(loc, f"unknown {ids.kind} '{value}' in {what}{suggest(value, ids.where)}"))


def check_references(parsed: dict[str, list[Parsed]], failed: set[str]) -> list[Diagnostic]:
    """Every cross-file problem. Checks that need a file which failed to parse are skipped."""
    out: list[Diagnostic] = []
    levels, areas, groups, items, kpis, roles, phases = (
        _Ids(k, out) for k in ("level", "area", "group", "item", "KPI dimension", "role", "phase")
    )

    for p in parsed.get("levels.yml", []):
        _check_levels(p, levels, out)
    for p in parsed.get("kpis.yml", []):
        for i, k in enumerate(p.model.dimensions):
            kpis.add(k.id, p, ("dimensions", i, "id"))
    numbers: dict[int, Parsed] = {}
    for p in parsed.get("competencies", []):
        a = p.model
        areas.add(a.id, p, ("id",))
        if a.id in RESERVED_IDS:
            out.append(p.marks.diagnostic(("id",), f"area id '{a.id}' is reserved for the index page; choose another"))
        if a.number in numbers:
            out.append(p.marks.diagnostic(("number",), f"area number {a.number} is also used by {numbers[a.number].display}"))
        numbers.setdefault(a.number, p)
        for gi, g in enumerate(a.groups):
            groups.add(g.id, p, ("groups", gi, "id"))
            for ii, it in enumerate(g.items):
                items.add(it.id, p, ("groups", gi, "items", ii, "id"))
    for ident, (p, loc) in groups.where.items():
        if ident in items:
            out.append(p.marks.diagnostic(loc, f"group id '{ident}' is also an item id; anchors on the area page would clash"))
    _check_aliases(parsed, out)

    level_ok = "levels.yml" not in failed
    area_ok = "competencies" not in failed
    if level_ok:
        for p in parsed.get("competencies", []):
            for gi, g in enumerate(p.model.groups):
                _ref(out, levels, g.level, p, ("groups", gi, "level"), f"group '{g.id}'")
                for ii, it in enumerate(g.items):
                    if it.level is not None:
                        _ref(out, levels, it.level, p, ("groups", gi, "items", ii, "level"), f"item '{it.id}'")
    for p in parsed.get("roadmap.yml", []):
        for i, ph in enumerate(p.model.phases):
            phases.add(ph.id, p, ("phases", i, "id"))
            if level_ok:
                _ref(out, levels, ph.level, p, ("phases", i, "level"), f"phase '{ph.id}'")
            if area_ok:
                for si, step in enumerate(ph.steps):
                    for gi, gid in enumerate(step.groups):
                        _ref(out, groups, gid, p, ("phases", i, "steps", si, "groups", gi), f"phase '{ph.id}'")
    _check_interviews(parsed, levels if level_ok else None, items if area_ok else None, out)
    for p in parsed.get("roles", []):
        _check_role(p, roles, levels if level_ok else None, areas if area_ok else None,
                    kpis if "kpis.yml" not in failed else None, out)
    return out


def _check_interviews(parsed: dict[str, list[Parsed]], levels: _Ids | None, items: _Ids | None,
                      out: list[Diagnostic]) -> None:
    topics, questions = _Ids("interview topic", out), _Ids("question", out)
    for p in parsed.get("interview", []):
        topics.add(p.model.id, p, ("id",))
        for qi, q in enumerate(p.model.questions):
            loc = ("questions", qi)
            questions.add(q.id, p, loc + ("id",))
            if levels is not None:
                for li, lid in enumerate(q.levels):
                    _ref(out, levels, lid, p, loc + ("levels", li), f"question '{q.id}'")
            refs = [(iid, loc + ("items", ii), q.id) for ii, iid in enumerate(q.items)]
            for fi, f in enumerate(q.follow_ups):
                questions.add(f.id, p, loc + ("follow_ups", fi, "id"))
                refs += [(iid, loc + ("follow_ups", fi, "items", ii), f.id) for ii, iid in enumerate(f.items)]
            if items is not None:
                for iid, where, owner in refs:
                    _ref(out, items, iid, p, where, f"question '{owner}'")


def _check_levels(p: Parsed, levels: _Ids, out: list[Diagnostic]) -> None:
    lvls = p.model.levels
    for i, lv in enumerate(lvls):
        levels.add(lv.id, p, ("levels", i, "id"))
        if lv.id in RESERVED_LEVEL_IDS or "-to-" in lv.id:
            out.append(p.marks.diagnostic(("levels", i, "id"), f"level id '{lv.id}' is reserved for other pages; choose another"))
        if lv.years.max is not None and lv.years.max <= lv.years.min:
            out.append(p.marks.diagnostic(("levels", i, "years", "max"), f"years.max ({lv.years.max}) must be greater than years.min ({lv.years.min})"))
        if i and lv.years.min <= lvls[i - 1].years.min:
            out.append(p.marks.diagnostic(("levels", i, "years", "min"), f"levels must go up the ladder: '{lv.id}' starts at {lv.years.min} years, not after '{lvls[i - 1].id}' ({lvls[i - 1].years.min})"))
        if i == len(lvls) - 1 and lv.progression is not None:
            out.append(p.marks.diagnostic(("levels", i, "progression"), f"'{lv.id}' is the top level; it has no next level to progress to"))


def _check_role(p: Parsed, roles: _Ids, levels: _Ids | None, areas: _Ids | None, kpis: _Ids | None,
                out: list[Diagnostic]) -> None:
    r = p.model
    roles.add(r.id, p, ("id",))
    if r.id in RESERVED_IDS:
        out.append(p.marks.diagnostic(("id",), f"role id '{r.id}' is reserved for the index page; choose another"))
    _unique(out, p, [(s.id, ("stack", i, "id")) for i, s in enumerate(r.stack)], "stack category")
    if levels is not None:
        for lid in r.levels:
            if lid not in levels:
                out.append(p.marks.diagnostic(("levels", lid), f"unknown level '{lid}' in role '{r.id}'{suggest(lid, levels.where)}", key=True))
    if areas is not None:
        for i, aid in enumerate(r.areas or ()):
            _ref(out, areas, aid, p, ("areas", i), f"role '{r.id}'")
    if kpis is not None:
        for i, kid in enumerate(r.kpis or ()):
            _ref(out, kpis, kid, p, ("kpis", i), f"role '{r.id}'")


def _unique(out: list[Diagnostic], p: Parsed, pairs: Iterable[tuple[str, tuple]], kind: str) -> None:
    seen: dict[str, tuple] = {}
    for ident, loc in pairs:
        if ident in seen:
            out.append(p.marks.diagnostic(loc, f"duplicate {kind} id '{ident}' (first at line {p.marks.at(seen[ident])[0]})"))
        seen.setdefault(ident, loc)


def _check_aliases(parsed: dict[str, list[Parsed]], out: list[Diagnostic]) -> None:
    """An alias may not equal a live id or another alias of the same kind of entity."""
    def entities() -> Iterable[tuple[str, Parsed, tuple, Any]]:
        for p in parsed.get("levels.yml", []):
            for i, lv in enumerate(p.model.levels):
                yield "level", p, ("levels", i), lv
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
            where = loc + ("aliases", ai)
            if alias in live[kind]:
                out.append(p.marks.diagnostic(where, f"alias '{alias}' of '{e.id}' is still a live id; an alias must be a retired id"))
            elif (kind, alias) in taken:
                out.append(p.marks.diagnostic(where, f"alias '{alias}' is already an alias of '{taken[(kind, alias)]}'"))
            taken.setdefault((kind, alias), e.id)
