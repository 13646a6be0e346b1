"""Every generated page of the site, built from the Framework with the page templates."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any, Iterable

from . import diff_report, routes, urls, views
from .framework import Framework
from .provenance import Provenance
from .render import front_matter, md_escape, render
from .revisions import CommitChanges
from .structured_data import occupation

# Stable anchors: explicit Markdown ids `{ #id }` and ids of raw HTML elements (not the `cf-` widget ids).
_ANCHOR = re.compile(r'\{ #([A-Za-z0-9_-]+) \}| id="([a-z0-9][a-z0-9-]*)"')


@dataclass(frozen=True, eq=False)
class Page:
    """A generated Markdown page: its route, title, text and stable anchors."""

    route: routes.Route
    title: str
    markdown: str

    @property
    def src(self) -> str:
        return routes.src(self.route)

    @cached_property
    def anchors(self) -> tuple[str, ...]:
        """The ids the page declares for linking (its stable link targets)."""
        found = (a or b for a, b in _ANCHOR.findall(self.markdown))
        return tuple(dict.fromkeys(x for x in found if not x.startswith("cf-")))


def _page(fw: Framework, route: routes.Route, title: Any, template: str, *, meta: dict[str, Any] | None = None,
          prov: Provenance | None = None, **context: Any) -> Page:
    body = render(template, routes.src(route), fw=fw, prov=prov, **context)
    return Page(route, str(title), front_matter(str(title), **(meta or {})) + body)


def role_pages(fw: Framework, base_url: str | None = None, prov: Provenance | None = None) -> Iterable[Page]:
    """Per role: overview, one JD per level, the diffs between adjacent levels, the matrices."""
    yield _page(fw, ("roles",), "직무", "roles_index.md.j2", roles=fw.roles)
    for role in fw.roles:
        levels = fw.role_levels(role)
        counts = views.level_counts(fw, role.id)
        yield _page(fw, ("role", role.id), role.title, "role.md.j2", role=role, levels=levels, counts=counts, prov=prov)
        for i, (lv, jd) in enumerate(levels):
            prev = levels[i - 1][0] if i else None
            nxt = levels[i + 1][0] if i + 1 < len(levels) else None
            new = views.items_at(fw, role.id, lv.id)
            base = views.items_below(fw, role.id, lv.id)
            yield _page(
                fw, ("jd", role.id, lv.id), jd.title, "jd.md.j2", role=role, level=lv, jd=jd, prev=prev, next=nxt,
                meta={"jsonld": occupation(fw, role, lv, base_url) if base_url else None}, prov=prov,
                new_items=views.group_by_area(new), new_count=len(new),
                foundation=views.group_by_area(base), foundation_count=len(base), kpis=fw.role_kpis(role),
            )
        for i, (lv, jd) in enumerate(levels):
            nxt = levels[i + 1][0] if i + 1 < len(levels) else None
            at, below = views.items_at(fw, role.id, lv.id), views.items_below(fw, role.id, lv.id)
            new, base = views.group_by_area(at), views.group_by_area(below)
            yield _page(
                fw, ("checklist", role.id, lv.id), f"체크리스트: {jd.title}", "checklist.md.j2", role=role, level=lv,
                jd=jd, next=nxt, new_items=new, foundation=base, areas=views.area_counts([new, base]),
                new_count=len(at), foundation_count=len(below), total=len(at) + len(below),
                next_items=views.items_at(fw, role.id, nxt.id) if nxt else (), order=views.item_order(fw),
            )
        for lv, jd in levels:
            grouped = views.interview_kit(fw, role, lv)
            yield _page(fw, ("kit", role.id, lv.id), f"면접 키트: {jd.title}", "kit.md.j2", role=role, level=lv, jd=jd,
                        grouped=grouped, count=sum(len(qs) for _, qs in grouped))
        for lower, upper in views.adjacent_levels(fw, role):
            d = views.level_diff(fw, role, lower, upper)
            yield _page(fw, ("diff", role.id, lower.id, upper.id), f"{lower.title} → {upper.title}: {role.title}", "diff.md.j2", d=d)
        areas = fw.role_areas(role)
        yield _page(fw, ("matrix", role.id), f"역량 매트릭스: {role.title}", "matrix.md.j2", role=role,
                    levels=fw.levels, rows=views.matrix_summary(fw, role), areas=areas)
        for area in areas:
            yield _page(fw, ("matrix-area", role.id, area.id), f"{area.title} 매트릭스: {role.title}", "matrix_area.md.j2",
                        role=role, area=area, levels=fw.levels)


def level_pages(fw: Framework, prov: Provenance | None = None) -> Iterable[Page]:
    """The ladder: an index, one page per level across roles, and the career progression table."""
    all_counts = {lv.id: 0 for lv in fw.levels}
    for p in fw.items():
        all_counts[p.level.id] += 1
    yield _page(fw, ("levels",), "레벨", "levels_index.md.j2", counts=all_counts)
    for lv in fw.levels:
        prev, nxt = fw.previous_level(lv.id), fw.next_level(lv.id)
        jds = [(r, r.levels[lv.id]) for r in fw.roles if lv.id in r.levels]
        transitions = [(r, lo, hi) for r in fw.roles for lo, hi in views.adjacent_levels(fw, r) if lo.id == lv.id]
        items = [p for p in fw.items() if p.level.id == lv.id]
        yield _page(fw, ("level", lv.id), f"{lv.title} ({lv.years_label})", "level.md.j2", level=lv, prev=prev, next=nxt, prov=prov,
                    jds=jds, transitions=transitions, grouped=views.group_by_area(items), count=len(items))
    steps = list(zip(fw.levels, fw.levels[1:]))
    roles_for = {lo.id: [r for r in fw.roles if any(a.id == lo.id and b.id == hi.id for a, b in views.adjacent_levels(fw, r))]
                 for lo, hi in steps}
    yield _page(fw, ("progression",), "성장 경로", "progression.md.j2", steps=steps, roles_for=roles_for)


@dataclass(frozen=True)
class _AreaRow:
    area: Any
    total: int
    counts: tuple[int, ...]


def competency_pages(fw: Framework, prov: Provenance | None = None) -> Iterable[Page]:
    """The competency index, one page per area (an anchor per group and item), KPIs and the roadmap."""
    jds = views.item_jds(fw)
    rows = []
    for area in fw.areas:
        counts = [0] * len(fw.levels)
        for g in area.groups:
            for it in g.items:
                counts[fw.rank(fw.item(it.id).level.id)] += 1
        rows.append(_AreaRow(area, sum(counts), tuple(counts)))
    yield _page(fw, ("competencies",), "역량", "competencies_index.md.j2", rows=rows,
                group_count=sum(len(a.groups) for a in fw.areas), item_count=sum(r.total for r in rows))
    for area, row in zip(fw.areas, rows):
        yield _page(fw, ("area", area.id), f"{area.number}. {area.title}", "area.md.j2", area=area, jds=jds,
                    item_count=row.total, questions=views.item_questions(fw), prov=prov)
    yield _page(fw, ("kpis",), "평가 항목 (KPI)", "kpis.md.j2", kpis=fw.kpis)
    yield _page(fw, ("roadmap",), str(fw.roadmap.title), "roadmap.md.j2", roadmap=fw.roadmap)
    grouped = views.group_by_area(fw.items())
    yield _page(fw, ("roadmap-checklist",), "체크리스트", "roadmap_checklist.md.j2", grouped=grouped,
                areas=views.area_counts([grouped]), total=len(views.item_order(fw)), order=views.item_order(fw))


def interview_pages(fw: Framework) -> Iterable[Page]:
    """The interview index and one question bank per competency area."""
    banks = [(area, views.question_bank(fw, area.id)) for area in fw.areas]
    categories = []
    for key, label in views.CATEGORY_LABELS.items():
        topics = [t for t in fw.interviews if t.category == key]
        if topics:
            categories.append((label, topics))
    follow_counts = {t.id: sum(len(q.follow_ups) for q in t.questions) for t in fw.interviews}
    yield _page(fw, ("interview",), "면접 질문", "interview_index.md.j2", banks=[(a, len(qs)) for a, qs in banks],
                categories=categories, follow_counts=follow_counts)
    for area, questions in banks:
        yield _page(fw, ("bank", area.id), f"면접 질문 은행: {area.title}", "interview_bank.md.j2",
                    area=area, questions=questions)


def changelog_page(fw: Framework, history: list[CommitChanges] | None, version: str | None) -> Page:
    """The history of framework/: each commit with a summary of what it changed, newest first."""
    entries = [(h, [f"{diff_report.ENTITY[c.entity]} {diff_report.KIND[c.kind]}: "
                    + diff_report.describe(c, None, fw, quote=lambda t: "“" + md_escape(t or "") + "”") for c in h.changes])
               for h in history or []]
    return _page(fw, ("changelog",), "변경 이력", "changelog.md.j2", history=history, entries=entries, version=version,
                 summary=diff_report.summary_line)


def build_pages(fw: Framework, base_url: str | None = None, prov: Provenance | None = None,
                history: list[CommitChanges] | None = None, version: str | None = None) -> list[Page]:
    """All generated pages, in nav order. `base_url` (the site URL) enables JSON-LD on JD pages;
    `prov` adds source, edit and last-changed links; `history` fills the changelog."""
    return [*role_pages(fw, base_url, prov), *level_pages(fw, prov), *competency_pages(fw, prov), *interview_pages(fw),
            changelog_page(fw, history, version)]


def redirects(fw: Framework, pages: Iterable[Page]) -> dict[str, str]:
    """Old source path (under an alias id) -> the live page's source path."""
    out: dict[str, str] = {}
    for page in pages:
        for old in routes.old_sources(fw, page.route):
            out.setdefault(old, page.src)
    return out


