"""Rolling-origin backtest: MAE relative to drift, Hyndman's MASE, coverage, honest "not enough"."""

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
    drift_forecast,
    origin_lengths,
    series_cases,
)
from data.analysis.forecast import ForecastSettings, Series

FAST = ForecastSettings()


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
    for name in ("mase", "mae_rel_drift"):  # None / NaN, never a number
        assert short[name] is None or short[name] != short[name]
    assert not_started["status"] == STATUS_NOT_STARTED


def test_rolling_origins_and_measures():
    values = [10, 14, 15, 21, 22, 27, 31]
    cases = series_cases(make_series(values), FAST)
    # origins after 3, 4, 5, 6 points; each forecasts every later point
    assert sorted(cases["n_train"].unique()) == [3, 4, 5, 6]
    assert len(cases) == 4 + 3 + 2 + 1
    one_step = cases[cases["horizon"] == 1]
    assert list(one_step["actual"]) == [21.0, 22.0, 27.0, 31.0]
    row = backtest([make_series(values)], FAST).iloc[0]
    assert row["status"] == STATUS_OK and row["origins"] == 4
    assert row["mae_rel_drift"] == pytest.approx(row["mae_model"] / row["mae_drift"])
    assert 0.0 <= row["coverage"] <= 1.0
    assert row["nominal_coverage"] == 0.8


def test_mase_is_hyndmans_not_the_ratio_to_drift():
    values = [10, 14, 15, 21, 22, 27, 31]
    cases = series_cases(make_series(values), FAST)
    first = cases.iloc[0]
    assert first["naive_mae"] == pytest.approx((4 + 1) / 2)  # in-sample one-step naive MAE
    row = backtest([make_series(values)], FAST).iloc[0]
    assert row["mase"] != pytest.approx(row["mae_rel_drift"])


def test_origins_are_spread_from_the_shortest_history():
    assert origin_lengths(5) == [3, 4]
    assert origin_lengths(30, max_origins=4) == [3, 12, 20, 29]


def test_exact_drift_leaves_the_ratio_undefined():
    row = backtest([make_series([5, 5, 5, 5])], FAST).iloc[0]
    assert row["mae_drift"] == 0
    assert row["mae_rel_drift"] is None or row["mae_rel_drift"] != row["mae_rel_drift"]
    assert "undefined" in row["note"]
