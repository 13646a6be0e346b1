"""Checklists in a real browser: ticks, counts, notes, export/import, instant navigation, accessibility. The checklists
are a view of this browser's own record (stored under "career-framework-records", the record named by `mine`)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import seeds

pytestmark = [pytest.mark.browser, pytest.mark.slow]
KEY = "career-framework-records"
OLD_KEY = "career-framework-checklist"
ROADMAP = "/checklist/"
JUNIOR = "/roles/python-backend/junior/checklist/"




def stored(page) -> dict:
    """The entries of this browser's own record."""
    raw = page.evaluate(f"localStorage.getItem('{KEY}')")
    if not raw:
        return {}
    doc = json.loads(raw)
    return doc["records"][doc["mine"]]["entries"] if doc.get("mine") else {}


def link(entry: dict) -> str:
    """The learning link: the entry's first evidence."""
    return entry["evidence"][0]["url"]


def summary(page) -> tuple[int, int, int]:
    return tuple(int(page.locator(f"[data-cf-{k}]").inner_text()) for k in ("done", "total", "percent"))


def test_tick_survives_reload_and_counts_update(page) -> None:
    page.goto(ROADMAP)
    assert summary(page) == (0, 168, 0)
    for item in ("gil", "garbage-collection", "docker"):
        page.check(f"#cf-{item}")
    assert summary(page) == (3, 168, 2)  # 3/168 = 1.8% → 2%
    area = page.locator('[data-cf-area-progress="python-core"]')
    assert area.locator("[data-cf-area-count]").inner_text() == "2 / 21 (10%)"  # the seed's area 1 has 21 items
    assert area.locator("progress").get_attribute("value") == "2"
    page.reload()
    assert page.is_checked("#cf-gil") and page.is_checked("#cf-docker") and not page.is_checked("#cf-threading")
    assert summary(page) == (3, 168, 2)
    page.uncheck("#cf-docker")
    assert summary(page) == (2, 168, 1)
    assert set(stored(page)) == {"gil", "garbage-collection"}
    assert stored(page)["gil"]["status"] == "met"  # a tick is "met"; unticking returned docker to "not yet": nothing left


def test_level_checklist_counts_filters_and_gap(page) -> None:
    page.goto(JUNIOR)
    assert summary(page) == (0, 29, 0)  # the seed expects 29 items at Junior
    page.check("#cf-gil")
    page.click('[data-cf-filter="open"]')
    assert page.locator('[data-item="gil"]').is_hidden() and page.locator('[data-item="garbage-collection"]').is_visible()
    mid_item = "weakref-contextvars"  # expected from Mid
    assert page.locator(f'[data-item="{mid_item}"]').is_hidden()  # the next level's items only in the gap view
    page.click('[data-cf-filter="gap"]')
    assert page.locator(f'[data-item="{mid_item}"]').is_visible() and page.locator('[data-item="gil"]').is_hidden()
    assert summary(page) == (1, 29, 3)  # next-level items are not counted: 1/29 = 3.4% → 3%
    page.click('[data-cf-filter="all"]')
    assert page.locator('[data-item="gil"]').is_visible()
    page.goto("/roles/python-backend/mid/checklist/")
    page.check(f"#cf-{mid_item}")
    page.goto(JUNIOR)
    assert page.is_checked(f"#cf-{mid_item}")  # every checklist page shares one record
    assert page.locator('article a[href$="/roles/python-backend/junior-to-mid/"]').count() >= 1


def test_up_to_my_level_hides_higher_levels(page) -> None:
    page.goto(ROADMAP)
    items = page.locator(".cf-item")
    assert items.count() == 168
    page.select_option("[data-cf-upto]", "junior")
    assert page.locator(".cf-item:visible").count() == 29  # the seed expects 29 items at Junior
    page.select_option("[data-cf-upto]", "mid")
    assert page.locator(".cf-item:visible").count() == 29 + 79
    page.click('[data-cf-filter="open"]')
    page.check("#cf-gil")  # a Junior item: ticked, it leaves the open view
    assert page.locator(".cf-item:visible").count() == 29 + 79 - 1
    page.select_option("[data-cf-upto]", "")
    page.click('[data-cf-filter="all"]')
    assert page.locator(".cf-item:visible").count() == 168


def test_next_level_bars_count_what_the_next_level_adds(page) -> None:
    page.goto(JUNIOR)
    row = page.locator('[data-cf-area-progress="data-storage"]')
    assert row.locator("[data-cf-area-next-count]").inner_text() == "0 / 16"  # Mid adds 16 data-storage items
    page.click('[data-cf-filter="gap"]')
    mid_item = page.locator('.cf-item[data-scope="next"][data-area="data-storage"]').first
    mid_item.locator(".cf-check").check()
    assert row.locator("[data-cf-area-next-count]").inner_text() == "1 / 16"
    assert row.locator("[data-cf-area-next]").get_attribute("value") == "1"
    assert summary(page)[0] == 0  # the Junior count stays: next-level items are progress towards Mid


