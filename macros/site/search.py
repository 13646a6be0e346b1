"""The search index, built once per edition so that the browser only looks terms up.

Material's search builds a lunr index in the reader's browser on every visit, and lunr matches the start
of a whitespace-separated word as written. Both fail Korean readers: "코드 리뷰" is also typed "코드리뷰",
compounds hide words ("데이터베이스"), particles stick to nouns ("설계를"), English terms are read in
Hangul ("쿠버네티스"); and building the index took seconds on a large framework. So the build writes:

- `search/search_index.json`: Material's file, one entry per page and per section (location, title,
  a short text for the result list, boost), read by Material's search UI as before;
- `search/terms.json`: every term with the entries holding it (postings). Terms are the two-syllable
  sequences (bigrams) of each Hangul word, one-syllable words as themselves, and Latin words and numbers
  in lower case; an entry also holds every form of each glossary term it mentions, and a section the
  words of its anchor (an item's id finds its section).

`assets/search-worker.js` speaks Material's worker protocol: it reads the query the same way (Hangul
bigrams ignore the spaces between Hangul words, Latin words match as prefixes), looks the terms up and
ranks entries by how much of each query word they hold, in title or text, times the page kind's boost.

Generated pages are split into sections here at the h1-h3 headings their templates recorded while rendering
(site/render.py; nothing is parsed back out of the HTML); regions marked `<!--noindex-->` (checklist forms,
provenance) stay out. Hand-written pages come from the entries Material's search plugin wrote.
"""
from __future__ import annotations

import html
import json
import operator
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..core.model import GlossaryTerm
from .pages import SitePage
from .render import Anchor
from .urls import url

_HANGUL_RUN = re.compile(r"[\uac00-\ud7a3]+(?:\s+[\uac00-\ud7a3]+)*")
_HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]+")
_LATIN_WORD = re.compile(r"[0-9a-z]+")
_NOINDEX = re.compile(r"<!--noindex-->.*?<!--/noindex-->", re.S)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
NOINDEX_START, NOINDEX_END = "<!--noindex-->", "<!--/noindex-->"
#: Characters of text an entry shows in the result list (its terms come from all of it).
SHOWN = 320
#: Characters of a section read for terms (a long section is found by what it says early on).
READ = 8_000
INDEX_FORMAT = 1


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


def terms(text: str) -> set[str]:
    """The index terms of a text: Hangul bigrams (word by word) and lower-case Latin words and numbers. Each term is
    one string however many entries hold it (interned): at 50x the seed the entries hold millions of terms, which
    as separate strings took 300 MB."""
    folded = text.casefold()
    return {*map(sys.intern, bigrams(folded, across=False)), *map(sys.intern, _LATIN_WORD.findall(folded))}


def _trie(words: Iterable[str]) -> str:
    """One regex alternation of `words` shaped as a prefix tree, so a text is scanned once however many
    terms there are (a flat `a|b|c…` tries every word at every position). Longer words win."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def alternation(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + alternation(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:  # a word ends here: after trying the longer ones
            branches.append("")
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return alternation(tree)


class Glossary:
    """Finds the glossary terms a text mentions, in any of their forms, and gives all their forms."""

    def __init__(self, entries: Iterable[GlossaryTerm]):
        self.forms: dict[str, tuple[str, ...]] = {}
        for term in entries:
            forms = (term.term, *term.variants)
            for form in forms:
                self.forms[form.casefold()] = forms
        self.pattern = re.compile(rf"(?<![0-9a-z])(?:{_trie(self.forms)})(?![0-9a-z])") if self.forms else None

    def synonyms(self, text: str) -> list[str]:
        """Every form of every term `text` mentions (the forms found included)."""
        if self.pattern is None:
            return []
        found: dict[str, None] = {}
        for m in self.pattern.finditer(text.casefold()):
            for form in self.forms[m.group(0)]:
                found.setdefault(form)
        return list(found)


@dataclass(frozen=True)
class Entry:
    """One search result: a page or one of its sections, with what it is found by."""

    location: str
    title: str  # plain text
    text: str  # plain text, as much as the result list shows
    boost: float | None
    title_terms: frozenset[str]
    text_terms: frozenset[str]  # those of the title left out

    @classmethod
    def of(cls, location: str, title: str, text: str, boost: float | None, glossary: Glossary,
           extra: Iterable[str] = (), kind_words: str = "") -> Entry:
        """An entry whose terms come from its title, all of `text` (up to READ), the glossary forms they
        mention and `extra` words; it shows the first SHOWN characters of the text. Every form of a term in the
        title counts as the title ("시니어" finds "Senior Backend Engineer" by its title), and so do `kind_words`."""
        text = text[:READ]
        in_title = terms(title) | terms(" ".join(glossary.synonyms(title))) | terms(kind_words)
        in_text = terms(text) | terms(" ".join(glossary.synonyms(text))) | terms(" ".join(extra))
        return cls(location, title, _shorten(text), boost, frozenset(in_title), frozenset(in_text - in_title))

    def doc(self) -> dict[str, Any]:
        """The entry of Material's search_index.json (title and text are HTML there)."""
        out: dict[str, Any] = {"location": self.location, "title": html.escape(self.title, quote=False),
                               "text": html.escape(self.text, quote=False)}
        if self.boost is not None:
            out["boost"] = self.boost
        return out


