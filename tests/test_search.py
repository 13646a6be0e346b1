"""Search that finds what Korean readers type: the query table (tests/search_queries.yml) run through the
site's own search box in Chromium, and the index built for it."""
from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import browser
import pytest
import yaml
from conftest import ROOT, build_site

from macros.site.search import Glossary, bigrams, hidden_field, sections

QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yml").read_text(encoding="utf-8"))


def test_bigrams_by_hand() -> None:
    assert bigrams("코드 리뷰") == ["코드", "드리", "리뷰"]
    assert bigrams("코드 리뷰", across=False) == ["코드", "리뷰"]
    assert bigrams("데이터베이스 설계를 한다") == ["데이", "이터", "터베", "베이", "이스", "스설", "설계", "계를", "를한", "한다"]
    assert bigrams("팀 GIL 팀") == ["팀"]
    assert bigrams("English only") == []


def test_glossary_synonyms_by_hand() -> None:
    from macros.core.model import GlossaryTerm

    g = Glossary([GlossaryTerm(id="k", term="Kubernetes", variants=("쿠버네티스", "k8s"))])
    assert g.synonyms("Deploy on kubernetes (EKS)") == ["Kubernetes", "쿠버네티스", "k8s"]
    assert g.synonyms("k8sx and kubernetesy") == []  # whole words only for Latin forms
    assert hidden_field("배포", "Kubernetes", g) == "배포 kubernetes 쿠버네티스 쿠버 버네 네티 티스 k8s"


def test_sections_leave_noindex_regions_out() -> None:
    body = ('<h1 id="top">T<a class="headerlink" href="#top">¶</a></h1><p>a</p>'
            '<!--noindex--><label>메모</label><!--/noindex--><h2 id="x">X &amp; Y<a class="headerlink" href="#x">¶</a></h2>'
            "<ul><li>b</li></ul>")
    assert [(s.anchor, s.title, s.text) for s in sections(body)] == [("top", "T", "a"), ("x", "X & Y", "b")]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    out = tmp_path_factory.mktemp("site")
    for url in browser.serve(out):
        result = build_site(ROOT, out, site_url=url + "/")
        assert result.returncode == 0, result.stderr
        yield url, out


def test_index_is_lean(served: tuple[str, Path]) -> None:
    raw = (served[1] / "search" / "search_index.json").read_bytes()
    index = json.loads(raw)
    assert "\\u" not in raw.decode("utf-8")  # Hangul written as is
    checklists = [d for d in index["docs"] if d["location"].startswith("checklist/")]
    assert [d["text"] for d in checklists] == [""]  # working pages are found by title only
    assert not any("메모 (근거)" in d["text"] or "framework/competencies/" in d["text"] for d in index["docs"])
    assert len(gzip.compress(raw)) < 200_000


@pytest.fixture(scope="module")
def search(served: tuple[str, Path]):
    path = browser.chromium_path()
    browser.require(path is not None, "no Chromium or Chrome found: set CHROME_PATH, or apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=browser.CHROMIUM_ARGS)
        page = b.new_page(base_url=served[0])

        def run(query: str) -> list[str]:
            """The result links for `query`, opened as Material's search deep link (?q=) on a fresh page."""
            page.goto("/?q=" + quote(query))
            page.wait_for_function("document.querySelector('.md-search-result__meta')?.textContent.match(/\\d|없|No /)")
            links = page.eval_on_selector_all("li.md-search-result__item > a.md-search-result__link",
                                              "els => els.map(e => e.getAttribute('href'))")
            return [link.split("://", 1)[-1].split("/", 1)[-1].split("?")[0] for link in links]

        yield run
        b.close()


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("row", QUERIES, ids=[q["query"] for q in QUERIES])
def test_query_finds_its_page(search, row: dict[str, str]) -> None:
    results = search(row["query"])
    top = list(dict.fromkeys(r.split("#")[0] for r in results))[:5]  # the first five pages
    assert any(r.startswith(row["expect"]) for r in top), (row, results[:8])


@pytest.mark.browser
@pytest.mark.slow
def test_definitions_rank_above_checklists_and_kits(search) -> None:
    results = [r.split("#")[0] for r in search("멘토링")]
    first_definition = next(i for i, r in enumerate(results) if r.startswith("competencies/"))
    working = [i for i, r in enumerate(results) if "checklist" in r or r.endswith("/interview/") or r.startswith("changelog")]
    assert all(first_definition < i for i in working), results
