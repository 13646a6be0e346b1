"""Turns pydantic validation errors into readable `file:line:col` diagnostics."""
from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from .diagnostics import Diagnostic
from .yamlio import Marks

_KINDS = {
    bool: "true/false", int: "a number", float: "a number", str: "text",
    dict: "a mapping", list: "a list", type(None): "an empty value",
}
_EXPECTED = {
    "string_type": "text", "int_type": "a whole number", "bool_type": "true or false",
    "tuple_type": "a list", "list_type": "a list", "dict_type": "a mapping", "model_type": "a mapping",
    "model_attributes_type": "a mapping", "float_type": "a number",
}


def field_names(model: type[BaseModel]) -> set[str]:
    """Every field name used anywhere in a model tree (candidates for 'did you mean')."""
    seen: set[type] = set()
    names: set[str] = set()

    def walk(tp: Any) -> None:
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if tp in seen:
                return
            seen.add(tp)
            for name, f in tp.model_fields.items():
                names.add(name)
                walk(f.annotation)
        for arg in getattr(tp, "__args__", ()) or ():
            walk(arg)
        for meta in getattr(tp, "__metadata__", ()) or ():
            walk(meta)
        if hasattr(tp, "__origin__"):
            walk(tp.__origin__)

    walk(model)
    return names


def suggest(value: str, candidates: Any) -> str:
    """`; did you mean 'x'?` when a close candidate exists, else ''."""
    match = difflib.get_close_matches(value, sorted(candidates), n=1, cutoff=0.6)
    return f"; did you mean '{match[0]}'?" if match else ""


def diagnostics(exc: ValidationError, marks: Marks, model: type[BaseModel]) -> list[Diagnostic]:
    """One diagnostic per pydantic error, placed at the value (or key) it concerns."""
    out = []
    errors = exc.errors(include_url=False)
    deeper = [tuple(e["loc"]) for e in errors]
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "too_short" and any(len(d) > len(loc) and d[: len(loc)] == loc for d in deeper):
            continue  # a list whose items failed is reported through those items
        kind = err["type"]
        got = _KINDS.get(type(err.get("input")), type(err.get("input")).__name__)
        if kind == "extra_forbidden":
            key = str(loc[-1])
            out.append(marks.diagnostic(loc, f"unknown key '{key}'{suggest(key, field_names(model))}", key=True))
        elif kind == "missing":
            where = ".".join(map(str, loc[:-1])) or "top level"
            out.append(marks.diagnostic(loc[:-1], f"missing required key '{loc[-1]}' (in {where})"))
        elif loc and loc[-1] == "[key]":
            out.append(marks.diagnostic(loc[:-1], _message(err), key=True))
        elif kind in _EXPECTED:
            out.append(marks.diagnostic(loc, f"expected {_EXPECTED[kind]} for '{_name(loc)}', found {got}"))
        else:
            out.append(marks.diagnostic(loc, f"{_message(err)} (at '{_name(loc)}')"))
    return out


def _name(loc: tuple) -> str:
    parts = [str(p) for p in loc if not (isinstance(p, str) and p in ("ko",) and p == loc[-1])]
    return ".".join(parts) or "top level"


def _message(err: dict) -> str:
    msg = err["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        msg = msg.removeprefix(prefix)
    return msg
