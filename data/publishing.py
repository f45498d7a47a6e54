"""After an import: publish drafts, undo a batch, refresh forecasts, list what staff manage.

`publish_drafts` turns draft observations into published ones (all, or one batch's);
`undo_batch` puts back what a committed batch replaced (`import_batch.replaced`, written by
data.importers.writing.write_rows). Each runs in one transaction, is recorded in the audit log
(`import_batch`, outcome "published" or "undo") and bumps the data version, so every
worker's cache moves on. `refresh_forecasts` then refits the affected series in a separate
process: never inside a web request (DESIGN.md, "Architecture").
"""

from __future__ import annotations

import csv
import io
import logging
import threading
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from data.db import bump_data_version, session_scope
from data.importers.checks import SPECS
from data.importers.writing import ImportResult, Replaced, decode_value, restore_links
from data.models import Base, ImportBatch, Indicator, Observation

if TYPE_CHECKING:  # the Data page's frames only: `s3dash import` loads this module too
    import pandas as pd

log = logging.getLogger(__name__)

COMMITTED, UNDONE, UNDO, PUBLISHED = "committed", "undone", "undo", "published"
DRAFT = "draft"
_CHUNK = 500  # ids per IN (...): under every driver's parameter limit
# Derived tables that follow their indicator (refreshed after an undo), not user data.
_DERIVED_TABLES = frozenset({"forecast_run", "forecast_point"})
# A cluster's or call's own link rows go with it when an undo deletes it.
_OWN_LINK_TABLES = {"clusters": "cluster_ecosystem", "calls": "call_ecosystem"}


class UndoRefused(ValueError):
    """A batch cannot be undone; `reason` is a catalogue key suffix, `params` its values."""

    def __init__(self, reason: str, message: str, **params: Any) -> None:
        super().__init__(message)
        self.reason = reason
        self.params = params


@dataclass
class ChangeResult:
    """What a publish or an undo changed; `audit_id` is its import_batch entry."""

    rows: int
    audit_id: int | None = None
    forecast_codes: list[str] = field(default_factory=list)
    funding_changed: bool = False


# --- publish ---------------------------------------------------------------------------------


def publish_drafts(url: str, batch_id: int | None, username: str) -> ChangeResult:
    """Publish the draft observations of batch `batch_id` (None: every draft), atomically.

    Raises ValueError when the batch does not exist. Publishing nothing records nothing.
    The audit entry's `replaced` names the rows published (their status before: draft),
    so that "what changed" dates a value from when the public could see it (data/changes.py).
    """
    with session_scope(url) as session:
        target: ImportBatch | None = None
        stmt = (
            select(Observation.id, Indicator.code)
            .join(Indicator, Observation.indicator_id == Indicator.id)
            .where(Observation.status == DRAFT)
        )
        if batch_id is not None:
            target = session.get(ImportBatch, batch_id)
            if target is None:
                raise ValueError(f"import batch {batch_id} does not exist")
            stmt = stmt.where(Observation.import_batch_id == batch_id)
        found = session.execute(stmt.with_for_update(of=Observation)).all()
        if not found:
            return ChangeResult(0)
        ids = [row_id for row_id, _ in found]
        for start in range(0, len(ids), _CHUNK):
            session.execute(
                update(Observation)
                .where(Observation.id.in_(ids[start : start + _CHUNK]))
                .values(status="published")
                .execution_options(synchronize_session=False)
            )
        audit = ImportBatch(
            kind="observations",
            file_name=target.file_name if target is not None else "*",
            sha256=target.sha256 if target is not None else "",
            username=username[:100],
            rows=len(ids),
            outcome=PUBLISHED,
            errors="",
            target_batch_id=batch_id,
            replaced=Replaced(
                "observations", [], [{"id": i, "values": {"status": DRAFT}} for i in ids]
            ).to_json(),
        )
        session.add(audit)
        bump_data_version(session)
        session.flush()
        return ChangeResult(len(ids), audit.id, sorted({code for _, code in found}))


# --- undo ------------------------------------------------------------------------------------


def undo_batch(url: str, batch_id: int, username: str) -> ChangeResult:
    """Restore what committed batch `batch_id` replaced, in one transaction.

    Rows it inserted are deleted, rows it updated get back every value (and link) they had.
    Refused (UndoRefused, nothing changed) when a later committed batch changed the same
    rows, when rows it updated are gone, or when other data now use rows it inserted.
    """
    with session_scope(url) as session:
        batch = session.scalar(
            select(ImportBatch).where(ImportBatch.id == batch_id).with_for_update()
        )
        if batch is None:
            raise UndoRefused("missing", f"import batch {batch_id} does not exist", batch=batch_id)
        if batch.outcome != COMMITTED:
            raise UndoRefused(
                "not_committed",
                f"import batch {batch_id} is {batch.outcome!r}: only a committed import can be "
                "undone",
                batch=batch_id,
                outcome=batch.outcome,
            )
        replaced = Replaced.from_json(batch.replaced)
        if replaced is None:
            raise UndoRefused(
                "no_snapshot",
                f"import batch {batch_id} cannot be undone: what it replaced was not recorded "
                "(it predates undo, or it changed too many rows to keep their previous state)",
                batch=batch_id,
            )
        _check_later_batches(session, batch, replaced)
        _check_rows(session, batch, replaced)
        _check_dependents(session, replaced)
        codes = _indicator_codes(session, replaced)
        _restore(session, replaced)
        batch.outcome = UNDONE
        audit = ImportBatch(
            kind=batch.kind,
            file_name=batch.file_name,
            sha256=batch.sha256,
            username=username[:100],
            rows=len(replaced.inserted) + len(replaced.updated),
            outcome=UNDO,
            errors="",
            target_batch_id=batch.id,
        )
        session.add(audit)
        bump_data_version(session)
        session.flush()
        return ChangeResult(
            audit.rows, audit.id, codes, funding_changed=replaced.kind == "projects"
        )


