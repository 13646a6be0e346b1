"""Markdown rendering with escaping by default: data is always printed as inert text.

Every `{{ expression }}` in a page template passes through `finalize`, which escapes it for
Markdown and HTML unless it is `Markup` (output of our own link helpers). So text from YAML can
never become markup, a link, or template code, whatever it contains.
"""
from __future__ import annotations

import html
import json
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup

from . import urls
from .text import Text

TEMPLATES = Path(__file__).resolve().parent / "templates"
# Python-Markdown's escapable characters (plus '|' from the tables extension).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
_SPACE = re.compile(r"\s+")


def md_escape(value: Any) -> str:
    """Inline Markdown for a plain text: HTML-escaped, Markdown-escaped, whitespace folded."""
    return _md_escape(str(value))


@lru_cache(maxsize=65536)
def _md_escape(text: str) -> str:
    text = _SPACE.sub(" ", text).strip()
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    if value is None:
        raise ValueError("template printed None")
    return md_escape(value)


def front_matter(title: str, **extra: Any) -> str:
    """YAML front matter for a generated page (values as JSON, which is YAML). The title is
    HTML-escaped because themes print it raw."""
    lines = ["---", f"title: {json.dumps(html.escape(str(title)), ensure_ascii=False)}", "render_macros: false"]
    lines += [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in extra.items() if v is not None]
    return "\n".join(lines + ["---", ""])


@pass_context
def _link(ctx: Any, text: Any, to_src: str, anchor: str | None = None) -> Markup:
    """`[text](relative/path.md#anchor)` from the page being rendered."""
    return Markup(f"[{md_escape(text)}]({urls.relative(ctx['page_src'], to_src, anchor)})")


def _ext(text: Any, url: str) -> Markup:
    """A Markdown link to an external URL (query strings already encoded)."""
    safe = url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")
    return Markup(f"[{md_escape(text)}]({safe})")


def _text(value: Text | str, lang: str = "ko") -> str:
    return value.get(lang) if isinstance(value, Text) else value


def _block(value: Any) -> Markup:
    """A multi-paragraph text: each paragraph escaped, blank lines kept between them."""
    paras = [p for p in re.split(r"\n\s*\n", str(value)) if p.strip()]
    return Markup("\n\n".join(md_escape(p) for p in paras))


def _h(value: Any) -> Markup:
    """Escape for raw HTML (element text or a quoted attribute), where Markdown escapes do not apply."""
    return _h_cached(str(value))


@lru_cache(maxsize=65536)
def _h_cached(text: str) -> Markup:
    return Markup(html.escape(_SPACE.sub(" ", text).strip(), quote=True))


@pass_context
def _href(ctx: Any, to_src: str, anchor: str | None = None) -> Markup:
    """A relative URL for a raw HTML link from the page being rendered."""
    return Markup(html.escape(urls.href(ctx["page_src"], to_src, anchor), quote=True))


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    """Compiled templates kept between processes (builds), in the user's cache folder."""
    folder = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "career-framework" / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder)) if os.access(folder, os.W_OK) else None


_FRAGMENTS: dict[tuple, Markup] = {}


def _checklist_item(p: Any, link: str, order: int) -> Markup:
    """A checklist item's HTML; items repeat across checklist pages, so each is rendered once per link."""
    key = (p.id, p.item.title.ko, p.level.id, p.item.aliases, p.area.id, p.group.id, str(link), order)
    if key not in _FRAGMENTS:
        _FRAGMENTS[key] = Markup(render_document("_checklist_item.html.j2", html_output=True, p=p, link=link, order=order))
    return _FRAGMENTS[key]


def environment() -> Environment:
    """The Jinja environment for page templates (`macros/templates/*.md.j2`)."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        bytecode_cache=_bytecode_cache(),
        autoescape=False,  # Markdown output: escaping is done by `finalize`, not by HTML autoescape
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(link=_link, href=_href, ext=_ext, urls=urls, checklist_item=_checklist_item)
    env.filters.update(text=_text, block=_block, h=_h)
    return env


_ENV: Environment | None = None


def render(template: str, page_src: str, **context: Any) -> str:
    """Render one page template for the page at `page_src`."""
    global _ENV
    if _ENV is None:
        _ENV = environment()
    return _ENV.get_template(template).render(page_src=page_src, **context)


_DOC_ENVS: dict[bool, Environment] = {}


def render_document(template: str, *, html_output: bool, **context: Any) -> str:
    """Render an export document: HTML with autoescaping, or plain text (no escaping, no Markdown)."""
    if html_output not in _DOC_ENVS:
        env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=html_output, undefined=StrictUndefined,
                          trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
        env.filters.update(text=_text)
        _DOC_ENVS[html_output] = env
    return _DOC_ENVS[html_output].get_template(template).render(**context)
