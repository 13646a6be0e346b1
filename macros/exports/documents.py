"""Machine-readable exports from the one model: the whole framework as JSON (with a JSON Schema),
one JSON per JD page, and the role × level × expectation matrix as CSV."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..core import escape
from ..core.audience import Audience
from ..core.framework import Framework
from ..core.model import (
    AreaFile,
    FamilyFile,
    FrameworkFile,
    InterviewFile,
    KpiDimension,
    Level,
    LevelsFile,
    RoadmapFile,
    RoleFile,
    Scale,
)
from ..core.text import Language
from ..site import urls
from ..site.edition import Edition
from ..site.pagekinds import Kind, src
from ..views.expectations import Expectations

FORMAT_VERSION: Literal[3] = 3
SCHEMA_NAME = "framework.schema.json"


class ExportDocument(BaseModel):
    """The whole framework: every file's content as validated, plus derived facts."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    schema_ref: str = Field(SCHEMA_NAME, alias="$schema")
    format: Literal["career-framework"] = "career-framework"
    format_version: Literal[3] = FORMAT_VERSION
    audience: Audience = Field(description="internal: everything, interview material included (for the team only); "
                                           "public: what candidates may see (nothing marked internal, no interview questions).")
    framework: FrameworkFile
    levels: LevelsFile | None = Field(None, description="The shared ladder (levels.yml), when there is one.")
    families: tuple[FamilyFile, ...] = ()
    kpis: tuple[KpiDimension, ...] = ()
    scales: tuple[Scale, ...] = ()
    roadmap: RoadmapFile | None = None
    areas: tuple[AreaFile, ...]
    roles: tuple[RoleFile, ...]
    interviews: tuple[InterviewFile, ...] = ()
    expected_levels: dict[str, str] = Field(description="Item id -> the level it is expected from (derived).")
    role_families: dict[str, str] = Field(description="Role id -> its family (derived).")


def export_document(fw: Framework, audience: Audience) -> ExportDocument:
    shared = next((ladder for ladder in fw.ladders if ladder.id == "shared"), None)
    levels = LevelsFile(levels=shared.levels, tracks=shared.tracks) if shared and shared.levels else None
    return ExportDocument(
        audience=audience, framework=fw.meta, levels=levels, families=tuple(f.file for f in fw.families if not f.implicit), kpis=fw.kpis,
        scales=fw.scales, roadmap=fw.roadmap, areas=fw.areas, roles=fw.roles, interviews=fw.interviews,
        expected_levels={p.id: p.level.id for p in fw.items()}, role_families=dict(fw.role_family_ids),
    )


def dumps(data: Any, *, compact: bool = False) -> str:
    """JSON as people read it (indented, for the CLI), or compact (the files published with the site: smaller,
    and written by json's C encoder, several times faster than the indented one)."""
    if compact:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def framework_json(fw: Framework, audience: Audience, *, compact: bool = False) -> str:
    """`career export --format json`: the whole framework as `audience` sees it (`fw` must have been loaded for that
    audience), versioned, pointing at its schema."""
    data = export_document(fw, audience).model_dump(mode="json", by_alias=True, exclude_none=True, exclude_defaults=False)
    return dumps(data, compact=compact)


