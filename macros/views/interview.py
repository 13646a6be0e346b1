"""Interview views: question banks per competency area, kits per role and level, questions per item."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

from ..core.framework import Framework, PlacedItem
from ..core.model import AreaFile, FollowUp, Group, InterviewFile, Level, Question, RoleFile
from .expectations import Expectations


@dataclass(frozen=True)
class AskedQuestion:
    """A question as shown on a page: its topic, the follow-ups kept, and what it probes."""

    topic: InterviewFile
    question: Question
    follow_ups: tuple[tuple[int, FollowUp], ...]  # (position in the chain, 1-based; follow-up)
    items: tuple[PlacedItem, ...]
    groups: tuple[tuple[Group, AreaFile], ...]
    levels: tuple[Level, ...]

    @property
    def id(self) -> str:
        return self.question.id

    @property
    def category(self) -> str:
        return self.topic.category


@dataclass(frozen=True)
class ItemQuestion:
    """A question chain that probes one item: which parts (0 = the question, N = its N-th follow-up)."""

    topic: InterviewFile
    question: Question
    area: AreaFile  # the bank the chain is shown in
    parts: tuple[tuple[int, str], ...]  # (position, anchor id)


class Interviews:
    """Question banks and kits of one framework, computed once."""

    def __init__(self, fw: Framework, expectations: Expectations) -> None:
        self.fw, self.ex = fw, expectations
        self._kits: dict[tuple[str, str], tuple[RoleFile, Level, tuple[tuple[AreaFile, tuple[AskedQuestion, ...]], ...]]] = {}

    def _asked(self, topic: InterviewFile, q: Question, keep: Callable[[tuple[str, ...]], bool]) -> AskedQuestion:
        follow = tuple((i, f) for i, f in enumerate(q.follow_ups, 1) if keep(self.fw.probes(q, f)))
        return AskedQuestion(topic, q, follow, tuple(self.fw.item(i) for i in q.items),
                             tuple(self.fw.group(g) for g in q.groups), tuple(self.fw.level(lv) for lv in q.levels))

    def _areas_probed(self, q: Question) -> list[str]:
        probed = set(q.items).union(*(self.fw.probes(q, f) for f in q.follow_ups))
        areas = [self.fw.item(i).area.id for i in sorted(probed)] + [self.fw.group(g)[1].id for g in q.groups]
        return list(dict.fromkeys(areas))

    @cached_property
    def _banks(self) -> dict[str, tuple[AskedQuestion, ...]]:
        out: dict[str, list[AskedQuestion]] = {}
        for topic, q in self.fw.questions():
            asked = self._asked(topic, q, lambda ids: True)
            for area_id in self._areas_probed(q):
                out.setdefault(area_id, []).append(asked)
        return {k: tuple(v) for k, v in out.items()}

    def bank(self, area: AreaFile) -> tuple[AskedQuestion, ...]:
        """Questions any part of whose chain probes the area (whole chains)."""
        return self._banks.get(area.id, ())

    @cached_property
    def _by_level(self) -> dict[str, list[tuple[InterviewFile, Question, tuple[tuple[AreaFile, str], ...]]]]:
        """Questions by each level they suit (a kit only looks at its level's), with the area and level of
        each item they probe."""
        out: dict[str, list[tuple[InterviewFile, Question, tuple[tuple[AreaFile, str], ...]]]] = {}
        for topic, q in self.fw.questions():
            probes = tuple((p.area, p.level.id) for p in map(self.fw.item, q.items))
            for level_id in q.levels:
                out.setdefault(level_id, []).append((topic, q, probes))
        return out

    def _suited(self, role: RoleFile, level: Level) -> Iterator[tuple[InterviewFile, Question, AreaFile, Callable[[Iterable[str]], bool]]]:
        """The questions of a role × level kit: suited to the level and probing something the level expects
        (an item from it or lower, or a competency with a behaviour in force), each with the area of the
        first thing it probes and a test of whether a follow-up's items are expected."""
        areas = {a.id for a in self.fw.role_areas(role)}
        item, group, applies_at = self.fw.item, self.fw.group, self.fw.applies_at

        def expected(ids: Iterable[str]) -> bool:
            return not ids or any(p.area.id in areas and applies_at(p.level.id, level.id) for p in map(item, ids))

        def in_force(gids: Iterable[str]) -> list[AreaFile]:
            return [area for g, area in map(group, gids) if area.id in areas and self.ex.behaviour_at(g, level.id)]

        suited, touching = self._by_level.get(level.id, []), self._by_level_area.get(level.id, {})
        for at_level in sorted({i for a in areas for i in touching.get(a, ())}):  # only those touching the role's areas
            topic, q, probes = suited[at_level]
            hits = [area for area, at in probes if area.id in areas and applies_at(at, level.id)] + in_force(q.groups)
            if hits:
                yield topic, q, hits[0], expected

    @cached_property
    def _by_level_area(self) -> dict[str, dict[str, list[int]]]:
        """For each level, each area: where in `_by_level` the questions are that probe one of its items or groups
        (a kit looks only at those of its role's areas: a large framework has many areas and few per role)."""
        out: dict[str, dict[str, list[int]]] = {}
        for level_id, suited in self._by_level.items():
            index = out.setdefault(level_id, {})
            for i, (_, q, probes) in enumerate(suited):
                for area_id in dict.fromkeys([a.id for a, _ in probes] + [self.fw.group(g)[1].id for g in q.groups]):
                    index.setdefault(area_id, []).append(i)
        return out

    def kit(self, role: RoleFile, level: Level) -> tuple[tuple[AreaFile, tuple[AskedQuestion, ...]], ...]:
        """A role × level kit, grouped by the area of the first thing each question probes; follow-ups
        probing only higher items are left out. (Found once per role and level: the JD, the kit page, the interview
        index and the home page all ask.)"""
        known = self._kits.get((role.id, level.id))
        if known is not None and known[0] is role and known[1] is level:
            return known[2]
        found = self._kit(role, level)
        self._kits[(role.id, level.id)] = (role, level, found)
        return found

    def _kit(self, role: RoleFile, level: Level) -> tuple[tuple[AreaFile, tuple[AskedQuestion, ...]], ...]:
        grouped: dict[str, tuple[AreaFile, list[AskedQuestion]]] = {}
        for topic, q, area, expected in self._suited(role, level):
            grouped.setdefault(area.id, (area, []))[1].append(self._asked(topic, q, expected))
        order = {a.id: i for i, a in enumerate(self.fw.areas)}
        return tuple((a, tuple(qs)) for a, qs in sorted(grouped.values(), key=lambda g: order[g[0].id]))

    def kit_size(self, role: RoleFile, level: Level) -> int:
        """How many main questions the role × level kit holds."""
        return sum(1 for _ in self._suited(role, level))

    @cached_property
    def item_questions(self) -> dict[str, tuple[ItemQuestion, ...]]:
        """For each item id, the question chains probing it."""
        out: dict[str, list[ItemQuestion]] = {p.id: [] for p in self.fw.items()}
        for topic, q in self.fw.questions():
            parts: dict[str, list[tuple[int, str]]] = {}
            for iid in q.items:
                parts.setdefault(iid, []).append((0, q.id))
            for pos, f in enumerate(q.follow_ups, 1):
                for iid in f.items:
                    parts.setdefault(iid, []).append((pos, f.id))
            for iid, chain in parts.items():
                out[iid].append(ItemQuestion(topic, q, self.fw.item(iid).area, tuple(chain)))
        return {k: tuple(v) for k, v in out.items()}


CATEGORIES = ("technical", "collaboration", "growth")


@dataclass(frozen=True)
class InterviewIndexView:
    banks: tuple[tuple[AreaFile, int], ...]
    kits: tuple[tuple[RoleFile, tuple[Level, ...]], ...]
    categories: tuple[tuple[str, tuple[tuple[InterviewFile, int], ...]], ...]  # (category, ((topic, follow-ups), ...))


@dataclass(frozen=True)
class BankView:
    area: AreaFile
    questions: tuple[AskedQuestion, ...]


#: How long a main question takes with its follow-ups, and what a slot keeps for the opening and the candidate's own
#: questions: the kit's advice on how many questions fit a slot of each length (minutes).
MINUTES_PER_QUESTION = 7
FRAME_MINUTES = 10
SLOTS = (45, 60)


@dataclass(frozen=True)
class KitView:
    role: RoleFile
    level: Level
    title: str  # the JD's title, for the page heading and the sheet's position
    grouped: tuple[tuple[AreaFile, tuple[AskedQuestion, ...]], ...]
    count: int
    framework_id: str = ""
    framework_version: str = ""
    slots: tuple[tuple[int, int], ...] = ()  # (minutes, how many main questions fit)
    suggestion: tuple[str, ...] = ()  # question ids in the order a quick pick takes them: one per area, round by round
    per_question: int = MINUTES_PER_QUESTION
    frame_minutes: int = FRAME_MINUTES

    def rank(self, question_id: str) -> int:
        """Where a question stands in the quick pick (0 first)."""
        return self.suggestion.index(question_id)


def fitting(minutes: int, available: int) -> int:
    """How many main questions fit a slot of `minutes`, out of `available` (at least one)."""
    return max(1, min(available, (minutes - FRAME_MINUTES) // MINUTES_PER_QUESTION))


def round_robin(grouped: Iterable[tuple[AreaFile, tuple[AskedQuestion, ...]]]) -> tuple[str, ...]:
    """Question ids taken one per area in the kit's order, then a second per area, and so on: any first N of them
    cover as many areas as N allows."""
    lists = [[q.id for q in qs] for _, qs in grouped]
    rounds = max(map(len, lists), default=0)
    return tuple(ids[i] for i in range(rounds) for ids in lists if i < len(ids))


def interview_index(fw: Framework, iv: Interviews) -> InterviewIndexView:
    banks = tuple((a, len(iv.bank(a))) for a in fw.areas if iv.bank(a))
    kits = tuple((r, tuple(lv for lv, _ in fw.role_levels(r) if iv.kit(r, lv))) for r in fw.roles)
    cats = []
    for key in CATEGORIES:
        topics = tuple((t, sum(len(q.follow_ups) for q in t.questions)) for t in fw.interviews if t.category == key)
        if topics:
            cats.append((key, topics))
    return InterviewIndexView(banks, kits, tuple(cats))


def bank(iv: Interviews, area: AreaFile) -> BankView:
    return BankView(area, iv.bank(area))


def kit(fw: Framework, iv: Interviews, role: RoleFile, level: Level) -> KitView:
    grouped = iv.kit(role, level)
    count = sum(len(qs) for _, qs in grouped)
    return KitView(role, level, role.levels[level.id].title.get(), grouped, count, fw.meta.id, fw.meta.version or "",
                   tuple((m, fitting(m, count)) for m in SLOTS), round_robin(grouped))
