"""Outages of the services the app depends on, with servers of the test's own.

- Redis killed, then restarted, and Redis hung (SIGSTOP): every public and API route
  still answers 200 with real content, long before gunicorn would kill the worker; a hung
  Redis costs one socket timeout per breaker period, not one per request; caching resumes
  by itself.
- PostgreSQL stopped mid-test: /readyz 503, pages and callbacks say "data temporarily
  unavailable" (never a raw 500), the login form too; everything recovers with no restart.

No assertion here is about speed (the machine may be busy): the bound on a request is the
worker timeout of the Procfile's gunicorn, past which a real user would get an error, and
the breaker runs on a clock the test moves by hand.
"""

from __future__ import annotations

import functools
import io
import re
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
import redis

from data.migrate import upgrade
from data.seeding import seed
from tests.accounts import PASSWORD, login_app
from tests.conftest import make_app
from tests.dash_client import call_callback
from tests.services import OwnPostgres, OwnRedis, own_postgres, own_redis

pytestmark = pytest.mark.integration

UNAVAILABLE_IT = "Dati temporaneamente non disponibili"
UNAVAILABLE_EN = "Data temporarily unavailable"
PROCFILE = Path(__file__).resolve().parents[2] / "Procfile"
T = TypeVar("T")


def worker_timeout_s() -> int:
    """gunicorn's worker timeout in production (the Procfile): a request still running then
    is killed, and the user gets an error instead of the page."""
    found = re.search(r"--timeout (\d+)", PROCFILE.read_text())
    assert found, "the Procfile sets no gunicorn --timeout"
    return int(found.group(1))


def answered(request: Callable[[], T], what: str) -> T:
    """`request()`'s answer, which must come before gunicorn would kill the worker.

    A liveness bound, not a speed measure: a request stuck on a hung service fails here
    (and does not hang the test run) instead of passing whenever it ends.
    """
    result: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            result.append(request())
        except BaseException as error:  # handed back to the test's thread
            errors.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=worker_timeout_s())
    assert not thread.is_alive(), f"{what}: no answer within gunicorn's worker timeout"
    if errors:
        raise errors[0]
    return result[0]


class HandClock:
    """A monotonic clock that moves only when the test says so (the breaker's periods)."""

    def __init__(self) -> None:
        """Starts at 0."""
        self.now = 0.0

    def __call__(self) -> float:
        """The time now."""
        return self.now

    def advance(self, seconds: float) -> None:
        """Let `seconds` pass."""
        self.now += seconds


@pytest.fixture
def redis_server() -> Iterator[OwnRedis]:
    server = own_redis()
    yield server
    server.stop()


def _public_content(client: Any, lang: str = "it") -> str:
    status, body = answered(
        lambda: call_callback(
            client,
            "/public/",
            {"public-url.pathname": "/public/", "public-url.search": f"?lang={lang}"},
        ),
        "/public/ content",
    )
    assert status == 200, body
    return str(body["response"]["public-content"]["children"])


def zip_names(data: bytes) -> list[str]:
    return zipfile.ZipFile(io.BytesIO(data)).namelist()


def _check_every_route(client: Any) -> None:
    """Every public and API route answers 200 with real content."""
    checks = {
        "/public/": lambda r: b"_dash-renderer" in r.data or b"react" in r.data,
        "/api/v1/indicators": lambda r: len(r.get_json()["data"]) > 0,
        "/api/v1/projects": lambda r: "data" in r.get_json(),
        "/api/v1/ecosystems": lambda r: len(r.get_json()["data"]) > 0,
        "/api/v1/indicators?format=csv": lambda r: r.data.count(b"\n") > 1,
        "/api/v1/bulk.zip": lambda r: "LICENCE.txt" in zip_names(r.data),
    }
    for path, has_content in checks.items():
        response = answered(functools.partial(client.get, path), path)
        assert response.status_code == 200, (path, response.data[:300])
        assert has_content(response), path
    content = _public_content(client)
    assert "Si è verificato un errore imprevisto" not in content
    assert "alert-danger" not in content
    assert len(content) > 2000  # the real page: indicators, cards, figures


def _cache_failures(flask_app: Any) -> tuple[Any, HandClock, list[BaseException]]:
    """The app's cache breaker on a hand-moved clock, and the list of failures it records."""
    breaker = flask_app.extensions["s3m_cache_breaker"]
    clock = HandClock()
    breaker.clock = clock
    failures: list[BaseException] = []
    record_failure = breaker.failed

    def failed(error: BaseException) -> None:
        failures.append(error)
        record_failure(error)

    breaker.failed = failed
    return breaker, clock, failures


