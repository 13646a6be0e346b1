"""The spreadsheet layout of competencies: one row per competency, one column per level, cells as statements.

`career export --format xlsx` writes it (`sheet_rows`, then exports/xlsx.py) and `career import` reads it
(adopt/ladder_import.py), so that importing an export gives the same areas, groups, items and behaviours back.

The header row names the columns. Columns of the layout are recognised by any of their names (English or Korean,
any case); every other header names a level, by its id or its title, or as `Title (id)`. Below the header:

- a row without statements (no level cell filled) describes its group, or its area when it has no group: the `id`
  and `description` cells are the group's (or the area's);
- a row with one statement is an item: the cell is its title, its column the level it is expected from; `id` and
  `description` are the item's;
- a row with two or more statements holds the behaviours of its group (or area): one statement per level, each
  replacing the one below; `id` and `description` are the group's (or the area's);
- the optional `kind` column says `item` or `behaviours` where the count would mislead (one behaviour only);
- the optional `internal` column (사내용) marks what the row adds as internal (`internal: true`, never in the public
  build): the area or group a row without statements describes, the item, or the row's behaviours (a group whose
  every statement is marked is marked itself instead). A cell `yes` (`예`, `true`, `x`) marks it; an empty cell (or
  `no`, `아니오`, `false`) does not. An export writes the column when what it holds has anything internal
  (`--audience internal`), so importing it keeps the marks.

A blank area or group cell repeats the one above (as merged cells read); a row naming another area starts with no
group, so the rows written directly in an area come before its groups.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from ..core.framework import Framework
from ..core.model import AreaFile, Group, Level
from ..core.text import Language, Text

Column = Literal["area", "group", "id", "kind", "description", "internal"]
Kind = Literal["item", "behaviours"]


@dataclass(frozen=True)
class ColumnNames:
    """The names a layout column is written with (English, Korean) and the other names it is recognised by."""

    en: str
    ko: str
    also: tuple[str, ...] = ()

    def all(self) -> tuple[str, ...]:
        return (self.en, self.ko, *self.also)


#: The layout's columns, in the order an export writes them (the level columns go between `kind` and `description`).
COLUMNS: dict[Column, ColumnNames] = {
    "area": ColumnNames("area", "영역", ("역량 영역", "competency area")),
    "group": ColumnNames("group", "그룹", ("역량", "역량 그룹", "competency")),
    "id": ColumnNames("id", "아이디", ("식별자",)),
    "kind": ColumnNames("kind", "유형", ("type", "구분")),
    "description": ColumnNames("description", "설명", ("설명문",)),
}
#: The optional column marking rows internal (an export writes it after `kind`, when it has anything internal).
INTERNAL = ColumnNames("internal", "사내용", ("내부 전용", "내부용", "internal only"))
#: Words of the `internal` column: internal (the first, as an export writes it) or not; empty is not.
MARKED = ColumnNames("yes", "예", ("true", "x", "y", "o", "internal", "사내용", "내부"))
UNMARKED = ColumnNames("no", "아니오", ("false", "n", "-", "아니요", "public", "공개"))
#: Words of the `kind` column: what a row is, in English and Korean.
KINDS: dict[Kind, ColumnNames] = {
    "item": ColumnNames("item", "항목", ("items", "체크리스트", "checklist")),
    "behaviours": ColumnNames("behaviours", "행동 기준", ("behaviour", "behaviors", "behavior", "행동")),
}


def fold(text: str) -> str:
    """A header or keyword as it is compared: spaces collapsed, case folded, Unicode composed (NFC)."""
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


#: Columns of remarks, which the layout does not carry: an import leaves them out (saying so) rather than read them as levels.
REMARKS = ColumnNames("notes", "비고", ("note", "remarks", "comment", "comments", "메모"))
COLUMN_OF: dict[str, Column] = {fold(name): col for col, names in (*COLUMNS.items(), ("internal", INTERNAL))
                                  for name in names.all()}
KIND_OF: dict[str, Kind] = {fold(name): kind for kind, names in KINDS.items() for name in names.all()}
REMARK_NAMES = frozenset(fold(name) for name in REMARKS.all())
#: A cell of the `internal` column, folded -> whether it marks the row internal.
MARK_OF: dict[str, bool] = {**{fold(w): False for w in UNMARKED.all()}, **{fold(w): True for w in MARKED.all()}}

_WORDS = re.compile(r"[a-z0-9]+")
_ID_SUFFIX = re.compile(r"^(?P<title>.*\S)\s*\((?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)\)$", re.DOTALL)
#: Longest id derived from a title (ids may be 80 characters; this leaves room for a suffix a person adds).
DERIVED_ID_LENGTH = 60


def ascii_id(title: str) -> str | None:
    """The id a title gives when it is written in ASCII letters and digits only (`Code review` -> `code-review`);
    None for a title with any other letter (Korean: no transliteration) or without a letter or digit."""
    if any(ch.isalnum() and not ch.isascii() for ch in title):
        return None
    words: list[str] = _WORDS.findall(title.lower())
    if not words:
        return None
    out = words[0][:DERIVED_ID_LENGTH]
    for w in words[1:]:
        if len(out) + 1 + len(w) > DERIVED_ID_LENGTH:
            break
        out += "-" + w
    return out


def parse_level_header(text: str) -> tuple[str, str | None]:
    """A level column's header as (title, id): `3 (l3)` -> ('3', 'l3'); `Senior` -> ('Senior', None)."""
    m = _ID_SUFFIX.match(text.strip())
    if m:
        return str(m.group("title")).strip(), str(m.group("id"))
    return text.strip(), None


