"""HTML rendering of generated pages: Jinja templates with HTML autoescape, so data is always text.

Generated pages never go through Markdown: a template's output is the page's HTML. Every heading and every
`id` a template writes is recorded as it is written (the `heading` and `anchor` functions templates call),
marked stable (part of the link contract), layout (may change with the layout) or widget (a form control);
the table of contents, the URL list, the search sections and the static export all read that record, never
our own HTML. Every link a page makes is recorded too, so the build can check that it resolves.
One `Renderer` per build and language; nothing is kept between builds.
"""
from __future__ import annotations

import html as html_lib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, pass_context
from jinja2.bccache import Bucket
from jinja2.runtime import Context
from markupsafe import Markup

from ..core import escape
from ..core.text import Language, Text
from . import urls
from .labels import Labels

TEMPLATES = Path(__file__).resolve().parent / "templates"
_TAG = re.compile(r"<[^>]+>")
_PARAGRAPHS = re.compile(r"\n\s*\n")
_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")  # jamo, compatibility jamo, syllables


@dataclass(frozen=True)
class Link:
    """A link a page makes to another generated page (or a file), to check after the build."""

    from_src: str
    to_src: str
    anchor: str | None


AnchorRole = Literal["stable", "layout", "widget"]


@dataclass(frozen=True)
class Anchor:
    """An `id` a page declares, recorded where the template writes it. `stable`: a link target of the contract
    (items, groups, questions, fixed section names); `layout`: a section of this layout (per-area sections, gap
    lists), free to change; `widget`: a form control or a chart's label. A heading has its level, its content's
    markup and its whole markup exactly as written."""

    id: str
    role: AnchorRole = "stable"
    level: int = 0
    inner: str = ""
    html: str = ""

    @property
    def text(self) -> str:
        """A heading's text, plain."""
        return plain_text(self.inner)


@dataclass
class Rendered:
    """A rendered page body: its HTML, the anchors it declares (in order) and the links it makes."""

    html: str
    record: tuple[Anchor, ...]
    toc_depth: int = 2
    links: list[Link] = field(default_factory=list)

    @property
    def anchors(self) -> tuple[str, ...]:
        """Every id the page declares."""
        return tuple(a.id for a in self.record)

    @property
    def stable_anchors(self) -> tuple[str, ...]:
        """The ids of the link contract."""
        return tuple(a.id for a in self.record if a.role == "stable")

    @property
    def headings(self) -> tuple[Anchor, ...]:
        return tuple(a for a in self.record if a.level)

    @property
    def toc(self) -> list[dict[str, Any]]:
        """MkDocs toc tokens (nested by level) of the headings down to `toc_depth`."""
        return toc_tokens(self.headings, self.toc_depth)


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


def _record(ctx: Context) -> list[Anchor]:
    record: list[Anchor] = ctx["_record"]
    return record


@pass_context
def _heading(ctx: Context, level: int, ident: str, text: Any, role: AnchorRole = "stable", cls: str = "", **attrs: str) -> Markup:
    """A heading with its permanent link, recorded. `cls`: its class; `attrs`: more attributes (`data_x` is written
    `data-x`). A heading of the table of contents is written at the top of the page, never inside another element."""
    attrs = {"class": cls, **attrs} if cls else attrs
    extra = "".join(f' {escape.html(k.replace("_", "-"))}="{escape.html(v)}"' for k, v in attrs.items())
    inner = escape.html(text)
    html = (f'<h{level} id="{escape.html(ident)}"{extra}>{inner}<a class="headerlink" href="#{escape.html(ident)}" '
            f'title="Permanent link">&para;</a></h{level}>')
    _record(ctx).append(Anchor(ident, role, level, str(inner), html))
    return Markup(html)


@pass_context
def _anchor(ctx: Context, ident: str, role: AnchorRole = "stable") -> str:
    """An id written on any other element (`id="{{ anchor(x) }}"`), recorded."""
    _record(ctx).append(Anchor(ident, role))
    return ident


@pass_context
def _href(ctx: Context, to_src: str, anchor: str | None = None) -> str:
    """A relative URL from the page being rendered to another page (recorded for the link check)."""
    ctx["_links"].append(Link(ctx["page_src"], to_src, anchor))
    return urls.href(ctx["page_src"], to_src, anchor, ctx["_directory"])


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
    env.globals.update(href=_href, urls=urls, heading=_heading, anchor=_anchor)
    env.filters.update(t=_t, written=_written, plain=_plain, block=_block, fmt=_fmt, ext=escape.url, js_messages=_js_messages)
    return env


def toc_tokens(headings: tuple[Anchor, ...], depth: int) -> list[dict[str, Any]]:
    """MkDocs toc tokens (nested by level) from recorded headings, down to `depth`."""
    root: list[dict[str, Any]] = []
    stack: list[tuple[int, list[dict[str, Any]]]] = [(0, root)]
    for h in headings:
        level = h.level
        if level > depth:
            continue
        children: list[dict[str, Any]] = []
        token: dict[str, Any] = {"level": level, "id": h.id, "name": html_lib.escape(h.text, quote=False), "children": children}
        while stack[-1][0] >= level:
            stack.pop()
        stack[-1][1].append(token)
        stack.append((level, children))
    return root


def plain_text(fragment: str) -> str:
    """The visible text of an HTML fragment (for search titles and summaries)."""
    return html_lib.unescape(_TAG.sub("", fragment)).strip()


class Renderer:
    """Renders page templates for one language of one build."""

    def __init__(self, lang: Language, labels: Labels, env: Environment | None = None, *, directory: bool = True):
        self.lang = lang
        self.labels = labels
        self.env = env or environment()
        self.directory = directory  # MkDocs' use_directory_urls: how links between pages are written

    def render(self, template: str, page_src: str, *, toc_depth: int = 2, **context: Any) -> Rendered:
        links: list[Link] = []
        record: list[Anchor] = []
        body = self.env.get_template(template).render(page_src=page_src, lang=self.lang, L=self.labels, _links=links,
                                                      _record=record, _directory=self.directory, **context)
        return Rendered(body, tuple(record), toc_depth, links)

    def fragment(self, template: str, page_src: str, **context: Any) -> tuple[str, list[Link]]:
        """A piece of HTML for a hand-written page (a macro's output), with the links it makes."""
        rendered = self.render(template, page_src, **context)
        return rendered.html, rendered.links
