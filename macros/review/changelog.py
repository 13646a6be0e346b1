"""The changelog's content: each commit that changed framework/, titled by what it changed (in Korean),
with one line per change. Data only; the site's template lays it out."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..core.framework import Framework
from .changes import Change
from .report import ENTITY, FIELD, KIND
from .revisions import Commit, CommitChanges


@dataclass(frozen=True)
class ChangeLine:
    """One change as the changelog shows it: labels in Korean, ids and texts as data."""

    entity: str
    kind: str
    id: str
    field: str | None
    old: str | None
    new: str | None
    moved: bool  # old/new are level or group names (a move), not texts


@dataclass(frozen=True)
class ChangelogEntry:
    commit: Commit
    title: str  # e.g. "역량 항목 2건 추가 · 주요 업무 1건 변경"
    lines: tuple[ChangeLine, ...]
    problems: tuple[str, ...]


@dataclass(frozen=True)
class ChangelogView:
    version: str | None
    data_version: str
    entries: tuple[ChangelogEntry, ...] | None  # None: built without git history


def _level_title(fw: Framework, level_id: str | None) -> str | None:
    return fw.level(level_id).title.get("ko") if level_id and fw.has_level(level_id) else level_id


def line(c: Change, fw: Framework) -> ChangeLine:
    if c.kind == "moved-level":
        return ChangeLine(ENTITY[c.entity], KIND[c.kind], c.id, None, _level_title(fw, c.old), _level_title(fw, c.new), True)
    if c.kind in ("moved-group", "renamed"):
        return ChangeLine(ENTITY[c.entity], KIND[c.kind], c.id, None, c.old, c.new, True)
    field = FIELD.get(c.scope) if c.kind == "changed" and c.scope and c.entity != "behaviour" else None
    return ChangeLine(ENTITY[c.entity], KIND[c.kind], c.id, field, c.old, c.new, False)


def title(changes: tuple[Change, ...]) -> str:
    """What a commit changed, most frequent first: "역량 항목 2건 추가 · 주요 업무 1건 변경"."""
    counts = Counter((ENTITY[c.entity], KIND[c.kind]) for c in changes)
    parts = [f"{entity} {n}건 {kind}" for (entity, kind), n in counts.most_common(3)]
    if len(counts) > 3:
        parts.append(f"외 {sum(counts.values()) - sum(n for _, n in counts.most_common(3))}건")
    return " · ".join(parts)


def changelog_view(fw: Framework, history: list[CommitChanges] | None, version: str | None) -> ChangelogView:
    if history is None:
        return ChangelogView(version, fw.meta.version, None)
    entries = tuple(ChangelogEntry(h.commit, title(h.changes), tuple(line(c, fw) for c in h.changes), h.problems)
                    for h in history)
    return ChangelogView(version, fw.meta.version, entries)
