"""`career export --format mkdocs`: the site as a plain MkDocs project (Markdown, assets, mkdocs.yml)
that builds with mkdocs-material alone: no macros, no plugin, no project code. It is the portable
form of the site (e.g. for Zensical, which reads mkdocs.yml) and the benchmark's floor. It holds the
main edition (the first language); CAREER_LANGUAGES=en exports the English one.

Generated pages are written as their HTML, with the headings of their table of contents (as their templates
recorded them, site/render.py) turned into Markdown headings, so the plain build has the same table of contents;
every text in them stays escaped.
"""
from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import yaml
from jinja2 import Environment, StrictUndefined
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

from ..app import SiteBuild, build
from ..core import escape
from ..core.outputs import Protected, check_folder, write_folder
from ..site.assets import INTERNAL_SCRIPTS, STYLES, THEME, scripts
from ..site.pages import SitePage
from ..site.render import Anchor
from .macros_env import define_env
from .page import front_matter
from .plugin import CareerPlugin, options_for

_TAGS = re.compile(r"(<[^>]+>)")


class _Tagged:
    """A YAML value with a tag we keep as written (`!ENV`, `!!python/...`)."""

    def __init__(self, tag: str, value: Any) -> None:
        self.tag, self.value = tag, value


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _keep(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> _Tagged:
    if isinstance(node, yaml.MappingNode):
        return _Tagged(node.tag, loader.construct_mapping(node, deep=True))
    if isinstance(node, yaml.SequenceNode):
        return _Tagged(node.tag, loader.construct_sequence(node, deep=True))
    return _Tagged(node.tag, loader.construct_scalar(node))  # type: ignore[arg-type]


def _emit(dumper: yaml.SafeDumper, data: _Tagged) -> yaml.Node:
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value, flow_style=True)
    return dumper.represent_scalar(data.tag, data.value)


_Loader.add_multi_constructor("!", _keep)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _keep)
_Dumper.add_representer(_Tagged, _emit)


def _markdown_heading(heading: Anchor) -> str:
    """`## text { #id }`: the recorded heading's text escaped for Markdown, its inline tags (language spans) kept."""
    def words(part: str) -> str:  # the spaces around a piece of text between tags stay
        core = part.strip()
        if not core:
            return part
        return part[: len(part) - len(part.lstrip())] + str(escape.markdown(html.unescape(core))) + part[len(part.rstrip()):]

    text = "".join(p if p.startswith("<") else words(p) for p in _TAGS.split(heading.inner))
    return f"{'#' * heading.level} {text.strip()} {{ #{heading.id} }}"


def page_markdown(page: SitePage) -> str:
    """A generated page as a Markdown source: front matter, then its HTML with the headings of its table of
    contents in Markdown."""
    meta = front_matter(page)
    head = ["---", *(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items()), "---", ""]
    body, out, at = page.body.html, [], 0
    for h in page.body.headings:
        if h.level > page.body.toc_depth:
            continue
        start = body.find(h.html, at)
        if start < 0:
            continue
        out += [body[at:start], f"\n\n{_markdown_heading(h)}\n\n"]
        at = start + len(h.html)
    out.append(body[at:])
    return "\n".join(head) + "".join(out).rstrip("\n") + "\n"


def _as_folder(src: str) -> str:
    """`roles/r/l.md` as `roles/r/l/index.md`: the page's file where its address is (the same URL with directory URLs).
    Engines that resolve links in HTML against the Markdown file, not the page's address (Zensical), then read our
    links as we wrote them."""
    return src if src == "index.md" or src.endswith("/index.md") else src.removesuffix(".md") + "/index.md"


def _renamed(nav: Any, moved: dict[str, str]) -> Any:
    """The navigation with each generated page at its file in the export."""
    if isinstance(nav, list):
        return [_renamed(x, moved) for x in nav]
    if isinstance(nav, dict):
        return {k: _renamed(v, moved) for k, v in nav.items()}
    return moved.get(nav, nav) if isinstance(nav, str) else nav


def _render_doc(text: str, macros: dict[str, Any]) -> str:
    """A hand-written page with its macros expanded (front matter kept; `render_macros: false` honoured)."""
    body, meta = get_data(text)
    head = text[: len(text) - len(body)]
    if not meta.get("render_macros"):  # mkdocs.yml sets render_by_default: false
        return text
    env = Environment(undefined=StrictUndefined, keep_trailing_newline=True)  # noqa: S701 - Markdown output; macros escape
    env.globals.update(macros)
    return head + env.from_string(body).render()


