"""Cached reads a page starts early, on a connection of their own, while it goes on rendering.

A cold project page waits for PostgreSQL to sum the projects (25 to 400 ms at 100,000
projects) and spends about as long again in Python: the reference frames, the components,
the JSON. The sum needs nothing the rest computes, so the page starts it first (`start`):
it runs in a worker thread on another pooled connection, the server sums on one core while
the request renders on the other, and the loader that needs the sum (`value`) takes it from
there instead of reading it again.

A read is cached per data version (data.cache) like every other: `start` does nothing when
the value is cached already. A failed read raises where its value is taken, exactly as a
read made there would, so the page degrades as before (a stopped database, a bad query).
On SQLite the read stays in the request: the database runs inside this process, and a
thread would only share its core.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from flask import current_app, g
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from data.cache import cached, lookup, store
from data.db import get_engine, request_reader

T = TypeVar("T")
_BEGUN = "s3m_read_ahead"  # flask.g attribute: cache name → the read begun for it
# Reads of one process at once: a request begins one or two, a threaded server serves a few.
WORKERS = 4


@dataclass(frozen=True)
class Read(Generic[T]):
    """A read of the cached loaders: its cache name and the query that builds the value."""

    name: str  # unique per value within a data version (data.cache)
    query: Callable[[Session], T]


def value(read: Read[T]) -> T:
    """`read`'s value: begun by `start` in this request, cached, or read now."""
    begun: Future[tuple[T, bool]] | None = _begun().pop(read.name, None)
    if begun is None:
        return cached(read.name, lambda: _read_here(read))
    result, fresh = begun.result()
    if fresh:
        store(read.name, result)
    return result


def start(read: Read[T]) -> Callable[[], T]:
    """Begin `read` in a worker thread, unless it is cached, begun already or on SQLite.

    Returns the function that takes its value (`value(read)`): the page hands it to the
    block that needs the value, so the read begun and the read taken are the same one.
    """
    begun = _begun()
    if read.name not in begun:
        engine = get_engine(current_app.config["DATABASE_URL"])
        if engine.dialect.name != "sqlite":
            begun[read.name] = _begin(engine, read)
    return lambda: value(read)


def _begin(engine: Engine, read: Read[T]) -> Future[tuple[T, bool]]:
    kept = lookup(read.name)
    if kept is None:
        return _executor().submit(_read_apart, engine, read.query)
    done: Future[tuple[T, bool]] = Future()
    done.set_result((kept, False))  # `value` would look it up again: hand it over
    return done


def _read_here(read: Read[T]) -> T:
    with request_reader() as session:
        return read.query(session)


def _read_apart(engine: Engine, query: Callable[[Session], T]) -> tuple[T, bool]:
    """`query` on a pooled connection of its own, in autocommit as the request's reads."""
    with engine.connect() as connection:
        connection = connection.execution_options(isolation_level="AUTOCOMMIT")
        with Session(bind=connection) as session:
            return query(session), True


def _begun() -> dict[str, Future[Any]]:
    begun: dict[str, Future[Any]] = g.setdefault(_BEGUN, {})
    return begun


_executors: dict[int, ThreadPoolExecutor] = {}


def _executor() -> ThreadPoolExecutor:
    """The worker threads of the current process.

    A forked server worker makes its own: threads do not survive a fork.
    """
    pid = os.getpid()
    executor = _executors.get(pid)
    if executor is None:
        executor = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="s3m-read-ahead")
        _executors.clear()
        _executors[pid] = executor
    return executor
