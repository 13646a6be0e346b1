"""The checklist's stored record in a real browser (assets/store.js): entries read one by one, what cannot be read
set aside, shown as text and kept exactly as stored; an unreadable record backed up before anything is written;
Markdown export and import that keep titles and notes literal, several lines included."""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]
KEY = "career-framework-checklist"
BACKUP = KEY + ".backup"
ROADMAP = "/checklist/"

GOOD = {
    "gil": {"done": True, "title": "GIL (Global Interpreter Lock) 동작 원리", "updated": "2025-01-02T03:04:05.000Z"},
    "docker": {"done": True},
    "garbage-collection": {"done": True, "note": "세대별 GC 정리", "url": "https://blog.example.com/gc"},
    "pytest": {"note": "fixture 정리\n둘째 줄"},
}
XSS_ID = "<img src=x onerror=\"window.__pwned = 1\">"
BAD = {  # id -> (stored entry, words of the reason shown)
    "threading": ({"done": True, "url": "javascript:alert(1)"}, "URL"),
    "asyncio-programming": ({"done": True, "note": "가" * 5001}, "5000자"),
    "__proto__": ({"done": True}, "id 형식"),
    "multiprocessing": (["done"], "JSON 객체"),
    "type-hints": ({"done": "yes"}, "참·거짓"),
    XSS_ID: ({"done": True}, "id 형식"),
    "coverage": ({"done": True, "evidence": "a field of a later release"}, "evidence"),
}


@pytest.fixture(scope="module")
def base_url(served_site: Callable[[str], tuple[str, Path]]) -> str:
    return served_site("ko")[0]


@pytest.fixture
def page(chromium, base_url: str):
    context = chromium.new_context(base_url=base_url, accept_downloads=True)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    context.close()
    assert errors == [], errors


def seed(page, raw: str) -> None:
    page.goto(ROADMAP)
    page.evaluate("([key, raw]) => localStorage.setItem(key, raw)", [KEY, raw])
    page.reload()


def raw_stored(page, key: str = KEY) -> str | None:
    return page.evaluate("(key) => localStorage.getItem(key)", key)


def done_count(page) -> int:
    return int(page.locator("[data-cf-done]").inner_text())


def download(page, action: str) -> str:
    with page.expect_download() as d:
        page.click(f'[data-cf-action="{action}"]')
    return Path(d.value.path()).read_text(encoding="utf-8")


def set_aside(page) -> dict[str, str]:
    """The set-aside box: id (as the reader sees it) -> the rest of the line."""
    rows = page.locator("[data-cf-set-aside-list] > li")
    return {rows.nth(i).locator("code").inner_text(): rows.nth(i).inner_text() for i in range(rows.count())}


def test_bad_stored_entries_are_set_aside_shown_and_kept(page, tmp_path: Path) -> None:
    raw = json.dumps({"version": 1, "items": {**GOOD, **{k: v for k, (v, _) in BAD.items()}}}, ensure_ascii=False)
    seed(page, raw)
    assert done_count(page) == 3  # every good tick counts
    assert page.input_value("#cf-garbage-collection-url") == "https://blog.example.com/gc"
    box = page.locator("[data-cf-set-aside]")
    assert box.is_visible() and "따로 보관한 기록" in box.inner_text()
    listed = set_aside(page)
    assert set(listed) == set(BAD)  # every bad entry, its id as text
    for bad_id, (_, why) in BAD.items():
        assert why in listed[bad_id], (bad_id, listed[bad_id])
    assert page.evaluate("window.__pwned") is None and box.locator("img").count() == 0  # never markup
    assert page.is_disabled("#cf-threading") and page.is_disabled("#cf-type-hints")  # only deleting frees them

    page.check("#cf-pytest")  # one more tick
    page.reload()
    assert done_count(page) == 4
    assert page.is_checked("#cf-gil") and page.is_checked("#cf-docker") and page.is_checked("#cf-pytest")
    assert page.input_value("#cf-pytest-note") == "fixture 정리\n둘째 줄"
    assert page.input_value("#cf-garbage-collection-note") == "세대별 GC 정리"
    items = json.loads(raw_stored(page))["items"]
    for bad_id, (entry, _) in BAD.items():
        assert items[bad_id] == entry, bad_id  # still stored, exactly as they were
    assert set(set_aside(page)) == set(BAD)
    assert json.loads(raw_stored(page, BACKUP))[0]["raw"] == raw  # the value first rewritten, as it was

    row = page.locator('[data-cf-set-aside-list] > li[data-set-aside="type-hints"]')
    page.once("dialog", lambda d: d.accept())
    row.get_by_role("button").click()
    page.wait_for_function("!document.querySelector('[data-set-aside=\"type-hints\"]')")
    items = json.loads(raw_stored(page))["items"]
    assert "type-hints" not in items and all(items[k] == v for k, (v, _) in BAD.items() if k != "type-hints")
    assert not page.is_disabled("#cf-type-hints")
    rest = {k: v for k, (v, _) in BAD.items() if k != "type-hints"}

    doc = json.loads(download(page, "export-set-aside"))
    assert doc["format"] == KEY and doc["items"] == rest and set(doc["reasons"]) == set(rest)
    assert "기록 6개를 JSON으로 내보냈습니다" in page.locator("[data-cf-status]").inner_text()

    # an import goes through the same store: it leaves the set-aside entries alone
    path = tmp_path / "state.json"
    path.write_text(json.dumps({"format": KEY, "version": 1, "items": {"threading": {"done": True}, "django": {"done": True}}}))
    page.set_input_files('input[data-cf-action="import"]', str(path))
    page.wait_for_function("document.querySelector('#cf-django').checked")
    assert "threading" in page.locator("[data-cf-status]").inner_text()  # named as not imported
    items = json.loads(raw_stored(page))["items"]
    assert items["threading"] == BAD["threading"][0] and items["django"]["done"] is True
    assert all(items[k] == v for k, v in rest.items())

    page.once("dialog", lambda d: d.accept())
    page.click('[data-cf-action="clear"]')  # clears what is understood; set-aside entries are deleted one by one
    assert done_count(page) == 0
    assert json.loads(raw_stored(page))["items"] == rest


