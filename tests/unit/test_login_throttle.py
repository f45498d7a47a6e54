"""Sign-in attempts are limited per client address and per account (Flask-Limiter)."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from tests.accounts import PASSWORD, login, login_app

ROOT = Path(__file__).resolve().parents[2]


def _client(seeded_url: str, **limits: str) -> FlaskClient:
    client = login_app(seeded_url, **limits).test_client()
    client.environ_base["REMOTE_ADDR"] = "198.51.100.7"
    return client


def test_too_many_failures_for_one_account_get_429_even_with_the_right_password(
    seeded_url: str,
) -> None:
    client = _client(seeded_url, S3DASH_LOGIN_ACCOUNT_LIMIT="3/minute")
    statuses = [login(client, "edo", "wrong").status_code for _ in range(3)]
    assert statuses == [401, 401, 401]
    refused = login(client, "EDO", PASSWORD)  # the same account, however it is written
    assert refused.status_code == 429
    assert refused.mimetype == "text/html"
    assert "Troppi tentativi di accesso" in refused.get_data(as_text=True)
    assert int(refused.headers["Retry-After"]) > 0
    # Another account is not affected.
    assert login(client, "ada").status_code == 302


def test_too_many_failures_from_one_address_get_429(seeded_url: str) -> None:
    client = _client(
        seeded_url, S3DASH_LOGIN_RATE_LIMIT="4/minute", S3DASH_LOGIN_ACCOUNT_LIMIT="off"
    )
    statuses = [login(client, f"nobody{i}", "wrong").status_code for i in range(4)]
    assert statuses == [401] * 4
    refused = client.post("/login?lang=en", data={"username": "vera", "password": PASSWORD})
    assert refused.status_code == 429
    assert "Too many sign-in attempts" in refused.get_data(as_text=True)
    # The form itself (GET) is never refused; another address still signs in.
    assert client.get("/login").status_code == 200
    client.environ_base["REMOTE_ADDR"] = "198.51.100.8"
    assert login(client, "vera").status_code == 302


def test_successful_sign_ins_do_not_spend_the_budget(seeded_url: str) -> None:
    client = _client(seeded_url, S3DASH_LOGIN_RATE_LIMIT="2/minute")
    for _ in range(4):
        assert login(client, "edo").status_code == 302


def test_a_bad_login_limit_stops_the_start(seeded_url: str) -> None:
    from api.security import SettingError

    with pytest.raises(SettingError, match="S3DASH_LOGIN_ACCOUNT_LIMIT"):
        login_app(seeded_url, S3DASH_LOGIN_ACCOUNT_LIMIT="lots")


@pytest.mark.parametrize(("proxies", "allowed"), [("0", ""), ("1", "*"), ("2", "*")])
def test_gunicorn_trusts_forwarded_headers_only_per_the_setting(
    monkeypatch: pytest.MonkeyPatch, proxies: str, allowed: str
) -> None:
    monkeypatch.setenv("S3DASH_TRUSTED_PROXIES", proxies)
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert config["forwarded_allow_ips"] == allowed
    assert "--config gunicorn.conf.py" in (ROOT / "Procfile").read_text()
