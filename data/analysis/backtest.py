"""Rolling-origin backtest of the forecasts: MASE against a drift forecast, interval coverage.

Pure, like `data.analysis.forecast`. For each origin (a point of the series with at least
`MIN_TRAIN_POINTS` points before it) the model is fitted on the points up to the origin,
with exactly the settings of the real forecasts, and forecasts the next point. So a series
needs `MIN_POINTS` = 4 points to give one origin. The 8 seed series have 3 or 4 points: most
say "not enough points", and the ones that qualify give a single origin each, which is
reported as such, not dressed up.

- MASE here is the mean absolute error of the model scaled by that of the drift forecast
  (the last value plus the average slope of the training points, per day) on the same
  origins: below 1 the model beats drift, above 1 drift was better.
- Coverage is the share of held-out values inside the model's 80% interval.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import replace

import numpy as np
import pandas as pd

from data.analysis.forecast import (
    DEFAULT_SETTINGS,
    ForecastSettings,
    Series,
    predictive_samples,
)

MIN_TRAIN_POINTS = 3  # the forecasts' own minimum: fewer is "insufficient data"
MIN_POINTS = MIN_TRAIN_POINTS + 1  # one more to compare the forecast with
MAX_ORIGINS = 12  # the most recent origins only: long monthly series would fit for minutes

STATUS_OK = "ok"
STATUS_NOT_ENOUGH = "not_enough_points"
STATUS_NOT_STARTED = "not_started"

COLUMNS = [
    "series",
    "n_points",
    "origins",
    "mae_model",
    "mae_drift",
    "mase",
    "coverage",
    "nominal_coverage",
    "status",
    "note",
]


def drift_forecast(dates: Sequence[dt.date], values: Sequence[float], when: dt.date) -> float:
    """Naive forecast with drift: last value plus the average change per day since the first."""
    span = (dates[-1] - dates[0]).days
    slope = (values[-1] - values[0]) / span if span else 0.0
    return float(values[-1] + slope * (when - dates[-1]).days)


def backtest_origins(
    series: Series, settings: ForecastSettings = DEFAULT_SETTINGS, max_origins: int = MAX_ORIGINS
) -> pd.DataFrame:
    """One row per origin: date forecast, actual, model median and interval, drift."""
    rows = []
    low_q, high_q = (1 - settings.interval_width) / 2, (1 + settings.interval_width) / 2
    first_origin = max(MIN_TRAIN_POINTS, series.n_points - max_origins)
    for end in range(first_origin, series.n_points):
        train = replace(series, dates=series.dates[:end], values=series.values[:end])
        when, actual = series.dates[end], series.values[end]
        samples = predictive_samples(train, [when], settings)[0]
        rows.append(
            {
                "origin": train.dates[-1],
                "date": when,
                "actual": actual,
                "model": float(np.median(samples)),
                "lower": float(np.quantile(samples, low_q)),
                "upper": float(np.quantile(samples, high_q)),
                "drift": drift_forecast(train.dates, train.values, when),
            }
        )
    return pd.DataFrame(
        rows, columns=["origin", "date", "actual", "model", "lower", "upper", "drift"]
    )


def backtest_series(
    series: Series, settings: ForecastSettings = DEFAULT_SETTINGS, max_origins: int = MAX_ORIGINS
) -> dict[str, object]:
    """The summary row of one series (see the module docstring for the measures)."""
    row: dict[str, object] = dict.fromkeys(COLUMNS)
    row.update(series=series.key, n_points=series.n_points, origins=0)
    row["nominal_coverage"] = settings.interval_width
    if not series.started:
        row.update(status=STATUS_NOT_STARTED, note="measure not started: no forecast to test")
        return row
    if series.n_points < MIN_POINTS:
        row.update(
            status=STATUS_NOT_ENOUGH,
            note=f"{series.n_points} points; a backtest needs {MIN_POINTS} "
            f"({MIN_TRAIN_POINTS} to fit, 1 to compare)",
        )
        return row
    detail = backtest_origins(series, settings, max_origins)
    model_err = (detail["model"] - detail["actual"]).abs()
    drift_err = (detail["drift"] - detail["actual"]).abs()
    inside = (detail["lower"] <= detail["actual"]) & (detail["actual"] <= detail["upper"])
    mae_drift = float(drift_err.mean())
    row.update(
        origins=len(detail),
        mae_model=float(model_err.mean()),
        mae_drift=mae_drift,
        mase=float(model_err.mean()) / mae_drift if mae_drift > 0 else None,
        coverage=float(inside.mean()),
        status=STATUS_OK,
        note="single origin: indicative only" if len(detail) == 1 else "",
    )
    if mae_drift == 0:
        row["note"] = "drift forecast exact: MASE undefined"
    return row


def backtest(
    series_list: Iterable[Series],
    settings: ForecastSettings = DEFAULT_SETTINGS,
    max_origins: int = MAX_ORIGINS,
) -> pd.DataFrame:
    """The backtest table: one row per series, the ones without enough points included."""
    rows = [backtest_series(s, settings, max_origins) for s in series_list]
    return pd.DataFrame(rows, columns=COLUMNS)
