"""The typed, immutable shape of each framework file (one pydantic model per file kind)."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal, NamedTuple

from annotated_types import MaxLen
from pydantic import BaseModel, ConfigDict, Field, StrictInt, model_validator

from .shown import Noun, Shown
from .text import LIMITS, Icon, Language, Name, Paragraph, Slug, Text, Url, Version, at_most

RefKind = Literal["framework", "family", "level", "track", "kpi", "phase", "scale", "step", "area", "group", "item",
                  "behaviour", "question", "topic", "term", "role", "role-level"]


@dataclass(frozen=True)
class Refers:
    """Marks a field whose value names other entities by id (`kind`). The one declaration of a cross-file
    reference: the public build's filter reads it to drop what points at something it left out. `gone` says what
    happens to a single reference whose target is gone: `owner` drops the entity holding it, `none` empties it.
    Entries of a list (or keys of a mapping, with `keys`) pointing at a gone target always leave it."""

    kind: RefKind
    gone: Literal["owner", "none"] = "owner"
    keys: bool = False


class Strict(BaseModel):
    """Base for file models: unknown keys are errors, instances are immutable. `entity` names the kind of id
    a model defines (its `id` field); `noun` what one is called in a change report (core/shown.py: every
    field declares its own label with `Shown`); `needs_any` lists fields of which at least one must be non-empty."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False)
    entity: ClassVar[RefKind | None] = None
    noun: ClassVar[Noun | None] = None
    needs_any: ClassVar[tuple[str, ...]] = ()

    @model_validator(mode="after")
    def _has_any(self) -> Strict:
        if self.needs_any and not any(getattr(self, name) for name in self.needs_any):
            ident = getattr(self, "id", "")
            what = " or ".join(f"`{name}:`" for name in self.needs_any)
            kind = self.entity or type(self).__name__.lower()
            raise ValueError(f"{kind} '{ident}' needs {what} ({'or both' if len(self.needs_any) == 2 else 'any of them'})")
        return self


#: List limits (LIMITS in text.py; JSON Schemas carry them as maxItems): a list of texts or references in an
#: entity, a list of a file's entities, the levels of a ladder (or anything there is one of per level).
FEW, MANY, PER_LEVEL = MaxLen(LIMITS.entries), MaxLen(LIMITS.entities), MaxLen(LIMITS.levels)

Aliases = Annotated[tuple[Slug, ...], FEW, Shown("옛 id", "former ids", reads="id"),
                    Field(description="Former ids, kept so that old links still work.")]
Internal = Annotated[bool, Shown("내부 전용", "internal", reads="quiet"),
                     Field(description="true: shown only on the internal site, never in the public build.")]
StepRef = Annotated[Slug | None, Refers("step", gone="none"), Shown("숙련도", "proficiency", reads="ids"),
                    Field(description="A step of a proficiency scale (scales.yml).")]
FileLanguage = Annotated[Language | None, Shown("파일 언어", "file language", reads="quiet"),
                         Field(description="The language of plain strings in this file (ko or en).")]
#: What most models share, with how a change to it reads (core/shown.py).
Id = Annotated[Slug, Shown("id", "id", reads="id")]
Title = Annotated[Text, Shown("제목", "title", reads="title")]
Description = Annotated[Paragraph | None, Shown("설명", "description")]


class Link(Strict):
    """A further reading: a title and an https (or relative) address."""

    title: Title
    url: Annotated[Url, Shown("주소", "address", reads="value")]


# framework.yml ---------------------------------------------------------------------------------
class Organisation(Strict):
    name: Annotated[Text, Shown("이름", "name")]
    url: Annotated[Url | None, Shown("주소", "address", reads="value")] = None


class Vision(Strict):
    text: Annotated[Paragraph, Shown("문장", "text")]
    attribution: Annotated[Text | None, Shown("출처", "attribution")] = None


