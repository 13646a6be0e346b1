"""Nothing internal reaches a public output. The cases come from the models: every entity that can be marked
`internal: true` and every optional text of tests/fixtures/every-field is marked in turn, carrying a unique marker
in its id and its texts; then every public output (each edition's pages, files, search entries and navigation,
and every export format) is searched for the marker. Then: any combination of internal marks builds or is
refused in our words."""
from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES, ROOT, build_site, make_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from macros import app, cli
from macros.core.diagnostics import BuildError
from macros.core.files import FOLDERS, SINGLE_FILES
from macros.core.loading import _read, check
from macros.core.text import Text
from macros.core.texts import texts
from macros.exports.jobposting import PostingOptions, ats_html, ats_text, job_posting_json
from macros.site.edition import Edition
from macros.site.search import Glossary, page_entries

FIXTURE = FIXTURES / "every-field"
Loc = tuple[str | int, ...]


def model_of(rel: str) -> type[BaseModel]:
    kind = rel if rel in SINGLE_FILES else rel.split("/", maxsplit=1)[0]
    return SINGLE_FILES[kind][0] if kind in SINGLE_FILES else FOLDERS[kind][0]


def parsed(rel: str) -> BaseModel:
    p = _read(FIXTURE / rel, FIXTURE, rel if rel in SINGLE_FILES else rel.split("/", maxsplit=1)[0], model_of(rel), [], "ko")
    assert p is not None, rel
    return p.model


def markable(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, BaseModel]]:
    """Every model inside `value` that has an `internal` field (not the texts: they are cases of their own)."""
    if isinstance(value, BaseModel):
        if "internal" in type(value).model_fields and not isinstance(value, Text):
            yield loc, value
        for name in type(value).model_fields:
            yield from markable(getattr(value, name), (*loc, name))
    elif isinstance(value, tuple):
        for i, v in enumerate(value):
            yield from markable(v, (*loc, i))
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from markable(v, (*loc, k))


def files() -> list[str]:
    return sorted(p.relative_to(FIXTURE).as_posix() for p in FIXTURE.rglob("*.yml"))


def entity_cases() -> list[tuple[str, Loc]]:
    return [(rel, loc) for rel in files() for loc, _ in markable(parsed(rel))]


def text_cases() -> list[tuple[str, Loc]]:
    """Optional texts (a whole field or a list entry) that may be marked internal on their own."""
    return [(rel, loc) for rel in files() for loc, _, required in texts(parsed(rel)) if not required]


def at(data: Any, loc: Loc) -> Any:
    for part in loc:
        data = data[part]
    return data


def put(data: Any, loc: Loc, value: Any) -> None:
    at(data, loc[:-1])[loc[-1]] = value


def marked(value: Any, marker: str) -> Any:
    """`value` (raw YAML data) with the marker added to every text in it."""
    if isinstance(value, str):
        return f"{value} {marker}"
    if isinstance(value, dict):
        keys = set(value) & {"ko", "en"}
        if keys and set(value) <= {"ko", "en", "internal"}:
            return {k: (f"{v} {marker}" if k in keys else v) for k, v in value.items()}
        return {k: v if k in STRICT else marked(v, marker) for k, v in value.items()}
    if isinstance(value, list):
        return [marked(v, marker) for v in value]
    return value


#: Keys whose values are ids, references or fixed words (a marker there would be refused, not leaked).
STRICT = {"id", "level", "levels", "items", "groups", "areas", "kpis", "family", "track", "proficiency", "aliases", "category",
          "language", "languages", "locale", "url", "version", "icon", "number", "internal", "years", "min", "max", "successor",
          "order", "default", "en_of", "ko_of", "must_have"}


def load_all(root: Path) -> dict[str, Any]:
    return {rel: yaml.safe_load((root / rel).read_text(encoding="utf-8")) for rel in files()}


def rename_id(data: dict[str, Any], old: str, new: str) -> dict[str, Any]:
    """Every exact occurrence of the id `old` (values and mapping keys, in every file) becomes `new`."""
    def swap(v: Any) -> Any:
        if isinstance(v, str):
            return new if v == old else v
        if isinstance(v, dict):
            return {(new if k == old else k): swap(x) for k, x in v.items()}
        if isinstance(v, list):
            return [swap(x) for x in v]
        return v
    return {rel: swap(d) for rel, d in data.items()}


