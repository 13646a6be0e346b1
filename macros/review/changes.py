"""What changed between two versions of the framework, computed from the models (not the YAML text).

One walk, generic over the models' fields: every entity (a model with a `Noun`: an item, a level, a role level,
an interview question, ...) is found on both sides by its id (an old id kept in `aliases` reads as a rename) and
compared field by field as each field's `Shown` declaration in core/model.py says (core/shown.py). A new field is
reported without touching this module. What is not a field change is here: the ids of behaviours
(`<group>--<level>`) and role levels (`role/level`), an item's effective level (its own or its group's) and its
move to another group. Labels for reports come from the same declarations (`noun`, `field_label`)."""
from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import Any, Literal, cast, get_args

from pydantic import BaseModel

from ..core.diagnostics import Diagnostic
from ..core.files import FOLDERS, SINGLE_FILES
from ..core.framework import SHARED_LADDER, Framework, Ref, behaviour_id
from ..core.model import Behaviour, FrameworkFile, Group, Item, Refers, RefKind, RoadmapFile, RoleLevel, Strict
from ..core.shown import Label, Noun, Shown
from ..core.text import Language, Text
from ..core.translations import fingerprint, other, wording

ChangeKind = Literal["added", "removed", "renamed", "retitled", "moved-level", "moved-group", "changed"]
#: What became of a text's translation when its source changed: not updated ("stale"), or not updated and marked as
#: still holding for the new source ("kept": `en_of`, core/translations.py).
TranslationState = Literal["stale", "kept"]

#: What each kind of change is called, in Korean and English; "translated" is a change of only the English.
KINDS: dict[str, Label] = {
    "added": Label("추가", "added"), "removed": Label("삭제", "removed"), "renamed": Label("id 변경", "renamed"),
    "retitled": Label("제목 변경", "retitled"), "moved-level": Label("기대 레벨 이동", "moved to another level"),
    "moved-group": Label("그룹 이동", "moved to another group"), "changed": Label("변경", "changed"),
    "translated": Label("번역", "translated"),
}
#: What a report adds to a text change whose translation stayed (`Change.translation`).
TRANSLATION: dict[str, Label] = {"stale": Label("번역은 그대로", "translation not updated"),
                                 "kept": Label("번역은 그대로 (여전히 맞음)", "translation kept (still correct)")}
#: Models reported as a whole that define no id of their kind (no `entity`): their kind; their id is `_ident`'s.
KEYED: dict[type[BaseModel], str] = {Behaviour: "behaviour", RoleLevel: "role-level", FrameworkFile: "framework",
                                     RoadmapFile: "roadmap"}
#: The order changes are listed in, by entity kind (a kind not listed comes last).
ORDER = ("item", "behaviour", "group", "area", "family", "level", "track", "kpi", "role", "role-level", "topic",
         "question", "scale", "step", "term", "phase", "roadmap", "framework")
#: Kinds whose move to another holder is a change of its own: an item to another group.
MOVES: dict[str, ChangeKind] = {"item": "moved-group"}
#: Fields never shown as words of a model (a link shown as an entry: its title and address, not its id).
UNSHOWN = ("id", "quiet", "entities")


