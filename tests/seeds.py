"""Reads the seed documents (copies in tests/fixtures/seeds) into plain structures for comparison."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"


def _read(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


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
