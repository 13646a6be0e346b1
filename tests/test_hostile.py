"""Hostile input: a catalogue of payloads in every field of every file kind, in file names and in git
tags and commit subjects. Either `career check` refuses the value with a position, or the built site
shows it as text: no element from data, no event handler, no `javascript:` link.

The fields come from tests/fixtures/every-field, which sets every field of every model (the first test
walks the models to prove it), so a new field is covered as soon as the fixture uses it."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from conftest import FIXTURES, ROOT, build_site, make_project
from pydantic import BaseModel

from macros import app
from macros.core.files import FOLDERS, SINGLE_FILES
from macros.core.loading import check
from macros.core.text import Text

FIXTURE = FIXTURES / "every-field"
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}

#: Payloads a text field accepts: they must reach pages as text.
SHOWN = {
    "attr-list": "**x**{ onfocus=alert(1) autofocus }",
    "admonition": '??? note "injected"',
    "links": "[x](javascript:alert(1)) ![i](https://evil.example/i.png)",
    "attribute-break": "x\" onmouseover=\"alert(1)\" data-x='y",
    "markdown": "# h { #evil } | a | b | [^1] *[HTML]: x !!! warning",
}
#: Payloads no field accepts: `career check` must refuse them where they are.
REFUSED = {
    "html": "<img src=x onerror=alert(1)>",
    "autolink": "<https://evil.example>",
    "script-close": "</script><script>alert(1)</script>",
    "template": "{{ 7*7 }}",
    "entity": "&lt;b&gt; &#60;",
    "bidi": "abc\u202edef",
    "huge": "가" * 5_001,
}
#: Keys whose values are ids, references or fixed words: any payload there is refused.
STRICT_KEYS = {"id", "level", "levels", "items", "groups", "areas", "kpis", "family", "track", "proficiency", "aliases",
               "category", "language", "languages", "locale", "url", "version", "icon", "number", "successor",
               "en_of", "ko_of", "must_have"}


def files() -> list[Path]:
    return sorted(FIXTURE.rglob("*.yml"))


def leaves(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every string value of a parsed file with its path (mapping keys and list indexes)."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for k, v in data.items():
            yield from leaves(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from leaves(v, (*path, i))


def strict(path: tuple[Any, ...]) -> bool:
    keys = [p for p in path if isinstance(p, str)]
    if keys and keys[-1] == "category":
        return len(path) == 1  # an interview topic's category is a fixed word; a stack category is text
    return bool(keys) and keys[-1] in STRICT_KEYS


def put(data: Any, path: tuple[Any, ...], value: str) -> None:
    for p in path[:-1]:
        data = data[p]
    data[path[-1]] = value


def write(root: Path, rel: str, data: Any) -> None:
    (root / rel).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def line_of_leaf(text: str, value: str) -> int:
    """The line where a (unique) injected value appears in the written JSON."""
    needle = json.dumps(value, ensure_ascii=False)
    at = text.index(needle)
    return text.count("\n", 0, at) + 1


# the fixture is complete --------------------------------------------------------------------------
def _fields_set(obj: Any, out: set[tuple[str, str]]) -> None:
    if isinstance(obj, BaseModel):
        for name in obj.model_fields_set:
            out.add((type(obj).__name__, name))
            _fields_set(getattr(obj, name), out)
    elif isinstance(obj, (list, tuple)):
        for x in obj:
            _fields_set(x, out)
    elif isinstance(obj, dict):
        for x in obj.values():
            _fields_set(x, out)


def _all_fields(model: type[BaseModel], out: set[tuple[str, str]]) -> None:
    from macros.core.messages import models_in as _models_in

    for name, f in model.model_fields.items():
        if (model.__name__, name) in out:
            continue
        out.add((model.__name__, name))
        for sub in _models_in(f.annotation):
            _all_fields(sub, out)


def test_the_fixture_sets_every_field_of_every_model() -> None:
    from macros.core.loading import _read
    from macros.core.text import Paragraph

    wanted: set[tuple[str, str]] = set()
    for model, *_ in [*SINGLE_FILES.values(), *FOLDERS.values()]:
        _all_fields(model, wanted)
    used: set[tuple[str, str]] = set()
    for path in files():
        rel = path.relative_to(FIXTURE).as_posix()
        kind = rel if rel in SINGLE_FILES else rel.split("/")[0]
        model = SINGLE_FILES[kind][0] if kind in SINGLE_FILES else FOLDERS[kind][0]
        parsed = _read(path, FIXTURE, kind, model, [], "ko")
        assert parsed is not None, rel
        _fields_set(parsed.model, used)
    # a paragraph is a text that may span lines: the fields of one count for the other
    text, paragraph = Text.__name__, Paragraph.__name__
    used |= {(paragraph, f) for c, f in used if c == text} | {(text, f) for c, f in used if c == paragraph}
    assert len(wanted) > 150 and {text, paragraph, "Item", "RoleFile"} <= {c for c, _ in wanted}  # the walk found the models
    assert sorted(wanted - used) == []


# refused payloads: reported where they are ---------------------------------------------------------
@pytest.mark.parametrize("payload", sorted(REFUSED))
def test_refused_payloads_are_reported_in_every_field(payload: str, tmp_path: Path) -> None:
    missing = []
    for path in files():
        root = tmp_path / payload / path.stem
        shutil.copytree(FIXTURE, root)
        rel = path.relative_to(FIXTURE).as_posix()
        data = load(path)
        targets = [(p, f"{REFUSED[payload]} #{i}") for i, (p, _) in enumerate(leaves(data))]
        for p, value in targets:
            put(data, p, value)
        write(root, rel, data)
        fw, problems = check(root)
        assert fw is None, rel
        text = (root / rel).read_text(encoding="utf-8")
        reported = {d.line for d in problems if d.path.endswith(rel)}
        for p, value in targets:
            if line_of_leaf(text, value) not in reported:
                missing.append((rel, p))
    assert missing == []


def test_strict_fields_refuse_even_harmless_text(tmp_path: Path) -> None:
    missing = []
    for path in files():
        rel = path.relative_to(FIXTURE).as_posix()
        data = load(path)
        targets = [(p, f"Plain Words {i}") for i, (p, _) in enumerate(leaves(data)) if strict(p)]
        if not targets:
            continue
        root = tmp_path / path.stem
        shutil.copytree(FIXTURE, root)
        for p, value in targets:
            put(data, p, value)
        write(root, rel, data)
        _, problems = check(root)
        text = (root / rel).read_text(encoding="utf-8")
        reported = {d.line for d in problems if d.path.endswith(rel)}
        missing += [(rel, p) for p, value in targets if line_of_leaf(text, value) not in reported]
    assert missing == []


# shown payloads: text on every page ------------------------------------------------------------------
def hostile_copy(root: Path, payload: str) -> Path:
    """The fixture with `payload` appended to every text field of every file."""
    shutil.copytree(FIXTURE, root)
    for path in files():
        rel = path.relative_to(FIXTURE).as_posix()
        data = load(path)
        for p, value in list(leaves(data)):
            if not strict(p):
                put(data, p, f"{value} {payload}")
        write(root, rel, data)
    return root


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.bad.append(f"<{tag} {name}>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(("javascript:", "data:")):
                self.bad.append(f"<{tag} {name}={value}>")
            if name == "id" and value == "evil":
                self.bad.append(f"<{tag} id=evil>")
        if tag in ("img", "svg", "iframe", "object", "embed") and any(n == "src" and "evil" in (v or "") for n, v in attrs):
            self.bad.append(f"<{tag}> from data")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def scan(html: str) -> tuple[list[str], str]:
    s = _Scan()
    s.feed(html)
    return s.bad, " ".join("".join(s.text).split())


@pytest.mark.parametrize("payload", sorted(SHOWN))
def test_shown_payloads_stay_text_on_every_generated_page(payload: str, tmp_path: Path) -> None:
    root = hostile_copy(tmp_path / "framework", SHOWN[payload])
    fw, problems = check(root)
    assert fw is not None, [str(d) for d in problems if d.severity == "error"]
    for audience in ("internal", "public"):
        site = app.build(app.BuildOptions(framework_dir=root, project_dir=ROOT, history=False, audience=audience,
                                          site_url="https://careers.example.org/"), fw if audience == "internal" else None)
        shown_somewhere = False
        for page in site.pages:
            bad, text = scan(page.body.html)
            assert bad == [], (page.src, bad)
            shown_somewhere |= " ".join(SHOWN[payload].split()) in text
        assert shown_somewhere
        for rel, content in site.files:
            if rel.endswith(".html"):
                assert scan(content)[0] == [], rel


def test_a_whole_mkdocs_build_of_hostile_data(tmp_path: Path) -> None:
    """Titles, navigation, footer, search index and JSON-LD too: one build with two payloads (names stay under 100)."""
    payload = f"{SHOWN['attr-list']} {SHOWN['attribute-break']}"
    project = make_project(tmp_path / "p", hostile_copy(tmp_path / "framework", payload))
    result = build_site(project, tmp_path / "site", site_url="https://careers.example.org/")
    assert result.returncode == 0, result.stderr
    pages = sorted((tmp_path / "site").rglob("*.html"))
    structured = 0
    for page in pages:
        bad, _ = scan(page.read_text(encoding="utf-8"))
        assert bad == [], (page, bad)
        source = page.read_text(encoding="utf-8")
        for block in source.split('<script type="application/ld+json">')[1:]:
            json.loads(block.split("</script>")[0])  # the JSON-LD stays one valid JSON value
            structured += 1
    assert len(pages) > 40 and structured > 0  # the pages were read, JSON-LD (of the JDs) among them


def test_hostile_file_names_are_refused(tmp_path: Path, career: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    root = tmp_path / "framework"
    shutil.copytree(FIXTURE, root)
    for name in ('roles/<img src=x onerror=alert(1)>.yml', 'interview/a" onmouseover="x.yml', "competencies/1-Evil Area.yml"):
        (root / name).write_text("id: x\n", encoding="utf-8")
    result = career("check", str(root), cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.count("must be <id>.yml") == 2 and "must be NN-<id>.yml" in result.stderr


# git: tags, commit subjects, symbolic links ---------------------------------------------------------
def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    project = make_project(tmp_path / "repo", FIXTURE)
    (project / "macros").unlink()
    shutil.copytree(ROOT / "macros", project / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    git(project, "init", "-q", "-b", "main")
    git(project, "add", ".")
    git(project, "commit", "-qm", "start")
    return project


def test_git_subjects_tags_and_symlinks_are_data(repo: Path, tmp_path: Path) -> None:
    fw = repo / "framework"
    (fw / "evil.yml").symlink_to("/etc/passwd")
    (fw / "inside.yml").symlink_to("kpis.yml")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "<img src=x onerror=alert(1)> symlinks")
    (fw / "evil.yml").unlink()
    (fw / "inside.yml").unlink()
    data = load(fw / "kpis.yml")
    data["dimensions"][0]["title"] = "![x](https://evil.example/x.png) [fake](https://evil.example) @octocat #1"
    write(repo, "framework/kpis.yml", data)
    git(repo, "commit", "-qam", "**bold** [link](javascript:alert(1))")
    git(repo, "tag", "v1<script>alert(1)</script>")

    out = tmp_path / "site"
    result = build_site(repo, out, languages="ko,en")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    log = (out / "changelog" / "index.html").read_text(encoding="utf-8")
    bad, text = scan(log)
    assert bad == [] and "<img src=x onerror=alert(1)> symlinks" in text and "**bold** [link](javascript:alert(1))" in text
    assert "evil.yml: symbolic link skipped in commit" in text
    assert "career-rev-" not in log and "/tmp/" not in log
    bad, text = scan((out / "en" / "changelog" / "index.html").read_text(encoding="utf-8"))
    assert bad == [] and "**bold** [link](javascript:alert(1))" in text and "![x](https://evil.example/x.png)" in text
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in home and "v1&lt;script&gt;alert(1)&lt;/script&gt;" in home  # the tag in the footer

    second = tmp_path / "site2"
    assert build_site(repo, second, languages="ko,en").returncode == 0
    assert (second / "changelog" / "index.html").read_text(encoding="utf-8") == log  # two clean builds agree

    diff = subprocess.run([sys.executable, "-m", "macros.cli", "diff", "HEAD~2", "HEAD", "--path", str(fw)], cwd=repo,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(repo)})
    assert diff.returncode == 0, diff.stderr
    rendered = markdown.markdown(diff.stdout, extensions=["fenced_code"])
    assert "<img" not in rendered and "<a " not in rendered
    assert "https://evil" not in diff.stdout and "@octocat" not in diff.stdout  # no autolink or mention on GitHub
    assert "evil.example" in rendered.replace("&#46;", ".")


def test_text_model_keeps_internal_flag_out_of_public_pages(tmp_path: Path) -> None:
    site = app.build(app.BuildOptions(framework_dir=FIXTURE, project_dir=ROOT, history=False, audience="public"))
    everything = " ".join(p.body.html for p in site.pages)
    assert "내부 항목" not in everything and "내부 지표" not in everything  # internal: true entity and text
    assert Text.of(ko="x").internal is False
    internal = app.build(app.BuildOptions(framework_dir=FIXTURE, project_dir=ROOT, history=False, audience="internal"))
    shown = " ".join(p.body.html for p in internal.pages)
    assert "내부 항목" in shown and "내부 지표" in shown  # the internal build shows both: the check above can fail
