"""The gate in front of the internal app: who may reach which route (login mode only).

Default deny: every path is internal except the public app (`/public/…`), the open data API
(`/api/v1/…`), the probes and the login form. An anonymous request to an internal path is
sent to the login form when it is a page a browser navigates to, and answered 401 otherwise
(Dash's `_dash-layout`, `_dash-dependencies`, `_dash-update-component`, component suites,
assets…). A viewer posting to a callback that writes (declared by its outputs) gets 403:
hiding a button is not a permission check.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from dash import Dash
from flask import Flask, jsonify, redirect, request
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_user, logout_user

from auth.roles import can_write
from auth.users import find_active
from auth.views import LOGIN_PATH, LOGOUT_PATH, login_url
from dashboard.i18n import asked_lang, t

OPEN_PREFIXES = ("/public/", "/api/v1/")
OPEN_PATHS = frozenset({"/api/v1", "/healthz", "/readyz", LOGIN_PATH, LOGOUT_PATH})
# Paths a browser loads as resources of a page, never navigates to: these get a 401.
RESOURCE_PREFIXES = ("/_", "/assets/")
VIEWER_MAX_BODY = 256 * 1024  # bytes: what a reading callback may need at most


def is_open(path: str) -> bool:
    """True for the routes anyone may use without logging in."""
    return path in OPEN_PATHS or path.startswith(OPEN_PREFIXES)


def is_page(path: str) -> bool:
    """True for internal paths a browser navigates to (they redirect to the login form)."""
    return not path.startswith(RESOURCE_PREFIXES)


def output_parts(output: str) -> list[str]:
    """The `id.property` parts of a Dash callback output key, without `@hash` suffixes.

    Dash joins several outputs as `..a.children...b.data..`; an output declared with
    allow_duplicate carries `@<hash>` after its property.
    """
    parts = output.strip(".").split("...") if output.startswith("..") else [output]
    return [part.split("@", 1)[0] for part in parts]


def check_write_outputs(app: Dash, write_outputs: Collection[str]) -> None:
    """Fail at start-up when a declared write output matches no callback.

    A renamed component id would otherwise silently lose its protection.
    """
    known = {part for key in app.callback_map for part in output_parts(key)}
    missing = sorted(set(write_outputs) - known)
    if missing:
        raise RuntimeError(f"declared write outputs without a callback: {', '.join(missing)}")


def is_write_request(body: Any, write_outputs: Collection[str]) -> bool:
    """True when a callback request targets a callback that writes."""
    if not isinstance(body, dict) or not isinstance(body.get("output"), str):
        return False
    return any(part in write_outputs for part in output_parts(body["output"]))


def _unauthorised() -> ResponseReturnValue:
    if request.method in ("GET", "HEAD") and is_page(request.path):
        lang = request.args.get("lang")
        return redirect(login_url(request.full_path.rstrip("?"), lang))
    return jsonify(error="login required"), 401


def _proxy_login(server: Flask, header: str) -> ResponseReturnValue | None:
    """Log in the user a trusted reverse proxy names in `header` (single sign-on)."""
    name = request.headers.get(header, "").strip()
    if not name:
        return None
    if current_user.is_authenticated and current_user.username == name:
        return None
    user = find_active(server.config["DATABASE_URL"], name)
    if user is None:
        logout_user()
        lang = asked_lang(request.args.get("lang"), server.config)
        return jsonify(error=t("auth.unknown_proxy_user", lang, name=name[:100])), 403
    login_user(user)
    return None


def install_guard(
    server: Flask, internal: Dash, write_outputs: Iterable[str], proxy_header: str = ""
) -> None:
    """Put the gate in front of every request of `server` (call only in login mode)."""
    writes = frozenset(write_outputs)
    check_write_outputs(internal, writes)
    endpoint = f"{internal.config.routes_pathname_prefix}_dash-update-component"

    def guard() -> ResponseReturnValue | None:
        path = request.path
        if is_open(path):
            return None
        if path == "/public":  # the public app's address without its slash: not internal
            return redirect("/public/")
        if proxy_header:
            refused = _proxy_login(server, proxy_header)
            if refused is not None:
                return refused
        if not current_user.is_authenticated:
            return _unauthorised()
        if request.method == "POST" and path == endpoint and not can_write(current_user.role):
            # A viewer has no reason to send a big body: only uploads (writes) are big.
            too_big = (request.content_length or 0) > VIEWER_MAX_BODY
            if too_big or is_write_request(request.get_json(silent=True), writes):
                return jsonify(error="your role cannot change data"), 403
        return None

    server.before_request(guard)
