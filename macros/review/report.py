"""The `career diff` report: Markdown for a pull-request comment (Korean labels), or JSON.

Everything from the data is written through `escape.github_markdown`: titles stay text in the
comment (no links, images, mentions or formatting)."""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Mapping

from ..core.escape import github_markdown
from ..core.framework import Framework
from .changes import Change, DiffResult

ENTITY = {"item": "역량 항목", "behaviour": "행동 기준", "group": "역량 그룹", "area": "역량 영역", "family": "직군",
          "level": "레벨", "kpi": "평가 항목", "kpi-metric": "평가 지표", "role": "직무", "role-level": "직무 레벨",
          "duty": "주요 업무", "competency": "핵심 역량", "question": "면접 질문", "listen-for": "평가 포인트"}
KIND = {"added": "추가", "removed": "삭제", "renamed": "id 변경", "retitled": "제목 변경",
        "moved-level": "기대 레벨 이동", "moved-group": "그룹 이동", "changed": "변경", "translated": "번역"}
FIELD = {"title": "제목", "focus": "역할 초점", "impact": "역할 가치", "years_label": "연차", "overview": "개요",
         "description": "설명", "progression.focus": "성장 경로의 역할 초점", "progression.goal": "성장 경로의 전환 목표",
         "question": "질문", "items": "연결된 항목", "levels": "레벨"}
# The same labels in English, for the changelog of the English edition (`career diff` writes Korean).
ENTITY_EN = {"item": "competency item", "behaviour": "behaviour", "group": "competency group", "area": "competency area",
             "family": "job family", "level": "level", "kpi": "KPI", "kpi-metric": "KPI metric", "role": "role",
             "role-level": "role level", "duty": "duty", "competency": "core competency", "question": "interview question",
             "listen-for": "listen-for point"}
KIND_EN = {"added": "added", "removed": "removed", "renamed": "renamed", "retitled": "retitled",
           "moved-level": "moved to another level", "moved-group": "moved to another group", "changed": "changed",
           "translated": "translated"}
FIELD_EN = {"title": "title", "focus": "focus", "impact": "impact", "years_label": "years", "overview": "overview",
            "description": "description", "progression.focus": "progression focus", "progression.goal": "progression goal",
            "question": "question", "items": "linked items", "levels": "levels"}
ORDER = ["item", "behaviour", "group", "area", "family", "level", "kpi", "kpi-metric", "role", "role-level", "duty",
         "competency", "question", "listen-for"]
SECTIONS = {"역량": ("item", "behaviour", "group", "area"), "직군과 레벨": ("family", "level"),
            "평가 항목 (KPI)": ("kpi", "kpi-metric"), "직무": ("role", "role-level", "duty", "competency"),
            "면접 질문": ("question", "listen-for")}

Quote = Callable[[str | None], str]


def quote(text: str | None) -> str:
    """A text from the data, quoted and inert in GitHub Markdown."""
    return f"“{github_markdown(text or '')}”"


def code(ident: str) -> str:
    """An id or a revision label in backticks (backticks inside are removed)."""
    return "`" + ident.replace("`", "'") + "`"


def _level(fw: Framework | None, level_id: str | None) -> str:
    if fw is not None and level_id is not None and fw.has_level(level_id):
        return github_markdown(fw.level(level_id).title.get("ko"))
    return code(level_id or "?")


def counts(changes: list[Change]) -> dict[str, int]:
    return dict(Counter(ENTITY[c.entity] for c in changes))


def _impact(result: DiffResult) -> list[str]:
    """Per role and level of the new framework: expected items, duties, competencies and focus that moved.
    Items count only for roles whose areas and ladder path hold them."""
    new, old = result.new, result.old
    if new is None:
        return []
    lines: list[str] = []
    for role in new.roles:
        areas = {a.id for a in new.role_areas(role)}
        path = {lv.id for lv in new.role_path(role)}
        for level, jd in new.role_levels(role):
            scope = f"{role.id}/{level.id}"
            rows: list[str] = []
            for c in result.changes:
                if c.entity != "item":
                    continue
                area = new.item(c.id).area.id if new.has_item(c.id) else (old.item(c.id).area.id if old and old.has_item(c.id) else None)
                if area not in areas:
                    continue
                if c.kind == "added" and c.scope == level.id:
                    rows.append(f"- 새로 기대하는 항목: {quote(c.new)} ({code(c.id)})")
                elif c.kind == "removed" and c.scope == level.id and c.scope in path:
                    rows.append(f"- 더 이상 이 레벨에서 시작하지 않는 항목: {quote(c.old)} ({code(c.id)}, 삭제)")
                elif c.kind == "moved-level" and level.id in (c.old, c.new):
                    title = new.item(c.id).item.title.get("ko")
                    if c.new == level.id:
                        rows.append(f"- 새로 기대하는 항목: {quote(title)} ({code(c.id)}, {_level(old, c.old)}에서 이동)")
                    else:
                        rows.append(f"- 더 이상 이 레벨에서 시작하지 않는 항목: {quote(title)} ({code(c.id)}, "
                                    f"{_level(new, c.new)}(으)로 이동)")
            for c in result.changes:
                if c.id != scope or c.entity not in ("duty", "competency", "role-level"):
                    continue
                label = ENTITY[c.entity] if c.entity != "role-level" else FIELD.get(c.scope, "JD")
                if c.shown_kind == "translated":
                    rows.append(f"- {label} 번역: {_english(c)}")
                elif c.kind == "changed":
                    rows.append(f"- {label} 변경: {quote(c.old)} → {quote(c.new)}")
                else:
                    rows.append(f"- {label} {KIND[c.kind]}: {quote(c.new or c.old)}")
            if rows:
                head = " · ".join(github_markdown(x) for x in (role.title.get("ko"), level.title.get("ko")))
                lines += ["", f"#### {head} ({github_markdown(jd.title.get('ko'))})", "", *rows]
    return lines


