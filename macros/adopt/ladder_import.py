"""What a spreadsheet in the layout of exports/ladder_sheet.py says: its levels, areas, groups, items and behaviours,
with ids, and what could not be placed (each with the address of its cell and why).

This module only reads: `Target` describes the framework the sheet goes into (its levels, its areas and the ids they
take); `place` returns the areas to write (plain YAML mappings) and the notes. adopt/importing.py writes them.

Ids come from the `id` column; else from an ASCII title (`Code review` -> `code-review`); else, for a title in
another script (Korean: no transliteration), from the row: `a-3` (an area), `c-3` (a competency, i.e. a group),
`i-3` (an item); a level from its column's place on the ladder, `l-2`. A derived id never takes an id already used,
in the sheet or in the framework: it falls back to the row's, and says so. An id written in the sheet that is
already used is reported, and the entity gets the row's id.

The optional `internal` column marks what a row adds as internal: the area or group a row without statements
describes, the item, or the behaviours of the row (exports/ladder_sheet.py); each becomes `internal: true`. A group
whose every statement is marked is marked itself instead.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from ..core.messages import suggest
from ..core.text import check_line, check_paragraph, check_slug
from ..exports.ladder_sheet import (
    COLUMN_OF,
    KIND_OF,
    MARK_OF,
    REMARK_NAMES,
    Column,
    Kind,
    ascii_id,
    fold,
    parse_level_header,
)
from .sheets import SHEET_LIMITS, Sheet, SheetError, column_letter


@dataclass(frozen=True)
class KnownLevel:
    """A level of the target framework: its id, the titles it is known by (folded), its ladder and rank."""

    id: str
    titles: frozenset[str]
    ladder: str
    rank: int


@dataclass(frozen=True)
class KnownArea:
    """An area of the target framework: its id, its titles (folded, every language), title in the sheet's language."""

    id: str
    titles: frozenset[str]
    title: str


@dataclass(frozen=True)
class Target:
    """What `place` needs to know of the framework the sheet goes into."""

    levels: tuple[KnownLevel, ...]  # empty: the sheet's level columns make a new ladder
    areas: tuple[KnownArea, ...]
    ids: dict[str, frozenset[str]]  # area id -> the group, item and behaviour ids written in it (its own, when it has
    #                                 items or behaviours of its own: they form a group of the area's id)


@dataclass(frozen=True)
class Note:
    """Something the import could not place (`placed` False) or placed otherwise than written (an id it changed)."""

    where: str
    message: str
    placed: bool = False

    def __str__(self) -> str:
        return f"{self.where}: {'note' if self.placed else 'warning'}: {self.message}"


@dataclass(frozen=True)
class LevelColumn:
    col: int
    id: str
    title: str
    ladder: str
    rank: int


@dataclass
class Draft:
    """An area, group or item as the sheet gives it; `id` is settled by `_Ids`."""

    prefix: Literal["a", "c", "i"]
    title: str
    row: int
    at: str  # the address of the cell that names it
    given: str | None = None  # the id written in the sheet
    given_at: str = ""
    description: str | None = None
    description_at: str = ""
    id: str = ""
    internal: bool = False  # marked in the `internal` column


@dataclass
class ItemDraft(Draft):
    level: str = ""


@dataclass
class GroupDraft(Draft):
    items: list[ItemDraft] = field(default_factory=list)
    behaviours: dict[str, tuple[str, str]] = field(default_factory=dict)  # level id -> (text, its cell)
    hidden: set[str] = field(default_factory=set)  # the levels whose behaviour is marked internal


@dataclass
class AreaDraft(Draft):
    own: GroupDraft | None = None  # its own items and behaviours (no group)
    groups: dict[str, GroupDraft] = field(default_factory=dict)  # folded title -> group
    ladder: tuple[str, str] | None = None  # (ladder, the cell of the first statement that chose it)
    replaces: str | None = None  # the id of the framework's area it replaces


