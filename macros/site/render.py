"""HTML rendering of generated pages: Jinja templates with HTML autoescape, so data is always text.

Generated pages never go through Markdown: a template's output is the page's HTML. Every heading and every
`id` a template writes is recorded as it is written (the `heading` and `anchor` functions templates call),
marked stable (part of the link contract), layout (may change with the layout) or widget (a form control);
the table of contents, the URL list, the search sections and the static export all read that record, never
our own HTML. Every link a page makes is recorded too, so the build can check that it resolves.
One `Renderer` per build and language; between builds of one `career serve`, a page's blocks drawn through `cached`
are kept with its body (see `_cached`).
"""
from __future__ import annotations

import contextlib
import html as html_lib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
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


@dataclass(frozen=True)
class Fragment:
    """A block of a page as the template's `cached` drew it: the values it was drawn from (`key`), its HTML, and the
    anchors and links it recorded."""

    key: tuple[Any, ...]
    html: str
    record: tuple[Anchor, ...]
    links: tuple[Link, ...]


@dataclass
class Rendered:
    """A rendered page body: its HTML, the anchors it declares (in order) and the links it makes; `fragments`, the
    blocks its template drew through `cached` (which the next drawing of the same page reuses where their values
    are equal)."""

    html: str
    record: tuple[Anchor, ...]
    toc_depth: int = 2
    links: list[Link] = field(default_factory=list)
    fragments: dict[str, Fragment] = field(default_factory=dict, repr=False)

    @property
    def anchors(self) -> tuple[str, ...]:
        """Every id the page declares."""
        return tuple(a.id for a in self.record)

    @cached_property
    def ids(self) -> frozenset[str]:
        """Every id the page declares, as a set (what links to the page are checked against)."""
        return frozenset(a.id for a in self.record)

    @cached_property
    def stable_anchors(self) -> tuple[str, ...]:
        """The ids of the link contract, in order, each once."""
        return tuple(dict.fromkeys(a.id for a in self.record if a.role == "stable"))

    @cached_property
    def contract(self) -> list[str]:
        """`stable_anchors` as the URL list writes them (one list per body, shared: never change it)."""
        return list(self.stable_anchors)

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


_BULLET = re.compile(r"^\s*[-*•]\s+(.+)$")
_NUMBERED = re.compile(r"^\s*([0-9]{1,3})[.)]\s+(.+)$")


def structured(text: str) -> list[tuple[str, list[str], int]]:
    """A long text's structure, as written: paragraphs (separated by a blank line) and, inside them, lists whose
    lines start with `- ` (or `* `) or with a number (`1. `, `2) `). Each part is ("p" | "ul" | "ol", its lines, the
    first number of an ordered list). Only this shape is read from data: never Markdown or HTML."""
    parts: list[tuple[str, list[str], int]] = []
    for para in _PARAGRAPHS.split(text):
        own: list[tuple[str, list[str], int]] = []  # the parts of this paragraph (a paragraph never joins the one before)
        for line in filter(str.strip, para.splitlines()):
            bullet, numbered = _BULLET.match(line), _NUMBERED.match(line)
            kind, value = ("ul", bullet.group(1)) if bullet else ("ol", numbered.group(2)) if numbered else ("p", line.strip())
            if own and own[-1][0] == kind:
                own[-1][1].append(value)
            else:
                own.append((kind, [value], int(numbered.group(1)) if numbered else 1))
        parts += own
    return parts


@pass_context
def _block(ctx: Context, value: Any, cls: str | None = None) -> Markup:
    """A long text as HTML: its paragraphs as `<p>`, and lists written with `- ` or `1. ` as lists (see
    `structured`); every piece escaped, a fallback language marked."""
    lang = _lang_of(ctx)
    text, actual = value.value(lang) if isinstance(value, Text) else (str(value), lang)
    attrs = (f' class="{escape.html(cls)}"' if cls else "") + (f' lang="{actual}"' if actual != lang else "")
    out = []
    for kind, lines, start in structured(text):
        if kind == "p":
            out.append(f"<p{attrs}>{escape.html(escape.fold(' '.join(lines)))}</p>")
        else:
            first = f' start="{start}"' if kind == "ol" and start != 1 else ""
            items = "".join(f"<li>{escape.html(escape.fold(x))}</li>" for x in lines)
            out.append(f"<{kind}{attrs}{first}>{items}</{kind}>")
    return Markup("\n".join(out))


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


