"""Reads the seed documents (copies in tests/fixtures/seeds, so every clone has them) into plain structures for
comparison, and finds their texts in the framework data and the built site the way the seed owners' coverage tool
(`../shared/tools/seed_coverage.py`) does: whitespace folded, matched by containment.

Seed 002 (an interview preparation) also holds personal material: a self-introduction, reasons for leaving a job and
employer names. Only its 33 questions are copied (002_*_questions.txt: one per line, extracted by the shared tools'
own rule, `seedtexts.py SEEDS questions`), and the names that must never appear are kept as SHA-256 digests, so this
repository never carries them. When the repository sits beside `../shared`, test_completeness checks the copies,
the extract and the digests against the originals."""
from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"

#: SHA-256 of each name from seed 002 that must appear nowhere (three employers and a queueing product): 2 to 4
#: Hangul syllables each. A digest keeps the names out of the repository; it does not make them secret.
PERSONAL_DIGESTS = frozenset({
    "08295aeabaa8d83802b8a93f3fd555fd0cdcc54ebfc4f235a014310ce47a2107",
    "257e26fdde2fb3d820bb6cd0e2d4710c2c7e24523b168842704920cc44eabd4f",
    "0022b1e3702502bb864cc6da910dbfa67b31b5e61d7d3576c1a2ad4b2c170d78",
    "0b47dc4ab4d3a93b30c6fa553baf26480289fe78f31292373d26b66b84c224d6",
})
PERSONAL_LENGTHS = (2, 3, 4)


