"""Any two levels of a ladder can be compared, statements side by side: a reader picks the pair on the role page."""
from __future__ import annotations

import re

import browser
import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def page(chromium, base_url: str):
    yield from browser.watched_page(chromium, base_url, viewport={"width": 1280, "height": 800})


def test_the_role_page_offers_every_pair_and_junior_to_senior_compares_side_by_side(page) -> None:
    page.goto("/roles/python-backend/")
    pairs = page.locator(".cf-compare-pick a").all_inner_texts()
    # four levels: every lower level with every higher one (6 pairs), stated by hand
    assert pairs == ["Junior → Mid", "Junior → Senior", "Junior → Lead", "Mid → Senior", "Mid → Lead", "Senior → Lead"]
    page.get_by_role("link", name="Junior → Senior").click()
    page.wait_for_url("**/roles/python-backend/junior-to-senior/")
    expect(page.locator("h1")).to_have_text(re.compile(r"^Junior → Senior"))  # instant navigation swaps the page in
    duties = page.locator("#duties-added ~ table.cf-compare").first
    assert duties.locator("thead th").all_inner_texts() == ["Junior", "Senior"]
    lower, upper = duties.locator("tbody td").all()
    assert "Django/FastAPI 기반 API 및 비즈니스 로직 구현" in lower.inner_text()  # a Junior duty (seed 000)
    assert "대규모 트래픽 환경에서의 서버 아키텍처 설계" in upper.inner_text()  # a Senior duty
    left, right = lower.bounding_box(), upper.bounding_box()
    assert left and right and left["x"] + left["width"] <= right["x"] + 1 and abs(left["y"] - right["y"]) < 1  # side by side
    # the steps between: Junior → Mid and Mid → Senior, each linking to its own page
    steps = page.locator("#steps ~ table th[scope=row] a").all_inner_texts()
    assert steps == ["Junior → Mid", "Mid → Senior"]


def test_a_pair_in_the_wrong_order_is_not_a_page(page, base_url: str) -> None:
    response = page.goto("/roles/python-backend/senior-to-junior/")
    assert response is not None and response.status == 404