def test_note_and_link_are_saved(page) -> None:
    page.goto(ROADMAP)
    page.locator('[data-item="gil"] summary').click()
    page.fill("#cf-gil-note", "GIL 해제 시점을 정리함")
    page.fill("#cf-gil-url", "https://blog.example.com/python-gil")
    page.locator("#cf-gil-url").blur()
    page.reload()
    assert page.input_value("#cf-gil-note") == "GIL 해제 시점을 정리함"
    assert page.input_value("#cf-gil-url") == "https://blog.example.com/python-gil"
    assert link(stored(page)["gil"]) == "https://blog.example.com/python-gil"
    assert stored(page)["gil"]["note"] == "GIL 해제 시점을 정리함" and stored(page)["gil"]["status"] == "not-yet"


def download(page, action: str) -> str:
    with page.expect_download() as d:
        page.click(f'[data-cf-action="{action}"]')
    return Path(d.value.path()).read_text(encoding="utf-8")


def import_file(page, path: Path) -> None:
    page.set_input_files('input[data-cf-action="import"]', str(path))


def test_json_export_clear_import_round_trip(page, tmp_path: Path) -> None:
    page.goto(ROADMAP)
    page.check("#cf-gil")
    page.check("#cf-pytest")
    page.locator('[data-item="pytest"] summary').click()
    page.fill("#cf-pytest-note", "fixture 정리")
    page.locator("#cf-pytest-note").blur()
    before = stored(page)
    doc = json.loads(download(page, "export-json"))
    assert doc["format"] == "career-framework-records" and doc["version"] == 2 and len(doc["records"]) == 1
    record = doc["records"][0]
    assert record["framework"]["id"] == "engineering-career-framework" and record["framework"]["version"]
    assert set(record["entries"]) == {"gil", "pytest"} and record["rater"] == "self"
    page.once("dialog", lambda d: d.accept())
    page.click('[data-cf-action="clear"]')
    assert stored(page) == {} and summary(page)[0] == 0
    path = tmp_path / "state.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    import_file(page, path)
    page.wait_for_function("document.querySelector('[data-cf-done]').textContent === '2'")
    assert stored(page) == before
    assert page.is_checked("#cf-gil") and page.input_value("#cf-pytest-note") == "fixture 정리"


def status(page) -> str:
    return page.locator("[data-cf-status]").inner_text()


BAD_IMPORTS = {
    "items-null": '{"format": "career-framework-checklist", "version": 1, "items": null}',
    "entry-null": '{"format": "career-framework-checklist", "version": 1, "items": {"pytest": {"done": true}, "docker": null}}',
    "url-number": '{"format": "career-framework-checklist", "version": 1, "items": {"pytest": {"done": true, "url": 5}}}',
    "url-script": '{"format": "career-framework-checklist", "version": 1, "items": {"pytest": {"url": "javascript:alert(1)"}}}',
    "done-string": '{"format": "career-framework-checklist", "version": 1, "items": {"pytest": {"done": "yes"}}}',
    "proto": '{"format": "career-framework-checklist", "version": 1, "items": {"__proto__": {"done": true}}}',
    "not-ours": '{"items": {"pytest": {"done": true}}}',
    "broken": '{"format": "career-framework-checklist", "items": {',
    "v2-unexplained": '{"format": "career-framework-records", "version": 2, "records": [{"id": "r-1", "person": "A", "role": "python-backend", '
                      '"level": "mid", "rater": "self", "framework": {"id": "engineering-career-framework", "version": "1"}, '
                      '"created": "2025-01-01T00:00:00Z", "updated": "2025-01-01T00:00:00Z", "entries": {"pytest": {"status": "not-met"}}}]}',
    "v2-newer": '{"format": "career-framework-records", "version": 3, "records": []}',
    "v2-no-records": '{"format": "career-framework-records", "version": 2, "records": []}',
}


@pytest.mark.parametrize("case", sorted(BAD_IMPORTS))
def test_a_bad_import_changes_nothing_and_says_why(page, tmp_path: Path, case: str) -> None:
    page.goto(ROADMAP)
    page.check("#cf-gil")
    before = page.evaluate(f"localStorage.getItem('{KEY}')")
    path = tmp_path / "state.json"
    path.write_text(BAD_IMPORTS[case], encoding="utf-8")
    import_file(page, path)
    page.wait_for_function("document.querySelector('[data-cf-status]').textContent !== ''")
    assert status(page).startswith("가져오기 실패:") and status(page).endswith("기존 기록은 그대로입니다.")
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == before
    assert summary(page)[0] == 1 and not page.is_checked("#cf-pytest")


