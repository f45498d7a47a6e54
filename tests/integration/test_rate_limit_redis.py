"""Rate limits shared through Redis: two app instances (two gunicorn workers, or two
machines behind one load balancer) count the same client's requests together."""

from __future__ import annotations

import pytest
import redis

from tests.conftest import make_app

pytestmark = pytest.mark.integration


def test_two_instances_share_one_budget(seeded_url: str, redis_url: str) -> None:
    instances = [
        make_app(seeded_url, REDIS_URL=redis_url, S3DASH_RATE_LIMIT="4/minute").test_client()
        for _ in range(2)
    ]
    for client in instances:
        client.environ_base["REMOTE_ADDR"] = "198.51.100.20"
    # Alternate between the instances: together they allow 4 requests, not 8.
    statuses = [instances[i % 2].get("/api/v1/ecosystems").status_code for i in range(6)]
    assert statuses == [200, 200, 200, 200, 429, 429]
    refused = instances[1].get("/api/v1/ecosystems")
    assert int(refused.headers["Retry-After"]) > 0
    # The counters are in Redis, under the limiter's own prefix.
    assert redis.Redis.from_url(redis_url).keys("*s3m-limits*")
    # The public app's budget is shared too, and separate from the API's.
    for i in range(4):
        assert instances[i % 2].get("/public/_dash-layout").status_code == 200
    assert instances[0].get("/public/_dash-layout").status_code == 429
    # Another client is not affected.
    other = instances[0]
    other.environ_base["REMOTE_ADDR"] = "198.51.100.21"
    assert other.get("/api/v1/ecosystems").status_code == 200
