"""The build's URL list (`urls.json`): every generated page's URL with its stable anchors, and redirects."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..core.framework import Framework
from . import urls
from .edition import Edition
from .pages import SitePage


def url_list(fw: Framework, pages: Iterable[SitePage], moved: dict[str, str], edition: Edition) -> dict[str, Any]:
    """The document of `urls.json`: framework id and version, pages with the anchors of the link contract (those
    their templates wrote as stable: items, groups, behaviours, questions, KPI dimensions, fixed section names;
    never layout sections or form controls), and redirects, each URL below the edition's prefix."""
    def at(src: str) -> str:
        return edition.prefix + urls.url(src, edition.directory_urls)

    entries = {at(p.src): p.body.contract for p in pages}
    redirects = {at(old): at(new) for old, new in moved.items()}
    return {"framework": fw.meta.id, "version": fw.meta.version, "pages": dict(sorted(entries.items())),
            "redirects": dict(sorted(redirects.items()))}
