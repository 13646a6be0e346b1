"""Routes, redirects and the generated page set of the small fixture, stated by hand."""
from __future__ import annotations

import re

import pytest
from conftest import FIXTURES

from macros.core.loading import load_framework
from macros.site import urls
from macros.site.labels import load_labels
from macros.site.pagekinds import ENTRIES, Context, Kind, PageKind, Route, _registry, id_clashes, old_sources, redirects, reserved
from macros.site.pages import PageBuilder
from macros.site.render import Renderer
from macros.views.common import Facts


@pytest.mark.parametrize("route, src, url", [
    (Route(Kind.ROLES), "roles/index.md", "/roles/"),
    (Route(Kind.JD, ("r", "l")), "roles/r/l.md", "/roles/r/l/"),
    (Route(Kind.DIFF, ("r", "a", "b")), "roles/r/a-to-b.md", "/roles/r/a-to-b/"),
    (Route(Kind.KIT, ("r", "l")), "roles/r/l/interview.md", "/roles/r/l/interview/"),
    (Route(Kind.ROADMAP_CHECKLIST), "checklist.md", "/checklist/"),
    (Route(Kind.FAMILY_CHECKLIST, ("f",)), "families/f/checklist.md", "/families/f/checklist/"),
    (Route(Kind.BANK, ("a",)), "interview/a.md", "/interview/a/"),
])
def test_route_paths(route: Route, src: str, url: str) -> None:
    assert route.src == src and urls.url(src) == url


def test_route_needs_its_ids() -> None:
    with pytest.raises(ValueError):
        _ = Route(Kind.JD, ("only-role",)).src


@pytest.mark.parametrize("start, target, anchor, expected", [
    ("roles/r/l.md", "competencies/a.md", "x", "../../../competencies/a/#x"),
    ("index.md", "roles/index.md", None, "roles/"),
    ("kpis.md", "kpis.md", "x", "#x"),
    ("linking.md", "api/framework.json", None, "../api/framework.json"),
])
def test_relative_hrefs(start: str, target: str, anchor: str | None, expected: str) -> None:
    assert urls.href(start, target, anchor) == expected


def test_old_sources_from_aliases() -> None:
    fw = load_framework(FIXTURES / "mini")
    assert old_sources(fw, Route(Kind.JD, ("em", "m3"))) == ["roles/manager/m3.md"]
    assert old_sources(fw, Route(Kind.MATRIX_AREA, ("em", "people"))) == [
        "roles/em/matrix/humans.md", "roles/manager/matrix/people.md", "roles/manager/matrix/humans.md"]
    assert old_sources(fw, Route(Kind.LEVELS)) == []


@pytest.fixture(scope="module")
def pages():
    fw = load_framework(FIXTURES / "mini")
    return PageBuilder(Context(Facts.of(fw), load_labels("ko")), Renderer("ko", load_labels("ko"))).all()


def test_generated_page_set(pages) -> None:
    srcs = {p.src for p in pages}
    assert {"roles/eng/l1.md", "roles/eng/ic3.md", "roles/em/m3.md", "roles/eng/l2-to-ic3.md", "roles/em/l2-to-m3.md",
            "roles/eng/l1/interview.md", "levels/ic3.md", "levels/m3.md", "interview/craft.md", "checklist.md"} <= srcs
    assert "roles/em/l1.md" not in srcs  # em does not define l1
    assert "roles/eng/ic3/interview.md" not in srcs and "interview/people.md" not in srcs  # no empty page
    assert "kpis.md" not in srcs and "roadmap.md" not in srcs and "proficiency.md" not in srcs  # no KPIs, roadmap or scales
    assert len(srcs) == len(pages)  # every page once


def test_page_titles_and_anchors(pages) -> None:
    by_src = {p.src: p for p in pages}
    jd = by_src["roles/em/m3.md"]
    assert jd.title == "Engineering Manager"
    assert {"top", "overview", "duties", "behaviours", "expected-items"} <= set(jd.anchors)
    assert "Grows a team" in jd.body.html and "B1" not in jd.body.html
    diff = by_src["roles/eng/l2-to-ic3.md"]
    assert diff.title == "L2 → IC3: Engineer"
    assert [t["id"] for t in diff.body.toc[0]["children"]] == ["focus-shift", "duties-added", "items-added"]
    assert by_src["competencies/people.md"].anchors[:2] == ("top", "care")


def test_redirects_for_renamed_role_and_area(pages) -> None:
    fw = load_framework(FIXTURES / "mini")
    moved = redirects(fw, [p.route for p in pages])
    assert moved["roles/manager/m3.md"] == "roles/em/m3.md"
    assert moved["competencies/humans.md"] == "competencies/people.md"
    assert "roles/manager/index.md" in moved


