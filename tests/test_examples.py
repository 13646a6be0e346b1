"""The example frameworks (examples/*/framework) check and build; the two-family one shows what the
model can say: ladders per family, a track split, behaviours that replace each other, English text; the open-ladder
one an English-only site of numbered levels, behaviours only, no roles, an area two families share and a legacy family.
In Chromium, no table column of any example is narrower than its longest word."""
from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import ROOT, build_site, make_project, served_build
from site_html import Site, unresolved

pytestmark = pytest.mark.slow
EXAMPLES = sorted(p.parent for p in (ROOT / "examples").glob("*/framework/framework.yml"))
HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")  # syllables and jamo
#: The editions each example is built with here: the two older ones in Korean only (as before); open-ladder as its
#: framework.yml says (`languages: [en]`: one edition, English, at /), which is what an empty CAREER_LANGUAGES means.
EDITIONS = {"minimal": "ko", "product-company": "ko", "open-ladder": ""}


@pytest.mark.parametrize("framework", EXAMPLES, ids=[p.parent.name for p in EXAMPLES])
def test_example_checks_clean(framework: Path, career) -> None:
    result = career("check", str(framework.relative_to(ROOT)))
    assert result.returncode == 0, result.stderr
    assert " error" not in result.stderr


@pytest.mark.parametrize("framework", EXAMPLES, ids=[p.parent.name for p in EXAMPLES])
def test_example_files_match_the_schemas_they_point_at(framework: Path) -> None:
    """What an editor checks as you type (each file's first line names its JSON Schema) agrees with `career check`:
    a file the check accepts is valid against its schema."""
    import json

    import jsonschema
    import yaml

    problems = []
    for path in sorted(framework.rglob("*.yml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema = json.loads((path.parent / first.split("$schema=", 1)[1]).read_text(encoding="utf-8"))
        for error in jsonschema.Draft202012Validator(schema).iter_errors(yaml.safe_load(path.read_text(encoding="utf-8"))):
            problems.append(f"{path.relative_to(framework)}: {error.json_path}: {error.message}")
    assert problems == []


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], tuple[str, Site]]]:
    """Each example's site, built strictly once per test module (its framework in a throwaway copy of the project) and
    served on localhost: a function giving its address and its folder. The static tests read the folder, the browser
    tests load the address."""
    with contextlib.ExitStack() as stack:
        sites: dict[str, tuple[str, Site]] = {}
        failed: dict[str, str] = {}  # a build that failed fails every test of its example, without building again

        def get(name: str) -> tuple[str, Site]:
            if name in failed:
                pytest.fail(failed[name])
            if name not in sites:
                base = tmp_path_factory.mktemp(name)
                project = make_project(base / "project", ROOT / "examples" / name / "framework", docs=False)
                out = base / "site"
                try:
                    url = stack.enter_context(contextlib.contextmanager(served_build)(project, out, EDITIONS[name]))
                except AssertionError as exc:
                    failed[name] = f"the {name} example does not build: {exc}"
                    raise
                sites[name] = url, Site(out)
            return sites[name]

        yield get


@pytest.fixture(scope="module")
def company(examples: Callable[[str], tuple[str, Site]]) -> Site:
    return examples("product-company")[1]


@pytest.fixture(scope="module")
def ladder(examples: Callable[[str], tuple[str, Site]]) -> Site:
    return examples("open-ladder")[1]


def test_every_example_is_built_here() -> None:
    assert sorted(EDITIONS) == sorted(p.parent.name for p in EXAMPLES)


def test_minimal_example_builds(examples: Callable[[str], tuple[str, Site]]) -> None:
    site = examples("minimal")[1]
    assert (site.root / "roles" / "developer" / "index.html").is_file()


def article(site: Site, url: str) -> str:
    """A page's own content, as text (the sidebar lists every role)."""
    return " ".join(re.sub(r"<[^>]+>", " ", site.page(url).content()).split())


def test_each_family_shows_only_its_ladder(company: Site) -> None:
    data = article(company, "/families/data/")
    assert "Software Engineer I" not in data and "Staff Engineer" not in data
    engineering = article(company, "/families/software-engineering/")
    assert "Staff Engineer" in engineering and "Engineering Manager" in engineering
    d1 = article(company, "/levels/d1/")
    assert "Software Engineer" not in d1 and "Backend Engineer" not in d1