class FrameworkFile(Strict):
    """framework.yml: the framework's name, owner, default language, version and vision."""

    noun: ClassVar[Noun | None] = Noun("프레임워크", "framework", name="name")

    id: Id
    name: Annotated[Text, Shown("이름", "name", reads="title")]
    organisation: Annotated[Organisation, Shown("운영 조직", "organisation", reads="nested")]
    locale: Annotated[Language, Shown("기본 언어", "default language", reads="quiet")] = Field(
        "ko", description="The language of plain strings in every file, this one included (ko or en).")
    languages: Annotated[tuple[Language, ...] | None, Shown("사이트 언어", "site languages", reads="value")] = Field(
        None, description="The site's editions, the main one (served at /) first; default: the locale, and for Korean "
                          "an English edition too.", min_length=1, max_length=2)
    version: Annotated[Version | None, Shown("버전", "version", reads="value")] = Field(
        None, description="The data's version, shown in the footer and recorded with personal records.")
    vision: Annotated[Vision | None, Shown("비전", "vision", reads="nested")] = None
    description: Description = None


# ladders: levels.yml and a family's own ladder -------------------------------------------------
class Years(Strict):
    min: Annotated[StrictInt, Field(ge=0, le=60), Shown("하한", "minimum", reads="value")]
    max: Annotated[Annotated[StrictInt, Field(ge=0, le=60)] | None, Shown("상한", "maximum", reads="value")] = None


class Progression(Strict):
    """One row of the career progression table: from this level to the next."""

    focus: Annotated[Text, Shown("역할 초점", "focus")]
    goal: Annotated[Text, Shown("전환 목표", "goal")]


class Level(Strict):
    """A rung of a ladder. Only `id` and `title` are required."""

    entity: ClassVar[RefKind | None] = "level"
    noun: ClassVar[Noun | None] = Noun("레벨", "level")

    id: Id
    title: Title
    years: Annotated[Years | None, Shown("연차", "years", reads="nested")] = None
    years_label: Annotated[Text | None, Shown("연차 표기", "years label")] = None
    focus: Annotated[Text | None, Shown("역할 초점", "focus")] = None
    impact: Annotated[Text | None, Shown("역할 가치", "impact")] = None
    description: Description = None
    progression: Annotated[Progression | None, Shown("성장 경로", "progression", reads="nested")] = None
    aliases: Aliases = ()
    internal: Internal = False


Levels = Annotated[tuple[Level, ...], Field(min_length=1), PER_LEVEL, Shown("레벨", "levels", reads="entities")]


class Track(Strict):
    """A branch of a ladder (e.g. individual contributor or people manager): levels that continue
    above the ladder's shared levels."""

    entity: ClassVar[RefKind | None] = "track"
    noun: ClassVar[Noun | None] = Noun("트랙", "track")

    id: Id
    title: Title
    description: Description = None
    levels: Levels
    internal: Internal = False


class LadderStep(NamedTuple):
    """A level on a ladder: its track (None for a shared level), its rank on its path and where it is written
    (below the ladder)."""

    level: Level
    track: Track | None
    rank: int
    loc: tuple[str | int, ...]


def ladder_steps(levels: tuple[Level, ...], tracks: tuple[Track, ...]) -> Iterator[LadderStep]:
    """Every level of a ladder, the shared ones first, then each track's (the one walk over a ladder's levels)."""
    for i, lv in enumerate(levels):
        yield LadderStep(lv, None, i, ("levels", i))
    for ti, t in enumerate(tracks):
        for i, lv in enumerate(t.levels):
            yield LadderStep(lv, t, len(levels) + i, ("tracks", ti, "levels", i))


def ladder_paths(levels: tuple[Level, ...], tracks: tuple[Track, ...]) -> tuple[tuple[Track | None, tuple[Level, ...]], ...]:
    """Each way up a ladder: (track, levels lowest first); (None, levels) when it has no tracks."""
    if not tracks:
        return ((None, levels),)
    return tuple((t, levels + t.levels) for t in tracks)


