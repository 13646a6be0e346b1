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

from dataclasses import replace
from typing import Any, Literal

from pydantic import BaseModel

from .files import Files, Parsed
from .model import AreaFile, FamilyFile, Ladder, Level, LevelsFile, Refers, RefKind
from .walk import defined_ids, fields

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


def prune(value: Any, live: dict[RefKind, set[str]]) -> Any:
    """`value` without references to ids that are not `live` (see the module docstring); DROP when the
    value itself must go."""
    if isinstance(value, BaseModel):
        return _pruned_model(value, live)
    if isinstance(value, tuple):
        kept = tuple(x for x in (prune(v, live) for v in value) if x is not DROP)
        return kept if _differs(kept, value) else value
    if isinstance(value, dict):
        kept_d = {k: x for k, v in value.items() if (x := prune(v, live)) is not DROP}
        return kept_d if kept_d.keys() != value.keys() or _differs(tuple(kept_d.values()), tuple(value.values())) else value
    return value


def _differs(new: tuple[Any, ...], old: tuple[Any, ...]) -> bool:
    return len(new) != len(old) or any(a is not b for a, b in zip(new, old, strict=True))


def _pruned_model(value: BaseModel, live: dict[RefKind, set[str]]) -> Any:
    update: dict[str, Any] = {}
    for f in fields(type(value)):
        old = getattr(value, f.name)
        new = _pruned_field(old, f.refers, live)
        if new is DROP or (f.least and len(new) < f.least):
            return DROP  # a required reference gone, or a required list left short: nothing to stand on
        if new is not old:
            update[f.name] = new
    if update:
        value = value.model_copy(update=update)
    needs = getattr(value, "needs_any", ())
    if needs and not any(getattr(value, n) for n in needs):
        return DROP  # e.g. a group whose items and behaviours all went
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


def _without_dead_ends(ladder: Ladder) -> Ladder:
    """The ladder without progression rows on levels that nothing follows on any path."""
    followed = {lv.id for _, path in ladder.paths() for lv in path[:-1]}
    fix = {step.level.id for step in ladder.steps() if step.level.progression is not None and step.level.id not in followed}
    if not fix:
        return ladder

    def cut(levels: tuple[Level, ...]) -> tuple[Level, ...]:
        return tuple(lv.model_copy(update={"progression": None}) if lv.id in fix else lv for lv in levels)

    return ladder.model_copy(update={"levels": cut(ladder.levels),
                                     "tracks": tuple(t.model_copy(update={"levels": cut(t.levels)}) for t in ladder.tracks)})


def _settled(files: Files) -> Files:
    """Prune until nothing changes: dropping one thing can leave another without what it stands on."""
    while True:
        if files.levels is None and any(p.model.ladder is None for p in files.families):  # they climbed the shared ladder
            files.families = [p for p in files.families if p.model.ladder is not None]
            continue
        pruning = _Pruning(defined_ids([p.model for p in files.all()]))
        files = files.mapped(pruning.file)
        if not pruning.changed:
            return files


class _Pruning:
    """One pass of `prune` over every file against the ids that were live at its start."""

    def __init__(self, live: dict[RefKind, set[str]]) -> None:
        self.live, self.changed = live, False

    def file(self, p: Parsed[Any]) -> Parsed[Any] | None:
        model = prune(p.model, self.live)
        self.changed |= model is not p.model
        return None if model is DROP else p if model is p.model else replace(p, model=model)


def _ladder_fixed(p: Parsed[Any]) -> Parsed[Any]:
    if isinstance(p.model, LevelsFile):
        fixed = _without_dead_ends(p.model)
        return p if fixed is p.model else replace(p, model=fixed)
    if isinstance(p.model, FamilyFile) and p.model.ladder is not None:
        ladder = _without_dead_ends(p.model.ladder)
        return p if ladder is p.model.ladder else replace(p, model=p.model.model_copy(update={"ladder": ladder}))
    return p


def for_audience(files: Files, audience: Audience) -> Files:
    """The files a build for `audience` shows (the internal audience sees everything)."""
    if audience == "internal":
        return files

    def stripped(p: Parsed[Any]) -> Parsed[Any] | None:
        if _hidden(p.model) or p.kind == "interview":  # interview questions are for interviewers only
            return None
        model = strip_internal(p.model)
        return replace(p, model=_explicit_levels(model) if isinstance(model, AreaFile) else model)

    return _settled(files.mapped(stripped)).mapped(_ladder_fixed)
