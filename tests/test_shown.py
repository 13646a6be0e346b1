"""Every field of every file model declares how `career diff` and the changelog show it (core/shown.py), so that a
new field is reported (or explicitly not) without touching the diff."""
from __future__ import annotations

from types import UnionType
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from macros.core.files import FOLDERS, SINGLE_FILES
from macros.core.model import Behaviour, FollowUp, Item, Question, RoleLevel, Strict
from macros.core.shown import Noun, Shown
from macros.core.text import Text

FILE_MODELS = [model for model, _ in SINGLE_FILES.values()] + [model for model, _, _ in FOLDERS.values()]


def _models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [] if issubclass(annotation, Text) else [annotation]
    return [m for arg in get_args(annotation) for m in _models(arg)]


def reachable(*roots: type[BaseModel]) -> list[type[BaseModel]]:
    """Every model class the roots can hold, at any depth (texts are values: their `ko`/`en` need no label)."""
    out: list[type[BaseModel]] = []
    todo = list(roots)
    while todo:
        cls = todo.pop()
        if cls not in out:
            out.append(cls)
            todo += [m for info in cls.model_fields.values() for m in _models(info.annotation)]
    return out


def declaration(cls: type[BaseModel], name: str) -> Shown | None:
    found = [m for m in cls.model_fields[name].metadata if isinstance(m, Shown)]
    assert len(found) <= 1, f"{cls.__name__}.{name} is declared {len(found)} times"
    return found[0] if found else None


def undeclared(*roots: type[BaseModel]) -> list[str]:
    return [f"{cls.__name__}.{name}" for cls in reachable(*roots) for name in cls.model_fields
            if declaration(cls, name) is None]


def test_every_field_of_every_file_model_is_declared() -> None:
    models = reachable(*FILE_MODELS)
    assert {"Item", "Behaviour", "Link", "Progression", "Years", "RoleLevel", "FollowUp", "StackCategory"} <= \
        {m.__name__ for m in models}  # the walk reaches nested models
    assert undeclared(*FILE_MODELS) == []
    for cls in models:
        for name in cls.model_fields:
            shown = declaration(cls, name)
            assert shown is not None and shown.ko.strip() and shown.en.strip(), f"{cls.__name__}.{name}"


def test_a_field_added_without_a_declaration_fails_the_check() -> None:
    class Extended(Item):
        colour: str = ""

    class Holder(Strict):
        items: tuple[Extended, ...] = ()

    assert undeclared(Holder) == ["Holder.items", "Extended.colour"]


def test_every_entity_has_a_noun_and_one_kind_one_noun() -> None:
    """A model that defines ids (`entity`), and the ones the diff keys itself (a behaviour, a role level), say
    what one is called; the two models of interview questions call it the same."""
    for cls in reachable(*FILE_MODELS):
        if issubclass(cls, Strict) and (cls.entity is not None or cls in (Behaviour, RoleLevel)):
            assert isinstance(cls.noun, Noun), cls.__name__
            assert cls.noun.name in cls.model_fields, f"{cls.__name__} is named by a field it does not have"
    assert Question.noun == FollowUp.noun == Noun("면접 질문", "interview question", name="question")


def test_declarations_fit_the_fields_types() -> None:
    """A list read entry by entry is a tuple; a text field holds a text or a name; nested and entity fields hold
    models; references are declared with Refers."""
    from macros.core.model import Refers

    for cls in reachable(*FILE_MODELS):
        for name, info in cls.model_fields.items():
            shown = declaration(cls, name)
            assert shown is not None
            where, kind = f"{cls.__name__}.{name}", shown.reads
            union = get_origin(info.annotation) in (Union, UnionType)
            args = [a for a in get_args(info.annotation) if a is not type(None)] if union else [info.annotation]
            if kind == "entries":
                assert any(get_origin(a) is tuple for a in args), where
            if kind in ("title", "statement", "text"):
                assert all(isinstance(a, type) and issubclass(a, (Text, str)) for a in args), where
            if kind in ("nested", "entities"):
                assert _models(info.annotation), where
            if kind in ("ids", "level"):
                assert any(isinstance(m, Refers) for m in info.metadata), where