def _english(c: Change, q: Quote = quote) -> str:
    """The English of a text before and after (a translation added, changed or removed)."""
    return " → ".join(q(text) if text else "(영어 없음)" for text in (c.old_en, c.new_en))


def describe(c: Change, old: Framework | None, new: Framework | None, q: Quote = quote,
             ident: Callable[[str], str] = code, level: Callable[[Framework | None, str | None], str] = _level) -> str:
    """One change as a Korean sentence; `q` renders texts from the data, `ident` ids."""
    name = ident(c.id)
    if c.kind == "renamed":
        return f"{name}: {ident(c.old or '')} → {ident(c.new or '')} (옛 id는 aliases로 남아 링크가 유지됩니다)"
    if c.kind == "moved-level":
        return f"{name}: {level(old, c.old)} → {level(new, c.new)}"
    if c.kind == "moved-group":
        return f"{name}: 그룹 {ident(c.old or '')} → {ident(c.new or '')}"
    if c.shown_kind == "translated":  # the Korean stayed: show the English
        field = f" {FIELD.get(c.scope, c.scope)}" if c.scope and c.entity != "behaviour" else ""
        return f"{name}{field}: {_english(c, q)}"
    if c.kind == "changed" and c.scope and c.entity != "behaviour":
        return f"{name} {FIELD.get(c.scope, c.scope)}: {q(c.old)} → {q(c.new)}"
    if c.kind in ("changed", "retitled"):
        return f"{name}: {q(c.old)} → {q(c.new)}"
    return f"{name}: {q(c.new if c.kind == 'added' else c.old)}"


def summary_line(changes: list[Change]) -> str:
    return ", ".join(f"{k} {v}건" for k, v in counts(changes).items())


def markdown(result: DiffResult) -> str:
    """The report as Markdown for a pull-request comment."""
    out = [f"## 커리어 프레임워크 변경: {code(result.base)} → {code(result.head)}", ""]
    for side, label in (("base", result.base), ("head", result.head)):
        if result.errors.get(side):
            out += [f"⚠️ {code(label)}의 framework/를 읽을 수 없어 비교하지 못했습니다:", "", "```text"]
            out += [str(d).replace("```", "'''") for d in result.errors[side]] + ["```", ""]
    if result.errors:
        return "\n".join(out).rstrip() + "\n"
    if not result.changes:
        return "\n".join([*out, "변경 사항이 없습니다."]) + "\n"
    out += [f"변경 {len(result.changes)}건: {summary_line(result.changes)}", ""]
    impact = _impact(result)
    if impact:
        out += ["### 직무·레벨별 영향", *impact, ""]
    for title, entities in SECTIONS.items():
        rows = sorted((c for c in result.changes if c.entity in entities), key=lambda c: ORDER.index(c.entity))
        if rows:
            out += [f"### {title}", ""]
            out += [f"- {ENTITY[c.entity]} {KIND[c.shown_kind]}: {describe(c, result.old, result.new)}" for c in rows]
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def as_json(result: DiffResult, sides: Mapping[str, Mapping[str, str | None]] | None = None) -> str:
    """The report as JSON; `sides`: what each side was, resolved (kind, name, label, commit, path)."""
    doc = {
        "base": result.base, "head": result.head,
        **({"sides": sides} if sides is not None else {}),
        "errors": {side: [str(d) for d in ds] for side, ds in result.errors.items()},
        "counts": counts(result.changes),
        "changes": [c.as_dict() for c in result.changes],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
