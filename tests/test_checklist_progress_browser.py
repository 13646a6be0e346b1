"""A level checklist keeps progress in view, jumps per area, reports the whole gap to the next level and shows which
items have notes (issue 25, "Engineers" 2–5). In Chromium at desktop and phone widths; the gap counts are stated by
hand from the seed's YAML."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import browser
import pytest

KEY = "career-framework-records"
SENIOR = "/roles/python-backend/senior/checklist/"
WIDTHS = {1280: 800, 390: 844}  # viewport width -> height

#: The seed's areas in order (framework/competencies/01-08): the Senior checklist has a heading for each (area 8 only
#: through what Lead adds).
AREAS = ["python-core", "backend-architecture", "data-storage", "infra-devops", "security-reliability",
         "performance-scalability", "collaboration-leadership", "future-leadership"]

#: What Lead adds to python-backend, counted by hand in framework/competencies/*.yml (items whose own `level:`, or
#: else their group's, is `lead`):
#: - 07-collaboration-leadership.yml: technology-radar (item level), chapter-operation, tech-branding (item level) = 3
#: - 08-future-leadership.yml: system-design 4, ml-ai-services 4, domain-driven-growth 4, enterprise-quality 5 = 17
#:   (every group of the area is `level: lead`; no item overrides it)
#: No other area has an item at Lead.
LEAD_ADDS = {"collaboration-leadership": 3, "future-leadership": 17}
LEAD_TOTAL = 20
#: Up to Senior the seed expects 148 items (what the Senior page counts), none of them in future-leadership.
SENIOR_TOTAL = 148


@pytest.fixture
def open_at(chromium, base_url: str) -> Iterator[Callable[..., object]]:
    """A fresh browser context (empty storage) at a viewport width; page errors fail the test."""
    contexts, errors = [], []

    def open_page(width: int = 1280):
        context = chromium.new_context(base_url=base_url, viewport={"width": width, "height": WIDTHS[width]},
                                       accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert errors == [], errors


def box(page, selector: str) -> dict:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, selector
    return found


def stored(page) -> dict:
    raw = page.evaluate(f"localStorage.getItem('{KEY}')")
    doc = json.loads(raw) if raw else {}
    return doc["records"][doc["mine"]]["entries"] if doc.get("mine") else {}


# 1. progress in view -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("width", sorted(WIDTHS))
@pytest.mark.browser
@pytest.mark.slow
def test_the_progress_bar_stays_in_view_to_the_bottom(open_at, width: int) -> None:
    page = open_at(width)
    page.goto(SENIOR)
    assert page.evaluate("document.documentElement.scrollHeight") > 15000  # a long page: 19,000 px at 1280, 24,800 at 390
    header = box(page, ".md-header")
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_function("window.scrollY > 10000")
    bar = box(page, "[data-cf-progress-bar]")
    viewport = page.viewport_size
    assert header["y"] + header["height"] - 1 <= bar["y"]  # below Material's header, not under it
    assert bar["y"] + bar["height"] <= viewport["height"] and bar["x"] >= 0 and bar["x"] + bar["width"] <= viewport["width"]
    assert bar["height"] < 60  # compact: one line of counts and the bar (two lines on a phone)
    for hook in ("done", "total", "percent"):  # the hooks live in the bar, seen wherever the reader is
        assert page.locator(f"[data-cf-progress-bar] [data-cf-{hook}]").is_visible()
    last = page.locator('.cf-item[data-scope="new"]').last  # tick an item far down the page: the bar counts it
    last.locator(".cf-check").check()
    assert page.locator("[data-cf-done]").inner_text() == "1" and page.locator("[data-cf-total]").inner_text() == str(SENIOR_TOTAL)
    assert page.locator("[data-cf-progress]").get_attribute("value") == "1"
    assert box(page, "[data-cf-progress-bar]")["y"] == bar["y"]  # still in place
    page.emulate_media(media="print")
    assert not page.locator("[data-cf-progress-bar]").is_visible()  # not printed


# 2. per-area jump links ----------------------------------------------------------------------------------------------
def heading_clear_of_bar(page, anchor: str) -> None:
    """The heading one jumped to is in the viewport, below the sticky bar (not under it)."""
    page.wait_for_function("""(id) => { const el = document.getElementById(id), r = el && el.getBoundingClientRect();
        if (!r || !r.height || r.top < 0 || r.bottom > innerHeight) return false;
        const was = window.__cfLanded; window.__cfLanded = r.top;
        return was === r.top; }""", arg=anchor, polling=100)  # in view, and at rest (the same place twice)
    heading, bar = box(page, f"#{anchor}"), box(page, "[data-cf-progress-bar]")
    assert heading["y"] >= bar["y"] + bar["height"], (anchor, heading, bar)
    assert heading["y"] + heading["height"] <= page.viewport_size["height"]
    assert page.locator(f"#{anchor}").is_visible()


@pytest.mark.browser
@pytest.mark.slow
def test_the_table_of_contents_has_one_jump_link_per_area(open_at) -> None:
    page = open_at(1280)
    page.goto(SENIOR)
    toc = page.locator(".md-sidebar--secondary nav.md-nav--secondary")  # Material writes its links as full addresses
    hashes = toc.locator("a").evaluate_all("as => as.map(a => a.hash)")
    assert [h for h in hashes if h.startswith("#area-")] == [f"#area-{a}" for a in AREAS]
    for area in AREAS:  # each a real heading, under the page's section of items
        heading = page.locator(f"h3#area-{area}")
        assert heading.count() == 1 and heading.get_attribute("data-cf-area") == area
    assert [h for h in hashes if not h.startswith("#area-")] == ["#level-items", "#gap"]
    for area in ("data-storage", "infra-devops", "python-core"):  # down, further down, back up
        toc.locator(f'a[href$="#area-{area}"]').click()
        heading_clear_of_bar(page, f"area-{area}")
    assert page.locator('[data-cf-filter="all"]').get_attribute("aria-checked") == "true"
    # area 8 holds only what Lead adds, which the default view hides: the jump shows the gap to Lead and lands there
    toc.locator('a[href$="#area-future-leadership"]').click()
    heading_clear_of_bar(page, "area-future-leadership")
    assert page.locator('[data-cf-filter="gap"]').get_attribute("aria-checked") == "true"
    assert page.locator('[data-item="sla-slo-design"]').is_visible()


@pytest.mark.browser
@pytest.mark.slow
def test_an_area_address_lands_clear_of_the_bar_on_a_phone(open_at) -> None:
    page = open_at(390)
    page.goto(SENIOR)
    page.evaluate("location.hash = '#area-security-reliability'")
    heading_clear_of_bar(page, "area-security-reliability")
    page.goto(SENIOR + "#area-future-leadership")  # an address to what the default view hides
    heading_clear_of_bar(page, "area-future-leadership")


@pytest.mark.slow
def test_the_area_anchors_join_the_url_list(served_site: Callable[[str], tuple[str, Path]]) -> None:
    """The area headings are recorded as stable anchors (the URL list and `career urls` list them); the released
    ones all remain."""
    doc = json.loads((served_site("ko")[1] / "urls.json").read_text(encoding="utf-8"))
    anchors = doc["pages"][SENIOR]
    assert [a for a in anchors if a.startswith("area-")] == [f"area-{a}" for a in AREAS]
    released = json.loads((Path(__file__).resolve().parent.parent / "framework" / "published-urls.json")
                          .read_text(encoding="utf-8"))["pages"][SENIOR]
    assert set(released) <= set(anchors)


# 3. the whole gap ----------------------------------------------------------------------------------------------------
@pytest.mark.browser
@pytest.mark.slow
def test_the_gap_to_lead_lists_every_area_lead_adds_to(open_at) -> None:
    page = open_at(1280)
    page.goto(SENIOR)
    rows = page.locator("[data-cf-area-progress]")
    with_next = {}
    for i in range(rows.count()):
        row = rows.nth(i)
        if row.locator("[data-cf-area-next]").count():
            with_next[row.get_attribute("data-cf-area-progress")] = (
                row.locator("[data-cf-area-next-count]").inner_text(), row.locator("[data-cf-area-next]").get_attribute("max"))
    assert with_next == {area: (f"0 / {n}", str(n)) for area, n in LEAD_ADDS.items()}
    assert sum(LEAD_ADDS.values()) == LEAD_TOTAL
    assert f"{LEAD_TOTAL}개" in page.locator("#gap + p").inner_text()
    future = page.locator('[data-cf-area-progress="future-leadership"]')
    assert "Senior까지는 없음" in future.inner_text() and future.locator("[data-cf-area-bar]").count() == 0
    assert page.locator('.cf-item[data-scope="next"]').count() == LEAD_TOTAL
    page.click('[data-cf-filter="gap"]')
    page.check("#cf-capacity-planning")
    assert future.locator("[data-cf-area-next-count]").inner_text() == "1 / 17"
    assert page.locator("[data-cf-done]").inner_text() == "0"  # Lead's items count towards Lead, not this level


def test_the_senior_view_has_a_row_for_every_area_lead_adds_to(fw) -> None:
    from macros.views.common import Facts
    from macros.views.roles import checklist

    v = checklist(Facts.of(fw), fw.role("python-backend"), fw.level("senior"))
    assert v.next_by_area == LEAD_ADDS and v.next_count == LEAD_TOTAL
    assert [a.id for a, _ in v.areas] == AREAS
    assert {a.id: n for a, n in v.areas}["future-leadership"] == 0  # nothing up to Senior; its row is Lead's


# 4. which items have notes -------------------------------------------------------------------------------------------
@pytest.mark.browser
@pytest.mark.slow
def test_items_with_a_note_or_evidence_are_marked_after_a_reload(open_at) -> None:
    page = open_at(1280)
    page.goto(SENIOR)
    assert page.locator("[data-cf-has-note]:visible").count() == 0
    page.locator('[data-item="gil"] summary').click()
    page.locator("#cf-gil-note").press_sequentially("GIL 해제 시점")
    page.locator('[data-item="docker"] summary').click()
    page.fill("#cf-docker-url", "https://blog.example.com/docker")  # a link alone is evidence
    page.locator('[data-item="pytest"] summary').click()  # opened, left empty
    page.reload()
    marks = page.locator("[data-cf-has-note]:visible")
    assert marks.count() == 2
    for item in ("gil", "docker"):
        mark = page.locator(f'[data-item="{item}"] [data-cf-has-note]')
        assert mark.is_visible() and mark.inner_text().strip() == "📝 메모 있음"  # words and an icon, not colour alone
        assert page.locator(f'[data-item="{item}"] details.cf-note').get_attribute("open") is not None  # open: it has content
    assert page.locator("#cf-gil-note").is_visible() and page.input_value("#cf-gil-note") == "GIL 해제 시점"
    assert page.locator('[data-item="pytest"] details.cf-note').get_attribute("open") is None  # empty boxes stay closed
    assert not page.locator('[data-item="pytest"] [data-cf-has-note]').is_visible()
    page.fill("#cf-gil-note", "")  # emptied: the mark goes at once
    assert not page.locator('[data-item="gil"] [data-cf-has-note]').is_visible()


# 5. Markdown round trip of multi-line notes ------------------------------------------------------------------------
NOTES = [  # (note, learning link or "", ticked); 12 of the 20 span several lines
    ("한 줄 메모", "", True),
    ("첫 줄\n둘째 줄", "", False),
    ("근거:\n- PR #123 리뷰\n- 장애 회고 문서", "https://blog.example.com/a", True),
    ("1. 읽기\n2. 정리\n3) 발표", "", False),
    ("문단 하나\n\n문단 둘 (빈 줄 하나)", "", True),
    ("# 제목 아님\n> 인용 아님\n+ 더하기 아님", "", False),
    ("**굵게 아님** _기울임 아님_ `코드 아님`", "https://blog.example.com/b?x=1&y=2", False),
    ("들여쓴 줄 아래:\n    네 칸 들여쓴 코드처럼\n\t탭으로 시작", "", True),
    ("- [x] 항목처럼 보이는 줄\n* [ ] 이것도", "", False),
    ("링크처럼 [a](b) 와 [[c](d)]", "", True),
    ("역슬래시 C:\\temp\\x 와 파이프 | 와 <b>태그</b> &amp;", "", False),
    ("세 줄\n\n\n두 빈 줄 뒤", "/2025/10/12/post.html", True),
    ("끝 줄 뒤 - 하이픈 - 둘", "", False),
    ("GIL 정리 - 2부", "https://blog.example.com/c", True),
    ("English note\nwith a second line", "", False),
    ("이모지 ✅ 와 한자 漢字", "", True),
    ("둘째 줄이 숫자\n2024. 회고", "", False),
    ("첫 줄\n  두 칸 들여쓴 둘째 줄\n셋째 줄", "", True),
    ("#해시태그로 시작", "", False),
    ("마지막 메모\n= 등호로 시작하는 줄\n~물결", "", True),
]


@pytest.mark.browser
@pytest.mark.slow
def test_markdown_export_and_import_keep_twenty_notes_identical(open_at, tmp_path: Path) -> None:
    assert len(NOTES) == 20 and sum("\n" in n for n, _, _ in NOTES) == 12
    page = open_at(1280)
    page.goto(SENIOR)
    counted = page.locator('.cf-item:not([data-scope="next"])').evaluate_all("lis => lis.map(li => li.dataset.item)")
    items = counted[::7][:20]  # spread over every area of the page
    assert len(items) == 20
    browser.write_notes(page, [(item, ticked, note, url) for item, (note, url, ticked) in zip(items, NOTES, strict=True)])
    before = stored(page)
    assert {i: (before[i].get("note"), before[i]["status"]) for i in items} == \
        {i: (n, "met" if t else "not-yet") for i, (n, _, t) in zip(items, NOTES, strict=True)}
    with page.expect_download() as d:
        page.click('[data-cf-action="export-md"]')
    md = Path(d.value.path()).read_text(encoding="utf-8")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click('[data-cf-action="clear"]')
    assert stored(page) == {}
    path = tmp_path / "checklist.md"
    path.write_text(md, encoding="utf-8")
    page.set_input_files('input[data-cf-action="import"]', str(path))
    page.wait_for_function("document.querySelector('[data-cf-status]').textContent.includes('가져왔습니다')")
    after = stored(page)
    link = lambda e: e["evidence"][0]["url"] if e.get("evidence") else ""  # noqa: E731
    assert set(after) == set(items)
    identical = [i for i in items if (after[i].get("note"), link(after[i]), after[i]["status"]) ==
                 (before[i].get("note"), link(before[i]), before[i]["status"])]
    assert identical == items, [(i, before[i].get("note"), after[i].get("note")) for i in items if i not in identical]
    for item, (note, url, ticked) in zip(items, NOTES, strict=True):  # and the page shows them so
        assert page.input_value(f"#cf-{item}-note") == note and page.input_value(f"#cf-{item}-url") == url
        assert page.is_checked(f"#cf-{item}") == ticked
        assert page.locator(f'[data-item="{item}"] [data-cf-has-note]').is_visible()