def test_the_track_split(company: Site) -> None:
    se4 = company.page("/levels/se4/")
    assert 'href="../se5/"' in se4.source and 'href="../em5/"' in se4.source  # both ways up
    em = company.page("/roles/engineering-manager/")
    assert "Staff Engineer" not in em.text  # the IC track is not the manager's path
    diff = company.page("/roles/engineering-manager/se4-to-em5/")
    assert "behaviours-changed" in diff.ids and "items-added" not in diff.ids  # behaviours only: no empty items section


def test_behaviours_replace_each_other(company: Site) -> None:
    """A role of behaviours only has no checklist (a checklist is of items); its JD lists one statement per
    competency, the one in force at the level, never those of the levels below too."""
    assert not (company.root / "roles" / "engineering-manager" / "em5" / "checklist").exists()
    jd = company.page("/roles/engineering-manager/em5/")
    section = re.search(r'<div class="cf-jd-behaviours">(.*?)</div>', jd.content(), re.S)
    assert section, "no behaviours on the JD"
    cited = re.findall(r'<dt><a href="[^"#]*#([a-z0-9-]+?)--([a-z0-9]+)"', section.group(1))
    groups = [g for g, _ in cited]
    assert len(groups) >= 6 and len(groups) == len(set(groups)), cited  # one statement per competency
    assert {lv for _, lv in cited} <= {"se1", "se2", "se3", "se4", "em5"}  # none from above the level


def test_english_text_is_marked_on_korean_pages(company: Site) -> None:
    jd = company.page("/roles/backend-engineer/se5/")
    assert '<h1 id="top"><span lang="en">Staff Engineer</span>' in jd.source  # the title is English on a Korean page
    matrix = company.page("/roles/backend-engineer/matrix/")
    assert re.search(r'class="cf-proficiency"[^>]*>(<span lang="en">)?(Awareness|Working|Practitioner|Expert)', matrix.source)
    assert "cf-carried" in matrix.source  # a lower level's statement still holds


def test_english_edition_of_the_english_family(tmp_path: Path) -> None:
    result = build_site(ROOT, tmp_path / "site", languages="ko,en",
                        CAREER_FRAMEWORK_DIR=str(ROOT / "examples" / "product-company" / "framework"))
    assert result.returncode == 0, result.stderr
    page = Site(tmp_path / "site").page("/en/roles/backend-engineer/se3/")
    article = re.sub(r'<(\w+)[^>]*lang="ko"[^>]*>.*?</\1>', "", page.content(), flags=re.S)
    assert not HANGUL.search(article) and '<span lang="en">' not in page.content()  # English without marks


# open-ladder: English only, numbered levels, behaviours only, no roles, a shared area, a legacy family ----------------
OPEN_AREAS = ("everyone", "engineering-craft", "design-craft", "reliability")
OPEN_LEVELS = tuple(f"l{n}" for n in range(3, 8))


def url_of(site: Site, page: Path) -> str:
    rel = page.relative_to(site.root).as_posix()
    return "/" + rel.removesuffix("index.html") if rel.endswith("index.html") else "/" + rel


def is_redirect(path: Path) -> bool:
    return 'http-equiv="refresh"' in path.read_text(encoding="utf-8")[:2000]


def hangul_in(text: str) -> list[str]:
    """Each Hangul run with a little context, to say where it is."""
    return [text[max(0, m.start() - 40):m.end() + 40].replace("\n", " ") for m in re.finditer(HANGUL.pattern + "+", text)]


