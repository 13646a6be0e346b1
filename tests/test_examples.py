"""The example frameworks (examples/*/framework) check and build; the two-family one shows what the
model can say: ladders per family, a track split, behaviours that replace each other, English text."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, build_site
from site_html import Site

pytestmark = pytest.mark.slow
EXAMPLES = sorted(p.parent for p in (ROOT / "examples").glob("*/framework/framework.yml"))
HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.mark.parametrize("framework", EXAMPLES, ids=[p.parent.name for p in EXAMPLES])
def test_example_checks_clean(framework: Path, career) -> None:
    result = career("check", str(framework.relative_to(ROOT)))
    assert result.returncode == 0, result.stderr
    assert " error" not in result.stderr


@pytest.fixture(scope="module")
def company(tmp_path_factory: pytest.TempPathFactory) -> Site:
    out = tmp_path_factory.mktemp("company")
    result = build_site(ROOT, out, CAREER_FRAMEWORK_DIR=str(ROOT / "examples" / "product-company" / "framework"))
    assert result.returncode == 0, result.stderr
    return Site(out)


def test_minimal_example_builds(tmp_path: Path) -> None:
    result = build_site(ROOT, tmp_path / "site", CAREER_FRAMEWORK_DIR=str(ROOT / "examples" / "minimal" / "framework"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "roles" / "developer" / "index.html").is_file()


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


def test_behaviours_replace_each_other_on_checklists(company: Site) -> None:
    page = company.page("/roles/engineering-manager/em5/checklist/")
    behaviours = re.findall(r'data-kind="behaviour"[^>]*data-level="([a-z0-9]+)"', page.source)
    groups = re.findall(r'data-kind="behaviour"[^>]*data-group="([a-z0-9-]+)"', page.source)
    assert behaviours and len(groups) == len(set(groups))  # one statement per competency, never accumulated
    total = int(re.search(r"data-cf-total>(\d+)<", page.source).group(1))
    assert total == len(groups)


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
