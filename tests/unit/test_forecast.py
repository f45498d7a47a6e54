"""The pure forecast method: series building, Prophet settings, determinism, the verdict."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from data.analysis import forecast as fc
from data.analysis.forecast import (
    ForecastSettings,
    Series,
    fit_series,
    forecast_dates,
    funding_series,
    indicator_outlooks,
    indicator_series,
    indicator_series_list,
    n_changepoints,
    outlook_for,
    pace_ratio,
    predictive_quantiles,
    recent_trend_wrong,
    series_hash,
)

# One Prophet fit per series and no sampling: the real settings are fast enough.
FAST = ForecastSettings()
D = dt.date


def known(value: float | None) -> float:
    """A figure that a fitted forecast must carry (the test fails when it is None)."""
    assert value is not None
    return value


def make_series(values, kind="level", direction="higher", target=None, started=True, key="s"):
    dates = tuple(D(2020 + i, 12, 31) for i in range(len(values)))
    return Series(
        key=key,
        kind=kind,
        direction=direction,
        dates=dates,
        values=tuple(float(v) for v in values),
        horizon=D(2027, 12, 31),
        target=target,
        indicator_code=key,
        started=started,
    )


def indicator_row(**overrides):
    row = {
        "code": "X1",
        "kind": "cumulative",
        "direction": "higher",
        "baseline_value": 0.0,
        "baseline_date": D(2022, 12, 31),
        "target_value": 100.0,
        "target_date": D(2027, 12, 31),
        "measure_started": True,
    }
    row.update(overrides)
    return row


def observations(*rows):
    return pd.DataFrame(
        [
            {"indicator_code": code, "date": date, "value": value, "status": status}
            for code, date, value, status in rows
        ],
        columns=["indicator_code", "date", "value", "status"],
    )


# --------------------------------------------------------------------------- series


def test_series_is_baseline_plus_published_values_without_nd():
    obs = observations(
        ("X1", D(2023, 12, 31), 10.0, "published"),
        ("X1", D(2024, 12, 31), float("nan"), "published"),  # n.d.: skipped, not 0
        ("X1", D(2025, 4, 30), 25.0, "draft"),  # drafts do not move a forecast
        ("X2", D(2023, 12, 31), 99.0, "published"),
    )
    series = indicator_series(indicator_row(), obs)
    assert series.key == "indicator:X1"
    assert series.dates == (D(2022, 12, 31), D(2023, 12, 31))
    assert series.values == (0.0, 10.0)
    assert series.target == 100.0 and series.horizon == D(2027, 12, 31)


def test_series_of_every_indicator_at_once_are_each_ones_own():
    obs = observations(
        ("X2", D(2023, 12, 31), 99.0, "published"),
        ("X1", D(2024, 12, 31), 12.0, "published"),
        ("X1", D(2023, 12, 31), 10.0, "published"),  # out of order: sorted by date
        ("X1", D(2025, 4, 30), 25.0, "draft"),
        ("X2", D(2024, 12, 31), float("nan"), "published"),
        ("X1", D(2024, 12, 31), 13.0, "published"),  # the later row of a date wins
    )
    indicators = pd.DataFrame(
        [indicator_row(), indicator_row(code="X2", kind="level"), indicator_row(code="X3")]
    )
    every = indicator_series_list(indicators, obs)
    one_by_one = [indicator_series(row, obs) for row in indicators.to_dict("records")]
    assert every == one_by_one
    assert every[0].values == (0.0, 10.0, 13.0) and every[2].values == (0.0,)


def test_level_baseline_zero_means_not_available():
    obs = observations(
        ("X1", D(2023, 12, 31), 447360.0, "published"),
        ("X1", D(2024, 12, 31), 583400.0, "published"),
    )
    series = indicator_series(indicator_row(kind="level"), obs)
    assert series.values == (447360.0, 583400.0)
    assert "level_baseline_zero" in series.notes


def test_annual_keeps_full_years_only():
    obs = observations(
        ("X1", D(2023, 12, 31), 520.0, "published"),
        ("X1", D(2025, 4, 30), 200.0, "published"),  # four months: not comparable
    )
    series = indicator_series(indicator_row(kind="annual", baseline_value=430.0), obs)
    assert series.values == (430.0, 520.0)
    assert "annual_partial_skipped" in series.notes


def test_not_started_measure_is_not_fitted():
    series = make_series([0, 0, 0, 0], kind="cumulative", target=10, started=False)
    result = fit_series(series, FAST)
    assert result.status == fc.STATUS_NOT_STARTED
    assert result.points.empty and result.p_target_met is None
    assert not result.trend_to_reverse


@pytest.mark.parametrize("n", [0, 1, 2])
def test_fewer_than_three_points_is_insufficient(n):
    result = fit_series(make_series(list(range(n)), target=10), FAST)
    assert result.status == fc.STATUS_INSUFFICIENT
    assert result.n_points == n
    assert result.points.empty and result.outlook is None and result.realistic_median is None


def test_two_points_moving_the_wrong_way_are_flagged_even_without_a_forecast():
    result = fit_series(make_series([10, 5], target=50), FAST)
    assert result.status == fc.STATUS_INSUFFICIENT
    assert result.trend_to_reverse


def test_funding_series_monthly_sums_with_zero_months():
    projects = pd.DataFrame(
        {
            "start_date": [D(2024, 1, 15), D(2024, 1, 20), D(2024, 3, 1), D(2024, 2, 2), None],
            "public_funding_eur": [100.0, 50.0, 30.0, 70.0, 999.0],
            "ecosystem": ["a", "a", "a", "b", "a"],
            "province_code": ["015", "016", "015", "015", ""],
        }
    )
    by_eco = {s.key: s for s in funding_series(projects, "ecosystem")}
    assert set(by_eco) == {"funding:ecosystem:a", "funding:ecosystem:b"}
    a = by_eco["funding:ecosystem:a"]
    assert a.dates == (D(2024, 1, 31), D(2024, 2, 29), D(2024, 3, 31))
    assert a.values == (150.0, 0.0, 30.0)  # February: nothing started, 0 (not missing)
    assert by_eco["funding:ecosystem:b"].values == (0.0, 70.0, 0.0)
    assert a.kind == fc.KIND_FLOW and a.target is None
    by_province = {s.key: s.values for s in funding_series(projects, "province")}
    assert by_province == {
        "funding:province:015": (100.0, 70.0, 30.0),
        "funding:province:016": (50.0, 0.0, 0.0),
    }
    assert funding_series(projects.iloc[0:0], "ecosystem") == []


def test_hash_follows_data_target_and_settings_only():
    series = make_series([1, 2, 3], target=10)
    assert series_hash(series, FAST) == series_hash(make_series([1, 2, 3], target=10), FAST)
    assert series_hash(series, FAST) != series_hash(make_series([1, 2, 4], target=10), FAST)
    assert series_hash(series, FAST) != series_hash(make_series([1, 2, 3], target=11), FAST)
    assert series_hash(series, FAST) != series_hash(series, ForecastSettings(seed=1))


def test_forecast_dates_are_month_ends_to_the_horizon():
    dates = forecast_dates(D(2025, 4, 30), D(2027, 12, 31))
    assert dates[0] == D(2025, 5, 31) and dates[-1] == D(2027, 12, 31)
    assert len(dates) == 32
    assert forecast_dates(D(2025, 4, 30), D(2025, 6, 15)) == [D(2025, 5, 31), D(2025, 6, 15)]
    assert forecast_dates(D(2028, 1, 31), D(2027, 12, 31)) == []


def test_changepoints_stay_below_the_points_prophet_can_use():
    assert n_changepoints(3) == 0  # a straight line: one point left for the noise
    assert n_changepoints(4) == 1
    assert n_changepoints(5) == 2
    assert n_changepoints(40) == 3


def test_trend_never_interpolates_every_point():
    # 5 almost collinear points: with 3 changepoints the fit went through all of them, the
    # noise estimate fell to ~1e-18 and the fit took ~1 s. Now the noise stays real.
    series = make_series([58.999, 76.19, 90.05, 106.87, 117.11], target=200)
    result = fit_series(series, FAST)
    assert known(result.realistic_high) - known(result.realistic_low) > 1.0


# --------------------------------------------------------------------------- verdict rules


def test_outlook_thresholds():
    assert outlook_for(0.8) == fc.LIKELY
    assert outlook_for(0.79) == fc.UNCERTAIN
    assert outlook_for(0.2) == fc.UNCERTAIN
    assert outlook_for(0.19) == fc.UNLIKELY
    strict = ForecastSettings(likely_threshold=0.9)
    assert outlook_for(0.85, strict) == fc.UNCERTAIN


def test_pace_ratio_is_direction_aware():
    assert pace_ratio(10.0, 41.0) == pytest.approx(4.1)
    assert pace_ratio(-10.0, 41.0) == math.inf  # moving away
    assert pace_ratio(0.0, 41.0) == math.inf  # standing still
    assert pace_ratio(10.0, -5.0) is None  # target already passed: nothing required
    assert pace_ratio(-2.0, -8.0, "lower") == pytest.approx(4.0)
    assert pace_ratio(1.0, 3.0, "lower") is None
    assert pace_ratio(None, 3.0) is None


def test_recent_trend_wrong():
    assert recent_trend_wrong(make_series([1, 3, 2]))
    assert not recent_trend_wrong(make_series([1, 2, 2]))
    assert recent_trend_wrong(make_series([5, 4, 6], direction="lower"))


# --------------------------------------------------------------------------- Prophet


def test_same_data_same_numbers_whatever_the_global_random_state():
    series = make_series([0, 22.37, 71, 73.6], kind="cumulative", target=300)
    np.random.seed(1)
    first = fit_series(series, FAST)
    np.random.seed(2)
    state = np.random.get_state(legacy=False)
    second = fit_series(series, FAST)
    pd.testing.assert_frame_equal(first.points, second.points)
    assert dataclasses.asdict(first).keys() == dataclasses.asdict(second).keys()
    for name in ("p_target_met", "realistic_median", "realistic_low", "realistic_high"):
        assert getattr(first, name) == getattr(second, name), name
    # The caller's random generator is left as it was.
    after = np.random.get_state(legacy=False)
    assert np.array_equal(after["state"]["key"], state["state"]["key"])
    assert after["state"]["pos"] == state["state"]["pos"]


def test_cumulative_never_below_its_last_value_and_never_decreasing():
    # Slowing down sharply: a straight line through these points ends below the last value.
    series = make_series([0, 50, 60, 61], kind="cumulative", target=100)
    dates = forecast_dates(series.dates[-1], series.horizon)
    quantiles = predictive_quantiles(series, dates, FAST)
    assert quantiles.min() >= 61
    result = fit_series(series, FAST)
    points = result.points
    for column in ("yhat", "yhat_lower", "yhat_upper"):
        assert (points[column] >= 61).all(), column
        assert points[column].is_monotonic_increasing, column
    assert known(result.realistic_low) >= 61


def test_series_never_negative_stays_non_negative():
    result = fit_series(make_series([100, 60, 30, 10], target=50), FAST)
    assert (result.points["yhat_lower"] >= 0).all()


def test_clear_cut_series_give_clear_outlooks():
    far_above = fit_series(make_series([100, 110, 120, 130], target=50), FAST)
    assert far_above.status == fc.STATUS_OK
    assert known(far_above.p_target_met) >= 0.8 and far_above.outlook == fc.LIKELY
    assert not far_above.trend_to_reverse
    assert known(far_above.p_target_met) < 1  # never certain: at most 0.995, read "> 95%"
    flat_below = fit_series(make_series([10, 10, 10, 10], target=1000), FAST)
    assert known(flat_below.p_target_met) < 0.2 and flat_below.outlook == fc.UNLIKELY
    assert known(flat_below.p_target_met) > 0
    assert flat_below.trend_to_reverse
    assert known(flat_below.required_pace) > 0
    assert known(pace_ratio(flat_below.projected_pace, flat_below.required_pace)) > 10


def test_lower_is_better_is_direction_aware():
    falling = fit_series(make_series([100, 80, 60, 40], direction="lower", target=10), FAST)
    # Falling 20 a year: under 10 by 2027 if it goes on, but 4 points 4 years out are
    # uncertain on real series (the calibration), so "more likely than not", not "likely".
    assert known(falling.p_target_met) > 0.5 and falling.outlook != fc.UNLIKELY
    assert not falling.trend_to_reverse
    assert known(falling.required_pace) < 0 and known(falling.projected_pace) < 0
    rising = fit_series(make_series([40, 60, 80, 100], direction="lower", target=10), FAST)
    assert rising.outlook == fc.UNLIKELY and rising.trend_to_reverse


def test_result_points_are_monthly_to_the_target_date_with_an_ordered_interval():
    result = fit_series(make_series([1, 2, 3], target=10), FAST)
    points = result.points
    assert list(points.columns) == ["date", "yhat", "yhat_lower", "yhat_upper"]
    assert points["date"].iloc[-1] == D(2027, 12, 31)
    assert (points["yhat_lower"] <= points["yhat"]).all()
    assert (points["yhat"] <= points["yhat_upper"]).all()
    assert result.realistic_median == points["yhat"].iloc[-1]


def test_outlooks_join_runs_and_flag_outdated_data():
    indicators = pd.DataFrame([indicator_row()])
    obs = observations(("X1", D(2023, 12, 31), 10.0, "published"))
    series = indicator_series(indicator_row(), obs)
    runs = pd.DataFrame(
        [
            {
                "series_key": "indicator:X1",
                "data_hash": series_hash(series),
                "status": "ok",
                "stale": False,
                "error": "",
                "p_target_met": 0.1,
                "outlook": "unlikely",
                "realistic_median": 40.0,
                "realistic_low": 30.0,
                "realistic_high": 50.0,
                "projected_pace": 6.0,
                "required_pace": 22.5,
                "trend_to_reverse": True,
            }
        ]
    )
    row = indicator_outlooks(indicators, obs, runs).iloc[0]
    assert row["outlook"] == "unlikely" and not row["outdated"]
    assert row["pace_ratio"] == pytest.approx(3.75)
    assert row["last_value"] == 10.0
    newer = observations(
        ("X1", D(2023, 12, 31), 10.0, "published"), ("X1", D(2024, 12, 31), 12.0, "published")
    )
    assert indicator_outlooks(indicators, newer, runs).iloc[0]["outdated"]
    missing = indicator_outlooks(indicators, obs, runs.iloc[0:0]).iloc[0]
    assert missing["status"] == fc.STATUS_MISSING


def test_a_non_finite_forecast_is_an_error_never_ok(monkeypatch):
    from data.forecast_worker import safe_fit

    monkeypatch.setattr(fc, "prophet_increments", lambda s, d, st=None: np.full(len(d), np.nan))
    series = make_series([1, 2, 3], target=10)
    with pytest.raises(ValueError, match="not finite"):
        fit_series(series, FAST)
    assert safe_fit(fit_series, series, FAST).status == fc.STATUS_FAILED


def test_the_forecast_starts_from_the_last_value():
    # A series that jumped at the end: the old fitted line started far below the last value.
    series = make_series([10, 11, 12, 30], target=100)
    result = fit_series(series, FAST)
    first = result.points.iloc[0]
    assert abs(first["yhat"] - 30) < 3  # one month after the last value
    assert first["yhat_lower"] <= 30 <= first["yhat_upper"]


def test_bands_are_the_calibrated_ones_not_prophets():
    # 4 yearly points, 4 years ahead: the panel's errors at that length are wide.
    series = make_series([100, 104, 107, 111], target=130)
    result = fit_series(series, FAST)
    scale = 11 / 3  # mean absolute yearly change
    assert known(result.realistic_high) - known(result.realistic_low) > 2 * scale


def test_prophet_increments_are_prophets_own_yhat_from_the_last_value():
    from prophet import Prophet

    series = make_series([3, 5, 4, 8, 9], target=20)
    dates = forecast_dates(series.dates[-1], series.horizon)
    increments = fc.prophet_increments(series, dates, FAST)
    model = Prophet(
        yearly_seasonality=False,
        weekly_seasonality=False,
        daily_seasonality=False,
        n_changepoints=n_changepoints(series.n_points),
        changepoint_range=FAST.changepoint_range,
        changepoint_prior_scale=FAST.changepoint_prior_scale,
        uncertainty_samples=0,
    )
    history = pd.DataFrame({"ds": pd.to_datetime(list(series.dates)), "y": series.values})
    with fc._prophet_warnings_silenced():
        model.fit(history, seed=FAST.seed)
        yhat = model.predict(pd.DataFrame({"ds": pd.to_datetime([series.dates[-1], *dates])}))
    np.testing.assert_allclose(increments, yhat["yhat"].to_numpy()[1:] - yhat["yhat"].iloc[0])
