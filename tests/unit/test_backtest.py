"""Rolling-origin backtest: drift benchmark, MASE, coverage, and honest "not enough points"."""

from __future__ import annotations

import datetime as dt

import pytest

from data.analysis.backtest import (
    COLUMNS,
    MIN_POINTS,
    STATUS_NOT_ENOUGH,
    STATUS_NOT_STARTED,
    STATUS_OK,
    backtest,
    backtest_origins,
    drift_forecast,
)
from data.analysis.forecast import ForecastSettings, Series

FAST = ForecastSettings(uncertainty_samples=200)


def make_series(values, kind="level", started=True, key="s"):
    dates = tuple(dt.date(2015 + i, 12, 31) for i in range(len(values)))
    return Series(
        key=key,
        kind=kind,
        direction="higher",
        dates=dates,
        values=tuple(float(v) for v in values),
        horizon=dt.date(2027, 12, 31),
        target=100.0,
        started=started,
    )


def test_drift_is_last_value_plus_average_slope_per_day():
    dates = [dt.date(2020, 1, 1), dt.date(2020, 1, 11)]
    assert drift_forecast(dates, [0.0, 10.0], dt.date(2020, 1, 16)) == pytest.approx(15.0)
    assert drift_forecast(dates[:1], [5.0], dt.date(2020, 2, 1)) == 5.0


def test_short_and_not_started_series_say_so_instead_of_inventing():
    table = backtest(
        [make_series([1, 2, 3], key="short"), make_series([0, 0, 0, 0], started=False, key="ns")],
        FAST,
    )
    assert list(table.columns) == COLUMNS
    short, not_started = table.to_dict("records")
    assert short["status"] == STATUS_NOT_ENOUGH and short["origins"] == 0
    assert f"needs {MIN_POINTS}" in short["note"]
    assert short["mase"] is None or short["mase"] != short["mase"]  # None / NaN, never a number
    assert not_started["status"] == STATUS_NOT_STARTED


def test_rolling_origins_and_measures():
    values = [10, 14, 15, 21, 22, 27, 31]
    detail = backtest_origins(make_series(values), FAST)
    assert len(detail) == len(values) - 3  # origins after 3, 4, 5, 6 points
    assert list(detail["actual"]) == [21.0, 22.0, 27.0, 31.0]
    row = backtest([make_series(values)], FAST).iloc[0]
    assert row["status"] == STATUS_OK and row["origins"] == 4
    assert row["mase"] == pytest.approx(row["mae_model"] / row["mae_drift"])
    assert 0.0 <= row["coverage"] <= 1.0
    assert row["nominal_coverage"] == 0.8


def test_max_origins_keeps_the_most_recent():
    detail = backtest_origins(make_series([1, 3, 2, 5, 4, 7, 6, 9]), FAST, max_origins=2)
    assert list(detail["actual"]) == [6.0, 9.0]


def test_exact_drift_leaves_mase_undefined():
    row = backtest([make_series([5, 5, 5, 5])], FAST).iloc[0]
    assert row["mae_drift"] == 0
    assert row["mase"] is None or row["mase"] != row["mase"]
    assert "undefined" in row["note"]
