"""The benchmark's pages: docs/benchmarks.md in Korean and docs/en/benchmarks.md in English, from one set of rows."""
from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

Row = dict[str, Any]  # one scale's measurements (bench/run.py)

TEXT = {
    "ko": {
        "title": "# 성능 측정 { #top }",
        "intro": [
            "`make bench`가 만든 표입니다. 시드의 1배, 10배, 50배 크기인 합성 프레임워크(bench/synth.py)마다",
            "`career check`, 프로젝트의 주 에디션 빌드(`CAREER_LANGUAGES=ko mkdocs build`), 그 정적 내보내기",
            "(`career export --format mkdocs`: 플러그인·매크로 없는 mkdocs-material만의 빌드, 하한선)를 여러 번 재고",
            "중앙값을 적었습니다. 목표는 페이지당 시간으로 프로젝트 빌드 ≤ 0.80 × 정적 내보내기입니다. 두 에디션(한국어와",
            "영어) 빌드, 검색 색인 크기와 Chromium에서 첫 검색까지의 시간은 한 번씩 쟀습니다.",
        ],
        "machine": "측정 환경",
        "head": ["배율", "직무", "레벨", "영역", "항목", "페이지", "check (s)", "빌드 (s)", "정적 내보내기 (s)",
                 "페이지당 (ms)", "내보내기 페이지당 (ms)", "비율 (페이지당)", "두 에디션 빌드 (s)", "사이트 (MB)",
                 "가장 큰 페이지 (KB)", "최대 메모리 (MB)"],
        "search_title": "## 검색 { #search }",
        "search_intro": "주 에디션의 검색 색인(search/search_index.json과 search/terms.json)과, 홈을 연 직후 검색창에 "
                        "`{query}`를 입력해 첫 결과가 보일 때까지의 시간(색인 내려받기와 준비 포함)입니다.",
        "search_head": ["배율", "색인 (MB)", "색인 gzip (MB)", "첫 검색 (ms)"],
        "largest": "가장 큰 페이지",
        "runs": "실행 횟수",
        "times": "회",
        "targets": "## 목표 { #targets }",
        "target_head": ["목표", "결과", "달성"],
        "yes": "예", "no": "아니오", "none": "측정 안 함",
        "t_ratio": "페이지당 빌드 ≤ 0.80 × 정적 내보내기 ({scale}×)",
        "t_check": "`career check` 50× ≤ 2 s",
        "t_memory": "50× 빌드 메모리 ≤ 1 GiB",
        "t_largest": "1× 가장 큰 HTML ≤ 300 KB",
        "t_index": "50× 검색 색인 gzip < 5 MB",
        "t_query": "50× 첫 검색 < 300 ms",
    },
    "en": {
        "title": "# Benchmarks { #top }",
        "intro": [
            "The tables `make bench` writes. For synthetic frameworks 1, 10 and 50 times the seed (bench/synth.py) it",
            "times `career check`, a build of the project's main edition (`CAREER_LANGUAGES=ko mkdocs build`) and a build",
            "of its static export (`career export --format mkdocs`: mkdocs-material alone, no plugin or macros: the floor),",
            "several runs each, and reports the medians. The target is per page: the project build ≤ 0.80 × the static",
            "export. The build of both editions (Korean and English), the search index size and the time to a first",
            "search in Chromium are measured once.",
        ],
        "machine": "Machine",
        "head": ["Scale", "Roles", "Levels", "Areas", "Items", "Pages", "check (s)", "Build (s)", "Static export (s)",
                 "Per page (ms)", "Export per page (ms)", "Ratio (per page)", "Both editions (s)", "Site (MB)",
                 "Largest page (KB)", "Peak memory (MB)"],
        "search_title": "## Search { #search }",
        "search_intro": "The main edition's search index (search/search_index.json and search/terms.json), and the "
                        "time from typing <code lang=\"ko\">{query_html}</code> into the search box right after the home page loads "
                        "to the first result on screen (downloading and preparing the index included).",
        "search_head": ["Scale", "Index (MB)", "Index gzip (MB)", "First search (ms)"],
        "largest": "Largest page",
        "runs": "Runs",
        "times": "",
        "targets": "## Targets { #targets }",
        "target_head": ["Target", "Result", "Met"],
        "yes": "yes", "no": "no", "none": "not measured",
        "t_ratio": "Build per page ≤ 0.80 × static export ({scale}×)",
        "t_check": "`career check` at 50× ≤ 2 s",
        "t_memory": "Build memory at 50× ≤ 1 GiB",
        "t_largest": "Largest HTML page at 1× ≤ 300 KB",
        "t_index": "Search index at 50× < 5 MB gzip",
        "t_query": "First search at 50× < 300 ms",
    },
}


