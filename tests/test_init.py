"""`career init`: any organisation starts its own framework repository without touching the engine's code. The new
repository checks, builds strictly in its one language (English: not one Hangul character in any page), installs the
engine as a package from where this one came from (or from --engine), and is written only into a new or empty folder
outside any repository; anything else is refused (exit 2) with nothing written."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, run_career

from macros.adopt import engine
from macros.core.outputs import MARKER
from macros.site.assets import SCRIPTS, STYLES, THEME

HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")  # jamo, compatibility jamo, syllables
LANGS = ("en", "ko")
EXPECTED = ["README.md", "Makefile", "requirements.txt", "mkdocs.yml", ".gitignore", ".github/zizmor.yml",
            ".github/workflows/pull-request.yml", ".github/workflows/pr-comment.yml", ".github/workflows/deploy.yml",
            "docs/contributing.md", "framework/framework.yml", "framework/families/engineering.yml",
            "framework/competencies/01-craft.yml", "framework/roles/software-engineer.yml", "framework/kpis.yml",
            "framework/glossary.yml", "framework/interview/engineering-practice.yml"]


def files_in(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def snapshot(folder: Path) -> list[str]:
    """Everything below `folder`, folders and hidden files included (a refusal must leave it as it was)."""
    return sorted(p.relative_to(folder).as_posix() + ("/" if p.is_dir() else "") for p in folder.rglob("*"))


def mkdocs_build(project: Path, out: Path, **env_vars: str) -> subprocess.CompletedProcess[str]:
    """A strict build of a generated repository's site with this checkout's engine, its languages from its own
    framework.yml (no CAREER_LANGUAGES)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAREER_") or k == "CAREER_TEST_CACHE"}
    env.update({"NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT), **env_vars})
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(out)],
                          cwd=project, capture_output=True, text=True, timeout=300, env=env)


# writing -----------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_init_writes_a_working_repository(tmp_path: Path, career, lang: str) -> None:
    target = tmp_path / "careers"
    result = career("init", "--lang", lang, str(target))
    assert result.returncode == 0, result.stderr
    written = files_in(target)
    assert set(EXPECTED) <= set(written), set(EXPECTED) - set(written)
    assert MARKER not in written  # the repository is the organisation's: no export may replace it
    assert not any(p.name.startswith(".careers.") for p in tmp_path.iterdir())  # nothing left beside it
    for line in (f"cd {target}", "make serve", "make test", "framework/: 1 family, 3 levels, 1 role"):
        assert line in result.stdout, result.stdout
    framework = yaml.safe_load((target / "framework" / "framework.yml").read_text(encoding="utf-8"))
    assert framework["locale"] == lang and framework["languages"] == [lang]
    checked = career("check", cwd=target)
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr == ""  # not even a warning
    readme = (target / "README.md").read_text(encoding="utf-8")
    assert "make serve" in readme and "make test" in readme


def test_an_english_repository_has_no_korean(tmp_path: Path, career) -> None:
    target = tmp_path / "careers"
    assert career("init", "--lang", "en", str(target)).returncode == 0
    found = {rel: HANGUL.findall((target / rel).read_text(encoding="utf-8"))[:5] for rel in files_in(target)}
    assert not {rel: chars for rel, chars in found.items() if chars}


def test_a_korean_repository_is_written_in_korean(tmp_path: Path, career) -> None:
    target = tmp_path / "careers"
    result = career("init", "--lang", "ko", str(target))
    assert result.returncode == 0 and "(Korean; " in result.stdout
    for rel in ("README.md", "docs/contributing.md", "framework/framework.yml", "framework/roles/software-engineer.yml"):
        assert HANGUL.search((target / rel).read_text(encoding="utf-8")), rel


def test_an_empty_folder_is_accepted(tmp_path: Path, career) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    assert career("init", "--lang", "en", str(target)).returncode == 0
    assert (target / "framework" / "framework.yml").is_file()


