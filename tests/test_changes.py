"""`changes.compare` on the small fixture and edited copies of it: each change stated by hand."""
from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FIXTURES, modify

from macros.core.loading import load_framework
from macros.review.changes import Change, compare


def edited(tmp_path: Path, changes: dict) -> Path:
    root = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", root)
    for rel, fn in changes.items():
        modify(root / rel, fn)
    return root


def test_no_change() -> None:
    fw = load_framework(FIXTURES / "mini")
    assert compare(fw, load_framework(FIXTURES / "mini")) == []


def test_item_behaviour_and_duty_changes(tmp_path: Path) -> None:
    def craft(a: dict) -> None:
        basics = a["groups"][0]["items"]
        basics[0]["title"] = "A1 renamed"
        basics[1]["level"] = "l1"
        basics.append({"id": "a3", "title": "A3"})
        a["groups"][1]["items"][0].update(id="b2", aliases=["b1"])

    def people(a: dict) -> None:
        behaviours = a["groups"][0]["behaviours"]
        behaviours[1]["text"] = "Coaches two people"
        del behaviours[2]

    def eng(r: dict) -> None:
        r["levels"]["l2"]["duties"].append("Reviews code")

    root = edited(tmp_path, {"competencies/01-craft.yml": craft, "competencies/02-people.yml": people, "roles/eng.yml": eng})
    got = compare(load_framework(FIXTURES / "mini"), load_framework(root))
    assert got == [
        Change("item", "retitled", "a1", "A1", "A1 renamed", source="ko"),
        Change("item", "moved-level", "a2", "l2", "l1"),
        Change("item", "renamed", "b2", "b1", "b2", "ic3"),
        Change("item", "added", "a3", None, "A3", "l1", source="ko"),
        Change("behaviour", "changed", "care--l2", "Coaches", "Coaches two people", "l2", source="ko"),
        Change("behaviour", "removed", "care--m3", "Grows a team", None, "m3", source="ko"),
        Change("duty", "added", "eng/l2", None, "Reviews code", source="ko"),
    ]
    assert [str(r) for r in got[4].refs()] == ["behaviour:care--l2", "group:care"]
    assert [str(r) for r in got[6].refs()] == ["role-level:eng/l2", "role:eng"]


def test_changelog_titles_and_lines_in_each_language() -> None:
    from macros.review.changelog import line, title

    fw = load_framework(FIXTURES / "mini")
    changes = (Change("item", "added", "a3", None, "A3", "l1"), Change("item", "added", "a4", None, "A4", "l1"),
               Change("duty", "changed", "r/l1", "old", "new"), Change("level", "retitled", "l1", "L1", "One"),
               Change("kpi", "removed", "k", "K", None))
    assert title(changes) == "역량 항목 2건 추가 · 주요 업무 1건 변경 · 레벨 1건 제목 변경 · 외 1건"
    assert title(changes, "en") == "2 competency items added · 1 duty changed · 1 level retitled · 1 more"
    assert title(changes[2:3] * 2, "en") == "2 duties changed"
    moved = line(Change("item", "moved-level", "a1", "l1", "l2"), fw, "en")
    assert (moved.entity, moved.kind, moved.old, moved.new) == ("Competency item", "moved to another level", "L1", "L2")
    assert line(Change("level", "changed", "l1", "x", "y", "focus"), fw, "en").field == "focus"
    assert line(Change("level", "changed", "l1", "x", "y", "focus"), fw).field == "역할 초점"


