"""Every kind of generated page, each written once: one `PageKind` entry says where its pages live (the URL
pattern), which template draws them, which pages exist (from the framework and the build's audience), how search
ranks them and where the navigation lists them. Routes, URLs, redirects after a rename, the reserved words ids may
not take, the navigation, the search boosts and the page list all read this table; nothing else names a page kind.

Adding a page kind: a member of `Kind`, an entry in `KINDS` (with its `pages` function below) and its template in
`templates/` (and any new labels in `labels/ko.yml` and `labels/en.yml`). When a page's view reads only some competency
areas, its `Spec` says which (`reads`), so that `career serve` keeps the view after an edit of other areas
(tests/test_view_reads.py checks every kind against a clean build). The table is checked when this module is
imported: a kind without an entry, an entry without a template, an unknown placeholder, two kinds on one URL
pattern or an unknown navigation section is an error naming the kind.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property, lru_cache, partial
from pathlib import Path
from typing import Any, Literal, NamedTuple

from ..core.diagnostics import Diagnostic
from ..core.files import display_path
from ..core.framework import Framework, Ref
from ..core.model import RoleFile
from ..core.text import Language
from ..review.changelog import changelog_view
from ..review.revisions import CommitChanges
from ..views import competencies as cv
from ..views import interview as iv
from ..views import ladders as lv
from ..views import roles as rv
from ..views.common import Counts, Facts, counts
from ..views.records import records_view
from .labels import Labels
from .render import TEMPLATES

IdKind = Literal["role", "level", "area", "family"]
#: Placeholders of URL patterns and the kind of id each stands for.
PLACEHOLDERS: dict[str, IdKind] = {"role": "role", "level": "level", "lower": "level", "upper": "level", "area": "area",
                                   "family": "family"}
#: Sections of the navigation, in order, each titled by the label of the same name.
SECTIONS = ("home", "roles", "families", "levels", "competencies", "checklist", "records", "interview", "linking", "maintenance")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class Kind(StrEnum):
    HOME = "home"
    ROLES = "roles"
    ROLE = "role"
    JD = "jd"
    CHECKLIST = "checklist"
    KIT = "kit"
    DIFF = "diff"
    MATRIX = "matrix"
    MATRIX_AREA = "matrix-area"
    FAMILIES = "families"
    FAMILY = "family"
    LEVELS = "levels"
    LEVEL = "level"
    PROGRESSION = "progression"
    COMPETENCIES = "competencies"
    AREA = "area"
    PROFICIENCY = "proficiency"
    KPIS = "kpis"
    GLOSSARY = "glossary"
    ROADMAP = "roadmap"
    ROADMAP_CHECKLIST = "roadmap-checklist"
    FAMILY_CHECKLIST = "family-checklist"
    INTERVIEW = "interview"
    BANK = "bank"
    RECORDS = "records"
    RECORD = "record"
    PACKET = "packet"
    TEAM = "team"
    PRIVACY = "privacy"
    LINKING = "linking"
    CHANGELOG = "changelog"


@dataclass(frozen=True)
class Context:
    """What the `pages` functions read: the framework's facts, the edition's labels, and for the changelog the
    framework's history and version (None without git)."""

    facts: Facts
    labels: Labels
    history: list[CommitChanges] | None = None
    version: str | None = None
    docs_pages: frozenset[str] = frozenset()  # hand-written pages: one at a replaceable kind's path replaces it
    languages: int = 1  # how many editions the site has
    hiring: Mapping[str, str] = field(default_factory=dict)  # `role/level` of each JD candidates see -> its public address

    @property
    def fw(self) -> Framework:
        return self.facts.fw

    @property
    def lang(self) -> Language:
        return self.labels.lang

    def title(self, text: Any) -> str:
        """A text of the data in the edition's language."""
        return str(text.get(self.lang))


