"""The application core in one process: builds share no state, options are honoured."""
from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FRAMEWORK, ROOT, find, modify

from macros import app


def options(fw_dir: Path, **kw) -> app.BuildOptions:
    return app.BuildOptions(framework_dir=fw_dir, project_dir=ROOT, history=False, **kw)


def page(site: app.SiteBuild, src: str) -> str:
    return next(p.body.html for p in site.pages if p.src == src)


def test_a_second_build_in_the_same_process_sees_the_new_data(tmp_path: Path) -> None:
    first = app.build(options(FRAMEWORK))
    assert 'data-title="GIL (Global Interpreter Lock) 동작 원리"' in page(first, "checklist.md")
    copy = tmp_path / "framework"
    shutil.copytree(FRAMEWORK, copy)
    modify(copy / "levels.yml", lambda d: find(d["levels"], id="junior")["title"].update(ko="주니어"))
    (copy / "published-urls.json").unlink()
    second = app.build(options(copy))
    checklist = page(second, "checklist.md")
    assert '<span class="cf-level">주니어</span>' in checklist and '<span class="cf-level">Junior</span>' not in checklist
    assert '<span class="cf-level">Junior</span>' in page(app.build(options(FRAMEWORK)), "checklist.md")


def test_public_build_leaves_internal_pages_out() -> None:
    site = app.build(options(FRAMEWORK, audience="public"))
    srcs = {p.src for p in site.pages}
    assert "changelog.md" not in srcs and not any(s.startswith("interview/") or s.endswith("/interview.md") for s in srcs)
    assert "roles/python-backend/junior.md" in srcs
    assert "cf-source" not in page(site, "competencies/python-core.md")  # no provenance


def test_footer_escapes_the_copyright_and_version() -> None:
    site = app.build(options(FRAMEWORK, copyright="<img src=x onerror=alert(1)>"))
    assert site.footer.startswith("&lt;img src=x onerror=alert(1)&gt; · 프레임워크 ")
