"""The `career` MkDocs plugin: a thin adapter over `app.build`.

On each build it reads the framework (no state is kept between builds), adds the generated pages,
files, navigation and footer, and leaves hand-written pages to mkdocs-macros. Options come from
mkdocs.yml; environment variables override them (CAREER_FRAMEWORK_DIR, CAREER_AUDIENCE,
CAREER_LANGUAGE). `mkdocs serve` rebuilds on YAML and template edits; a Python edit needs a restart.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Literal

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils.meta import get_data

from ..app import BuildError, BuildOptions, SiteBuild, build
from ..site.search import Glossary, add_hidden_field, index_json, page_entries
from .page import GeneratedPage


class CareerConfig(Config):
    framework_dir = c.Type(str, default="framework")
    audience = c.Choice(("internal", "public"), default="internal")
    language = c.Choice(("ko", "en"), default="ko")
    history = c.Type(bool, default=True)


def _env_choice(name: str, allowed: tuple[str, ...], default: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if value not in allowed:
        raise PluginError(f"{name}={value[:40]!r} is not one of {', '.join(allowed)}")
    return value


class CareerPlugin(BasePlugin[CareerConfig]):
    """Generated pages from framework/ (see the module docstring)."""

    def __init__(self) -> None:
        self.site: SiteBuild | None = None
        self.dropped: set[str] = set()

    @property
    def audience(self) -> Literal["internal", "public"]:
        return _env_choice("CAREER_AUDIENCE", ("internal", "public"), self.config.audience)  # type: ignore[return-value]

    @property
    def language(self) -> Literal["ko", "en"]:
        return _env_choice("CAREER_LANGUAGE", ("ko", "en"), self.config.language)  # type: ignore[return-value]

    @event_priority(100)  # before mkdocs-macros, which reads `site` in its macros
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        options, self.dropped = options_for(self, config)
        try:
            self.site = build(options)
        except BuildError as exc:
            raise PluginError(str(exc)) from None
        config.nav = self.site.nav
        config.copyright = self.site.footer
        if self.audience == "public":
            config.repo_url = None
            config.edit_uri = ""
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.site is not None
        for src in self.dropped:
            found = files.get_file_from_path(src)
            if found is not None:
                found.inclusion = InclusionLevel.EXCLUDED
        for page in self.site.pages:
            if files.get_file_from_path(page.src) is not None:
                raise PluginError(f"docs/{page.src} conflicts with a page generated from framework/; remove or rename it")
            file = File.generated(config, page.src, content="")
            GeneratedPage(page, file, config)
            files.append(file)
        for path, content in self.site.files:
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, content=content))
        return files


    @event_priority(-50)  # after Material's search plugin wrote the index of the hand-written pages
    def on_post_build(self, config: MkDocsConfig) -> None:
        path = Path(config.site_dir) / "search" / "search_index.json"
        if self.site is None or not path.is_file():
            return
        index = json.loads(path.read_text(encoding="utf-8"))
        glossary = Glossary(self.site.fw.glossary)
        docs = [add_hidden_field(e, glossary) for e in index["docs"]]
        for page in self.site.pages:
            docs += page_entries(page, glossary)
        path.write_text(index_json(index["config"], docs), encoding="utf-8")


def options_for(plugin: CareerPlugin, config: MkDocsConfig) -> tuple[BuildOptions, set[str]]:
    """The build options for a MkDocs config, and the hand-written pages this audience leaves out."""
    project = Path(config.config_file_path or ".").resolve().parent
    fw_dir = Path(os.environ.get("CAREER_FRAMEWORK_DIR") or plugin.config.framework_dir)
    docs = Path(config.docs_dir)
    hand_written = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")} if docs.is_dir() else set()
    dropped = {src for src in hand_written if plugin.audience == "public" and _internal_page(docs / src)}
    options = BuildOptions(
        framework_dir=fw_dir if fw_dir.is_absolute() else project / fw_dir, project_dir=project,
        site_url=config.site_url, repo_url=config.repo_url if plugin.audience == "internal" else None,
        edit_uri=config.edit_uri, copyright=config.copyright, user_nav=_without(config.nav, dropped),
        audience=plugin.audience, language=plugin.language, history=plugin.config.history,
        docs_pages=frozenset(hand_written - dropped))
    return options, dropped


def _internal_page(path: Path) -> bool:
    """A hand-written page marked `audience: internal` in its front matter."""
    try:
        _, meta = get_data(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return False
    return meta.get("audience") == "internal"


def _without(nav: Any, dropped: set[str]) -> Any:
    """The user's nav without entries for dropped pages (and sections left empty)."""
    if not dropped or nav is None:
        return nav
    if isinstance(nav, list):
        return [x for x in (_without(e, dropped) for e in nav) if x not in (None, [], {})]
    if isinstance(nav, dict):
        return {k: v for k, v in ((k, _without(v, dropped)) for k, v in nav.items()) if v not in (None, [], {})}
    return None if nav in dropped else nav