def test_redis_killed_restarted_and_hung(seeded_url: str, redis_server: OwnRedis) -> None:
    flask_app = make_app(seeded_url, REDIS_URL=redis_server.url)
    breaker, clock, failures = _cache_failures(flask_app)
    client = flask_app.test_client()
    _check_every_route(client)
    assert redis.Redis.from_url(redis_server.url).keys("s3m:*"), "the cache was not used"
    assert failures == []

    redis_server.kill()
    _check_every_route(client)
    _check_every_route(client)
    assert breaker.failing
    # Refused at once, then skipped for the breaker's period: one failure for 14 requests.
    assert [type(e) for e in failures] == [redis.exceptions.ConnectionError]

    redis_server.start()  # empty, on the same port
    clock.advance(breaker.retry_after)
    _check_every_route(client)
    assert not breaker.failing
    assert redis.Redis.from_url(redis_server.url).keys("s3m:*"), "caching did not resume"

    failures.clear()
    redis_server.pause()
    try:
        for _ in range(3):
            _check_every_route(client)
        assert breaker.failing
        # A hung Redis costs the first request one socket timeout (redis_client_options);
        # the 20 after it, within the breaker's period, do not wait on Redis at all.
        assert [type(e) for e in failures] == [redis.exceptions.TimeoutError]
    finally:
        redis_server.resume()
    clock.advance(breaker.retry_after)
    _check_every_route(client)
    assert not breaker.failing


def test_rate_limits_fail_open_while_redis_is_down(
    seeded_url: str, redis_server: OwnRedis, caplog: pytest.LogCaptureFixture
) -> None:
    client = make_app(
        seeded_url, REDIS_URL=redis_server.url, S3DASH_RATE_LIMIT="1000/minute"
    ).test_client()
    assert client.get("/api/v1/ecosystems").status_code == 200
    redis_server.pause()
    try:
        statuses = [
            answered(lambda: client.get("/api/v1/ecosystems"), "/api/v1/ecosystems").status_code
            for _ in range(10)
        ]
        assert statuses == [200] * 10
    finally:
        redis_server.resume()
    assert "falling back to in-memory storage" in caplog.text


# --------------------------------------------------------------------------- PostgreSQL


@pytest.fixture
def pg_server() -> Iterator[OwnPostgres]:
    # Not pytest's tmp_path: its parents are private to root, and the server runs as postgres.
    server = own_postgres(Path(tempfile.mkdtemp(prefix="s3m-pg-")))
    try:
        upgrade(server.url)
        seed(server.url)
        yield server
    finally:
        server.destroy()


def _internal_content(client: Any, path: str, lang: str, deps: Any) -> str:
    status, body = call_callback(
        client,
        "/",
        {"shell-url.pathname": path, "shell-url.search": f"?lang={lang}"},
        output_startswith="shell-header",
        deps=deps,
    )
    assert status == 200, body
    return str(body)


def test_database_stopped_mid_test_then_back(pg_server: OwnPostgres) -> None:
    flask_app = login_app(pg_server.url)
    client = flask_app.test_client()
    login = {"username": "edo", "password": PASSWORD}
    _log_in(client, login)
    deps = client.get("/_dash-dependencies").get_json()
    assert client.get("/readyz").status_code == 200
    assert "s3-unavailable" not in _internal_content(client, "/indicators", "it", deps)

    pg_server.stop()
    assert client.get("/readyz").status_code == 503
    # Internal page and callbacks: the message, in the page's language, never a raw 500.
    for lang, message in (("it", UNAVAILABLE_IT), ("en", UNAVAILABLE_EN)):
        for path in ("/", "/indicators", "/funding", "/forecasts", "/clusters", "/data"):
            assert message in _internal_content(client, path, lang, deps), path
    # A page load (the login session cannot be checked): a small page with the message.
    page = client.get("/indicators?lang=en", headers={"Accept": "text/html"})
    assert page.status_code == 503
    assert page.headers["Retry-After"]
    assert UNAVAILABLE_EN.encode() in page.data
    # Public app and API.
    assert UNAVAILABLE_IT in _public_content(client, "it")
    api = client.get("/api/v1/indicators")
    assert api.status_code == 503
    assert api.headers["Retry-After"]
    assert UNAVAILABLE_EN in api.get_json()["error"]["message"]
    # The login form says it too, as a page.
    fresh = flask_app.test_client()
    form = fresh.get("/login?lang=en")
    token = _csrf(form.data.decode())
    answer = fresh.post("/login", data={**login, "csrf_token": token, "lang": "en"})
    assert answer.status_code == 503
    assert answer.mimetype == "text/html"
    assert UNAVAILABLE_EN.encode() in answer.data

    pg_server.start()
    # Back with no restart: the pool reconnects at the next request.
    deadline = time.monotonic() + worker_timeout_s()
    while client.get("/readyz").status_code != 200 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert client.get("/readyz").status_code == 200
    assert "s3-unavailable" not in _internal_content(client, "/indicators", "it", deps)
    # The pages that begin their project sums on a second connection (data.read_ahead).
    for path in ("/funding", "/ecosystems", "/clusters", "/forecasts"):
        assert "s3-unavailable" not in _internal_content(client, path, "it", deps), path
    assert client.get("/api/v1/indicators").status_code == 200
    assert UNAVAILABLE_IT not in _public_content(client, "it")
    _log_in(fresh, login)


def _csrf(html: str) -> str:
    marker = 'name="csrf_token" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


def _log_in(client: Any, login: dict[str, str]) -> None:
    token = _csrf(client.get("/login").data.decode())
    answer = client.post("/login", data={**login, "csrf_token": token})
    assert answer.status_code == 302, answer.data[:500]
