"""The reader's site in Chromium: every page kind accessible at desktop and phone widths, no sideways
scrolling on a phone, charts reachable by keyboard, interview kits that print short."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import browser
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: One page of every kind the site has (generated and hand-written).
PAGE_KINDS = {
    "home": "/", "roles": "/roles/", "role": "/roles/python-backend/", "jd": "/roles/python-backend/mid/",
    "diff": "/roles/python-backend/mid-to-senior/", "matrix": "/roles/python-backend/matrix/",
    "matrix-area": "/roles/python-backend/matrix/python-core/", "checklist": "/roles/python-backend/junior/checklist/",
    "whole-checklist": "/checklist/", "kit": "/roles/python-backend/senior/interview/", "levels": "/levels/",
    "level": "/levels/senior/", "progression": "/progression/", "competencies": "/competencies/",
    "area": "/competencies/data-storage/", "kpis": "/kpis/", "roadmap": "/roadmap/", "glossary": "/glossary/",
    "interview": "/interview/", "bank": "/interview/backend-architecture/", "changelog": "/changelog/",
    "linking": "/linking/", "benchmarks": "/benchmarks/", "english-jd": "/en/roles/python-backend/mid/",
}


@pytest.fixture(scope="module")
def base_url(served_site: Callable[[str], tuple[str, Path]]) -> str:
    return served_site("ko,en")[0]


def open_page(chromium, base_url: str, url: str, width: int):
    context = chromium.new_context(base_url=base_url, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(url)
    return context, page


@pytest.fixture(scope="module")
def reader(chromium, base_url: str) -> Iterator[Callable[[str, int], object]]:
    """For the tests that only look: one browser page per viewport width, kept for the module (a new context costs
    more than the check); each call loads its URL afresh."""
    pages: dict[int, object] = {}

    def open_at(url: str, width: int):
        if width not in pages:
            pages[width] = chromium.new_context(base_url=base_url, viewport={"width": width, "height": 900}).new_page()
        page = pages[width]
        page.goto(url)
        return page

    yield open_at
    for page in pages.values():
        page.context.close()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_no_serious_accessibility_violation(reader, kind: str, width: int) -> None:
    source = browser.axe_source()
    browser.require(source is not None, "axe-core is missing: run `make test` (it fetches axe-core with npm)")
    page = reader(PAGE_KINDS[kind], width)
    page.add_script_tag(content=source)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in result["violations"]
           if v["impact"] in ("serious", "critical")]
    assert bad == []


@pytest.mark.parametrize("kind", ["home", "jd", "checklist", "whole-checklist", "matrix", "kit", "area", "diff"])
def test_no_sideways_scrolling_on_a_small_phone(reader, kind: str) -> None:
    width = reader(PAGE_KINDS[kind], 360).evaluate("document.documentElement.scrollWidth")
    assert width <= 360


def test_links_in_text_are_underlined(chromium, base_url: str) -> None:
    context, page = open_page(chromium, base_url, PAGE_KINDS["jd"], 1280)
    decoration = page.evaluate("getComputedStyle(document.querySelector('article .cf-meta a')).textDecorationLine")
    context.close()
    assert decoration == "underline"


def test_heatmap_cells_are_keyboard_links(chromium, base_url: str) -> None:
    context, page = open_page(chromium, base_url, PAGE_KINDS["matrix"], 1280)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    cells = page.locator(".cf-heatmap td a")
    assert cells.count() == 8 * 4  # 8 areas × 4 levels
    named = page.locator(".cf-heatmap").get_by_role("link", name=re.compile(r"^\d+ · .+ · Junior에서 새로 기대하는 것$"))
    assert named.count() == 8  # screen readers hear the count, the area and the level
    cells.first.focus()
    cells.first.hover()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    context.close()
    assert page.url.endswith("/roles/python-backend/matrix/python-core/") and errors == []


def test_home_leads_with_three_journeys_of_links(chromium, base_url: str) -> None:
    context, page = open_page(chromium, base_url, "/", 1280)
    journeys = page.locator(".cf-journey")
    assert journeys.count() == 3
    for i in range(3):
        links = journeys.nth(i).locator("ol a")
        assert links.count() >= 2
        for j in range(links.count()):
            href = links.nth(j).evaluate("a => a.href")
            assert href.startswith(base_url + "/")  # every journey stays on this site
    context.close()


@pytest.mark.parametrize("level", ["junior", "mid", "senior", "lead"])
def test_interview_kit_prints_on_at_most_four_pages(chromium, base_url: str, level: str) -> None:
    context, page = open_page(chromium, base_url, f"/roles/python-backend/{level}/interview/", 1280)
    pdf = page.pdf(format="A4")
    page.emulate_media(media="print")
    heading_bottom = page.evaluate("document.querySelector('#scorecard').getBoundingClientRect().bottom")
    first_row_top = page.evaluate("document.querySelector('.cf-kit-fields').getBoundingClientRect().top")
    context.close()
    assert 1 <= len(re.findall(rb"/Type\s*/Page[^s]", pdf)) <= 4
    assert first_row_top - heading_bottom < 120  # the scorecard heading stays with the sheet's fields
