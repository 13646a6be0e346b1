"""Routes, redirects and the generated page set of the small fixture, stated by hand."""
from __future__ import annotations

import pytest
from conftest import FIXTURES

from macros.core.loading import load_framework
from macros.site import urls
from macros.site.labels import load_labels
from macros.site.pages import PageBuilder
from macros.site.render import Renderer
from macros.site.routes import Kind, Route, old_sources, redirects
from macros.views.common import Facts


@pytest.mark.parametrize("route, src, url", [
    (Route(Kind.HOME), "index.md", "/"),
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
    return PageBuilder(Facts.of(fw), Renderer("ko", load_labels("ko"))).all()


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
