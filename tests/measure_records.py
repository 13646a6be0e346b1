"""Measurements of the personal records (not a test; run by hand: `.venv/bin/python tests/measure_records.py`):

- the promotion packet's page count on A4 for each level pair of the seed, for a record rated in full (every
  expectation of the target level rated by self and manager: 60% met, 20% working on, 12% not yet, 8% not met with an
  explanation, the manager agreeing three times in four; one in four with a note and an evidence link from each);
- the team view's time from dropping 30 records files on it to the heat map drawn, on a framework 10× the seed
  (bench/synth.py), in Chromium: the median of 5 drops;
- the size of a full Senior record file (every expectation rated, each with a note and one evidence link).

Prints a Markdown table. Records are generated deterministically (a seeded random generator)."""
from __future__ import annotations

import contextlib
import json
import random
import re
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "bench")]

import browser  # noqa: E402
from conftest import served_build  # noqa: E402

STATUSES = ["met"] * 60 + ["working"] * 20 + ["not-yet"] * 12 + ["not-met"] * 8
NOTE = "설계 리뷰에서 트레이드오프를 설명했고, 운영 중 장애 대응 회고 문서에 근거를 남겼습니다."


def entry(rng: random.Random, title: str, i: int, full: bool, like: str | None = None) -> dict:
    status = like if like and rng.random() < 0.75 else rng.choice(STATUSES)
    e: dict = {"status": status, "wording": title, "updated": "2025-03-01T09:00:00.000Z"}
    if status == "not-met":
        e["explanation"] = "아직 이 규모의 시스템에서 직접 해 본 경험이 없습니다."
    if full or i % 4 == 0:
        e["note"] = NOTE
        e["evidence"] = [{"title": f"근거 문서 {i}", "url": f"https://wiki.example.com/docs/{i}", "date": "2025-02-14"}]
    return e


def make_record(rid: str, person: str, role: str, level: str, target: str | None, expectations: list[dict], rater: str,
                rng: random.Random, full: bool = False, share: float = 1.0, beside: dict | None = None) -> dict:
    """A record rating `share` of `expectations`; beside another record, each status agrees with it three times in four."""
    chosen = [x for x in expectations if rng.random() < share]
    like = {k: e["status"] for k, e in beside["entries"].items()} if beside else {}
    return {"id": rid, "person": person, "role": role, "level": level, "target": target, "rater": rater,
            "raterName": "민준" if rater == "manager" else "", "framework": {"id": "engineering-career-framework", "version": "2025.10"},
            "created": "2025-01-01T00:00:00.000Z", "updated": "2025-03-01T09:00:00.000Z",
            "entries": {x["id"]: entry(rng, x["title"], i, full, like.get(x["id"])) for i, x in enumerate(chosen)}}


def a_file(*records: dict) -> str:
    return json.dumps({"format": "career-framework-records", "version": 2, "exported": "2025-03-01T09:00:00.000Z",
                       "records": list(records)}, ensure_ascii=False, indent=2)


def packets(chromium, url: str, out: Path) -> list[tuple[str, int]]:
    rows = []
    rng = random.Random(1)
    for lower, upper in [("junior", "mid"), ("mid", "senior"), ("senior", "lead")]:
        data = json.loads((out / "api" / "records" / "python-backend" / f"{upper}.json").read_text(encoding="utf-8"))["expectations"]
        own = make_record("r-self", "지수", "python-backend", lower, upper, data, "self", rng)
        mgr = make_record("r-manager", "지수", "python-backend", lower, upper, data, "manager", rng, beside=own)
        doc = {"format": "career-framework-records", "version": 2, "mine": "r-self", "records": {"r-self": own, "r-manager": mgr}}
        context = chromium.new_context(base_url=url)
        page = context.new_page()
        page.goto("/records/privacy/")
        page.evaluate("(v) => localStorage.setItem('career-framework-records', v)", json.dumps(doc, ensure_ascii=False))
        page.goto("/records/packet/?id=r-self&with=r-manager")
        page.wait_for_selector("[data-cf-packet-ready]", state="attached")
        pages = len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="A4")))
        context.close()
        rows.append((f"{lower} → {upper} ({len(data)} expectations)", pages))
    return rows


def team(chromium, url: str, out: Path, runs: int = 5) -> tuple[float, float, int]:
    rng = random.Random(2)
    index = json.loads((out / "api" / "records" / "index.json").read_text(encoding="utf-8"))
    files = []
    for n in range(30):
        role = index["roles"][n % len(index["roles"])]
        levels = [lv["id"] for lv in role["levels"]]
        i = rng.randrange(len(levels) - 1)
        level, target = levels[i], levels[i + 1]
        data = json.loads((out / "api" / "records" / role["id"] / f"{level}.json").read_text(encoding="utf-8"))["expectations"]
        rec = make_record(f"r-{n}", f"사람 {n:02d}", role["id"], level, target, data, "self", rng, share=0.8)
        files.append([f"person-{n:02d}.json", a_file(rec)])
    size = sum(len(text.encode("utf-8")) for _, text in files)
    context = chromium.new_context(base_url=url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    inner, outer = [], []
    for _ in range(runs):
        page.goto("/team/")
        result = page.evaluate("""async (docs) => {
            const dt = new DataTransfer();
            for (const [name, text] of docs) dt.items.add(new File([text], name, {type: 'application/json'}));
            const drawn = new Promise((resolve) => document.addEventListener('cf-team-drawn', (e) => resolve(e.detail), {once: true}));
            const t0 = performance.now();
            document.querySelector('[data-cf-drop]').dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
            const detail = await drawn;
            return {outer: performance.now() - t0, inner: detail.ms, people: detail.people}; }""", files)
        assert result["people"] == 30, result
        inner.append(result["inner"])
        outer.append(result["outer"])
    context.close()
    return statistics.median(outer), statistics.median(inner), size


def main() -> None:
    from playwright.sync_api import sync_playwright
    from synth import make_project

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p, contextlib.ExitStack() as stack:
        chromium = p.chromium.launch(executable_path=browser.chromium_path(), args=browser.CHROMIUM_ARGS)
        seed_out = Path(tmp) / "seed"
        seed_url = stack.enter_context(contextlib.contextmanager(served_build)(ROOT, seed_out))
        print("| packet (seed, rated in full by self and manager) | A4 pages |\n|---|---|")
        for name, n in packets(chromium, seed_url, seed_out):
            print(f"| {name} | {n} |")
        senior = json.loads((seed_out / "api" / "records" / "python-backend" / "senior.json").read_text(encoding="utf-8"))["expectations"]
        full = a_file(make_record("r-full", "지수", "python-backend", "senior", "lead", senior, "self", random.Random(3), full=True))
        print(f"\nA full Senior record file ({len(senior)} expectations, each with a note and one evidence link): "
              f"{len(full.encode('utf-8')):,} bytes (indented as the pages export it)")
        project = Path(tmp) / "x10"
        make_project(10, project)
        x10_out = Path(tmp) / "x10-site"
        x10_url = stack.enter_context(contextlib.contextmanager(served_build)(project, x10_out))
        outer, inner, size = team(chromium, x10_url, x10_out)
        print(f"\nTeam view, 30 records files ({size / 1e6:.2f} MB) at 10× the seed: drop → heat map drawn, median of 5: "
              f"{outer:.0f} ms (the page's own measure: {inner:.0f} ms)")
        chromium.close()


if __name__ == "__main__":
    main()
