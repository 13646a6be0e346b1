"""Stale translations: a source whose wording changed while its translation did not, in `career diff` (Markdown,
JSON, the changelog's lines) and in `career check --lang`, on temporary git repositories. Values stated by hand."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from conftest import FIXTURES, FRAMEWORK, ROOT, edit

from macros.core.translations import fingerprint

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}

CORE = "framework/competencies/01-python-core.yml"
ROLE = "framework/roles/python-backend.yml"
GC_KO = "          ko: Garbage Collection 메커니즘\n"
GC_EN = "          en: Garbage collection mechanisms\n"
STALE_GC = (f"{CORE}:40:15: stale: 'en' of groups.0.items.2.title was translated from “Garbage Collection 메커니즘” "
            "({base}); the 'ko' now reads “GC 메커니즘과 튜닝”: update it, or if it still holds add en_of: uqnpkzad")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}).stdout


def repository(tmp_path: Path, framework: Path = FRAMEWORK) -> tuple[Path, str]:
    """A git repository holding a copy of `framework`, one commit; returns it and that commit's short sha."""
    root = tmp_path / "repo"
    shutil.copytree(framework, root / "framework")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-qm", "base")
    return root, git(root, "rev-parse", "--short=7", "HEAD").strip()


def stale_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if ": stale: " in line]


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, str]:
    return repository(tmp_path)


def test_the_fingerprint_is_pinned_and_reads_words_only() -> None:
    """Marks written in the data must stay valid: the fingerprint of a wording never changes between versions."""
    assert fingerprint("GC 메커니즘과 튜닝") == "uqnpkzad"
    assert fingerprint("  GC   메커니즘과\n튜닝 \n") == "uqnpkzad"  # spacing and line breaks are not wording
    assert fingerprint(unicodedata.normalize("NFD", "GC 메커니즘과 튜닝")) == "uqnpkzad"  # nor how Hangul is encoded
    assert fingerprint("GC 메커니즘과 튜닝.") != "uqnpkzad"


def test_a_korean_change_without_its_english(repo: tuple[Path, str], career) -> None:
    root, base = repo
    edit(root / CORE, GC_KO, "          ko: GC 메커니즘과 튜닝\n")
    uncommitted = career("check", "--lang", "en", "framework", cwd=root)  # the working tree counts before a commit
    assert uncommitted.returncode == 0 and stale_lines(uncommitted.stdout) == [STALE_GC.format(base=base)]
    git(root, "commit", "-qam", "retitle")

    check = career("check", "--lang", "en", "framework", cwd=root)
    assert check.returncode == 0 and check.stderr == ""
    assert check.stdout.splitlines() == [STALE_GC.format(base=base),
                                         "framework: 915 of 915 texts have 'en'; 1 'en' translation is stale"]

    md = career("diff", "HEAD~1", "HEAD", "--path", "framework", cwd=root).stdout.splitlines()
    assert ("- 역량 항목 제목 변경: `garbage-collection`: “Garbage Collection 메커니즘” → “GC 메커니즘과 튜닝” "
            "— 번역은 그대로: “Garbage collection mechanisms”") in md
    assert md[md.index("### 번역"):] == [
        "### 번역", "",
        "원문이 바뀌었지만 번역은 그대로인 텍스트 1건: 번역을 고치거나, 번역이 그대로 맞다면 그 텍스트에 아래 표시를 더하세요.", "",
        "- 역량 항목 `garbage-collection` 제목 “GC 메커니즘과 튜닝”: `en_of: uqnpkzad`"]
    data = json.loads(career("diff", "HEAD~1", "HEAD", "--path", "framework", "--format", "json", cwd=root).stdout)
    assert data["changes"] == [{"entity": "item", "kind": "retitled", "id": "garbage-collection",
                                "old": "Garbage Collection 메커니즘", "new": "GC 메커니즘과 튜닝", "scope": "",
                                "old_en": "Garbage collection mechanisms", "new_en": "Garbage collection mechanisms",
                                "source": "ko", "translation": "stale"}]


