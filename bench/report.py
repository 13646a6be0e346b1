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
        "t_worst": "1 MB 이하 파일 하나를 더한 `career check` ≤ 2 s, ≤ 300 MB (모든 모양)",
        "worst_title": "## 최악의 파일 { #worst-case }",
        "worst_intro": [
            "풀 리퀘스트 하나가 CI를 느리게 하거나 멈추게 할 수 있는지 봅니다(bench/worst.py). 모양마다 파일 한도(1 MB) 안에서",
            "가장 나쁜 파일 하나를 저장소의 framework/(공개된 URL 목록 포함) 사본에 더하거나 같은 이름의 파일과 바꾸고",
            "`career check`를 돌려 파일 크기, 결과(거부했다면 그 메시지), 시간과 최대 메모리를 적었습니다. 목록이 있으므로",
            "검사는 두 빌드(사내, 공개)의 두 에디션을 모두 만듭니다. 위쪽 모양은 한 종류의 항목으로 1 MB를 채운 파일로,",
            "개수 한도(`macros/core/text.py`의 `LIMITS`)가 거부해야 하고, 아래쪽 `-at-limit` 모양은 한도가 허락하는 만큼",
            "채운 파일로, 통과해야 합니다. 목표는 모양마다 ≤ 2 s, ≤ 300 MB입니다.",
        ],
        "worst_head": ["모양", "파일", "내용", "크기 (KB)", "결과", "시간 (s)", "최대 메모리 (MB)", "목표 달성"],
        "edit_title": "## 편집에서 화면까지 { #edit }",
        "edit_intro": [
            "`make serve`로 사이트를 띄워 둔 채 YAML 한 줄을 고쳤을 때 새 내용이 보이기까지의 시간입니다(bench/edit.py). 배율마다 합성",
            "프로젝트를 빈 포트로 띄우고, 직무들이 쓰는 영역들 중 중간쯤에 있는 영역 파일 하나에서 항목 제목, 그 항목의 설명, 새 항목을",
            "차례로 한 줄씩 고칩니다. 파일을 쓴 순간부터 한국어판(`/competencies/<영역>/`)과 영어판(`/en/competencies/<영역>/`)의",
            "그 영역 페이지가 모두 새 글을 보여 줄 때까지를 쟀고(두 에디션), 중앙값을 적었습니다. 두 페이지를 브라우저가 보여 주는",
            "것처럼 읽습니다: 페이지의 라이브 리로드 스크립트처럼 서버에 더 새 버전이 있는지 묻고(롱 폴링, 두 서버가 같은 방식),",
            "있으면 페이지를 다시 읽어 새 글이 있는지 봅니다. (처음에는 10 ms마다 페이지를 요청해 쟀는데, 그 요청을 처리하느라",
            "서버가 쓴 시간까지 측정값에 더해졌습니다.) \"이전\"은",
            "`career serve` 이전의 `make serve`(`mkdocs serve --livereload`: 저장할 때마다 두 에디션 전체를 다시 빌드)이고,",
            "\"이후\"는 `career serve`입니다. \"모두 끝남\"은 검색 색인과 API 파일까지 다시 쓴 때(`/livereload/status`)입니다.",
            "페이지를 먼저 내보내고 그 파일들은 뒤이어 쓰며, 그동안 그 파일을 요청하면 새 파일이 써질 때까지 기다립니다.",
            "시간은 벽시계 시간이라 같은 기계에서 함께 돈 다른 작업만큼 늘어납니다. \"부하\"는 각 편집 직전 기계의 1분 부하 평균",
            "(중앙값, 이전 / 이후)으로, 코어 수(2)보다 크면 프로세스들이 코어를 나눠 쓴 것입니다.",
        ],
        "edit_head": ["배율", "항목", "이전 (s)", "이후 (s)", "이후: 한국어판 (s)", "이후: 영어판 (s)", "이후: 제목 (s)",
                      "이후: 설명 (s)", "이후: 새 항목 (s)", "이후: 모두 끝남 (s)", "편집 수 (이전 / 이후)", "부하 (이전 / 이후)"],
        "t_edit": "편집에서 화면까지 {scale}× ≤ {limit} s (`make serve`, 두 에디션)",
        "passed": "통과",
        "refused": "거부",
        "stopped": "{seconds:.0f} s 뒤 중단",
        "more": "외 {n:,}건",
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
        "t_worst": "`career check` with one more file of up to 1 MB ≤ 2 s and ≤ 300 MB (every shape)",
        "worst_title": "## Worst-case files { #worst-case }",
        "worst_intro": [
            "Whether one pull request can slow or exhaust CI (bench/worst.py). For each shape, the worst file within the",
            "file limit (1 MB) is added to a copy of the repository's framework/ (with its released URL lists), or replaces",
            "the file of that name, and `career check` runs: the table gives the file's size, the outcome (with the message",
            "when the file is refused), the seconds and the peak memory. With the URL lists, the check builds both editions of",
            "both audiences (internal, public). The shapes at the top fill a megabyte with one kind of entry: the count limits",
            "(`LIMITS` in `macros/core/text.py`) must refuse them; the `-at-limit` shapes below hold as much as the limits",
            "allow: they must pass. The target for every shape is ≤ 2 s and ≤ 300 MB.",
        ],
        "worst_head": ["Shape", "File", "What it holds", "Size (KB)", "Outcome", "Time (s)", "Peak memory (MB)", "Met"],
        "edit_title": "## Edit to visible { #edit }",
        "edit_intro": [
            "How long a one-line YAML edit takes to show while `make serve` runs (bench/edit.py). For each scale a synthetic project",
            "is served on a free port; one competency area file, in the middle of the areas the roles use, gets three one-line",
            "edits in turn: an item's title, the same item's description, a new item. Each is timed from the moment the file is",
            "written until the area's page shows the new text in the Korean edition (`/competencies/<area>/`) and in the English",
            "one (`/en/competencies/<area>/`): both editions. Medians. The pages are read as a browser showing them reads them:",
            "like the page's live-reload script, it asks the server for a newer version (long polling, the same protocol for",
            "both servers) and then reads the page again. (The first measurements polled the page every 10 ms; those requests",
            "took the server's time from the work being measured.) \"Before\" is",
            "`make serve` before `career serve` (`mkdocs serve --livereload`: every save rebuilt both editions whole); \"after\" is",
            "`career serve`. \"All done\" is when the search index and the API files are written too (`/livereload/status`): the",
            "pages go out first and those files follow; a request for one of them meanwhile waits for its new version.",
            "The times are wall-clock: other work on the machine meanwhile lengthens them. \"Load\" is the machine's 1-minute",
            "load average just before each edit (median, before / after); above the number of cores (2), processes shared them.",
        ],
        "edit_head": ["Scale", "Items", "Before (s)", "After (s)", "After: Korean (s)", "After: English (s)", "After: title (s)",
                      "After: description (s)", "After: new item (s)", "After: all done (s)", "Edits (before / after)",
                      "Load (before / after)"],
        "t_edit": "Edit to visible at {scale}× ≤ {limit} s (`make serve`, both editions)",
        "passed": "ok",
        "refused": "refused",
        "stopped": "stopped after {seconds:.0f} s",
        "more": "and {n:,} more",
    },
}


