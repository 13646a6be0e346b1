"""The typed, immutable shape of each framework file (one pydantic model per file kind)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal

from annotated_types import MaxLen
from pydantic import BaseModel, ConfigDict, Field, StrictInt, model_validator

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
    a model defines (its `id` field); `needs_any` lists fields of which at least one must be non-empty."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False)
    entity: ClassVar[RefKind | None] = None
    needs_any: ClassVar[tuple[str, ...]] = ()

    @model_validator(mode="after")
    def _has_any(self) -> Strict:
        if self.needs_any and not any(getattr(self, name) for name in self.needs_any):
            ident = getattr(self, "id", "")
            what = " or ".join(f"`{name}:`" for name in self.needs_any)
            raise ValueError(f"{type(self).__name__.lower()} '{ident}' needs {what} (or both)")
        return self


#: List limits (LIMITS in text.py; JSON Schemas carry them as maxItems): a list of texts or references in an
#: entity, a list of a file's entities, the levels of a ladder (or anything there is one of per level).
FEW, MANY, PER_LEVEL = MaxLen(LIMITS.entries), MaxLen(LIMITS.entities), MaxLen(LIMITS.levels)

Aliases = Annotated[tuple[Slug, ...], FEW, Field(description="Former ids, kept so that old links still work.")]
Internal = Annotated[bool, Field(description="true: shown only on the internal site, never in the public build.")]
StepRef = Annotated[Slug | None, Refers("step", gone="none"), Field(description="A step of a proficiency scale (scales.yml).")]
FileLanguage = Annotated[Language | None, Field(description="The language of plain strings in this file (ko or en).")]


class Link(Strict):
    """A further reading: a title and an https (or relative) address."""

    title: Text
    url: Url


# framework.yml ---------------------------------------------------------------------------------
class Organisation(Strict):
    name: Text
    url: Url | None = None


class Vision(Strict):
    text: Paragraph
    attribution: Text | None = None


class FrameworkFile(Strict):
    """framework.yml: the framework's name, owner, default language, version and vision."""

    id: Slug
    name: Text
    organisation: Organisation
    locale: Language = Field("ko", description="The language of plain strings in every file (ko or en).")
    version: Version
    vision: Vision | None = None
    description: Paragraph | None = None


# ladders: levels.yml and a family's own ladder -------------------------------------------------
class Years(Strict):
    min: Annotated[StrictInt, Field(ge=0, le=60)]
    max: Annotated[StrictInt, Field(ge=0, le=60)] | None = None


class Progression(Strict):
    """One row of the career progression table: from this level to the next."""

    focus: Text
    goal: Text


class Level(Strict):
    """A rung of a ladder. Only `id` and `title` are required."""

    entity: ClassVar[RefKind | None] = "level"

    id: Slug
    title: Text
    years: Years | None = None
    years_label: Text | None = None
    focus: Text | None = None
    impact: Text | None = None
    description: Paragraph | None = None
    progression: Progression | None = None
    aliases: Aliases = ()
    internal: Internal = False


Levels = Annotated[tuple[Level, ...], Field(min_length=1), PER_LEVEL]


class Track(Strict):
    """A branch of a ladder (e.g. individual contributor or people manager): levels that continue
    above the ladder's shared levels."""

    entity: ClassVar[RefKind | None] = "track"

    id: Slug
    title: Text
    description: Paragraph | None = None
    levels: Levels
    internal: Internal = False


class Ladder(Strict):
    """Levels, lowest first, shared by every track; tracks continue above them."""

    levels: Levels
    tracks: Annotated[tuple[Track, ...], PER_LEVEL, at_most(
        LIMITS.levels, "the ladder has {n:,} levels, its shared levels and its tracks' together; the limit is {limit:,}",
        lambda tracks, fields: len(fields.get("levels", ())) + sum(len(t.levels) for t in tracks))] = ()


class LevelsFile(Ladder):
    """levels.yml: the shared ladder, used by every family that does not define its own."""

    language: FileLanguage = None


# families/<family>.yml -------------------------------------------------------------------------
class FamilyFile(Strict):
    """families/<family>.yml: a job family with its own ladder (or the shared one) and competency areas."""

    entity: ClassVar[RefKind | None] = "family"

    id: Slug
    title: Text
    description: Paragraph | None = None
    language: FileLanguage = None
    ladder: Ladder | None = Field(None, description="The family's own ladder; the shared levels.yml when omitted.")
    areas: Annotated[tuple[Slug, ...] | None, Refers("area")] = Field(
        None, description="Competency areas of the family; all on its ladder when omitted.")
    aliases: Aliases = ()
    internal: Internal = False


# kpis.yml --------------------------------------------------------------------------------------
class KpiDimension(Strict):

    entity: ClassVar[RefKind | None] = "kpi"
    id: Slug
    title: Text
    metrics: Annotated[tuple[Text, ...], Field(min_length=1), FEW]
    description: Paragraph | None = None
    internal: Internal = False


