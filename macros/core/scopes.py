"""Ids scoped by family: the one place that says which level or area a bare id names, and under which key.

Authors write ids as they are. Two ladders may both declare `junior` (the shared ladder, levels.yml, and families'
own ladders); two areas may both be `technical` when each says which family it belongs to (`family:`). Every level
and area still has one key in the model (its address, `/levels/<key>/`, `/competencies/<key>/`, and what views,
records and exports name it by): the first to declare an id keeps it bare — the shared ladder (or an area of no
family) first, then the families' in their order (the default family first) — and every other one is keyed
`<family>-<id>`. So a family added after the others never changes an existing site's URLs.

A bare reference resolves by where it is written: in a family's own files (its family file, its roles, the roadmap
of that family, the areas only its families use) to what those families declare first, then to the shared ladder
(or the area of no family). A bare id that stays ambiguous (an area two families with such ladders share, a file of
no family) is an error that names the qualified forms; `<family>-<id>` is accepted anywhere for a family's level or
area.

`career check` resolves references with `Scopes.resolve`; the files are then rewritten to keys (`keyed_files`), so
that the Framework and everything downstream only ever sees keys.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel

from .files import Files, Parsed
from .framework import SHARED_LADDER
from .model import AreaFile, FamilyFile, LevelsFile, RoadmapFile, RoleFile
from .walk import Loc
from .yamlio import Marks

SHARED = SHARED_LADDER  # the owner of the shared ladder's levels (levels.yml) and of the areas of no family


def family_order(families: list[Parsed[FamilyFile]]) -> list[Parsed[FamilyFile]]:
    """Families in their order: the default one first, then by `order`, then by id."""
    return sorted(families, key=lambda p: (not p.model.default, p.model.order is None, p.model.order or 0, p.model.id))


def qualified(family: str, ident: str) -> str:
    """The form naming a family's level or area anywhere, and the key of one whose id another declares first."""
    return f"{family}-{ident}"


Kind = Literal["level", "area"]
#: The kinds of ids scoped by family.
SCOPED: tuple[Kind, ...] = ("level", "area")


@dataclass(frozen=True)
class Declared:
    """One level or area as it is declared: its kind, the id written, its owner (SHARED for the shared ladder or an
    area of no family, else a family id), its key and where its id is written."""

    kind: Kind
    id: str
    owner: str
    key: str
    p: Parsed[Any]
    loc: Loc

    @property
    def qualified(self) -> str | None:
        """`<family>-<id>`, the form naming it anywhere (None for the shared ones)."""
        return None if self.owner == SHARED else qualified(self.owner, self.id)

    def owner_name(self) -> str:
        if self.owner != SHARED:
            return f"family '{self.owner}'"
        return "levels.yml" if self.kind == "level" else f"{self.p.display} (an area of no family)"


@dataclass(frozen=True)
class Ambiguous:
    """A bare id several owners in reach declare: what to write instead."""

    value: str
    choices: tuple[Declared, ...]

    def message(self, where: str) -> str:
        kind = self.choices[0].kind
        owners = " and ".join(d.owner_name() for d in self.choices)
        forms = " or ".join(f"'{d.qualified or d.key}'" for d in self.choices)
        return (f"{kind} '{self.value}' in {where} is ambiguous: {owners} each have a{'n' if kind == 'area' else ''} {kind} "
                f"'{self.value}', and this place belongs to no single one of them; write {forms}")


@dataclass(frozen=True)
class Clashing:
    """A level or area whose key (or qualified form) is another one's id: reported as such, named by nothing."""

    value: str


Resolved = str | Ambiguous | Clashing | None


