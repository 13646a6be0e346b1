"""The records file format (macros/exports/records.py) and what the record pages read from the site, with values stated
by hand: the small fixture (tests/fixtures/mini: a track split, behaviours, a renamed item) and the seed."""
from __future__ import annotations

import json
import shutil

import pytest
from conftest import FIXTURES
from jsonschema import Draft202012Validator, ValidationError
from pydantic import ValidationError as ModelError

from macros.core.loading import load_framework
from macros.exports import records
from macros.site.edition import Edition
from macros.views.expectations import Expectations

STAMP = "2025-01-01T00:00:00.000Z"


def a_file(entries: dict, **fields) -> dict:
    rec = {"id": "r-1", "person": "지수", "role": "eng", "level": "l2", "target": "ic3", "rater": "self", "raterName": "",
           "framework": {"id": "mini", "version": "1"}, "created": STAMP, "updated": STAMP, "entries": entries, **fields}
    return {"$schema": "record.schema.json", "format": "career-framework-records", "version": 2, "exported": STAMP, "records": [rec]}


@pytest.fixture(scope="module")
def schema() -> Draft202012Validator:
    doc = json.loads(records.record_schema())
    Draft202012Validator.check_schema(doc)
    return Draft202012Validator(doc)


GOOD = {
    "a1": {"status": "met", "note": "정리", "evidence": [{"title": "글", "url": "https://blog.example.com/a1", "date": "2025-03-01"}],
           "wording": "A1", "updated": STAMP},
    "care--l2": {"status": "working"},
    "duty:l2:1": {"status": "not-met", "explanation": "아직 기능 하나를 혼자 내보낸 적이 없음"},
    "competency:ic3:12": {"status": "not-yet", "evidence": [{"title": "사내 위키", "url": "/wiki/page"}, {"title": "http도 됨", "url": "http://intranet/x"}]},
    "kpi:delivery": {"status": "met"},
}
BAD = {
    "not-met-unexplained": {"a1": {"status": "not-met"}},
    "not-met-blank": {"a1": {"status": "not-met", "explanation": "  \n"}},
    "status": {"a1": {"status": "done"}},
    "script-url": {"a1": {"status": "met", "evidence": [{"title": "x", "url": "javascript:alert(1)"}]}},
    "protocol-relative": {"a1": {"status": "met", "evidence": [{"title": "x", "url": "//evil.example/x"}]}},
    "backslash-host": {"a1": {"status": "met", "evidence": [{"title": "x", "url": "\\\\evil.example/x"}]}},
    "slash-backslash-host": {"a1": {"status": "met", "evidence": [{"title": "x", "url": "/\\evil.example"}]}},
    "untitled-evidence": {"a1": {"status": "met", "evidence": [{"title": "", "url": "https://x.example"}]}},
    "date": {"a1": {"status": "met", "evidence": [{"title": "x", "date": "1 March"}]}},
    "unknown-field": {"a1": {"status": "met", "confidence": 3}},
    "expectation-id": {"A1!": {"status": "met"}},
    "duty-id": {"duty:l2:0": {"status": "met"}},
    "note": {"a1": {"status": "met", "note": "가" * 5001}},
}


def test_a_file_of_every_kind_of_expectation_validates(schema) -> None:
    doc = a_file(GOOD)
    schema.validate(doc)
    parsed = records.RecordFile.model_validate(doc)
    assert parsed.records[0].entries["duty:l2:1"].explanation.startswith("아직")


@pytest.mark.parametrize("case", sorted(BAD))
def test_the_schema_and_the_model_refuse_the_same_entries(schema, case: str) -> None:
    doc = a_file(BAD[case])
    with pytest.raises(ValidationError):
        schema.validate(doc)
    with pytest.raises(ModelError):
        records.RecordFile.model_validate(doc)


@pytest.mark.parametrize("change", [{"rater": "coach"}, {"person": ""}, {"id": "R 1"}, {"level": "L2"}, {"framework": {"id": "mini"}},
                                    {"updated": "yesterday"}, {"extra": 1}])
def test_a_record_is_refused_whole_when_its_own_fields_are_wrong(schema, change: dict) -> None:
    doc = a_file({}, **change)
    with pytest.raises(ValidationError):
        schema.validate(doc)


def test_other_formats_and_versions_are_refused(schema) -> None:
    for other in ({"format": "career-framework-checklist", "version": 1}, {"version": 3}, {"records": []}):
        with pytest.raises(ValidationError):
            schema.validate({**a_file({}), **other})


