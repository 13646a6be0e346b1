"""The static export: a plain MkDocs project that builds with mkdocs-material alone, same page texts."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, build_site, run_career
from site_html import SitePage

pytestmark = pytest.mark.slow


def article(path: Path) -> str:
    """The visible text of a page's article, its element ids and links (what a reader sees and follows), and its table of
    contents (the anchors the right-hand navigation lists)."""
    source = path.read_text(encoding="utf-8")
    m = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', source, re.S)
    assert m, path
    page = SitePage(path, m.group(1))
    return " ".join(page.text.split()) + "\n" + " ".join(page.ids) + "\n" + " ".join(page.links) + "\n" + " ".join(toc(source))


def toc(source: str) -> list[str]:
    """The anchors a page's table of contents (Material's secondary navigation) links to, in order."""
    m = re.search(r'<nav class="md-nav md-nav--secondary"(.*?)</nav>\s*</div>\s*</div>\s*</div>', source, re.S)
    return re.findall(r'<a href="#([^"]+)" class="md-nav__link">', m.group(1)) if m else []


def test_static_export_builds_with_material_alone_and_matches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "export"
    monkeypatch.setenv("CAREER_LANGUAGES", "ko")  # the site's languages, as the project build below has them
    result = run_career("export", "--format", "mkdocs", "--out", str(out))
    assert result.returncode == 0, result.stderr
    config = (out / "mkdocs.yml").read_text(encoding="utf-8")
    data = yaml.load(config, Loader=yaml.BaseLoader)
    assert "hooks" not in data and all("macros" not in str(p) and "career" not in str(p) for p in data["plugins"])
    assert not list(out.rglob("*.py")) and "{{" not in (out / "docs" / "index.md").read_text(encoding="utf-8")

    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"NO_MKDOCS_2_WARNING": "1"}
    plain = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "plain")],
                           cwd=out, env=env, capture_output=True, text=True, timeout=300)
    assert plain.returncode == 0, plain.stderr
    project = build_site(ROOT, tmp_path / "project")
    assert project.returncode == 0, project.stderr

    ours = sorted(p.relative_to(tmp_path / "project") for p in (tmp_path / "project").rglob("index.html"))
    theirs = sorted(p.relative_to(tmp_path / "plain") for p in (tmp_path / "plain").rglob("index.html"))
    assert ours == theirs and len(ours) > 50
    different = [str(p) for p in ours if article(tmp_path / "project" / p) != article(tmp_path / "plain" / p)]
    assert different == []
    jd = (tmp_path / "plain" / "roles" / "python-backend" / "senior" / "index.html").read_text(encoding="utf-8")
    assert toc(jd)[:4] == ["overview", "focus", "duties", "competencies"]  # on main the export had no table of contents
    assert "{ #" not in jd  # every heading of the table of contents became a heading
    for extra in ("urls.json", "api/framework.json", "api/matrix.csv"):
        assert (tmp_path / "plain" / extra).read_bytes() == (tmp_path / "project" / extra).read_bytes()