def test_a_full_storage_is_reported_and_loses_nothing(page, tmp_path: Path) -> None:
    page.goto(ROADMAP)
    page.check("#cf-gil")
    before = page.evaluate(f"localStorage.getItem('{KEY}')")
    page.evaluate("""() => { Storage.prototype.setItem = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); }; }""")
    path = tmp_path / "state.json"
    path.write_text(json.dumps({"format": OLD_KEY, "version": 1, "items": {"pytest": {"done": True}}}), encoding="utf-8")
    import_file(page, path)
    page.wait_for_function("document.querySelector('[data-cf-status]').textContent !== ''")
    assert status(page).startswith("브라우저 저장 공간이 가득 차")
    page.click("#cf-docker")  # a tick that cannot be stored is not shown as saved
    assert not page.is_checked("#cf-docker")
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == before


def test_two_tabs_see_each_others_ticks(page) -> None:
    page.goto(ROADMAP)
    other = page.context.new_page()
    other.goto(JUNIOR)
    page.check("#cf-gil")
    other.wait_for_function("document.querySelector('#cf-gil').checked")
    assert other.locator("[data-cf-status]").inner_text() == "다른 탭에서 바뀐 기록을 반영했습니다."
    other.check("#cf-garbage-collection")
    page.wait_for_function("document.querySelector('#cf-garbage-collection').checked")
    assert set(stored(page)) == {"gil", "garbage-collection"}  # neither tab overwrote the other
    other.close()


def test_a_note_is_saved_as_it_is_typed(page) -> None:
    page.goto(ROADMAP)
    page.locator('[data-item="gil"] summary').click()
    page.locator("#cf-gil-note").press_sequentially("GIL 정리")
    assert page.locator('[data-item="gil"] [data-cf-saved]').inner_text() == "저장됨"
    assert page.evaluate("document.activeElement.id") == "cf-gil-note"  # still typing: no blur happened
    page.reload()
    assert page.input_value("#cf-gil-note") == "GIL 정리"


def test_markdown_export_matches_the_seed_format(page) -> None:
    page.goto(ROADMAP)
    page.check("#cf-gil")
    page.locator('[data-item="gil"] summary').click()
    page.fill("#cf-gil-note", "Python GIL 완벽 가이드")
    page.fill("#cf-gil-url", "/2025/10/12/python-gil.html")
    page.locator("#cf-gil-url").blur()
    md = download(page, "export-md")
    lines = md.splitlines()
    assert lines[0] == "## 🧠 1. 언어 및 코어 역량 (Python Core Competency)"
    assert lines[2] == "### Python 심화"
    assert "- [x] GIL (Global Interpreter Lock) 동작 원리 - [[Python GIL 완벽 가이드](/2025/10/12/python-gil.html)]" in lines
    assert "- [ ] Garbage Collection 메커니즘" in lines
    assert md.rstrip().endswith("## 📊 진행 상황\n\n**현재 완료한 항목:** 1개\n**전체 항목:** 168개\n**진행률:** 1%")
    assert sum(1 for ln in lines if re.fullmatch(r"- \[[ x]\] .+", ln)) == 168
    assert [ln[3:] for ln in lines if ln.startswith("## ") and "진행 상황" not in ln] == \
        [f"{a.icon} {a.number}. {a.title}" for a in seeds.roadmap_areas()]  # the seed's own area headings


def test_markdown_import_reports_unmatched_and_confirms_overwrites(page, tmp_path: Path) -> None:
    page.goto(ROADMAP)
    page.check("#cf-gil")
    md = tmp_path / "post.md"
    md.write_text("## 🧠 1. 언어 및 코어 역량\n\n- [ ] GIL (Global Interpreter Lock) 동작 원리\n"
                  "- [x] Docker 컨테이너화 - [[도커 정리](https://blog.example.com/docker)]\n"
                  "- [x] 존재하지 않는 항목\n", encoding="utf-8")
    page.once("dialog", lambda d: d.dismiss())  # refusing keeps the existing tick on gil
    import_file(page, md)
    page.wait_for_function("document.querySelector('[data-cf-status]').textContent.length > 0")
    assert "취소" in page.inner_text("[data-cf-status]")
    assert page.is_checked("#cf-gil") and not page.is_checked("#cf-docker")
    messages: list[str] = []
    page.once("dialog", lambda d: (messages.append(d.message), d.accept()))
    import_file(page, md)
    page.wait_for_function("document.querySelector('#cf-docker').checked")
    assert messages and "1개" in messages[0]
    assert not page.is_checked("#cf-gil")
    assert link(stored(page)["docker"]) == "https://blog.example.com/docker"
    assert stored(page)["docker"]["note"] == "도커 정리"
    status = page.inner_text("[data-cf-status]")
    assert "항목 2개를 가져왔습니다" in status and "존재하지 않는 항목" in status