@dataclass
class Names:
    """The ids of one scoped kind: each id's declarations (first owner first), keys and qualified forms."""

    kind: Kind
    declared: dict[str, list[Declared]] = field(default_factory=dict)  # bare id -> its declarations
    named: dict[str, Declared] = field(default_factory=dict)  # key or qualified form -> its declaration
    clashes: list[tuple[str, Declared, Declared]] = field(default_factory=list)  # (a form, its owner, the one of that id)

    def declare(self, ident: str, owner: str, p: Parsed[Any], loc: Loc) -> None:
        same = self.declared.setdefault(ident, [])
        if not any(d.owner == owner for d in same):  # else a duplicate of one owner: reported as such
            same.append(Declared(self.kind, ident, owner, ident if not same else qualified(owner, ident), p, loc))

    def name(self) -> None:
        """Keys and qualified forms, each checked against every bare id. Those of an id declared more than once are
        needed (a clash is an error); that of an id declared once is a courtesy, left out when it clashes."""
        for ds in self.declared.values():
            forms = {d.key: d for d in ds} | {d.qualified: d for d in ds if d.qualified}
            for form, d in forms.items():
                if form == d.id:
                    continue
                other = next(iter(self.declared.get(form, ())), None) or self.named.get(form)
                if other is None:
                    self.named[form] = d
                elif len(ds) > 1:
                    self.clashes.append((form, d, other))

    def of_key(self, key: str) -> Declared | None:
        """What a key names."""
        return self.named.get(key) or next((d for d in self.declared.get(key, ()) if d.key == key), None)

    def key(self, owner: str, ident: str) -> str:
        """The key of what `owner` declares as `ident`."""
        return next((d.key for d in self.declared.get(ident, ()) if d.owner == owner), ident)

    def resolve(self, value: str, reach: set[str]) -> Resolved:
        """The key `value` names where the owners in `reach` are near: a bare id declared once, else the one of the
        near owners, else the shared one; a key or qualified form; None when nothing has that name."""
        found = self._declaration(value, reach)
        if isinstance(found, Declared):
            return Clashing(value) if any(found is d for _, d, _ in self.clashes) else found.key
        return found

    def _declaration(self, value: str, reach: set[str]) -> Declared | Ambiguous | None:
        choices = self.declared.get(value)
        if not choices:
            return self.named.get(value)
        if len(choices) == 1:
            return choices[0]
        near = tuple(d for d in choices if d.owner in reach)
        if len(near) == 1:
            return near[0]
        if not near and choices[0].owner == SHARED:
            return choices[0]
        return Ambiguous(value, near or tuple(choices))


@dataclass
class Scopes:
    """The levels and areas with their keys, and each file's families (see the module docstring)."""

    levels: Names = field(default_factory=lambda: Names("level"))
    areas: Names = field(default_factory=lambda: Names("area"))
    own_ladder: set[str] = field(default_factory=set)  # families with a ladder of their own
    families: tuple[str, ...] = ()  # every family, in order
    area_families: dict[str, tuple[str, ...]] = field(default_factory=dict)  # area key -> the families listing it
    unlisted: tuple[str, ...] = ()  # families without `areas:` (theirs are the areas no family lists)
    # answers already given (a reading asks ~20,000 times at 50x the seed): a file's families by id(file), with the
    # file kept so that its id stays its own, and what a value names in a scope
    _scopes: dict[int, tuple[Parsed[Any], tuple[str, ...]]] = field(default_factory=dict, repr=False, compare=False)
    _resolved: dict[tuple[Kind, str, tuple[str, ...]], Resolved] = field(default_factory=dict, repr=False, compare=False)

    @property
    def keyed(self) -> bool:
        """Whether anything has a name besides its id (a key or qualified form: the files may need rewriting)."""
        return bool(self.levels.named or self.areas.named)

    def names(self, kind: Kind) -> Names:
        return self.levels if kind == "level" else self.areas

    def scope(self, p: Parsed[Any]) -> tuple[str, ...]:
        """The families a file belongs to (none: a file of no family, or a framework without families/)."""
        known = self._scopes.get(id(p))
        if known is None:
            known = self._scopes[id(p)] = (p, self._scope(p))
        return known[1]

    def _scope(self, p: Parsed[Any]) -> tuple[str, ...]:
        m = p.model
        if isinstance(m, FamilyFile):
            return (m.id,)
        if isinstance(m, RoleFile | RoadmapFile):
            first = self.families[0] if self.families else None
            family = m.family or (first if isinstance(m, RoadmapFile) or len(self.families) == 1 else None)
            return (family,) if family in self.families else ()
        if isinstance(m, AreaFile):
            if m.family is not None:
                return (m.family,)
            return self.area_families.get(self.areas.key(SHARED, m.id), self.unlisted)
        return ()

    def resolve(self, kind: Kind, value: str, scope: tuple[str, ...]) -> Resolved:
        """The key a reference to a level or area written in a place of `scope` names (see `Names.resolve`): for a
        level, the ladders in reach are the families' own, else the shared one."""
        asked = (kind, value, scope)
        if asked in self._resolved:
            return self._resolved[asked]
        reach = {f if f in self.own_ladder or kind == "area" else SHARED for f in scope}
        found = self._resolved[asked] = self.names(kind).resolve(value, reach)
        return found