@cache
def framework_schema(*, compact: bool = False) -> str:
    """The JSON Schema of `framework_json`'s document (made once per process: it follows the code only)."""
    schema = ExportDocument.model_json_schema(by_alias=True)
    return dumps({"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}, compact=compact)


def absolute(base_url: str | None, edition: Edition, src: str, anchor: str | None = None) -> str:
    """A page's URL in `edition`: absolute when the site's address is known, else site-absolute (`/roles/...`)."""
    return edition.absolute(base_url, urls.url(src, edition.directory_urls)) + (f"#{anchor}" if anchor else "")


def jd_data(fw: Framework, role: RoleFile, level: Level, base_url: str | None, edition: Edition,
            ex: Expectations | None = None) -> dict[str, Any]:
    """One JD page as data: what a hiring page or another tool needs, in the edition's language."""
    lang = edition.language
    ex = ex or Expectations(fw)
    jd = role.levels[level.id]
    focus = jd.focus or level.focus
    out: dict[str, Any] = {
        "role": role.id, "level": level.id, "language": lang, "title": jd.title.get(lang), "roleTitle": role.title.get(lang),
        "family": fw.role_family(role).id, "track": role.track,
        "url": absolute(base_url, edition, src(Kind.JD, role.id, level.id)),
        "overview": role.overview.get(lang),
        "duties": [d.get(lang) for d in jd.duties], "competencies": [c.get(lang) for c in jd.competencies],
        "items": [{"id": p.id, "title": p.item.title.get(lang), "area": p.area.id, "group": p.group.id,
                   "expectedFrom": p.level.id, "url": absolute(base_url, edition, src(Kind.AREA, p.area.id), p.id)}
                  for p in ex.items_upto(role, level.id)],
        "behaviours": [{"id": b.id, "competency": b.group.title.get(lang), "area": b.area.id, "level": b.level.id,
                        "text": b.behaviour.text.get(lang), "proficiency": b.behaviour.proficiency,
                        "url": absolute(base_url, edition, src(Kind.AREA, b.area.id), b.id)}
                       for b in ex.behaviours_at(role, level.id)],
        "kpis": [{"id": k.id, "title": k.title.get(lang), "metrics": [m.get(lang) for m in k.metrics]} for k in fw.role_kpis(role)],
        "stack": [{"category": s.category.get(lang), "tools": list(s.tools)} for s in role.stack],
    }
    if level.years is not None:
        out["years"] = level.years.model_dump(exclude_none=True)
    if level.years_label is not None:
        out["yearsLabel"] = level.years_label.get(lang)
    if focus is not None:
        out["focus"] = focus.get(lang)
    if level.impact is not None:
        out["impact"] = level.impact.get(lang)
    return out


def jd_json(fw: Framework, role: RoleFile, level: Level, base_url: str | None, edition: Edition,
            ex: Expectations | None = None, *, compact: bool = False) -> str:
    return dumps(jd_data(fw, role, level, base_url, edition, ex), compact=compact)


def checklist_index(fw: Framework, lang: Language = "ko") -> str:
    """Every checklist entry of the framework by id (titles as the checklists show them), for imports."""
    items = {p.id: p.item.title.get(lang) for p in fw.items()}
    items.update({b.id: f"{b.group.title.get(lang)}: {b.behaviour.text.get(lang)}" for b in fw.behaviours()})
    aliases = {a: p.id for p in fw.items() for a in p.item.aliases}
    return json.dumps({"format": "career-checklist-index", "framework": fw.meta.id, "version": fw.meta.version,
                       "items": items, "aliases": aliases}, ensure_ascii=False, separators=(",", ":")) + "\n"


CSV_HEADER = ("role", "level", "area", "group", "item_id", "item", "expected_from", "kind", "audience")


def csv_text(rows: Iterable[Sequence[str]]) -> str:
    """Rows as CSV the way every CSV of the project is written: UTF-8 with a BOM (so Excel reads Korean), CRLF,
    and every cell neutralised so that no spreadsheet reads it as a formula (`escape.csv_cell`)."""
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\r\n")
    out.writerows([escape.csv_cell(cell) for cell in row] for row in rows)
    return "\ufeff" + buf.getvalue()


def matrix_csv(fw: Framework, audience: Audience, lang: Language = "ko") -> str:
    """`career export --format csv`: one row per role × level × expectation: each item expected at or below
    that level, and each behaviour in force there; the last column names the audience the rows are for."""
    ex = Expectations(fw)

    def rows() -> Iterator[tuple[str, ...]]:
        yield CSV_HEADER
        for role in fw.roles:
            for level, _ in fw.role_levels(role):
                for p in ex.items_upto(role, level.id):
                    yield (role.id, level.id, p.area.title.get(lang), p.group.title.get(lang), p.id, p.item.title.get(lang),
                           p.level.id, "item", audience)
                for b in ex.behaviours_at(role, level.id):
                    yield (role.id, level.id, b.area.title.get(lang), b.group.title.get(lang), b.id,
                           b.behaviour.text.get(lang), b.level.id, "behaviour", audience)

    return csv_text(rows())
