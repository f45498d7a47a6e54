"""Responses compressed once per data version and kept, not compressed on every request.

Flask-Compress compresses every dynamic response again (brotli level 5: milliseconds for a
page of figures or an API page). A body that is itself kept per data version (an API page,
a router's kept answer) is compressed once and its encoding kept beside it; Flask-Compress
leaves alone a response that already has a Content-Encoding.
"""

from __future__ import annotations

import brotli
from flask import Response, current_app, request

from data.cache import cached


def compressed_response(key: str, body: str | bytes, mimetype: str) -> Response:
    """`body` (kept under `key`), brotli-encoded once per data version when the client takes it.

    The same level and size threshold as Flask-Compress (api/security.py sets them).
    """
    level = current_app.config.get("COMPRESS_BR_LEVEL")
    smallest = current_app.config.get("COMPRESS_MIN_SIZE", 0)
    if level is None or not request.accept_encodings["br"] or len(body) < smallest:
        return Response(body, mimetype=mimetype)
    data = body.encode() if isinstance(body, str) else body
    encoded = cached(f"{key}:br", lambda: brotli.compress(data, quality=int(level)))
    response = Response(encoded, mimetype=mimetype)
    response.headers["Content-Encoding"] = "br"
    response.headers["Vary"] = "Accept-Encoding"
    return response