@dataclass(frozen=True)
class Change:
    """One change. `entity` is what changed: a kind of entity (item, role-level, ...) or of list entry (duty,
    item-examples, ...: see `Shown.entry`); `id` which one (for entries, the entity holding them); `scope` the
    field that changed (`progression.focus`), or for items and behaviours the level concerned. `old` and `new`
    are texts in Korean where the data has it (else English), ids or level ids; `old_en` and `new_en` the
    English of a text, when it has one (the English changelog shows them). `source` is the language a text was
    written in (its file's; None for what is not a text): the other language is its translation. `translation`
    says when the source's wording changed and its translation did not: "stale", or "kept" when the text is
    marked as still holding for the new wording."""

    entity: str
    kind: ChangeKind
    id: str
    old: str | None = None
    new: str | None = None
    scope: str = ""
    old_en: str | None = None
    new_en: str | None = None
    source: Language | None = None
    translation: TranslationState | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def source_words(self) -> tuple[str | None, str | None]:
        """The text before and after in its source language (Korean for what is not a text)."""
        return (self.old_en, self.new_en) if self.source == "en" else (self.old, self.new)

    @property
    def translated_words(self) -> tuple[str | None, str | None]:
        """The translation before and after (None where there is none; a Korean translation that reads exactly
        as its English reads as none)."""
        if self.source != "en":
            return self.old_en, self.new_en
        return (self.old if self.old != self.old_en else None), (self.new if self.new != self.new_en else None)

    @property
    def translation_language(self) -> Language:
        return "ko" if self.source == "en" else "en"

    @property
    def shown_kind(self) -> str:
        """The kind a report names: "translated" when only the translation of a text changed."""
        source, translated = self.source_words, self.translated_words
        changed = self.kind in ("changed", "retitled") and source[0] == source[1] and translated[0] != translated[1]
        return "translated" if changed else self.kind

    def refs(self) -> list[Ref]:
        """The page entities this change touches (for 'last changed' dates)."""
        kind = owner(self.entity)
        if kind == "role-level":
            return [Ref("role-level", self.id), Ref("role", self.id.split("/")[0])]
        if kind == "behaviour":
            return [Ref("behaviour", self.id), Ref("group", self.id.split("--")[0])]
        return [Ref(cast(RefKind, kind), self.id)] if kind in get_args(RefKind) else []


@dataclass
class DiffResult:
    """Both sides' labels, the changes, and problems that kept a side from loading."""

    base: str
    head: str
    changes: list[Change] = field(default_factory=list)
    errors: dict[str, list[Diagnostic]] = field(default_factory=dict)
    old: Framework | None = None
    new: Framework | None = None


# the declarations -------------------------------------------------------------------------------------------
@cache
def fields(cls: type[BaseModel]) -> tuple[tuple[str, Shown], ...]:
    """Each field of a model with its declaration (tests/test_shown.py keeps every field declared)."""
    out = []
    for name, info in cls.model_fields.items():
        shown = next((m for m in info.metadata if isinstance(m, Shown)), None)
        if shown is None:
            raise TypeError(f"{cls.__name__}.{name} has no Shown(...) declaration in core/model.py")
        out.append((name, shown))
    return tuple(out)


@cache
def _refers(cls: type[BaseModel]) -> dict[str, str]:
    """The fields of a model that name other entities (`Refers`), with the kind they name."""
    return {name: m.kind for name, info in cls.model_fields.items() for m in info.metadata if isinstance(m, Refers)}


def kind_of(cls: type[BaseModel]) -> str | None:
    """The kind of entity a model is reported as, None for a part of one (a link, a ladder, a file of entities)."""
    entity = cls.entity if issubclass(cls, Strict) else None
    return entity or KEYED.get(cls)


def _noun(cls: type[BaseModel]) -> Noun:
    noun = cls.noun if issubclass(cls, Strict) else None
    if noun is None:
        raise TypeError(f"{cls.__name__} is reported as an entity but declares no noun in core/model.py")
    return noun


def entry_key(kind: str, path: str, shown: Shown) -> str:
    """What an entry of a list field is reported as (`Change.entity`): its `entry`, else `<kind>-<field>`."""
    return shown.entry or f"{kind}-{path}".replace(".", "-").replace("_", "-")