def _table(head: list[str], rows: list[list[str]], align: str | list[str] = "--:") -> list[str]:
    aligns = [align] * len(head) if isinstance(align, str) else align
    return ["| " + " | ".join(head) + " |", "|" + "|".join(aligns) + "|",
            *("| " + " | ".join(r) + " |" for r in rows)]


def _code(text: str) -> str:
    """Inline code in a table cell: a double fence around single backticks, and `|` escaped so the cell goes on."""
    text = text.replace("|", "\\|")
    return f"`` {text} ``" if "`" in text else f"`{text}`"


def _outcome(r: Row, t: dict[str, Any]) -> str:
    if r["code"] == 0:
        return t["passed"]
    if r["code"] == 124:
        return t["stopped"].format(seconds=r["seconds"])
    said = r["said"] if len(r["said"]) <= 160 else r["said"][:159] + "…"
    more = " " + t["more"].format(n=r["errors"] - 1) if r["errors"] > 1 else ""
    return f"{t['refused']}: {_code(said)}{more}"


def met_worst(r: Row) -> bool:
    return r["seconds"] <= 2 and r["mb"] <= 300


def _worst(worst: dict[str, Any], machine: str, lang: str, t: dict[str, Any]) -> list[str]:
    lines = [t["worst_title"], "", *t["worst_intro"], ""]
    if worst["machine"] != machine:
        lines += [f"{t['machine']}: {worst['machine']}", ""]
    met: Callable[[bool], str] = lambda ok: t["yes"] if ok else t["no"]  # noqa: E731
    lines += _table(t["worst_head"], [[
        f"`{r['shape']}`", f"`{r['file']}`", r["what_ko" if lang == "ko" else "what"], f"{r['bytes'] / 1000:,.0f}",
        _outcome(r, t), f"{r['seconds']:.2f}", f"{r['mb']:.0f}", met(met_worst(r))] for r in worst["rows"]],
        ["---", "---", "---", "--:", "---", "--:", "--:", "---"])
    return [*lines, ""]


