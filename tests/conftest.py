"""Shared fixtures: databases (SQLite always; PostgreSQL and Redis when their URLs are set).

Services are found through TEST_DATABASE_URL (PostgreSQL) and TEST_REDIS_URL; without them
the tests that need them skip with a one-line reason. `.ci/run` sets both.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from data.db import get_engine
from data.migrate import upgrade


def skip_or_fail(reason: str) -> None:
    """Skip when a service is absent; fail instead where CI demands every service."""
    if os.environ.get("S3DASH_REQUIRE_SERVICES"):
        pytest.fail(f"{reason} (S3DASH_REQUIRE_SERVICES is set: nothing may skip)")
    pytest.skip(reason)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """An empty, migrated SQLite database."""
    url = f"sqlite:///{tmp_path / 'test.db'}"
    upgrade(url)
    return url


@pytest.fixture
def seeded_url(sqlite_url: str) -> str:
    """A migrated SQLite database loaded with the seed data."""
    from data.seeding import seed

    seed(sqlite_url)
    return sqlite_url


def _reset_postgres(url: str) -> None:
    engine = get_engine(url)
    engine.dispose()
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))


@pytest.fixture
def pg_empty_url() -> Iterator[str]:
    """An empty PostgreSQL database (schema dropped), not migrated."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        skip_or_fail("TEST_DATABASE_URL not set: no PostgreSQL for integration tests")
    _reset_postgres(url)
    yield url
    get_engine(url).dispose()


@pytest.fixture
def pg_url(pg_empty_url: str) -> str:
    """A migrated, empty PostgreSQL database."""
    upgrade(pg_empty_url)
    return pg_empty_url


@pytest.fixture
def redis_url() -> Iterator[str]:
    """A Redis database flushed before and after the test."""
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        skip_or_fail("TEST_REDIS_URL not set: no Redis for integration tests")
    import redis

    client = redis.Redis.from_url(url)
    client.flushdb()
    yield url
    client.flushdb()
    client.close()


def make_app(database_url: str, **overrides: str):  # type: ignore[no-untyped-def]
    """create_app on a given database, with no Redis unless asked."""
    from app import create_app

    config = {"DATABASE_URL": database_url, "REDIS_URL": "", "SECRET_KEY": "test-secret"}
    config.update(overrides)
    flask_app = create_app(config)
    flask_app.testing = True
    return flask_app


@pytest.fixture
def app(seeded_url: str):  # type: ignore[no-untyped-def]
    """The whole application on a seeded SQLite database."""
    return make_app(seeded_url)


@pytest.fixture
def client(app):  # type: ignore[no-untyped-def]
    """A Flask test client of `app`."""
    return app.test_client()
