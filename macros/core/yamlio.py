"""Strict YAML reading: UTF-8 only, no tabs, no aliases or tags, no duplicate keys, YAML 1.2 scalars.

Values come back as plain dicts, lists and scalars together with a `Marks` table that maps each
value's path (the keys and indexes leading to it) to its 1-based line and column, so that later
stages can point at the exact place of a problem.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NoReturn

import yaml

try:  # libyaml is ~3x faster; fall back to the pure-Python parser when it is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from .diagnostics import Diagnostic

Path = tuple[str | int, ...]
MAX_DEPTH = 64

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
        events = yaml.parse(text, Loader=_Loader)
        value = _Composer(events, marks).document()
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


def _reject_tabs(text: str, path: str) -> None:
    for n, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            col = indent.index("\t") + 1
            raise YamlError(
                Diagnostic(path, n, col, "tab character in indentation; YAML indents with spaces only")
            )


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


class _Composer:
    """Builds plain values from parser events, recording marks and refusing unsafe constructs."""

    def __init__(self, events: Iterator[yaml.Event], marks: Marks) -> None:
        self.events = iter(events)
        self.marks = marks

    def _next(self) -> yaml.Event:
        return next(self.events)

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

    def node(self, event: yaml.Event, path: Path) -> Any:
        if len(path) > MAX_DEPTH:
            self._fail(event, f"nesting deeper than {MAX_DEPTH} levels")
        anchor = getattr(event, "anchor", None)
        if isinstance(event, yaml.AliasEvent):
            self._fail(event, f"alias '*{anchor}' is not allowed; write the value out in full")
        if anchor:
            self._fail(event, f"anchor '&{anchor}' is not allowed; write values out in full")
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            self._fail(event, f"tag '{tag}' is not allowed; plain values only")
        self.marks.values[path] = _start(event)
        if isinstance(event, yaml.ScalarEvent):
            return _scalar(event.value, plain=bool(event.implicit[0]) and not event.style)
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            while not isinstance(event := self._next(), yaml.SequenceEndEvent):
                items.append(self.node(event, (*path, len(items))))
            return items
        if isinstance(event, yaml.MappingStartEvent):
            return self.mapping(path)
        return self._fail(event, "unexpected YAML construct")  # pragma: no cover - parser guarantees shape

    def mapping(self, path: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        while not isinstance(event := self._next(), yaml.MappingEndEvent):
            if not isinstance(event, yaml.ScalarEvent) or getattr(event, "anchor", None) \
                    or getattr(event, "tag", None) not in (None, "!"):
                self._fail(event, "mapping keys must be plain text")
            key = str(event.value)
            here = _start(event)
            if key in result:
                first = self.marks.keys[(*path, key)]
                self._fail(event, f"duplicate key '{key}' (first defined at line {first[0]})")
            self.marks.keys[(*path, key)] = here
            result[key] = self.node(self._next(), (*path, key))
        return result
