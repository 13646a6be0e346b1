"""Hostile data in Chromium: every page of a build whose every text field, commit subject and tag carries
script-shaped payloads is opened, hovered and focused, and searched; no dialog may ever open."""
from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from conftest import ROOT, make_project, served_build
from test_hostile import SHOWN, git, hostile_copy

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: Poke every element the way a reader would: pointer over it, keyboard focus on it.
POKE = """() => {
  for (const el of document.querySelectorAll('body *')) {
    for (const type of ['mouseover', 'mouseenter', 'focus', 'focusin']) el.dispatchEvent(new Event(type, { bubbles: true }));
    if (typeof el.focus === 'function') el.focus();
  }
}"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    tmp = tmp_path_factory.mktemp("hostile")
    payload = f"{SHOWN['attr-list']} {SHOWN['attribute-break']}"
    project = make_project(tmp / "p", hostile_copy(tmp / "framework", payload))
    (project / "macros").unlink()  # a real copy, so the repository's history holds the project as it is
    shutil.copytree(ROOT / "macros", project / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    git(project, "init", "-q", "-b", "main")
    git(project, "add", ".")
    git(project, "commit", "-qm", "<img src=x onerror=alert(1)> " + SHOWN["links"])
    git(project, "tag", "v1<svg/onload=alert(1)>")
    out = tmp / "site"
    for url in served_build(project, out):
        pages = sorted("/" + p.relative_to(out).as_posix().removesuffix("index.html") for p in out.rglob("*.html"))
        yield url, pages


def test_no_page_opens_a_dialog(chromium, hostile_site: tuple[str, list[str]]) -> None:
    url, pages = hostile_site
    assert len(pages) > 40
    context = chromium.new_context(base_url=url)
    page = context.new_page()
    dialogs: list[tuple[str, str]] = []
    errors: list[str] = []
    page.on("dialog", lambda d: (dialogs.append((page.url, d.message)), d.dismiss()))
    page.on("pageerror", lambda exc: errors.append(f"{page.url}: {exc}"))
    for path in pages:
        page.goto(path)
        page.evaluate(POKE)
    page.goto("/")
    page.locator(".md-search__input").fill("onmouseover")
    page.locator(".md-search__input").dispatch_event("keyup")  # Material reads the box on keyup
    page.locator(".md-search-result__item").first.wait_for()
    page.evaluate(POKE)
    context.close()
    assert dialogs == [] and errors == []
