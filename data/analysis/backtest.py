"""Rolling-origin backtest of the forecasts: errors against drift, MASE, calibration.

Pure, like `data.analysis.forecast`. At each origin (a series cut after `n_train` points,
`n_train` ≥ `MIN_TRAIN_POINTS`) the method is fitted once on the points up to the origin,
with exactly the settings of the real forecasts, and forecasts every later point up to
`MAX_HORIZON` steps ahead. Each (origin, later point) is a **case**.

Measures, with the names used everywhere in the product:

- **MAE relative to drift**: the model's mean absolute error divided by that of the drift
  forecast (the last value plus the average past change per step) on the same cases:
  below 1 the model beats drift, above 1 drift was better;
- **MASE** (Hyndman & Koehler 2006): each absolute error divided by the mean absolute
  one-step change of its training points (the in-sample MAE of the one-step naive
  forecast), averaged;
- **coverage**: the share of held-out values inside the 80% band (10%-90% quantiles);
- **PIT**: P(Y ≥ actual) under the predictive distribution; for a calibrated forecaster it
  is uniform, so 80% of cases fall in [0.1, 0.9].

A series needs `MIN_POINTS` = 4 points to give one case. The 8 seed series have 3 or 4
points: most say "not enough points", and the ones that qualify give a single case each,
reported as such, not dressed up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

import numpy as np
import pandas as pd

from data.analysis import calibration
from data.analysis.forecast import (
    DEFAULT_SETTINGS,
    ForecastSettings,
    Series,
    combine,
    drift_slope,
    horizons,
    point_forecast,
    prophet_increments,
    value_floor,
)

MIN_TRAIN_POINTS = 3  # the forecasts' own minimum: fewer is "insufficient data"
MIN_POINTS = MIN_TRAIN_POINTS + 1  # one more to compare the forecast with
MAX_ORIGINS = 6  # origins per series, evenly spread from the shortest to the longest cut
MAX_HORIZON = calibration.MAX_HORIZON
SUMMARY_HORIZONS = (1, 2, 3)

STATUS_OK = "ok"
STATUS_NOT_ENOUGH = "not_enough_points"
STATUS_NOT_STARTED = "not_started"

CASE_COLUMNS = [
    "series",
    "n_train",
    "origin",
    "date",
    "step",  # horizon in steps of the series (years for yearly series)
    "horizon",  # the same, rounded to a whole step
    "actual",
    "point",
    "drift",
    "scale",  # the calibration's scale of the training points
    "naive_mae",  # in-sample MAE of the one-step naive forecast (MASE's denominator)
    "floor",
    "last",  # the training's last value, slope per step and Prophet's increment: enough to
    "slope",  # recompute the point forecast for other weights without refitting (`repoint`)
    "prophet_inc",
]

COLUMNS = [
    "series",
    "n_points",
    "origins",
    "cases",
    "mae_model",
    "mae_drift",
    "mae_rel_drift",
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


def origin_lengths(n_points: int, max_origins: int = MAX_ORIGINS) -> list[int]:
    """Training lengths of the origins: every cut from 3 points to n − 1, or a spread.

    At most `max_origins` of them, evenly spread (always the shortest and the longest), so
    short histories — the seed indicators' case — are represented in every series.
    """
    valid = list(range(MIN_TRAIN_POINTS, n_points))
    if len(valid) <= max_origins:
        return valid
    picks = np.linspace(0, len(valid) - 1, max_origins).round().astype(int)
    return sorted({valid[i] for i in picks})


def series_cases(
    series: Series,
    settings: ForecastSettings = DEFAULT_SETTINGS,
    max_origins: int = MAX_ORIGINS,
    max_horizon: int = MAX_HORIZON,
) -> pd.DataFrame:
    """Every case of one series (columns CASE_COLUMNS): one Prophet fit per origin."""
    rows = []
    for n_train in origin_lengths(series.n_points, max_origins):
        train = replace(series, dates=series.dates[:n_train], values=series.values[:n_train])
        later = list(range(n_train, series.n_points))
        steps = horizons(train, [series.dates[k] for k in later])
        keep = [k for k, h in zip(later, steps, strict=True) if round(h) <= max_horizon]
        if not keep:
            continue
        dates = [series.dates[k] for k in keep]
        steps = horizons(train, dates)
        inc = prophet_increments(train, dates, settings)
        point = point_forecast(train, steps, inc, settings)
        slope = drift_slope(train)
        scale = calibration.series_scale(train.dates, train.values)
        naive_mae = float(np.mean(np.abs(np.diff(train.values))))
        for k, step, p, i in zip(keep, steps, point, inc, strict=True):
            rows.append(
                {
                    "series": series.key,
                    "n_train": n_train,
                    "origin": train.dates[-1],
                    "date": series.dates[k],
                    "step": float(step),
                    "horizon": max(1, round(step)),
                    "actual": series.values[k],
                    "point": float(p),
                    "drift": train.values[-1] + slope * float(step),
                    "scale": scale,
                    "naive_mae": naive_mae,
                    "floor": value_floor(train),
                    "last": train.values[-1],
                    "slope": slope,
                    "prophet_inc": float(i),
                }
            )
    return pd.DataFrame(rows, columns=CASE_COLUMNS)


def panel_cases(
    series_list: Sequence[Series],
    settings: ForecastSettings = DEFAULT_SETTINGS,
    max_origins: int = MAX_ORIGINS,
    progress: Callable[[int, int, str], None] | None = None,
) -> pd.DataFrame:
    """The cases of every series with enough points; `progress(done, total, key)` after each."""
    frames = []
    for done, series in enumerate(series_list, start=1):
        if series.started and series.n_points >= MIN_POINTS:
            frames.append(series_cases(series, settings, max_origins))
        if progress:
            progress(done, len(series_list), series.key)
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=CASE_COLUMNS)
    return pd.concat(frames, ignore_index=True)


def repoint(cases: pd.DataFrame, settings: ForecastSettings) -> pd.DataFrame:
    """The cases with the point forecast recomputed for other combination weights."""
    out = cases.copy()
    out["point"] = combine(
        cases["last"].to_numpy(dtype="float64"),
        cases["slope"].to_numpy(dtype="float64"),
        cases["step"].to_numpy(dtype="float64"),
        cases["prophet_inc"].to_numpy(dtype="float64"),
        settings,
    )
    return out


def scaled_errors(cases: pd.DataFrame) -> pd.DataFrame:
    """What the calibration table is built from: horizon, n_train, and the error.

    scaled = (actual − point) / scale (data.analysis.calibration).
    """
    return pd.DataFrame(
        {
            "horizon": cases["horizon"].astype(int),
            "n_train": cases["n_train"].astype(int),
            "scaled": (cases["actual"] - cases["point"]) / cases["scale"],
        }
    )


def with_distribution(
    cases: pd.DataFrame, table: calibration.CalibrationTable | None = None
) -> pd.DataFrame:
    """The cases plus median, 10%/90% quantiles, `inside` the band and `pit` = P(Y ≥ actual)."""
    table = table or calibration.shipped_table()
    out = cases.copy()
    median, low, high, pit = [], [], [], []
    i_low, i_mid, i_high = (calibration.level_index(v) for v in (0.1, 0.5, 0.9))
    columns = [
        cases[c].to_numpy(dtype="float64").tolist()
        for c in ("point", "scale", "step", "n_train", "floor", "actual")
    ]
    for point, scale, step, n_train, floor, actual in zip(*columns, strict=True):
        q = np.maximum(point + scale * table.at(step, int(n_train)), floor)
        median.append(float(q[i_mid]))
        low.append(float(q[i_low]))
        high.append(float(q[i_high]))
        pit.append(calibration.prob_at_least(q, actual))
    out["median"], out["lower"], out["upper"], out["pit"] = median, low, high, pit
    out["inside"] = (out["lower"] <= out["actual"]) & (out["actual"] <= out["upper"])
    return out


def series_summary(series: Series, detail: pd.DataFrame, nominal: float = 0.8) -> dict[str, object]:
    """The summary row of one series from its cases with distribution (`with_distribution`)."""
    row: dict[str, object] = dict.fromkeys(COLUMNS)
    row.update(series=series.key, n_points=series.n_points, origins=0, cases=0)
    row["nominal_coverage"] = nominal
    if not series.started:
        row.update(status=STATUS_NOT_STARTED, note="measure not started: no forecast to test")
        return row
    if series.n_points < MIN_POINTS or detail.empty:
        row.update(
            status=STATUS_NOT_ENOUGH,
            note=f"{series.n_points} points; a backtest needs {MIN_POINTS} "
            f"({MIN_TRAIN_POINTS} to fit, 1 to compare)",
        )
        return row
    model_err = (detail["median"] - detail["actual"]).abs()
    drift_err = (detail["drift"] - detail["actual"]).abs()
    mae_drift = float(drift_err.mean())
    naive = detail["naive_mae"]
    row.update(
        origins=int(detail["n_train"].nunique()),
        cases=len(detail),
        mae_model=float(model_err.mean()),
        mae_drift=mae_drift,
        mae_rel_drift=float(model_err.mean()) / mae_drift if mae_drift > 0 else None,
        mase=float((model_err[naive > 0] / naive[naive > 0]).mean()) if (naive > 0).any() else None,
        coverage=float(detail["inside"].mean()),
        status=STATUS_OK,
        note="single case: indicative only" if len(detail) == 1 else "",
    )
    if mae_drift == 0:
        row["note"] = "drift forecast exact: MAE relative to drift undefined"
    return row


def backtest(
    series_list: Iterable[Series],
    settings: ForecastSettings = DEFAULT_SETTINGS,
    max_origins: int = MAX_ORIGINS,
    table: calibration.CalibrationTable | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> pd.DataFrame:
    """The backtest table: one row per series (COLUMNS), the ones without enough points too.

    Horizons 1 to 3 steps are pooled per series (SUMMARY_HORIZONS).
    """
    listed = list(series_list)
    cases = panel_cases(listed, settings, max_origins, progress)
    detail = with_distribution(cases, table) if len(cases) else cases
    rows = []
    for series in listed:
        mine = detail[detail["series"] == series.key] if len(detail) else detail
        if len(mine):
            mine = mine[mine["horizon"].isin(SUMMARY_HORIZONS)]
        rows.append(series_summary(series, mine, settings.interval_width))
    return pd.DataFrame(rows, columns=COLUMNS)
