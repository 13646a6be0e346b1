"""The MkDocs side of a build: load the framework, add its generated pages, nav and URL list.

Called by `mkdocs_hooks.py`, which re-imports this package on every build so that edits to
`macros/` show up on the next `mkdocs serve` reload.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from . import exports, nav, revisions, urls
from .provenance import Provenance, Repository, last_changed
from .contract import check_contract
from .diagnostics import FrameworkError
from .loading import load_cached
from .pages import Page, build_pages, redirects, url_list_json
from .routes import redirect_html

_state: dict[str, object] = {}


def framework_dir(config: MkDocsConfig) -> Path:
    """`extra.framework_dir` (default `framework/`), relative to mkdocs.yml."""
    base = Path(config.config_file_path or ".").resolve().parent
    return base / str(config.extra.get("framework_dir", "framework"))


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        fw = load_cached(framework_dir(config))
    except FrameworkError as exc:
        raise PluginError("framework/ has problems (run `career check`):\n" + exc.report()) from None
    fw_dir = framework_dir(config)
    history = revisions.history(fw_dir, cache_dir=Path(config.config_file_path or ".").resolve().parent / ".cache" / "changelog")
    version = revisions.describe(fw_dir)
    repo = Repository.from_config(config.repo_url, config.edit_uri,
                                  str(config.extra.get("framework_dir", "framework")))
    prov = Provenance(fw, repo, last_changed(history))
    pages = build_pages(fw, config.site_url, prov, history, version)
    note = f"프레임워크 {fw.meta.version}" + (f" · {version}" if version else "")
    config.copyright = f"{config.copyright} · {note}" if config.copyright else note
    broken = check_contract(fw, pages, framework_dir(config))
    if broken:
        raise PluginError("framework/ breaks links of the last release (run `career check`):\n" + FrameworkError(broken).report())
    _state.update(fw=fw, pages=pages)
    config.nav = nav.merge(nav.generated(fw), config.nav)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    pages: list[Page] = _state["pages"]  # type: ignore[assignment]
    for page in pages:
        if files.get_file_from_path(page.src) is not None:
            raise PluginError(f"docs/{page.src} conflicts with a page generated from framework/; remove or rename it")
        files.append(File.generated(config, page.src, content=page.markdown))
    fw = _state["fw"]
    for old, new in redirects(fw, pages).items():  # type: ignore[arg-type]
        target = urls.href(old, new)
        path = urls.url(old).strip("/") + "/index.html"
        if files.get_file_from_path(path) is None:
            files.append(File.generated(config, path, content=redirect_html(target)))
    files.append(File.generated(config, urls.URL_LIST, content=url_list_json(fw, pages)))  # type: ignore[arg-type]
    for path, content in api_files(fw, config.site_url):  # type: ignore[arg-type]
        files.append(File.generated(config, path, content=content))
    return files


def api_files(fw, base_url: str | None) -> list[tuple[str, str]]:  # noqa: ANN001
    """The exports published with the site under /api/."""
    out = [(urls.API_FRAMEWORK, exports.framework_json(fw)), (urls.API_SCHEMA, exports.framework_schema()),
           (urls.API_MATRIX, exports.matrix_csv(fw))]
    for role in fw.roles:
        for level, _ in fw.role_levels(role):
            out.append((urls.api_jd(role.id, level.id), exports.jd_json(fw, role, level, base_url)))
    return out
