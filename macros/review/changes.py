"""What changed between two versions of the framework, computed from the models (not the YAML text)."""
from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from ..core.diagnostics import Diagnostic
from ..core.framework import Framework, Ref
from ..core.text import Text

ChangeKind = Literal["added", "removed", "renamed", "retitled", "moved-level", "moved-group", "changed"]


@dataclass(frozen=True)
class Change:
    """One change. `entity` is what changed (item, duty, ...); `id` which one (for duties and
    competencies the `role/level`); `scope` the field that changed, or for items the level concerned.
    `old` and `new` are texts in Korean where the data has it (else English), ids or level ids;
    `old_en` and `new_en` the English of a text, when it has one (the English changelog shows them)."""

    entity: str
    kind: ChangeKind
    id: str
    old: str | None = None
    new: str | None = None
    scope: str = ""
    old_en: str | None = None
    new_en: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def shown_kind(self) -> str:
        """The kind a report names: "translated" when only the English of a text changed."""
        translated = self.kind in ("changed", "retitled") and self.old == self.new and self.old_en != self.new_en
        return "translated" if translated else self.kind

    def refs(self) -> list[Ref]:
        """The page entities this change touches (for 'last changed' dates)."""
        if self.entity in ("item", "level", "role", "area", "family"):
            return [Ref(self.entity, self.id)]  # type: ignore[arg-type]
        if self.entity in ("role-level", "duty", "competency"):
            return [Ref("role-level", self.id), Ref("role", self.id.split("/")[0])]
        if self.entity == "behaviour":
            return [Ref("behaviour", self.id), Ref("group", self.id.split("--")[0])]
        return []


@dataclass
class DiffResult:
    """Both sides' labels, the changes, and problems that kept a side from loading."""

    base: str
    head: str
    changes: list[Change] = field(default_factory=list)
    errors: dict[str, list[Diagnostic]] = field(default_factory=dict)
    old: Framework | None = None
    new: Framework | None = None


def _t(value: Text | None) -> str | None:
    return value.get("ko") if value is not None else None


def _text_change(entity: str, kind: ChangeKind, ident: str, old: Text | None, new: Text | None, scope: str = "") -> Change:
    """A change between two texts (either may be None), in Korean and, where they have it, English."""
    return Change(entity, kind, ident, _t(old), _t(new), scope, old.en if old is not None else None,
                  new.en if new is not None else None)


def _same(a: Text | None, b: Text | None) -> bool:
    return (a.ko, a.en) == (b.ko, b.en) if a is not None and b is not None else a is b


def _list_changes(entity: str, old: Iterable[Text], new: Iterable[Text], owner: str) -> list[Change]:
    """Added, removed and reworded lines of a text list (reworded: replaced at the same place)."""
    old, new = list(old), list(new)
    a, b = [t.get("ko") for t in old], [t.get("ko") for t in new]
    out: list[Change] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":  # the same Korean: the English may still have changed
            out += [_text_change(entity, "changed", owner, o, n) for o, n in zip(old[i1:i2], new[j1:j2], strict=True)
                    if o.en != n.en]
            continue
        olds, news = old[i1:i2], new[j1:j2]
        paired = min(len(olds), len(news)) if op == "replace" else 0
        out += [_text_change(entity, "changed", owner, o, n) for o, n in zip(olds[:paired], news[:paired], strict=False)]
        out += [_text_change(entity, "removed", owner, o, None) for o in olds[paired:]]
        out += [_text_change(entity, "added", owner, None, n) for n in news[paired:]]
    return out


def _field(entity: str, ident: str, name: str, old: Text | None, new: Text | None) -> list[Change]:
    """A changed text field; `scope` names the field."""
    return [] if _same(old, new) else [_text_change(entity, "changed", ident, old, new, name)]


def item_changes(old: Framework, new: Framework) -> list[Change]:
    olds = {p.id: p for p in old.items()}
    news = {p.id: p for p in new.items()}
    renamed = {alias: p.id for p in news.values() for alias in p.item.aliases if alias in olds and alias not in news}
    out: list[Change] = []
    for oid, p in olds.items():
        nid = oid if oid in news else renamed.get(oid)
        if nid is None:
            out.append(_text_change("item", "removed", oid, p.item.title, None, p.level.id))
            continue
        q = news[nid]
        if nid != oid:
            out.append(Change("item", "renamed", nid, oid, nid, q.level.id))
        if not _same(q.item.title, p.item.title):
            out.append(_text_change("item", "retitled", nid, p.item.title, q.item.title))
        out += _field("item", nid, "description", p.item.description, q.item.description)
        if q.level.id != p.level.id:
            out.append(Change("item", "moved-level", nid, p.level.id, q.level.id))
        if (q.group.id, q.area.id) != (p.group.id, p.area.id):
            out.append(Change("item", "moved-group", nid, p.group.id, q.group.id))
    for nid, q in news.items():
        if nid not in olds and nid not in renamed.values():
            out.append(_text_change("item", "added", nid, None, q.item.title, q.level.id))
    return out


