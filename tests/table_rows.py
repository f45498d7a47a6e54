"""Every row of every table of a database, for before/after comparisons."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import select

from data.db import session_scope
from data.models import Base

# Audit and bookkeeping tables: they record the history, so they are expected to change.
BOOKKEEPING = frozenset({"import_batch", "data_version"})


def data_tables(url: str, skip: Collection[str] = BOOKKEEPING) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table but those in `skip`, by table name, in primary key order."""
    tables: dict[str, list[tuple[Any, ...]]] = {}
    with session_scope(url) as session:
        for table in Base.metadata.sorted_tables:
            if table.name not in skip:
                stmt = select(table).order_by(*table.primary_key.columns)
                tables[table.name] = [tuple(r) for r in session.execute(stmt)]
    return tables
