"""The importer on real PostgreSQL: same seed as SQLite, and all-or-nothing writes."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import func, select, text

from data.db import current_data_version, session_scope
from data.exporting import export
from data.importers.dispatch import import_file
from data.models import Base, ImportBatch
from data.schemas import IMPORT_KINDS
from data.seeding import seed

pytestmark = pytest.mark.integration


def snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every data table (audit table aside)."""
    tables: dict[str, list[tuple[Any, ...]]] = {}
    with session_scope(url) as session:
        for table in Base.metadata.sorted_tables:
            if table.name != "import_batch":
                stmt = select(table).order_by(*table.primary_key.columns)
                tables[table.name] = [tuple(r) for r in session.execute(stmt)]
    return tables


def row_counts(url: str) -> dict[str, int]:
    with session_scope(url) as session:
        return {
            t.name: session.scalar(select(func.count()).select_from(t)) or 0
            for t in Base.metadata.sorted_tables
            if t.name != "import_batch"
        }


def last_batch(url: str) -> ImportBatch:
    with session_scope(url) as session:
        batch = session.scalars(select(ImportBatch).order_by(ImportBatch.id.desc())).first()
        assert batch is not None, "no import was recorded"
        return batch


def version(url: str) -> int:
    with session_scope(url) as session:
        return current_data_version(session)


def test_seed_on_postgres_matches_sqlite(pg_url: str, sqlite_url: str) -> None:
    assert seed(pg_url) == seed(sqlite_url)
    assert row_counts(pg_url) == row_counts(sqlite_url)
    for kind in IMPORT_KINDS:  # same values, not only the same number of rows
        # Sorted: text collation (ORDER BY name) differs between the two databases.
        pg_lines = sorted(export(pg_url, kind, "csv").splitlines())
        assert pg_lines == sorted(export(sqlite_url, kind, "csv").splitlines()), kind
    start = version(pg_url)
    seed(pg_url)
    assert version(pg_url) == start


def test_refused_import_changes_nothing(pg_url: str) -> None:
    seed(pg_url)
    before, start = snapshot(pg_url), version(pg_url)
    content = (
        b"indicator_code,date,value,status,note,source\n"
        b"RI01,2023-12-31,9,published,,x\n"
        b"RI01,2024-12-31,abc,published,,x\n"
    )
    result = import_file(pg_url, "observations", content, "bad.csv", username="tester")
    assert result.outcome == "refused"
    assert [str(p) for p in result.problems] == ['row 3, column value: "abc" is not a number']
    assert snapshot(pg_url) == before and version(pg_url) == start
    batch = last_batch(pg_url)
    assert (batch.outcome, batch.username) == ("refused", "tester")
    assert json.loads(batch.errors)[0]["row"] == 3


def test_database_error_midway_leaves_everything_as_it_was(pg_url: str) -> None:
    seed(pg_url)
    # A rule the importer does not know about: only the database can refuse the last row,
    # after the batch row, the updates and the first inserts have been sent.
    with session_scope(pg_url) as session:
        session.execute(text("ALTER TABLE observation ADD CONSTRAINT small CHECK (value < 1e9)"))
    before, start = snapshot(pg_url), version(pg_url)
    content = (
        b"indicator_code,date,value,status,note,source\n"
        b"RI01,2023-12-31,9,published,changed,x\n"
        b"RI01,2025-06-30,4,draft,new,x\n"
        b"RI01,2025-07-31,5000000000,draft,too big,x\n"
    )
    result = import_file(pg_url, "observations", content, "o.csv")
    assert result.outcome == "refused"
    assert 'violates check constraint "small"' in result.problems[0].message
    assert snapshot(pg_url) == before and version(pg_url) == start
    assert last_batch(pg_url).outcome == "refused"


def test_upsert_on_postgres(pg_url: str) -> None:
    seed(pg_url)
    content = b"indicator_code,date,value,source\nRI01,2024-12-31,2.5,x\nRI01,2025-06-30,4,x\n"
    result = import_file(pg_url, "observations", content, "o.csv")
    assert (result.outcome, result.inserted, result.updated) == ("committed", 1, 1)
    again = import_file(pg_url, "observations", content, "o.csv")
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 2)
