"""Sessions that leave the app's scripts and style sheets cacheable.

The session is permanent, so Flask re-signs its cookie on every request that reads it (a
new value each second), and marks the answer `Vary: Cookie`. On a script that meant a new
cache key at every page load: the browser fetched and compiled Dash's and AG Grid's 1.9 MB
of scripts again for each page, where a page without login (hello-world, the bench's
baseline) takes them from its cache. Scripts and style sheets are the same for every
reader, so their answers neither carry the cookie nor vary on it; they stay behind the
login gate, and `private` keeps shared caches from storing them.
"""

from __future__ import annotations

from flask import Flask, Response, request
from flask.sessions import SecureCookieSessionInterface, SessionMixin

# Under the internal and the public app: Dash's component bundles and the assets folder.
STATIC_PREFIXES: tuple[str, ...] = ("/_dash-component-suites/", "/assets/")
STATIC_PREFIXES += tuple(f"/public{prefix}" for prefix in STATIC_PREFIXES)


class StaticQuietSessions(SecureCookieSessionInterface):
    """Flask's cookie sessions, silent on static files (no Set-Cookie, no Vary: Cookie)."""

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        if request.path.startswith(STATIC_PREFIXES) and not session.modified:
            response.cache_control.private = True
            return
        super().save_session(app, session, response)
