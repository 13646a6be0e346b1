"""What is not yet translated: every text of a framework folder that lacks a language (quotes excepted)."""
from __future__ import annotations

from pathlib import Path

from .diagnostics import Diagnostic
from .loading import read_files
from .text import Language
from .texts import texts


def untranslated(root: Path, lang: Language) -> tuple[list[Diagnostic], int]:
    """(one note per text without `lang`, the number of texts) of every file that reads cleanly."""
    files, _ = read_files(root)
    notes: list[Diagnostic] = []
    total = 0
    for p in files.all():
        for loc, text, _ in texts(p.model):
            total += 1
            if not text.has(lang):
                name = ".".join(str(x) for x in loc) or "text"
                notes.append(p.marks.diagnostic(loc, f"no '{lang}' text for {name}: “{text.get(lang)[:50]}”").warning())
    return sorted(notes), total
