"""The level switcher's side of the build (macros/site/switcher.py): `/api/levels.json` offers each role only the levels
of its own ladder and track, with the addresses of the pages the build has (null where it has none), and the theme's
partial uses only labels that exist. Values stated by hand on the mini fixture (a track split)."""
from __future__ import annotations

import json
import re

import pytest
from conftest import FIXTURES, ROOT
from site_html import Site

from macros import app
from macros.core.loading import load_framework
from macros.site import urls
from macros.site.edition import Edition
from macros.site.labels import load_labels
from macros.site.switcher import levels_data, theme_labels

MINI = FIXTURES / "mini"


def test_each_role_offers_the_levels_of_its_own_track_with_the_pages_that_exist() -> None:
    fw = load_framework(MINI)
    pages = {"roles/eng/l1.md", "roles/eng/l2.md", "roles/eng/ic3.md", "roles/eng/l1-to-l2.md", "roles/eng/l2-to-ic3.md",
             "roles/eng/l1/checklist.md", "roles/em/l2.md", "roles/em/m3.md", "roles/em/l2-to-m3.md"}
    doc = levels_data(fw, pages, Edition("en", ("ko", "en"), "internal", directory_urls=False))
    assert doc["format"] == "career-framework-levels" and doc["version"] == 1 and doc["language"] == "en"
    by_id = {r["id"]: r for r in doc["roles"]}
    assert [lv["id"] for lv in by_id["eng"]["levels"]] == ["l1", "l2", "ic3"]  # the IC track above the shared levels
    assert [lv["id"] for lv in by_id["em"]["levels"]] == ["l2", "m3"]  # the manager's own path
    assert by_id["em"]["aliases"] == ["manager"] and "aliases" not in by_id["eng"]
    eng = {lv["id"]: lv for lv in by_id["eng"]["levels"]}
    assert eng["l1"] == {"id": "l1", "title": "Engineer 1", "level": "L1", "jd": "roles/eng/l1.html",
                         "checklist": "roles/eng/l1/checklist.html",
                         "next": {"id": "l2", "level": "L2", "path": "roles/eng/l1-to-l2.html"}}
    assert eng["l2"]["checklist"] is None  # not a page of this build
    assert eng["l2"]["next"] == {"id": "ic3", "level": "IC3", "path": "roles/eng/l2-to-ic3.html"}
    assert eng["ic3"]["next"] is None  # the top of the ladder
    em = {lv["id"]: lv for lv in by_id["em"]["levels"]}
    assert em["l2"]["next"]["path"] == "roles/em/l2-to-m3.html" and em["l2"]["title"] == "Team Lead"


def test_the_build_publishes_levels_json_pointing_only_at_its_own_pages() -> None:
    site = app.build(app.BuildOptions(framework_dir=MINI, project_dir=ROOT, history=False))
    doc = json.loads(dict(site.files)[urls.API_LEVELS])
    served = {urls.url(p.src).lstrip("/") for p in site.pages}
    paths = [p for r in doc["roles"] for lv in r["levels"]
             for p in (lv["jd"], lv["checklist"], lv["next"] and lv["next"]["path"]) if p]
    assert paths and set(paths) <= served
    assert {r["id"]: [lv["id"] for lv in r["levels"]] for r in doc["roles"]} == \
        {r.id: [lv.id for lv, _ in site.fw.role_levels(r)] for r in site.fw.roles}


def test_the_partial_uses_only_labels_that_exist() -> None:
    partial = (ROOT / "macros" / "site" / "theme" / "partials" / "switcher.html").read_text(encoding="utf-8")
    used = set(re.findall(r"\bt\.(\w+)", partial))
    for lang in ("ko", "en"):
        given = theme_labels(load_framework(MINI), load_labels(lang))
        assert given is not None and used <= set(given), (lang, used)
        assert "{level}" in given["next"]  # the script puts the next level's name there
    assert theme_labels(load_framework(ROOT / "examples" / "open-ladder" / "framework"), load_labels("en")) is None  # no roles


@pytest.mark.slow
def test_every_page_carries_the_switcher_script(site: Site) -> None:
    """The plugin adds the engine's scripts to every page, generated and hand-written, without the project's
    mkdocs.yml naming them."""
    assert "switcher.js" not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for url in ("/", "/roles/python-backend/senior/", "/competencies/python-core/", "/benchmarks/"):
        assert re.search(r'<script[^>]* src="[./]*assets/switcher\.js"', site.page(url).source), url
