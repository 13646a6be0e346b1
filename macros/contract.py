"""The link contract: every URL and anchor of the last release must still resolve.

`framework/published-urls.json` is the URL list of the last release (written by
`career urls --update`). A URL or anchor in it that the current framework neither serves nor
redirects is an error: renames must keep the old id in `aliases:`.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

from .diagnostics import Diagnostic
from .framework import Framework
from .loading import display_path
from .pages import Page, url_list

PUBLISHED = "published-urls.json"


def _line_of(text: str, needle: str) -> int:
    at = text.find(needle)
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def check_contract(fw: Framework, pages: Iterable[Page], framework_dir: Path) -> list[Diagnostic]:
    """Problems with the published URL list (none when there is no list yet)."""
    path = Path(framework_dir) / PUBLISHED
    if not path.is_file():
        return []
    shown = display_path(path)
    text = path.read_text(encoding="utf-8")
    try:
        published = json.loads(text)["pages"]
    except (ValueError, KeyError, TypeError) as exc:
        return [Diagnostic(shown, 1, 1, f"cannot read the published URL list ({exc}); regenerate it with `career urls --update`")]
    current = url_list(fw, pages)
    live, moved = current["pages"], current["redirects"]
    out = []
    for url, anchors in published.items():
        line = _line_of(text, json.dumps(url, ensure_ascii=False))
        target = url if url in live else moved.get(url)
        if target is None:
            out.append(Diagnostic(shown, line, 5, f"URL {url} of the last release no longer exists; keep the old id in "
                                                  "`aliases:` of the renamed role, level or area (the site then redirects), or restore it"))
            continue
        for anchor in anchors:
            if anchor not in live[target]:
                out.append(Diagnostic(shown, line, 5, f"anchor {url}#{anchor} of the last release no longer exists; add "
                                                      f"'{anchor}' to `aliases:` of the renamed item or group, or restore it"))
    return out


def write_published(fw: Framework, pages: Iterable[Page], framework_dir: Path) -> Path:
    """Record the current URL list as the released one (after the old one was checked)."""
    path = Path(framework_dir) / PUBLISHED
    doc = url_list(fw, pages)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({k: doc[k] for k in ("framework", "version", "pages")}, ensure_ascii=False, indent=1) + "\n",
                   encoding="utf-8")
    tmp.replace(path)
    return path
