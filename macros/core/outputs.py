"""Writing what a command produces without ever destroying what it did not create.

One rule for every command that writes: a file is written beside its target and renamed into place; a
folder is filled beside its target and moved into place. An existing file is replaced only with `--force`;
an existing folder only when it is empty, carries the marker our own export wrote, or with `--force`.
Nothing is ever written into the framework folder (but the files a command owns there), and even `--force`
never touches the framework folder, a repository's root, a folder holding `.git`, or anything above them.
A refusal is an `OutputRefused` with our own message (the CLI exits 2); nothing is left behind.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from .files import display_path

#: The file a folder export writes at its top, so that a later export may replace that folder.
MARKER = ".career-export.json"
T = TypeVar("T")


class OutputRefused(Exception):
    """A target the command will not write to; the message says why and what to do."""


def _repository_roots(start: Path) -> list[Path]:
    """Every folder from `start` upwards that holds `.git` (a repository's root)."""
    return [p for p in (start, *start.parents) if (p / ".git").exists()]


@dataclass(frozen=True)
class Protected:
    """Folders no command writes over: the framework folder (and anything inside it), repository roots,
    and every folder above them."""

    framework_dir: Path
    roots: tuple[Path, ...]

    @classmethod
    def around(cls, framework_dir: Path, *others: Path) -> Protected:
        """The framework folder, and the repository roots above it, the working folder and `others`."""
        fw = framework_dir.resolve()
        roots: dict[Path, None] = {fw: None}
        for start in (fw, Path.cwd().resolve(), *(o.resolve() for o in others)):
            roots.update(dict.fromkeys(_repository_roots(start)))
        roots.update(dict.fromkeys(o.resolve() for o in others))
        return cls(fw, tuple(roots))

    def inside_framework(self, target: Path) -> bool:
        return target == self.framework_dir or self.framework_dir in target.parents

    def guarded(self, folder: Path) -> str | None:
        """Why `folder` may never be replaced, or None."""
        if self.inside_framework(folder):
            return f"{display_path(folder)} is the framework folder or inside it"
        if (folder / ".git").exists():
            return f"{display_path(folder)} holds a git repository (.git)"
        for root in self.roots:
            if folder == root or folder in root.parents:
                what = "the framework folder" if root == self.framework_dir else f"{display_path(root)}"
                return f"{display_path(folder)} is or holds {what}"
        return None


def _resolved(target: Path) -> Path:
    """The absolute target, its parent resolved (a symbolic link as the target itself is refused later)."""
    target = target if target.is_absolute() else Path.cwd() / target
    return target.parent.resolve() / target.name if target.is_symlink() else target.resolve()


def write_file(target: Path, data: bytes, protected: Protected, *, force: bool = False, flag: str = "--out") -> Path:
    """Write `data` to `target` through a temporary file beside it. Refused: a folder, a file inside the
    framework folder, an existing file without `force`."""
    target = _resolved(target)
    shown = display_path(target)
    if target.is_symlink():
        raise OutputRefused(f"{flag} {shown} is a symbolic link; give the file's own path")
    if target.is_dir():
        raise OutputRefused(f"{flag} {shown} is a folder; give a file name (e.g. {display_path(target / 'export.json')})")
    if protected.inside_framework(target):
        raise OutputRefused(f"{flag} {shown} is inside the framework folder; exports are written elsewhere "
                            "(e.g. --out dist/<name>)")
    if target.exists() and not force:
        raise OutputRefused(f"{flag} {shown} exists; pass --force to replace it")
    _make_parent(target, flag)
    atomic_write(target, data)
    return target


def atomic_write(target: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `target` and rename it into place (no half-written file,
    nothing left behind on failure). Callers have checked that `target` may be written."""
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        tmp.chmod(0o666 & ~_UMASK)
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _make_parent(target: Path, flag: str) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise OutputRefused(f"{flag} {display_path(target)}: {display_path(target.parent)} is not a folder") from None
    except OSError as exc:
        raise OutputRefused(f"{flag} {display_path(target)}: cannot create its folder ({exc.strerror})") from None


def _ours(folder: Path) -> bool:
    marker = folder / MARKER
    if marker.is_symlink() or not marker.is_file():
        return False
    try:
        doc = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(doc, dict) and doc.get("written_by") == "career"


def check_folder(target: Path, protected: Protected, *, force: bool = False, flag: str = "--out") -> Path:
    """Refuse a folder target that may not be replaced (see `write_folder`); return it resolved."""
    target = _resolved(target)
    shown = display_path(target)
    if target.is_symlink():
        raise OutputRefused(f"{flag} {shown} is a symbolic link; give the folder's own path")
    if target.exists() and not target.is_dir():
        raise OutputRefused(f"{flag} {shown} is a file; give a folder (it is created, or replaced if an export made it)")
    if why := protected.guarded(target):
        raise OutputRefused(f"{flag} {shown}: {why}; it is never replaced, not even with --force; "
                            "give a new folder (e.g. --out dist/site)")
    if target.is_dir() and any(target.iterdir()) and not _ours(target) and not force:
        raise OutputRefused(f"{flag} {shown} exists and was not written by `career export` (no {MARKER}); "
                            "give a new or empty folder, or pass --force to replace it")
    return target


def write_folder(target: Path, fill: Callable[[Path], T], protected: Protected, *, force: bool = False,
                 flag: str = "--out", what: str = "career export") -> T:
    """Fill a new folder beside `target` with `fill(folder)`, mark it as ours and move it into place. An
    existing target is replaced only when it is empty or ours (see `MARKER`), or with `force`; and never
    when it is or holds the framework folder, a repository or anything above them."""
    target = check_folder(target, protected, force=force, flag=flag)
    _make_parent(target, flag)
    fresh = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".new"))
    try:
        result = fill(fresh)
        (fresh / MARKER).write_text(json.dumps({"written_by": "career", "command": what}) + "\n", encoding="utf-8")
        fresh.chmod(0o777 & ~_UMASK)
        _swap(fresh, target)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    return result


def _swap(fresh: Path, target: Path) -> None:
    """Move `fresh` to `target`; an existing target is moved aside first and removed once `fresh` is in place."""
    if not target.exists():
        fresh.rename(target)
        return
    old = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".old"))
    old.rmdir()
    target.rename(old)
    try:
        fresh.rename(target)
    except BaseException:
        old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def owned_files(folder: Path, names: Iterable[str], is_ours: Callable[[Path], bool], *, force: bool = False,
                flag: str = "--out") -> None:
    """Refuse when a file a command would write into `folder` exists and is not recognisably its own."""
    for name in names:
        path = folder / name
        if path.is_dir() or path.is_symlink():
            raise OutputRefused(f"{flag} {display_path(folder)}: {name} there is a folder or a link; remove it or choose another folder")
        if path.exists() and not force and not is_ours(path):
            raise OutputRefused(f"{flag} {display_path(folder)}: {name} exists and was not written by this command; "
                                "pass --force to replace it")


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _read_umask()
