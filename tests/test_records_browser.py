"""Personal records in Chromium (macros/site/theme/assets/records*.js, record.js, packet.js, team.js): an engineer and a manager in
two browser contexts exchanging files, records side by side and never merged, promotion packets that print short,
the team view, files and stored checklists of version 1, records made before the framework changed, the hooks
external checks rely on, both editions, accessibility, privacy (no request leaves the origin, delete everything).
Expected values are stated by hand from the seed (tests/fixtures/seeds and framework/)."""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import browser
import pytest
import yaml
from conftest import FRAMEWORK, make_project, served_build

pytestmark = [pytest.mark.browser, pytest.mark.slow]
KEY = "career-framework-records"
OLD_KEY = "career-framework-checklist"
LEVEL_KEY = "career-framework-my-level"  # the level switcher's choice
OURS = [KEY, f"{KEY}.backup", OLD_KEY, f"{OLD_KEY}.backup", LEVEL_KEY]
HANGUL = re.compile(r"[\uac00-\ud7a3]")
FW = {"id": "engineering-career-framework", "version": "2025.10"}
STAMP = "2025-01-01T00:00:00.000Z"


@pytest.fixture(scope="module")
def site(served_site: Callable[[str], tuple[str, Path]]) -> tuple[str, Path]:
    return served_site("ko,en")


@pytest.fixture(scope="module")
def base_url(site: tuple[str, Path]) -> str:
    return site[0]


@pytest.fixture(scope="module")
def validator(site: tuple[str, Path]):
    from jsonschema import Draft202012Validator

    schema = json.loads((site[1] / "api" / "records" / "record.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


class Reader:
    """One person's browser: a context of its own, every request it makes and every error of its pages."""

    def __init__(self, chromium, base_url: str, width: int = 1280) -> None:
        self.base_url = base_url
        self.context = chromium.new_context(base_url=base_url, accept_downloads=True, viewport={"width": width, "height": 900})
        self.requests: list[str] = []
        self.context.on("request", lambda r: self.requests.append(r.url))
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("dialog", lambda d: (self.errors.append(f"native dialog: {d.message}"), d.dismiss()))

    def foreign(self) -> list[str]:
        """Requests to anywhere but the served origin (a blob: download of this origin is the origin's)."""
        own = (self.base_url + "/", f"blob:{self.base_url}/")
        return [u for u in self.requests if not u.startswith(own)]


@pytest.fixture
def readers(chromium, base_url: str) -> Iterator[Callable[..., Reader]]:
    made: list[Reader] = []

    def make(width: int = 1280, url: str | None = None) -> Reader:
        r = Reader(chromium, url or base_url, width)
        made.append(r)
        return r

    yield make
    for r in made:
        r.context.close()
    for r in made:
        assert r.errors == [], r.errors
        assert r.foreign() == [], r.foreign()  # no request leaves the origin


# helpers --------------------------------------------------------------------------------------------------------
def store(page) -> dict:
    raw = page.evaluate(f"localStorage.getItem('{KEY}')")
    return json.loads(raw) if raw else {}


def create(page, person: str, level: str, target: str, rater: str = "self", rater_name: str = "", mine: bool | None = None,
           prefix: str = "") -> str:
    page.goto(f"{prefix}/records/")
    page.fill("#cf-new-person", person)
    page.select_option("#cf-new-level", level)
    page.select_option("#cf-new-target", target)
    page.select_option("#cf-new-rater", rater)
    if rater_name:
        page.fill("#cf-new-rater-name", rater_name)
    if mine is not None:
        page.set_checked("#cf-new-mine", mine)
    page.click("form[data-cf-new] button[type=submit]")
    page.wait_for_url("**/records/record/?id=*")
    page.wait_for_selector("[data-cf-exp]")
    return parse_qs(urlparse(page.url).query)["id"][0]


def rate(page, exp: str, status: str, note: str | None = None, evidence: tuple[str, str, str] | None = None,
         explanation: str | None = None) -> None:
    col = page.locator(f'[data-cf-exp="{exp}"] .cf-col-edit')
    col.locator(f'input[value="{status}"]').check()
    if explanation is not None:
        col.locator("textarea[data-field=explanation]").fill(explanation)
    if note is None and evidence is None:
        return
    more = col.locator("details.cf-more-box")
    if not more.evaluate("d => d.open"):
        more.locator("summary").click()
    if note is not None:
        col.locator("textarea[data-field=note]").fill(note)
    if evidence is not None:
        before = col.locator("[data-cf-evidence] li").count()
        for field, value in zip(("title", "url", "date"), evidence, strict=True):
            col.locator(f"[data-ev={field}]").fill(value)
        col.locator("[data-cf-action=add-evidence]").click()
        assert col.locator("[data-cf-evidence] li").count() == before + 1


def download(page, selector: str) -> Path:
    with page.expect_download() as d:
        page.click(selector)
    return Path(d.value.path())


def import_files(page, paths: list[Path]) -> None:
    page.set_input_files("input[data-cf-import]", [str(p) for p in paths])


def wait_status(page, words: str) -> str:
    page.wait_for_function("(w) => (document.querySelector('[data-cf-status]') || {}).textContent.includes(w)", arg=words)
    return page.locator("[data-cf-status]").inner_text()


def record(rid: str, person: str, level: str, target: str | None, entries: dict, rater: str = "self", rater_name: str = "",
           framework: dict | None = None) -> dict:
    return {"id": rid, "person": person, "role": "python-backend", "level": level, "target": target, "rater": rater,
            "raterName": rater_name, "framework": framework or FW, "created": STAMP, "updated": STAMP, "entries": entries}


def a_file(*records: dict) -> str:
    return json.dumps({"format": KEY, "version": 2, "exported": STAMP, "records": list(records)}, ensure_ascii=False)


def seed(page, doc: dict, path: str = "/records/privacy/") -> None:
    """A store written as a browser of this version writes it, then the page reloaded."""
    page.goto(path)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(doc, ensure_ascii=False)])
    page.reload()


