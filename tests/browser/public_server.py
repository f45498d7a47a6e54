"""Serving the whole app (or a tiny host page) from a thread, for the browser tests."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from werkzeug.serving import make_server

from tests.conftest import make_app


@contextmanager
def serve_app(database_url: str, **overrides: str) -> Iterator[str]:
    """The application on 127.0.0.1 at a free port; yields its base URL."""
    with serve_wsgi(make_app(database_url, **overrides)) as base:
        yield base


@contextmanager
def serve_wsgi(wsgi: Any) -> Iterator[str]:
    """A WSGI app on a threaded werkzeug server at a free port of 127.0.0.1; yields its URL."""
    server = make_server("127.0.0.1", 0, wsgi, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


@contextmanager
def serve_page() -> Iterator[tuple[int, dict[str, str]]]:
    """A one-page site on a free port of 127.0.0.1: yields the port and a dict whose "html"
    entry is served at any path (set it once the page's content is known)."""
    page = {"html": "<!DOCTYPE html><title>empty</title>"}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the http.server API)
            body = page["html"].encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:  # quiet test output
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], page
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
