"""Where each entity comes from: its file and line, edit and suggestion links, and when it last changed."""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from ..core.framework import Framework, Ref
from ..views.common import SourceInfo
from .revisions import CommitChanges


def last_changed(history: list[CommitChanges] | None) -> dict[Ref, tuple[str, str]]:
    """Entity -> (date, short sha) of the newest commit that changed it."""
    out: dict[Ref, tuple[str, str]] = {}
    for entry in history or []:  # newest first
        for c in entry.changes:
            for ref in c.refs():
                out.setdefault(ref, (entry.commit.date, entry.commit.short))
    return out


@dataclass(frozen=True)
class Repository:
    """Links into the repository host (GitHub-style URLs), from mkdocs.yml's repo_url and edit_uri."""

    url: str
    branch: str = "main"
    framework_path: str = "framework"

    @classmethod
    def from_config(cls, repo_url: str | None, edit_uri: str | None, framework_path: str) -> Repository | None:
        if not repo_url or not repo_url.startswith(("https://", "http://")):
            return None
        parts = (edit_uri or "edit/main/").strip("/").split("/")
        branch = parts[1] if len(parts) > 1 and parts[0] in ("edit", "blob", "tree") else "main"
        return cls(repo_url.rstrip("/"), branch, framework_path.strip("/"))

    def view(self, path: str, line: int) -> str:
        return f"{self.url}/blob/{quote(self.branch)}/{quote(self.framework_path)}/{quote(path)}#L{line}"

    def edit(self, path: str) -> str:
        return f"{self.url}/edit/{quote(self.branch)}/{quote(self.framework_path)}/{quote(path)}"

    def suggest(self, ref: Ref, title: str) -> str:
        body = (f"변경을 제안합니다: `{ref}` ({title})\n\n"
                "- 무엇을 바꾸면 좋을까요?\n- 왜 바꾸면 좋을까요?\n")
        return f"{self.url}/issues/new?" + urlencode({"title": f"[프레임워크] {ref} 변경 제안", "body": body})


@dataclass(frozen=True)
class Provenance:
    """Source lookups for views: `info(ref, title)` is None when the entity's source is unknown."""

    fw: Framework
    repo: Repository | None = None
    changed: dict[Ref, tuple[str, str]] = field(default_factory=dict)

    def info(self, ref: Ref, title: str) -> SourceInfo | None:
        src = self.fw.sources.get(ref)
        if src is None:
            return None
        path = f"{self.repo.framework_path if self.repo else 'framework'}/{src.path}"
        if self.repo is None:
            return SourceInfo(path, src.line, self.changed.get(ref))
        return SourceInfo(path, src.line, self.changed.get(ref), self.repo.view(src.path, src.line),
                          self.repo.edit(src.path), self.repo.suggest(ref, title))