@pytest.mark.parametrize("raw", ["{not json", '{"version": 1, "items": ["gil"]}'])
def test_an_unreadable_record_is_reported_and_backed_up_before_the_first_write(page, raw: str) -> None:
    seed(page, raw)
    assert done_count(page) == 0
    notice = page.locator("[data-cf-unreadable]")
    assert notice.is_visible() and "읽을 수 없어" in notice.inner_text() and BACKUP in notice.inner_text()
    assert json.loads(download(page, "export-set-aside"))["unreadable"] == raw
    assert raw_stored(page) == raw and raw_stored(page, BACKUP) is None  # nothing written by reading
    page.check("#cf-gil")
    assert json.loads(raw_stored(page, BACKUP))[0]["raw"] == raw
    assert json.loads(raw_stored(page))["items"]["gil"]["done"] is True
    assert BACKUP in page.locator("[data-cf-status]").inner_text()
    page.reload()
    assert page.is_checked("#cf-gil") and page.locator("[data-cf-set-aside]").is_hidden()


TITLE = "**x** [a](javascript:alert(1)) <img src=x> # h"
NOTES = {  # id -> (done, note, url)
    "gil": (True, "**굵게** [x](y) <b>태그</b>\n둘째 줄: # 제목 아님\n- 목록 아님", "https://blog.example.com/gil"),
    "docker": (True, "<b>bold</b> &amp; [링크](javascript:alert(1)) `code` ~~취소~~ 1. 번호\n\n셋째 줄 C:\\path\\*", ""),
    "pytest": (False, "한 줄 | 표 아님 _기울임_", ""),
}


def test_markdown_keeps_titles_and_notes_literal_and_round_trips(page, tmp_path: Path) -> None:
    page.goto(ROADMAP)
    page.evaluate("(t) => { document.querySelector('[data-item=\"threading\"]').dataset.title = t; }", TITLE)
    page.check("#cf-threading")
    for item, (done, note, url) in NOTES.items():
        if done:
            page.check(f"#cf-{item}")
        page.locator(f'[data-item="{item}"] summary').click()
        page.fill(f"#cf-{item}-note", note)
        if url:
            page.fill(f"#cf-{item}-url", url)
    page.locator("#cf-pytest-note").blur()
    before = json.loads(raw_stored(page))["items"]
    md = download(page, "export-md")
    lines = md.splitlines()
    assert r"- [x] \*\*x\*\* \[a\](javascript:alert(1)) \<img src=x> \# h" in lines  # a title stays text
    i = lines.index(r"- [x] GIL (Global Interpreter Lock) 동작 원리 - [[\*\*굵게\*\* \[x\](y) \<b>태그\</b>]"
                    "(https://blog.example.com/gil)]")
    assert lines[i + 1:i + 3] == [r"  둘째 줄: \# 제목 아님", r"  \- 목록 아님"]  # further lines indented under the item
    i = next(n for n, ln in enumerate(lines) if ln.startswith("- [x] Docker"))
    assert lines[i].endswith(r" - \<b>bold\</b> \&amp; \[링크\](javascript:alert(1)) \`code\` \~\~취소\~\~ 1. 번호")
    assert lines[i + 1:i + 3] == ["", r"  셋째 줄 C:\\path\\\*"]
    assert any(ln.startswith("- [ ] ") and ln.endswith(r" - 한 줄 \| 표 아님 \_기울임\_") for ln in lines)

    page.once("dialog", lambda d: d.accept())
    page.click('[data-cf-action="clear"]')
    assert done_count(page) == 0
    path = tmp_path / "post.md"
    path.write_text(md, encoding="utf-8")
    page.set_input_files('input[data-cf-action="import"]', str(path))
    page.wait_for_function("document.querySelector('#cf-gil').checked")
    after = json.loads(raw_stored(page))["items"]
    assert set(after) == set(before)
    for item in before:
        assert after[item].get("done", False) == before[item].get("done", False), item
        assert (after[item].get("note"), after[item].get("url")) == (before[item].get("note"), before[item].get("url")), item
    assert page.input_value("#cf-docker-note") == NOTES["docker"][1]
