"""Benchmark of a test's database setup: built from scratch (as before issue 14) or copied.

For each of the fixtures `sqlite_url`, `seeded_url` and (with TEST_DATABASE_URL) `pg_url`,
times the old way (Alembic upgrade, then the seed, into a new database; PostgreSQL: drop the
schema, then upgrade) against the new way of tests/databases.py (copy the session's
template file; PostgreSQL: CREATE DATABASE … TEMPLATE …), in the same process, and prints
the medians and the ratios.

    .venv/bin/python bench/bench_test_setup.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from data.db import get_engine  # noqa: E402
from data.migrate import upgrade  # noqa: E402
from data.seeding import seed  # noqa: E402
from tests.databases import PostgresDatabases, SqliteTemplates  # noqa: E402


def median_seconds(repeat: int, run: Callable[[int], object]) -> float:
    times = []
    for i in range(repeat):
        start = time.perf_counter()
        run(i)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def old_postgres(url: str) -> None:
    engine = get_engine(url)
    engine.dispose()
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    upgrade(url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    repeat = parser.parse_args().repeat
    folder = Path(tempfile.mkdtemp(prefix="bench-test-setup-"))
    templates = SqliteTemplates(folder / "templates")
    templates.seeded_copy(folder / "warm.db")  # the session's one-off cost, not per test

    def old_sqlite(i: int, seeded: bool) -> None:
        url = f"sqlite:///{folder / f'old-{seeded}-{i}.db'}"
        upgrade(url)
        if seeded:
            seed(url)

    rows = [
        (
            "sqlite_url",
            median_seconds(repeat, lambda i: old_sqlite(i, False)),
            median_seconds(repeat, lambda i: templates.migrated_copy(folder / f"m{i}.db")),
        ),
        (
            "seeded_url",
            median_seconds(repeat, lambda i: old_sqlite(i, True)),
            median_seconds(repeat, lambda i: templates.seeded_copy(folder / f"s{i}.db")),
        ),
    ]
    pg = os.environ.get("TEST_DATABASE_URL")
    if pg:
        databases = PostgresDatabases(pg)
        databases.migrated()  # builds the template once
        rows.append(
            (
                "pg_url",
                median_seconds(repeat, lambda i: old_postgres(databases.url)),
                median_seconds(repeat, lambda i: databases.migrated()),
            )
        )
        databases.drop()
    print(f"median of {repeat} (ms)  before     after  before/after")
    for name, before, after in rows:
        print(f"{name:<18} {before * 1000:8.1f} {after * 1000:9.2f} {before / after:11.0f}×")


if __name__ == "__main__":
    main()
