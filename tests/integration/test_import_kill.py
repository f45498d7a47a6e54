"""An import killed halfway (SIGKILL during the INSERTs) leaves PostgreSQL as it was.

`s3dash import observations BIG.csv` runs in a subprocess on a file big enough to take a
few seconds; the test waits until pg_stat_activity shows that process's connection writing
observations, kills it, and compares every table, audit log included, with before.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from data.db import get_engine, session_scope
from data.importers.dispatch import import_file
from data.models import Base
from tests.unit.conftest import SAMPLES, to_csv

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
APP_NAME = "s3dash-kill-test"
CODES = ("KILL01",)
START, END = dt.date(2000, 1, 1), dt.date(2100, 12, 31)


def every_table(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, the audit log and the data version included."""
    with session_scope(url) as session:
        return {
            table.name: [
                tuple(r)
                for r in session.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in Base.metadata.sorted_tables
        }


def synthetic_indicators() -> list[dict[str, str]]:
    # A daily series over a century: enough distinct dates for a file of ~37 000 rows.
    base = SAMPLES["indicators"][0]
    return [
        dict(base, code=code, baseline_date=START.isoformat(), target_date=END.isoformat())
        for code in CODES
    ]


def big_file(path: Path) -> int:
    lines = ["indicator_code,date,value,status,source"]
    days = (END - START).days
    for code in CODES:
        lines += [
            f"{code},{START + dt.timedelta(days=d)},{d % 997}.5,published,kill test"
            for d in range(1, days + 1)
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines) - 1


def writer_backends(url: str) -> list[tuple[int, str, str]]:
    """(pid, state, query) of the killed import's connections."""
    with get_engine(url).connect() as conn:
        rows = conn.execute(
            text(
                "SELECT pid, state, query FROM pg_stat_activity "
                "WHERE application_name = :name AND pid <> pg_backend_pid()"
            ),
            {"name": APP_NAME},
        )
        return [(int(pid), str(state), str(query)) for pid, state, query in rows]


def s3dash() -> list[str]:
    script = Path(sys.executable).with_name("s3dash")
    return [str(script)] if script.exists() else [sys.executable, "-m", "data.cli"]


def test_import_killed_halfway_leaves_the_database_as_it_was(pg_url: str, tmp_path: Path):
    for kind in ("ecosystems", "indicators", "observations"):
        assert import_file(pg_url, kind, to_csv(SAMPLES[kind]), f"{kind}.csv").ok
    assert import_file(pg_url, "indicators", to_csv(synthetic_indicators()), "kill.csv").ok
    path = tmp_path / "BIG.csv"
    rows = big_file(path)
    assert rows > 30_000
    before = every_table(pg_url)

    url = make_url(pg_url).update_query_dict({"application_name": APP_NAME})
    env = {**os.environ, "DATABASE_URL": url.render_as_string(hide_password=False)}
    process = subprocess.Popen(
        [*s3dash(), "import", "observations", str(path)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 120
        writing = False
        while time.monotonic() < deadline and process.poll() is None:
            # Validation is over and the rows are going in: an INSERT in an open transaction.
            writing = any(
                query.lstrip().upper().startswith("INSERT INTO OBSERVATION")
                and state in ("active", "idle in transaction")
                for _, state, query in writer_backends(pg_url)
            )
            if writing:
                break
            time.sleep(0.02)
        assert writing, "the import never reached its INSERTs (or finished before)"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    output = process.stdout.read().decode() if process.stdout else ""
    assert process.returncode == -signal.SIGKILL, output
    assert "rows imported" not in output

    # PostgreSQL notices the dead client, rolls its transaction back and ends the backend.
    deadline = time.monotonic() + 60
    while writer_backends(pg_url) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert writer_backends(pg_url) == []
    assert every_table(pg_url) == before
