"""A router's answer kept per view, reader, day and data version: a warm page is one cache read.

A router callback renders a whole page (dozens of figures, hundreds of components) and Dash
then serializes it to JSON: tens to hundreds of milliseconds, whatever the amount of data.
The answer depends only on the view (path and query), on who reads it (the internal header
names the user and carries the session's logout token; the content follows the role), on
the day ("what changed" counts from a date), on the host (the public embed snippets), on
the release (code, catalogues, settings) and on the data, whose version every write bumps.
So the JSON Dash sent is kept in the shared cache (Redis when configured) under all of
those, and the same request gets the same bytes back without rendering or serializing.

Only an answer the router marked with `keep()` is stored: a known page, without a bad
parameter, rendered without a failure (any part that degrades calls `spoil()`); a page that
shows live state beyond the data version (the Data page's import history) puts that state
in the key. Junk queries therefore cannot fill
the cache, and a "database unavailable" message is never served from it. The lookup is
installed after the login gate, the callback guard and the rate limiter, so a kept answer
is refused or limited exactly as a rendered one would be.

The first paint (callbacks/first_paint.py) renders the asking page into the layout with the
router's own function, so a layout is kept the same way, keyed by the asking page's address.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import dash
import plotly
from dash import Dash
from flask import Response, g, request
from flask.typing import ResponseReturnValue

from api.precompressed import compressed_response
from data.cache import cache_failing, lookup, store
from data.db import database_unavailable

# The host is part of the key (the public embed snippets name it) and a client chooses its
# Host header: answers are kept for this many hosts per process at most, the first seen,
# so forged hosts cannot fill the cache (another host's pages are rendered, not kept).
MAX_HOSTS = 8
_KEEP = "s3m_page_keep"  # flask.g attributes set while the callback renders
_SPOILT = "s3m_page_spoilt"


def keep() -> None:
    """Mark the current answer as one that may be kept (call from the cached callback)."""
    setattr(g, _KEEP, True)


def spoil() -> None:
    """Never keep the current answer: a part of it failed and shows a degraded view."""
    setattr(g, _SPOILT, True)


def router_output(app: Dash, output: str) -> str:
    """The callback-map key of the callback that writes `output` (e.g. `shell-content.children`)."""
    for key in app.callback_map:
        if output in key.strip(".").split("..."):
            return key
    raise LookupError(f"no callback writes {output}")


ROOT = Path(__file__).resolve().parent.parent
# What renders a page: a new release or setting must not be served an older one's answers.
RELEASE_FILES = (
    *(f"{package}/**/*.py" for package in ("auth", "callbacks", "dashboard", "data")),
    "dashboard/locale/**/*.mo",
    "data/geo/*.geojson",
)


def release(config: Mapping[str, Any]) -> str:
    """A digest of the code, catalogues and settings that render the pages (once a process).

    Kept answers live in the shared cache for an hour; a deploy keeps the data version, so
    the key also names the release, and a new one renders its own pages from the start.
    """
    settings = {k: str(v) for k, v in config.items() if k.startswith("S3DASH_")}
    digest = hashlib.sha256(_code_digest().encode())
    digest.update(json.dumps(settings, sort_keys=True).encode())
    return digest.hexdigest()[:16]


@cache
def _code_digest() -> str:
    # Read once a process (about 20 ms): the files do not change under a running server.
    digest = hashlib.sha256(f"{dash.__version__}:{plotly.__version__}".encode())
    for pattern in RELEASE_FILES:
        for path in sorted(ROOT.glob(pattern)):
            digest.update(path.relative_to(ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _callback_values() -> list[Any] | None:
    """A callback request's input and state values, None for anything else."""
    body = request.get_json(silent=True)  # parsed once per request by Flask, checked by the guard
    if not isinstance(body, dict):
        return None
    return [
        entry.get("value")
        for part in ("inputs", "state")
        for entry in body.get(part, [])
        if isinstance(entry, dict)
    ]


def _request_key(prefix: str, values: list[Any], identity: Callable[[list[Any]], str]) -> str:
    """The key of this request's answer: its values, the reader, the day, the host."""
    what = json.dumps(
        [values, identity(values), dt.date.today().isoformat(), request.host_url],
        sort_keys=True,
        default=str,
    )
    return f"page:{prefix}:{hashlib.sha256(what.encode()).hexdigest()}"


def install_page_cache(
    app: Dash, content_output: str, identity: Callable[[list[Any]], str]
) -> None:
    """Serve the callback of `app` writing `content_output` (a router) from the cache.

    The key holds the callback's input and state values; `identity(values)` names who
    reads and any live state the answer shows, as far as the answer depends on them.
    Install after every other `before_request` hook of the server: Flask runs them in order.
    """
    endpoint = f"{app.config.routes_pathname_prefix}_dash-update-component"
    output = router_output(app, content_output)

    def router_values() -> list[Any] | None:
        if request.path != endpoint or request.method != "POST":
            return None
        body = request.get_json(silent=True)
        if not isinstance(body, dict) or body.get("output") != output:
            return None
        return _callback_values()

    _install(app, "", router_values, identity)


def install_layout_cache(
    app: Dash,
    asking_page: Callable[[], tuple[str, str] | None],
    identity: Callable[[list[Any]], str],
) -> None:
    """Serve the first-paint layouts (callbacks/first_paint.py) from the cache too.

    The layout of a page asking for it is that page rendered by the router's own function,
    which marks it with `keep()`/`spoil()` as the router's answer; its values are the asking
    page's (path, query). Install beside `install_page_cache`, after the other hooks.
    """
    endpoint = f"{app.config.routes_pathname_prefix}_dash-layout"

    def layout_values() -> list[Any] | None:
        if request.path != endpoint or request.method != "GET":
            return None
        address = asking_page()
        return None if address is None else list(address)

    _install(app, "layout", layout_values, identity)


def _install(
    app: Dash,
    kind: str,
    values_of: Callable[[], list[Any] | None],
    identity: Callable[[list[Any]], str],
) -> None:
    """Serve kept answers to the requests `values_of` recognises, and keep the clean ones."""
    prefix = f"{app.config.routes_pathname_prefix}{kind}:{release(app.server.config)}"
    hosts: set[str] = set()  # only an optimisation guard: each process has its own

    def serve_kept() -> ResponseReturnValue | None:
        values = values_of()
        if values is None:
            return None
        try:
            key = _request_key(prefix, values, identity)
            kept = lookup(key)
        except Exception as error:
            if not database_unavailable(error):
                raise
            return None  # the database is down: the router says so in the reader's language
        if isinstance(kept, bytes):
            return compressed_response(key, kept, "application/json")
        return None

    def keep_answer(response: Response) -> Response:
        # The key is taken again now: rendering may have started the session's logout token.
        values = values_of()
        if values is None:
            return response
        wanted, spoilt = g.pop(_KEEP, False), g.pop(_SPOILT, False)
        # A cache that failed during this request is not tried once more for an extra.
        if wanted and not spoilt and response.status_code == 200 and not cache_failing():
            if request.host_url not in hosts and len(hosts) >= MAX_HOSTS:
                return response
            hosts.add(request.host_url)
            store(_request_key(prefix, values, identity), response.get_data())
        return response

    app.server.before_request(serve_kept)
    app.server.after_request(keep_answer)
