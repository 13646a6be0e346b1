"""No command removes or overwrites what it did not create: every output-writing command and option, with the
targets a user could mistype (the framework folder, the project, a data file, a folder of their own)."""
from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest
from conftest import make_project, run_career

from macros import cli
from macros.core.outputs import MARKER

JD = ("--role", "python-backend", "--level", "senior")
FILE_EXPORTS = {
    "json": (), "csv": (), "schema": (), "ats": JD, "jobposting": (*JD, "--date-posted", "2026-11-21", "--remote", "KR"),
}


def snapshot(root: Path) -> dict[str, str]:
    """Every file and folder below `root` (links not followed, `.git` left out) with a hash of each file."""
    out = {}
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).as_posix()
        if ".git" in p.relative_to(root).parts:
            continue
        out[rel] = "link" if p.is_symlink() else hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder"
    return out


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the project in a git repository, as the working folder."""
    root = make_project(tmp_path / "project")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    monkeypatch.chdir(root)
    return root


def career(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """The CLI called in this process (as `career ...`): exit code and what it printed on stderr."""
    code = cli.main(list(args))
    return code, capsys.readouterr().err


def refused(code: int, err: str, *words: str) -> bool:
    return code == 2 and "Traceback" not in err and "internal error" not in err and all(w in err for w in words)


@pytest.mark.parametrize("target", ["framework", ".", "..", "framework/schema", "docs"])
@pytest.mark.parametrize("force", [False, True])
def test_the_folder_export_never_replaces_the_project_its_data_or_above(project: Path, capsys, target: str, force: bool) -> None:
    before = snapshot(project.parent)
    code, err = career(capsys, "export", "--format", "mkdocs", "--out", target, *(["--force"] if force else []))
    assert refused(code, err, "--out"), err
    assert "never replaced, not even with --force" in err
    assert snapshot(project.parent) == before  # nothing removed, nothing left behind


def test_a_folder_of_the_users_is_replaced_only_with_force(project: Path, capsys) -> None:
    mine = project / "notes"
    mine.mkdir()
    (mine / "todo.txt").write_text("mine", encoding="utf-8")
    before = snapshot(project)
    code, err = career(capsys, "export", "--format", "mkdocs", "--out", "notes")
    assert refused(code, err, "notes", "--force", MARKER), err
    assert snapshot(project) == before
    (project / "a-file").write_text("x", encoding="utf-8")
    code, err = career(capsys, "export", "--format", "mkdocs", "--out", "a-file")
    assert refused(code, err, "is a file"), err


@pytest.mark.slow
def test_the_folder_export_writes_a_new_folder_and_replaces_its_own(project: Path, capsys) -> None:
    code, err = career(capsys, "export", "--format", "mkdocs", "--out", "dist/site")
    assert code == 0, err
    out = project / "dist" / "site"
    assert (out / "mkdocs.yml").is_file() and json.loads((out / MARKER).read_text())["written_by"] == "career"
    (out / "docs" / "stale.md").write_text("from an older export", encoding="utf-8")
    code, err = career(capsys, "export", "--format", "mkdocs", "--out", "dist/site")
    assert code == 0, err
    assert not (out / "docs" / "stale.md").exists() and (out / "mkdocs.yml").is_file()
    assert sorted(p.name for p in (project / "dist").iterdir()) == ["site"]  # no temporary folder left beside it
    empty = project / "empty"
    empty.mkdir()
    own = project / "own"
    own.mkdir()
    (own / "keep.txt").write_text("x", encoding="utf-8")
    assert career(capsys, "export", "--format", "mkdocs", "--out", "empty")[0] == 0  # an empty folder holds nothing to lose
    assert career(capsys, "export", "--format", "mkdocs", "--out", "own", "--force")[0] == 0
    assert not (own / "keep.txt").exists() and (own / "mkdocs.yml").is_file()


@pytest.mark.parametrize("fmt", sorted(FILE_EXPORTS))
def test_file_exports_refuse_the_framework_folder_folders_and_existing_files(project: Path, capsys, fmt: str) -> None:
    extra = FILE_EXPORTS[fmt]
    (project / "out").mkdir()
    before = snapshot(project)
    for target, words in [("framework/levels.yml", ["inside the framework folder"]),
                          ("framework/new.json", ["inside the framework folder"]),
                          ("framework/schema/x.json", ["inside the framework folder"]),
                          ("out", ["is a folder"]), (".", ["is a folder"])]:
        for force in ([], ["--force"]):
            code, err = career(capsys, "export", "--format", fmt, *extra, "--out", target, *force)
            assert refused(code, err, *words), (target, force, err)
    assert snapshot(project) == before
    code, err = career(capsys, "export", "--format", fmt, *extra, "--out", "out/first")
    assert code == 0, err
    first = (project / "out" / "first").read_bytes()
    (project / "out" / "first").write_text("edited by hand", encoding="utf-8")
    code, err = career(capsys, "export", "--format", fmt, *extra, "--out", "out/first")
    assert refused(code, err, "exists", "--force"), err
    assert (project / "out" / "first").read_text(encoding="utf-8") == "edited by hand"
    code, err = career(capsys, "export", "--format", fmt, *extra, "--out", "out/first", "--force")
    assert code == 0, err
    assert (project / "out" / "first").read_bytes() == first
    assert sorted(p.name for p in (project / "out").iterdir()) == ["first"]  # no temporary file left


def test_schema_replaces_only_its_own_files(project: Path, capsys) -> None:
    out = project / "schemas"
    code, err = career(capsys, "schema", "--out", "schemas")
    assert code == 0, err
    written = sorted(p.name for p in out.iterdir())
    assert "role.schema.json" in written and len(written) == 10
    assert career(capsys, "schema", "--out", "schemas")[0] == 0  # its own files: replaced
    (out / "role.schema.json").write_text('{"mine": true}\n', encoding="utf-8")
    code, err = career(capsys, "schema", "--out", "schemas")
    assert refused(code, err, "role.schema.json", "--force"), err
    assert (out / "role.schema.json").read_text(encoding="utf-8") == '{"mine": true}\n'
    assert career(capsys, "schema", "--out", "schemas", "--force")[0] == 0
    assert json.loads((out / "role.schema.json").read_text(encoding="utf-8"))["title"] == "RoleFile"
    assert sorted(p.name for p in out.iterdir()) == written


def test_urls_update_writes_only_its_own_list(project: Path, capsys) -> None:
    before = {k: v for k, v in snapshot(project / "framework").items() if k != "published-urls.json"}
    code, err = career(capsys, "urls", "--update")
    assert code == 0, err
    after = snapshot(project / "framework")
    assert {k: v for k, v in after.items() if k != "published-urls.json"} == before


def test_refusals_through_the_real_command(tmp_path: Path) -> None:
    """The installed command: exit 2 and our words, nothing on stdout, nothing changed."""
    project = make_project(tmp_path / "p")
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    before = snapshot(project)
    result = run_career("export", "--format", "mkdocs", "--out", ".", "--force", cwd=project)
    assert result.returncode == 2 and result.stdout == "" and "Traceback" not in result.stderr
    assert result.stderr.startswith("career export: --out ")
    result = run_career("export", "--format", "json", "--out", "framework/levels.yml", cwd=project)
    assert result.returncode == 2 and "inside the framework folder" in result.stderr
    assert snapshot(project) == before
    assert [p.name for p in project.parent.iterdir()] == ["p"]
