"""Reads begun early (data.read_ahead) on real PostgreSQL: in a thread, once, cached, failing
where their value is taken; on SQLite they stay in the request."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.orm import Session

from data import read_ahead
from data.db import request_reader
from data.read_ahead import Read
from data.seeding import seed
from tests.conftest import make_app


class CountingQuery:
    """A query that records the threads it ran on and the backend that answered it."""

    def __init__(self, sql: str = "SELECT pg_backend_pid()") -> None:
        self.sql = sql
        self.threads: list[str] = []

    def __call__(self, session: Session) -> int:
        self.threads.append(threading.current_thread().name)
        return int(session.execute(text(self.sql)).scalar_one())


def test_a_read_begun_early_runs_once_in_a_thread_and_is_cached(pg_url: str) -> None:
    seed(pg_url)
    flask_app = make_app(pg_url)
    query = CountingQuery()
    read = Read("test-read-ahead", query)
    with flask_app.test_request_context():
        read_ahead.start(read)
        read_ahead.start(read)  # begun already: not again
        with request_reader() as session:
            own = session.execute(text("SELECT pg_backend_pid()")).scalar_one()
        backend = read_ahead.value(read)
    assert len(query.threads) == 1
    assert query.threads[0].startswith("s3m-read-ahead")
    assert backend != own  # a connection of its own, beside the request's
    with flask_app.test_request_context():
        read_ahead.start(read)  # cached by the first request: nothing to begin
        assert read_ahead.value(read) == backend
    assert len(query.threads) == 1


def test_a_failed_read_raises_where_its_value_is_taken(pg_url: str) -> None:
    seed(pg_url)
    flask_app = make_app(pg_url)
    query = CountingQuery("SELECT no_such_column FROM ecosystem")
    read = Read("test-read-ahead-failing", query)
    with flask_app.test_request_context():
        read_ahead.start(read)  # begun: nothing raised yet
        with pytest.raises(ProgrammingError, match="no_such_column"):
            read_ahead.value(read)
    assert query.threads[0].startswith("s3m-read-ahead")
    # Nothing was cached: the next request reads again, in the request.
    with flask_app.test_request_context(), pytest.raises(ProgrammingError):
        read_ahead.value(read)
    assert not query.threads[1].startswith("s3m-read-ahead")


def test_on_sqlite_the_read_stays_in_the_request(seeded_url: str) -> None:
    flask_app = make_app(seeded_url)
    read = Read("test-read-ahead-sqlite", lambda s: threading.current_thread().name)
    with flask_app.test_request_context():
        read_ahead.start(read)
        assert read_ahead.value(read) == threading.current_thread().name
