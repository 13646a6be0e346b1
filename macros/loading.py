"""Reads a framework folder into a `Framework`, collecting every problem before giving up."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import pydantic_errors
from .diagnostics import Diagnostic, FrameworkError
from .framework import Framework, Source
from .model import AreaFile, FrameworkFile, InterviewFile, KpisFile, LevelsFile, RoadmapFile, RoleFile
from .references import check_references
from .yamlio import Marks, YamlError, read_yaml

#: Single files: name -> model. Folders: name -> model of each *.yml inside.
SINGLE_FILES: dict[str, type[BaseModel]] = {
    "framework.yml": FrameworkFile,
    "levels.yml": LevelsFile,
    "kpis.yml": KpisFile,
    "roadmap.yml": RoadmapFile,
}
FOLDERS: dict[str, type[BaseModel]] = {
    "roles": RoleFile,
    "competencies": AreaFile,
    "interview": InterviewFile,
}
OPTIONAL_FOLDERS = {"interview"}
IGNORED_FOLDERS = {"schema"}


@dataclass(frozen=True)
class Parsed:
    """One validated file: its model, marks (positions) and display path."""

    rel: str
    display: str
    model: Any
    marks: Marks


def display_path(path: Path) -> str:
    """The path as the user would type it: relative to the working directory when below it."""
    path = Path(os.path.abspath(path))
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def _parse(path: Path, root: Path, model: type[BaseModel], problems: list[Diagnostic]) -> Parsed | None:
    shown = display_path(path)
    try:
        data, marks = read_yaml(path.read_bytes(), shown)
    except YamlError as exc:
        problems.append(exc.diagnostic)
        return None
    except OSError as exc:
        problems.append(Diagnostic(shown, 0, 0, f"cannot read file: {exc.strerror}"))
        return None
    if not isinstance(data, dict):
        problems.append(Diagnostic(shown, 1, 1, f"expected a mapping of keys at the top of the file, found {type(data).__name__ if data is not None else 'nothing'}"))
        return None
    try:
        obj = model.model_validate(data)
    except ValidationError as exc:
        problems.extend(pydantic_errors.diagnostics(exc, marks, model))
        return None
    return Parsed(path.relative_to(root).as_posix(), shown, obj, marks)


def _discover(root: Path, problems: list[Diagnostic]) -> dict[str, list[tuple[Path, type[BaseModel]]]]:
    found: dict[str, list[tuple[Path, type[BaseModel]]]] = {}
    for name, model in SINGLE_FILES.items():
        p = root / name
        if p.is_file():
            found[name] = [(p, model)]
        else:
            problems.append(Diagnostic(display_path(p), 0, 0, f"missing file: {name} is required"))
    for folder, model in FOLDERS.items():
        files = sorted((root / folder).glob("*.y*ml"))
        found[folder] = [(p, model) for p in files]
        if not files and folder not in OPTIONAL_FOLDERS:
            problems.append(Diagnostic(display_path(root / folder), 0, 0, f"no files in {folder}/: at least one is required"))
    known = {p for entries in found.values() for p, _ in entries}
    for p in sorted(root.rglob("*.y*ml")):
        rel = p.relative_to(root)
        if p not in known and rel.parts[0] not in IGNORED_FOLDERS:
            expected = ", ".join([*SINGLE_FILES, *(f"{f}/*.yml" for f in FOLDERS)])
            problems.append(Diagnostic(display_path(p), 0, 0, f"unknown framework file; expected one of {expected}"))
    return found


def check(root: str | Path) -> tuple[Framework | None, list[Diagnostic]]:
    """Load and validate a framework folder: the framework, or None with every problem found."""
    root = Path(root)
    problems: list[Diagnostic] = []
    if not root.is_dir():
        return None, [Diagnostic(display_path(root), 0, 0, "framework folder not found")]
    found = _discover(root, problems)
    parsed: dict[str, list[Parsed]] = {}
    failed: set[str] = set()
    for key, entries in found.items():
        for path, model in entries:
            result = _parse(path, root, model, problems)
            if result is None:
                failed.add(key)
            else:
                parsed.setdefault(key, []).append(result)
    problems.extend(check_references(parsed, failed))
    if problems:
        return None, sorted(set(problems))
    return _assemble(parsed), []


_cache: dict[tuple, Framework] = {}


def _fingerprint(root: Path) -> tuple:
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(root.rglob("*.y*ml")))


def load_cached(root: str | Path) -> Framework:
    """Like `load_framework`, but parses a folder once while its files are unchanged (one parse per build)."""
    root = Path(root).resolve()
    key = (root, _fingerprint(root))
    if key not in _cache:
        _cache.clear()
        _cache[key] = load_framework(root)
    return _cache[key]


def load_framework(root: str | Path) -> Framework:
    """Load a framework folder or raise FrameworkError listing every problem."""
    fw, problems = check(root)
    if fw is None:
        raise FrameworkError(problems)
    return fw


def _assemble(parsed: dict[str, list[Parsed]]) -> Framework:
    def one(name: str) -> Parsed:
        return parsed[name][0]

    sources: dict[str, Source] = {}

    def note(key: str, p: Parsed, loc: tuple) -> None:
        sources[key] = Source(p.rel, p.marks.at(loc)[0])

    meta = one("framework.yml")
    note("framework", meta, ())
    levels = one("levels.yml")
    for i, lv in enumerate(levels.model.levels):
        note(f"level:{lv.id}", levels, ("levels", i))
    kpis = one("kpis.yml")
    for i, k in enumerate(kpis.model.dimensions):
        note(f"kpi:{k.id}", kpis, ("dimensions", i))
    roadmap = one("roadmap.yml")
    for i, ph in enumerate(roadmap.model.phases):
        note(f"phase:{ph.id}", roadmap, ("phases", i))
    areas = sorted(parsed.get("competencies", []), key=lambda p: p.model.number)
    for p in areas:
        note(f"area:{p.model.id}", p, ())
        for gi, g in enumerate(p.model.groups):
            note(f"group:{g.id}", p, ("groups", gi))
            for ii, it in enumerate(g.items):
                note(f"item:{it.id}", p, ("groups", gi, "items", ii))
    interviews = sorted(parsed.get("interview", []), key=lambda p: p.rel)
    for p in interviews:
        for qi, q in enumerate(p.model.questions):
            note(f"question:{q.id}", p, ("questions", qi))
            for fi, f in enumerate(q.follow_ups):
                note(f"question:{f.id}", p, ("questions", qi, "follow_ups", fi))
    roles = parsed.get("roles", [])
    for p in roles:
        note(f"role:{p.model.id}", p, ())
        for lid in p.model.levels:
            sources[f"role-level:{p.model.id}/{lid}"] = Source(p.rel, p.marks.at(("levels", lid), key=True)[0])
    return Framework(
        meta=meta.model,
        levels=levels.model.levels,
        kpis=kpis.model.dimensions,
        roadmap=roadmap.model,
        areas=tuple(p.model for p in areas),
        roles=tuple(p.model for p in roles),
        interviews=tuple(p.model for p in interviews),
        sources=sources,
    )
