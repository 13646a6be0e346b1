"""The interview kit as the interview's sheet, in Chromium: each question once on screen, the sheet's fields filled in and
printed as typed (and blank for a pen), "picked only" on screen and paper, the advice's quick pick, a downloaded file
holding what was typed and opening again, nothing kept in the browser or sent, and a warning before entries are lost.

Measured on the seed's Senior kit (18 questions) when the sheet was built: 16,500 px tall at 390 px wide and 12,400 px at
1,280 (29,200 and 15,300 before, when a scorecard table repeated every question); it prints on 3 A4 pages, picked-only
with three questions on 1."""
from __future__ import annotations

import json
import re
from pathlib import Path

import browser
import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]
KIT = "/roles/python-backend/senior/interview/"
QUESTIONS = 18  # the Senior kit's main questions (tests/test_interview.py lists them)
PICKED = ("gil-and-threads", "kafka-messaging-design", "query-tuning")  # in three areas of the seven
FIELD = '[data-cf-kit-field="{}"]'
MIRROR = FIELD + " + [data-cf-kit-mirror]"


@pytest.fixture
def page(chromium, base_url: str):
    for pg in browser.watched_page(chromium, base_url, accept_downloads=True, viewport={"width": 1280, "height": 900}):
        pg.goto(KIT)
        yield pg


def question(qid: str) -> str:
    return f'[data-cf-kit-question="{qid}"]'


def fill_sheet(page) -> None:
    page.fill(FIELD.format("candidate"), "김지원")
    page.fill(FIELD.format("interviewer"), "박면접, Lee")
    page.fill(FIELD.format("date"), "2026-11-21")
    for qid in PICKED:
        page.check(f"{question(qid)} [data-cf-kit-pick]")
    page.check(f'{question("gil-and-threads")} [data-cf-kit-rating="3"]')
    page.check(f'{question("kafka-messaging-design")} [data-cf-kit-rating="4"]')
    page.fill(f'{question("gil-and-threads")} [data-cf-kit-notes]', "GIL과 I/O 대기를 구분함\n멀티프로세싱 비용도 언급")
    page.check(f'{FIELD.format("recommendation")} input[value="yes"]')
    page.fill(FIELD.format("reason"), "기대 충족: 설계 근거가 분명함")


def pdf_pages(page) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="A4")))


def test_each_question_appears_once_on_screen(page) -> None:
    titles = page.eval_on_selector_all(
        "h3.cf-kit-q", "hs => hs.map(h => [...h.childNodes].filter(n => !n.classList?.contains('headerlink'))"
        ".map(n => n.textContent).join('').trim())")
    assert len(titles) == QUESTIONS == page.locator("[data-cf-kit-question]").count()
    text = page.evaluate("document.body.innerText")
    assert {t: text.count(t) for t in titles} == dict.fromkeys(titles, 1)
    for anchor in ("scorecard", "area-python-core", "gil-and-threads", "io-vs-cpu-workload-split"):  # links still land
        assert page.locator(f"#{anchor}").count() == 1, anchor


@pytest.mark.parametrize(("width", "bound"), [(390, 20_000), (1280, 15_000)])
def test_the_page_is_far_shorter_than_before(chromium, base_url: str, width: int, bound: int) -> None:
    context = chromium.new_context(base_url=base_url, viewport={"width": width, "height": 900})
    pg = context.new_page()
    pg.goto(KIT)
    height = pg.evaluate("document.documentElement.scrollHeight")
    context.close()
    assert height < bound  # about 16,500 and 12,400 when written; the page with a scorecard table: 29,200 and 15,300


