"""Edit to visible (`bench/run.py --only edit`): how long a one-line YAML edit takes to show in the browser through
`make serve`, at 1×, 10× and 50× the seed, before and after `career serve`.

For each scale a synthetic project (bench/synth.py) is served on a free port, by `career serve` (what `make serve`
runs: "after") or by `mkdocs serve --livereload` with the plugin as it was before (every save rebuilds the whole
site, both editions: "before", bench/serve_before.py). Then, one at a time, one-line edits of one competency area
file (in the middle of the areas the roles use): an item's title, the same item's description, a new item. Each is
timed from the moment the file is written until the area's page holds the new text, in the Korean edition
(`/competencies/<area>/`) and in the English one (`/en/competencies/<area>/`), read as a browser showing each of them
reads it: its live-reload script asks the server (long polling, the same protocol for both servers) for a version newer
than the page's, and loads the page again when there is one; an edit is visible when both pages hold the new text.
For `career serve` it also records when the whole site is rebuilt (its search index and API files are written after
the pages: `/livereload/status` says when it is idle). Medians are reported, with the
machine's load average (1 minute) before the edits: the times are wall-clock, and other work on the machine slows them.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from synth import make_project, roles_for

HERE = Path(__file__).resolve().parent
KINDS = ("title", "description", "item")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, timeout: float = 600) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except OSError:
        return 0, ""


class Server:
    """One way of serving the project, as a process."""

    def __init__(self, project: Path, mode: str, log: Path) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.mode = mode
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project)}
        env.pop("CAREER_LANGUAGES", None)
        if mode == "after":
            cmd = [sys.executable, "-m", "macros.cli", "serve", "--dev-addr", f"127.0.0.1:{self.port}"]
        else:
            cmd = [sys.executable, str(HERE / "serve_before.py"), "--dev-addr", f"127.0.0.1:{self.port}"]
        self.log = log.open("w")
        self.proc = subprocess.Popen(cmd, cwd=project, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        started = time.monotonic()
        while _get(self.url, timeout=600)[0] != 200:
            if self.proc.poll() is not None or time.monotonic() - started > 1800:
                self.log.close()
                tail = "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-20:])
                raise RuntimeError(f"the {mode} server did not start ({log}):\n{tail}")
            time.sleep(0.2)
        self.wait_idle()

    def wait_idle(self) -> float:
        """Wait until the server has nothing left to do; the time it took."""
        start = time.perf_counter()
        if self.mode == "after":
            while True:
                status, body = _get(self.url + "livereload/status")
                if status == 200 and json.loads(body).get("idle"):
                    break
                time.sleep(0.01)
        else:
            time.sleep(1.0)  # let mkdocs serve settle before the next edit
            return 0.0  # it holds every request until its rebuild is done: the page's answer was the end
        return time.perf_counter() - start

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def _own_copy(link: Path) -> None:
    """The project's own copy of the code instead of a link to this checkout: both servers watch it (`macros/` holds
    the templates and labels), and an edit made meanwhile elsewhere in the checkout must not start a rebuild."""
    source = link.resolve()
    link.unlink()
    shutil.copytree(source, link, ignore=shutil.ignore_patterns("__pycache__"))


def _area(project: Path, scale: int) -> Path:
    """The area file edited: one the middle role uses (every role uses one copy of the seed's eight areas)."""
    areas = sorted((project / "framework" / "competencies").glob("*.yml"))
    return areas[8 * (roles_for(scale) // 2) + 3]


def _edit(path: Path, kind: str, token: str, n: int) -> None:
    """A one-line edit of the area file (written as synth.py writes it, so that only that line changes)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    group = data["groups"][0]
    item = group["items"][0]
    if kind == "title":
        item["title"] = f"바뀐 제목 {token}"
    elif kind == "description":
        item["description"] = f"바뀐 설명 {token}"
    else:
        group["items"].append({"id": f"bench-new-item-{n}", "title": f"새 항목 {token}", "level": group.get("level") or "mid"})
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


#: The version of the site a served page shows, as its live-reload script holds it (`career serve`: `var epoch=N`;
#: `mkdocs serve`: `livereload(N, id)`).
_EPOCH = re.compile(r"var epoch=([0-9]+)|livereload\(([0-9]+),")


def _epoch(html: str) -> int:
    found = _EPOCH.search(html)
    if found is None:
        raise RuntimeError("the served page has no live-reload script")
    return int(found.group(1) or found.group(2))


def _timed(server: Server, path: Path, kind: str, n: int, area: str) -> dict[str, float]:
    """One edit, seen as a browser showing the area's page in each edition sees it: its live-reload script asks the
    server (long polling) for a version newer than the page's, and then the page is loaded again; the edit is visible
    in an edition when that page holds the new text (a newer version without it: the script asks again)."""
    token = f"zq{n}x{int(time.time() * 1000) % 100000}"
    pages = {"ko": f"{server.url}competencies/{area}/", "en": f"{server.url}en/competencies/{area}/"}
    epochs = {lang: _epoch(_get(url)[1]) for lang, url in pages.items()}
    seen: dict[str, float] = {}
    start = time.perf_counter()
    _edit(path, kind, token, n)

    def watch(lang: str) -> None:
        epoch = epochs[lang]
        while time.perf_counter() - start < 1800:
            status, answer = _get(f"{server.url}livereload/{epoch}/{int(time.time() * 1000)}")
            if status != 200 or not answer.strip().isdigit():
                time.sleep(0.05)  # the server was busy or restarting: ask again
                continue
            if int(answer) <= epoch:
                continue  # nothing newer yet (the question timed out): ask again
            epoch = int(answer)
            html = _get(pages[lang])[1]
            if token in html:
                seen[lang] = time.perf_counter() - start
                return
            epoch = _epoch(html) if _EPOCH.search(html) else epoch

    threads = [threading.Thread(target=watch, args=(lang,)) for lang in pages]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if len(seen) < len(pages):
        raise RuntimeError(f"the edit of {path.name} never showed")
    visible = max(seen.values())
    done = visible + server.wait_idle()
    return {"ko": seen["ko"], "en": seen["en"], "visible": visible, "complete": done}


def measure(scale: int, work: Path, mode: str, runs: int) -> dict[str, Any]:
    """Medians of `runs` edits of each kind at one scale, served one way."""
    project = work / f"edit-{mode}-x{scale}"
    counts = make_project(scale, project)
    _own_copy(project / "macros")
    path = _area(project, scale)
    area = json.loads(path.read_text(encoding="utf-8"))["id"]
    print(f"  {scale}× {mode}: serving (editing {path.name})", file=sys.stderr, flush=True)
    server = Server(project, mode, work / f"edit-{mode}-x{scale}.log")
    times: dict[str, list[dict[str, float]]] = {k: [] for k in KINDS}
    load: list[float] = []  # the machine's load (1-minute average) before each edit: other work shares its cores
    try:
        n = 0
        for _ in range(runs):
            for kind in KINDS:
                n += 1
                load.append(os.getloadavg()[0])
                t = _timed(server, path, kind, n, area)
                times[kind].append(t)
                print(f"    {kind}: visible {t['visible']:.2f} s (ko {t['ko']:.2f}, en {t['en']:.2f}), complete {t['complete']:.2f} s",
                      file=sys.stderr, flush=True)
                time.sleep(0.5)
    finally:
        server.stop()
    every = [t for kind in KINDS for t in times[kind]]
    return {"scale": scale, "mode": mode, "roles": counts["roles"], "areas": counts["areas"], "items": counts["items"],
            "runs": runs, "visible": statistics.median(t["visible"] for t in every),
            "ko": statistics.median(t["ko"] for t in every), "en": statistics.median(t["en"] for t in every),
            "complete": statistics.median(t["complete"] for t in every), "load": statistics.median(load),
            **{f"visible_{k}": statistics.median(t["visible"] for t in times[k]) for k in KINDS}}