def write_all(root: Path, data: dict[str, Any]) -> None:
    shutil.rmtree(root, ignore_errors=True)
    for rel, d in data.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(d, ensure_ascii=False, indent=1), encoding="utf-8")


def case_framework(root: Path, rel: str, loc: Loc, marker: str, *, entity: bool) -> Path:
    """The fixture with the entity (or text) at `rel`/`loc` marked internal and carrying `marker`."""
    data = load_all(FIXTURE)
    if not entity:
        text = at(data[rel], loc)
        value = dict(text) if isinstance(text, dict) else {"ko": text}
        put(data[rel], loc, {**{k: f"{v} {marker}" for k, v in value.items() if k in ("ko", "en")}, "internal": True})
        write_all(root, data)
        return root
    target = data[rel] if not loc else at(data[rel], loc)
    new = {**marked(target, marker), "internal": True}
    if loc:
        put(data[rel], loc, new)
    else:
        data[rel] = new
    ident = target.get("id") if isinstance(target, dict) else None
    if ident:  # the id carries the marker too, and every reference to it with it
        fresh = f"{marker.lower()}-{ident}"
        data = rename_id(data, ident, fresh)
        if rel.rsplit("/", maxsplit=1)[-1].endswith(f"{ident}.yml") and not loc:
            data[rel.replace(f"{ident}.yml", f"{fresh}.yml")] = data.pop(rel)
    write_all(root, data)
    return root


def public_outputs(root: Path, capsys: pytest.CaptureFixture[str]) -> list[tuple[str, str]]:
    """(where, text) of everything a public build and the exports write for this framework."""
    fw, problems = check(root, "public")
    assert fw is not None, [str(d) for d in problems]
    out: list[tuple[str, str]] = []
    for lang in ("ko", "en"):
        site = app.build(app.BuildOptions(framework_dir=root, project_dir=ROOT, history=False, audience="public", language=lang,
                                          editions=("ko", "en"), site_url="https://careers.example.org/"))
        glossary = Glossary(site.fw.glossary)
        for page in site.pages:
            out.append((f"{lang}:{page.src}", page.title + page.body.html + json.dumps(page.meta, ensure_ascii=False)))
            out.append((f"{lang}:{page.src} search", " ".join(e.title + e.text for e in page_entries(page, glossary, lang))))
        out += [(f"{lang}:{rel}", content) for rel, content in site.files]
        out.append((f"{lang}:nav", json.dumps(site.nav, ensure_ascii=False)))
    for fmt in ("json", "csv"):
        assert cli.main(["export", "--format", fmt, "--path", str(root)]) == 0
        out.append((f"export {fmt}", capsys.readouterr().out))
    jds = [(role, level) for role in fw.roles for level, _ in fw.role_levels(role)]
    for i, (role, level) in enumerate(jds):
        if i == 0:  # the command itself, once; the same functions with the public framework for the others
            jd = ["--role", role.id, "--level", level.id, "--path", str(root)]
            for extra in (["--format", "ats"], ["--format", "ats", "--plain"],
                          ["--format", "jobposting", "--date-posted", "2026-11-21", "--remote", "KR"]):
                assert cli.main(["export", *extra, *jd]) == 0, capsys.readouterr().err
                out.append((f"export {extra[1]} {role.id}/{level.id}", capsys.readouterr().out))
            continue
        edition = Edition("ko", ("ko", "en"), "public")
        out += [(f"ats {role.id}/{level.id}", ats_html(fw, role, level, "https://careers.example.org/", edition)),
                (f"ats text {role.id}/{level.id}", ats_text(fw, role, level, None, edition)),
                (f"jobposting {role.id}/{level.id}", job_posting_json(fw, role, level, PostingOptions(
                    "2026-11-21", None, None, "KR", None, "https://careers.example.org/", edition)))]
    return out


def leaks(outputs: list[tuple[str, str]], marker: str) -> list[str]:
    return [where for where, text in outputs if marker.lower() in text.lower()]


ENTITIES = entity_cases()
TEXTS = text_cases()


def test_the_cases_cover_every_kind_that_can_be_internal() -> None:
    kinds = {type(at_model).__name__ for rel in files() for _, at_model in markable(parsed(rel))}
    assert kinds == {"AreaFile", "Behaviour", "FamilyFile", "Group", "Item", "KpiDimension", "Level", "RoleFile", "RoleLevel",
                     "Track"}
    assert len(TEXTS) > 20