def test_the_filled_sheet_prints_what_was_typed(page) -> None:
    fill_sheet(page)
    page.emulate_media(media="print")
    for name, value in (("candidate", "김지원"), ("interviewer", "박면접, Lee"), ("date", "2026-11-21"),
                        ("position", "Senior Backend Engineer")):
        assert page.locator(MIRROR.format(name)).inner_text() == value, name
        assert not page.is_visible(FIELD.format(name))  # the field gives way to its printed copy
    notes = page.locator(f'{question("gil-and-threads")} [data-cf-kit-mirror]')
    assert notes.inner_text() == "GIL과 I/O 대기를 구분함\n멀티프로세싱 비용도 언급"
    assert page.locator(MIRROR.format("reason")).inner_text() == "기대 충족: 설계 근거가 분명함"
    assert page.is_checked(f'{question("gil-and-threads")} [data-cf-kit-rating="3"]')
    assert page.is_visible(f'{question("gil-and-threads")} [data-cf-kit-rating="3"]')
    assert page.is_visible(f'{FIELD.format("recommendation")} input[value="yes"]:checked')
    # what is left empty prints as room for a pen: a box per question, its rating circles
    empty = page.locator(f'{question("query-tuning")} [data-cf-kit-mirror]')
    assert empty.is_visible() and empty.inner_text() == "" and empty.bounding_box()["height"] > 30
    assert page.is_visible(f'{question("query-tuning")} [data-cf-kit-rating="1"]')
    for screen_only in (".cf-kit-guide", ".cf-kit-toolbar", ".cf-kit-privacy", ".md-header", ".md-sidebar--primary"):
        assert not page.locator(screen_only).first.is_visible(), screen_only
    assert page.locator("[data-cf-kit-question]:visible").count() == QUESTIONS  # "picked only" is off: every question
    assert pdf_pages(page) <= 3


def test_picked_only_hides_the_others_on_screen_and_paper(page) -> None:
    fill_sheet(page)
    page.check("[data-cf-kit-picked-only]")
    assert page.locator("[data-cf-kit-count]").inner_text() == "고른 질문 3개 / 전체 18개"
    for media in ("screen", "print"):
        page.emulate_media(media=media)
        shown = page.eval_on_selector_all("[data-cf-kit-question]", "qs => qs.filter(q => q.checkVisibility())"
                                                                    ".map(q => q.dataset.cfKitQuestion)")
        assert shown == list(PICKED), media
        assert not page.is_visible("#python-memory-growth")  # an unpicked question's heading goes with it
        areas = page.eval_on_selector_all("[data-cf-kit-area-heading]", "hs => hs.filter(h => h.checkVisibility())"
                                                                         ".map(h => h.id)")
        assert areas == ["area-python-core", "area-backend-architecture", "area-data-storage"], media
    assert pdf_pages(page) == 1
    page.emulate_media(media="screen")
    page.uncheck("[data-cf-kit-picked-only]")
    assert page.locator("[data-cf-kit-question]:visible").count() == QUESTIONS


def test_the_quick_pick_takes_one_question_per_area(page) -> None:
    assert page.locator('[data-cf-kit-action="suggest"]').all_inner_texts() == ["45분에 맞게 5개 고르기", "60분에 맞게 7개 고르기"]
    for n in (5, 7):
        page.click(f'[data-cf-kit-action="suggest"][data-cf-kit-n="{n}"]')
        areas = page.eval_on_selector_all("[data-cf-kit-question]:has([data-cf-kit-pick]:checked)",
                                          "qs => qs.map(q => q.dataset.cfKitArea)")
        assert len(areas) == len(set(areas)) == n  # the Senior kit has seven areas


def test_the_downloaded_file_holds_what_was_typed_and_opens_again(page, tmp_path: Path) -> None:
    fill_sheet(page)
    with page.expect_download() as info:
        page.click('[data-cf-kit-action="download"]')
    download = info.value
    assert download.suggested_filename == "interview-python-backend-senior-2026-11-21.json"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    doc = json.loads(saved.read_text(encoding="utf-8"))
    assert (doc["format"], doc["version"], doc["role"], doc["level"]) == ("career-framework-interview-sheet", 1, "python-backend", "senior")
    assert (doc["candidate"], doc["interviewer"], doc["date"], doc["position"]) == ("김지원", "박면접, Lee", "2026-11-21",
                                                                                 "Senior Backend Engineer")
    assert (doc["recommendation"], doc["reason"], doc["picked_only"]) == ("yes", "기대 충족: 설계 근거가 분명함", False)
    by_id = {q["id"]: q for q in doc["questions"]}
    assert len(by_id) == QUESTIONS and [q for q in by_id if by_id[q]["picked"]] == list(PICKED)
    assert by_id["gil-and-threads"] == {"id": "gil-and-threads", "question": by_id["gil-and-threads"]["question"], "picked": True,
                                        "rating": 3, "notes": "GIL과 I/O 대기를 구분함\n멀티프로세싱 비용도 언급"}
    assert by_id["gil-and-threads"]["question"].startswith("Python의 GIL이")
    assert (by_id["kafka-messaging-design"]["rating"], by_id["query-tuning"]["rating"]) == (4, None)

    page.once("dialog", lambda d: d.accept())  # "clear everything typed?"
    page.click('[data-cf-kit-action="clear"]')
    assert page.input_value(FIELD.format("candidate")) == "" and page.locator("[data-cf-kit-pick]:checked").count() == 0
    assert page.input_value(FIELD.format("position")) == "Senior Backend Engineer"  # back to its prefilled value
    page.set_input_files('[data-cf-kit-action="load"]', str(saved))
    expect(page.locator(FIELD.format("candidate"))).to_have_value("김지원")  # the file is read asynchronously
    assert page.is_checked(f'{question("kafka-messaging-design")} [data-cf-kit-rating="4"]')
    assert page.input_value(f'{question("gil-and-threads")} [data-cf-kit-notes]').endswith("멀티프로세싱 비용도 언급")
    assert page.is_checked(f'{FIELD.format("recommendation")} input[value="yes"]')
    assert "불러왔습니다" in page.inner_text("[data-cf-kit-status]")


