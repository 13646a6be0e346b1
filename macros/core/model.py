"""The typed, immutable shape of each framework file (one pydantic model per file kind)."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, model_validator

from .text import Icon, Language, Name, Paragraph, Slug, Text, Url, Version


class Strict(BaseModel):
    """Base for file models: unknown keys are errors, instances are immutable."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False)


Aliases = Annotated[tuple[Slug, ...], Field(description="Former ids, kept so that old links still work.")]
Internal = Annotated[bool, Field(description="true: shown only on the internal site, never in the public build.")]
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


Levels = Annotated[tuple[Level, ...], Field(min_length=1)]


class Track(Strict):
    """A branch of a ladder (e.g. individual contributor or people manager): levels that continue
    above the ladder's shared levels."""

    id: Slug
    title: Text
    description: Paragraph | None = None
    levels: Levels
    internal: Internal = False


class Ladder(Strict):
    """Levels, lowest first, shared by every track; tracks continue above them."""

    levels: Levels
    tracks: tuple[Track, ...] = ()


class LevelsFile(Ladder):
    """levels.yml: the shared ladder, used by every family that does not define its own."""

    language: FileLanguage = None


# families/<family>.yml -------------------------------------------------------------------------
class FamilyFile(Strict):
    """families/<family>.yml: a job family with its own ladder (or the shared one) and competency areas."""

    id: Slug
    title: Text
    description: Paragraph | None = None
    language: FileLanguage = None
    ladder: Ladder | None = Field(None, description="The family's own ladder; the shared levels.yml when omitted.")
    areas: tuple[Slug, ...] | None = Field(None, description="Competency areas of the family; all on its ladder when omitted.")
    aliases: Aliases = ()
    internal: Internal = False


# kpis.yml --------------------------------------------------------------------------------------
class KpiDimension(Strict):
    id: Slug
    title: Text
    metrics: Annotated[tuple[Text, ...], Field(min_length=1)]
    description: Paragraph | None = None
    internal: Internal = False


class KpisFile(Strict):
    """kpis.yml: performance dimensions with example metrics."""

    language: FileLanguage = None
    dimensions: Annotated[tuple[KpiDimension, ...], Field(min_length=1)]


# scales.yml ------------------------------------------------------------------------------------
class ScaleStep(Strict):
    id: Slug
    title: Text
    description: Paragraph


class Scale(Strict):
    """A proficiency scale: named steps, lowest first, that items and behaviours may cite."""

    id: Slug
    title: Text
    description: Paragraph | None = None
    steps: Annotated[tuple[ScaleStep, ...], Field(min_length=2)]


class ScalesFile(Strict):
    """scales.yml: proficiency scales (e.g. Awareness, Working, Practitioner, Expert)."""

    language: FileLanguage = None
    scales: Annotated[tuple[Scale, ...], Field(min_length=1)]


# glossary.yml ----------------------------------------------------------------------------------
class GlossaryTerm(Strict):
    """A term with the other ways readers write it: a Korean transliteration, an abbreviation, a spelling."""

    id: Slug
    term: Name
    variants: Annotated[tuple[Name, ...], Field(min_length=1, description="Other forms: 쿠버네티스, k8s, ...")]
    description: Paragraph | None = None


class GlossaryFile(Strict):
    """glossary.yml: terms and their variants; search finds a page by any form of a term it mentions."""

    language: FileLanguage = None
    terms: Annotated[tuple[GlossaryTerm, ...], Field(min_length=1)]


# roadmap.yml -----------------------------------------------------------------------------------
class PhaseStep(Strict):
    title: Text
    groups: tuple[Slug, ...] = ()


class Phase(Strict):
    id: Slug
    title: Text
    level: Slug
    steps: Annotated[tuple[PhaseStep, ...], Field(min_length=1)]


class RoadmapFile(Strict):
    """roadmap.yml: the learning roadmap's framing text and its phases."""

    language: FileLanguage = None
    family: Slug | None = Field(None, description="The family whose checklist is the roadmap (the first when omitted).")
    title: Text
    intro: tuple[Paragraph, ...] = ()
    phases: tuple[Phase, ...] = ()
    next_steps: Paragraph | None = None
    resources: Paragraph | None = None
    closing: Text | None = None


