"""`make bench`: build time of the project against its static export at 1×, 10× and 50× the seed.

For each scale it measures, with several runs and their median: `career check`; a full `mkdocs build`
of the project; the build of its static export (plain mkdocs-material: the floor); their ratio;
pages, total and largest page size; peak memory. It writes docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
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
from synth import ROOT, make_project

RSS = Path(__file__).resolve().parent / "rss.py"

NOTES = """## 해석 { #notes }

- 프로젝트 빌드와 하한선의 차이는 대부분 고정 비용과 페이지 생성입니다. 고정 비용은 mkdocs-macros 플러그인을
  불러오는 데 약 0.27 s(이 플러그인이 requests 등을 함께 불러옴), pydantic과 우리 코드를 불러오는 데 약 0.2 s로,
  1×처럼 빌드가 짧을 때 비율을 키웁니다. 페이지 생성(YAML 읽기와 검증, Jinja 렌더링, URL 목록, /api/ 파일)은
  50×에서 수 초이며 페이지 수에 비례합니다. 그래서 1.10 목표는 10×에서 가장 가깝고, 1×와 50×에서는 넘습니다.
- 빌드 시간은 페이지 수에 선형으로 늘어납니다(페이지당 시간이 1×와 50×에서 거의 같음). 사이드바에는 구역과
  색인 페이지만 있고, 매트릭스는 직무별 요약과 영역별 상세 페이지로 나뉘어 50×에서도 한 페이지가 작습니다.
- 가장 큰 페이지는 전체 로드맵 체크리스트입니다. 모든 항목을 한 페이지에 담기 때문에 50×(8,400개)에서는
  수 MB가 되며, 그 규모에서는 직무·레벨별 체크리스트를 쓰는 편이 낫습니다.