def test_open_ladder_has_no_korean_anywhere(ladder: Site) -> None:
    """Every page, the search index and terms, the API files, the URL list and the sitemap: an English-only
    framework gives an English-only site, interface included (Material's own bundled scripts are not ours to judge)."""
    root = ladder.root
    checked = [p for p in sorted(root.rglob("*")) if p.is_file() and p.suffix in (".html", ".json", ".xml", ".txt", ".csv", ".md")
               and "javascripts" not in p.relative_to(root).parts]
    assert root / "search" / "search_index.json" in checked and root / "search" / "terms.json" in checked
    assert any(p.relative_to(root).parts[0] == "api" for p in checked)
    found = {p.relative_to(root).as_posix(): hangul_in(p.read_text(encoding="utf-8", errors="replace"))[:3] for p in checked}
    korean = {rel: where for rel, where in found.items() if where}
    assert not korean, "Korean in " + "; ".join(f"{rel}: {where}" for rel, where in korean.items())


def test_open_ladder_site_speaks_english(ladder: Site) -> None:
    home = ladder.page("/")
    assert re.search(r'<html[^>]* lang="en"', home.source)
    assert "Fernwick career ladder" in home.text
    assert not (ladder.root / "en").exists()  # one edition: English is the main one, at /


def test_open_ladder_has_the_pages_it_should(ladder: Site) -> None:
    expected = ["/", "/families/", "/families/engineering/", "/families/design/", "/families/frontend/", "/levels/",
                *(f"/levels/{lv}/" for lv in OPEN_LEVELS), "/progression/", "/competencies/",
                *(f"/competencies/{a}/" for a in OPEN_AREAS), "/proficiency/", "/glossary/"]
    missing = [u for u in expected if not (ladder.root / u.strip("/") / "index.html").is_file()]
    assert missing == []
    empty = [u for u in expected if len(article(ladder, u)) < 80]  # a page with a heading and nothing under it
    assert empty == []


def test_open_ladder_has_no_pages_about_what_it_lacks(ladder: Site) -> None:
    """No roles: no role index, role, JD, level-diff, matrix or kit pages; no items: no checklist anywhere; no KPIs
    and no interview questions: no pages for them. And no page links to a page that is not there."""
    root = ladder.root
    pages = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html"))
    unwanted = [p for p in pages if p.startswith(("roles/", "kpis/", "interview/", "roadmap/"))
                or "checklist" in p.split("/")]
    assert (unwanted, unresolved(root)) == ([], [])


def test_families_in_their_order_the_legacy_one_last(ladder: Site) -> None:
    index = ladder.page("/families/").content()
    where = [index.find(f'href="{fam}/"') for fam in ("engineering", "design", "frontend")]
    assert -1 not in where and where == sorted(where), where  # order: 1, 2, 9 (engineering is also the default)


def test_the_legacy_family_says_so_and_points_to_its_successor(ladder: Site) -> None:
    page = ladder.page("/families/frontend/")
    text = article(ladder, "/families/frontend/")
    assert "In 2025 front-end engineering joined the engineering family" in text  # legacy.note
    assert re.search(r'href="\.\./engineering/(#[^"]*)?"', page.content()), "no link to the successor family"
    for live in ("engineering", "design"):  # the current families are not marked legacy
        assert "joined the engineering family" not in article(ladder, f"/families/{live}/")


def test_the_shared_area_is_on_both_families_pages(ladder: Site) -> None:
    own = {"engineering": ("engineering-craft", "reliability"), "design": ("design-craft",)}
    for family, areas in own.items():
        content = ladder.page(f"/families/{family}/").content()
        assert re.search(r'href="(\.\./)+competencies/everyone/(#[^"]*)?"', content), family
        assert "Everyone" in article(ladder, f"/families/{family}/")
        for area in OPEN_AREAS:
            linked = bool(re.search(rf'href="(\.\./)+competencies/{area}/(#[^"]*)?"', content))
            assert linked == (area == "everyone" or area in areas), (family, area)


def test_levels_are_numbered(ladder: Site) -> None:
    for n, level in zip(range(3, 8), OPEN_LEVELS, strict=True):
        page = ladder.page(f"/levels/{level}/")
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", page.content(), re.S)
        assert h1 and re.search(rf"(^|\D){n}(\D|$)", re.sub(r"<[^>]+>", "", h1.group(1))), (level, h1 and h1.group(1))
    ladder_text = article(ladder, "/levels/")
    positions = [re.search(rf"(^|\D){n}(\D|$)", ladder_text) for n in range(3, 8)]
    assert all(positions) and [m.start() for m in positions] == sorted(m.start() for m in positions)
    l5 = article(ladder, "/levels/l5/")
    assert "5+ years" in l5 and "Leads projects in their team" in l5  # years and focus
    everyone = article(ladder, "/competencies/everyone/")  # each statement under its level's number and its step
    assert re.search(r"(^|\s)3 Learning Finishes the tasks", everyone) and re.search(r"(^|\s)5 Guiding Owns outcomes", everyone)


