"""schema.org `Occupation` for JD pages: competency items as `DefinedTerm`s of one `DefinedTermSet`."""
from __future__ import annotations

from typing import Any

from ..core.framework import Framework
from ..core.model import Level, RoleFile
from ..core.text import Language
from ..site import urls
from ..views.expectations import Expectations
from .documents import absolute


def occupation(fw: Framework, role: RoleFile, level: Level, base_url: str, lang: Language = "ko",
               ex: Expectations | None = None) -> dict[str, Any]:
    """JSON-LD for the JD page of `role` at `level` (absolute URLs from `base_url`), in one language."""
    ex = ex or Expectations(fw)
    jd = role.levels[level.id]
    term_set = {"@type": "DefinedTermSet", "name": fw.meta.name.get(lang),
                "url": absolute(base_url, urls.COMPETENCIES, lang=lang)}
    skills = [
        {"@type": "DefinedTerm", "name": p.item.title.get(lang), "termCode": p.id,
         "url": absolute(base_url, urls.area(p.area.id), p.id, lang), "inDefinedTermSet": term_set}
        for p in ex.items_upto(role, level.id)
    ]
    out: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Occupation",
        "name": jd.title.get(lang),
        "inLanguage": lang,
        "description": role.overview.get(lang),
        "url": absolute(base_url, urls.jd(role.id, level.id), lang=lang),
        "occupationalCategory": role.title.get(lang),
        "responsibilities": [d.get(lang) for d in jd.duties],
        "qualifications": [c.get(lang) for c in jd.competencies],
        "skills": skills,
    }
    if level.years is not None:
        out["experienceRequirements"] = {"@type": "OccupationalExperienceRequirements",
                                         "monthsOfExperience": level.years.min * 12}
    return out