D = TypeVar("D", bound=Draft)


@dataclass(frozen=True)
class Placed:
    """What the sheet makes: the new ladder (when the framework has none), the areas, and the notes."""

    levels: tuple[LevelColumn, ...]
    new_ladder: bool
    areas: tuple[tuple[AreaDraft, dict[str, Any]], ...]
    notes: tuple[Note, ...]
    rows: int
    internal_column: bool = False  # the sheet has an `internal` column


def place(sheet: Sheet, target: Target, default_area: str | None) -> Placed:
    """The areas a sheet makes in `target`, and what it could not place. SheetError when it holds nothing to import."""
    return _Placer(sheet, target, default_area).run()


class _Placer:
    def __init__(self, sheet: Sheet, target: Target, default_area: str | None) -> None:
        self.sheet, self.target, self.default_area = sheet, target, default_area
        self.notes: list[Note] = []
        self.columns: dict[Column, int] = {}
        self.levels: list[LevelColumn] = []
        self.areas: dict[str, AreaDraft] = {}
        self.width = 0
        self.rows = 0
        self.current: tuple[AreaDraft | None, GroupDraft | None] = (None, None)  # the row above's area and group

    def note(self, where: str, message: str, *, placed: bool = False) -> None:
        self.notes.append(Note(where, message, placed))

    def run(self) -> Placed:
        # the header: the first row with two cells or more (a title above it, in one cell, is no header)
        header = next((i for i, row in enumerate(self.sheet.rows, start=1) if sum(1 for c in row if c) >= 2), None)
        if header is None:
            empty = not any(any(row) for row in self.sheet.rows)
            raise SheetError(f"{self.sheet.described}: " + ("the sheet is empty" if empty else
                             "no header row (a row naming the columns: area, group, ... and one per level)"))
        for r in range(1, header):
            if any(self.sheet.rows[r - 1]):
                self.note(self.sheet.row_at(r), "not imported: the row is above the header (the first row of two cells or more)")
        self._header(header)
        for r in range(header + 1, len(self.sheet.rows) + 1):
            self._row(r)
        areas = [a for a in self.areas.values() if self._has_content(a)]
        if not areas:
            raise SheetError(f"{self.sheet.described}: no statement could be placed; see the warnings above, and the "
                             "layout in `career import --help`")
        _Ids(self.target, self.note).assign(areas)
        return Placed(tuple(self.levels), not self.target.levels, tuple((a, self._area_data(a)) for a in areas),
                      tuple(self.notes), self.rows, "internal" in self.columns)

    # the header -------------------------------------------------------------------------------
    def _header(self, r: int) -> None:
        cells = self.sheet.rows[r - 1]
        self.width = len(cells)
        if self.width > SHEET_LIMITS.columns:
            raise SheetError(f"{self.sheet.row_at(r)}: the header row has {self.width} columns; a sheet to import has at "
                             f"most {SHEET_LIMITS.columns} (the layout's 5 and one per level)")
        candidates: list[tuple[int, str]] = []
        for c, text in enumerate(cells, start=1):
            col = COLUMN_OF.get(fold(text)) if text else None
            if fold(text) in REMARK_NAMES:
                self._unplaced_column(r, c, f"'{text}' holds remarks, which the layout does not carry")
            elif col is None:
                if text:
                    candidates.append((c, text))
            elif col in self.columns:
                self._unplaced_column(r, c, f"a second '{text}' column (the first is {column_letter(self.columns[col])})")
            else:
                self.columns[col] = c
        if not candidates:
            raise SheetError(f"{self.sheet.row_at(r)}: the header row names no level; name one column per level, by its id or "
                             "title (e.g. Junior, Mid, Senior), beside the columns area, group, id, kind and description")
        if "area" not in self.columns and self.default_area is None:
            raise SheetError(f"{self.sheet.row_at(r)}: the sheet has no area column (영역); add one, or pass --area NAME "
                             "to put every row into one area")
        if self.target.levels:
            self._known_levels(r, candidates)
        else:
            self._new_levels(r, candidates)
        if not self.levels:
            raise SheetError(f"{self.sheet.row_at(r)}: no column names a level of the framework; see the warnings above")

    def _known_levels(self, r: int, candidates: list[tuple[int, str]]) -> None:
        by_id = {lv.id: lv for lv in self.target.levels}
        taken: dict[str, int] = {}
        for c, text in candidates:
            title, ident = parse_level_header(text)
            found = [by_id[ident]] if ident in by_id else [by_id[fold(text)]] if fold(text) in by_id else [
                lv for lv in self.target.levels if fold(title) in lv.titles or fold(text) in lv.titles]
            if len(found) != 1:
                names = ", ".join(lv.id for lv in found) if found else ""
                why = (f"'{text}' names several levels ({names}); write the id, e.g. '{title} ({found[0].id})'" if found else
                       f"'{text}' is neither a column of the layout nor a level of the framework{suggest(fold(title), by_id)}"
                       f" (levels: {', '.join(by_id)})")
                self._unplaced_column(r, c, why)
            elif found[0].id in taken:
                self._unplaced_column(r, c, f"level '{found[0].id}' already has column {column_letter(taken[found[0].id])}")
            else:
                lv = found[0]
                taken[lv.id] = c
                self.levels.append(LevelColumn(c, lv.id, title, lv.ladder, lv.rank))

    def _new_levels(self, r: int, candidates: list[tuple[int, str]]) -> None:
        used: set[str] = set()
        for n, (c, text) in enumerate(candidates, start=1):
            title, ident = parse_level_header(text)
            if ident is None and _is_slug(title):
                ident = title
            ident = ident or ascii_id(title)
            if ident is None or ident in used:
                fallback = _free(f"l-{n}", used)
                if ident is not None:
                    self.note(self.sheet.at(r, c), f"level id '{ident}' is taken by another column; this level is '{fallback}'",
                              placed=True)
                ident = fallback
            used.add(ident)
            self.levels.append(LevelColumn(c, ident, title, "new", n))

    def _unplaced_column(self, r: int, c: int, why: str) -> None:
        filled = sum(1 for row in self.sheet.rows[r:] if c <= len(row) and row[c - 1])
        cells = f"; its {filled} cell{'s' if filled != 1 else ''} below {'were' if filled != 1 else 'was'} not imported" if filled else ""
        self.note(self.sheet.at(r, c), f"column not imported: {why}{cells}")

    # the rows ---------------------------------------------------------------------------------
    def _cell(self, r: int, col: Column) -> tuple[str, str]:
        """A layout cell of row `r`: (text, address); ("", "") without the column."""
        c = self.columns.get(col)
        if c is None:
            return "", ""
        row = self.sheet.rows[r - 1]
        return (row[c - 1] if c <= len(row) else ""), self.sheet.at(r, c)

    def _row(self, r: int) -> None:
        row = self.sheet.rows[r - 1]
        if not any(row):
            return
        self.rows += 1
        for c in range(self.width + 1, len(row) + 1):
            if row[c - 1]:
                self.note(self.sheet.at(r, c), "not imported: the cell is right of the last column with a header")
        area, group = self._owner(r)
        if area is None:
            return
        statements = [(lc, row[lc.col - 1]) for lc in self.levels if lc.col <= len(row) and row[lc.col - 1]]
        kind = self._kind(r)
        if not statements:
            if kind is not None:
                self.note(self.sheet.row_at(r), f"not imported: the row says '{kind}' but has no statement under a level")
            else:
                self._describe(group or area, r)
                (group or area).internal |= self._internal(r)
        elif kind == "item" or (kind is None and len(statements) == 1):
            self._item(r, area, group, statements)
        else:
            self._behaviours(r, area, group, statements)

    def _owner(self, r: int) -> tuple[AreaDraft | None, GroupDraft | None]:
        """The area and group of row `r`: its cells, or the row above's (a new area starts without a group)."""
        text, at = self._cell(r, "area")
        area, group = self.current
        if text or area is None:
            if not text and self.default_area is None:
                self.note(self.sheet.row_at(r), "not imported: the row has no area; fill in the area column or pass --area")
                return None, None
            name, at = (text, at) if text else (self.default_area or "", self.sheet.row_at(r))
            found = self._area(name, r, at)
            if found is None:
                return None, None
            if found is not area:
                area, group = found, None
        assert area is not None
        gtext, gat = self._cell(r, "group")
        if gtext:
            group = self._group(area, gtext, r, gat)
            if group is None:
                return None, None
        self.current = (area, group)
        return area, group

    def _title(self, text: str, at: str) -> str | None:
        title = " ".join(text.split())
        try:
            return check_line(title)
        except ValueError as exc:
            self.note(at, f"not imported: {exc}")
            return None

    def _area(self, text: str, r: int, at: str) -> AreaDraft | None:
        return self._draft(self.areas, AreaDraft, "a", text, r, at)

    def _group(self, area: AreaDraft, text: str, r: int, at: str) -> GroupDraft | None:
        return self._draft(area.groups, GroupDraft, "c", text, r, at)

    def _draft(self, drafts: dict[str, D], make: Callable[[Literal["a", "c"], str, int, str], D], prefix: Literal["a", "c"],
               text: str, r: int, at: str) -> D | None:
        """The area or group a name of the sheet stands for (names compared folded), made at its first row."""
        key = fold(text)
        if key not in drafts:
            title = self._title(text, at)
            if title is None:
                return None
            drafts[key] = make(prefix, title, r, at)
        return drafts[key]

    def _kind(self, r: int) -> Kind | None:
        text, at = self._cell(r, "kind")
        if not text:
            return None
        kind = KIND_OF.get(fold(text))
        if kind is None:
            self.note(at, f"'{text}' is neither 'item' (항목) nor 'behaviours' (행동 기준); the row is read by its number of "
                          "statements", placed=True)
        return kind

    def _describe(self, draft: Draft, r: int) -> None:
        """The id and description cells of row `r`, as `draft`'s (an area or group; an item takes its own)."""
        ident, id_at = self._cell(r, "id")
        if ident:
            if problem := _slug_problem(ident):
                self.note(id_at, f"id ignored: {problem}", placed=True)
            elif draft.given not in (None, ident):
                self.note(id_at, f"id ignored: '{draft.title}' already has id '{draft.given}' ({draft.given_at})", placed=True)
            else:
                draft.given, draft.given_at = ident, id_at
        text, at = self._cell(r, "description")
        if text:
            try:
                check_paragraph(text)
            except ValueError as exc:
                self.note(at, f"description not imported: {exc}")
                return
            if draft.description not in (None, text):
                self.note(at, f"description not imported: '{draft.title}' already has one ({draft.description_at})")
            else:
                draft.description, draft.description_at = text, at

    def _internal(self, r: int) -> bool:
        """Whether row `r`'s `internal` cell marks what it adds internal: a word that is neither yes nor no is read
        as internal (the safe side), and said so."""
        text, at = self._cell(r, "internal")
        if not text:
            return False
        marked = MARK_OF.get(fold(text))
        if marked is None:
            self.note(at, f"'{text}' is neither 'yes' (예, true, x) nor 'no' (아니오, false); the row is read as internal",
                      placed=True)
            return True
        return marked

    def _on_ladder(self, area: AreaDraft, lc: LevelColumn, at: str) -> bool:
        """Whether a statement at `lc` fits the area's ladder (an area's levels come from one ladder)."""
        if area.ladder is None:
            area.ladder = (lc.ladder, at)
        elif area.ladder[0] != lc.ladder:
            self.note(at, f"not imported: level '{lc.id}' is on another ladder than the area's statement at {area.ladder[1]}; "
                          "an area's levels come from one ladder")
            return False
        return True

    def _item(self, r: int, area: AreaDraft, group: GroupDraft | None, statements: list[tuple[LevelColumn, str]]) -> None:
        if len(statements) > 1:
            cells = ", ".join(column_letter(lc.col) for lc, _ in statements)
            self.note(self.sheet.row_at(r), f"not imported: an item has one statement, under the level it is expected from; "
                                            f"this row has {len(statements)} (columns {cells})")
            return
        lc, text = statements[0]
        at = self.sheet.at(r, lc.col)
        title = self._title(text, at)
        if title is None or not self._on_ladder(area, lc, at):
            return
        item = ItemDraft("i", title, r, at, level=lc.id)
        self._describe(item, r)
        item.internal = self._internal(r)
        owner = group or self._own(area, r)
        owner.items.append(item)

    def _own(self, area: AreaDraft, r: int) -> GroupDraft:
        if area.own is None:
            area.own = GroupDraft("c", area.title, r, area.at)
        return area.own

    def _behaviours(self, r: int, area: AreaDraft, group: GroupDraft | None, statements: list[tuple[LevelColumn, str]]) -> None:
        owner = group or self._own(area, r)
        self._describe(group or area, r)
        hidden = self._internal(r)
        for lc, text in statements:
            at = self.sheet.at(r, lc.col)
            try:
                check_paragraph(text)
            except ValueError as exc:
                self.note(at, f"not imported: {exc}")
                continue
            if lc.id in owner.behaviours:
                self.note(at, f"not imported: '{owner.title}' already has a statement for level '{lc.id}' "
                              f"({owner.behaviours[lc.id][1]})")
            elif self._on_ladder(area, lc, at):
                owner.behaviours[lc.id] = (text, at)
                if hidden:
                    owner.hidden.add(lc.id)

    # the result -------------------------------------------------------------------------------
    def _has_content(self, area: AreaDraft) -> bool:
        for key, g in list(area.groups.items()):
            if not g.items and not g.behaviours:
                self.note(g.at, f"not imported: group '{g.title}' has no statement under a level")
                del area.groups[key]
        if area.own is None and not area.groups:
            self.note(area.at, f"not imported: area '{area.title}' has no statement under a level")
            return False
        return True

    def _area_data(self, area: AreaDraft) -> dict[str, Any]:
        rank = {lc.id: lc.rank for lc in self.levels}
        data: dict[str, Any] = {"id": area.id, "title": area.title}
        if area.description:
            data["description"] = area.description
        if area.internal:
            data["internal"] = True
        if area.own is not None:
            data.update(_content(area.own, rank))
        for g in area.groups.values():
            _lift(g)
        if area.groups:
            data["groups"] = [{"id": g.id, "title": g.title, **({"description": g.description} if g.description else {}),
                               **_marked(g), **_content(g, rank)} for g in area.groups.values()]
        return data


