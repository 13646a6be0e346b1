"""The changelog's content: each commit that changed framework/, titled by what it changed (in the
edition's language), with one line per change. Data only; the site's template lays it out. What entities, fields
and kinds of change are called comes from their declarations (core/model.py, through review/changes.py)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..core.framework import Framework
from ..core.text import Language
from .changes import Change, field_of, kind_label, noun
from .revisions import Commit, CommitChanges


@dataclass(frozen=True)
class ChangeLine:
    """One change as the changelog shows it: labels in the edition's language, ids and texts as data
    (texts in the edition's language where the data has it)."""

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
    title: str  # e.g. "역량 항목 2건 추가 · 주요 업무 1건 변경", "2 competency items added · 1 duty changed"
    lines: tuple[ChangeLine, ...]
    problems: tuple[str, ...]


@dataclass(frozen=True)
class ChangelogView:
    version: str | None
    data_version: str
    entries: tuple[ChangelogEntry, ...] | None  # None: built without git history


def _level_title(fw: Framework, level_id: str | None, lang: Language) -> str | None:
    return fw.level(level_id).title.get(lang) if level_id and fw.has_level(level_id) else level_id


def line(c: Change, fw: Framework, lang: Language = "ko") -> ChangeLine:
    entity, kind = noun(c.entity, lang), kind_label(c.shown_kind, lang)
    entity = entity[:1].upper() + entity[1:]  # starts the line ("Competency item"; Korean has no case)
    if c.kind == "moved-level":
        return ChangeLine(entity, kind, c.id, None, _level_title(fw, c.old, lang), _level_title(fw, c.new, lang), True)
    if c.kind in ("moved-group", "renamed"):
        return ChangeLine(entity, kind, c.id, None, c.old, c.new, True)
    field = field_of(c, lang)
    if c.shown_kind == "translated":  # the Korean stayed: the English before and after
        return ChangeLine(entity, kind, c.id, field, c.old_en, c.new_en, False)
    if lang == "en" and (c.old is None or c.old_en) and (c.new is None or c.new_en):  # one language per line
        return ChangeLine(entity, kind, c.id, field, c.old_en, c.new_en, False)
    return ChangeLine(entity, kind, c.id, field, c.old, c.new, False)


def _plural(word: str) -> str:
    return word[:-1] + "ies" if word.endswith("y") else word + "s"


def title(changes: tuple[Change, ...], lang: Language = "ko") -> str:
    """What a commit changed, most frequent first: "역량 항목 2건 추가 · 주요 업무 1건 변경" or
    "2 competency items added · 1 duty changed"."""
    counts = Counter((noun(c.entity, lang), kind_label(c.shown_kind, lang)) for c in changes)
    top = counts.most_common(3)
    rest = sum(counts.values()) - sum(n for _, n in top)
    if lang == "ko":
        parts = [f"{entity} {n}건 {kind}" for (entity, kind), n in top] + ([f"외 {rest}건"] if rest else [])
    else:
        parts = [f"{n} {entity if n == 1 else _plural(entity)} {kind}" for (entity, kind), n in top]
        parts += [f"{rest} more"] if rest else []
    return " · ".join(parts)


def changelog_view(fw: Framework, history: list[CommitChanges] | None, version: str | None,
                   lang: Language = "ko") -> ChangelogView:
    if history is None:
        return ChangelogView(version, fw.meta.version, None)
    entries = tuple(ChangelogEntry(h.commit, title(h.changes, lang), tuple(line(c, fw, lang) for c in h.changes),
                                   h.problems) for h in history)
    return ChangelogView(version, fw.meta.version, entries)
