"""The sidebar: sections and index pages only (entity pages are reached through them)."""
from __future__ import annotations

from typing import Any

from . import urls
from .framework import Framework

NavItem = Any  # str or {title: str | list}


def generated(fw: Framework) -> list[NavItem]:
    """Nav sections for the generated pages: roles (with one entry per role), levels, competencies."""
    return [
        {"직무": [urls.ROLES, *({str(r.title): urls.role(r.id)} for r in fw.roles)]},
        {"레벨": [urls.LEVELS, {"성장 경로": urls.PROGRESSION}]},
        {"역량": [urls.COMPETENCIES, {"학습 로드맵": urls.ROADMAP}, {"평가 항목 (KPI)": urls.KPIS}]},
        {"체크리스트": urls.CHECKLIST},
        {"면접": urls.INTERVIEW},
        {"변경 이력": urls.CHANGELOG},
    ]


def merge(generated_nav: list[NavItem], user_nav: list[NavItem] | None) -> list[NavItem]:
    """The user's nav from mkdocs.yml with the generated sections inserted after its first entry (home)."""
    user = list(user_nav or [urls.HOME])
    return [user[0], *generated_nav, *user[1:]]
