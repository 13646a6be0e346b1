"""schema.org `Occupation` for JD pages: competency items as `DefinedTerm`s of one `DefinedTermSet`."""
from __future__ import annotations

from typing import Any

from . import urls, views
from .framework import Framework
from .model import Level, RoleFile


def occupation(fw: Framework, role: RoleFile, level: Level, base_url: str) -> dict[str, Any]:
    """JSON-LD for the JD page of `role` at `level` (absolute URLs from `base_url`)."""
    base = base_url.rstrip("/")
    jd = role.levels[level.id]
    term_set = {"@type": "DefinedTermSet", "name": f"{fw.meta.name.ko} 역량", "url": base + urls.url(urls.COMPETENCIES)}
    skills = [
        {"@type": "DefinedTerm", "name": p.item.title.ko, "termCode": p.id,
         "url": base + urls.url(urls.area(p.area.id)) + f"#{p.id}", "inDefinedTermSet": term_set}
        for p in views.role_items(fw, role.id) if fw.rank(p.level.id) <= fw.rank(level.id)
    ]
    experience: dict[str, Any] = {"@type": "OccupationalExperienceRequirements", "monthsOfExperience": level.years.min * 12}
    return {
        "@context": "https://schema.org",
        "@type": "Occupation",
        "name": jd.title.ko,
        "description": role.overview.ko,
        "url": base + urls.url(urls.jd(role.id, level.id)),
        "occupationalCategory": role.title.ko,
        "responsibilities": [d.ko for d in jd.duties],
        "qualifications": [c.ko for c in jd.competencies],
        "experienceRequirements": experience,
        "skills": skills,
    }
