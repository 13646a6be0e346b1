"""`career check` as a user runs it: clean data passes; each bad input names file, line and column.

The command runs in this process (the `career` fixture calls `macros.cli.main`); the tests marked "installed command"
run it as a process, for its exit codes, its streams and no traceback."""
from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import edit, run_career

Career = Callable[..., subprocess.CompletedProcess[str]]
Check = Callable[[Path], tuple[int, str]]

PY_CORE = "competencies/01-python-core.yml"
ROLE = "roles/python-backend.yml"


def test_repository_framework_is_clean() -> None:
    """Installed command: the repository's own data, exit 0, the counts on stdout, nothing on stderr."""
    result = run_career("check")
    assert result.returncode == 0, result.stderr
    assert "168 items" in result.stdout and "35 groups" in result.stdout and "8 areas" in result.stdout
    assert result.stderr == ""


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


@pytest.fixture
def check(career: Career) -> Check:
    """`career check <root>` from the folder above it (so files are named framework/...): exit code and stderr."""
    def run(root: Path) -> tuple[int, str]:
        result = career("check", str(root), cwd=root.parent)
        assert "Traceback" not in result.stderr
        return result.returncode, result.stderr

    return run


def position(stderr: str, message: str) -> tuple[str, int, int]:
    lines = [ln for ln in stderr.splitlines() if message in ln]
    assert lines, stderr
    where = lines[0].split(": error: ")[0]
    file, line, col = where.rsplit(":", 2)
    return file, int(line), int(col)


