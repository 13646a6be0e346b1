"""`career import` (a spreadsheet in, YAML out) and `career export --format xlsx` (the same layout out): what a user
sees. Sheets are written here by hand (CSV bytes, or workbooks made with openpyxl), imported with the command, and the
result read back: the command's report, `career check` on the folder it wrote, the YAML itself."""
from __future__ import annotations

import hashlib
import shutil
import time
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import FRAMEWORK, ROOT, edit, run_career
from openpyxl import Workbook, load_workbook

from macros.adopt.sheets import Sheet, column_letter, decode
from macros.core.loading import load_framework
from macros.exports.ladder_sheet import ascii_id, parse_level_header

EXAMPLES = ROOT / "examples"


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list[str | None]], merged: tuple[str, ...] = (), title: str = "Sheet1") -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for ref in merged:
        ws.merge_cells(ref)
    wb.save(path)
    return path


def read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def snapshot(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder"
            for p in sorted(root.rglob("*"))}


def checked(career, folder: Path) -> str:
    result = career("check", str(folder))
    assert result.returncode == 0, result.stderr
    return result.stdout


# a new framework from a sheet -----------------------------------------------------------------
def test_a_korean_excel_csv_becomes_a_new_framework(career, tmp_path: Path) -> None:
    """Korean Excel saves CSV in CP949. Korean titles give no id, so ids come from the row (a-2, c-2, i-3) and the
    level columns' places (l-1...). A row with two statements is a group's behaviours; one with one statement is an
    item at its column's level; a blank area or group cell repeats the one above."""
    write_csv(tmp_path / "사다리.csv", "영역,그룹,설명,주니어,미드,시니어\n"
                                      "개발,코드 품질,읽기 좋은 코드,작은 변경을 테스트와 함께 낸다,리뷰에서 구조 문제를 짚는다,\n"
                                      ",,,,,팀의 코드 기준을 세운다\n"
                                      ",협업,,회의 내용을 기록한다,,\n", "cp949")
    result = career("import", "사다리.csv", "ladder", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "사다리.csv (CP949), 3 rows, into ladder/ (a new framework; texts in Korean" in result.stdout
    assert "levels.yml  " in result.stdout and "competencies/01-a-2.yml  new" in result.stdout
    assert result.stderr == ""
    fw = tmp_path / "ladder"
    assert read(fw / "levels.yml") == {"levels": [{"id": "l-1", "title": "주니어"}, {"id": "l-2", "title": "미드"},
                                                  {"id": "l-3", "title": "시니어"}]}
    assert read(fw / "competencies" / "01-a-2.yml") == {
        "id": "a-2", "number": 1, "title": "개발",
        "groups": [
            {"id": "c-2", "title": "코드 품질", "description": "읽기 좋은 코드", "level": "l-3",
             "items": [{"id": "i-3", "title": "팀의 코드 기준을 세운다"}],
             "behaviours": [{"level": "l-1", "text": "작은 변경을 테스트와 함께 낸다"},
                            {"level": "l-2", "text": "리뷰에서 구조 문제를 짚는다"}]},
            {"id": "c-4", "title": "협업", "level": "l-1", "items": [{"id": "i-4", "title": "회의 내용을 기록한다"}]},
        ]}
    assert read(fw / "framework.yml") == {"id": "ladder", "name": "사다리", "organisation": {"name": "사다리"}, "locale": "ko"}
    assert (fw / "schema" / "area.schema.json").is_file()
    assert not (fw / ".career-export.json").exists()
    assert "1 area, 2 groups, 2 items, 2 behaviours" in checked(career, fw)


def test_an_english_csv_with_a_bom_gets_ids_from_its_titles(career, tmp_path: Path) -> None:
    """Excel's "CSV UTF-8" starts with a BOM. ASCII titles give ids; an id cell wins; header names in any case."""
    write_csv(tmp_path / "ladder.csv", "\ufeffArea,Competency,ID,Junior,Mid,Senior,Description\n"
                                       "Delivery,Code review,,Reviews small changes,Reviews designs,Sets review norms,How we review\n"
                                       "Delivery,Testing,,,,,What we test\n"
                                       "Delivery,Testing,unit-tests,Writes unit tests,,,Tests come with the change\n"
                                       "Delivery,Testing,,,Writes integration tests,,\n")
    result = career("import", "ladder.csv", "fw", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "ladder.csv (UTF-8 with BOM), 4 rows" in result.stdout and "texts in English: the sheet has no Hangul" in result.stdout
    assert read(tmp_path / "fw" / "levels.yml")["levels"] == [{"id": "junior", "title": "Junior"}, {"id": "mid", "title": "Mid"},
                                                             {"id": "senior", "title": "Senior"}]
    assert read(tmp_path / "fw" / "competencies" / "01-delivery.yml") == {
        "id": "delivery", "number": 1, "title": "Delivery",
        "groups": [
            {"id": "code-review", "title": "Code review", "description": "How we review",
             "behaviours": [{"level": "junior", "text": "Reviews small changes"}, {"level": "mid", "text": "Reviews designs"},
                            {"level": "senior", "text": "Sets review norms"}]},
            {"id": "testing", "title": "Testing", "description": "What we test", "level": "junior",
             "items": [{"id": "unit-tests", "title": "Writes unit tests", "description": "Tests come with the change"},
                       {"id": "writes-integration-tests", "title": "Writes integration tests", "level": "mid"}]},
        ]}
    assert read(tmp_path / "fw" / "framework.yml")["locale"] == "en"
    checked(career, tmp_path / "fw")


def test_merged_cells_and_the_kind_column(career, tmp_path: Path) -> None:
    """A workbook with a title above the header, the area merged down its rows (only the top cell holds it), and
    `kind` saying that a row with one statement is a behaviour. Cells are named Sheet!A1-style in the report."""
    write_xlsx(tmp_path / "ladder.xlsx", [
        ["Engineering ladder 2025"],
        ["영역", "역량", "유형", "Junior", "Mid"],
        ["Craft", "Design", "행동 기준", "Explains the design of a feature", None],
        [None, "Operations", None, "Follows the runbook", "Writes the runbook"],
        [None, "Operations", None, None, "Leads an incident"],
        [None, "Operations", "kind of", "Joins on-call", None],
    ], merged=("A3:A6",), title="Ladder")
    result = career("import", "ladder.xlsx", "fw", "--lang", "en", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "ladder.xlsx:Ladder!1:1: warning: not imported: the row is above the header (the first row of two cells or more)",
        "ladder.xlsx:Ladder!C6: note: 'kind of' is neither 'item' (항목) nor 'behaviours' (행동 기준); the row is read by its "
        "number of statements"]
    area = read(tmp_path / "fw" / "competencies" / "01-craft.yml")
    assert area["groups"] == [
        {"id": "design", "title": "Design", "behaviours": [{"level": "junior", "text": "Explains the design of a feature"}]},
        {"id": "operations", "title": "Operations", "level": "junior",  # one item at each level: the lower is the group's
         "items": [{"id": "leads-an-incident", "title": "Leads an incident", "level": "mid"},
                   {"id": "joins-on-call", "title": "Joins on-call"}],
         "behaviours": [{"level": "junior", "text": "Follows the runbook"}, {"level": "mid", "text": "Writes the runbook"}]},
    ]
    checked(career, tmp_path / "fw")


def test_one_sheet_of_a_workbook_into_one_area(career, tmp_path: Path) -> None:
    """--sheet picks a sheet of a workbook; without an area column, --area names the area of every row."""
    wb = Workbook()
    wb.active.append(["not", "this"])
    wb.create_sheet("Second").append(["Competency", "Junior", "Senior"])
    wb["Second"].append(["Pairing", "Pairs on tasks", "Leads pairing"])
    wb.save(tmp_path / "book.xlsx")
    result = career("import", "book.xlsx", "fw", "--sheet", "Second", "--area", "Delivery", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "imported sheet 'Second' of book.xlsx, 1 rows" in result.stdout
    assert read(tmp_path / "fw" / "competencies" / "01-delivery.yml")["groups"] == [
        {"id": "pairing", "title": "Pairing", "behaviours": [{"level": "junior", "text": "Pairs on tasks"},
                                                           {"level": "senior", "text": "Leads pairing"}]}]
    result = career("import", "book.xlsx", "fw2", "--sheet", "Third", "--area", "Delivery", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (1, "career import: book.xlsx: no sheet 'Third' (sheets: Sheet, Second)\n")


def test_excel_unicode_text_is_read_as_tab_separated(career, tmp_path: Path) -> None:
    """Excel's "Unicode text" is UTF-16 with tabs; a sheet with no Hangul reads as English, into a Korean framework
    (examples/minimal) its file says `language: en`."""
    fw = tmp_path / "framework"
    shutil.copytree(EXAMPLES / "minimal" / "framework", fw)
    write_csv(tmp_path / "ladder.txt", "area\tgroup\tjunior\tsenior\nOperations\tOn call\tJoins the rota\tRuns the rota\n", "utf-16")
    result = career("import", "ladder.txt", "framework", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "ladder.txt (UTF-16), 1 rows" in result.stdout and "texts in English: the sheet has no Hangul" in result.stdout
    assert read(fw / "competencies" / "02-operations.yml") == {
        "id": "operations", "number": 2, "language": "en", "title": "Operations",
        "groups": [{"id": "on-call", "title": "On call", "behaviours": [{"level": "junior", "text": "Joins the rota"},
                                                                       {"level": "senior", "text": "Runs the rota"}]}]}
    checked(career, fw)


def test_what_cannot_be_placed_is_reported_with_its_cell(career, tmp_path: Path) -> None:
    """A column of remarks, raw HTML in a cell, an item row with two statements, an id used twice, a title whose id
    is taken: each told at its cell (file:row:col), the rest placed. --dry-run writes nothing."""
    write_csv(tmp_path / "ladder.csv", "area,group,id,kind,Junior,Senior,Notes\n"
                                       "Craft,Testing,tests,,Writes tests,,ask Kim\n"
                                       "Craft,Testing,,,<b>Bold</b>,,\n"
                                       "Craft,Testing,,item,Writes tests,Designs tests,\n"
                                       "Craft,Testing,tests,,Reviews tests,,\n"
                                       "Craft,testing!,,,Tests more,,\n")
    result = career("import", "ladder.csv", "fw", "--dry-run", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "ladder.csv:1:7: warning: column not imported: 'Notes' holds remarks, which the layout does not carry; its 1 cell "
        "below was not imported",
        "ladder.csv:3:5: warning: not imported: text contains raw HTML '<b>'; write plain text (it is escaped on the site)",
        "ladder.csv:4: warning: not imported: an item has one statement, under the level it is expected from; this row has "
        "2 (columns E, F)",
        "ladder.csv:5:3: note: id 'tests' is already used earlier in the sheet; 'Reviews tests' gets 'i-5' "
        "(write another id in the sheet)",
        "ladder.csv:6:2: note: 'testing!' would have id 'testing', which is already used; it gets 'c-6' "
        "(write an id in the sheet to choose)",
    ]
    assert "would import ladder.csv (UTF-8), 5 rows, into fw/ (a new framework" in result.stdout
    assert "3 warnings (what was not imported) and 2 notes (what was placed otherwise than written), above" in result.stdout
    assert "nothing was written (--dry-run)" in result.stdout
    assert not (tmp_path / "fw").exists()


def test_into_a_framework_levels_by_title_and_a_column_that_is_no_level(career, tmp_path: Path) -> None:
    """Into examples/minimal (levels junior 주니어, mid 미들, senior 시니어; area 1 `engineering` with item
    `readable-code`): headers name levels by title or id; a column naming no level is left out, saying so; an id the
    framework already uses is not taken; the new area is numbered after the framework's."""
    fw = tmp_path / "framework"
    shutil.copytree(EXAMPLES / "minimal" / "framework", fw)
    before = snapshot(fw)
    write_csv(tmp_path / "ladder.csv", "영역,그룹,아이디,주니어,MID,프린시펄\n"
                                       "운영,장애 대응,readable-code,런북을 따른다,,\n"
                                       "운영,장애 대응,,,장애 대응을 이끈다,조직의 대응 체계를 만든다\n")
    result = career("import", "ladder.csv", "framework", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "ladder.csv:1:6: warning: column not imported: '프린시펄' is neither a column of the layout nor a level of the "
        "framework (levels: junior, mid, senior); its 1 cell below was not imported",
        "ladder.csv:2:3: note: id 'readable-code' is already used in the framework; '런북을 따른다' gets 'i-2' "
        "(write another id in the sheet)",
    ]
    assert "into framework/ (the framework; texts in Korean: the sheet has Hangul" in result.stdout
    assert "competencies/02-a-2.yml  new" in result.stdout and "levels.yml" not in result.stdout
    assert read(fw / "competencies" / "02-a-2.yml") == {
        "id": "a-2", "number": 2, "title": "운영",
        "groups": [{"id": "c-2", "title": "장애 대응", "level": "junior",
                    "items": [{"id": "i-2", "title": "런북을 따른다"}, {"id": "i-3", "title": "장애 대응을 이끈다", "level": "mid"}]}]}
    assert (fw / "competencies" / "02-a-2.yml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../../../framework/schema/area.schema.json\n"
        "# Imported from ladder.csv by `career import`")
    after = snapshot(fw)
    assert {k: v for k, v in after.items() if k != "competencies/02-a-2.yml"} == before
    checked(career, fw)


def test_into_a_framework_of_families_on_two_ladders(career, tmp_path: Path) -> None:
    """examples/product-company: families on two ladders (se1... and d1...), each listing its areas. A row's statement
    on the other ladder than the row's first is left out (an area's levels come from one ladder); a level title works
    as a header; the summary says to list the new area in a family."""
    fw = tmp_path / "framework"
    shutil.copytree(EXAMPLES / "product-company" / "framework", fw)
    write_csv(tmp_path / "ladder.csv", "area,group,se1,d1,Senior Software Engineer\nPairing,Pairing,Pairs on tasks,함께 분석한다,Leads pairing\n")
    result = career("import", "ladder.csv", "framework", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "ladder.csv:2:4: warning: not imported: level 'd1' is on another ladder than the area's statement at ladder.csv:2:3; "
        "an area's levels come from one ladder"]
    assert "competencies/07-pairing.yml  new       area 'pairing': 1 group, 2 behaviours" in result.stdout
    assert ("the families list their areas (families/data.yml, families/software-engineering.yml): add each new area to the "
            "`areas:` of the families it belongs to") in result.stdout
    assert read(fw / "competencies" / "07-pairing.yml")["groups"][0]["behaviours"] == [
        {"level": "se1", "text": "Pairs on tasks"}, {"level": "se3", "text": "Leads pairing"}]
    checked(career, fw)


# round trips ------------------------------------------------------------------------------------
def shape(root: Path, lang: str) -> list:
    """What the layout carries, as loaded: areas (id, title, description), groups (id, title, description; None for
    an area's own), items (id, title, the level expected from, description), behaviours (level, text), in order."""
    fw = load_framework(root)

    def t(text) -> str | None:
        return text.get(lang) if text is not None else None

    return [(a.id, t(a.title), t(a.description),
             [(None if g.implicit else g.id, t(g.title), t(g.description),
               [(i.id, t(i.title), i.level or g.level, t(i.description)) for i in g.items],
               [(b.level, t(b.text)) for b in g.behaviours]) for g in a.groups]) for a in fw.areas]


@pytest.mark.parametrize(("source", "lang"), [("framework", "ko"), ("examples/product-company/framework", "en"),
                                              ("examples/open-ladder/framework", "en")])
def test_import_of_an_export_gives_the_same_competencies(career, tmp_path: Path, source: str, lang: str) -> None:
    """export --format xlsx, then import into a new folder: the same areas, groups, items (with their levels) and
    behaviours, and a ladder with the same level ids and titles in the same order."""
    result = career("export", "--format", "xlsx", "--audience", "internal", "--lang", lang, "--path", str(ROOT / source),
                    "--out", str(tmp_path / "out.xlsx"))
    assert result.returncode == 0, result.stderr
    result = career("import", "out.xlsx", "fw", "--lang", lang, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    checked(career, tmp_path / "fw")
    assert shape(tmp_path / "fw", lang) == shape(ROOT / source, lang)
    original = load_framework(ROOT / source)
    imported = load_framework(tmp_path / "fw")
    assert [(lv.id, lv.title.get(lang)) for lv in imported.levels] == [(lv.id, lv.title.get(lang)) for lv in original.levels]
    if source == "framework":
        assert [a.number for a in imported.areas] == [a.number for a in original.areas] == list(range(1, 9))


def test_the_seed_export_reads_as_its_layout(career, tmp_path: Path) -> None:
    """The workbook itself: its header, the area row, a group row, an item under its level, by hand."""
    result = career("export", "--format", "xlsx", "--audience", "internal", "--out", str(tmp_path / "seed.xlsx"))
    assert result.returncode == 0, result.stderr
    ws = load_workbook(tmp_path / "seed.xlsx").active
    rows = [[c if c is not None else "" for c in row] for row in ws.iter_rows(values_only=True)]
    assert ws.title == "역량"
    assert rows[0] == ["영역", "그룹", "아이디", "유형", "Junior", "Mid", "Senior", "Lead", "설명"]
    assert rows[1][:8] == ["언어 및 코어 역량 (Python Core Competency)", "", "python-core", "", "", "", "", ""]
    assert rows[2][:8] == ["언어 및 코어 역량 (Python Core Competency)", "Python 심화", "python-internals", "", "", "", "", ""]
    assert rows[3][:8] == ["언어 및 코어 역량 (Python Core Competency)", "Python 심화", "memory-structure", "항목",
                           "메모리 구조 이해 (sys.getsizeof, tracemalloc)", "", "", ""]
    assert rows[6][2:6] == ["weakref-contextvars", "항목", "", "weakref와 contextvars 활용"]
    assert len(rows) == 1 + 8 + 35 + 168


def test_replacing_an_area_needs_force_unless_an_import_wrote_it(career, tmp_path: Path) -> None:
    """Into a copy of the seed (without its released URL lists, so no site is built): the sheet names the seed's areas,
    so it replaces their files; hand-written ones only with --force, and nothing is written when refused (exit 2).
    A file an import wrote is replaced by the next import without --force."""
    fw = tmp_path / "framework"
    shutil.copytree(FRAMEWORK, fw, ignore=shutil.ignore_patterns("published-urls*.json"))
    assert career("export", "--format", "xlsx", "--audience", "internal", "--out", str(tmp_path / "seed.xlsx")).returncode == 0
    before = snapshot(fw)
    result = career("import", "seed.xlsx", "framework", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == ("career import: into framework/competencies: 01-python-core.yml exists and was not written by "
                             "this command; pass --force to replace it\n")
    assert snapshot(fw) == before
    result = career("import", "seed.xlsx", "framework", "--force", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "competencies/01-python-core.yml               replaced  area 'python-core': 5 groups, 21 items" in result.stdout
    assert ("the replaced files (written by hand) lose what the sheet does not carry: 211 warnings above, each at its "
            "line in the file before the import; see git diff") in result.stdout
    assert result.stderr.startswith(
        "framework/competencies/01-python-core.yml:4:1: warning: area 'python-core': the sheet does not carry its icon, "
        "English title, English description, which the import drops (add back by hand what should stay)\n"
        "framework/competencies/01-python-core.yml:14:5: warning: group 'python-internals': the sheet does not carry its "
        "English title, English description, which the import drops (add back by hand what should stay)\n")
    assert shape(fw, "ko") == shape(FRAMEWORK, "ko")
    assert sorted(snapshot(fw)) == sorted(before)  # the same files, no new one, nothing left behind
    result = career("import", "seed.xlsx", "framework", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "written by hand" not in result.stdout and "lose what the sheet does not carry" not in result.stdout
    assert result.stderr == ""


# internal marks ----------------------------------------------------------------------------------
def marks(root: Path) -> list[tuple[str, str, bool]]:
    """Every area, group, item and behaviour of the framework's area files with its own `internal` mark, in order."""
    out = []
    for path in sorted((root / "competencies").glob("*.yml")):
        area = read(path)
        out.append(("area", area["id"], area.get("internal", False)))
        own = {"id": area["id"], "items": area.get("items", []), "behaviours": area.get("behaviours", [])}
        for group in [own, *area.get("groups", [])]:
            if group is not own:
                out.append(("group", group["id"], group.get("internal", False)))
            out += [("item", it["id"], it.get("internal", False)) for it in group.get("items", [])]
            out += [("behaviour", f"{group['id']}/{b['level']}", b.get("internal", False)) for b in group.get("behaviours", [])]
    return out


def test_a_reimport_keeps_what_was_marked_internal_by_hand(career, tmp_path: Path) -> None:
    """A file an earlier import wrote, edited by hand afterwards (its header says so): a group marked internal, with a
    description and an English title. The next import of a sheet that does not mark the group would make it public:
    refused (exit 1, even with --force or --dry-run, nothing written), each at its place in the file. A sheet that marks
    it in its `internal` column is imported; what it does not carry is a warning at its line in the file."""
    write_csv(tmp_path / "ok.csv", "area,group,junior,senior\n"
                                   "Craft,Testing,Writes tests,Designs test strategy\n"
                                   "Craft,Review,Reviews small changes,Sets review norms\n")
    assert career("import", "ok.csv", "new4", cwd=tmp_path).returncode == 0
    area = tmp_path / "new4" / "competencies" / "01-craft.yml"
    edit(area, "    title: Testing\n", "    title: Testing\n    description: How we test\n    internal: true\n")
    edit(area, "    title: Review\n", "    title: {en: Review, ko: 리뷰}\n")
    checked(career, tmp_path / "new4")
    before = snapshot(tmp_path / "new4")
    write_csv(tmp_path / "ok2.csv", "area,group,junior,senior\n"
                                    "Craft,Testing,Writes good tests,Designs test strategy\n"
                                    "Craft,Review,Reviews small changes,Sets review norms\n")
    for flags in ((), ("--force",), ("--dry-run",)):
        result = career("import", "ok2.csv", "new4", *flags, cwd=tmp_path)
        assert (result.returncode, result.stdout) == (1, "")
        assert result.stderr == (
            "career import: the sheet would make what is marked internal public, or remove it; nothing was written "
            "(--force does not change this):\n"
            "new4/competencies/01-craft.yml:10:5: error: group 'testing' is internal (`internal: true`), but the sheet "
            "does not mark it (ok2.csv:2:2): it would be public; add an `internal` column (사내용) to the sheet with yes "
            "(예) in its row, or import a sheet exported with `career export --format xlsx --audience internal`\n"
            "the import would also drop (warnings):\n"
            "new4/competencies/01-craft.yml:7:5: warning: group 'testing': the sheet does not carry its description, "
            "which the import drops (add back by hand what should stay)\n"
            "new4/competencies/01-craft.yml:16:5: warning: group 'review': the sheet does not carry its Korean title, "
            "which the import drops (add back by hand what should stay)\n")
        assert snapshot(tmp_path / "new4") == before
    # the sheet marks the group (its behaviours row: every statement of the group, so the group), and a new item
    write_csv(tmp_path / "ok3.csv", "area,group,사내용,junior,senior\n"
                                    "Craft,Testing,예,Writes good tests,Designs test strategy\n"
                                    "Craft,Review,,Reviews small changes,Sets review norms\n"
                                    "Craft,Review,x,Keeps a review log,\n")
    result = career("import", "ok3.csv", "new4", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ("new4/competencies/01-craft.yml:7:5: warning: group 'testing': the sheet does not carry its "
                             "description, which the import drops (add back by hand what should stay)\n"
                             "new4/competencies/01-craft.yml:16:5: warning: group 'review': the sheet does not carry its "
                             "Korean title, which the import drops (add back by hand what should stay)\n")
    assert ("  the replaced files lose what the sheet does not carry: 2 warnings above, each at its line in the file "
            "before the import; see git diff\n") in result.stdout
    assert marks(tmp_path / "new4") == [("area", "craft", False), ("group", "testing", True),
                                        ("behaviour", "testing/junior", False), ("behaviour", "testing/senior", False),
                                        ("group", "review", False), ("item", "keeps-a-review-log", True),
                                        ("behaviour", "review/junior", False), ("behaviour", "review/senior", False)]
    checked(career, tmp_path / "new4")


def internal_framework(tmp_path: Path) -> Path:
    """The minimal example with something internal at every kind: an item, a group, one behaviour, a whole area."""
    fw = tmp_path / "framework"
    shutil.copytree(EXAMPLES / "minimal" / "framework", fw)
    area = fw / "competencies" / "01-engineering.yml"
    edit(area, "title: 리뷰하기 좋은 크기로 변경을 나눈다", "title: 리뷰하기 좋은 크기로 변경을 나눈다\n        internal: true")
    area.write_text(area.read_text(encoding="utf-8") + (
        "  - id: review-culture\n    title: 리뷰 문화\n    internal: true\n    behaviours:\n"
        "      - level: junior\n        text: 리뷰 의견에 답한다\n      - level: senior\n        text: 리뷰 기준을 세운다\n"
        "  - id: on-call\n    title: 온콜\n    description: 장애 대응\n    behaviours:\n"
        "      - level: junior\n        text: 온콜 절차를 따른다\n"
        "      - level: mid\n        text: 장애를 지휘한다\n        internal: true\n"
        "      - level: senior\n        text: 온콜 체계를 설계한다\n"), encoding="utf-8")
    (fw / "competencies" / "02-hiring.yml").write_text("id: hiring\nnumber: 2\ntitle: 채용\ninternal: true\nlevel: mid\n"
                                                       "items:\n  - id: interviews\n    title: 면접을 진행한다\n",
                                                       encoding="utf-8")
    return fw


def test_an_internal_xlsx_export_imports_back_with_its_internal_marks(career, tmp_path: Path) -> None:
    """`career export --format xlsx --audience internal` writes an `internal` column (사내용) marking each internal
    row; importing it over the framework (--force: the files were written by hand) gives back the same marks, the
    same competencies, and nothing lost."""
    fw = internal_framework(tmp_path)
    checked(career, fw)
    original, competencies = marks(fw), shape(fw, "ko")
    assert sum(m for *_, m in original) == 4
    result = career("export", "--format", "xlsx", "--audience", "internal", "--path", str(fw), "--out", str(tmp_path / "int.xlsx"))
    assert result.returncode == 0, result.stderr
    rows = [[c or "" for c in row] for row in load_workbook(tmp_path / "int.xlsx").active.iter_rows(values_only=True)]
    assert rows[0] == ["영역", "그룹", "아이디", "유형", "사내용", "주니어 (junior)", "미들 (mid)", "시니어 (senior)", "설명"]
    assert [r[2:5] for r in rows[1:] if r[4]] == [["small-changes", "항목", "예"], ["review-culture", "", "예"],
                                                  ["", "행동 기준", "예"], ["hiring", "", "예"]]
    result = career("import", "int.xlsx", "framework", "--force", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" and "lose what the sheet does not carry" not in result.stdout
    assert marks(fw) == original
    assert shape(fw, "ko") == competencies
    checked(career, fw)
    public = career("export", "--format", "json", "--path", str(fw)).stdout
    assert "small-changes" not in public and "review-culture" not in public and "장애를 지휘한다" not in public
    assert "hiring" not in public and "readable-code" in public


def test_a_sheet_without_the_internal_column_cannot_publish_or_drop_internal_content(career, tmp_path: Path) -> None:
    """A public export leaves internal content out, and a sheet exported before the `internal` column existed (or
    written by hand) does not mark it: importing either over the framework is refused, even with --force, with each
    internal entity at its place in the file; nothing is written."""
    fw = internal_framework(tmp_path)
    before = snapshot(fw)
    area = "framework/competencies/01-engineering.yml"
    assert career("export", "--format", "xlsx", "--path", str(fw), "--out", str(tmp_path / "public.xlsx")).returncode == 0
    result = career("import", "public.xlsx", "framework", "--force", cwd=tmp_path)
    assert result.returncode == 1
    gone = ("is internal and not in the sheet, which has no `internal` column (an export for the public leaves internal "
            "content out): the import would remove it; import a sheet exported with `career export --format xlsx "
            "--audience internal`, or, if it is meant to go, add an `internal` column (사내용) to the sheet")
    assert result.stderr == ("career import: the sheet would make what is marked internal public, or remove it; nothing "
                             "was written (--force does not change this):\n"
                             f"{area}:14:9: error: item 'small-changes' {gone}\n"
                             f"{area}:23:5: error: group 'review-culture' {gone}\n"
                             f"{area}:37:9: error: the behaviour of 'on-call' at level 'mid' {gone}\n")
    assert snapshot(fw) == before
    assert career("export", "--format", "xlsx", "--audience", "internal", "--path", str(fw),
                  "--out", str(tmp_path / "int.xlsx")).returncode == 0
    rows = [[c for i, c in enumerate(row) if i != 4] for row in load_workbook(tmp_path / "int.xlsx").active.iter_rows(values_only=True)]
    write_xlsx(tmp_path / "old.xlsx", rows)
    result = career("import", "old.xlsx", "framework", "--force", cwd=tmp_path)
    assert result.returncode == 1
    public = ("but the sheet does not mark it ({}): it would be public; add an `internal` column (사내용) to the sheet with "
              "yes (예) in its row, or import a sheet exported with `career export --format xlsx --audience internal`")
    assert result.stderr.splitlines()[1:] == [
        f"{area}:14:9: error: item 'small-changes' is internal (`internal: true`), " + public.format("old.xlsx:Sheet1!E5"),
        f"{area}:23:5: error: group 'review-culture' is internal (`internal: true`), " + public.format("old.xlsx:Sheet1!B8"),
        f"{area}:37:9: error: the behaviour of 'on-call' at level 'mid' is internal (`internal: true`), "
        + public.format("old.xlsx:Sheet1!F11"),
        "framework/competencies/02-hiring.yml:4:1: error: area 'hiring' is internal (`internal: true`), "
        + public.format("old.xlsx:Sheet1!A12")]
    assert snapshot(fw) == before


def test_an_import_that_would_not_pass_the_check_writes_nothing(career, tmp_path: Path) -> None:
    """251 items in one group: more than an area file holds. The check's message names the file the import would
    write, and neither the new folder nor anything beside it is left."""
    write_csv(tmp_path / "big.csv", "area,group,junior\n" + "".join(f"Craft,Testing,Writes test {n}\n" for n in range(251)))
    result = career("import", "big.csv", "fw", cwd=tmp_path)
    assert result.returncode == 1
    assert "career import: the framework with what the sheet holds does not pass `career check`; nothing was written:" in result.stderr
    assert "\nfw/competencies/01-craft.yml:11:7: error: 'groups.0.items' has 251 entries; the limit is 250\n" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.csv"]



def test_an_internal_description_and_unclear_marks(career, tmp_path: Path) -> None:
    """The layout cannot mark one text internal: a public item's internal description, which an internal export
    writes in its cell, would be public after the import: refused at the text's mark. An `internal` cell that is
    neither yes nor no is read as internal, and said so."""
    fw = tmp_path / "framework"
    shutil.copytree(EXAMPLES / "minimal" / "framework", fw)
    edit(fw / "competencies" / "01-engineering.yml", "title: 읽기 쉬운 코드와 테스트를 쓴다",
         "title: 읽기 쉬운 코드와 테스트를 쓴다\n        description: {ko: 사내 위키의 기준을 따른다, internal: true}")
    assert career("export", "--format", "xlsx", "--audience", "internal", "--path", str(fw),
                  "--out", str(tmp_path / "int.xlsx")).returncode == 0
    before = snapshot(fw)
    result = career("import", "int.xlsx", "framework", "--force", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[1] == (
        "framework/competencies/01-engineering.yml:12:43: error: item 'readable-code': its description is internal "
        "(`internal: true` on the text), but in the sheet (int.xlsx:역량!E4) it would be public; the layout cannot mark "
        "one text internal: mark the row internal, or empty the description cell (the import then drops the "
        "description; add it back by hand)")
    assert snapshot(fw) == before
    write_csv(tmp_path / "marks.csv", "area,group,internal,junior,senior\n"
                                      "Craft,Testing,maybe,Writes tests,\n"
                                      "Craft,Testing,TRUE,,Designs test strategy\n"
                                      "Craft,Review,no,Reviews small changes,Sets review norms\n")
    result = career("import", "marks.csv", "fw", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ("marks.csv:2:3: note: 'maybe' is neither 'yes' (예, true, x) nor 'no' (아니오, false); the "
                             "row is read as internal\n")
    assert "texts in English" in result.stdout
    assert marks(tmp_path / "fw") == [("area", "craft", False), ("group", "testing", True),
                                      ("item", "writes-tests", False), ("item", "designs-test-strategy", False),
                                      ("group", "review", False), ("behaviour", "review/junior", False),
                                      ("behaviour", "review/senior", False)]

# bad input ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "content", "message"), [
    ("ladder.xlsx", b"PK\x03\x04 not really a zip", "ladder.xlsx: not an XLSX workbook (it is no zip archive); save it from "
                                                     "Excel as .xlsx, or as CSV UTF-8"),
    ("ladder.xls", b"\xd0\xcf\x11\xe0old", "ladder.xls: an Excel 97-2003 workbook (.xls) cannot be read; save it as .xlsx or "
                                           "as CSV UTF-8"),
    ("ladder.ods", b"whatever", "ladder.ods: not a spreadsheet to import: give a .csv or .xlsx file"),
    ("ladder.csv", b"area,junior\n\xff\xfe\xfa,x\n", "ladder.csv: the file is neither UTF-8 nor CP949 (Korean Excel) text; "
                                                     "in Excel, save it as 'CSV UTF-8'"),
    ("ladder.csv", b"", "ladder.csv (UTF-8): the sheet is empty"),
    ("ladder.csv", b"Our ladder\n\n", "ladder.csv (UTF-8): no header row (a row naming the columns: area, group, ... and "
                                       "one per level)"),
    ("ladder.csv", b"area,group,id\nA,B,c\n", "ladder.csv:1: the header row names no level; name one column per level, by "
                                              "its id or title (e.g. Junior, Mid, Senior), beside the columns area, group, "
                                              "id, kind and description"),
    ("ladder.csv", b"group,junior\nA,b\n", "ladder.csv:1: the sheet has no area column (영역); add one, or pass --area NAME "
                                           "to put every row into one area"),
    ("ladder.csv", b"area,junior\n,\n", "ladder.csv (UTF-8): no statement could be placed; see the warnings above, and the "
                                        "layout in `career import --help`"),
    ("missing.csv", None, "missing.csv: no such file"),
])
def test_a_file_that_cannot_be_read_is_refused_in_our_words(career, tmp_path: Path, name: str, content: bytes | None,
                                                            message: str) -> None:
    if content is not None:
        (tmp_path / name).write_bytes(content)
    result = career("import", name, "fw", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == f"career import: {message}\n"
    assert not (tmp_path / "fw").exists()


def test_huge_sheets_are_refused_quickly(career, tmp_path: Path) -> None:
    """Past 20,000 rows, past 20 MB on disk, or a workbook that unpacks past 100 MB: refused before it is read through."""
    write_csv(tmp_path / "rows.csv", "area,junior\n" + "A,x\n" * 20_000)
    with (tmp_path / "huge.csv").open("wb") as f:
        f.truncate(20_000_001)
    with zipfile.ZipFile(tmp_path / "bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as z, z.open("xl/sharedStrings.xml", "w") as f:
        for _ in range(101):
            f.write(b"\0" * 1_000_000)
    start = time.perf_counter()
    assert career("import", "rows.csv", "fw", cwd=tmp_path).stderr == (
        "career import: rows.csv: more than 20,000 rows; a sheet to import holds at most 20,000 (split it into several files)\n")
    assert career("import", "huge.csv", "fw", cwd=tmp_path).stderr == (
        "career import: huge.csv: the file is 20,000,001 bytes; a spreadsheet to import is at most 20,000,000 "
        "(split it into several files)\n")
    assert career("import", "bomb.xlsx", "fw", cwd=tmp_path).stderr == (
        "career import: bomb.xlsx: the workbook unpacks to 101,000,000 bytes; a workbook to import unpacks to at most "
        "100,000,000\n")
    assert time.perf_counter() - start < 10
    assert not (tmp_path / "fw").exists()


def test_targets_that_are_not_frameworks_are_refused(career, tmp_path: Path) -> None:
    write_csv(tmp_path / "ladder.csv", "area,junior\nA,x\n")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "keep.txt").write_text("mine", encoding="utf-8")
    result = career("import", "ladder.csv", "notes", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, "career import: notes is not a framework folder (no framework.yml) and "
                                                     "not empty; give a framework folder, or a new folder for a new framework\n")
    result = career("import", "ladder.csv", "ladder.csv", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, "career import: ladder.csv is a file; give a framework folder, or a new "
                                                     "folder for a new framework\n")
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["keep.txt", "ladder.csv", "notes"]


def test_the_command_as_a_process(tmp_path: Path) -> None:
    """The installed command, once, as a user runs it: a workbook in, a framework out, no traceback on bad input."""
    write_xlsx(tmp_path / "ladder.xlsx", [["area", "junior", "senior"], ["Craft", "Writes tests", "Designs test strategy"]])
    result = run_career("import", str(tmp_path / "ladder.xlsx"), str(tmp_path / "fw"))
    assert result.returncode == 0, result.stderr
    assert read(tmp_path / "fw" / "competencies" / "01-craft.yml")["behaviours"] == [
        {"level": "junior", "text": "Writes tests"}, {"level": "senior", "text": "Designs test strategy"}]
    (tmp_path / "bad.xlsx").write_bytes(b"garbage")
    result = run_career("import", str(tmp_path / "bad.xlsx"), str(tmp_path / "fw2"))
    assert result.returncode == 1 and "Traceback" not in result.stderr and "not an XLSX workbook" in result.stderr


# export ------------------------------------------------------------------------------------------
def test_the_xlsx_export_refuses_without_out_or_over_a_file(career, tmp_path: Path) -> None:
    result = career("export", "--format", "xlsx")
    assert (result.returncode, result.stderr) == (2, "career export: --format xlsx needs --out FILE.xlsx (a workbook is not "
                                                     "written to the terminal)\n")
    (tmp_path / "mine.xlsx").write_bytes(b"mine")
    result = career("export", "--format", "xlsx", "--out", str(tmp_path / "mine.xlsx"))
    assert result.returncode == 2 and "exists; pass --force to replace it" in result.stderr
    assert (tmp_path / "mine.xlsx").read_bytes() == b"mine"


def test_the_xlsx_export_is_public_by_default_and_keeps_text_as_text(career, tmp_path: Path) -> None:
    """An internal item is left out of the default (public) export; a title that starts with `=` is text in the
    workbook, never a formula, and reads back as written."""
    fw = tmp_path / "framework"
    shutil.copytree(EXAMPLES / "minimal" / "framework", fw)
    edit(fw / "competencies" / "01-engineering.yml", "title: 읽기 쉬운 코드와 테스트를 쓴다", "title: =SUM(A1:A9) 읽기 쉬운 코드")
    edit(fw / "competencies" / "01-engineering.yml", "title: 리뷰하기 좋은 크기로 변경을 나눈다",
         "title: 리뷰하기 좋은 크기로 변경을 나눈다\n        internal: true")
    assert career("export", "--format", "xlsx", "--path", str(fw), "--out", str(tmp_path / "public.xlsx")).returncode == 0
    with zipfile.ZipFile(tmp_path / "public.xlsx") as z:
        sheet_xml = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet_xml
    ws = load_workbook(tmp_path / "public.xlsx").active
    ids = [row[2] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert ids == ["engineering", "everyday-engineering", "readable-code", "production-checks", "design-reviews"]
    assert ws["E4"].value == "=SUM(A1:A9) 읽기 쉬운 코드" and ws["E4"].data_type == "s"
    result = career("import", "public.xlsx", "back", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    items = read(tmp_path / "back" / "competencies" / "01-engineering.yml")["groups"][0]["items"]
    assert items[0] == {"id": "readable-code", "title": "=SUM(A1:A9) 읽기 쉬운 코드"}


# the parts, by hand ---------------------------------------------------------------------------------
def test_level_headers_ids_and_cell_addresses() -> None:
    assert parse_level_header("3 (l3)") == ("3", "l3")
    assert parse_level_header("Staff (ic) (staff-ic)") == ("Staff (ic)", "staff-ic")
    assert parse_level_header("Senior (IC)") == ("Senior (IC)", None)
    assert parse_level_header(" 시니어 ") == ("시니어", None)
    assert ascii_id("Code review & pairing") == "code-review-pairing"
    assert ascii_id("코드 리뷰") is None
    assert ascii_id("API 설계") is None  # no transliteration, and no half of a title
    assert ascii_id("!!!") is None
    assert ascii_id("a " * 40) == "-".join(["a"] * 30)  # at most 60 characters
    assert decode(b"\xef\xbb\xbfarea") == ("area", "UTF-8 with BOM")
    assert decode("영역".encode("cp949")) == ("영역", "CP949")
    assert decode("영역".encode("utf-16")) == ("영역", "UTF-16")
    assert (column_letter(1), column_letter(26), column_letter(27), column_letter(703)) == ("A", "Z", "AA", "AAA")
    assert Sheet("ladder.xlsx", "Sheet1", ()).at(4, 3) == "ladder.xlsx:Sheet1!C4"
    assert Sheet("ladder.csv", None, ()).at(4, 3) == "ladder.csv:4:3"
