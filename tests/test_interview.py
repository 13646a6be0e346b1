"""The interview bank and kits: every seed question on the site, linked to items, levels respected."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FRAMEWORK, SHARED, edit, run_career
from site_html import Site

HAS_SHARED = (SHARED / "tools" / "seed_coverage.py").exists()






def coverage(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SHARED / "tools" / "seed_coverage.py"), str(SHARED / "seeds"), *args],
                          capture_output=True, text=True)


@pytest.mark.skipif(not HAS_SHARED, reason="shared/ (with seed 002) is not beside the repository")
def test_every_seed_question_is_in_the_data_and_on_the_site(site: Site) -> None:
    data = coverage("yaml", str(FRAMEWORK), "questions")
    assert data.returncode == 0, data.stdout
    built = coverage("html", str(site.root), "questions")
    assert built.returncode == 0, built.stdout
    assert "questions: 33/33" in built.stdout


@pytest.mark.skipif(not HAS_SHARED, reason="shared/ (with seed 002) is not beside the repository")
def test_no_personal_names_anywhere(site: Site) -> None:
    built = coverage("html", str(site.root), "personal")
    assert built.returncode == 0, built.stdout
    data = coverage("yaml", str(FRAMEWORK), "personal")
    assert data.returncode == 0, data.stdout


@pytest.mark.slow
def test_every_question_and_follow_up_is_shown_in_its_banks(site: Site, fw) -> None:
    text = site.all_text()
    for _, q in fw.questions():
        assert q.question.ko in text
        for f in q.follow_ups:
            assert f.question.ko in text
        for area in {fw.item(i).area.id for i in q.items}:
            page = site.page(f"/interview/{area}/")
            assert q.id in page.ids and all(f.id in page.ids for f in q.follow_ups)
            section = page.content().split(f'id="{q.id}"')[1].split("<h3")[0]
            linked = re.findall(r'href="\.\./\.\./competencies/([a-z0-9-]+)/#([a-z0-9-]+)"', section)
            assert linked and all(fw.item(item).area.id == a for a, item in linked)


def test_every_question_probes_an_existing_item(fw) -> None:
    for _, q in fw.questions():
        assert q.items and all(fw.item(i) for i in q.items)
        assert 2 <= len(q.listen_for) <= 4
        for f in q.follow_ups:
            assert all(fw.item(i) for i in fw.probes(q, f)) and 2 <= len(f.listen_for) <= 4


@pytest.mark.slow
def test_kits_hold_only_questions_for_their_level_and_below(site: Site, fw) -> None:
    role = fw.role("python-backend")
    for level, _ in fw.role_levels(role):
        page = site.page(f"/roles/python-backend/{level.id}/interview/")
        rank = fw.rank(level.id)
        shown = [i for i in page.ids if i in {q.id for _, q in fw.questions()}]
        for _, q in fw.questions():
            fits = level.id in q.levels and any(fw.rank(fw.item(i).level.id) <= rank for i in q.items)
            assert (q.id in shown) == fits, (level.id, q.id)
            for f in q.follow_ups if q.id in shown else ():
                ok = any(fw.rank(fw.item(i).level.id) <= rank for i in fw.probes(q, f))
                assert (f.id in page.ids) == ok, (level.id, f.id)
        assert "평가표" in page.text and "☐1 ☐2 ☐3 ☐4" in page.text
        assert 'href="interview/"' in site.page(f"/roles/python-backend/{level.id}/").source  # JD links its kit


@pytest.mark.slow
def test_items_list_their_questions(site: Site, fw) -> None:
    page = site.page("/competencies/backend-architecture/")
    section = page.content().split('id="kafka-event-streaming"')[1].split("<h3")[0]
    assert 'href="../../interview/backend-architecture/#kafka-messaging-design"' in section
    assert "면접 질문" in section


@pytest.mark.parametrize("old, new, message", [
    ("items: [index-strategy]", "items: [index-strategie]", "unknown item 'index-strategie' in question 'index-tradeoffs'; did you mean 'index-strategy'?"),
    ("levels: [mid, senior]", "levels: [mid, senoir]", "unknown level 'senoir' in question 'query-tuning'; did you mean 'senior'?"),
    ("- id: index-tradeoffs", "- id: query-tuning", "duplicate question id 'query-tuning'"),
    ("    - ko: 컬럼의 선택도(카디널리티)와 조회 빈도로 인덱스 여부를 판단한다\n"
     "      en: Decides whether to index based on the column's selectivity (cardinality) and how often it is queried\n",
     "", "needs at least 2 entries"),
])
def test_bank_is_validated(framework_copy: Path, old: str, new: str, message: str) -> None:
    edit(framework_copy / "interview" / "query-tuning.yml", old, new)
    result = run_career("check", str(framework_copy), cwd=framework_copy.parent)
    assert result.returncode == 1
    assert "framework/interview/query-tuning.yml:" in result.stderr and message in result.stderr, result.stderr
