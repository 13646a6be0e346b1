"""Walks over the models of framework files, driven by what the models declare: which models define ids
(`entity`), which fields name other entities (`Refers`), which lists must not be empty. `career check`, the public
build's filter and the assembly of the Framework read the same walks, so a new entity or reference is handled
everywhere by declaring it once in core/model.py."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, NamedTuple, get_args

from annotated_types import MinLen
from pydantic import BaseModel

from .model import Refers, RefKind

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Field:
    """A field the walks look into: its name, its reference declaration (or None) and its minimum length."""

    name: str
    refers: Refers | None
    least: int


def _holds_models(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_models(a) for a in get_args(annotation))


@cache
def fields(cls: type[BaseModel]) -> tuple[Field, ...]:
    """The fields of a model class that name entities, hold models or must not be empty."""
    out = []
    for name, info in cls.model_fields.items():
        refers = next((m for m in info.metadata if isinstance(m, Refers)), None)
        least = next((m.min_length for m in info.metadata if isinstance(m, MinLen)), 0)
        if refers is not None or least or _holds_models(info.annotation):
            out.append(Field(name, refers, least))
    return tuple(out)


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for a in get_args(annotation):
        yield from _models_in(a)


@cache
def _reach(cls: type[BaseModel]) -> frozenset[type[BaseModel]]:
    """The model classes a model of `cls` can hold, itself included, at any depth (from the fields' annotations)."""
    seen: set[type[BaseModel]] = set()
    todo = [cls]
    while todo:
        c = todo.pop()
        if c not in seen:
            seen.add(c)
            todo += [m for f in fields(c) for m in _models_in(c.model_fields[f.name].annotation)]
    return frozenset(seen)


@cache
def _walked(cls: type[BaseModel], what: Literal["entities", "references"]) -> tuple[tuple[Field, bool], ...]:
    """The fields of `cls` a walk looks at, each with whether the walk goes into its value: those that can hold, at
    any depth, a model defining an id (entities) or a field naming entities (references; a field that names them is
    looked at too). Texts, lists of ids and other leaves are never entered: they are most of a file's values."""
    def wanted(c: type[BaseModel]) -> bool:
        return _declares(c)[0] is not None if what == "entities" else any(f.refers is not None for f in fields(c))
    out = []
    for f in fields(cls):
        descend = any(wanted(c) for m in _models_in(cls.model_fields[f.name].annotation) for c in _reach(m))
        if descend or (what == "references" and f.refers is not None):
            out.append((f, descend))
    return tuple(out)


@cache
def _declares(cls: type[BaseModel]) -> tuple[RefKind | None, bool, Any]:
    """What a model class declares for the walks: its entity kind, whether it has an `id` field, and its noun. Read
    from the class once: asking an instance for an attribute its class lacks goes through pydantic's `__getattr__`,
    which raises (it made `career check` a second slower at 50x the seed)."""
    return getattr(cls, "entity", None), "id" in cls.model_fields, getattr(cls, "noun", None)


def _entity(value: BaseModel) -> tuple[RefKind | None, str | None]:
    """The entity kind and id a model defines ((None, None) when it defines none; a behaviour may have no id)."""
    kind, has_id, _ = _declares(type(value))
    ident = value.id if has_id else None  # type: ignore[attr-defined]
    return (kind, ident) if kind is not None and ident is not None else (None, None)


def _items(value: Any) -> Iterable[tuple[str | int, Any]]:
    """The entries of a list or mapping with their places."""
    return enumerate(value) if isinstance(value, tuple | list) else value.items()


class Entity(NamedTuple):
    """A model that defines an id: where it is, its kind (its class's `entity`), its id and the model."""

    loc: Loc
    kind: RefKind
    id: str
    model: BaseModel


def entities(value: Any, loc: Loc = ()) -> list[Entity]:
    """Every model inside `value` that defines an id, with its location, outermost first."""
    out: list[Entity] = []
    _entities(value, loc, out)
    return out


def _entities(value: Any, loc: Loc, out: list[Entity]) -> None:
    if isinstance(value, BaseModel):
        kind, ident = _entity(value)
        if kind is not None and ident is not None:
            out.append(Entity(loc, kind, ident, value))
        children: Iterable[tuple[str | int, Any]] = ((f.name, getattr(value, f.name)) for f, _ in _walked(type(value), "entities"))
    elif isinstance(value, tuple | list | dict):
        children = _items(value)
    else:
        return
    for at, child in children:
        if isinstance(child, BaseModel | tuple | list | dict):
            _entities(child, (*loc, at), out)


def defined_ids(values: Any) -> dict[RefKind, set[str]]:
    """Every id each entity inside `values` (a model, or any list of them) defines, by kind."""
    out: dict[RefKind, set[str]] = {}
    for e in entities(values):
        out.setdefault(e.kind, set()).add(e.id)
    return out


@dataclass(frozen=True)
class Reference:
    """One value naming another entity: where it is, what it names, and who names it (for messages)."""

    loc: Loc
    refers: Refers
    value: str
    owner: str  # e.g. "item 'gil'", "a behaviour of group 'x'", "roadmap.yml"
    key: bool = False  # the value is a mapping's key (a role's level), not a value


def describe(model: BaseModel, parent: str, *, root: bool = False) -> str:
    """How a message names a model: `item 'gil'`; a model without an id inside another by its noun and its owner
    (`a behaviour of group 'x'`); a file's model without an id as the file (`parent`)."""
    kind, ident = _entity(model)
    if kind is not None and ident is not None:
        return f"{kind} '{ident}'"
    noun = _declares(type(model))[2]
    return f"a {noun.en} of {parent}" if noun is not None and not root else parent


def references(value: Any, owner: str, loc: Loc = ()) -> list[Reference]:
    """Every reference inside `value` (list entries and mapping keys one by one), in document order."""
    out: list[Reference] = []
    _references(value, owner, loc, out)
    return out


def _references(value: Any, owner: str, loc: Loc, out: list[Reference]) -> None:
    if isinstance(value, BaseModel):
        owner = describe(value, owner, root=not loc)
        for f, descend in _walked(type(value), "references"):
            child = getattr(value, f.name)
            here = (*loc, f.name)
            if f.refers is not None and child is not None:
                if isinstance(child, str):
                    out.append(Reference(here, f.refers, child, owner))
                elif isinstance(child, tuple):
                    out += (Reference((*here, i), f.refers, v, owner) for i, v in enumerate(child))
                elif isinstance(child, dict) and f.refers.keys:
                    out += (Reference((*here, k), f.refers, k, owner, key=True) for k in child)
            if descend and child is not None:
                _references(child, owner, here, out)
    elif isinstance(value, tuple | list | dict):
        for at, child in _items(value):
            if isinstance(child, BaseModel | tuple | list | dict):
                _references(child, owner, (*loc, at), out)