def test_text_changes_carry_the_english_too(tmp_path: Path) -> None:
    from macros.review.changelog import line, title
    from macros.review.report import describe

    def retitle(a: dict) -> None:
        items = a["groups"][0]["items"]
        items[0]["title"] = {"ko": "에이 하나", "en": "A one"}  # reworded, and English added
        items[1]["title"] = {"ko": "A2", "en": "A two"}  # only English added

    old = load_framework(FIXTURES / "mini")
    fw = load_framework(edited(tmp_path, {"competencies/01-craft.yml": retitle}))
    reworded, translated = [c for c in compare(old, fw) if c.kind == "retitled"]
    assert (reworded.old, reworded.new, reworded.old_en, reworded.new_en) == ("A1", "에이 하나", None, "A one")
    assert (translated.old, translated.new, translated.old_en, translated.new_en) == ("A2", "A2", None, "A two")
    assert translated.shown_kind == "translated" and reworded.shown_kind == "retitled"
    # one language per line: the old side has no English, so the English changelog shows both in Korean
    assert (line(reworded, fw, "en").old, line(reworded, fw, "en").new) == ("A1", "에이 하나")
    assert (line(translated, fw, "en").kind, line(translated, fw, "en").old, line(translated, fw, "en").new) == \
        ("translated", None, "A two")
    assert line(translated, fw).kind == "번역"
    assert title((reworded, translated), "en") == "1 competency item retitled · 1 competency item translated"
    assert title((reworded, translated)) == "역량 항목 1건 제목 변경 · 역량 항목 1건 번역"
    assert describe(translated, old, fw) == "`a2` 제목: (영어 없음) → “A two”"  # a translation names the field
    assert (line(translated, fw, "en").field, line(translated, fw).field) == ("title", "제목")
    assert line(reworded, fw).field is None  # "제목 변경" says it already


def test_a_translated_list_entry_is_a_change(tmp_path: Path) -> None:
    def translate(r: dict) -> None:
        duties = r["levels"]["l1"]["duties"]
        duties[0] = {"ko": duties[0], "en": "Ship it"}

    old = load_framework(FIXTURES / "mini")
    fw = load_framework(edited(tmp_path, {"roles/eng.yml": translate}))
    [change] = [c for c in compare(old, fw) if c.entity == "duty"]
    assert (change.kind, change.shown_kind, change.old_en, change.new_en) == ("changed", "translated", None, "Ship it")


def test_fields_the_diff_once_skipped_are_reported(tmp_path: Path) -> None:
    """Fields compared by their declarations alone: an item's examples and keywords, a group's links, a level's
    years and a role's subtitle, in the changes, the Markdown report, the JSON and the changelog's titles."""
    import json

    from macros.review.changelog import line, title
    from macros.review.changes import DiffResult
    from macros.review.report import as_json, markdown

    def craft(a: dict) -> None:
        basics = a["groups"][0]
        basics["items"][0]["examples"] = ["Reads the docs"]
        basics["items"][1]["keywords"] = ["asyncio"]
        basics["links"] = [{"title": "Guide", "url": "https://example.org/guide"}]

    def levels(d: dict) -> None:
        d["levels"][1]["years"] = {"min": 3, "max": 5}

    def eng(r: dict) -> None:
        r["subtitle"] = "Backend"

    old = load_framework(FIXTURES / "mini")
    new = load_framework(edited(tmp_path, {"competencies/01-craft.yml": craft, "levels.yml": levels, "roles/eng.yml": eng}))
    got = compare(old, new)
    assert got == [
        Change("item-examples", "added", "a1", None, "Reads the docs", source="ko"),
        Change("item-keywords", "added", "a2", None, "asyncio", source="ko"),
        Change("group-links", "added", "basics", None, "Guide · https://example.org/guide", source="ko"),
        Change("level", "changed", "l2", "2", "3", "years.min"),
        Change("level", "changed", "l2", None, "5", "years.max"),
        Change("role", "changed", "eng", None, "Backend", "subtitle", source="ko"),
    ]
    assert [str(r) for r in got[0].refs()] == ["item:a1"]  # an entry touches its entity's page

    result = DiffResult("base", "head", got, old=old, new=new)
    md = markdown(result).splitlines()
    assert "변경 6건: 항목 예시 1건, 항목 키워드 1건, 그룹 링크 1건, 레벨 2건, 직무 1건" in md
    for row in ("- 항목 예시 추가: `a1`: “Reads the docs”", "- 항목 키워드 추가: `a2`: “asyncio”",
                "- 레벨 변경: `l2` 연차의 하한: “2” → “3”", "- 레벨 변경: `l2` 연차의 상한: “” → “5”",
                "- 직무 변경: `eng` 부제: “” → “Backend”"):
        assert row in md, row
    [link] = [row for row in md if row.startswith("- 그룹 링크 추가: `basics`: “Guide")]
    assert "https://" not in link  # the address stays text in a GitHub comment (no autolink)
    assert md.index("### 역량") < md.index("### 직군과 레벨") < md.index("### 직무")

    doc = json.loads(as_json(result))
    assert doc["counts"] == {"항목 예시": 1, "항목 키워드": 1, "그룹 링크": 1, "레벨": 2, "직무": 1}
    assert doc["changes"][2] == {"entity": "group-links", "kind": "added", "id": "basics", "old": None,
                                 "new": "Guide · https://example.org/guide", "scope": "", "old_en": None, "new_en": None,
                                 "source": "ko", "translation": None}
    assert doc["changes"][3]["scope"] == "years.min"

    assert title(tuple(got)) == "레벨 2건 변경 · 항목 예시 1건 추가 · 항목 키워드 1건 추가 · 외 2건"
    assert title(tuple(got), "en") == "2 levels changed · 1 item example added · 1 item keyword added · 2 more"
    years = line(got[3], new, "en")
    assert (years.entity, years.kind, years.field, years.old, years.new) == ("Level", "changed", "years minimum", "2", "3")
    assert line(got[5], new).field == "부제" and line(got[0], new, "en").entity == "Item example"


