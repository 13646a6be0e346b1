"""The files a framework folder holds, and one parsed file with the positions of its values."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

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
    "roles": (RoleFile, True, r"(?P<id>[a-z0-9-]+)"),
    "competencies": (AreaFile, True, r"(?P<number>[0-9]+)-(?P<id>[a-z0-9-]+)"),
    "interview": (InterviewFile, False, r"(?P<id>[a-z0-9-]+)"),
}
IGNORED_FOLDERS = {"schema"}
NAME_HINT = {"families": "<id>.yml", "roles": "<id>.yml", "competencies": "NN-<id>.yml", "interview": "<id>.yml"}


def name_match(folder: str, path: Path) -> re.Match[str] | None:
    """The file name parsed by its folder's pattern (None when it does not follow it)."""
    return re.fullmatch(FOLDERS[folder][2] + r"\.ya?ml", path.name)


@dataclass(frozen=True)
class Parsed:
    """One validated file: its model, marks (positions), path inside the framework and display path."""

    kind: str  # the single file's name or the folder's name
    rel: str
    display: str
    model: Any
    marks: Marks


def display_path(path: Path) -> str:
    """The path as the user would type it: relative to the working directory when below it."""
    path = Path.cwd() / path if not path.is_absolute() else path
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)
