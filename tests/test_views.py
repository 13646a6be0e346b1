"""Derived facts of a small framework with a track split (tests/fixtures/mini), stated by hand.

Ladder: l1 < l2, then track ic: ic3, or track mgr: m3. Items: a1 (l1), a2 (l2), b1 (ic3).
Behaviours of `care`: l1 Listens, l2 Coaches, m3 Grows a team. Roles: eng (ic: l1, l2, ic3), em (mgr: l2, m3)."""
from __future__ import annotations

import pytest
from conftest import FIXTURES

from macros.core.loading import load_framework
from macros.views.common import Facts


@pytest.fixture(scope="module")
def mini() -> Facts:
    return Facts.of(load_framework(FIXTURES / "mini"))


def ids(placed) -> list[str]:
    return [p.id for p in placed]


def test_levels_apply_along_one_path(mini: Facts) -> None:
    fw = mini.fw
    assert fw.applies_at("l1", "ic3") and fw.applies_at("l2", "m3") and fw.applies_at("ic3", "ic3")
    assert not fw.applies_at("ic3", "m3") and not fw.applies_at("m3", "ic3") and not fw.applies_at("l2", "l1")
    assert [lv.id for lv in fw.role_path(fw.role("eng"))] == ["l1", "l2", "ic3"]
    assert [lv.id for lv in fw.role_path(fw.role("em"))] == ["l1", "l2", "m3"]
    assert (fw.rank("ic3"), fw.rank("m3")) == (2, 2)


def test_items_accumulate_and_stay_on_their_track(mini: Facts) -> None:
    ex, fw = mini.expectations, mini.fw
    eng, em = fw.role("eng"), fw.role("em")
    assert ids(ex.items_at(eng, "l2")) == ["a2"]
    assert ids(ex.items_below(eng, "l2")) == ["a1"]
    assert ids(ex.items_upto(eng, "ic3")) == ["a1", "a2", "b1"]
    assert ids(ex.items_upto(em, "m3")) == ["a1", "a2"]  # b1 is on the IC track
    assert ex.level_counts(eng) == {"l1": 1, "l2": 1, "ic3": 1}


def test_behaviours_replace_each_other(mini: Facts) -> None:
    ex, fw = mini.expectations, mini.fw
    eng, em = fw.role("eng"), fw.role("em")
    text = [b.behaviour.text.get() for b in ex.behaviours_at(eng, "ic3")]
    assert text == ["Coaches"]  # the l2 statement holds at ic3: there is none for ic3 itself
    assert [b.behaviour.text.get() for b in ex.behaviours_at(em, "m3")] == ["Grows a team"]
    assert [b.id for b in ex.behaviours_at(em, "l2")] == ["care--l2"]


def test_level_diff_across_the_branch(mini: Facts) -> None:
    ex, fw = mini.expectations, mini.fw
    eng, em = fw.role("eng"), fw.role("em")
    d = ex.level_diff(eng, fw.level("l2"), fw.level("ic3"))
    assert d.items_added_count == 1 and ids(p for _, gs in d.items_added for _, ps in gs for p in ps) == ["b1"]
    assert d.behaviours == ()  # "Coaches" holds on both sides
    d = ex.level_diff(em, fw.level("l2"), fw.level("m3"))
    assert d.items_added_count == 0
    assert [(c.before.behaviour.text.get(), c.after.behaviour.text.get()) for c in d.behaviours] == [("Coaches", "Grows a team")]
    assert [(a.id, b.id) for a, b in ex.adjacent_levels(em)] == [("l2", "m3")]


def test_matrix_cells(mini: Facts) -> None:
    rows = mini.expectations.matrix(mini.fw.role("eng"))
    assert [r.group.id for r in rows] == ["basics", "depth", "care"]
    assert [c.count for c in rows[0].cells] == [1, 1, 0]
    assert [c.count for c in rows[1].cells] == [0, 0, 1]
    care = rows[2].cells
    assert [c.behaviour.level.id for c in care] == ["l1", "l2", "l2"] and [c.new for c in care] == [True, True, False]


def test_first_jd_listing_each_item(mini: Facts) -> None:
    jds = {k: [(r.id, lv.id) for r, lv in v] for k, v in mini.expectations.item_jds.items()}
    assert jds == {"a1": [("em", "l2"), ("eng", "l1")], "a2": [("em", "l2"), ("eng", "l2")], "b1": [("eng", "ic3")]}


def test_interview_bank_and_kits(mini: Facts) -> None:
    iv, fw = mini.interviews, mini.fw
    assert [q.id for q in iv.bank(fw.area("craft"))] == ["q1"] and iv.bank(fw.area("people")) == ()
    kit = iv.kit(fw.role("eng"), fw.level("l1"))
    assert [(a.id, [(q.id, [f.id for _, f in q.follow_ups]) for q in qs]) for a, qs in kit] == [("craft", [("q1", [])])]
    kit = iv.kit(fw.role("eng"), fw.level("l2"))
    assert [[f.id for _, f in q.follow_ups] for _, qs in kit for q in qs] == [["f1"]]  # a2 is expected from l2
    assert iv.kit(fw.role("eng"), fw.level("ic3")) == ()  # the question does not suit ic3


def test_checklist_view_scopes(mini: Facts) -> None:
    from macros.views.roles import checklist

    fw = mini.fw
    v = checklist(mini, fw.role("eng"), fw.level("l1"))
    scopes = [(p.id, s) for _, gs in v.entries for _, ps in gs for p, s in ps]
    assert scopes == [("a1", "new"), ("a2", "next")]
    assert (v.new_count, v.foundation_count, v.next_count, v.total) == (1, 0, 1, 2)  # a1 and the l1 behaviour
    assert [(a.id, n) for a, n in v.areas] == [("craft", 1), ("people", 1)]
    assert v.next_by_area == {"craft": 1}  # a2, new at l2


def test_heatmap_counts_items_and_behaviours(mini: Facts) -> None:
    from macros.views.charts import heatmap

    hm = heatmap(mini, mini.fw.role("em"))
    assert [lv.id for lv in hm.levels] == ["l1", "l2", "m3"]
    cells = {(r.area.id, c.level.id): (c.items, c.behaviours, c.shade) for r in hm.rows for c in r.cells}
    assert cells[("craft", "l1")] == (1, 0, 4)  # a1; every non-empty cell here holds 1, the largest
    assert cells[("people", "m3")] == (0, 1, 4)  # "Grows a team"
    assert cells[("craft", "m3")] == (0, 0, 0)  # b1 lies on the IC track, not on em's path


def test_shades_split_the_largest_value_in_four() -> None:
    from macros.views.charts import shade

    assert [shade(v, 8) for v in (0, 1, 2, 3, 4, 5, 6, 7, 8)] == [0, 1, 1, 2, 2, 3, 3, 4, 4]
    assert shade(3, 0) == 0


def test_stacked_bars_leave_out_empty_areas(mini: Facts) -> None:
    from macros.views.charts import stacked_bars

    fw = mini.fw
    bars = stacked_bars(mini, fw.areas, fw.ladders[0].all_levels())
    assert [(r.area.id, r.counts) for r in bars.rows] == [("craft", (1, 1, 1, 0))]  # l1, l2, ic3, m3
    assert bars.most == 3
