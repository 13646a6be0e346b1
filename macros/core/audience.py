"""Audiences: the public build leaves out everything marked `internal: true` (an entity or one text),
and every interview question. The filter works on the parsed files before they are joined, generically
over the models (a new field is filtered without code here), then drops references to what was removed."""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Literal

from pydantic import BaseModel

from .files import Parsed

Audience = Literal["internal", "public"]


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


def _levels(parsed: dict[str, list[Parsed]]) -> set[str]:
    out: set[str] = set()
    for p in [*parsed.get("levels.yml", []), *parsed.get("families", [])]:
        ladder = p.model if p.kind == "levels.yml" else p.model.ladder
        if ladder is not None:
            out |= {lv.id for lv in ladder.levels} | {lv.id for t in ladder.tracks for lv in t.levels}
    return out


def _model(p: Parsed, model: Any) -> Parsed:
    return replace(p, model=model)


def for_audience(parsed: dict[str, list[Parsed]], audience: Audience) -> dict[str, list[Parsed]]:
    """The parsed files a build for `audience` shows (the internal audience sees everything)."""
    if audience == "internal":
        return parsed
    out = {kind: [_model(p, strip_internal(p.model)) for p in ps if not _hidden(p.model)] for kind, ps in parsed.items()}
    out["interview"] = []  # interview questions are for interviewers only
    levels = _levels(out)
    families = {p.model.id for p in out.get("families", [])}
    areas: list[Parsed] = []
    for p in out.get("competencies", []):
        groups = []
        for g in p.model.groups:
            items = tuple(it for it in g.items if (it.level or g.level) in levels)
            behaviours = tuple(b for b in g.behaviours if b.level in levels)
            if items or behaviours:
                groups.append(g.model_copy(update={"items": items, "behaviours": behaviours}))
        if groups:
            areas.append(_model(p, p.model.model_copy(update={"groups": tuple(groups)})))
    out["competencies"] = areas
    area_ids = {p.model.id for p in areas}
    group_ids = {g.id for p in areas for g in p.model.groups}
    kpis = {k.id for p in out.get("kpis.yml", []) for k in p.model.dimensions}
    out["families"] = [_model(p, p.model.model_copy(update={"areas": tuple(a for a in p.model.areas if a in area_ids)}))
                       if p.model.areas is not None else p for p in out.get("families", [])]
    roles = []
    for p in out.get("roles", []):
        r = p.model
        if r.family is not None and r.family not in families and out.get("families"):
            continue
        role_levels = {lid: jd for lid, jd in r.levels.items() if lid in levels}
        if not role_levels:
            continue
        update: dict[str, Any] = {"levels": role_levels}
        if r.areas is not None:
            update["areas"] = tuple(a for a in r.areas if a in area_ids)
        if r.kpis is not None:
            update["kpis"] = tuple(k for k in r.kpis if k in kpis)
        roles.append(_model(p, r.model_copy(update=update)))
    out["roles"] = roles
    for p in out.get("roadmap.yml", []):
        phases = tuple(ph.model_copy(update={"steps": tuple(s.model_copy(update={"groups": tuple(g for g in s.groups if g in group_ids)})
                                                            for s in ph.steps)})
                       for ph in p.model.phases if ph.level in levels)
        out["roadmap.yml"] = [_model(p, p.model.model_copy(update={"phases": phases}))]
    return out
