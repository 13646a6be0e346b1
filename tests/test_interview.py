"""The interview bank and kits: every seed question on the site, linked to items, levels respected.

Which questions a bank or a kit holds is stated by hand below (the rule itself is tested on tests/fixtures/mini in
test_views.py); the seed's questions come from tests/fixtures/seeds (see tests/seeds.py)."""
from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import seeds
from conftest import FRAMEWORK, ROOT, edit
from site_html import Site

#: Each area's bank, in page order: a question is in the bank of every area whose items it probes.
BANKS = {
    "python-core": "gil-and-threads python-memory-growth asyncio-blocking-call type-hints-in-practice profiling-slow-code "
                   "pytest-fixtures-mocking property-based-testing",
    "backend-architecture": "clickhouse-vs-rdbms celery-background-jobs recent-learning kafka-messaging-design "
                            "bounded-context-split asyncio-blocking-call rest-api-basics orm-n-plus-one",
    "data-storage": "clickhouse-vs-rdbms recent-learning query-tuning redis-cache-introduction orm-n-plus-one transaction-basics",
    "infra-devops": "git-pr-ci-flow docker-image-basics production-error-triage kafka-messaging-design pytest-fixtures-mocking",
    "security-reliability": "clickhouse-vs-rdbms celery-background-jobs kafka-messaging-design slo-based-design rest-api-basics "
                            "transaction-basics web-input-security",
    "performance-scalability": "db-connection-limits celery-background-jobs asyncio-blocking-call redis-cache-introduction",
    "collaboration-leadership": "planning-constraints recent-learning strengths-and-growth language-choice bounded-context-split "
                                "tech-direction-governance",
    "future-leadership": "slo-based-design bounded-context-split audit-log-traceability",
}

#: python-backend's kit at each level: its questions (a question is asked at the levels it names, when one of its items
#: is expected at or below the level) and how many follow-ups they bring (a follow-up, when one of its items is).
KITS = {
    "junior": ("gil-and-threads python-memory-growth asyncio-blocking-call type-hints-in-practice profiling-slow-code "
               "pytest-fixtures-mocking rest-api-basics orm-n-plus-one redis-cache-introduction git-pr-ci-flow "
               "docker-image-basics transaction-basics web-input-security", 13),
    "mid": ("gil-and-threads python-memory-growth asyncio-blocking-call type-hints-in-practice profiling-slow-code "
            "pytest-fixtures-mocking property-based-testing celery-background-jobs kafka-messaging-design rest-api-basics "
            "orm-n-plus-one clickhouse-vs-rdbms query-tuning redis-cache-introduction git-pr-ci-flow docker-image-basics "
            "production-error-triage transaction-basics web-input-security db-connection-limits planning-constraints "
            "strengths-and-growth", 39),
    "senior": ("gil-and-threads python-memory-growth asyncio-blocking-call type-hints-in-practice property-based-testing "
               "celery-background-jobs kafka-messaging-design bounded-context-split clickhouse-vs-rdbms query-tuning "
               "redis-cache-introduction production-error-triage transaction-basics db-connection-limits planning-constraints "
               "recent-learning strengths-and-growth language-choice", 38),
    "lead": ("kafka-messaging-design clickhouse-vs-rdbms planning-constraints recent-learning strengths-and-growth "
             "language-choice tech-direction-governance slo-based-design bounded-context-split audit-log-traceability", 31),
}


def test_every_seed_question_is_in_the_data_and_on_the_site(site: Site) -> None:
    assert len(seeds.questions()) == 33
    assert seeds.missing(["questions"], seeds.yaml_strings(FRAMEWORK / "interview")) == {"questions": []}
    assert seeds.missing(["questions"], seeds.html_text(site.root)) == {"questions": []}


def test_no_personal_names_anywhere(site: Site) -> None:
    """Seed 002's employer and product names are in no data, page, published file, document, example or test fixture
    (the seed copies included)."""
    published = [p for p in site.root.rglob("*") if p.suffix in (".html", ".json", ".csv", ".xml", ".txt")]
    ours = [p for folder in (FRAMEWORK, ROOT / "docs", ROOT / "examples", ROOT / "tests" / "fixtures") for p in folder.rglob("*")
            if p.suffix in (".yml", ".md", ".json", ".txt")]
    assert len(published) > 60 and len(ours) > 60
    assert seeds.personal_names_in(p.read_text(encoding="utf-8") for p in [*published, *ours, ROOT / "README.md"]) == set()


