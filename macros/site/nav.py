"""The sidebar, from the page-kind table: each section (SECTIONS, in order) lists the pages of the kinds placed in
it; a section's page without ids is its index. Entity pages not placed in a section are reached through them.
The user's nav from mkdocs.yml follows the generated sections; a user section titled like the maintenance
label receives the maintenance pages (the changelog)."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..core.text import LANGUAGES
from .labels import Labels, load_labels
from .pagekinds import SECTIONS
from .pages import SitePage

NavItem = Any  # str or {title: str | list}


def maintenance_titles() -> set[str]:
    """The maintenance section's title in every language (mkdocs.yml names it in the main one)."""
    return {load_labels(lang).maintenance for lang in LANGUAGES}


def _section(pages: list[SitePage], L: Labels) -> list[NavItem]:
    out: list[NavItem] = []
    for page in pages:
        kind = page.kind
        if not kind.id_kinds and not out:
            out.append(page.src)  # the section's index page: Material's navigation.indexes
        else:
            out.append({L[kind.nav_label] if kind.nav_label else page.title: page.src})
    return out


def generated(pages: list[SitePage], L: Labels, user_nav: list[NavItem] | None, hand_written: Iterable[str] = ()) -> list[NavItem]:
    """The generated sections, then the user's nav from mkdocs.yml without the pages generated here (or, without a nav
    in mkdocs.yml, every hand-written page)."""
    placed: dict[str, list[SitePage]] = {s: [] for s in SECTIONS}
    for page in pages:
        if page.kind.nav is not None:
            placed[page.kind.nav].append(page)
    sections: list[NavItem] = []
    for name in SECTIONS[:-1]:
        entries = _section(placed[name], L)
        if len(entries) == 1 and isinstance(entries[0], str):
            sections.append({L[name]: entries[0]})  # a section of one page is a link
        elif entries:
            sections.append({L[name]: entries})
    ours = {p.src for p in pages}
    user: list[NavItem] = (_without(user_nav, ours) or []) if user_nav is not None else \
        [src for src in sorted(hand_written) if src not in ours]
    return [*sections, *_with_maintenance(user, [p.src for p in placed["maintenance"]], L)]


def _with_maintenance(user: list[NavItem], maintenance: list[NavItem], L: Labels) -> list[NavItem]:
    """The user's nav with the generated maintenance pages: in the user's own maintenance section (named in either
    language), else in one of their own at the end."""
    merged: list[NavItem] = []
    titles = maintenance_titles()
    for entry in user:
        found = next((t for t in titles if isinstance(entry, dict) and t in entry), None)
        if found is not None and isinstance(entry, dict):
            own = entry[found] if isinstance(entry[found], list) else [entry[found]]
            merged.append({L.maintenance: [*maintenance, *own]})
            maintenance = []
        else:
            merged.append(entry)
    if maintenance:
        merged.append({L.maintenance: maintenance})
    return merged


def _without(nav: Any, generated: set[str]) -> Any:
    """The user's nav without entries of pages the build generates (their place is the generated sections')."""
    if isinstance(nav, list):
        return [x for x in (_without(e, generated) for e in nav) if x not in (None, [], {})]
    if isinstance(nav, dict):
        out = {k: kept for k, v in nav.items() if (kept := _without(v, generated)) not in (None, [], {})}
        return out or None
    return None if nav in generated else nav
