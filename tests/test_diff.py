"""`career diff` on a temporary git repository: each kind of change is reported in people's terms."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FRAMEWORK, edit, run_career

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(FRAMEWORK, root / "framework")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-qm", "base")
    return root


def diff(repo: Path, *args: str, fmt: str = "markdown"):
    return run_career("diff", *args, "--path", str(repo / "framework"), "--format", fmt, cwd=repo)


def test_each_kind_of_change_is_reported(repo: Path) -> None:
    fw = repo / "framework"
    core = fw / "competencies" / "01-python-core.yml"
    edit(core, "      - id: gil\n", "      - id: gil-internals\n        aliases: [gil]\n")  # renamed
    edit(core, "title: Garbage Collection 메커니즘", "title: GC 메커니즘과 튜닝")  # retitled
    edit(core, "      - id: threading\n        title: threading 멀티스레딩\n", "      - id: threading\n        title: threading 멀티스레딩\n        level: mid\n")  # moved level
    edit(core, "      - id: pytest\n", "      - id: new-item\n        title: 새 항목\n      - id: pytest\n")  # added
    edit(core, "      - id: coverage\n        title: coverage.py 코드 커버리지\n", "")  # removed
    role = fw / "roles" / "python-backend.yml"
    edit(role, "      - 주니어 리뷰 및 기술적 가이드 제공\n", "      - 주니어 리뷰 및 기술적 가이드 제공\n      - 온콜 운영 참여\n")
    edit(role, "      - ORM 최적화 및 쿼리 플랜 분석", "      - ORM 최적화, 쿼리 플랜과 인덱스 분석")
    edit(fw / "levels.yml", "focus: 시스템 설계 / 성능 최적화 / 기술 리더십", "focus: 시스템 설계 / 기술 리더십")
    edit(fw / "kpis.yml", "      - PR 처리 시간\n", "      - PR 처리 시간\n      - 배포 빈도\n")
    edit(fw / "interview" / "query-tuning.yml", "1분 이상 걸리던 쿼리를", "오래 걸리던 쿼리를")
    moved = fw / "competencies" / "02-backend-architecture.yml"
    edit(moved, "      - id: cqrs\n", "      - id: cqrs-pattern\n")
    git(repo, "commit", "-qam", "change")

    md = diff(repo, "HEAD~1", "HEAD")
    assert md.returncode == 0, md.stderr
    out = md.stdout
    assert "#### Python Backend Engineer · Mid (Mid Backend Engineer)" in out
    assert "- 새로 기대하는 항목: “threading 멀티스레딩” (`threading`, Junior에서 이동)" in out
    assert "- 주요 업무 추가: “온콜 운영 참여”" in out
    assert "- 핵심 역량 변경: “ORM 최적화 및 쿼리 플랜 분석” → “ORM 최적화, 쿼리 플랜과 인덱스 분석”" in out
    assert "- 역량 항목 id 변경: `gil-internals`: `gil` → `gil-internals`" in out
    assert "- 역량 항목 제목 변경: `garbage-collection`: “Garbage Collection 메커니즘” → “GC 메커니즘과 튜닝”" in out
    assert "- 역량 항목 기대 레벨 이동: `threading`: Junior → Mid" in out
    assert "- 역량 항목 추가: `new-item`: “새 항목”" in out
    assert "- 역량 항목 삭제: `coverage`: “coverage.py 코드 커버리지”" in out
    assert "- 역량 항목 삭제: `cqrs`" in out and "- 역량 항목 추가: `cqrs-pattern`" in out  # no alias: not a rename
    assert "- 레벨 변경: `senior` 역할 초점: “시스템 설계 / 성능 최적화 / 기술 리더십” → “시스템 설계 / 기술 리더십”" in out
    assert "- 평가 지표 추가: `productivity`: “배포 빈도”" in out
    assert "- 면접 질문 변경: `query-tuning` 질문: “1분 이상 걸리던" in out

    data = json.loads(diff(repo, "HEAD~1", "HEAD", fmt="json").stdout)
    kinds = {(c["entity"], c["kind"], c["id"]) for c in data["changes"]}
    assert ("item", "moved-level", "threading") in kinds and ("item", "renamed", "gil-internals") in kinds
    assert data["counts"]["역량 항목"] >= 6 and data["errors"] == {}


def test_moved_group_and_working_tree(repo: Path) -> None:
    core = repo / "framework" / "competencies" / "01-python-core.yml"
    text = core.read_text(encoding="utf-8")
    block = "      - id: gil\n        title: GIL (Global Interpreter Lock) 동작 원리\n"
    core.write_text(text.replace(block, "").replace("      - id: cprofile-profiling\n", block + "      - id: cprofile-profiling\n"),
                    encoding="utf-8")
    out = diff(repo, "HEAD").stdout  # HEAD against the working tree
    assert "`작업 트리`" in out
    assert "- 역량 항목 그룹 이동: `gil`: 그룹 `python-internals` → `performance-optimization`" in out


def test_identical_revisions_give_an_empty_report(repo: Path, tmp_path: Path) -> None:
    out = diff(repo, "HEAD", "HEAD")
    assert out.returncode == 0 and "변경 사항이 없습니다." in out.stdout
    assert json.loads(diff(repo, "HEAD", "HEAD", fmt="json").stdout)["changes"] == []
    folder = diff(repo, str(FRAMEWORK), str(repo / "framework"))  # two folders work too
    assert folder.returncode == 0 and "변경 사항이 없습니다." in folder.stdout


def test_a_broken_side_is_reported_not_crashed_on(repo: Path) -> None:
    edit(repo / "framework" / "levels.yml", "title: Mid", "title: [Mid")
    git(repo, "commit", "-qam", "broken")
    out = diff(repo, "HEAD~1", "HEAD")
    assert out.returncode == 0 and "Traceback" not in out.stderr
    assert "⚠️ `HEAD" in out.stdout and "읽을 수 없어 비교하지 못했습니다" in out.stdout
    assert "levels.yml:" in out.stdout and "YAML syntax error" in out.stdout


def test_an_unreadable_revision_exits_1(repo: Path) -> None:
    out = diff(repo, "no-such-branch")
    assert out.returncode == 1
    assert out.stderr.strip() == "career diff: cannot read 'no-such-branch': not a folder or a git revision"
