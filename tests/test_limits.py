"""Count limits (LIMITS in macros/core/text.py): each is refused with its message at its place, and real frameworks
(the seed, examples/, the benchmark's synthetic ones) stay well within them. Speed is measured by the benchmark
(bench/worst.py), not here; the numbers below are stated by hand, so a changed limit shows here too."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT

from macros.core.diagnostics import Diagnostic
from macros.core.loading import check
from macros.core.text import LIMITS
from macros.core.yamlio import YamlError, read_yaml

AREA = "competencies/09-flood.yml"
TOPIC = "interview/flood.yml"
ROLE = "roles/flood.yml"
AREA_HEAD = "id: flood\nnumber: 9\ntitle: flood\ngroups:\n- id: g\n  title: g\n  level: junior\n  items:\n"  # items from line 9
TOPIC_HEAD = "id: flood\ncategory: technical\ntitle: flood\nquestions:\n"  # questions from line 5


def yaml_error(text: str) -> tuple[int, int, str]:
    with pytest.raises(YamlError) as exc:
        read_yaml(text.encode("utf-8"), "f.yml")
    d = exc.value.diagnostic
    return d.line, d.col, d.message


def problems(root: Path, rel: str, text: str) -> list[Diagnostic]:
    (root / rel).write_text(text, encoding="utf-8")
    fw, found = check(root)
    assert fw is None
    return found


def errors(root: Path, rel: str, text: str) -> list[str]:
    (root / rel).write_text(text, encoding="utf-8")
    return [str(d) for d in check(root)[1] if d.severity == "error"]


def at(found: list[Diagnostic], rel: str, message: str) -> tuple[int, int]:
    """Where the one problem that says `message` is: it must be in `rel`."""
    hits = [d for d in found if message in d.message]
    assert len(hits) == 1, "\n".join(map(str, found[:20]))
    assert hits[0].path.endswith(f"framework/{rel}"), hits[0]
    return hits[0].line, hits[0].col


# read while composing (yamlio) -------------------------------------------------------------------------------
def test_a_list_of_more_than_1000_entries_stops_at_the_1001st() -> None:
    assert read_yaml(("k:\n" + "- x\n" * 1000).encode(), "f.yml")[0]["k"] == ["x"] * 1000
    line, col, message = yaml_error("k:\n" + "- x\n" * 1001)
    assert (line, col) == (1002, 3)  # the 1,001st entry's value, on the line after the 1,000th (line 1001)
    assert message == "more than 1,000 entries in one list; the limit is 1,000: split the list"


def test_a_mapping_of_more_than_1000_keys_stops_at_the_1001st() -> None:
    assert len(read_yaml("".join(f"k{i}: 1\n" for i in range(1000)).encode(), "f.yml")[0]) == 1000
    line, col, message = yaml_error("".join(f"k{i}: 1\n" for i in range(1001)))
    assert (line, col) == (1001, 1)
    assert message == "more than 1,000 keys in one mapping; the limit is 1,000: split the mapping"


def test_a_file_of_more_than_6000_values_stops_at_the_6001st() -> None:
    def line(j: int, n: int) -> str:  # a list of n entries: n + 1 values (no list is too long)
        return f"k{j}: [" + ", ".join(["1"] * n) + "]\n"

    value, _ = read_yaml(("".join(line(j, 999) for j in range(5)) + line(5, 998)).encode(), "f.yml")  # 1 + 5 × 1,000 + 999
    assert sum(len(v) for v in value.values()) == 5_993
    line_no, col, message = yaml_error("".join(line(j, 999) for j in range(6)))  # 6,001 values
    # the 6,001st is the last entry of line 6: "k5: [" then "1, " per entry, so entry 999 starts at 6 + 3 × 998
    assert (line_no, col) == (6, 3000)
    assert message == "more than 6,000 values (texts, numbers, lists, mappings) in one file; the limit is 6,000: split the file"


def test_nesting_deeper_than_64_stops_at_the_65th_level() -> None:
    read_yaml(("- " * 64 + "x\n").encode(), "f.yml")
    line, col, message = yaml_error("- " * 65 + "x\n")
    assert (line, col) == (1, 131)  # the value inside the 65th list
    assert message == "lists and mappings nested more than 64 levels deep; the limit is 64"


def test_a_megabyte_of_one_line_items_is_refused_at_the_1001st(framework_copy: Path, career) -> None:
    (framework_copy / AREA).write_text(AREA_HEAD + "".join(f"  - {{id: i{i}, title: t}}\n" for i in range(30_000)), encoding="utf-8")
    assert (framework_copy / AREA).stat().st_size > 700_000
    result = career("check", str(framework_copy), cwd=framework_copy.parent)
    assert result.returncode == 1
    first = result.stderr.splitlines()[0]
    assert first == ("framework/competencies/09-flood.yml:1009:5: error: more than 1,000 entries in one list; "
                     "the limit is 1,000: split the list")  # items start on line 9: the 1,001st is on line 1009
    assert result.stderr.splitlines()[-1] == "1 error in 1 file"


# read by the models ------------------------------------------------------------------------------------------
def test_an_area_of_more_than_250_entities(framework_copy: Path) -> None:
    items = "".join(f"  - {{id: i{i}, title: t}}\n" for i in range(248))
    assert errors(framework_copy, AREA, AREA_HEAD + items + "  - {id: one-more, title: t}\n") == []  # 1 group, 249 items
    found = problems(framework_copy, AREA, AREA_HEAD + items + "- {id: h, title: h, behaviours: [{level: mid, text: t}]}\n")
    assert at(found, AREA, "the area has 251 groups, items and behaviours; the limit is 250 in one file: "
                           "split it into two areas (at 'groups')") == (5, 1)  # the groups list


def test_a_group_of_more_than_250_items(framework_copy: Path) -> None:
    found = problems(framework_copy, AREA, AREA_HEAD + "".join(f"  - {{id: i{i}, title: t}}\n" for i in range(251)))
    assert at(found, AREA, "'groups.0.items' has 251 entries; the limit is 250") == (9, 3)


def test_a_topic_of_more_than_250_questions_and_follow_ups(framework_copy: Path) -> None:
    def question(i: int) -> str:
        return (f"- {{id: q{i}, question: q, levels: [junior], items: [gil], listen_for: [a, b], "
                f"follow_ups: [{{id: f{i}, question: f, listen_for: [a, b]}}]}}\n")
    assert errors(framework_copy, TOPIC, TOPIC_HEAD + "".join(question(i) for i in range(125))) == []
    found = problems(framework_copy, TOPIC, TOPIC_HEAD + "".join(question(i) for i in range(126)))
    assert at(found, TOPIC, "the topic has 252 questions and follow-ups; the limit is 250 in one file: "
                            "split it into two topics (at 'questions')") == (5, 1)


def test_a_glossary_of_more_than_500_terms(framework_copy: Path) -> None:
    found = problems(framework_copy, "glossary.yml", "terms:\n" + "".join(f"- {{id: t{i}, term: t{i}, variants: [v{i}]}}\n"
                                                                        for i in range(501)))
    assert at(found, "glossary.yml", "'terms' has 501 entries; the limit is 500") == (2, 1)


LEVELS = "".join(f"- {{id: {lv}, title: {lv}}}\n" for lv in ("junior", "mid", "senior", "lead"))


def test_a_ladder_of_more_than_30_levels(framework_copy: Path) -> None:
    found = problems(framework_copy, "levels.yml", "levels:\n" + LEVELS + "".join(f"- {{id: l{i}, title: l}}\n" for i in range(27)))
    assert at(found, "levels.yml", "'levels' has 31 entries; the limit is 30") == (2, 1)


def test_a_ladder_of_more_than_30_levels_with_its_tracks(framework_copy: Path) -> None:
    shared = LEVELS + "".join(f"- {{id: l{i}, title: l}}\n" for i in range(16))  # 20 shared levels, lines 2-21
    track = "tracks:\n- id: t\n  title: t\n  levels:\n" + "".join(f"  - {{id: t{i}, title: t}}\n" for i in range(11))
    found = problems(framework_copy, "levels.yml", "levels:\n" + shared + track)
    assert at(found, "levels.yml", "the ladder has 31 levels, its shared levels and its tracks' together; the limit is 30 "
                                   "(at 'tracks')") == (23, 1)  # `tracks:` is line 22, its list starts on line 23


def test_a_role_of_more_than_30_levels(framework_copy: Path) -> None:
    role = "id: flood\ntitle: f\noverview: f\nlevels:\n" + "".join(f"  l{i}: {{title: t}}\n" for i in range(31))
    found = problems(framework_copy, ROLE, role)
    assert at(found, ROLE, "'levels' has more than 30 entries; the limit is 30") == (5, 3)  # a mapping is not counted to its end


FIFTY_ONE = "[" + ", ".join(f"e{i}" for i in range(51)) + "]"
FIFTY_ONE_LINKS = "[" + ", ".join(f"{{title: l, url: 'https://e.x/{i}'}}" for i in range(51)) + "]"
# (file, text, what the message names, line and column of the list)
LISTS = {
    "examples": (AREA, AREA_HEAD + f"  - id: i\n    title: t\n    examples: {FIFTY_ONE}\n", "'groups.0.items.0.examples'", (11, 15)),
    "keywords": (AREA, AREA_HEAD + f"  - id: i\n    title: t\n    keywords: {FIFTY_ONE}\n", "'groups.0.items.0.keywords'", (11, 15)),
    "links": (AREA, AREA_HEAD + f"  - id: i\n    title: t\n    links: {FIFTY_ONE_LINKS}\n", "'groups.0.items.0.links'", (11, 12)),
    "aliases": (AREA, AREA_HEAD + f"  - id: i\n    title: t\n    aliases: {FIFTY_ONE}\n", "'groups.0.items.0.aliases'", (11, 14)),
    "duties": (ROLE, f"id: flood\ntitle: f\noverview: f\nlevels:\n  junior:\n    title: t\n    duties: {FIFTY_ONE}\n",
               "'levels.junior.duties'", (7, 13)),
    "stack tools": (ROLE, f"id: flood\ntitle: f\noverview: f\nlevels: {{junior: {{title: t}}}}\nstack:\n- id: s\n  category: c\n"
                          f"  tools: {FIFTY_ONE}\n", "'stack.0.tools'", (8, 10)),
    "follow-ups": (TOPIC, TOPIC_HEAD + "- id: q\n  question: q\n  levels: [junior]\n  items: [gil]\n  listen_for: [a, b]\n"
                                       "  follow_ups: [" + ", ".join(f"{{id: f{i}, question: f, listen_for: [a, b]}}" for i in range(51))
                                       + "]\n", "'questions.0.follow_ups'", (10, 15)),
    "probed items": (TOPIC, TOPIC_HEAD + f"- id: q\n  question: q\n  levels: [junior]\n  listen_for: [a, b]\n  items: {FIFTY_ONE}\n",
                     "'questions.0.items'", (9, 10)),
    "metrics": ("kpis.yml", f"dimensions:\n- id: d\n  title: d\n  metrics: {FIFTY_ONE}\n", "'dimensions.0.metrics'", (4, 12)),
    "variants": ("glossary.yml", f"terms:\n- id: t\n  term: t\n  variants: {FIFTY_ONE}\n", "'terms.0.variants'", (4, 13)),
}


@pytest.mark.parametrize("case", sorted(LISTS))
def test_a_list_of_more_than_50_entries(case: str, framework_copy: Path) -> None:
    rel, text, name, where = LISTS[case]
    found = problems(framework_copy, rel, text)
    assert at(found, rel, f"{name} has 51 entries; the limit is 50") == where
    fifty = text.replace(", e50]", "]").replace(", {title: l, url: 'https://e.x/50'}]", "]").replace(
        ", {id: f50, question: f, listen_for: [a, b]}]", "]")
    assert not [d for d in errors(framework_copy, rel, fifty) if "entries; the limit is" in d]


def test_only_the_first_20_unknown_references_of_a_kind_get_a_hint(framework_copy: Path) -> None:
    items = "[" + ", ".join(f"gil-{i}" for i in range(25)) + "]"
    found = problems(framework_copy, TOPIC, TOPIC_HEAD + f"- id: q\n  question: q\n  levels: [junior]\n  listen_for: [a, b]\n  items: {items}\n")
    unknown = [d.message for d in found if d.message.startswith("unknown item")]
    assert unknown[0] == "unknown item 'gil-0' in question 'q'; did you mean 'gil'?"
    assert [m.endswith("did you mean 'gil'?") for m in unknown] == [True] * 20 + [False] * 5
    assert unknown[-1] == "unknown item 'gil-24' in question 'q'"


def test_many_errors_in_one_file_are_all_reported(framework_copy: Path) -> None:
    """Problems are placed in one pass (no search through the others for each): 249 wrong titles, 249 messages."""
    found = problems(framework_copy, AREA, AREA_HEAD + "".join(f"  - {{id: i{i}, title: [1]}}\n" for i in range(249)))
    assert len([d for d in found if "expected text" in d.message]) == 249
    assert at(found, AREA, "(at 'groups.0.items.248.title')") == (257, 23)  # line 9 + 248; "  - {id: i248, title: " before it


def test_schemas_carry_the_list_limits() -> None:
    import json

    area = json.loads((ROOT / "framework" / "schema" / "area.schema.json").read_text(encoding="utf-8"))
    assert area["properties"]["groups"]["maxItems"] == 250
    item = area["$defs"]["Item"]["properties"]
    assert item["examples"]["maxItems"] == 50 and item["links"]["maxItems"] == 50 and item["keywords"]["maxItems"] == 50
    assert area["$defs"]["Group"]["properties"]["behaviours"]["maxItems"] == 30
    role = json.loads((ROOT / "framework" / "schema" / "role.schema.json").read_text(encoding="utf-8"))
    assert role["properties"]["levels"]["maxProperties"] == 30
    glossary = json.loads((ROOT / "framework" / "schema" / "glossary.schema.json").read_text(encoding="utf-8"))
    assert glossary["properties"]["terms"]["maxItems"] == 500


# real frameworks stay well within ----------------------------------------------------------------------------
#: Lists of entities, bounded by the entity, term and level limits; every other list is one of `LIMITS.entries`.
ENTITY_LISTS = {"groups", "items", "behaviours", "questions", "terms", "levels", "tracks", "dimensions", "areas"}


def _shape(value: Any, key: object = None, depth: int = 0) -> Iterator[tuple[str, int]]:
    """(measure, size) for every value of a YAML document: a value, a list's entries, a mapping's keys, a depth."""
    yield "values", 1
    yield "depth", depth
    if isinstance(value, dict):
        yield "keys", len(value)
        for k, v in value.items():
            yield from _shape(v, k, depth + 1)
    elif isinstance(value, list):
        yield "entries", len(value)
        if key not in ENTITY_LISTS:
            yield "list field", len(value)
        for v in value:
            yield from _shape(v, key, depth + 1)


def _entities(data: dict[str, Any]) -> int:
    groups = data.get("groups") if "number" in data else None
    if groups:
        return sum(1 + len(g.get("items", [])) + len(g.get("behaviours", [])) for g in groups)
    return sum(1 + len(q.get("follow_ups", [])) for q in data.get("questions", []))


def _ladders(data: dict[str, Any]) -> Iterator[int]:
    for ladder in (data, data.get("ladder") or {}):
        if ladder.get("levels"):
            yield len(ladder["levels"]) + sum(len(t["levels"]) for t in ladder.get("tracks", []))


@pytest.fixture(scope="module")
def real_frameworks(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The seed, examples/ and a synthetic framework shaped like the benchmark's 50× one: from 2× on, every file of
    bench/synth.py has its 50× shape (areas and topics are copies of the seed's; six levels), only fewer of them."""
    sys.path.insert(0, str(ROOT / "bench"))
    from synth import make_framework

    synthetic = tmp_path_factory.mktemp("synth") / "framework"
    make_framework(2, synthetic)
    return [ROOT / "framework", *sorted((ROOT / "examples").glob("*/framework")), synthetic]


