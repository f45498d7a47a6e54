"""The cache is optional at run time: errors fall back to uncached reads, behind a breaker."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from data.cache import CircuitBreaker, cached, redis_client_options
from data.throttled_log import ThrottledWarning
from tests.conftest import make_app


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class BrokenCache:
    """A cache whose every call fails, counting the calls."""

    def __init__(self) -> None:
        self.calls = 0
        self.broken = True
        self.data: dict[str, Any] = {}

    def get(self, key: str) -> Any:
        self.calls += 1
        if self.broken:
            raise ConnectionError("Redis is gone")
        return self.data.get(key)

    def set(self, key: str, value: Any) -> None:
        self.calls += 1
        if self.broken:
            raise ConnectionError("Redis is gone")
        self.data[key] = value


def test_a_failing_cache_falls_back_skips_and_resumes(
    seeded_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    flask_app = make_app(seeded_url)
    clock = Clock()
    cache = BrokenCache()
    breaker = CircuitBreaker("Redis cache", retry_after=15, clock=clock)
    breaker.warning.clock = clock
    flask_app.extensions.update(s3m_cache=cache, s3m_cache_breaker=breaker)
    loads = []

    def load() -> str:
        loads.append(1)
        return "fresh"

    with flask_app.app_context(), caplog.at_level(logging.WARNING, "data.cache"):
        assert [cached("x", load) for _ in range(5)] == ["fresh"] * 5
        assert cache.calls == 1  # the breaker opened at the first error: no more tries
        clock.now += 16
        assert cached("x", load) == "fresh"
        assert cache.calls == 2  # tried again after 15 s, still broken
        cache.broken = False
        clock.now += 16
        assert cached("x", load) == "fresh"  # back: read (miss) and written
        assert cached("x", load) == "fresh"  # now from the cache
    assert len(loads) == 7
    warnings = [r.getMessage() for r in caplog.records]
    assert sum("unavailable" in w for w in warnings) == 1  # once a minute at most
    assert any("is back" in w for w in warnings)


def test_throttled_warning_logs_once_per_interval(caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock()
    warning = ThrottledWarning(logging.getLogger("t"), every=60, clock=clock)
    with caplog.at_level(logging.WARNING, "t"):
        assert warning.warn("down")
        assert not warning.warn("down")
        assert not warning.warn("down")
        clock.now += 61
        assert warning.warn("down")
    assert [r.getMessage() for r in caplog.records] == [
        "down",
        "down (2 more since the last message)",
    ]


def test_redis_clients_fail_fast_and_never_retry() -> None:
    options = redis_client_options()
    assert options["socket_timeout"] <= 0.5 and options["socket_connect_timeout"] <= 0.5
    assert options["retry"].get_retries() == 0