def test_the_changelog_says_so_in_each_language(repo: tuple[Path, str]) -> None:
    from macros.core.loading import load_framework
    from macros.review.changelog import line
    from macros.review.revisions import history

    root, _ = repo
    edit(root / CORE, GC_KO, "          ko: GC 메커니즘과 튜닝\n")
    git(root, "commit", "-qam", "retitle")
    [newest, _] = history(root / "framework") or []
    [change] = newest.changes
    fw = load_framework(root / "framework")
    ko, en = line(change, fw), line(change, fw, "en")
    assert (ko.kind, ko.old, ko.new, ko.note) == ("제목 변경", "Garbage Collection 메커니즘", "GC 메커니즘과 튜닝", "번역은 그대로")
    # the English did not change: the English changelog shows the source that did
    assert (en.kind, en.old, en.new, en.note) == ("retitled", "Garbage Collection 메커니즘", "GC 메커니즘과 튜닝",
                                                  "translation not updated")


def test_a_change_of_both_languages_is_not_stale(repo: tuple[Path, str], career) -> None:
    root, _ = repo
    edit(root / CORE, GC_KO + GC_EN, "          ko: GC 메커니즘과 튜닝\n          en: GC mechanisms and tuning\n")
    git(root, "commit", "-qam", "retitle in both languages")
    check = career("check", "--lang", "en", "framework", cwd=root)
    assert check.stdout.splitlines() == ["framework: 915 of 915 texts have 'en'"]
    md = career("diff", "HEAD~1", "HEAD", "--path", "framework", cwd=root).stdout
    assert "번역은 그대로" not in md and "### 번역" not in md
    data = json.loads(career("diff", "HEAD~1", "HEAD", "--path", "framework", "--format", "json", cwd=root).stdout)
    assert [(c["id"], c["source"], c["translation"]) for c in data["changes"]] == [("garbage-collection", "ko", None)]


def test_a_duty_whose_korean_changed(repo: tuple[Path, str], career) -> None:
    """A list entry is found by its translation: the duties reordered in another level are not stale."""
    root, base = repo
    edit(root / ROLE, "      - ko: PostgreSQL 성능 최적화 및 인덱스 설계\n",
         "      - ko: PostgreSQL 성능 최적화와 인덱스 설계\n")
    first, second = ("      - ko: Django/FastAPI 기반 API 및 비즈니스 로직 구현\n"
                     "        en: Build APIs and business logic on Django or FastAPI\n",
                     "      - ko: ORM, Serializer, Viewset 등 기본 구성요소 작성\n"
                     "        en: Write the basic building blocks such as ORM models, serializers and viewsets\n")
    edit(root / ROLE, first + second, second + first)
    git(root, "commit", "-qam", "reword a duty, reorder two")

    check = career("check", "--lang", "en", "framework", cwd=root)
    assert stale_lines(check.stdout) == [
        f"{ROLE}:81:13: stale: 'en' of levels.mid.duties.2 was translated from “PostgreSQL 성능 최적화 및 인덱스 설계” "
        f"({base}); the 'ko' now reads “PostgreSQL 성능 최적화와 인덱스 설계”: update it, or if it still holds add "
        f"en_of: {fingerprint('PostgreSQL 성능 최적화와 인덱스 설계')}"]
    data = json.loads(career("diff", "HEAD~1", "HEAD", "--path", "framework", "--format", "json", cwd=root).stdout)
    duties = [c for c in data["changes"] if c["entity"] == "duty" and c["id"] == "python-backend/mid"]
    assert [(c["kind"], c["id"], c["old"], c["new"], c["translation"]) for c in duties] == [
        ("changed", "python-backend/mid", "PostgreSQL 성능 최적화 및 인덱스 설계", "PostgreSQL 성능 최적화와 인덱스 설계", "stale")]
    md = career("diff", "HEAD~1", "HEAD", "--path", "framework", cwd=root).stdout.splitlines()
    assert ("- 주요 업무 변경: “PostgreSQL 성능 최적화 및 인덱스 설계” → “PostgreSQL 성능 최적화와 인덱스 설계” "
            "— 번역은 그대로: “Tune PostgreSQL performance and design indexes”") in md


