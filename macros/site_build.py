"""The MkDocs side of a build: load the framework, add its generated pages, nav and URL list.

Called by `mkdocs_hooks.py`, which re-imports this package on every build so that edits to
`macros/` show up on the next `mkdocs serve` reload.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from . import nav, urls
from .diagnostics import FrameworkError
from .loading import load_cached
from .pages import Page, build_pages, url_list

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
    pages = build_pages(fw)
    _state.update(fw=fw, pages=pages)
    config.nav = nav.merge(nav.generated(fw), config.nav)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    pages: list[Page] = _state["pages"]  # type: ignore[assignment]
    for page in pages:
        if files.get_file_from_path(page.src) is not None:
            raise PluginError(f"docs/{page.src} conflicts with a page generated from framework/; remove or rename it")
        files.append(File.generated(config, page.src, content=page.markdown))
    files.append(File.generated(config, urls.URL_LIST, content=url_list(_state["fw"], pages)))  # type: ignore[arg-type]
    return files