def _mkdocs_yml(source: Path, site: SiteBuild) -> str:
    data = yaml.load(source.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - tags are kept, not run
    for key in ("hooks", "watch"):
        data.pop(key, None)
    if not site.options.repo_url:  # no repository address at export time: no edit links (an edit_uri alone is refused)
        for key in ("repo_url", "repo_name", "edit_uri"):
            data.pop(key, None)
    data["copyright"] = site.footer
    data["plugins"] = [p for p in data.get("plugins", [])
                       if not (p in ("macros", "career") or (isinstance(p, dict) and ({"macros", "career"} & set(p))))]
    moved = {page.src: _as_folder(page.src) for page in site.pages} if site.options.directory_urls else {}
    data["nav"] = _renamed(site.nav, moved)
    data["theme"]["custom_dir"] = "overrides"
    data["extra_css"] = [*STYLES, *(s for s in data.get("extra_css", []) if s not in STYLES)]
    own = scripts(site.options.audience)
    data["extra_javascript"] = [*own, *(s for s in data.get("extra_javascript", []) if s not in own)]
    header = "# Generated by `career export --format mkdocs`: a plain MkDocs project (no macros, plugin or project code).\n"
    return header + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)


class _MacroEnv:
    """Just enough of mkdocs-macros' `env` for our `define_env`: conf, page and the macro decorator."""

    def __init__(self, conf: Any) -> None:
        self.conf: Any = conf
        self.page: Any = None
        self.macros: dict[str, Any] = {}

    def macro(self, fn: Any) -> Any:
        self.macros[fn.__name__] = fn
        return fn


def export_mkdocs(config_file: Path, out: Path, *, force: bool = False) -> int:
    """Write the plain project into the folder `out` (see `core.outputs.write_folder`: a new folder, or one an
    earlier export wrote, or any other with `force`, but never the project, its framework or docs folder);
    return the number of generated pages written."""
    config = load_config(str(config_file))
    plugin = config.plugins["career"]
    assert isinstance(plugin, CareerPlugin)
    options, dropped = options_for(plugin, config)
    protected = Protected.around(options.framework_dir, options.project_dir, Path(config.docs_dir))
    check_folder(out, protected, force=force)  # before the build: a refusal costs nothing
    site: SiteBuild = build(options)
    plugin.site = site
    return write_folder(out, lambda folder: _write_project(folder, config, site, dropped), protected, force=force,
                        what="career export --format mkdocs")


def _write_project(out: Path, config: Any, site: SiteBuild, dropped: set[str]) -> int:
    docs_out = out / "docs"
    menv = _MacroEnv(config)
    define_env(menv)
    for rel, path in site.options.edition.docs_pages(Path(config.docs_dir)).items():  # the export is one edition
        if rel in dropped:
            continue
        dest = docs_out / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".md":
            menv.page = SimpleNamespace(file=SimpleNamespace(src_uri=rel))
            dest.write_text(_render_doc(path.read_text(encoding="utf-8"), menv.macros), encoding="utf-8")
        else:
            shutil.copy2(path, dest)
    for page in site.pages:
        dest = docs_out / _as_folder(page.src) if site.options.directory_urls else docs_out / page.src
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(page_markdown(page), encoding="utf-8")
    for rel, content in site.files:
        dest = docs_out / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(content, encoding="utf-8")
    left_out = set() if site.options.audience == "internal" else INTERNAL_SCRIPTS
    shutil.copytree(THEME, out / "overrides",  # the engine's theme (the audience's scripts), then the project's own over it
                    ignore=lambda folder, names: [n for n in names if (Path(folder) / n).relative_to(THEME).as_posix() in left_out])
    theme = config.theme.custom_dir
    if theme and Path(theme).is_dir() and Path(theme).resolve() != THEME:
        shutil.copytree(theme, out / "overrides", dirs_exist_ok=True)
    yml = _mkdocs_yml(Path(str(config.config_file_path)), site)
    (out / "mkdocs.yml").write_text(yml, encoding="utf-8")
    return len(site.pages)
