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
    view: Any = field(default=None, compare=False, repr=False)  # what the body was drawn from (see PageBuilder)
    reads: tuple[Any, ...] | None = field(default=None, compare=False, repr=False)  # the areas the view read (Spec.reads)

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
#: another origin (theme/main.html writes the policy first in the page's head).
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
                           "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
                           "object-src 'none'; base-uri 'self'; form-action 'self'")
PRIVATE = {"csp": CONTENT_SECURITY_POLICY}
UNINDEXED = {"robots": "noindex"}


@dataclass(frozen=True)
class Drawn:
    """The pages a build drew, everything besides its view that a page's body depends on (`inputs`) and everything
    besides the framework that a view depends on (`world`): what the next build of the same site can reuse (see
    PageBuilder)."""

    inputs: tuple[Any, ...]
    pages: dict[Route, SitePage]
    world: tuple[Any, ...] = ()


class PageBuilder:
    """Renders the generated pages of one build in one language. `extra` adds front-matter values to the pages
    of a kind (e.g. a JD's structured data, which the layers above build).

    `before`: the pages the previous build of the same site drew (`career serve` rebuilds after each edit). A body
    depends on its page's view and on inputs every page shares (the language, labels, URL style, templates, which
    pages exist, proficiency steps, job-post documents, hand-written pages: `inputs`); when those are unchanged, a
    page whose title and view equal the previous build's keeps its body, and a page drawn again reuses the blocks of
    its previous body whose values are unchanged (`cached` in templates). `reused` counts the bodies kept.

    `areas_only`: the framework's files other than competency areas are those `before` was built from. Then a page
    whose view reads only some areas (`Spec.reads`), all of them the same as before, keeps its view without building
    it again: an edit of one area file builds again only the views that read it."""

    def __init__(self, context: Context, renderer: Renderer, extra: Mapping[Kind, Callable[[Route], dict[str, Any]]] | None = None,
                 before: Drawn | None = None, areas_only: bool = False) -> None:
        self.c, self.r = context, renderer
        self.extra = extra or {}
        self.steps = {s.id: s for sc in context.fw.scales for s in sc.steps}
        renderer.env.globals["steps"] = self.steps  # proficiency names
        renderer.env.globals["to"] = to  # templates' way to a page: `href(to.jd(role_id, level_id))`
        renderer.env.globals["hiring"] = context.hiring
        self.before = before
        self.inputs: tuple[Any, ...] = ()
        self.reused = 0
        self.kept: dict[Route, SitePage] | None = None  # the previous build's pages, when their inputs were this build's
        self.world = (context.facts.internal, context.history)
        self.views = before.pages if before is not None and areas_only and before.world == self.world else None

    def page(self, kind: PageKind, spec: Spec) -> SitePage:
        route = Route(kind.kind, spec.ids)
        reads = None if spec.reads is None else tuple(self.c.fw.area(a) for a in spec.reads)
        prior = self.views.get(route) if self.views is not None and reads is not None else None
        view = prior.view if prior is not None and _same_objects(prior.reads, reads) else spec.view()
        old = self.kept.get(route) if self.kept is not None else None
        more = self.extra.get(kind.kind)
        meta = {**({"search": {"boost": kind.boost}} if kind.boost else {}), **(PRIVATE if kind.private else {}),
                **({} if kind.indexed else UNINDEXED),
                **(more(route) if more else {})}
        if old is not None and old.title == spec.title and (old.view is view or old.view == view):
            self.reused += 1
            if old.meta == meta and (reads is None or _same_objects(old.reads, reads)):
                return old
            return SitePage(route, spec.title, old.body, meta, view, reads)
        body = self.r.render(kind.template, route.src, toc_depth=kind.toc_depth, before=old.body if old else None, v=view)
        return SitePage(route, spec.title, body, meta, view, reads)

    def all(self) -> list[SitePage]:
        return list(self._pages())

    def drawn(self, pages: list[SitePage]) -> Drawn:
        """What the next build of the same site may reuse of this one (after `all`)."""
        return Drawn(self.inputs, {p.route: p for p in pages}, self.world)

    def _pages(self) -> Iterator[SitePage]:
        """Which pages exist is known before any is drawn: templates link to a page only where it exists
        (`exists(to.checklist(role, level))`)."""
        specs = [(kind, spec) for kind in KINDS.values() if not (kind.internal and not self.c.facts.internal)
                 for spec in kind.pages(self.c)
                 if not (kind.replaceable and kind.src(*spec.ids) in self.c.docs_pages)]  # the organisation wrote its own
        present = frozenset(kind.src(*spec.ids) for kind, spec in specs)
        self.r.env.globals["exists"] = present.__contains__
        self.inputs = (self.r.lang, self.r.directory, self.r.labels.with_prefix(""), self.r.sources, present, self.steps,
                       self.c.hiring, self.c.docs_pages)
        if self.before is not None and self.before.inputs == self.inputs:
            self.kept = self.before.pages
        for kind, spec in specs:
            yield self.page(kind, spec)


def _same_objects(a: tuple[Any, ...] | None, b: tuple[Any, ...] | None) -> bool:
    """Whether two tuples hold the very same objects (a file read again gives new ones, one not read again the same)."""
    return a is not None and b is not None and len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True))
