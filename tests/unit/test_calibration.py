"""The empirical calibration: a synthetic case with a known distribution, and the table."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from data.analysis import calibration
from data.analysis.backtest import panel_cases, scaled_errors, with_distribution
from data.analysis.forecast import ForecastSettings, Series

# Drift only: the calibration is what is under test, and no Prophet fit is needed.
DRIFT_ONLY = ForecastSettings(weight_prophet=0.0, weight_drift=1.0, weight_damped=0.0)


def random_walks(count: int, seed: int, length: int = 14) -> list[Series]:
    """Random walks with drift and Gaussian noise of known, varying size."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(count):
        sigma = float(rng.uniform(0.5, 5))
        drift = float(rng.uniform(-1, 3)) * sigma
        values = 100 * sigma + np.cumsum(drift + sigma * rng.standard_normal(length))
        out.append(
            Series(
                key=f"rw{seed}-{i}",
                kind="level",
                direction="higher",
                dates=tuple(dt.date(2000 + k, 12, 31) for k in range(length)),
                values=tuple(float(v) for v in values),
                horizon=dt.date(2027, 12, 31),
            )
        )
    return out


def test_calibrated_bands_hold_80_percent_out_of_sample_on_random_walks():
    train = panel_cases(random_walks(150, seed=1), DRIFT_ONLY)
    table = calibration.build_table(scaled_errors(train), "synthetic")
    test = with_distribution(panel_cases(random_walks(150, seed=2), DRIFT_ONLY), table)
    assert len(test) > 2000
    for horizon in (1, 2, 3):
        cell = test[test["horizon"] == horizon]
        assert 0.75 <= cell["inside"].mean() <= 0.85, horizon
        mid = ((cell["pit"] >= 0.1) & (cell["pit"] <= 0.9)).mean()
        assert 0.75 <= mid <= 0.85, horizon
    # The P of a calibrated forecaster is uniform: each tenth holds about 10% of outcomes.
    hist = np.histogram(test["pit"], bins=np.linspace(0, 1, 11))[0] / len(test)
    assert hist.min() > 0.06 and hist.max() < 0.14


def test_short_histories_get_wider_bands_than_long_ones():
    table = calibration.build_table(
        scaled_errors(panel_cases(random_walks(150, seed=3), DRIFT_ONLY)), "synthetic"
    )
    short, long = table.at(3, 3), table.at(3, 13)
    i10, i90 = calibration.level_index(0.1), calibration.level_index(0.9)
    assert short[i90] - short[i10] > long[i90] - long[i10]


def test_table_interpolates_and_extrapolates_as_documented():
    table = calibration.shipped_table()
    one, two, six = table.at(1, 4), table.at(2, 4), table.at(6, 4)
    np.testing.assert_allclose(table.at(1.5, 4), (one + two) / 2)
    np.testing.assert_allclose(table.at(0.25, 4), one * 0.5)
    np.testing.assert_allclose(table.at(12, 4), six * 2)
    assert not table.at(0, 4).any()


def test_shipped_table_round_trips_and_is_ordered():
    table = calibration.shipped_table()
    again = calibration.from_csv(calibration.to_csv(table))
    assert again.quantiles == table.quantiles and again.cases == table.cases
    for bucket in table.quantiles:
        for row in bucket:
            assert list(row) == sorted(row)
    with pytest.raises(ValueError, match="incomplete"):
        calibration.from_csv("points,horizon,cases\n")


def test_probabilities_are_never_0_or_1():
    quantiles = np.linspace(10, 20, len(calibration.LEVELS))
    assert calibration.prob_at_least(quantiles, 5) == pytest.approx(0.995)
    assert calibration.prob_at_least(quantiles, 25) == pytest.approx(0.005)
    assert calibration.prob_at_least(quantiles, 15) == pytest.approx(0.5, abs=0.01)
    assert calibration.prob_at_most(quantiles, 25) == pytest.approx(0.995)


def test_scale_is_the_mean_yearly_change_with_a_floor():
    dates = [dt.date(2000, 12, 31), dt.date(2002, 12, 31), dt.date(2003, 12, 31)]
    assert calibration.series_scale(dates, [10, 14, 15]) == pytest.approx(1.5, rel=1e-3)
    assert calibration.series_scale(dates, [10, 10, 10]) == pytest.approx(0.1)  # 1% of level
    assert calibration.bucket_of(3) == 0 and calibration.bucket_of(40) == 3