@dataclass(frozen=True)
class Spec:
    """One page of a kind: the ids it is about, its title (plain text) and how to build its view. `reads`: the
    competency areas the view reads (their ids), when it reads only some of them; None when it may read any. After an
    edit of other areas only, `career serve` keeps the view it built before (site/pages.py: PageBuilder)."""

    ids: tuple[str, ...]
    title: str
    view: Callable[[], Any]
    reads: tuple[str, ...] | None = None


Pages = Callable[[Context], Iterable[Spec]]


@dataclass(frozen=True)
class PageKind:
    """A kind of generated page (see the module docstring). `path` is the source path of its pages with one
    `{placeholder}` per id; `nav` the navigation section listing them (`nav_label`: their entry's label there,
    else the page's title); `boost` ranks them in search, `title_only` finds them by title alone (working pages
    that repeat definitions); `internal` pages exist only in the internal build; `toc_depth` is the deepest
    heading level of their table of contents; `private` pages show what a reader keeps in their own browser: they
    allow no request to another origin (a Content-Security-Policy); `indexed=False` pages ask search engines to leave
    them out (the record pages, which promise it); a
    `replaceable` page gives way to a hand-written page at its path (an organisation's own home page)."""

    kind: Kind
    path: str
    template: str
    pages: Pages
    boost: float | None = None
    title_only: bool = False
    internal: bool = False
    nav: str | None = None
    nav_label: str | None = None
    toc_depth: int = 2
    private: bool = False
    indexed: bool = True
    replaceable: bool = False

    @cached_property
    def placeholders(self) -> tuple[str, ...]:
        return tuple(_PLACEHOLDER.findall(self.path))

    @cached_property
    def id_kinds(self) -> tuple[IdKind, ...]:
        return tuple(PLACEHOLDERS[p] for p in self.placeholders)

    def src(self, *ids: str) -> str:
        """The source path of the page about `ids` (one per placeholder, in order)."""
        if len(ids) != len(self.placeholders):
            raise ValueError(f"page kind {self.kind} takes {len(self.placeholders)} ids ({', '.join(self.placeholders)}), "
                             f"got {len(ids)}")
        return self.path.format(**dict(zip(self.placeholders, ids, strict=True)))


class Route(NamedTuple):
    """A page: its kind and the ids of what it is about."""

    kind: Kind
    ids: tuple[str, ...] = ()

    @property
    def src(self) -> str:
        """The docs-relative source path of the page."""
        return _route_src(self.kind, self.ids)


@lru_cache(maxsize=1 << 16)
def _route_src(kind: Kind, ids: tuple[str, ...]) -> str:
    """A route's source path, worked out once (every step of a build asks for every page's)."""
    return KINDS[kind].src(*ids)


def src(kind: Kind, *ids: str) -> str:
    """The source path of a page: `src(Kind.JD, "python-backend", "senior")`."""
    return _route_src(kind, ids)


class _Paths:
    """Templates' way to a page's source path: `to.jd(role_id, level_id)`, `to.roles()` (kind names with `_`)."""

    def __getattr__(self, name: str) -> Callable[..., str]:
        try:
            kind = Kind(name.replace("_", "-"))
        except ValueError:
            raise AttributeError(f"no page kind '{name}'") from None
        found = partial(src, kind)
        setattr(self, name, found)  # found once: templates ask for a path on every link
        return found


to = _Paths()


def _same(value: Any) -> Any:
    return value


# which pages exist --------------------------------------------------------------------------------------------
def _one(title: Callable[[Context], str], view: Callable[[Context], Any], exists: Callable[[Context], bool] = lambda c: True) -> Pages:
    """A kind with a single page (no ids)."""
    return lambda c: [Spec((), title(c), lambda: view(c))] if exists(c) else []


def _role_areas(c: Context, role: RoleFile) -> tuple[str, ...]:
    """The areas a role's pages read: those the role expects."""
    return tuple(a.id for a in c.fw.role_areas(role))


def _roles(c: Context) -> Iterator[Spec]:
    for role in c.fw.roles:
        yield Spec((role.id,), c.title(role.title), partial(rv.role, c.facts, role), _role_areas(c, role))


