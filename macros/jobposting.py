"""Hiring exports for one JD: ATS-safe HTML and plain text, and a schema.org JobPosting (JSON-LD)."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import nh3

from . import urls, views
from .framework import Framework
from .model import Level, RoleFile
from .render import render_document

#: What applicant tracking systems reliably keep.
ATS_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "h2", "h3", "a"}
EMPLOYMENT_TYPES = ("FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER", "PER_DIEM", "OTHER")


class ExportError(Exception):
    """A request that cannot be exported; the message says what to add."""


def _context(fw: Framework, role: RoleFile, level: Level, base_url: str | None) -> dict[str, Any]:
    url = (base_url.rstrip("/") + urls.url(urls.jd(role.id, level.id))) if base_url else None
    if url and not url.startswith("https://"):
        url = None  # ATS output keeps https links only
    return {"role": role, "level": level, "jd": role.levels[level.id], "url": url,
            "items": views.group_by_area(views.items_at(fw, role.id, level.id))}


def ats_html(fw: Framework, role: RoleFile, level: Level, base_url: str | None = None) -> str:
    """The JD as HTML limited to p, br, ul, ol, li, strong, em, h2, h3 and https links."""
    raw = render_document("ats.html.j2", html_output=True, **_context(fw, role, level, base_url))
    return nh3.clean(raw, tags=ATS_TAGS, attributes={"a": {"href"}}, url_schemes={"https"}, link_rel=None,
                     strip_comments=True)


def ats_text(fw: Framework, role: RoleFile, level: Level, base_url: str | None = None) -> str:
    """The JD as plain text with bracketed section titles."""
    return render_document("ats.txt.j2", html_output=False, **_context(fw, role, level, base_url))


@dataclass(frozen=True)
class PostingOptions:
    """What a JobPosting needs beyond the framework (Google requires datePosted and a location)."""

    date_posted: str | None = None
    valid_through: str | None = None
    location: str | None = None  # "locality, country code", e.g. "서울, KR"
    remote_country: str | None = None  # for remote jobs: applicants' country code
    employment_type: str | None = None
    base_url: str | None = None


def _date(value: str, flag: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ExportError(f"{flag} must be a date like 2026-11-21, not '{value}'") from None


def job_posting(fw: Framework, role: RoleFile, level: Level, opts: PostingOptions) -> dict[str, Any]:
    """A schema.org JobPosting for a hiring page; refuses when a field Google requires is missing."""
    missing = []
    if not opts.date_posted:
        missing.append("--date-posted YYYY-MM-DD (datePosted)")
    if not opts.location and not opts.remote_country:
        missing.append('--location "locality, country code" or --remote COUNTRY (jobLocation)')
    if missing:
        raise ExportError("a JobPosting needs fields Google requires: " + "; ".join(missing))
    jd = role.levels[level.id]
    posting: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": jd.title.ko,
        "description": ats_html(fw, role, level, opts.base_url),
        "datePosted": _date(opts.date_posted or "", "--date-posted"),
        "hiringOrganization": {"@type": "Organization", "name": fw.meta.organisation.name.ko},
        "identifier": {"@type": "PropertyValue", "name": fw.meta.organisation.name.ko, "value": f"{role.id}/{level.id}"},
        "responsibilities": [d.ko for d in jd.duties],
        "qualifications": [c.ko for c in jd.competencies],
        "skills": [t.ko for s in role.stack for t in s.tools] + [p.item.title.ko for p in views.items_at(fw, role.id, level.id)],
        "experienceRequirements": {"@type": "OccupationalExperienceRequirements", "monthsOfExperience": level.years.min * 12},
    }
    if fw.meta.organisation.url:
        posting["hiringOrganization"]["sameAs"] = str(fw.meta.organisation.url)
    if opts.valid_through:
        posting["validThrough"] = _date(opts.valid_through, "--valid-through")
    if opts.employment_type:
        kind = opts.employment_type.upper()
        if kind not in EMPLOYMENT_TYPES:
            raise ExportError(f"--employment-type must be one of {', '.join(EMPLOYMENT_TYPES)}")
        posting["employmentType"] = kind
    if opts.location:
        locality, _, country = (x.strip() for x in opts.location.rpartition(","))
        if not locality or len(country) != 2:
            raise ExportError(f'--location must look like "서울, KR" (locality, two-letter country code), not "{opts.location}"')
        posting["jobLocation"] = {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": locality,
                                                                "addressCountry": country.upper()}}
    if opts.remote_country:
        posting["jobLocationType"] = "TELECOMMUTE"
        posting["applicantLocationRequirements"] = {"@type": "Country", "name": opts.remote_country.upper()}
    if opts.base_url:
        posting["url"] = opts.base_url.rstrip("/") + urls.url(urls.jd(role.id, level.id))
    return posting


def job_posting_json(fw: Framework, role: RoleFile, level: Level, opts: PostingOptions) -> str:
    return json.dumps(job_posting(fw, role, level, opts), ensure_ascii=False, indent=2) + "\n"
