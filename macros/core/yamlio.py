"""Strict YAML reading: UTF-8 only, no tabs, no aliases or tags, no duplicate keys, YAML 1.2 scalars.

Values come back as plain dicts, lists and scalars together with a `Marks` table that maps each
value's path (the keys and indexes leading to it) to its 1-based line and column, so that later
stages can point at the exact place of a problem.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NoReturn

import yaml

try:  # libyaml is ~3x faster; fall back to the pure-Python parser when it is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from .diagnostics import Diagnostic
from .text import LIMITS

Path = tuple[str | int, ...]
MAX_DEPTH = LIMITS.yaml_depth

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


@dataclass
class Marks:
    """Where each value (and each mapping key) of one file starts."""

    path: str
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def at(self, loc: Path, *, key: bool = False) -> tuple[int, int]:
        """The position of `loc`, or of its nearest known ancestor."""
        table = self.keys if key else self.values
        loc = tuple(loc)
        while loc:
            if loc in table:
                return table[loc]
            if key and loc in self.values:
                return self.values[loc]
            loc = loc[:-1]
        return self.values.get((), (1, 1))

    def diagnostic(self, loc: Path, message: str, *, key: bool = False) -> Diagnostic:
        line, col = self.at(loc, key=key)
        return Diagnostic(self.path, line, col, message)


class YamlError(Exception):
    """A file that cannot be read as strict YAML."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic
        super().__init__(str(diagnostic))