def test_the_template_is_package_data() -> None:
    """Every template file is matched by pyproject's package-data pattern, and none is hidden (setuptools' globbing
    and this repository's git never see the templates' `.gitignore` and `.github/`: they are written `dot-`)."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["macros.adopt"]
    package = ROOT / "macros" / "adopt"
    matched = {p for pattern in patterns for p in package.glob(pattern) if p.is_file()}
    templates = {p for p in (package / "template").rglob("*") if p.is_file()}
    assert templates and templates <= matched
    assert not [p for p in templates if any(part.startswith(".") for part in p.relative_to(package).parts)]
    assert "theme/assets/*" in config["tool"]["setuptools"]["package-data"]["macros.site"]


def test_a_new_site_names_none_of_the_engines_files() -> None:
    """The engine's theme, styles and scripts come with the plugin (site/assets.py), so a generated mkdocs.yml lists
    none of them, and every one it loads is package data of the engine."""
    for lang in LANGS:
        doc = yaml.load((ROOT / "macros" / "adopt" / "template" / lang / "mkdocs.yml").read_text(encoding="utf-8"),
                        Loader=yaml.BaseLoader)
        assert "custom_dir" not in doc["theme"] and "extra_css" not in doc and "extra_javascript" not in doc, lang
    for asset in (*STYLES, *SCRIPTS):
        assert (THEME / asset).is_file(), asset


# the engine a new repository installs ------------------------------------------------------------------------------
def test_by_default_the_engine_comes_from_this_checkout(tmp_path: Path, career) -> None:
    result = career("init", "--lang", "en", str(tmp_path / "careers"))
    lines = (tmp_path / "careers" / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert [x for x in lines if x and not x.startswith("#")] == [f"-e {ROOT}"]  # editable: it follows the checkout
    assert "a folder on this machine" in result.stdout and "git+https://" in result.stdout  # what to set before pushing


@pytest.mark.parametrize(("spec", "line"), [
    ("git+https://github.com/acme/career-framework@v1.2.0", "career-framework @ git+https://github.com/acme/career-framework@v1.2.0"),
    ("career-framework @ git+ssh://git@github.com/acme/career-framework@v2", "career-framework @ git+ssh://git@github.com/acme/career-framework@v2"),
    ("career-framework==0.3.0", "career-framework==0.3.0"),
])
def test_the_engine_can_be_named(tmp_path: Path, career, spec: str, line: str) -> None:
    result = career("init", "--lang", "en", "--engine", spec, str(tmp_path / "careers"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "careers" / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == line
    assert "a folder on this machine" not in result.stdout and "not pinned" not in result.stdout


def test_an_unpinned_engine_is_pointed_out() -> None:
    assert not engine.given("git+https://github.com/acme/career-framework").pinned
    assert engine.given("git+https://github.com/acme/career-framework@v1.0.0").pinned
    assert engine.given(str(ROOT)).line == f"-e {ROOT}" and engine.given(str(ROOT)).local


@pytest.mark.parametrize("spec", ["not a url", "http://example.org/engine.tar.gz", "other-package @ https://x.org/a.whl",
                                  "git+https://x.org/a\n-e /etc", str(Path(__file__).parent)])
def test_an_engine_pip_cannot_install_is_refused(tmp_path: Path, career, spec: str) -> None:
    result = career("init", "--lang", "en", "--engine", spec, str(tmp_path / "careers"))
    assert result.returncode == 2 and result.stderr.startswith("career init: --engine"), result.stderr
    assert not (tmp_path / "careers").exists()


# refusals ------------------------------------------------------------------------------------------------------------
def _refused(career, tmp_path: Path, target: Path, words: str) -> None:
    before = snapshot(tmp_path)
    result = career("init", "--lang", "en", str(target))
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.startswith("career init: ") and words in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert snapshot(tmp_path) == before  # nothing written, nothing left behind


def test_a_folder_with_files_is_refused(tmp_path: Path, career) -> None:
    target = tmp_path / "notes"
    target.mkdir()
    (target / "todo.txt").write_text("mine\n", encoding="utf-8")
    _refused(career, tmp_path, target, "is not empty")
    assert (target / "todo.txt").read_text(encoding="utf-8") == "mine\n"


def test_an_existing_repository_is_refused(tmp_path: Path, career) -> None:
    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    _refused(career, tmp_path, repo, "holds a git repository")


def test_a_folder_inside_a_repository_is_refused(tmp_path: Path, career) -> None:
    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    _refused(career, tmp_path, repo / "careers", "inside the git repository")
    _refused(career, tmp_path, repo / "deeper" / "careers", "inside the git repository")


def test_a_file_and_a_link_are_refused(tmp_path: Path, career) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    _refused(career, tmp_path, tmp_path / "file", "is a file")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    _refused(career, tmp_path, tmp_path / "link", "symbolic link")


def test_the_engines_own_repository_is_refused(career) -> None:
    before = snapshot(ROOT / "framework")
    result = career("init", "--lang", "en", ".")
    assert result.returncode == 2 and "holds a git repository" in result.stderr
    result = career("init", "--lang", "en", "framework")
    assert result.returncode == 2 and "not empty" in result.stderr
    assert snapshot(ROOT / "framework") == before


# CI ----------------------------------------------------------------------------------------------------------------
def _workflow(path: Path) -> dict:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["on"] = doc.pop(True, doc.get("on"))
    return doc


def test_the_workflows_are_pinned_and_lint_clean(tmp_path: Path, career) -> None:
    target = tmp_path / "careers"
    assert career("init", "--lang", "en", str(target)).returncode == 0
    workflows = target / ".github" / "workflows"
    for path in workflows.glob("*.yml"):
        for job in _workflow(path)["jobs"].values():
            for step in job.get("steps", []):
                uses = step.get("uses", "")
                assert not uses or re.fullmatch(r"[\w./-]+@[0-9a-f]{40}", uses), (path.name, uses)
                if uses.startswith("actions/checkout"):
                    assert step["with"]["persist-credentials"] is False
    pr = _workflow(workflows / "pull-request.yml")
    runs = "\n".join(s.get("run", "") for s in pr["jobs"]["review"]["steps"])
    assert "career diff --git" in runs and "make test" in runs and "${{" not in runs
    assert pr["jobs"]["review"]["permissions"] == {"contents": "read"}
    deploy = _workflow(workflows / "deploy.yml")
    guard = next(s for s in deploy["jobs"]["build"]["steps"] if "PUBLIC_SITE_URL" in s.get("env", {}))
    assert subprocess.run(["bash", "-c", guard["run"]], env={"PATH": "/usr/bin:/bin"}, capture_output=True).returncode == 1
    bin_dir = Path(sys.executable).parent
    zizmor, schema = shutil.which("zizmor", path=str(bin_dir)), shutil.which("check-jsonschema", path=str(bin_dir))
    if not zizmor or not schema:
        pytest.skip("zizmor or check-jsonschema is not installed (pip install '.[test]')")
    done = subprocess.run([zizmor, "--offline", "--min-severity", "medium", ".github/workflows"], cwd=target,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "No findings to report" in done.stdout + done.stderr, done.stdout + done.stderr
    done = subprocess.run([schema, "--builtin-schema", "vendor.github-workflows", *map(str, sorted(workflows.glob("*.yml")))],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


# the site ----------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each language's new repository, built strictly (internal audience) with this checkout's engine."""
    out = {}
    for lang in LANGS:
        base = tmp_path_factory.mktemp(f"init-{lang}")
        done = run_career("init", "--lang", lang, str(base / "careers"))
        assert done.returncode == 0, done.stderr
        built = mkdocs_build(base / "careers", base / "site")
        assert built.returncode == 0, built.stderr
        out[lang] = base / "site"
    return out


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_the_site_builds_strictly(sites: dict[str, Path], lang: str) -> None:
    site = sites[lang]
    for page in ("index.html", "roles/software-engineer/senior-engineer/index.html", "competencies/craft/index.html",
                 "levels/staff-engineer/index.html", "contributing/index.html", "glossary/index.html"):
        assert (site / page).is_file(), page
    assert not (site / "en").exists() and not (site / "ko").exists()  # one language, one edition
    for asset in ("framework.css", "site.js", "store.js", "checklist.js", "search-worker.js"):
        assert (site / "assets" / asset).is_file(), asset  # from the engine's theme, not from the repository
    home = (site / "index.html").read_text(encoding="utf-8")
    assert ("Example Co. engineering careers" if lang == "en" else "예시 회사 엔지니어링 커리어") in home


