"""The level switcher in Chromium ("내 레벨: [role] [level]" above every page, macros/site/theme/assets/switcher.js): a choice made
on one page is remembered on every other page and after a reload, its three links lead to that level's JD, checklist
and what the next level adds (none at the top), a bad stored value is ignored without an error, only the chosen role's
levels are offered (an example with two families on their own ladders and a track split), the home page's "my level"
links follow the choice, and the home page leads with the ladder."""
from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from conftest import ROOT, build_site, make_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]
KEY = "career-framework-my-level"
ROLE = "/roles/python-backend/"


def new_page(chromium, base_url: str, width: int = 1280, height: int = 800, **options):
    context = chromium.new_context(base_url=base_url, viewport={"width": width, "height": height}, **options)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    return context, page, errors


@pytest.fixture
def page(chromium, base_url: str):
    context, pg, errors = new_page(chromium, base_url)
    yield pg
    context.close()
    assert errors == [], errors


def ready(page) -> None:
    """The switcher has read the build's data (its role list is filled)."""
    page.wait_for_function("document.querySelectorAll('[data-cf-my-role] option').length > 1")


def links(page) -> dict[str, str | None]:
    """The switcher's links that show, by kind: their address without the site's origin."""
    out: dict[str, str | None] = {}
    for kind in ("jd", "checklist", "next"):
        a = page.locator(f'[data-cf-switcher] [data-cf-my-link="{kind}"]')
        out[kind] = a.evaluate("a => a.href").split("://", 1)[1].split("/", 1)[1] if a.is_visible() else None
    return out


def choose(page, level: str, role: str | None = None) -> None:
    ready(page)
    if role:
        page.select_option("[data-cf-my-role]", role)
    page.select_option("[data-cf-my-level]", level)


def stored(page) -> object:
    raw = page.evaluate(f"localStorage.getItem('{KEY}')")
    return None if raw is None else json.loads(raw)


def test_a_level_chosen_on_one_page_is_remembered_on_another_and_after_a_reload(page) -> None:
    page.goto("/levels/")
    choose(page, "mid")
    assert stored(page) == {"version": 1, "role": "python-backend", "level": "mid"}
    page.goto("/competencies/data-storage/")
    page.reload()
    ready(page)
    assert page.input_value("[data-cf-my-role]") == "python-backend" and page.input_value("[data-cf-my-level]") == "mid"
    assert links(page) == {"jd": "roles/python-backend/mid/", "checklist": "roles/python-backend/mid/checklist/",
                           "next": "roles/python-backend/mid-to-senior/"}
    assert page.locator('[data-cf-my-link="next"]').inner_text() == "Senior에서 더해지는 것"
    assert page.locator("[data-cf-my-hint]").is_hidden()
    page.click('[data-cf-switcher] [data-cf-my-link="checklist"]')  # instant navigation swaps the page, switcher included
    page.wait_for_url("**/roles/python-backend/mid/checklist/")
    ready(page)
    assert page.input_value("[data-cf-my-level]") == "mid" and links(page)["next"] == "roles/python-backend/mid-to-senior/"


def test_the_home_pages_my_level_links_follow_the_choice(page) -> None:
    page.goto("/")
    ready(page)
    growth = page.locator("article .cf-journey").first
    assert growth.locator('[data-cf-my-link="checklist"]').evaluate("a => a.href").endswith(f"{ROLE}junior/checklist/")
    choose(page, "senior")
    assert growth.locator('[data-cf-my-link="checklist"]').evaluate("a => a.href").endswith(f"{ROLE}senior/checklist/")
    assert growth.locator('[data-cf-my-link="gap"]').evaluate("a => a.href").endswith(f"{ROLE}senior/checklist/#gap")
    page.reload()
    ready(page)
    assert growth.locator('[data-cf-my-link="gap"]').evaluate("a => a.href").endswith(f"{ROLE}senior/checklist/#gap")


def test_at_the_top_of_the_ladder_there_is_no_next_link(page) -> None:
    page.goto("/roles/python-backend/senior/")
    choose(page, "lead")
    assert links(page) == {"jd": "roles/python-backend/lead/", "checklist": "roles/python-backend/lead/checklist/", "next": None}
    page.reload()
    ready(page)
    assert links(page)["next"] is None and page.input_value("[data-cf-my-level]") == "lead"


BAD = ["not json {", "null", "[]", '"mid"', "{}", '{"version": 2, "role": "python-backend", "level": "mid"}',
       '{"version": 1, "role": {"id": "python-backend"}, "level": "mid"}', '{"version": 1, "role": "nobody", "level": "mid"}',
       '{"version": 1, "role": "python-backend", "level": "<img src=x onerror=alert(1)>"}',
       '{"version": 1, "role": "__proto__", "level": "constructor"}']