#: Edit-to-visible targets (seconds) by scale.
EDIT_TARGETS = {1: 0.5, 50: 1.0}


def _edit(edit: dict[str, Any], machine: str, t: dict[str, Any]) -> list[str]:
    lines = [t["edit_title"], "", *t["edit_intro"], ""]
    if edit["machine"] != machine:
        lines += [f"{t['machine']}: {edit['machine']}", ""]
    by = {(r["scale"], r["mode"]): r for r in edit["rows"]}
    rows = []
    for scale in sorted({r["scale"] for r in edit["rows"]}):
        after, before = by.get((scale, "after")), by.get((scale, "before"))
        if after is None:
            continue
        old = f"{before['visible']:.2f}" if before else t["none"]
        runs = f"{3 * before['runs'] if before else 0} / {3 * after['runs']}"
        load = " / ".join(f"{r['load']:.1f}" if r and "load" in r else t["none"] for r in (before, after))
        rows.append([f"{scale}×", str(after["items"]), old, f"**{after['visible']:.2f}**", f"{after['ko']:.2f}", f"{after['en']:.2f}",
                     f"{after['visible_title']:.2f}", f"{after['visible_description']:.2f}", f"{after['visible_item']:.2f}",
                     f"{after['complete']:.2f}", runs, load])
    lines += _table(t["edit_head"], rows)
    return [*lines, ""]


def _edit_targets(edit: dict[str, Any] | None, t: dict[str, Any]) -> list[list[str]]:
    if not edit:
        return []
    met: Callable[[bool], str] = lambda ok: t["yes"] if ok else t["no"]  # noqa: E731
    after = {r["scale"]: r for r in edit["rows"] if r["mode"] == "after"}
    return [[t["t_edit"].format(scale=scale, limit=limit), f"{after[scale]['visible']:.2f} s", met(after[scale]["visible"] <= limit)]
            for scale, limit in EDIT_TARGETS.items() if scale in after]


def _targets(rows: list[Row], t: dict[str, Any], worst: dict[str, Any] | None = None) -> list[list[str]]:
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
    if worst and worst["rows"]:
        slow = max(worst["rows"], key=lambda r: r["seconds"])
        big = max(worst["rows"], key=lambda r: r["mb"])
        out.append([t["t_worst"], f"{slow['seconds']:.2f} s (`{slow['shape']}`), {big['mb']:.0f} MB (`{big['shape']}`)",
                    met(all(met_worst(r) for r in worst["rows"]))])
    return out


