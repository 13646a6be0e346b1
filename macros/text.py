"""Text and id types shared by every framework file.

Text from YAML is data: it may not contain template syntax or raw HTML, and it is always escaped
when rendered. A text is a plain Korean string or a mapping `{ko: ..., en: ...}` so that an
English translation can be added later without reshaping the data.
"""
from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, GetJsonSchemaHandler, WithJsonSchema, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)
_TEMPLATE = re.compile(r"\{[{%#]")
_HTML = re.compile(r"</?[A-Za-z!?][^>]*>?|&#?[A-Za-z0-9]+;")


def slugify(value: str) -> str:
    """A best guess at a valid id for `value` (used in suggestions)."""
    s = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
    return s or "my-id"


def check_slug(value: str) -> str:
    """Ids are lowercase ASCII words joined by single hyphens; they become URLs and anchors."""
    if not _SLUG.match(value):
        raise ValueError(
            f"id '{value}' is not a slug: use lowercase ASCII letters, digits and single hyphens"
            f" (e.g. '{slugify(value)}')"
        )
    return value


Slug = Annotated[str, AfterValidator(check_slug), WithJsonSchema({"type": "string", "pattern": SLUG_PATTERN})]


def check_text(value: str) -> str:
    """Refuse empty text, template syntax and raw HTML: text is shown, never executed."""
    if not value.strip():
        raise ValueError("text must not be empty")
    if m := _TEMPLATE.search(value):
        raise ValueError(
            f"text contains template syntax '{m.group(0)}'; data is never a template, remove it"
        )
    if m := _HTML.search(value):
        raise ValueError(
            f"text contains raw HTML '{m.group(0)[:20]}'; write plain text (it is escaped on the site)"
        )
    return value


PlainText = Annotated[str, AfterValidator(check_text)]


class Text(BaseModel):
    """A display text in Korean (`ko`) with an optional English translation (`en`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    ko: PlainText
    en: PlainText | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"ko": data}
        if isinstance(data, dict):
            return data
        raise ValueError("expected text: a string, or a mapping with 'ko' (and optional 'en')")

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        obj = handler(core_schema)
        obj = handler.resolve_ref_schema(obj)
        return {"anyOf": [{"type": "string", "minLength": 1}, obj], "description": cls.__doc__}

    def __str__(self) -> str:
        return self.ko

    def get(self, lang: str = "ko") -> str:
        """The text in `lang`, falling back to Korean."""
        return (self.en if lang == "en" else None) or self.ko