def models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    """The model classes a field's type can hold (texts are values, not models)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if not issubclass(annotation, Text):
            yield annotation
        return
    for arg in get_args(annotation):
        yield from models_in(arg)


@dataclass(frozen=True)
class Declared:
    """Read once from the file models: each kind's and entry's label, the kind each belongs to, and the
    model classes of each kind (whose fields a change's scope names)."""

    labels: dict[str, Label] = field(default_factory=dict)
    owners: dict[str, str] = field(default_factory=dict)
    classes: dict[str, list[type[BaseModel]]] = field(default_factory=dict)

    def visit(self, cls: type[BaseModel], kind: str | None, prefix: str, seen: set[tuple[Any, ...]]) -> None:
        if (cls, kind, prefix) in seen:
            return
        seen.add((cls, kind, prefix))
        if (own := kind_of(cls)) is not None:
            kind, prefix = own, ""
            self.labels.setdefault(own, _noun(cls))
            self.owners[own] = own
            self.classes.setdefault(own, []).append(cls)
        for name, shown in fields(cls):
            if shown.reads == "entries" and kind is not None:
                key = entry_key(kind, prefix + name, shown)
                self.labels.setdefault(key, shown)
                self.owners[key] = kind
            if shown.reads in ("entities", "nested"):
                inner = f"{prefix}{name}." if shown.reads == "nested" else ""
                for sub in models_in(cls.model_fields[name].annotation):
                    self.visit(sub, kind, inner, seen)


@cache
def declared() -> Declared:
    out, seen = Declared(), set[tuple[Any, ...]]()
    for model in [m for m, _ in SINGLE_FILES.values()] + [m for m, _, _ in FOLDERS.values()]:
        out.visit(model, None, "", seen)
    return out


def owner(entity: str) -> str:
    """The kind of entity a change's `entity` belongs to (a duty to its role level)."""
    return declared().owners.get(entity, entity)


def noun(entity: str, lang: str = "ko") -> str:
    """What a change's `entity` is called: "역량 항목" / "competency item", "주요 업무" / "duty"."""
    label = declared().labels.get(entity)
    return label.get(lang) if label is not None else entity


def kind_label(kind: str, lang: str = "ko") -> str:
    return KINDS[kind].get(lang) if kind in KINDS else kind


@cache  # read from the declarations, which never change
def field_label(entity: str, scope: str, lang: str = "ko") -> str | None:
    """The label of the field a change's `scope` names ("성장 경로의 역할 초점" / "progression focus"), None when
    the scope names no field shown that way (a behaviour's level, an entry)."""
    labels: list[str] = []
    classes = declared().classes.get(entity, []) if scope else []
    reads = None
    for part in scope.split("."):
        shown = next((s for cls in classes for name, s in fields(cls) if name == part), None)
        if shown is None:
            return None
        labels.append(shown.get(lang))
        reads = shown.reads
        classes = [sub for cls in classes if part in cls.model_fields for sub in models_in(cls.model_fields[part].annotation)]
    if reads not in ("text", "ids", "value"):
        return None
    return (" " if lang == "en" else "의 ").join(labels)


def field_of(c: Change, lang: str = "ko") -> str | None:
    """The label of the field a report names with a change: the field changed, or the title whose translation
    changed ("제목"; a rewording says "제목 변경" already); None when the change needs none."""
    if c.kind == "changed" and c.scope:
        return field_label(c.entity, c.scope, lang)
    if c.kind != "retitled" or c.shown_kind != "translated":
        return None
    return name_label(c.entity, lang)


def name_label(entity: str, lang: str = "ko") -> str | None:
    """The label of the field that names an entity of a kind ("제목" / "title"), None when it has none."""
    names = (dict(fields(cls)).get(_noun(cls).name) for cls in declared().classes.get(entity, []))
    return next((shown.get(lang) for shown in names if shown is not None), None)


# values as texts --------------------------------------------------------------------------------------------
def _words(value: Any, lang: str) -> str:
    """A value as words: a text in `lang`, a model's shown fields joined with " · ", a list's entries with ", "."""
    if isinstance(value, Text):
        return value.get(lang)
    if isinstance(value, BaseModel):
        parts = (_words(getattr(value, name), lang) for name, s in fields(type(value)) if s.reads not in UNSHOWN)
        return " · ".join(p for p in parts if p)
    if isinstance(value, (tuple, list)):
        return ", ".join(_words(v, lang) for v in value)
    return "" if value is None else str(value)


def _has_english(value: Any) -> bool:
    if isinstance(value, Text):
        return value.en is not None
    if isinstance(value, BaseModel):
        return any(_has_english(getattr(value, name)) for name, s in fields(type(value)) if s.reads not in UNSHOWN)
    return isinstance(value, (tuple, list)) and any(_has_english(v) for v in value)


def _first_text(value: Any) -> Text | None:
    """The first text a model holds (its title, for a link)."""
    if isinstance(value, Text):
        return value
    if isinstance(value, BaseModel):
        shown = (getattr(value, name) for name, s in fields(type(value)) if s.reads not in UNSHOWN)
        return next((t for v in shown if (t := _first_text(v)) is not None), None)
    if isinstance(value, (tuple, list)):
        return next((t for v in value if (t := _first_text(v)) is not None), None)
    return None


def _as_text(value: Any) -> Text | None:
    """A value as a text: a text itself, a name or number in its own words, a model as its words (both languages,
    written in the language of its first text)."""
    if value is None or isinstance(value, Text):
        return value
    if isinstance(value, BaseModel):
        first = _first_text(value)
        return Text.of(_words(value, "ko"), _words(value, "en") if _has_english(value) else None,
                       first.source if first is not None else None)
    return Text.of(_words(value, "ko"))


def _joined(value: Any) -> str | None:
    """Ids or a plain value as one string (None for none)."""
    return None if value is None else _words(value, "ko")


def _t(value: Text | None) -> str | None:
    return value.get("ko") if value is not None else None


def _text_change(entity: str, kind: ChangeKind, ident: str, old: Text | None, new: Text | None, scope: str = "") -> Change:
    """A change between two texts (either may be None), in Korean and, where they have it, English."""
    either = new if new is not None else old
    return Change(entity, kind, ident, _t(old), _t(new), scope, old.en if old is not None else None,
                  new.en if new is not None else None, either.source if either is not None else None,
                  translation(old, new))


def translation(old: Text | None, new: Text | None) -> TranslationState | None:
    """What became of the translation when a text changed: "stale" when the source's wording changed and the
    translation's did not, "kept" when the text is also marked as still holding for the new source, else None
    (nothing to say: the source stayed, the translation changed too, or one side has no translation)."""
    if old is None or new is None or old.source != new.source:
        return None
    src, tr = new.source, other(new.source)
    if not all(t.has(lang) for t in (old, new) for lang in (src, tr)):
        return None
    if wording(old.get(src)) == wording(new.get(src)) or wording(old.get(tr)) != wording(new.get(tr)):
        return None
    return "kept" if new.translation_mark() == fingerprint(new.get(src)) else "stale"


def _same(a: Text | None, b: Text | None) -> bool:
    return (a.ko, a.en) == (b.ko, b.en) if a is not None and b is not None else a is b


def _list_changes(entity: str, old: Iterable[Text], new: Iterable[Text], owner: str) -> list[Change]:
    """Added, removed and reworded lines of a text list (reworded: replaced at the same place), matched by their
    source (the file's language)."""
    old, new = list(old), list(new)
    a, b = [t.get(t.source) for t in old], [t.get(t.source) for t in new]
    out: list[Change] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":  # the same source: the translation may still have changed
            out += [_text_change(entity, "changed", owner, o, n) for o, n in zip(old[i1:i2], new[j1:j2], strict=True)
                    if not _same(o, n)]
            continue
        olds, news = old[i1:i2], new[j1:j2]
        paired = min(len(olds), len(news)) if op == "replace" else 0
        out += [_text_change(entity, "changed", owner, o, n) for o, n in zip(olds[:paired], news[:paired], strict=False)]
        out += [_text_change(entity, "removed", owner, o, None) for o in olds[paired:]]
        out += [_text_change(entity, "added", owner, None, n) for n in news[paired:]]
    return out


# one field, as its declaration reads ------------------------------------------------------------------------
@dataclass(frozen=True)
class Compared:
    """The entity whose fields are compared: its kind, id (the new one) and scope, and the renames of every kind
    (kind -> old id -> new id): a reference to a renamed entity has not changed."""

    kind: str
    id: str
    scope: str
    renames: Mapping[str, Mapping[str, str]]

    def renamed(self, kind: str, value: Any) -> Any:
        """A reference (an id or a tuple of ids) with renamed ids of `kind` written as the new ones."""
        new = self.renames.get(kind, {})
        return tuple(new.get(v, v) for v in value) if isinstance(value, tuple) else new.get(value, value)


Reader = Callable[[Compared, str, Any, Any, Shown], list[Change]]


def _title(e: Compared, path: str, a: Any, b: Any, shown: Shown) -> list[Change]:
    old, new = _as_text(a), _as_text(b)
    return [] if _same(old, new) else [_text_change(e.kind, "retitled", e.id, old, new)]


def _statement(e: Compared, path: str, a: Any, b: Any, shown: Shown) -> list[Change]:
    old, new = _as_text(a), _as_text(b)
    return [] if _same(old, new) else [_text_change(e.kind, "changed", e.id, old, new, e.scope)]


def _text(e: Compared, path: str, a: Any, b: Any, shown: Shown) -> list[Change]:
    old, new = _as_text(a), _as_text(b)
    return [] if _same(old, new) else [_text_change(e.kind, "changed", e.id, old, new, path)]


def _entries(e: Compared, path: str, a: Any, b: Any, shown: Shown) -> list[Change]:
    olds, news = [_as_text(v) for v in a or ()], [_as_text(v) for v in b or ()]
    return _list_changes(entry_key(e.kind, path, shown), [t for t in olds if t], [t for t in news if t], e.id)


def _value(e: Compared, path: str, a: Any, b: Any, shown: Shown) -> list[Change]:
    return [] if a == b else [Change(e.kind, "changed", e.id, _joined(a), _joined(b), path)]


def _level(e: Compared, path: str, a: Any, b: Any, shown: Shown) -> list[Change]:
    return [] if a == b else [Change(e.kind, "moved-level", e.id, a, b)]


def _nested(e: Compared, path: str, a: Any, b: Any, shown: Shown) -> list[Change]:
    model: BaseModel | None = a if a is not None else b
    return [] if model is None else _compare(e, fields(type(model)), a, b, f"{path}.")


def _unreported(e: Compared, path: str, a: Any, b: Any, shown: Shown) -> list[Change]:
    return []


READERS: dict[str, Reader] = {"title": _title, "statement": _statement, "text": _text, "entries": _entries,
                              "ids": _value, "value": _value, "level": _level, "nested": _nested,
                              "entities": _unreported, "id": _unreported, "quiet": _unreported}


def _compare(e: Compared, declared_fields: Iterable[tuple[str, Shown]], a: BaseModel | None, b: BaseModel | None,
             prefix: str = "",
             values: tuple[Mapping[str, Any], Mapping[str, Any]] = ({}, {})) -> list[Change]:
    """Every field of `a` against `b` (models, or None), each read as declared; `values` read instead of theirs.
    A reference that names a renamed entity by its new id is unchanged."""
    refers = {name: kind for m in (a, b) if m is not None for name, kind in _refers(type(m)).items()}
    out: list[Change] = []
    for name, shown in declared_fields:
        old = values[0][name] if name in values[0] else getattr(a, name, None)
        new = values[1][name] if name in values[1] else getattr(b, name, None)
        if shown.reads in ("ids", "level") and name in refers and e.renamed(refers[name], old) == new != old:
            continue
        out += READERS[shown.reads](e, prefix + name, old, new, shown)
    return out


# entities ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Found:
    """One entity of a framework: its model, the entity holding it (kind, id), the scope an added or removed one
    is shown with (an item's or a behaviour's level) and values read instead of the model's (an item's level)."""

    model: BaseModel
    holder: tuple[str, str] | None
    scope: str = ""
    values: Mapping[str, Any] = field(default_factory=dict)

    def get(self, name: str) -> Any:
        return self.values[name] if name in self.values else getattr(self.model, name, None)


def _ident(value: BaseModel, kind: str, holder: str, key: str) -> str:
    if isinstance(value, Behaviour):
        return behaviour_id(holder, value.level)
    if isinstance(value, RoleLevel):
        return Ref.role_level(holder, key).id
    return str(getattr(value, "id", kind))


def _placed(value: BaseModel, holding: BaseModel | None) -> tuple[str, dict[str, Any]]:
    """The scope of an entity and the values read instead of its own: an item's level is its group's by default."""
    if isinstance(value, Item):
        level = value.level or (holding.level if isinstance(holding, Group) else None) or ""
        return level, {"level": level}
    if isinstance(value, Behaviour):
        return value.level, {}
    return "", {}


def _held(value: Any) -> Iterator[tuple[str, BaseModel]]:
    """The models a field of entities holds, each with its key (a role level's level id)."""
    if isinstance(value, BaseModel):
        yield "", value
    elif isinstance(value, dict):
        yield from value.items()
    elif isinstance(value, tuple):
        yield from (("", v) for v in value)


def _found(value: BaseModel, holder: tuple[str, str] | None, holding: BaseModel | None,
           key: str) -> Iterator[tuple[str, str, Found]]:
    """(kind, id, found) for `value` if it is an entity, and for every entity it holds."""
    kind = kind_of(type(value))
    if kind is not None:
        ident = _ident(value, kind, holder[1] if holder else "", key)
        scope, values = _placed(value, holding)
        yield kind, ident, Found(value, holder, scope, values)
        holder = (kind, ident)
    for name, shown in fields(type(value)):
        if shown.reads == "entities":
            for k, child in _held(getattr(value, name)):
                yield from _found(child, holder, value, k)


def _roots(fw: Framework) -> Iterator[BaseModel]:
    """The models a framework holds (a family's own ladder inside its family)."""
    yield fw.meta
    for ladder in fw.ladders:
        if ladder.id == SHARED_LADDER:
            yield from (*ladder.levels, *ladder.tracks)
    yield from (f.file for f in fw.families if not f.implicit)
    yield from (*fw.kpis, *fw.scales, *fw.glossary, *((fw.roadmap,) if fw.roadmap else ()))
    yield from (*fw.areas, *fw.roles, *fw.interviews)


def entities(fw: Framework) -> dict[str, dict[str, Found]]:
    """Every entity of a framework by kind and id, in file order."""
    out: dict[str, dict[str, Found]] = {}
    for root in _roots(fw):
        for kind, ident, found in _found(root, None, None, ""):
            out.setdefault(kind, {})[ident] = found
    return out


def _former(value: BaseModel) -> Iterator[str]:
    """An entity's former ids (its `id` fields that hold several: aliases)."""
    for name, shown in fields(type(value)):
        if shown.reads == "id" and isinstance(ids := getattr(value, name), tuple):
            yield from ids


def _renames(olds: Mapping[str, Found], news: Mapping[str, Found]) -> dict[str, str]:
    """Old id -> new id, for an old id gone and kept as an alias of a new one."""
    return {alias: nid for nid, f in news.items() for alias in _former(f.model) if alias in olds and alias not in news}


def _named(kind: str, change: ChangeKind, ident: str, found: Found) -> Change:
    """An entity added or removed, shown by the field that names it."""
    name = _as_text(found.get(_noun(type(found.model)).name))
    old, new = (None, name) if change == "added" else (name, None)
    return _text_change(kind, change, ident, old, new, found.scope)


def _changed(kind: str, ident: str, a: Found, b: Found, renames: Mapping[str, Mapping[str, str]]) -> list[Change]:
    """One entity on both sides: its fields, then its move to another holder (for `MOVES`)."""
    both = dict(fields(type(a.model)))
    both.update((name, shown) for name, shown in fields(type(b.model)) if name not in both)
    out = _compare(Compared(kind, ident, b.scope, renames), both.items(), a.model, b.model, values=(a.values, b.values))
    if kind in MOVES and a.holder and b.holder:
        was = renames.get(a.holder[0], {}).get(a.holder[1], a.holder[1])
        if was != b.holder[1]:
            out.append(Change(kind, MOVES[kind], ident, a.holder[1], b.holder[1]))
    return out


def _kind_changes(kind: str, olds: Mapping[str, Found], news: Mapping[str, Found],
                  renames: Mapping[str, Mapping[str, str]]) -> list[Change]:
    renamed = renames.get(kind, {})
    out: list[Change] = []
    for oid, a in olds.items():
        nid = oid if oid in news else renamed.get(oid)
        if nid is None:
            out.append(_named(kind, "removed", oid, a))
            continue
        if nid != oid:
            out.append(Change(kind, "renamed", nid, oid, nid, news[nid].scope))
        out += _changed(kind, nid, a, news[nid], renames)
    kept = set(renamed.values())
    return out + [_named(kind, "added", nid, b) for nid, b in news.items() if nid not in olds and nid not in kept]


def _order(kind: str) -> tuple[int, str]:
    return (ORDER.index(kind) if kind in ORDER else len(ORDER), kind)


def compare(old: Framework, new: Framework) -> list[Change]:
    """Every change from `old` to `new`, kind by kind (`ORDER`), each in file order."""
    olds, news = entities(old), entities(new)
    kinds = sorted(olds.keys() | news.keys(), key=_order)
    renames = {k: _renames(olds.get(k, {}), news.get(k, {})) for k in kinds}
    return [c for k in kinds for c in _kind_changes(k, olds.get(k, {}), news.get(k, {}), renames)]
