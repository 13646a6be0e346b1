"""Serving a built site on localhost and driving it in Debian's Chromium through Playwright."""
from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
AXE_DIR = Path(__file__).resolve().parent / ".cache"


def require(condition: bool, reason: str) -> None:
    """Skip when a tool is missing, unless CI demands it (CF_REQUIRE_BROWSER=1): then fail."""
    if condition:
        return
    if os.environ.get("CF_REQUIRE_BROWSER") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


#: Browsers tried in order when CHROME_PATH is not set: Debian's Chromium, then the names GitHub's runner images use.
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def chromium_path() -> str | None:
    """The browser the tests drive: CHROME_PATH when set (it must exist), else the first of BROWSER_NAMES on PATH."""
    chosen = os.environ.get("CHROME_PATH", "").strip()
    if chosen:
        return chosen if os.access(chosen, os.X_OK) else None
    return next((p for name in BROWSER_NAMES if (p := shutil.which(name))), None)


def axe_source() -> str | None:
    found = sorted(AXE_DIR.glob("axe-*.min.js"))
    return found[-1].read_text(encoding="utf-8") if found else None


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output clean
        pass


def serve(root: Path) -> Iterator[str]:
    """Serve `root` on a free localhost port for the duration of a fixture."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def watched_page(chromium, base_url: str, **context_options: object) -> Iterator:
    """A page in a browser context of its own (closed after the test); the test fails if a script on it threw."""
    context = chromium.new_context(base_url=base_url, **context_options)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        yield page
    finally:
        context.close()
    assert errors == [], errors


def write_notes(page, notes) -> None:
    """On a checklist page: for each (item id, ticked, note, link or "") tick the item if so, open its note and fill it
    in, and its link when there is one."""
    for item, ticked, note, url in notes:
        if ticked:
            page.check(f"#cf-{item}")
        page.locator(f'[data-item="{item}"] summary').click()
        page.fill(f"#cf-{item}-note", note)
        if url:
            page.fill(f"#cf-{item}-url", url)
