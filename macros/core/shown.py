"""How the framework's fields and entities are named to readers of a change (`career diff`, the changelog).

Each field of a file model declares once, in core/model.py, a `Shown` (`Annotated[..., Shown(...)]`): its label in
Korean and English and how a change to it reads. Each model that is reported as a whole (an item, a level, a role
level, ...) declares a `Noun`: what one is called and which field names it. review/changes.py walks the models by
these declarations alone, so a new field is reported without touching the diff (tests/test_shown.py fails for a
field without one)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: How a change to a field reads:
#: - `title`: the entity's title: a change is "retitled" (old → new wording, Korean and English);
#: - `statement`: the entity's one text (a behaviour's): a change is "changed", with the entity's scope (its level);
#: - `text`: a text (or name, or nested value shown as words): old → new wording, scoped by the field's name;
#: - `entries`: a list of texts (or names, or small models shown as words): entries added, removed or reworded,
#:   each a change of its own whose entity is the field's `entry` key; the label names one entry;
#: - `ids`: references to other entities (one or a list): the ids before and after;
#: - `value`: a number, address or choice: before and after;
#: - `level`: the level something is expected from: "moved-level" (shown with the levels' titles);
#: - `nested`: a model without an id (a level's progression): its own fields, scoped `field.subfield`;
#: - `entities`: entities of their own (a group's items), compared each by its id, not as this field;
#: - `id`: the id and former ids (aliases): an old id kept as an alias reads as a rename;
#: - `quiet`: never reported (internal flags, a file's language, bookkeeping).
Reads = Literal["title", "statement", "text", "entries", "ids", "value", "level", "nested", "entities", "id", "quiet"]


@dataclass(frozen=True)
class Label:
    """A name in Korean and English."""

    ko: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.ko


@dataclass(frozen=True)
class Shown(Label):
    """A field's label and how a change to it reads (see `Reads`). For `entries`, the label names one entry
    ("주요 업무" / "duty") and `entry` is the kind of change an entry is reported as (`Change.entity`); by default
    `<entity>-<field>`, e.g. `item-examples`."""

    reads: Reads = "text"
    entry: str | None = None


@dataclass(frozen=True)
class Noun(Label):
    """What one entity of a model is called ("역량 항목" / "competency item") and the field that names it when it
    is added or removed."""

    name: str = "title"
