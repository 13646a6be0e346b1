"""Hiring exports for one JD: ATS-safe HTML and plain text, and a schema.org JobPosting (JSON-LD)."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import nh3
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..core.framework import Framework, PlacedItem
from ..core.model import Level, RoleFile
from ..core.text import Language, Text
from ..site.edition import Edition
from ..site.pagekinds import Kind, src
from ..views.expectations import Expectations, group_by_area
from .documents import absolute

#: What applicant tracking systems reliably keep.
ATS_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "h2", "h3", "a"}
EMPLOYMENT_TYPES = ("FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER", "PER_DIEM", "OTHER")
TEMPLATES = Path(__file__).resolve().parent / "templates"
_SENTENCE_END = (".", "!", "?", "。", "다")


class ExportError(Exception):
    """A request that cannot be exported; the message says what to add."""


def join_titles(titles: list[str]) -> str:
    """Titles in one line: ", " between short titles, a space after a title that ends a sentence."""
    out = ""
    for i, t in enumerate(titles):
        if i:
            out += " " if titles[i - 1].rstrip().endswith(_SENTENCE_END) else ", "
        out += t
    return out


@lru_cache(maxsize=2)
def _expectations(fw: Framework) -> Expectations:
    """One framework's expectations, shared by the documents of all its JDs (the internal site makes three per JD)."""
    return Expectations(fw)