def level_header(level: Level, lang: Language, levels: tuple[Level, ...]) -> str:
    """How an export names a level's column: its title, when the title alone reads back as this level (it gives
    the level's id, names no other level and is no column of the layout); else `Title (id)`."""
    title = level.title.get(lang)
    key = fold(title)
    others = [lv for lv in levels if lv.id != level.id and key in (fold(lv.id), *(fold(t) for t in _titles(lv.title)))]
    plain = ascii_id(title) == level.id and parse_level_header(title) == (title, None)
    if plain and not others and key not in COLUMN_OF and key not in REMARK_NAMES:
        return title
    return f"{title} ({level.id})"


def _titles(text: Text) -> tuple[str, ...]:
    return tuple(t for t in (text.ko, text.en) if t is not None)


def header(lang: Language, levels: tuple[Level, ...], internal: bool = False) -> list[str]:
    """The header row an export writes: area, group, id, kind, (internal,) one column per level, description."""
    names = [getattr(COLUMNS[c], lang) for c in ("area", "group", "id", "kind")] + ([getattr(INTERNAL, lang)] if internal else [])
    return [*names, *(level_header(lv, lang, levels) for lv in levels), getattr(COLUMNS["description"], lang)]


def has_internal(fw: Framework) -> bool:
    """Whether an area, group, item or behaviour of `fw` is marked internal (an export then writes the `internal` column)."""
    return any(a.internal or any(g.internal or any(it.internal for it in g.items) or any(b.internal for b in g.behaviours)
                                 for g in a.groups) for a in fw.areas)


def sheet_rows(fw: Framework, lang: Language) -> list[list[str]]:
    """The framework's competencies in the layout, header first: for each area a row describing it, then its own
    items and behaviours, then each group (its behaviours row, or a row describing it) and its items. With anything
    internal, an `internal` column after `kind` marks each internal area, group, item and behaviours row: an internal
    group gets a row describing it, and its internal behaviours a row of their own."""
    levels = fw.levels
    column = {lv.id: i for i, lv in enumerate(levels)}
    kind_word = {k: getattr(names, lang) for k, names in KINDS.items()}
    marks = has_internal(fw)
    mark_word = getattr(MARKED, lang)

    def row(area: AreaFile, group: Group | None, ident: str, kind: str, cells: dict[str, str], description: Text | None,
            internal: bool = False) -> list[str]:
        statements = [""] * len(levels)
        for level_id, text in cells.items():
            statements[column[level_id]] = text
        mark = [mark_word if internal else ""] if marks else []
        return [area.title.get(lang), group.title.get(lang) if group else "", ident, kind, *mark, *statements,
                description.get(lang) if description else ""]

    def group_rows(area: AreaFile, g: Group) -> Iterator[list[str]]:
        shown = None if g.implicit else g
        own_row = not g.implicit and (g.internal or not g.behaviours)
        if own_row:
            yield row(area, g, g.id, "", {}, g.description, g.internal)
        described = own_row or g.implicit  # the group's id and description are written (or it has none)
        for hidden in (False, True):
            behaviours = {b.level: b.text.get(lang) for b in g.behaviours if b.internal == hidden}
            if behaviours:
                yield row(area, shown, "" if described else g.id, kind_word["behaviours"], behaviours,
                          None if described else g.description, hidden)
                described = True
        for it in g.items:
            level = it.level or g.level or ""
            yield row(area, shown, it.id, kind_word["item"], {level: it.title.get(lang)}, it.description, it.internal)

    out = [header(lang, levels, marks)]
    for area in fw.areas:
        out.append(row(area, None, area.id, "", {}, area.description, area.internal))
        for g in area.groups:
            out.extend(group_rows(area, g))
    return out
