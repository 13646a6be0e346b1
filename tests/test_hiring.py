"""Hiring-page integration: exports, structured data, the link contract and renames."""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from collections import Counter
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
import seeds
from conftest import ROOT, build_site, edit, make_project, modify
from site_html import Site

from macros.exports.documents import ExportDocument
from macros.exports.jobposting import ATS_TAGS

ROLE = "python-backend"
LEVELS = ("junior", "mid", "senior", "lead")
Career = Callable[..., subprocess.CompletedProcess[str]]
#: Stated by hand: the items first expected at each level (29 + 79 + 40 + 20 = the seed's 168), how many a JD of the
#: level expects in all, and the months of experience of each level's minimum years (1, 3, 6, 10).
NEW_AT = {"junior": 29, "mid": 79, "senior": 40, "lead": 20}
UP_TO = {"junior": 29, "mid": 108, "senior": 148, "lead": 168}
MONTHS = {"junior": 12, "mid": 36, "senior": 72, "lead": 120}




@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    out = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, out, site_url="https://careers.example.org/", CAREER_PUBLIC_SITE_URL="https://jobs.example.org")
    assert result.returncode == 0, result.stderr
    return Site(out)


def test_job_post_documents_link_to_the_public_site(site: Site) -> None:
    """The internal site (at careers.example.org) offers each JD's job-post documents; they and the JD's copyable
    link name the public site's address (CAREER_PUBLIC_SITE_URL), never the internal one."""
    folder = site.root / "api/hiring/python-backend/senior"
    public_jd = "https://jobs.example.org/roles/python-backend/senior/"
    for name in ("ats.html", "ats.txt", "jobposting.json"):
        text = (folder / name).read_text(encoding="utf-8")
        assert public_jd in text and "careers.example.org" not in text, name
    page = site.page("/roles/python-backend/senior/")
    assert f'value="{public_jd}"' in page.source
    assert {"../../../api/hiring/python-backend/senior/ats.html", "../../../api/hiring/python-backend/senior/jobposting.json"} <= set(page.links)


@pytest.fixture
def export(career: Career) -> Callable[..., str]:
    """`career export ...` (in this process): what it prints, after checking it succeeded."""
    def run(*args: str) -> str:
        result = career("export", *args)
        assert result.returncode == 0, result.stderr
        return result.stdout

    return run


def test_json_export_validates_and_round_trips(fw, export: Callable[..., str]) -> None:
    doc = json.loads(export("--format", "json", "--audience", "internal"))
    schema = json.loads(export("--format", "schema"))
    jsonschema.validate(doc, schema)
    assert doc["$schema"] == "framework.schema.json" and doc["format"] == "career-framework" and doc["format_version"] == 3
    assert doc["audience"] == "internal"
    back = ExportDocument.model_validate(doc)
    public = json.loads(export("--format", "json"))  # the default audience
    jsonschema.validate(public, schema)
    assert public["audience"] == "public" and public["interviews"] == [] and len(doc["interviews"]) == 12
    assert (back.framework, back.levels.levels, back.kpis, back.roadmap, back.areas, back.roles, back.interviews) == \
        (fw.meta, fw.levels, fw.kpis, fw.roadmap, fw.areas, fw.roles, fw.interviews)
    assert back.role_families == {"python-backend": "engineering-career-framework"} and back.families == ()
    assert back.expected_levels["gil"] == "junior" and len(back.expected_levels) == 168


def test_csv_export_has_every_item(export: Callable[..., str]) -> None:
    raw = export("--format", "csv")
    assert raw.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(raw.lstrip("\ufeff"))))
    assert list(rows[0]) == ["role", "level", "area", "group", "item_id", "item", "expected_from", "kind", "audience"]
    assert {r["audience"] for r in rows} == {"public"}  # the default: what candidates may see
    assert {r["kind"] for r in rows} == {"item"}  # the seed has no behaviours
    assert Counter(r["level"] for r in rows) == UP_TO  # each level's rows: what it expects, its own and from below
    lead = [r for r in rows if r["level"] == "lead"]
    assert sorted(r["item"] for r in lead) == sorted(seeds.coverage_texts("items"))  # the seed's 168 items, once each
    assert Counter(r["expected_from"] for r in lead) == NEW_AT
    assert {r["expected_from"] for r in rows if r["level"] == "junior"} == {"junior"}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.add(tag)
        self.hrefs += [v for k, v in attrs if k == "href"]