def _table(head: list[str], rows: list[list[str]], align: str = "--:") -> list[str]:
    return ["| " + " | ".join(head) + " |", "|" + "|".join(align for _ in head) + "|",
            *("| " + " | ".join(r) + " |" for r in rows)]


def _targets(rows: list[Row], t: dict[str, Any]) -> list[list[str]]:
    met: Callable[[bool], str] = lambda ok: t["yes"] if ok else t["no"]  # noqa: E731
    out = [[t["t_ratio"].format(scale=r["scale"]), f"{r['ratio']:.2f}", met(r["ratio"] <= 0.80)] for r in rows]
    by = {r["scale"]: r for r in rows}
    if 50 in by:
        r = by[50]
        out.append([t["t_check"], f"{r['check']:.2f} s", met(r["check"] <= 2)])
        out.append([t["t_memory"], f"{r['rss_mb']:.0f} MB", met(r["rss_mb"] <= 1024)])
        out.append([t["t_index"], f"{r['index_gz_mb']:.2f} MB", met(r["index_gz_mb"] < 5)])
        q = r["query_ms"]
        out.append([t["t_query"], t["none"] if q is None else f"{q:.0f} ms", t["none"] if q is None else met(q < 300)])
    if 1 in by:
        out.append([t["t_largest"], f"{by[1]['largest_kb']:.0f} KB", met(by[1]["largest_kb"] <= 300)])
    return out


def render(rows: list[Row], machine: str, lang: str, notes: str, query: str) -> str:
    t = TEXT[lang]
    lines = ["---", "audience: internal", "---", t["title"], "", *t["intro"], "", f"{t['machine']}: {machine}", ""]
    lines += _table(t["head"], [[
        f"{r['scale']}×", str(r["roles"]), str(r["levels"]), str(r["areas"]), str(r["items"]), str(r["pages"]),
        f"{r['check']:.2f}", f"{r['build']:.2f}", f"{r['export']:.2f}", f"{r['per_page_ms']:.1f}",
        f"{r['export_per_page_ms']:.1f}", f"{r['ratio']:.2f}", f"{r['both']:.2f}", f"{r['total_mb']:.1f}",
        f"{r['largest_kb']:.0f}", f"{r['rss_mb']:.0f}"] for r in rows])
    lines += ["", f"{t['largest']}: " + ", ".join(f"{r['scale']}× `{r['largest']}`" for r in rows),
              "", f"{t['runs']}: " + ", ".join(f"{r['scale']}× {r['runs']}{t['times']}" for r in rows), ""]
    lines += [t["search_title"], "", t["search_intro"].format(query=query, query_html=html.escape(query)), ""]
    lines += _table(t["search_head"], [[
        f"{r['scale']}×", f"{r['index_mb']:.2f}", f"{r['index_gz_mb']:.2f}",
        t["none"] if r["query_ms"] is None else f"{r['query_ms']:.0f}"] for r in rows])
    lines += ["", t["targets"], "", *_table(t["target_head"], _targets(rows, t), "---"), "", notes.strip(), ""]
    return "\n".join(lines)


def write_reports(rows: list[Row], machine: str, docs: Path, query: str) -> list[Path]:
    here = Path(__file__).resolve().parent
    written = []
    for lang, path in (("ko", docs / "benchmarks.md"), ("en", docs / "en" / "benchmarks.md")):
        notes = (here / f"notes.{lang}.md").read_text(encoding="utf-8")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(rows, machine, lang, notes, query), encoding="utf-8")
        written.append(path)
    return written
