"""Two app instances (as two gunicorn workers or machines) share one Redis cache on one
PostgreSQL database: what one caches the other reads, and a data-version bump invalidates
both at once."""

from __future__ import annotations

import pytest
import redis
from sqlalchemy import update

from data.db import bump_data_version, session_scope
from data.models import Observation
from data.seeding import seed
from tests.conftest import make_app
from tests.dash_client import shell_response

pytestmark = pytest.mark.integration


def _overview_text(client) -> str:
    return str(shell_response(client, "/")["shell-content"]["children"])


def test_cache_is_shared_and_invalidated_by_the_data_version(pg_url, redis_url):
    seed(pg_url)
    worker_a = make_app(pg_url, REDIS_URL=redis_url).test_client()
    worker_b = make_app(pg_url, REDIS_URL=redis_url).test_client()

    assert "73,6 M€" in _overview_text(worker_a)
    assert redis.Redis.from_url(redis_url).keys("s3m:observations:*"), "nothing cached in Redis"

    # A write that does not bump the version is invisible: B reads what A cached.
    with session_scope(pg_url) as session:
        session.execute(update(Observation).where(Observation.value == 73.6).values(value=80.5))
    assert "73,6 M€" in _overview_text(worker_b)

    # Every import bumps the version: both instances see the new value at once.
    with session_scope(pg_url) as session:
        bump_data_version(session)
    assert "80,5 M€" in _overview_text(worker_b)
    assert "80,5 M€" in _overview_text(worker_a)
