"""What `career serve` needs besides MkDocs: an HTTP server with live reload over the built folders, and a watcher
that reports the files an edit touched.

The server serves each edition from its own folder (the main edition at `/`, another at `/<lang>/`) and adds a
small script to every HTML page that asks the server, by long polling, whether a newer version of the site is out
and reloads the page when it is (the protocol `mkdocs serve --livereload` uses). While a new version is being
written (`publishing`), requests wait for it: a page is never served half-written, and never older than the
version the browser was told to reload for.
"""
from __future__ import annotations

import contextlib
import json
import logging
import mimetypes
import posixpath
import re
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

log = logging.getLogger("mkdocs.career.serve")

#: Asks the server for a version newer than the page's and reloads when there is one (as mkdocs' livereload does).
SCRIPT = """<script>(function(){var epoch=%d,req,timer;
function poll(){req=new XMLHttpRequest();req.onloadend=function(){if(parseFloat(this.responseText)>epoch){location.reload();}
else{timer=setTimeout(poll,this.status===200?0:3000);}};req.open("GET","/livereload/"+epoch+"/"+Date.now());req.send();}
function stop(){if(req){req.abort();}if(timer){clearTimeout(timer);}req=timer=undefined;}
window.addEventListener("load",function(){if(document.visibilityState==="visible"){poll();}});
window.addEventListener("visibilitychange",function(){if(document.visibilityState==="visible"){poll();}else{stop();}});
window.addEventListener("beforeunload",stop);})();</script>"""
_POLL = re.compile(r"/livereload/([0-9]+)/[0-9]+")
#: How long a browser's question waits for a new version before it is answered "nothing new" (and asks again).
POLL_SECONDS = 60.0


class LiveServer(ThreadingHTTPServer):
    """Serves the folders in `roots` (URL prefix without its leading slash, "" for the main edition -> folder)."""

    daemon_threads = True

    def __init__(self, host: str, port: int) -> None:
        self.roots: dict[str, Path] = {}
        self.epoch = 0  # the version of the site the folders hold
        self.status: Callable[[], dict[str, object]] = dict  # what /livereload/status answers (career serve's state)
        self._busy = False
        self.pending: set[str] = set()
        self._cond = threading.Condition()
        super().__init__((host, port), _Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host.decode() if isinstance(host, bytes) else host}:{port}/"

    def publish(self, roots: dict[str, Path], pending: Iterable[str] = ()) -> None:
        """The folders hold a new version of the site: serve them and tell the browsers to reload. `pending`: files of
        the new version still to be written (site paths, e.g. `en/search/terms.json`): a request for one of them waits
        until `settle`."""
        with self._cond:
            self.roots = dict(roots)
            self.pending = set(pending)
            self.epoch += 1
            self._cond.notify_all()

    def ready(self, path: str) -> None:
        """One pending file is written (its site path)."""
        with self._cond:
            self.pending.discard(path)
            self._cond.notify_all()

    def settle(self) -> None:
        """The pending files are written."""
        with self._cond:
            self.pending = set()
            self._cond.notify_all()

    @contextlib.contextmanager
    def publishing(self) -> Iterator[None]:
        """While the folders are being written: requests wait (see the module docstring)."""
        with self._cond:
            self._busy = True
        try:
            yield
        finally:
            with self._cond:
                self._busy = False
                self._cond.notify_all()

    def wait_newer(self, epoch: int) -> int:
        with self._cond:
            self._cond.wait_for(lambda: self.epoch > epoch, timeout=POLL_SECONDS)
            return self.epoch

    def resolve(self, path: str) -> tuple[Path | None, int]:
        """The file a URL path is served from (None when there is none), and the version it belongs to."""
        rel = posixpath.normpath("/" + path).lstrip("/")  # no way above the folder
        if path.endswith("/") and rel != "":
            rel += "/"
        served = rel + "index.html" if rel == "" or rel.endswith("/") else rel
        with self._cond:
            self._cond.wait_for(lambda: not self._busy and served not in self.pending)
            prefix = next((p for p in sorted(self.roots, key=len, reverse=True) if p and (rel + "/").startswith(p)), "")
            root = self.roots.get(prefix)
            if root is None:
                return None, self.epoch
            inner = rel[len(prefix):]
            target = root / inner
            if inner == "" or inner.endswith("/"):
                target = target / "index.html"
            return (target if target.is_file() else None), self.epoch


