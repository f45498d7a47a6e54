"""Scripts and style sheets stay cacheable for a logged-in reader (auth/static_session.py)."""

from __future__ import annotations

import re

import pytest
from flask import Flask

from tests.accounts import logged_in, login_app


@pytest.fixture
def auth_app(seeded_url: str) -> Flask:
    return login_app(seeded_url)


def test_static_files_neither_carry_the_cookie_nor_vary_on_it_but_pages_do(auth_app):
    client = logged_in(auth_app, "ada")
    page = client.get("/clusters")
    assert page.status_code == 200 and "Cookie" in page.vary  # a page follows its reader
    script = re.search(r'src="(/_dash-component-suites/[^"]+)"', page.get_data(as_text=True))
    assert script is not None
    sheet = re.search(r'href="(/assets/[^"]+\.css[^"]*)"', page.get_data(as_text=True))
    assert sheet is not None
    for path in (script.group(1), sheet.group(1)):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "Cookie" not in response.vary, path
        assert "Set-Cookie" not in response.headers, path
        assert response.cache_control.private, path  # never kept by a shared cache


def test_static_files_stay_behind_the_login(auth_app):
    page = logged_in(auth_app, "ada").get("/clusters").get_data(as_text=True)
    script = re.search(r'src="(/_dash-component-suites/[^"]+)"', page)
    assert script is not None
    assert auth_app.test_client().get(script.group(1)).status_code == 401