def _jds(c: Context) -> Iterator[Spec]:
    for role in c.fw.roles:
        reads = _role_areas(c, role)
        for level, jd in c.fw.role_levels(role):
            yield Spec((role.id, level.id), c.title(jd.title), partial(rv.jd, c.facts, role, level), reads)


def _checklists(c: Context) -> Iterator[Spec]:
    for role in c.fw.roles:
        if not c.facts.expectations.role_items(role):
            continue  # a checklist is of items: behaviours alone are read on the JD and compared on the level pages
        reads = _role_areas(c, role)
        for level, jd in c.fw.role_levels(role):
            yield Spec((role.id, level.id), c.labels.checklist_title.format(title=c.title(jd.title)),
                       partial(rv.checklist, c.facts, role, level), reads)


def _kits(c: Context) -> Iterator[Spec]:
    for role in c.fw.roles:
        for level, jd in c.fw.role_levels(role):
            kit = iv.kit(c.fw, c.facts.interviews, role, level)
            if kit.count:
                yield Spec((role.id, level.id), c.labels.kit_title.format(title=c.title(jd.title)), partial(_same, kit))


def _diffs(c: Context) -> Iterator[Spec]:
    for role in c.fw.roles:
        reads = _role_areas(c, role)
        for lower, upper in c.facts.expectations.level_pairs(role):  # any two levels, not only neighbours
            title = c.labels.diff_title.format(lower=c.title(lower.title), upper=c.title(upper.title), role=c.title(role.title))
            yield Spec((role.id, lower.id, upper.id), title,
                       partial(rv.diff, c.facts, role, lower, upper), reads)


def _matrices(c: Context) -> Iterator[Spec]:
    for role in c.fw.roles:
        yield Spec((role.id,), c.labels.matrix_title.format(role=c.title(role.title)), partial(rv.matrix, c.facts, role),
                   _role_areas(c, role))


def _matrix_areas(c: Context) -> Iterator[Spec]:
    for role in c.fw.roles:
        for area in c.fw.role_areas(role):
            yield Spec((role.id, area.id), c.labels.matrix_area_title.format(area=c.title(area.title), role=c.title(role.title)),
                       partial(rv.matrix_area, c.facts, role, area), (area.id,))


def _explicit_families(c: Context) -> list[Any]:
    return [fam for fam in c.fw.families if not fam.implicit]


def _families(c: Context) -> Iterator[Spec]:
    for fam in _explicit_families(c):
        yield Spec((fam.id,), c.title(fam.file.title), partial(lv.family, c.facts, fam))


def _levels(c: Context) -> Iterator[Spec]:
    for level in c.fw.levels:
        label = c.title(level.years_label) if level.years_label else None
        yield Spec((level.id,), c.title(level.title) + (f" ({label})" if label else ""), partial(lv.level, c.facts, level))


def _progression(c: Context) -> list[Spec]:
    view = lv.progression(c.facts)
    return [Spec((), c.labels.progression, lambda: view)] if view.ladders else []


def _areas(c: Context) -> Iterator[Spec]:
    for area in c.fw.areas:
        yield Spec((area.id,), (f"{area.number}. " if area.number else "") + c.title(area.title), partial(cv.area, c.facts, area),
                   (area.id,))


def _roadmap(c: Context) -> list[Spec]:
    rm = c.fw.roadmap
    return [Spec((), c.title(rm.title), lambda: cv.roadmap(c.facts, rm))] if rm is not None else []


def _has_items(c: Context, fam: Any) -> bool:
    return any(g.items for a in c.fw.family_areas(fam) for g in a.groups)


def _roadmap_checklist(c: Context) -> list[Spec]:
    fam = lv.primary_family(c.facts)
    return [Spec((), c.labels.checklist, lambda: cv.family_checklist(c.facts, fam))] if _has_items(c, fam) else []


