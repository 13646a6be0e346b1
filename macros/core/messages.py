"""Validation errors in our own words, placed at the `file:line:col` of the value (or key) concerned."""
from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from .diagnostics import Diagnostic
from .yamlio import Marks

_FOUND = {
    bool: "true/false", int: "a number", float: "a number", str: "text",
    dict: "a mapping", list: "a list", type(None): "an empty value",
}
_EXPECTED = {
    "string_type": "text", "int_type": "a whole number", "bool_type": "true or false",
    "tuple_type": "a list", "list_type": "a list", "dict_type": "a mapping", "model_type": "a mapping",
    "model_attributes_type": "a mapping", "float_type": "a number", "int_parsing": "a whole number",
    "bool_parsing": "true or false", "string_sub_type": "text",
}


def suggest(value: str, candidates: Iterable[str]) -> str:
    """`; did you mean 'x'?` when a close candidate (other than `value` itself) exists, else ''."""
    pool = sorted(c for c in candidates if c != value)
    match = difflib.get_close_matches(value, pool, n=1, cutoff=0.6)
    return f"; did you mean '{match[0]}'?" if match else ""


def models_in(tp: Any) -> list[type[BaseModel]]:
    """The pydantic models an annotation can hold (through Optional, tuples, dicts, Annotated)."""
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [tp]
    out: list[type[BaseModel]] = []
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return models_in(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType, tuple, list, dict) or origin is not None:
        for arg in typing.get_args(tp):
            out += models_in(arg)
    return out


def model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class whose instance sits at `loc` in a document of `model` (None if not a model)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int) or part not in current.model_fields:
            continue  # a list index or a mapping key (e.g. a level id): the value's model was chosen already
        candidates = models_in(current.model_fields[part].annotation)
        current = candidates[0] if candidates else None
    return current


def _where(loc: tuple[str | int, ...]) -> str:
    parts = [str(p) for p in loc if not (isinstance(p, str) and ("[" in p or "(" in p))]
    return ".".join(parts) or "the top level"


def _clean(loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    """The document path of an error, without pydantic's union and validator tags."""
    return tuple(p for p in loc if isinstance(p, int) or not ("[" in p or "(" in p or p == "[key]"))


def _found(value: Any) -> str:
    return _FOUND.get(type(value), type(value).__name__)


def diagnostics(exc: ValidationError, marks: Marks, model: type[BaseModel]) -> list[Diagnostic]:
    """One diagnostic per distinct problem, placed at the value (or key) it concerns."""
    out: list[Diagnostic] = []
    errors = exc.errors(include_url=False)
    paths = [_as_written(_clean(tuple(e["loc"])), marks) for e in errors]
    above = {d[:i] for d in paths for i in range(len(d))}  # every path that holds a failing value deeper down
    seen: set[tuple[tuple[str | int, ...], str]] = set()
    for err, loc in zip(errors, paths, strict=False):
        kind = err["type"]
        if kind == "too_short" and loc in above:
            continue  # a list whose entries failed is reported through those entries
        if kind in _EXPECTED and loc in above:
            continue  # a union branch that failed deeper is reported there
        message, key = _message(err, loc, model)
        where = loc[:-1] if kind == "missing" else loc
        if (where, message) in seen:
            continue
        seen.add((where, message))
        out.append(marks.diagnostic(where, message, key=key))
    return out


def _as_written(loc: tuple[str | int, ...], marks: Marks) -> tuple[str | int, ...]:
    """A text's path as the file has it: a plain string is the text itself, so `title.en` is `title`."""
    if loc and loc[-1] in ("ko", "en") and loc not in marks.values and loc[:-1] in marks.values:
        return loc[:-1]
    return loc


def _message(err: Mapping[str, Any], loc: tuple[str | int, ...], model: type[BaseModel]) -> tuple[str, bool]:
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    name = f"'{_where(loc)}'"
    if kind == "extra_forbidden":
        key = str(loc[-1])
        parent = model_at(model, loc[:-1])
        allowed = sorted(parent.model_fields) if parent else []
        hint = suggest(key, allowed)
        listing = f"; allowed keys here: {', '.join(allowed)}" if allowed else ""
        return f"unknown key '{key}'{hint}{listing}", True
    if kind == "missing":
        return f"missing required key '{loc[-1]}' (in {_where(loc[:-1])})", False
    if "[key]" in [str(p) for p in err["loc"]]:
        return _value_message(err), True
    if kind == "too_short":
        n = ctx.get("min_length", 1)
        return f"{name} needs at least {n} entr{'y' if n == 1 else 'ies'}", False
    if kind == "too_long":
        n, found = ctx.get("max_length", 0), ctx.get("actual_length")
        has = f"has {found:,} entries" if isinstance(found, int) else f"has more than {n:,} entries"  # a mapping stops early
        return f"{name} {has}; the limit is {n:,}", False
    if kind == "literal_error":
        return f"{name} must be one of {ctx.get('expected', '')}, not {value!r}", False
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = next(iter(ctx.values()), "")
        rel = {"greater_than_equal": "at least", "less_than_equal": "at most", "greater_than": "more than",
               "less_than": "less than"}[kind]
        return f"{name} must be {rel} {bound}, not {value!r}", False
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]} for {name}, found {_found(value)}", False
    if kind in ("value_error", "assertion_error"):
        return f"{_value_message(err)} (at {name})", False
    return f"{name} is not valid here ({kind.replace('_', ' ')})", False


def _value_message(err: Mapping[str, Any]) -> str:
    msg = str(err["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        msg = msg.removeprefix(prefix)
    return msg
