"""The one escaping boundary: every string from data, file names, git, the environment or the command
line passes through one of these functions, chosen for the context it is written into.

- `html`: element text and quoted attribute values (what HTML templates autoescape with).
- `url`: an address from data for an `href`/`src`: https, http or relative only, HTML-escaped.
- `json_script`: JSON inside `<script>` (JSON-LD), which `</script>` in data can never close.
- `markdown`: inline text inside a Markdown document rendered by Python-Markdown (hand-written pages):
  every character with Markdown meaning becomes a character reference, so emphasis, links, images,
  attr_list braces, admonitions (`!!!`, `???`), footnotes, abbreviations, tables and headings in data
  stay literal text.
- `github_markdown`: the same for Markdown read by GitHub (pull-request comments), which also turns
  bare URLs, `@mentions` and `#123` references into links: those are broken with a zero-width space.
"""
from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup, escape

_SPACE = re.compile(r"\s+")
# Characters with a meaning in Python-Markdown or GitHub Markdown (plus the HTML specials).
_MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+\-.!|~?:<>&^=\"'$%@]")
_GITHUB_LINKISH = re.compile(r"(@|#|://|www\.)", re.IGNORECASE)
_ZWSP = "\u200b"
SAFE_SCHEMES = ("https", "http")


def fold(value: Any) -> str:
    """The text on one line: runs of whitespace (newlines included) become one space."""
    return _SPACE.sub(" ", str(value)).strip()


def html(value: Any) -> Markup:
    """Text for an HTML element or a quoted attribute value: `& < > " '` escaped."""
    return escape(value if isinstance(value, Markup) else str(value))


def is_safe_url(value: str) -> bool:
    """https/http or a relative address (no scheme, no protocol-relative `//host`)."""
    value = value.strip()
    if not value or any(ord(c) < 32 or c.isspace() for c in value):
        return False
    parts = urlsplit(value)
    if parts.scheme:
        return parts.scheme.lower() in SAFE_SCHEMES and bool(parts.netloc)
    return not value.startswith("//") and not value.startswith("\\")


def url(value: str) -> Markup:
    """An address from data for an `href`: refused unless https/http or relative, then HTML-escaped."""
    if not is_safe_url(value):
        raise ValueError(f"refusing to link to {value[:60]!r}: only https, http and relative addresses")
    return escape(value.strip())


def json_script(data: Any) -> Markup:
    """JSON for a `<script type="application/ld+json">` element: `<`, `>`, `&` and line separators
    are written as \\u escapes, so no value can end the element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return Markup(text)


def markdown(value: Any) -> Markup:
    """Inline text for a Markdown document: one line, every special character as `&#N;`."""
    if isinstance(value, Markup):
        return value
    return Markup(_MARKDOWN_SPECIAL.sub(lambda m: f"&#{ord(m.group(0))};", fold(value)))


def github_markdown(value: Any) -> str:
    """Inline text for a GitHub comment: like `markdown`, and no autolink, mention or issue reference."""
    text = _GITHUB_LINKISH.sub(lambda m: m.group(0)[0] + _ZWSP + m.group(0)[1:], fold(value))
    return str(markdown(text))


#: What makes a spreadsheet read a cell as a formula (Excel, LibreOffice, Google Sheets).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str) -> str:
    """A CSV cell that no spreadsheet runs: one starting like a formula gets a leading apostrophe (the usual
    defence against CSV injection; the apostrophe is not shown)."""
    return "'" + value if value.startswith(_FORMULA_START) else value
