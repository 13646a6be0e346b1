"""`mkdocs serve --livereload` as `make serve` ran it before `career serve` (the "before" of `run.py --only edit`): the
career plugin without its `on_startup`, so MkDocs starts each rebuild afresh, as it did then (every save read the whole
framework, drew every page of both editions and started the English edition's process again)."""
from __future__ import annotations

import sys

from macros.adapters.plugin import CareerPlugin

del CareerPlugin.on_startup  # MkDocs keeps a plugin between rebuilds only when it has one

from mkdocs.__main__ import cli  # noqa: E402 - after the plugin is as it was

if __name__ == "__main__":
    sys.argv = ["mkdocs", "serve", "--livereload", *sys.argv[1:]]
    cli()