def test_an_english_source_whose_korean_stayed(tmp_path: Path, career) -> None:
    """In a file whose language is English, English is the source and Korean the translation."""
    root, _ = repository(tmp_path, ROOT / "examples" / "product-company" / "framework")
    area = "framework/competencies/01-technical-craft.yml"
    edit(root / area, "    title: Code and design\n", "    title: {en: Code and design, ko: 코드와 설계}\n")
    git(root, "commit", "-qam", "translate a group's title")
    translated = git(root, "rev-parse", "--short=7", "HEAD").strip()
    edit(root / area, "{en: Code and design, ko: 코드와 설계}", "{en: Code and architecture, ko: 코드와 설계}")
    git(root, "commit", "-qam", "retitle in English")

    ko = career("check", "--lang", "ko", "framework", cwd=root)
    assert ko.returncode == 0
    assert stale_lines(ko.stdout) == [
        f"{area}:12:44: stale: 'ko' of groups.0.title was translated from “Code and design” ({translated}); "
        f"the 'en' now reads “Code and architecture”: update it, or if it still holds add ko_of: "
        f"{fingerprint('Code and architecture')}"]
    assert ko.stdout.splitlines()[-1].endswith("; 1 'ko' translation is stale")
    assert stale_lines(career("check", "--lang", "en", "framework", cwd=root).stdout) == []  # English is the source

    data = json.loads(career("diff", "HEAD~1", "HEAD", "--path", "framework", "--format", "json", cwd=root).stdout)
    assert data["changes"] == [{"entity": "group", "kind": "retitled", "id": "code-and-design", "old": "코드와 설계",
                                "new": "코드와 설계", "scope": "", "old_en": "Code and design",
                                "new_en": "Code and architecture", "source": "en", "translation": "stale"}]
    md = career("diff", "HEAD~1", "HEAD", "--path", "framework", cwd=root).stdout.splitlines()
    assert "- 역량 그룹 제목 변경: `code-and-design`: “Code and design” → “Code and architecture” — 번역은 그대로: “코드와 설계”" in md
    assert f"- 역량 그룹 `code-and-design` 제목 “Code and architecture”: `ko_of: {fingerprint('Code and architecture')}`" in md
    before = json.loads(career("diff", "HEAD~2", "HEAD~1", "--path", "framework", "--format", "json", cwd=root).stdout)
    [added] = before["changes"]  # the Korean added: a translation, not a change of the source
    assert (added["kind"], added["source"], added["translation"]) == ("retitled", "en", None)
    md = career("diff", "HEAD~2", "HEAD~1", "--path", "framework", cwd=root).stdout
    assert "- 역량 그룹 번역: `code-and-design` 제목: (한국어 없음) → “코드와 설계”" in md


def test_the_translation_still_holds(repo: tuple[Path, str], career) -> None:
    """A typo fixed in the source, the translation kept on purpose: the text says so with the printed mark."""
    root, base = repo
    edit(root / CORE, GC_KO, "          ko: GC 메커니즘과 튜닝\n")
    git(root, "commit", "-qam", "retitle")
    edit(root / CORE, GC_EN, GC_EN + "          en_of: uqnpkzad\n")
    check = career("check", "--lang", "en", "framework", cwd=root)
    assert check.stdout.splitlines() == ["framework: 915 of 915 texts have 'en'"]
    data = json.loads(career("diff", "HEAD~1", "--path", "framework", "--format", "json", cwd=root).stdout)
    assert [(c["id"], c["translation"]) for c in data["changes"]] == [("garbage-collection", "kept")]
    md = career("diff", "HEAD~1", "--path", "framework", cwd=root).stdout
    assert "— 번역은 그대로 (여전히 맞음): “Garbage collection mechanisms”" in md and "### 번역" not in md
    git(root, "commit", "-qam", "the translation holds")
    marked = git(root, "rev-parse", "--short=7", "HEAD").strip()

    edit(root / CORE, "          ko: GC 메커니즘과 튜닝\n", "          ko: GC 메커니즘과 성능 튜닝\n")  # the source again
    check = career("check", "--lang", "en", "framework", cwd=root)
    assert stale_lines(check.stdout) == [  # translated from the wording the mark names, as of the commit marking it
        f"{CORE}:40:15: stale: 'en' of groups.0.items.2.title was translated from “GC 메커니즘과 튜닝” ({marked}); "
        f"the 'ko' now reads “GC 메커니즘과 성능 튜닝”: update it, or if it still holds add en_of: "
        f"{fingerprint('GC 메커니즘과 성능 튜닝')}"]
    assert base != marked


