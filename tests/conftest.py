"""Shared fixtures: databases (SQLite always; PostgreSQL and Redis when their URLs are set).

Services are found through TEST_DATABASE_URL (PostgreSQL) and TEST_REDIS_URL; without them
the tests that need them skip with a one-line reason. `.ci/run` sets both.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import pytest
from flask import Flask
from flask.testing import FlaskClient

from data.db import get_engine
from tests.databases import PostgresDatabases, SqliteTemplates
from tests.no_refresh import no_refresh


def skip_or_fail(reason: str) -> NoReturn:
    """Skip when a service is absent; fail instead where CI demands every service."""
    if os.environ.get("S3DASH_REQUIRE_SERVICES"):
        pytest.fail(f"{reason} (S3DASH_REQUIRE_SERVICES is set: nothing may skip)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def database_templates(tmp_path_factory: pytest.TempPathFactory) -> SqliteTemplates:
    """The session's SQLite templates: `migrated_copy(path)` and `seeded_copy(path)`."""
    return SqliteTemplates(tmp_path_factory.mktemp("templates"))


@pytest.fixture
def sqlite_url(tmp_path: Path, database_templates: SqliteTemplates) -> str:
    """An empty, migrated SQLite database."""
    return database_templates.migrated_copy(tmp_path / "test.db")


@pytest.fixture
def seeded_url(sqlite_url: str, database_templates: SqliteTemplates) -> str:
    """A migrated SQLite database loaded with the seed data (the same URL as sqlite_url)."""
    # Nothing has opened sqlite_url yet, so its file may be replaced by the seeded one.
    return database_templates.seeded_copy(Path(sqlite_url.removeprefix("sqlite:///")))


@pytest.fixture(scope="session")
def _postgres() -> Iterator[PostgresDatabases]:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        skip_or_fail("TEST_DATABASE_URL not set: no PostgreSQL for integration tests")
    databases = PostgresDatabases(str(url))
    yield databases
    databases.drop()


@pytest.fixture
def pg_empty_url(_postgres: PostgresDatabases) -> Iterator[str]:
    """An empty PostgreSQL database, not migrated."""
    url = _postgres.empty()
    yield url
    get_engine(url).dispose()


@pytest.fixture
def pg_url(_postgres: PostgresDatabases) -> Iterator[str]:
    """A migrated, empty PostgreSQL database (a fresh copy of the session's template)."""
    url = _postgres.migrated()
    yield url
    get_engine(url).dispose()


@pytest.fixture
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Redis database flushed before and after the test, used by one test at a time.

    Every pytest-xdist worker gets the same TEST_REDIS_URL: a lock file beside the workers'
    temporary folders keeps one worker's flush out of another's test.
    """
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        skip_or_fail("TEST_REDIS_URL not set: no Redis for integration tests")
    import redis

    name = hashlib.sha256(str(url).encode()).hexdigest()[:16]
    lock = tmp_path_factory.getbasetemp().parent / f"redis-{name}.lock"
    with lock.open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # released when the file is closed
        client = redis.Redis.from_url(str(url))
        client.flushdb()
        yield str(url)
        client.flushdb()
        client.close()


def make_app(database_url: str, **overrides: str) -> Flask:
    """create_app on a given database, with no Redis unless asked."""
    from app import create_app

    config = {"DATABASE_URL": database_url, "REDIS_URL": "", "SECRET_KEY": "test-secret"}
    config.update(overrides)
    flask_app = create_app(config)
    flask_app.testing = True
    return flask_app


@pytest.fixture
def app(seeded_url: str) -> Flask:
    """The whole application on a seeded SQLite database."""
    return make_app(seeded_url)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A Flask test client of `app`."""
    return app.test_client()


@pytest.fixture
def no_background_forecasts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Publishing starts no forecast refresh process in this test."""
    import data.forecast_launch as forecast_launch

    monkeypatch.setattr(forecast_launch, "refresh_in_background", no_refresh)
