"""Forecast refresh on PostgreSQL: the seed fitted, stored, skipped, and the same as SQLite."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from data.db import session_scope
from data.forecasting import latest_forecast_points, latest_forecasts, refresh
from data.seeding import seed
from tests.forecast_runs import NUMBERS, add_observation, fail_ri05

pytestmark = pytest.mark.integration


def frames(url: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    with session_scope(url) as session:
        return latest_forecasts(session).set_index("series_key"), latest_forecast_points(session)


def test_refresh_on_postgres_matches_sqlite_and_skips_the_second_time(pg_url, seeded_url):
    seed(pg_url)
    first = refresh(pg_url, jobs=2)
    assert (first.fitted, first.failed, first.insufficient) == (6, 0, 2)
    second = refresh(pg_url)
    assert (second.fitted, second.skipped) == (0, 8)

    refresh(seeded_url)
    pg_runs, pg_points = frames(pg_url)
    sqlite_runs, sqlite_points = frames(seeded_url)
    pd.testing.assert_frame_equal(pg_runs[NUMBERS], sqlite_runs[NUMBERS])
    pd.testing.assert_frame_equal(pg_points, sqlite_points)
    assert pg_runs["data_hash"].equals(sqlite_runs["data_hash"])


def test_failure_on_postgres_keeps_the_previous_run_stale(pg_url):
    seed(pg_url)
    refresh(pg_url)
    add_observation(pg_url, "RI05", dt.date(2025, 12, 31), 90.0)
    summary = refresh(pg_url, fit=fail_ri05)
    assert (summary.failed, summary.skipped) == (1, 7)
    runs, _ = frames(pg_url)
    assert runs.loc["indicator:RI05", "stale"]
    assert runs.loc["indicator:RI05", "status"] == "ok"
