"""Shared cache of query results, keyed by the data version every import bumps.

With REDIS_URL set, every worker and machine shares one Redis cache; a write on one
instance bumps `data_version` in the database, so the next read anywhere builds a new key.
Without it, a per-process SimpleCache (fine for one development process).

Redis is optional at run time: any cache error (Redis stopped, hung, full, a bad entry)
falls back to an uncached read. Short socket timeouts bound the first failure; a circuit
breaker then skips the cache for `RETRY_AFTER_S` so that a dead or hung Redis costs one
request per process at most that long, and the cache comes back by itself afterwards.
The failure is logged at most once a minute.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, current_app
from flask_caching import Cache

from data.db import request_data_version
from data.throttled_log import ThrottledWarning

T = TypeVar("T")
CACHE_TIMEOUT_S = 3600
# Redis answers in about a millisecond; half a second means it is gone or hung.
SOCKET_TIMEOUT_S = 0.5
RETRY_AFTER_S = 15.0

log = logging.getLogger(__name__)


def redis_client_options() -> dict[str, Any]:
    """Options of every Redis client the app makes: fail fast, never retry in a request."""
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    return {
        "socket_timeout": SOCKET_TIMEOUT_S,
        "socket_connect_timeout": SOCKET_TIMEOUT_S,
        "retry": Retry(NoBackoff(), 0),
        "health_check_interval": 0,
    }


class CircuitBreaker:
    """Skip an optional service for a while after it fails; log that at most once a minute.

    The state is per process and only an optimisation: each worker finds out by itself
    that the service is back, at the first request after `retry_after` seconds.
    """

    def __init__(
        self,
        name: str,
        retry_after: float = RETRY_AFTER_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """A closed breaker (the service is tried) for the service called `name`."""
        self.name = name
        self.retry_after = retry_after
        self.clock = clock
        self.open_until = 0.0
        self.failing = False
        self.warning = ThrottledWarning(log, clock=clock)

    def available(self) -> bool:
        """True when the service should be tried now."""
        return self.clock() >= self.open_until

    def failed(self, error: BaseException) -> None:
        """Record a failure: open the breaker, and say so (at most once a minute)."""
        self.open_until = self.clock() + self.retry_after
        self.failing = True
        self.warning.warn(
            "%s unavailable (%s: %s); serving without it, retrying every %.0f s",
            self.name,
            type(error).__name__,
            error,
            self.retry_after,
        )

    def succeeded(self) -> None:
        """Record a success: close the breaker (and say so if it was open)."""
        if self.failing:
            self.failing = False
            self.open_until = 0.0
            log.warning("%s is back; using it again", self.name)


def init_cache(server: Flask, redis_url: str) -> Cache:
    """Attach a cache to the Flask app (Redis when configured)."""
    config: dict[str, object] = {"CACHE_DEFAULT_TIMEOUT": CACHE_TIMEOUT_S}
    if redis_url:
        config.update(
            CACHE_TYPE="RedisCache",
            CACHE_REDIS_URL=redis_url,
            CACHE_KEY_PREFIX="s3m:",
            CACHE_OPTIONS=redis_client_options(),
        )
    else:
        config["CACHE_TYPE"] = "SimpleCache"
    cache = Cache(server, config=config)
    server.extensions["s3m_cache"] = cache
    server.extensions["s3m_cache_breaker"] = CircuitBreaker("Redis cache")
    return cache


def _cache_get(cache: Cache, breaker: CircuitBreaker, key: str) -> Any:
    if not breaker.available():
        return None
    try:
        value = cache.get(key)
    except Exception as error:  # any cache failure: read from the database instead
        breaker.failed(error)
        return None
    breaker.succeeded()
    return value


def _cache_set(cache: Cache, breaker: CircuitBreaker, key: str, value: Any) -> None:
    if not breaker.available():
        return
    try:
        cache.set(key, value)
    except Exception as error:  # the value is served anyway; only caching is lost
        breaker.failed(error)


def cache_failing() -> bool:
    """True while the cache's last use failed (Redis down or hung): skip optional writes."""
    breaker: CircuitBreaker = current_app.extensions["s3m_cache_breaker"]
    return breaker.failing


def lookup(name: str) -> Any:
    """The value kept under `name` for the current data version; None when there is none."""
    cache: Cache = current_app.extensions["s3m_cache"]
    breaker: CircuitBreaker = current_app.extensions["s3m_cache_breaker"]
    return _cache_get(cache, breaker, f"{name}:v{request_data_version()}")


def store(name: str, value: Any) -> None:
    """Keep `value` under `name` for the current data version (skipped if the cache fails)."""
    cache: Cache = current_app.extensions["s3m_cache"]
    breaker: CircuitBreaker = current_app.extensions["s3m_cache_breaker"]
    _cache_set(cache, breaker, f"{name}:v{request_data_version()}", value)


def cached(name: str, loader: Callable[[], T]) -> T:
    """`loader()` cached under `name` for the current data version (uncached if need be)."""
    value = lookup(name)
    if value is None:
        value = loader()
        store(name, value)
    return value
