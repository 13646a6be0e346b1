"""Career framework as code: the core, the MkDocs plugin and the mkdocs-macros entry point.

Layers, each importing only those below it: `core` (data) < `views` (derived facts) < `review`
(changes, history, provenance) < `site` (pages, templates) < `exports` < `app` (one build) <
`adapters` (MkDocs plugin, mkdocs-macros, static export) and `cli`.
"""
from typing import Any


def define_env(env: Any) -> None:
    """mkdocs-macros entry point (imported lazily so that the CLI does not load MkDocs)."""
    from .adapters.macros_env import define_env as _define_env  # noqa: PLC0415 - keeps MkDocs out of the CLI

    _define_env(env)
