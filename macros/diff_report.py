"""The `career diff` report: Markdown for a pull-request comment (Korean labels), or JSON."""
from __future__ import annotations

import json
from collections import Counter
from typing import Callable
from dataclasses import dataclass, field

from .changes import Change
from .diagnostics import Diagnostic
from .framework import Framework

ENTITY = {"item": "역량 항목", "group": "역량 그룹", "area": "역량 영역", "level": "레벨", "kpi": "평가 항목",
          "kpi-metric": "평가 지표", "role": "직무", "role-level": "직무 레벨", "duty": "주요 업무",
          "competency": "핵심 역량", "question": "면접 질문", "listen-for": "평가 포인트"}
KIND = {"added": "추가", "removed": "삭제", "renamed": "id 변경", "retitled": "제목 변경",
        "moved-level": "기대 레벨 이동", "moved-group": "그룹 이동", "changed": "변경"}
FIELD = {"title": "제목", "focus": "역할 초점", "impact": "역할 가치", "years_label": "연차", "overview": "개요",
         "progression.focus": "성장 경로의 역할 초점", "progression.goal": "성장 경로의 전환 목표",
         "question": "질문", "items": "연결된 항목", "levels": "레벨"}


@dataclass
class DiffResult:
    """Both sides' labels, the changes, and problems that kept a side from loading."""

    base: str
    head: str
    changes: list[Change] = field(default_factory=list)
    errors: dict[str, list[Diagnostic]] = field(default_factory=dict)
    old: Framework | None = None
    new: Framework | None = None


def _q(text: str | None) -> str:
    """A quoted, single-line text safe inside Markdown (no HTML, no line breaks)."""
    s = " ".join((text or "").split()).replace("<", "&lt;").replace("`", "'")
    return f"“{s}”"


def _level(fw: Framework | None, level_id: str | None) -> str:
    if fw is not None and level_id is not None and fw.has_level(level_id):
        return fw.level(level_id).title.ko
    return level_id or "?"


def counts(changes: list[Change]) -> dict[str, int]:
    return dict(Counter(ENTITY[c.entity] for c in changes))


def _impact(result: DiffResult) -> list[str]:
    """Per role and level of the new framework: expected items, duties, competencies and focus that moved."""
    new, old = result.new, result.old
    if new is None:
        return []
    lines: list[str] = []
    items_in = {lv.id: [] for lv in new.levels}
    items_out: dict[str, list[str]] = {lv.id: [] for lv in new.levels}
    for c in result.changes:
        if c.entity != "item":
            continue
        if c.kind == "added" and c.scope in items_in:
            items_in[c.scope].append(f"{_q(c.new)} (`{c.id}`)")
        elif c.kind == "removed" and c.scope in items_out:
            items_out[c.scope].append(f"{_q(c.old)} (`{c.id}`, 삭제)")
        elif c.kind == "moved-level":
            title = new.item(c.id).item.title.ko
            if c.new in items_in:
                items_in[c.new].append(f"{_q(title)} (`{c.id}`, {_level(old, c.old)}에서 이동)")
            if c.old in items_out:
                items_out[c.old].append(f"{_q(title)} (`{c.id}`, {_level(new, c.new)}(으)로 이동)")
    for role in new.roles:
        for level, jd in new.role_levels(role):
            scope = f"{role.id}/{level.id}"
            rows = [f"- 새로 기대하는 항목: {x}" for x in items_in.get(level.id, [])]
            rows += [f"- 더 이상 이 레벨에서 시작하지 않는 항목: {x}" for x in items_out.get(level.id, [])]
            for c in result.changes:
                if c.id != scope or c.entity not in ("duty", "competency", "role-level"):
                    continue
                label = ENTITY[c.entity] if c.entity != "role-level" else FIELD.get(c.scope, "JD")
                if c.kind == "changed":
                    rows.append(f"- {label} 변경: {_q(c.old)} → {_q(c.new)}")
                else:
                    rows.append(f"- {label} {KIND[c.kind]}: {_q(c.new or c.old)}")
            if rows:
                lines += ["", f"#### {role.title.ko} · {level.title.ko} ({jd.title.ko})", "", *rows]
    return lines


def describe(c: Change, old: Framework | None, new: Framework | None, quote: Callable[[str | None], str] = _q) -> str:
    """One change as a Korean sentence; `quote` renders texts from the data."""
    name = f"`{c.id}`"
    if c.kind == "renamed":
        return f"{name}: `{c.old}` → `{c.new}` (옛 id는 aliases로 남아 링크가 유지됩니다)"
    if c.kind == "moved-level":
        return f"{name}: {_level(old, c.old)} → {_level(new, c.new)}"
    if c.kind == "moved-group":
        return f"{name}: 그룹 `{c.old}` → `{c.new}`"
    if c.kind == "changed" and c.scope:
        return f"{name} {FIELD.get(c.scope, c.scope)}: {quote(c.old)} → {quote(c.new)}"
    if c.kind in ("changed", "retitled"):
        return f"{name}: {quote(c.old)} → {quote(c.new)}"
    return f"{name}: {quote(c.new if c.kind == 'added' else c.old)}"


def summary_line(changes: list[Change]) -> str:
    return ", ".join(f"{k} {v}건" for k, v in counts(changes).items())


def markdown(result: DiffResult) -> str:
    """The report as Markdown for a pull-request comment."""
    out = [f"## 커리어 프레임워크 변경: `{result.base}` → `{result.head}`", ""]
    for side, label in (("base", result.base), ("head", result.head)):
        if result.errors.get(side):
            out += [f"⚠️ `{label}`의 framework/를 읽을 수 없어 비교하지 못했습니다:", "", "```"]
            out += [str(d) for d in result.errors[side]] + ["```", ""]
    if result.errors:
        return "\n".join(out).rstrip() + "\n"
    if not result.changes:
        return "\n".join(out + ["변경 사항이 없습니다."]) + "\n"
    out += [f"변경 {len(result.changes)}건: {summary_line(result.changes)}", ""]
    impact = _impact(result)
    if impact:
        out += ["### 직무·레벨별 영향", *impact, ""]
    order = ["item", "group", "area", "level", "kpi", "kpi-metric", "role", "role-level", "duty", "competency",
             "question", "listen-for"]
    sections = {"역량": ("item", "group", "area"), "레벨": ("level",), "평가 항목 (KPI)": ("kpi", "kpi-metric"),
                "직무": ("role", "role-level", "duty", "competency"), "면접 질문": ("question", "listen-for")}
    for title, entities in sections.items():
        rows = sorted((c for c in result.changes if c.entity in entities), key=lambda c: order.index(c.entity))
        if rows:
            out += [f"### {title}", ""]
            out += [f"- {ENTITY[c.entity]} {KIND[c.kind]}: {describe(c, result.old, result.new)}" for c in rows]
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def as_json(result: DiffResult) -> str:
    doc = {
        "base": result.base, "head": result.head,
        "errors": {side: [str(d) for d in ds] for side, ds in result.errors.items()},
        "counts": counts(result.changes),
        "changes": [c.as_dict() for c in result.changes],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