# competencies/*.yml ----------------------------------------------------------------------------
class Item(Strict):
    """A checklist item: expected from its level onward (it accumulates up the ladder)."""

    id: Slug
    title: Text
    level: Slug | None = Field(None, description="Level the item is expected from; defaults to the group's.")
    description: Paragraph | None = Field(None, description="What someone at the item's level can do or explain.")
    proficiency: Slug | None = Field(None, description="A step of a proficiency scale (scales.yml).")
    examples: tuple[Text, ...] = ()
    links: tuple[Link, ...] = ()
    keywords: tuple[Name, ...] = ()
    aliases: Aliases = ()
    internal: Internal = False


class Behaviour(Strict):
    """What a competency looks like at one level. A higher level's behaviour replaces the lower one."""

    level: Slug
    text: Paragraph
    proficiency: Slug | None = Field(None, description="A step of a proficiency scale (scales.yml).")
    examples: tuple[Text, ...] = ()
    links: tuple[Link, ...] = ()
    internal: Internal = False


class Group(Strict):
    """A competency: checklist items (cumulative) and/or one behaviour per level (replacing)."""

    id: Slug
    title: Text
    description: Paragraph | None = None
    level: Slug | None = Field(None, description="Default level for the group's items.")
    items: tuple[Item, ...] = ()
    behaviours: tuple[Behaviour, ...] = ()
    examples: tuple[Text, ...] = ()
    links: tuple[Link, ...] = ()
    aliases: Aliases = ()
    internal: Internal = False

    @model_validator(mode="after")
    def _has_content(self) -> Group:
        if not self.items and not self.behaviours:
            raise ValueError(f"group '{self.id}' needs `items:` or `behaviours:` (or both)")
        return self


class AreaFile(Strict):
    """competencies/NN-<area>.yml: one competency area with its groups."""

    id: Slug
    number: Annotated[StrictInt, Field(ge=1, le=9999)]
    language: FileLanguage = None
    icon: Icon | None = None
    title: Text
    description: Paragraph | None = None
    examples: tuple[Text, ...] = ()
    links: tuple[Link, ...] = ()
    groups: Annotated[tuple[Group, ...], Field(min_length=1)]
    aliases: Aliases = ()
    internal: Internal = False


# roles/*.yml -----------------------------------------------------------------------------------
class StackCategory(Strict):
    id: Slug
    category: Text
    tools: Annotated[tuple[Name, ...], Field(min_length=1, description="Tool and product names, shown as written.")]


class RoleLevel(Strict):
    """What a role asks at one level: the JD's duties (주요 업무) and core competencies (핵심 역량)."""

    title: Text
    duties: tuple[Text, ...] = ()
    competencies: tuple[Text, ...] = ()
    focus: Text | None = Field(None, description="Overrides the level's focus for this role.")
    internal: Internal = False


class RoleFile(Strict):
    """roles/<role>.yml: one role's JD, per level of its family's ladder."""

    id: Slug
    language: FileLanguage = None
    family: Slug | None = Field(None, description="The job family; may be omitted when there is only one.")
    track: Slug | None = Field(None, description="The ladder's track the role follows above the shared levels.")
    title: Text
    subtitle: Text | None = None
    overview: Paragraph
    areas: tuple[Slug, ...] | None = Field(None, description="Competency areas used; the family's when omitted.")
    kpis: tuple[Slug, ...] | None = Field(None, description="KPI dimensions used; all when omitted.")
    stack: tuple[StackCategory, ...] = ()
    levels: Annotated[dict[Slug, RoleLevel], Field(min_length=1)]
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

    id: Slug
    question: Text
    source: Annotated[Text | None, QUOTE] = Field(None, description="The original wording (원문) when `question` was reworded.")
    items: tuple[Slug, ...] = ()
    listen_for: ListenFor


class Question(Strict):
    id: Slug
    question: Text
    source: Annotated[Text | None, QUOTE] = Field(None, description="The original wording (원문) when `question` was reworded.")
    levels: Annotated[tuple[Slug, ...], Field(min_length=1, description="Levels the question suits.")]
    items: tuple[Slug, ...] = Field((), description="Competency items the question probes.")
    groups: tuple[Slug, ...] = Field((), description="Competencies (groups with behaviours) the question probes.")
    listen_for: ListenFor
    follow_ups: tuple[FollowUp, ...] = ()

    @model_validator(mode="after")
    def _probes_something(self) -> Question:
        if not self.items and not self.groups:
            raise ValueError(f"question '{self.id}' needs `items:` or `groups:` naming what it probes")
        return self


class InterviewFile(Strict):
    """interview/<topic>.yml: questions of one topic, each with its follow-up chain in order."""

    id: Slug
    language: FileLanguage = None
    category: Literal["technical", "collaboration", "growth"]
    title: Text
    questions: Annotated[tuple[Question, ...], Field(min_length=1)]
