"""The public build is written for candidates (issue 25): its home leads with the ladder and then explains what the levels
mean, how to read a JD and how hiring relates, with none of the internal site's wording; its "links" page keeps its
address and anchors but shows no commands, file paths or interview material. The internal build keeps its own."""
from __future__ import annotations

import json
import re

import pytest
from site_html import Site

from macros.site.labels import load_labels

pytestmark = pytest.mark.slow
#: Words of the internal site a candidate's page must not hold, in each language: interview material, managers' and
#: reviewers' wording, and how the framework is maintained.
INTERNAL_WORDS = {
    "ko": ("면접", "평가표", "매니저", "승진", "풀 리퀘스트", "YAML", "사내"),
    "en": ("interview", "scorecard", "manager", "promotion", "pull request", "YAML", "in-house"),
}
#: Labels only the internal home shows (the team's journeys and how the framework is made).
INTERNAL_HOME_LABELS = ("home_journeys", "journey_growth", "journey_growth_text", "journey_hiring", "journey_hiring_text",
                        "journey_hiring_2", "journey_hiring_3", "home_purpose_text", "home_growth", "home_growth_text")
#: A command of the `career` CLI, an option of one, or a path of the framework's files.
COMMANDS_AND_PATHS = re.compile(r"\bcareer\s+(?:check|export|schema|urls|diff|init|serve)\b|--[a-z]+|framework/|\.ya?ml\b|"
                                r"published-urls|\baliases\b", re.I)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_public_home_is_written_for_candidates(public: Site, lang: str) -> None:
    L = load_labels(lang)
    home = public.page("/" if lang == "ko" else "/en/")
    text = home.text
    for word in INTERNAL_WORDS[lang]:
        assert word.lower() not in text.lower(), word
    for key in INTERNAL_HOME_LABELS:
        assert L[key] not in text, key
    for key in ("home_candidates", "candidates_levels", "candidates_jd", "candidates_hiring", "candidates_jd_text"):
        assert L[key] in text, key
    headings = [i for i in home.ids if i in ("levels", "candidates", "roles", "purpose")]
    assert headings == ["levels", "candidates", "roles", "purpose"]  # the ladder first
    assert 'class="cf-table"' in home.content().split('id="candidates"')[0]  # the levels table comes before the rest


def test_public_home_links_only_to_pages_it_has(public: Site) -> None:
    home = public.page("/")
    checklist = re.search(r'<a href="([^"]+)" data-cf-my-link="checklist">', home.content())
    assert checklist is not None and (public.root / checklist.group(1) / "index.html").is_file()
    assert not any("interview" in link or "changelog" in link or "records" in link for link in home.links)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_public_linking_page_shows_no_commands_or_file_paths(public: Site, lang: str) -> None:
    L = load_labels(lang)
    page = public.page("/linking/" if lang == "ko" else "/en/linking/")
    content = re.sub(r"<[^>]+>", " ", page.content())
    assert COMMANDS_AND_PATHS.search(content) is None, COMMANDS_AND_PATHS.search(content)
    for word in INTERNAL_WORDS[lang]:
        assert word.lower() not in content.lower(), word
    assert L.linking_candidates_title in page.text and L.linking_cli not in page.text
    assert {"patterns", "editions", "exports"} <= set(page.ids)  # the anchors a link may carry stay
    assert "/roles/<role>/<level>/" in page.text and "/api/framework.json" in page.text


def test_internal_linking_page_keeps_the_commands(site: Site) -> None:
    page = site.page("/linking/")
    assert "career export --format jobposting" in page.text and load_labels("ko").linking_title in page.text


def test_each_edition_has_the_switcher_in_its_language(public: Site) -> None:
    for prefix, lang in (("", "ko"), ("en/", "en")):
        t = load_labels(lang)
        page = public.page(f"/{prefix}roles/python-backend/mid/")
        assert f'aria-label="{t.switcher_nav}" data-cf-switcher' in page.source and t.switcher_label in page.text
        doc = json.loads((public.root / prefix / "api" / "levels.json").read_text(encoding="utf-8"))
        assert doc["language"] == lang and doc["roles"][0]["levels"][1]["jd"] == "roles/python-backend/mid/"


def test_the_public_build_holds_no_script_of_an_internal_page(public: Site, site: Site) -> None:
    """The interview sheet's and the record pages' scripts (their comments speak of candidates, ratings and
    promotions) are neither loaded by nor shipped with the public build; the internal build has them."""
    internal_only = ("kit.js", "records-pages.js", "record.js", "packet.js", "team.js")
    for name in internal_only:
        assert not (public.root / "assets" / name).exists(), name
        assert name not in public.page("/").source and name not in public.page("/roles/python-backend/senior/").source
        assert (site.root / "assets" / name).is_file() and f"assets/{name}" in site.page("/").source
    for name in ("site.js", "store.js", "records.js", "checklist.js", "switcher.js"):  # the checklists and switcher need these
        assert (public.root / "assets" / name).is_file() and f"assets/{name}" in public.page("/").source
