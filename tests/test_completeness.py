"""Every item, group and area of seed 000 and every line of seed 001 is in framework/, verbatim."""
from __future__ import annotations

import subprocess
import sys

import pytest
import seeds
from conftest import FRAMEWORK, SHARED


def test_counts(fw) -> None:
    areas = seeds.roadmap_areas()
    assert len(areas) == len(fw.areas) == 8
    assert sum(len(a.groups) for a in areas) == sum(len(a.groups) for a in fw.areas) == 35
    assert sum(len(items) for a in areas for _, items in a.groups) == len(list(fw.items())) == 168
    assert len(seeds.jd()["levels"]) == len(fw.levels) == 4
    assert len(seeds.jd()["kpis"]) == len(fw.kpis) == 5


def test_roadmap_verbatim_and_in_order(fw) -> None:
    for seed_area, area in zip(seeds.roadmap_areas(), fw.areas, strict=True):
        assert (area.number, area.icon, area.title.ko) == (seed_area.number, seed_area.icon, seed_area.title)
        assert [g.title.ko for g in area.groups] == [g for g, _ in seed_area.groups]
        for (_, items), group in zip(seed_area.groups, area.groups, strict=True):
            assert [i.title.ko for i in group.items] == items


def test_learning_phases(fw) -> None:
    expected = seeds.roadmap_phases()
    assert [(p.title.ko, [s.title.ko for s in p.steps]) for p in fw.roadmap.phases] == expected
    assert [p.level for p in fw.roadmap.phases] == ["junior", "mid", "senior"]


def test_every_area_8_item_is_lead_level(fw) -> None:
    area8 = next(a for a in fw.areas if a.number == 8)
    assert {fw.item(i.id).level.id for g in area8.groups for i in g.items} == {"lead"}


def test_jd_lines_verbatim(fw) -> None:
    jd = seeds.jd()
    role = fw.role("python-backend")
    assert role.overview.ko == jd["overview"]
    assert [f"{s.category.ko}: {', '.join(s.tools)}" for s in role.stack] == jd["stack"]
    for seed_level, (level, role_level) in zip(jd["levels"], fw.role_levels(role), strict=True):
        assert level.title.ko == seed_level.name
        assert level.years_label.ko == seed_level.years
        assert level.focus.ko == seed_level.focus
        assert role_level.title.ko == f"{seed_level.name} Backend Engineer"
        assert [d.ko for d in role_level.duties] == seed_level.duties
        assert [c.ko for c in role_level.competencies] == seed_level.competencies
        assert level.impact.ko == jd["impact"][seed_level.name]
    rows = [[f"{lo.title.ko} → {hi.title.ko}", lo.progression.focus.ko, lo.progression.goal.ko]
            for lo, hi in zip(fw.levels, fw.levels[1:], strict=False) if lo.progression]
    assert rows == jd["progression"]
    assert [(k.title.ko, [m.ko for m in k.metrics]) for k in fw.kpis] == jd["kpis"]
    assert fw.meta.vision.text.ko == jd["vision"]
    assert fw.meta.vision.attribution.ko == jd["attribution"]


@pytest.mark.skipif(not (SHARED / "tools" / "seed_coverage.py").exists(), reason="shared/ is not beside the repository")
def test_shared_seed_coverage_tool_agrees() -> None:
    result = subprocess.run(
        [sys.executable, str(SHARED / "tools" / "seed_coverage.py"), str(SHARED / "seeds"), "yaml", str(FRAMEWORK),
         "items", "groups", "areas", "jd"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
