"""Builds of modified projects: a second role from YAML alone, edits, hostile text, invalid data."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, build_site, edit, find, item_list, make_project, modify
from site_html import Site

pytestmark = pytest.mark.slow


def test_second_role_renders_with_no_code_change(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    shutil.copy(FIXTURES / "roles" / "data-engineer.yml", project / "framework" / "roles" / "data-engineer.yml")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = Site(tmp_path / "site")
    for level in ("junior", "mid", "senior"):
        assert f"{level.capitalize()} Data Engineer" in site.page(f"/roles/data-engineer/{level}/").text
    assert not (tmp_path / "site" / "roles" / "data-engineer" / "lead").exists()
    assert "분석 플랫폼 아키텍처 설계" in site.page("/roles/data-engineer/mid-to-senior/").text
    matrix = site.page("/roles/data-engineer/matrix/")
    assert "OLAP/분석형 DB" in matrix.text and "웹 프레임워크" not in matrix.text  # only the role's areas
    table = re.search(r'<table class="cf-matrix.*?</table>', matrix.content(), re.S).group(0)  # not the heat map above it
    header = re.search(r"<thead>(.*?)</thead>", table, re.S).group(1)
    rows = re.findall(r"<tr>(.*?)</tr>", re.search(r"<tbody>(.*?)</tbody>", table, re.S).group(1), re.S)
    assert header.count("<th") == 2 + 4  # area, group and one column per level
    assert all(row.count("<td") + row.count("<th") == 2 + 4 for row in rows)
    assert 'href="roles/data-engineer/"' in site.page("/").source  # in the sidebar and the home page
    area = site.page("/competencies/data-storage/")
    assert 'href="../../roles/data-engineer/mid/"' in area.source
    assert "Data Engineer" in site.page("/roles/").text


def test_a_yaml_edit_alone_changes_the_site(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    edit(project / "framework" / "roles" / "python-backend.yml", "ORM, Serializer, Viewset 등 기본 구성요소 작성", "새로운 업무 문장 확인용")
    edit(project / "framework" / "competencies" / "01-python-core.yml", "      - id: gil\n", "      - id: new-item\n        title: 새 항목 확인용\n      - id: gil\n")
    assert build_site(project, tmp_path / "site").returncode == 0
    site = Site(tmp_path / "site")
    assert "새로운 업무 문장 확인용" in site.page("/roles/python-backend/junior/").section_items("duties")
    assert "new-item" in site.page("/competencies/python-core/").ids


HOSTILE = "[클릭](javascript:alert(1)) *굵게* `코드` # 제목 { #evil } a < b | c && d \\ e"


def test_markdown_and_link_syntax_in_data_renders_inert(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    modify(project / "framework" / "competencies" / "01-python-core.yml",
           lambda a: find(item_list(a, "python-internals"), id="gil")["title"].update(ko=HOSTILE))
    modify(project / "framework" / "roles" / "python-backend.yml",
           lambda r: r["levels"]["junior"]["duties"].__setitem__(0, HOSTILE))
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = Site(tmp_path / "site")
    for url in ("/competencies/python-core/", "/roles/python-backend/junior/"):
        page = site.page(url)
        assert HOSTILE in page.text, url
        body = page.content()
        assert "javascript:" not in " ".join(page.links)
        assert "<em>굵게</em>" not in body and "<code>코드</code>" not in body and 'id="evil"' not in body


@pytest.mark.parametrize("text, message", [
    ("{{ 7*7 }}", "template syntax '{{'"),
    ("<script>alert(1)</script>", "raw HTML '<script>'"),
])
def test_invalid_data_fails_the_build_with_check_messages(tmp_path: Path, text: str, message: str) -> None:
    project = make_project(tmp_path / "p")
    path = project / "framework" / "competencies" / "01-python-core.yml"
    edit(path, "ko: Garbage Collection 메커니즘", f"ko: {json.dumps(text)}")
    line = next(i for i, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if json.dumps(text) in ln)
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 1
    assert f"framework/competencies/01-python-core.yml:{line}:" in result.stderr
    assert f"error: text contains {message}" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "competencies").exists()