#: Anchors that only lay out a page (sections per area on a JD, gap lists) and may change with the layout.
_LAYOUT_PREFIXES = ("area-", "foundation-", "gap-")


def stable_anchors(fw: Framework, page: Page) -> list[str]:
    """The anchors of the link contract: items, groups, questions, KPI dimensions and fixed section
    names. Layout anchors and index-page anchors named after roles, levels or areas are left out
    (those pages are reached by their own URLs, which redirect after a rename)."""
    entity_pages = _entity_ids(fw)
    return [a for a in page.anchors if not a.startswith(_LAYOUT_PREFIXES) and a not in entity_pages]


@lru_cache(maxsize=8)
def _entity_ids(fw: Framework) -> frozenset[str]:
    return frozenset({r.id for r in fw.roles} | {lv.id for lv in fw.levels} | {a.id for a in fw.areas})


def url_list(fw: Framework, pages: Iterable[Page]) -> dict[str, Any]:
    """The build's stable URLs with their stable anchors, and the redirects from old URLs."""
    pages = list(pages)
    entries = {urls.url(p.src): stable_anchors(fw, p) for p in pages}
    moved = {urls.url(old): urls.url(new) for old, new in redirects(fw, pages).items()}
    return {"framework": fw.meta.id, "version": fw.meta.version, "pages": dict(sorted(entries.items())),
            "redirects": dict(sorted(moved.items()))}


def url_list_json(fw: Framework, pages: Iterable[Page]) -> str:
    return json.dumps(url_list(fw, pages), ensure_ascii=False, indent=2) + "\n"
