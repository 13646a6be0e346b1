"""The built site, read as HTML: content from YAML, stable ids, links and anchors that resolve."""
from __future__ import annotations

import json
import re
from urllib.parse import unquote, urlsplit

import pytest
import seeds
from site_html import Site, unresolved

pytestmark = pytest.mark.slow

#: python-backend's items by the level that first expects them, stated by hand: 29 + 79 + 40 + 20 = the seed's 168.
NEW_AT = {"junior": 29, "mid": 79, "senior": 40, "lead": 20}
JUNIOR_ITEMS = ("memory-structure gil garbage-collection cprofile-profiling line-profiler type-hints mypy-static-typing "
                "pydantic-runtime-validation asyncio-programming threading multiprocessing pytest coverage fixtures-mocking "
                "django fastapi django-rest-framework restful-api-design transaction-isolation redis-caching-sessions "
                "github-actions test-automation docker csrf cors sql-injection xss transaction-management readme-tech-docs")


def linked_items(html: str, fw) -> list[str]:
    """The competency items an HTML fragment links to (of a page three folders deep), in order."""
    items = {p.id for p in fw.items()}
    return [i for i in re.findall(r'href="\.\./\.\./\.\./competencies/[a-z0-9-]+/#([a-z0-9-]+)"', html) if i in items]


def test_every_seed_text_is_on_the_site(site: Site) -> None:
    text = site.all_text()
    missing = []
    for area in seeds.roadmap_areas():
        missing += [t for t in [area.title] + [g for g, _ in area.groups] + [i for _, items in area.groups for i in items]
                    if t not in text]
    jd = seeds.jd()
    lines = [jd["overview"], *jd["stack"], jd["vision"], jd["attribution"], *jd["impact"].values()]
    for lv in jd["levels"]:
        lines += [lv.focus, lv.years, *lv.duties, *lv.competencies]
    for row in jd["progression"]:
        lines += row
    for cat, metrics in jd["kpis"]:
        lines += [cat, ", ".join(metrics)]
    missing += [t for t in lines if t not in text]
    assert missing == []


def test_every_seed_text_is_in_the_html(site: Site) -> None:
    """The seed owners' coverage check on the built HTML (tags removed, references decoded, whitespace folded), run
    from the copies in tests/fixtures/seeds (test_completeness compares them with ../shared when it is there)."""
    kinds = ["items", "groups", "areas", "jd"]
    assert seeds.missing(kinds, seeds.html_text(site.root)) == {kind: [] for kind in kinds}


def test_each_jd_page_lists_exactly_its_duties_and_competencies(site: Site, fw) -> None:
    for role in fw.roles:
        for level, jd in fw.role_levels(role):
            page = site.page(f"/roles/{role.id}/{level.id}/")
            assert page.section_items("duties") == [d.ko for d in jd.duties]
            assert page.section_items("competencies") == [c.ko for c in jd.competencies]
            assert jd.title.ko in page.text and level.years_label.ko in page.text
            assert 'href="../../../kpis/#technical-quality"' in page.source  # KPIs linked from every JD


def jd_items(site: Site, fw, level: str) -> tuple[list[str], list[str]]:
    """The items a JD links: those its level adds ("합류 후 키워 갈 역량"), and those of the levels below, folded under
    "이전 레벨에서 이어지는 기반 항목"."""
    body = site.page(f"/roles/python-backend/{level}/").content().split('id="kpis"')[0]
    before, _, rest = body.partition('<details class="cf-foundation')
    folded, _, after = rest.partition("</details>")
    if folded:
        assert "이전 레벨에서 이어지는 기반 항목" in folded
    return linked_items(before + after, fw), linked_items(folded, fw)


def test_items_appear_on_the_jd_of_their_level_only(site: Site, fw) -> None:
    """Each JD lists what its level adds, with what the levels below expect folded: every item is new on exactly one
    JD."""
    below: list[str] = []
    for level, count in NEW_AT.items():
        new, carried = jd_items(site, fw, level)
        assert len(new) == len(set(new)) == count, level
        assert not set(new) & set(below), level
        assert sorted(carried) == sorted(below), level
        below += new
    assert len(below) == len(set(below)) == 168
    assert sorted(jd_items(site, fw, "junior")[0]) == sorted(JUNIOR_ITEMS.split())


def test_item_pages_carry_anchor_level_and_jd(site: Site, fw) -> None:
    """Each area page holds the seed's items of that area (titles, and one anchor each); every item has one page."""
    items = {p.id for p in fw.items()}
    anchored: list[str] = []
    for seed_area, area in zip(seeds.roadmap_areas(), fw.areas, strict=True):  # same order: see test_completeness
        page = site.page(f"/competencies/{area.id}/")
        titles = [title for _, group in seed_area.groups for title in group]
        shown = [i for i in page.ids if i in items]
        assert len(shown) == len(titles) and all(title in page.text for title in titles), area.id
        anchored += shown
    assert sorted(anchored) == sorted(items)
    gil = site.page("/competencies/python-core/")
    section = gil.content().split('id="gil"')[1].split("<h3")[0]
    assert 'href="../../levels/junior/"' in section and 'href="../../roles/python-backend/junior/"' in section