def test_another_kits_file_changes_nothing(page, tmp_path: Path) -> None:
    page.fill(FIELD.format("candidate"), "그대로")
    other = tmp_path / "mid.json"
    other.write_text(json.dumps({"format": "career-framework-interview-sheet", "version": 1, "role": "python-backend",
                                 "level": "mid", "candidate": "다른 사람", "questions": []}), encoding="utf-8")
    page.set_input_files('[data-cf-kit-action="load"]', str(other))
    expect(page.locator("[data-cf-kit-status]")).to_contain_text("다른 키트(python-backend · mid)")
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    page.set_input_files('[data-cf-kit-action="load"]', str(broken))
    expect(page.locator("[data-cf-kit-status]")).to_contain_text("JSON 파일이 아닙니다")
    assert page.input_value(FIELD.format("candidate")) == "그대로"


def test_nothing_typed_is_stored_or_sent(page) -> None:
    sent: list[str] = []
    page.on("request", lambda r: sent.append(f"{r.url} {r.post_data or ''}"))
    fill_sheet(page)
    page.check("[data-cf-kit-picked-only]")
    page.wait_for_timeout(300)
    kept = page.evaluate("JSON.stringify({...localStorage}) + JSON.stringify({...sessionStorage}) + document.cookie")
    assert "김지원" not in kept and "박면접" not in kept and "gil-and-threads" not in kept
    assert not [r for r in sent if "김지원" in r or "%EA%B9%80" in r or "2026-11-21" in r]
    assert page.evaluate("location.search + location.hash") == ""


def test_leaving_with_entries_asks_first(page, base_url: str) -> None:
    asked: list[str] = []
    page.on("dialog", lambda d: (asked.append(d.type), d.dismiss()))
    page.click(".cf-kit-screen a >> nth=0")  # no entries yet: the JD opens without a question
    page.wait_for_url(re.compile(r"/senior/$"))
    page.wait_for_function("!document.querySelector('[data-cf-kit]')")  # the JD drawn before going back: no race
    page.go_back()
    page.wait_for_selector("[data-cf-kit]")
    assert asked == []
    page.fill(FIELD.format("candidate"), "김지원")
    page.click(".cf-kit-screen a >> nth=0")  # instant navigation: asked, and staying keeps the sheet
    assert asked == ["confirm"] and page.url == base_url + KIT
    assert page.input_value(FIELD.format("candidate")) == "김지원"
    with page.expect_download():
        page.click('[data-cf-kit-action="download"]')
    page.click(".cf-kit-screen a >> nth=0")  # downloaded: nothing to lose
    page.wait_for_url(re.compile(r"/senior/$"))
    assert asked == ["confirm"]


def test_closing_the_tab_with_entries_asks_first(page) -> None:
    page.check(f'{question("gil-and-threads")} [data-cf-kit-pick]')
    with page.expect_event("dialog") as info:
        page.close(run_before_unload=True)
    assert info.value.type == "beforeunload"
    info.value.accept()


def test_the_back_button_with_entries_asks_first(page, base_url: str) -> None:
    asked: list[str] = []
    page.on("dialog", lambda d: (asked.append(d.type), d.dismiss()))
    page.goto("/roles/python-backend/senior/")
    page.click('article a[href$="/senior/interview/"]')  # instant navigation into the kit
    page.wait_for_selector(FIELD.format("candidate"))
    page.fill(FIELD.format("candidate"), "김지원")
    page.go_back()
    page.wait_for_function(f"location.pathname === {KIT!r}")
    assert asked == ["confirm"] and page.input_value(FIELD.format("candidate")) == "김지원"
