"""Engine and session factory, created lazily per database URL (never at import time)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, select, update
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from data.models import DataVersion

CONNECT_TIMEOUT_S = 5


@cache
def get_engine(url: str) -> Engine:
    """One engine per URL for the whole process; SQLite gets foreign keys and its folder."""
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    if url.startswith("sqlite"):
        engine = create_engine(url)
    else:
        # A server that does not answer must fail a request in seconds, not hang it.
        engine = create_engine(
            url, pool_pre_ping=True, connect_args={"connect_timeout": CONNECT_TIMEOUT_S}
        )
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def database_unavailable(error: BaseException) -> bool:
    """True when `error` means the database cannot be reached now, rather than a bug.

    A stopped, restarting or unreachable server, a dropped connection, a locked SQLite
    file: the request can be retried in a moment, and the pool reconnects by itself.
    """
    if isinstance(error, (OperationalError, InterfaceError)):
        return True
    return isinstance(error, DBAPIError) and bool(error.connection_invalidated)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # SQLite ignores foreign keys unless asked, per connection.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


@cache
def _session_factory(url: str) -> sessionmaker[Session]:
    return sessionmaker(bind=get_engine(url), expire_on_commit=False)


@contextmanager
def session_scope(url: str) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error."""
    session = _session_factory(url)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def current_data_version(session: Session) -> int:
    """The data version (0 before anything was written)."""
    return session.scalar(select(DataVersion.version).where(DataVersion.id == 1)) or 0


def bump_data_version(session: Session) -> None:
    """Increase the data version inside the caller's transaction."""
    # A request that writes reads the new version after its commit, not the one it memoised.
    _forget_request_data_version()
    event.listen(session, "after_commit", _forget_after_commit, once=True)
    updated = session.execute(
        update(DataVersion).where(DataVersion.id == 1).values(version=DataVersion.version + 1)
    )
    # Session.execute is typed Result; an UPDATE returns a CursorResult, which has rowcount.
    if not updated.rowcount:  # type: ignore[attr-defined]
        session.add(DataVersion(id=1, version=1))


def request_session() -> AbstractContextManager[Session]:
    """A session on the database of the Flask app handling the current request."""
    from flask import current_app  # late: the data layer works without Flask too

    return session_scope(current_app.config["DATABASE_URL"])


_REQUEST_VERSION = "s3m_data_version"  # flask.g attribute


def request_data_version() -> int:
    """The data version for cache keys: read once per web request, then kept in `flask.g`.

    Outside a request (the CLI, a background thread) it is read every time. A write made by
    the request itself (bump_data_version) drops the kept value, so its own next read
    sees the new version.
    """
    from flask import g, has_request_context  # late: the data layer works without Flask too

    if has_request_context():
        version = g.get(_REQUEST_VERSION)
        if version is None:
            version = _read_data_version()
            setattr(g, _REQUEST_VERSION, version)
        return int(version)
    return _read_data_version()


def _read_data_version() -> int:
    with request_session() as session:
        return current_data_version(session)


def _forget_request_data_version() -> None:
    from flask import g, has_request_context

    if has_request_context():
        g.pop(_REQUEST_VERSION, None)


def _forget_after_commit(_session: Session) -> None:
    _forget_request_data_version()