@pass_context
def _cached(ctx: Context, slot: str, *key: Any, caller: Callable[[], str]) -> Markup:
    """`{% call cached(slot, values...) %}...{% endcall %}`: the block drawn once and kept with the page; when the
    page is drawn again (in `career serve`, after an edit) and the block's values equal those it was drawn from, its
    HTML, anchors and links are taken as they were instead of drawing it again. `slot` names the block on the page
    (unique there); `key` must hold every value the block reads, apart from the page, its language and labels and the
    templates (a change to any of those draws every page again: see PageBuilder)."""
    before: dict[str, Fragment] = ctx["_fragments_before"]
    kept: dict[str, Fragment] = ctx["_fragments"]
    if slot in kept:
        raise ValueError(f"two blocks named {slot!r} on {ctx['page_src']}: a `cached` slot must be unique on its page")
    old = before.get(slot)
    if old is not None and old.key == key:
        _record(ctx).extend(old.record)
        ctx["_links"].extend(old.links)
        kept[slot] = old
        return Markup(old.html)
    record, links = _record(ctx), ctx["_links"]
    start, linked = len(record), len(links)
    html = str(caller())
    kept[slot] = Fragment(key, html, tuple(record[start:]), tuple(links[linked:]))
    return Markup(html)


def _item_orders(groups: Any, order: dict[str, int]) -> tuple[int, ...]:
    """The order numbers of the items in (group, ((item, scope), ...)) pairs: part of a checklist block's key."""
    return tuple(order[p.id] for _, ps in groups for p, _ in ps)


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
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


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
    env.globals.update(href=_href, urls=urls, heading=_heading, anchor=_anchor, cached=_cached)
    env.filters.update(t=_t, written=_written, plain=_plain, block=_block, fmt=_fmt, ext=escape.url, js_messages=_js_messages,
                       item_orders=_item_orders)
    return env


def template_sources() -> tuple[tuple[str, bytes], ...]:
    """Every template's name and text: what a page body depends on besides its data (compared between builds;
    by content, since an edit can keep a file's time stamp)."""
    return tuple((p.relative_to(TEMPLATES).as_posix(), p.read_bytes()) for p in sorted(TEMPLATES.rglob("*.j2")))


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

    def __init__(self, lang: Language, labels: Labels, env: Environment | None = None, *, directory: bool = True,
                 sources: tuple[tuple[str, bytes], ...] | None = None, keep_blocks: bool = False) -> None:
        self.lang = lang
        self.labels = labels
        self.sources = template_sources() if sources is None else sources  # the templates it draws with
        self.env = env or environment()
        self.directory = directory  # MkDocs' use_directory_urls: how links between pages are written
        # whether pages keep their `cached` blocks for the next drawing (`career serve`): a one-off build drops them
        # (at 50x the seed they are a third of the pages' memory)
        self.keep_blocks = keep_blocks

    def render(self, template: str, page_src: str, *, toc_depth: int = 2, before: Rendered | None = None,
               **context: Any) -> Rendered:
        """The page drawn by `template`; `before`, the same page as this renderer's templates drew it before, whose
        `cached` blocks are reused where their values are unchanged."""
        links: list[Link] = []
        record: list[Anchor] = []
        fragments: dict[str, Fragment] = {}
        body = self.env.get_template(template).render(page_src=page_src, lang=self.lang, L=self.labels, _links=links,
                                                      _record=record, _directory=self.directory,
                                                      _fragments_before=before.fragments if before else {},
                                                      _fragments=fragments, **context)
        return Rendered(body, tuple(record), toc_depth, links, fragments if self.keep_blocks else {})

    def fragment(self, template: str, page_src: str, **context: Any) -> tuple[str, list[Link]]:
        """A piece of HTML for a hand-written page (a macro's output), with the links it makes."""
        rendered = self.render(template, page_src, **context)
        return rendered.html, rendered.links
