"""The thin MkDocs adapter: load the framework, add its generated pages, nav and URL list.

MkDocs runs this file anew on every build (also on each `mkdocs serve` rebuild), so dropping
our modules from `sys.modules` here makes edits to `macros/` show up on the next reload.
"""
from __future__ import annotations

import sys

for _name in [n for n in sys.modules if n == "macros" or n.startswith("macros.")]:
    del sys.modules[_name]

from pathlib import Path  # noqa: E402

from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from macros import nav, urls  # noqa: E402
from macros.diagnostics import FrameworkError  # noqa: E402
from macros.loading import load_cached  # noqa: E402
from macros.pages import Page, build_pages, url_list  # noqa: E402

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
