"""Migrations: from an empty PostgreSQL database to head and back, and in step with models."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from data.db import get_engine
from data.migrate import downgrade, upgrade
from data.models import Base

pytestmark = pytest.mark.integration


def _schema_diff(url: str) -> list:
    with get_engine(url).connect() as conn:
        return compare_metadata(MigrationContext.configure(conn), Base.metadata)


def test_upgrade_from_empty_postgres_creates_every_table(pg_empty_url):
    upgrade(pg_empty_url)
    tables = set(inspect(get_engine(pg_empty_url)).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert "alembic_version" in tables


def test_migrations_match_the_models_on_postgres(pg_url):
    assert _schema_diff(pg_url) == []


def test_migrations_match_the_models_on_sqlite(sqlite_url):
    assert _schema_diff(sqlite_url) == []


def test_downgrade_to_base_and_up_again(pg_url):
    downgrade(pg_url, "base")
    assert set(inspect(get_engine(pg_url)).get_table_names()) == {"alembic_version"}
    upgrade(pg_url)
    assert set(Base.metadata.tables) <= set(inspect(get_engine(pg_url)).get_table_names())
