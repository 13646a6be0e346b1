"""Ids scoped by family: the one place that says which level a bare level id names, and under which key.

Authors write level ids as they are. Two ladders may both declare `junior` (the shared ladder, levels.yml, and
families' own ladders). Every level still has one key in the model (its address, `/levels/<key>/`, and what views,
records and exports name it by): the first ladder declaring an id keeps it bare — the shared ladder first, then the
families' in their order (the default family first) — and every other ladder's level is keyed `<family>-<id>`. So
adding a family never changes an existing site's URLs.

A bare reference resolves by where it is written: in a family's own files (its family file, its roles, the roadmap
of that family, the areas only its families use) to the ladders of those families first, then to the shared ladder.
A bare id that stays ambiguous (an area two families with such ladders share, a file of no family) is an error that
names the qualified forms; `<family>-<id>` is accepted anywhere for a level whose id several ladders declare.

`career check` resolves references with `Scopes.resolve`; the files are then rewritten to keys
(`keyed_files`), so that the Framework and everything downstream only ever sees keys.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from .files import Files, Parsed
from .framework import SHARED_LADDER
from .model import AreaFile, FamilyFile, LevelsFile, RoadmapFile, RoleFile
from .walk import Loc
from .yamlio import Marks

SHARED = SHARED_LADDER  # the owner of the shared ladder's levels (levels.yml)


def family_order(families: list[Parsed[FamilyFile]]) -> list[Parsed[FamilyFile]]:
    """Families in their order: the default one first, then by `order`, then by id."""
    return sorted(families, key=lambda p: (not p.model.default, p.model.order is None, p.model.order or 0, p.model.id))


@dataclass(frozen=True)
class Declared:
    """One level as its ladder declares it: the id written, the ladder's owner (SHARED or a family id), its key and
    where its id is written."""

    id: str
    owner: str
    key: str
    p: Parsed[Any]
    loc: Loc

    @property
    def qualified(self) -> str | None:
        """`<family>-<id>`, the form naming it anywhere (None for the shared ladder's levels)."""
        return None if self.owner == SHARED else f"{self.owner}-{self.id}"

    def owner_name(self) -> str:
        return "levels.yml" if self.owner == SHARED else f"family '{self.owner}'"


@dataclass(frozen=True)
class Ambiguous:
    """A bare id several ladders in reach declare: what to write instead."""

    value: str
    choices: tuple[Declared, ...]

    def message(self, where: str) -> str:
        owners = " and ".join(d.owner_name() for d in self.choices)
        forms = " or ".join(f"'{d.qualified or d.key}'" for d in self.choices)
        return (f"level '{self.value}' in {where} is ambiguous: {owners} each have a level '{self.value}', and this "
                f"place belongs to no single one of them; write {forms}")


@dataclass(frozen=True)
class Clashing:
    """A level whose key (or qualified form) is another level's id: reported as such, named by nothing."""

    value: str


Resolved = str | Ambiguous | Clashing | None


@dataclass
class Scopes:
    """The levels of every ladder with their keys, and each file's families (see the module docstring)."""

    declared: dict[str, list[Declared]] = field(default_factory=dict)  # bare id -> its declarations, first owner first
    named: dict[str, Declared] = field(default_factory=dict)  # key or qualified form -> its declaration
    own_ladder: set[str] = field(default_factory=set)  # families with a ladder of their own
    families: tuple[str, ...] = ()  # every family, in order
    area_families: dict[str, tuple[str, ...]] = field(default_factory=dict)  # area id -> the families listing it
    unlisted: tuple[str, ...] = ()  # families without `areas:` (theirs are the areas no family lists)
    clashes: list[tuple[str, Declared, Declared]] = field(default_factory=list)  # (a form, its level, the level of that id)

    @property
    def keyed(self) -> bool:
        """Whether any level's key differs from its id (the files need rewriting)."""
        return any(len(ds) > 1 for ds in self.declared.values())

    def key(self, ladder: str, level_id: str) -> str:
        """The key of a level of a ladder (SHARED or a family id), as declared."""
        return next((d.key for d in self.declared.get(level_id, ()) if d.owner == ladder), level_id)

    def scope(self, p: Parsed[Any]) -> tuple[str, ...]:
        """The families a file belongs to (none: a file of no family, or a framework without families/)."""
        m = p.model
        if isinstance(m, FamilyFile):
            return (m.id,)
        if isinstance(m, RoleFile | RoadmapFile):
            first = self.families[0] if self.families else None
            family = m.family or (first if isinstance(m, RoadmapFile) or len(self.families) == 1 else None)
            return (family,) if family in self.families else ()
        if isinstance(m, AreaFile):
            return self.area_families.get(m.id, self.unlisted)
        return ()

    def resolve(self, value: str, scope: tuple[str, ...]) -> Resolved:
        """The key a level reference written in a place of `scope` names: a bare id by the ladders in reach (the
        families' own, else the shared ladder), else a key or qualified form; None when nothing has that name."""
        found = self._declaration(value, scope)
        if isinstance(found, Declared):
            return Clashing(value) if any(found is d for _, d, _ in self.clashes) else found.key
        return found

    def _declaration(self, value: str, scope: tuple[str, ...]) -> Declared | Ambiguous | None:
        choices = self.declared.get(value)
        if not choices:
            return self.named.get(value)
        if len(choices) == 1:
            return choices[0]
        reach = {f if f in self.own_ladder else SHARED for f in scope}
        near = tuple(d for d in choices if d.owner in reach)
        if len(near) == 1:
            return near[0]
        if not near and choices[0].owner == SHARED:
            return choices[0]
        return Ambiguous(value, near or tuple(choices))


def scopes(files: Files) -> Scopes:
    """The keys of every level of `files` and the families of each place that names levels."""
    ordered = family_order(files.families)
    out = Scopes(families=tuple(p.model.id for p in ordered),
                 own_ladder={p.model.id for p in ordered if p.model.ladder is not None},
                 unlisted=tuple(p.model.id for p in ordered if p.model.areas is None))
    listing: dict[str, list[str]] = {}
    for p in ordered:
        for aid in p.model.areas or ():
            listing.setdefault(aid, []).append(p.model.id)
    out.area_families = {aid: tuple(fams) for aid, fams in listing.items()}
    ladders: list[tuple[str, Parsed[Any], Loc, Any]] = []
    if files.levels is not None:
        ladders.append((SHARED, files.levels, (), files.levels.model))
    ladders += [(p.model.id, p, ("ladder",), p.model.ladder) for p in ordered if p.model.ladder is not None]
    for owner, p, at, ladder in ladders:
        for step in ladder.steps():
            _declare(out, step.level.id, owner, p, (*at, *step.loc, "id"))
    _name(out)
    return out


def _declare(out: Scopes, level_id: str, owner: str, p: Parsed[Any], loc: Loc) -> None:
    same = out.declared.setdefault(level_id, [])
    if any(d.owner == owner for d in same):
        return  # a duplicate within one ladder: reported as such
    key = level_id if not same else f"{owner}-{level_id}"
    same.append(Declared(level_id, owner, key, p, loc))


def _name(out: Scopes) -> None:
    """Keys and qualified forms (of ids several ladders declare), each checked against every bare id."""
    for ds in out.declared.values():
        forms = {d.key: d for d in ds} | ({d.qualified: d for d in ds if d.qualified} if len(ds) > 1 else {})
        for form, d in forms.items():
            if form == d.id:
                continue
            other = next(iter(out.declared.get(form, ())), None) or out.named.get(form)
            if other is not None:
                out.clashes.append((form, d, other))
            else:
                out.named[form] = d


# the files rewritten to keys -------------------------------------------------------------------------------------
def keyed_files(files: Files, found: Scopes) -> Files:
    """The files with every level id and level reference written as its key (the same files when no key differs)."""
    if not found.keyed:
        return files
    return files.mapped(lambda p: _keyed(p, found))


def _keyed(p: Parsed[Any], found: Scopes) -> Parsed[Any]:
    owner = SHARED if isinstance(p.model, LevelsFile) else p.model.id if isinstance(p.model, FamilyFile) else None
    changes: list[tuple[Loc, str, bool]] = []
    if owner is not None:
        changes += [((*e.loc, "id"), found.key(owner, e.id), False) for e in p.entities() if e.kind == "level"]
    scope = found.scope(p)
    for ref in p.references():
        if ref.refers.kind == "level":
            key = found.resolve(ref.value, scope)
            if isinstance(key, str):
                changes.append((ref.loc, key, ref.key))
    changes = [(loc, key, is_key) for loc, key, is_key in changes if _at(p.model, loc, is_key) != key]
    if not changes:
        return p
    return p.derived(f"keyed:{changes!r}", lambda q: _rewritten(q, changes))


def _at(value: Any, loc: Loc, is_key: bool) -> Any:
    for step in loc[:-1] if is_key else loc:
        value = getattr(value, str(step)) if isinstance(value, BaseModel) else value[step]
    return loc[-1] if is_key else value


def _rewritten(p: Parsed[Any], changes: list[tuple[Loc, str, bool]]) -> Parsed[Any]:
    model, marks = p.model, p.marks
    for loc, key, is_key in changes:
        model = _replaced(model, loc, key, is_key)
        if is_key:
            marks = _moved(marks, loc, (*loc[:-1], key))
    return Parsed(p.kind, p.rel, p.display, model, marks)


def _replaced(value: Any, loc: Loc, new: str, is_key: bool) -> Any:
    """`value` with the value at `loc` (or, `is_key`, the mapping key at `loc`) replaced by `new`."""
    if not loc:
        return new
    step, rest = loc[0], loc[1:]
    if isinstance(value, BaseModel):
        return value.model_copy(update={str(step): _replaced(getattr(value, str(step)), rest, new, is_key)})
    if isinstance(value, tuple):
        i = int(step)
        return (*value[:i], _replaced(value[i], rest, new, is_key), *value[i + 1:])
    if isinstance(value, dict):
        if not rest and is_key:
            return {new if k == step else k: v for k, v in value.items()}
        return {k: (_replaced(v, rest, new, is_key) if k == step else v) for k, v in value.items()}
    return new  # pragma: no cover - a reference is a string, a list entry or a mapping key


def _moved(marks: Marks, old: Loc, new: Loc) -> Marks:
    """Marks with the positions under `old` moved under `new` (a renamed mapping key)."""
    def move(table: dict[Loc, tuple[int, int]]) -> dict[Loc, tuple[int, int]]:
        n = len(old)
        return {(*new, *loc[n:]) if loc[:n] == old else loc: at for loc, at in table.items()}

    return Marks(marks.path, move(marks.values), move(marks.keys))
