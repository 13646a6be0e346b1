"""Stale translations: texts whose source wording changed after their translation got its own, found in git history.

For each text with a translation (core/translations.py), the versions of its file are read newest first (the
working tree, then each commit that changed the file, following renames) for as long as the text is there with the
same translation. The oldest of those versions is where the translation got its wording, and its source is the
wording it was translated from. The translation is stale when the source now reads otherwise, unless the text is
marked as still holding for the current source (`en_of`). Nothing is recorded by editors: a translation that is
updated is current from then on.

A text is found in an older version by its place: mapping keys, list entries with an `id` by that id (or an id the
entity now keeps in `aliases`), other list entries (duties, examples, links, behaviours) by their translation's
wording. Older versions are read as plain YAML, not through the models, so a change of the models in between does
not end the history. Without history (no git, a folder outside a repository, a file not yet committed) only the
marks are read: a text whose mark names another wording than its source is stale, with no wording to show."""
from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..core.diagnostics import Diagnostic
from ..core.translations import Translation, fingerprint, mark_key, shown, wording
from ..core.yamlio import YamlError, read_yaml
from .revisions import RevisionError, _git, repo_root

#: Commits of framework/ read at most: a translation older than the oldest is judged from that commit's source.
HISTORY_LIMIT = 500

#: One step of a text's place in a file: a mapping key, the ids an entry of a list may have, or None for any entry.
Step = str | frozenset[str] | None


@dataclass(frozen=True)
class Stale:
    """A translation whose source changed since: `was` is the source wording it translates (None when only its
    mark is known), `commit` the short commit where the translation got its wording (None: not committed)."""

    translation: Translation
    was: str | None
    commit: str | None = None

    def diagnostic(self) -> Diagnostic:
        t = self.translation
        fix = f"update it, or if it still holds add {mark_key(t.lang)}: {fingerprint(t.source)}"
        now = f"the '{t.source_lang}' now reads “{shown(t.source)}”"
        if self.was is None:
            return t.at(f"'{t.lang}' of {t.name} is marked ({mark_key(t.lang)}: {t.mark}) as translating another "
                        f"wording; {now}: {fix}")
        since = f" ({self.commit})" if self.commit else ""
        return t.at(f"'{t.lang}' of {t.name} was translated from “{shown(self.was)}”{since}; {now}: {fix}")


@dataclass
class Survey:
    """The stale translations, and a note when history could not be read in full (None when it was)."""

    stale: list[Stale] = field(default_factory=list)
    note: str | None = None


def stale(framework_dir: Path, translations: list[Translation]) -> Survey:
    """The stale ones among `translations` (the texts of the working tree of `framework_dir`)."""
    root = repo_root(framework_dir.resolve())
    try:
        if root is None:
            raise RevisionError(f"{framework_dir} is not in a git repository")
        rel = framework_dir.resolve().relative_to(root).as_posix()
        log = _log(root, rel)
        shallow = _git(root, "rev-parse", "--is-shallow-repository").strip() == "true"
    except RevisionError as exc:
        why = str(exc) if root is None else f"the git history of {framework_dir} cannot be read"
        return Survey([s for t in translations if (s := _by_mark(t))],
                      f"{why}: only texts marked with en_of or ko_of are compared")
    by_file: dict[str, list[Translation]] = {}
    for t in translations:
        by_file.setdefault(t.file.rel, []).append(t)
    found: list[Stale] = []
    with _Blobs(root) as blobs:
        for file_rel, ts in by_file.items():
            versions = _versions(blobs, _path_history(log, f"{rel}/{file_rel}" if rel != "." else file_rel))
            found += _judge(ts, versions)
    return Survey(sorted(found, key=lambda s: s.diagnostic()), _history_note(framework_dir, shallow, len(log)))


def _history_note(framework_dir: Path, shallow: bool, commits: int) -> str | None:
    """What was left unread of the history, if anything."""
    if shallow:
        return ("the repository is a shallow clone: translations are compared with the sources of its oldest commit at "
                "most (git fetch --unshallow reads the rest)")
    if commits >= HISTORY_LIMIT:
        return (f"only the newest {HISTORY_LIMIT} commits of {framework_dir} are read: older translations are compared "
                "with the sources of the oldest of them")
    return None


def _by_mark(t: Translation) -> Stale | None:
    return Stale(t, None) if t.mark is not None and not t.holds else None


# the history of one file --------------------------------------------------------------------------------------
Log = list[tuple[str, list[tuple[str, str, str]]]]  # (commit, [(status, old path, new path)]), newest first


def _log(root: Path, rel: str) -> Log:
    """The commits that changed `rel` (a folder of the repository), newest first, with the files each changed."""
    raw = _git(root, "log", f"-n{HISTORY_LIMIT}", "--format=%x1e%H", "--name-status", "-M", "-z", "--", rel)
    out: Log = []
    for record in raw.split("\x1e")[1:]:
        tokens = [tok.strip("\n") for tok in record.split("\0")]
        sha, rest = tokens[0], [tok for tok in tokens[1:] if tok]
        changes, i = [], 0
        while i < len(rest):
            status = rest[i]
            if status[:1] in ("R", "C") and i + 2 < len(rest):
                changes.append((status[:1], rest[i + 1], rest[i + 2]))
                i += 3
            elif i + 1 < len(rest):
                changes.append((status[:1], rest[i + 1], rest[i + 1]))
                i += 2
            else:
                break
        out.append((sha, changes))
    return out


