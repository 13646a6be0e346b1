"""Machine-readable exports from the one model: the whole framework as JSON (with a JSON Schema),
one JSON per JD page, and the role × level × item matrix as CSV."""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from . import urls, views
from .framework import Framework
from .model import AreaFile, FrameworkFile, InterviewFile, KpiDimension, Level, RoadmapFile, RoleFile

FORMAT_VERSION = 1
SCHEMA_NAME = "framework.schema.json"


class ExportDocument(BaseModel):
    """The whole framework: every file's content as validated, plus derived expected levels."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    schema_ref: str = Field(SCHEMA_NAME, alias="$schema")
    format: Literal["career-framework"] = "career-framework"
    format_version: Literal[1] = FORMAT_VERSION
    framework: FrameworkFile
    levels: tuple[Level, ...]
    kpis: tuple[KpiDimension, ...]
    roadmap: RoadmapFile
    areas: tuple[AreaFile, ...]
    roles: tuple[RoleFile, ...]
    interviews: tuple[InterviewFile, ...] = ()
    expected_levels: dict[str, str] = Field(description="Item id -> the level it is expected from (derived).")


def export_document(fw: Framework) -> ExportDocument:
    return ExportDocument(
        framework=fw.meta, levels=fw.levels, kpis=fw.kpis, roadmap=fw.roadmap, areas=fw.areas, roles=fw.roles,
        interviews=fw.interviews, expected_levels={p.id: p.level.id for p in fw.items()},
    )


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def framework_json(fw: Framework) -> str:
    """`career export --format json`: the whole framework, versioned, pointing at its schema."""
    return _dumps(export_document(fw).model_dump(mode="json", by_alias=True, exclude_none=True))


def framework_schema() -> str:
    schema = ExportDocument.model_json_schema(by_alias=True)
    return _dumps({"$schema": "https://json-schema.org/draft/2020-12/schema", **schema})


def jd_data(fw: Framework, role: RoleFile, level: Level, base_url: str | None = None) -> dict[str, Any]:
    """One JD page as data: what a hiring page or another tool needs, in Korean."""
    jd = role.levels[level.id]
    absolute = (lambda src, anchor=None: (base_url or "").rstrip("/") + urls.url(src) + (f"#{anchor}" if anchor else ""))
    return {
        "role": role.id, "level": level.id, "title": jd.title.ko, "roleTitle": role.title.ko,
        "url": absolute(urls.jd(role.id, level.id)),
        "years": level.years.model_dump(exclude_none=True), "yearsLabel": level.years_label.ko,
        "overview": role.overview.ko, "focus": (jd.focus or level.focus).ko, "impact": level.impact.ko,
        "duties": [d.ko for d in jd.duties], "competencies": [c.ko for c in jd.competencies],
        "items": [{"id": p.id, "title": p.item.title.ko, "area": p.area.id, "group": p.group.id, "expectedFrom": p.level.id,
                   "url": absolute(urls.area(p.area.id), p.id)}
                  for p in views.role_items(fw, role.id) if fw.rank(p.level.id) <= fw.rank(level.id)],
        "kpis": [{"id": k.id, "title": k.title.ko, "metrics": [m.ko for m in k.metrics]} for k in fw.role_kpis(role)],
        "stack": [{"category": s.category.ko, "tools": [t.ko for t in s.tools]} for s in role.stack],
    }


def jd_json(fw: Framework, role: RoleFile, level: Level, base_url: str | None = None) -> str:
    return _dumps(jd_data(fw, role, level, base_url))


CSV_HEADER = ("role", "level", "area", "group", "item_id", "item", "expected_from")


def matrix_csv(fw: Framework) -> str:
    """`career export --format csv`: one row per role × level × item expected at or below that level.
    UTF-8 with a BOM so that Excel opens Korean text correctly."""
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\r\n")
    out.writerow(CSV_HEADER)
    for role in fw.roles:
        for level, _ in fw.role_levels(role):
            for p in views.role_items(fw, role.id):
                if fw.rank(p.level.id) <= fw.rank(level.id):
                    out.writerow((role.id, level.id, p.area.title.ko, p.group.title.ko, p.id, p.item.title.ko, p.level.id))
    return "\ufeff" + buf.getvalue()
