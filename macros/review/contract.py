"""The link contract: every URL and anchor of the last release must still resolve.

`framework/published-urls.json` is the URL list of the last release (written by
`career urls --update`). A URL or anchor in it that the current build neither serves nor
redirects is an error: renames must keep the old id in `aliases:`.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..core.diagnostics import Diagnostic
from ..core.files import display_path
from ..core.outputs import atomic_write

PUBLISHED = "published-urls.json"


def published_name(audience: str) -> str:
    """The released URL list of a build's audience: `published-urls.json` (internal), `published-urls.public.json`."""
    return PUBLISHED if audience == "internal" else f"published-urls.{audience}.json"


def _line_of(text: str, needle: str) -> int:
    at = text.find(needle)
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def check_contract(current: dict[str, Any], framework_dir: Path, name: str = PUBLISHED, prefix: str = "") -> list[Diagnostic]:
    """Problems of the current URL list (`urls.json` document of one edition) against the released one (none
    without one). An edition checks the released URLs below its `prefix` ('' for the main edition, which
    owns every URL not below another edition's prefix)."""
    path = Path(framework_dir) / name
    if not path.is_file():
        return []
    shown = display_path(path)
    text = path.read_text(encoding="utf-8")
    try:
        published = json.loads(text)["pages"]
        if not isinstance(published, dict):
            raise TypeError("'pages' is not a mapping")
    except (ValueError, KeyError, TypeError) as exc:
        return [Diagnostic(shown, 1, 1, f"cannot read the published URL list ({exc}); regenerate it with `career urls --update`")]
    live, moved = current["pages"], current["redirects"]
    out = []
    for url, anchors in published.items():
        if not _in_edition(url, prefix):
            continue
        line = _line_of(text, json.dumps(url, ensure_ascii=False))
        target = url if url in live else moved.get(url)
        if target is None:
            out.append(Diagnostic(shown, line, 5, f"URL {url} of the last release no longer exists; keep the old id in "
                                                  "`aliases:` of the renamed role, level, area or family (the site then "
                                                  "redirects), or restore it"))
            continue
        for anchor in anchors if isinstance(anchors, list) else []:
            if anchor not in live[target]:
                out.append(Diagnostic(shown, line, 5, f"anchor {url}#{anchor} of the last release no longer exists; add "
                                                      f"'{anchor}' to `aliases:` of the renamed item or group, or restore it"))
    return out


def _in_edition(url: str, prefix: str) -> bool:
    if prefix:
        return url.startswith(prefix + "/")
    return not any(url.startswith(f"/{lang}/") for lang in ("ko", "en"))


def write_published(current: dict[str, Any], framework_dir: Path, name: str = PUBLISHED) -> Path:
    """Record the current URL list as the released one (after the old one was checked)."""
    path = Path(framework_dir) / name
    doc = {k: current[k] for k in ("framework", "version", "pages")}
    atomic_write(path, (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    return path