def test_behaviours_only_with_a_scale_and_an_area_without_groups(ladder: Site) -> None:
    everyone = ladder.page("/competencies/everyone/")
    for group in ("ownership", "communication", "growing-others", "user-focus"):
        assert group in everyone.ids
    assert "Practice" in ladder.page("/proficiency/").text and "Guiding" in everyone.text
    reliability = ladder.page("/competencies/reliability/")
    text = article(ladder, "/competencies/reliability/")
    assert "Leads the response to incidents" in text and "Checks that their changes behave as expected" in text
    assert {"watches-own-changes", "leads-incidents", "reliability-direction"} <= set(reliability.ids)  # behaviour ids
    assert "incident-command" in reliability.ids  # a behaviour's former id still lands on it
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", reliability.content(), re.S)
    assert not any("Running what we build" in h for h in headings)  # no group heading repeating the area's title


def test_glossary_terms(ladder: Site) -> None:
    text = article(ladder, "/glossary/")
    assert "RFC" in text and "request for comments" in text and "Design critique" in text


@pytest.mark.parametrize("name", sorted(EDITIONS))
def test_no_page_shows_program_internals(examples, name: str) -> None:
    """What a page says comes from the data and the labels, never from Python or a template left unfilled."""
    site = examples(name)[1]
    leaks = re.compile(r"<built-in method|<bound method| object at 0x[0-9a-f]+|\bUndefined\b|\{\{|\{%")
    found = {url_of(site, p.path): m.group(0) for p in site.pages() if (m := leaks.search(p.text))}
    assert found == {}


def test_open_ladder_has_no_empty_tables(ladder: Site) -> None:
    """A table is drawn only with rows to show (a framework without roles still has levels, areas and families to
    list)."""
    empty = {}
    for page in ladder.pages():
        for table in re.findall(r"<table\b.*?</table>", page.content(), re.S):
            body = re.search(r"<tbody>(.*?)</tbody>", table, re.S)
            if body is not None and "<tr" not in body.group(1):
                empty.setdefault(url_of(ladder, page.path), []).append(re.sub(r"<[^>]+>", " ", table)[:80].split())
    assert empty == {}


