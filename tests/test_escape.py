"""The escaping boundary: each output context gets text that stays text (values stated by hand)."""
from __future__ import annotations

import html
import re

import markdown
import pytest

from macros.core import escape
from macros.core.text import Text
from macros.site.labels import load_labels
from macros.site.render import Anchor, Renderer, environment, toc_tokens

NASTY = "{{ 7*7 }} <script>alert(1)</script> [a](javascript:alert(1)) ![i](https://x.example/i.png) **b** `c` &amp; | \\"
EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "pymdownx.details", "footnotes", "abbr", "def_list"]


def to_html(md: str) -> str:
    return markdown.markdown(md, extensions=EXTENSIONS)


def visible(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


@pytest.mark.parametrize("text", [
    NASTY,
    "**x**{ onfocus=alert(1) autofocus }",
    '??? note "injected"',
    '!!! warning "injected"',
    "# heading { #evil }",
    "| a | b |",
    "[^1] and [^1]: footnote",
    "*[HTML]: Hyper Text",
    "1. one",
    "- item",
    "<b onmouseover=alert(1)>x</b>",
])
def test_markdown_escape_keeps_every_construct_literal(text: str) -> None:
    out = to_html(str(escape.markdown(text)))
    assert re.fullmatch(r"<p>.*</p>", out, re.S), out  # one paragraph, nothing else
    inner = out[3:-4]
    assert "<" not in inner.replace("&lt;", ""), out  # no element at all inside the paragraph
    assert visible(out) == " ".join(text.split())


def test_markdown_escape_output_by_hand() -> None:
    assert str(escape.markdown("a*b [c](d)")) == "a&#42;b &#91;c&#93;&#40;d&#41;"
    assert str(escape.markdown("  two\n\nlines ")) == "two lines"


def test_github_markdown_breaks_links_mentions_and_references() -> None:
    out = escape.github_markdown("see https://evil.example/x @octocat #12 www.example.com")
    assert "https:\u200b" not in out  # ':' is a character reference, then the zero-width space
    assert "&#58;\u200b//" in out and "&#64;\u200boctocat" in out and "&#35;\u200b12" in out
    assert "w\u200bww" in out
    assert "<a" not in to_html(out)


@pytest.mark.parametrize("url, ok", [
    ("https://example.org/a?b=c", True), ("http://example.org", True), ("../levels/junior/", True), ("#gil", True),
    ("javascript:alert(1)", False), ("JavaScript:alert(1)", False), ("data:text/html,x", False), ("//evil.example", False),
    ("vbscript:x", False), ("https://", False), (" ", False), ("java\tscript:x", False),
])
def test_url_context(url: str, ok: bool) -> None:
    assert escape.is_safe_url(url) is ok
    if ok:
        assert str(escape.url(url)) == url  # nothing to escape in these
    else:
        with pytest.raises(ValueError):
            escape.url(url)


def test_url_is_trimmed_and_escaped_for_an_attribute() -> None:
    assert str(escape.url(' https://example.org/a?b=1&c="2"<x> ')) == "https://example.org/a?b=1&amp;c=&#34;2&#34;&lt;x&gt;"


def test_json_script_cannot_close_the_element() -> None:
    out = str(escape.json_script({"name": "</script><script>alert(1)</script>", "x": "a&b\u2028"}))
    assert "<" not in out and ">" not in out and "&" not in out and "\u2028" not in out
    assert out == '{"name":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e","x":"a\\u0026b\\u2028"}'


def test_html_context_escapes_quotes_too() -> None:
    assert str(escape.html('"><img src=x onerror=alert(1)>')) == "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"


def render(source: str, lang: str = "ko", **context: object) -> str:
    env = environment()
    labels = load_labels("ko")
    return env.from_string(source).render(lang=lang, L=labels, page_src="index.md", _links=[], **context)


def test_template_text_is_escaped_and_marked_with_its_language() -> None:
    bad = Text.model_construct(ko="<script>x</script>", en=None, internal=False)
    assert render("{{ t|t }}", t=bad) == "&lt;script&gt;x&lt;/script&gt;"
    english_only = Text.of(en="Only English")
    assert render("{{ t|t }}", t=english_only) == '<span lang="en">Only English</span>'
    assert render("{{ t|t }}", lang="en", t=english_only) == "Only English"
    assert render('<a title="{{ t|plain }}">', t=Text.of(ko='a "b"')) == '<a title="a &#34;b&#34;">'


def test_block_makes_one_paragraph_per_blank_line() -> None:
    para = Text.of(ko="첫 문단\n이어짐\n\n둘째 <b>")
    assert render("{{ t|block }}", t=para) == "<p>첫 문단 이어짐</p>\n<p>둘째 &lt;b&gt;</p>"


def test_toc_from_recorded_headings_by_hand() -> None:
    headings = (Anchor("top", "stable", 1, "T"), Anchor("a", "stable", 2, 'A &amp; <span lang="en">B</span>'),
                Anchor("c", "layout", 3, "C"))
    assert toc_tokens(headings, 2) == [{"level": 1, "id": "top", "name": "T", "children": [
        {"level": 2, "id": "a", "name": "A &amp; B", "children": []}]}]
    assert toc_tokens(headings, 3)[0]["children"][0]["children"][0]["id"] == "c"


def test_a_heading_is_recorded_as_it_is_written() -> None:
    env = environment()
    env.globals["v"] = None
    r = Renderer("ko", load_labels("ko"), env)
    env.loader = __import__("jinja2").DictLoader({"t.j2": '{{ heading(2, "x", "A & B") }}<p id="{{ anchor("y", "layout") }}"></p>'})
    out = r.render("t.j2", "p.md")
    assert out.html == '<h2 id="x">A &amp; B<a class="headerlink" href="#x" title="Permanent link">&para;</a></h2><p id="y"></p>'
    assert out.record == (Anchor("x", "stable", 2, "A &amp; B", out.html.split("<p")[0]), Anchor("y", "layout"))
    assert out.stable_anchors == ("x",) and out.headings[0].text == "A & B"


def test_renderer_records_links() -> None:
    from types import SimpleNamespace

    from macros.site.render import Link

    r = Renderer("ko", load_labels("ko"))
    out, links = r.fragment("macros/data_links.html.j2", "linking.md", role=SimpleNamespace(id="r"), level=SimpleNamespace(id="l"))
    assert '<a href="../api/framework.json">/api/framework.json</a>' in out
    assert Link("linking.md", "api/roles/r/l.json", None) in links and len(links) == 5
