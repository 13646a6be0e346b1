"""The site's own theme: Material overrides (`theme/*.html`, `theme/partials/`) and the CSS and JavaScript every page
loads (`theme/assets/`). The one list of them: the plugin adds the folder and the files to any project's config, and
the static export writes them into its mkdocs.yml, so a project's mkdocs.yml names none of the engine's files."""
from __future__ import annotations

from pathlib import Path

THEME = Path(__file__).resolve().parent / "theme"

STYLES = ("assets/framework.css",)

#: In load order. Each script acts only on the pages that hold its element; records.js is the records' model, which
#: checklist.js and the record pages read.
SCRIPTS = (
    "assets/site.js",
    "assets/store.js",
    "assets/records.js",
    "assets/checklist.js",
    "assets/kit.js",
    "assets/records-pages.js",
    "assets/record.js",
    "assets/packet.js",
    "assets/team.js",
    "assets/switcher.js",  # the level switcher on every page (theme/partials/switcher.html)
)

#: The scripts of pages only the internal build has (the interview sheet, the record pages): the public build neither
#: loads nor holds them.
INTERNAL_SCRIPTS = frozenset({"assets/kit.js", "assets/records-pages.js", "assets/record.js", "assets/packet.js",
                              "assets/team.js"})


def scripts(audience: str) -> tuple[str, ...]:
    """The scripts every page of a build for `audience` loads, in order."""
    return SCRIPTS if audience == "internal" else tuple(s for s in SCRIPTS if s not in INTERNAL_SCRIPTS)