class _Handler(BaseHTTPRequestHandler):
    server: LiveServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def _answer(self, *, body: bool) -> None:
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        if path == "/livereload/status":  # for scripts (tests, the benchmark): which edits are built, the last error
            answer = {"epoch": self.server.epoch, **self.server.status()}
            self._send(HTTPStatus.OK, json.dumps(answer).encode(), "application/json", body)
            return
        poll = _POLL.fullmatch(path)
        if poll is not None:
            self._send(HTTPStatus.OK, b"%d" % self.server.wait_newer(int(poll.group(1))), "text/plain", body)
            return
        target, epoch = self.server.resolve(path)
        if target is None and not path.endswith("/"):
            folder, _ = self.server.resolve(path + "/")
            if folder is not None:
                self.send_response(HTTPStatus.FOUND)
                self.send_header("Location", urllib.parse.quote(path) + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
        if target is None:
            missing, epoch = self.server.resolve("/404.html")
            content = missing.read_bytes() if missing is not None else b"404 Not Found"
            self._send(HTTPStatus.NOT_FOUND, _with_script(content, epoch), "text/html; charset=utf-8", body)
            return
        try:
            content = target.read_bytes()
        except OSError:
            self._send(HTTPStatus.NOT_FOUND, b"404 Not Found", "text/plain", body)
            return
        kind = _content_type(target.name)
        if kind.startswith("text/html"):
            content = _with_script(content, epoch)
        self._send(HTTPStatus.OK, content, kind, body)

    def _send(self, status: HTTPStatus, content: bytes, kind: str, body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(content)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if body:
            with contextlib.suppress(ConnectionError):
                self.wfile.write(content)

    def log_message(self, format: str, *args: object) -> None:
        log.debug(format, *args)


def _with_script(content: bytes, epoch: int) -> bytes:
    at = content.rfind(b"</body>")
    at = len(content) if at < 0 else at
    return content[:at] + (SCRIPT % epoch).encode() + content[at:]


def _content_type(name: str) -> str:
    if name.endswith((".js", ".mjs")):
        return "application/javascript"
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith("text/") or kind == "application/json" else kind


#: Names editors write beside the file being saved (swap files, backups, vim's write test): never worth a rebuild.
_EDITOR_FILES = re.compile(r"(^\.#|^#.*#$|~$|\.sw[a-p]$|^4913$|\.tmp$|^\.DS_Store$)")


class Watcher:
    """Reports the files changed under some folders (and some single files), a burst of events as one batch."""

    def __init__(self, folders: Iterable[Path], files: Iterable[Path] = (), quiet: float = 0.03) -> None:
        self.quiet = quiet  # a batch ends when no event came for this long (an editor's save is several events)
        self._files = {f.resolve() for f in files}
        self._changed: set[Path] = set()
        self._first = 0.0
        self._cond = threading.Condition()
        self._observer = Observer()
        handler = FileSystemEventHandler()
        handler.on_any_event = self._event  # type: ignore[method-assign]
        watched: set[Path] = set()
        for folder in {f.resolve() for f in folders}:
            if folder.is_dir() and not any(folder.is_relative_to(w) for w in watched):
                self._observer.schedule(handler, str(folder), recursive=True)
                watched.add(folder)
        self._parents: set[Path] = set()  # folders watched for one file in them, not for the rest
        for file in self._files:
            if not any(file.is_relative_to(w) for w in watched) and file.parent not in self._parents:
                self._observer.schedule(handler, str(file.parent), recursive=False)
                self._parents.add(file.parent)

    def start(self) -> None:
        self._observer.start()

    def stop(self) -> None:
        self._observer.stop()
        self._observer.join(timeout=5)

    def _event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        paths = [Path(str(p)) for p in (event.src_path, getattr(event, "dest_path", "")) if p]
        wanted = [p for p in paths if not _EDITOR_FILES.search(p.name) and "__pycache__" not in p.parts
                  and (p.parent not in self._parents or p in self._files)]
        if not wanted:
            return
        if event.is_directory and event.event_type not in ("moved", "deleted"):
            return
        with self._cond:
            if not self._changed:
                self._first = time.monotonic()
            self._changed.update(wanted)
            self._cond.notify_all()

    @property
    def pending(self) -> bool:
        """Whether changes came that no batch has taken yet."""
        with self._cond:
            return bool(self._changed)

    def next_batch(self, stop: Callable[[], bool] = lambda: False) -> set[Path]:
        """Wait for changes and return them once they stop coming (an empty set when `stop` says so)."""
        with self._cond:
            while not self._changed:
                self._cond.wait(timeout=0.25)
                if stop():
                    return set()
            while self._cond.wait(timeout=self.quiet) and time.monotonic() - self._first < 1.0:
                pass  # more events of the same burst
            changed, self._changed = self._changed, set()
        return changed