@pytest.mark.parametrize(("rel", "loc"), ENTITIES, ids=[f"{r}:{'.'.join(map(str, loc)) or 'file'}" for r, loc in ENTITIES])
def test_an_internal_entity_reaches_no_public_output(rel: str, loc: Loc, tmp_path: Path, capsys) -> None:
    marker = f"ZQ{abs(hash((rel, loc))) % 10**6:06d}"
    root = case_framework(tmp_path / "framework", rel, loc, marker, entity=True)
    assert leaks(public_outputs(root, capsys), marker) == []


@pytest.mark.parametrize(("rel", "loc"), TEXTS, ids=[f"{r}:{'.'.join(map(str, loc))}" for r, loc in TEXTS])
def test_an_internal_text_reaches_no_public_output(rel: str, loc: Loc, tmp_path: Path, capsys) -> None:
    marker = f"ZQ{abs(hash((rel, loc))) % 10**6:06d}"
    root = case_framework(tmp_path / "framework", rel, loc, marker, entity=False)
    outputs = public_outputs(root, capsys)
    assert leaks(outputs, marker) == []


def test_the_internal_build_and_export_do_show_them(tmp_path: Path, capsys) -> None:
    """The markers are findable: the same search finds them in the internal outputs (so the test can fail)."""
    rel, loc = next((r, lc) for r, lc in ENTITIES if r.startswith("competencies/") and lc and lc[-2] == "items")
    root = case_framework(tmp_path / "framework", rel, loc, "ZQFOUND", entity=True)
    assert cli.main(["export", "--format", "csv", "--audience", "internal", "--path", str(root)]) == 0
    out = capsys.readouterr().out
    assert "zqfound-" in out and "ZQFOUND" in out and out.splitlines()[1].endswith(",internal")
    site = app.build(app.BuildOptions(framework_dir=root, project_dir=ROOT, history=False))
    assert any("ZQFOUND" in p.body.html for p in site.pages)


def test_no_internal_relation_in_the_public_api(tmp_path: Path) -> None:
    """The step into an internal level is not described, and a role on an internal track names no track."""
    data = load_all(FIXTURE)
    data["levels.yml"]["levels"][1]["internal"] = False  # s2 public: s1's progression row leads into it
    write_all(tmp_path / "a", data)
    fw, _ = check(tmp_path / "a", "public")
    assert fw is not None and fw.level("s1").progression is not None  # s1 → s2: a public step, kept
    data["levels.yml"]["levels"][1]["internal"] = True
    data["levels.yml"]["tracks"][0]["internal"] = True  # nothing public above s1 now
    write_all(tmp_path / "b", data)
    fw, problems = check(tmp_path / "b", "public")
    assert fw is not None, problems
    assert fw.level("s1").progression is None
    data["families/platform.yml"]["ladder"]["tracks"][1]["internal"] = True  # the manager track
    write_all(tmp_path / "c", data)
    fw, problems = check(tmp_path / "c", "public")
    assert fw is not None, problems
    assert fw.role("manager").track is None and list(fw.role("manager").levels) == ["p2"]  # m3 was on the internal track
    assert fw.role("engineer").track == "ic"
    site = app.build(app.BuildOptions(framework_dir=tmp_path / "c", project_dir=ROOT, history=False, audience="public"))
    tracks = {rel: json.loads(content)["track"] for rel, content in site.files if rel.startswith("api/roles/")}
    assert tracks == {"api/roles/engineer/p1.json": "ic", "api/roles/engineer/p2.json": "ic", "api/roles/engineer/p3.json": "ic",
                      "api/roles/manager/p2.json": None, "api/roles/operator/s1.json": None}
    assert "mgr" not in json.dumps([c for r, c in site.files if r.startswith("api/")])


