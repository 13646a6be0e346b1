"""Reading a built site the way a user sees it: visible text, element ids and links of each page."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.links: list[str] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(a["id"] or "")
        if tag == "a" and a.get("href") is not None:
            self.links.append(a["href"] or "")
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


@dataclass
class SitePage:
    path: Path
    source: str = field(repr=False)

    @cached_property
    def _parsed(self) -> _Collector:
        c = _Collector()
        c.feed(self.source)
        return c

    @property
    def ids(self) -> list[str]:
        return self._parsed.ids

    @property
    def links(self) -> list[str]:
        return self._parsed.links

    @cached_property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self._parsed.text))

    def content(self) -> str:
        """The article body only (no nav), as HTML."""
        m = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', self.source, re.S)
        return m.group(1) if m else ""

    def section_items(self, anchor: str) -> list[str]:
        """Text of the <li> items of the first list after the heading with id `anchor`."""
        body = self.content()
        start = body.index(f'id="{anchor}"')
        ul = re.search(r"<ul>(.*?)</ul>", body[start:], re.S)
        assert ul, f"no list after #{anchor}"
        items = re.findall(r"<li>(.*?)</li>", ul.group(1), re.S)
        return [html.unescape(re.sub(r"<[^>]+>", "", i)).strip() for i in items]


class Site:
    """A built site folder."""

    def __init__(self, root: Path):
        self.root = root
        self._pages: dict[Path, SitePage] = {}

    def page(self, url: str) -> SitePage:
        """The page served at a site URL such as `/roles/python-backend/junior/`."""
        rel = url.strip("/")
        path = self.root / rel / "index.html" if not rel.endswith(".html") else self.root / rel
        return self._load(path)

    def _load(self, path: Path) -> SitePage:
        if path not in self._pages:
            self._pages[path] = SitePage(path, path.read_text(encoding="utf-8"))
        return self._pages[path]

    def pages(self) -> list[SitePage]:
        return [self._load(p) for p in sorted(self.root.rglob("*.html"))]

    def all_text(self) -> str:
        return "\n".join(p.text for p in self.pages())


def unresolved(site: Path) -> list[str]:
    """Every relative address a page loads or links to (`href` and `src` of any element: stylesheets, scripts, icons,
    links) that reaches no file of the site, or no such `#anchor` on an HTML page."""
    bad = []
    for page in site.rglob("*.html"):
        source = page.read_text(encoding="utf-8")
        for path, anchor in re.findall(r'(?:href|src)="([^"#:]*)(?:#([^"]*))?"', source):
            if not path or path.startswith("/"):
                continue
            target = (page.parent / path).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                bad.append(f"{page.relative_to(site)} -> {path}")
            elif anchor and target.suffix == ".html" and f'id="{anchor}"' not in target.read_text(encoding="utf-8"):
                bad.append(f"{page.relative_to(site)} -> {path}#{anchor}")
    return bad
