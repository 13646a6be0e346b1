"""The changelog's content: what changed in the framework, for its readers. Commits are grouped by release when
the framework's `version` changes in the history read ("버전 1.3.0 · 2026-11-02": the commit that set the version and
those before it, back to the previous release; what came after the newest release has a group of its own), else by
month; newest first. Each change is a sentence in the edition's language that names what changed as readers know it
("Senior 체크리스트에 역량 항목 ‘…’ 추가", "Duty of JD ‘Senior Backend Engineer’ changed"), each name linked to where it is
read (`Places`, from the site layer); the commit's own subject (written by developers) is secondary. Commits that
changed nothing readers see (a schema, the URL list, a YAML comment) are left out and counted. Translations into the
other edition's language are counted, not listed. Data only: the site's template lays it out. What entities, fields
and kinds of change are called comes from their declarations (core/model.py, through review/changes.py)."""
from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Literal

from ..core.framework import Framework
from ..core.model import Strict
from ..core.shown import Label
from ..core.text import Language, Text
from .changes import TRANSLATION, Change, entities, field_of, kind_label, name_label, owner
from .changes import noun as declared_noun
from .revisions import Commit, CommitChanges

#: Where readers find each entity of the framework being built: kind -> id -> (page source path, anchor).
Places = Mapping[str, Mapping[str, tuple[str, str | None]]]

#: What readers call an entity where the declared noun is a maintainer's word: a role level is read as a JD.
READER_NOUNS: dict[str, Label] = {"role-level": Label("JD", "JD")}

#: How a change reads, by its shape (`_shape`). {noun} is what changed ({Noun}: capitalised), {name} its name,
#: {kind} the change, {level} the level it is placed at, {part} ({Part}) the field or list entry of {owner} (a noun
#: and a name) that changed.
SENTENCES: dict[str, Label] = {
    "named": Label("{noun} {name} {kind}", "{Noun} {name} {kind}"),
    "item-added": Label("{level} 체크리스트에 {noun} {name} 추가", "{Noun} {name} added to the {level} checklist"),
    "item-removed": Label("{level} 체크리스트에서 {noun} {name} 삭제", "{Noun} {name} removed from the {level} checklist"),
    "behaviour": Label("{name}의 {level} {noun} {kind}", "{level} {noun} of {name} {kind}"),
    "part": Label("{owner}의 {part} {kind}", "{Part} of {owner} {kind}"),
    "part-added": Label("{owner}에 {part} 추가", "{Part} added to {owner}"),
    "part-removed": Label("{owner}에서 {part} 삭제", "{Part} removed from {owner}"),
}
#: Month names of group headings, per language.
MONTHS: dict[str, tuple[str, ...]] = {
    "ko": tuple(f"{n}월" for n in range(1, 13)),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}
#: A name longer than this (a question, a statement) is cut in a sentence; the line's detail holds it whole.
NAME_LENGTH = 60


@dataclass(frozen=True)
class Piece:
    """A part of a sentence: the sentence's own words (`data` False), or words of the data (a name), linked to the
    page `src` (at `anchor`) where the template finds that page in the build."""

    text: str
    data: bool = False
    src: str | None = None
    anchor: str | None = None


@dataclass(frozen=True)
class ChangeLine:
    """One change as the changelog shows it: labels in the edition's language, ids and texts as data
    (texts in the edition's language where the data has it); `words` the sentence that says what changed,
    followed by old/new when `detail`."""

    entity: str
    kind: str
    id: str
    field: str | None
    old: str | None
    new: str | None
    moved: bool  # old/new are level or group names (a move), not texts
    note: str | None = None  # "번역은 그대로" / "translation not updated": the source changed, its translation did not
    words: tuple[Piece, ...] = ()
    detail: bool = True  # old/new follow the sentence (not when the sentence names what was added or removed)


@dataclass(frozen=True)
class ChangelogEntry:
    commit: Commit
    title: str  # e.g. "역량 항목 2건 추가 · 주요 업무 1건 변경", "2 competency items added · 1 duty changed"
    lines: tuple[ChangeLine, ...]
    problems: tuple[str, ...]
    translations: int = 0  # changes of only the other edition's language: counted, not listed