def _family_checklists(c: Context) -> Iterator[Spec]:
    primary = lv.primary_family(c.facts)
    for fam in _explicit_families(c):
        if fam is not primary and _has_items(c, fam):
            yield Spec((fam.id,), c.labels.checklist_title.format(title=c.title(fam.file.title)),
                       partial(cv.family_checklist, c.facts, fam), tuple(a.id for a in c.fw.family_areas(fam)))


def _banks(c: Context) -> Iterator[Spec]:
    for area in c.fw.areas:
        bank = iv.bank(c.facts.interviews, area)
        if bank.questions:
            yield Spec((area.id,), c.labels.bank_title.format(area=c.title(area.title)), partial(_same, bank))


class PageLink(NamedTuple):
    src: str
    title: str


@dataclass(frozen=True)
class HomeView:
    name: Any
    vision: Any
    internal: bool
    role: Any  # the first role, and its lowest level, for example links (None without roles)
    level: Any
    kit: bool
    counts: Counts
    roles: tuple[tuple[Any, Any], ...]
    ladders: tuple[tuple[Any, list[Any]], ...]
    more: tuple[PageLink, ...]  # the overview pages this build has


@dataclass(frozen=True)
class LinkingView:
    """One example of each kind of stable address the framework has (None where it has none)."""

    internal: bool
    role: Any
    level: Any  # the role's lowest level (None without roles)
    item: Any
    pair: Any
    question: Any
    bank_area: str | None
    kpi: Any
    languages: int
    any_level: Any  # the first level of the first ladder
    behaviour: Any  # the first behaviour statement
    family: Any  # the first named family


def first_jd(fw: Framework) -> tuple[Any, Any]:
    """The first role with a level, and that level (None, None without roles): for example links."""
    role = next((r for r in fw.roles if fw.role_levels(r)), None)
    return (role, fw.role_levels(role)[0][0]) if role else (None, None)


def home_view(c: Context) -> HomeView:
    fw = c.fw
    role, level = first_jd(fw)
    kit = c.facts.internal and any(iv.kit(fw, c.facts.interviews, r, lv).count for r in fw.roles for lv, _ in fw.role_levels(r))
    more = tuple(PageLink(KINDS[k].src(), spec.title) for k in (Kind.PROGRESSION, Kind.COMPETENCIES, Kind.PROFICIENCY, Kind.KPIS, Kind.GLOSSARY)
                 for spec in KINDS[k].pages(c))
    return HomeView(fw.meta.name, fw.meta.vision, c.facts.internal, role, level, kit, counts(fw),
                    tuple((r, fw.role_levels(r)) for r in fw.roles),
                    tuple((lad, [f for f in fw.families if f.ladder is lad]) for lad in fw.ladders), more)


def linking_view(c: Context) -> LinkingView:
    return link_examples(c.facts, c.languages)


def link_examples(facts: Facts, languages: int = 1) -> LinkingView:
    """The page about links, and the examples of its table of stable addresses (macros/contract.html.j2)."""
    fw = facts.fw
    role, level = first_jd(fw)
    on_checklist = {a.id for a in fw.family_areas(lv.primary_family(facts))}  # the items of /checklist/
    item = next((p for p in fw.items() if p.area.id in on_checklist), next(fw.items(), None))
    pair = next(iter(facts.expectations.adjacent_levels(role)), None) if role else None
    q = next((q for _, q in fw.questions()), None) if facts.internal else None
    bank_area = (fw.item(q.items[0]).area.id if q.items else fw.group(q.groups[0])[1].id) if q else None
    return LinkingView(facts.internal, role, level, item, pair, q, bank_area, fw.kpis[0] if fw.kpis else None, languages,
                       level or (fw.levels[0] if fw.levels else None), next(iter(fw.behaviours()), None),
                       next((f for f in fw.families if not f.implicit), None))


Places = dict[str, dict[str, tuple[str, str | None]]]


