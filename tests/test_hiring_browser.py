"""A recruiter on a JD page of the internal site: the job-post documents download byte for byte as `career export`
writes them (the public audience's framework), and the JD's stable link copies with one click."""
from __future__ import annotations

import browser
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]
JD = "/roles/python-backend/senior/"


@pytest.fixture
def page(chromium, base_url: str):
    for pg in browser.watched_page(chromium, base_url, accept_downloads=True):
        pg.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
        yield pg


@pytest.mark.parametrize("link, args", [
    ("ATS용 HTML 내려받기", ("--format", "ats")),
    ("ATS용 텍스트 내려받기", ("--format", "ats", "--plain")),
    ("JobPosting JSON-LD 초안 내려받기", ("--format", "jobposting", "--draft")),
])
def test_downloads_are_what_the_cli_writes(page, career, tmp_path, link: str, args: tuple[str, ...]) -> None:
    page.goto(JD)
    with page.expect_download() as info:
        page.get_by_role("link", name=link).click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    cli = career("export", *args, "--role", "python-backend", "--level", "senior")
    assert cli.returncode == 0, cli.stderr
    assert saved.read_bytes() == cli.stdout.encode("utf-8")


def test_the_stable_link_copies(page, base_url: str) -> None:
    """The test build names no public site (only an https address would count), so the link is the JD's path on it;
    tests/test_hiring.py checks the address with one."""
    page.goto(JD)
    field = page.locator("[data-cf-copy]")
    assert field.input_value() == JD
    button = page.locator("[data-cf-copy-button]")
    button.click()
    assert page.evaluate("navigator.clipboard.readText()") == JD
    assert button.inner_text() == "복사했습니다"
