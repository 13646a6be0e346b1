"""The changelog as readers read it: what changed in the framework, grouped by release (when the version changes) or
by month, each change a sentence in the edition's language linked to its page; commits that changed nothing readers
see left out. A site built from a small git repository with dated commits, read in both editions; and the grouping
and the sentences on their own. Every expected value is stated by hand."""
from __future__ import annotations

import html
import os
import re
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, build_site, edit, make_project, modify
from site_html import Site, SitePage

from macros.core.loading import load_framework
from macros.review.changelog import Names, changelog_view, line
from macros.review.changes import Change
from macros.review.revisions import Commit, CommitChanges

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
CRAFT = "framework/competencies/01-craft.yml"


def commit(root: Path, day: str, subject: str) -> None:
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": f"{day}T10:00:00+09:00", "GIT_COMMITTER_DATE": f"{day}T10:00:00+09:00"}
    for args in (["add", "-A"], ["commit", "-qm", subject]):
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)


def history_repository(root: Path) -> Path:
    """The mini framework's history: a first version, two changes in Korean, a code-only commit, a release, a change
    after it and a commit that only adds a YAML comment."""
    make_project(root, FIXTURES / "mini")
    modify(root / "framework" / "framework.yml", lambda d: d.update(version="1.0.0"))
    edit(root / "framework" / "levels.yml", "{id: l1, title: L1, years: {min: 0}}",  # a progression row: the level
         "{id: l1, title: L1, years: {min: 0}, progression: {focus: 배우기, goal: 혼자 하기}}")  # index links its table
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True, capture_output=True, env={**os.environ, **GIT_ENV})
    commit(root, "2026-09-10", "Start")

    def add_items(a: dict) -> None:
        a["groups"][0]["items"].append({"id": "a3", "title": {"ko": "비동기 처리", "en": "Async processing"}, "level": "l2"})
        a["groups"][1]["items"].append({"id": "a4", "title": {"ko": "설계 리뷰", "en": "Design review"}})
    modify(root / CRAFT, add_items)
    commit(root, "2026-10-05", "Add items")
    (root / "tools").mkdir()
    (root / "tools" / "build.py").write_text("print('code only')\n", encoding="utf-8")
    commit(root, "2026-10-06", "Refactor build script")
    edit(root / "framework" / "roles" / "eng.yml", "duties: [Ships features]", "duties: [기능을 설계하고 출시한다]")
    commit(root, "2026-10-20", "Reword duty")
    modify(root / "framework" / "framework.yml", lambda d: d.update(version="1.1.0"))
    commit(root, "2026-11-02", "Release 1.1.0")

    def after_release(a: dict) -> None:
        a["groups"][0]["items"][2]["title"]["ko"] = "비동기 처리와 큐"  # the English left as it was
        del a["groups"][1]["items"][1]
    modify(root / CRAFT, after_release)
    commit(root, "2026-11-15", "Retitle and remove")
    levels = root / "framework" / "levels.yml"
    levels.write_text("# the shared ladder\n" + levels.read_text(encoding="utf-8"), encoding="utf-8")
    commit(root, "2026-11-20", "Comment only")
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    tmp = tmp_path_factory.mktemp("changelog")
    project = history_repository(tmp / "repo")
    result = build_site(project, tmp / "site", languages="ko,en")
    assert result.returncode == 0, result.stderr
    return Site(tmp / "site")


