"""Personal records: the file format readers keep in their browser and send each other, and the data the record
pages read from the site (what each role expects at each level, in this edition's language).

Records never reach the build: the site publishes only the framework's side of them. The format below is the one
place it is defined: the JSON Schema published with the internal site (`/api/records/record.schema.json`) is made
from these models, the record pages (macros/site/theme/assets/records.js) validate files by the same rules, and the tests check
files the browser writes against the schema.
"""
from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic.config import JsonDict

from ..core.framework import Framework, behaviour_id
from ..core.model import Level, RoleFile
from ..core.text import LANGUAGES, LIMITS, SLUG_PATTERN
from ..site import urls
from ..site.edition import Edition
from ..site.pagekinds import Kind, src
from ..views.expectations import Expectations

RECORD_FORMAT: Literal["career-framework-records"] = "career-framework-records"
RECORD_VERSION: Literal[2] = 2
#: An expectation a record rates: an item or a behaviour (`<group>--<level>`) by its id, a role level's duty or core
#: competency by its place (`duty:<level>:<n>`, from 1), a KPI dimension (`kpi:<id>`).
EXPECTATION_ID = r"^(?:(?:duty|competency):[a-z0-9]+(?:-[a-z0-9]+)*:[1-9][0-9]{0,3}|kpi:[a-z0-9]+(?:-[a-z0-9]+)*|" \
                 r"[a-z0-9]+(?:-[a-z0-9]+)*(?:--[a-z0-9]+(?:-[a-z0-9]+)*)?)$"
RECORD_ID = r"^[a-z0-9][a-z0-9-]{0,63}$"
#: A link: http(s), or a path on the same site (no scheme, never `//host`).
LINK = r"^(https?://[^\s]+|/|/[^\s:/\\][^\s:\\]*|[^\s:/\\][^\s:\\]*)?$"  # no backslash: a browser reads it as /
DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
STAMP = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z$"
Status = Literal["not-yet", "working", "met", "not-met"]
Rater = Literal["self", "manager", "peer"]
#: Most entries a record holds (a role at its top level expects a few hundred things at 50x the seed) and most records
#: one file holds (a team).
MAX_ENTRIES, MAX_RECORDS, MAX_EVIDENCE = 5_000, 200, 20


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Evidence(_Strict):
    """A piece of evidence: a link (https or relative) with a title and the date it is from."""

    title: Annotated[str, Field(min_length=1, max_length=LIMITS.line)]
    url: Annotated[str, Field(max_length=2_000, pattern=LINK)] = ""
    date: Annotated[str, Field(pattern=DATE)] | None = None


#: "not met" is always explained (the schema says it with if/then, the model with a validator, the pages by refusing
#: to store the status without it).
_EXPLAINED: JsonDict = {"if": {"properties": {"status": {"const": "not-met"}}, "required": ["status"]},
              "then": {"properties": {"explanation": {"pattern": r"\S"}}, "required": ["explanation"]}}


class Entry(_Strict):
    """One rater's view of one expectation. `wording` is the expectation's text when it was rated (so a later
    framework can say "changed since you assessed"); `explanation` says why, for "not met" (required there)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, json_schema_extra=_EXPLAINED)

    status: Status
    explanation: Annotated[str, Field(max_length=LIMITS.paragraph)] = ""
    note: Annotated[str, Field(max_length=LIMITS.paragraph)] = ""
    evidence: Annotated[list[Evidence], Field(max_length=MAX_EVIDENCE)] = []
    wording: Annotated[str, Field(max_length=LIMITS.paragraph)] = ""
    updated: Annotated[str, Field(pattern=STAMP)] | None = None

    @model_validator(mode="after")
    def _explained(self) -> Entry:
        if self.status == "not-met" and not self.explanation.strip():
            raise ValueError("a status 'not-met' needs an explanation")
        return self


class FrameworkRef(_Strict):
    id: Annotated[str, Field(pattern=SLUG_PATTERN)]
    version: Annotated[str, Field(max_length=64)]


class Record(_Strict):
    """A person's record for a role: where they are (`level`), where they aim (`target`), who rates (`rater`), against
    which framework, and per expectation that rater's entry."""

    id: Annotated[str, Field(pattern=RECORD_ID)]
    person: Annotated[str, Field(min_length=1, max_length=LIMITS.name)]
    role: Annotated[str, Field(pattern=SLUG_PATTERN)]
    level: Annotated[str, Field(pattern=SLUG_PATTERN)]
    target: Annotated[str, Field(pattern=SLUG_PATTERN)] | None = None
    rater: Rater
    rater_name: Annotated[str, Field(max_length=LIMITS.name, alias="raterName")] = ""
    framework: FrameworkRef
    created: Annotated[str, Field(pattern=STAMP)]
    updated: Annotated[str, Field(pattern=STAMP)]
    # an entry's id must match (JSON Schema: patternProperties with nothing else allowed)
    entries: Annotated[dict[Annotated[str, Field(pattern=EXPECTATION_ID)], Entry],
                       Field(max_length=MAX_ENTRIES, json_schema_extra={"additionalProperties": False})] = {}


