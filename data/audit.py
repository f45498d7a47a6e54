"""One write made in the app, recorded in the audit history (import_batch).

Every write from a form (a value entered or corrected, an indicator revised, a report
generated) and from `s3dash demo` leaves an import_batch row, in its own transaction, and
bumps the data version so that cached reads and the pages see it.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from data.db import bump_data_version
from data.models import ImportBatch

MAX_SUBJECT = 300  # import_batch.file_name
MAX_USERNAME = 100


def record_write(
    session: Session,
    kind: str,
    subject: str,
    username: str,
    rows: int,
    outcome: str,
    *,
    sha256: str = "",
    is_synthetic: bool = False,
) -> ImportBatch:
    """Add the audit row of a write (flushed: its id is set) and bump the data version."""
    batch = ImportBatch(
        kind=kind,
        file_name=subject[:MAX_SUBJECT],
        sha256=sha256,
        username=username[:MAX_USERNAME],
        rows=rows,
        outcome=outcome,
        errors="",
        is_synthetic=is_synthetic,
    )
    session.add(batch)
    bump_data_version(session)
    session.flush()
    return batch
