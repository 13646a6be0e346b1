"""What changed between two versions of the framework, computed from the models (not the YAML text)."""
from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass
from typing import Any, Callable, Iterable

from .framework import Framework
from .text import Text


@dataclass(frozen=True)
class Change:
    """One change. `entity` is what changed (item, duty, ...); `id` which one (for duties and
    competencies the `role/level`); `scope` the field that changed, or for items the level concerned."""

    entity: str
    kind: str  # added, removed, renamed, retitled, moved-level, moved-group, changed
    id: str
    old: str | None = None
    new: str | None = None
    scope: str = ""

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def key(self) -> str:
        """The entity this change belongs to, for 'last changed' dates (e.g. `item:gil`)."""
        return f"{self.entity}:{self.id}"


def _t(value: Text | None) -> str | None:
    return value.ko if value is not None else None


def _list_changes(entity: str, old: Iterable[Text], new: Iterable[Text], owner: str) -> list[Change]:
    """Added, removed and reworded lines of a text list (reworded: replaced at the same place)."""
    a, b = [t.ko for t in old], [t.ko for t in new]
    out: list[Change] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        olds, news = a[i1:i2], b[j1:j2]
        paired = min(len(olds), len(news)) if op == "replace" else 0
        out += [Change(entity, "changed", owner, o, n) for o, n in zip(olds[:paired], news[:paired])]
        out += [Change(entity, "removed", owner, o, None) for o in olds[paired:]]
        out += [Change(entity, "added", owner, None, n) for n in news[paired:]]
    return out


def _field(entity: str, ident: str, name: str, old: Text | None, new: Text | None) -> list[Change]:
    """A changed text field; `scope` names the field."""
    o, n = _t(old), _t(new)
    return [] if o == n else [Change(entity, "changed", ident, o, n, name)]


def item_changes(old: Framework, new: Framework) -> list[Change]:
    olds = {p.id: p for p in old.items()}
    news = {p.id: p for p in new.items()}
    renamed = {alias: p.id for p in news.values() for alias in p.item.aliases if alias in olds and alias not in news}
    out: list[Change] = []
    for oid, p in olds.items():
        nid = oid if oid in news else renamed.get(oid)
        if nid is None:
            out.append(Change("item", "removed", oid, p.item.title.ko, None, p.level.id))
            continue
        q = news[nid]
        if nid != oid:
            out.append(Change("item", "renamed", nid, oid, nid, q.level.id))
        if q.item.title.ko != p.item.title.ko:
            out.append(Change("item", "retitled", nid, p.item.title.ko, q.item.title.ko))
        if q.level.id != p.level.id:
            out.append(Change("item", "moved-level", nid, p.level.id, q.level.id))
        if (q.group.id, q.area.id) != (p.group.id, p.area.id):
            out.append(Change("item", "moved-group", nid, p.group.id, q.group.id))
    for nid, q in news.items():
        if nid not in olds and nid not in renamed.values():
            out.append(Change("item", "added", nid, None, q.item.title.ko, q.level.id))
    return out


def _keyed(entity: str, olds: dict, news: dict, title: Callable[[Any], str]) -> tuple[list[Change], list[str]]:
    out = [Change(entity, "removed", k, title(v), None) for k, v in olds.items() if k not in news]
    out += [Change(entity, "added", k, None, title(v)) for k, v in news.items() if k not in olds]
    return out, [k for k in olds if k in news]


def structure_changes(old: Framework, new: Framework) -> list[Change]:
    """Areas, groups, levels and KPI dimensions."""
    out: list[Change] = []
    for entity, olds, news in (("area", {a.id: a for a in old.areas}, {a.id: a for a in new.areas}),
                               ("group", {g.id: g for a in old.areas for g in a.groups},
                                {g.id: g for a in new.areas for g in a.groups})):
        changes, both = _keyed(entity, olds, news, lambda e: e.title.ko)
        out += changes
        for k in both:
            out += _field(entity, k, "title", olds[k].title, news[k].title)
            if entity == "group" and olds[k].level != news[k].level:
                out.append(Change("group", "moved-level", k, olds[k].level, news[k].level))
    olds, news = {lv.id: lv for lv in old.levels}, {lv.id: lv for lv in new.levels}
    changes, both = _keyed("level", olds, news, lambda lv: lv.title.ko)
    out += changes
    for k in both:
        a, b = olds[k], news[k]
        for name in ("title", "years_label", "focus", "impact"):
            out += _field("level", k, name, getattr(a, name), getattr(b, name))
        for name in ("focus", "goal"):
            out += _field("level", k, f"progression.{name}", getattr(a.progression, name, None),
                          getattr(b.progression, name, None))
    olds, news = {d.id: d for d in old.kpis}, {d.id: d for d in new.kpis}
    changes, both = _keyed("kpi", olds, news, lambda d: d.title.ko)
    out += changes
    for k in both:
        out += _field("kpi", k, "title", olds[k].title, news[k].title)
        out += _list_changes("kpi-metric", olds[k].metrics, news[k].metrics, k)
    return out


def role_changes(old: Framework, new: Framework) -> list[Change]:
    """Roles and, per role and level, the JD's title, focus, duties and core competencies."""
    olds, news = {r.id: r for r in old.roles}, {r.id: r for r in new.roles}
    out, both = _keyed("role", olds, news, lambda r: r.title.ko)
    for rid in both:
        a, b = olds[rid], news[rid]
        out += _field("role", rid, "title", a.title, b.title)
        out += _field("role", rid, "overview", a.overview, b.overview)
        for lid in [*a.levels, *(x for x in b.levels if x not in a.levels)]:
            scope = f"{rid}/{lid}"
            if lid not in b.levels:
                out.append(Change("role-level", "removed", scope, a.levels[lid].title.ko, None))
                continue
            if lid not in a.levels:
                out.append(Change("role-level", "added", scope, None, b.levels[lid].title.ko))
                continue
            x, y = a.levels[lid], b.levels[lid]
            out += _field("role-level", scope, "title", x.title, y.title)
            out += _field("role-level", scope, "focus", x.focus, y.focus)
            out += _list_changes("duty", x.duties, y.duties, scope)
            out += _list_changes("competency", x.competencies, y.competencies, scope)
    return out


def question_changes(old: Framework, new: Framework) -> list[Change]:
    def flat(fw: Framework) -> dict:
        out = {}
        for _, q in fw.questions():
            out[q.id] = (q.question, q.listen_for, tuple(q.items), tuple(q.levels))
            for f in q.follow_ups:
                out[f.id] = (f.question, f.listen_for, tuple(fw.probes(q, f)), tuple(q.levels))
        return out

    olds, news = flat(old), flat(new)
    out, both = _keyed("question", olds, news, lambda v: v[0].ko)
    for k in both:
        (qa, la, ia, va), (qb, lb, ib, vb) = olds[k], news[k]
        out += _field("question", k, "question", qa, qb)
        out += _list_changes("listen-for", la, lb, k)
        if ia != ib:
            out.append(Change("question", "changed", k, ", ".join(ia), ", ".join(ib), "items"))
        if va != vb:
            out.append(Change("question", "changed", k, ", ".join(va), ", ".join(vb), "levels"))
    return out


def compare(old: Framework, new: Framework) -> list[Change]:
    """Every change from `old` to `new`."""
    return [*item_changes(old, new), *structure_changes(old, new), *role_changes(old, new), *question_changes(old, new)]