def scopes(files: Files) -> Scopes:
    """The keys of every level and area of `files` and the families of each place that names them."""
    ordered = family_order(files.families)
    out = Scopes(families=tuple(p.model.id for p in ordered),
                 own_ladder={p.model.id for p in ordered if p.model.ladder is not None},
                 unlisted=tuple(p.model.id for p in ordered if p.model.areas is None))
    ladders: list[tuple[str, Parsed[Any], Loc, Any]] = []
    if files.levels is not None:
        ladders.append((SHARED, files.levels, (), files.levels.model))
    ladders += [(p.model.id, p, ("ladder",), p.model.ladder) for p in ordered if p.model.ladder is not None]
    for owner, p, at, ladder in ladders:
        for step in ladder.steps():
            out.levels.declare(step.level.id, owner, p, (*at, *step.loc, "id"))
    rank = {f: i for i, f in enumerate(out.families)}
    for a in sorted(files.areas, key=lambda a: (a.model.family is not None, rank.get(a.model.family or "", len(rank)))):
        out.areas.declare(a.model.id, a.model.family or SHARED, a, ("id",))
    out.levels.name()
    out.areas.name()
    listing: dict[str, list[str]] = {}
    for p in ordered:
        for aid in p.model.areas or ():
            key = out.resolve("area", aid, (p.model.id,))
            if isinstance(key, str):
                listing.setdefault(key, []).append(p.model.id)
    out.area_families = {key: tuple(fams) for key, fams in listing.items()}
    return out


def owner(p: Parsed[Any]) -> str | None:
    """Who owns the scoped ids a file declares: SHARED (levels.yml, an area of no family), a family, or None."""
    m = p.model
    if isinstance(m, LevelsFile):
        return SHARED
    if isinstance(m, AreaFile):
        return m.family or SHARED
    return m.id if isinstance(m, FamilyFile) else None


# the files rewritten to keys -------------------------------------------------------------------------------------
def keyed_files(files: Files, found: Scopes) -> Files:
    """The files with every level and area id, and every reference to one, written as its key (the same files when
    no key differs from its id)."""
    if not found.keyed:
        return files
    return files.mapped(lambda p: _keyed(p, found))


def _keyed(p: Parsed[Any], found: Scopes) -> Parsed[Any]:
    by = owner(p)
    changes: list[tuple[Loc, str, bool]] = []
    if by is not None:
        changes += [((*e.loc, "id"), found.names(e.kind).key(by, e.id), False) for e in p.entities() if e.kind in SCOPED]
    scope = found.scope(p)
    for ref in p.references():
        if ref.refers.kind in SCOPED:
            key = found.resolve(ref.refers.kind, ref.value, scope)
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