# every example in Chromium: tables whose columns fit their words -----------------------------------------------------
#: Each visible table cell in the article with a word the column is too narrow for: laid out over two lines although
#: it is wider than the room the cell gives its content (a word wrapped at its hyphen in a column it would fit is fine),
#: or spilling out of the cell's content box (every word located with a Range, as laid out, and measured unbroken in
#: its own font); and each cell whose content overflows it (scrollWidth over clientWidth).
SQUEEZED = """() => {
  const probe = document.createElement('span');
  probe.style.cssText = 'position:absolute;left:-10000px;top:0;visibility:hidden;white-space:nowrap;padding:0;border:0';
  document.body.appendChild(probe);
  const range = document.createRange();
  const out = [];
  [...document.querySelectorAll('article table')].forEach((table, t) => {
    for (const cell of table.querySelectorAll('th, td')) {
      if (!cell.getClientRects().length) continue;
      const cs = getComputedStyle(cell), box = cell.getBoundingClientRect();
      const left = box.left + parseFloat(cs.borderLeftWidth) + parseFloat(cs.paddingLeft);
      const right = box.right - parseFloat(cs.borderRightWidth) - parseFloat(cs.paddingRight);
      let worst = null;
      const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walk.nextNode(); node; node = walk.nextNode()) {
        const el = node.parentElement;
        if (!el || !el.getClientRects().length) continue;
        for (const m of node.data.matchAll(/\\S+/g)) {
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const rects = [...range.getClientRects()].filter(r => r.width > 0);
          const tops = rects.map(r => r.top), height = Math.min(...rects.map(r => r.height));
          const split = rects.length > 1 && Math.max(...tops) - Math.min(...tops) > height / 2;  // on two lines
          const spills = rects.some(r => r.right > right + 1 || r.left < left - 1);
          if (!split && !spills) continue;
          const ecs = getComputedStyle(el);
          for (const k of ['fontFamily', 'fontSize', 'fontWeight', 'fontStyle', 'fontStretch', 'fontVariant', 'fontFeatureSettings',
                           'letterSpacing', 'wordSpacing', 'textTransform']) probe.style[k] = ecs[k];  // not `font`: often ''
          probe.textContent = m[0];
          const width = probe.getBoundingClientRect().width;
          if (split && !spills && width <= right - left + 0.5) continue;  // wrapped at its hyphen in a column it fits
          if (!worst || width > worst.width) worst = {word: m[0], width: Math.round(width), how: spills ? 'spills' : 'split'};
        }
      }
      const overflow = cell.scrollWidth > cell.clientWidth + 1;
      if (worst || overflow) {
        const head = document.evaluate('preceding::*[self::h1 or self::h2 or self::h3 or self::summary][1]', table, null,
                                       XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue;
        out.push({table: t, under: (table.caption?.innerText || head?.textContent || '').replace('\\u00b6', '').trim().slice(0, 60),
                  classes: table.className, cell: cell.tagName.toLowerCase() + ':nth-child(' + (cell.cellIndex + 1) + ')',
                  text: cell.innerText.trim().replace(/\\s+/g, ' ').slice(0, 60), room: Math.round(right - left),
                  word: worst && worst.word, wordWidth: worst && worst.width, how: worst && worst.how,
                  overflow: overflow ? [cell.scrollWidth, cell.clientWidth] : null});
      }
    }
  });
  probe.remove();
  return out;
}"""


def table_pages(site: Site) -> list[str]:
    """The pages with the tables that matter: the competencies, levels and families indexes, every area, level and
    family, and the first two level-to-level pages of roles (redirect pages of former ids left out)."""
    root = site.root
    pages = [root / "competencies" / "index.html", root / "levels" / "index.html", root / "families" / "index.html"]
    for pattern in ("competencies/*/index.html", "levels/*/index.html", "families/*/index.html"):
        pages += sorted(p for p in root.glob(pattern) if not is_redirect(p))
    pages += sorted(p for p in root.glob("roles/*/*-to-*/index.html") if not is_redirect(p))[:2]
    return [url_of(site, p) for p in pages if p.is_file()]


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("name", sorted(EDITIONS))
def test_no_table_column_is_narrower_than_its_longest_word(chromium, examples, name: str, width: int) -> None:
    url, site = examples(name)
    urls = table_pages(site)
    assert len(urls) >= 3, urls
    context = chromium.new_context(base_url=url, viewport={"width": width, "height": 900})
    page = context.new_page()
    problems: dict[str, list[dict]] = {}
    korean: dict[str, list[str]] = {}
    tables = 0
    try:
        for address in urls:
            page.goto(address)
            tables += page.evaluate("document.querySelectorAll('article table').length")
            found = page.evaluate(SQUEEZED)
            if found:
                problems[address] = found[:6]
            if EDITIONS[name] == "":  # the English-only example: no Korean on screen either (scripts add text)
                shown = hangul_in(page.evaluate("document.body.innerText"))
                if shown:
                    korean[address] = shown[:3]
    finally:
        context.close()
    assert tables, f"no tables on {urls}"
    squeezed = [f"{address} table {p['table']} .{'.'.join(p['classes'].split())} under {p['under']!r}, {p['cell']} {p['text']!r}: "
                + (f"{p['word']!r} ({p['wordWidth']} px) {p['how']} in {p['room']} px" if p["word"] else "")
                + (f" content {p['overflow'][0]} px in {p['overflow'][1]} px" if p["overflow"] else "")
                for address, found in problems.items() for p in found]
    assert not squeezed, f"at {width} px, columns narrower than a word:\n" + "\n".join(squeezed)
    assert not korean, f"Korean shown at {width} px: {korean}"  # the English-only site, as the reader sees it
