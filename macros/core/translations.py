"""What is not yet translated, and the rules of a translation: every text of a framework folder that lacks a
language (quotes excepted), and every text whose other language translates its source.

A text's source is the language of its file (`Text.source`: `locale`, or the file's own `language:`); the other
language is its translation. A translation is stale when the source's wording changed after the translation got its
own (review/staleness.py reads when from git history, review/changes.py sees it between two revisions) and the text
does not say that it still holds: `en_of: <fingerprint>` (`ko_of` in a file whose language is English), the
fingerprint of the source wording the translation was checked against. Wordings are compared as `wording` reads
them, so a change of spacing or line breaks alone is no change."""
from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic
from .files import Files, Parsed
from .loading import read_files
from .text import Language, Text
from .texts import Loc, texts

FINGERPRINT_LETTERS = 8


def wording(value: str) -> str:
    """A text as its words: Unicode NFC, runs of spaces and line breaks as one space, no space at either end."""
    return " ".join(unicodedata.normalize("NFC", value).split())


def fingerprint(value: str) -> str:
    """The fingerprint of a source wording: 8 lowercase letters (letters only, so YAML never reads it as a number)."""
    n = int.from_bytes(hashlib.sha256(wording(value).encode("utf-8")).digest()[:8], "big")
    letters = []
    for _ in range(FINGERPRINT_LETTERS):
        n, r = divmod(n, 26)
        letters.append(chr(ord("a") + r))
    return "".join(letters)


def other(lang: Language) -> Language:
    return "en" if lang == "ko" else "ko"


def mark_key(lang: Language) -> str:
    """The key that marks a translation into `lang` as still holding: `en_of`, `ko_of`."""
    return f"{lang}_of"


def shown(value: str, limit: int = 50) -> str:
    """A text quoted in a one-line message: its words, cut at `limit` characters."""
    words = wording(value)
    return words if len(words) <= limit else words[: limit - 1] + "…"


@dataclass(frozen=True)
class Translation:
    """A text of a file whose `lang` translates its source: both languages are written."""

    file: Parsed[Any]
    loc: Loc
    text: Text
    lang: Language

    @property
    def source_lang(self) -> Language:
        return self.text.source

    @property
    def source(self) -> str:
        return self.text.get(self.source_lang)

    @property
    def translation(self) -> str:
        return self.text.get(self.lang)

    @property
    def mark(self) -> str | None:
        """The fingerprint the text is marked with (`en_of`), or None."""
        return self.text.translation_mark()

    @property
    def holds(self) -> bool:
        """Whether the text is marked as still translating its current source."""
        return self.mark == fingerprint(self.source)

    @property
    def name(self) -> str:
        return ".".join(str(x) for x in self.loc) or "text"

    def at(self, message: str) -> Diagnostic:
        """A note at the translation's own value (`file:line:col` of `en:`)."""
        return self.file.marks.diagnostic((*self.loc, self.lang), message).warning()


@dataclass(frozen=True)
class Survey:
    """A framework folder's texts as `lang` sees them: one note per text without `lang`, the number of texts, and
    every text whose `lang` is a translation of its source."""

    untranslated: list[Diagnostic]
    total: int
    translations: list[Translation]


def survey(root: Path, lang: Language) -> Survey:
    """Every text of every file that reads cleanly, for `career check --lang`."""
    files, _ = read_files(root)
    notes: list[Diagnostic] = []
    found: list[Translation] = []
    total = 0
    for p, loc, text in _texts(files):
        total += 1
        if not text.has(lang):
            name = ".".join(str(x) for x in loc) or "text"
            notes.append(p.marks.diagnostic(loc, f"no '{lang}' text for {name}: “{text.get(lang)[:50]}”").warning())
        elif text.source != lang and text.has(text.source):
            found.append(Translation(p, loc, text, lang))
    return Survey(sorted(notes), total, found)


def _texts(files: Files) -> Iterator[tuple[Parsed[Any], Loc, Text]]:
    for p in files.all():
        for loc, text, _ in texts(p.model):
            yield p, loc, text


def untranslated(root: Path, lang: Language) -> tuple[list[Diagnostic], int]:
    """(one note per text without `lang`, the number of texts) of every file that reads cleanly."""
    found = survey(root, lang)
    return found.untranslated, found.total
