"""Test accounts and logging in through the form, for any test of login mode.

Three accounts, one per role, all with PASSWORD; the scrypt hash is computed once per
process (it is slow on purpose).
"""

from __future__ import annotations

import functools
import re

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.security import generate_password_hash

from data.db import session_scope
from data.models import AppUser
from tests.conftest import make_app

PASSWORD = "correct horse battery"
USERS = {"vera": "viewer", "edo": "editor", "ada": "admin"}


@functools.cache
def _password_hash() -> str:
    # scrypt is slow on purpose: hash once per process.
    return generate_password_hash(PASSWORD, method="scrypt")


def add_users(url: str, users: dict[str, str] | None = None) -> None:
    """Create accounts (name → role), all with PASSWORD."""
    with session_scope(url) as session:
        for username, role in (users or USERS).items():
            session.add(AppUser(username=username, role=role, password_hash=_password_hash()))


def csrf_from(html: str) -> str:
    """The CSRF token of a login form."""
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF token in the login form"
    return match.group(1)


def login(client: FlaskClient, username: str, password: str = PASSWORD, next_path: str = "/"):
    """Log in through the form, as a browser does; returns the POST response."""
    token = csrf_from(client.get(f"/login?next={next_path}").get_data(as_text=True))
    form = {"csrf_token": token, "username": username, "password": password, "next": next_path}
    return client.post("/login", data=form)


def login_app(url: str, **overrides: str) -> Flask:
    """The application in login mode on `url`, with the three test accounts."""
    add_users(url)
    return make_app(url, S3DASH_AUTH="login", **overrides)


def logged_in(app: Flask, username: str) -> FlaskClient:
    """A test client of `app` logged in as `username`."""
    client = app.test_client()
    assert login(client, username).status_code == 302
    return client