- 합성 프레임워크는 시드의 8개 영역을 배율만큼 복제하고, 직무마다 그중 한 벌(8개 영역)을 쓰게 만듭니다.
  (bench/synth.py)"""


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
    largest = max(sizes, key=sizes.get)
    total = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
    return len(pages), total, sizes[largest], largest.relative_to(site).as_posix()


def measure(scale: int, runs: int, work: Path) -> dict:
    project = work / f"x{scale}"
    counts = make_project(scale, project)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project)}
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q"]
    check = [sys.executable, "-m", "macros.cli", "check", "framework"]
    checks, builds, exports, mem = [], [], [], 0
    export = work / f"x{scale}-export"
    t, _ = timed([sys.executable, "-m", "macros.cli", "export", "--format", "mkdocs", "--out", str(export)], project, env)
    for i in range(runs):
        print(f"  {scale}×: run {i + 1}/{runs}", file=sys.stderr, flush=True)
        checks.append(timed(check, project, env)[0])
        t, rss = timed([*mkdocs, "-d", str(work / f"site{scale}")], project, env)
        builds.append(t)
        mem = max(mem, rss)
        exports.append(timed([*mkdocs, "-d", str(work / f"site{scale}-export")], export, env)[0])
    pages, total, largest, largest_name = site_stats(work / f"site{scale}")
    b, e = statistics.median(builds), statistics.median(exports)
    return {"scale": scale, **counts, "check": statistics.median(checks), "build": b, "export": e, "ratio": b / e,
            "pages": pages, "per_page_ms": 1000 * b / pages, "total_mb": total / 2**20, "largest_kb": largest / 1024,
            "largest": largest_name, "rss_mb": mem / 1024, "runs": runs}


def machine() -> str:
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else platform.processor()
    mem = next((int(ln.split()[1]) // 2**20 for ln in Path("/proc/meminfo").read_text().splitlines()
                if ln.startswith("MemTotal")), 0) if Path("/proc/meminfo").exists() else 0
    return (f"{os.cpu_count()} CPU ({cpu}), {mem} GiB RAM, {platform.system()} {platform.release()}, Python "
            f"{platform.python_version()}, mkdocs {version('mkdocs')}, mkdocs-material {version('mkdocs-material')}")


def write_report(rows: list[dict], out: Path) -> None:
    base = rows[0]["per_page_ms"]
    lines = [
        "# 성능 측정 { #top }", "",
        "`make bench`가 만든 표입니다. 시드의 1배, 10배, 50배 크기인 합성 프레임워크마다 `career check`, 프로젝트 전체 빌드",
        "(`mkdocs build`), 그 정적 내보내기(`career export --format mkdocs`, 매크로·훅 없는 mkdocs-material만의 빌드)를",
        "여러 번 재고 중앙값을 적었습니다. 정적 내보내기 빌드가 하한선이며 목표는 프로젝트 빌드 ≤ 1.10 × 하한선입니다.", "",
        f"측정 환경: {machine()}", "",
        "| 배율 | 직무 | 레벨 | 영역 | 항목 | 페이지 | check (s) | 빌드 (s) | 정적 내보내기 빌드 (s) | 비율 | 페이지당 (ms) "
        "| 페이지당 (1× 대비) | 사이트 (MB) | 가장 큰 페이지 (KB) | 최대 메모리 (MB) |",
        "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['scale']}× | {r['roles']} | {r['levels']} | {r['areas']} | {r['items']} | {r['pages']} | {r['check']:.2f} | "
            f"{r['build']:.2f} | {r['export']:.2f} | {r['ratio']:.2f} | {r['per_page_ms']:.1f} | {r['per_page_ms'] / base:.2f} | "
            f"{r['total_mb']:.1f} | {r['largest_kb']:.0f} | {r['rss_mb']:.0f} |")
    lines += ["", "가장 큰 페이지: " + ", ".join(f"{r['scale']}× `{r['largest']}`" for r in rows),
              "", "실행 횟수: " + ", ".join(f"{r['scale']}× {r['runs']}회" for r in rows), ""]
    lines += ["## 목표 { #targets }", "", "| 목표 | 결과 | 달성 |", "|---|---|---|"]
    ok = lambda cond: "예" if cond else "아니오"  # noqa: E731
    for r in rows:
        lines.append(f"| 빌드 ≤ 1.10 × 정적 내보내기 ({r['scale']}×) | {r['ratio']:.2f} | {ok(r['ratio'] <= 1.10)} |")
    by = {r["scale"]: r for r in rows}
    if 1 in by and 50 in by:
        grow = by[50]["per_page_ms"] / by[1]["per_page_ms"]
        lines.append(f"| 페이지당 시간 50× ≤ 1.1 × 1× | {grow:.2f} | {ok(grow <= 1.1)} |")
    if 50 in by:
        lines.append(f"| `career check` 50× ≤ 2 s | {by[50]['check']:.2f} s | {ok(by[50]['check'] <= 2)} |")
        lines.append(f"| 50× 빌드 메모리 ≤ 1 GiB | {by[50]['rss_mb']:.0f} MB | {ok(by[50]['rss_mb'] <= 1024)} |")
    if 1 in by:
        lines.append(f"| 1× 가장 큰 HTML ≤ 300 KB | {by[1]['largest_kb']:.0f} KB | {ok(by[1]['largest_kb'] <= 300)} |")
    lines += ["", NOTES, ""]
    out.write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", default="1,10,50")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="career-bench-") as tmp:
        for scale in (int(s) for s in args.scales.split(",")):
            print(f"measuring {scale}×", file=sys.stderr, flush=True)
            rows.append(measure(scale, args.runs, Path(tmp)))
            r = rows[-1]
            print(f"  build {r['build']:.2f}s export {r['export']:.2f}s ratio {r['ratio']:.2f} pages {r['pages']} "
                  f"check {r['check']:.2f}s rss {r['rss_mb']:.0f}MB largest {r['largest_kb']:.0f}KB", file=sys.stderr)
    write_report(rows, Path(args.out))
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
