"""Ids scoped by family: two families whose own ladders both declare `junior` and `senior`, each with an area
`technical` of its own (tests/fixtures/families). Authors write the ids as they are; the default family's keep their
addresses (`/levels/junior/`, `/competencies/technical/`), the other family's are `/levels/data-junior/` and
`/competencies/data-technical/`; a bare id a place cannot tell apart is one error that names the forms to write."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, build_site, edit, make_project, run_career
from site_html import Site

from macros.core.loading import load_framework, read_files
from macros.core.scopes import Ambiguous, scopes

TWO = FIXTURES / "families"


@pytest.fixture
def two(tmp_path: Path) -> Path:
    """A scratch copy of the two-family fixture that a test may edit."""
    dest = tmp_path / "framework"
    shutil.copytree(TWO, dest)
    return dest


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    base = tmp_path_factory.mktemp("two-ladders")
    project = make_project(base / "project", TWO, docs=False)
    result = build_site(project, base / "site", languages="")
    assert result.returncode == 0, result.stderr
    return Site(base / "site")


def heading(site: Site, url: str) -> str:
    found = re.search(r"<h1[^>]*>(.*?)<", site.page(url).content(), re.S)
    assert found, url
    return found.group(1).strip()


def level_links(site: Site, url: str) -> list[str]:
    return [h for h in re.findall(r'href="([^"]*)"', site.page(url).content()) if "/levels/" in h]


# resolution ----------------------------------------------------------------------------------------------------
def test_a_bare_id_resolves_by_the_family_of_the_place_it_is_written_in() -> None:
    found = scopes(read_files(TWO)[0])
    assert found.resolve("level", "junior", ("engineering",)) == "junior"
    assert found.resolve("level", "junior", ("data",)) == "data-junior"
    assert found.resolve("level", "senior", ("data",)) == "data-senior"


def test_a_qualified_id_names_its_level_from_anywhere() -> None:
    found = scopes(read_files(TWO)[0])
    assert found.resolve("level", "data-junior", ()) == "data-junior"
    assert found.resolve("level", "data-junior", ("engineering",)) == "data-junior"
    assert found.resolve("level", "engineering-junior", ("data",)) == "junior"


def test_a_bare_id_of_two_ladders_is_ambiguous_where_no_one_family_is_in_reach() -> None:
    found = scopes(read_files(TWO)[0])
    for scope in ((), ("engineering", "data")):
        got = found.resolve("level", "junior", scope)
        assert isinstance(got, Ambiguous)
        assert [(d.owner, d.key, d.qualified) for d in got.choices] == [("engineering", "junior", "engineering-junior"),
                                                                          ("data", "data-junior", "data-junior")]
    assert found.resolve("level", "principal", ("data",)) is None


def test_the_shared_ladder_keeps_the_bare_id_and_is_the_fallback(two: Path) -> None:
    (two / "levels.yml").write_text("levels:\n  - {id: junior, title: Junior}\n  - {id: lead, title: Lead}\n",
                                    encoding="utf-8")
    found = scopes(read_files(two)[0])
    assert found.resolve("level", "junior", ()) == "junior"  # a file of no family: the shared ladder
    assert found.resolve("level", "junior", ("engineering",)) == "engineering-junior"
    assert found.resolve("level", "junior", ("data",)) == "data-junior"
    assert found.resolve("level", "lead", ("data",)) == "lead"  # one ladder declares it


def test_the_qualified_form_of_a_level_only_one_ladder_has_names_it_too(two: Path) -> None:
    edit(two / "families" / "data.yml", "    - {id: senior, title: Senior Analyst, years: {min: 3}}",
         "    - {id: senior, title: Senior Analyst, years: {min: 3}}\n    - {id: principal, title: Principal Analyst, years: {min: 8}}")
    edit(two / "interview" / "basics.yml", "levels: [data-junior, data-senior]", "levels: [data-junior, data-principal]")
    assert scopes(read_files(two)[0]).resolve("level", "data-principal", ()) == "principal"
    fw = load_framework(two)
    assert [q.levels for _, q in fw.questions()] == [("data-junior", "principal"), ("junior",)]


def test_an_area_id_resolves_by_family_too() -> None:
    found = scopes(read_files(TWO)[0])
    assert found.resolve("area", "technical", ("engineering",)) == "technical"
    assert found.resolve("area", "technical", ("data",)) == "data-technical"
    assert found.resolve("area", "data-technical", ("engineering",)) == "data-technical"
    assert found.resolve("area", "engineering-technical", ("data",)) == "technical"
    assert found.resolve("area", "analytics", ("engineering",)) == "analytics"  # one area of that id
    got = found.resolve("area", "technical", ("design",))
    assert isinstance(got, Ambiguous)
    assert [d.key for d in got.choices] == ["technical", "data-technical"]


# career check -------------------------------------------------------------------------------------------------
def test_two_families_with_the_same_level_ids_check_clean() -> None:
    result = run_career("check", str(TWO))
    assert result.returncode == 0, result.stderr
    assert " error" not in result.stderr
    assert "2 families, 4 levels, 2 roles, 4 areas" in result.stdout


def test_an_ambiguous_bare_id_in_a_shared_area_is_one_error_naming_what_to_write(two: Path) -> None:
    edit(two / "families" / "engineering.yml", "areas: [backend, technical]", "areas: [backend, technical, shared]")
    edit(two / "families" / "data.yml", "areas: [analytics, technical]", "areas: [analytics, technical, shared]")
    (two / "competencies" / "shared.yml").write_text(
        "id: shared\ntitle: Shared\nitems:\n"
        "  - {id: writes-docs, title: Writes docs, level: junior}\n"
        "  - {id: reviews-docs, title: Reviews docs, level: junior}\n", encoding="utf-8")
    result = run_career("check", str(two))
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    shared = two / "competencies" / "shared.yml"
    assert errors == [f"{shared}:4:50: error: level 'junior' in item 'writes-docs' is ambiguous: family 'engineering' and "
                      "family 'data' each have a level 'junior', and this place belongs to no single one of them; write "
                      f"'engineering-junior' or 'data-junior' (also named at {shared}:5:52)"]
    assert "Traceback" not in result.stderr


def test_a_qualified_id_in_a_role_of_the_other_family_is_accepted(two: Path) -> None:
    edit(two / "roles" / "data-analyst.yml", "  junior:", "  data-junior:")
    fw = load_framework(two)
    assert list(fw.role("data-analyst").levels) == ["data-junior", "data-senior"]


def test_an_area_no_single_family_owns_is_one_error_naming_what_to_write(two: Path) -> None:
    (two / "families" / "design.yml").write_text(
        "id: design\ntitle: Design\norder: 3\nareas: [technical]\nladder:\n  levels:\n    - {id: d1, title: Designer}\n",
        encoding="utf-8")
    result = run_career("check", str(two))
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert errors == [f"{two / 'families' / 'design.yml'}:4:9: error: area 'technical' in family 'design' is ambiguous: "
                      "family 'engineering' and family 'data' each have an area 'technical', and this place belongs to no "
                      "single one of them; write 'engineering-technical' or 'data-technical'"]


def test_an_area_of_one_family_is_not_used_by_another(two: Path) -> None:
    edit(two / "roles" / "backend-engineer.yml", "overview: Builds the services.",
         "overview: Builds the services.\nareas: [backend, data-technical]")
    result = run_career("check", str(two))
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert errors == [f"{two / 'roles' / 'backend-engineer.yml'}:5:18: error: area 'data-technical' belongs to family 'data' "
                      f"(its `family:`, {two / 'competencies' / 'data-technical.yml'}); family 'engineering' cannot use it"]


def test_an_area_file_of_one_family_is_named_after_the_family_and_id(two: Path) -> None:
    (two / "competencies" / "data-technical.yml").rename(two / "competencies" / "technical-data.yml")
    result = run_career("check", str(two))
    assert result.returncode == 1
    assert (f"{two / 'competencies' / 'technical-data.yml'}:1:5: error: id 'technical' does not match the file name "
            "'technical-data.yml' (or 'data-technical', the area's family and id); rename the file or the id so they agree"
            ) in result.stderr


def test_a_level_named_twice_in_a_role_is_reported(two: Path) -> None:
    edit(two / "roles" / "data-analyst.yml", "  senior:", "  data-junior:")
    result = run_career("check", str(two))
    assert result.returncode == 1
    assert f"{two / 'roles' / 'data-analyst.yml'}:8:3: error: 'data-junior' and 'junior' name the same level; write it once" \
           in result.stderr


def test_a_key_that_is_another_level_s_id_is_reported(two: Path) -> None:
    edit(two / "families" / "engineering.yml", "    - {id: senior, title: Senior Engineer, years: {min: 4}}",
         "    - {id: senior, title: Senior Engineer, years: {min: 4}}\n    - {id: data-junior, title: Odd, years: {min: 6}}")
    result = run_career("check", str(two))
    assert result.returncode == 1
    assert (f"{two / 'families' / 'data.yml'}:7:12: error: level 'junior' of family 'data' is named 'data-junior' (others "
            "have a level 'junior' too), but 'data-junior' is already the id of one of family 'engineering' "
            f"({two / 'families' / 'engineering.yml'}:9); rename one of them") in result.stderr


def test_a_jd_export_takes_the_level_as_its_author_wrote_it(tmp_path: Path) -> None:
    """`--level junior` of a data role is the data family's junior, as in the role's file."""
    result = run_career("export", "--format", "ats", "--path", str(TWO), "--role", "data-analyst", "--level", "junior",
                        "--plain", "--out", str(tmp_path / "jd.txt"))
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "jd.txt").read_text(encoding="utf-8")
    assert text.startswith("Junior Data Analyst")
    assert "Writes queries" in text and "Models metrics" not in text


# the model and the site ---------------------------------------------------------------------------------------
def test_every_level_has_one_key_and_references_use_it() -> None:
    fw = load_framework(TWO)
    assert [(lv.id, lv.title.get("en")) for lv in fw.levels] == [
        ("junior", "Junior Engineer"), ("senior", "Senior Engineer"), ("data-junior", "Junior Analyst"),
        ("data-senior", "Senior Analyst")]
    assert list(fw.role("data-analyst").levels) == ["data-junior", "data-senior"]
    assert list(fw.role("backend-engineer").levels) == ["junior", "senior"]
    assert fw.item("writes-queries").level.id == "data-junior"
    assert fw.item("writes-endpoints").level.id == "junior"
    assert [q.levels for _, q in fw.questions()] == [("data-junior", "data-senior"), ("junior",)]
    assert [(a.id, a.title.get("en")) for a in fw.areas] == [
        ("backend", "Backend"), ("analytics", "Analytics"), ("data-technical", "Data Technical Skills"),
        ("technical", "Engineering Technical Skills")]
    assert [a.id for a in fw.role_areas(fw.role("data-analyst"))] == ["analytics", "data-technical"]
    assert [a.id for a in fw.family_areas(fw.family("engineering"))] == ["backend", "technical"]



def test_a_keyed_entity_is_traced_to_where_its_author_wrote_it() -> None:
    from macros.core.framework import Ref, Source

    fw = load_framework(TWO)
    assert fw.sources[Ref("level", "data-junior")] == Source("families/data.yml", 7)
    assert fw.sources[Ref.role_level("data-analyst", "data-junior")] == Source("roles/data-analyst.yml", 7)
    assert fw.sources[Ref.role_level("data-analyst", "data-senior")] == Source("roles/data-analyst.yml", 8)
    assert fw.sources[Ref("area", "data-technical")] == Source("competencies/data-technical.yml", 1)


@pytest.mark.slow
def test_the_default_family_keeps_the_bare_address_and_the_other_is_qualified(site: Site) -> None:
    assert heading(site, "/levels/junior/") == "Junior Engineer"
    assert heading(site, "/levels/data-junior/") == "Junior Analyst"
    assert heading(site, "/levels/data-senior/") == "Senior Analyst"


@pytest.mark.slow
def test_each_family_s_pages_link_to_its_own_levels(site: Site) -> None:
    assert level_links(site, "/roles/data-analyst/data-junior/") == ["../../../levels/data-junior/"]
    assert level_links(site, "/roles/backend-engineer/junior/") == ["../../../levels/junior/"]
    assert level_links(site, "/families/data/") == ["../../levels/data-junior/", "../../levels/data-senior/"]


@pytest.mark.slow
def test_each_family_s_area_has_its_own_page(site: Site) -> None:
    assert heading(site, "/competencies/technical/") == "Engineering Technical Skills"
    assert heading(site, "/competencies/data-technical/") == "Data Technical Skills"
    links = re.findall(r'href="([^"]*competencies[^"]*)"', site.page("/families/data/").content())
    assert "../../competencies/data-technical/" in links and "../../competencies/technical/" not in links


@pytest.mark.slow
def test_pages_show_titles_not_keys(site: Site) -> None:
    text = re.sub(r"Source: \S+", "", site.all_text())  # the internal site names the file a text is written in
    assert "data-junior" not in text and "data-technical" not in text


def test_the_linking_page_s_checklist_example_is_an_item_of_the_checklist(two: Path) -> None:
    """/checklist/ lists the default family's items: the example of its item links is one of them, even when another
    family's area comes first."""
    from macros import app

    (two / "competencies" / "01-backend.yml").rename(two / "competencies" / "03-backend.yml")
    edit(two / "competencies" / "03-backend.yml", "number: 1", "number: 3")
    site = app.build(app.BuildOptions(framework_dir=two, project_dir=two.parent, history=False, language="en",
                                      editions=("en",)))
    linking = next(p for p in site.pages if p.src == "linking.md")
    assert 'href="../checklist/#writes-endpoints"' in linking.body.html