class RecordFile(_Strict):
    """A file of records (one, a self and a manager record side by side, or a team). Version 1 was the checklist
    export (`career-framework-checklist`); the record pages read it too and migrate it."""

    schema_ref: str = Field("record.schema.json", alias="$schema")
    format: Literal["career-framework-records"] = RECORD_FORMAT
    version: Literal[2] = RECORD_VERSION
    exported: Annotated[str, Field(pattern=STAMP)]
    records: Annotated[list[Record], Field(min_length=1, max_length=MAX_RECORDS)]


def record_schema() -> str:
    schema = RecordFile.model_json_schema(by_alias=True)
    return json.dumps({"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}, ensure_ascii=False,
                      separators=(",", ":")) + "\n"


# what the record pages read ---------------------------------------------------------------------------------
def expectation_id(kind: Literal["duty", "competency"], level_id: str, n: int) -> str:
    return f"{kind}:{level_id}:{n}"


def _path(edition: Edition, kind: Kind, *ids: str, anchor: str | None = None) -> str:
    """A page's address from the edition's root, without a leading slash (the record pages join it to their root,
    so the site may live below a sub-path)."""
    return urls.url(src(kind, *ids), edition.directory_urls).lstrip("/") + (f"#{anchor}" if anchor else "")


def expectations(fw: Framework, role: RoleFile, level: Level, ex: Expectations, edition: Edition) -> list[dict[str, Any]]:
    """Everything `role` expects at `level`, each with its id, kind, text and where it is defined (`path`), in the
    order a promotion packet shows them: duties, core competencies, behaviours in force, items (by area), KPIs."""
    lang, jd = edition.language, role.levels[level.id]
    out: list[dict[str, Any]] = [{"id": expectation_id("duty", level.id, i), "kind": "duty", "title": d.get(lang)}
                                 for i, d in enumerate(jd.duties, 1)]
    out += [{"id": expectation_id("competency", level.id, i), "kind": "competency", "title": c.get(lang)}
            for i, c in enumerate(jd.competencies, 1)]
    out += [{"id": b.id, "kind": "behaviour", "area": b.area.id, "group": b.group.id, "title": b.behaviour.text.get(lang),
             "competency": b.group.title.get(lang), "from": b.level.id, "path": _path(edition, Kind.AREA, b.area.id, anchor=b.id)}
            for b in ex.behaviours_at(role, level.id)]
    out += [{"id": p.id, "kind": "item", "area": p.area.id, "group": p.group.id, "title": p.item.title.get(lang),
             "from": p.level.id, "path": _path(edition, Kind.AREA, p.area.id, anchor=p.id)}
            for p in ex.items_upto(role, level.id)]
    out += [{"id": f"kpi:{k.id}", "kind": "kpi", "title": k.title.get(lang), "metrics": [m.get(lang) for m in k.metrics]}
            for k in fw.role_kpis(role)]
    return out


def _text(value: Any, lang: Any) -> str | None:
    return None if value is None else str(value.get(lang))


def role_level_data(fw: Framework, role: RoleFile, level: Level, ex: Expectations, edition: Edition) -> dict[str, Any]:
    """`/api/records/<role>/<level>.json`: what the role expects at the level, with its areas' names, and how the
    framework frames the level (its focus and impact, and the progression row to the next level: what a promotion
    packet leads with)."""
    lang = edition.language
    areas = [{"id": a.id, "title": a.title.get(lang), "icon": a.icon or ""} for a in fw.role_areas(role)]
    ladder = [lv for lv, _ in fw.role_levels(role)]
    rank = ladder.index(level)
    progression = level.progression
    return {"format": "career-framework-expectations", "framework": {"id": fw.meta.id, "version": fw.meta.version},
            "language": lang, "role": role.id, "roleTitle": role.title.get(lang), "level": level.id, "rank": rank,
            "levelTitle": level.title.get(lang), "title": role.levels[level.id].title.get(lang),
            "next": ladder[rank + 1].id if rank + 1 < len(ladder) else None,
            "focus": _text(level.focus, lang), "impact": _text(level.impact, lang),
            "progression": {"focus": _text(progression.focus, lang), "goal": _text(progression.goal, lang)} if progression else None,
            "areas": areas, "jd": _path(edition, Kind.JD, role.id, level.id),
            "expectations": expectations(fw, role, level, ex, edition)}


def records_index(fw: Framework, ex: Expectations, edition: Edition) -> dict[str, Any]:
    """`/api/records/index.json`: the roles and their levels (lowest first, `rank` from 0) for the record pages'
    choices; per role every expectation's current wording by id, in this edition's language first and then in the
    others where they differ (a record rated in another edition is not "changed"), to say what changed since a record
    was made, whatever its levels; and the old ids of renamed items and competencies (a record made before a rename
    follows it)."""
    lang = edition.language
    others = [x for x in LANGUAGES if x != lang]
    roles = [{"id": r.id, "title": r.title.get(lang),
              "levels": [{"id": lv.id, "title": jd.title.get(lang), "level": lv.title.get(lang), "rank": i}
                         for i, (lv, jd) in enumerate(fw.role_levels(r))]}
             for r in fw.roles]
    wording: dict[str, dict[str, list[str]]] = {}
    for r in fw.roles:
        own = wording.setdefault(r.id, {})
        for lv, _ in fw.role_levels(r):
            here = expectations(fw, r, lv, ex, edition)
            there = [expectations(fw, r, lv, ex, Edition(x, edition.languages, edition.audience, edition.directory_urls))
                     for x in others]
            for i, e in enumerate(here):
                if e["id"] not in own:
                    texts = [e["title"]] + [t[i]["title"] for t in there]
                    own[e["id"]] = list(dict.fromkeys(texts))
    return {"format": "career-framework-records-index", "framework": {"id": fw.meta.id, "version": fw.meta.version},
            "language": lang, "roles": roles, "wording": wording, "aliases": record_aliases(fw)}


def record_aliases(fw: Framework) -> dict[str, str]:
    """The old ids of expectations renamed since (old id -> id): items' and named behaviours' aliases; a behaviour
    without an id of its own follows its group's and its level's aliases; a duty or core competency (named by its
    level and place) follows its level's."""
    olds = {lv.id: (lv.id, *lv.aliases) for lv in fw.levels}
    aliases = {a: p.id for p in fw.items() for a in p.item.aliases}
    for b in fw.behaviours():
        if b.behaviour.id:
            aliases.update(dict.fromkeys(b.behaviour.aliases, b.id))
        else:
            aliases.update({behaviour_id(g, lv): b.id for g in (b.group.id, *b.group.aliases) for lv in olds.get(b.level.id, ())})
    for role in fw.roles:
        for level, _ in fw.role_levels(role):
            jd = role.levels[level.id]
            for old in level.aliases:
                aliases.update({expectation_id("duty", old, n): expectation_id("duty", level.id, n)
                                for n in range(1, len(jd.duties) + 1)})
                aliases.update({expectation_id("competency", old, n): expectation_id("competency", level.id, n)
                                for n in range(1, len(jd.competencies) + 1)})
    return {old: new for old, new in aliases.items() if old != new}


def api_files(fw: Framework, ex: Expectations, edition: Edition) -> list[tuple[str, str]]:
    """The files the record pages read, under /api/records/ (internal builds only: records are for the team)."""
    def dumps(data: Any) -> str:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"

    out = [("api/records/index.json", dumps(records_index(fw, ex, edition))), ("api/records/record.schema.json", record_schema())]
    for role in fw.roles:
        for level, _ in fw.role_levels(role):
            out.append((f"api/records/{role.id}/{level.id}.json", dumps(role_level_data(fw, role, level, ex, edition))))
    return out
