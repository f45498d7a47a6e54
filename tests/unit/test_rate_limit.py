"""Rate limits on the public app and the API (api/security.py, in-process storage)."""

from __future__ import annotations

from typing import Any

import pytest
from openapi_schema_validator import OAS30Validator

from api.openapi import build_document
from tests.conftest import make_app
from tests.dash_client import call_callback

LIMIT = 3


@pytest.fixture
def limited(seeded_url: str) -> Any:
    return make_app(seeded_url, S3DASH_RATE_LIMIT=f"{LIMIT}/minute")


def as_client(app: Any, address: str) -> Any:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def assert_429(response: Any) -> None:
    assert response.status_code == 429
    assert response.mimetype == "application/json"
    retry = int(response.headers["Retry-After"])
    assert 0 < retry <= 60
    body = response.get_json()
    schema = {"$ref": "#/components/schemas/Error", **build_document()}
    assert not list(OAS30Validator(schema).iter_errors(body))
    assert "Too many requests" in body["error"]["message"]
    assert "Traceback" not in response.get_data(as_text=True)


def test_api_answers_429_with_retry_after_beyond_the_limit(limited: Any) -> None:
    client = as_client(limited, "198.51.100.1")
    for _ in range(LIMIT):
        response = client.get("/api/v1/clusters")
        assert response.status_code == 200
        assert int(response.headers["X-RateLimit-Limit"]) == LIMIT
    assert_429(client.get("/api/v1/clusters"))
    assert_429(client.get("/api/v1/nope"))  # unknown paths count too: no free probing
    # Another client has its own budget.
    assert as_client(limited, "198.51.100.2").get("/api/v1/clusters").status_code == 200


def test_public_app_and_api_have_separate_budgets(limited: Any) -> None:
    client = as_client(limited, "198.51.100.3")
    for _ in range(LIMIT):
        assert client.get("/api/v1/ecosystems").status_code == 200
    assert client.get("/api/v1/ecosystems").status_code == 429
    assert client.get("/public/").status_code == 200


def test_public_callbacks_count_static_files_do_not(limited: Any) -> None:
    client = as_client(limited, "198.51.100.4")
    page = client.get("/public/").get_data(as_text=True)  # 1
    bundle = page[page.index("/public/_dash-component-suites/") :].split('"', 1)[0]
    for _ in range(10):
        assert client.get(bundle).status_code == 200
        assert client.get("/public/assets/s3.css").status_code == 200
    assert client.get("/public/_dash-layout").status_code == 200  # 2
    # The browser reads the dependencies (3), then posts the callback (4): refused.
    status, _ = call_callback(
        client, "/public/", {"public-url.pathname": "/public/", "public-url.search": ""}
    )
    assert status == 429
    assert_429(client.get("/public/"))


def test_internal_app_is_not_limited_here(limited: Any) -> None:
    client = as_client(limited, "198.51.100.5")
    for _ in range(LIMIT + 2):
        assert client.get("/healthz").status_code == 200
        assert client.get("/").status_code == 200


def test_forwarded_for_is_ignored_unless_the_proxy_is_trusted(seeded_url: str) -> None:
    direct = make_app(seeded_url, S3DASH_RATE_LIMIT="2/minute")
    client = as_client(direct, "10.0.0.1")
    for i in range(2):
        client.get("/api/v1/calls", headers={"X-Forwarded-For": f"203.0.113.{i}"})
    # A forged header does not buy a fresh budget.
    forged = client.get("/api/v1/calls", headers={"X-Forwarded-For": "203.0.113.99"})
    assert forged.status_code == 429

    proxied = make_app(seeded_url, S3DASH_RATE_LIMIT="2/minute", S3DASH_TRUSTED_PROXIES="1")
    proxy = as_client(proxied, "10.0.0.1")  # every request comes from the proxy
    for i in range(5):
        response = proxy.get("/api/v1/calls", headers={"X-Forwarded-For": f"203.0.113.{i}"})
        assert response.status_code == 200  # each real client has its own budget


def test_off_means_no_limit(seeded_url: str) -> None:
    client = as_client(make_app(seeded_url, S3DASH_RATE_LIMIT="off"), "198.51.100.6")
    for _ in range(10):
        response = client.get("/api/v1/ecosystems")
        assert response.status_code == 200 and "X-RateLimit-Limit" not in response.headers


def test_an_unreachable_redis_falls_back_to_memory() -> None:
    from flask import Flask

    from api.security import install_rate_limits

    app = Flask(__name__)
    install_rate_limits(app, "2/minute", "redis://127.0.0.1:1/0")  # nothing listens there

    @app.get("/api/v1/ping")
    def ping() -> str:
        return "pong"

    client = as_client(app, "198.51.100.7")
    statuses = [client.get("/api/v1/ping").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]  # still limited, in memory meanwhile