def _content(group: GroupDraft, rank: dict[str, int]) -> dict[str, Any]:
    """A group's (or an area's own) `level`, `items` and `behaviours`: the level most of its items have (the lowest
    of a tie) is the group's, and an item at another level says its own."""
    out: dict[str, Any] = {}
    if group.items:
        counts = Counter(it.level for it in group.items)
        default = min(counts, key=lambda lid: (-counts[lid], rank[lid]))
        out["level"] = default
        out["items"] = [{"id": it.id, "title": it.title, **({"description": it.description} if it.description else {}),
                         **({"level": it.level} if it.level != default else {}), **_marked(it)} for it in group.items]
    if group.behaviours:
        out["behaviours"] = [{"level": lid, "text": text, **({"internal": True} if lid in group.hidden else {})}
                             for lid, (text, _) in sorted(group.behaviours.items(), key=lambda kv: rank[kv[0]])]
    return out


def _lift(group: GroupDraft) -> None:
    """A group not marked internal whose every statement is marked: the group is marked instead (what a person
    means who marks the row of a competency's behaviours; the public build leaves out the same)."""
    if group.internal or not (group.items or group.behaviours):
        return
    if all(it.internal for it in group.items) and group.hidden >= group.behaviours.keys():
        group.internal = True
        for it in group.items:
            it.internal = False
        group.hidden.clear()


