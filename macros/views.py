"""Derived facts read by pages and exports: what each role expects at each level, diffs, matrices."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable

from .framework import Framework, PlacedItem
from .model import AreaFile, FollowUp, Group, InterviewFile, Level, Question, RoleFile, RoleLevel
from .text import Text

AreaGroups = tuple[tuple[AreaFile, tuple[tuple[Group, tuple[PlacedItem, ...]], ...]], ...]


def group_by_area(items: Iterable[PlacedItem]) -> AreaGroups:
    """Items nested as ((area, ((group, items), ...)), ...), keeping roadmap order."""
    areas: dict[str, tuple[AreaFile, dict[str, tuple[Group, list[PlacedItem]]]]] = {}
    for p in items:
        _, groups = areas.setdefault(p.area.id, (p.area, {}))
        groups.setdefault(p.group.id, (p.group, []))[1].append(p)
    return tuple((a, tuple((g, tuple(ps)) for g, ps in gs.values())) for a, gs in areas.values())


@lru_cache(maxsize=None)
def role_items(fw: Framework, role_id: str) -> tuple[PlacedItem, ...]:
    """Every item of the areas a role uses, in roadmap order."""
    wanted = {a.id for a in fw.role_areas(fw.role(role_id))}
    return tuple(p for p in fw.items() if p.area.id in wanted)


def items_at(fw: Framework, role_id: str, level_id: str) -> tuple[PlacedItem, ...]:
    """Items a role expects from exactly this level (new at this level)."""
    return tuple(p for p in role_items(fw, role_id) if p.level.id == level_id)


def items_below(fw: Framework, role_id: str, level_id: str) -> tuple[PlacedItem, ...]:
    """Items expected from a lower level: the foundation a level builds on."""
    rank = fw.rank(level_id)
    return tuple(p for p in role_items(fw, role_id) if fw.rank(p.level.id) < rank)


def first_role_level(fw: Framework, role: RoleFile, level_id: str) -> Level | None:
    """The lowest level the role defines at or above `level_id`: where an item first shows in its JDs."""
    rank = fw.rank(level_id)
    return next((lv for lv, _ in fw.role_levels(role) if fw.rank(lv.id) >= rank), None)


@lru_cache(maxsize=None)
def item_jds(fw: Framework) -> dict[str, tuple[tuple[RoleFile, Level], ...]]:
    """For each item id, the JD pages (role, level) that first list it."""
    out: dict[str, list[tuple[RoleFile, Level]]] = {p.id: [] for p in fw.items()}
    for role in fw.roles:
        for p in role_items(fw, role.id):
            lv = first_role_level(fw, role, p.level.id)
            if lv is not None:
                out[p.id].append((role, lv))
    return {k: tuple(v) for k, v in out.items()}


def adjacent_levels(fw: Framework, role: RoleFile) -> tuple[tuple[Level, Level], ...]:
    """Consecutive (lower, upper) pairs of the levels a role defines."""
    lvls = [lv for lv, _ in fw.role_levels(role)]
    return tuple(zip(lvls, lvls[1:]))


@dataclass(frozen=True)
class LevelDiff:
    """What changes from one level of a role to the next."""

    role: RoleFile
    lower: Level
    upper: Level
    lower_jd: RoleLevel
    upper_jd: RoleLevel
    duties_added: tuple[Text, ...]
    competencies_added: tuple[Text, ...]
    items_added: AreaGroups
    items_added_count: int

    @property
    def focus_shift(self) -> Text | None:
        return self.lower.progression.focus if self.lower.progression else None

    @property
    def goal(self) -> Text | None:
        return self.lower.progression.goal if self.lower.progression else None


def _added(old: Iterable[Text], new: Iterable[Text]) -> tuple[Text, ...]:
    before = {t.ko for t in old}
    return tuple(t for t in new if t.ko not in before)


def level_diff(fw: Framework, role: RoleFile, lower: Level, upper: Level) -> LevelDiff:
    """The diff between two levels of a role: duties, competencies and items added at `upper`."""
    lo, hi = role.levels[lower.id], role.levels[upper.id]
    lo_rank, hi_rank = fw.rank(lower.id), fw.rank(upper.id)
    added = [p for p in role_items(fw, role.id) if lo_rank < fw.rank(p.level.id) <= hi_rank]
    return LevelDiff(role, lower, upper, lo, hi, _added(lo.duties, hi.duties),
                     _added(lo.competencies, hi.competencies), group_by_area(added), len(added))


@dataclass(frozen=True)
class MatrixRow:
    """One competency group's count of items per level (the summary matrix)."""

    area: AreaFile
    group: Group
    counts: tuple[int, ...]


def matrix_summary(fw: Framework, role: RoleFile) -> tuple[MatrixRow, ...]:
    """Per group of the role's areas: how many items each level adds."""
    rows = []
    for area in fw.role_areas(role):
        for group in area.groups:
            counts = [0] * len(fw.levels)
            for item in group.items:
                counts[fw.rank(fw.item(item.id).level.id)] += 1
            rows.append(MatrixRow(area, group, tuple(counts)))
    return tuple(rows)