# any combination of marks --------------------------------------------------------------------------------
POSITION = re.compile(r"^\S+:\d+:\d+: error: |^\S+: error: ", re.M)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sets(st.sampled_from(range(len(ENTITIES))), max_size=8))
def test_any_combination_of_internal_marks_builds_or_is_refused_in_our_words(tmp_path: Path, chosen: set[int]) -> None:
    data = load_all(FIXTURE)
    for i in sorted(chosen, key=lambda i: -len(ENTITIES[i][1])):  # the deepest first: a file may be replaced whole
        rel, loc = ENTITIES[i]
        target = at(data[rel], loc) if loc else data[rel]
        target["internal"] = True
    root = tmp_path / f"fw-{'-'.join(map(str, sorted(chosen))) or 'none'}"
    write_all(root, data)
    for audience in ("internal", "public"):
        fw, problems = check(root, audience)
        if fw is None:
            errors = [str(d) for d in problems if d.severity == "error"]
            assert errors and all(POSITION.match(e) for e in errors), errors
            continue
        try:
            app.build(app.BuildOptions(framework_dir=root, project_dir=ROOT, history=False, audience=audience,
                                       site_url="https://careers.example.org/"), fw)
        except BuildError as exc:
            assert POSITION.search(str(exc)), str(exc)


def test_the_only_family_internal_while_a_role_names_it(tmp_path: Path) -> None:
    """Found by hand on main: `KeyError` from `career check` and a traceback from the public build."""
    fw_dir = tmp_path / "framework"
    shutil.copytree(ROOT / "framework", fw_dir)
    for released in fw_dir.glob("published-urls*.json"):  # the public role's URLs go: the link contract would say so
        released.unlink()
    (fw_dir / "families").mkdir()
    (fw_dir / "families" / "server-side.yml").write_text("id: server-side\ntitle: 서버\ninternal: true\n", encoding="utf-8")
    role = fw_dir / "roles" / "python-backend.yml"
    role.write_text(role.read_text(encoding="utf-8").replace("\ntitle:", "\nfamily: server-side\ntitle:", 1), encoding="utf-8")
    assert cli.main(["check", str(fw_dir)]) == 0
    project = make_project(tmp_path / "p", fw_dir)
    result = build_site(project, tmp_path / "site", CAREER_AUDIENCE="public")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "roles" / "python-backend").exists()


@pytest.mark.parametrize("shape", ["kpis.yml/", "framework.yml/", "roles/x.yml/", "roles-as-file", "fifo"])
def test_odd_file_system_shapes_are_reported_in_our_words(tmp_path: Path, shape: str, capsys) -> None:
    import os

    root = tmp_path / "framework"
    shutil.copytree(ROOT / "framework", root)
    if shape.endswith("/"):
        target = root / shape.rstrip("/")
        if target.exists():
            target.unlink()
        target.mkdir()
        (target / "inside.yml").write_text("id: x\n", encoding="utf-8")
        expected = "is a folder named like a data file"
    elif shape == "roles-as-file":
        shutil.rmtree(root / "roles")
        (root / "roles").write_text("id: x\n", encoding="utf-8")
        expected = "roles is a file; it must be a folder"
    else:
        os.mkfifo(root / "kpis-pipe.yml")
        expected = "not a regular file"
    assert cli.main(["check", str(root)]) == 1
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err and "internal error" not in err, err
    assert re.search(r"^\S+framework/\S*: error: ", err, re.M), err


def test_a_reading_after_an_edit_that_makes_a_group_public_again_shows_it(tmp_path: Path) -> None:
    """`career serve` filters each reading with what the previous one left (FilterMemo): when ids are only added, the
    files the filter left whole are taken as they were, and a file it had cut is filtered again. The roadmap names the
    group `python-internals`; while the group is internal the public roadmap leaves it out, and once it is public
    again the roadmap names it again."""
    from macros.core.loading import ReadCache, check_audiences

    fw_dir = tmp_path / "framework"
    shutil.copytree(ROOT / "framework", fw_dir)
    area = fw_dir / "competencies" / "01-python-core.yml"
    original = area.read_text(encoding="utf-8")
    area.write_text(original.replace("  - id: python-internals\n", "  - id: python-internals\n    internal: true\n", 1),
                    encoding="utf-8")

    def roadmap_groups(cache: ReadCache) -> list[str]:
        found, problems = check_audiences(fw_dir, ("public",), cache)
        roadmap = found["public"].roadmap  # type: ignore[union-attr]
        assert roadmap is not None, problems
        return [g for phase in roadmap.phases for step in phase.steps for g in step.groups]

    cache = ReadCache()
    assert "python-internals" not in roadmap_groups(cache)
    area.write_text(original, encoding="utf-8")
    assert roadmap_groups(cache).count("python-internals") == 1
    assert roadmap_groups(cache) == roadmap_groups(ReadCache())
