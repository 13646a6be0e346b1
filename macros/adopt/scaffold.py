"""`career init DIR`: a new, working framework repository in a new or empty folder.

The repository's files come from `template/` (package data): `common/` (Makefile, CI workflows, .gitignore) and one
folder per language (README, mkdocs.yml, a hand-written page and a small framework; the home page is generated). A
path component `dot-NAME` is written as `.NAME` (so that this repository's own git and linters never read the
templates' `.gitignore` and `.github/`). `@ENGINE@` in requirements.txt becomes the line that installs the engine (`engine.py`).

Writing goes through `core/outputs.py`: the files are written into a new folder beside the target, the framework
in it is checked with the running engine, and the folder is moved into place. The target must be new or empty
and outside any git repository; otherwise nothing is written and the command exits 2.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from ..core.diagnostics import Diagnostic
from ..core.files import display_path
from ..core.framework import Framework
from ..core.loading import check
from ..core.outputs import MARKER, OutputRefused, Protected, write_folder
from ..core.text import Language
from .engine import Engine

TEMPLATE = resources.files(__package__) / "template"
ENGINE_LINE = "@ENGINE@"


@dataclass(frozen=True)
class Created:
    """What `career init` wrote."""

    target: Path
    lang: Language
    files: tuple[str, ...]
    fw: Framework
    engine: Engine


def template_files(lang: Language, engine: Engine) -> dict[str, bytes]:
    """Every file of a new repository in `lang`: path in the repository -> content."""
    out: dict[str, bytes] = {}
    for part in ("common", lang):
        for rel, data in _walk(TEMPLATE / part, ()):
            out[rel] = data
    req = out["requirements.txt"].decode("utf-8")
    out["requirements.txt"] = req.replace(ENGINE_LINE, engine.line).encode("utf-8")
    return dict(sorted(out.items()))


def _walk(node: Traversable, parts: tuple[str, ...]) -> list[tuple[str, bytes]]:
    found: list[tuple[str, bytes]] = []
    for child in sorted(node.iterdir(), key=lambda c: c.name):
        if child.name == "__pycache__":
            continue
        name = "." + child.name.removeprefix("dot-") if child.name.startswith("dot-") else child.name
        if child.is_dir():
            found += _walk(child, (*parts, name))
        else:
            found.append(("/".join((*parts, name)), child.read_bytes()))
    return found


def refusal(target: Path) -> str | None:
    """Why `career init` will not write into `target`, or None. It writes only a new folder or an empty one, outside
    any git repository (a framework repository is a repository of its own; it never adds to another)."""
    shown = display_path(target)
    if target.is_symlink():
        return f"{shown} is a symbolic link; give the new folder's own path"
    if target.exists() and not target.is_dir():
        return f"{shown} is a file; give a new or empty folder"
    if (target / ".git").exists():
        return f"{shown} holds a git repository; career init never writes into an existing repository: give a new folder"
    if target.is_dir() and any(target.iterdir()):
        return f"{shown} is not empty; career init writes only into a new or empty folder, and never adds to existing files"
    if target == Path.cwd().resolve():
        return (f"{shown} is the working folder; the new repository is written beside it and moved into its place as a "
                f"whole, so run career init from the folder above: cd .. && career init {target.name}")
    above = next((p for p in target.parents if (p / ".git").exists()), None)
    if above is not None:
        return (f"{shown} is inside the git repository {display_path(above)}; a framework repository is a repository of "
                f"its own (its Makefile, CI and `career diff` read its root): give a folder outside it, "
                f"e.g. {display_path(above.parent / target.name)}")
    return None


class TemplateError(Exception):
    """The templates do not make a valid framework for the running engine (a bug of the engine, not of the user)."""


def init(target: Path, lang: Language, engine: Engine) -> Created:
    """Write a new framework repository in `lang` into `target` (see the module docstring)."""
    target = Path(os.path.normpath(Path.cwd() / target))  # `..` read as written; a link is refused, not followed
    why = refusal(target)
    if why is None:
        target = target.parent.resolve() / target.name  # the links above it followed (the repository check sees them)
        why = refusal(target)
    if why:
        raise OutputRefused(why)
    files = template_files(lang, engine)

    def fill(folder: Path) -> Framework:
        for rel, data in files.items():
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        fw, problems = check(folder / "framework")
        errors = [d for d in problems if d.severity == "error"]
        if fw is None or errors:
            raise TemplateError("the new framework does not pass `career check`: " + "; ".join(_shown(d, folder) for d in errors))
        return fw

    fw = write_folder(target, fill, Protected.around(Path.cwd() / "framework"), flag="career init", what="career init")
    (target / MARKER).unlink(missing_ok=True)  # the repository is the organisation's, not an export to replace
    return Created(target, lang, tuple(files), fw, engine)


def _shown(d: Diagnostic, folder: Path) -> str:
    return str(d).replace(str(folder), "<new repository>")


SUMMARY = """\
Wrote a new career framework repository to {target} ({language}; {n} files):
  the site: README.md, Makefile, requirements.txt, mkdocs.yml, docs/contributing.md (a hand-written page), .gitignore
  CI: .github/workflows/ pull-request.yml (tests and the review report), pr-comment.yml, deploy.yml
  framework/: {counts}
The engine comes from requirements.txt: {line}
"""
LOCAL = """\
  That is a folder on this machine. Before you push, point requirements.txt at a git tag of the engine
  (career-framework @ git+https://github.com/<org>/career-framework@<tag>), or CI cannot install it.
"""
UNPINNED = "  It is not pinned to a release: add @<tag> so that every build uses the same engine.\n"
NEXT = """\
Next:
  cd {target}
  make serve   # the site on http://127.0.0.1:8000, rebuilt as you edit framework/ (the first run installs .venv)
  make test    # what CI runs: career check, then strict builds of the internal and the public site
Then make it a repository of its own: git init -b main && git add -A && git commit -m "Career framework"
"""
LANGUAGE_NAMES = {"ko": "Korean", "en": "English"}


def summary(created: Created, counts: str) -> str:
    """What was written, where the engine comes from, and the next commands (in English, as every message of `career`)."""
    target = display_path(created.target)
    text = SUMMARY.format(target=target, language=LANGUAGE_NAMES[created.lang], n=len(created.files), counts=counts,
                          line=created.engine.line)
    if created.engine.local:
        text += LOCAL
    elif not created.engine.pinned:
        text += UNPINNED
    return text + NEXT.format(target=target)
