"""Shared fixtures: the repository's framework, scratch copies to corrupt, the CLI in this process and as a
process, and built sites."""
from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FRAMEWORK = ROOT / "framework"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"

if "CAREER_TEST_CACHE" not in os.environ:  # the first process of a run (the workers inherit it)
    # compiled templates of the run's throwaway projects go to a folder of the run, not the user's cache
    os.environ["CAREER_TEST_CACHE"] = os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="career-test-cache-")
    atexit.register(shutil.rmtree, os.environ["CAREER_TEST_CACHE"], ignore_errors=True)


@pytest.fixture(scope="session")
def fw():
    """The repository's framework, loaded once."""
    from macros.core.loading import load_framework

    return load_framework(FRAMEWORK)


@pytest.fixture(scope="session")
def playwright_api():
    """Playwright's sync API, started once per test worker (it cannot be started twice in one thread)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def chromium(playwright_api):
    """One Chromium per test worker, for the browser suites (tests/browser.py finds it)."""
    import browser

    path = browser.chromium_path()
    browser.require(path is not None, "no Chromium or Chrome found: set CHROME_PATH, or apt-get install chromium")
    b = playwright_api.chromium.launch(executable_path=path, args=browser.CHROMIUM_ARGS)
    yield b
    b.close()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory):
    """The repository's site (Korean edition, no address), built once per test process into a temp folder; the tests
    only read it."""
    from site_html import Site

    out = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, out)
    assert result.returncode == 0, result.stderr
    return Site(out)


@pytest.fixture(scope="session")
def public(tmp_path_factory: pytest.TempPathFactory):
    """The repository's public site (what candidates see) in both editions, built once per test process; the tests
    only read it."""
    from site_html import Site

    out = tmp_path_factory.mktemp("public")
    result = build_site(ROOT, out, languages="ko,en", CAREER_AUDIENCE="public")
    assert result.returncode == 0, result.stderr
    return Site(out)


@pytest.fixture
def framework_copy(tmp_path: Path) -> Path:
    """A scratch copy of framework/ that a test may edit."""
    dest = tmp_path / "framework"
    shutil.copytree(FRAMEWORK, dest)
    return dest


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace `old` by `new` in a file, failing loudly when `old` is absent."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def run_career(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the `career` CLI as a separate process, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "macros.cli", *args],
        cwd=cwd or ROOT, capture_output=True, text=True, timeout=120,
        env={**__import__("os").environ, "PYTHONPATH": str(ROOT)},
    )


@pytest.fixture
def career(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """The `career` command called in this process (`macros.cli.main`), with the same arguments and working folder as
    `run_career` and the same kind of result, about half a second cheaper per call. Tests of what the command reports
    use it; a few tests (test_check_cli.py, test_outputs.py) still run the installed command as a process."""
    from macros import cli

    def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        monkeypatch.chdir(cwd or ROOT)
        capsys.readouterr()  # what the test printed before is not the command's
        try:
            code = cli.main(list(args))
        except SystemExit as exc:  # argparse's usage errors, as a process would exit
            code = 0 if exc.code is None else exc.code if isinstance(exc.code, int) else 1
        out = capsys.readouterr()
        assert "internal error" not in out.err, out.err  # what a process would show as a traceback
        return subprocess.CompletedProcess(["career", *args], code, out.out, out.err)

    return run


def make_project(dest: Path, framework: Path = FRAMEWORK, docs: bool = True) -> Path:
    """A throwaway copy of the MkDocs project (mkdocs.yml, docs/, framework/) using this checkout's code. Without
    `docs`, an organisation's project that has written no pages of its own: an empty docs/ and no nav."""
    dest.mkdir(parents=True, exist_ok=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if docs:
        shutil.copytree(ROOT / "docs", dest / "docs")
    else:
        (dest / "docs").mkdir()
        config = config[: config.index("\nnav:")] + "\n"
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    if framework.resolve() != (dest / "framework").resolve():
        shutil.copytree(framework, dest / "framework")
    (dest / "macros").symlink_to(ROOT / "macros", target_is_directory=True)
    return dest


def build_site(project: Path, out: Path, site_url: str | None = None, languages: str = "ko",
               **env_vars: str) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of a project into `out`, as a separate process. Only the Korean edition
    unless `languages` says otherwise (each edition is a build of its own). Not `-q`: MkDocs' quiet mode drops
    warnings before `--strict` counts them, so a quiet strict build passes with warnings."""
    env = {**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project),
           "CAREER_LANGUAGES": languages, **env_vars}
    if site_url:
        env["CAREER_SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(out)],
        cwd=project, capture_output=True, text=True, timeout=300, env=env,
    )


def served_build(project: Path, out: Path, languages: str = "ko") -> Iterator[str]:
    """Build `project` into `out` and serve it; yields the address. The site's URL is where it is served,
    or Material's instant navigation stays off."""
    import browser

    for url in browser.serve(out):
        result = build_site(project, out, site_url=url + "/", languages=languages)
        assert result.returncode == 0, result.stderr
        yield url


@pytest.fixture(scope="session")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], tuple[str, Path]]]:
    """The repository's site built and served once per test process and set of editions ("ko", "ko,en"): a function
    giving its address and folder. For the suites that only read the site (what a reader stores in the browser lives in
    each test's own browser context), so that those running in one process share a build."""
    with contextlib.ExitStack() as stack:
        sites: dict[str, tuple[str, Path]] = {}

        def address(languages: str = "ko") -> tuple[str, Path]:
            if languages not in sites:
                out = tmp_path_factory.mktemp("served")
                sites[languages] = stack.enter_context(contextlib.contextmanager(served_build)(ROOT, out, languages)), out
            return sites[languages]

        yield address


@pytest.fixture(scope="module")
def base_url(served_site: Callable[[str], tuple[str, Path]]) -> str:
    """The address of the repository's site, Korean edition only, for the browser suites (a suite that needs another
    site defines its own)."""
    return served_site("ko")[0]


@pytest.fixture
def page(chromium, base_url: str):
    """A Chromium page on `base_url` that fails the test on a script error and may download files (tests/browser.py)."""
    import browser

    yield from browser.watched_page(chromium, base_url, accept_downloads=True)


def modify(path: Path, change) -> None:
    """Edit a framework file structurally: parse it, let `change` edit the data, write it back (as JSON, which is YAML)."""
    import json

    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def find(items: list, **match):
    """The first mapping in `items` whose keys equal `match`."""
    return next(x for x in items if all(x.get(k) == v for k, v in match.items()))


def item_list(area: dict, group_id: str) -> list:
    return find(area["groups"], id=group_id)["items"]
