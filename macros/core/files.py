"""The files a framework folder holds, and one parsed file with the positions of its values."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from . import walk
from .model import (
    AreaFile,
    FamilyFile,
    FrameworkFile,
    GlossaryFile,
    InterviewFile,
    KpisFile,
    LevelsFile,
    RoadmapFile,
    RoleFile,
    ScalesFile,
)
from .yamlio import Marks

#: Single files: name -> (model, required).
SINGLE_FILES: dict[str, tuple[type[BaseModel], bool]] = {
    "framework.yml": (FrameworkFile, True),
    "levels.yml": (LevelsFile, False),
    "kpis.yml": (KpisFile, False),
    "scales.yml": (ScalesFile, False),
    "glossary.yml": (GlossaryFile, False),
    "roadmap.yml": (RoadmapFile, False),
}
#: Folders: name -> (model of each *.yml inside, required, file-name pattern with the id as group 'id').
FOLDERS: dict[str, tuple[type[BaseModel], bool, str]] = {
    "families": (FamilyFile, False, r"(?P<id>[a-z0-9-]+)"),
    "roles": (RoleFile, False, r"(?P<id>[a-z0-9-]+)"),
    "competencies": (AreaFile, True, r"(?:(?P<number>[0-9]+)-)?(?P<id>[a-z0-9-]+)"),
    "interview": (InterviewFile, False, r"(?P<id>[a-z0-9-]+)"),
}
IGNORED_FOLDERS = {"schema"}
#: The folder of the competency area files.
AREAS = "competencies"
NAME_HINT = {"families": "<id>.yml", "roles": "<id>.yml", "competencies": "NN-<id>.yml or <id>.yml", "interview": "<id>.yml"}


def name_match(folder: str, path: Path) -> re.Match[str] | None:
    """The file name parsed by its folder's pattern (None when it does not follow it)."""
    return re.fullmatch(FOLDERS[folder][2] + r"\.ya?ml", path.name)


M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


@dataclass(frozen=True)
class Parsed(Generic[M]):
    """One validated file: its kind (the single file's or the folder's name), path inside the framework, display
    path, model and marks (positions of its values).

    Values computed from this file alone (its entities, its references, where each entity is written, ...) are kept
    with it (`derived`): a file that did not change keeps its Parsed from one reading to the next (core/loading.py's
    `ReadCache`), and with it those values."""

    kind: str
    rel: str
    display: str
    model: M
    marks: Marks
    _derived: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def derived(self, name: str, make: Callable[[Parsed[M]], T]) -> T:
        """`make(self)`, computed once per parsed file under `name` (`make` must read nothing but this file)."""
        try:
            value: T = self._derived[name]
        except KeyError:
            value = self._derived[name] = make(self)
        return value

    def entities(self) -> tuple[walk.Entity, ...]:
        """Every entity the file defines, outermost first (`walk.entities`, walked once per parsed file)."""
        return self.derived("entities", lambda p: tuple(walk.entities(p.model)))

    def references(self) -> tuple[walk.Reference, ...]:
        """Every reference the file makes, in document order (`walk.references`, walked once per parsed file)."""
        return self.derived("references", lambda p: tuple(walk.references(p.model, PurePosixPath(p.rel).name)))


#: Where each kind of file goes in `Files`.
ATTRIBUTE = {"framework.yml": "framework", "levels.yml": "levels", "kpis.yml": "kpis", "scales.yml": "scales",
             "glossary.yml": "glossary", "roadmap.yml": "roadmap", "families": "families", "roles": "roles",
             "competencies": "areas", "interview": "interviews"}


@dataclass
class Files:
    """A framework folder, each file read and validated on its own (before they are joined into a Framework);
    `failed` names the kinds of which a file could not be read, so that checks needing them stand back."""

    framework: Parsed[FrameworkFile] | None = None
    levels: Parsed[LevelsFile] | None = None
    kpis: Parsed[KpisFile] | None = None
    scales: Parsed[ScalesFile] | None = None
    glossary: Parsed[GlossaryFile] | None = None
    roadmap: Parsed[RoadmapFile] | None = None
    families: list[Parsed[FamilyFile]] = field(default_factory=list)
    roles: list[Parsed[RoleFile]] = field(default_factory=list)
    areas: list[Parsed[AreaFile]] = field(default_factory=list)
    interviews: list[Parsed[InterviewFile]] = field(default_factory=list)
    failed: set[str] = field(default_factory=set)

    def add(self, p: Parsed[Any]) -> None:
        name = ATTRIBUTE[p.kind]
        if p.kind in SINGLE_FILES:
            setattr(self, name, p)
        else:
            getattr(self, name).append(p)

    def all(self) -> Iterator[Parsed[Any]]:
        """Every file, single files first, then the folders' files."""
        for name in ATTRIBUTE.values():
            value = getattr(self, name)
            if isinstance(value, list):
                yield from value
            elif value is not None:
                yield value

    def ok(self, *kinds: str) -> bool:
        """Whether every file of these kinds was read (checks that need them run only then)."""
        return not self.failed.intersection(kinds)

    def mapped(self, change: Callable[[Parsed[Any]], Parsed[Any] | None]) -> Files:
        """A copy with `change` applied to every file; a file it maps to None is left out."""
        out = Files(failed=set(self.failed))
        for p in self.all():
            q = change(p)
            if q is not None:
                out.add(q)
        return out


def display_path(path: Path) -> str:
    """The path as the user would type it: relative to the working directory when below it."""
    path = Path.cwd() / path if not path.is_absolute() else path
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)
