"""Text, id and value types shared by every framework file, with the limits that keep data sane.

Text from YAML is data: it may not contain template syntax, raw HTML, control or bidirectional
override characters, and it is always escaped when rendered. A text is a plain string in the file's
language, or a mapping of languages (`{ko: ..., en: ...}`, or `{en: ...}` alone).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    PrivateAttr,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from .escape import is_safe_url


@dataclass(frozen=True)
class Limits:
    """Sizes past which data is refused (one place for all defaults).

    The counts keep `career check` linear and bounded whatever the shape of a file: any file of at most
    `file_bytes` is refused, or checked with the site builds the check runs, in well under 2 s and 300 MB
    (bench/worst.py measures the worst file of each shape; docs/benchmarks.md). Each leaves room above real
    frameworks: in the seed (framework/), examples/ and the benchmark's synthetic ones (bench/synth.py; at 50× they
    have 400 areas, 8,400 items and ~1,400 questions, in files shaped like the seed's) a file holds at most 841
    values (the glossary: 86 terms), 37 entities (an area), 10 entries in a list field, 9 keys in a mapping and
    nests 7 deep, and a ladder has at most 8 levels. tests/test_limits.py keeps them within a third of each limit."""

    line: int = 300  # a title, a list entry, one line of text
    paragraph: int = 5_000  # an overview or a description
    name: int = 100  # a tool name, a keyword
    file_bytes: int = 1_000_000  # one YAML file
    # Counted while the YAML is composed (yamlio), before any model sees it, so no shape costs more than these:
    #: Values (texts, numbers, lists, mappings) in one file. The seed's largest file holds 841 (its glossary, about
    #: 10 a term); its largest area 327 (9 an entity). At those densities a file at the entity limit below holds
    #: about 2,300 values and a glossary at the term limit 5,000. Each value is read and validated three times and
    #: shown in four builds: 5,450 examples (50 in each of 109 items) cost the check about 0.5 s. A 1 MB flow list
    #: `[a,a,...]` holds 500,000 values.
    yaml_values: int = 6_000
    #: Entries of one YAML list or keys of one mapping, anywhere: above every list limit below (real: 86 and 9).
    yaml_entries: int = 1_000
    #: How deep lists and mappings nest (real files: 7).
    yaml_depth: int = 64
    # Read by the models (model.py; the JSON Schemas carry them as maxItems), so the site the check builds stays small:
    #: Entities of one file: the groups, items and behaviours of an area, the questions and follow-ups of an
    #: interview topic, the dimensions of kpis.yml. Each is part of several pages (area, JDs, checklists, matrices,
    #: kits) in each of the check's four builds: about 2 ms an item with long texts, so 250 cost about 0.5 s. Real:
    #: 37 in the seed's largest area, 12 in a topic; a larger area or topic splits into two files.
    entities: int = 250
    #: Terms of the glossary, which is one file and cannot be split: each is a line of /glossary/ and a set of search
    #: synonyms, about 0.7 ms in all. The seed has 86.
    terms: int = 500
    #: Levels of one ladder, its shared levels and every track's together (and what there is one of per level: a
    #: group's behaviours, a role's levels, the levels a question suits). Each level is a page and a column of every
    #: matrix, and of each role a JD, a checklist and a kit. Real ladders: 4 to 6 levels, 8 with tracks.
    levels: int = 30
    #: Entries of one list of texts or references in an entity: examples, links, keywords, aliases, duties, core
    #: competencies, metrics, variants, tools, stack categories, follow-ups, the items and groups a question probes.
    #: A page shows each list whole. Real lists hold at most 10 (the follow-ups of a question).
    entries: int = 50


LIMITS = Limits()
Language = Literal["ko", "en"]
LANGUAGES: tuple[Language, ...] = ("ko", "en")
DEFAULT_LANGUAGE: Language = "ko"

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
VERSION_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$"
_SLUG = re.compile(SLUG_PATTERN)
_VERSION = re.compile(VERSION_PATTERN)
_TEMPLATE = re.compile(r"\{[{%#]")
_HTML = re.compile(r"</?[A-Za-z!?][^>]*>?|&#?[A-Za-z0-9]+;")
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


def slugify(value: str) -> str:
    """A best guess at a valid id for `value` (used in suggestions)."""
    s = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
    return s or "my-id"


def check_slug(value: str) -> str:
    """Ids are lowercase ASCII words joined by single hyphens; they become URLs and anchors."""
    if len(value) > 80:
        raise ValueError(f"id is {len(value)} characters long; keep ids under 80")
    if not _SLUG.match(value):
        raise ValueError(
            f"id '{value[:60]}' is not a slug: use lowercase ASCII letters, digits and single hyphens"
            f" (e.g. '{slugify(value)[:60]}')"
        )
    return value


#: Characters that need a closer look: anything but printable ASCII and Hangul syllables (most of the text).
_UNCOMMON = re.compile(r"[^\x20-\x7e\uac00-\ud7a3]")
#: What any of the checks below could object to: an uncommon character, or the start of template syntax or markup.
_SUSPECT = re.compile(r"[^\x20-\x7e\uac00-\ud7a3]|[{<&]")


def _invisible(value: str, *, newlines: bool) -> str | None:
    """The first control or bidirectional-override character of `value`, described, or None."""
    for m in _UNCOMMON.finditer(value):
        ch, i = m.group(), m.start()
        if ch == "\n" and newlines:
            continue
        if ch in _BIDI or (unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\u200b\u200c\u200d\ufe0f"):
            name = unicodedata.name(ch, "control character")
            return f"U+{ord(ch):04X} {name} at character {i + 1}"
    return None


def _check(value: str, *, limit: int, newlines: bool, what: str) -> str:
    if not value.strip():
        raise ValueError(f"{what} must not be empty")
    if len(value) > limit:
        raise ValueError(f"{what} is {len(value):,} characters long; the limit is {limit:,}")
    if "\n" in value.strip() and not newlines:
        raise ValueError(f"{what} must be one line; join the lines or use a description field for paragraphs")
    if not _SUSPECT.search(value):  # most texts: printable ASCII and Hangul, no `{`, `<` or `&`
        return value
    if bad := _invisible(value, newlines=newlines):
        raise ValueError(f"{what} contains an invisible control character ({bad}); remove it")
    if m := _TEMPLATE.search(value):
        raise ValueError(f"{what} contains template syntax '{m.group(0)}'; data is never a template, remove it")
    if m := _HTML.search(value):
        raise ValueError(f"{what} contains raw HTML '{m.group(0)[:20]}'; write plain text (it is escaped on the site)")
    return value


def check_line(value: str) -> str:
    """One line of text: a title or a list entry."""
    return _check(value, limit=LIMITS.line, newlines=False, what="text")


def check_paragraph(value: str) -> str:
    """Text that may hold several paragraphs (separated by a blank line)."""
    return _check(value, limit=LIMITS.paragraph, newlines=True, what="text")


def check_name(value: str) -> str:
    """A short name shown as written in every language (a tool, a keyword)."""
    return _check(value, limit=LIMITS.name, newlines=False, what="name")


def check_icon(value: str) -> str:
    """An emoji or symbol (1-8 characters, no letters, digits, punctuation or spaces)."""
    if not 1 <= len(value) <= 8 or any(c.isascii() or c.isspace() for c in value) or _invisible(value, newlines=False):
        raise ValueError("icon must be one emoji or symbol (up to 8 characters, no ASCII, no spaces)")
    return value


def check_version(value: str) -> str:
    if not _VERSION.match(value):
        raise ValueError(f"version '{value[:40]}' must be letters, digits and . _ + - (e.g. '2025.10'), up to 64")
    return value


def check_url(value: str) -> str:
    """An address readers may open from the data: https or relative, never http:, javascript:, data: or the like."""
    if len(value) > 2_000:
        raise ValueError("URL is longer than 2,000 characters")
    if not is_safe_url(value) or value.strip().lower().startswith("http:"):
        raise ValueError(f"URL '{value[:60]}' must start with https:// (or be a relative address); "
                         "http:, javascript:, data: and other schemes are refused")
    return value.strip()


def at_most(limit: int, message: str, count: Callable[[Any, dict[str, Any]], int]) -> AfterValidator:
    """A field whose `count` (of its value, and of the fields validated before it) is at most `limit`, for limits
    that span lists (the entities of a file). `message` is formatted with `n` (the count) and `limit`."""

    def check(value: Any, info: ValidationInfo) -> Any:
        n = count(value, info.data)
        if n > limit:
            raise ValueError(message.format(n=n, limit=limit))
        return value

    return AfterValidator(check)


Slug = Annotated[str, AfterValidator(check_slug), WithJsonSchema({"type": "string", "pattern": SLUG_PATTERN, "maxLength": 80})]
LineStr = Annotated[str, AfterValidator(check_line)]
ParagraphStr = Annotated[str, AfterValidator(check_paragraph)]
Name = Annotated[str, AfterValidator(check_name), WithJsonSchema({"type": "string", "minLength": 1, "maxLength": LIMITS.name})]
Icon = Annotated[str, AfterValidator(check_icon), WithJsonSchema({"type": "string", "minLength": 1, "maxLength": 8})]
Version = Annotated[str, AfterValidator(check_version), WithJsonSchema({"type": "string", "pattern": VERSION_PATTERN})]
Url = Annotated[str, AfterValidator(check_url), WithJsonSchema({"type": "string", "pattern": "^(https://|[^:]*$)", "maxLength": 2000})]


FINGERPRINT_PATTERN = r"^[a-z]{8}$"
_FINGERPRINT = re.compile(FINGERPRINT_PATTERN)


def check_fingerprint(value: str) -> str:
    """The fingerprint of a source wording, as `career check --lang` and `career diff` print it (core/translations.py)."""
    if not _FINGERPRINT.match(value):
        raise ValueError(f"'{value[:40]}' is not a fingerprint: copy the 8 letters that `career check --lang` or "
                         "`career diff` print for this text")
    return value


Fingerprint = Annotated[str, AfterValidator(check_fingerprint), WithJsonSchema({"type": "string", "pattern": FINGERPRINT_PATTERN})]
_OF = {"ko": "ko_of", "en": "en_of"}
_TEXT_KEYS = {"internal", *LANGUAGES, *_OF.values()}


def context_language(info: ValidationInfo) -> Language:
    """The language of plain strings in the file being validated (`language:` of the file or its default)."""
    ctx = info.context or {}
    lang = ctx.get("language", DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


class Text(BaseModel):
    """A display text in one or more languages: `ko` (Korean), `en` (English), at least one.

    A plain string in YAML is a text in the file's language. `internal: true` keeps the text out of
    the public build. The file's language is the text's source; the other language is its translation, and
    `en_of` (or `ko_of` in a file whose language is English) says that the translation still holds for the
    source wording with that fingerprint (core/translations.py)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    kind: ClassVar[str] = "line"

    ko: LineStr | None = None
    en: LineStr | None = None
    internal: bool = False
    ko_of: Fingerprint | None = Field(None, description="In a file whose language is English: the Korean still "
                                      "translates the English wording with this fingerprint (career check --lang ko).")
    en_of: Fingerprint | None = Field(None, description="The English still translates the Korean wording with this "
                                      "fingerprint (career check --lang en and career diff print it).")
    _source: Language | None = PrivateAttr(None)  # the file's language, recorded while validating

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any, info: ValidationInfo) -> Any:
        if isinstance(data, int | float) and not isinstance(data, bool):
            data = str(data)  # a level titled only by its number: `title: 3`
        if isinstance(data, str):
            return {context_language(info): data}
        if isinstance(data, dict):
            if all(data.get(lang) is None for lang in LANGUAGES) and data.keys() <= _TEXT_KEYS:
                raise ValueError("a text needs at least one language: 'ko' or 'en'")
            return data
        raise ValueError("expected text: a string, or a mapping with 'ko' and/or 'en'")

    @model_validator(mode="after")
    def _written_in(self, info: ValidationInfo) -> Text:
        """Record the file's language (the source), and check that a fingerprint marks a translation of it."""
        source = context_language(info)
        self._source = source
        if self.ko_of is None and self.en_of is None:
            return self
        for lang, key in _OF.items():
            if getattr(self, key) is None:
                continue
            if lang == source:
                other = _OF["en" if lang == "ko" else "ko"]
                raise ValueError(f"'{key}' marks a translation into '{lang}', but '{lang}' is this file's language (the "
                                 f"source); mark the translation with '{other}'")
            if not self.has(lang) or not self.has(source):
                raise ValueError(f"'{key}' marks the '{lang}' text as a translation of the '{source}' text; the text "
                                 f"needs both")
        return self

    def __eq__(self, other: object) -> bool:
        """Texts are equal when their fields are (where they were written is not part of their value)."""
        if not isinstance(other, BaseModel):
            return NotImplemented
        return type(self) is type(other) and self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash((type(self), *self.__dict__.values()))

    @property
    def source(self) -> Language:
        """The language the text was written in: its file's, whose text the other language translates (for a
        text built in code, the language it has, Korean first)."""
        return self._source or ("ko" if self.ko is not None else "en")

    def translation_mark(self) -> str | None:
        """The fingerprint of the source wording the translation is marked as still translating (`en_of`)."""
        return self.ko_of if self.source == "en" else self.en_of

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        obj = handler.resolve_ref_schema(handler(core_schema))
        limit = LIMITS.paragraph if cls.kind == "paragraph" else LIMITS.line
        number = {"type": "number", "description": "A number, read as its digits (a level titled `3`)"}
        return {"anyOf": [{"type": "string", "minLength": 1, "maxLength": limit}, number, obj], "description": cls.__doc__}

    @classmethod
    def of(cls, ko: str | None = None, en: str | None = None, source: Language | None = None) -> Text:
        """A text built in code (already trusted), e.g. in tests and synthetic data; `source`: the language it
        was written in, when known."""
        text = cls.model_construct(ko=ko, en=en, internal=False)
        text._source = source
        return text

    def get(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The text in `lang`, else in the other language."""
        return self.value(lang)[0]

    def value(self, lang: str = DEFAULT_LANGUAGE) -> tuple[str, Language]:
        """(text, its language): `lang` when present, else the other language (a fallback)."""
        if lang == "en" and self.en is not None:
            return self.en, "en"
        if self.ko is not None:
            return self.ko, "ko"
        return self.en or "", "en"

    def has(self, lang: str) -> bool:
        return (self.en if lang == "en" else self.ko) is not None

    def __str__(self) -> str:
        return self.get(DEFAULT_LANGUAGE)


class Paragraph(Text):
    """A text that may hold several paragraphs, separated by a blank line."""

    kind: ClassVar[str] = "paragraph"

    ko: ParagraphStr | None = None
    en: ParagraphStr | None = None
