"""The typed, immutable shape of each framework file (one pydantic model per file kind)."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, StrictInt

from .text import Slug, Text


class Strict(BaseModel):
    """Base for file models: unknown keys are errors, instances are immutable."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False)


Aliases = Annotated[tuple[Slug, ...], Field(description="Former ids, kept so that old links still work.")]


# framework.yml ---------------------------------------------------------------------------------
class Organisation(Strict):
    name: Text
    url: HttpUrl | None = None


class Vision(Strict):
    text: Text
    attribution: Text | None = None


class FrameworkFile(Strict):
    """framework.yml: the framework's name, owner, locale and vision."""

    id: Slug
    name: Text
    organisation: Organisation
    locale: Annotated[str, Field(pattern=r"^[a-z]{2}$")] = "ko"
    version: Annotated[str, Field(min_length=1)]
    vision: Vision
    description: Text | None = None


# levels.yml ------------------------------------------------------------------------------------
class Years(Strict):
    min: Annotated[StrictInt, Field(ge=0, le=60)]
    max: Annotated[StrictInt, Field(ge=0, le=60)] | None = None


class Progression(Strict):
    """One row of the career progression table: from this level to the next."""

    focus: Text
    goal: Text


class Level(Strict):
    id: Slug
    title: Text
    years: Years
    years_label: Text
    focus: Text
    impact: Text
    progression: Progression | None = None
    aliases: Aliases = ()


class LevelsFile(Strict):
    """levels.yml: the career ladder shared by every role, lowest level first."""

    levels: Annotated[tuple[Level, ...], Field(min_length=1)]


# kpis.yml --------------------------------------------------------------------------------------
class KpiDimension(Strict):
    id: Slug
    title: Text
    metrics: Annotated[tuple[Text, ...], Field(min_length=1)]
    description: Text | None = None


class KpisFile(Strict):
    """kpis.yml: performance dimensions with example metrics."""

    dimensions: Annotated[tuple[KpiDimension, ...], Field(min_length=1)]


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
    """roadmap.yml: the roadmap's framing text and its learning phases."""

    title: Text
    intro: tuple[Text, ...] = ()
    phases: tuple[Phase, ...] = ()
    next_steps: Text | None = None
    resources: Text | None = None
    closing: Text | None = None


# competencies/*.yml ----------------------------------------------------------------------------
class Item(Strict):
    id: Slug
    title: Text
    level: Slug | None = Field(None, description="Level the item is expected from; defaults to the group's.")
    description: Text | None = Field(None, description="What someone at the item's level can do or explain (1-2 sentences).")
    keywords: tuple[str, ...] = ()
    aliases: Aliases = ()


class Group(Strict):
    id: Slug
    title: Text
    description: Text | None = None
    level: Slug = Field(description="Default level for the group's items.")
    items: Annotated[tuple[Item, ...], Field(min_length=1)]
    aliases: Aliases = ()


class AreaFile(Strict):
    """competencies/NN-<area>.yml: one competency area with its groups and items."""

    id: Slug
    number: Annotated[StrictInt, Field(ge=1)]
    icon: str | None = None
    title: Text
    description: Text | None = None
    groups: Annotated[tuple[Group, ...], Field(min_length=1)]
    aliases: Aliases = ()


# roles/*.yml -----------------------------------------------------------------------------------
class StackCategory(Strict):
    id: Slug
    category: Text
    tools: Annotated[tuple[Text, ...], Field(min_length=1)]


class RoleLevel(Strict):
    """What a role asks at one level: the JD's duties (주요 업무) and core competencies (핵심 역량)."""

    title: Text
    duties: Annotated[tuple[Text, ...], Field(min_length=1)]
    competencies: tuple[Text, ...] = ()
    focus: Text | None = Field(None, description="Overrides the level's focus for this role.")


class RoleFile(Strict):
    """roles/<role>.yml: one job family's JD, sharing levels, areas and KPIs by id."""

    id: Slug
    title: Text
    subtitle: Text | None = None
    overview: Text
    areas: tuple[Slug, ...] | None = Field(None, description="Competency areas used; all when omitted.")
    kpis: tuple[Slug, ...] | None = Field(None, description="KPI dimensions used; all when omitted.")
    stack: tuple[StackCategory, ...] = ()
    levels: Annotated[dict[Slug, RoleLevel], Field(min_length=1)]
    aliases: Aliases = ()


# interview/*.yml --------------------------------------------------------------------------------
ListenFor = Annotated[
    tuple[Text, ...],
    Field(min_length=2, max_length=4, description="2-4 short points an interviewer listens for (평가 포인트)."),
]


class FollowUp(Strict):
    """A follow-up question (꼬리 질문); it probes its parent's items unless it names its own."""

    id: Slug
    question: Text
    source: Text | None = Field(None, description="The original wording (원문) when `question` was reworded.")
    items: tuple[Slug, ...] = ()
    listen_for: ListenFor


class Question(Strict):
    id: Slug
    question: Text
    source: Text | None = Field(None, description="The original wording (원문) when `question` was reworded.")
    levels: Annotated[tuple[Slug, ...], Field(min_length=1, description="Levels the question suits.")]
    items: Annotated[tuple[Slug, ...], Field(min_length=1, description="Competency items the question probes.")]
    listen_for: ListenFor
    follow_ups: tuple[FollowUp, ...] = ()


class InterviewFile(Strict):
    """interview/<topic>.yml: questions of one topic, each with its follow-up chain in order."""

    id: Slug
    category: Literal["technical", "collaboration", "growth"]
    title: Text
    questions: Annotated[tuple[Question, ...], Field(min_length=1)]
