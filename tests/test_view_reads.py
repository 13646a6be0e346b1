"""A build after an edit of one competency area file keeps the views of the pages that read only other areas
(`Spec.reads`, site/pages.py: PageBuilder; `career serve` builds this way). Every page of such a build must be what a
clean build of the same files gives: for each area file of the seed and of every example, the area's texts are all
changed and an item is added, then the page list and every page's title, front matter and body of the build made after the edit are
compared with a clean build's. A page kind that declares too few areas keeps a stale view and fails here.
"""
from __future__ import annotations

import json
import shutil
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, modify

from macros import app

FRAMEWORKS = {"seed": ROOT / "framework", **{p.parent.name: p for p in sorted((ROOT / "examples").glob("*/framework"))}}
TEXT_KEYS = ("title", "description", "text")


def _retexted(value: Any) -> Any:
    if isinstance(value, str):
        return value + " ✎"
    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        return {k: v + " ✎" for k, v in value.items()}
    return value


def _perturb(data: Any, added: list[bool], new_id: str) -> None:
    """Every title, description and statement changed; one more item beside the first item found."""
    if isinstance(data, dict):
        for key in TEXT_KEYS:
            if key in data:
                data[key] = _retexted(data[key])
        for key, value in data.items():
            if key == "items" and isinstance(value, list) and value and isinstance(value[0], dict) and not added[0]:
                extra = {k: v for k, v in value[0].items() if k not in ("aliases", "id")}
                value.append({"id": new_id, **extra})
                added[0] = True
            _perturb(value, added, new_id)
    elif isinstance(data, list):
        for value in data:
            _perturb(value, added, new_id)


def _options(framework: Path, audience: str) -> app.BuildOptions:
    return app.BuildOptions(framework_dir=framework, project_dir=framework.parent, history=False, audience=audience)  # type: ignore[arg-type]


@pytest.mark.parametrize("audience", ["internal", "public"])
@pytest.mark.parametrize("name", list(FRAMEWORKS))
def test_a_build_after_an_area_edit_is_a_clean_build(name: str, audience: str, tmp_path: Path) -> None:
    framework = tmp_path / "framework"
    shutil.copytree(FRAMEWORKS[name], framework)
    (framework / "published-urls.json").unlink(missing_ok=True)  # the new item is not published yet
    (framework / "published-urls.public.json").unlink(missing_ok=True)
    options = _options(framework, audience)
    areas = sorted((framework / "competencies").glob("*.yml"))
    assert areas
    site = app.build(options)
    kept_somewhere = False
    for n, area in enumerate(areas):
        modify(area, partial(_perturb, added=[False], new_id=f"view-reads-extra-{n}"))
        after = app.build(options, previous=site)
        clean = app.build(options)
        assert [p.route for p in after.pages] == [p.route for p in clean.pages]
        for mine, theirs in zip(after.pages, clean.pages, strict=True):
            assert (mine.title, mine.meta) == (theirs.title, theirs.meta)
            assert mine.body.html == theirs.body.html, f"{area.name}: {mine.src} differs from a clean build"
        before = {p.route: p.view for p in site.pages}
        kept_somewhere |= any(before.get(p.route) is p.view for p in after.pages if p.reads is not None)
        site = after
    assert kept_somewhere or len(areas) == 1, "no view was kept: the edit of one area built every view again"


def test_a_build_after_a_failed_one_compares_with_the_last_good_build(tmp_path: Path) -> None:
    """An edit of a role and an area that breaks a published address fails the build; fixing the area alone then
    builds against the last good build, in which the role was still the old one: the role's page about another area
    must show the new role (its view reads that area only, and the area did not change, but the role did)."""
    framework = tmp_path / "framework"
    shutil.copytree(ROOT / "framework", framework)
    (framework / "interview" / "python-core.yml").unlink()  # it names the item renamed below
    options = _options(framework, "internal")
    (framework / "published-urls.json").unlink()
    good = app.build(options)
    (framework / "published-urls.json").write_text(json.dumps(good.url_doc), encoding="utf-8")  # released as it is
    good = app.build(options)
    role, area = framework / "roles" / "python-backend.yml", framework / "competencies" / "01-python-core.yml"
    role.write_text(role.read_text(encoding="utf-8").replace("  ko: Python Backend Engineer\n", "  ko: 새 이름 엔지니어\n", 1),
                    encoding="utf-8")
    original = area.read_text(encoding="utf-8")
    area.write_text(original.replace("- id: memory-structure\n", "- id: memory-layout\n", 1), encoding="utf-8")
    with pytest.raises(app.ContractError):  # the published anchor #memory-structure would be gone
        app.build(options, previous=good)
    area.write_text(original, encoding="utf-8")
    after = app.build(options, previous=good)
    page = next(p for p in after.pages if p.src == "roles/python-backend/matrix/backend-architecture.md")
    assert "새 이름 엔지니어" in page.body.html