def _single(kind: Kind, ident: str | None = None) -> tuple[str, str | None]:
    """The page of a kind with a single page, at an anchor."""
    return src(kind), ident


def _competency_places(fw: Framework) -> Places:
    area = partial(src, Kind.AREA)
    return {
        "item": {p.id: (area(p.area.id), p.id) for p in fw.items()},
        "group": {g.id: (area(a.id), g.id) for a in fw.areas for g in a.groups},
        "behaviour": {f"{b.group.id}--{b.level.id}": (area(b.area.id), b.group.id) for b in fw.behaviours()},
        "area": {a.id: (area(a.id), None) for a in fw.areas},
    }


def _ladder_places(fw: Framework) -> Places:
    return {
        "level": {x.id: (src(Kind.LEVEL, x.id), None) for x in fw.levels},
        "track": {t.id: _single(Kind.LEVELS) for lad in fw.ladders for t in lad.tracks},
        "family": {f.id: (src(Kind.FAMILY, f.id), None) for f in fw.families if not f.implicit},
        "role": {r.id: (src(Kind.ROLE, r.id), None) for r in fw.roles},
        "role-level": {f"{r.id}/{x.id}": (src(Kind.JD, r.id, x.id), None) for r in fw.roles for x, _ in fw.role_levels(r)},
    }


def _reference_places(fw: Framework) -> Places:
    return {
        "kpi": {k.id: _single(Kind.KPIS, k.id) for k in fw.kpis},
        "term": {t.id: _single(Kind.GLOSSARY, t.id) for t in fw.glossary},
        "scale": {s.id: _single(Kind.PROFICIENCY) for s in fw.scales},
        "step": {st.id: _single(Kind.PROFICIENCY, st.id) for s in fw.scales for st in s.steps},
        "phase": {ph.id: _single(Kind.ROADMAP, ph.id) for ph in (fw.roadmap.phases if fw.roadmap else ())},
        "roadmap": {"roadmap": _single(Kind.ROADMAP)} if fw.roadmap else {},
        "topic": {t.id: _single(Kind.INTERVIEW) for t in fw.interviews},
        "framework": {fw.meta.id: _single(Kind.HOME)},
    }


def _question_places(c: Context) -> dict[str, tuple[str, str | None]]:
    """A question (or a follow-up) under its question in the first bank that asks it."""
    out: dict[str, tuple[str, str | None]] = {}
    for a in c.fw.areas:
        for aq in c.facts.interviews.bank(a):
            for ident in (aq.id, *(f.id for f in aq.question.follow_ups)):
                out.setdefault(ident, (src(Kind.BANK, a.id), aq.id))
    return out


class _Places(Mapping[str, Mapping[str, tuple[str, str | None]]]):
    """Where the changelog links each entity of the framework being built: kind -> id -> (page, anchor), worked out
    when the changelog first links one (a site without history links none). A behaviour is read in its competency's
    section; the template links a page only where this build has it."""

    def __init__(self, c: Context) -> None:
        self.c = c

    @cached_property
    def _found(self) -> Places:
        c = self.c
        return {**_competency_places(c.fw), **_ladder_places(c.fw), **_reference_places(c.fw), "question": _question_places(c)}

    def __getitem__(self, kind: str) -> Mapping[str, tuple[str, str | None]]:
        return self._found[kind]

    def __iter__(self) -> Iterator[str]:
        return iter(self._found)

    def __len__(self) -> int:
        return len(self._found)


def _records_page(label: str) -> Pages:
    """A page of personal records: one page, its content drawn in the reader's browser from what they keep there
    (assets/records.js) and from the framework's data under /api/records/."""
    return _one(lambda c: c.labels[label], lambda c: records_view(c.fw), lambda c: bool(c.fw.roles))


