"""The MkDocs side of a build: load the framework, add its generated pages, nav and URL list.

Called by `mkdocs_hooks.py`, which re-imports this package on every build so that edits to
`macros/` show up on the next `mkdocs serve` reload.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from . import exports, nav, revisions, urls
from .provenance import Provenance, Repository, last_changed
from .contract import check_contract
from .diagnostics import FrameworkError
from .framework import Framework
from .loading import load_cached
from .pages import Page, build_pages, redirects, url_list_json
from .routes import redirect_html

_state: dict[str, "Generated"] = {}


@dataclass(frozen=True)
class Generated:
    """Everything a build adds to MkDocs: pages, static files (redirects, URL list, API), nav, footer."""

    fw: Framework
    pages: list[Page]
    static_files: list[tuple[str, str]]
    nav: list
    copyright: str


def framework_dir(config: MkDocsConfig) -> Path:
    """`extra.framework_dir` (default `framework/`), relative to mkdocs.yml."""
    return project_dir(config) / str(config.extra.get("framework_dir", "framework"))


def project_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path or ".").resolve().parent


def generate(config: MkDocsConfig) -> Generated:
    """Load the framework (once per build) and produce every generated page and file."""
    fw_dir = framework_dir(config)
    try:
        fw = load_cached(fw_dir)
    except FrameworkError as exc:
        raise PluginError("framework/ has problems (run `career check`):\n" + exc.report()) from None
    history = revisions.history(fw_dir, cache_dir=project_dir(config) / ".cache" / "changelog")
    version = revisions.describe(fw_dir)
    repo = Repository.from_config(config.repo_url, config.edit_uri, str(config.extra.get("framework_dir", "framework")))
    pages = build_pages(fw, config.site_url, Provenance(fw, repo, last_changed(history)), history, version)
    broken = check_contract(fw, pages, fw_dir)
    if broken:
        raise PluginError("framework/ breaks links of the last release (run `career check`):\n" + FrameworkError(broken).report())
    static = [(urls.url(old).strip("/") + "/index.html", redirect_html(urls.href(old, new)))
              for old, new in redirects(fw, pages).items()]
    static.append((urls.URL_LIST, url_list_json(fw, pages)))
    static += api_files(fw, config.site_url)
    note = f"프레임워크 {fw.meta.version}" + (f" · {version}" if version else "")
    return Generated(fw, pages, static, nav.merge(nav.generated(fw), config.nav),
                     f"{config.copyright} · {note}" if config.copyright else note)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    gen = generate(config)
    _state["gen"] = gen
    config.nav = gen.nav
    config.copyright = gen.copyright
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    gen = _state["gen"]
    for page in gen.pages:
        if files.get_file_from_path(page.src) is not None:
            raise PluginError(f"docs/{page.src} conflicts with a page generated from framework/; remove or rename it")
        files.append(File.generated(config, page.src, content=page.markdown))
    for path, content in gen.static_files:
        if files.get_file_from_path(path) is None:
            files.append(File.generated(config, path, content=content))
    return files


def api_files(fw: Framework, base_url: str | None) -> list[tuple[str, str]]:
    """The exports published with the site under /api/."""
    out = [(urls.API_FRAMEWORK, exports.framework_json(fw)), (urls.API_SCHEMA, exports.framework_schema()),
           (urls.API_MATRIX, exports.matrix_csv(fw))]
    for role in fw.roles:
        for level, _ in fw.role_levels(role):
            out.append((urls.api_jd(role.id, level.id), exports.jd_json(fw, role, level, base_url)))
    return out