def read_yaml(raw: bytes, path: str) -> tuple[Any, Marks]:
    """Parse one document from `raw` bytes; raise YamlError with `path:line:col` on bad input."""
    text = _decode(raw, path)
    _reject_tabs(text, path)
    marks = Marks(path)
    try:
        loader = _Loader(text)
        try:
            value = _Composer(loader.get_event, marks).document()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        raise YamlError(_syntax_error(exc, path)) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (control characters, NUL)
        at = _char_index(text, exc.position)
        line = text.count("\n", 0, at) + 1
        col = at - (text.rfind("\n", 0, at) + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        raise YamlError(Diagnostic(path, line, col, f"character U+{code:04X} is not allowed in YAML; remove it")) from None
    except yaml.YAMLError as exc:  # pragma: no cover - every libyaml error is one of the above
        raise YamlError(Diagnostic(path, 1, 1, f"YAML error: {exc}")) from None
    return value, marks


def _char_index(text: str, position: int) -> int:
    """libyaml reports reader errors at a byte offset of the UTF-8 text; the pure-Python reader at a character."""
    if _Loader.__name__.startswith("C"):
        return len(text.encode("utf-8")[:position].decode("utf-8", "replace"))
    return position


def _syntax_error(exc: yaml.MarkedYAMLError, path: str) -> Diagnostic:
    """Where a syntax error is: where an unclosed quote, bracket or brace opens, else where parsing stopped."""
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    opener = context.startswith(("while scanning a quoted", "while parsing a flow", "while scanning a block scalar"))
    if exc.context_mark is not None and (opener or "end of stream" in problem or "could not find" in problem):
        mark = exc.context_mark
    what = " ".join(x for x in (exc.context, problem) if x)
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Diagnostic(path, line, col, f"YAML syntax error: {what}")


def _decode(raw: bytes, path: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = raw[exc.start : exc.start + 1].hex()
        raise YamlError(
            Diagnostic(path, line, col, f"file is not valid UTF-8 (byte 0x{bad}); save it as UTF-8")
        ) from None
    return text.removeprefix("\ufeff")


_TAB_INDENT = re.compile(r"^ *\t", re.M)


def _reject_tabs(text: str, path: str) -> None:
    if m := _TAB_INDENT.search(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line = text.count("\n", 0, m.start()) + 1
        raise YamlError(Diagnostic(path, line, m.end() - line_start, "tab character in indentation; YAML indents with spaces only"))


def _scalar(value: str, plain: bool) -> Any:
    """YAML 1.2 core schema for plain scalars: only true/false are booleans, no sexagesimals, no dates."""
    if not plain:
        return value
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.fullmatch(value):
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    return value


def _start(event: yaml.Event) -> tuple[int, int]:
    """The 1-based line and column where an event starts."""
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


_SCALAR, _SEQ, _SEQ_END, _MAP, _MAP_END, _ALIAS = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.SequenceEndEvent,
                                                   yaml.MappingStartEvent, yaml.MappingEndEvent, yaml.AliasEvent)


class _Composer:
    """Builds plain values from parser events, recording marks and refusing unsafe constructs. It asks the
    parser for one event at a time and dispatches on the event's exact type: this loop runs once per value
    of every file, so it stays lean."""

    def __init__(self, next_event: Callable[[], Any], marks: Marks) -> None:
        # events are typed Any here: the exact-type dispatch below is what keeps this loop fast, and mypy
        # does not narrow on `type(x) is C`
        self._next = next_event
        self.marks = marks
        self.values = marks.values
        self.keys = marks.keys
        # the counts of LIMITS, read as each value arrives: whatever the file's shape, composing stops at the
        # first value past them, so reading, validating and reporting a file cost at most that much
        self.left = LIMITS.yaml_values  # values still allowed in the file
        self.entries = LIMITS.yaml_entries

    def _fail(self, event: yaml.Event, message: str) -> NoReturn:
        line, col = _start(event)
        raise YamlError(Diagnostic(self.marks.path, line, col, message))

    def document(self) -> Any:
        self._next()  # StreamStart
        event = self._next()
        if isinstance(event, yaml.StreamEndEvent):
            return None
        value = self.node(self._next(), ())
        self._next()  # DocumentEnd
        event = self._next()
        if not isinstance(event, yaml.StreamEndEvent):
            self._fail(event, "more than one YAML document in the file; keep one per file")
        return value

    def _check(self, event: Any, path: Path) -> None:
        """Refuse what strict data does not use: aliases, anchors, tags, deep nesting."""
        kind = type(event)
        if kind is _ALIAS:
            self._fail(event, f"alias '*{event.anchor}' is not allowed; write the value out in full")
        if kind is not _SCALAR and kind is not _SEQ and kind is not _MAP:
            self._fail(event, "unexpected YAML construct")  # pragma: no cover - parser guarantees shape
        if event.anchor:
            self._fail(event, f"anchor '&{event.anchor}' is not allowed; write values out in full")
        if event.tag not in (None, "!"):
            self._fail(event, f"tag '{event.tag}' is not allowed; plain values only")
        if len(path) > MAX_DEPTH:
            self._fail(event, f"lists and mappings nested more than {MAX_DEPTH} levels deep; the limit is {MAX_DEPTH}")
        if self.left < 0:
            self._fail(event, f"more than {LIMITS.yaml_values:,} values (texts, numbers, lists, mappings) in one file; "
                              f"the limit is {LIMITS.yaml_values:,}: split the file")

    def node(self, event: Any, path: Path) -> Any:
        kind = type(event)
        self.left -= 1
        if kind is _ALIAS or event.anchor or event.tag not in (None, "!") or len(path) > MAX_DEPTH or self.left < 0 or \
                (kind is not _SCALAR and kind is not _SEQ and kind is not _MAP):
            self._check(event, path)
        mark = event.start_mark
        self.values[path] = (mark.line + 1, mark.column + 1)
        if kind is _SCALAR:
            return _scalar(event.value, plain=bool(event.implicit[0]) and not event.style)
        if kind is _SEQ:
            items: list[Any] = []
            nxt, node, most = self._next, self.node, self.entries
            while type(event := nxt()) is not _SEQ_END:
                if len(items) == most:
                    self._fail(event, f"more than {most:,} entries in one list; the limit is {most:,}: split the list")
                items.append(node(event, (*path, len(items))))
            return items
        return self.mapping(path)

    def mapping(self, path: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        nxt, node, keys, most = self._next, self.node, self.keys, self.entries
        while type(event := nxt()) is not _MAP_END:
            if type(event) is not _SCALAR or event.anchor or event.tag not in (None, "!"):
                self._fail(event, "mapping keys must be plain text")
            if len(result) == most:
                self._fail(event, f"more than {most:,} keys in one mapping; the limit is {most:,}: split the mapping")
            key = str(event.value)
            mark: Any = event.start_mark  # parser events always carry marks
            here = (*path, key)
            if key in result:
                self._fail(event, f"duplicate key '{key}' (first defined at line {keys[here][0]})")
            keys[here] = (mark.line + 1, mark.column + 1)
            result[key] = node(nxt(), here)
        return result