#: The Lighthouse section's words (bench/lighthouse.py measures, `run.py --only lighthouse`).
LIGHTHOUSE_TEXT = {
    "ko": {
        "title": "## Lighthouse (모바일) { #lighthouse }",
        "intro": [
            "이 저장소의 사내 사이트(두 에디션)를 주소(canonical, hreflang)를 넣어 빌드하고, 정적 호스팅처럼 gzip으로 압축해",
            "측정하는 컴퓨터에서 내보낸 뒤(bench/serve.py) 다섯 페이지(홈, JD, 레벨 체크리스트, 면접 키트, 매트릭스)에 Lighthouse의",
            "모바일 설정을 페이지마다 {runs}번 돌려 중앙값을 적었습니다(bench/lighthouse.py). 화면은 {width}×{height} px(배율",
            "{dpr}) 휴대전화 에뮬레이션, 네트워크와 CPU는 시뮬레이션 스로틀링(왕복 {rtt} ms, {kbps:,.0f} Kbps, CPU {cpu}배 느리게)입니다.",
            "\"12 px 미만 글자\"는 Lighthouse의 `font-size` 감사가 12 px보다 작다고 본 글자의 비율이고, LCP는 가장 큰 콘텐츠가",
            "그려진 시점, TBT는 메인 스레드가 막힌 시간의 합, CLS는 레이아웃 이동 점수입니다. 목표는 성능 ≥ 95, 접근성·권장사항·SEO",
            "100, 12 px 미만 글자 0 %입니다.",
        ],
        "setup": "Lighthouse {lighthouse}, {chromium}, {date}, 측정 중 부하 {load_lo}–{load_hi} (CPU {cpus}개, 벤치마크 지수 {bench})",
        "head": ["페이지", "주소", "성능", "접근성", "권장사항", "SEO", "12 px 미만 글자 (%)", "LCP (s)", "TBT (ms)", "CLS", "목표 달성"],
        "pages": {"home": "홈", "jd": "JD", "checklist": "체크리스트", "kit": "면접 키트", "matrix": "매트릭스"},
        "failed": "통과하지 못한 감사(성능 지표 제외)",
        "none_failed": "없음",
        "yes": "예", "no": "아니오",
    },
    "en": {
        "title": "## Lighthouse (mobile) { #lighthouse }",
        "intro": [
            "The repository's internal site (both editions) is built with its address (canonical links, hreflang), served from",
            "the measuring machine gzip-compressed as a static host serves it (bench/serve.py), and Lighthouse's mobile preset",
            "runs {runs} times on each of five pages (home, JD, level checklist, interview kit, matrix); the table gives the medians",
            "(bench/lighthouse.py). The screen is an emulated phone of {width}×{height} px (device pixel ratio {dpr}); network and",
            "CPU are throttled by simulation ({rtt} ms round trip, {kbps:,.0f} Kbps, a CPU {cpu} times slower). \"Text under 12 px\" is",
            "the share of the page's text that Lighthouse's `font-size` audit finds smaller than 12 px; LCP is when the largest",
            "content is painted, TBT the total time the main thread was blocked, CLS the layout shift score. The targets:",
            "performance ≥ 95, accessibility, best practices and SEO 100, no text under 12 px.",
        ],
        "setup": "Lighthouse {lighthouse}, {chromium}, {date}, load {load_lo}–{load_hi} while measuring ({cpus} CPU, "
                 "benchmark index {bench})",
        "head": ["Page", "Address", "Performance", "Accessibility", "Best practices", "SEO", "Text under 12 px (%)", "LCP (s)",
                 "TBT (ms)", "CLS", "Met"],
        "pages": {"home": "Home", "jd": "JD", "checklist": "Checklist", "kit": "Interview kit", "matrix": "Matrix"},
        "failed": "Audits not passed (performance metrics aside)",
        "none_failed": "none",
        "yes": "yes", "no": "no",
    },
}
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def met_lighthouse(p: Row) -> bool:
    """The issue's targets for one page: performance ≥ 95, the other three categories 100, no text under 12 px."""
    return (p["performance"] >= 95 and all(p[c] == 100 for c in LIGHTHOUSE_CATEGORIES[1:])
            and p["small_text"] is not None and p["small_text"] == 0)


