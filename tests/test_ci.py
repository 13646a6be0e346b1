"""CI as it runs on GitHub-hosted runners: the browser is found under any of its names, and the workflows
pass zizmor (security audit) and the GitHub workflow schema."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import browser
import pytest
import yaml
from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def workflow(name: str) -> dict:
    doc = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    doc["on"] = doc.pop(True, doc.get("on"))  # YAML 1.1 reads the key `on` as a boolean
    return doc


def test_browser_discovery_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("google-chrome-stable", "google-chrome"):
        (tmp_path / name).write_text("#!/bin/sh\n", encoding="utf-8")
        (tmp_path / name).chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("CHROME_PATH", raising=False)
    assert browser.chromium_path() == str(tmp_path / "google-chrome")  # no chromium: Chrome's names come next
    monkeypatch.setenv("CHROME_PATH", str(tmp_path / "google-chrome-stable"))
    assert browser.chromium_path() == str(tmp_path / "google-chrome-stable")
    monkeypatch.setenv("CHROME_PATH", str(tmp_path / "missing"))
    assert browser.chromium_path() is None


@pytest.mark.browser
def test_tests_run_with_only_google_chrome(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, playwright_api) -> None:
    """The browser installed under Chrome's name only (as on GitHub's runners), chosen through CHROME_PATH."""
    real = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    browser.require(real is not None, "no Chromium or Chrome to test with")
    chrome = tmp_path / "bin" / "google-chrome"
    chrome.parent.mkdir()
    chrome.symlink_to(real)
    monkeypatch.setenv("PATH", str(chrome.parent))
    monkeypatch.setenv("CHROME_PATH", str(chrome))
    b = playwright_api.chromium.launch(executable_path=browser.chromium_path(), args=browser.CHROMIUM_ARGS)
    page = b.new_page()
    page.set_content("<p id='x'>ok</p>")
    assert page.inner_text("#x") == "ok"
    b.close()


def tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (pip install '.[test]' installs it); the workflows were not linted")
    return found


def test_workflows_pass_zizmor() -> None:
    done = subprocess.run([tool("zizmor"), "--offline", "--min-severity", "medium", str(WORKFLOWS)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout + done.stderr


def test_workflows_match_the_github_schema() -> None:
    done = subprocess.run([tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
                           *map(str, sorted(WORKFLOWS.glob("*.yml")))], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_untrusted_and_privileged_parts_are_apart() -> None:
    pr = workflow("pull-request.yml")
    assert "pull_request" in pr["on"] and "pull_request_target" not in pr["on"]
    assert pr["permissions"] == {} and pr["jobs"]["review"]["permissions"] == {"contents": "read"}
    runs = "\n".join(s.get("run", "") for s in pr["jobs"]["review"]["steps"])
    for needle in ("make test", "career check", "mkdocs build --strict", "career diff"):
        assert needle in runs
    assert "${{" not in runs  # event values reach scripts through env:, never expanded into them
    comment = workflow("pr-comment.yml")
    assert comment["on"]["workflow_run"]["workflows"] == ["pull-request"]
    steps = comment["jobs"]["comment"]["steps"]
    assert not any(s.get("uses", "").startswith("actions/checkout") for s in steps)  # never the fork's code
    assert comment["jobs"]["comment"]["permissions"] == {"actions": "read", "pull-requests": "write"}
    assert "${{" not in "\n".join(s.get("run", "") for s in steps)


def test_actions_are_pinned_and_checkouts_keep_no_credentials() -> None:
    for path in WORKFLOWS.glob("*.yml"):
        doc = workflow(path.name)
        for job in doc["jobs"].values():
            for step in job.get("steps", []):
                uses = step.get("uses")
                if uses:
                    ref = uses.split("@", 1)[1]
                    assert len(ref) == 40 and all(c in "0123456789abcdef" for c in ref), (path.name, uses)
                if (uses or "").startswith("actions/checkout"):
                    assert step["with"]["persist-credentials"] is False


def test_both_builds_are_deployed() -> None:
    deploy = workflow("deploy.yml")
    runs = "\n".join(s.get("run", "") for j in deploy["jobs"].values() for s in j.get("steps", []))
    assert "make build-public" in runs and "make build" in runs
    uses = [s.get("uses", "") for j in deploy["jobs"].values() for s in j.get("steps", [])]
    assert any(u.startswith("actions/upload-pages-artifact") for u in uses)
    assert any(u.startswith("actions/upload-artifact") for u in uses)
    assert deploy["jobs"]["build"]["permissions"] == {"contents": "read"}


def test_pre_commit_runs_the_checks() -> None:
    doc = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {h["id"]: h for repo in doc["repos"] for h in repo["hooks"]}
    assert hooks["career-check"]["entry"] == "career check"
    assert "zizmor" in hooks and "check-github-workflows" in hooks


def test_deploy_stops_when_an_address_is_unset() -> None:
    """A published build must know its address: the deploy job refuses to build without the variables."""
    steps = workflow("deploy.yml")["jobs"]["build"]["steps"]
    guard = next(s for s in steps if "PUBLIC_SITE_URL" in s.get("env", {}) and "run" in s)
    assert steps.index(guard) < next(i for i, s in enumerate(steps) if "make build" in s.get("run", ""))

    def run(**env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["bash", "-c", guard["run"]], env={"PATH": "/usr/bin:/bin", **env}, capture_output=True, text=True)

    assert run().returncode == 1
    missing = run(PUBLIC_SITE_URL="https://careers.example.org/")
    assert missing.returncode == 1 and "INTERNAL_SITE_URL" in missing.stdout
    assert run(PUBLIC_SITE_URL="http://careers.example.org/", INTERNAL_SITE_URL="https://team.example.org/").returncode == 1
    assert run(PUBLIC_SITE_URL="https://careers.example.org/", INTERNAL_SITE_URL="https://team.example.org/").returncode == 0
