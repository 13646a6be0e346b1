"""Every generated page of the site: a route, a view prepared in `views`, and a template.

Which pages exist follows the data (no empty page: no KPI page without KPIs, no question bank for
an area without questions) and the audience (interview pages and the changelog are internal)."""
from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from ..core.framework import Family
from ..views import competencies as cv
from ..views import interview as iv
from ..views import ladders as lv
from ..views import roles as rv
from ..views.common import Facts
from .render import Rendered, Renderer
from .routes import Kind, Route


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
    def anchors(self) -> tuple[str, ...]:
        """The ids the page declares for linking (its stable link targets; widget ids start with `cf-`)."""
        return tuple(a for a in self.body.anchors if not a.startswith("cf-"))


#: Page kinds ranked for search: definitions first (boost > 1), working pages last.
SEARCH_BOOST: dict[Kind, float] = {
    Kind.AREA: 4, Kind.JD: 3, Kind.LEVEL: 3, Kind.ROLE: 2.5, Kind.FAMILY: 2, Kind.GLOSSARY: 2, Kind.PROFICIENCY: 2,
    Kind.KPIS: 2, Kind.PROGRESSION: 1.5, Kind.DIFF: 1.2, Kind.MATRIX_AREA: 0.3, Kind.MATRIX: 0.3, Kind.BANK: 0.3,
    Kind.CHECKLIST: 0.2, Kind.ROADMAP_CHECKLIST: 0.2, Kind.FAMILY_CHECKLIST: 0.2, Kind.KIT: 0.2, Kind.CHANGELOG: 0.1,
}
#: Working pages that repeat what definition pages say: found by their title only.
SEARCH_TITLE_ONLY = {Kind.CHECKLIST, Kind.ROADMAP_CHECKLIST, Kind.FAMILY_CHECKLIST, Kind.KIT, Kind.MATRIX, Kind.MATRIX_AREA,
                     Kind.CHANGELOG}