def test_real_frameworks_pass(real_frameworks: list[Path]) -> None:
    for root in real_frameworks:
        fw, found = check(root)
        assert fw is not None, [str(d) for d in found if d.severity == "error"][:5]


def test_real_frameworks_stay_well_within_the_limits(real_frameworks: list[Path]) -> None:
    """At most a third of every count limit (most far less): the seed's glossary, the largest file, holds 841 values."""
    most: dict[str, int] = {}
    for root in real_frameworks:
        for path in root.rglob("*.yml"):
            if "schema" in path.parts:
                continue
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            sizes: dict[str, int] = {}
            for measure, n in _shape(data):
                sizes[measure] = sizes.get(measure, 0) + n if measure == "values" else max(sizes.get(measure, 0), n)
            sizes["entities"] = _entities(data)
            sizes["terms"] = len(data.get("terms", []))
            sizes["levels"] = max(_ladders(data), default=0)
            for measure, n in sizes.items():
                most[measure] = max(most.get(measure, 0), n)
    assert most["values"] == 841 and most["depth"] <= 7 and most["terms"] == 86  # the seed's glossary
    assert most["list field"] == 10  # the follow-ups of a question in the seed's interview/kafka.yml
    limits = {"values": LIMITS.yaml_values, "entries": LIMITS.yaml_entries, "keys": LIMITS.yaml_entries, "list field": LIMITS.entries,
              "depth": LIMITS.yaml_depth, "entities": LIMITS.entities, "terms": LIMITS.terms, "levels": LIMITS.levels}
    for measure, limit in limits.items():
        assert most[measure] * 3 <= limit, (measure, most[measure], limit)