def _read(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def personal_names_in(texts: Iterable[str], digests: frozenset[str] | set[str] = PERSONAL_DIGESTS) -> set[str]:
    """The names (by their digests: seed 002's personal names unless told) that occur in `texts`: every run of Hangul
    is cut into 2- to 4-syllable pieces, and each piece's digest is looked up."""
    runs = {run for text in texts for run in re.findall(r"[\uac00-\ud7a3]{2,}", text)}
    pieces = {run[i:i + n] for run in runs for n in PERSONAL_LENGTHS for i in range(len(run) - n + 1)}
    return {p for p in pieces if digest(p) in digests}


def questions() -> list[str]:
    """Seed 002's technical, collaboration and growth questions (with their follow-ups), one per line."""
    return _read("002").splitlines()


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def yaml_strings(folder: Path) -> str:
    """Every string (keys and values) of every YAML file below `folder`, folded, one per line: the coverage tool's
    haystack for framework data, so quoting and line folding do not matter."""
    def strings(node: object) -> Iterable[str]:
        if isinstance(node, str):
            yield node
        elif isinstance(node, dict):
            for k, v in node.items():
                yield from strings(k)
                yield from strings(v)
        elif isinstance(node, list):
            for v in node:
                yield from strings(v)

    return "\n".join(fold(s) for p in sorted(folder.rglob("*.y*ml"))
                     for s in strings(yaml.safe_load(p.read_text(encoding="utf-8"))))


def html_text(site: Path) -> str:
    """The visible text of every HTML file below `site`, folded, one file per line: the coverage tool's haystack for
    a built site (scripts and styles dropped, tags removed, character references decoded)."""
    texts = []
    for p in sorted(site.rglob("*.html")):
        t = re.sub(r"<script.*?</script>|<style.*?</style>", " ", p.read_text(encoding="utf-8"), flags=re.S)
        texts.append(fold(html.unescape(re.sub(r"<[^>]+>", "", t))))
    return "\n".join(texts)


def coverage_texts(kind: str) -> list[str]:
    """The texts of one kind that the framework must carry verbatim, as the coverage tool lists them: items, groups and
    areas (seed 000), jd (seed 001: each level's duties and competencies, the KPI rows, the role impact lines) and
    questions (seed 002)."""
    if kind == "questions":
        return questions()
    areas = roadmap_areas()
    if kind == "areas":
        return [a.title for a in areas]
    if kind == "groups":
        return [g for a in areas for g, _ in a.groups]
    if kind == "items":
        return [i for a in areas for _, items in a.groups for i in items]
    assert kind == "jd", kind
    doc = jd()
    lines = [line for lv in doc["levels"] for line in (*lv.duties, *lv.competencies)]
    lines += [t for category, metrics in doc["kpis"] for t in (category, *metrics)]
    return lines + list(doc["impact"].values())


def missing(kinds: Iterable[str], haystack: str) -> dict[str, list[str]]:
    """Per kind, the texts not found (folded) in `haystack`; empty lists when everything is there."""
    return {kind: [t for t in coverage_texts(kind) if fold(t) not in haystack] for kind in kinds}


@dataclass
class SeedArea:
    icon: str
    number: int
    title: str
    groups: list[tuple[str, list[str]]] = field(default_factory=list)


def roadmap_areas() -> list[SeedArea]:
    """Seed 000's areas → groups → items, in order."""
    body = _read("000").split("## 📊")[0]
    areas: list[SeedArea] = []
    for line in body.splitlines():
        if m := re.match(r"^## (\S+) (\d)\. (.+)$", line):
            areas.append(SeedArea(m[1], int(m[2]), m[3].strip()))
        elif line.startswith("### ") and areas:
            areas[-1].groups.append((line[4:].strip(), []))
        elif line.startswith("- [ ] "):
            areas[-1].groups[-1][1].append(line[6:].strip())
    return areas


def roadmap_phases() -> list[tuple[str, list[str]]]:
    """Seed 000's learning phases with their numbered steps."""
    part = _read("000").split("### 우선순위 추천")[1].split("### 다음 단계")[0]
    phases: list[tuple[str, list[str]]] = []
    for line in part.splitlines():
        if m := re.match(r"^\*\*(Phase .+)\*\*$", line):
            phases.append((m[1], []))
        elif m := re.match(r"^\d\. (.+)$", line):
            phases[-1][1].append(m[1].strip())
    return phases


@dataclass
class SeedLevel:
    name: str
    years: str
    focus: str
    duties: list[str] = field(default_factory=list)
    competencies: list[str] = field(default_factory=list)


def jd() -> dict:
    """Seed 001: overview, stack lines, levels, progression rows, KPI rows, role impact, vision."""
    text = _read("001")
    lines = [ln.strip() for ln in text.splitlines()]
    overview = lines[lines.index("🧠 개요 (Overview)") + 1]
    stack_part = text.split("⚙️ 공통 기술 스택 (Common Tech Stack)")[1].split("🧩 레벨별")[0]
    stack = [ln[2:].strip() for ln in stack_part.splitlines() if ln.startswith("- ")]
    levels: list[SeedLevel] = []
    bucket = None
    body = text.split("🧩 레벨별 역할 및 책임")[1].split("📈 성장 경로")[0]
    for ln in body.splitlines():
        if m := re.match(r"^\d\. (\w+) Backend Engineer \((.+)\)$", ln):
            levels.append(SeedLevel(m[1], m[2], ""))
        elif ln.startswith("Focus: "):
            levels[-1].focus = ln[len("Focus: "):].strip()
        elif ln.strip() == "주요 업무":
            bucket = levels[-1].duties
        elif ln.strip() == "핵심 역량":
            bucket = levels[-1].competencies
        elif ln.startswith("- ") and bucket is not None:
            bucket.append(ln[2:].strip())

    def table(start: str, end: str) -> list[list[str]]:
        part = text.split(start)[1].split(end)[0]
        rows = [[c.strip() for c in r.strip().strip("|").split("|")] for r in part.splitlines() if r.startswith("|")]
        return rows[2:]

    progression = table("📈 성장 경로", "🧭 평가 항목")
    kpis = [(r[0], [x.strip() for x in r[1].split(",")]) for r in table("🧭 평가 항목", "🧩 역할 가치")]
    impact_part = text.split("🧩 역할 가치 (Role Impact)")[1].split("💬")[0]
    impact = dict(ln[2:].split(": ", 1) for ln in impact_part.splitlines() if ln.startswith("- "))
    vision_lines = text.split("💬 비전 문구 (Role Vision Statement)")[1].strip().splitlines()
    return {
        "overview": overview, "stack": stack, "levels": levels, "progression": progression,
        "kpis": kpis, "impact": impact, "vision": vision_lines[0].strip(), "attribution": vision_lines[1].strip(),
    }
