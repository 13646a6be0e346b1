"""Property tests: random valid frameworks load; random corruptions give diagnostics, never crashes."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.core.loading import check

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

slugs = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)
texts = st.text(alphabet="가나다라마바사 abcXYZ0123()/,.:-→·", min_size=1, max_size=30).filter(lambda s: s.strip())


@st.composite
def frameworks(draw) -> dict[str, dict]:
    """A random valid framework as {relative path: data}."""
    ids = draw(st.lists(slugs, min_size=24, max_size=30, unique=True).filter(lambda xs: all(x != "matrix" and "-to-" not in x for x in xs)))
    pool = iter(ids)
    n_levels = draw(st.integers(1, 4))
    levels = [{"id": next(pool), "title": draw(texts), "years": {"min": i * 3}, "years_label": draw(texts),
               "focus": draw(texts), "impact": draw(texts)} for i in range(n_levels)]
    level_ids = [lv["id"] for lv in levels]
    areas = []
    for n in range(1, draw(st.integers(1, 2)) + 1):
        groups = []
        for _ in range(draw(st.integers(1, 2))):
            items = [{"id": next(pool), "title": draw(texts)} for _ in range(draw(st.integers(1, 2)))]
            groups.append({"id": next(pool), "title": draw(texts), "level": draw(st.sampled_from(level_ids)), "items": items})
        areas.append({"id": next(pool), "number": n, "title": draw(texts), "groups": groups})
    role_levels = draw(st.lists(st.sampled_from(level_ids), min_size=1, unique=True))
    role = {"id": next(pool), "title": draw(texts), "overview": draw(texts),
            "levels": {lv: {"title": draw(texts), "duties": draw(st.lists(texts, min_size=1, max_size=3))} for lv in role_levels}}
    files = {
        "framework.yml": {"id": next(pool), "name": draw(texts), "organisation": {"name": draw(texts)},
                          "version": "1", "vision": {"text": draw(texts)}},
        "levels.yml": {"levels": levels},
        "kpis.yml": {"dimensions": [{"id": next(pool), "title": draw(texts), "metrics": [draw(texts)]}]},
        "roadmap.yml": {"title": draw(texts), "phases": [{"id": next(pool), "title": draw(texts), "level": level_ids[0],
                                                           "steps": [{"title": draw(texts), "groups": [areas[0]["groups"][0]["id"]]}]}]},
        f"roles/{role['id']}.yml": role,
    }
    for a in areas:
        files[f"competencies/{a['number']:02d}-{a['id']}.yml"] = a
    return files


def write(files: dict[str, object], root: Path) -> None:
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        text = data if isinstance(data, (str, bytes)) else json.dumps(data, ensure_ascii=False, indent=2)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))


@SETTINGS
@given(frameworks())
def test_random_valid_frameworks_load(files: dict[str, dict]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        write(files, Path(tmp))
        fw, problems = check(tmp)
    assert problems == []
    assert fw is not None
    n_items = sum(len(g["items"]) for rel, a in files.items() if rel.startswith("competencies") for g in a["groups"])
    assert len(list(fw.items())) == n_items


@SETTINGS
@given(frameworks(), st.data())
def test_random_byte_corruption_never_crashes(files: dict[str, dict], data: st.DataObject) -> None:
    rel = data.draw(st.sampled_from(sorted(files)))
    raw = json.dumps(files[rel], ensure_ascii=False, indent=2).encode("utf-8")
    pos = data.draw(st.integers(0, len(raw)))
    junk = data.draw(st.binary(min_size=0, max_size=8))
    cut = data.draw(st.integers(0, 8))
    files = {**files, rel: raw[:pos] + junk + raw[pos + cut:]}
    with tempfile.TemporaryDirectory() as tmp:
        write(files, Path(tmp))
        fw, problems = check(tmp)  # must not raise
    assert (fw is None) == bool(problems)
    for d in problems:
        assert d.line >= 0 and d.col >= 0 and d.message


CORRUPTIONS = {
    "bad slug": lambda d: {**d, "id": "Not A Slug"},
    "template": lambda d: {**d, "title": "{{ 7*7 }}"},
    "html": lambda d: {**d, "title": "<b>x</b>"},
    "wrong type": lambda d: {**d, "title": [7]},  # (a number is a title: `title: 3`)
    "unknown key": lambda d: {**d, "unexpected": "x"},
}


@SETTINGS
@given(frameworks(), st.sampled_from(sorted(CORRUPTIONS)))
def test_invalid_values_are_always_reported(files: dict[str, dict], kind: str) -> None:
    rel = next(r for r in sorted(files) if r.startswith("competencies"))
    files = {**files, rel: CORRUPTIONS[kind](files[rel])}
    with tempfile.TemporaryDirectory() as tmp:
        write(files, Path(tmp))
        fw, problems = check(tmp)
    assert fw is None
    assert any(d.path.endswith(rel) and d.line >= 1 for d in problems), problems
