"""What is not yet translated: every text of a framework folder that lacks a language (quotes excepted)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .diagnostics import Diagnostic
from .files import Parsed
from .loading import read_files
from .model import Quote
from .text import Language, Text


def untranslated(root: Path, lang: Language) -> tuple[list[Diagnostic], int]:
    """(one note per text without `lang`, the number of texts) of every file that reads cleanly."""
    parsed, _, _ = read_files(root)
    notes: list[Diagnostic] = []
    total = 0

    def walk(value: Any, p: Parsed, loc: tuple[str | int, ...]) -> None:
        nonlocal total
        if isinstance(value, Text):
            total += 1
            if not value.has(lang):
                name = ".".join(str(x) for x in loc) or "text"
                shown = value.get(lang)[:50]
                notes.append(p.marks.diagnostic(loc, f"no '{lang}' text for {name}: “{shown}”").warning())
            return
        if isinstance(value, BaseModel):
            for name, info in type(value).model_fields.items():
                if not any(isinstance(m, Quote) for m in info.metadata):  # a quote stays in its own language
                    walk(getattr(value, name), p, (*loc, name))
        elif isinstance(value, tuple):
            for i, v in enumerate(value):
                walk(v, p, (*loc, i))
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(v, p, (*loc, k))

    for ps in parsed.values():
        for p in ps:
            walk(p.model, p, ())
    return sorted(notes), total
