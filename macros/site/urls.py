"""How a page's source path becomes its URL, and links between pages. Page paths come from the page-kind table
(site/pagekinds.py, from ids, never from titles); the files published beside the pages are named here.

With MkDocs' directory URLs (the default) `roles/python-backend/junior.md` is served as
`/roles/python-backend/junior/`; with `use_directory_urls: false` as `/roles/python-backend/junior.html`. These
URLs are a public contract (hiring pages link to them): change them only together with redirects.
"""
from __future__ import annotations

import posixpath
from functools import lru_cache

HOME = "index.md"
URL_LIST = "urls.json"
API_FRAMEWORK = "api/framework.json"
API_SCHEMA = "api/framework.schema.json"
API_MATRIX = "api/matrix.csv"
API_CHECKLIST_INDEX = "api/checklist-index.json"
API_LEVELS = "api/levels.json"  # the level switcher's roles, levels and their pages (site/switcher.py)


def api_jd(role_id: str, level_id: str) -> str:
    return f"api/roles/{role_id}/{level_id}.json"


def api_hiring(role_id: str, level_id: str) -> str:
    """The folder of a JD's documents for a job post (internal site): ats.html, ats.txt, jobposting.json."""
    return f"api/hiring/{role_id}/{level_id}/"


@lru_cache(maxsize=65536)
def url(src: str, directory: bool = True) -> str:
    """The site-absolute URL a source path is served at (a file that is not a page is served as it is)."""
    if not src.endswith(".md"):
        return "/" + src
    stem = src[:-3]
    if not directory:
        return "/" + stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
    else:
        stem += "/"
    return "/" + stem.lstrip("/")


def file_of(src: str, directory: bool = True) -> str:
    """The file a page's URL is served from (where a redirect page for an old URL is written)."""
    served = url(src, directory).lstrip("/")
    return served + "index.html" if served.endswith("/") or not served else served


@lru_cache(maxsize=65536)
def href(from_src: str, to_src: str, anchor: str | None = None, directory: bool = True) -> str:
    """A final relative URL from one page to another, e.g. `../../kpis/#x` (pure: a cache of strings)."""
    here, there = url(from_src, directory), url(to_src, directory)
    if here == there:
        return f"#{anchor}" if anchor else ("./" if directory else posixpath.basename(there))
    base = here if here.endswith("/") else posixpath.dirname(here) + "/"
    target = posixpath.relpath(there, base) if not there.endswith("/") else posixpath.relpath(there, base.rstrip("/") or "/")
    if there.endswith("/") and not target.endswith("/"):
        target += "/"
    return f"{target}#{anchor}" if anchor else target


def relative_md(from_src: str, to_src: str, anchor: str | None = None) -> str:
    """A Markdown link target from one source page to another (for hand-written Markdown pages)."""
    target = "" if from_src == to_src else posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
    return f"{target}#{anchor}" if anchor else (target or "#")
