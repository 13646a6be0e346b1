"""Audiences: the public build leaves out everything marked `internal: true` (an entity or one text),
and every interview question; and then everything that only makes sense next to what it left out.

The filter works on the parsed files before they are joined, generically over the models: a new field is
filtered without code here. It runs in two steps:

1. `strip_internal`: entities marked internal leave their lists and mappings, internal optional texts become
   empty, whole files marked internal are dropped.
2. `prune`: references declared with `Refers` in the models (`core/model.py`) whose target is gone are
   dropped (a list entry leaves, a reference marked `gone="none"` empties, any other drops the entity holding
   it); an entity left without a required entry (a role without levels, a group without items or behaviours,
   a ladder without levels) is dropped too, and so on until nothing changes. Last, a level with nothing above
   it on any path loses its progression row (it described the step into a level the build left out).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import cache
from typing import Any, Literal

from annotated_types import MinLen
from pydantic import BaseModel

from .files import Parsed
from .model import AreaFile, Ladder, LevelsFile, Refers, RefKind

Audience = Literal["internal", "public"]
#: What a pruned value becomes when the entity holding it must go.
DROP: Any = object()


def _hidden(value: Any) -> bool:
    return isinstance(value, BaseModel) and bool(getattr(value, "internal", False))


def strip_internal(value: Any) -> Any:
    """`value` without anything marked internal: such entries leave lists and mappings, and optional
    fields become empty. A required field keeps its value (`career check` refuses marking one internal)."""
    if isinstance(value, BaseModel):
        update: dict[str, Any] = {}
        for name, info in type(value).model_fields.items():
            old = getattr(value, name)
            if _hidden(old) and not info.is_required():
                update[name] = None if info.default is None else info.default
                continue
            new = strip_internal(old)
            if new is not old:
                update[name] = new
        return value.model_copy(update=update) if update else value
    if isinstance(value, tuple):
        kept = tuple(strip_internal(v) for v in value if not _hidden(v))
        return kept if len(kept) != len(value) or any(a is not b for a, b in zip(kept, value, strict=True)) else value
    if isinstance(value, dict):
        kept_d = {k: strip_internal(v) for k, v in value.items() if not _hidden(v)}
        return kept_d if kept_d.keys() != value.keys() or any(kept_d[k] is not value[k] for k in kept_d) else value
    return value


# what a model declares ------------------------------------------------------------------------------------
@cache
def _plan(cls: type[BaseModel]) -> tuple[tuple[str, Refers | None, int], ...]:
    """Per field that can hold a reference or a model: its name, its `Refers` (or None) and its minimum length."""
    out = []
    for name, info in cls.model_fields.items():
        refers = next((m for m in info.metadata if isinstance(m, Refers)), None)
        least = next((m.min_length for m in info.metadata if isinstance(m, MinLen)), 0)
        if refers is not None or least or _holds_models(info.annotation):
            out.append((name, refers, least))
    return tuple(out)


def _holds_models(annotation: Any) -> bool:
    from typing import get_args  # noqa: PLC0415 - only while planning a class, once

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_models(a) for a in get_args(annotation))


def defined_ids(values: Iterable[Any]) -> dict[RefKind, set[str]]:
    """Every id each model (`entity`) inside `values` defines, by kind."""
    out: dict[RefKind, set[str]] = {}

    def walk(value: Any) -> None:
        if isinstance(value, BaseModel):
            kind = getattr(value, "entity", None)
            if kind is not None:
                out.setdefault(kind, set()).add(value.id)  # type: ignore[attr-defined]
            for name, _, _ in _plan(type(value)):
                walk(getattr(value, name))
        elif isinstance(value, (tuple, list)):
            for v in value:
                walk(v)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)

    for v in values:
        walk(v)
    return out


def prune(value: Any, live: dict[RefKind, set[str]]) -> Any:
    """`value` without references to ids that are not `live` (see the module docstring); DROP when the
    value itself must go."""
    if isinstance(value, BaseModel):
        update: dict[str, Any] = {}
        for name, refers, least in _plan(type(value)):
            old = getattr(value, name)
            new = _pruned_field(old, refers, live)
            if new is DROP or (least and len(new) < least):
                return DROP  # a required reference gone, or a required list left short: nothing to stand on
            if new is not old:
                update[name] = new
        if update:
            value = value.model_copy(update=update)
        needs = getattr(value, "needs_any", ())
        if needs and not any(getattr(value, n) for n in needs):
            return DROP  # e.g. a group whose items and behaviours all went
        return value
    if isinstance(value, tuple):
        kept = tuple(x for x in (prune(v, live) for v in value) if x is not DROP)
        return kept if len(kept) != len(value) or any(a is not b for a, b in zip(kept, value, strict=True)) else value
    if isinstance(value, dict):
        kept_d = {k: x for k, v in value.items() if (x := prune(v, live)) is not DROP}
        return kept_d if kept_d.keys() != value.keys() or any(kept_d[k] is not value[k] for k in kept_d) else value
    return value


def _pruned_field(old: Any, refers: Refers | None, live: dict[RefKind, set[str]]) -> Any:
    if refers is None or old is None:
        return prune(old, live)
    ids = live.get(refers.kind, set())
    if isinstance(old, tuple):
        kept = tuple(x for x in old if x in ids)
        return kept if len(kept) != len(old) else old
    if isinstance(old, dict):
        if refers.keys and not old.keys() <= ids:
            return prune({k: v for k, v in old.items() if k in ids}, live)
        return prune(old, live)
    if old in ids:
        return old
    return None if refers.gone == "none" else DROP


# the filter ------------------------------------------------------------------------------------------------
def _explicit_levels(area: AreaFile) -> AreaFile:
    """Each item with its level written out (the group's default otherwise), so that a group whose default level
    is left out keeps the items it holds at other levels."""
    groups = tuple(g.model_copy(update={"items": tuple(it if it.level or not g.level else it.model_copy(update={"level": g.level})
                                                       for it in g.items)}) if g.level else g for g in area.groups)
    return area.model_copy(update={"groups": groups})


def _ladders(parsed: dict[str, list[Parsed]]) -> Iterator[tuple[Parsed, Ladder]]:
    for p in parsed.get("levels.yml", []):
        yield p, p.model
    for p in parsed.get("families", []):
        if p.model.ladder is not None:
            yield p, p.model.ladder


def _without_dead_ends(ladder: Ladder) -> Ladder:
    """The ladder without progression rows on levels that nothing follows on any path."""
    paths = [ladder.levels + t.levels for t in ladder.tracks] or [ladder.levels]
    followed = {lv.id for path in paths for lv in path[:-1]}
    fix = {lv.id for lv in ladder.levels + tuple(x for t in ladder.tracks for x in t.levels)
           if lv.progression is not None and lv.id not in followed}
    if not fix:
        return ladder

    def cut(levels: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(lv.model_copy(update={"progression": None}) if lv.id in fix else lv for lv in levels)

    return ladder.model_copy(update={"levels": cut(ladder.levels),
                                     "tracks": tuple(t.model_copy(update={"levels": cut(t.levels)}) for t in ladder.tracks)})


def for_audience(parsed: dict[str, list[Parsed]], audience: Audience) -> dict[str, list[Parsed]]:
    """The parsed files a build for `audience` shows (the internal audience sees everything)."""
    if audience == "internal":
        return parsed
    out = {kind: [replace(p, model=strip_internal(p.model)) for p in ps if not _hidden(p.model)]
           for kind, ps in parsed.items() if kind != "interview"}  # interview questions are for interviewers only
    out["competencies"] = [replace(p, model=_explicit_levels(p.model)) for p in out.get("competencies", [])]
    while True:
        live = defined_ids(p.model for ps in out.values() for p in ps)
        changed = False
        if not out.get("levels.yml") and any(p.model.ladder is None for p in out.get("families", [])):
            out["families"] = [p for p in out["families"] if p.model.ladder is not None]  # they climbed the shared ladder
            continue
        for kind, ps in out.items():
            kept = []
            for p in ps:
                model = prune(p.model, live)
                changed |= model is not p.model
                if model is not DROP:
                    kept.append(p if model is p.model else replace(p, model=model))
            out[kind] = kept
        if not changed:
            break
    for p, ladder in list(_ladders(out)):
        fixed = _without_dead_ends(ladder)
        if fixed is not ladder:
            model = fixed if isinstance(p.model, LevelsFile) else p.model.model_copy(update={"ladder": fixed})
            kind = "levels.yml" if isinstance(p.model, LevelsFile) else "families"
            out[kind] = [replace(q, model=model) if q is p else q for q in out[kind]]
    return out