# (file, old text, new text, expected message, text on the reported line or None)
BAD_INPUTS = {
    "duplicate key": (PY_CORE, "      - id: gil\n", "      - id: gil\n        id: gil\n", "duplicate key 'id' (first defined at line", "        id: gil"),
    "syntax error": (PY_CORE, "title:\n      ko: Python 심화", "title:\n      ko: [Python 심화", "YAML syntax error", "ko: [Python 심화"),
    "unclosed quote": (PY_CORE, "ko: Python 심화", 'ko: "Python 심화', "YAML syntax error", 'ko: "Python 심화'),
    "tab": (PY_CORE, "      - id: gil\n", "      - id: gil\n\t", "tab character in indentation", None),
    "wrong type": ("levels.yml", "years: {min: 3, max: 6}", "years: {min: three, max: 6}", "expected a whole number for 'levels.1.years.min', found text", "years: {min: three"),
    "boolean-looking level": (PY_CORE, "level: junior", "level: no", "unknown level 'no' in group 'python-internals'", "level: no"),
    "unknown reference": (PY_CORE, "level: mid", "level: midd", "unknown level 'midd' in item 'weakref-contextvars'; did you mean 'mid'?", "level: midd"),
    "duplicate id": (PY_CORE, "id: garbage-collection", "id: gil", "duplicate item id 'gil' (first defined at", "@id: garbage-collection"),
    "alias": (PY_CORE, "ko: Python 심화", "ko: &t Python 심화", "anchor '&t' is not allowed", "&t"),
    "jinja in text": (PY_CORE, "ko: Garbage Collection 메커니즘", "ko: \"{{ 7*7 }} 메커니즘\"", "template syntax '{{'", "{{ 7*7 }}"),
    "jinja statement": (ROLE, "ko: Junior Backend Engineer", "ko: \"{% raw %}Junior\"", "template syntax '{%'", "{% raw %}"),
    "jinja comment": (ROLE, "ko: Mid Backend Engineer", "ko: \"{# x #}Mid\"", "template syntax '{#'", "{# x #}"),
    "html in text": (ROLE, "ko: Senior Backend Engineer", "ko: \"<img src=x onerror=alert(1)>\"", "raw HTML '<img src=x onerror=a'", "<img"),
    "html in a version": ("framework.yml", 'version: "2025.10"', 'version: "<b>1</b>"', "version '<b>1</b>' must be letters, digits", "version:"),
    "html in a tool name": (ROLE, "tools: [Django, DRF", "tools: [\"<script>x</script>\", DRF", "raw HTML '<script>'", "<script>"),
    "javascript url": ("framework.yml", "  name:\n", "  url: \"javascript:alert(1)\"\n  name:\n", "URL 'javascript:alert(1)' must start with https://", "javascript:"),
    "data url": ("framework.yml", "  name:\n", "  url: \"data:text/html,x\"\n  name:\n", "javascript:, data: and other schemes are refused", "data:"),
    "icon with text": (PY_CORE, "icon: 🧠", "icon: \"<b>\"", "icon must be one emoji or symbol", "icon:"),
    "bidi override": (PY_CORE, "ko: Python 심화", "ko: \"Python \u202e심화\"", "invisible control character (U+202E RIGHT-TO-LEFT OVERRIDE", "\u202e"),
    "two-line title": (PY_CORE, "ko: Python 심화", "ko: \"Python\\n\\n심화\"", "text must be one line", "ko: \"Python"),
    "unknown key": (ROLE, "subtitle:", "subtitel:", "unknown key 'subtitel'; did you mean 'subtitle'?", "subtitel:"),
    "missing key": (ROLE, "overview:\n", "summary:\n", "missing required key 'overview'", None),
    "not a slug": (PY_CORE, "id: gil", "id: GIL_lock", "id 'GIL_lock' is not a slug", "id: GIL_lock"),
    "explicit tag": (PY_CORE, "number: 1", "number: !!python/name:os.system 1", "tag 'tag:yaml.org,2002:python/name:os.system' is not allowed", "!!python"),
    "empty list": ("kpis.yml", "    metrics:\n      - {ko: 장애 MTTR, en: Incident MTTR}\n      - {ko: 성능 SLA 충족률, en: Performance SLA attainment}\n",
                   "    metrics: []\n", "'dimensions.1.metrics' needs at least 1 entry", "metrics: []"),
    "role id differs from file name": (ROLE, "id: python-backend", "id: python-backend-x", "id 'python-backend-x' does not match the file name 'python-backend.yml'", "id: python-backend-x"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_reported_with_position(case: str, framework_copy: Path, check: Check) -> None:
    rel, old, new, message, marker = BAD_INPUTS[case]
    path = framework_copy / rel
    if marker and marker.startswith("@"):  # a line that the edit replaces: find it before editing
        expected_line = line_of(path, marker[1:])
    edit(path, old, new)
    code, stderr = check(framework_copy)
    assert code == 1
    file, line, col = position(stderr, message)
    assert file == f"framework/{rel}"
    assert line >= 1 and col >= 1
    if marker is not None and not marker.startswith("@"):
        expected_line = line_of(path, marker)
    if marker is not None:
        assert expected_line == line, stderr
    assert stderr.rstrip().splitlines()[-1].endswith(("file", "files"))


def test_unclosed_quote_points_at_the_opening_quote(framework_copy: Path, check: Check) -> None:
    path = framework_copy / PY_CORE
    edit(path, "ko: Python 심화", 'ko: "Python 심화')
    _, stderr = check(framework_copy)
    line = line_of(path, 'ko: "Python 심화')
    col = path.read_text(encoding="utf-8").splitlines()[line - 1].index('"') + 1
    assert position(stderr, "YAML syntax error")[1:] == (line, col)


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b"])
def test_control_character_is_reported_on_its_line(framework_copy: Path, char: str, check: Check) -> None:
    path = framework_copy / PY_CORE
    edit(path, "ko: Garbage Collection 메커니즘", f'ko: "Garbage{char} Collection 메커니즘"')
    _, stderr = check(framework_copy)
    line = line_of(path, "Garbage")
    col = path.read_text(encoding="utf-8").splitlines()[line - 1].index(char) + 1
    _file, got_line, got_col = position(stderr, f"U+{ord(char):04X}")
    assert (got_line, got_col) == (line, col), stderr


def test_non_utf8_file(framework_copy: Path, check: Check) -> None:
    path = framework_copy / "kpis.yml"
    raw = path.read_bytes()
    at = raw.index("생산성".encode())
    path.write_bytes(raw.replace("생산성".encode(), b"\xff\xfe"))
    line = raw[:at].count(b"\n") + 1
    col = len(raw[raw.rfind(b"\n", 0, at) + 1: at].decode("utf-8")) + 1
    _, stderr = check(framework_copy)
    assert f"framework/kpis.yml:{line}:{col}: error: file is not valid UTF-8 (byte 0xff)" in stderr


def test_limits(framework_copy: Path, check: Check) -> None:
    path = framework_copy / PY_CORE
    edit(path, "ko: Garbage Collection 메커니즘", "ko: " + "가" * 301)
    edit(framework_copy / ROLE, "overview:\n", "overview: " + "나" * 5001 + "\nx_overview:\n")
    huge = framework_copy / "interview" / "huge.yml"
    huge.write_text("id: huge\n# " + "x" * 1_000_001 + "\n", encoding="utf-8")
    code, stderr = check(framework_copy)
    assert code == 1
    assert "text is 301 characters long; the limit is 300" in stderr
    assert "text is 5,001 characters long; the limit is 5,000" in stderr
    assert f"framework/interview/huge.yml:1:1: error: file is {huge.stat().st_size:,} bytes; the limit is 1,000,000" in stderr


def test_unknown_key_lists_the_allowed_keys_of_its_place(framework_copy: Path, check: Check) -> None:
    edit(framework_copy / PY_CORE, "      - id: gil\n", "      - id: gil\n        descripton: x\n")
    _, stderr = check(framework_copy)
    line = next(ln for ln in stderr.splitlines() if "descripton" in ln)
    assert "unknown key 'descripton'; did you mean 'description'?; allowed keys here: aliases, description, examples, " \
           "id, internal, keywords, level, links, proficiency, title" in line


def test_unknown_key_never_suggests_itself(framework_copy: Path, check: Check) -> None:
    edit(framework_copy / "levels.yml", "levels:\n", "levels:\n", 1)
    edit(framework_copy / "kpis.yml", "  - id: technical-quality\n", "  - id: technical-quality\n    examples: [x]\n")
    _, stderr = check(framework_copy)
    line = next(ln for ln in stderr.splitlines() if "'examples'" in ln)
    assert "did you mean 'examples'" not in line and "allowed keys here: description, id, internal, metrics, title" in line


def test_pydantic_wording_does_not_leak(framework_copy: Path, check: Check) -> None:
    edit(framework_copy / "kpis.yml", "    metrics:\n      - {ko: 장애 MTTR", "    metrics: 7\n    x_metrics:\n      - {ko: 장애 MTTR")
    edit(framework_copy / "levels.yml", "levels:\n", "levels: {}\nx_levels:\n")
    _, stderr = check(framework_copy)
    assert "expected a list for 'dimensions.1.metrics', found a number" in stderr
    assert "expected a list for 'levels', found a mapping" in stderr
    for phrase in ("validation", "Tuple should", "Input should", "pydantic"):
        assert phrase not in stderr


def test_all_problems_are_reported_at_once(framework_copy: Path, check: Check) -> None:
    edit(framework_copy / PY_CORE, "level: mid", "level: midd")
    edit(framework_copy / ROLE, "subtitle:", "subtitel:")
    edit(framework_copy / "roadmap.yml", "groups: [web-frameworks]", "groups: [web-framework]")
    code, stderr = check(framework_copy)
    assert code == 1
    assert "unknown level 'midd'" in stderr
    assert "unknown key 'subtitel'" in stderr
    assert "unknown group 'web-framework' in phase 'phase-1'; did you mean 'web-frameworks'?" in stderr
    assert stderr.splitlines()[-1] == "3 errors in 3 files"


def test_unknown_file_bad_file_name_and_missing_file(framework_copy: Path, check: Check) -> None:
    (framework_copy / "kpis.yml").rename(framework_copy / "kpi.yml")
    (framework_copy / "roles" / "python-backend.yml").rename(framework_copy / "roles" / "Python Backend.yml")
    (framework_copy / "framework.yml").unlink()
    _, stderr = check(framework_copy)
    assert "framework/framework.yml: error: missing file: framework.yml is required" in stderr
    assert "framework/kpi.yml: error: unknown framework file" in stderr
    assert "framework/roles/Python Backend.yml: error: file name 'Python Backend.yml' must be <id>.yml" in stderr


def test_symlink_in_the_folder_is_refused(framework_copy: Path, tmp_path: Path, check: Check) -> None:
    outside = tmp_path / "elsewhere.yml"
    outside.write_text("id: x\n", encoding="utf-8")
    (framework_copy / "interview" / "linked.yml").symlink_to(outside)
    _, stderr = check(framework_copy)
    assert "framework/interview/linked.yml: error: symbolic links are not read" in stderr


def test_missing_folder() -> None:
    """Installed command: exit 1 and one line of ours, no traceback."""
    result = run_career("check", "no-such-dir")
    assert result.returncode == 1 and result.stdout == "" and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == ["no-such-dir: error: framework folder not found", "1 error in 1 file"]


def test_the_installed_command_reports_bad_input_as_the_function_does(framework_copy: Path, check: Check) -> None:
    """Installed command: a bad input gives exit 1, nothing on stdout, and the very lines `macros.cli.main` prints
    (which the cases above read in this process)."""
    rel, old, new, _, _ = BAD_INPUTS["unknown reference"]
    edit(framework_copy / rel, old, new)
    result = run_career("check", str(framework_copy), cwd=framework_copy.parent)
    assert result.returncode == 1 and result.stdout == "" and "Traceback" not in result.stderr
    assert (result.returncode, result.stderr) == check(framework_copy)
    assert result.stderr.splitlines() == [
        "framework/competencies/01-python-core.yml:" + f"{line_of(framework_copy / rel, 'level: midd')}:16: error: "
        "unknown level 'midd' in item 'weakref-contextvars'; did you mean 'mid'?", "1 error in 1 file"]


def test_levels_must_climb(framework_copy: Path, check: Check) -> None:
    edit(framework_copy / "levels.yml", "years: {min: 6, max: 10}", "years: {min: 2, max: 10}")
    _, stderr = check(framework_copy)
    assert "levels must go up the ladder: 'senior' starts at 2 years" in stderr


def test_alias_may_not_be_live(framework_copy: Path, check: Check) -> None:
    edit(framework_copy / PY_CORE, "      - id: gil\n", "      - id: gil\n        aliases: [garbage-collection]\n")
    _, stderr = check(framework_copy)
    assert "alias 'garbage-collection' of 'gil' is still a live id" in stderr


def test_warnings_do_not_fail(framework_copy: Path, career: Career) -> None:
    for name in ("published-urls.json", "published-urls.public.json"):  # removing a section breaks a released anchor
        (framework_copy / name).unlink()
    path = framework_copy / ROLE
    text = path.read_text(encoding="utf-8")
    start = text.index("  lead:\n    title:")
    duties = text.index("    duties:\n", start)
    competencies = text.index("    competencies:\n", start)
    path.write_text(text[:duties] + text[competencies:], encoding="utf-8")
    result = career("check", str(framework_copy), cwd=framework_copy.parent)
    assert result.returncode == 0, result.stderr
    assert "warning: level 'lead' of role 'python-backend' lists no duties" in result.stderr
    assert "(1 warning)" in result.stdout


def test_schema_command_writes_files(tmp_path: Path, career: Career) -> None:
    result = career("schema", "--out", str(tmp_path))
    assert result.returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["area.schema.json", "family.schema.json", "framework.schema.json", "kpis.schema.json", "levels.schema.json",
         "roadmap.schema.json", "role.schema.json", "interview.schema.json", "scales.schema.json", "glossary.schema.json"])


def test_small_interview_kits_are_warned_about(framework_copy: Path, career: Career) -> None:
    for name in ("published-urls.json", "published-urls.public.json"):  # kits without questions leave the URL list
        (framework_copy / name).unlink()
    for path in (framework_copy / "interview").iterdir():
        if path.name != "redis-cache.yml":  # one question, for junior to senior, probing a junior item
            path.unlink()
    result = career("check", str(framework_copy), cwd=framework_copy.parent)
    assert result.returncode == 0, result.stderr
    kits = [line.split("warning: ", 1)[1].split(";")[0] for line in result.stderr.splitlines() if "interview kit" in line]
    assert kits == [f"the interview kit of python-backend at {level} has {n}"
                    for level, n in (("junior", "1 question"), ("mid", "1 question"), ("senior", "1 question"),
                                     ("lead", "0 questions"))]
    assert "(4 warnings)" in result.stdout


def test_a_required_text_cannot_be_internal(framework_copy: Path, career: Career) -> None:
    edit(framework_copy / ROLE, "  en: Python Backend Engineer\n", "  en: Python Backend Engineer\n  internal: true\n")
    edit(framework_copy / ROLE, "  en: Job Description\n", "  en: Job Description\n  internal: true\n")  # optional: fine
    result = career("check", str(framework_copy), cwd=framework_copy.parent)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "framework/roles/python-backend.yml:5:3: error: 'title' is required, so its text cannot be internal; "
        "mark the whole entity `internal: true` instead", "1 error in 1 file"]