def test_renames_through_aliases_for_any_entity_and_a_move_follows_a_renamed_group(tmp_path: Path) -> None:
    def craft(a: dict) -> None:
        a["groups"][0].update(id="fundamentals", aliases=["basics"])  # the group renamed, its items stay in it

    def levels(d: dict) -> None:
        d["levels"][0].update(id="entry", aliases=["l1"])

    old = load_framework(FIXTURES / "mini")
    root = edited(tmp_path, {"competencies/01-craft.yml": craft, "levels.yml": levels})
    for rel in ("competencies/01-craft.yml", "competencies/02-people.yml", "roles/eng.yml", "interview/basics.yml"):
        path = root / rel
        path.write_text(path.read_text(encoding="utf-8").replace("l1", "entry"), encoding="utf-8")
    new = load_framework(root)
    got = compare(old, new)
    assert Change("group", "renamed", "fundamentals", "basics", "fundamentals") in got
    assert Change("level", "renamed", "entry", "l1", "entry") in got
    assert not [c for c in got if c.kind in ("moved-group", "moved-level")]  # nothing moved with the renames
    assert not [c for c in got if c.entity == "question"]  # `levels: [entry, l2]` names the levels it named


def test_what_became_of_a_translation() -> None:
    """`translation(old, new)`: the source is the file's language, the other language its translation."""
    from macros.core.text import Text
    from macros.core.translations import fingerprint
    from macros.review.changes import translation

    def text(ko: str | None, en: str | None, language: str = "ko", **mark: str) -> Text:
        return Text.model_validate({"ko": ko, "en": en, **mark}, context={"language": language})

    assert translation(text("가", "A"), text("나", "A")) == "stale"
    assert translation(text("가", "A"), text("나", "B")) is None  # both changed
    assert translation(text("가", "A"), text("가", "B")) is None  # only the translation changed
    assert translation(text("가 나", "A"), text(" 가  나", "A")) is None  # spacing is not wording
    assert translation(text("가", None), text("나", None)) is None  # nothing translated
    assert translation(text("가", "A"), text("나", "A", en_of=fingerprint("나"))) == "kept"
    assert translation(text("가", "A"), text("나", "A", en_of=fingerprint("가"))) == "stale"  # a mark of the old wording
    assert translation(text("가", "A", "en"), text("나", "A", "en")) is None  # English is the source: a translation
    assert translation(text("가", "A", "en"), text("가", "B", "en")) == "stale"
    assert translation(text("가", "A", "en"), text("가", "B", "en", ko_of=fingerprint("B"))) == "kept"