def stored_doc(*records: dict, mine: str | None = None, **more) -> dict:
    return {"format": KEY, "version": 2, **({"mine": mine} if mine else {}), "records": {r["id"]: r for r in records}, **more}


def mid_items(site: tuple[str, Path]) -> list[str]:
    """The ids of the first 18 items the seed expects at Mid (the expectations to rate: inputs, not expected values)."""
    data = json.loads((site[1] / "api" / "records" / "python-backend" / "mid.json").read_text(encoding="utf-8"))
    return [x["id"] for x in data["expectations"] if x["kind"] == "item"][:18]


def pdf_pages(page) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="A4")))


# an engineer and a manager --------------------------------------------------------------------------------------
def test_engineer_and_manager_rate_side_by_side_through_files(readers, site, validator, tmp_path: Path) -> None:
    rated = [*mid_items(site), "duty:mid:1", "duty:mid:2"]  # 20 expectations
    engineer, manager = readers(), readers()

    # the engineer (Mid → Senior) marks 20 expectations met, each with a note and a piece of evidence, and exports
    page = engineer.page
    jisoo = create(page, "지수", "mid", "senior", mine=True)
    for i, exp in enumerate(rated):
        rate(page, exp, "met", note=f"근거 메모 {i}", evidence=(f"블로그 글 {i}", f"https://blog.example.com/{i}", "2025-03-01"))
    assert page.locator("[data-cf-counts]").inner_text().startswith("충족 20 / 기대 사항 ")
    own = download(page, "[data-cf-action=export-one]")
    doc = json.loads(own.read_text(encoding="utf-8"))
    validator.validate(doc)
    assert [r["id"] for r in doc["records"]] == [jisoo]
    entry = doc["records"][0]["entries"][rated[0]]
    assert entry["status"] == "met" and entry["note"] == "근거 메모 0"
    assert entry["evidence"] == [{"title": "블로그 글 0", "url": "https://blog.example.com/0", "date": "2025-03-01"}]
    page.goto("/records/")
    row = page.locator(f'[data-cf-record="{jisoo}"]')
    assert (row.get_attribute("data-cf-person"), row.get_attribute("data-cf-rater"), row.get_attribute("data-cf-done")) == ("지수", "self", "20")

    # the manager, who has a record of their own, imports it: added beside, their own record unchanged
    mpage = manager.page
    minjun = create(mpage, "민준", "senior", "lead", mine=True)
    rate(mpage, "gil", "met")
    rate(mpage, "docker", "working")
    mine_before = store(mpage)["records"][minjun]
    mpage.goto("/records/")
    import_files(mpage, [own])
    assert "새로 추가 1개" in wait_status(mpage, "새로 추가")
    assert mpage.locator("[data-cf-record]").count() == 2
    assert store(mpage)["records"][minjun] == mine_before  # never merged
    assert store(mpage)["mine"] == minjun
    assert mpage.locator(f'[data-cf-record="{minjun}"]').get_attribute("data-cf-done") == "1"
    assert mpage.locator(f'[data-cf-record="{jisoo}"]').get_attribute("data-cf-done") == "20"
    for rid in (minjun, jisoo):
        href = mpage.locator(f'[data-cf-record="{rid}"] a[data-cf-packet]').get_attribute("href")
        assert href.endswith(f"packet/?id={rid}")

    # and rates beside it: 10 agreed, 5 "working on" and 1 "not met" (explained) where the engineer said "met"
    mpage.locator(f'[data-cf-record="{jisoo}"] .cf-record-title a').click()
    mpage.wait_for_selector("[data-cf-exp]")
    mpage.locator("[data-cf-beside-box] summary").click()
    mpage.select_option("#cf-beside-rater", "manager")
    mpage.fill("#cf-beside-name", "민준")
    mpage.click("form[data-cf-beside] button[type=submit]")
    mpage.wait_for_url(f"**with={jisoo}")
    mpage.wait_for_selector("[data-cf-exp]")
    manager_id = parse_qs(urlparse(mpage.url).query)["id"][0]
    for exp in rated[:10]:
        rate(mpage, exp, "met")
    rate(mpage, rated[0], "met", note="설계 리뷰에서 잘 설명함")
    for exp in rated[10:15]:
        rate(mpage, exp, "working")
    rate(mpage, rated[15], "not-met", explanation="운영 환경에서 써 본 경험이 아직 없음")
    assert mpage.locator(".cf-exp.cf-differs").count() == 6
    assert mpage.locator(f'[data-cf-exp="{rated[12]}"] [data-cf-differ]').inner_text() == "⚠ 의견 다름"  # in words, not colour only
    agenda = mpage.locator("[data-cf-agenda]").inner_text()
    assert "의견이 다른 기대 사항 (6)" in agenda and "진행 중인 기대 사항 (5)" in agenda and "Senior까지 가장 큰 차이" in agenda
    assert store(mpage)["records"][jisoo] == doc["records"][0]  # the report's own record is never overwritten
    combined = download(mpage, "[data-cf-action=export-combined]")
    both = json.loads(combined.read_text(encoding="utf-8"))
    validator.validate(both)
    assert [r["id"] for r in both["records"]] == [manager_id, jisoo]
    assert both["records"][0]["rater"] == "manager" and both["records"][0]["raterName"] == "민준"
    assert both["records"][0]["entries"][rated[15]]["explanation"] == "운영 환경에서 써 본 경험이 아직 없음"

    # the engineer imports the combined file and sees both ratings
    page.goto("/records/")
    import_files(page, [combined])
    status = wait_status(page, "새로 추가")
    assert "새로 추가 1개" in status and "이미 같은 기록 1개" in status  # their own record, unchanged, is not asked about
    assert page.locator("[data-cf-record]").count() == 2
    page.locator(f'[data-cf-record="{jisoo}"] .cf-record-title a').click()
    page.wait_for_selector("[data-cf-exp] .cf-col-other")
    assert page.locator(".cf-exp.cf-differs").count() == 6
    differ = page.locator(f'[data-cf-exp="{rated[15]}"]')
    assert differ.locator(".cf-col-edit input[value=met]").is_checked()
    other = differ.locator(".cf-col-other")
    assert "매니저 (민준)" in other.inner_text() and "미충족" in other.inner_text()
    assert "운영 환경에서 써 본 경험이 아직 없음 — 매니저 (민준)" in other.inner_text()  # a note says who wrote it
    assert "설계 리뷰에서 잘 설명함 — 매니저 (민준)" in page.locator(f'[data-cf-exp="{rated[0]}"] .cf-col-other').inner_text()

    # the promotion packet: both ratings, the explained "not met", on A4 within the budget
    page.goto("/records/")
    page.locator(f'[data-cf-record="{jisoo}"] a[data-cf-packet]').click()
    page.wait_for_selector("[data-cf-packet-ready]", state="attached")
    head = page.locator("[data-cf-head]").inner_text()
    assert "지수" in head and "Mid → Senior" in head and "본인 · 매니저 (민준)" in head
    assert "운영 환경에서 써 본 경험이 아직 없음" in page.locator("[data-cf-not-met]").inner_text()
    assert "운영 효율화 → 시스템 설계" in page.locator("[data-cf-summary]").inner_text()  # framed as the framework frames the move
    md = download(page, "[data-cf-action=export-md]").read_text(encoding="utf-8")
    assert md.startswith("# 승진 자료: 지수\n") and "## 미충족 (설명 포함)" in md and "운영 환경에서 써 본 경험이 아직 없음" in md
    assert 1 <= pdf_pages(page) <= 6