def level_counts(fw: Framework, role_id: str) -> dict[str, int]:
    """Number of items each level adds for a role."""
    counts = {lv.id: 0 for lv in fw.levels}
    for p in role_items(fw, role_id):
        counts[p.level.id] += 1
    return counts


@lru_cache(maxsize=None)
def item_order(fw: Framework) -> dict[str, int]:
    """Each item's position in roadmap order (used to export checklists in that order)."""
    return {p.id: i for i, p in enumerate(fw.items())}


def area_counts(grouped_parts: Iterable[AreaGroups]) -> tuple[tuple[AreaFile, int], ...]:
    """(area, number of items) over one or more grouped lists, in first-seen order."""
    counts: dict[str, list] = {}
    for grouped in grouped_parts:
        for area, groups in grouped:
            entry = counts.setdefault(area.id, [area, 0])
            entry[1] += sum(len(ps) for _, ps in groups)
    return tuple((a, n) for a, n in counts.values())


CATEGORY_LABELS = {"technical": "기술", "collaboration": "협업·커뮤니케이션", "growth": "성장·마인드셋"}


@dataclass(frozen=True)
class AskedQuestion:
    """A question as shown on a page: its topic, the follow-ups kept, and the items it probes."""

    topic: InterviewFile
    question: Question
    follow_ups: tuple[tuple[int, FollowUp], ...]  # (position in the chain, 1-based; follow-up)
    items: tuple[PlacedItem, ...]

    @property
    def id(self) -> str:
        return self.question.id

    @property
    def category(self) -> str:
        return CATEGORY_LABELS[self.topic.category]


def _asked(fw: Framework, topic: InterviewFile, q: Question, keep: Callable[[tuple[str, ...]], bool]) -> AskedQuestion:
    follow = tuple((i, f) for i, f in enumerate(q.follow_ups, 1) if keep(fw.probes(q, f)))
    return AskedQuestion(topic, q, follow, tuple(fw.item(i) for i in q.items))


@lru_cache(maxsize=None)
def _banks(fw: Framework) -> dict[str, tuple[AskedQuestion, ...]]:
    out: dict[str, list[AskedQuestion]] = {}
    for topic, q in fw.questions():
        probed = set(q.items).union(*(fw.probes(q, f) for f in q.follow_ups))
        asked = _asked(fw, topic, q, lambda ids: True)
        for area_id in dict.fromkeys(fw.item(i).area.id for i in sorted(probed)):
            out.setdefault(area_id, []).append(asked)
    return {k: tuple(v) for k, v in out.items()}


def question_bank(fw: Framework, area_id: str) -> tuple[AskedQuestion, ...]:
    """Questions any part of whose chain probes an item of the area (whole chains)."""
    return _banks(fw).get(area_id, ())


def interview_kit(fw: Framework, role: RoleFile, level: Level) -> tuple[tuple[AreaFile, tuple[AskedQuestion, ...]], ...]:
    """A role × level kit: questions suited to the level that probe an item the level expects (or below),
    grouped by the area of that item; follow-ups probing only higher items are left out."""
    rank = fw.rank(level.id)
    areas = {a.id for a in fw.role_areas(role)}

    def expected(ids: Iterable[str]) -> list[PlacedItem]:
        return [fw.item(i) for i in ids if fw.item(i).area.id in areas and fw.rank(fw.item(i).level.id) <= rank]

    grouped: dict[str, tuple[AreaFile, list[AskedQuestion]]] = {}
    for topic, q in fw.questions():
        hits = expected(q.items)
        if level.id not in q.levels or not hits:
            continue
        asked = _asked(fw, topic, q, lambda ids: bool(expected(ids)))
        grouped.setdefault(hits[0].area.id, (hits[0].area, []))[1].append(asked)
    order = {a.id: i for i, a in enumerate(fw.areas)}
    return tuple((a, tuple(qs)) for a, qs in sorted(grouped.values(), key=lambda g: order[g[0].id]))


@lru_cache(maxsize=None)
def item_questions(fw: Framework) -> dict[str, tuple[tuple[InterviewFile, Question, tuple[tuple[int, str], ...]], ...]]:
    """For each item id, the question chains probing it: (topic, question, ((position, anchor id), ...)),
    position 0 being the question itself and N its N-th follow-up."""
    out: dict[str, list] = {p.id: [] for p in fw.items()}
    for topic, q in fw.questions():
        parts: dict[str, list[tuple[int, str]]] = {}
        for iid in q.items:
            parts.setdefault(iid, []).append((0, q.id))
        for pos, f in enumerate(q.follow_ups, 1):
            for iid in f.items:
                parts.setdefault(iid, []).append((pos, f.id))
        for iid, chain in parts.items():
            out[iid].append((topic, q, tuple(chain)))
    return {k: tuple(v) for k, v in out.items()}
