"""Shared cache of query results, keyed by the data version every import bumps.

With REDIS_URL set, every worker and machine shares one Redis cache; a write on one
instance bumps `data_version` in the database, so the next read anywhere builds a new key.
Without it, a per-process SimpleCache (fine for one development process).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import Flask, current_app
from flask_caching import Cache

from data.db import current_data_version, request_session

T = TypeVar("T")
CACHE_TIMEOUT_S = 3600


def init_cache(server: Flask, redis_url: str) -> Cache:
    """Attach a cache to the Flask app (Redis when configured)."""
    config: dict[str, object] = {"CACHE_DEFAULT_TIMEOUT": CACHE_TIMEOUT_S}
    if redis_url:
        config.update(CACHE_TYPE="RedisCache", CACHE_REDIS_URL=redis_url, CACHE_KEY_PREFIX="s3m:")
    else:
        config["CACHE_TYPE"] = "SimpleCache"
    cache = Cache(server, config=config)
    server.extensions["s3m_cache"] = cache
    return cache


def data_version() -> int:
    """The current data version, read from the database (one cheap query)."""
    with request_session() as session:
        return current_data_version(session)


def cached(name: str, loader: Callable[[], T]) -> T:
    """`loader()` cached under `name` for the current data version."""
    cache: Cache = current_app.extensions["s3m_cache"]
    key = f"{name}:v{data_version()}"
    value = cache.get(key)
    if value is None:
        value = loader()
        cache.set(key, value)
    return value
