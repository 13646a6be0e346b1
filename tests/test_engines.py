"""The static export on the engines that come after MkDocs 1.x: `career export --format mkdocs` built with
Zensical and with ProperDocs gives the project build's pages, the same heading ids on every page, a table of
contents on the job-description pages, and links that lead where the project's links lead.

Each engine lives in an environment of its own under tests/.cache/engines/ (never in .venv: they would replace
or clash with the MkDocs and Material the project pins), installed from the package registry once per machine
and version. `make test` prepares them first (`make engines`, which runs this file as a script); the test
installs a missing one itself and fails, naming the package, when the registry cannot provide it.
"""
from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import ROOT, build_site, run_career

pytestmark = pytest.mark.slow

CACHE = ROOT / "tests" / ".cache" / "engines"

#: The newest Zensical the registry installs: 0.0.74 and 0.1.0-0.1.3 depend on `zensical-ui`, which it lacks.
ZENSICAL = "0.0.73"
#: ProperDocs, the community continuation of MkDocs 1.x, with the Material release the project runs.
PROPERDOCS = "1.6.7"
MATERIAL = version("mkdocs-material")


@dataclass(frozen=True)
class Engine:
    name: str
    requirements: tuple[str, ...]
    remove: tuple[str, ...] = ()  # installed as dependencies but must not be what builds

    @property
    def env(self) -> Path:
        """The environment's folder: one per engine, pinned requirements and Python version."""
        key = "-".join(r.replace("==", "-") for r in self.requirements)
        return CACHE / f"{key}-py{sys.version_info.major}.{sys.version_info.minor}"

    @property
    def python(self) -> Path:
        return self.env / "bin" / "python"


ENGINES = (
    Engine("zensical", (f"zensical=={ZENSICAL}",)),
    # Material requires mkdocs; it is removed again so that the build can only be ProperDocs'
    # (ProperDocs answers Material's `import mkdocs...` itself).
    Engine("properdocs", (f"properdocs=={PROPERDOCS}", f"mkdocs-material=={MATERIAL}"), remove=("mkdocs", "mkdocs-get-deps")),
)


def _stamp(engine: Engine) -> str:
    return json.dumps({"requirements": engine.requirements, "removed": engine.remove, "python": sys.version.split()[0]})


def _pip(engine: Engine, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run([sys.executable, "-m", "pip", "--python", str(engine.python), "--disable-pip-version-check",
                           "--no-input", *args], capture_output=True, text=True, timeout=900, env=env)


def prepare(engine: Engine) -> str | None:
    """Make the engine's environment if it is missing; None when it is ready, else why it cannot be."""
    CACHE.mkdir(parents=True, exist_ok=True)
    ready = engine.env / ".ready"
    with (CACHE / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one installer at a time (two test runs, or make and a test)
        if engine.python.exists() and ready.is_file() and ready.read_text(encoding="utf-8") == _stamp(engine):
            return None
        shutil.rmtree(engine.env, ignore_errors=True)
        steps = [subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(engine.env)],
                                capture_output=True, text=True, timeout=300)]
        if steps[-1].returncode == 0:
            steps.append(_pip(engine, "install", "--progress-bar", "off", *engine.requirements))
        if steps[-1].returncode == 0 and engine.remove:
            steps.append(_pip(engine, "uninstall", "--yes", *engine.remove))
        if steps[-1].returncode != 0:
            shutil.rmtree(engine.env, ignore_errors=True)
            lines = [line for line in (steps[-1].stdout + steps[-1].stderr).splitlines() if "is ignored" not in line]
            return (f"{engine.name}: could not install {' '.join(engine.requirements)} into {engine.env} from the package "
                    "registry (pip's last lines below). The registry must provide these packages and their dependencies; "
                    "to change the versions, edit ZENSICAL / PROPERDOCS in tests/test_engines.py.\n" + "\n".join(lines[-15:]))
        ready.write_text(_stamp(engine), encoding="utf-8")
        return None


# Reading built pages --------------------------------------------------------------------------------------------

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


class _Article(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag) and a.get("id"):
            self.headings.append(a["id"] or "")
        if tag == "a" and a.get("href") is not None:
            self.links.append(a["href"] or "")


class _Toc(HTMLParser):
    """The anchors of Material's table of contents (`nav.md-nav--secondary`, its nested levels included)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "nav" and (self._depth or "md-nav--secondary" in (a.get("class") or "").split()):
            self._depth += 1
        if tag == "a" and self._depth and (a.get("href") or "").startswith("#"):
            self.anchors.append((a["href"] or "")[1:])

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self._depth:
            self._depth -= 1


@dataclass
class Page:
    headings: list[str]  # ids of the article's headings, in order
    links: list[str]  # hrefs in the article, in order
    toc: list[str]  # the ids the right-hand table of contents points to


def read_page(path: Path) -> Page:
    source = path.read_text(encoding="utf-8")
    parsed = _Article()
    m = _ARTICLE.search(source)
    parsed.feed(m.group(1) if m else "")
    toc = _Toc()
    toc.feed(source)
    return Page(parsed.headings, parsed.links, toc.anchors)


def pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def jd_pages(site: Path) -> list[str]:
    """The job-description pages (`/roles/<role>/<level>/`), from the site's own /api/framework.json."""
    data = json.loads((site / "api" / "framework.json").read_text(encoding="utf-8"))
    return [f"roles/{role['id']}/{level}/index.html" for role in data["roles"] for level in role["levels"]]


