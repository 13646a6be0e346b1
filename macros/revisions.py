"""Reading `framework/` at a git revision (or from a folder), and its history of commits."""
from __future__ import annotations

import io
import json
import subprocess
import tarfile
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .changes import Change, compare
from .diff_report import DiffResult
from .framework import Framework
from .loading import check


class RevisionError(Exception):
    """A revision that cannot be read at all (not a folder, not a commit, no git)."""


def _git(cwd: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=60)
    except FileNotFoundError:
        raise RevisionError("git is not installed") from None
    if done.returncode != 0:
        raise RevisionError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"git {args[0]} failed")
    return done.stdout


def repo_root(path: Path) -> Path | None:
    """The git work tree containing `path`, or None."""
    try:
        return Path(_git(path, "rev-parse", "--show-toplevel").strip())
    except RevisionError:
        return None


@contextmanager
def materialize(spec: str, framework_dir: Path) -> Iterator[tuple[Path, str]]:
    """A folder holding framework/ as of `spec` (a folder path, or a git revision of the repository
    containing `framework_dir`), and a label for reports."""
    if Path(spec).is_dir():
        yield Path(spec), spec
        return
    root = repo_root(framework_dir.resolve())
    if root is None:
        raise RevisionError(f"cannot read '{spec}': not a folder, and {framework_dir} is not in a git repository")
    try:
        sha = _git(root, "rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}").strip()
    except RevisionError:
        raise RevisionError(f"cannot read '{spec}': not a folder or a git revision") from None
    rel = framework_dir.resolve().relative_to(root).as_posix()
    with tempfile.TemporaryDirectory(prefix="career-rev-") as tmp:
        data = subprocess.run(["git", "archive", "--format=tar", sha, "--", rel], cwd=root, capture_output=True)
        if data.returncode == 0:
            with tarfile.open(fileobj=io.BytesIO(data.stdout)) as tar:
                tar.extractall(tmp, filter="data")
        folder = Path(tmp) / rel
        folder.mkdir(parents=True, exist_ok=True)  # a revision without framework/ reads as an empty folder
        yield folder, f"{spec} ({sha[:7]})"


def diff(base: str, head: str | None, framework_dir: Path) -> DiffResult:
    """Compare framework/ at two revisions (head: the working tree when None)."""
    with materialize(base, framework_dir) as (old_dir, old_label):
        old, old_problems = check(old_dir)
    if head is None:
        new, new_problems = check(framework_dir)
        new_label = "작업 트리"
    else:
        with materialize(head, framework_dir) as (new_dir, new_label):
            new, new_problems = check(new_dir)
    result = DiffResult(old_label, new_label, old=old, new=new)
    if old is None:
        result.errors["base"] = old_problems
    if new is None:
        result.errors["head"] = new_problems
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


def history(framework_dir: Path, limit: int = 30, cache_dir: Path | None = None) -> list[CommitChanges] | None:
    """The newest commits that changed framework/, each compared with its parent; None without git history.
    Results are cached per commit (commits never change) in `cache_dir`."""
    framework_dir = framework_dir.resolve()
    root = repo_root(framework_dir)
    if root is None:
        return None
    rel = framework_dir.relative_to(root).as_posix()
    try:
        log = _git(root, "log", f"-n{limit}", "--date=short", "--format=%H%x1f%h%x1f%ad%x1f%s", "--", rel)
    except RevisionError:
        return None
    out = []
    for line in log.splitlines():
        sha, short, date, subject = line.split("\x1f", 3)
        commit = Commit(sha, short, date, subject)
        cached = _cache_read(cache_dir, sha)
        if cached is None:
            cached = _commit_changes(commit, framework_dir)
            _cache_write(cache_dir, cached)
        out.append(cached)
    return out


def _commit_changes(commit: Commit, framework_dir: Path) -> CommitChanges:
    with materialize(commit.sha, framework_dir) as (new_dir, _):
        new, new_problems = check(new_dir)
    if new is None:
        return CommitChanges(commit, (), tuple(str(d) for d in new_problems))
    try:
        with materialize(f"{commit.sha}^", framework_dir) as (old_dir, _):
            old, _ = check(old_dir) if any(old_dir.iterdir()) else (_empty_like(new), [])
    except RevisionError:  # the first commit: compare with nothing, so everything is new
        old = _empty_like(new)
    if old is None:
        return CommitChanges(commit, (), ("이 커밋 이전의 framework/는 읽을 수 없어 비교하지 않았습니다.",))
    return CommitChanges(commit, tuple(compare(old, new)))


def _empty_like(fw: Framework) -> Framework:
    """A framework with nothing in it (what came before the first commit)."""
    return Framework(meta=fw.meta, levels=(), kpis=(), roadmap=fw.roadmap, areas=(), roles=(), interviews=())


def _cache_read(cache_dir: Path | None, sha: str) -> CommitChanges | None:
    path = cache_dir / f"{sha}.json" if cache_dir else None
    if not path or not path.is_file():
        return None
    try:
        d = json.loads(path.read_text(encoding="utf-8"))
        return CommitChanges(Commit(**d["commit"]), tuple(Change(**c) for c in d["changes"]), tuple(d["problems"]))
    except (ValueError, KeyError, TypeError):
        return None


def _cache_write(cache_dir: Path | None, item: CommitChanges) -> None:
    if not cache_dir:
        return
    cache_dir.mkdir(parents=True, exist_ok=True)
    doc = {"commit": item.commit.__dict__, "changes": [c.as_dict() for c in item.changes], "problems": list(item.problems)}
    tmp = cache_dir / f"{item.commit.sha}.tmp"
    tmp.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    tmp.replace(cache_dir / f"{item.commit.sha}.json")


def describe(framework_dir: Path) -> str | None:
    """The version to show: the nearest tag, or the short commit (with -dirty for local edits)."""
    root = repo_root(framework_dir.resolve())
    if root is None:
        return None
    try:
        return _git(root, "describe", "--tags", "--always", "--dirty").strip()
    except RevisionError:
        return None

