"""Reading `framework/` at a git revision (or from a folder), and its history of commits.

Git is data too: a revision is materialised from its blobs (regular files only; symbolic links and
submodules are skipped with a warning naming the commit), and reports name the revision and the
path inside the repository, never the temporary folder.

A revision is a revision: what an argument of `career diff` names is decided once, in `resolve`. A folder is
read only when written as one (`./NAME`, `../NAME`, `/path`); a plain name that is also a folder is refused as
ambiguous, so a pull request cannot add a folder `origin/main/` to stand in for the branch it is compared with.
The changelog names commits by sha through `revision`, which never looks at folders.
"""
from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Literal

from ..core.diagnostics import Diagnostic
from ..core.framework import Framework, LadderInfo
from ..core.loading import check
from .changes import Change, DiffResult, compare


class RevisionError(Exception):
    """A revision that cannot be read at all (not a folder, not a commit, no git)."""


class AmbiguousArgument(Exception):
    """An argument that must be written otherwise: a plain name that is a folder (and maybe a revision too)."""


def _git(cwd: Path, *args: str, binary: bool = False) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=120, check=False)
    except FileNotFoundError:
        raise RevisionError("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise RevisionError(f"git {args[0]} took longer than 120 s") from None
    if done.returncode != 0:
        err = done.stderr.decode("utf-8", "replace").strip()
        raise RevisionError(err.splitlines()[-1] if err else f"git {args[0]} failed")
    return done.stdout.decode("utf-8", "replace")


def repo_root(path: Path) -> Path | None:
    """The git work tree containing `path`, or None."""
    try:
        return Path(_git(path, "rev-parse", "--show-toplevel").strip())
    except RevisionError:
        return None


SideKind = Literal["revision", "folder", "worktree"]
WORKTREE = "작업 트리"


@dataclass(frozen=True)
class Side:
    """One side of a comparison, resolved: a commit (by its full sha), a folder or the working tree (by the
    resolved path of the framework folder). Reports name it by `label`, so a reader knows what was read."""

    kind: SideKind
    name: str | None  # as given ("origin/main", "./old"); None for the working tree
    path: str  # revision: framework/'s path in the repository; folder, working tree: the resolved folder
    commit: str | None = None  # revision: the full sha

    @property
    def label(self) -> str:
        if self.kind == "revision":
            return f"{self.name} ({(self.commit or '')[:7]})"  # e.g. "origin/main (1a2b3c4)"
        if self.kind == "folder":
            return self.path
        return f"{WORKTREE} ({self.path})"

    def as_dict(self) -> dict[str, str | None]:
        return {"kind": self.kind, "name": self.name, "label": self.label, "commit": self.commit, "path": self.path}


@dataclass
class Snapshot:
    """framework/ as of one side, in a folder: where it is, what it is, what was skipped."""

    folder: Path
    side: Side
    skipped: list[str]

    @property
    def label(self) -> str:
        return self.side.label

    @property
    def prefix(self) -> str:
        """How files are named in reports: "origin/main:framework/" for a revision, as they are for a folder."""
        return f"{self.side.name}:{self.side.path}/" if self.side.kind == "revision" else ""


def _write_blobs(root: Path, sha: str, rel: str, dest: Path) -> list[str]:
    """Write the regular files of `rel` at `sha` under `dest`; return what was skipped and why."""
    listing = subprocess.run(["git", "ls-tree", "-r", "-z", "--full-tree", sha, "--", rel], cwd=root, capture_output=True, check=False)
    if listing.returncode != 0:
        return []
    skipped: list[str] = []
    entries: list[tuple[str, str]] = []
    for record in listing.stdout.split(b"\0"):
        if not record:
            continue
        meta, _, name_b = record.partition(b"\t")
        mode, kind, blob = meta.decode().split()
        name = name_b.decode("utf-8", "replace")
        parts = PurePosixPath(name).parts
        if kind != "blob" or mode not in ("100644", "100755") or ".." in parts or PurePosixPath(name).is_absolute():
            what = "symbolic link" if mode == "120000" else "submodule" if kind == "commit" else "entry"
            skipped.append(f"{name}: {what} skipped in commit {sha[:7]}")
            continue
        entries.append((name, blob))
    if not entries:
        return skipped
    batch = subprocess.run(["git", "cat-file", "--batch"], cwd=root, capture_output=True, check=False,
                           input=b"".join(f"{blob}\n".encode() for _, blob in entries))
    data, pos = batch.stdout, 0
    for name, _ in entries:
        header_end = data.index(b"\n", pos)
        size = int(data[pos:header_end].split()[2])
        content = data[header_end + 1: header_end + 1 + size]
        pos = header_end + 1 + size + 1
        target = dest / name
        if not target.resolve().is_relative_to(dest.resolve()):
            skipped.append(f"{name}: path outside the repository skipped in commit {sha[:7]}")
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return skipped


def _commit(root: Path, rev: str) -> str | None:
    """The full sha of the commit `rev` names in the repository at `root`, or None."""
    try:
        return _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").strip() or None
    except RevisionError:
        return None


def _refuse_option(arg: str) -> None:
    if arg.startswith("-"):  # never handed to git, where it would be read as an option
        raise RevisionError(f"cannot read '{arg}': a revision cannot start with '-'")


def revision(rev: str, framework_dir: Path) -> Side:
    """The commit `rev` names in the repository containing `framework_dir`. Never a folder: the changelog
    names commits by sha, and `career diff --git` names revisions only."""
    _refuse_option(rev)
    root = repo_root(framework_dir.resolve())
    if root is None:
        raise RevisionError(f"cannot read '{rev}': {framework_dir} is not in a git repository")
    sha = _commit(root, rev)
    if sha is None:
        raise RevisionError(f"cannot read '{rev}': not a git revision")
    return Side("revision", rev, framework_dir.resolve().relative_to(root).as_posix(), sha)


def folder(spec: str) -> Side:
    """A framework folder, named by its resolved path."""
    path = Path(spec)
    if not path.is_dir():
        raise RevisionError(f"cannot read '{spec}': {'not a folder' if path.exists() else 'no such folder'}")
    return Side("folder", spec, str(path.resolve()))


def worktree(framework_dir: Path) -> Side:
    return Side("worktree", None, str(framework_dir.resolve()))


def written_as_folder(arg: str) -> bool:
    """A path that cannot be a revision's name: `./NAME`, `../NAME` (or `.`, `..`), or an absolute path."""
    return arg in (".", "..") or arg.startswith(("./", "../")) or Path(arg).is_absolute()


def resolve(arg: str, framework_dir: Path, *, git_only: bool = False) -> Side:
    """What a `career diff` argument names. With `git_only`, a revision (folders are never looked at).
    Otherwise a folder when written as one (`written_as_folder`), else a revision; a plain name that is a
    folder in the working directory is refused (AmbiguousArgument), whether it is also a revision or not."""
    if git_only:
        return revision(arg, framework_dir)
    if written_as_folder(arg):
        return folder(arg)
    _refuse_option(arg)
    root = repo_root(framework_dir.resolve())
    sha = _commit(root, arg) if root is not None else None
    if Path(arg).is_dir():
        if sha is not None:
            raise AmbiguousArgument(
                f"'{arg}' is ambiguous: it is the git revision {arg} ({sha[:7]}) and the folder {Path(arg).resolve()}; "
                f"write ./{arg} to compare the folder, or use --git to compare the revision")
        raise AmbiguousArgument(f"'{arg}' is a folder, not a git revision: write ./{arg} to compare the folder")
    if root is None:
        raise RevisionError(f"cannot read '{arg}': not a folder, and {framework_dir} is not in a git repository")
    if sha is None:
        raise RevisionError(f"cannot read '{arg}': not a folder or a git revision")
    return Side("revision", arg, framework_dir.resolve().relative_to(root).as_posix(), sha)


@contextmanager
def materialize(side: Side, framework_dir: Path) -> Iterator[Snapshot]:
    """framework/ as of a resolved side: its folder, or a revision's blobs written to a temporary folder."""
    if side.kind != "revision":  # the working tree read as named, so its problems name framework/ as given
        yield Snapshot(framework_dir if side.kind == "worktree" else Path(side.path), side, [])
        return
    root = repo_root(framework_dir.resolve())
    if root is None or side.commit is None:
        raise RevisionError(f"cannot read '{side.name}': {framework_dir} is not in a git repository")
    with tempfile.TemporaryDirectory(prefix="career-rev-") as tmp:
        skipped = _write_blobs(root, side.commit, side.path, Path(tmp))
        dest = Path(tmp) / side.path
        dest.mkdir(parents=True, exist_ok=True)  # a revision without framework/ reads as an empty folder
        yield Snapshot(dest, side, skipped)


def _relabel(problems: list[Diagnostic], snap: Snapshot) -> list[Diagnostic]:
    """Diagnostics named `<revision>:framework/<file>` instead of the temporary folder."""
    if not snap.prefix:
        return problems
    base = snap.folder.resolve()
    out = []
    for d in problems:
        try:
            rel = Path(d.path).resolve().relative_to(base).as_posix()
        except ValueError:
            rel = Path(d.path).name
        out.append(replace(d, path=f"{snap.prefix}{rel}"))
    return out


def read(side: Side, framework_dir: Path) -> tuple[Framework | None, list[Diagnostic], list[str]]:
    """(framework or None, problems, skipped entries) of framework/ at a resolved side."""
    with materialize(side, framework_dir) as snap:
        fw, problems = check(snap.folder)
        return fw, _relabel(problems, snap), snap.skipped


def read_revision(rev: str, framework_dir: Path) -> tuple[Framework | None, list[Diagnostic], str, list[str]]:
    """(framework or None, problems, label, skipped entries) of framework/ at a git revision (never a folder)."""
    side = revision(rev, framework_dir)
    fw, problems, skipped = read(side, framework_dir)
    return fw, problems, side.label, skipped


@dataclass
class Comparison(DiffResult):
    """A DiffResult with both sides as resolved (`base`, `head` are their labels)."""

    sides: dict[str, Side] = field(default_factory=dict)


def diff(base: str, head: str | None, framework_dir: Path, *, git_only: bool = False) -> Comparison:
    """Compare framework/ at two sides named as on the command line (see `resolve`; head: the working tree
    when None). Both are resolved before either is read."""
    old_side = resolve(base, framework_dir, git_only=git_only)
    new_side = worktree(framework_dir) if head is None else resolve(head, framework_dir, git_only=git_only)
    old, old_problems, _ = read(old_side, framework_dir)
    new, new_problems, _ = read(new_side, framework_dir)
    result = Comparison(old_side.label, new_side.label, old=old, new=new, sides={"base": old_side, "head": new_side})
    if old is None:
        result.errors["base"] = [d for d in old_problems if d.severity == "error"]
    if new is None:
        result.errors["head"] = [d for d in new_problems if d.severity == "error"]
    if old is not None and new is not None:
        result.changes = compare(old, new)
    return result


@dataclass(frozen=True)
class Commit:
    sha: str
    short: str
    date: str
    subject: str


@dataclass(frozen=True)
class CommitChanges:
    """One commit of framework/ history with what it changed (or why that could not be read)."""

    commit: Commit
    changes: tuple[Change, ...]
    problems: tuple[str, ...] = ()
    version: str | None = None  # framework.yml's `version` at this commit (None without one, or unreadable)
    previous: str | None = None  # its `version` at the parent commit (None at the first commit)

    @property
    def released(self) -> bool:
        """The commit set the framework's version (a release, or the first version)."""
        return self.version is not None and self.version != self.previous


CACHE_FORMAT = 7  # bump when Change, the comparison or CommitChanges changes, so old cached summaries are not reused


def history(framework_dir: Path, limit: int = 30, cache_dir: Path | None = None) -> list[CommitChanges] | None:
    """The newest commits that changed framework/, each compared with its parent; None without git history.
    Results are cached per commit (commits never change) in `cache_dir`."""
    framework_dir = framework_dir.resolve()
    root = repo_root(framework_dir)
    if root is None:
        return None
    rel = framework_dir.relative_to(root).as_posix()
    try:
        log = _git(root, "log", f"-n{limit}", "--date=short", "--format=%H%x1f%h%x1f%ad%x1f%s%x1e", "--", rel)
    except RevisionError:
        return None
    out = []
    for raw in log.split("\x1e"):
        record = raw.strip("\n")
        if not record:
            continue
        sha, short, date, subject = record.split("\x1f", 3)
        commit = Commit(sha, short, date, subject)
        cached = _cache_read(cache_dir, sha)
        if cached is None:
            cached = _commit_changes(commit, framework_dir)
            _cache_write(cache_dir, cached)
        out.append(cached)
    return out


def _commit_changes(commit: Commit, framework_dir: Path) -> CommitChanges:
    new, new_problems, _, skipped = read_revision(commit.sha, framework_dir)
    if new is None:
        return CommitChanges(commit, (), tuple(skipped) + tuple(str(d) for d in new_problems if d.severity == "error"))
    try:
        with materialize(revision(f"{commit.sha}^", framework_dir), framework_dir) as snap:
            old = check(snap.folder)[0] if any(snap.folder.iterdir()) else _empty_like(new)
    except RevisionError:  # the first commit: compare with nothing, so everything is new
        old = _empty_like(new)
    version = new.meta.version
    if old is None:  # the version before is unknown: not counted as a release
        return CommitChanges(commit, (), (*skipped, "이 커밋 이전의 framework/는 읽을 수 없어 비교하지 않았습니다."),
                             version, version)
    previous = None if old.meta is new.meta else old.meta.version  # the first commit sets the first version
    return CommitChanges(commit, tuple(compare(old, new)), tuple(skipped), version, previous)


def _empty_like(fw: Framework) -> Framework:
    """A framework with nothing in it (what came before the first commit)."""
    return Framework(meta=fw.meta, ladders=(LadderInfo("shared", (), ()),), families=(), kpis=(), roadmap=None, scales=(),
                     areas=(), roles=(), interviews=())


def _cache_read(cache_dir: Path | None, sha: str) -> CommitChanges | None:
    path = cache_dir / f"{sha}.json" if cache_dir else None
    if not path or not path.is_file():
        return None
    try:
        d = json.loads(path.read_text(encoding="utf-8"))
        if d.get("format") != CACHE_FORMAT:
            return None
        return CommitChanges(Commit(**d["commit"]), tuple(Change(**c) for c in d["changes"]), tuple(d["problems"]),
                             d["version"], d["previous"])
    except (ValueError, KeyError, TypeError):
        return None


def _cache_write(cache_dir: Path | None, item: CommitChanges) -> None:
    """Store one commit's summary. Several builds may write the same commit at once (the editions' processes,
    parallel tests): each writes a file of its own and renames it into place, and a cache that cannot be
    written only costs the next build time."""
    if not cache_dir:
        return
    doc = {"format": CACHE_FORMAT, "commit": item.commit.__dict__, "changes": [c.as_dict() for c in item.changes],
           "problems": list(item.problems), "version": item.version, "previous": item.previous}
    tmp: Path | None = None
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=cache_dir, prefix=f"{item.commit.sha}.",
                                         suffix=".tmp", delete=False) as f:
            tmp = Path(f.name)
            f.write(json.dumps(doc, ensure_ascii=False))
        tmp.replace(cache_dir / f"{item.commit.sha}.json")
    except OSError:
        if tmp is not None:
            with suppress(OSError):
                tmp.unlink(missing_ok=True)


def describe(framework_dir: Path) -> str | None:
    """The version to show: the nearest tag, or the short commit (with -dirty for local edits)."""
    root = repo_root(framework_dir.resolve())
    if root is None:
        return None
    try:
        return _git(root, "describe", "--tags", "--always", "--dirty").strip() or None
    except RevisionError:
        return None