class Ladder(Strict):
    """Levels, lowest first, shared by every track; tracks continue above them."""

    levels: Levels
    tracks: Annotated[tuple[Track, ...], PER_LEVEL, Shown("트랙", "tracks", reads="entities"), at_most(
        LIMITS.levels, "the ladder has {n:,} levels, its shared levels and its tracks' together; the limit is {limit:,}",
        lambda tracks, fields: len(fields.get("levels", ())) + sum(len(t.levels) for t in tracks))] = ()

    def steps(self) -> Iterator[LadderStep]:
        return ladder_steps(self.levels, self.tracks)

    def paths(self) -> tuple[tuple[Track | None, tuple[Level, ...]], ...]:
        return ladder_paths(self.levels, self.tracks)


class LevelsFile(Ladder):
    """levels.yml: the shared ladder, used by every family that does not define its own."""

    language: FileLanguage = None


# families/<family>.yml -------------------------------------------------------------------------
class Legacy(Strict):
    """A family kept for reference: why, and the family that replaces it."""

    successor: Annotated[Slug | None, Refers("family", gone="none"), Shown("후속 직군", "successor", reads="ids")] = None
    note: Annotated[Paragraph | None, Shown("안내", "note", reads="text")] = None


class FamilyFile(Strict):
    """families/<family>.yml: a job family with its own ladder (or the shared one) and competency areas."""

    entity: ClassVar[RefKind | None] = "family"
    noun: ClassVar[Noun | None] = Noun("직군", "job family")

    id: Id
    title: Title
    description: Description = None
    language: FileLanguage = None
    ladder: Annotated[Ladder | None, Shown("직군의 레벨 체계", "own ladder", reads="entities")] = Field(
        None, description="The family's own ladder; the shared levels.yml when omitted.")
    areas: Annotated[tuple[Slug, ...] | None, Refers("area"), Shown("역량 영역", "competency areas", reads="ids")] = Field(
        None, description="Competency areas of the family (an area may belong to several); all on its ladder when omitted.")
    order: Annotated[StrictInt | None, Field(ge=0, le=9999), Shown("순서", "order", reads="value")] = Field(
        None, description="Where the family is listed (lowest first); families without an order follow, by id.")
    default: Annotated[bool, Shown("기본 직군", "default family", reads="value")] = Field(
        False, description="The family listed first, whose checklist is /checklist/.")
    legacy: Annotated[Legacy | None, Shown("이전 직군", "legacy", reads="nested")] = Field(
        None, description="The family is kept for reference only: its pages say so and point to its successor.")
    links: Annotated[tuple[Link, ...], FEW, Shown("직군 링크", "family link", reads="entries")] = ()
    aliases: Aliases = ()
    internal: Internal = False


# kpis.yml --------------------------------------------------------------------------------------
class KpiDimension(Strict):

    entity: ClassVar[RefKind | None] = "kpi"
    noun: ClassVar[Noun | None] = Noun("평가 항목", "KPI")

    id: Id
    title: Title
    metrics: Annotated[tuple[Text, ...], Field(min_length=1), FEW, Shown("평가 지표", "KPI metric", reads="entries", entry="kpi-metric")]
    description: Description = None
    internal: Internal = False


class KpisFile(Strict):
    """kpis.yml: performance dimensions with example metrics."""

    language: FileLanguage = None
    dimensions: Annotated[tuple[KpiDimension, ...], Field(min_length=1), MANY, Shown("평가 항목", "KPIs", reads="entities")]


# scales.yml ------------------------------------------------------------------------------------
class ScaleStep(Strict):

    entity: ClassVar[RefKind | None] = "step"
    noun: ClassVar[Noun | None] = Noun("숙련도 단계", "proficiency step")

    id: Id
    title: Title
    description: Annotated[Paragraph, Shown("설명", "description")]


