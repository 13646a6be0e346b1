"""The interview kit as the interview's sheet, in its view and its HTML: how many questions fit a slot, the quick pick's
order, each question once with its fields and hooks, the sheet's head and recommendation, and a script that keeps what
is typed in the page (Chromium drives it in tests/test_kit_browser.py)."""
from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from conftest import ROOT
from site_html import Site

from macros.views.common import Facts
from macros.views.interview import fitting, kit, round_robin

SENIOR = "/roles/python-backend/senior/interview/"


def test_how_many_questions_fit_a_slot() -> None:
    # 7 minutes a question with its follow-ups, 10 for the opening and the candidate's questions
    assert [fitting(m, 18) for m in (45, 60, 90)] == [5, 7, 11]
    assert fitting(60, 3) == 3 and fitting(15, 10) == 1


def test_the_quick_pick_takes_one_question_per_area_in_turn() -> None:
    def area(*ids: str) -> tuple[object, tuple[object, ...]]:
        return SimpleNamespace(), tuple(SimpleNamespace(id=i) for i in ids)

    assert round_robin([area("a1", "a2", "a3"), area("b1"), area("c1", "c2")]) == ("a1", "b1", "c1", "a2", "c2", "a3")
    assert round_robin([]) == ()


def test_the_seed_senior_kit_view(fw) -> None:
    facts = Facts.of(fw)
    v = kit(fw, facts.interviews, fw.role("python-backend"), fw.level("senior"))
    assert (v.count, v.slots) == (18, ((45, 5), (60, 7)))
    assert len(v.grouped) == 7 and sorted(v.suggestion) == sorted(q.id for _, qs in v.grouped for q in qs)
    area_of = {q.id: a.id for a, qs in v.grouped for q in qs}
    assert len({area_of[q] for q in v.suggestion[:7]}) == 7  # a 60-minute pick covers every area
    assert v.rank(v.suggestion[3]) == 3


def test_the_script_keeps_what_is_typed_in_the_page() -> None:
    source = (ROOT / "macros" / "site" / "theme" / "assets" / "kit.js").read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", source, flags=re.S)  # what runs, not what the comments say
    for api in ("localStorage", "sessionStorage", "indexedDB", "document.cookie", "fetch(", "XMLHttpRequest", "sendBeacon",
                "WebSocket", "postMessage", "history.replaceState", "location.hash ="):
        assert api not in code, api
    assert 'querySelector("[data-cf-kit]")' in code  # it acts only on a page with the kit's root


@pytest.mark.slow
def test_each_question_once_with_its_fields(site: Site) -> None:
    page = site.page(SENIOR)
    body = page.content()
    questions = re.findall(r'data-cf-kit-question="([^"]+)" data-cf-kit-area="([^"]+)"', body)
    assert len(questions) == 18 and len({q for q, _ in questions}) == 18
    assert len({a for _, a in questions}) == 7
    for qid, _ in questions:
        assert body.count(f'<h3 id="{qid}"') == 1
        section = body.split(f'data-cf-kit-question="{qid}"', 1)[1].split("</section>", 1)[0]
        assert section.count("data-cf-kit-pick") == 1 and section.count("data-cf-kit-notes") == 1
        assert re.findall(r'data-cf-kit-rating="(\d)"', section) == ["1", "2", "3", "4"]
        assert f'id="cf-kit-{qid}-rate-3"' in section and f'aria-describedby="{qid}"' in section
        assert "영역: " in section and "레벨: " in section  # its area and the levels it suits
    assert "<table" not in body  # no second copy of the questions
    assert re.search(r'<script[^>]* src="[./]*assets/kit\.js"', page.source)


@pytest.mark.slow
def test_the_sheet_head_advice_and_recommendation(site: Site) -> None:
    page = site.page(SENIOR)
    body = page.content()
    for name in ("candidate", "interviewer", "date", "position", "reason", "recommendation"):
        assert body.count(f'data-cf-kit-field="{name}"') == 1, name
    assert re.search(r'<input type="date" id="cf-kit-date" data-cf-kit-field="date"', body)
    assert 'data-cf-kit-field="position" value="Senior Backend Engineer"' in body
    assert re.findall(r'name="cf-kit-recommendation" id="cf-kit-rec-[a-z-]+" value="([a-z-]+)"', body) == [
        "strong-no", "no", "yes", "strong-yes"]
    for text in ("지원자", "면접관", "면접일", "포지션", "종합 의견", "적극 비추천", "적극 추천", "질문 고르기", "45분 면접: 본 질문 5개",
                 "60분 면접: 본 질문 7개", "1 근거 부족 · 2 부분적 · 3 기대 충족 · 4 기대 이상", "브라우저에 저장하지 않고"):
        assert text in page.text, text
    assert 'autocomplete="off" spellcheck="false"' in body
    assert '<meta http-equiv="Content-Security-Policy"' in page.source  # nothing typed may go to another origin
    assert "<form" not in body  # the fields belong to no form: nothing is ever submitted
    ids = page.ids
    for anchor in ("top", "scorecard", "kit-choosing", "kit-decision", "area-python-core", "gil-and-threads", "io-vs-cpu-workload-split"):
        assert anchor in ids, anchor
    assert ids.index("scorecard") < ids.index("area-python-core") < ids.index("kit-decision")