@pytest.mark.parametrize("raw", BAD)
def test_a_bad_stored_value_is_ignored_without_an_error(page, raw: str) -> None:
    page.goto("/kpis/")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, raw])
    page.reload()
    ready(page)
    assert page.input_value("[data-cf-my-level]") == ""  # nothing chosen: the prompt
    assert page.input_value("[data-cf-my-role]") == "python-backend"  # the only role, shown though not stored
    assert links(page) == {"jd": None, "checklist": None, "next": None} and page.locator("[data-cf-my-hint]").is_visible()
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == raw  # ignored, not rewritten behind the reader's back
    choose(page, "junior")  # a new choice replaces it
    assert stored(page) == {"version": 1, "role": "python-backend", "level": "junior"}
    assert links(page)["jd"] == "roles/python-backend/junior/"


def test_a_choice_the_browser_will_not_store_lasts_for_the_visit(chromium, base_url: str) -> None:
    context, page, errors = new_page(chromium, base_url)
    context.add_init_script("Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); }")
    page.goto("/levels/")
    choose(page, "mid")
    assert links(page)["jd"] == "roles/python-backend/mid/" and stored(page) is None
    page.click('[data-cf-switcher] [data-cf-my-link="jd"]')  # instant navigation: the same visit
    page.wait_for_url("**/roles/python-backend/mid/")
    ready(page)
    assert page.input_value("[data-cf-my-level]") == "mid"
    context.close()
    assert errors == []


def test_the_home_page_leads_with_the_ladder(chromium, base_url: str) -> None:
    """At 1280×800 the whole levels table is above the fold; at 390×844 it starts on the first screen."""
    where = """() => { const t = document.querySelector('#levels ~ table, #levels ~ .md-typeset__scrollwrap table');
                       const r = t.getBoundingClientRect(); return [r.top, r.bottom]; }"""
    for width, height in ((1280, 800), (390, 844)):
        context, page, errors = new_page(chromium, base_url, width, height)
        page.goto("/")
        ready(page)
        top, bottom = page.evaluate(where)
        context.close()
        assert errors == []
        if width == 1280:
            assert top > 0 and bottom <= height, (top, bottom)
        else:
            assert 0 < top < height / 2, (top, bottom)


def test_without_javascript_the_home_page_keeps_plain_links(chromium, base_url: str) -> None:
    context, page, _ = new_page(chromium, base_url, java_script_enabled=False)
    page.goto("/")
    assert page.locator("[data-cf-switcher]").count() == 1 and page.locator("[data-cf-switcher]").is_hidden()
    growth = page.locator("article .cf-journey").first.locator("ol a")
    assert growth.count() == 3 and growth.first.get_attribute("href") == "roles/python-backend/junior/checklist/"
    context.close()


# families on their own ladders, and a track split: examples/product-company ------------------------------------
@pytest.fixture(scope="module")
def product(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example's public site (what candidates see: the switcher is the same in both builds), served."""
    import browser

    project = make_project(tmp_path_factory.mktemp("product") / "p", ROOT / "examples" / "product-company" / "framework")
    out = tmp_path_factory.mktemp("product-site")
    for url in browser.serve(out):
        result = build_site(project, out, CAREER_AUDIENCE="public")  # no address: a public one must be https
        assert result.returncode == 0, result.stderr
        yield url


def test_only_the_chosen_roles_levels_are_offered(chromium, product: str) -> None:
    context, page, errors = new_page(chromium, product)
    page.goto("/levels/")
    ready(page)
    assert page.is_disabled("[data-cf-my-level]")  # several roles: the role comes first
    offered = "() => [...document.querySelectorAll('[data-cf-my-level] option')].slice(1).map(o => o.value)"
    page.select_option("[data-cf-my-role]", "data-analyst")
    assert page.evaluate(offered) == ["d1", "d2", "d3", "d4"]
    page.select_option("[data-cf-my-role]", "engineering-manager")  # the shared levels, then the manager track
    assert page.evaluate(offered) == ["se3", "se4", "em5", "em6"]
    page.select_option("[data-cf-my-level]", "se4")
    assert links(page) == {"jd": "roles/engineering-manager/se4/", "checklist": None,  # behaviours only: no checklist
                           "next": "roles/engineering-manager/se4-to-em5/"}
    page.select_option("[data-cf-my-role]", "backend-engineer")  # se4 is on this ladder too: kept
    assert page.input_value("[data-cf-my-level]") == "se4" and links(page)["next"] == "roles/backend-engineer/se4-to-se5/"
    page.select_option("[data-cf-my-role]", "data-analyst")  # not on this one: to be chosen again
    assert page.input_value("[data-cf-my-level]") == "" and links(page)["jd"] is None
    assert stored(page) == {"version": 1, "role": "data-analyst", "level": None}
    page.select_option("[data-cf-my-level]", "d4")
    assert links(page) == {"jd": "roles/data-analyst/d4/", "checklist": "roles/data-analyst/d4/checklist/", "next": None}
    context.close()
    assert errors == []
