"""Macros for hand-written pages in docs/ (mkdocs-macros `define_env`).

Block macros return HTML rendered by our templates (autoescaped; Python-Markdown passes block HTML
through untouched). Inline macros return text escaped for Markdown. Links are relative final URLs
or Markdown links that MkDocs checks. The framework comes from the `career` plugin's current build.
"""
from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..core import escape
from ..site import urls
from ..site.pagekinds import KINDS, Kind, Route, first_jd, link_examples
from ..views.common import counts
from .plugin import CareerPlugin


def define_env(env: Any) -> None:
    """Register the macros (mkdocs-macros calls this once per build)."""

    def site() -> Any:
        plugin = env.conf["plugins"].get("career")
        if not isinstance(plugin, CareerPlugin) or plugin.site is None:
            raise RuntimeError("the `career` plugin must be listed in mkdocs.yml before `macros`")
        return plugin.site

    def here() -> str:
        return str(env.page.file.src_uri)

    def block(template: str, **context: Any) -> Markup:
        html, _ = site().renderer.fragment(f"macros/{template}", here(), **context)
        return Markup("\n" + html.strip() + "\n")

    @env.macro
    def framework_name() -> Markup:
        """The framework's name (inline)."""
        return escape.markdown(site().fw.meta.name.get(site().renderer.lang))

    @env.macro
    def vision() -> Markup:
        """The vision statement as a quote with its attribution."""
        return block("vision.html.j2", vision=site().fw.meta.vision)

    @env.macro
    def stats() -> Markup:
        """One line of counts: roles, levels, areas, groups, items, behaviours, KPI dimensions."""
        return block("stats.html.j2", n=counts(site().fw))

    @env.macro
    def role_table() -> Markup:
        """Each role with links to its JD pages per level."""
        fw = site().fw
        return block("role_table.html.j2", roles=[(r, fw.role_levels(r)) for r in fw.roles])

    @env.macro
    def level_table() -> Markup:
        """The ladders: each level with its years and focus."""
        fw = site().fw
        return block("level_table.html.j2", ladders=[(lad, [f for f in fw.families if f.ladder is lad]) for lad in fw.ladders])

    @env.macro
    def journeys() -> Markup:
        """The home page's three journeys, each step a link."""
        s = site()
        role, level = first_jd(site().fw)
        return block("journeys.html.j2", role=role, level=level, internal=s.facts.internal,
                     kit=any(p.route.kind == Kind.KIT for p in s.pages))

    @env.macro
    def more_links() -> Markup:
        """Links to the framework's overview pages that this build has (progression, competencies, KPIs, glossary)."""
        s = site()
        kinds = (Kind.PROGRESSION, Kind.COMPETENCIES, Kind.PROFICIENCY, Kind.KPIS, Kind.GLOSSARY)
        present = {p.route.kind: p for p in s.pages}
        return block("more_links.html.j2", pages=[present[k] for k in kinds if k in present])

    @env.macro
    def contract_examples() -> Markup:
        """The stable URL patterns, each with a live example from the current framework."""
        return block("contract.html.j2", e=link_examples(site().facts))

    @env.macro
    def data_links() -> Markup:
        """Links to the published exports."""
        role, level = first_jd(site().fw)
        return block("data_links.html.j2", role=role, level=level)

    @env.macro
    def page_link(kind: str, *ids: str, text: str | None = None) -> Markup:
        """A Markdown link to a generated page: page_link('jd', 'python-backend', 'junior'), page_link('area', 'python-core')."""
        s = site()
        try:
            route = Route(Kind(kind), tuple(ids))
            src = route.src
        except ValueError as exc:
            raise ValueError(f"page_link: {exc}; kinds: {', '.join(KINDS)}") from None
        page = next((p for p in s.pages if p.src == src), None)
        if page is None:
            raise ValueError(f"page_link: no generated page {urls.url(src, s.options.edition.directory_urls)} in this build")
        return Markup(f"[{escape.markdown(text or page.title)}]({urls.relative_md(here(), src)})")
