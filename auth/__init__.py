"""Login, roles and the gate in front of the internal app.

`configure(server, production)` checks the settings and sets the session cookie;
`init_auth(server, internal, write_outputs)` adds Flask-Login, the login and logout views
and, in login mode, the gate (auth.guard). Pages and callbacks ask `current_actor()` who is
acting. With S3DASH_AUTH=none (development on loopback only, see `s3dash serve`) everybody
is the local administrator and every internal page says so.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Iterable

from dash import Dash
from flask import Flask, current_app
from flask_login import LoginManager, current_user

from auth import users
from auth.guard import install_guard
from auth.roles import ADMIN, AUTH_LOGIN, AUTH_MODES, AUTH_NONE, LOCAL_USERNAME, Actor
from auth.static_session import StaticQuietSessions
from auth.views import bp as views_bp

__all__ = ["Actor", "configure", "current_actor", "init_auth", "login_enabled"]

log = logging.getLogger(__name__)
SESSION_LIFETIME = dt.timedelta(hours=8)
SECRET_HELP = (
    "set SECRET_KEY to a long random value shared by every worker, e.g. "
    "`export SECRET_KEY=$(python -c 'import secrets; print(secrets.token_hex(32))')`"
)


def configure(server: Flask, production: bool) -> None:
    """Check the auth settings and set the secret key and the session cookie.

    Production (`gunicorn app:server`) always logs in and needs SECRET_KEY: a random key
    would differ per worker and log everybody out at every request served by another one.
    Raises RuntimeError with what to do when the settings do not allow starting.
    """
    mode = server.config.get("S3DASH_AUTH", AUTH_NONE)
    if mode not in AUTH_MODES:
        raise RuntimeError(f"S3DASH_AUTH must be one of {', '.join(AUTH_MODES)}, not {mode!r}")
    secret = server.config.get("SECRET_KEY") or ""
    if production:
        if mode != AUTH_LOGIN:
            log.warning("S3DASH_AUTH=%s ignored: the production server always logs in", mode)
        server.config["S3DASH_AUTH"] = AUTH_LOGIN
        if not secret:
            raise RuntimeError(
                f"SECRET_KEY is not set; the production server needs it: {SECRET_HELP}"
            )
    elif not secret and mode == AUTH_LOGIN:
        log.warning("SECRET_KEY is empty: sessions last for this process only; %s", SECRET_HELP)
    # A random key is only good for one process (development).
    server.secret_key = secret or secrets.token_hex(32)
    server.session_interface = StaticQuietSessions()
    server.config.update(
        SESSION_COOKIE_NAME="s3m_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=production,
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SECURE=production,
        PERMANENT_SESSION_LIFETIME=SESSION_LIFETIME,
    )


def login_enabled(server: Flask | None = None) -> bool:
    """True when the internal app needs a login."""
    app = server or current_app
    return app.config.get("S3DASH_AUTH") == AUTH_LOGIN


def current_actor() -> Actor | None:
    """Who makes the current request: None when nobody is logged in (login mode)."""
    if not login_enabled():
        return Actor(LOCAL_USERNAME, ADMIN)
    if not current_user.is_authenticated:
        return None
    return Actor(current_user.username, current_user.role, current_user.name)


def init_auth(server: Flask, internal: Dash, write_outputs: Iterable[str]) -> None:
    """Flask-Login, the login/logout views and, in login mode, the gate."""
    manager = LoginManager()
    manager.init_app(server)
    url = server.config["DATABASE_URL"]
    manager.user_loader(lambda session_id: users.load_user(url, session_id))
    server.register_blueprint(views_bp)
    if login_enabled(server):
        proxy_header = str(server.config.get("S3DASH_PROXY_USER_HEADER") or "").strip()
        install_guard(server, internal, write_outputs, proxy_header)