@pytest.fixture(scope="module")
def mini():
    fw = load_framework(FIXTURES / "mini")
    return fw, Expectations(fw)


def test_what_a_role_expects_at_a_level_in_packet_order(mini) -> None:
    fw, ex = mini
    eng = next(r for r in fw.roles if r.id == "eng")
    l2 = next(lv for lv in fw.levels if lv.id == "l2")
    data = records.role_level_data(fw, eng, l2, ex, Edition("ko", ("ko", "en")))
    assert [(x["id"], x["kind"], x["title"]) for x in data["expectations"]] == [
        ("duty:l2:1", "duty", "Ships features"),
        ("care--l2", "behaviour", "Coaches"),
        ("a1", "item", "A1"),
        ("a2", "item", "A2"),
    ]
    items = {x["id"]: x for x in data["expectations"]}
    assert items["a1"]["from"] == "l1" and items["a2"]["from"] == "l2" and items["a1"]["path"] == "competencies/craft/#a1"
    assert items["care--l2"]["area"] == "people" and items["care--l2"]["path"] == "competencies/people/#care--l2"
    assert (data["rank"], data["next"], data["levelTitle"]) == (1, "ic3", "L2")


def test_the_index_lists_levels_wording_and_renamed_ids(mini) -> None:
    fw, ex = mini
    index = records.records_index(fw, ex, Edition("ko", ("ko", "en")))
    roles = {r["id"]: [(lv["id"], lv["rank"]) for lv in r["levels"]] for r in index["roles"]}
    assert roles == {"em": [("l2", 0), ("m3", 1)], "eng": [("l1", 0), ("l2", 1), ("ic3", 2)]}
    assert index["aliases"] == {"old-a2": "a2"}
    assert index["wording"]["eng"]["a2"] == ["A2"] and index["wording"]["em"]["care--m3"] == ["Grows a team"]
    assert set(index["wording"]["eng"]) == {"duty:l1:1", "duty:l2:1", "duty:ic3:1", "care--l1", "care--l2", "a1", "a2", "b1"}


def test_records_follow_renamed_levels_groups_and_named_behaviours(tmp_path) -> None:
    """A record made before a rename keeps its entries: a level renamed (l2, once `two`) moves its duties and the
    behaviours named after it; a group renamed (care, once `kind`) and a named behaviour renamed move too."""
    shutil.copytree(FIXTURES / "mini", tmp_path / "fw")
    levels = tmp_path / "fw" / "levels.yml"
    levels.write_text(levels.read_text().replace("{id: l2, title: L2,", "{id: l2, aliases: [two], title: L2,"))
    people = tmp_path / "fw" / "competencies" / "02-people.yml"
    people.write_text(people.read_text().replace("  - id: care\n", "  - id: care\n    aliases: [kind]\n")
                      .replace("{level: m3, text: Grows a team}", "{id: grows-team, aliases: [team-growth], level: m3, text: Grows a team}"))
    fw = load_framework(tmp_path / "fw")
    aliases = records.record_aliases(fw)
    assert aliases == {
        "old-a2": "a2", "team-growth": "grows-team",
        "kind--l1": "care--l1", "kind--l2": "care--l2", "care--two": "care--l2", "kind--two": "care--l2",
        "duty:two:1": "duty:l2:1",  # both roles have one duty at l2
    }


def test_the_seed_frames_each_level_as_the_framework_does(fw) -> None:
    ex = Expectations(fw)
    role = fw.roles[0]
    senior = next(lv for lv in fw.levels if lv.id == "senior")
    data = records.role_level_data(fw, role, senior, ex, Edition("ko", ("ko", "en")))
    assert data["progression"] == {"focus": "기술 설계 → 기술 전략", "goal": "조직 내 기술 리더십과 영향력 확장"}
    assert data["focus"] == "시스템 설계 / 성능 최적화 / 기술 리더십" and data["next"] == "lead"
    kinds = [x["kind"] for x in data["expectations"]]
    assert (kinds.count("duty"), kinds.count("competency"), kinds.count("item"), kinds.count("kpi")) == (7, 5, 148, 5)
    en = records.records_index(fw, ex, Edition("en", ("ko", "en")))
    assert en["wording"]["python-backend"]["gil"] == ["How the GIL (Global Interpreter Lock) works", "GIL (Global Interpreter Lock) 동작 원리"]
