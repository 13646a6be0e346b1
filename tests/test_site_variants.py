"""Builds of modified projects: a second role from YAML alone, edits, hostile text, invalid data."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, build_site, edit, find, item_list, make_project, modify
from site_html import Site, unresolved

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
    assert len(rows) == 5 + 4 + 5  # one per group of its three areas (the seed's areas 1, 3 and 4)
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


def test_links_follow_use_directory_urls_false(tmp_path: Path) -> None:
    """On main every generated link assumed directory URLs (and the build's own link check did not notice)."""
    project = make_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nuse_directory_urls: false\n", encoding="utf-8")
    for released in (project / "framework").glob("published-urls*.json"):
        released.unlink()  # the released lists hold directory URLs: switching the URL style breaks them, and says so
    result = build_site(project, tmp_path / "site", languages="ko,en")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    assert (site / "roles" / "python-backend" / "senior.html").is_file()
    assert (site / "en" / "roles" / "python-backend" / "senior.html").is_file()
    jd = (site / "roles" / "python-backend" / "senior.html").read_text(encoding="utf-8")
    assert 'href="../../competencies/python-core.html#' in jd
    urls = json.loads((site / "urls.json").read_text(encoding="utf-8"))
    assert "/roles/python-backend/senior.html" in urls["pages"]
    assert unresolved(site) == []


def test_an_english_main_edition_has_its_own_addresses(tmp_path: Path) -> None:
    """With `languages: [en, ko]` English is at / and Korean at /ko/: structured data and /api/ say so (on main they
    pointed at /en/... for pages served at /...)."""
    project = make_project(tmp_path / "p")
    for released in (project / "framework").glob("published-urls*.json"):
        released.unlink()  # the released lists are of a Korean-first site
    result = build_site(project, tmp_path / "site", site_url="https://careers.example.org/", languages="en,ko")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    jd = (site / "roles" / "python-backend" / "senior" / "index.html").read_text(encoding="utf-8")
    ld = json.loads(jd.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert ld["url"] == "https://careers.example.org/roles/python-backend/senior/" and ld["inLanguage"] == "en"
    api = json.loads((site / "api" / "roles" / "python-backend" / "senior.json").read_text(encoding="utf-8"))
    assert api["url"] == "https://careers.example.org/roles/python-backend/senior/"
    korean = json.loads((site / "ko" / "api" / "roles" / "python-backend" / "senior.json").read_text(encoding="utf-8"))
    assert korean["url"] == "https://careers.example.org/ko/roles/python-backend/senior/" and korean["language"] == "ko"
    assert "/ko/roles/python-backend/senior/" in json.loads((site / "ko" / "urls.json").read_text(encoding="utf-8"))["pages"]
