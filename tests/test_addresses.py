"""No placeholder addresses in what is published: a build that does not know its address leaves absolute URLs
out (and says so once); with `CAREER_SITE_URL` and `CAREER_REPO_URL` they are the real ones."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow
PLACEHOLDERS = ("127.0.0.1", "localhost", "example-org")


def mkdocs_build(out: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("CAREER_SITE_URL", "CAREER_REPO_URL")}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)], cwd=ROOT, capture_output=True,
                          text=True, timeout=600, env={**clean, "NO_MKDOCS_2_WARNING": "1", **env})


def our_files(site: Path) -> list[Path]:
    """Everything the build wrote but the theme's own bundled scripts and their source maps."""
    return [p for p in site.rglob("*") if p.is_file() and "assets/javascripts" not in p.as_posix() and p.suffix != ".gz"]


def test_a_default_build_has_no_placeholder_address(tmp_path: Path) -> None:
    result = mkdocs_build(tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("no site address (set CAREER_SITE_URL") == 1  # said once, for both editions
    found = [(p.relative_to(tmp_path).as_posix(), w) for p in our_files(tmp_path / "site")
             for w in PLACEHOLDERS if w in p.read_text(encoding="utf-8", errors="replace")]
    assert found == []
    jd = (tmp_path / "site" / "roles" / "python-backend" / "senior" / "index.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in jd and "application/ld+json" not in jd and '<link rel="alternate" href=' not in jd
    assert "/edit/" not in jd  # no edit link without a repository address


def test_a_build_with_its_addresses_uses_them(tmp_path: Path) -> None:
    result = mkdocs_build(tmp_path / "site", CAREER_SITE_URL="https://careers.example.org/",
                          CAREER_REPO_URL="https://git.example.org/team/framework")
    assert result.returncode == 0, result.stderr
    assert "no site address" not in result.stderr
    jd = (tmp_path / "site" / "roles" / "python-backend" / "senior" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://careers.example.org/roles/python-backend/senior/">' in jd
    assert '<link rel="alternate" href="https://careers.example.org/en/roles/python-backend/senior/" hreflang="en">' in jd
    assert "https://git.example.org/team/framework/edit/main/framework/" in jd
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://careers.example.org/roles/python-backend/senior/</loc>" in sitemap