def fully_rated(site: tuple[str, Path], lower: str, upper: str) -> dict:
    """A store with a self and a manager record of one person, every expectation of `upper` rated by both (each status in
    turn, the two raters one apart), one in four with a note and an evidence link from each."""
    data = json.loads((site[1] / "api" / "records" / "python-backend" / f"{upper}.json").read_text(encoding="utf-8"))["expectations"]
    statuses = ["met", "met", "working", "not-yet", "met", "not-met"]

    def entries(shift: int) -> dict:
        out = {}
        for i, x in enumerate(data):
            status = statuses[(i + shift) % len(statuses)]
            e = {"status": status, "wording": x["title"]}
            if status == "not-met":
                e["explanation"] = "아직 이 규모의 시스템에서 직접 해 본 경험이 없습니다."
            if i % 4 == 0:
                e["note"] = "설계 리뷰에서 트레이드오프를 설명했고, 장애 회고 문서에 근거를 남겼습니다."
                e["evidence"] = [{"title": f"근거 문서 {i}", "url": f"https://wiki.example.com/{i}", "date": "2025-02-14"}]
            out[x["id"]] = e
        return out

    return stored_doc(record("r-self", "지수", lower, upper, entries(0)),
                      record("r-manager", "지수", lower, upper, entries(1), rater="manager", rater_name="민준"), mine="r-self")


@pytest.mark.parametrize("lower, upper, budget", [("junior", "mid", 6), ("mid", "senior", 6), ("senior", "lead", 6)])
def test_a_fully_rated_packet_prints_within_its_budget(readers, site, lower: str, upper: str, budget: int) -> None:
    page = readers().page
    seed(page, fully_rated(site, lower, upper))
    page.goto("/records/packet/?id=r-self&with=r-manager")
    page.wait_for_selector("[data-cf-packet-ready]", state="attached")
    assert page.locator("[data-cf-section=item] tbody tr[data-cf-exp]").count() > 100
    assert 1 <= pdf_pages(page) <= budget


def test_a_checklist_never_takes_in_someone_elses_record(readers, tmp_path: Path) -> None:
    page = readers().page
    path = tmp_path / "report.json"
    path.write_text(a_file(record("r-report", "지수", "mid", "senior", {"pytest": {"status": "met"}, "docker": {"status": "met"}})),
                    encoding="utf-8")
    page.goto("/checklist/")
    page.check("#cf-gil")  # the manager's own record begins here ("나")
    before = store(page)
    page.set_input_files("input[data-cf-import]", str(path))
    status = wait_status(page, "가져오기 실패")
    assert "지수" in status and "성장 기록" in status and store(page) == before and not page.is_checked("#cf-pytest")
    page.goto("/records/")  # where it belongs: beside the manager's own record
    import_files(page, [path])
    wait_status(page, "새로 추가 1개")
    assert page.locator("[data-cf-record]").count() == 2 and store(page)["records"][before["mine"]] == before["records"][before["mine"]]


def test_an_import_with_the_same_id_asks_and_never_merges(readers, tmp_path: Path) -> None:
    page = readers().page
    rid = create(page, "지수", "mid", "senior", mine=True)
    rate(page, "gil", "met")
    rate(page, "pytest", "working")
    exported = json.loads(download(page, "[data-cf-action=export-one]").read_text(encoding="utf-8"))
    changed = json.loads(json.dumps(exported))
    entries = changed["records"][0]["entries"]
    entries["pytest"]["status"] = "met"
    entries["docker"] = {"status": "met"}
    changed["records"][0]["level"] = "senior"
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
    page.goto("/records/")
    before = store(page)

    def answer(choice: str) -> str:
        import_files(page, [path])
        dialog = page.locator("dialog[data-cf-ask]")
        dialog.wait_for(state="visible")
        text = dialog.locator("[data-cf-ask-text]").inner_text()
        dialog.locator(f'button[data-choice="{choice}"]').click()
        return text

    asked = answer("cancel")
    assert "기대 사항 1개가 더해지고 0개가 빠지며 1개가 바뀝니다" in asked and "현재 레벨" in asked  # what would change
    assert "취소" in wait_status(page, "취소") and store(page) == before
    answer("copy")
    wait_status(page, "사본으로 추가 1개")
    records = store(page)["records"]
    assert len(records) == 2 and records[rid] == before["records"][rid]
    copy = next(r for k, r in records.items() if k != rid)
    assert copy["entries"] == entries and copy["level"] == "senior"
    answer("replace")
    wait_status(page, "바꿈 1개")
    assert store(page)["records"][rid]["entries"] == entries and len(store(page)["records"]) == 2
    assert page.locator("[data-cf-record]").count() == 2


