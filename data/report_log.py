"""Report generations: the record of each report issued, where "what changed" starts.

A report is *generated* when an editor or admin presses "Generate and print" on the report
page (viewers and anonymous clients may print, but not record: a record moves the default
start of "what changed" for everyone, the open API included). The record keeps when, who,
the data version printed, the report's filters and the start of the "what changed" the
printed copy carried. Recording is one transaction, audited in import_batch (kind
"report", outcome "generated") and bumps the data version, because the default start that
every page and the API show moves with it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from data.audit import record_write
from data.db import current_data_version, session_scope
from data.models import ReportGeneration

BASES = ("previous_report", "no_report", "chosen")
MAX_SCOPE = 300


@dataclass(frozen=True)
class Generation:
    """One recorded report: its number, when and by whom, and the start it covered."""

    id: int
    created_at: dt.datetime
    username: str
    covers_since: dt.datetime
    basis: str


def _generation(row: ReportGeneration) -> Generation:
    return Generation(row.id, row.created_at, row.username, row.covers_since, row.basis)


def latest_generation(session: Session) -> Generation | None:
    """The last report generated (None: no report recorded yet)."""
    row = session.scalars(
        select(ReportGeneration)
        .order_by(ReportGeneration.created_at.desc(), ReportGeneration.id.desc())
        .limit(1)
    ).first()
    return None if row is None else _generation(row)


def record_generation(
    url: str, username: str, covers_since: dt.datetime, basis: str, scope: str, lang: str
) -> Generation:
    """Record that a report was issued now, covering changes since `covers_since`."""
    if basis not in BASES:
        raise ValueError(f"basis must be one of {', '.join(BASES)}, not {basis!r}")
    if not username:
        raise ValueError("a report generation needs the user who issued it")
    with session_scope(url) as session:
        version = current_data_version(session)  # the version printed, before this record
        subject = f"report {scope}".strip()
        batch = record_write(session, "report", subject, username, 0, "generated")
        row = ReportGeneration(
            username=username[:100],
            covers_since=covers_since,
            basis=basis,
            scope=scope[:MAX_SCOPE],
            lang=lang[:5],
            data_version=version,
            import_batch_id=batch.id,
        )
        session.add(row)
        session.flush()
        session.refresh(row)  # created_at is the database's clock, like every audit row
        return _generation(row)
