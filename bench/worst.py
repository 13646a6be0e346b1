"""The worst files one pull request can add: for each shape that could make `career check` slow or large, one
file of at most the file limit (1 MB), added to (or replacing a file of) a copy of the repository's framework/ with
its released URL lists, so that the check also builds every edition of both audiences.

Two kinds of shape: a whole megabyte of one kind of entry (many one-line items, groups, behaviours, examples,
questions, follow-ups, glossary terms, duties, role levels, levels, metrics, links, errors, unknown keys, values
nested in lists, nesting a million deep, one megabyte-long text), which the count limits refuse; and files at
the limits (as many entities, values and list entries as are allowed, with long texts), which are checked. Each
row reports the file's size, what the check said (its first error, or ok), its seconds and peak memory; the
target is ≤ 2 s and ≤ 300 MB.

`python bench/worst.py [--code CHECKOUT] [SHAPE ...]` prints the rows (with `--code`, of another checkout's
`macros`, e.g. an older commit's, to compare); `bench/run.py --only worst-case` writes them into docs/benchmarks.md.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from macros.core.text import LIMITS  # noqa: E402 - the limits the files are made to exceed or to meet

RSS = Path(__file__).resolve().parent / "rss.py"
#: The largest file the check reads: the file limit, less a margin for a last entry or tail.
BUDGET = LIMITS.file_bytes - 200
TARGET_SECONDS, TARGET_MB = 2.0, 300
TIMEOUT = 300  # seconds after which a check is stopped (and reported as such)
LEVELS = ["junior", "mid", "senior", "lead"]  # the seed's
AREA = "id: flood\nnumber: 9\ntitle: flood\n"
ONE_GROUP = AREA + "groups:\n- id: g\n  title: g\n  level: junior\n  items:\n"
TOPIC = "id: flood\ncategory: technical\ntitle: flood\nquestions:\n"
ROLE = "id: flood\ntitle: flood\noverview: flood\n"
WORDS = "lorem ipsum dolor sit amet " * 200


def words(n: int, tag: object = "") -> str:
    """`n` characters of plain words (starting with `tag`, to keep texts apart)."""
    return (f"{tag} " + WORDS)[:n].strip() if tag != "" else WORDS[:n].strip()


LINE = words(LIMITS.line - 10)  # a title just under the line limit
PARAGRAPH = words(LIMITS.paragraph - 10)  # a description just under the paragraph limit


@dataclass(frozen=True)
class Shape:
    name: str
    path: str  # where the file goes in framework/ (replacing the seed's file of that name, if any)
    what: str  # what the file holds, in English
    ko: str  # and in Korean
    head: str
    entry: Callable[[int], str]  # the i-th entry (from 1), repeated until the file reaches BUDGET or `most`
    tail: str = ""
    most: int | None = None  # at most this many entries (a limit), else as many as fit


def _seed(name: str) -> str:
    """The seed's file of that name, to which a shape adds entries."""
    return (ROOT / "framework" / name).read_text(encoding="utf-8").rstrip("\n") + "\n"


def _question(i: int) -> str:
    return (f"- id: q{i}\n  question: q\n  levels: [junior]\n  items: [gil]\n  listen_for: [a, b]\n"
            f"  follow_ups:\n  - id: f{i}\n    question: f\n    listen_for: [a, b]\n")


def _long_question(i: int) -> str:
    """A question at the text limits with one follow-up: two of the topic's entities."""
    listen = "".join(f"  - {words(LIMITS.line - 10, k)}\n" for k in range(4))
    return (f"- id: q{i}\n  question: {LINE}\n  source: {LINE}\n  levels: [{', '.join(LEVELS)}]\n"
            f"  items: [gil, garbage-collection, memory-structure]\n  listen_for:\n{listen}"
            f"  follow_ups:\n  - id: f{i}\n    question: {LINE}\n    items: [gil]\n    listen_for:\n"
            + listen.replace("  - ", "    - "))


def _rich_item(i: int) -> str:
    """An item with long texts and a few of every list: 16 values (499 of them stay under the value limit)."""
    return (f"  - id: i{i}\n    title: {LINE}\n    description: {words(1_200)}\n"
            f"    examples: [{', '.join(words(90, f'e{k}') for k in range(3))}]\n"
            f"    keywords: [{', '.join(f'k{k}' for k in range(3))}]\n"
            f"    links: [{{title: l, url: 'https://e.x/{i}'}}]\n")


def _term(i: int) -> str:
    variants = ", ".join(f"v{i}-{k} {words(60)}" for k in range(VARIANTS))
    return f"  - id: t{i}\n    term: t{i}\n    variants: [{variants}]\n    description: {words(1_000)}\n"


