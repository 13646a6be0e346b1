"""Lighthouse on five pages of the repository's site (`bench/run.py --only lighthouse`).

The internal site (both editions) is built with its address set (canonical links, hreflang), served on localhost with
gzip as a static host serves it (bench/serve.py), and Lighthouse's mobile preset runs on each page `runs` times
against Debian's Chromium: its default mobile emulation (a Moto G Power sized screen) and simulated throttling (a slow
4G link and a CPU four times slower than the machine's, computed from the unthrottled load, so the machine's own load
matters less than it would in a real-time measurement). Per page it keeps the median of each category's score, of the
share of text under 12 px and of the main timings, and the audits that failed in any run.

Lighthouse is not a dependency of the project: install it anywhere outside the repository and say where, e.g.

    npm install --prefix ~/.cache/lighthouse lighthouse@12
    LIGHTHOUSE=~/.cache/lighthouse/node_modules/.bin/lighthouse make bench

Without node, Lighthouse or Chromium this part is skipped with a message, and the last measurement stays.
"""
from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

from serve import serve
from synth import ROOT

#: The pages measured: a page of each kind the issue names (home, JD, checklist, interview kit, matrix).
PAGES = [
    ("home", "/"),
    ("jd", "/roles/python-backend/senior/"),
    ("checklist", "/roles/python-backend/mid/checklist/"),
    ("kit", "/roles/python-backend/senior/interview/"),
    ("matrix", "/roles/python-backend/matrix/"),
]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TIMINGS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift",
           "speed-index")
#: Lighthouse decides whether the browser is headless from these flags; no sandbox because the benchmark may run as root.
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"


def find_tools() -> tuple[list[str], str] | str:
    """The Lighthouse command and the Chromium path, or the reason this part cannot run."""
    sys.path.insert(0, str(ROOT / "tests"))
    import browser  # noqa: PLC0415 - the tests' way of finding Chromium

    if shutil.which("node") is None:
        return "node is not installed"
    chosen = os.environ.get("LIGHTHOUSE", "").strip()
    command = str(Path(chosen).expanduser()) if chosen else shutil.which("lighthouse")
    if not command or not os.access(command, os.X_OK):
        return ("Lighthouse not found" + (f" at LIGHTHOUSE={chosen}" if chosen else " (LIGHTHOUSE or `lighthouse` on PATH)")
                + ": npm install --prefix ~/.cache/lighthouse lighthouse@12, then "
                  "LIGHTHOUSE=~/.cache/lighthouse/node_modules/.bin/lighthouse")
    chromium = browser.chromium_path()
    if chromium is None:
        return "no Chromium found (CHROME_PATH, or apt-get install chromium)"
    return [command], chromium


def _build(out: Path, address: str) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT), "CAREER_SITE_URL": address + "/"}
    env.pop("CAREER_AUDIENCE", None)
    env.pop("CAREER_LANGUAGES", None)
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"the site did not build:\n{done.stderr[-3000:]}")


def _run(command: list[str], chromium: str, url: str, out: Path) -> dict[str, Any]:
    env = {**os.environ, "CHROME_PATH": chromium}
    done = subprocess.run([*command, url, f"--chrome-flags={CHROME_FLAGS}", "--output=json", f"--output-path={out}",
                           "--only-categories=" + ",".join(CATEGORIES), "--quiet"],
                          env=env, capture_output=True, text=True, timeout=300, check=False)
    if done.returncode != 0 or not out.exists():
        sys.exit(f"lighthouse failed on {url}:\n{done.stderr[-3000:]}")
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        sys.exit(f"lighthouse failed on {url}: {report['runtimeError']}")
    return report


def small_text_share(report: dict[str, Any]) -> float | None:
    """Percent of the page's text that Lighthouse finds under 12 px (its `font-size` audit: 100 − legible share)."""
    audit = report["audits"].get("font-size", {})
    found = re.search(r"([\d.]+)%", audit.get("displayValue") or "")
    if found:
        return round(100 - float(found.group(1)), 2)
    return 0.0 if audit.get("score") == 1 else None


def _failed(report: dict[str, Any]) -> set[str]:
    """The audits with weight in a category's score that did not pass, as `category:audit`."""
    out = set()
    for name in CATEGORIES:
        for ref in report["categories"][name]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] > 0 and audit.get("score") is not None and audit["score"] < 1:
                out.add(f"{name}:{ref['id']}")
    return out


def _page(reports: list[dict[str, Any]]) -> dict[str, Any]:
    row: dict[str, Any] = {c: statistics.median(round(100 * r["categories"][c]["score"]) for r in reports) for c in CATEGORIES}
    shares = [s for r in reports if (s := small_text_share(r)) is not None]
    row["small_text"] = statistics.median(shares) if shares else None
    for key in TIMINGS:
        row[key] = statistics.median(r["audits"][key]["numericValue"] for r in reports)
    row["failed"] = sorted(set().union(*(_failed(r) for r in reports)))
    return row


def _settings(report: dict[str, Any], chromium: str) -> dict[str, Any]:
    s = report["configSettings"]
    version = subprocess.run([chromium, "--version"], capture_output=True, text=True, check=False).stdout.strip()
    return {"lighthouse": report["lighthouseVersion"], "chromium": version or report["environment"]["hostUserAgent"],
            "form_factor": s["formFactor"], "screen": s["screenEmulation"], "throttling_method": s["throttlingMethod"],
            "throttling": s["throttling"], "user_agent": report["environment"]["networkUserAgent"]}


def measure(work: Path, runs: int = 3) -> dict[str, Any] | str:
    """The five pages' medians and how they were measured, or the reason nothing was measured."""
    tools = find_tools()
    if isinstance(tools, str):
        return tools
    command, chromium = tools
    site = work / "site"
    load = [os.getloadavg()[0]]
    with serve(site) as address:
        print(f"  building the site for {address}", file=sys.stderr, flush=True)
        _build(site, address)
        pages, first, benchmark = [], None, []
        for name, path in PAGES:
            reports = []
            for i in range(runs):
                print(f"  lighthouse {name} ({path}): run {i + 1}/{runs}", file=sys.stderr, flush=True)
                reports.append(_run(command, chromium, address + path, work / f"{name}-{i}.json"))
                benchmark.append(reports[-1]["environment"]["benchmarkIndex"])
                load.append(os.getloadavg()[0])
            first = first or reports[0]
            pages.append({"page": name, "path": path, **_page(reports)})
    assert first is not None
    return {**_settings(first, chromium), "date": datetime.date.today().isoformat(), "runs": runs,
            "compression": "gzip (bench/serve.py)", "load": [round(min(load), 1), round(max(load), 1)],
            "benchmark_index": round(statistics.median(benchmark)), "cpus": os.cpu_count(), "pages": pages}


def met(row: dict[str, Any]) -> bool:
    """The issue's targets: Performance ≥ 95, the other three 100, no text under 12 px."""
    return (row["performance"] >= 95 and all(row[c] == 100 for c in CATEGORIES[1:])
            and row["small_text"] is not None and row["small_text"] == 0)
