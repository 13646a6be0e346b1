"""How a new framework repository names the engine in its requirements.txt, so that `make` installs it as a package.

The engine is not on a package index. By default a new repository installs it from where the running engine came
from (PEP 610: the distribution's `direct_url.json`): a source checkout as an editable install of that folder, a git
install pinned to its commit, an archive by its URL. `career init --engine` names another source, typically a git
tag: `git+https://github.com/<org>/career-framework@v1.2.0`.
"""
from __future__ import annotations

import json
import re
import shlex
import tomllib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlparse

from ..core.outputs import OutputRefused

DIST = "career-framework"
#: URL schemes pip installs from, with or without a VCS prefix.
URL = re.compile(r"(?:git\+)?(?:https|ssh|file)://\S+|git\+git@\S+")
REQUIREMENT = re.compile(rf"{re.escape(DIST)}\s*(?:@\s*\S+|(?:==|~=|>=)\s*[0-9][\w.!+-]*)")


@dataclass(frozen=True)
class Engine:
    """The requirements.txt line that installs the engine, and where it comes from in words."""

    line: str
    source: str
    local: bool  # a folder on this machine: CI elsewhere cannot install it

    @property
    def pinned(self) -> bool:
        """Whether the line names one release: a version, a commit or a tag (a folder follows its checkout)."""
        return "==" in self.line or bool(re.search(r"@[^/@\s]+$", self.line)) or self.line.endswith((".whl", ".tar.gz", ".zip"))


def _checkout() -> Path | None:
    """The engine's source checkout when the running engine is one (an editable install, or PYTHONPATH)."""
    root = Path(__file__).resolve().parents[2]
    project = root / "pyproject.toml"
    try:
        name = tomllib.loads(project.read_text(encoding="utf-8")).get("project", {}).get("name")
    except (OSError, ValueError):
        return None
    return root if name == DIST else None


def folder(path: Path) -> Engine:
    """An editable install of a source checkout: the new repository runs that folder's engine as it changes."""
    path = path.resolve()
    return Engine(f"-e {shlex.quote(str(path))}", f"the engine's source folder {path} (editable)", local=True)


def installed() -> Engine:
    """Where the running engine was installed from."""
    checkout = _checkout()
    if checkout is not None:
        return folder(checkout)
    try:
        dist = metadata.distribution(DIST)
    except metadata.PackageNotFoundError:
        raise OutputRefused(f"cannot tell where this engine was installed from (no {DIST} distribution); "
                            "name it with --engine, e.g. --engine git+https://github.com/<org>/career-framework@<tag>") from None
    raw = dist.read_text("direct_url.json")
    if not raw:  # from a package index
        return Engine(f"{DIST}=={dist.version}", f"{DIST} {dist.version} from the package index", local=False)
    doc = json.loads(raw)
    url = str(doc.get("url", ""))
    if "vcs_info" in doc:
        vcs = doc["vcs_info"]
        ref = vcs.get("commit_id") or vcs.get("requested_revision")
        return Engine(f"{DIST} @ {vcs.get('vcs', 'git')}+{url}" + (f"@{ref}" if ref else ""),
                      f"{url} at {vcs.get('requested_revision') or ref}", local=url.startswith("file:"))
    if "dir_info" in doc and url.startswith("file:"):
        path = Path(unquote(urlparse(url).path))
        if doc["dir_info"].get("editable"):
            return folder(path)
        return Engine(f"{DIST} @ {url}", f"the folder {path}", local=True)
    return Engine(f"{DIST} @ {url}", url, local=url.startswith("file:"))


def given(spec: str) -> Engine:
    """`--engine SPEC`: a URL pip installs from (a git URL with a tag, an archive), a folder holding the engine's source,
    or a requirement naming the engine."""
    spec = spec.strip()
    if not spec or any(ord(c) < 32 or c == "\x7f" for c in spec) or len(spec) > 500:
        raise OutputRefused("--engine: give one line (a git URL, a folder or a requirement naming career-framework)")
    if REQUIREMENT.fullmatch(spec):
        return Engine(spec, spec, local="file:" in spec)
    if URL.fullmatch(spec):
        return Engine(f"{DIST} @ {spec}", spec, local=spec.startswith(("file:", "git+file:")))
    path = Path(spec).expanduser()
    if path.is_dir():
        if not (path / "pyproject.toml").is_file() or not (path / "macros" / "__init__.py").is_file():
            raise OutputRefused(f"--engine {spec}: this folder does not hold the engine's source (pyproject.toml and macros/)")
        return folder(path)
    raise OutputRefused(f"--engine {spec[:80]}: give a git URL with a tag (git+https://github.com/<org>/career-framework@v1.2.0), "
                        f"an archive URL, a folder holding the engine's source, or a requirement ({DIST} @ URL, {DIST}==VERSION)")