class Scale(Strict):
    """A proficiency scale: named steps, lowest first, that items and behaviours may cite."""

    entity: ClassVar[RefKind | None] = "scale"
    noun: ClassVar[Noun | None] = Noun("숙련도 척도", "proficiency scale")

    id: Id
    title: Title
    description: Description = None
    steps: Annotated[tuple[ScaleStep, ...], Field(min_length=2), FEW, Shown("단계", "steps", reads="entities")]


class ScalesFile(Strict):
    """scales.yml: proficiency scales (e.g. Awareness, Working, Practitioner, Expert)."""

    language: FileLanguage = None
    scales: Annotated[tuple[Scale, ...], Field(min_length=1), FEW, Shown("숙련도 척도", "scales", reads="entities")]


# glossary.yml ----------------------------------------------------------------------------------
class GlossaryTerm(Strict):
    """A term with the other ways readers write it: a Korean transliteration, an abbreviation, a spelling."""

    entity: ClassVar[RefKind | None] = "term"
    noun: ClassVar[Noun | None] = Noun("용어", "glossary term", name="term")

    id: Id
    term: Annotated[Name, Shown("용어", "term", reads="title")]
    variants: Annotated[tuple[Name, ...], Field(min_length=1, description="Other forms of the term: spellings, "
                                                                         "transliterations, abbreviations (k8s, ...)"), FEW,
                        Shown("용어의 다른 표기", "term variant", reads="entries")]
    description: Description = None


class GlossaryFile(Strict):
    """glossary.yml: terms and their variants; search finds a page by any form of a term it mentions."""

    language: FileLanguage = None
    terms: Annotated[tuple[GlossaryTerm, ...], Field(min_length=1), MaxLen(LIMITS.terms), Shown("용어", "terms", reads="entities")]


# roadmap.yml -----------------------------------------------------------------------------------
class PhaseStep(Strict):
    title: Title
    groups: Annotated[tuple[Slug, ...], Refers("group"), FEW, Shown("역량 그룹", "competency groups", reads="ids")] = ()


class Phase(Strict):

    entity: ClassVar[RefKind | None] = "phase"
    noun: ClassVar[Noun | None] = Noun("로드맵 단계", "roadmap phase")

    id: Id
    title: Title
    level: Annotated[Slug, Refers("level"), Shown("레벨", "level", reads="ids")]
    steps: Annotated[tuple[PhaseStep, ...], Field(min_length=1), FEW, Shown("로드맵 단계의 할 일", "roadmap step", reads="entries")]


class RoadmapFile(Strict):
    """roadmap.yml: the learning roadmap's framing text and its phases."""

    noun: ClassVar[Noun | None] = Noun("로드맵", "roadmap")

    language: FileLanguage = None
    family: Annotated[Slug | None, Refers("family"), Shown("직군", "job family", reads="ids")] = Field(
        None, description="The family whose checklist is the roadmap (the first when omitted).")
    title: Title
    intro: Annotated[tuple[Paragraph, ...], FEW, Shown("로드맵 소개 문단", "roadmap intro paragraph", reads="entries")] = ()
    phases: Annotated[tuple[Phase, ...], FEW, Shown("로드맵 단계", "phases", reads="entities")] = ()
    next_steps: Annotated[Paragraph | None, Shown("다음 단계", "next steps")] = None
    resources: Annotated[Paragraph | None, Shown("참고 자료", "resources")] = None
    closing: Annotated[Text | None, Shown("맺음말", "closing")] = None


# competencies/*.yml ----------------------------------------------------------------------------
class Item(Strict):
    """A checklist item: expected from its level onward (it accumulates up the ladder)."""

    entity: ClassVar[RefKind | None] = "item"
    noun: ClassVar[Noun | None] = Noun("역량 항목", "competency item")

    id: Id
    title: Title
    level: Annotated[Slug | None, Refers("level"), Shown("기대 레벨", "expected level", reads="level")] = Field(
        None, description="Level the item is expected from; defaults to the group's.")
    description: Description = Field(None, description="What someone at the item's level can do or explain.")
    proficiency: StepRef = None
    examples: Annotated[tuple[Text, ...], FEW, Shown("항목 예시", "item example", reads="entries")] = ()
    links: Annotated[tuple[Link, ...], FEW, Shown("항목 링크", "item link", reads="entries")] = ()
    keywords: Annotated[tuple[Name, ...], FEW, Shown("항목 키워드", "item keyword", reads="entries")] = ()
    aliases: Aliases = ()
    internal: Internal = False


