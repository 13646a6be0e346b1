"""Search that finds what Korean readers type: the query table (tests/search_queries.yml) run through the
site's own search box in Chromium, and the index built for it."""
from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

from macros.site.render import Anchor
from macros.site.search import Glossary, bigrams, sections, terms

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
    g = Glossary([GlossaryTerm(id="a", term="API", variants=("에이피아이",)),
                  GlossaryTerm(id="g", term="API Gateway", variants=("API 게이트웨이",))])
    assert g.synonyms("an api gateway") == ["API Gateway", "API 게이트웨이"]  # the longer term wins
    assert g.synonyms("api gatewayx") == ["API", "에이피아이"]  # ... unless it ends inside a word
    assert g.synonyms("apis") == []


def test_terms_by_hand() -> None:
    assert terms("코드 리뷰를 한다 · CI/CD와 Python 3.12") == {"코드", "리뷰", "뷰를", "한다", "와", "ci", "cd", "python", "3", "12"}
    assert terms("팀") == {"팀"}


def test_postings_by_hand() -> None:
    from macros.site.search import Entry, terms_json

    g = Glossary([])
    entries = [Entry.of("a/", "설계", "리뷰", 4, g), Entry.of("b/", "리뷰", "", None, g),
               Entry.of("b/#gil-basics", "GIL", "설계 리뷰", None, g, ["gil", "basics"])]
    doc = json.loads(terms_json(entries))
    assert doc["entries"] == 3 and doc["terms"] == ["basics", "gil", "리뷰", "설계"]
    # entry n holding a term: 2n, or 2n+1 in its title; stored as differences from the previous number
    assert doc["postings"] == [[4], [5], [0, 3, 1], [1, 3]]  # 리뷰: 0, 3, 4 → 0, +3, +1; 설계: 1, 4 → 1, +3
    assert entries[0].doc() == {"location": "a/", "title": "설계", "text": "리뷰", "boost": 4}


def test_entries_escape_and_shorten() -> None:
    from macros.site.search import SHOWN, Entry

    e = Entry.of("x/", 'a <b> & "c"', "가 " * 400, None, Glossary([]))
    assert e.doc()["title"] == 'a &lt;b&gt; &amp; "c"'
    assert len(e.text) <= SHOWN + 1 and e.text.endswith("…")


def test_sections_leave_noindex_regions_out() -> None:
    top = '<h1 id="top">T<a class="headerlink" href="#top">¶</a></h1>'
    x = '<h2 id="x">X &amp; Y<a class="headerlink" href="#x">¶</a></h2>'
    body = f"{top}<p>a</p><!--noindex--><label>메모</label><!--/noindex-->{x}<ul><li>b</li></ul>"
    headings = [Anchor("top", "stable", 1, "T", top), Anchor("x", "stable", 2, "X &amp; Y", x)]
    assert [(s.anchor, s.title, s.text) for s in sections(body, headings)] == [("top", "T", "a"), ("x", "X & Y", "b")]


@pytest.fixture(scope="module")
def served(served_site: Callable[[str], tuple[str, Path]]) -> tuple[str, Path]:
    """Both editions, served: Korean at /, English at /en/ (each with its own index)."""
    return served_site("ko,en")


def test_index_is_lean(served: tuple[str, Path]) -> None:
    raw = (served[1] / "search" / "search_index.json").read_bytes()
    index = json.loads(raw)
    assert "\\u" not in raw.decode("utf-8")  # Hangul written as is
    checklists = [d for d in index["docs"] if d["location"].startswith("checklist/")]
    # working pages are found by their title and section names only, never by the items they repeat
    assert [d["text"] for d in checklists] == ["📊 진행 상황 · 항목 · 더 이상 없는 항목"]
    assert not any("메모 (근거)" in d["text"] or "framework/competencies/" in d["text"] for d in index["docs"])
    assert len(gzip.compress(raw)) < 200_000
    postings = json.loads((served[1] / "search" / "terms.json").read_text(encoding="utf-8"))
    assert postings["entries"] == len(index["docs"]) and len(postings["terms"]) == len(postings["postings"])


@pytest.fixture(scope="module")
def search(served: tuple[str, Path], chromium):
    """The served site's search box: the paths of the result links for a query, opened as Material's search
    deep link (?q=). `home` picks the edition: "" for the main one, "en/" for English (its own index)."""
    page = chromium.new_page(base_url=served[0])

    def run(query: str, home: str = "") -> list[str]:
        page.goto(f"/{home}?q=" + quote(query))
        page.wait_for_function("document.querySelector('.md-search-result__meta')?.textContent.match(/\\d|없|No /)")
        return page.eval_on_selector_all("li.md-search-result__item > a.md-search-result__link",
                                         "els => els.map(e => new URL(e.href).pathname.slice(1))")

    yield run
    page.close()


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("row", QUERIES, ids=[q["query"] for q in QUERIES])
def test_query_finds_its_page(search, row: dict[str, str]) -> None:
    results = search(row["query"])
    top = list(dict.fromkeys(r.split("#")[0] for r in results))[:5]  # the first five pages
    assert any(r.startswith(row["expect"]) for r in top), (row, results[:8])
    if row.get("first"):  # a phrase of intent: its page comes first
        assert top[0].startswith(row["expect"]), (row, top)


@pytest.mark.browser
@pytest.mark.slow
def test_definitions_rank_above_checklists_and_kits(search) -> None:
    """Working pages are found by their titles and section names only, so "멘토링" finds the competency that defines
    it before any checklist or kit; "체크리스트" asks for checklists, which come first."""
    results = [r.split("#")[0] for r in search("멘토링")]
    first_definition = next(i for i, r in enumerate(results) if r.startswith("competencies/"))
    working = [i for i, r in enumerate(results) if "checklist" in r or r.endswith("/interview/") or r.startswith("changelog")]
    assert all(first_definition < i for i in working), results
    results = [r.split("#")[0] for r in search("체크리스트")]
    assert results[0].endswith("checklist/"), results


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize(("query", "expect"), [("code reviews", "en/competencies/collaboration-leadership/"),
                                               ("kube", "en/competencies/infra-devops/"),
                                               ("쿠버네티스", "en/competencies/infra-devops/")])
def test_the_english_edition_searches_its_own_pages(search, query: str, expect: str) -> None:
    results = search(query, "en/")
    assert results and all(r.startswith("en/") for r in results)
    assert expect in list(dict.fromkeys(results))[:5], results[:8]


@pytest.mark.browser
@pytest.mark.slow
def test_results_mark_the_words_found(served: tuple[str, Path], chromium) -> None:
    page = chromium.new_page(base_url=served[0])
    page.goto("/?q=" + quote("kube 코드리뷰"))
    page.wait_for_function("document.querySelectorAll('.md-search-result__item').length > 0")
    marked = page.eval_on_selector_all(".md-search-result mark", "els => els.map(e => e.textContent)")
    page.close()
    assert any(m.lower().startswith("kube") for m in marked)  # a Latin word marks the term it starts
    assert "코드" in marked or "리뷰" in marked or "코드 리뷰" in marked  # Hangul: the parts found in the text