ENTRIES = [
    PageKind(Kind.HOME, "index.md", "home.html.j2", _one(lambda c: c.title(c.fw.meta.name), home_view), nav="home", replaceable=True),
    PageKind(Kind.ROLES, "roles/index.md", "roles_index.html.j2",
             _one(lambda c: c.labels.roles, lambda c: rv.roles_index(c.facts), lambda c: bool(c.fw.roles)),
             nav="roles"),
    PageKind(Kind.ROLE, "roles/{role}/index.md", "role.html.j2", _roles, boost=2.5, nav="roles"),
    PageKind(Kind.JD, "roles/{role}/{level}.md", "jd.html.j2", _jds, boost=3),
    PageKind(Kind.CHECKLIST, "roles/{role}/{level}/checklist.md", "checklist.html.j2", _checklists, boost=0.2, title_only=True,
             toc_depth=3),  # each area a jump link
    PageKind(Kind.KIT, "roles/{role}/{level}/interview.md", "kit.html.j2", _kits, boost=0.2, title_only=True, internal=True,
             private=True),  # the sheet holds what an interviewer types about a candidate
    PageKind(Kind.DIFF, "roles/{role}/{lower}-to-{upper}.md", "diff.html.j2", _diffs, boost=1.2),
    PageKind(Kind.MATRIX, "roles/{role}/matrix/index.md", "matrix.html.j2", _matrices, boost=0.3, title_only=True),
    PageKind(Kind.MATRIX_AREA, "roles/{role}/matrix/{area}.md", "matrix_area.html.j2", _matrix_areas, boost=0.3,
             title_only=True),
    PageKind(Kind.FAMILIES, "families/index.md", "families_index.html.j2",
             _one(lambda c: c.labels.families, lambda c: lv.families(c.facts), lambda c: bool(_explicit_families(c))),
             nav="families"),
    PageKind(Kind.FAMILY, "families/{family}/index.md", "family.html.j2", _families, boost=2, nav="families"),
    PageKind(Kind.LEVELS, "levels/index.md", "levels_index.html.j2", _one(lambda c: c.labels.levels, lambda c: lv.levels(c.facts)),
             nav="levels"),
    PageKind(Kind.LEVEL, "levels/{level}.md", "level.html.j2", _levels, boost=3),
    PageKind(Kind.PROGRESSION, "progression.md", "progression.html.j2", _progression, boost=1.5, nav="levels"),
    PageKind(Kind.COMPETENCIES, "competencies/index.md", "competencies_index.html.j2",
             _one(lambda c: c.labels.competencies, lambda c: cv.competencies(c.facts)), nav="competencies"),
    PageKind(Kind.AREA, "competencies/{area}.md", "area.html.j2", _areas, boost=4, toc_depth=3),
    PageKind(Kind.ROADMAP, "roadmap.md", "roadmap.html.j2", _roadmap, nav="competencies", nav_label="roadmap"),
    PageKind(Kind.PROFICIENCY, "proficiency.md", "proficiency.html.j2",
             _one(lambda c: c.labels.proficiency, lambda c: cv.proficiency(c.facts), lambda c: bool(c.fw.scales)), boost=2,
             nav="competencies"),
    PageKind(Kind.KPIS, "kpis.md", "kpis.html.j2", _one(lambda c: c.labels.kpis, lambda c: cv.kpis(c.facts), lambda c: bool(c.fw.kpis)),
             boost=2, nav="competencies"),
    PageKind(Kind.GLOSSARY, "glossary.md", "glossary.html.j2",
             _one(lambda c: c.labels.glossary, lambda c: cv.glossary(c.facts), lambda c: bool(c.fw.glossary)), boost=2,
             nav="competencies"),
    PageKind(Kind.ROADMAP_CHECKLIST, "checklist.md", "family_checklist.html.j2", _roadmap_checklist, boost=0.2, title_only=True,
             nav="checklist", toc_depth=3),
    PageKind(Kind.FAMILY_CHECKLIST, "families/{family}/checklist.md", "family_checklist.html.j2", _family_checklists, boost=0.2,
             title_only=True, toc_depth=3),
    PageKind(Kind.INTERVIEW, "interview/index.md", "interview_index.html.j2",
             _one(lambda c: c.labels.interview, lambda c: iv.interview_index(c.fw, c.facts.interviews), lambda c: bool(c.fw.interviews)),
             internal=True, nav="interview"),
    PageKind(Kind.BANK, "interview/{area}.md", "interview_bank.html.j2", _banks, boost=0.3, internal=True),
    PageKind(Kind.RECORDS, "records/index.md", "records.html.j2", _records_page("records"), title_only=True, internal=True,
             nav="records", private=True, indexed=False),
    PageKind(Kind.RECORD, "records/record.md", "record.html.j2", _records_page("record_page"), title_only=True, internal=True,
             private=True, indexed=False),
    PageKind(Kind.PACKET, "records/packet.md", "packet.html.j2", _records_page("packet"), title_only=True, internal=True,
             private=True, indexed=False),
    PageKind(Kind.TEAM, "team.md", "team.html.j2", _records_page("team"), title_only=True, internal=True, nav="records",
             private=True, indexed=False),
    PageKind(Kind.PRIVACY, "records/privacy.md", "privacy.html.j2", _records_page("privacy"), title_only=True, internal=True,
             nav="records", private=True, indexed=False),
    PageKind(Kind.LINKING, "linking.md", "linking.html.j2", _one(lambda c: c.labels.linking, linking_view), nav="linking",
             replaceable=True),
    PageKind(Kind.CHANGELOG, "changelog.md", "changelog.html.j2",
             _one(lambda c: c.labels.changelog, lambda c: changelog_view(c.fw, c.history, c.version, c.lang, _Places(c))),
             boost=0.1,
             title_only=True, internal=True, nav="maintenance"),
]