def behaviour_changes(old: Framework, new: Framework) -> list[Change]:
    """Behaviour statements (one per competency and level) added, removed or reworded."""
    olds = {b.id: b for b in old.behaviours()}
    news = {b.id: b for b in new.behaviours()}
    out = [_text_change("behaviour", "removed", k, b.behaviour.text, None, b.level.id) for k, b in olds.items() if k not in news]
    out += [_text_change("behaviour", "added", k, None, b.behaviour.text, b.level.id) for k, b in news.items() if k not in olds]
    for k in olds.keys() & news.keys():
        a, b = olds[k], news[k]
        if not _same(a.behaviour.text, b.behaviour.text):
            out.append(_text_change("behaviour", "changed", k, a.behaviour.text, b.behaviour.text, b.level.id))
    return sorted(out, key=lambda c: (c.id, c.kind))


def _keyed(entity: str, olds: dict[str, Any], news: dict[str, Any], title: Callable[[Any], Text | None]) -> tuple[list[Change], list[str]]:
    out = [_text_change(entity, "removed", k, title(v), None) for k, v in olds.items() if k not in news]
    out += [_text_change(entity, "added", k, None, title(v)) for k, v in news.items() if k not in olds]
    return out, [k for k in olds if k in news]


def structure_changes(old: Framework, new: Framework) -> list[Change]:
    """Families, areas, groups, levels and KPI dimensions."""
    out: list[Change] = []
    olds_f = {f.id: f for f in old.families if not f.implicit}
    news_f = {f.id: f for f in new.families if not f.implicit}
    changes, both = _keyed("family", olds_f, news_f, lambda f: f.file.title)
    out += changes
    for k in both:
        out += _field("family", k, "title", olds_f[k].file.title, news_f[k].file.title)
    olds_a, news_a = {a.id: a for a in old.areas}, {a.id: a for a in new.areas}
    olds_g = {g.id: g for a in old.areas for g in a.groups}
    news_g = {g.id: g for a in new.areas for g in a.groups}
    for entity, olds, news in (("area", olds_a, news_a), ("group", olds_g, news_g)):
        changes, both = _keyed(entity, olds, news, lambda e: e.title)
        out += changes
        for k in both:
            out += _field(entity, k, "title", olds[k].title, news[k].title)
            out += _field(entity, k, "description", olds[k].description, news[k].description)
    for k in olds_g.keys() & news_g.keys():
        if olds_g[k].level != news_g[k].level:
            out.append(Change("group", "moved-level", k, olds_g[k].level, news_g[k].level))
    olds_l, news_l = {lv.id: lv for lv in old.levels}, {lv.id: lv for lv in new.levels}
    changes, both = _keyed("level", olds_l, news_l, lambda lv: lv.title)
    out += changes
    for k in both:
        a, b = olds_l[k], news_l[k]
        for name in ("title", "years_label", "focus", "impact", "description"):
            out += _field("level", k, name, getattr(a, name), getattr(b, name))
        for name in ("focus", "goal"):
            out += _field("level", k, f"progression.{name}", getattr(a.progression, name, None),
                          getattr(b.progression, name, None))
    olds_k, news_k = {d.id: d for d in old.kpis}, {d.id: d for d in new.kpis}
    changes, both = _keyed("kpi", olds_k, news_k, lambda d: d.title)
    out += changes
    for k in both:
        out += _field("kpi", k, "title", olds_k[k].title, news_k[k].title)
        out += _list_changes("kpi-metric", olds_k[k].metrics, news_k[k].metrics, k)
    return out


def role_changes(old: Framework, new: Framework) -> list[Change]:
    """Roles and, per role and level, the JD's title, focus, duties and core competencies."""
    olds, news = {r.id: r for r in old.roles}, {r.id: r for r in new.roles}
    out, both = _keyed("role", olds, news, lambda r: r.title)
    for rid in both:
        a, b = olds[rid], news[rid]
        out += _field("role", rid, "title", a.title, b.title)
        out += _field("role", rid, "overview", a.overview, b.overview)
        for lid in [*a.levels, *(x for x in b.levels if x not in a.levels)]:
            scope = f"{rid}/{lid}"
            if lid not in b.levels:
                out.append(_text_change("role-level", "removed", scope, a.levels[lid].title, None))
                continue
            if lid not in a.levels:
                out.append(_text_change("role-level", "added", scope, None, b.levels[lid].title))
                continue
            x, y = a.levels[lid], b.levels[lid]
            out += _field("role-level", scope, "title", x.title, y.title)
            out += _field("role-level", scope, "focus", x.focus, y.focus)
            out += _list_changes("duty", x.duties, y.duties, scope)
            out += _list_changes("competency", x.competencies, y.competencies, scope)
    return out


def question_changes(old: Framework, new: Framework) -> list[Change]:
    def flat(fw: Framework) -> dict[str, tuple[Text, tuple[Text, ...], tuple[str, ...], tuple[str, ...]]]:
        out = {}
        for _, q in fw.questions():
            out[q.id] = (q.question, q.listen_for, tuple(q.items), tuple(q.levels))
            for f in q.follow_ups:
                out[f.id] = (f.question, f.listen_for, tuple(fw.probes(q, f)), tuple(q.levels))
        return out

    olds, news = flat(old), flat(new)
    out, both = _keyed("question", olds, news, lambda v: v[0])
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
    return [*item_changes(old, new), *behaviour_changes(old, new), *structure_changes(old, new),
            *role_changes(old, new), *question_changes(old, new)]