def _lighthouse(lh: dict[str, Any], machine: str, lang: str) -> list[str]:
    t = LIGHTHOUSE_TEXT[lang]
    screen, throttling = lh["screen"], lh["throttling"]
    intro = "\n".join(t["intro"]).format(runs=lh["runs"], width=screen["width"], height=screen["height"],
                                         dpr=screen["deviceScaleFactor"], rtt=throttling["rttMs"],
                                         kbps=throttling["throughputKbps"], cpu=throttling["cpuSlowdownMultiplier"])
    lines = [t["title"], "", intro, ""]
    if lh["machine"] != machine:
        lines += [f"{TEXT[lang]['machine']}: {lh['machine']}", ""]
    lines += [t["setup"].format(lighthouse=lh["lighthouse"], chromium=lh["chromium"], date=lh["date"], load_lo=lh["load"][0],
                                load_hi=lh["load"][1], cpus=lh["cpus"], bench=lh["benchmark_index"]), ""]
    rows = []
    for p in lh["pages"]:
        small = "—" if p["small_text"] is None else f"{p['small_text']:g}"
        rows.append([t["pages"].get(p["page"], p["page"]), f"`{p['path']}`", *(f"{p[c]:g}" for c in LIGHTHOUSE_CATEGORIES), small,
                     f"{p['largest-contentful-paint'] / 1000:.1f}", f"{p['total-blocking-time']:.0f}",
                     f"{p['cumulative-layout-shift']:.3f}", t["yes"] if met_lighthouse(p) else t["no"]])
    lines += _table(t["head"], rows, ["---", "---", *["--:"] * 8, "---"])
    failed = [(t["pages"].get(p["page"], p["page"]), [f for f in p["failed"] if not f.startswith("performance:")])
              for p in lh["pages"]]
    lines += ["", f"{t['failed']}: " + "; ".join(f"{name} " + (", ".join(f"`{f}`" for f in fs) if fs else t["none_failed"])
                                                  for name, fs in failed), ""]
    return lines


def render(rows: list[Row], machine: str, lang: str, notes: str, query: str, worst: dict[str, Any] | None = None,
           edit: dict[str, Any] | None = None, *, lighthouse: dict[str, Any] | None = None) -> str:
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
    lines += ["", t["targets"], "", *_table(t["target_head"], _targets(rows, t, worst) + _edit_targets(edit, t), "---"), ""]
    if edit:
        lines += _edit(edit, machine, t)
    if worst:
        lines += _worst(worst, machine, lang, t)
    if lighthouse:
        lines += _lighthouse(lighthouse, machine, lang)
    lines += [notes.strip(), ""]
    return "\n".join(lines)


def write_reports(rows: list[Row], machine: str, docs: Path, query: str, worst: dict[str, Any] | None = None,
                  edit: dict[str, Any] | None = None, *, lighthouse: dict[str, Any] | None = None) -> list[Path]:
    """Both pages. `worst` is the worst-case measurement ({"machine": ..., "rows": [...]}, bench/worst.py), if any;
    `edit`, the edit-to-visible one (bench/edit.py); `lighthouse`, Lighthouse's scores per page (bench/lighthouse.py)."""
    here = Path(__file__).resolve().parent
    written = []
    for lang, path in (("ko", docs / "benchmarks.md"), ("en", docs / "en" / "benchmarks.md")):
        notes = (here / f"notes.{lang}.md").read_text(encoding="utf-8")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(rows, machine, lang, notes, query, worst, edit, lighthouse=lighthouse), encoding="utf-8")
        written.append(path)
    return written