@pytest.mark.slow
def test_the_public_site_builds_strictly(tmp_path: Path) -> None:
    done = run_career("init", "--lang", "en", str(tmp_path / "careers"))
    assert done.returncode == 0, done.stderr
    built = mkdocs_build(tmp_path / "careers", tmp_path / "public", CAREER_AUDIENCE="public")
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "public" / "roles" / "software-engineer" / "engineer" / "index.html").is_file()


HANGUL_RUN = re.compile(HANGUL.pattern + "+")


def hangul_in(site: Path, rels: list[str]) -> dict[str, list[str]]:
    """Each file that holds Hangul, with a few of its places in context."""
    found = {}
    for rel in rels:
        text = (site / rel).read_text(encoding="utf-8")
        hits = [text[max(0, m.start() - 40): m.end() + 10] for m in HANGUL_RUN.finditer(text)]
        if hits:
            found[rel] = hits[:3]
    return found


@pytest.mark.slow
def test_the_english_site_has_no_hangul_on_any_page(sites: dict[str, Path]) -> None:
    """Not one Hangul character on any page of a site built from `career init --lang en`: the interface, the site's
    name, the generated home page and the data are all English."""
    pages = [rel for rel in files_in(sites["en"]) if rel.endswith(".html")]
    assert len(pages) > 20
    assert not hangul_in(sites["en"], pages)


