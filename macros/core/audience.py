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
from .model import AreaFile, FamilyFile, Item, Ladder, Level, LevelsFile, Refers, RefKind
from .walk import fields

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
        if new is DROP or (f.least and new is not None and len(new) < f.least):
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
    """Each item with its level written out (the group's or the area's default otherwise), so that a group whose
    default level is left out keeps the items it holds at other levels."""
    def written(items: tuple[Item, ...], default: str | None) -> tuple[Item, ...]:
        return tuple(it if it.level or not default else it.model_copy(update={"level": default}) for it in items)

    groups = tuple(g.model_copy(update={"items": written(g.items, g.level)}) if g.level else g for g in area.groups)
    return area.model_copy(update={"groups": groups, "items": written(area.items, area.level)})


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


class FilterMemo:
    """What filtering one folder for an audience leaves for the next filtering of it: per pass of `_settled`, the ids
    that were live and what each file became. A file that did not change (the same Parsed, see core/loading.py's
    ReadCache), pruned against the same live ids (or against more, when the pass left it whole), becomes the same
    Parsed again, with the values derived from it."""

    def __init__(self) -> None:
        self.passes: list[tuple[dict[RefKind, set[str]], dict[int, tuple[Parsed[Any], Parsed[Any] | None]]]] = []


def _live_ids(files: Files) -> dict[RefKind, set[str]]:
    """Every id the files define, by kind (each file's entities are walked once: `Parsed.entities`)."""
    out: dict[RefKind, set[str]] = {}
    for p in files.all():
        for e in p.entities():
            out.setdefault(e.kind, set()).add(e.id)
    return out


def _settled(files: Files, memo: FilterMemo | None = None) -> Files:
    """Prune until nothing changes: dropping one thing can leave another without what it stands on."""
    passes: list[tuple[dict[RefKind, set[str]], dict[int, tuple[Parsed[Any], Parsed[Any] | None]]]] = []
    try:
        while True:
            if files.levels is None and any(p.model.ladder is None for p in files.families):  # they climbed the shared ladder
                files.families = [p for p in files.families if p.model.ladder is not None]
                continue
            live = _live_ids(files)
            before = memo.passes[len(passes)] if memo is not None and len(passes) < len(memo.passes) else None
            if before is None or not _within(before[0], live):
                pruning = _Pruning(live, {})
            else:  # ids were only added (e.g. a new item): a file the pass left whole is left whole again
                pruning = _Pruning(live, before[1], whole_only=before[0] != live)
            passes.append((live, pruning.done))
            files = files.mapped(pruning.file)
            if not pruning.changed:
                return files
    finally:
        if memo is not None:
            memo.passes = passes


def _within(before: dict[RefKind, set[str]], now: dict[RefKind, set[str]]) -> bool:
    """Whether every id live before is live now. Pruning only drops references to ids that are not live, so a file a
    pass left whole against `before` is left whole against `now`; what it cut may differ (`_Pruning.whole_only`)."""
    return all(ids <= now.get(kind, set()) for kind, ids in before.items())


class _Pruning:
    """One pass of `prune` over every file against the ids that were live at its start; `known`: what each file became
    in the same pass of the previous filtering, against the same ids (or, `whole_only`, against fewer: then only the
    files that pass left whole are taken as they were)."""

    def __init__(self, live: dict[RefKind, set[str]], known: dict[int, tuple[Parsed[Any], Parsed[Any] | None]],
                 whole_only: bool = False) -> None:
        self.live, self.changed, self.known, self.whole_only = live, False, known, whole_only
        self.done: dict[int, tuple[Parsed[Any], Parsed[Any] | None]] = {}

    def file(self, p: Parsed[Any]) -> Parsed[Any] | None:
        seen = self.known.get(id(p))
        if seen is not None and seen[0] is p and (not self.whole_only or seen[1] is p):
            out = seen[1]
        else:
            model = prune(p.model, self.live)
            out = None if model is DROP else p if model is p.model else replace(p, model=model)
        self.changed |= out is not p
        self.done[id(p)] = (p, out)
        return out


def _ladder_fixed(p: Parsed[Any]) -> Parsed[Any]:
    if isinstance(p.model, LevelsFile):
        fixed = _without_dead_ends(p.model)
        return p if fixed is p.model else replace(p, model=fixed)
    if isinstance(p.model, FamilyFile) and p.model.ladder is not None:
        ladder = _without_dead_ends(p.model.ladder)
        return p if ladder is p.model.ladder else replace(p, model=p.model.model_copy(update={"ladder": ladder}))
    return p


def _stripped(p: Parsed[Any]) -> Parsed[Any] | None:
    if _hidden(p.model) or p.kind == "interview":  # interview questions are for interviewers only
        return None
    model = strip_internal(p.model)
    return replace(p, model=_explicit_levels(model) if isinstance(model, AreaFile) else model)


def for_audience(files: Files, audience: Audience, memo: FilterMemo | None = None) -> Files:
    """The files a build for `audience` shows (the internal audience sees everything). With `memo` (kept from the
    previous filtering of the same folder), unchanged files are not filtered again."""
    if audience == "internal":
        return files
    shown = files.mapped(lambda p: p.derived("public", _stripped))
    return _settled(shown, memo).mapped(lambda p: p.derived("ladder-fixed", _ladder_fixed))