def tags_of(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("level", LEVELS)
def test_ats_export(level: str, fw, export: Callable[..., str]) -> None:
    html = export("--format", "ats", "--role", ROLE, "--level", level, "--site-url", "https://careers.example.org")
    found = tags_of(html)
    assert found.tags <= ATS_TAGS and {"h2", "ul", "li"} <= found.tags
    assert found.hrefs == [f"https://careers.example.org/roles/{ROLE}/{level}/"]
    text = export("--format", "ats", "--role", ROLE, "--level", level, "--plain")
    for duty in fw.role(ROLE).levels[level].duties:
        assert duty.ko in html and f"- {duty.ko}" in text
    assert "<" not in text


@pytest.mark.parametrize("level", LEVELS)
def test_jobposting_export(level: str, fw, export: Callable[..., str]) -> None:
    doc = json.loads(export("--format", "jobposting", "--role", ROLE, "--level", level, "--date-posted", "2026-11-21",
                            "--location", "서울, KR", "--employment-type", "full_time", "--site-url", "https://careers.example.org"))
    assert doc["@type"] == "JobPosting" and doc["title"] == fw.role(ROLE).levels[level].title.ko
    for key in ("description", "datePosted", "hiringOrganization", "jobLocation", "responsibilities", "skills",
                "experienceRequirements", "qualifications"):
        assert doc[key], key
    assert doc["hiringOrganization"]["name"] == fw.meta.organisation.name.ko
    assert doc["experienceRequirements"]["monthsOfExperience"] == MONTHS[level]
    assert doc["jobLocation"]["address"] == {"@type": "PostalAddress", "addressLocality": "서울", "addressCountry": "KR"}
    assert doc["employmentType"] == "FULL_TIME" and tags_of(doc["description"]).tags <= ATS_TAGS


def test_jobposting_refuses_without_required_fields(career: Career) -> None:
    result = career("export", "--format", "jobposting", "--role", ROLE, "--level", "mid")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "--date-posted" in result.stderr and "--location" in result.stderr
    result = career("export", "--format", "jobposting", "--role", ROLE, "--level", "mid", "--date-posted", "21/11/2026",
                    "--remote", "KR")
    assert result.returncode == 1 and "must be a date like" in result.stderr
    result = career("export", "--format", "ats", "--role", "python-bakend", "--level", "mid")
    assert result.returncode == 1 and "did you mean 'python-backend'?" in result.stderr


@pytest.mark.slow
def test_published_exports_and_occupation_json_ld(site: Site, fw) -> None:
    doc = json.loads((site.root / "api" / "framework.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc, json.loads((site.root / "api" / "framework.schema.json").read_text(encoding="utf-8")))
    assert (site.root / "api" / "matrix.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    for level in LEVELS:
        jd = json.loads((site.root / "api" / "roles" / ROLE / f"{level}.json").read_text(encoding="utf-8"))
        assert jd["url"] == f"https://careers.example.org/roles/{ROLE}/{level}/"
        assert jd["duties"] == [d.ko for d in fw.role(ROLE).levels[level].duties]
        page = site.page(f"/roles/{ROLE}/{level}/")
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.source, re.S)
        assert len(blocks) == 1
        data = json.loads(blocks[0])
        assert data["@type"] == "Occupation" and data["name"] == fw.role(ROLE).levels[level].title.ko
        assert data["description"] and data["url"] == jd["url"] and data["responsibilities"]
        skills = [s["termCode"] for s in data["skills"]]
        assert len(skills) == len(set(skills)) == UP_TO[level]
        listed = re.findall(r'href="\.\./\.\./\.\./competencies/[a-z0-9-]+/#([a-z0-9-]+)"', page.content().split('id="kpis"')[0])
        assert set(skills) <= set(listed)  # the items the page itself lists as expected at the level
        assert all(s["@type"] == "DefinedTerm" and s["inDefinedTermSet"]["@type"] == "DefinedTermSet" for s in data["skills"])


@pytest.mark.slow
def test_link_contract_page(site: Site) -> None:
    page = site.page("/linking/")
    assert "/roles/<role>/<level>/" in page.text and "바뀌지 않습니다" in page.text
    assert 'href="../roles/python-backend/junior/"' in page.source and 'href="../api/framework.json"' in page.source


def rename(framework: Path) -> None:
    """Rename a role, an area, a group and an item, keeping the old ids as aliases."""
    role = framework / "roles" / "python-backend.yml"
    edit(role, "id: python-backend\n", "id: backend-python\naliases: [python-backend]\n")
    edit(role, "  - python-core\n", "  - python-language\n")
    core = framework / "competencies" / "01-python-core.yml"
    edit(core, "id: python-core\n", "id: python-language\naliases: [python-core]\n")
    edit(core, "      - id: gil\n", "      - id: gil-internals\n        aliases: [gil]\n")
    edit(core, "  - id: python-internals\n", "  - id: python-deep-dive\n    aliases: [python-internals]\n")
    edit(framework / "roadmap.yml", "groups: [python-internals,", "groups: [python-deep-dive,")
    role.rename(role.with_name("backend-python.yml"))  # a file is named after the id inside it
    core.rename(core.with_name("01-python-language.yml"))


@pytest.mark.slow
def test_renamed_ids_keep_old_urls_and_anchors(tmp_path: Path, career: Career) -> None:
    project = make_project(tmp_path / "p")
    rename(project / "framework")
    check = career("check", str(project / "framework"), cwd=project)
    assert check.returncode == 0, check.stderr  # the published URL list is still satisfied
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = Site(tmp_path / "site")
    old = (tmp_path / "site" / "roles" / "python-backend" / "junior" / "index.html").read_text(encoding="utf-8")
    assert 'content="0; url=../../backend-python/junior/"' in old and "location.hash" in old
    old_area = (tmp_path / "site" / "competencies" / "python-core" / "index.html").read_text(encoding="utf-8")
    assert "url=../python-language/" in old_area
    new_area = site.page("/competencies/python-language/")
    assert {"gil", "gil-internals", "python-internals", "python-deep-dive"} <= set(new_area.ids)
    assert "gil" in site.page("/checklist/").ids
    urls = json.loads((tmp_path / "site" / "urls.json").read_text(encoding="utf-8"))
    assert urls["redirects"]["/roles/python-backend/junior/"] == "/roles/backend-python/junior/"


def test_removed_url_without_alias_fails_check(framework_copy: Path, career: Career) -> None:
    rename(framework_copy)
    edit(framework_copy / "roles" / "backend-python.yml", "aliases: [python-backend]\n", "")
    edit(framework_copy / "competencies" / "01-python-language.yml", "        aliases: [gil]\n", "")
    result = career("check", str(framework_copy), cwd=framework_copy.parent)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(r"framework/published-urls.json:\d+:5: error: URL /roles/python-backend/junior/ of the last release "
                     r"no longer exists; keep the old id in `aliases:`", result.stderr)
    assert "URL /competencies/python-core/ of the last release" not in result.stderr  # the area kept its alias
    assert "anchor /competencies/python-core/#gil of the last release no longer exists" in result.stderr
    assert "anchor /checklist/#gil of the last release no longer exists; add 'gil' to `aliases:`" in result.stderr


def test_no_csv_cell_starts_a_formula(tmp_path: Path, capsys) -> None:
    """Titles that a spreadsheet would run (=, +, -, @) reach every CSV as text, with a leading apostrophe."""
    from macros import app, cli

    fw_dir = tmp_path / "framework"
    import shutil

    shutil.copytree(ROOT / "framework", fw_dir)
    titles = ['=HYPERLINK("https://evil.example","x")', "+1+2", "-3+4", "@SUM(A1)"]

    def retitle(area: dict) -> None:
        for item, title in zip(area["groups"][0]["items"], titles, strict=False):
            item["title"] = title

    modify(fw_dir / "competencies" / "01-python-core.yml", retitle)
    assert cli.main(["export", "--format", "csv", "--path", str(fw_dir)]) == 0
    exported = capsys.readouterr().out
    site = app.build(app.BuildOptions(framework_dir=fw_dir, project_dir=ROOT, history=False))
    published = dict(site.files)["api/matrix.csv"]
    for raw in (exported, published):
        cells = [c for row in csv.reader(io.StringIO(raw.lstrip("\ufeff"))) for c in row]
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
        for t in titles:
            assert "'" + t in cells