@pytest.mark.slow
def test_the_english_sites_documents_have_no_hangul(sites: dict[str, Path]) -> None:
    """Nor in the documents it publishes: the search index, the exports and their schema, the URL list, the sitemap.
    (Only code is left out: Material's bundled search languages, our scripts and styles, which hold the Korean
    search's particles and a Hangul font's name.)"""
    documents = [rel for rel in files_in(sites["en"]) if rel.endswith((".json", ".csv", ".xml", ".txt"))
                 and not rel.startswith("assets/")]
    assert any(rel.startswith("api/") for rel in documents) and "search/search_index.json" in documents
    assert not hangul_in(sites["en"], documents)


# end to end: a fresh clone, offline from the internet ------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("CAREER_INIT_E2E") == "0", reason="CAREER_INIT_E2E=0: the fresh clone's make test is skipped")
def test_a_fresh_clone_passes_make_test(tmp_path: Path) -> None:
    """The engine as an organisation installs it (a package built from its source, not editable, no PYTHONPATH), a
    new repository committed and cloned, and `make test` in the clone: a new environment from the package registry
    (about 45 s with pip's cache), `career check` and both strict builds. CAREER_INIT_E2E=0 skips it (offline)."""
    source = tmp_path / "engine"  # the engine's source as a release would hold it (this working tree, uncommitted work too)
    shutil.copytree(ROOT / "macros", source / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    done = run_career("init", "--lang", "en", "--engine", source.as_uri(), str(tmp_path / "origin"))
    assert done.returncode == 0, done.stderr
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run([*git, "init", "-q", "-b", "main"], cwd=tmp_path / "origin", check=True)
    subprocess.run([*git, "add", "-A"], cwd=tmp_path / "origin", check=True)
    subprocess.run([*git, "commit", "-q", "-m", "Career framework"], cwd=tmp_path / "origin", check=True)
    subprocess.run(["git", "clone", "-q", str(tmp_path / "origin"), str(tmp_path / "clone")], check=True)
    venv_bin = str(Path(sys.executable).parent)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CAREER_", "PYTHON", "VIRTUAL_ENV"))}
    env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep) if p != venv_bin)
    env.setdefault("PIP_CACHE_DIR", str(Path.home() / ".cache" / "pip"))  # the machine's downloads (XDG_CACHE_HOME is the run's)
    start = time.monotonic()
    made = subprocess.run(["make", "test"], cwd=tmp_path / "clone", capture_output=True, text=True, timeout=900, env=env)
    assert made.returncode == 0, made.stdout[-3000:] + made.stderr[-3000:]
    print(f"fresh clone: make test took {time.monotonic() - start:.0f} s")
    assert (tmp_path / "clone" / "site" / "index.html").is_file() and (tmp_path / "clone" / "site-public" / "index.html").is_file()
    assert (tmp_path / "clone" / "framework" / "schema" / "role.schema.json").is_file()  # editor schemas, from the engine
    status = subprocess.run(["git", "status", "--porcelain"], cwd=tmp_path / "clone", capture_output=True, text=True, check=True)
    assert status.stdout == ""  # everything make wrote is ignored: .venv, site/, site-public/, framework/schema/


def test_the_working_folder_is_refused(tmp_path: Path, career) -> None:
    """Moving a folder into the place of the one the shell stands in would leave the shell in a removed folder."""
    here = tmp_path / "here"
    here.mkdir()
    before = snapshot(tmp_path)
    result = career("init", "--lang", "en", ".", cwd=here)
    assert result.returncode == 2 and "the working folder" in result.stderr and "cd .. && career init here" in result.stderr
    assert snapshot(tmp_path) == before