def _level(i: int) -> str:
    return (f"  - id: l{i}\n    title: {words(100, i)}\n    focus: {LINE}\n    impact: {LINE}\n"
            f"    description: {PARAGRAPH}\n")


def _role_head() -> str:
    """A role whose every level has as many duties and core competencies as a list may hold."""
    texts = "".join(f"    - {words(200, k)}\n" for k in range(LIMITS.entries))
    return ROLE + "levels:\n" + "".join(f"  {lv}:\n    title: {LINE}\n    duties:\n{texts}    competencies:\n{texts}"
                                        for lv in LEVELS) + "stack:\n"


def _stack(i: int) -> str:
    return f"- id: s{i}\n  category: c\n  tools: [{', '.join(f't{k}' for k in range(LIMITS.entries))}]\n"


SEED_GLOSSARY_TERMS, SEED_LEVELS = 86, 4
BEHAVING, ASKED = LIMITS.entities // (1 + len(LEVELS)), LIMITS.entities // 2  # groups of 4 behaviours, questions of 1 follow-up
TERMS = LIMITS.terms - SEED_GLOSSARY_TERMS
VARIANTS = (LIMITS.yaml_values - 900) // TERMS - 5  # as many as the value limit allows (the seed's glossary holds 841)

SHAPES: tuple[Shape, ...] = (
    # a megabyte of one kind of entry -------------------------------------------------------------------------
    Shape("items", "competencies/09-flood.yml", "one group of one-line items", "한 줄짜리 항목만 든 그룹 하나",
          ONE_GROUP, lambda i: f"  - {{id: i{i}, title: t}}\n"),
    Shape("groups", "competencies/09-flood.yml", "groups of one item each", "항목 하나씩 든 그룹들",
          AREA + "groups:\n", lambda i: f"- {{id: g{i}, title: g, level: junior, items: [{{id: i{i}, title: t}}]}}\n"),
    Shape("behaviours", "competencies/09-flood.yml", "groups of four behaviours", "행동 기술 4개씩 든 그룹들",
          AREA + "groups:\n",
          lambda i: f"- id: g{i}\n  title: g\n  behaviours:\n" + "".join(f"  - {{level: {lv}, text: t}}\n" for lv in LEVELS)),
    Shape("examples", "competencies/09-flood.yml", "one item's examples, one a line", "항목 하나의 예시, 한 줄에 하나",
          ONE_GROUP + "  - id: i\n    title: t\n    examples:\n", lambda i: "    - e\n"),
    Shape("flow-list", "competencies/09-flood.yml", "one item's keywords in one flow list [k,k,...]",
          "항목 하나의 키워드를 한 줄 목록 [k,k,...]으로", ONE_GROUP + "  - id: i\n    title: t\n    keywords: [k", lambda i: ",k", "]\n"),
    Shape("nested-lists", "competencies/09-flood.yml", "lists of 900 values in one list [[k,...],...]",
          "값 900개짜리 목록을 담은 목록 [[k,...],...]", AREA + "examples: [", lambda i: "[" + ",".join("k" * 900) + "],", "]\n"),
    Shape("links", "competencies/09-flood.yml", "one group's links", "그룹 하나의 링크",
          AREA + "groups:\n- id: g\n  title: g\n  level: junior\n  items: [{id: i, title: t}]\n  links:\n",
          lambda i: f"  - {{title: l, url: 'https://e.x/{i}'}}\n"),
    Shape("long-texts", "competencies/09-flood.yml", "items with a description at the paragraph limit",
          "설명이 문단 한도만큼 긴 항목들", ONE_GROUP, lambda i: f"  - id: i{i}\n    title: {LINE}\n    description: {PARAGRAPH}\n"),
    Shape("one-text", "competencies/09-flood.yml", "one description of a whole megabyte", "1 MB짜리 설명 하나",
          AREA + "description: ", lambda i: "가나다라마바사아자차카타파하 " * 4,
          "\ngroups: [{id: g, title: g, level: junior, items: [{id: i, title: t}]}]\n"),
    Shape("questions", "interview/flood.yml", "questions with one follow-up each", "꼬리 질문이 하나씩 달린 질문들", TOPIC, _question),
    Shape("follow-ups", "interview/flood.yml", "one question's follow-ups", "질문 하나의 꼬리 질문",
          TOPIC + "- id: q\n  question: q\n  levels: [junior]\n  items: [gil]\n  listen_for: [a, b]\n  follow_ups:\n",
          lambda i: f"  - {{id: f{i}, question: f, listen_for: [a, b]}}\n"),
    Shape("unknown-items", "interview/flood.yml", "one question naming unknown items", "없는 항목을 가리키는 질문 하나",
          TOPIC + "- id: q\n  question: q\n  levels: [junior]\n  listen_for: [a, b]\n  items:\n", lambda i: f"  - gil-{i}\n"),
    Shape("glossary", "glossary.yml", "glossary terms after the seed's", "시드 용어집 뒤에 덧붙인 용어", _seed("glossary.yml"),
          lambda i: f"  - {{id: t{i}, term: t{i}, variants: [v{i}]}}\n"),
    Shape("duties", "roles/flood.yml", "one role level's duties", "직무 레벨 하나의 주요 업무",
          ROLE + "levels:\n  junior:\n    title: t\n    duties:\n", lambda i: "    - d\n"),
    Shape("role-levels", "roles/flood.yml", "a role's levels (unknown ids)", "직무의 레벨(없는 id)",
          ROLE + "levels:\n", lambda i: f"  l{i}: {{title: t, duties: [d]}}\n"),
    Shape("levels", "levels.yml", "levels above the seed's", "시드 레벨 위에 덧붙인 레벨", _seed("levels.yml"),
          lambda i: f"  - {{id: l{i}, title: l}}\n"),
    Shape("metrics", "kpis.yml", "a KPI dimension's metrics, after the seed's", "시드 KPI 뒤에 덧붙인 평가 항목 하나의 지표",
          _seed("kpis.yml") + "  - id: d\n    title: d\n    metrics:\n", lambda i: "      - m\n"),
    Shape("type-errors", "competencies/09-flood.yml", "items whose title is a number (an error each)",
          "제목이 숫자인 항목들(하나마다 오류)", ONE_GROUP, lambda i: f"  - {{id: i{i}, title: 1}}\n"),
    Shape("wide-mapping", "competencies/09-flood.yml", "a mapping of unknown keys", "모르는 키로 가득한 매핑",
          AREA + "groups: [{id: g, title: g, level: junior, items: [{id: i, title: t}]}]\n", lambda i: f"k{i}: 1\n"),
    Shape("deep-nesting", "competencies/09-flood.yml", "lists nested half a million deep (- - - ...)",
          "50만 단계로 겹친 목록 (- - - ...)", AREA + "examples:\n", lambda i: "- " * 500, "x\n"),
    Shape("items-over-limit", "competencies/09-flood.yml", "999 items with long descriptions: within the YAML limits, over the "
          "entity limit", "긴 설명을 가진 항목 999개: YAML 한도 안, 개체 한도 밖", ONE_GROUP,
          lambda i: f"  - id: i{i}\n    title: {words(100)}\n    description: {words(850)}\n", most=LIMITS.yaml_entries - 1),
    # at the limits: the most a file may hold ---------------------------------------------------------------
    Shape("items-at-limit", "competencies/09-flood.yml", f"a group and {LIMITS.entities - 1} items with long texts and lists "
          "(the entity limit)", f"그룹 하나와 긴 글·목록을 가진 항목 {LIMITS.entities - 1}개(개체 한도)", ONE_GROUP, _rich_item,
          most=LIMITS.entities - 1),
    Shape("behaviours-at-limit", "competencies/09-flood.yml", f"{BEHAVING} groups of 4 long behaviours (the entity limit)",
          f"긴 행동 기술 4개씩 든 그룹 {BEHAVING}개(개체 한도)", AREA + "groups:\n",
          lambda i: f"- id: g{i}\n  title: {LINE}\n  behaviours:\n"
                    + "".join(f"  - {{level: {lv}, text: {words(2_300, lv)}}}\n" for lv in LEVELS),
          most=BEHAVING),
    Shape("questions-at-limit", "interview/flood.yml", f"{ASKED} long questions with a long follow-up each (the entity limit)",
          f"긴 질문 {ASKED}개와 긴 꼬리 질문 하나씩(개체 한도)", TOPIC, _long_question, most=ASKED),
    Shape("examples-at-limit", "competencies/09-flood.yml", "items of 50 examples each, up to the value limit",
          "예시 50개씩 든 항목들, 값 한도까지", ONE_GROUP,
          lambda i: f"  - id: i{i}\n    title: {LINE}\n    examples:\n"
                    + "".join(f"    - {words(100, k)}\n" for k in range(LIMITS.entries)),
          most=(LIMITS.yaml_values - 100) // (LIMITS.entries + 4)),
    Shape("glossary-at-limit", "glossary.yml", f"{TERMS} terms of {VARIANTS} variants each after the seed's (the term limit)",
          f"시드 용어집 뒤에 변형 {VARIANTS}개씩 든 용어 {TERMS}개(용어 한도)", _seed("glossary.yml"), _term, most=TERMS),
    Shape("levels-at-limit", "levels.yml", "levels with long texts above the seed's, up to the level limit",
          "시드 레벨 위에 긴 글을 가진 레벨, 레벨 한도까지", _seed("levels.yml"), _level, most=LIMITS.levels - SEED_LEVELS),
    Shape("role-at-limit", "roles/flood.yml", "a role: 50 duties and competencies a level, 50 stack categories of 50 tools",
          "레벨마다 주요 업무·핵심 역량 50개, 기술 분류 50개에 도구 50개씩 든 직무", _role_head(), _stack, most=LIMITS.entries),
    Shape("errors-at-limit", "interview/flood.yml", "questions naming 50 unknown items each, up to the value limit",
          "없는 항목 50개씩 가리키는 질문들, 값 한도까지", TOPIC,
          lambda i: f"- id: q{i}\n  question: q\n  levels: [junior]\n  listen_for: [a, b]\n  items: ["
                    + ", ".join(f"gil-{i}-{k}" for k in range(LIMITS.entries)) + "]\n",
          most=(LIMITS.yaml_values - 100) // (LIMITS.entries + 9)),
)


def content(shape: Shape, budget: int = BUDGET) -> str:
    """The shape's file: its head, then entries while the file stays within `budget` bytes (and `most`), then its tail."""
    parts, size = [shape.head], len(shape.head.encode()) + len(shape.tail.encode())
    for i in range(1, (shape.most or 10**7) + 1):
        entry = shape.entry(i)
        n = len(entry.encode())
        if size + n > budget:
            break
        parts.append(entry)
        size += n
    return "".join(parts) + shape.tail


def project(shape: Shape, work: Path, code: Path = ROOT) -> Path:
    """A copy of `code`'s framework/ (with its released URL lists) plus the shape's file, in `work`."""
    dest = work / shape.name
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(code / "framework", dest / "framework", ignore=shutil.ignore_patterns("schema"))
    (dest / "framework" / shape.path).write_text(content(shape), encoding="utf-8")
    return dest


@dataclass(frozen=True)
class Outcome:
    seconds: float
    kib: int  # peak resident memory
    code: int  # exit code: 0 ok, 1 refused, 124 stopped after TIMEOUT
    errors: int
    said: str  # the first error without its file ("line:col: message"), or the summary line


def run_check(folder: Path, code: Path = ROOT) -> Outcome:
    """`career check` on `folder`/framework with the `macros` package of `code`, stopped after TIMEOUT seconds."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    cmd = [sys.executable, str(RSS), "--timeout", str(TIMEOUT), sys.executable, "-m", "macros.cli", "check", "framework"]
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=folder, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    rss = int(done.stdout.strip().splitlines()[-1])
    lines = [*done.stderr.splitlines(), *done.stdout.splitlines()[:-1]]
    errors = [ln for ln in lines if ": error: " in ln]
    if errors:
        where, message = errors[0].split(": error: ", 1)
        said = ":".join(where.rsplit(":", 2)[1:]) + ": " + message
    else:
        said = next((ln for ln in lines if ": ok" in ln), lines[-1] if lines else "")
    return Outcome(elapsed, rss, done.returncode, len(errors), said)


def measure(work: Path, runs: int = 1, only: set[str] | None = None, code: Path = ROOT) -> Iterator[dict[str, object]]:
    """One row per shape: the median time of `runs` runs and the largest peak memory."""
    for shape in SHAPES:
        if only and shape.name not in only:
            continue
        folder = project(shape, work, code)
        size = (folder / "framework" / shape.path).stat().st_size
        results = [run_check(folder, code) for _ in range(runs)]
        first = results[0]
        row: dict[str, object] = {
            "shape": shape.name, "what": shape.what, "what_ko": shape.ko, "file": shape.path, "bytes": size,
            "code": first.code, "errors": first.errors, "said": first.said,
            "seconds": statistics.median(r.seconds for r in results), "mb": max(r.kib for r in results) / 1024}
        more = f" (+{first.errors - 1:,} more)" if first.errors > 1 else ""
        print(f"  {shape.name}: {size:,} B, exit {first.code}, {row['seconds']:.2f} s, {row['mb']:.0f} MB — "
              f"{first.said[:160]}{more}", file=sys.stderr, flush=True)
        shutil.rmtree(folder)
        yield row


if __name__ == "__main__":
    argv = sys.argv[1:]
    code = ROOT
    if argv[:1] == ["--code"]:
        code, argv = Path(argv[1]).resolve(), argv[2:]
    with tempfile.TemporaryDirectory(prefix="career-worst-") as tmp:
        for _ in measure(Path(tmp), only=set(argv) or None, code=code):
            pass
