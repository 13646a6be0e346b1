"""Rendering every generated page of one build: each page of each kind in the page-kind table
(site/pagekinds.py) through its template. Which pages exist follows the data and the audience."""
from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .pagekinds import KINDS, Context, Kind, PageKind, Route, Spec, to
from .render import Rendered, Renderer


@dataclass(frozen=True)
class SitePage:
    """A generated page: its route, title (plain text), rendered body and front-matter values."""

    route: Route
    title: str
    body: Rendered
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def src(self) -> str:
        return self.route.src

    @property
    def kind(self) -> PageKind:
        return KINDS[self.route.kind]

    @property
    def anchors(self) -> tuple[str, ...]:
        """Every id the page declares (link targets, layout sections and form controls alike)."""
        return self.body.anchors


#: Front matter of a page that shows what a reader keeps in their browser: it may load and send nothing from or to
#: another origin (theme/main.html writes the policy first in the page's head), and search engines leave it out.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
                           "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
                           "object-src 'none'; base-uri 'self'; form-action 'self'")
PRIVATE = {"csp": CONTENT_SECURITY_POLICY, "robots": "noindex"}


class PageBuilder:
    """Renders the generated pages of one build in one language. `extra` adds front-matter values to the pages
    of a kind (e.g. a JD's structured data, which the layers above build)."""

    def __init__(self, context: Context, renderer: Renderer, extra: Mapping[Kind, Callable[[Route], dict[str, Any]]] | None = None):
        self.c, self.r = context, renderer
        self.extra = extra or {}
        renderer.env.globals["steps"] = {s.id: s for sc in context.fw.scales for s in sc.steps}  # proficiency names
        renderer.env.globals["to"] = to  # templates' way to a page: `href(to.jd(role_id, level_id))`

    def page(self, kind: PageKind, spec: Spec) -> SitePage:
        route = Route(kind.kind, spec.ids)
        body = self.r.render(kind.template, route.src, toc_depth=kind.toc_depth, v=spec.view())
        more = self.extra.get(kind.kind)
        meta = {**({"search": {"boost": kind.boost}} if kind.boost else {}), **(PRIVATE if kind.private else {}),
                **(more(route) if more else {})}
        return SitePage(route, spec.title, body, meta)

    def all(self) -> list[SitePage]:
        return list(self._pages())

    def _pages(self) -> Iterator[SitePage]:
        for kind in KINDS.values():
            if kind.internal and not self.c.facts.internal:
                continue
            for spec in kind.pages(self.c):
                yield self.page(kind, spec)