# one record in several files (Monday's and Friday's export of the same self record)
MONDAY = record("r-jisoo", "지수", "mid", "senior", {"gil": {"status": "met"}})
FRIDAY = {**MONDAY, "updated": "2025-01-05T00:00:00.000Z", "entries": {"gil": {"status": "met"}, "docker": {"status": "met"}}}


def week_files(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, rec in (("monday.json", MONDAY), ("friday.json", FRIDAY), ("monday-again.json", MONDAY)):
        out[name] = tmp_path / name
        out[name].write_text(a_file(rec), encoding="utf-8")
    return out


def ask_answer(page, choice: str) -> str:
    dialog = page.locator("dialog[data-cf-ask]")
    dialog.wait_for(state="visible")
    text = dialog.locator("[data-cf-ask-text]").inner_text()
    dialog.locator(f'button[data-choice="{choice}"]').click()
    return text


def test_one_record_in_two_files_is_never_dropped_silently(readers, tmp_path: Path) -> None:
    files = week_files(tmp_path)
    page = readers().page
    page.goto("/records/")
    import_files(page, [files["monday.json"], files["friday.json"]])
    asked = ask_answer(page, "cancel")  # asked, naming both files and what differs
    assert "monday.json" in asked and "friday.json" in asked and "지수의 본인 기록" in asked
    assert "기대 사항 1개가 더해지고 0개가 빠지며 0개가 바뀝니다" in asked
    wait_status(page, "취소")
    assert store(page) == {}

    import_files(page, [files["monday.json"], files["friday.json"]])
    ask_answer(page, "all")  # both kept: Friday's as a copy
    status = wait_status(page, "새로 추가")
    assert "새로 추가 1개" in status and "사본으로 추가 1개" in status
    records = store(page)["records"]
    assert len(records) == 2 and records["r-jisoo"] == MONDAY
    assert next(r for k, r in records.items() if k != "r-jisoo")["entries"] == FRIDAY["entries"]

    import_files(page, [files["monday.json"], files["friday.json"]])  # now Monday's is here: only Friday's, replacing it
    ask_answer(page, "file-1")
    asked = ask_answer(page, "replace")
    assert "같은 id의 기록이 이미 있습니다" in asked
    status = wait_status(page, "바꿈 1개")
    assert "새로 추가 0개" in status and "고르지 않은 1개는 가져오지 않았습니다: 지수 (monday.json)" in status
    assert store(page)["records"]["r-jisoo"]["entries"] == FRIDAY["entries"] and len(store(page)["records"]) == 2

    other = readers().page  # the same record in two files, the same in both: taken once, said so
    other.goto("/records/")
    import_files(other, [files["monday.json"], files["monday-again.json"]])
    status = wait_status(other, "새로 추가")
    assert "새로 추가 1개" in status and "똑같이 들어 있던 기록 1개는 한 번만" in status
    assert store(other)["records"] == {"r-jisoo": MONDAY}


def test_the_team_view_says_when_files_hold_one_record_differently(readers, tmp_path: Path) -> None:
    files = week_files(tmp_path)
    page = readers().page
    page.goto("/team/")
    import_files(page, [files["friday.json"], files["monday.json"]])  # the later file holds the older reading
    page.wait_for_selector("[data-cf-when-loaded]:not([hidden])")
    status = wait_status(page, "서로 다르게")
    assert "friday.json, monday.json" in status and "friday.json의 것(2025-01-05)만 썼습니다" in status
    assert page.locator("[data-cf-person]").count() == 1
    assert page.locator('[data-cf-heat-row="r-jisoo"] td').last.inner_text().replace("\n", " ") == "2% 2/123"  # Friday's
    assert our_keys(page) == []
    page.click("[data-cf-action=keep]")  # storing asks which reading
    asked = ask_answer(page, "all")
    assert "friday.json" in asked and "monday.json" in asked
    status = wait_status(page, "보관했습니다")
    assert "새로 추가 1개" in status and "사본 1개" in status
    records = store(page)["records"]
    assert len(records) == 2 and records["r-jisoo"]["entries"] == FRIDAY["entries"]
    assert next(r for k, r in records.items() if k != "r-jisoo")["entries"] == MONDAY["entries"]


def test_a_version_1_file_opens_as_a_new_record_without_loss(readers, tmp_path: Path) -> None:
    page = readers().page
    v1 = {"format": OLD_KEY, "version": 1, "framework": FW["id"], "frameworkVersion": "2025.09", "exportedAt": "2025-02-01T09:00:00.000Z",
          "items": {"gil": {"done": True, "title": "GIL (Global Interpreter Lock) 동작 원리", "note": "정리 글",
                            "url": "https://blog.example.com/gil", "updated": "2025-01-15T10:00:00.000Z"},
                    "docker": {"done": True},
                    "pytest": {"note": "fixture 공부 중"}}}
    path = tmp_path / "jisoo.json"
    path.write_text(json.dumps(v1, ensure_ascii=False), encoding="utf-8")
    senior = tmp_path / "checklist-python-backend-senior.json"
    senior.write_text(json.dumps({**v1, "items": {"gil": {"done": True}}}), encoding="utf-8")
    page.goto("/records/")
    import_files(page, [path, senior])
    wait_status(page, "새로 추가 2개")
    records = store(page)["records"]
    jisoo = next(r for r in records.values() if r["person"] == "jisoo")  # the person from the file's name
    assert jisoo["rater"] == "self" and jisoo["framework"] == {"id": FW["id"], "version": "2025.09"} and jisoo["level"] == "junior"
    assert jisoo["entries"] == {
        "gil": {"status": "met", "note": "정리 글", "wording": "GIL (Global Interpreter Lock) 동작 원리", "updated": "2025-01-15T10:00:00.000Z",
                "evidence": [{"title": "학습 기록", "url": "https://blog.example.com/gil", "date": "2025-01-15"}]},
        "docker": {"status": "met"},
        "pytest": {"status": "not-yet", "note": "fixture 공부 중"},
    }
    other = next(r for r in records.values() if r["person"] == "checklist-python-backend-senior")
    assert other["level"] == "senior"  # the role and level its name holds
    row = page.locator(f'[data-cf-record="{jisoo["id"]}"]')
    assert row.get_attribute("data-cf-person") == "jisoo" and row.get_attribute("data-cf-done") == "2"
    row.locator(".cf-record-title a").click()  # the person is editable
    page.wait_for_selector("[data-cf-exp]")
    page.locator("[data-cf-details-box] summary").click()
    page.fill("#cf-edit-person", "지수")
    page.select_option("#cf-edit-level", "mid")
    page.click("form[data-cf-details] button[type=submit]")
    wait_status(page, "저장")
    saved = store(page)["records"][jisoo["id"]]
    assert saved["person"] == "지수" and saved["level"] == "mid" and saved["entries"] == jisoo["entries"]


def test_the_stored_checklist_of_version_1_opens_as_my_record(readers) -> None:
    page = readers().page
    old = {"version": 1, "items": {"gil": {"done": True, "note": "정리", "url": "https://blog.example.com/gil"},
                                   "pytest": {"note": "공부 중"}, "docker": {"done": True}}}
    raw = json.dumps(old, ensure_ascii=False)
    page.goto("/records/privacy/")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [OLD_KEY, raw])
    page.goto("/records/")
    row = page.locator("[data-cf-record]")
    assert row.count() == 1 and row.get_attribute("data-cf-person") == "나" and row.get_attribute("data-cf-done") == "2"
    assert "내 기록" in row.inner_text()
    mine = store(page)["records"][store(page)["mine"]]
    assert set(mine["entries"]) == {"gil", "pytest", "docker"} and mine["entries"]["pytest"] == {"status": "not-yet", "note": "공부 중"}
    assert mine["entries"]["gil"]["evidence"][0]["url"] == "https://blog.example.com/gil"
    assert page.evaluate(f"localStorage.getItem('{OLD_KEY}')") == raw