@cache
def _env(html: bool, lang: Language) -> Environment:
    """The templates' environment, made once per kind and language (the internal site draws these documents for every
    JD in every build: compiling the templates each time cost seconds at 50× the seed)."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=html, undefined=StrictUndefined,  # noqa: S701 - text when not HTML
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["t"] = lambda v: v.get(lang) if isinstance(v, Text) else str(v)
    env.filters["titles"] = lambda ps: join_titles([p.item.title.get(lang) for p in ps])
    return env


def _context(fw: Framework, role: RoleFile, level: Level, base_url: str | None, edition: Edition) -> dict[str, Any]:
    url = absolute(base_url, edition, src(Kind.JD, role.id, level.id)) if base_url else None
    if url and not url.startswith("https://"):
        url = None  # ATS output keeps https links only
    ex = _expectations(fw)
    items: list[PlacedItem] = list(ex.items_at(role, level.id))
    return {"role": role, "level": level, "jd": role.levels[level.id], "url": url, "L": edition.labels,
            "focus": role.levels[level.id].focus or level.focus, "items": group_by_area(items),
            "behaviours": ex.behaviours_at(role, level.id)}


def ats_html(fw: Framework, role: RoleFile, level: Level, base_url: str | None, edition: Edition) -> str:
    """The JD as HTML limited to p, br, ul, ol, li, strong, em, h2, h3 and https links."""
    raw = _env(True, edition.language).get_template("ats.html.j2").render(**_context(fw, role, level, base_url, edition))
    return nh3.clean(raw, tags=ATS_TAGS, attributes={"a": {"href"}}, url_schemes={"https"}, link_rel=None,
                     strip_comments=True)


def ats_text(fw: Framework, role: RoleFile, level: Level, base_url: str | None, edition: Edition) -> str:
    """The JD as plain text with bracketed section titles."""
    return _env(False, edition.language).get_template("ats.txt.j2").render(**_context(fw, role, level, base_url, edition))


@dataclass(frozen=True)
class PostingOptions:
    """What a JobPosting needs beyond the framework (Google requires datePosted and a location)."""

    date_posted: str | None = None
    valid_through: str | None = None
    location: str | None = None  # "locality, country code", e.g. "서울, KR"
    remote_country: str | None = None  # for remote jobs: applicants' country code
    employment_type: str | None = None
    base_url: str | None = None
    edition: Edition = field(default_factory=lambda: Edition(audience="public"))
    draft: bool = False  # without the fields Google requires (a date, a place): for a recruiter to complete


def _date(value: str, flag: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ExportError(f"{flag} must be a date like 2026-11-21, not '{value[:40]}'") from None


def _country(value: str, flag: str) -> str:
    code = value.strip().upper()
    if len(code) != 2 or not code.isalpha() or not code.isascii():
        raise ExportError(f"{flag} needs a two-letter country code like KR, not '{value[:40]}'")
    return code


def _required(opts: PostingOptions) -> None:
    if opts.draft:
        return
    missing = []
    if not opts.date_posted:
        missing.append("--date-posted YYYY-MM-DD (datePosted)")
    if not opts.location and not opts.remote_country:
        missing.append('--location "locality, country code" or --remote COUNTRY (jobLocation)')
    if missing:
        raise ExportError("a JobPosting needs fields Google requires: " + "; ".join(missing))
    if opts.base_url and not opts.base_url.startswith("https://"):
        raise ExportError(f"--site-url must start with https:// (got '{opts.base_url[:60]}')")


def _hiring_details(opts: PostingOptions) -> dict[str, Any]:
    """What the options add to a posting: dates, employment type, where the job is."""
    out: dict[str, Any] = {}
    if opts.valid_through:
        out["validThrough"] = _date(opts.valid_through, "--valid-through")
    if opts.employment_type:
        kind = opts.employment_type.upper()
        if kind not in EMPLOYMENT_TYPES:
            raise ExportError(f"--employment-type must be one of {', '.join(EMPLOYMENT_TYPES)}")
        out["employmentType"] = kind
    if opts.location:
        locality, _, country = (x.strip() for x in opts.location.rpartition(","))
        if not locality:
            raise ExportError(f'--location must look like "서울, KR" (locality, two-letter country code), not "{opts.location[:60]}"')
        out["jobLocation"] = {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": locality,
                                                            "addressCountry": _country(country, "--location")}}
    if opts.remote_country:
        out["jobLocationType"] = "TELECOMMUTE"
        out["applicantLocationRequirements"] = {"@type": "Country", "name": _country(opts.remote_country, "--remote")}
    return out


def job_posting(fw: Framework, role: RoleFile, level: Level, opts: PostingOptions) -> dict[str, Any]:
    """A schema.org JobPosting for a hiring page; refuses when a field Google requires is missing, unless it is a
    draft (then those fields are left for the recruiter to add)."""
    _required(opts)
    lang = opts.edition.language
    ex = _expectations(fw)
    jd = role.levels[level.id]
    org = fw.meta.organisation.name.get(lang)
    posting: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": jd.title.get(lang),
        "inLanguage": lang,
        "description": ats_html(fw, role, level, opts.base_url, opts.edition),
        **({"datePosted": _date(opts.date_posted, "--date-posted")} if opts.date_posted else {}),
        "hiringOrganization": {"@type": "Organization", "name": org},
        "identifier": {"@type": "PropertyValue", "name": org, "value": f"{role.id}/{level.id}"},
        "responsibilities": [d.get(lang) for d in jd.duties],
        "qualifications": [c.get(lang) for c in jd.competencies],
        "skills": [t for s in role.stack for t in s.tools] + [p.item.title.get(lang) for p in ex.items_at(role, level.id)],
    }
    if level.years is not None:
        posting["experienceRequirements"] = {"@type": "OccupationalExperienceRequirements",
                                             "monthsOfExperience": level.years.min * 12}
    if fw.meta.organisation.url:
        posting["hiringOrganization"]["sameAs"] = str(fw.meta.organisation.url)
    posting.update(_hiring_details(opts))
    if opts.base_url:
        posting["url"] = absolute(opts.base_url, opts.edition, src(Kind.JD, role.id, level.id))
    return posting


def job_posting_json(fw: Framework, role: RoleFile, level: Level, opts: PostingOptions) -> str:
    return json.dumps(job_posting(fw, role, level, opts), ensure_ascii=False, indent=2) + "\n"