def test_level_diff_pages(site: Site, fw) -> None:
    page = site.page("/roles/python-backend/junior-to-mid/")
    assert "코드 품질 → 서비스 운영" in page.text and "기능 단위 책임 수행 및 자율적 개발" in page.text
    role = fw.role("python-backend")
    table = page.content().split('id="duties-added"')[1].split("</table>")[0]
    junior_cell, mid_cell = re.findall(r"<td>(.*?)</td>", table, re.S)
    assert re.findall(r"<li>(.*?)</li>", junior_cell) == [d.ko for d in role.levels["junior"].duties]
    assert re.findall(r"<li>(.*?)</li>", mid_cell) == [d.ko for d in role.levels["mid"].duties]
    for lo, hi in [("junior", "mid"), ("mid", "senior"), ("senior", "lead")]:  # the items the higher level adds
        added = linked_items(site.page(f"/roles/python-backend/{lo}-to-{hi}/").content(), fw)
        on_jd = jd_items(site, fw, hi)[0]
        assert len(added) == len(set(added)) == NEW_AT[hi] and set(added) == set(on_jd), (lo, hi)
    progression = site.page("/progression/")
    for lo, hi in [("junior", "mid"), ("mid", "senior"), ("senior", "lead")]:
        assert f'href="../roles/python-backend/{lo}-to-{hi}/"' in progression.source


def test_matrix_cells_link_to_items(site: Site, fw) -> None:
    page = site.page("/roles/python-backend/matrix/python-core/")
    for item in fw.area("python-core").groups[0].items:
        assert page.source.count(f'href="../../../../competencies/python-core/#{item.id}"') >= 2
    summary = site.page("/roles/python-backend/matrix/")
    assert [a.title for a in seeds.roadmap_areas() if a.title not in summary.text] == []


def test_no_auto_numbered_ids(site: Site) -> None:
    bad = {str(p.path.relative_to(site.root)): [i for i in p.ids if re.fullmatch(r"_\d+", i)] for p in site.pages()}
    assert {k: v for k, v in bad.items() if v} == {}


def test_every_internal_link_and_anchor_resolves(site: Site) -> None:
    broken = []
    for page in site.pages():
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            base = site.root if parts.path.startswith("/") else page.path.parent
            target = (base / unquote(parts.path).lstrip("/")).resolve() if parts.path else page.path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append((str(page.path.relative_to(site.root)), href))
                continue
            if parts.fragment and parts.fragment not in site._load(target).ids:
                broken.append((str(page.path.relative_to(site.root)), href))
    assert broken == []


def test_every_address_a_page_loads_is_there(site: Site) -> None:
    """Stylesheets, scripts, icons and links of every page (the theme's own included) reach a file of the site."""
    assert unresolved(site.root) == []


def test_url_list_matches_the_site(site: Site, fw) -> None:
    doc = json.loads((site.root / "urls.json").read_text(encoding="utf-8"))
    assert doc["version"] == fw.meta.version
    pages = doc["pages"]
    assert "/roles/python-backend/junior/" in pages and "/competencies/python-core/" in pages
    assert "gil" in pages["/competencies/python-core/"]
    for url, anchors in pages.items():
        page = site.page(url)
        assert set(anchors) <= set(page.ids), url
    assert len(pages) >= 30


def test_sidebar_holds_sections_and_index_pages_only(site: Site) -> None:
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', site.page("/").source, re.S).group(0)
    hrefs = set(re.findall(r'href="([^"]+)"', nav))
    assert not any("competencies/python-core" in h or "/junior/" in h or "matrix" in h for h in hrefs)
    assert any("roles/python-backend/" in h for h in hrefs)


def test_nothing_loads_from_the_internet(site: Site) -> None:
    for page in site.pages():
        for tag in re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", page.source):
            if 'rel="canonical"' in tag or 'rel="alternate"' in tag:
                continue  # an address, not something the browser loads
            assert not re.search(r'(src|href)="(https?:)?//', tag), (page.path, tag)
        assert "fonts.googleapis" not in page.source and "fonts.gstatic" not in page.source


def test_home_page(site: Site, fw) -> None:
    home = site.page("/")
    assert fw.meta.vision.text.ko in home.text
    assert "승진 체크리스트가 아닙니다" in home.text
    assert 'href="roles/python-backend/junior/"' in home.source