GroupKind = Literal["release", "since", "month"]


@dataclass(frozen=True)
class ChangelogGroup:
    """Entries under one heading: a release (`version`, and the `date` of the commit that set it), what came after
    the newest release ("since" it: `version`), or a month (`year`, `month_name`)."""

    kind: GroupKind
    id: str  # the heading's anchor
    entries: tuple[ChangelogEntry, ...]
    version: str | None = None
    date: str | None = None
    year: str | None = None
    month_name: str | None = None


@dataclass(frozen=True)
class ChangelogView:
    version: str | None
    data_version: str | None
    groups: tuple[ChangelogGroup, ...] | None  # None: built without git history
    hidden: int = 0  # commits of framework/ that changed nothing readers see: left out

    @property
    def entries(self) -> tuple[ChangelogEntry, ...] | None:
        return None if self.groups is None else tuple(e for g in self.groups for e in g.entries)


# what things are called -----------------------------------------------------------------------------------------
def noun(entity: str, lang: str = "ko") -> str:
    """What a change's `entity` is called to readers: the declared noun ("역량 항목"), or `READER_NOUNS`' ("JD")."""
    reader = READER_NOUNS.get(entity)
    return reader.get(lang) if reader is not None else declared_noun(entity, lang)


def _capital(word: str) -> str:
    return word[:1].upper() + word[1:]  # starts a sentence ("Competency item"; Korean has no case)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= NAME_LENGTH else text[: NAME_LENGTH - 1].rstrip() + "…"


@cache
def _word(text: str) -> Piece:
    """Words of a sentence's own (one piece serves every sentence)."""
    return Piece(text)


class Names:
    """The entities of the framework being built, by kind and id: what a sentence calls each (its name in the
    edition's language) and where it is read (`places`)."""

    def __init__(self, fw: Framework, lang: Language = "ko", places: Places | None = None) -> None:
        self.fw, self.lang, self.places = fw, lang, places if places is not None else {}
        self.found = entities(fw)

    def current(self, kind: str, ident: str) -> str | None:
        """The name an entity has now (a behaviour: its competency's), None when it no longer exists."""
        found = self.found.get(kind, {}).get(ident)
        if found is None:
            return None
        if kind == "behaviour" and found.holder is not None:
            return self.current(*found.holder)
        model = found.model
        named = model.noun.name if isinstance(model, Strict) and model.noun is not None else "title"
        value = getattr(model, named, None)
        return _short(value.get(self.lang) if isinstance(value, Text) else str(value)) if value is not None else None

    def level(self, level_id: str | None) -> str | None:
        return self.fw.level(level_id).title.get(self.lang) if level_id and self.fw.has_level(level_id) else level_id

    def linked(self, kind: str, ident: str, text: str) -> Piece:
        """A name, linked to where the entity is read (when it still is)."""
        src, anchor = self.places.get(kind, {}).get(ident, (None, None))
        return Piece(text, True, src, anchor)

    def quoted(self, kind: str, ident: str, text: str) -> tuple[Piece, ...]:
        return _word("‘"), self.linked(kind, ident, text), _word("’")


# one change -----------------------------------------------------------------------------------------------------
def _in(lang: Language, ko: str | None, en: str | None) -> str | None:
    return en if lang == "en" and en else ko


def _own_name(c: Change, names: Names) -> str:
    """What a sentence calls the entity a change is about: the name it was given (retitled: the new one), else its
    name now (the name on the page it links to), else the name it had (removed), else its id."""
    kind = owner(c.entity)
    named = c.entity == kind and kind != "behaviour"  # the change's texts are the entity's name
    given = _in(names.lang, c.new, c.new_en) if named and c.kind == "retitled" else None
    had = _in(names.lang, c.old, c.old_en) or _in(names.lang, c.new, c.new_en) if named else None
    found = given or names.current(kind, c.id) or had
    return _short(found) if found else c.id.split("--")[0]