def _path_history(log: Log, path: str) -> Iterator[tuple[str, str]]:
    """(commit, the file's path then) for each commit that changed the file at `path`, newest first, following
    renames back to where it was added."""
    for sha, changes in log:
        for status, old, new in changes:
            if new != path or status == "D":
                continue
            yield sha, new
            if status in ("A", "C"):
                return
            path = old
            break


def _versions(blobs: _Blobs, history: Iterator[tuple[str, str]]) -> Iterator[tuple[str, Any]]:
    """(short commit, the file's data as plain YAML) of each version that reads as YAML, newest first."""
    for sha, path in history:
        content = blobs.get(f"{sha}:{path}")
        if content is None:
            continue
        try:
            data, _ = read_yaml(content, path)
        except YamlError:  # a broken version in between: the ones before it still count
            continue
        yield sha[:7], data


class _Blobs:
    """Files at commits, read through one `git cat-file --batch`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> _Blobs:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            if self.proc.stdin:
                self.proc.stdin.close()
            self.proc.wait(timeout=30)
            if self.proc.stdout:
                self.proc.stdout.close()

    def get(self, spec: str) -> bytes | None:
        if "\n" in spec:
            return None
        if self.proc is None:
            self.proc = subprocess.Popen(["git", "cat-file", "--batch"], cwd=self.root, stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(spec.encode("utf-8") + b"\n")
        self.proc.stdin.flush()
        header = self.proc.stdout.readline().split()
        if len(header) != 3 or header[1] != b"blob":
            return None
        content = self.proc.stdout.read(int(header[2]))
        self.proc.stdout.read(1)  # the newline after the content
        return content


# one text through the versions --------------------------------------------------------------------------------
@dataclass
class _Trail:
    """What the versions of one text with the same translation say: the source of the oldest, and the newest
    source its mark names (the wording last said to hold)."""

    translation: Translation
    place: tuple[Step, ...]
    oldest: tuple[str, str | None] | None = None  # (source, commit)
    marked: tuple[str, str | None] | None = None
    done: bool = False

    def seen(self, source: str, commit: str | None) -> None:
        self.oldest = (source, commit)
        if self.marked is None and self.translation.mark == fingerprint(source):
            self.marked = (source, commit)

    def verdict(self) -> Stale | None:
        t = self.translation
        if t.holds or self.oldest is None or wording(self.oldest[0]) == wording(t.source):
            return None
        was, commit = self.marked or self.oldest
        return Stale(t, was, commit)


def _judge(translations: list[Translation], versions: Iterator[tuple[str, Any]]) -> list[Stale]:
    trails = [_Trail(t, _place(t)) for t in translations]
    for trail in trails:
        trail.seen(trail.translation.source, None)  # the working tree
    open_trails = trails
    for commit, data in versions:
        for trail in open_trails:
            source = _source_in(trail, data)
            if source is None:
                trail.done = True
            else:
                trail.seen(source, commit)
        open_trails = [trail for trail in open_trails if not trail.done]
        if not open_trails:
            break
    return [s for trail in trails if (s := trail.verdict())]


def _place(t: Translation) -> tuple[Step, ...]:
    """Where the text sits, as steps that find it in another version of the file (see the module's docstring)."""
    steps: list[Step] = []
    value: Any = t.file.model
    for part in t.loc:
        if isinstance(part, int) and isinstance(value, tuple):
            value = value[part]
            ident = getattr(value, "id", None) if isinstance(value, BaseModel) else None
            aliases = getattr(value, "aliases", ()) if isinstance(value, BaseModel) else ()
            steps.append(frozenset([ident, *aliases]) if isinstance(ident, str) else None)
        else:
            value = value.get(part) if isinstance(value, dict) else getattr(value, str(part), None)
            steps.append(str(part))
    return tuple(steps)


def _source_in(trail: _Trail, data: Any) -> str | None:
    """The source of the text in one version, when it is there with the same translation (else None)."""
    t = trail.translation
    sources: list[str] = [c[t.source_lang] for c in _candidates(data, trail.place)
               if isinstance(c, dict) and isinstance(c.get(t.source_lang), str) and isinstance(c.get(t.lang), str)
               and wording(c[t.lang]) == wording(t.translation)]
    if not sources:
        return None
    now = wording(t.source)
    return next((s for s in sources if wording(s) == now), sources[0])


def _candidates(data: Any, place: tuple[Step, ...]) -> list[Any]:
    values = [data]
    for step in place:
        found: list[Any] = []
        for v in values:
            if isinstance(step, str):
                if isinstance(v, dict) and step in v:
                    found.append(v[step])
            elif isinstance(v, list):
                found += [e for e in v if step is None or (isinstance(e, dict) and isinstance(e.get("id"), str)
                                                           and e["id"] in step)]
        values = found
    return values