class KpisFile(Strict):
    """kpis.yml: performance dimensions with example metrics."""

    language: FileLanguage = None
    dimensions: Annotated[tuple[KpiDimension, ...], Field(min_length=1), MANY]


# scales.yml ------------------------------------------------------------------------------------
class ScaleStep(Strict):

    entity: ClassVar[RefKind | None] = "step"
    id: Slug
    title: Text
    description: Paragraph


class Scale(Strict):
    """A proficiency scale: named steps, lowest first, that items and behaviours may cite."""

    entity: ClassVar[RefKind | None] = "scale"

    id: Slug
    title: Text
    description: Paragraph | None = None
    steps: Annotated[tuple[ScaleStep, ...], Field(min_length=2), FEW]


class ScalesFile(Strict):
    """scales.yml: proficiency scales (e.g. Awareness, Working, Practitioner, Expert)."""

    language: FileLanguage = None
    scales: Annotated[tuple[Scale, ...], Field(min_length=1), FEW]


# glossary.yml ----------------------------------------------------------------------------------
class GlossaryTerm(Strict):
    """A term with the other ways readers write it: a Korean transliteration, an abbreviation, a spelling."""

    entity: ClassVar[RefKind | None] = "term"

    id: Slug
    term: Name
    variants: Annotated[tuple[Name, ...], Field(min_length=1, description="Other forms: 쿠버네티스, k8s, ..."), FEW]
    description: Paragraph | None = None


class GlossaryFile(Strict):
    """glossary.yml: terms and their variants; search finds a page by any form of a term it mentions."""

    language: FileLanguage = None
    terms: Annotated[tuple[GlossaryTerm, ...], Field(min_length=1), MaxLen(LIMITS.terms)]


# roadmap.yml -----------------------------------------------------------------------------------
class PhaseStep(Strict):
    title: Text
    groups: Annotated[tuple[Slug, ...], Refers("group"), FEW] = ()


class Phase(Strict):

    entity: ClassVar[RefKind | None] = "phase"
    id: Slug
    title: Text
    level: Annotated[Slug, Refers("level")]
    steps: Annotated[tuple[PhaseStep, ...], Field(min_length=1), FEW]


class RoadmapFile(Strict):
    """roadmap.yml: the learning roadmap's framing text and its phases."""

    language: FileLanguage = None
    family: Annotated[Slug | None, Refers("family")] = Field(
        None, description="The family whose checklist is the roadmap (the first when omitted).")
    title: Text
    intro: Annotated[tuple[Paragraph, ...], FEW] = ()
    phases: Annotated[tuple[Phase, ...], FEW] = ()
    next_steps: Paragraph | None = None
    resources: Paragraph | None = None
    closing: Text | None = None


# competencies/*.yml ----------------------------------------------------------------------------
class Item(Strict):
    """A checklist item: expected from its level onward (it accumulates up the ladder)."""

    entity: ClassVar[RefKind | None] = "item"

    id: Slug
    title: Text
    level: Annotated[Slug | None, Refers("level")] = Field(None, description="Level the item is expected from; defaults to the group's.")
    description: Paragraph | None = Field(None, description="What someone at the item's level can do or explain.")
    proficiency: StepRef = None
    examples: Annotated[tuple[Text, ...], FEW] = ()
    links: Annotated[tuple[Link, ...], FEW] = ()
    keywords: Annotated[tuple[Name, ...], FEW] = ()
    aliases: Aliases = ()
    internal: Internal = False


class Behaviour(Strict):
    """What a competency looks like at one level. A higher level's behaviour replaces the lower one."""

    level: Annotated[Slug, Refers("level")]
    text: Paragraph
    proficiency: StepRef = None
    examples: Annotated[tuple[Text, ...], FEW] = ()
    links: Annotated[tuple[Link, ...], FEW] = ()
    internal: Internal = False


class Group(Strict):
    """A competency: checklist items (cumulative) and/or one behaviour per level (replacing)."""

    entity: ClassVar[RefKind | None] = "group"
    needs_any: ClassVar[tuple[str, ...]] = ("items", "behaviours")

    id: Slug
    title: Text
    description: Paragraph | None = None
    level: Annotated[Slug | None, Refers("level", gone="none")] = Field(None, description="Default level for the group's items.")
    items: Annotated[tuple[Item, ...], MANY] = ()
    behaviours: Annotated[tuple[Behaviour, ...], PER_LEVEL] = ()
    examples: Annotated[tuple[Text, ...], FEW] = ()
    links: Annotated[tuple[Link, ...], FEW] = ()
    aliases: Aliases = ()
    internal: Internal = False


