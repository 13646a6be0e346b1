"""Search index entries that find what Korean readers type.

Material's search (lunr) matches the start of a whitespace-separated word as written. Korean text
is spaced loosely ("코드 리뷰" / "코드리뷰"), compounds hide words ("데이터베이스"), particles stick
to nouns ("설계를"), and English terms are read in Hangul ("쿠버네티스"). So every entry gets a hidden
field `k`: the two-syllable sequences (bigrams) of its Hangul text, with spaces between Hangul words
ignored, and the glossary's variants of every term it mentions. The page script turns a query's
Hangul words into the same bigrams (`assets/search-ko.js`), so a spacing variant, the middle of a
compound or a word with a particle still meets its page.

Generated pages are split into sections here, at their headings, from the HTML we rendered (no HTML
parser); regions marked `<!--noindex-->` (checklist forms, provenance) stay out. Hand-written pages are
indexed by Material's plugin and get the same `k` field.
"""
from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..core.model import GlossaryTerm
from .pages import SEARCH_BOOST, SEARCH_TITLE_ONLY, SitePage
from .urls import url

_HANGUL_RUN = re.compile(r"[\uac00-\ud7a3]+(?:\s+[\uac00-\ud7a3]+)*")
_HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]+")
_SECTION = re.compile(r'<h([1-3]) id="([^"]+)"[^>]*>(.*?)<a class="headerlink"[^>]*>[^<]*</a></h\1>', re.S)
_NOINDEX = re.compile(r"<!--noindex-->.*?<!--/noindex-->", re.S)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
NOINDEX_START, NOINDEX_END = "<!--noindex-->", "<!--/noindex-->"


def bigrams(text: str, *, across: bool = True) -> list[str]:
    """The two-syllable sequences of the Hangul in `text` ("코드 리뷰" → 코드, 드리, 리뷰): with `across`,
    spaces between Hangul words are ignored (how a query is read); without, each word on its own (how a
    page is indexed, which keeps the index small: "코드리뷰" still meets 코드 and 리뷰). A one-syllable
    word stands as itself. In order, without repeats."""
    out: dict[str, None] = {}
    for run in _HANGUL_RUN.findall(text) if across else _HANGUL_WORD.findall(text):
        word = _SPACE.sub("", run)
        if len(word) == 1:
            out.setdefault(word)
        for i in range(len(word) - 1):
            out.setdefault(word[i:i + 2])
    return list(out)


class Glossary:
    """Finds the glossary terms a text mentions, in any of their forms, and gives all their forms."""

    def __init__(self, terms: Iterable[GlossaryTerm]):
        self.forms: dict[str, tuple[str, ...]] = {}
        for term in terms:
            forms = (term.term, *term.variants)
            for form in forms:
                self.forms[form.casefold()] = forms
        alternatives = sorted(self.forms, key=len, reverse=True)
        self.pattern = re.compile("|".join(rf"(?<![0-9a-z]){re.escape(f)}(?![0-9a-z])" for f in alternatives)) if alternatives else None

    def synonyms(self, text: str) -> list[str]:
        """Every form of every term `text` mentions (the forms found included)."""
        if self.pattern is None:
            return []
        found: dict[str, None] = {}
        for m in self.pattern.finditer(text.casefold()):
            for form in self.forms[m.group(0)]:
                found.setdefault(form)
        return list(found)


def hidden_field(title: str, text: str, glossary: Glossary) -> str:
    """The `k` field of an entry: Hangul bigrams of its title and text, plus glossary synonyms (and their bigrams)."""
    synonyms = glossary.synonyms(f"{title} {text}")
    tokens = dict.fromkeys(bigrams(f"{title} {text}", across=False))
    for form in synonyms:
        tokens.setdefault(form.casefold())
        tokens.update(dict.fromkeys(bigrams(form)))
    return " ".join(tokens)


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str
    text: str


def plain(fragment: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", fragment))).strip()


def sections(body: str) -> list[Section]:
    """A page body cut at its h1-h3 headings: each heading's text and the text up to the next one."""
    body = _NOINDEX.sub(" ", body)
    marks = list(_SECTION.finditer(body))
    out = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(body)
        out.append(Section(m.group(2), plain(m.group(3)), plain(body[m.end():end])))
    return out


_FALLBACK = re.compile(r'<(span|p|li|td)\b[^>]*\blang="(?!{lang}")[a-z]+"[^>]*>.*?</\1>', re.S)


def page_entries(page: SitePage, glossary: Glossary, limit: int = 4_000, lang: str = "ko") -> list[dict[str, Any]]:
    """Material search entries for one generated page: the page, then one per section. Working pages
    (checklists, kits, matrices, the changelog) repeat what definition pages say: one entry, by title."""
    location = url(page.src).lstrip("/")
    boost = SEARCH_BOOST.get(page.route.kind)
    if page.route.kind in SEARCH_TITLE_ONLY:
        return [{"location": location, "title": page.title, "text": "", "k": hidden_field(page.title, "", glossary),
                 **({"boost": boost} if boost is not None else {})}]
    body = page.body.html
    if lang != "ko":  # an edition's index holds its own language: untranslated text (marked lang="ko") stays out
        body = re.sub(_FALLBACK.pattern.replace("{lang}", lang), " ", body, flags=re.S)
    out = []
    for i, s in enumerate(sections(body)):
        text = s.text[:limit]
        hidden = hidden_field(s.title, text, glossary)
        entry: dict[str, Any] = {"location": location if i == 0 else f"{location}#{s.anchor}",
                                 "title": page.title if i == 0 else s.title, "text": str(html.escape(text, quote=False)),
                                 "k": hidden if i == 0 else f"{s.anchor} {hidden}"}  # an item's id finds its section
        if boost is not None:
            entry["boost"] = boost
        out.append(entry)
    return out


def index_json(config: dict[str, Any], docs: list[dict[str, Any]]) -> str:
    """The search index file: compact JSON, Hangul written as is (not as \\u escapes: half the size)."""
    return json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":"))


def add_hidden_field(entry: dict[str, Any], glossary: Glossary) -> dict[str, Any]:
    """A hand-written page's entry (indexed by Material) with the same `k` field."""
    return {**entry, "k": hidden_field(plain(entry.get("title", "")), plain(entry.get("text", "")), glossary)}