def _chunks(ids: Collection[int]) -> list[list[int]]:
    ordered = sorted(ids)
    return [ordered[i : i + _CHUNK] for i in range(0, len(ordered), _CHUNK)]


def _check_later_batches(session: Session, batch: ImportBatch, replaced: Replaced) -> None:
    mine = replaced.ids
    later: list[int] = []
    stmt = (
        select(ImportBatch.id, ImportBatch.replaced)
        .where(
            ImportBatch.id > batch.id,
            ImportBatch.kind == batch.kind,
            ImportBatch.outcome == COMMITTED,
            ImportBatch.replaced != "",
        )
        .order_by(ImportBatch.id)
    )
    for other_id, text in session.execute(stmt):
        other = Replaced.from_json(text)
        if other is not None and other.ids & mine:
            later.append(other_id)
    if later:
        shown = ", ".join(str(i) for i in later)
        raise UndoRefused(
            "later",
            f"rows of import batch {batch.id} were changed later by batches {shown}: "
            "undo those first",
            later=shown,
        )


def _check_rows(session: Session, batch: ImportBatch, replaced: Replaced) -> None:
    model = SPECS[replaced.kind].model
    pk = model.__table__.c.id
    updated = {int(u["id"]) for u in replaced.updated}
    present: set[int] = set()
    for chunk in _chunks(updated):
        present |= set(session.scalars(select(pk).where(pk.in_(chunk))))
    if updated - present:
        n = len(updated - present)
        raise UndoRefused("gone", f"{n} rows this batch updated no longer exist", n=n)
    # Observations and projects name the batch that last changed them: a later batch that
    # left no undo record (before migration 0003) is caught here too.
    column = model.__table__.c.get("import_batch_id")
    if column is None:
        return
    later: set[int] = set()
    for chunk in _chunks(replaced.ids):
        stmt = select(column).where(pk.in_(chunk), column.is_distinct_from(batch.id)).distinct()
        later |= {int(b) if b is not None else 0 for b in session.scalars(stmt)}
    if later:
        shown = ", ".join(str(b) for b in sorted(later))
        raise UndoRefused(
            "later",
            f"rows of import batch {batch.id} were changed later by batches {shown}: "
            "undo those first",
            later=shown,
        )


def _check_dependents(session: Session, replaced: Replaced) -> None:
    if not replaced.inserted:
        return
    table = SPECS[replaced.kind].model.__table__
    skip = _DERIVED_TABLES | {_OWN_LINK_TABLES.get(replaced.kind, "")}
    for other in Base.metadata.sorted_tables:
        if other.name in skip:
            continue
        for fk in other.foreign_keys:
            if fk.column.table is not table:
                continue
            n = 0
            for chunk in _chunks(replaced.inserted):
                stmt = select(func.count()).select_from(other).where(fk.parent.in_(chunk))
                if other.name == "observation_revision":
                    # A value entered in the app and not revised since may be undone; its
                    # "entered" record stays in the history (observation_id set to NULL).
                    stmt = stmt.where(other.c.action != "entered")
                n += session.scalar(stmt) or 0
            if n:
                raise UndoRefused(
                    "dependents",
                    f"other data ({other.name}: {n} rows) use rows this batch created",
                    table=other.name,
                    n=n,
                )


def _indicator_codes(session: Session, replaced: Replaced) -> list[str]:
    # The forecast series an undo changes; indicators it deletes take their forecasts along.
    if replaced.kind == "indicators":
        ids = {int(u["id"]) for u in replaced.updated}
        column = Indicator.id
    elif replaced.kind == "observations":
        found: set[str] = set()
        for chunk in _chunks(replaced.ids):
            stmt = (
                select(Indicator.code)
                .join(Observation, Observation.indicator_id == Indicator.id)
                .where(Observation.id.in_(chunk))
            )
            found |= set(session.scalars(stmt))
        return sorted(found)
    else:
        return []
    codes: set[str] = set()
    for chunk in _chunks(ids):
        codes |= set(session.scalars(select(Indicator.code).where(column.in_(chunk))))
    return sorted(codes)