# Builds ---------------------------------------------------------------------------------------------------------

@dataclass
class Built:
    engine: str
    site: Path
    returncode: int
    warnings: list[str]
    output: str


def _run(args: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=300, env=env)


def build(engine: Engine, export: Path, work: Path) -> Built:
    """The export built as its mkdocs.yml says (`strict: true`), warnings collected from the engine's output."""
    if engine.name == "zensical":  # it writes site/ and .cache/ next to mkdocs.yml: build a copy
        project = work / "zensical-project"
        shutil.copytree(export, project)
        done = _run([engine.python, "-m", "zensical", "build", "--strict", "-f", "mkdocs.yml"], cwd=project)
        output = _ANSI.sub("", done.stdout + done.stderr)
        # each issue: a "Warning: what" line, then a "╭─[ page.md:line:col ]" line
        warnings = [line.strip() for line in output.splitlines() if re.match(r"\s*(Warning|Error):", line) or "─[" in line]
        if not warnings and "No issues found" not in output:
            warnings = [line for line in output.splitlines() if "issue" in line]
        return Built(engine.name, project / "site", done.returncode, warnings, output)
    site = work / "properdocs-site"
    done = _run([engine.python, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", site], cwd=export)
    output = done.stdout + done.stderr
    return Built(engine.name, site, done.returncode, [ln for ln in output.splitlines() if ln.startswith(("WARNING", "ERROR"))], output)


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("engines")


@pytest.fixture(scope="module")
def export(work: Path) -> Path:
    out = work / "export"
    result = run_career("export", "--format", "mkdocs", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def project(work: Path) -> Path:
    """The reference: the project's own build of the same edition."""
    out = work / "project"
    result = build_site(ROOT, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module", params=ENGINES, ids=lambda e: e.name)
def built(request: pytest.FixtureRequest, export: Path, work: Path) -> Iterator[Built]:
    engine: Engine = request.param
    problem = prepare(engine)
    if problem:
        pytest.fail(problem, pytrace=False)
    yield build(engine, export, work)


def test_export_builds_on_the_engine_like_the_project(built: Built, project: Path) -> None:
    """No warnings in a strict build; the project's page set; on every page the same heading ids; a table of
    contents on every job-description page, the project's own."""
    assert (built.site / "index.html").is_file(), f"{built.engine} built no site:\n{built.output[-3000:]}"
    problems: list[str] = []
    if built.returncode != 0 or built.warnings:
        shown = "\n    ".join(built.warnings[:8]) + (f"\n    … {len(built.warnings) - 8} more" if len(built.warnings) > 8 else "")
        problems.append(f"the strict build failed (exit {built.returncode}), {len(built.warnings)} warning(s):\n    {shown}")
    ours, theirs = pages(project), pages(built.site)
    if ours != theirs:
        problems.append(f"pages only in the project build: {sorted(set(ours) - set(theirs))}; "
                        f"only in {built.engine}'s: {sorted(set(theirs) - set(ours))}")
    for page in sorted(set(ours) & set(theirs)):
        a, b = read_page(project / page).headings, read_page(built.site / page).headings
        if a != b:
            problems.append(f"{page}: heading ids differ: project {a}, {built.engine} {b}")
    jds = jd_pages(project)
    assert jds, "no job-description page in /api/framework.json"
    for page in jds:
        a, b = read_page(project / page).toc, read_page(built.site / page).toc if (built.site / page).is_file() else []
        if not a or a != b:
            problems.append(f"{page}: table of contents: project {a}, {built.engine} {b}")
    assert problems == [], f"the static export on {built.engine}:\n  " + "\n  ".join(problems)


def test_export_links_lead_where_the_project_links_lead(built: Built, project: Path) -> None:
    """Every link in every page's article reaches the same address as the project build's, with the site served
    at a sub-path (as on GitHub Pages). Engines may rewrite links, but never to elsewhere.

    Known difference: Zensical resolves links in raw HTML against the Markdown file, not the page's address. The
    export writes every generated page as the `index.md` of its own folder, so they agree; a hand-written page
    (`linking.md`) keeps its file, and the HTML blocks its macros write are resolved one folder too high there."""
    generated = {u.lstrip("/") + "index.html" for u in json.loads((project / "urls.json").read_text(encoding="utf-8"))["pages"]}
    wrong: list[str] = []
    total = 0
    for page in pages(project):
        if not (built.site / page).is_file() or (built.engine == "zensical" and page not in generated):
            continue
        url = "https://example.org/site/" + page.removesuffix("index.html")
        a = [urljoin(url, href) for href in read_page(project / page).links]
        b = [urljoin(url, href) for href in read_page(built.site / page).links]
        total += len(a)
        if len(a) != len(b):
            wrong.append(f"{page}: {len(a)} links in the project build, {len(b)} on {built.engine}")
            continue
        wrong += [f"{page}: {x} became {y}" for x, y in zip(a, b, strict=True) if x != y]
    assert wrong == [], (f"{len(wrong)} of {total} links lead elsewhere on {built.engine} (site at /site/):\n  "
                         + "\n  ".join(wrong[:12]))


if __name__ == "__main__":  # `make engines`: install what the tests build with, before they run
    failed = False
    for engine in ENGINES:
        problem = prepare(engine)
        print(problem or f"{engine.name}: ready in {engine.env.relative_to(ROOT)}", file=sys.stderr if problem else sys.stdout)
        failed = failed or bool(problem)
    sys.exit(1 if failed else 0)