def test_a_note_without_a_link_is_exported(page) -> None:
    page.goto(JUNIOR)
    page.locator('[data-item="gil"] summary').click()
    page.fill("#cf-gil-note", "GIL 정리 중")
    md = download(page, "export-md")
    assert "- [ ] GIL (Global Interpreter Lock) 동작 원리 - GIL 정리 중" in md.splitlines()


def test_another_levels_markdown_imports_whole(page, tmp_path: Path) -> None:
    """A Mid checklist exported, then imported on the Junior page: every line is a real item, so none is
    unmatched; ticked ones are stored (also those not on this page), unticked ones leave nothing behind."""
    page.goto("/roles/python-backend/mid/checklist/")
    page.check("#cf-gil")
    mid_only = page.locator('.cf-item[data-scope="new"]').first.get_attribute("data-item")
    page.check(f"#cf-{mid_only}")
    md = download(page, "export-md")
    page.once("dialog", lambda d: d.accept())
    page.click('[data-cf-action="clear"]')
    page.goto(JUNIOR)
    path = tmp_path / "mid.md"
    path.write_text(md, encoding="utf-8")
    import_file(page, path)
    page.wait_for_function("document.querySelector('[data-cf-status]').textContent.length > 0")
    status = page.inner_text("[data-cf-status]")
    assert "항목 2개를 가져왔습니다" in status and "프레임워크에 없는" not in status, status
    assert set(stored(page)) == {"gil", mid_only}
    assert page.is_checked("#cf-gil")


def test_retired_and_renamed_items_are_kept(page) -> None:
    page.goto(ROADMAP)
    page.evaluate(f"""localStorage.setItem('{OLD_KEY}', JSON.stringify({{version: 1, items: {{
        'old-removed-item': {{done: true, title: '예전 항목', note: '기록'}} }} }}))""")
    page.reload()
    orphan = page.locator('[data-orphan="old-removed-item"]')
    assert "예전 항목" in orphan.inner_text() and "기록" in orphan.inner_text()
    assert summary(page) == (0, 168, 0)
    assert "old-removed-item" in stored(page)


def test_state_survives_instant_navigation(page) -> None:
    page.goto(JUNIOR)
    page.wait_for_load_state("networkidle")  # Material enables instant navigation once it has the sitemap
    page.evaluate("window.__noReload = true")
    page.check("#cf-gil")
    page.click('article a:has-text("전체 체크리스트")')  # instant navigation to the roadmap checklist
    page.wait_for_url("**/checklist/")
    page.wait_for_function("document.querySelector('[data-cf-total]')?.textContent === '168'")
    assert page.evaluate("window.__noReload === true"), "instant navigation should not reload the page"
    assert page.is_checked("#cf-gil") and summary(page)[0] == 1
    page.check("#cf-docker")
    page.go_back()
    page.wait_for_url(f"**{JUNIOR}")
    page.wait_for_function("document.querySelector('#cf-docker') && document.querySelector('#cf-docker').checked")
    assert page.evaluate("window.__noReload === true")
    assert summary(page)[0] == 2


def test_keyboard_operation(page) -> None:
    page.goto(ROADMAP)
    page.focus("#cf-gil")
    page.keyboard.press("Space")
    assert page.is_checked("#cf-gil")
    assert page.evaluate("document.querySelector('label[for=\"cf-gil\"]').textContent") == "GIL (Global Interpreter Lock) 동작 원리"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") in ("A", "SUMMARY", "LABEL")


@pytest.mark.parametrize("level", ["junior", "mid", "senior", "lead"])
def test_jd_prints_on_at_most_two_a4_pages(page, level: str) -> None:
    page.goto(f"/roles/python-backend/{level}/")
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2, pages


def test_checklist_prints_without_chrome(page) -> None:
    page.goto(ROADMAP)
    page.check("#cf-gil")
    page.locator('[data-item="gil"] summary').click()
    page.fill("#cf-gil-note", "인쇄용 메모")
    page.locator("#cf-gil-note").blur()
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".cf-toolbar", ".md-footer"):
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.is_visible("#cf-gil") and page.is_checked("#cf-gil")
    assert page.is_visible("#cf-gil-note") and not page.is_visible("#cf-docker-note")
