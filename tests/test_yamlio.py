"""The strict YAML reader: YAML 1.2 scalars, positions, and refusal of unsafe or ambiguous input."""
from __future__ import annotations

import pytest

from macros.core.yamlio import YamlError, read_yaml


def load(text: str | bytes):
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return read_yaml(raw, "f.yml")


def error(text: str | bytes) -> str:
    with pytest.raises(YamlError) as exc:
        load(text)
    return str(exc.value)


@pytest.mark.parametrize(
    "source, expected",
    [
        ("no", "no"), ("yes", "yes"), ("on", "on"), ("off", "off"), ("NO", "NO"),
        ("true", True), ("false", False), ("12:30", "12:30"), ("2025-10-12", "2025-10-12"),
        ("42", 42), ("-3", -3), ("1.5", 1.5), ("~", None), ("null", None), ("'true'", "true"),
        ('"42"', "42"), ("0x1F", "0x1F"), ("1_000", "1_000"), (".inf", ".inf"),
    ],
)
def test_scalars_follow_yaml_1_2_core(source: str, expected: object) -> None:
    value, _ = load(f"k: {source}\n")
    assert value == {"k": expected}
    assert type(value["k"]) is type(expected)


def test_marks_point_at_values_and_keys() -> None:
    _, marks = load("a:\n  - x\n  - b: 1\n")
    assert marks.values[("a", 1, "b")] == (3, 8)
    assert marks.keys[("a", 1, "b")] == (3, 5)
    assert marks.at(("a", 1, "b", "ko")) == (3, 8)  # unknown tail falls back to the nearest value


def test_duplicate_key_names_both_lines() -> None:
    assert error("a: 1\nb: 2\na: 3\n") == "f.yml:3:1: error: duplicate key 'a' (first defined at line 1)"


def test_alias_and_anchor_are_refused() -> None:
    assert "anchor '&x' is not allowed" in error("a: &x [1]\nb: *x\n")
    laughs = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b, *b]\n"
    assert "f.yml:1:4:" in error(laughs)


def test_explicit_tags_are_refused() -> None:
    assert error("a: !!python/object:os.system x\n").startswith("f.yml:1:4: error: tag")
    assert "tag 'tag:yaml.org,2002:int'" in error("a: !!int 3\n")


def test_tab_indentation() -> None:
    assert error("a:\n\t- x\n") == "f.yml:2:1: error: tab character in indentation; YAML indents with spaces only"


def test_non_utf8_reports_line_and_column() -> None:
    assert error(b"a: ok\nb: caf\xe9\n") == "f.yml:2:7: error: file is not valid UTF-8 (byte 0xe9); save it as UTF-8"


def test_utf8_bom_is_accepted() -> None:
    assert load(b"\xef\xbb\xbfa: 1\n")[0] == {"a": 1}


def test_syntax_error_points_where_the_construct_opens() -> None:
    assert error("a: [1, 2\nb: 3\n").startswith("f.yml:1:4: error: YAML syntax error")  # the unclosed bracket
    assert error('a: 1\nb: "open\nc: 3\n').startswith("f.yml:2:4: error: YAML syntax error")  # the opening quote
    assert error("a: 1\n  b: 2\n").startswith("f.yml:2:4: error: YAML syntax error: mapping values are not allowed")


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\ufffe"])
def test_control_character_position(char: str) -> None:
    assert error(f"a: 1\nb: \"가나{char}\"\n").startswith(f"f.yml:2:7: error: character U+{ord(char):04X} is not allowed in YAML")


def test_several_documents_are_refused() -> None:
    assert "more than one YAML document" in error("a: 1\n---\nb: 2\n")


def test_complex_keys_are_refused() -> None:
    assert "mapping keys must be plain text" in error("? [a]\n: 1\n")


def test_empty_file_is_none() -> None:
    assert load("")[0] is None
