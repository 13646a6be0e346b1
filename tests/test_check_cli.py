"""`career check` as a user runs it: clean data passes; each bad input names file, line and column."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import edit, run_career

PY_CORE = "competencies/01-python-core.yml"
ROLE = "roles/python-backend.yml"


def test_repository_framework_is_clean() -> None:
    result = run_career("check")
    assert result.returncode == 0, result.stderr
    assert "168 items" in result.stdout and "35 groups" in result.stdout and "8 areas" in result.stdout
    assert result.stderr == ""


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


# (file, old text, new text, expected message fragment, text on the reported line)
BAD_INPUTS = {
    "duplicate key": (PY_CORE, "      - id: gil\n", "      - id: gil\n        id: gil\n", "duplicate key 'id' (first defined at line", "        id: gil"),
    "syntax error": (PY_CORE, "title: Python 심화", "title: [Python 심화", "YAML syntax error", None),
    "tab": (PY_CORE, "      - id: gil\n", "      - id: gil\n\t", "tab character in indentation", None),
    "wrong type": ("levels.yml", "years: {min: 3, max: 6}", "years: {min: three, max: 6}", "expected a whole number for 'levels.1.years.min', found text", "years: {min: three"),
    "boolean-looking level": (PY_CORE, "level: junior", "level: no", "unknown level 'no' in group 'python-internals'", "level: no"),
    "unknown reference": (PY_CORE, "level: mid", "level: midd", "unknown level 'midd' in item 'weakref-contextvars'; did you mean 'mid'?", "level: midd"),
    "duplicate id": (PY_CORE, "id: garbage-collection", "id: gil", "duplicate item id 'gil' (first defined at", "@id: garbage-collection"),
    "alias": (PY_CORE, "title: Python 심화", "title: &t Python 심화", "anchor '&t' is not allowed", "&t"),
    "jinja in text": (PY_CORE, "title: Garbage Collection 메커니즘", "title: \"{{ 7*7 }} 메커니즘\"", "template syntax '{{'", "{{ 7*7 }}"),
    "jinja statement": (ROLE, "title: Junior Backend Engineer", "title: \"{% raw %}Junior\"", "template syntax '{%'", "{% raw %}"),
    "jinja comment": (ROLE, "title: Mid Backend Engineer", "title: \"{# x #}Mid\"", "template syntax '{#'", "{# x #}"),
    "html in text": (ROLE, "title: Senior Backend Engineer", "title: \"<img src=x onerror=alert(1)>\"", "raw HTML '<img src=x onerror=a'", "<img"),
    "unknown key": (ROLE, "subtitle:", "subtitel:", "unknown key 'subtitel'; did you mean 'subtitle'?", "subtitel:"),
    "missing key": (ROLE, "overview: ", "summary: ", "missing required key 'overview'", None),
    "not a slug": (PY_CORE, "id: gil", "id: GIL_lock", "id 'GIL_lock' is not a slug", "id: GIL_lock"),
    "explicit tag": (PY_CORE, "number: 1", "number: !!python/name:os.system 1", "tag 'tag:yaml.org,2002:python/name:os.system' is not allowed", "!!python"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_reported_with_position(case: str, framework_copy: Path) -> None:
    rel, old, new, message, marker = BAD_INPUTS[case]
    path = framework_copy / rel
    if marker and marker.startswith("@"):  # a line that the edit replaces: find it before editing
        expected_line = line_of(path, marker[1:])
    edit(path, old, new)
    result = run_career("check", str(framework_copy), cwd=framework_copy.parent)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [ln for ln in result.stderr.splitlines() if message in ln]
    assert lines, result.stderr
    where = lines[0].split(": error: ")[0]
    file, line, col = where.rsplit(":", 2)
    assert file == f"framework/{rel}"
    assert int(line) >= 1 and int(col) >= 1
    if marker is not None and not marker.startswith("@"):
        expected_line = line_of(path, marker)
    if marker is not None:
        assert expected_line == int(line), result.stderr
    assert result.stderr.rstrip().splitlines()[-1].endswith("file") or "files" in result.stderr.splitlines()[-1]


def test_non_utf8_file(framework_copy: Path) -> None:
    path = framework_copy / "kpis.yml"
    raw = path.read_bytes()
    path.write_bytes(raw.replace("생산성".encode(), b"\xff\xfe"))
    result = run_career("check", str(framework_copy), cwd=framework_copy.parent)
    assert result.returncode == 1
    expected_line = raw[: raw.index("생산성".encode())].count(b"\n") + 1
    assert f"framework/kpis.yml:{expected_line}:12: error: file is not valid UTF-8 (byte 0xff)" in result.stderr


def test_all_problems_are_reported_at_once(framework_copy: Path) -> None:
    edit(framework_copy / PY_CORE, "level: mid", "level: midd")
    edit(framework_copy / ROLE, "subtitle:", "subtitel:")
    edit(framework_copy / "roadmap.yml", "groups: [web-frameworks]", "groups: [web-framework]")
    result = run_career("check", str(framework_copy), cwd=framework_copy.parent)
    assert result.returncode == 1
    assert "unknown level 'midd'" in result.stderr
    assert "unknown key 'subtitel'" in result.stderr
    assert "unknown group 'web-framework' in phase 'phase-1'; did you mean 'web-frameworks'?" in result.stderr
    assert result.stderr.splitlines()[-1] == "3 errors in 3 files"


def test_unknown_file_and_missing_file(framework_copy: Path) -> None:
    (framework_copy / "kpis.yml").rename(framework_copy / "kpi.yml")
    result = run_career("check", str(framework_copy), cwd=framework_copy.parent)
    assert "framework/kpis.yml: error: missing file: kpis.yml is required" in result.stderr
    assert "framework/kpi.yml: error: unknown framework file" in result.stderr


def test_missing_folder() -> None:
    result = run_career("check", "no-such-dir")
    assert result.returncode == 1
    assert "no-such-dir: error: framework folder not found" in result.stderr


def test_levels_must_climb(framework_copy: Path) -> None:
    edit(framework_copy / "levels.yml", "years: {min: 6, max: 10}", "years: {min: 2, max: 10}")
    result = run_career("check", str(framework_copy), cwd=framework_copy.parent)
    assert "levels must go up the ladder: 'senior' starts at 2 years" in result.stderr


def test_alias_may_not_be_live(framework_copy: Path) -> None:
    edit(framework_copy / PY_CORE, "      - id: gil\n", "      - id: gil\n        aliases: [garbage-collection]\n")
    result = run_career("check", str(framework_copy), cwd=framework_copy.parent)
    assert "alias 'garbage-collection' of 'gil' is still a live id" in result.stderr


def test_schema_command_writes_files(tmp_path: Path) -> None:
    result = run_career("schema", "--out", str(tmp_path))
    assert result.returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["area.schema.json", "framework.schema.json", "kpis.schema.json", "levels.schema.json",
         "roadmap.schema.json", "role.schema.json", "interview.schema.json"])
