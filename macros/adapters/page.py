"""A generated page as MkDocs sees it: its HTML is ready, so Python-Markdown never runs on it."""
from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..core import escape
from ..site.pages import SitePage


def front_matter(page: SitePage) -> dict[str, Any]:
    """The page's metadata: the title HTML-escaped (themes print it raw), search and JSON-LD settings."""
    return {"title": str(escape.html(page.title)), **page.meta}


class GeneratedPage(Page):
    """A page whose content is the HTML our templates rendered (no Markdown conversion)."""

    def __init__(self, page: SitePage, file: File, config: MkDocsConfig) -> None:
        super().__init__(str(escape.html(page.title)), file, config)
        self.site_page = page

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = ""
        # the plugin indexes generated pages itself (site.search), faster than parsing their HTML again
        self.meta = {**front_matter(self.site_page), "search": {"exclude": True}}

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = self.site_page.body.html
        self.toc = get_toc(self.site_page.body.toc)  # type: ignore[arg-type]
        self.present_anchor_ids = set(self.site_page.body.anchors)
        self.links_to_anchors = {}