def _segments(path: str) -> list[str]:
    return path.removesuffix(".md").split("/")


def _shape(segments: list[str]) -> list[str]:
    """Segments with each placeholder written as the kind of id it stands for (`{lower}` is `{level}`)."""
    return [_PLACEHOLDER.sub(lambda m: "{" + PLACEHOLDERS[m.group(1)] + "}", s) for s in segments]


def _registry(entries: list[PageKind]) -> dict[Kind, PageKind]:
    """The table, checked: every kind registered once, with a template, known placeholders and sections, and
    URL patterns of its own."""
    problems: list[str] = []
    table: dict[Kind, PageKind] = {}
    for e in entries:
        if e.kind in table:
            problems.append(f"page kind {e.kind} is registered twice")
        table[e.kind] = e
        unknown = [p for p in e.placeholders if p not in PLACEHOLDERS]
        if unknown:
            problems.append(f"page kind {e.kind}: unknown placeholder {{{unknown[0]}}} in {e.path!r} (known: {', '.join(PLACEHOLDERS)})")
        if not e.path.endswith(".md"):
            problems.append(f"page kind {e.kind}: its path {e.path!r} must end in .md")
        if not (TEMPLATES / e.template).is_file():
            problems.append(f"page kind {e.kind}: no template {e.template} in {TEMPLATES}")
        if e.nav is not None and e.nav not in SECTIONS:
            problems.append(f"page kind {e.kind}: unknown navigation section {e.nav!r} (sections: {', '.join(SECTIONS)})")
    problems += [f"page kind {k} has no entry in KINDS" for k in Kind if k not in table]
    shapes: dict[str, Kind] = {}
    for e in entries:
        shape = "/".join(_shape(_segments(e.path))) if not any(p not in PLACEHOLDERS for p in e.placeholders) else e.path
        if shape in shapes:
            problems.append(f"page kinds {shapes[shape]} and {e.kind} share the URL pattern {e.path!r}")
        shapes.setdefault(shape, e.kind)
    if problems:
        raise RuntimeError("the page-kind table (macros/site/pagekinds.py) is inconsistent:\n" + "\n".join(problems))
    return table


KINDS: dict[Kind, PageKind] = _registry(ENTRIES)


