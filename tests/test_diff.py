"""`career diff` on a temporary git repository: each kind of change is reported in people's terms."""
from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import markdown
import pytest
from conftest import FRAMEWORK, ROOT, edit, find, item_list, modify, run_career

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


def shown(md: str) -> list[str]:
    """The report as a reader sees it once rendered: one visible line per heading and list entry."""
    out = markdown.markdown(md, extensions=["fenced_code"])
    parts = re.findall(r"<(?:li|h[1-6]|p)>(.*?)</(?:li|h[1-6]|p)>", out, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", x)).replace("\u200b", "").strip() for x in parts]


def contains(lines: list[str], text: str) -> bool:
    return any(text in line for line in lines)


def diff(repo: Path, *args: str, fmt: str = "markdown"):
    return run_career("diff", *args, "--path", str(repo / "framework"), "--format", fmt, cwd=repo)


def test_each_kind_of_change_is_reported(repo: Path) -> None:
    fw = repo / "framework"

    def core(a: dict) -> None:
        internals = item_list(a, "python-internals")
        gil = find(internals, id="gil")
        gil.update(id="gil-internals", aliases=["gil"])  # renamed
        find(internals, id="garbage-collection")["title"]["ko"] = "GC 메커니즘과 튜닝"  # retitled
        find(item_list(a, "concurrency"), id="threading")["level"] = "mid"  # moved level
        testing = item_list(a, "testing-quality")
        testing.insert(0, {"id": "new-item", "title": "새 항목"})  # added
        testing.remove(find(testing, id="coverage"))  # removed
    modify(fw / "competencies" / "01-python-core.yml", core)

    def role(r: dict) -> None:
        r["levels"]["mid"]["duties"].append("온콜 운영 참여")
        find(r["levels"]["mid"]["competencies"], ko="ORM 최적화 및 쿼리 플랜 분석")["ko"] = "ORM 최적화, 쿼리 플랜과 인덱스 분석"
    modify(fw / "roles" / "python-backend.yml", role)
    modify(fw / "levels.yml", lambda d: find(d["levels"], id="senior")["focus"].update(ko="시스템 설계 / 기술 리더십"))
    modify(fw / "kpis.yml", lambda d: find(d["dimensions"], id="productivity")["metrics"].append("배포 빈도"))
    edit(fw / "interview" / "query-tuning.yml", "1분 이상 걸리던 쿼리를", "오래 걸리던 쿼리를")

    def arch(a: dict) -> None:
        find(item_list(a, "domain-design"), id="cqrs")["id"] = "cqrs-pattern"
    modify(fw / "competencies" / "02-backend-architecture.yml", arch)
    git(repo, "commit", "-qam", "change")

    md = diff(repo, "HEAD~1", "HEAD")
    assert md.returncode == 0, md.stderr
    out = shown(md.stdout)
    assert contains(out, "Python Backend Engineer · Mid (Mid Backend Engineer)")
    assert contains(out, "새로 기대하는 항목: “threading 멀티스레딩” (threading, Junior에서 이동)")
    assert contains(out, "주요 업무 추가: “온콜 운영 참여”")
    assert contains(out, "핵심 역량 변경: “ORM 최적화 및 쿼리 플랜 분석” → “ORM 최적화, 쿼리 플랜과 인덱스 분석”")
    assert contains(out, "역량 항목 id 변경: gil-internals: gil → gil-internals")
    assert contains(out, "역량 항목 제목 변경: garbage-collection: “Garbage Collection 메커니즘” → “GC 메커니즘과 튜닝”")
    assert contains(out, "역량 항목 기대 레벨 이동: threading: Junior → Mid")
    assert contains(out, "역량 항목 추가: new-item: “새 항목”")
    assert contains(out, "역량 항목 삭제: coverage: “coverage.py 코드 커버리지”")
    assert contains(out, "역량 항목 삭제: cqrs") and contains(out, "역량 항목 추가: cqrs-pattern")  # no alias: not a rename
    assert contains(out, "레벨 변경: senior 역할 초점: “시스템 설계 / 성능 최적화 / 기술 리더십” → “시스템 설계 / 기술 리더십”")
    assert contains(out, "평가 지표 추가: productivity: “배포 빈도”")
    assert contains(out, "면접 질문 변경: query-tuning 질문: “1분 이상 걸리던")

    data = json.loads(diff(repo, "HEAD~1", "HEAD", fmt="json").stdout)
    kinds = {(c["entity"], c["kind"], c["id"]) for c in data["changes"]}
    assert ("item", "moved-level", "threading") in kinds and ("item", "renamed", "gil-internals") in kinds
    assert data["counts"]["역량 항목"] >= 6 and data["errors"] == {}


def test_fields_once_skipped_are_reported_with_their_labels(repo: Path) -> None:
    """Fields the diff reads from their declarations alone (core/model.py): an item's examples, a level's years,
    a role's subtitle, a group's links."""
    fw = repo / "framework"

    def core(a: dict) -> None:
        find(item_list(a, "python-internals"), id="gil")["examples"] = ["멀티스레드 크롤러가 빨라지지 않는 이유 설명"]
        find(a["groups"], id="python-internals")["links"] = [{"title": "[클릭](https://evil.example)",
                                                             "url": "https://docs.python.org/3/glossary.html"}]
    modify(fw / "competencies" / "01-python-core.yml", core)
    modify(fw / "levels.yml", lambda d: find(d["levels"], id="junior")["years"].update(max=4))
    modify(fw / "roles" / "python-backend.yml", lambda r: r["subtitle"].update(ko="직무 기술서"))
    git(repo, "commit", "-qam", "fields")

    md = diff(repo, "HEAD~1", "HEAD")
    assert md.returncode == 0, md.stderr
    out = shown(md.stdout)
    assert contains(out, "변경 4건: 항목 예시 1건, 그룹 링크 1건, 레벨 1건, 직무 1건")
    assert contains(out, "항목 예시 추가: gil: “멀티스레드 크롤러가 빨라지지 않는 이유 설명”")
    assert contains(out, "그룹 링크 추가: python-internals: “[클릭](https://evil.example) · https://docs.python.org/3/glossary.html”")
    assert contains(out, "레벨 변경: junior 연차의 상한: “3” → “4”")
    assert contains(out, "직무 변경: python-backend 부제: “직무 기술서 (Job Description)” → “직무 기술서”")
    assert "](https://evil" not in md.stdout and "<a " not in markdown.markdown(md.stdout)  # the link's title stays text

    data = json.loads(diff(repo, "HEAD~1", "HEAD", fmt="json").stdout)
    assert data["counts"] == {"항목 예시": 1, "그룹 링크": 1, "레벨": 1, "직무": 1}
    assert {(c["entity"], c["kind"], c["id"], c["scope"]) for c in data["changes"]} == {
        ("item-examples", "added", "gil", ""), ("group-links", "added", "python-internals", ""),
        ("level", "changed", "junior", "years.max"), ("role", "changed", "python-backend", "subtitle")}
    subtitle = next(c for c in data["changes"] if c["entity"] == "role")
    assert (subtitle["old_en"], subtitle["new_en"]) == ("Job Description", "Job Description")


def test_moved_group_and_working_tree(repo: Path) -> None:
    def move(a: dict) -> None:
        internals = item_list(a, "python-internals")
        gil = internals.pop(internals.index(find(internals, id="gil")))
        item_list(a, "performance-optimization").insert(0, gil)
    modify(repo / "framework" / "competencies" / "01-python-core.yml", move)
    out = shown(diff(repo, "HEAD").stdout)  # HEAD against the working tree
    assert contains(out, "→ 작업 트리")
    assert contains(out, "역량 항목 그룹 이동: gil: 그룹 python-internals → performance-optimization")


def test_identical_revisions_give_an_empty_report(repo: Path, tmp_path: Path) -> None:
    out = diff(repo, "HEAD", "HEAD")
    assert out.returncode == 0 and "변경 사항이 없습니다." in out.stdout
    assert json.loads(diff(repo, "HEAD", "HEAD", fmt="json").stdout)["changes"] == []
    folder = diff(repo, str(FRAMEWORK), str(repo / "framework"))  # two folders work too
    assert folder.returncode == 0 and "변경 사항이 없습니다." in folder.stdout


def test_a_broken_side_is_reported_not_crashed_on(repo: Path) -> None:
    edit(repo / "framework" / "levels.yml", "ko: Mid", "ko: [Mid")
    git(repo, "commit", "-qam", "broken")
    out = diff(repo, "HEAD~1", "HEAD")
    assert out.returncode == 0 and "Traceback" not in out.stderr
    assert "⚠️ `HEAD" in out.stdout and "읽을 수 없어 비교하지 못했습니다" in out.stdout
    assert "HEAD:framework/levels.yml:24:" in out.stdout and "YAML syntax error" in out.stdout
    assert "career-rev-" not in out.stdout and "/tmp" not in out.stdout  # the revision and repository path, never a temp folder


def test_an_unreadable_revision_exits_1(repo: Path) -> None:
    out = diff(repo, "no-such-branch")
    assert out.returncode == 1
    assert out.stderr.strip() == "career diff: cannot read 'no-such-branch': not a folder or a git revision"


RETITLE = "역량 항목 제목 변경: garbage-collection: “Garbage Collection 메커니즘” → “GC 메커니즘과 튜닝”"


def retitle(repo: Path) -> None:
    def change(a: dict) -> None:
        find(item_list(a, "python-internals"), id="garbage-collection")["title"]["ko"] = "GC 메커니즘과 튜닝"
    modify(repo / "framework" / "competencies" / "01-python-core.yml", change)


@pytest.fixture
def attacked(repo: Path) -> tuple[Path, str]:
    """The attack on CI's `career diff "origin/$BASE_REF"`: the pull request retitles an item and adds a folder
    `origin/main` holding a copy of its own framework, so that reading the argument as a folder finds no change.
    Returns the repository and the base commit (what `origin/main` names)."""
    base = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "update-ref", "refs/remotes/origin/main", base)
    retitle(repo)
    shutil.copytree(repo / "framework", repo / "origin" / "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "retitle, and a decoy folder")
    return repo, base


def test_a_name_that_is_both_a_revision_and_a_folder_is_refused(attacked: tuple[Path, str]) -> None:
    repo, base = attacked
    out = diff(repo, "origin/main")
    assert out.returncode == 2 and out.stdout == "" and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1, out.stderr
    message = out.stderr.strip()
    assert message.startswith("career diff: 'origin/main' is ambiguous")
    assert base[:7] in message and str((repo / "origin" / "main").resolve()) in message  # both readings, resolved
    assert "./origin/main" in message and "--git" in message  # and how to choose


def test_git_compares_the_revision_and_never_looks_at_folders(attacked: tuple[Path, str]) -> None:
    repo, base = attacked
    out = diff(repo, "--git", "origin/main")
    assert out.returncode == 0, out.stderr
    lines = shown(out.stdout)
    assert contains(lines, RETITLE)
    assert lines[0] == f"커리어 프레임워크 변경: origin/main ({base[:7]}) → 작업 트리 ({(repo / 'framework').resolve()})"
    data = json.loads(diff(repo, "--git", "origin/main", "HEAD", fmt="json").stdout)
    head = git(repo, "rev-parse", "HEAD").strip()
    assert data["base"] == f"origin/main ({base[:7]})" and data["head"] == f"HEAD ({head[:7]})"  # the keys of before
    assert data["sides"]["base"] == {"kind": "revision", "name": "origin/main", "label": f"origin/main ({base[:7]})",
                                     "commit": base, "path": "framework"}
    assert data["sides"]["head"]["commit"] == head
    assert [c["id"] for c in data["changes"]] == ["garbage-collection"]
    folder_only = diff(repo, "--git", "framework")  # a folder, never read as one with --git
    assert folder_only.returncode == 1 and folder_only.stdout == ""
    assert folder_only.stderr.strip() == "career diff: cannot read 'framework': not a git revision"


def test_a_folder_is_compared_when_written_as_one(attacked: tuple[Path, str], tmp_path: Path) -> None:
    repo, _ = attacked
    decoy = (repo / "origin" / "main").resolve()
    out = diff(repo, "./origin/main")
    assert out.returncode == 0, out.stderr
    lines = shown(out.stdout)
    assert lines[0] == f"커리어 프레임워크 변경: {decoy} → 작업 트리 ({(repo / 'framework').resolve()})"
    assert "변경 사항이 없습니다." in lines
    sides = json.loads(diff(repo, "./origin/main", fmt="json").stdout)["sides"]
    assert sides["base"] == {"kind": "folder", "name": "./origin/main", "label": str(decoy), "commit": None,
                             "path": str(decoy)}
    assert sides["head"]["kind"] == "worktree" and sides["head"]["path"] == str((repo / "framework").resolve())

    shutil.copytree(FRAMEWORK, tmp_path / "before")  # beside the repository: ../before from inside it
    for spec in ("../before", str(tmp_path / "before")):
        out = diff(repo, spec, "HEAD")
        assert out.returncode == 0, out.stderr
        lines = shown(out.stdout)
        assert lines[0].startswith(f"커리어 프레임워크 변경: {(tmp_path / 'before').resolve()} → HEAD (")
        assert contains(lines, RETITLE)


def test_a_plain_folder_name_is_refused_with_a_hint(attacked: tuple[Path, str]) -> None:
    repo, _ = attacked
    out = diff(repo, "origin")  # a folder, not a revision
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.strip() == ("career diff: 'origin' is a folder, not a git revision: "
                                  "write ./origin to compare the folder")
    head = diff(repo, "HEAD", "origin/main")  # the same rules for HEAD
    assert head.returncode == 2 and "is ambiguous" in head.stderr and head.stdout == ""
    missing = diff(repo, "./no-such-folder")
    assert missing.returncode == 1 and missing.stderr.strip() == "career diff: cannot read './no-such-folder': no such folder"
    option = run_career("diff", "--path", str(repo / "framework"), "--", "--output=x", cwd=repo)  # never given to git
    assert option.returncode == 1 and "cannot start with '-'" in option.stderr and not (repo / "x").exists()


def test_the_changelog_reads_commits_never_folders(attacked: tuple[Path, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder named like a commit (or its parent, `<sha>^`) in the working directory is not read for it."""
    from macros.review.revisions import history

    repo, _ = attacked
    head = git(repo, "rev-parse", "HEAD").strip()
    for name in (head, f"{head}^"):
        shutil.copytree(FRAMEWORK, repo / name)  # the framework before the retitle
    monkeypatch.chdir(repo)
    log = history(repo / "framework")
    assert log is not None and log[0].commit.sha == head
    assert [(c.kind, c.id) for c in log[0].changes] == [("retitled", "garbage-collection")]


def test_impact_lists_an_item_only_under_roles_that_use_its_area(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "examples" / "product-company" / "framework", root / "framework")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-qm", "base")

    def add(a: dict) -> None:
        a["groups"][0]["items"].append({"id": "new-data-item", "title": "새 데이터 항목", "level": "d2"})
    modify(root / "framework" / "competencies" / "05-data-modeling.yml", add)
    out = shown(diff(root, "HEAD").stdout)
    headings = [line for line in out if "·" in line and "(" in line]
    assert any(line.startswith("Data Analyst") or "데이터" in line for line in headings), out
    assert not any("Backend" in line or "Manager" in line for line in headings), headings
    assert contains(out, "새로 기대하는 항목: “새 데이터 항목” (new-data-item)")


def test_changelog_cache_survives_concurrent_writers_and_an_unwritable_folder(tmp_path: Path) -> None:
    """The editions' build processes (and parallel tests) summarise the same commits at the same moment."""
    from concurrent.futures import ProcessPoolExecutor

    from macros.review.changes import Change
    from macros.review.revisions import Commit, CommitChanges, _cache_read, _cache_write

    item = CommitChanges(Commit("a" * 40, "aaaaaaa", "2026-11-22", "Retitle"),
                         (Change("item", "retitled", "gil", "GIL", "GIL 동작 원리", "", None, "How the GIL works"),))
    cache = tmp_path / "changelog"
    with ProcessPoolExecutor(4) as pool:
        for result in [pool.submit(_write_many, cache, item) for _ in range(4)]:
            result.result()  # a writer that raised fails here
    assert _cache_read(cache, "a" * 40) == item
    assert [p.name for p in cache.iterdir()] == ["a" * 40 + ".json"]  # no temporary file left behind
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    _cache_write(blocked, item)  # cannot be written: skipped, nothing raised
    assert _cache_read(blocked, "a" * 40) is None


def _write_many(cache: Path, item) -> None:
    from macros.review.revisions import _cache_write

    for _ in range(200):
        _cache_write(cache, item)
