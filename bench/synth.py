"""Synthetic frameworks at N times the seed, for the benchmark: N×8 areas (copies of the seed's),
N×168 items, more roles (each using one copy of the 8 areas) and, from 10×, six levels."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
EXTRA_LEVELS = [("staff", "Staff", 13), ("principal", "Principal", 16)]


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")  # JSON is YAML


def suffixed(text: str | dict[str, str], suffix: str) -> str | dict[str, str]:
    """A text field with `suffix` appended, in every language it has."""
    if isinstance(text, dict):
        return {lang: value + suffix for lang, value in text.items()}
    return text + suffix


def roles_for(scale: int) -> int:
    return max(1, round(scale * 0.4))


def make_framework(scale: int, dest: Path) -> dict[str, int]:
    """Write a framework `scale` times the seed into `dest`; return its counts."""
    src = ROOT / "framework"
    if dest.exists():
        shutil.rmtree(dest)
    for name in ("framework.yml", "kpis.yml", "roadmap.yml", "glossary.yml"):
        _write(dest / name, _load(src / name))
    levels = _load(src / "levels.yml")["levels"]
    if scale > 1:
        levels[-1]["progression"] = {
            "focus": {"ko": "기술 전략 → 조직 전략", "en": "Technical strategy → organisational strategy"},
            "goal": {"ko": "여러 조직에 걸친 기술 방향 제시", "en": "Setting technical direction across organisations"}}
        for i, (lid, title, years) in enumerate(EXTRA_LEVELS):
            lv = {**levels[3], "id": lid, "title": {"ko": title, "en": title}, "years": {"min": years},
                  "years_label": {"ko": f"{years}년차 이상", "en": f"{years}+ years"}}
            lv.pop("progression", None)
            if i == 0:
                lv["progression"] = {
                    "focus": {"ko": "조직 전략 → 회사 전략", "en": "Organisational strategy → company strategy"},
                    "goal": {"ko": "회사 전체의 기술 방향 제시", "en": "Setting the whole company's technical direction"}}
            levels.append(lv)
        levels[3]["years"] = {"min": 10, "max": 13}
        levels[4]["years"] = {"min": 13, "max": 16}
    _write(dest / "levels.yml", {"levels": levels})
    level_ids = [lv["id"] for lv in levels]
    seed_areas = [_load(p) for p in sorted((src / "competencies").glob("*.yml"))]
    n_items = 0
    for k in range(scale):
        sfx = "" if k == 0 else f"-c{k}"
        for a in seed_areas:
            area = {**a, "id": a["id"] + sfx, "number": a["number"] + 8 * k, "title": suffixed(a["title"], f" {k}" if k else "")}
            area["groups"] = [{**g, "id": g["id"] + sfx, "items": [{**it, "id": it["id"] + sfx} for it in g["items"]]}
                              for g in a["groups"]]
            n_items += sum(len(g["items"]) for g in area["groups"])
            _write(dest / "competencies" / f"{area['number']:03d}-{area['id']}.yml", area)
        for p in sorted((src / "interview").glob("*.yml")):
            topic = _load(p)
            topic["id"] += sfx
            for q in topic["questions"]:
                q["id"] += sfx
                q["items"] = [i + sfx for i in q["items"]]
                for f in q.get("follow_ups", []):
                    f["id"] += sfx
                    f["items"] = [i + sfx for i in f.get("items", [])]
            _write(dest / "interview" / f"{topic['id']}.yml", topic)
    base_role = _load(src / "roles" / "python-backend.yml")
    n_roles = roles_for(scale)
    for r in range(n_roles):
        k = r % scale
        sfx = "" if k == 0 else f"-c{k}"
        role = {**base_role, "id": base_role["id"] + (f"-{r}" if r else ""), "title": suffixed(base_role["title"], f" {r}" if r else ""),
                "areas": [a + sfx for a in base_role["areas"]]}
        role["levels"] = {lid: {**base_role["levels"][lid if lid in base_role["levels"] else "lead"],
                                "title": {"ko": f"{lid.capitalize()} 엔지니어 {r}", "en": f"{lid.capitalize()} Engineer {r}"}}
                          for lid in level_ids}
        _write(dest / "roles" / f"{role['id']}.yml", role)
    return {"levels": len(levels), "roles": n_roles, "areas": 8 * scale, "items": n_items}


def make_project(scale: int, dest: Path) -> dict[str, int]:
    """A whole MkDocs project (mkdocs.yml, docs/, synthetic framework/) using this checkout's code."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", dest / "docs")
    (dest / "macros").symlink_to(ROOT / "macros", target_is_directory=True)
    return make_framework(scale, dest / "framework")