# the team view --------------------------------------------------------------------------------------------------
TEAM = {
    "alice.json": [record("r-alice", "Alice", "mid", "senior", {"gil": {"status": "met"}, "docker": {"status": "met"},
                                                                 "pytest": {"status": "met"}})],
    "bob.json": [record("r-bob", "Bob", "mid", "senior", {"gil": {"status": "met"}, "pytest": {"status": "met"}}),
                 record("r-bob-manager", "Bob", "mid", "senior", {"gil": {"status": "met"}, "pytest": {"status": "working"}},
                        rater="manager", rater_name="Dana")],
    "carol.json": [record("r-carol", "Carol", "senior", "lead", {"gil": {"status": "met"}, "docker": {"status": "met"},
                                                                  "duty:senior:1": {"status": "met"}, "cqrs": {"status": "met"}})],
}


def team_files(tmp_path: Path) -> list[Path]:
    out = []
    for name, recs in TEAM.items():
        (tmp_path / name).write_text(a_file(*recs), encoding="utf-8")
        out.append(tmp_path / name)
    return out


def our_keys(page) -> list[str]:
    return page.evaluate("() => Object.keys(localStorage).concat(Object.keys(sessionStorage)).filter((k) => k.startsWith('career-framework'))")


@pytest.mark.parametrize("how", ["picker", "drop"])
def test_team_view_of_three_files(readers, tmp_path: Path, how: str) -> None:
    page = readers().page
    page.goto("/team/")
    assert page.locator("input[type=file][data-cf-import][multiple]").count() == 1
    files = team_files(tmp_path)
    if how == "picker":
        import_files(page, files)
    else:
        page.evaluate("""(docs) => { const dt = new DataTransfer();
            for (const [name, text] of docs) dt.items.add(new File([text], name, {type: 'application/json'}));
            document.querySelector('[data-cf-drop]').dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true})); }""",
                      [[f.name, f.read_text(encoding="utf-8")] for f in files])
    page.wait_for_selector("[data-cf-when-loaded]:not([hidden])")
    people = page.locator("[data-cf-person]")
    assert sorted(people.nth(i).get_attribute("data-cf-person") for i in range(people.count())) == ["Alice", "Bob", "Carol"]
    assert page.locator('[data-cf-person="Bob"]').get_attribute("data-cf-record-used") == "r-bob-manager"  # the manager's rating
    # only one person meets: pytest (Alice: Bob's manager says "working on"), the Senior duty and cqrs (Carol)
    single = page.locator("[data-cf-single] li[data-cf-exp]")
    found = {single.nth(i).get_attribute("data-cf-exp"): single.nth(i).locator("[data-cf-holder]").get_attribute("data-cf-holder")
             for i in range(single.count())}
    assert found == {"pytest": "Alice", "duty:senior:1": "Carol", "cqrs": "Carol"}
    # nobody meets: what Mid (Alice, Bob) and Senior (Carol) expect — Senior's 148 items, 7 duties, 5 core competencies and
    # 5 KPIs, and Mid's 6 duties and 4 core competencies: 175 — but gil, docker, pytest, duty:senior:1 and cqrs
    nobody = page.locator("[data-cf-nobody] li[data-cf-exp]")
    assert nobody.count() == 170
    ids = set(nobody.evaluate_all("els => els.map((e) => e.dataset.cfExp)"))
    assert {"garbage-collection", "duty:mid:1", "competency:senior:1", "kpi:collaboration-leadership"} <= ids
    assert not {"gil", "docker", "pytest", "cqrs", "duty:senior:1"} & ids
    # closest to target: Alice 3 of Senior's 165, Carol 3 of Lead's 184 (168 items, 6 duties, 5 + 5), Bob 1 of 165
    closest = page.locator("[data-cf-closest] li")
    assert [closest.nth(i).get_attribute("data-cf-closest-person") for i in range(3)] == ["Alice", "Carol", "Bob"]
    assert "165개 가운데 3개 충족 (2%)" in closest.nth(0).inner_text()
    # the heat map: the overall share of what each person's own level expects (Mid: 108 items, 6 + 4 + 5 = 123)
    overall = {r: page.locator(f'[data-cf-heat-row="{r}"] td').last.inner_text().replace("\n", " ") for r in ("r-alice", "r-bob-manager", "r-carol")}
    assert overall == {"r-alice": "2% 3/123", "r-bob-manager": "1% 1/123", "r-carol": "2% 4/165"}
    assert our_keys(page) == []  # nothing stored
    page.reload()
    assert our_keys(page) == [] and page.locator("[data-cf-person]").count() == 0


