"""Import one file of one KIND: validate everything first, then upsert in one transaction.

The one entry point of every import (`import_file`, `import_path`, and `read_table` for a
preview): an OpenCoesione projects file goes to data.importers.chunked, which streams it;
any other file is read whole here. The stages of data/importers/ run one way:

    problems → reading → cells → checks → writing
                 └→ opencoesione → file_scan → copy_pipe → copy_split → copy_load
                       → chunked → dispatch (this module)

The flow of `import_file` for a file read whole:

1. read the bytes (`read_table`) and check every row against the schema and the database
   (data.importers.checks.check), collecting all problems;
2. if there is any problem, write no data and record the attempt in `import_batch`
   (outcome "refused") in a transaction of its own; a clean dry run rehearses step 3 in a
   transaction that is rolled back, to count what would be new, updated or unchanged, and
   records the attempt as "dry-run";
3. otherwise, in ONE transaction: record the batch, upsert every row by the schema key
   (rows not in the file stay untouched), replace the link rows of the upserted rows,
   keep in the batch what was replaced (`import_batch.replaced`, so that
   data.publishing.undo_batch can restore it), and bump the data version when something
   actually changed.

A database error during step 3 rolls everything back; the attempt is then recorded as
refused, so the data stay exactly as they were.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from data.db import session_scope
from data.ecosystem_mapping import MappingError, load_mapping
from data.importers.checks import SPECS, ParsedRow, check
from data.importers.chunked import import_opencoesione
from data.importers.file_scan import NulByteError
from data.importers.opencoesione import looks_like_opencoesione, read_frame
from data.importers.problems import Problem
from data.importers.reading import (
    file_problems,
    is_xlsx,
    schema_for,
    table_frame,
    text_encoding_problems,
)
from data.importers.writing import (
    Audit,
    Counts,
    ImportResult,
    commit,
    database_refusal,
    fill_counts,
    rehearse,
)
from data.schemas import WITHDRAWN

if TYPE_CHECKING:  # pandas only where a frame is built: the COPY path never loads it
    import pandas as pd

_HEAD_BYTES = 64 * 1024  # enough for any header line


def import_path(url: str, kind: str, path: Path, **options: Any) -> ImportResult:
    """`import_file` on a file on disk (OSError if it cannot be read).

    An OpenCoesione projects file is streamed from disk in chunks rather than read whole
    (data.importers.chunked); `progress` (bytes done, bytes in total) then follows it.
    One with a NUL byte past its first block is read whole after all, by the generic
    reader, which says where the byte is: the streaming importer finds it while it reads
    the file (no reading of its own) and stops before anything is recorded.
    """
    progress = options.pop("progress", None)
    if kind == "projects":
        with path.open("rb") as stream:
            head = stream.read(_HEAD_BYTES)
        if _streamable(head, path.name):
            streamed = {k: v for k, v in options.items() if k != "default_status"}
            try:
                return import_opencoesione(
                    url, lambda: path.open("rb"), path.name, progress=progress, **streamed
                )
            except NulByteError:
                pass
    return import_file(url, kind, path.read_bytes(), path.name, **options)


def read_table(
    kind: str, content: bytes, file_name: str
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Parse CSV or XLSX bytes into text cells indexed by spreadsheet row number.

    Returns (None, problems) when the file cannot be read at all (too big, not UTF-8,
    wrong delimiter, empty, not a workbook); otherwise the frame and the problems found
    while reading. An OpenCoesione projects file comes translated into the projects
    format (for showing an upload; the importer itself streams it).
    """
    problems = file_problems(kind, content, file_name)
    if problems:
        return None, problems
    if kind == "projects" and is_opencoesione(content, file_name):
        return _opencoesione_frame(content, file_name)
    return table_frame(content, file_name)


def is_opencoesione(content: bytes, file_name: str) -> bool:
    """True for a CSV in the OpenCoesione layout (its header names COD_LOCALE_PROGETTO)."""
    return not is_xlsx(content, file_name) and looks_like_opencoesione(content[:65536])


def _opencoesione_frame(
    content: bytes, file_name: str
) -> tuple[pd.DataFrame | None, list[Problem]]:
    # The mapping's ecosystem codes are checked against the database only by the importer.
    try:
        mapping = load_mapping(None)
    except MappingError as exc:
        return None, [Problem(None, None, str(exc))]
    return read_frame(content, file_name, mapping)


def _streamable(head: bytes, file_name: str) -> bool:
    """An OpenCoesione CSV the streaming importer reads (from its first bytes).

    A UTF-16 file or a NUL byte is refused by the generic reader instead, with its position.
    """
    return is_opencoesione(head, file_name) and not text_encoding_problems(head)


def import_file(
    url: str,
    kind: str,
    content: bytes,
    file_name: str,
    *,
    dry_run: bool = False,
    username: str = "",
    default_status: str = "draft",
    on_commit: Callable[[Session, ImportResult], None] | None = None,
) -> ImportResult:
    """Validate a CSV/XLSX file of `kind` and, if all of it is valid, upsert it.

    `on_commit(session, result)` runs inside the import's transaction just before it
    commits (data/revisions.py records a value entered in the app there); what it raises
    rolls the whole import back and propagates.

    A projects file in the OpenCoesione format (recognised by its header) goes through
    data.importers.chunked, with the same all-or-nothing rules and the same audit.

    `default_status` is the status of observations whose status cell is empty or whose
    file has no status column. Raises ValueError for an unknown kind or status, and
    SQLAlchemyError only when the database cannot even record the attempt.
    """
    schema = schema_for(kind)
    _check_status(kind, default_status)
    if kind == "projects" and _streamable(content, file_name):
        return import_opencoesione(
            url, lambda: io.BytesIO(content), file_name, dry_run=dry_run, username=username
        )
    sha256 = hashlib.sha256(content).hexdigest()
    frame, problems = read_table(kind, content, file_name)
    n_rows = 0 if frame is None else len(frame)
    audit = Audit(url, kind, file_name, sha256, username, n_rows)
    rehearsal: Counts | None = None
    try:
        with session_scope(url) as session:
            rows: list[ParsedRow] = []
            if frame is not None:
                rows, more = check(session, kind, frame)
                problems = _merge(problems, more)
            if not problems and not dry_run:
                committed = commit(session, schema, rows, audit, default_status)
                if on_commit is not None:
                    on_commit(session, committed)
                return committed
            if not problems:
                rehearsal = rehearse(session, schema, rows, audit, default_status)
    except SQLAlchemyError as exc:
        problems = [Problem(None, None, database_refusal(exc))]
        try:
            return audit.record("refused", problems)
        except SQLAlchemyError:
            raise exc from None
    result = audit.record("dry-run" if dry_run else "refused", problems)
    if rehearsal is not None:
        fill_counts(result, rehearsal)
    return result


def _check_status(kind: str, status: str) -> None:
    column = SPECS[kind].status_column
    if column is None:
        return
    # Withdrawn is kept from a file, never a default: withdrawing needs a reason (the app).
    choices = tuple(
        c
        for c in next(c.choices for c in schema_for(kind).columns if c.name == column)
        if c != WITHDRAWN
    )
    if status not in choices:
        raise ValueError(f"default_status must be one of {', '.join(choices)}, not {status!r}")


def _merge(first: list[Problem], second: list[Problem]) -> list[Problem]:
    # Reading problems (ragged rows) and checking problems, in file order.
    return sorted([*first, *second], key=lambda p: p.row or 0)