def test_the_name_search_finds_a_name_inside_a_word() -> None:
    """The search above can fail: a name (here a stand-in, 멘토링) is found inside a longer run of Hangul."""
    assert seeds.personal_names_in(["팀 멘토링을 한다"], {seeds.digest("멘토링")}) == {"멘토링"}
    assert seeds.personal_names_in(["팀 멘토를 한다"], {seeds.digest("멘토링")}) == set()


def question_ids(page, fw) -> list[str]:
    """The questions a page holds, in order (ids of top-level questions among the page's element ids)."""
    known = {q.id for _, q in fw.questions()}
    return [i for i in page.ids if i in known]


@pytest.mark.slow
def test_every_question_and_follow_up_is_shown_in_its_banks(site: Site, fw) -> None:
    text = site.all_text()
    for _, q in fw.questions():
        assert q.question.ko in text
        for f in q.follow_ups:
            assert f.question.ko in text
    for area, expected in BANKS.items():
        page = site.page(f"/interview/{area}/")
        assert question_ids(page, fw) == expected.split(), area
        for _, q in fw.questions():
            if q.id not in expected.split():
                continue
            assert all(f.id in page.ids for f in q.follow_ups), (area, q.id)
            section = page.content().split(f'id="{q.id}"')[1].split("<h3")[0]
            linked = re.findall(r'href="\.\./\.\./competencies/([a-z0-9-]+)/#([a-z0-9-]+)"', section)
            assert linked, (area, q.id)
            for linked_area, item in linked:  # each link lands on the item's heading
                assert item in site.page(f"/competencies/{linked_area}/").ids, (area, q.id, item)
    assert {q.id for _, q in fw.questions()} == {q for ids in BANKS.values() for q in ids.split()}  # each in some bank


def test_every_question_probes_an_existing_item(fw) -> None:
    for _, q in fw.questions():
        assert q.items and all(fw.has_item(i) for i in q.items), q.id
        assert 2 <= len(q.listen_for) <= 4
        for f in q.follow_ups:
            assert all(fw.has_item(i) for i in fw.probes(q, f)) and 2 <= len(f.listen_for) <= 4, f.id
    assert sum(1 for _ in fw.questions()) == 28 and sum(len(q.follow_ups) for _, q in fw.questions()) == 54


@pytest.mark.slow
def test_kits_hold_only_questions_for_their_level_and_below(site: Site, fw) -> None:
    follow_up_ids = {f.id for _, q in fw.questions() for f in q.follow_ups}
    for level, (expected, n_follow_ups) in KITS.items():
        page = site.page(f"/roles/python-backend/{level}/interview/")
        assert sorted(question_ids(page, fw)) == sorted(expected.split()), level
        assert len([i for i in page.ids if i in follow_up_ids]) == n_follow_ups, level
        assert "평가표" in page.text and page.source.count('data-cf-kit-rating="4"') == len(expected.split())  # a rating each
        assert 'href="interview/"' in site.page(f"/roles/python-backend/{level}/").source  # JD links its kit
    kit = {level: set(site.page(f"/roles/python-backend/{level}/interview/").ids) for level in KITS}
    # query-tuning names mid and senior: absent from the junior and lead kits although its items are mid ones
    assert [("query-tuning" in kit[lv]) for lv in KITS] == [False, True, True, False]
    # slo-based-design names senior and lead, but probes only lead items: not asked at senior
    assert [("slo-based-design" in kit[lv]) for lv in KITS] == [False, False, False, True]
    # asyncio-blocking-call's follow-ups: event-loop-latency probes mid items only, request-context-propagation a junior one
    assert ("event-loop-latency" in kit["junior"], "request-context-propagation" in kit["junior"]) == (False, True)
    assert "event-loop-latency" in kit["mid"]
    # type-hints-in-practice (junior to senior): its follow-up gradual-typing-legacy probes a senior item
    assert ("gradual-typing-legacy" in kit["mid"], "gradual-typing-legacy" in kit["senior"]) == (False, True)


@pytest.mark.slow
def test_items_list_their_questions(site: Site) -> None:
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
def test_bank_is_validated(framework_copy: Path, career: Callable[..., subprocess.CompletedProcess[str]], old: str, new: str,
                           message: str) -> None:
    edit(framework_copy / "interview" / "query-tuning.yml", old, new)
    result = career("check", str(framework_copy), cwd=framework_copy.parent)
    assert result.returncode == 1
    assert "framework/interview/query-tuning.yml:" in result.stderr and message in result.stderr, result.stderr