def test_without_history_only_marks_are_read(framework_copy: Path, career) -> None:
    """Outside a repository nothing tells when a translation was written; a mark still says what it holds for."""
    edit(framework_copy / "competencies" / "01-python-core.yml", GC_EN, GC_EN + "          en_of: aaaaaaaa\n")
    check = career("check", "--lang", "en", str(framework_copy), cwd=framework_copy.parent)
    assert check.returncode == 0
    assert check.stdout.splitlines() == [
        "framework/competencies/01-python-core.yml:40:15: stale: 'en' of groups.0.items.2.title is marked "
        "(en_of: aaaaaaaa) as translating another wording; the 'ko' now reads “Garbage Collection 메커니즘”: update it, "
        f"or if it still holds add en_of: {fingerprint('Garbage Collection 메커니즘')}",
        f"{framework_copy}: 915 of 915 texts have 'en'; 1 'en' translation is stale"]
    assert check.stderr == (f"career check: {framework_copy} is not in a git repository: only texts marked with en_of "
                            "or ko_of are compared\n")


def test_a_mark_must_be_on_a_translation(tmp_path: Path, career) -> None:
    root = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", root)
    edit(root / "framework.yml", "vision: {text: 작게 시작한다}", "vision: {text: {ko: 작게 시작한다, en: Start small, ko_of: abcdefgh}}")
    out = career("check", str(root))
    assert out.returncode == 1
    assert out.stderr.splitlines()[0] == (f"{root}/framework.yml:5:16: error: 'ko_of' marks a translation into 'ko', but "
                                          "'ko' is this file's language (the source); mark the translation with 'en_of' "
                                          "(at 'vision.text')")
    edit(root / "framework.yml", "ko_of: abcdefgh", "en_of: 1234abcd")
    out = career("check", str(root))
    assert out.returncode == 1 and ":5:" in out.stderr and "is not a fingerprint" in out.stderr


def test_a_renamed_item_keeps_its_history(repo: tuple[Path, str], career) -> None:
    """An entity found by an id it keeps in `aliases`: renaming it does not make its translation new."""
    root, base = repo
    edit(root / CORE, "      - id: garbage-collection\n", "      - id: gc\n        aliases: [garbage-collection]\n")
    edit(root / CORE, GC_KO, "          ko: GC 메커니즘과 튜닝\n")
    git(root, "commit", "-qam", "rename and retitle")
    check = career("check", "--lang", "en", "framework", cwd=root)
    assert stale_lines(check.stdout) == [STALE_GC.format(base=base).replace(":40:15:", ":41:15:")]


def test_a_shallow_clone_says_what_it_cannot_see(repo: tuple[Path, str], tmp_path: Path, career) -> None:
    root, _ = repo
    edit(root / CORE, GC_KO, "          ko: GC 메커니즘과 튜닝\n")
    git(root, "commit", "-qam", "retitle")
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{root}", "shallow")
    check = career("check", "--lang", "en", "framework", cwd=tmp_path / "shallow")
    assert check.returncode == 0 and stale_lines(check.stdout) == []  # the one commit it has holds both
    assert check.stderr == ("career check: the repository is a shallow clone: translations are compared with the "
                            "sources of its oldest commit at most (git fetch --unshallow reads the rest)\n")
