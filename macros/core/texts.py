"""Every text inside a file's model, with where it sits: for checks that look at texts wherever they are
(a required text marked internal, a text without a language). Quotes of source documents are left out."""
from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any, get_args

from pydantic import BaseModel

from .model import Quote
from .text import Text

Loc = tuple[str | int, ...]


def _holds_models(annotation: Any) -> bool:
    """Whether a field's type can hold a pydantic model (a Text among them), at any depth."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_models(arg) for arg in get_args(annotation))


@cache
def _fields(cls: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """The fields of a model class that can hold a text, each with whether it is required; quotes left out."""
    return tuple((name, f.is_required()) for name, f in cls.model_fields.items()
                 if _holds_models(f.annotation) and not any(isinstance(m, Quote) for m in f.metadata))


def texts(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, Text, bool]]:
    """Each Text inside `value` (a model, or a tuple or dict of them) with its location, and whether it is
    the value of a required field itself (not an entry of a list)."""
    if isinstance(value, Text):
        yield loc, value, False
    elif isinstance(value, BaseModel):
        for name, required in _fields(type(value)):
            child = getattr(value, name)
            if isinstance(child, Text):
                yield (*loc, name), child, required
            else:
                yield from texts(child, (*loc, name))
    elif isinstance(value, tuple):
        for i, v in enumerate(value):
            yield from texts(v, (*loc, i))
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from texts(v, (*loc, k))