class PageBuilder:
    """Renders the generated pages of one build in one language."""

    def __init__(self, facts: Facts, renderer: Renderer, extra: Mapping[Kind, Callable[[Route], dict[str, Any]]] | None = None):
        self.f, self.r, self.L = facts, renderer, renderer.labels
        self.extra = extra or {}
        renderer.env.globals["steps"] = {s.id: s for sc in facts.fw.scales for s in sc.steps}  # proficiency names

    def page(self, route: Route, title: str, template: str, view: Any, *, toc_depth: int = 2, **meta: Any) -> SitePage:
        body = self.r.render(template, route.src, toc_depth=toc_depth, v=view)
        boost = SEARCH_BOOST.get(route.kind)
        more = self.extra.get(route.kind)
        meta = {**({"search": {"boost": boost}} if boost else {}), **meta, **(more(route) if more else {})}
        return SitePage(route, title, body, meta)

    def all(self) -> list[SitePage]:
        return [*self.roles(), *self.ladders(), *self.competencies(), *self.interview()]

    def roles(self) -> Iterator[SitePage]:
        f, L = self.f, self.L
        yield self.page(Route(Kind.ROLES), L.roles, "roles_index.html.j2", rv.roles_index(f))
        for role in f.fw.roles:
            r = role.id
            title = role.title.get(self.r.lang)
            yield self.page(Route(Kind.ROLE, (r,)), title, "role.html.j2", rv.role(f, role))
            for level, jd in f.fw.role_levels(role):
                jd_title = jd.title.get(self.r.lang)
                yield self.page(Route(Kind.JD, (r, level.id)), jd_title, "jd.html.j2", rv.jd(f, role, level))
                yield self.page(Route(Kind.CHECKLIST, (r, level.id)), L.checklist_title.format(title=jd_title),
                                "checklist.html.j2", rv.checklist(f, role, level))
                if f.internal:
                    kit = iv.kit(f.fw, f.interviews, role, level)
                    if kit.count:
                        yield self.page(Route(Kind.KIT, (r, level.id)), L.kit_title.format(title=jd_title), "kit.html.j2", kit)
            for lower, upper in f.expectations.adjacent_levels(role):
                yield self.page(Route(Kind.DIFF, (r, lower.id, upper.id)),
                                L.diff_title.format(lower=lower.title.get(self.r.lang), upper=upper.title.get(self.r.lang),
                                                    role=title), "diff.html.j2", rv.diff(f, role, lower, upper))
            yield self.page(Route(Kind.MATRIX, (r,)), L.matrix_title.format(role=title), "matrix.html.j2", rv.matrix(f, role))
            for area in f.fw.role_areas(role):
                yield self.page(Route(Kind.MATRIX_AREA, (r, area.id)),
                                L.matrix_area_title.format(area=area.title.get(self.r.lang), role=title),
                                "matrix_area.html.j2", rv.matrix_area(f, role, area))

    def _families(self) -> list[Family]:
        return [fam for fam in self.f.fw.families if not fam.implicit]

    def ladders(self) -> Iterator[SitePage]:
        f, L = self.f, self.L
        families = self._families()
        if families:
            yield self.page(Route(Kind.FAMILIES), L.families, "families_index.html.j2", lv.families(f))
            for fam in families:
                yield self.page(Route(Kind.FAMILY, (fam.id,)), fam.file.title.get(self.r.lang), "family.html.j2",
                                lv.family(f, fam))
        yield self.page(Route(Kind.LEVELS), L.levels, "levels_index.html.j2", lv.levels(f))
        for level in f.fw.levels:
            view = lv.level(f, level)
            label = level.years_label.get(self.r.lang) if level.years_label else None
            title = level.title.get(self.r.lang) + (f" ({label})" if label else "")
            yield self.page(Route(Kind.LEVEL, (level.id,)), title, "level.html.j2", view)
        progression = lv.progression(f)
        if progression.ladders:
            yield self.page(Route(Kind.PROGRESSION), L.progression, "progression.html.j2", progression)

    def competencies(self) -> Iterator[SitePage]:
        f, L = self.f, self.L
        yield self.page(Route(Kind.COMPETENCIES), L.competencies, "competencies_index.html.j2", cv.competencies(f))
        for area in f.fw.areas:
            title = (f"{area.number}. " + area.title.get(self.r.lang))
            yield self.page(Route(Kind.AREA, (area.id,)), title, "area.html.j2", cv.area(f, area), toc_depth=3)
        if f.fw.scales:
            yield self.page(Route(Kind.PROFICIENCY), L.proficiency, "proficiency.html.j2", cv.proficiency(f))
        if f.fw.kpis:
            yield self.page(Route(Kind.KPIS), L.kpis, "kpis.html.j2", cv.kpis(f))
        if f.fw.glossary:
            yield self.page(Route(Kind.GLOSSARY), L.glossary, "glossary.html.j2", cv.glossary(f))
        if f.fw.roadmap is not None:
            yield self.page(Route(Kind.ROADMAP), f.fw.roadmap.title.get(self.r.lang), "roadmap.html.j2", cv.roadmap(f, f.fw.roadmap))
        primary = lv.primary_family(f)
        for fam in f.fw.families:
            view = cv.family_checklist(f, fam)
            if fam is primary:
                yield self.page(Route(Kind.ROADMAP_CHECKLIST), L.checklist, "family_checklist.html.j2", view)
            elif not fam.implicit:
                yield self.page(Route(Kind.FAMILY_CHECKLIST, (fam.id,)),
                                L.checklist_title.format(title=fam.file.title.get(self.r.lang)), "family_checklist.html.j2", view)

    def interview(self) -> Iterator[SitePage]:
        f, L = self.f, self.L
        if not f.internal or not f.fw.interviews:
            return
        yield self.page(Route(Kind.INTERVIEW), L.interview, "interview_index.html.j2", iv.interview_index(f.fw, f.interviews))
        for area in f.fw.areas:
            bank = iv.bank(f.interviews, area)
            if bank.questions:
                yield self.page(Route(Kind.BANK, (area.id,)), L.bank_title.format(area=area.title.get(self.r.lang)),
                                "interview_bank.html.j2", bank)
