"""Login mode: the gate in front of the internal app, the login form, roles, production.

The public app, the API and the probes must answer anonymous clients; every internal page
must send them to the login form and every other internal request (every callback of the
internal app, its layout, assets…) must answer 401; a viewer may read but not write.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask
from sqlalchemy import update
from werkzeug.security import generate_password_hash

from data.db import session_scope
from data.models import AppUser
from tests.accounts import PASSWORD, logged_in, login, login_app
from tests.conftest import make_app
from tests.dash_client import call_callback, callback_payload

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def auth_app(seeded_url: str) -> Flask:
    return login_app(seeded_url)


# --- anonymous clients ----------------------------------------------------------------------


def test_anonymous_post_to_every_internal_callback_gets_401(auth_app):
    deps = logged_in(auth_app, "ada").get("/_dash-dependencies").get_json()
    assert len(deps) >= 10
    anonymous = auth_app.test_client()
    for dep in deps:
        response = anonymous.post("/_dash-update-component", json=callback_payload(dep))
        assert response.status_code == 401, dep["output"]
        assert response.get_json() == {"error": "login required"}
    # Even a body that names no callback at all learns nothing more than 401.
    assert anonymous.post("/_dash-update-component", data=b"junk").status_code == 401


def test_anonymous_page_requests_go_to_the_login_form(auth_app):
    from callbacks.shell import PAGES

    client = auth_app.test_client()
    for path in [*PAGES, "/no-such-page", "/data?lang=en"]:
        response = client.get(path)
        assert response.status_code == 302, path
        location = response.headers["Location"]
        assert location.startswith("/login?next="), (path, location)
    assert "lang=en" in client.get("/data?lang=en").headers["Location"]


def test_anonymous_internal_resources_get_401(auth_app):
    client = auth_app.test_client()
    for path in (
        "/_dash-layout",
        "/_dash-dependencies",
        "/_dash-component-suites/dash/dcc/dash_core_components.js",
        "/assets/s3.css",
        "/_reload-hash",
        "/_favicon.ico",
    ):
        response = client.get(path)
        assert response.status_code == 401, path
        assert response.get_json() == {"error": "login required"}, path


def test_public_app_api_and_probes_stay_open(auth_app):
    client = auth_app.test_client()
    for path in (
        "/public/",
        "/public/_dash-layout",
        "/public/_dash-dependencies",
        "/public/assets/s3.css",
        "/api/v1/indicators",
        "/api/v1/openapi.json",
        "/healthz",
        "/readyz",
        "/login",
    ):
        assert client.get(path).status_code == 200, path
    status, body = call_callback(
        client, "/public/", {"public-url.pathname": "/public/", "public-url.search": ""}
    )
    assert status == 200 and "public-content" in body["response"]
    assert client.get("/public").headers["Location"] == "/public/"


# --- the login form ---------------------------------------------------------------------------


def test_wrong_password_and_unknown_user_get_the_same_answer(auth_app):
    client = auth_app.test_client()
    wrong = login(client, "edo", "not the password")
    unknown = login(client, "nobody", PASSWORD)
    for response in (wrong, unknown):
        assert response.status_code == 401
        assert "Nome utente o password errati." in response.get_data(as_text=True)
    assert client.get("/").status_code == 302  # still anonymous


def test_right_password_logs_in_and_goes_to_next(auth_app):
    client = auth_app.test_client()
    response = login(client, "edo", next_path="/data")
    assert response.status_code == 302 and response.headers["Location"] == "/data"
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # development: plain http on loopback
    assert client.get("/").status_code == 200
    assert client.get("/_dash-layout").status_code == 200


def test_login_form_speaks_english_too(auth_app):
    page = auth_app.test_client().get("/login?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in page and "Sign in" in page and "User name" in page


def test_login_without_csrf_token_is_refused(auth_app):
    client = auth_app.test_client()
    client.get("/login")
    form = {"username": "edo", "password": PASSWORD, "next": "/"}
    response = client.post("/login", data=form)
    assert response.status_code == 400
    response = client.post("/login", data={**form, "csrf_token": "forged"})
    assert response.status_code == 400
    assert client.get("/").status_code == 302


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)", ""],
)
def test_login_only_redirects_to_local_paths(auth_app, target):
    response = login(auth_app.test_client(), "edo", next_path=target)
    assert response.headers["Location"] == "/"


def test_inactive_account_cannot_log_in(auth_app, seeded_url):
    with session_scope(seeded_url) as session:
        session.execute(update(AppUser).where(AppUser.username == "edo").values(active=False))
    assert login(auth_app.test_client(), "edo").status_code == 401


def test_password_change_ends_the_session(auth_app, seeded_url):
    client = logged_in(auth_app, "edo")
    assert client.get("/").status_code == 200
    new_hash = generate_password_hash("another password", method="pbkdf2")
    with session_scope(seeded_url) as session:
        session.execute(
            update(AppUser).where(AppUser.username == "edo").values(password_hash=new_hash)
        )
    assert client.get("/").status_code == 302


def test_logout_is_a_post_with_the_token(auth_app):
    client = logged_in(auth_app, "edo")
    client.get("/logout")  # a link or an image elsewhere must not log anybody out
    assert client.get("/").status_code == 200
    assert client.post("/logout").status_code == 400  # no token: still logged in
    assert client.get("/").status_code == 200
    # The token is on every page, in the logout button of the header.
    status, body = call_callback(client, "/", {"shell-url.pathname": "/", "shell-url.search": ""})
    header = body["response"]["shell-header"]["children"]
    token = re.search(r"'name': 'csrf_token', .*?'value': '([^']+)'", str(header))
    assert token, header
    response = client.post("/logout?lang=en", data={"csrf_token": token.group(1)})
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    assert client.get("/").status_code == 302


def test_the_login_form_cannot_be_framed_or_cached(auth_app):
    response = auth_app.test_client().get("/login")
    assert response.headers["X-Frame-Options"] == "DENY"  # api/security.py, for every page
    assert response.headers["Cache-Control"] == "no-store"


# --- roles ------------------------------------------------------------------------------------


def _dep(deps: list[dict[str, Any]], output_part: str) -> dict[str, Any]:
    return next(d for d in deps if output_part in d["output"])


def test_viewer_reads_but_every_write_callback_gets_403(auth_app):
    from callbacks.data_admin import WRITE_OUTPUTS

    viewer = logged_in(auth_app, "vera")
    status, body = call_callback(
        viewer, "/", {"shell-url.pathname": "/data", "shell-url.search": ""}
    )
    assert status == 200
    content = str(body["response"]["shell-content"]["children"])
    assert "data-upload" not in content and "data-publish-all" not in content
    deps = viewer.get("/_dash-dependencies").get_json()
    for output in sorted(WRITE_OUTPUTS):
        payload = callback_payload(_dep(deps, output))
        response = viewer.post("/_dash-update-component", json=payload)
        assert response.status_code == 403, output
    # An upload is refused before its (large) body is even read.
    big = {"output": "x", "pad": "a" * 300_000}
    assert viewer.post("/_dash-update-component", json=big).status_code == 403


def test_output_parts_of_dash_callback_keys():
    from auth.guard import output_parts

    assert output_parts("..a.children...b.data@12ab..") == ["a.children", "b.data"]
    assert output_parts("a.children") == ["a.children"]


def test_a_write_output_without_callback_stops_the_start(seeded_url, monkeypatch):
    import callbacks.data_admin as data_admin

    monkeypatch.setattr(data_admin, "WRITE_OUTPUTS", frozenset({"renamed-id.children"}))
    with pytest.raises(RuntimeError, match="renamed-id.children"):
        login_app(seeded_url)


# --- reverse-proxy single sign-on ---------------------------------------------------------------


def test_proxy_header_logs_in_existing_users_only_when_configured(seeded_url):
    app = login_app(seeded_url, S3DASH_PROXY_USER_HEADER="X-Remote-User")
    client = app.test_client()
    assert client.get("/", headers={"X-Remote-User": "edo"}).status_code == 200
    response = client.get("/", headers={"X-Remote-User": "mallory"})
    assert response.status_code == 403 and "mallory" in response.get_json()["error"]
    assert app.test_client().get("/").status_code == 302  # no header, no session
    # Off by default: the same header does nothing.
    plain = make_app(seeded_url, S3DASH_AUTH="login").test_client()
    assert plain.get("/", headers={"X-Remote-User": "edo"}).status_code == 302


# --- modes and production -----------------------------------------------------------------------


def test_dev_banner_on_every_internal_page_without_login(client):
    from callbacks.shell import PAGES

    for path in PAGES:
        status, body = call_callback(
            client, "/", {"shell-url.pathname": path, "shell-url.search": "?lang=en"}
        )
        assert status == 200
        assert "Login disabled (development, loopback only)" in str(
            body["response"]["shell-header"]["children"]
        ), path


def test_no_banner_with_login(auth_app):
    client = logged_in(auth_app, "edo")
    status, body = call_callback(client, "/", {"shell-url.pathname": "/", "shell-url.search": ""})
    header = str(body["response"]["shell-header"]["children"])
    assert "auth-dev-banner" not in header and "edo (redazione)" in header


def test_production_needs_a_secret_key_and_forces_login(seeded_url):
    from app import create_app

    config = {"DATABASE_URL": seeded_url, "SECRET_KEY": "", "S3DASH_AUTH": "none"}
    with pytest.raises(RuntimeError, match="SECRET_KEY is not set"):
        create_app(config, production=True)
    server = create_app({**config, "SECRET_KEY": "k" * 64}, production=True)
    assert server.config["S3DASH_AUTH"] == "login"
    assert server.config["SESSION_COOKIE_SECURE"] is True
    assert server.config["SESSION_COOKIE_HTTPONLY"] is True
    assert server.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert server.test_client().get("/").status_code == 302


def test_unknown_auth_mode_is_refused(seeded_url):
    with pytest.raises(RuntimeError, match="S3DASH_AUTH must be one of"):
        make_app(seeded_url, S3DASH_AUTH="off")


def test_gunicorn_entry_point_is_lazy_and_refuses_to_start_without_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'x.db'}"
    code = "import app; print('built:', app._production_server); app.server"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert "built: None" in done.stdout  # importing app builds nothing
    assert done.returncode != 0
    assert "RuntimeError: SECRET_KEY is not set" in done.stderr


def test_serve_refuses_a_public_bind_without_login(monkeypatch):
    from data.cli import is_loopback, main

    monkeypatch.setenv("S3DASH_AUTH", "none")
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 1
    assert "refusing to serve on 0.0.0.0 with S3DASH_AUTH=none" in result.output
    assert [is_loopback(h) for h in ("127.0.0.1", "::1", "[::1]", "localhost", "127.1.2.3")] == [
        True
    ] * 5
    assert [is_loopback(h) for h in ("0.0.0.0", "::", "10.0.0.1", "example.org")] == [False] * 4