_name_label = cache(name_label)


def _shape(c: Change, lang: Language) -> tuple[str, str | None]:
    """Which sentence a change reads as, and the field or entry it names ({part})."""
    kind = owner(c.entity)
    if c.entity != kind:  # an entry of a list: a duty of a JD
        return {"added": "part-added", "removed": "part-removed"}.get(c.kind, "part"), noun(c.entity, lang)
    if kind == "behaviour":
        return "behaviour", None
    if kind == "item" and c.kind in ("added", "removed") and c.scope:
        return f"item-{c.kind}", None
    part = field_of(c, lang) if c.kind == "changed" else None
    if part is None or part == _name_label(kind, lang):  # a change of the field that names it reads as the entity's
        return "named", None
    return "part", part


@cache
def _parsed(pattern: str) -> tuple[tuple[str, str | None], ...]:
    return tuple((literal, name) for literal, name, _, _ in string.Formatter().parse(pattern))


def _fill(pattern: str, values: Mapping[str, tuple[Piece, ...]]) -> tuple[Piece, ...]:
    """A sentence's pattern with its {placeholders} replaced, neighbouring words joined."""
    out: list[Piece] = []
    for literal, name in _parsed(pattern):
        for piece in ((Piece(literal),) if literal else ()) + (values[name] if name is not None else ()):
            if out and not piece.data and not out[-1].data:
                out[-1] = Piece(out[-1].text + piece.text)
            else:
                out.append(piece)
    return tuple(out)


#: The shapes whose sentence names a level ({level}).
PLACED = ("behaviour", "item-added", "item-removed")


def sentence(c: Change, names: Names) -> tuple[tuple[Piece, ...], bool]:
    """The words that say what a change did, in the edition's language, and whether its old/new follow them."""
    lang, kind = names.lang, owner(c.entity)
    shape, part = _shape(c, lang)
    name = names.quoted(kind, c.id, _own_name(c, names))
    what = noun(kind, lang)
    values = {"noun": (_word(what),), "Noun": (_word(_capital(what)),), "kind": (_word(kind_label(c.shown_kind, lang)),),
              "name": name, "owner": (_word(what + " "), *name), "part": (_word(part or ""),),
              "Part": (_word(_capital(part or "")),)}
    if shape in PLACED:  # an item's level is its scope, a behaviour's is in its id too (`<group>--<level>`)
        level = c.scope or c.id.partition("--")[2]
        values["level"] = (names.linked("level", level, names.level(level) or ""),)
    named = shape in ("named", "item-added", "item-removed") and c.kind in ("added", "removed")
    first = c.shown_kind == "translated" and c.kind == "retitled" and c.translated_words[0] is None  # the name it shows
    return _fill(SENTENCES[shape].get(lang), values), not (named or first)


def line(c: Change, fw: Framework, lang: Language = "ko", names: Names | None = None) -> ChangeLine:
    names = names if names is not None and names.lang == lang else Names(fw, lang)
    words, detail = sentence(c, names)
    entity, kind = _capital(noun(c.entity, lang)), kind_label(c.shown_kind, lang)
    if c.kind == "moved-level":
        return ChangeLine(entity, kind, c.id, None, names.level(c.old), names.level(c.new), True, words=words,
                          detail=detail)
    if c.kind == "moved-group":  # groups by their names where they still exist
        old, new = (names.current("group", g) or g if g else g for g in (c.old, c.new))
        return ChangeLine(entity, kind, c.id, None, old, new, True, words=words, detail=detail)
    if c.kind == "renamed":
        return ChangeLine(entity, kind, c.id, None, c.old, c.new, True, words=words, detail=detail)
    field = field_of(c, lang)
    if c.shown_kind == "translated":  # the source stayed: the translation before and after
        return ChangeLine(entity, kind, c.id, field, *c.translated_words, False, words=words, detail=detail)
    note = TRANSLATION[c.translation].get(lang) if c.translation else None
    english = (c.old is None or c.old_en) and (c.new is None or c.new_en) and c.old_en != c.new_en
    if (lang == "en" and english) or (c.source == "en" and c.old == c.new):  # one language per line: the edition's
        return ChangeLine(entity, kind, c.id, field, c.old_en, c.new_en, False, note, words, detail)  # where it changed
    return ChangeLine(entity, kind, c.id, field, c.old, c.new, False, note, words, detail)  # else the source


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


