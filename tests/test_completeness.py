"""Every item, group and area of seed 000, every line of seed 001 and every question of seed 002 is in framework/,
verbatim. The seeds are read from their copies in tests/fixtures/seeds (see tests/seeds.py), so this runs in every
clone; beside ../shared, the copies are also compared with the originals and the seed owners' tool is run."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import seeds
from conftest import FRAMEWORK, SHARED, edit


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


def test_every_seed_text_is_in_the_data() -> None:
    """The seed owners' coverage check, run from the copies in tests/fixtures/seeds: every item, group, area, JD line
    and interview question is in some YAML string of framework/, verbatim once whitespace is folded."""
    assert seeds.missing(["items", "groups", "areas", "jd", "questions"], seeds.yaml_strings(FRAMEWORK)) == {
        "items": [], "groups": [], "areas": [], "jd": [], "questions": []}
    assert [len(seeds.coverage_texts(k)) for k in ("items", "groups", "areas", "jd", "questions")] == [168, 35, 8, 64, 33]


def test_the_coverage_check_can_fail(tmp_path: Path) -> None:
    """A reworded item and a missing question are both found missing (so the check above is not empty)."""
    shutil.copytree(FRAMEWORK, tmp_path / "framework")
    edit(tmp_path / "framework" / "competencies" / "01-python-core.yml", "ko: Garbage Collection 메커니즘", "ko: GC 메커니즘")
    (tmp_path / "framework" / "interview" / "query-tuning.yml").unlink()
    found = seeds.missing(["items", "questions"], seeds.yaml_strings(tmp_path / "framework"))
    assert found == {"items": ["Garbage Collection 메커니즘"],
                     "questions": ["1분 이상 걸리던 쿼리를 2~3초로 줄이기 위해 어떤 방식의 튜닝을 했는지 설명해 주세요.",
                                   "그렇게 인덱스를 추가하셨다고 했는데, 인덱스를 추가할 때 고려한 성능 트레이드오프나 부작용은 없었나요?"]}


SHARED_TOOLS = SHARED / "tools"


@pytest.mark.skipif(not (SHARED_TOOLS / "seed_coverage.py").exists(),
                    reason="../shared (the original seeds and their owners' tools) is not beside the repository: the copies "
                           "in tests/fixtures/seeds are not compared with the originals (every other seed test ran on the copies)")
def test_the_seed_copies_agree_with_the_originals_and_their_tools() -> None:
    """The copies, the question extract and the name digests against ../shared, and the owners' own tool on the data."""
    def listed(kind: str) -> list[str]:
        out = subprocess.run([sys.executable, str(SHARED_TOOLS / "seedtexts.py"), str(SHARED / "seeds"), kind],
                             capture_output=True, text=True, check=True).stdout
        return out.splitlines()

    for kind in ("items", "groups", "areas", "jd", "questions"):
        assert seeds.coverage_texts(kind) == listed(kind), kind
    assert {seeds.digest(name) for name in listed("personal")} == seeds.PERSONAL_DIGESTS
    for copy in seeds.SEEDS.glob("00[01]_*.txt"):
        assert copy.read_bytes() == (SHARED / "seeds" / copy.name).read_bytes(), copy.name
    result = subprocess.run(
        [sys.executable, str(SHARED_TOOLS / "seed_coverage.py"), str(SHARED / "seeds"), "yaml", str(FRAMEWORK),
         "items", "groups", "areas", "jd", "questions", "personal"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
