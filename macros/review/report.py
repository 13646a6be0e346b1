"""The `career diff` report: Markdown for a pull-request comment (Korean labels), or JSON.

Everything from the data is written through `escape.github_markdown`: titles stay text in the
comment (no links, images, mentions or formatting)."""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Mapping

from ..core.escape import github_markdown
from ..core.framework import Framework
from ..core.model import RoleFile
from ..core.translations import fingerprint, mark_key
from .changes import TRANSLATION, Change, DiffResult, field_of, kind_label, name_label, noun, owner

#: The report's sections, each with the kinds of entity it lists (in this order; an entry of a list goes with
#: its entity, a kind not listed goes last). Labels of entities and fields come from core/model.py.
SECTIONS = {"역량": ("item", "behaviour", "group", "area", "scale", "step"), "직군과 레벨": ("family", "level", "track"),
            "평가 항목 (KPI)": ("kpi",), "직무": ("role", "role-level"), "면접 질문": ("topic", "question"),
            "로드맵과 용어집": ("roadmap", "phase", "term"), "프레임워크": ("framework",)}
OTHER = "그 밖의 변경"

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
    return dict(Counter(noun(c.entity) for c in changes))


def _area(result: DiffResult, item_id: str) -> str | None:
    """The area of an item, in the new framework or else the old."""
    for fw in (result.new, result.old):
        if fw is not None and fw.has_item(item_id):
            return fw.item(item_id).area.id
    return None


def _item_row(c: Change, level_id: str, path: set[str], result: DiffResult) -> str | None:
    """An item a role level newly expects, or no longer starts expecting."""
    if c.kind == "added" and c.scope == level_id:
        return f"- 새로 기대하는 항목: {quote(c.new)} ({code(c.id)})"
    if c.kind == "removed" and c.scope == level_id and c.scope in path:
        return f"- 더 이상 이 레벨에서 시작하지 않는 항목: {quote(c.old)} ({code(c.id)}, 삭제)"
    if c.kind != "moved-level" or level_id not in (c.old, c.new) or result.new is None:
        return None
    title = quote(result.new.item(c.id).item.title.get("ko"))
    if c.new == level_id:
        return f"- 새로 기대하는 항목: {title} ({code(c.id)}, {_level(result.old, c.old)}에서 이동)"
    return f"- 더 이상 이 레벨에서 시작하지 않는 항목: {title} ({code(c.id)}, {_level(result.new, c.new)}(으)로 이동)"


def _jd_row(c: Change) -> str:
    """A change of a role level's JD: its title or a field ("JD 제목 변경", "역할 초점 변경"), or an entry
    of one of its lists ("주요 업무 추가")."""
    if c.entity != "role-level":
        label = noun(c.entity)
    else:
        label = field_of(c) or ("JD 제목" if c.kind == "retitled" else "JD")
    if c.shown_kind == "translated":
        return f"- {label} 번역: {_translated(c)}"
    if c.kind in ("changed", "retitled"):
        old, new = c.source_words
        return f"- {label} 변경: {quote(old)} → {quote(new)}{_kept(c)}"
    return f"- {label} {kind_label(c.kind)}: {quote(c.new or c.old)}"


def _impact(result: DiffResult) -> list[str]:
    """Per role and level of the new framework: expected items, and the JD's fields and entries that changed.
    Items count only for roles whose areas and ladder path hold them."""
    new = result.new
    return [line for role in new.roles for line in _role_impact(result, new, role)] if new else []


def _role_impact(result: DiffResult, new: Framework, role: RoleFile) -> list[str]:
    areas = {a.id for a in new.role_areas(role)}
    path = {lv.id for lv in new.role_path(role)}
    items = [c for c in result.changes if c.entity == "item" and _area(result, c.id) in areas]
    lines: list[str] = []
    for level, jd in new.role_levels(role):
        rows = [row for c in items if (row := _item_row(c, level.id, path, result))]
        scope = f"{role.id}/{level.id}"
        rows += [_jd_row(c) for c in result.changes if c.id == scope and owner(c.entity) == "role-level"]
        if rows:
            head = " · ".join(github_markdown(x) for x in (role.title.get("ko"), level.title.get("ko")))
            lines += ["", f"#### {head} ({github_markdown(jd.title.get('ko'))})", "", *rows]
    return lines


NO_TRANSLATION = {"en": "(영어 없음)", "ko": "(한국어 없음)"}


def _translated(c: Change, q: Quote = quote) -> str:
    """The translation of a text before and after (a translation added, changed or removed)."""
    return " → ".join(q(text) if text else NO_TRANSLATION[c.translation_language] for text in c.translated_words)


def _kept(c: Change, q: Quote = quote) -> str:
    """What a text change adds when its source changed and its translation did not: " — 번역은 그대로: “...”"."""
    if c.translation is None:
        return ""
    return f" — {TRANSLATION[c.translation].ko}: {q(c.translated_words[1])}"


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
    label = field_of(c)
    field = f" {label}" if label else ""
    if c.shown_kind == "translated":  # the source stayed: show the translation
        return f"{name}{field}: {_translated(c, q)}"
    if c.kind in ("changed", "retitled"):
        before, after = c.source_words
        return f"{name}{field}: {q(before)} → {q(after)}{_kept(c, q)}"
    return f"{name}: {q(c.new if c.kind == 'added' else c.old)}"


def _sections(changes: list[Change]) -> dict[str, list[Change]]:
    """The changes by section, each section's in the order of its kinds (an entry after its entity)."""
    place = {kind: (title, i) for title, kinds in SECTIONS.items() for i, kind in enumerate(kinds)}
    out: dict[str, list[Change]] = {title: [] for title in [*SECTIONS, OTHER]}
    for c in changes:
        out[place.get(owner(c.entity), (OTHER, 0))[0]].append(c)
    for rows in out.values():
        rows.sort(key=lambda c: (place.get(owner(c.entity), (OTHER, len(place)))[1], c.entity != owner(c.entity)))
    return {title: rows for title, rows in out.items() if rows}


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
    for title, rows in _sections(result.changes).items():
        out += [f"### {title}", ""]
        out += [f"- {noun(c.entity)} {kind_label(c.shown_kind)}: {describe(c, result.old, result.new)}" for c in rows]
        out.append("")
    return "\n".join(out + _stale(result.changes)).rstrip() + "\n"


def _stale(changes: list[Change]) -> list[str]:
    """The texts whose source changed and whose translation did not, with the mark that says it still holds."""
    stale = [c for c in changes if c.translation == "stale"]
    if not stale:
        return []
    out = ["### 번역", "", f"원문이 바뀌었지만 번역은 그대로인 텍스트 {len(stale)}건: 번역을 고치거나, 번역이 그대로 맞다면 "
                           "그 텍스트에 아래 표시를 더하세요.", ""]
    for c in stale:
        label = field_of(c) or (name_label(c.entity) if c.kind == "retitled" else None)
        field = f" {github_markdown(label)}" if label else ""
        source = c.source_words[1] or ""
        mark = code(f"{mark_key(c.translation_language)}: {fingerprint(source)}")
        out.append(f"- {noun(c.entity)} {code(c.id)}{field} {quote(source)}: {mark}")
    return out


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