def _restore(session: Session, replaced: Replaced) -> None:
    model = SPECS[replaced.kind].model
    for state in replaced.updated:
        obj = session.get(model, int(state["id"]))
        assert obj is not None  # checked by _check_rows, under the batch's row lock
        for attribute, value in state["values"].items():
            setattr(obj, attribute, decode_value(model, attribute, value))
        if "links" in state:
            restore_links(session, replaced.kind, obj, state["links"])
    for row_id in replaced.inserted:
        obj = session.get(model, row_id)
        if obj is not None:
            session.delete(obj)
    session.flush()


# --- forecasts -------------------------------------------------------------------------------


def refresh_forecasts(url: str, codes: Sequence[str], funding_changed: bool = False) -> bool:
    """Refit, in a background process, the series a change touched; False if none was.

    `codes` are indicator codes; a change to the projects refreshes every series (the
    funding series are built from them; unchanged series are skipped by their hash).
    Never raises: a forecast that could not be started leaves the old one, marked by the
    forecasts page, and the error in the log.
    """
    if not codes and not funding_changed:
        return False
    try:
        from data.forecast_launch import refresh_in_background

        process = refresh_in_background(url, None if funding_changed else list(codes))
    except Exception:  # the data change is committed either way
        log.exception("could not start the forecast refresh for %s", list(codes) or "all")
        return False
    # Reap the child when it ends, so a long-lived web worker collects no zombies.
    threading.Thread(target=process.wait, name="forecast-refresh-reaper", daemon=True).start()
    return True


def refresh_after_import(url: str, result: ImportResult) -> bool:
    """`refresh_forecasts` for what a committed import changed."""
    if result.outcome != COMMITTED:
        return False
    return refresh_forecasts(url, result.forecast_codes, result.funding_changed)


# --- what the Data page lists ----------------------------------------------------------------

HISTORY_COLUMNS = [
    "id",
    "created_at",
    "kind",
    "file_name",
    "sha256",
    "username",
    "rows",
    "outcome",
    "target_batch_id",
    "undoable",
]


def history_frame(session: Session, limit: int = 200) -> pd.DataFrame:
    """The audit log, newest first, with whether each entry can be undone."""
    undoable = (ImportBatch.outcome == COMMITTED) & (func.length(ImportBatch.replaced) > 0)
    stmt = (
        select(
            ImportBatch.id,
            ImportBatch.created_at,
            ImportBatch.kind,
            ImportBatch.file_name,
            ImportBatch.sha256,
            ImportBatch.username,
            ImportBatch.rows,
            ImportBatch.outcome,
            ImportBatch.target_batch_id,
            undoable.label("undoable"),
        )
        .order_by(ImportBatch.id.desc())
        .limit(limit)
    )
    rows = [tuple(r) for r in session.execute(stmt)]
    import pandas as pd

    frame = pd.DataFrame(rows, columns=HISTORY_COLUMNS)
    frame["undoable"] = frame["undoable"].astype(bool)
    return frame


def batch_drafts(session: Session, batch_id: int) -> int:
    """How many draft observations batch `batch_id` brought (still drafts now)."""
    stmt = select(func.count(Observation.id)).where(
        Observation.import_batch_id == batch_id, Observation.status == DRAFT
    )
    return int(session.scalar(stmt) or 0)


DRAFT_COLUMNS = ["batch_id", "file_name", "username", "created_at", "drafts"]


def drafts_frame(session: Session) -> pd.DataFrame:
    """Draft observations counted by the batch that brought them (None: no batch)."""
    stmt = (
        select(
            Observation.import_batch_id,
            ImportBatch.file_name,
            ImportBatch.username,
            ImportBatch.created_at,
            func.count(Observation.id),
        )
        .outerjoin(ImportBatch, Observation.import_batch_id == ImportBatch.id)
        .where(Observation.status == DRAFT)
        .group_by(
            Observation.import_batch_id,
            ImportBatch.file_name,
            ImportBatch.username,
            ImportBatch.created_at,
        )
        .order_by(Observation.import_batch_id.desc())
    )
    import pandas as pd

    return pd.DataFrame([tuple(r) for r in session.execute(stmt)], columns=DRAFT_COLUMNS)


# --- tables as downloads ---------------------------------------------------------------------


def _cell(value: Any) -> Any:
    from data.exporting import neutralise  # data.queries and pandas: downloads only

    if isinstance(value, str):
        return neutralise(value)
    return value


def table_file(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str) -> bytes:
    """A table (a chart's data, a list of problems) as CSV or XLSX, formulas neutralised."""
    from data.exporting import neutralise

    if fmt == "csv":
        text = io.StringIO(newline="")
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow([neutralise(str(c)) for c in columns])
        for row in rows:
            writer.writerow(["" if v is None else _cell(v) for v in row])
        return text.getvalue().encode("utf-8")
    if fmt == "xlsx":
        from openpyxl import Workbook
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("data")
        sheet.append([neutralise(str(c)) for c in columns])
        for row in rows:
            sheet.append(
                [ILLEGAL_CHARACTERS_RE.sub("", _cell(v)) if isinstance(v, str) else v for v in row]
            )
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()
    raise ValueError(f"unknown format {fmt!r}: expected csv or xlsx")
