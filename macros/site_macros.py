"""Macros for hand-written pages (mkdocs-macros `define_env`). Output is escaped Markdown."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup

from . import urls, views
from .loading import load_cached
from .model import Level, RoleFile
from .render import md_escape


def define_env(env: Any) -> None:
    """Register the macros; the framework is the one the build hook loaded (cached per build)."""
    root = Path(env.conf.config_file_path or ".").resolve().parent / str(env.conf.extra.get("framework_dir", "framework"))

    def fw():
        return load_cached(root)

    def here() -> str:
        return env.page.file.src_uri

    def first_jd() -> tuple[RoleFile, Level]:
        """The role and level whose pages serve as examples."""
        f = fw()
        role = f.roles[0]
        return role, f.role_levels(role)[0][0]

    def link(text: Any, src: str, anchor: str | None = None) -> str:
        return f"[{md_escape(text)}]({urls.relative(here(), src, anchor)})"

    @env.macro
    def framework_name() -> str:
        """The framework's name."""
        return Markup(md_escape(fw().meta.name))

    @env.macro
    def vision() -> str:
        """The vision statement as a quote with its attribution."""
        v = fw().meta.vision
        lines = [f"> **{md_escape(v.text)}**"]
        if v.attribution:
            lines += [">", f"> {md_escape(v.attribution)}"]
        return Markup("\n".join(lines))

    @env.macro
    def stats() -> str:
        """One line of counts: roles, levels, areas, groups, items, KPI dimensions."""
        f = fw()
        groups = sum(len(a.groups) for a in f.areas)
        items = sum(1 for _ in f.items())
        return Markup(md_escape(
            f"직무 {len(f.roles)}개 · 레벨 {len(f.levels)}개 · 역량 영역 {len(f.areas)}개 · "
            f"그룹 {groups}개 · 항목 {items}개 · 평가 항목 {len(f.kpis)}개"))

    @env.macro
    def role_table() -> str:
        """Each role with links to its JD pages per level."""
        f = fw()
        lines = ["| 직무 | 레벨별 JD | 매트릭스 |", "|---|---|---|"]
        for r in f.roles:
            jds = ", ".join(link(lv.title, urls.jd(r.id, lv.id)) for lv, _ in f.role_levels(r))
            lines.append(f"| {link(r.title, urls.role(r.id))} | {jds} | {link('역량 매트릭스', urls.matrix(r.id))} |")
        return Markup("\n".join(lines))

    @env.macro
    def level_table() -> str:
        """The ladder: each level with its years and focus."""
        f = fw()
        lines = ["| 레벨 | 연차 | 역할 초점 |", "|---|---|---|"]
        for lv in f.levels:
            lines.append(f"| {link(lv.title, urls.level(lv.id))} | {md_escape(lv.years_label)} | {md_escape(lv.focus)} |")
        return Markup("\n".join(lines))

    @env.macro
    def contract_examples() -> str:
        """The stable URL patterns, each with a live example from the current framework."""
        f = fw()
        role, level = first_jd()
        item = next(f.items())
        lo_hi = next(iter(views.adjacent_levels(f, role)), None)
        q = next((q for _, q in f.questions()), None)
        rows = [
            ("직무 기술서 (JD)", "/roles/<role>/<level>/", urls.jd(role.id, level.id), None),
            ("JD의 섹션", "/roles/<role>/<level>/#duties", urls.jd(role.id, level.id), "duties"),
            ("직무 개요", "/roles/<role>/", urls.role(role.id), None),
            ("레벨", "/levels/<level>/", urls.level(level.id), None),
            ("역량 항목", "/competencies/<area>/#<item>", urls.area(item.area.id), item.id),
            ("역량 그룹", "/competencies/<area>/#<group>", urls.area(item.area.id), item.group.id),
            ("체크리스트 (직무·레벨)", "/roles/<role>/<level>/checklist/", urls.checklist(role.id, level.id), None),
            ("체크리스트 (전체, 항목)", "/checklist/#<item>", urls.CHECKLIST, item.id),
            ("면접 키트", "/roles/<role>/<level>/interview/", urls.kit(role.id, level.id), None),
            ("역량 매트릭스", "/roles/<role>/matrix/", urls.matrix(role.id), None),
            ("평가 항목 (KPI)", "/kpis/#<dimension>", urls.KPIS, f.kpis[0].id),
        ]
        if lo_hi:
            rows.append(("레벨 간 변화", "/roles/<role>/<lower>-to-<upper>/", urls.diff(role.id, lo_hi[0].id, lo_hi[1].id), None))
        if q:
            rows.append(("면접 질문", "/interview/<area>/#<question>", urls.question_bank(f.item(q.items[0]).area.id), q.id))
        lines = ["| 대상 | URL 패턴 | 예 |", "|---|---|---|"]
        for what, pattern, src, anchor in rows:
            example = urls.url(src) + (f"#{anchor}" if anchor else "")
            lines.append(f"| {what} | `{pattern}` | {link(example, src, anchor)} |")
        return Markup("\n".join(lines))

    @env.macro
    def data_links() -> str:
        """Links to the published exports."""
        role, level = first_jd()
        rows = [("프레임워크 전체 (JSON)", urls.API_FRAMEWORK), ("JSON 스키마", urls.API_SCHEMA),
                ("JD 한 페이지 (JSON)", urls.api_jd(role.id, level.id)), ("매트릭스 (CSV, UTF-8 BOM)", urls.API_MATRIX),
                ("안정 URL과 앵커 목록", urls.URL_LIST)]
        return Markup("\n".join(f"- {md_escape(what)}: {link(urls.url(src), src)}" for what, src in rows))

    @env.macro
    def page_link(kind: str, *ids: str, text: str | None = None) -> str:
        """A link to a generated page: page_link('jd', 'python-backend', 'junior'), page_link('area', 'python-core')."""
        targets = {
            "roles": lambda: (urls.ROLES, "직무"), "levels": lambda: (urls.LEVELS, "레벨"),
            "progression": lambda: (urls.PROGRESSION, "성장 경로"), "competencies": lambda: (urls.COMPETENCIES, "역량"),
            "kpis": lambda: (urls.KPIS, "평가 항목 (KPI)"), "roadmap": lambda: (urls.ROADMAP, "학습 로드맵"),
            "role": lambda: (urls.role(ids[0]), fw().role(ids[0]).title),
            "jd": lambda: (urls.jd(*ids), fw().role(ids[0]).levels[ids[1]].title),
            "level": lambda: (urls.level(ids[0]), fw().level(ids[0]).title),
            "area": lambda: (urls.area(ids[0]), fw().area(ids[0]).title),
            "matrix": lambda: (urls.matrix(ids[0]), "역량 매트릭스"),
            "diff": lambda: (urls.diff(*ids), f"{fw().level(ids[1]).title} → {fw().level(ids[2]).title}"),
        }
        if kind not in targets:
            raise ValueError(f"page_link: unknown kind '{kind}'; use one of {', '.join(targets)}")
        src, title = targets[kind]()
        return Markup(link(text or title, src))