def _marked(draft: Draft) -> dict[str, Any]:
    return {"internal": True} if draft.internal else {}


def _is_slug(text: str) -> bool:
    return not _slug_problem(text)


def _slug_problem(text: str) -> str:
    """Why `text` is no id, or ''."""
    try:
        check_slug(text)
    except ValueError as exc:
        return str(exc)
    return ""


def _free(ident: str, used: set[str]) -> str:
    """`ident`, or `ident-2`, `ident-3`, ... : the first not in `used`."""
    n, out = 1, ident
    while out in used:
        n += 1
        out = f"{ident}-{n}"
    return out


class _Ids:
    """Settles every id: areas first (one that names an area of the framework replaces it), then groups and items
    (ids written in the sheet, then the derived ones), never taking an id already used."""

    def __init__(self, target: Target, note: Callable[..., None]) -> None:
        self.target, self.note = target, note

    def assign(self, areas: list[AreaDraft]) -> None:
        self._areas(areas)
        replaced = {a.replaces for a in areas}
        used = {i for aid, ids in self.target.ids.items() if aid not in replaced for i in ids}
        used |= {a.id for a in areas if a.own is not None}  # an area's own items and behaviours form a group of its id
        drafts: list[Draft] = []
        for a in areas:
            drafts += a.own.items if a.own else []
            for g in a.groups.values():
                drafts += [g, *g.items]
        for d in drafts:
            if d.given is None:
                continue
            if d.given in used:
                d.id = self._fallback(d, used)
                self.note(d.given_at, f"id '{d.given}' is already used {self._where(d.given)}; '{d.title}' gets '{d.id}' "
                                      "(write another id in the sheet)", placed=True)
            else:
                d.id = d.given
            used.add(d.id)
        for d in drafts:
            if not d.id:
                d.id = self._derived(d, used)
                used.add(d.id)
        for a in areas:
            if a.own is not None:
                a.own.id = a.id

    def _where(self, ident: str) -> str:
        return "in the framework" if any(ident in ids for ids in self.target.ids.values()) else "earlier in the sheet"

    def _areas(self, areas: list[AreaDraft]) -> None:
        known = {k.id for k in self.target.areas}
        given = {a.given for a in areas if a.given}
        taken: set[str] = set()
        for a in areas:
            match = next((k for k in self.target.areas if k.id not in taken and (fold(a.title) in k.titles or a.title == k.id)), None)
            if a.given is not None and a.given not in taken:
                a.id = a.given
            elif match is not None:
                a.id = match.id
                a.title = match.title if a.title == match.id else a.title
            else:
                if a.given is not None:
                    self.note(a.given_at, f"id '{a.given}' is already used earlier in the sheet", placed=True)
                a.id = self._derived(a, known | taken | given)
            a.replaces = a.id if a.id in known else None
            taken.add(a.id)

    def _derived(self, d: Draft, used: set[str]) -> str:
        ident = ascii_id(d.title)
        if ident is not None and ident not in used:
            return ident
        fallback = self._fallback(d, used)
        if ident is not None:
            self.note(d.at, f"'{d.title}' would have id '{ident}', which is already used; it gets '{fallback}' "
                            "(write an id in the sheet to choose)", placed=True)
        return fallback

    @staticmethod
    def _fallback(d: Draft, used: set[str]) -> str:
        return _free(f"{d.prefix}-{d.row}", used)
