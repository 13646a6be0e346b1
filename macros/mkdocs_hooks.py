"""MkDocs hook (listed in mkdocs.yml): a thin shim around `macros.site_build`.

MkDocs loads this file once per process, so on each build it drops our modules from
`sys.modules` and imports them again: `mkdocs serve` then picks up edits to `macros/`.
It runs before other plugins' `on_config` (priority 100), so mkdocs-macros sees fresh code too.
"""
from __future__ import annotations

import importlib
import sys
from types import ModuleType

from mkdocs.plugins import event_priority

_build: ModuleType | None = None


def _fresh_build_module() -> ModuleType:
    for name in [n for n in sys.modules if n == "macros" or n.startswith("macros.")]:
        del sys.modules[name]
    return importlib.import_module("macros.site_build")


@event_priority(100)
def on_config(config):  # noqa: ANN001, ANN201 - MkDocs event signature
    global _build
    _build = _fresh_build_module()
    return _build.on_config(config)


def on_files(files, config):  # noqa: ANN001, ANN201 - MkDocs event signature
    assert _build is not None
    return _build.on_files(files, config)