def test_team_view_exports_and_stores_only_when_asked(readers, tmp_path: Path) -> None:
    page = readers().page
    page.goto("/team/")
    import_files(page, team_files(tmp_path))
    page.wait_for_selector("[data-cf-when-loaded]:not([hidden])")
    csv = download(page, "[data-cf-action=export-csv]").read_text(encoding="utf-8-sig").splitlines()
    assert csv[0].startswith('"사람","직무","현재 레벨","목표 레벨","평가자"') and len(csv) == 4
    assert csv[1].startswith('"Alice","Python Backend Engineer","Mid","Senior","본인"')
    md = download(page, "[data-cf-action=export-md]").read_text(encoding="utf-8")
    assert "## 한 사람만 충족한 기대 사항" in md and "- pytest 프레임워크 숙련 — Alice" in md and "- CQRS 패턴 이해 — Carol" in md
    assert our_keys(page) == []
    page.click("[data-cf-action=keep]")
    wait_status(page, "보관했습니다")
    assert sorted(store(page)["records"]) == ["r-alice", "r-bob", "r-bob-manager", "r-carol"]
    page.goto("/records/")
    assert page.locator("[data-cf-record]").count() == 4  # what is stored is listed, and deletable there
    page.locator('[data-cf-record="r-carol"] [data-cf-action=delete]').click()
    page.locator('dialog[data-cf-ask] button[data-choice="delete"]').click()
    page.wait_for_function("!document.querySelector('[data-cf-record=\"r-carol\"]')")
    assert sorted(store(page)["records"]) == ["r-alice", "r-bob", "r-bob-manager"]


# the framework changed ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def changed_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The seed with gil retitled, duckdb renamed to duckdb-analytics (keeping `aliases: [duckdb]`) and nfs removed."""
    root = tmp_path_factory.mktemp("changed")
    fw = root / "framework"
    import shutil

    shutil.copytree(FRAMEWORK, fw)
    core = fw / "competencies" / "01-python-core.yml"
    core.write_text(core.read_text(encoding="utf-8").replace("ko: GIL (Global Interpreter Lock) 동작 원리",
                                                             "ko: GIL 동작 원리와 해제 시점", 1), encoding="utf-8")
    area = fw / "competencies" / "03-data-storage.yml"
    data = yaml.safe_load(area.read_text(encoding="utf-8"))
    for group in data["groups"]:
        items = group.get("items", [])
        for item in items:
            if item["id"] == "duckdb":
                item["id"], item["aliases"] = "duckdb-analytics", ["duckdb"]
        group["items"] = [i for i in items if i["id"] != "nfs"]
    area.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    published = fw / "published-urls.json"
    urls = json.loads(published.read_text(encoding="utf-8"))
    urls["pages"] = {page: [a for a in anchors if a != "nfs"] for page, anchors in urls["pages"].items()}
    published.write_text(json.dumps(urls, ensure_ascii=False, indent=1), encoding="utf-8")
    project = make_project(root / "project", fw)
    yield from served_build(project, root / "out")


def test_a_record_made_before_the_framework_changed(readers, changed_site: str) -> None:
    page = readers(url=changed_site).page
    entries = {"gil": {"status": "met", "wording": "GIL (Global Interpreter Lock) 동작 원리", "note": "정리함"},
               "duckdb": {"status": "met", "wording": "DuckDB 임베디드 분석 DB"},
               "nfs": {"status": "met", "wording": "NFS 파일 시스템", "note": "NAS 운영"},
               "pytest": {"status": "met", "wording": "pytest 프레임워크 숙련"}}
    old = record("r-old", "지수", "mid", "senior", entries, framework={"id": FW["id"], "version": "2025.09"})
    seed(page, stored_doc(old, mine="r-old"))
    page.goto("/records/record/?id=r-old")
    page.wait_for_selector("[data-cf-exp]")
    summary = page.locator("[data-cf-changes]").inner_text()
    assert "프레임워크 2025.09 기준으로 마지막으로 저장" in summary
    assert "duckdb → duckdb-analytics" in summary and "없어진 기대 사항 1개" in summary and "문구가 바뀐 기대 사항 1개" in summary
    gil = page.locator('[data-cf-exp="gil"]')
    assert gil.locator("[data-cf-changed]").is_visible() and gil.locator("[data-cf-changed]").inner_text() == "평가 후 바뀜"
    assert "평가할 때: GIL (Global Interpreter Lock) 동작 원리 → 지금: GIL 동작 원리와 해제 시점" in gil.locator("[data-cf-changed-text]").inner_text()
    assert page.locator('[data-cf-exp="duckdb-analytics"] .cf-col-edit input[value=met]').is_checked()  # carried over
    assert not page.locator('[data-cf-exp="pytest"] [data-cf-changed]').is_visible()
    archived = page.locator('[data-cf-archived-entry="nfs"]')
    assert "NFS 파일 시스템" in archived.inner_text() and "프레임워크에서 없어짐" in archived.inner_text() and "NAS 운영" in archived.inner_text()
    page.click('[data-cf-filter="changed"]')
    assert page.locator(".cf-exp:visible").count() == 1
    gil.locator("[data-cf-action=keep-rating]").click()  # the rating is kept for the new wording
    page.wait_for_function("document.querySelector('[data-cf-exp=\"gil\"] [data-cf-changed]').hidden")
    saved = store(page)["records"]["r-old"]
    assert saved["entries"]["gil"]["wording"] == "GIL 동작 원리와 해제 시점" and saved["entries"]["gil"]["note"] == "정리함"
    assert "duckdb-analytics" in saved["entries"] and "duckdb" not in saved["entries"]  # the rename written with the save
    assert saved["entries"]["nfs"] == entries["nfs"] and saved["framework"]["version"] == FW["version"]


