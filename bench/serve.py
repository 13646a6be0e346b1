"""Serve a built site on localhost as a static host would: text files gzip-compressed when the client asks for it
(`Content-Encoding: gzip`, `Vary: Accept-Encoding`), with a short cache lifetime (GitHub Pages sends
`Cache-Control: max-age=600`). Used by `bench/run.py --only lighthouse`; also runnable by hand:

    python bench/serve.py SITE_DIR [PORT]
"""
from __future__ import annotations

import functools
import gzip
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO, ClassVar

#: The types a static host compresses (images and fonts are compressed already).
COMPRESSED = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")
CACHE = "max-age=600"


class CompressingHandler(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real host
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".js": "application/javascript",  # noqa: RUF012 - as the base's
                      ".json": "application/json", ".webmanifest": "application/manifest+json"}
    _cache: ClassVar[dict[tuple[str, float], bytes]] = {}  # gzip of each file once per modification time
    _lock = threading.Lock()

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def send_head(self) -> BinaryIO | _Body | None:  # type: ignore[override]  # the base says a file or None
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address
            path = path / "index.html"
        kind = self.guess_type(str(path))
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not path.is_file() or not wants or not kind.startswith(COMPRESSED):
            return super().send_head()
        stat = path.stat()
        key = (str(path), stat.st_mtime)
        with self._lock:
            body = self._cache.get(key)
            if body is None:
                body = self._cache[key] = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
        self.end_headers()
        return _Body(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", CACHE)
        super().end_headers()


class _Body:
    """The file-like object `send_head` returns, holding the compressed bytes."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = (self.data, b"") if size < 0 else (self.data[:size], self.data[size:])
        return data

    def close(self) -> None:
        self.data = b""


@contextmanager
def serve(root: Path, port: int = 0) -> Iterator[str]:
    """Serve `root` compressed on 127.0.0.1 (a free port unless given) while the block runs; gives the address."""
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(CompressingHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    with serve(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 8000) as address:
        print(f"serving {sys.argv[1]} on {address} (gzip)", flush=True)
        threading.Event().wait()
