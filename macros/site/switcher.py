"""The level switcher on every page ("내 레벨: [role] [level]", theme/partials/switcher.html and assets/switcher.js):
a reader picks a role and one of its levels, the choice is kept in their browser only, and every page offers their
level's JD, their checklist and what their next level adds, one click away.

This module gives the theme its labels (`theme_labels`, the `switcher_` labels of the edition) and the site the data
the script reads, `/api/levels.json` (`levels_json`): per role its levels in ladder order (only the levels of that
role: families with their own ladders and tracks each offer their own), each with the addresses of its JD, its
checklist and the page of what the next level adds, or null where the build has no such page (no checklist for a role
without items, no next level at the top of a ladder). Addresses are from the edition's root without a leading slash
(the script joins them to the root, so the site may live below a sub-path); old ids of renamed roles and levels come
along (`aliases`) so that a choice made before a rename follows it.
"""
from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any

from ..core.framework import Framework
from ..core.model import Level, RoleFile
from . import urls
from .edition import Edition
from .labels import Labels
from .pagekinds import Kind, src

FORMAT = "career-framework-levels"
VERSION = 1


def theme_labels(fw: Framework, labels: Labels) -> dict[str, str] | None:
    """The switcher's labels (`switcher_*` in labels/<lang>.yml, without the prefix), for the theme's partial; None
    when the framework has no role with a level (nothing to choose: no switcher)."""
    return labels.with_prefix("switcher_") if any(fw.role_levels(r) for r in fw.roles) else None


def _level(fw: Framework, role: RoleFile, index: int, pages: Collection[str], edition: Edition) -> dict[str, Any]:
    lang = edition.language
    ladder = fw.role_levels(role)
    level, jd = ladder[index]

    def path(kind: Kind, *ids: str) -> str | None:
        page = src(kind, *ids)
        return urls.url(page, edition.directory_urls).lstrip("/") if page in pages else None

    upper: Level | None = ladder[index + 1][0] if index + 1 < len(ladder) else None
    diff = path(Kind.DIFF, role.id, level.id, upper.id) if upper is not None else None
    out: dict[str, Any] = {
        "id": level.id, "title": str(jd.title.get(lang)), "level": str(level.title.get(lang)),
        "jd": path(Kind.JD, role.id, level.id), "checklist": path(Kind.CHECKLIST, role.id, level.id),
        "next": {"id": upper.id, "level": str(upper.title.get(lang)), "path": diff} if upper is not None and diff else None,
    }
    if level.aliases:
        out["aliases"] = list(level.aliases)
    return out


def levels_data(fw: Framework, pages: Collection[str], edition: Edition) -> dict[str, Any]:
    """The document of `/api/levels.json` (see the module docstring); `pages` are the source paths of the build's
    pages (a page not in it is null)."""
    roles = []
    for role in fw.roles:
        levels = [_level(fw, role, i, pages, edition) for i in range(len(fw.role_levels(role)))]
        if not levels:
            continue
        entry: dict[str, Any] = {"id": role.id, "title": str(role.title.get(edition.language)), "levels": levels}
        if role.aliases:
            entry["aliases"] = list(role.aliases)
        roles.append(entry)
    return {"format": FORMAT, "version": VERSION, "language": edition.language, "roles": roles}


def levels_json(fw: Framework, pages: Collection[str], edition: Edition) -> str:
    return json.dumps(levels_data(fw, pages, edition), ensure_ascii=False, separators=(",", ":")) + "\n"
