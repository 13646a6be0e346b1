"""Walks over the models of framework files, driven by what the models declare: which models define ids
(`entity`), which fields name other entities (`Refers`), which lists must not be empty. `career check`, the public
build's filter and the assembly of the Framework read the same walks, so a new entity or reference is handled
everywhere by declaring it once in core/model.py."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple, get_args

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


def _children(value: Any, loc: Loc) -> Iterator[tuple[Loc, Any]]:
    if isinstance(value, BaseModel):
        for f in fields(type(value)):
            yield (*loc, f.name), getattr(value, f.name)
    elif isinstance(value, tuple | list):
        for i, v in enumerate(value):
            yield (*loc, i), v
    elif isinstance(value, dict):
        for k, v in value.items():
            yield (*loc, k), v


class Entity(NamedTuple):
    """A model that defines an id: where it is, its kind (its class's `entity`), its id and the model."""

    loc: Loc
    kind: RefKind
    id: str
    model: BaseModel


def entities(value: Any, loc: Loc = ()) -> Iterator[Entity]:
    """Every model inside `value` that defines an id, with its location, outermost first."""
    if isinstance(value, BaseModel):
        kind, ident = getattr(value, "entity", None), getattr(value, "id", None)
        if kind is not None and ident is not None:  # a behaviour may have no id of its own
            yield Entity(loc, kind, ident, value)
    for child_loc, child in _children(value, loc):
        if isinstance(child, BaseModel | tuple | list | dict):
            yield from entities(child, child_loc)


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
    kind, ident = getattr(model, "entity", None), getattr(model, "id", None)
    if kind is not None and ident is not None:
        return f"{kind} '{ident}'"
    noun = getattr(model, "noun", None)
    return f"a {noun.en} of {parent}" if noun is not None and not root else parent


def references(value: Any, owner: str, loc: Loc = ()) -> Iterator[Reference]:
    """Every reference inside `value` (list entries and mapping keys one by one), in document order."""
    if isinstance(value, BaseModel):
        owner = describe(value, owner, root=not loc)
        for f in fields(type(value)):
            child = getattr(value, f.name)
            here = (*loc, f.name)
            if f.refers is not None and child is not None:
                if isinstance(child, str):
                    yield Reference(here, f.refers, child, owner)
                elif isinstance(child, tuple):
                    yield from (Reference((*here, i), f.refers, v, owner) for i, v in enumerate(child))
                elif isinstance(child, dict) and f.refers.keys:
                    yield from (Reference((*here, k), f.refers, k, owner, key=True) for k in child)
            if not isinstance(child, str):
                yield from references(child, owner, here)
    else:
        for child_loc, child in _children(value, loc):
            if isinstance(child, BaseModel | tuple | list | dict):
                yield from references(child, owner, child_loc)