# what is stored -------------------------------------------------------------------------------------------------
def test_set_aside_entries_and_records_survive_a_write(readers) -> None:
    page = readers().page
    bad_entry = {"status": "met", "confidence": "a field of a later release"}
    bad_record = {"id": "r-later", "person": "미래", "role": "python-backend", "level": "mid", "rater": "coach", "entries": {}}
    good = record("r-mine", "지수", "mid", "senior", {"gil": {"status": "met"}, "threading": bad_entry})
    raw_doc = stored_doc(good, mine="r-mine")
    raw_doc["records"]["r-later"] = bad_record
    seed(page, raw_doc, "/records/")
    listed = page.locator("[data-cf-set-aside] [data-set-aside='r-later']")
    assert listed.is_visible() and listed.locator("code").inner_text() == "r-later" and "평가자" in listed.inner_text()
    page.goto("/records/record/?id=r-mine")
    page.wait_for_selector("[data-cf-exp]")
    assert page.locator('[data-cf-exp="threading"] .cf-col-edit input[value=met]').is_disabled()
    assert "confidence" in page.locator("[data-cf-set-aside] [data-set-aside='threading']").inner_text()
    rate(page, "pytest", "working")
    page.reload()
    doc = store(page)
    assert doc["records"]["r-later"] == bad_record and doc["records"]["r-mine"]["entries"]["threading"] == bad_entry
    assert doc["records"]["r-mine"]["entries"]["pytest"]["status"] == "working"
    backup = json.loads(page.evaluate(f"localStorage.getItem('{KEY}.backup')"))
    assert json.loads(backup[0]["raw"]) == raw_doc  # the value first rewritten, as it was


def test_delete_all_my_data_removes_our_keys_and_only_those(readers) -> None:
    page = readers().page
    page.goto("/records/privacy/")
    page.evaluate("""([keys, level]) => { for (const k of keys) localStorage.setItem(k, '{}');
        localStorage.setItem(level, JSON.stringify({version: 1, role: 'python-backend', level: 'mid'}));
        localStorage.setItem('another-app', 'keep'); localStorage.setItem('career-frameworks-other', 'keep'); }""",
                  [[k for k in OURS if k != LEVEL_KEY], LEVEL_KEY])
    page.reload()
    assert page.locator("[data-cf-stored] tr").count() == 5
    assert "내 레벨" in page.locator("[data-cf-stored] tr", has_text=LEVEL_KEY).inner_text()  # the level switcher's choice, listed
    page.click("[data-cf-action=delete-all]")
    page.locator('dialog[data-cf-ask] button[data-choice="delete"]').click()
    wait_status(page, "5개를 지웠습니다")
    left = page.evaluate("() => Object.keys(localStorage).sort()")
    assert not set(OURS) & set(left) and {"another-app", "career-frameworks-other"} <= set(left)
    assert page.locator("[data-cf-stored-empty]").is_visible()


def test_an_export_reminder_after_long_unexported_changes(readers) -> None:
    page = readers().page
    doc = stored_doc(record("r-mine", "지수", "mid", "senior", {"gil": {"status": "met"}}),
                     record("r-fresh", "민준", "senior", "lead", {}), mine="r-mine",
                     local={"r-mine": {"exported": None, "changed": "2000-01-01T00:00:00.000Z"},
                            "r-fresh": {"exported": None, "changed": "2999-01-01T00:00:00.000Z"}})
    seed(page, doc, "/records/")
    reminders = page.locator("[data-cf-reminders]")
    assert reminders.is_visible() and reminders.locator("p").count() == 1 and "지수" in reminders.inner_text()
    page.locator('[data-cf-record="r-mine"] [data-cf-action=export]').click()
    page.wait_for_function("document.querySelector('[data-cf-reminders]').hidden")


def test_the_checklists_export_validates_against_the_schema(readers, validator) -> None:
    page = readers().page
    page.goto("/roles/python-backend/mid/checklist/")
    page.check("#cf-gil")
    page.locator('[data-item="gil"] summary').click()
    page.fill("#cf-gil-note", "정리")
    page.fill("#cf-gil-url", "https://blog.example.com/gil")
    doc = json.loads(download(page, '[data-cf-action="export-json"]').read_text(encoding="utf-8"))
    validator.validate(doc)
    assert doc["records"][0]["level"] == "mid" and doc["records"][0]["entries"]["gil"]["status"] == "met"


def test_a_not_met_without_explanation_is_refused_by_the_schema(validator) -> None:
    from jsonschema import ValidationError

    bad = json.loads(a_file(record("r-1", "A", "mid", None, {"gil": {"status": "not-met"}})))
    with pytest.raises(ValidationError):
        validator.validate(bad)
    good = json.loads(a_file(record("r-1", "A", "mid", None, {"gil": {"status": "not-met", "explanation": "아직"}})))
    validator.validate(good)


