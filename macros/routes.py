"""Routes: each generated page is a route (kind, *ids); aliases of those ids give its old URLs.

A route says which kind of entity each id is, so a renamed role, level or area (whose old id is
kept in `aliases:`) yields every URL the page had under the old id, and the build writes a
redirect there. This is what keeps links from hiring pages working after a rename.
"""
from __future__ import annotations

import html
import itertools
from typing import Callable

from . import urls
from .framework import Framework

Route = tuple[str, ...]

#: kind -> (path function, the entity kind of each id argument)
ROUTES: dict[str, tuple[Callable[..., str], tuple[str, ...]]] = {
    "home": (lambda: urls.HOME, ()),
    "roles": (lambda: urls.ROLES, ()),
    "role": (urls.role, ("role",)),
    "jd": (urls.jd, ("role", "level")),
    "checklist": (urls.checklist, ("role", "level")),
    "kit": (urls.kit, ("role", "level")),
    "diff": (urls.diff, ("role", "level", "level")),
    "matrix": (urls.matrix, ("role",)),
    "matrix-area": (urls.matrix_area, ("role", "area")),
    "levels": (lambda: urls.LEVELS, ()),
    "level": (urls.level, ("level",)),
    "progression": (lambda: urls.PROGRESSION, ()),
    "competencies": (lambda: urls.COMPETENCIES, ()),
    "area": (urls.area, ("area",)),
    "kpis": (lambda: urls.KPIS, ()),
    "roadmap": (lambda: urls.ROADMAP, ()),
    "roadmap-checklist": (lambda: urls.CHECKLIST, ()),
    "interview": (lambda: urls.INTERVIEW, ()),
    "bank": (urls.question_bank, ("area",)),
    "changelog": (lambda: urls.CHANGELOG, ()),
}


def src(route: Route) -> str:
    """The docs-relative source path of a route."""
    fn, kinds = ROUTES[route[0]]
    assert len(kinds) == len(route) - 1, route
    return fn(*route[1:])


def _aliases(fw: Framework) -> dict[str, dict[str, tuple[str, ...]]]:
    return {
        "role": {r.id: r.aliases for r in fw.roles},
        "level": {lv.id: lv.aliases for lv in fw.levels},
        "area": {a.id: a.aliases for a in fw.areas},
    }


def old_sources(fw: Framework, route: Route) -> list[str]:
    """Every source path the route had under an alias of one of its ids (never the live one)."""
    _, kinds = ROUTES[route[0]]
    if not kinds:
        return []
    aliases = _aliases(fw)
    choices = [(ident, *aliases[kind].get(ident, ())) for kind, ident in zip(kinds, route[1:], strict=True)]
    live = src(route)
    out = []
    for combo in itertools.product(*choices):
        old = ROUTES[route[0]][0](*combo)
        if old != live:
            out.append(old)
    return out


def redirect_html(target_url: str) -> str:
    """A static redirect page that keeps the #anchor (for old links to items)."""
    t = html.escape(target_url, quote=True)
    js = target_url.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\u003c")
    return (
        '<!doctype html>\n<html lang="ko"><head><meta charset="utf-8">\n'
        f'<title>이동했습니다</title><link rel="canonical" href="{t}">\n'
        f'<meta http-equiv="refresh" content="0; url={t}">\n'
        f'<script>location.replace("{js}" + location.hash)</script>\n'
        f'</head><body><p>이 페이지는 <a href="{t}">새 주소</a>로 옮겨졌습니다.</p></body></html>\n'
    )
