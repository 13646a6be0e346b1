"""The renderer escapes by default: even text that slipped past validation stays inert."""
from __future__ import annotations

import json

import markdown
import pytest

from macros import urls
from macros.render import front_matter, md_escape
from macros.schema import SCHEMAS, schema_text
from macros.text import Text
from conftest import FRAMEWORK

NASTY = "{{ 7*7 }} {% if 1 %}x{% endif %} <script>alert(1)</script> [a](javascript:alert(1)) **b** `c` &amp; | \\"


def to_html(md: str) -> str:
    return markdown.markdown(md, extensions=["tables", "attr_list", "md_in_html"])


def test_md_escape_keeps_text_literal() -> None:
    html = to_html(md_escape(NASTY))
    assert "<script>" not in html and "<a " not in html and "<strong>" not in html and "<code>" not in html
    assert "{{ 7*7 }}" in html and "49" not in html
    assert "&lt;script&gt;" in html and "&amp;amp;" in html


def test_text_bypassing_validation_is_still_escaped_in_templates() -> None:
    from macros.render import environment

    text = Text.model_construct(ko=NASTY, en=None)
    out = environment().from_string("- {{ t|text }}\n- {{ link(t|text, 'kpis.md', 'x') }}\n").render(page_src="index.md", t=text)
    html = to_html(out)
    assert "<script>" not in html and 'href="javascript' not in html
    assert html.count("<a ") == 1 and 'href="kpis.md#x"' in html


def test_front_matter_title_is_yaml_and_html_safe() -> None:
    fm = front_matter('a"b <i>x</i>\n---')
    assert "render_macros: false" in fm
    title = json.loads(fm.splitlines()[1].removeprefix("title: "))
    assert title == "a&quot;b &lt;i&gt;x&lt;/i&gt;\n---"


@pytest.mark.parametrize("src, url", [
    ("index.md", "/"), ("roles/index.md", "/roles/"), ("roles/r/junior.md", "/roles/r/junior/"), ("urls.json", "/urls.json"),
])
def test_urls(src: str, url: str) -> None:
    assert urls.url(src) == url


def test_relative_links() -> None:
    assert urls.relative("roles/r/junior.md", "competencies/a.md", "gil") == "../../competencies/a.md#gil"
    assert urls.relative("kpis.md", "kpis.md", "x") == "#x"


def test_committed_schemas_are_up_to_date() -> None:
    for name, model in SCHEMAS.items():
        committed = (FRAMEWORK / "schema" / name).read_text(encoding="utf-8")
        assert committed == schema_text(model), f"framework/schema/{name} is stale: run `career schema`"


def test_every_yaml_file_points_at_its_schema() -> None:
    for path in FRAMEWORK.rglob("*.yml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target.exists(), path
