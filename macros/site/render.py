"""HTML rendering of generated pages: Jinja templates with HTML autoescape, so data is always text.

Generated pages never go through Markdown: a template's output is the page's HTML, its headings give
the table of contents, and every link it makes is recorded so the build can check that it resolves.
One `Renderer` per build and language; nothing is kept between builds.
"""
from __future__ import annotations

import html as html_lib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, pass_context
from jinja2.bccache import Bucket
from jinja2.runtime import Context
from markupsafe import Markup

from ..core import escape
from ..core.text import Language, Text
from . import urls
from .labels import Labels

TEMPLATES = Path(__file__).resolve().parent / "templates"
_HEADING = re.compile(r'<h([1-6]) id="([^"]+)"[^>]*>(.*?)<a class="headerlink"', re.S)
_ID = re.compile(r' id="([^"]+)"')
_TAG = re.compile(r"<[^>]+>")
_PARAGRAPHS = re.compile(r"\n\s*\n")
_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")  # jamo, compatibility jamo, syllables


@dataclass(frozen=True)
class Link:
    """A link a page makes to another generated page (or a file), to check after the build."""

    from_src: str
    to_src: str
    anchor: str | None


@dataclass
class Rendered:
    """A rendered page body: its HTML, table of contents (MkDocs toc tokens), ids and links."""

    html: str
    toc: list[dict[str, Any]]
    anchors: tuple[str, ...]
    links: list[Link] = field(default_factory=list)


def _lang_of(ctx: Context) -> Language:
    lang: Language = ctx["lang"]
    return lang


@pass_context
def _t(ctx: Context, value: Any) -> Markup:
    """A text in the page's language (escaped); a fallback in another language is marked with `lang`."""
    if isinstance(value, Text):
        text, actual = value.value(_lang_of(ctx))
        out = escape.html(escape.fold(text))
        return Markup(f'<span lang="{actual}">{out}</span>') if actual != _lang_of(ctx) else out
    return escape.html(value)


@pass_context
def _written(ctx: Context, value: str) -> Markup:
    """A string whose language the data does not record (a glossary variant, a changed text, a commit
    subject): escaped, and marked Korean on another edition's page when it is written in Hangul."""
    out = escape.html(escape.fold(value))
    return Markup(f'<span lang="ko">{out}</span>') if _lang_of(ctx) != "ko" and _HANGUL.search(value) else out


@pass_context
def _plain(ctx: Context, value: Any) -> str:
    """A text as a plain string in the page's language (for attributes; autoescaped when printed)."""
    if isinstance(value, Text):
        return escape.fold(value.get(_lang_of(ctx)))
    return escape.fold(value)


@pass_context
def _block(ctx: Context, value: Any, cls: str | None = None) -> Markup:
    """A text of one or more paragraphs as `<p>` elements (a fallback language marked on each)."""
    lang = _lang_of(ctx)
    text, actual = value.value(lang) if isinstance(value, Text) else (str(value), lang)
    attrs = (f' class="{escape.html(cls)}"' if cls else "") + (f' lang="{actual}"' if actual != lang else "")
    paras = [p for p in _PARAGRAPHS.split(text) if p.strip()]
    return Markup("\n".join(f"<p{attrs}>{escape.html(escape.fold(p))}</p>" for p in paras))


@pass_context
def _href(ctx: Context, to_src: str, anchor: str | None = None) -> str:
    """A relative URL from the page being rendered to another page (recorded for the link check)."""
    ctx["_links"].append(Link(ctx["page_src"], to_src, anchor))
    return urls.href(ctx["page_src"], to_src, anchor)


def _fmt(label: str, **values: Any) -> str:
    """A label with `{name}` placeholders filled in."""
    return label.format(**values)


def _js_messages(labels: Labels) -> dict[str, str]:
    """The checklist script's messages (label keys `js_*`)."""
    return labels.with_prefix("js_")


class _Cache(FileSystemBytecodeCache):
    """A cache that is only ever a speed-up: a template it cannot store (a full disk, a folder made
    read-only) is simply compiled again next time."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def bytecode_cache(name: str = "jinja") -> FileSystemBytecodeCache | None:
    """Compiled templates kept between processes, in the user's cache folder (code, not data: each is
    checked against its template's source before use); `name` is the folder of one template set."""
    folder = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "career-framework" / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _Cache(str(folder)) if os.access(folder, os.W_OK) else None


def environment() -> Environment:
    """The Jinja environment for HTML templates: autoescape on, undefined names are errors."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        bytecode_cache=bytecode_cache(),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(href=_href, urls=urls)
    env.filters.update(t=_t, written=_written, plain=_plain, block=_block, fmt=_fmt, ext=escape.url, js_messages=_js_messages)
    return env


def toc_tokens(body: str, depth: int) -> list[dict[str, Any]]:
    """MkDocs toc tokens (nested by level) from the headings of a rendered body, down to `depth`."""
    root: list[dict[str, Any]] = []
    stack: list[tuple[int, list[dict[str, Any]]]] = [(0, root)]
    for level_s, ident, inner in _HEADING.findall(body):
        level = int(level_s)
        if level > depth:
            continue
        token = {"level": level, "id": ident, "name": _TAG.sub("", inner).strip(), "children": []}
        while stack[-1][0] >= level:
            stack.pop()
        stack[-1][1].append(token)
        stack.append((level, token["children"]))
    return root


def plain_text(fragment: str) -> str:
    """The visible text of an HTML fragment (for search titles and summaries)."""
    return html_lib.unescape(_TAG.sub("", fragment)).strip()


class Renderer:
    """Renders page templates for one language of one build."""

    def __init__(self, lang: Language, labels: Labels, env: Environment | None = None):
        self.lang = lang
        self.labels = labels
        self.env = env or environment()

    def render(self, template: str, page_src: str, *, toc_depth: int = 2, **context: Any) -> Rendered:
        links: list[Link] = []
        body = self.env.get_template(template).render(page_src=page_src, lang=self.lang, L=self.labels, _links=links,
                                                      **context)
        return Rendered(body, toc_tokens(body, toc_depth), tuple(dict.fromkeys(_ID.findall(body))), links)

    def fragment(self, template: str, page_src: str, **context: Any) -> tuple[str, list[Link]]:
        """A piece of HTML for a hand-written page (a macro's output), with the links it makes."""
        links: list[Link] = []
        body = self.env.get_template(template).render(page_src=page_src, lang=self.lang, L=self.labels, _links=links,
                                                      **context)
        return body, links
