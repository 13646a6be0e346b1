"""The site's URL scheme: every generated page's source path comes from ids, never from titles.

Paths are docs-relative sources (`roles/python-backend/junior.md`); with MkDocs' directory URLs
they are served as `/roles/python-backend/junior/`. These URLs are a public contract (hiring pages
link to them): change them only together with redirects.
"""
from __future__ import annotations

import posixpath
from functools import lru_cache

HOME = "index.md"
ROLES = "roles/index.md"
FAMILIES = "families/index.md"
LEVELS = "levels/index.md"
PROGRESSION = "progression.md"
COMPETENCIES = "competencies/index.md"
PROFICIENCY = "proficiency.md"
KPIS = "kpis.md"
ROADMAP = "roadmap.md"
CHECKLIST = "checklist.md"
INTERVIEW = "interview/index.md"
CHANGELOG = "changelog.md"
GLOSSARY = "glossary.md"
URL_LIST = "urls.json"
API_FRAMEWORK = "api/framework.json"
API_SCHEMA = "api/framework.schema.json"
API_MATRIX = "api/matrix.csv"
API_CHECKLIST_INDEX = "api/checklist-index.json"


def api_jd(role_id: str, level_id: str) -> str:
    return f"api/roles/{role_id}/{level_id}.json"


def family(family_id: str) -> str:
    return f"families/{family_id}/index.md"


def family_checklist(family_id: str) -> str:
    return f"families/{family_id}/checklist.md"


def role(role_id: str) -> str:
    return f"roles/{role_id}/index.md"


def jd(role_id: str, level_id: str) -> str:
    return f"roles/{role_id}/{level_id}.md"


def diff(role_id: str, lower: str, upper: str) -> str:
    return f"roles/{role_id}/{lower}-to-{upper}.md"


def matrix(role_id: str) -> str:
    return f"roles/{role_id}/matrix/index.md"


def matrix_area(role_id: str, area_id: str) -> str:
    return f"roles/{role_id}/matrix/{area_id}.md"


def checklist(role_id: str, level_id: str) -> str:
    return f"roles/{role_id}/{level_id}/checklist.md"


def kit(role_id: str, level_id: str) -> str:
    return f"roles/{role_id}/{level_id}/interview.md"


def question_bank(area_id: str) -> str:
    return f"interview/{area_id}.md"


def level(level_id: str) -> str:
    return f"levels/{level_id}.md"


def area(area_id: str) -> str:
    return f"competencies/{area_id}.md"


@lru_cache(maxsize=65536)
def url(src: str) -> str:
    """The site-absolute URL a source path is served at (directory URLs)."""
    if not src.endswith(".md"):
        return "/" + src
    stem = src[:-3]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
    else:
        stem += "/"
    return "/" + stem.lstrip("/")


@lru_cache(maxsize=65536)
def href(from_src: str, to_src: str, anchor: str | None = None) -> str:
    """A final relative URL from one page to another, e.g. `../../kpis/#x` (pure: a cache of strings)."""
    here, there = url(from_src), url(to_src)
    if here == there:
        return f"#{anchor}" if anchor else "./"
    target = posixpath.relpath(there, here.rstrip("/") + "/") if there.endswith("/") else posixpath.relpath(there, here)
    if there.endswith("/") and not target.endswith("/"):
        target += "/"
    return f"{target}#{anchor}" if anchor else target


def relative_md(from_src: str, to_src: str, anchor: str | None = None) -> str:
    """A Markdown link target from one source page to another (for hand-written Markdown pages)."""
    target = "" if from_src == to_src else posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
    return f"{target}#{anchor}" if anchor else (target or "#")
