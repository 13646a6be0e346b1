"""schema.org `Occupation` for JD pages: competency items as `DefinedTerm`s of one `DefinedTermSet`."""
from __future__ import annotations

from typing import Any

from ..core.framework import Framework
from ..core.model import Level, RoleFile
from ..site.edition import Edition
from ..site.pagekinds import Kind, src
from ..views.expectations import Expectations
from .documents import absolute


def occupation(fw: Framework, role: RoleFile, level: Level, base_url: str, edition: Edition,
               ex: Expectations | None = None) -> dict[str, Any]:
    """JSON-LD for the JD page of `role` at `level` (absolute URLs from `base_url`), in the edition's language."""
    ex = ex or Expectations(fw)
    lang = edition.language
    jd = role.levels[level.id]
    term_set = {"@type": "DefinedTermSet", "name": fw.meta.name.get(lang),
                "url": absolute(base_url, edition, src(Kind.COMPETENCIES))}
    skills = [
        {"@type": "DefinedTerm", "name": p.item.title.get(lang), "termCode": p.id,
         "url": absolute(base_url, edition, src(Kind.AREA, p.area.id), p.id), "inDefinedTermSet": term_set}
        for p in ex.items_upto(role, level.id)
    ]
    out: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Occupation",
        "name": jd.title.get(lang),
        "inLanguage": lang,
        "description": role.overview.get(lang),
        "url": absolute(base_url, edition, src(Kind.JD, role.id, level.id)),
        "occupationalCategory": role.title.get(lang),
        "responsibilities": [d.get(lang) for d in jd.duties],
        "qualifications": [c.get(lang) for c in jd.competencies],
        "skills": skills,
    }
    if level.years is not None:
        out["experienceRequirements"] = {"@type": "OccupationalExperienceRequirements",
                                         "monthsOfExperience": level.years.min * 12}
    return out