class Behaviour(Strict):
    """What a competency looks like at one level. A higher level's behaviour replaces the lower one."""

    entity: ClassVar[RefKind | None] = "behaviour"  # when it has an id of its own
    noun: ClassVar[Noun | None] = Noun("행동 기준", "behaviour", name="text")

    id: Annotated[Slug | None, Shown("id", "id", reads="id")] = Field(
        None, description="A stable id for links to this statement; `<group>--<level>` when omitted.")
    level: Annotated[Slug, Refers("level"), Shown("레벨", "level", reads="id")]
    text: Annotated[Paragraph, Shown("문장", "statement", reads="statement")]
    proficiency: StepRef = None
    examples: Annotated[tuple[Text, ...], FEW, Shown("행동 기준 예시", "behaviour example", reads="entries")] = ()
    links: Annotated[tuple[Link, ...], FEW, Shown("행동 기준 링크", "behaviour link", reads="entries")] = ()
    aliases: Aliases = ()
    internal: Internal = False


class Group(Strict):
    """A competency: checklist items (cumulative) and/or one behaviour per level (replacing)."""

    implicit: ClassVar[bool] = False  # see OwnGroup

    entity: ClassVar[RefKind | None] = "group"
    noun: ClassVar[Noun | None] = Noun("역량 그룹", "competency group")
    needs_any: ClassVar[tuple[str, ...]] = ("items", "behaviours")

    id: Id
    title: Title
    description: Description = None
    level: Annotated[Slug | None, Refers("level", gone="none"), Shown("기대 레벨", "expected level", reads="level")] = Field(
        None, description="Default level for the group's items.")
    items: Annotated[tuple[Item, ...], MANY, Shown("역량 항목", "items", reads="entities")] = ()
    behaviours: Annotated[tuple[Behaviour, ...], PER_LEVEL, Shown("행동 기준", "behaviours", reads="entities")] = ()
    examples: Annotated[tuple[Text, ...], FEW, Shown("그룹 예시", "group example", reads="entries")] = ()
    links: Annotated[tuple[Link, ...], FEW, Shown("그룹 링크", "group link", reads="entries")] = ()
    aliases: Aliases = ()
    internal: Internal = False


class AreaFile(Strict):
    """competencies/NN-<area>.yml (or <area>.yml): one competency area with its groups, or with items and
    behaviours of its own when it needs no groups."""

    entity: ClassVar[RefKind | None] = "area"
    needs_any: ClassVar[tuple[str, ...]] = ("groups", "items", "behaviours")
    noun: ClassVar[Noun | None] = Noun("역량 영역", "competency area")

    id: Id
    number: Annotated[StrictInt | None, Field(ge=1, le=9999), Shown("번호", "number", reads="value")] = Field(
        None, description="The area's number, shown before its title and used for its order (optional).")
    language: FileLanguage = None
    family: Annotated[Slug | None, Refers("family"), Shown("직군", "job family", reads="ids")] = Field(
        None, description="The one job family the area belongs to: needed only when another family has an area of the "
                          "same id (the file is then named after `<family>-<id>`).")
    icon: Annotated[Icon | None, Shown("아이콘", "icon", reads="value")] = None
    title: Title
    description: Description = None
    examples: Annotated[tuple[Text, ...], FEW, Shown("영역 예시", "area example", reads="entries")] = ()
    links: Annotated[tuple[Link, ...], FEW, Shown("영역 링크", "area link", reads="entries")] = ()
    level: Annotated[Slug | None, Refers("level", gone="none"), Shown("기본 레벨", "default level", reads="ids")] = Field(
        None, description="Default level of the items written directly in the area (without a group).")
    items: Annotated[tuple[Item, ...], MANY, Shown("역량 항목", "items", reads="entities")] = Field(
        (), description="Items directly in the area, when it has no groups of its own.")
    behaviours: Annotated[tuple[Behaviour, ...], PER_LEVEL, Shown("행동 기준", "behaviours", reads="entities")] = Field(
        (), description="Behaviours directly in the area, one per level, when it has no groups of its own.")
    groups: Annotated[tuple[Group, ...], MANY, Shown("역량 그룹", "groups", reads="entities"), at_most(
        LIMITS.entities, "the area has {n:,} groups, items and behaviours; the limit is {limit:,} in one file: "
                         "split it into two areas",
        lambda groups, fields: len(fields.get("items", ())) + len(fields.get("behaviours", ()))
        + sum(1 + len(g.items) + len(g.behaviours) for g in groups))] = ()
    aliases: Aliases = ()
    internal: Internal = False


