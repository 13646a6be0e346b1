"""`career serve` (make serve): after any sequence of edits the served site is what `mkdocs build` of the same files
writes, byte for byte (the sitemap's dates aside), both editions; a broken file is reported while the last good site
stays served, and fixing it recovers.

The server runs as a process on a copy of the seed project with a copy of the code (so that a template can be edited
without touching the checkout); hypothesis picks the order of the edits and what each edits.
"""
from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, build_site, make_project, modify
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.slow

Draw = Callable[[st.SearchStrategy], object]
_LASTMOD = re.compile(rb"<lastmod>[^<]*</lastmod>")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Served:
    """`career serve` on a project, as a process; `wait()` returns when an edit has been handled."""

    def __init__(self, project: Path) -> None:
        self.project = project
        self.url = f"http://127.0.0.1:{_free_port()}/"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project)}
        env.pop("CAREER_LANGUAGES", None)
        self.log = (project.parent / "serve.log").open("w")
        self.proc = subprocess.Popen([sys.executable, "-m", "macros.cli", "serve", "--dev-addr", self.url[7:-1]], cwd=project,
                                     env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.handled = self._status(timeout=240)["handled"]

    def _status(self, timeout: float = 5) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(self.url + "livereload/status", timeout=5) as r:
                    return json.loads(r.read())
            except OSError:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise AssertionError("career serve did not answer:\n" + self.output()) from None
                time.sleep(0.1)

    def wait(self) -> dict:
        """The server's status once it has handled the edit just made (and nothing more is pending)."""
        deadline = time.monotonic() + 240
        while True:
            status = self._status()
            if status["handled"] > self.handled and status["idle"]:
                time.sleep(0.3)  # an editor's save can come as two bursts: let a second one start
                again = self._status()
                if again["idle"] and again["handled"] == status["handled"]:
                    self.handled = again["handled"]
                    return again
            assert time.monotonic() < deadline, "career serve did not finish the edit:\n" + self.output()
            time.sleep(0.05)

    def folders(self) -> dict[str, Path]:
        return {prefix: Path(p) for prefix, p in self._status()["roots"].items()}

    def output(self) -> str:
        self.log.flush()
        return (self.project.parent / "serve.log").read_text(errors="replace")[-4000:]

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def _tree(folders: dict[str, Path]) -> dict[str, bytes]:
    """Every file of the served folders by its path in the site (sitemaps without their dates)."""
    out: dict[str, bytes] = {}
    for prefix, folder in folders.items():
        for path in folder.rglob("*"):
            if path.is_file():
                out[prefix + path.relative_to(folder).as_posix()] = _comparable(path)
    return out


def _comparable(path: Path) -> bytes:
    raw = path.read_bytes()
    if path.name == "sitemap.xml.gz":
        raw = gzip.decompress(raw)
    return _LASTMOD.sub(b"<lastmod/>", raw) if path.name.startswith("sitemap.xml") else raw


def _clean_build(project: Path, out: Path, url: str) -> dict[str, bytes]:
    shutil.rmtree(out, ignore_errors=True)
    result = build_site(project, out, site_url=url, languages="ko,en")
    assert result.returncode == 0, result.stderr[-3000:]
    return _tree({"": out})


def _same(served: dict[str, bytes], clean: dict[str, bytes], step: str) -> None:
    missing, extra = sorted(clean.keys() - served.keys()), sorted(served.keys() - clean.keys())
    differ = sorted(k for k in clean.keys() & served.keys() if clean[k] != served[k])
    assert not (missing or extra or differ), (f"after {step}: the served site differs from `mkdocs build`: missing {missing[:5]}, "
                                              f"extra {extra[:5]}, different {differ[:5]}")


# the edits --------------------------------------------------------------------------------------------------------
def _areas(project: Path) -> list[Path]:
    return sorted((project / "framework" / "competencies").glob("*.yml"))


def _probed(project: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in (project / "framework" / "interview").glob("*.yml"))


def _pick_item(project: Path, draw: Draw) -> tuple[Path, int, int]:
    """An area file, group and item that no interview question names (so its id can change)."""
    probed = _probed(project)
    choices = []
    for path in _areas(project):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for gi, g in enumerate(data.get("groups", [])):
            choices += [(path, gi, ii) for ii, it in enumerate(g.get("items", [])) if it["id"] not in probed]
    return draw(st.sampled_from(choices))  # type: ignore[return-value]


def retitle_item(project: Path, draw: Draw) -> Iterator[str]:
    path, gi, ii = _pick_item(project, draw)
    n = draw(st.integers(0, 999))
    modify(path, lambda d: d["groups"][gi]["items"][ii].update(title={"ko": f"바뀐 제목 {n}", "en": f"Retitled {n}"}))
    yield f"retitled an item in {path.name}"


def add_and_remove_item(project: Path, draw: Draw) -> Iterator[str]:
    path = draw(st.sampled_from(_areas(project)))
    gi = 0
    modify(path, lambda d: d["groups"][gi].setdefault("items", []).append(
        {"id": "serve-test-item", "title": {"ko": "새 항목", "en": "A new item"}, "level": "mid"}))
    yield f"added an item to {path.name}"
    modify(path, lambda d: d["groups"][gi].update(items=[it for it in d["groups"][gi]["items"] if it["id"] != "serve-test-item"]))
    yield f"removed it again from {path.name}"


def rename_item(project: Path, draw: Draw) -> Iterator[str]:
    path, gi, ii = _pick_item(project, draw)

    def rename(d: dict) -> None:
        it = d["groups"][gi]["items"][ii]
        it["aliases"] = [*it.get("aliases", []), it["id"]]
        it["id"] = it["id"] + "-renamed"
    modify(path, rename)
    yield f"renamed an item in {path.name}, keeping its old id as an alias"


def add_level(project: Path, draw: Draw) -> Iterator[str]:
    levels = project / "framework" / "levels.yml"

    def add(d: dict) -> None:
        top = d["levels"][-1]
        top["progression"] = {"focus": {"ko": "조직 → 회사", "en": "Organisation → company"},
                              "goal": {"ko": "회사의 기술 방향", "en": "The company's technical direction"}}
        d["levels"].append({"id": "staff", "title": {"ko": "Staff", "en": "Staff"}, "years": {"min": top["years"]["min"] + 4},
                            "years_label": {"ko": "14년차 이상", "en": "14+ years"}, "focus": top["focus"], "impact": top["impact"]})
    modify(levels, add)
    for role in (project / "framework" / "roles").glob("*.yml"):
        modify(role, lambda d: d["levels"].__setitem__("staff", {**d["levels"][list(d["levels"])[-1]],
                                                                 "title": {"ko": "Staff 엔지니어", "en": "Staff Engineer"}}))
    yield "added a level above the top one, with its JD in each role"


def edit_template(project: Path, draw: Draw) -> Iterator[str]:
    template = draw(st.sampled_from(["area.html.j2", "jd.html.j2", "level.html.j2"]))
    path = project / "macros" / "site" / "templates" / template
    path.write_text(path.read_text(encoding="utf-8") + "<p>serve test</p>\n", encoding="utf-8")
    yield f"edited the template {template}"


def retitle_role(project: Path, draw: Draw) -> Iterator[str]:
    n = draw(st.integers(0, 999))
    for role in (project / "framework" / "roles").glob("*.yml"):
        modify(role, lambda d: d.update(title={"ko": f"백엔드 엔지니어 {n}", "en": f"Backend Engineer {n}"}))
    yield "retitled the role (the navigation shows it)"


def edit_docs(project: Path, draw: Draw) -> Iterator[str]:
    page = project / "docs" / "benchmarks.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    yield "edited a hand-written page"


def break_and_fix(project: Path, draw: Draw) -> Iterator[str]:
    path = draw(st.sampled_from(_areas(project)))
    good = path.read_bytes()
    path.write_bytes(good + b"\nbroken: [unclosed\n")
    yield f"BROKEN {path.name}"
    path.write_bytes(good)
    yield f"fixed {path.name} again"


EDITS = [retitle_item, add_and_remove_item, rename_item, add_level, edit_template, retitle_role, edit_docs, break_and_fix]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed project with a copy of the code of its own (the template edits stay there)."""
    base = tmp_path_factory.mktemp("serve")
    dest = make_project(base / "project")
    (dest / "macros").unlink()
    shutil.copytree(ROOT / "macros", dest / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    return dest


@settings(max_examples=1, deadline=None, phases=[Phase.generate], suppress_health_check=list(HealthCheck))
@given(order=st.permutations(EDITS), data=st.data())
def test_served_site_is_a_clean_build(project: Path, order: list, data: st.DataObject) -> None:
    assume(order != EDITS)  # hypothesis tries the simplest example first: in the order written here, with zeros
    out = project.parent / "clean"
    server = Served(project)
    try:
        clean = _clean_build(project, out, server.url)
        _same(_tree(server.folders()), clean, "the first build")
        for edit in order:
            for step in edit(project, data.draw):
                status = server.wait()
                if step.startswith("BROKEN "):  # the error is shown and the last good site stays served
                    assert status["error"] and step.removeprefix("BROKEN ") in status["error"], status
                    _same(_tree(server.folders()), clean, "a broken file")
                    continue
                assert status["error"] is None, f"after {step}: {status['error']}"
                clean = _clean_build(project, out, server.url)
                _same(_tree(server.folders()), clean, step)
    finally:
        server.stop()
