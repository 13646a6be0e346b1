"""The build's URL list (`urls.json`): every generated page's URL with its stable anchors, and redirects."""
from __future__ import annotations

from typing import Any, Iterable

from ..core.framework import Framework
from . import urls
from .pages import SitePage

#: Anchors that only lay out a page (sections per area on a JD, gap lists) and may change with the layout.
LAYOUT_PREFIXES = ("area-", "foundation-", "gap-", "track-", "ladder-")


def stable_anchors(page: SitePage, entity_ids: frozenset[str]) -> list[str]:
    """The anchors of the link contract: items, groups, behaviours, questions, KPI dimensions and fixed
    section names. Layout anchors, and anchors named after roles, levels, areas or families (those
    pages have their own URLs, which redirect after a rename), are left out."""
    return [a for a in page.anchors if not a.startswith(LAYOUT_PREFIXES) and a not in entity_ids]


def url_list(fw: Framework, pages: Iterable[SitePage], moved: dict[str, str], prefix: str = "") -> dict[str, Any]:
    """The document of `urls.json`: framework id and version, pages with anchors, redirects. `prefix` is
    the edition's place below the site root ('/en' for English)."""
    entity_ids = frozenset({r.id for r in fw.roles} | {lv.id for lv in fw.levels} | {a.id for a in fw.areas}
                           | {f.id for f in fw.families})
    entries = {prefix + urls.url(p.src): stable_anchors(p, entity_ids) for p in pages}
    redirects = {prefix + urls.url(old): prefix + urls.url(new) for old, new in moved.items()}
    return {"framework": fw.meta.id, "version": fw.meta.version, "pages": dict(sorted(entries.items())),
            "redirects": dict(sorted(redirects.items()))}