def _shorten(text: str) -> str:
    if len(text) <= SHOWN:
        return text
    cut = text[:SHOWN]
    space = cut.rfind(" ")
    return (cut[:space] if space > SHOWN // 2 else cut).rstrip() + "…"


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str
    text: str


def plain(fragment: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", fragment))).strip()


def sections(body: str, headings: Iterable[Anchor], drop: re.Pattern[str] | None = None) -> list[Section]:
    """A page body cut at its h1-h3 headings (as recorded when it was rendered): each heading's text and the
    text up to the next one, without the regions `drop` matches (text in another language)."""

    def text(fragment: str) -> str:
        return plain(drop.sub(" ", fragment) if drop else fragment)

    marks: list[tuple[int, int, Anchor]] = []
    at = 0
    for h in headings:
        if h.level > 3:
            continue
        start = body.find(h.html, at)
        if start < 0:  # written inside a region the template repeated or dropped: not a section
            continue
        marks.append((start, start + len(h.html), h))
        at = start + len(h.html)
    out = []
    for i, (_, end, h) in enumerate(marks):
        until = marks[i + 1][0] if i + 1 < len(marks) else len(body)
        out.append(Section(h.id, text(h.inner), text(_NOINDEX.sub(" ", body[end:until]))))
    return out


_FALLBACK = r'<(span|p|li|td)\b[^>]*\blang="(?!{lang}")[a-z]+"[^>]*>.*?</\1>'


def page_entries(page: SitePage, glossary: Glossary, lang: str = "ko", directory: bool = True, kind_words: str = "") -> list[Entry]:
    """The entries of one generated page: the page, then one per section, ranked by its kind's boost. Working pages
    (checklists, kits, matrices, the changelog: `title_only` kinds) repeat what definition pages say: one entry,
    found by its title. `kind_words` name what the page is ("직무 기술서 역량" for a JD): the page is found by them as by
    its title, so "시니어 역량" puts the Senior JD first."""
    location = url(page.src, directory).lstrip("/")
    boost = page.kind.boost
    if page.kind.title_only:  # found by its title and the names of its sections ("평가표" finds the interview kits)
        names = [h.text for h in page.body.headings if h.level == 2 and h.role != "layout"]
        return [Entry.of(location, page.title, " · ".join(names), boost, glossary, kind_words=kind_words)]
    # an edition's index holds its own language: untranslated text (marked lang="ko") stays out
    drop = re.compile(_FALLBACK.replace("{lang}", lang), re.S) if lang != "ko" else None
    out = []
    for i, s in enumerate(sections(page.body.html, page.body.headings, drop)):
        if i == 0:
            out.append(Entry.of(location, page.title, s.text, boost, glossary, kind_words=kind_words))
        else:
            out.append(Entry.of(f"{location}#{s.anchor}", s.title, s.text, boost, glossary, s.anchor.split("-")))
    return out


def written_entry(doc: dict[str, Any], glossary: Glossary) -> Entry:
    """A hand-written page's entry, from the one Material's search plugin wrote (title and text as HTML)."""
    location = str(doc.get("location", ""))
    anchor = location.split("#", 1)[1] if "#" in location else ""
    return Entry.of(location, plain(str(doc.get("title", ""))), plain(str(doc.get("text", ""))), doc.get("boost"),
                    glossary, anchor.split("-") if anchor else ())


def index_json(config: dict[str, Any], entries: Sequence[Entry]) -> str:
    """Material's search_index.json: compact, Hangul written as is (not as \\u escapes: half the size)."""
    return json.dumps({"config": config, "docs": [e.doc() for e in entries]}, ensure_ascii=False, separators=(",", ":"))


def terms_json(entries: Sequence[Entry]) -> str:
    """search/terms.json: `terms` sorted, and for each its postings: entry numbers (in search_index.json's
    order) times two, plus one when the term is in the entry's title, stored as differences from the
    previous number (small numbers: a smaller file)."""
    postings: dict[str, list[int]] = {}
    for n, entry in enumerate(entries):  # entries in order, a term in the title or the text: each list ascends
        for term in entry.title_terms:
            postings.setdefault(term, []).append(2 * n + 1)
        for term in entry.text_terms:
            postings.setdefault(term, []).append(2 * n)
    ordered = sorted(postings)
    lists = [[numbers[0], *map(operator.sub, numbers[1:], numbers)] for numbers in map(postings.__getitem__, ordered)]
    doc = {"format": INDEX_FORMAT, "entries": len(entries), "terms": ordered, "postings": lists}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