class OwnGroup(Group):
    """The group an area's own items and behaviours form when it has no groups of its own (it takes the area's id
    and title; pages show it without a heading of its own)."""

    implicit: ClassVar[bool] = True


def area_groups(area: AreaFile) -> Iterator[tuple[tuple[str | int, ...], Group]]:
    """An area's groups with where each is written: its own items and behaviours first, as a group at `()` (see
    OwnGroup), then `groups:`."""
    if area.items or area.behaviours:
        yield (), OwnGroup.model_construct(id=area.id, title=area.title, description=None, level=area.level, items=area.items,
                                           behaviours=area.behaviours, examples=(), links=(), aliases=(), internal=False)
    for gi, g in enumerate(area.groups):
        yield ("groups", gi), g


# roles/*.yml -----------------------------------------------------------------------------------
class StackCategory(Strict):
    id: Id
    category: Annotated[Text, Shown("분류", "category", reads="title")]
    tools: Annotated[tuple[Name, ...], Field(min_length=1, description="Tool and product names, shown as written."), FEW,
                     Shown("도구", "tool", reads="entries")]


class RoleLevel(Strict):
    """What a role asks at one level: the JD's duties and core competencies."""

    noun: ClassVar[Noun | None] = Noun("직무 레벨", "role level")

    title: Title
    duties: Annotated[tuple[Text, ...], FEW, Shown("주요 업무", "duty", reads="entries", entry="duty")] = ()
    competencies: Annotated[tuple[Text, ...], FEW, Shown("핵심 역량", "core competency", reads="entries", entry="competency")] = ()
    focus: Annotated[Text | None, Shown("역할 초점", "focus")] = Field(None, description="Overrides the level's focus for this role.")
    must_have: Annotated[tuple[Slug, ...], Refers("item"), MANY, Shown("채용 시 필요한 항목", "needed at hire", reads="ids")] = Field(
        (), description="Items a hire at this level already shows (the JD's 'needed at hire'; each expected at or below this "
                        "level); the items this level adds that are not listed are what one grows into. When omitted, what the "
                        "levels below expect is needed at hire.")
    internal: Internal = False