# commits and their groups ---------------------------------------------------------------------------------------
def shown_to(c: Change, lang: Language) -> bool:
    """A change readers of an edition see: any but a translation into the other edition's language."""
    return c.shown_kind != "translated" or c.translation_language == lang


def entry(h: CommitChanges, names: Names) -> ChangelogEntry | None:
    """A commit as the changelog shows it, None when it changed nothing readers see (and nothing kept it from being
    read)."""
    if not h.changes and not h.problems:
        return None
    lang = names.lang
    shown = [c for c in h.changes if shown_to(c, lang)]
    return ChangelogEntry(h.commit, title(h.changes, lang), tuple(line(c, names.fw, lang, names) for c in shown),
                          h.problems, len(h.changes) - len(shown))


def versioned(history: Iterable[CommitChanges]) -> bool:
    """The framework's version changed from one commit to another (a first version alone is not a change)."""
    return any(h.released and h.previous is not None for h in history)


def _slug(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", text.lower()).strip("-") or "x"


@dataclass(frozen=True)
class _Key:
    """The group of a commit: its kind, what tells it from the others of its kind (a month, a release's commit), the
    anchor it asks for, and its heading's values (a version and a date, or a year and a month's name)."""

    kind: GroupKind
    which: str
    anchor: str
    first: str | None
    second: str | None


def _keys(history: list[CommitChanges], lang: Language) -> Iterator[_Key]:
    """Each commit's group, in the order of `history`."""
    if not versioned(history):
        for h in history:
            year, month = h.commit.date[:4], h.commit.date[5:7]
            name = MONTHS[lang][int(month) - 1] if month.isdigit() and 1 <= int(month) <= 12 else month
            yield _Key("month", f"{year}-{month}", f"month-{year}-{month}", year, name)
        return
    newest = next(h for h in history if h.released)
    release: CommitChanges | None = None  # a commit's release: the nearest commit at or above it that set a version
    for h in history:
        release = h if h.released else release
        if release is None:
            yield _Key("since", "", "unreleased", newest.version, None)
        else:
            version = release.version or ""
            yield _Key("release", release.commit.sha, f"version-{_slug(version)}", version, release.commit.date)


def groups(history: list[CommitChanges], names: Names) -> tuple[ChangelogGroup, ...]:
    """The commits readers see, in their groups (see the module docstring), newest first; groups left empty are
    left out."""
    found: dict[tuple[GroupKind, str], tuple[_Key, list[ChangelogEntry]]] = {}
    for h, key in zip(history, _keys(history, names.lang), strict=True):
        shown = entry(h, names)
        slot = found.setdefault((key.kind, key.which), (key, []))
        if shown is not None:
            slot[1].append(shown)
    out: list[ChangelogGroup] = []
    anchors: set[str] = set()
    for key, entries in found.values():
        if not entries:
            continue
        anchor, n = key.anchor, 1
        while anchor in anchors:  # a version set twice
            n += 1
            anchor = f"{key.anchor}-{n}"
        anchors.add(anchor)
        if key.kind == "month":
            out.append(ChangelogGroup(key.kind, anchor, tuple(entries), year=key.first, month_name=key.second))
        else:
            out.append(ChangelogGroup(key.kind, anchor, tuple(entries), version=key.first, date=key.second))
    return tuple(out)


def changelog_view(fw: Framework, history: list[CommitChanges] | None, version: str | None,
                   lang: Language = "ko", places: Places | None = None) -> ChangelogView:
    if history is None:
        return ChangelogView(version, fw.meta.version, None)
    names = Names(fw, lang, places)
    made = groups(history, names)
    return ChangelogView(version, fw.meta.version, made, len(history) - sum(len(g.entries) for g in made))
