"""A JD says what is needed at hire and what one grows into: the role level's `must_have`, else the levels below."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURES, FRAMEWORK, edit

from macros.core.loading import check
from macros.site.labels import load_labels
from macros.site.pagekinds import Context
from macros.site.pages import PageBuilder
from macros.site.render import Renderer
from macros.views.common import Facts


def _jd(root: Path, src: str, audience: str = "internal") -> tuple[tuple[str, ...], str]:
    fw, problems = check(root, audience)  # type: ignore[arg-type]
    assert fw is not None, problems
    page = next(p for p in PageBuilder(Context(Facts.of(fw, internal=audience == "internal"), load_labels("en")),
                                       Renderer("en", load_labels("en"))).all() if p.src == src)
    return page.anchors, page.body.html


def _section(html: str, anchor: str) -> str:
    start = html.index(f'id="{anchor}"')
    end = html.find("<h2", start)
    return html[start:end if end > 0 else None]


def test_listed_items_are_needed_at_hire_and_the_rest_is_grown_into() -> None:
    # engineer p2 lists must_have: [a1, secret]; p2 adds a2 (level p2) and e1 (area everyone, level p1 is below)
    anchors, html = _jd(FIXTURES / "every-field", "roles/engineer/p2.md")
    assert "must-have" in anchors and "expected-items" in anchors
    must, grows = _section(html, "must-have"), _section(html, "expected-items")
    assert "Kubernetes 배포" in must and "내부 항목" in must and "두 번째" not in must
    assert "2 items someone joining at this level already shows" in must
    assert "두 번째" in grows and "Kubernetes 배포" not in grows
    assert "1 items this level adds" in grows


def test_the_public_jd_leaves_an_internal_item_out_of_what_is_needed() -> None:
    _, html = _jd(FIXTURES / "every-field", "roles/engineer/p2.md", "public")
    must = _section(html, "must-have")
    assert "Kubernetes 배포" in must and "내부 항목" not in html
    assert "1 items someone joining" in must


def test_without_a_list_the_levels_below_are_needed_at_hire() -> None:
    # the seed lists no must_have: Senior asks at hire what Junior and Mid expect (29 + 79 items, folded, in one sentence
    # that opens the section of what one grows into), and grows into its own 40
    anchors, html = _jd(FRAMEWORK, "roles/python-backend/senior.md")
    assert "must-have" not in anchors
    grows = _section(html, "expected-items")
    assert "Someone joining at this level already does the 108 items the levels below expect." in grows
    assert "40 items this level adds" in grows
    assert grows.index("<details") < grows.index('class="cf-jd-items"')


def test_the_lowest_level_has_nothing_below_to_ask_for() -> None:
    anchors, html = _jd(FRAMEWORK, "roles/python-backend/junior.md")
    assert "must-have" not in anchors
    assert "items expected at this level" in _section(html, "expected-items")


@pytest.mark.parametrize("level_line, item, message", [
    ("p1: {title: 엔지니어 1,", "a2", "item 'a2' is expected from level 'p2', which is not at or below 'p1'"),
    ("p1: {title: 엔지니어 1,", "a3", "item 'a3' is expected from level 'm3', which is not at or below 'p1'"),
    ("p1: {title: 엔지니어 1,", "nope", "unknown item 'nope'"),
])
def test_a_must_have_above_the_level_is_refused(career, tmp_path, level_line, item, message) -> None:
    import shutil
    root = tmp_path / "fw"
    shutil.copytree(FIXTURES / "every-field", root)
    edit(root / "roles/engineer.yml", level_line, f"{level_line} must_have: [{item}],")
    result = career("check", str(root))
    assert result.returncode == 1
    err = result.stderr
    assert re.search(rf"roles/engineer\.yml:15:\d+: error: {re.escape(message)}", err), err