class AreaFile(Strict):
    """competencies/NN-<area>.yml: one competency area with its groups."""

    entity: ClassVar[RefKind | None] = "area"

    id: Slug
    number: Annotated[StrictInt, Field(ge=1, le=9999)]
    language: FileLanguage = None
    icon: Icon | None = None
    title: Text
    description: Paragraph | None = None
    examples: Annotated[tuple[Text, ...], FEW] = ()
    links: Annotated[tuple[Link, ...], FEW] = ()
    groups: Annotated[tuple[Group, ...], Field(min_length=1), MANY, at_most(
        LIMITS.entities, "the area has {n:,} groups, items and behaviours; the limit is {limit:,} in one file: "
                         "split it into two areas", lambda groups, _: sum(1 + len(g.items) + len(g.behaviours) for g in groups))]
    aliases: Aliases = ()
    internal: Internal = False


# roles/*.yml -----------------------------------------------------------------------------------
class StackCategory(Strict):
    id: Slug
    category: Text
    tools: Annotated[tuple[Name, ...], Field(min_length=1, description="Tool and product names, shown as written."), FEW]


class RoleLevel(Strict):
    """What a role asks at one level: the JD's duties (주요 업무) and core competencies (핵심 역량)."""

    title: Text
    duties: Annotated[tuple[Text, ...], FEW] = ()
    competencies: Annotated[tuple[Text, ...], FEW] = ()
    focus: Text | None = Field(None, description="Overrides the level's focus for this role.")
    internal: Internal = False


class RoleFile(Strict):
    """roles/<role>.yml: one role's JD, per level of its family's ladder."""

    entity: ClassVar[RefKind | None] = "role"

    id: Slug
    language: FileLanguage = None
    family: Annotated[Slug | None, Refers("family")] = Field(None, description="The job family; may be omitted when there is only one.")
    track: Annotated[Slug | None, Refers("track", gone="none")] = Field(
        None, description="The ladder's track the role follows above the shared levels.")
    title: Text
    subtitle: Text | None = None
    overview: Paragraph
    areas: Annotated[tuple[Slug, ...] | None, Refers("area")] = Field(None, description="Competency areas used; the family's when omitted.")
    kpis: Annotated[tuple[Slug, ...] | None, Refers("kpi"), MANY] = Field(None, description="KPI dimensions used; all when omitted.")
    stack: Annotated[tuple[StackCategory, ...], FEW] = ()
    levels: Annotated[dict[Slug, RoleLevel], Field(min_length=1), Refers("level", keys=True), PER_LEVEL]
    aliases: Aliases = ()
    internal: Internal = False


class Quote:
    """Marks a field that quotes a document word for word: it stays in its own language, never translated."""


QUOTE = Quote()


# interview/*.yml --------------------------------------------------------------------------------
ListenFor = Annotated[
    tuple[Text, ...],
    Field(min_length=2, max_length=4, description="2-4 short points an interviewer listens for (평가 포인트)."),
]


class FollowUp(Strict):
    """A follow-up question (꼬리 질문); it probes its parent's items unless it names its own."""

    entity: ClassVar[RefKind | None] = "question"

    id: Slug
    question: Text
    source: Annotated[Text | None, QUOTE] = Field(None, description="The original wording (원문) when `question` was reworded.")
    items: Annotated[tuple[Slug, ...], Refers("item"), FEW] = ()
    listen_for: ListenFor


class Question(Strict):
    entity: ClassVar[RefKind | None] = "question"
    needs_any: ClassVar[tuple[str, ...]] = ("items", "groups")

    id: Slug
    question: Text
    source: Annotated[Text | None, QUOTE] = Field(None, description="The original wording (원문) when `question` was reworded.")
    levels: Annotated[tuple[Slug, ...], Field(min_length=1, description="Levels the question suits."), Refers("level"), PER_LEVEL]
    items: Annotated[tuple[Slug, ...], Refers("item"), FEW] = Field((), description="Competency items the question probes.")
    groups: Annotated[tuple[Slug, ...], Refers("group"), FEW] = Field(
        (), description="Competencies (groups with behaviours) the question probes.")
    listen_for: ListenFor
    follow_ups: Annotated[tuple[FollowUp, ...], FEW] = ()


class InterviewFile(Strict):
    """interview/<topic>.yml: questions of one topic, each with its follow-up chain in order."""

    entity: ClassVar[RefKind | None] = "topic"

    id: Slug
    language: FileLanguage = None
    category: Literal["technical", "collaboration", "growth"]
    title: Text
    questions: Annotated[tuple[Question, ...], Field(min_length=1), MANY, at_most(
        LIMITS.entities, "the topic has {n:,} questions and follow-ups; the limit is {limit:,} in one file: split it into two topics",
        lambda questions, _: sum(1 + len(q.follow_ups) for q in questions))]
