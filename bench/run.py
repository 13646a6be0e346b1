"""`make bench`: build time of the project against its static export at 1×, 10× and 50× the seed, and the cost of
the worst file one pull request can add.

For each scale it measures, with several runs and their median: `career check`; a `mkdocs build` of the
project's main edition; the build of its static export (`career export --format mkdocs`: plain
mkdocs-material, the floor); their ratio per page. Once per scale: the build with both editions, the
search index (size, gzip size) and the time of a first search in Chromium. Then, for each shape of
bench/worst.py, `career check` on the repository's framework/ plus one worst-case file of up to 1 MB.
It writes docs/benchmarks.md and docs/en/benchmarks.md, and keeps the measurements in bench/results.json,
so that `--only scales`, `--only worst-case` (a minute) or `--only edit` (edit to visible through `make serve`, before
and after `career serve`: bench/edit.py) measures one part again and keeps the others.
`--only lighthouse` runs Lighthouse (mobile) on five pages of the repository's site served with compression
(bench/lighthouse.py); without node, Lighthouse or Chromium that part is skipped with a message and its last
measurement stays.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import edit
import lighthouse
import worst
from report import write_reports
from synth import ROOT, make_project

RSS = Path(__file__).resolve().parent / "rss.py"
RESULTS = Path(__file__).resolve().parent / "results.json"  # the measurements behind the report, by part
#: What a reader types first in the benchmark's search: a transliteration the data never spells out.
QUERY = "쿠버네티스"


def timed(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, int]:
    """Seconds and peak resident memory (KiB) of one command."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, str(RSS), *cmd], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{done.stderr[-3000:]}")
    return elapsed, int(done.stdout.strip().splitlines()[-1])


def site_stats(site: Path) -> tuple[int, int, int, str]:
    pages = list(site.rglob("*.html"))
    sizes = {p: p.stat().st_size for p in pages}
    largest = max(sizes, key=lambda p: sizes[p])
    total = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
    return len(pages), total, sizes[largest], largest.relative_to(site).as_posix()


def index_size(site: Path) -> tuple[int, int]:
    """The main edition's search index (search_index.json and terms.json): bytes, and bytes once
    gzip-compressed (as a web server sends them)."""
    files = [(site / "search" / name).read_bytes() for name in ("search_index.json", "terms.json")]
    return sum(map(len, files)), sum(len(gzip.compress(raw, compresslevel=6)) for raw in files)


def first_query_ms(site: Path, query: str) -> float | None:
    """Milliseconds from typing `query` into the search box of a freshly loaded home page to the first result
    on screen (index download and preparation included), in Chromium; None without a browser."""
    sys.path.insert(0, str(ROOT / "tests"))
    import browser  # noqa: PLC0415 - the tests' way of finding and serving Chromium

    path = browser.chromium_path()
    if path is None:
        print("  no Chromium found (CHROME_PATH): the search time is left out", file=sys.stderr)
        return None
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    for url in browser.serve(site):
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=path, args=browser.CHROMIUM_ARGS)
            page = b.new_page()
            page.goto(url + "/", wait_until="load")
            box = page.locator(".md-search__input")
            box.click()
            start = time.perf_counter()
            box.fill(query)
            box.dispatch_event("keyup")  # Material reads the box on keyup, as when a reader types
            page.locator(".md-search-result__item").first.wait_for(timeout=60_000)
            elapsed = 1000 * (time.perf_counter() - start)
            b.close()
            return elapsed
    return None


def measure(scale: int, runs: int, work: Path) -> dict[str, object]:
    project = work / f"x{scale}"
    counts = make_project(scale, project)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project)}
    main = {**env, "CAREER_LANGUAGES": "ko"}  # one edition, as the export holds one
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q"]
    check = [sys.executable, "-m", "macros.cli", "check", "framework"]
    export, site, floor = work / f"x{scale}-export", work / f"site{scale}", work / f"site{scale}-export"
    timed([sys.executable, "-m", "macros.cli", "export", "--format", "mkdocs", "--out", str(export)], project, main)
    checks, builds, exports, mem = [], [], [], 0
    for i in range(runs):
        print(f"  {scale}×: run {i + 1}/{runs}", file=sys.stderr, flush=True)
        checks.append(timed(check, project, env)[0])
        t, rss = timed([*mkdocs, "-d", str(site)], project, main)
        builds.append(t)
        mem = max(mem, rss)
        exports.append(timed([*mkdocs, "-d", str(floor)], export, env)[0])
    pages, total, largest, largest_name = site_stats(site)
    floor_pages = site_stats(floor)[0]
    raw, gz = index_size(site)
    query = first_query_ms(site, QUERY)
    both, both_rss = timed([*mkdocs, "-d", str(work / f"site{scale}-both")], project, env)
    both_pages = sum(1 for _ in (work / f"site{scale}-both").rglob("*.html"))
    b, e = statistics.median(builds), statistics.median(exports)
    per_page, floor_per_page = 1000 * b / pages, 1000 * e / floor_pages
    return {"scale": scale, **counts, "check": statistics.median(checks), "build": b, "export": e, "pages": pages,
            "export_pages": floor_pages, "per_page_ms": per_page, "export_per_page_ms": floor_per_page,
            "ratio": per_page / floor_per_page, "both": both, "both_pages": both_pages, "total_mb": total / 2**20,
            "largest_kb": largest / 1024, "largest": largest_name, "rss_mb": max(mem, both_rss) / 1024,
            "index_mb": raw / 2**20, "index_gz_mb": gz / 2**20, "query_ms": query, "runs": runs}


