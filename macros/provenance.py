"""Where each entity comes from: its file and line, edit and suggestion links, and when it last changed."""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from .changes import Change
from .framework import Framework
from .revisions import CommitChanges


def entity_keys(c: Change) -> list[str]:
    """The page entities a change touches (`item:gil`, `level:mid`, `role-level:r/mid`, `role:r`)."""
    if c.entity in ("item", "level", "role"):
        return [f"{c.entity}:{c.id}"]
    if c.entity in ("role-level", "duty", "competency"):
        return [f"role-level:{c.id}", f"role:{c.id.split('/')[0]}"]
    return []


def last_changed(history: list[CommitChanges] | None) -> dict[str, tuple[str, str]]:
    """Entity key -> (date, short sha) of the newest commit that changed it."""
    out: dict[str, tuple[str, str]] = {}
    for entry in history or []:  # newest first
        for c in entry.changes:
            for key in entity_keys(c):
                out.setdefault(key, (entry.commit.date, entry.commit.short))
    return out


@dataclass(frozen=True)
class Repository:
    """Links into the repository host (GitHub-style URLs), from mkdocs.yml's repo_url and edit_uri."""

    url: str
    branch: str = "main"
    framework_path: str = "framework"

    @classmethod
    def from_config(cls, repo_url: str | None, edit_uri: str | None, framework_path: str) -> "Repository | None":
        if not repo_url:
            return None
        parts = (edit_uri or "edit/main/").strip("/").split("/")
        branch = parts[1] if len(parts) > 1 and parts[0] in ("edit", "blob", "tree") else "main"
        return cls(repo_url.rstrip("/"), branch, framework_path.strip("/"))

    def view(self, path: str, line: int) -> str:
        return f"{self.url}/blob/{quote(self.branch)}/{quote(self.framework_path)}/{quote(path)}#L{line}"

    def edit(self, path: str) -> str:
        return f"{self.url}/edit/{quote(self.branch)}/{quote(self.framework_path)}/{quote(path)}"

    def suggest(self, key: str, title: str) -> str:
        body = (f"변경을 제안합니다: `{key}` ({title})\n\n"
                "- 무엇을 바꾸면 좋을까요?\n- 왜 바꾸면 좋을까요?\n")
        return f"{self.url}/issues/new?" + urlencode({"title": f"[프레임워크] {key} 변경 제안", "body": body})


@dataclass(frozen=True)
class Provenance:
    """What templates need to show an entity's source: `line(key)` returns None when unknown."""

    fw: Framework
    repo: Repository | None = None
    changed: dict[str, tuple[str, str]] = field(default_factory=dict)

    def info(self, key: str, title: str) -> dict | None:
        src = self.fw.sources.get(key)
        if src is None:
            return None
        out = {"path": f"{self.repo.framework_path if self.repo else 'framework'}/{src.path}", "line": src.line,
               "changed": self.changed.get(key)}
        if self.repo:
            out.update(view=self.repo.view(src.path, src.line), edit=self.repo.edit(src.path),
                       suggest=self.repo.suggest(key, title))
        return out