def test_a_template_cache_that_cannot_be_written_only_costs_time(tmp_path, monkeypatch) -> None:
    import shutil

    import jinja2

    from macros.site.render import bytecode_cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cache = bytecode_cache("probe")
    assert cache is not None
    shutil.rmtree(tmp_path / "career-framework")  # gone (a cleaned cache, a full disk): storing fails
    env = jinja2.Environment(loader=jinja2.DictLoader({"page": "{{ 1 + 1 }}"}), bytecode_cache=cache)
    assert env.get_template("page").render() == "2"


def test_the_page_kind_table_is_checked_when_it_is_read() -> None:
    """A kind without an entry, without a template, on another kind's URL pattern or with an unknown placeholder
    fails at import, naming it."""
    import dataclasses

    jd = next(e for e in ENTRIES if e.kind == Kind.JD)
    cases = [
        ([e for e in ENTRIES if e.kind != Kind.KPIS], "page kind kpis has no entry in KINDS"),
        ([*ENTRIES, jd], "page kind jd is registered twice"),
        ([dataclasses.replace(e, template="gone.html.j2") if e.kind == Kind.JD else e for e in ENTRIES], "page kind jd: no template gone.html.j2"),
        ([dataclasses.replace(e, path="roles/{role}/{lower}.md") if e.kind == Kind.CHECKLIST else e for e in ENTRIES],
         "page kinds jd and checklist share the URL pattern"),
        ([dataclasses.replace(e, path="roles/{person}/x.md") if e.kind == Kind.KIT else e for e in ENTRIES], "unknown placeholder {person}"),
        ([dataclasses.replace(e, nav="sidebar") if e.kind == Kind.KIT else e for e in ENTRIES], "unknown navigation section 'sidebar'"),
    ]
    for entries, message in cases:
        with pytest.raises(RuntimeError, match=re.escape(message)):
            _registry(entries)
    assert isinstance(jd, PageKind) and jd.src("r", "l") == "roles/r/l.md" and jd.id_kinds == ("role", "level")


def test_reserved_words_come_from_the_url_patterns() -> None:
    rules = reserved()
    assert rules.words["level"] == {"index", "matrix"}  # roles/<role>/index.md and roles/<role>/matrix/
    assert rules.words["role"] == {"index"} and rules.words["area"] == {"index"} and rules.words["family"] == {"index"}
    assert rules.joins == {"level": {"-to-"}}  # roles/<role>/<lower>-to-<upper>.md


def test_ids_that_would_take_another_pages_address(tmp_path) -> None:
    import shutil

    root = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", root)
    levels = root / "levels.yml"
    levels.write_text(levels.read_text(encoding="utf-8").replace("id: l1", "id: matrix", 1).replace("level: l1", "level: matrix")
                      .replace("id: l2", "id: a-to-b", 1), encoding="utf-8")
    for path in [*root.rglob("*.yml")]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("l1:", "matrix:").replace("[l1", "[matrix").replace("l2:", "a-to-b:").replace("level: l2", "level: a-to-b")
                        .replace("[l2", "[a-to-b").replace(" l2]", " a-to-b]").replace("level: l1", "level: matrix"), encoding="utf-8")
    fw = load_framework(root)
    found = sorted((d.path.rsplit("/", 1)[-1], d.line, d.message) for d in id_clashes(fw, root))
    assert found == [("levels.yml", 2, "level id 'matrix' is reserved for other pages; choose another"),
                     ("levels.yml", 3, "level id 'a-to-b' holds a part reserved for other pages' addresses; choose another")]


def test_every_id_on_a_page_is_recorded_where_it_is_written(pages) -> None:
    """The record (headings and anchors) is the only source of a page's ids: nothing a template writes escapes it."""
    from html.parser import HTMLParser

    class Ids(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.ids: list[str] = []

        def handle_starttag(self, tag, attrs) -> None:
            self.ids += [v for k, v in attrs if k == "id"]

    for page in pages:
        parser = Ids()
        parser.feed(page.body.html)
        assert sorted(parser.ids) == sorted(page.body.anchors), page.src


def test_layout_and_widget_anchors_stay_out_of_the_link_contract(pages) -> None:
    by_src = {p.src: p for p in pages}
    jd = by_src["roles/em/m3.md"].body
    assert "behaviours-people" in jd.anchors and "behaviours-people" not in jd.stable_anchors  # bug on main: it was published
    assert {"top", "overview", "duties", "behaviours"} <= set(jd.stable_anchors)
    checklist = by_src["roles/eng/l1/checklist.md"].body
    assert any(a.startswith("cf-") for a in checklist.anchors) and not any(a.startswith("cf-") for a in checklist.stable_anchors)