def _plain(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def _heading(block: str, tag: str) -> str:
    m = re.search(rf"<{tag} [^>]*>(.*?)<a class=\"headerlink\"", block, re.S)
    return _plain(m.group(1)) if m else ""


def outline(page: SitePage) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """(group heading, [(entry heading, [its lines])]) as the page shows them."""
    out = []
    for group in re.split(r"(?=<h2 )", page.content())[1:]:
        entries = [(_heading(e, "h3"), [_plain(li) for li in re.findall(r"<li>(.*?)</li>", e, re.S)])
                   for e in re.split(r"(?=<h3 )", group)[1:]]
        out.append((_heading(group, "h2"), entries))
    return out


def test_grouped_by_release_in_korean(site: Site) -> None:
    page = site.page("/changelog/")
    [since, release, first] = outline(page)
    assert since == ("버전 1.1.0 이후", [
        ("2026-11-15 · 역량 항목 1건 제목 변경 · 역량 항목 1건 삭제",
         ["역량 항목 ‘비동기 처리와 큐’ 제목 변경: “비동기 처리” → “비동기 처리와 큐” (번역은 그대로)",
          "IC3 체크리스트에서 역량 항목 ‘설계 리뷰’ 삭제"])])
    assert release == ("버전 1.1.0 · 2026-11-02", [
        ("2026-11-02 · 프레임워크 1건 변경", ["프레임워크 ‘Mini’의 버전 변경: “1.0.0” → “1.1.0”"]),
        ("2026-10-20 · 주요 업무 1건 변경", ["JD ‘Engineer 2’의 주요 업무 변경: “Ships features” → “기능을 설계하고 출시한다”"]),
        ("2026-10-05 · 역량 항목 2건 추가",
         ["L2 체크리스트에 역량 항목 ‘비동기 처리와 큐’ 추가", "IC3 체크리스트에 역량 항목 ‘설계 리뷰’ 추가"])])
    heading, [(title, lines)] = first
    assert heading == "버전 1.0.0 · 2026-09-10"
    assert title == "2026-09-10 · JD 5건 추가 · 레벨 4건 추가 · 역량 항목 3건 추가 · 외 15건"  # 3 behaviours, groups, ...
    assert "L1 체크리스트에 역량 항목 ‘A1’ 추가" in lines and "JD ‘Engineer 2’ 추가" in lines
    assert [i for i in page.ids if i.startswith(("unreleased", "version-"))] == ["unreleased", "version-1-1-0", "version-1-0-0"]
    # the commit subject is a small note under its entry; commits readers would see nothing of are left out
    assert '<p class="cf-meta">커밋 <code>' in page.content() and "Reword duty" in page.text
    assert "Refactor build script" not in page.text and "Comment only" not in page.text
    assert "화면에 보이는 내용이 바뀌지 않은 커밋 1건(스키마나 URL 목록만 바뀐 커밋 등)은 싣지 않았습니다." in page.text


def test_grouped_by_release_in_english(site: Site) -> None:
    page = site.page("/en/changelog/")
    [since, release, first] = outline(page)
    assert since == ("Since version 1.1.0", [
        ("2026-11-15 · 1 competency item retitled · 1 competency item removed",
         ["Competency item ‘Async processing’ retitled: “비동기 처리” → “비동기 처리와 큐” (translation not updated)",
          "Competency item ‘Design review’ removed from the IC3 checklist"])])
    assert release == ("Version 1.1.0 · 2026-11-02", [
        ("2026-11-02 · 1 framework changed", ["Version of framework ‘Mini’ changed: “1.0.0” → “1.1.0”"]),
        ("2026-10-20 · 1 duty changed", ["Duty of JD ‘Engineer 2’ changed: “Ships features” → “기능을 설계하고 출시한다”"]),
        ("2026-10-05 · 2 competency items added",
         ["Competency item ‘Async processing’ added to the L2 checklist",
          "Competency item ‘Design review’ added to the IC3 checklist"])])
    assert first[0] == "Version 1.0.0 · 2026-09-10"
    assert '<span lang="ko">기능을 설계하고 출시한다</span>' in page.content()  # Korean text marked as Korean
    assert "Refactor build script" not in page.text and "Comment only" not in page.text
    assert "Commits not listed because they changed nothing readers see (only the schemas or the URL list, for example): 1." in page.text


def test_the_changelog_is_internal() -> None:
    from macros.site.pagekinds import KINDS, Kind

    assert KINDS[Kind.CHANGELOG].internal  # the public build has no changelog (tests/test_editions.py reads it)


def test_names_link_to_their_pages_and_every_link_resolves(site: Site) -> None:
    for url in ("/changelog/", "/en/changelog/"):
        page = site.page(url)
        body = page.content()
        links = dict(re.findall(r'<a href="([^"]+)">([^<]+)</a>', body))
        assert links["../competencies/craft/#a3"] == ("비동기 처리와 큐" if url == "/changelog/" else "Async processing")
        assert links["../levels/l2/"] == "L2" and links["../levels/ic3/"] == "IC3"
        assert links["../roles/eng/l2/"] == "Engineer 2"
        assert not {"설계 리뷰", "Design review"} & set(links.values()) and "#a4" not in body  # removed since: no link
        for href in re.findall(r'<a href="([^"#]+)(?:#([^"]*))?"', body):
            target = (page.path.parent / href[0]).resolve()
            target = target / "index.html" if target.is_dir() else target
            assert target.is_file(), (url, href)
            assert not href[1] or f'id="{href[1]}"' in target.read_text(encoding="utf-8"), (url, href)


# the grouping and the sentences, without git ------------------------------------------------------------------
def _commit(day: str, changes: tuple[Change, ...] = (), version: str | None = "1", previous: str | None = "1") -> CommitChanges:
    sha = (day.replace("-", "") * 5)[:40]
    return CommitChanges(Commit(sha, sha[:7], day, f"subject {day}"), changes, (), version, previous)


RETITLED = Change("item", "retitled", "a1", "A1", "기본", source="ko")


def test_grouped_by_month_when_the_version_never_changed() -> None:
    fw = load_framework(FIXTURES / "mini")
    history = [_commit("2026-12-01", (RETITLED,)), _commit("2026-11-20"), _commit("2026-11-03", (RETITLED,)),
               _commit("2026-10-31", (RETITLED,)), _commit("2026-10-01", (RETITLED,), "1", None)]  # the first version
    for lang, names in (("ko", ["12월", "11월", "10월"]), ("en", ["December", "November", "October"])):
        view = changelog_view(fw, history, None, lang)
        assert [(g.kind, g.id, g.year, g.month_name, [e.commit.date for e in g.entries]) for g in view.groups or ()] == [
            ("month", "month-2026-12", "2026", names[0], ["2026-12-01"]),
            ("month", "month-2026-11", "2026", names[1], ["2026-11-03"]),  # 2026-11-20 changed nothing readers see
            ("month", "month-2026-10", "2026", names[2], ["2026-10-31", "2026-10-01"])]
        assert view.hidden == 1


def test_a_release_holds_the_commits_before_it_back_to_the_previous_one() -> None:
    fw = load_framework(FIXTURES / "mini")
    history = [_commit("2026-12-05", (RETITLED,), "2.0", "2.0"), _commit("2026-12-01", (RETITLED,), "2.0", "1.5"),
               _commit("2026-11-20", (RETITLED,), "1.5", "1.5"), _commit("2026-11-10", (RETITLED,), "1.5", "1.0"),
               _commit("2026-11-01", (RETITLED,), "1.0", "1.0")]
    view = changelog_view(fw, history, None, "ko")
    assert [(g.kind, g.id, g.version, g.date, [e.commit.date for e in g.entries]) for g in view.groups or ()] == [
        ("since", "unreleased", "2.0", None, ["2026-12-05"]),
        ("release", "version-2-0", "2.0", "2026-12-01", ["2026-12-01", "2026-11-20"]),
        ("release", "version-1-5", "1.5", "2026-11-10", ["2026-11-10", "2026-11-01"])]


def _words(ln) -> str:
    return "".join(p.text for p in ln.words)


def test_each_kind_of_change_as_a_sentence() -> None:
    fw = load_framework(FIXTURES / "mini")
    places = {"role-level": {"eng/l2": ("roles/eng/l2.md", None)}, "behaviour": {"care--l2": ("competencies/people.md", "care")},
              "level": {"l2": ("levels/l2.md", None)}}
    ko, en = Names(fw, "ko", places), Names(fw, "en", places)
    duty = Change("duty", "added", "eng/l2", None, "코드를 리뷰한다", source="ko")
    assert _words(line(duty, fw, "ko", ko)) == "JD ‘Engineer 2’에 주요 업무 추가"
    assert _words(line(duty, fw, "en", en)) == "Duty added to JD ‘Engineer 2’"
    [jd] = [p for p in line(duty, fw, "ko", ko).words if p.data]
    assert (jd.text, jd.src, jd.anchor) == ("Engineer 2", "roles/eng/l2.md", None)
    behaviour = Change("behaviour", "changed", "care--l2", "Coaches", "Coaches two people", "l2", source="ko")
    assert _words(line(behaviour, fw, "ko", ko)) == "‘Care’의 L2 행동 기준 변경"
    assert _words(line(behaviour, fw, "en", en)) == "L2 behaviour of ‘Care’ changed"
    assert [(p.text, p.src, p.anchor) for p in line(behaviour, fw, "en", en).words if p.data] == [
        ("L2", "levels/l2.md", None), ("Care", "competencies/people.md", "care")]
    focus = Change("level", "changed", "l2", "배우기", "가르치기", "progression.focus", source="ko")
    assert _words(line(focus, fw, "ko", ko)) == "레벨 ‘L2’의 성장 경로의 역할 초점 변경"
    assert _words(line(focus, fw, "en", en)) == "Progression focus of level ‘L2’ changed"
    moved = Change("item", "moved-level", "a1", "l1", "l2")
    assert _words(line(moved, fw, "ko", ko)) == "역량 항목 ‘A1’ 기대 레벨 이동"
    assert (line(moved, fw, "en", en).old, line(moved, fw, "en", en).new) == ("L1", "L2")
    asked = Change("question", "changed", "q1", "Q1?", "Q1 again?", "question", source="ko")  # the field naming it
    assert (_words(line(asked, fw, "ko", ko)), _words(line(asked, fw, "en", en))) == (
        "면접 질문 ‘Q1?’ 변경", "Interview question ‘Q1?’ changed")
    gone = Change("term", "removed", "k8s", "쿠버네티스", None, source="ko")  # no longer in the framework: no link
    assert _words(line(gone, fw, "ko", ko)) == "용어 ‘쿠버네티스’ 삭제" and not line(gone, fw, "ko", ko).detail
    assert all(p.src is None for p in line(gone, fw, "ko", ko).words)


def test_a_translation_into_the_other_edition_is_counted_not_listed() -> None:
    fw = load_framework(FIXTURES / "mini")
    translated = Change("item", "retitled", "a1", "A1", "A1", "", None, "A one", "ko")
    view = changelog_view(fw, [_commit("2026-11-01", (translated,))], None, "ko")
    [entry] = view.entries or ()
    assert (entry.lines, entry.translations, entry.title) == ((), 1, "역량 항목 1건 번역")
    [entry] = changelog_view(fw, [_commit("2026-11-01", (translated,))], None, "en").entries or ()
    assert ([_words(ln) for ln in entry.lines], entry.lines[0].detail, entry.translations) == (
        ["Competency item ‘A one’ translated"], False, 0)  # the new English is the name it shows


def test_the_cache_keeps_each_commits_version(tmp_path: Path) -> None:
    from macros.review.revisions import _cache_read, _cache_write

    item = _commit("2026-11-02", (RETITLED,), "1.1.0", "1.0.0")
    _cache_write(tmp_path, item)
    assert _cache_read(tmp_path, item.commit.sha) == item and item.released
    old = tmp_path / f"{item.commit.sha}.json"  # a summary cached before versions were kept is summarised again
    old.write_text(old.read_text(encoding="utf-8").replace('"format": 7', '"format": 6'), encoding="utf-8")
    assert _cache_read(tmp_path, item.commit.sha) is None
