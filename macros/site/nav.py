"""The sidebar: sections and index pages only (entity pages are reached through them); maintenance
pages (changelog, benchmarks) in a section of their own at the end."""
from __future__ import annotations

from typing import Any

from ..views.common import Facts
from . import urls
from ..core.text import LANGUAGES
from .labels import Labels, load_labels

NavItem = Any  # str or {title: str | list}


def maintenance_titles() -> set[str]:
    """The maintenance section's title in every language (mkdocs.yml names it in the main one)."""
    return {load_labels(lang).maintenance for lang in LANGUAGES}


def generated(f: Facts, L: Labels, user_nav: list[NavItem] | None) -> list[NavItem]:
    """The user's nav from mkdocs.yml with the generated sections after its first entry (home). A user
    section titled like the maintenance label receives the changelog."""
    fw = f.fw
    explicit = [fam for fam in fw.families if not fam.implicit]
    roles: list[NavItem] = [urls.ROLES, *({r.title.get(L.lang): urls.role(r.id)} for r in fw.roles)]
    sections: list[NavItem] = [{L.roles: roles}]
    if explicit:
        sections.append({L.families: [urls.FAMILIES, *({fam.file.title.get(L.lang): urls.family(fam.id)} for fam in explicit)]})
    levels: list[NavItem] = [urls.LEVELS]
    if any(len(ladder.all_levels()) > 1 for ladder in fw.ladders):
        levels.append({L.progression: urls.PROGRESSION})
    sections.append({L.levels: levels})
    comp: list[NavItem] = [urls.COMPETENCIES]
    if fw.roadmap is not None:
        comp.append({L.roadmap: urls.ROADMAP})
    if fw.scales:
        comp.append({L.proficiency: urls.PROFICIENCY})
    if fw.kpis:
        comp.append({L.kpis: urls.KPIS})
    if fw.glossary:
        comp.append({L.glossary: urls.GLOSSARY})
    sections += [{L.competencies: comp}, {L.checklist: urls.CHECKLIST}]
    if f.internal and fw.interviews:
        sections.append({L.interview: urls.INTERVIEW})
    user = list(user_nav or [urls.HOME])
    rest = user[1:]
    maintenance = [urls.CHANGELOG] if f.internal else []
    merged: list[NavItem] = []
    titles = maintenance_titles()
    for entry in rest:
        found = next((t for t in titles if isinstance(entry, dict) and t in entry), None)
        if found is not None:
            pages = entry[found]
            pages = pages if isinstance(pages, list) else [pages]
            merged.append({L.maintenance: [*maintenance, *pages]})
            maintenance = []
        else:
            merged.append(entry)
    if maintenance:
        merged.append({L.maintenance: maintenance})
    return [user[0], *sections, *merged]
