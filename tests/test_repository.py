"""Repository tooling: CI workflows, pre-commit, CODEOWNERS, CONTRIBUTING; changelog and edit links on the site."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, build_site, make_project
from site_html import Site


def test_codeowners_and_contributing() -> None:
    owners = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert any(line.startswith("/framework/ ") for line in owners.splitlines())
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for heading in ("웹 편집기", "검사가 알려 주는 것", "변경 보고서 읽기", "aliases"):
        assert heading in guide


@pytest.mark.slow
def test_changelog_version_and_edit_links(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build_site(ROOT, out, CAREER_REPO_URL="https://git.example.org/team/framework").returncode == 0
    site = Site(out)
    log = site.page("/changelog/")
    assert any(i.startswith("commit-") for i in log.ids)
    assert "프레임워크" in site.page("/").text and "md-copyright" in site.page("/").source
    area = site.page("/competencies/python-core/")
    section = area.content().split('id="gil"')[1].split("<h3")[0]
    assert "framework/competencies/01-python-core.yml:" in section and "마지막 변경" in section
    assert "https://git.example.org/team/framework/edit/main/framework/competencies/01-python-core.yml" in section
    assert "/issues/new?title=" in section and "item%3Agil" in section
    assert "/edit/main/framework/roles/python-backend.yml" in site.page("/roles/python-backend/mid/").source


@pytest.mark.slow
def test_build_without_git_history_says_so(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")  # a plain folder, like an unpacked tarball
    assert build_site(project, tmp_path / "site").returncode == 0
    text = Site(tmp_path / "site").page("/changelog/").text
    assert "git 기록 없이" in text