# what ids may not be ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Reserved:
    """Words an id of one kind may not be (they name other pages at the same place) and strings it may not hold
    (they join two ids in one path segment, like `-to-`)."""

    words: dict[IdKind, frozenset[str]] = field(default_factory=dict)
    joins: dict[IdKind, frozenset[str]] = field(default_factory=dict)


def reserved() -> Reserved:
    """Derived from the URL patterns: where a segment is one id in one pattern and a fixed word in another with the
    same segments before it, an id there must not be that word (a level `matrix` would be the page
    `roles/<role>/matrix/`); `index` is never an id."""
    words: dict[IdKind, set[str]] = {k: {"index"} for k in set(PLACEHOLDERS.values())}
    joins: dict[IdKind, set[str]] = {}
    shapes = [_segments(e.path) for e in ENTRIES]
    for a, b in itertools.permutations(shapes, 2):
        for i, seg in enumerate(a):
            m = re.fullmatch(r"\{(\w+)\}", seg)
            if m and i < len(b) and _shape(a[:i]) == _shape(b[:i]) and not _PLACEHOLDER.search(b[i]):
                words[PLACEHOLDERS[m.group(1)]].add(b[i])
    for shape in shapes:
        for seg in shape:
            found = _PLACEHOLDER.findall(seg)
            if len(found) > 1:
                for glue in _PLACEHOLDER.split(seg)[::2]:
                    if glue:
                        for kind in found:
                            joins.setdefault(PLACEHOLDERS[kind], set()).add(glue)
    return Reserved({k: frozenset(v) for k, v in words.items()}, {k: frozenset(v) for k, v in joins.items()})


def id_clashes(fw: Framework, framework_dir: Path) -> list[Diagnostic]:
    """Ids that would give a page the URL of another kind's page, each where the id is written."""
    rules = reserved()
    ids: dict[IdKind, Iterable[str]] = {"role": [r.id for r in fw.roles], "level": [x.id for x in fw.levels],
                                         "area": [a.id for a in fw.areas], "family": [f.id for f in fw.families if not f.implicit]}
    out = []
    for kind, values in ids.items():
        for ident in values:
            bad = ident in rules.words.get(kind, ()) or any(j in ident for j in rules.joins.get(kind, ()))
            if not bad:
                continue
            where = fw.sources.get(Ref(kind, ident))
            why = "is reserved for other pages" if ident in rules.words.get(kind, ()) else "holds a part reserved for other pages' addresses"
            out.append(Diagnostic(display_path(framework_dir / where.path) if where else display_path(framework_dir),
                                  where.line if where else 0, 1,
                                  f"{kind} id '{ident}' {why}; choose another"))
    return out


# renamed ids: the old addresses -------------------------------------------------------------------------------
def _aliases(fw: Framework) -> dict[IdKind, dict[str, tuple[str, ...]]]:
    return {
        "role": {r.id: r.aliases for r in fw.roles},
        "level": {x.id: x.aliases for x in fw.levels},
        "area": {a.id: a.aliases for a in fw.areas},
        "family": {f.id: f.file.aliases for f in fw.families},
    }


def old_sources(fw: Framework, route: Route, aliases: dict[IdKind, dict[str, tuple[str, ...]]] | None = None) -> list[str]:
    """Every source path the route had under an alias of one of its ids (never the live one)."""
    kind = KINDS[route.kind]
    if not kind.id_kinds:
        return []
    table = aliases if aliases is not None else _aliases(fw)
    choices = [(ident, *table[k].get(ident, ())) for k, ident in zip(kind.id_kinds, route.ids, strict=True)]
    live = route.src
    return [old for combo in itertools.product(*choices) if (old := kind.src(*combo)) != live]


def redirects(fw: Framework, routes: list[Route]) -> dict[str, str]:
    """Old source path (under an alias id) -> the live page's source path."""
    table = _aliases(fw)
    out: dict[str, str] = {}
    for route in routes:
        for old in old_sources(fw, route, table):
            out.setdefault(old, route.src)
    return out
