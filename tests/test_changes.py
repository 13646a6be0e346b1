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
        Change("item", "retitled", "a1", "A1", "A1 renamed"),
        Change("item", "moved-level", "a2", "l2", "l1"),
        Change("item", "renamed", "b2", "b1", "b2", "ic3"),
        Change("item", "added", "a3", None, "A3", "l1"),
        Change("behaviour", "changed", "care--l2", "Coaches", "Coaches two people", "l2"),
        Change("behaviour", "removed", "care--m3", "Grows a team", None, "m3"),
        Change("duty", "added", "eng/l2", None, "Reviews code"),
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
    assert describe(translated, old, fw) == "`a2`: (영어 없음) → “A two”"


def test_a_translated_list_entry_is_a_change(tmp_path: Path) -> None:
    def translate(r: dict) -> None:
        duties = r["levels"]["l1"]["duties"]
        duties[0] = {"ko": duties[0], "en": "Ship it"}

    old = load_framework(FIXTURES / "mini")
    fw = load_framework(edited(tmp_path, {"roles/eng.yml": translate}))
    [change] = [c for c in compare(old, fw) if c.entity == "duty"]
    assert (change.kind, change.shown_kind, change.old_en, change.new_en) == ("changed", "translated", None, "Ship it")