def machine() -> str:
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else platform.processor()
    mem = next((int(ln.split()[1]) // 2**20 for ln in Path("/proc/meminfo").read_text().splitlines()
                if ln.startswith("MemTotal")), 0) if Path("/proc/meminfo").exists() else 0
    return (f"{os.cpu_count()} CPU ({cpu}), {mem} GiB RAM, {platform.system()} {platform.release()}, Python "
            f"{platform.python_version()}, mkdocs {version('mkdocs')}, mkdocs-material {version('mkdocs-material')}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", default="1,10,50")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=["scales", "worst-case", "edit", "lighthouse"],
                        help="measure one part again; the other parts' rows come from bench/results.json")
    parser.add_argument("--out", default=str(ROOT / "docs"), help="the docs folder: writes benchmarks.md and en/benchmarks.md")
    args = parser.parse_args()
    measured: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="career-bench-") as tmp:
        if args.only in (None, "scales"):
            rows = []
            for scale in (int(s) for s in args.scales.split(",")):
                print(f"measuring {scale}×", file=sys.stderr, flush=True)
                runs = 2 * args.runs + 1 if scale == 1 else args.runs  # a 1× build takes about a second: more runs, a steadier median
                rows.append(measure(scale, runs, Path(tmp)))
                r = rows[-1]
                print(f"  build {r['build']:.2f}s ({r['pages']} pages) export {r['export']:.2f}s ({r['export_pages']} pages) "
                      f"ratio per page {r['ratio']:.2f}; both editions {r['both']:.2f}s; check {r['check']:.2f}s; "
                      f"index {r['index_gz_mb']:.2f} MB gz; first query {r['query_ms']} ms; rss {r['rss_mb']:.0f} MB",
                      file=sys.stderr)
            measured["scales"] = {"machine": machine(), "rows": rows}
        if args.only in (None, "worst-case"):
            print("measuring worst-case files", file=sys.stderr, flush=True)
            measured["worst_case"] = {"machine": machine(), "rows": list(worst.measure(Path(tmp) / "worst", runs=args.runs))}
        if args.only in (None, "edit"):
            print("measuring edit to visible (make serve)", file=sys.stderr, flush=True)
            rows = []
            for scale in (int(s) for s in args.scales.split(",")):
                for mode in ("after", "before"):
                    rows.append(edit.measure(scale, Path(tmp), mode, runs=args.runs if mode == "after" or scale == 1 else 1))
            measured["edit"] = {"machine": machine(), "rows": rows}
        if args.only in (None, "lighthouse"):
            print("measuring with Lighthouse (mobile)", file=sys.stderr, flush=True)
            found = lighthouse.measure(Path(tmp) / "lighthouse", runs=args.runs)
            if isinstance(found, str):  # no node, Lighthouse or Chromium here: the last measurement stays
                print(f"  skipped: {found}", file=sys.stderr)
            else:
                measured["lighthouse"] = {"machine": machine(), **found}
                for p in found["pages"]:
                    print(f"  {p['page']}: performance {p['performance']}, accessibility {p['accessibility']}, best practices "
                          f"{p['best-practices']}, SEO {p['seo']}, text under 12 px {p['small_text']}%", file=sys.stderr)
    # read again now: another part measured meanwhile (`--only`) keeps its rows
    results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    results.update(measured)
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if "scales" not in results:
        sys.exit(f"no measurements of the scales in {RESULTS}: run without --only first")
    scales = results["scales"]
    for path in write_reports(scales["rows"], scales["machine"], Path(args.out), QUERY, results.get("worst_case"),
                              results.get("edit"), lighthouse=results.get("lighthouse")):
        print(f"wrote {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
