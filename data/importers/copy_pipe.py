"""Rows piped from one PostgreSQL connection into another, each server backend on its own core.

The COPY path of the OpenCoesione import stages and derives the file on other connections
of its own (the readers: two for a large file, each with a part of it), while the import's
transaction writes the derived rows: `COPY (SELECT …) TO STDOUT` on each reader in turn,
piped into one `COPY … FROM STDIN` on the writer, both in binary form. One backend derives
the rows while the other writes them, so the two halves of the work overlap instead of
following each other in one statement (`INSERT … SELECT`), and the writer loads them as
COPY does, a page of rows at a time.

A reader only reads committed tables and its own temporary ones; everything it does is
rolled back when it closes. Nothing reaches the database but through the writer's
transaction, which stays the import's one transaction.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager
from typing import Any

from psycopg import Copy
from psycopg.errors import error_from_result
from psycopg.pq import ExecStatus
from psycopg.pq.abc import PGconn
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

# Rows are written in blocks of this size: psycopg's own largest (it splits bigger ones).
BLOCK = 128 * 1024
# The binary COPY format: a header (signature, flags, length of the header extension: the
# server writes 0 and 0), the rows, then a trailer.
HEADER = b"PGCOPY\n\xff\r\n\x00" + bytes(8)
TRAILER = b"\xff\xff"


@contextmanager
def reader_sessions(session: Session, count: int) -> Iterator[list[Session]]:
    """`count` sessions on other connections of `session`'s engine, rolled back when done.

    Each is connected here, so that a thread that uses one finds it connected.
    """
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    with ExitStack() as stack:
        readers = []
        for _ in range(count):
            reader = Session(engine)
            stack.callback(reader.close)
            stack.callback(reader.rollback)
            reader.connection()
            readers.append(reader)
        yield readers


def literal_sql(session: Session, sql: str, params: dict[str, Any]) -> str:
    """`sql` with its parameters written in (COPY … TO takes no bound parameters)."""
    statement = text(sql).bindparams(**params)
    dialect = session.get_bind().dialect
    return str(statement.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))


def pipe(
    sources: Sequence[tuple[Session, str]],
    writer: Session,
    target: str,
    bytes_per_statement: int | None = None,
) -> int:
    """The rows of each source's select (on its reader), copied into `target` (on `writer`).

    The sources are read one after the other, in their order, into one COPY, or into a
    COPY per `bytes_per_statement` bytes of rows or so (cut between two blocks, all in the
    writer's transaction); the number of rows copied is returned. `target` is a table with
    its column list; each select must give exactly those columns' types (binary COPY does
    not convert). An error on either side stops both and is raised.
    """
    with driver_connection(writer).cursor() as sink:
        sql = f"COPY {target} FROM STDIN (FORMAT binary)"
        with _Statements(sink, sql, bytes_per_statement) as statements:
            for reader, select_sql in sources:
                connection = driver_connection(reader)
                select = f"COPY ({select_sql}) TO STDOUT (FORMAT binary)"
                with connection.cursor() as source, source.copy(select):
                    _forward(connection.pgconn, statements)
                # One stream into each statement: the rows between its own header and trailer.
                if not statements.block.endswith(TRAILER):
                    raise RuntimeError("a binary COPY ended without its trailer")
                del statements.block[-len(TRAILER) :]
            statements.end()
        return statements.copied


class _Statements:
    """The writer's side of a pipe: COPY statements, one open at a time.

    Each statement's stream is the binary format's header, rows, trailer. Rows are written
    in blocks of BLOCK bytes, each ending with a whole row; after `limit` bytes or more the
    statement is ended, and the next block opens another. An error ends the open statement
    as failed.
    """

    def __init__(self, cursor: Any, sql: str, limit: int | None) -> None:
        self._cursor, self._sql, self._limit = cursor, sql, limit
        self._copy: AbstractContextManager[Copy] | None = None
        self._into: Copy | None = None
        self._sent = 0  # bytes of rows in the open statement
        self.block = bytearray()  # rows not written yet
        self.copied = 0  # rows of the statements ended

    def __enter__(self) -> _Statements:
        return self

    def __exit__(self, *exc: Any) -> None:
        self._close(*exc)

    def write(self, block: bytearray) -> None:
        """Rows, ending with a whole row."""
        self._send(block)
        if self._limit is not None and self._sent >= self._limit:
            self._send(TRAILER)
            self._close(None, None, None)

    def end(self) -> None:
        """The rows kept (`block`) written, and the open statement ended (or one opened)."""
        self._send(self.block + TRAILER)
        self.block = bytearray()
        self._close(None, None, None)

    def _send(self, data: bytes | bytearray) -> None:
        if self._into is None:
            self._copy = self._cursor.copy(self._sql)
            self._into = self._copy.__enter__()
            self._into.write(HEADER)
            self._sent = 0
        self._into.write(data)
        self._sent += len(data)

    def _close(self, *exc: Any) -> None:
        copy, self._copy, self._into = self._copy, None, None
        if copy is not None:
            copy.__exit__(*exc)
            if exc[0] is None:
                self.copied += int(self._cursor.rowcount)


def _forward(source: PGconn, out: _Statements) -> None:
    """The rows of the COPY … TO running on `source`, written to `out` in blocks.

    `out.block` holds what is not written yet, and is left with the source's last bytes
    (its trailer at least), which the caller drops. The source's header is dropped: each
    statement writes its own (`_Statements`). libpq hands over one row a call: its own
    call, rather than psycopg's reading of a row (a generator a row), halves the client's
    time per row (0.5 s against 0.9-1.2 s for a million rows, measured); a synchronous
    write, rather than a writer thread, is the cheaper of the two.
    """
    size, row = source.get_copy_data(0)  # waits for a row; -1 at the end
    if size >= 0:
        if bytes(row[: len(HEADER)]) != HEADER:
            raise RuntimeError("a binary COPY began without the expected header")
        row = row[len(HEADER) :]
    block = out.block
    while size >= 0:
        if len(block) >= BLOCK:  # before the row: the last row stays in the block
            out.write(block)
            block = bytearray()
        block += row
        size, row = source.get_copy_data(0)
    out.block = block
    # The end of the COPY: its result, an error (a refused row) included.
    while (result := source.get_result()) is not None:
        if result.status != ExecStatus.COMMAND_OK:
            raise error_from_result(result)


def driver_connection(session: Session) -> Any:
    """The psycopg connection under `session`'s connection."""
    connection = session.connection().connection.driver_connection
    if connection is None:  # only a detached pool connection has none
        raise RuntimeError("the session's connection has no DBAPI connection")
    return connection