class RoleFile(Strict):
    """roles/<role>.yml: one role's JD, per level of its family's ladder."""

    entity: ClassVar[RefKind | None] = "role"
    noun: ClassVar[Noun | None] = Noun("직무", "role")

    id: Id
    language: FileLanguage = None
    family: Annotated[Slug | None, Refers("family"), Shown("직군", "job family", reads="ids")] = Field(
        None, description="The job family; may be omitted when there is only one.")
    track: Annotated[Slug | None, Refers("track", gone="none"), Shown("트랙", "track", reads="ids")] = Field(
        None, description="The ladder's track the role follows above the shared levels.")
    title: Title
    subtitle: Annotated[Text | None, Shown("부제", "subtitle")] = None
    overview: Annotated[Paragraph, Shown("개요", "overview")]
    areas: Annotated[tuple[Slug, ...] | None, Refers("area"), Shown("역량 영역", "competency areas", reads="ids")] = Field(
        None, description="Competency areas used; the family's when omitted.")
    kpis: Annotated[tuple[Slug, ...] | None, Refers("kpi"), MANY, Shown("평가 항목", "KPIs", reads="ids")] = Field(
        None, description="KPI dimensions used; all when omitted.")
    stack: Annotated[tuple[StackCategory, ...], FEW, Shown("기술 스택 분류", "stack category", reads="entries")] = ()
    levels: Annotated[dict[Slug, RoleLevel], Field(min_length=1), Refers("level", keys=True), PER_LEVEL,
                      Shown("레벨별 JD", "levels", reads="entities")]
    aliases: Aliases = ()
    internal: Internal = False


class Quote:
    """Marks a field that quotes a document word for word: it stays in its own language, never translated."""


QUOTE = Quote()


# interview/*.yml --------------------------------------------------------------------------------
ListenFor = Annotated[
    tuple[Text, ...],
    Field(min_length=2, max_length=4, description="2-4 short points an interviewer listens for."),
    Shown("평가 포인트", "listen-for point", reads="entries", entry="listen-for"),
]
Source = Annotated[Text | None, QUOTE, Shown("원문", "original wording")]
Asked = Annotated[Text, Shown("질문", "question")]


class FollowUp(Strict):
    """A follow-up question; it probes its parent's items unless it names its own."""

    entity: ClassVar[RefKind | None] = "question"
    noun: ClassVar[Noun | None] = Noun("면접 질문", "interview question", name="question")

    id: Id
    question: Asked
    source: Source = Field(None, description="The original wording when `question` was reworded.")
    items: Annotated[tuple[Slug, ...], Refers("item"), FEW, Shown("연결된 항목", "linked items", reads="ids")] = ()
    listen_for: ListenFor


class Question(Strict):
    entity: ClassVar[RefKind | None] = "question"
    noun: ClassVar[Noun | None] = Noun("면접 질문", "interview question", name="question")
    needs_any: ClassVar[tuple[str, ...]] = ("items", "groups")

    id: Id
    question: Asked
    source: Source = Field(None, description="The original wording when `question` was reworded.")
    levels: Annotated[tuple[Slug, ...], Field(min_length=1, description="Levels the question suits."), Refers("level"), PER_LEVEL,
                      Shown("레벨", "levels", reads="ids")]
    items: Annotated[tuple[Slug, ...], Refers("item"), FEW, Shown("연결된 항목", "linked items", reads="ids")] = Field(
        (), description="Competency items the question probes.")
    groups: Annotated[tuple[Slug, ...], Refers("group"), FEW, Shown("연결된 역량", "linked competencies", reads="ids")] = Field(
        (), description="Competencies (groups with behaviours) the question probes.")
    listen_for: ListenFor
    follow_ups: Annotated[tuple[FollowUp, ...], FEW, Shown("꼬리 질문", "follow-ups", reads="entities")] = ()


class InterviewFile(Strict):
    """interview/<topic>.yml: questions of one topic, each with its follow-up chain in order."""

    entity: ClassVar[RefKind | None] = "topic"
    noun: ClassVar[Noun | None] = Noun("면접 주제", "interview topic")

    id: Id
    language: FileLanguage = None
    category: Annotated[Literal["technical", "collaboration", "growth"], Shown("분류", "category", reads="value")]
    title: Title
    questions: Annotated[tuple[Question, ...], Field(min_length=1), MANY, Shown("면접 질문", "questions", reads="entities"), at_most(
        LIMITS.entities, "the topic has {n:,} questions and follow-ups; the limit is {limit:,} in one file: split it into two topics",
        lambda questions, _: sum(1 + len(q.follow_ups) for q in questions))]
