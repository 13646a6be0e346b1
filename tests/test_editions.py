"""One source, every audience: the public build for candidates, and the English edition under /en/."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT, build_site, edit, make_project
from site_html import Site

pytestmark = pytest.mark.slow
HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> Site:
    out = tmp_path_factory.mktemp("both")
    result = build_site(ROOT, out, site_url="https://careers.example.org/", languages="ko,en")
    assert result.returncode == 0, result.stderr
    return Site(out)


def test_public_build_shows_candidates_nothing_internal(public: Site, fw) -> None:
    everything = "\n".join(p.text for p in public.pages())
    for _, q in fw.questions():  # in neither language
        for text in (q.question, *q.listen_for):
            assert text.ko not in everything and (text.en is None or text.en not in everything)
    for marker in ("변경 제안", "원본 보기", "framework/competencies/", "Suggest a change", "View source"):
        assert marker not in everything, marker
    assert not any('class="cf-source"' in p.source or "/edit/main/" in p.source or 'id="scorecard"' in p.source
                   or "changelog/" in " ".join(p.links) for p in public.pages())
    files = {p.relative_to(public.root).as_posix() for p in public.root.rglob("*.html")}
    assert not any(f.startswith(("interview/", "en/interview/", "changelog/", "en/changelog/", "benchmarks/")) for f in files)
    assert not any(f.endswith("/interview/index.html") for f in files)
    assert "roles/python-backend/senior/index.html" in files and "en/roles/python-backend/senior/index.html" in files
    jd = public.page("/roles/python-backend/senior/")
    assert not any("/interview/" in link or "github.com" in link or "example-org" in link for link in jd.links)
    api = json.loads((public.root / "api" / "framework.json").read_text(encoding="utf-8"))
    assert "interviews" not in api or api["interviews"] == []
    listed = json.loads((public.root / "urls.json").read_text(encoding="utf-8"))["pages"]
    assert not any("interview" in url or "changelog" in url for url in listed)


def test_english_edition_jd_pages(both: Site, fw) -> None:
    for role in fw.roles:
        for level, jd in fw.role_levels(role):
            en = both.page(f"/en/roles/{role.id}/{level.id}/")
            assert '<html lang="en"' in en.source
            assert jd.title.en in en.text and all(d.en in en.text for d in jd.duties)
            article = en.content()
            korean = HANGUL.findall(re.sub(r'<(\w+)[^>]*lang="ko"[^>]*>.*?</\1>', "", article, flags=re.S))
            assert korean == [], (role.id, level.id, "".join(korean)[:40])
            ko_url = f"https://careers.example.org/roles/{role.id}/{level.id}/"
            en_url = f"https://careers.example.org/en/roles/{role.id}/{level.id}/"
            assert f'<link rel="alternate" href="{ko_url}" hreflang="ko">' in en.source
            ko = both.page(f"/roles/{role.id}/{level.id}/")
            assert f'<link rel="alternate" href="{en_url}" hreflang="en">' in ko.source and '<html lang="ko"' in ko.source
            assert 'hreflang="ko" lang="ko" class="md-select__link"' in en.source  # the language switcher
            data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', en.source, re.S).group(1))
            assert data["inLanguage"] == "en" and data["name"] == jd.title.en and data["url"] == en_url


def test_english_edition_has_english_ui_and_hand_written_pages(both: Site) -> None:
    home = both.page("/en/")
    assert "What brings you here" in home.text and "Check my growth" in home.text
    assert "Search" in home.source and "검색" not in home.text
    assert "Which build and language to link" in both.page("/en/linking/").text
    index = json.loads((both.root / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["en"]
    texts = " ".join(d["title"] + " " + d["text"] for d in index["docs"] if d["location"].startswith("roles/"))
    assert not HANGUL.search(texts)  # each edition's index holds its own language
    assert json.loads((both.root / "en" / "api" / "roles" / "python-backend" / "mid.json").read_text())["language"] == "en"


def test_english_edition_is_english_throughout(both: Site) -> None:
    pages = [p for p in both.pages() if p.path.relative_to(both.root).parts[0] == "en"]
    assert len(pages) > 50
    for page in pages:  # Korean only where marked as Korean (quotes, glossary variants, changed texts)
        unmarked = re.sub(r'<(\w+)[^>]*lang="ko"[^>]*>.*?</\1>', "", page.content(), flags=re.S)
        assert not HANGUL.search(unmarked), (page.path, HANGUL.findall(unmarked)[:10])
    kit = both.page("/en/roles/python-backend/senior/interview/")
    assert 'lang="ko"' not in kit.content()  # every question, follow-up and listen-for point is translated
    assert "How would you" in kit.text
    glossary = both.page("/en/glossary/")
    assert '<span lang="ko">쿠버네티스</span>' in glossary.source


def test_untranslated_text_falls_back_to_korean_marked_as_korean(both: Site) -> None:
    bank = both.page("/en/interview/backend-architecture/")
    assert '<h2 id="kafka-messaging-design">If you were building a messaging system on Kafka' in bank.source  # translated: no lang mark
    # the seed's original wording is a quote: it stays Korean on every edition, marked as such
    assert '<span class="cf-original-label">Original wording</span> <span lang="ko">' in bank.source


def test_check_lists_what_is_untranslated(framework_copy: Path, career) -> None:
    result = career("check", "--lang", "en")  # the count moves with the data: a new text needs its English too
    assert result.returncode == 0 and result.stdout.splitlines() == ["framework: 915 of 915 texts have 'en'"]
    edit(framework_copy / "roles" / "python-backend.yml", "  en: Job Description\n", "")
    result = career("check", "--lang", "en", str(framework_copy))
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        f"{framework_copy}/roles/python-backend.yml:8:3: untranslated: no 'en' text for subtitle: “직무 기술서 (Job Description)”",
        f"{framework_copy}: 914 of 915 texts have 'en'; 1 falls back to another language",
    ]


def test_exports_per_language(career) -> None:
    doc = json.loads(career("export", "--format", "jobposting", "--role", "python-backend", "--level", "senior",
                            "--date-posted", "2026-11-21", "--remote", "KR", "--lang", "en").stdout)
    assert doc["inLanguage"] == "en" and doc["title"] == "Senior Backend Engineer"
    assert "Responsibilities" in doc["description"] and "주요 업무" not in doc["description"]
    text = career("export", "--format", "ats", "--role", "python-backend", "--level", "mid", "--plain", "--lang", "en").stdout
    assert "[Responsibilities]" in text and not HANGUL.search(text)


def test_released_list_holds_both_editions() -> None:
    listed = json.loads((ROOT / "framework" / "published-urls.json").read_text(encoding="utf-8"))["pages"]
    assert "/roles/python-backend/junior/" in listed and "/en/roles/python-backend/junior/" in listed
    assert Path(ROOT / "framework" / "published-urls.public.json").is_file()


def test_a_broken_edition_fails_the_build_and_says_why(tmp_path: Path) -> None:
    """Each other edition is built in its own process; its warnings reach the terminal and fail a strict build."""
    project = make_project(tmp_path / "p")
    page = project / "docs" / "en" / "benchmarks.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[broken](missing.md)\n", encoding="utf-8")
    result = build_site(project, tmp_path / "site", languages="ko,en")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "(en) WARNING" in result.stderr and "missing.md" in result.stderr
    assert "the English edition could not be built; its messages are above" in result.stderr
    assert not (tmp_path / "site" / "en").exists()


def test_the_public_build_has_no_record_pages(public: Site) -> None:
    files = {p.relative_to(public.root).as_posix() for p in public.root.rglob("*") if p.is_file()}
    for prefix in ("", "en/"):
        assert not any(f.startswith((f"{prefix}records/", f"{prefix}team/", f"{prefix}api/records/")) for f in files), prefix
    assert not any("records/" in link or "team/" in link for p in public.pages() for link in p.links)