# the hooks, both editions, accessibility ------------------------------------------------------------------------
SEEDED = stored_doc(
    record("r-self", "Jisoo", "mid", "senior", {
        "gil": {"status": "met", "note": "Wrote it up", "evidence": [{"title": "Post", "url": "https://blog.example.com/gil", "date": "2025-03-01"}]},
        "docker": {"status": "working"}, "pytest": {"status": "not-met", "explanation": "Not yet in production"},
        "duty:mid:1": {"status": "met"}}),
    record("r-manager", "Jisoo", "mid", "senior", {"gil": {"status": "working", "note": "Explain the trade-offs"},
                                                    "docker": {"status": "working"}}, rater="manager", rater_name="Minjun"),
    mine="r-self")
NEW_PAGES = {"records": "records/", "record": "records/record/?id=r-self&with=r-manager", "packet": "records/packet/?id=r-self",
             "team": "team/", "privacy": "records/privacy/"}


def open_seeded(page, prefix: str, kind: str) -> None:
    page.goto(f"{prefix}/{NEW_PAGES[kind]}")
    if kind == "record":
        page.wait_for_selector("[data-cf-exp]")
    elif kind == "packet":
        page.wait_for_selector("[data-cf-packet-ready]", state="attached")
    elif kind == "team":
        page.evaluate("""(text) => { const dt = new DataTransfer(); dt.items.add(new File([text], 'team.json'));
            document.querySelector('[data-cf-drop]').dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true})); }""",
                      a_file(*SEEDED["records"].values()))
        page.wait_for_selector("[data-cf-when-loaded]:not([hidden])")
    page.wait_for_function("document.querySelector('[data-cf-persist]').textContent.length > 0")  # persistent storage asked


def test_the_hooks_on_records(readers) -> None:
    page = readers().page
    seed(page, SEEDED, "/records/")
    rows = page.locator("[data-cf-record]")
    assert rows.count() == 2
    got = {rows.nth(i).get_attribute("data-cf-record"): (rows.nth(i).get_attribute("data-cf-person"), rows.nth(i).get_attribute("data-cf-rater"),
                                                          rows.nth(i).get_attribute("data-cf-done")) for i in range(2)}
    assert got == {"r-self": ("Jisoo", "self", "2"), "r-manager": ("Jisoo", "manager", "0")}
    assert page.locator("[data-cf-record] a[data-cf-packet]").count() == 2
    assert page.locator("input[type=file][data-cf-import][multiple]").count() == 1
    page.goto("/roles/python-backend/mid/checklist/")  # a checklist imports one file at a time
    assert page.locator("input[type=file][data-cf-import]:not([multiple])").count() == 1


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize("kind", sorted(NEW_PAGES))
def test_every_record_page_in_both_editions(readers, site, kind: str, prefix: str) -> None:
    page = readers().page
    seed(page, SEEDED, f"{prefix}/records/privacy/")
    open_seeded(page, prefix, kind)
    source = (site[1] / prefix.lstrip("/") / NEW_PAGES[kind].split("?")[0] / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="Content-Security-Policy" content="default-src \'self\';' in source and "connect-src 'self'" in source
    assert '<meta name="robots" content="noindex">' in source
    if prefix:
        text = page.locator("article").inner_text()
        assert HANGUL.findall(text) == [], text[:400]  # English labels; the seeded data is English too
        assert page.evaluate("document.documentElement.lang") == "en"


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("kind", sorted(NEW_PAGES))
def test_record_pages_are_accessible_and_fit_a_phone(readers, kind: str, width: int) -> None:
    source = browser.axe_source()
    browser.require(source is not None, "axe-core is missing: run `make test` (it fetches axe-core with npm)")
    page = readers(width=width).page
    seed(page, SEEDED)
    open_seeded(page, "", kind)
    if kind == "record":
        page.locator('[data-cf-exp="gil"] details.cf-more-box summary').click()  # the note and evidence form too
    page.add_script_tag(content=source)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == []
    if width == 390:
        assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_record_page_is_usable_by_keyboard(readers) -> None:
    page = readers().page
    seed(page, SEEDED)
    open_seeded(page, "", "record")
    radio = page.locator('[data-cf-exp="docker"] .cf-col-edit input[value="working"]')
    radio.focus()
    page.keyboard.press("ArrowRight")  # radio groups move with the arrows, and the change is saved
    page.wait_for_function("JSON.parse(localStorage.getItem('career-framework-records')).records['r-self'].entries.docker.status === 'met'")
    assert page.evaluate("document.activeElement.value") == "met"


def test_a_record_page_reached_by_instant_navigation_has_its_policy_in_force(readers) -> None:
    page = readers().page
    page.goto("/checklist/")  # a page without the policy
    page.wait_for_load_state("networkidle")  # Material enables instant navigation once it has the sitemap
    page.evaluate("window.__noReload = true")
    page.locator('.md-nav a[href$="records/"]').first.click()
    page.wait_for_url("**/records/")
    page.wait_for_selector("[data-cf-records-page][data-cf-ready]", state="attached")
    assert page.evaluate("window.__noReload") is None  # loaded afresh, with the page's own head
    blocked = page.evaluate("""() => new Promise((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), {once: true});
        fetch('https://example.org/collect').catch(() => {}); })""")
    assert blocked == "connect-src"


def test_a_team_csv_cell_is_never_a_formula(readers, tmp_path: Path) -> None:
    page = readers().page
    path = tmp_path / "formula.json"
    path.write_text(a_file(record("r-f", '=HYPERLINK("https://evil.example","x")', "mid", "senior", {"gil": {"status": "met"}})), encoding="utf-8")
    page.goto("/team/")
    import_files(page, [path])
    page.wait_for_selector("[data-cf-when-loaded]:not([hidden])")
    csv = download(page, "[data-cf-action=export-csv]").read_text(encoding="utf-8-sig").splitlines()
    assert csv[1].startswith('"\'=HYPERLINK(""https://evil.example"",""x"")",')
    assert page.locator("[data-cf-people] a").count() == 0  # a name is text, never a link
