"""Empirical calibration of the forecasts' uncertainty: pooled, scaled rolling-origin errors.

Pure: numbers and DataFrames in and out, no database. Prophet's own intervals are far too
narrow for 3-20 yearly points (DESIGN.md, "Forecasts and trends to reverse"), so the
predictive distribution of a forecast is built from what forecasts of comparable real
series actually missed by:

- every rolling-origin error of the panel (see `data.analysis.backtest`) is divided by the
  **scale** of its training series: the mean absolute change per step (per year for yearly
  series), floored at `SCALE_FLOOR_SHARE` of the series' mean absolute level so that a flat
  series does not get a zero-width band (errors are kept as they are, not turned round
  for falling series: tried, the out-of-sample calibration got worse);
- the scaled errors are pooled across the panel by **horizon** (1 to `MAX_HORIZON` steps)
  and by **length bucket** (how many points the forecast was fitted on), and their
  quantiles at the levels `LEVELS` (1%, 2%, …, 99%) form the calibration table, shipped in
  `data/config/forecast_calibration.csv` and rebuilt by `scripts/build_forecast_calibration.py`;
- a forecast's predictive distribution at horizon h is `point + scale × Q(h, bucket)`:
  between whole horizons the table is interpolated linearly, below one step it shrinks
  with √h (a random walk's spread), beyond `MAX_HORIZON` it grows linearly with h (the error
  of an estimated slope grows linearly: wider, not narrower, than the panel would say);
- P(target met) is read from the same 99 quantiles: (number of quantiles on the target's
  side + ½) / 100, so it is never 0 or 1 and never finer than the table can support.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

CALIBRATION_PATH = Path(__file__).resolve().parent.parent / "config" / "forecast_calibration.csv"

# What the out-of-sample backtest of the panel measured, quoted by the pages
# (written by bench/bench_forecast_quality.py --write-reliability).
RELIABILITY_PATH = CALIBRATION_PATH.with_name("forecast_reliability.csv")

LEVELS = tuple(round(k / 100, 2) for k in range(1, 100))  # 1% … 99%
MAX_HORIZON = 6  # steps (years for yearly series) covered by the table
# Length buckets by points the forecast is fitted on: (first, last); None = no upper bound.
BUCKETS: tuple[tuple[int, int | None], ...] = ((3, 4), (5, 7), (8, 11), (12, None))
MIN_CASES = 40  # a cell with fewer errors takes the horizon's errors of every length
SCALE_FLOOR_SHARE = 0.01  # scale ≥ 1% of the mean absolute level
BAND_LOW, BAND_HIGH = 0.1, 0.9  # the 80% band


def bucket_of(n_points: int) -> int:
    """Index in BUCKETS of a series fitted on `n_points` points (below 3: the first)."""
    for index, (first, last) in enumerate(BUCKETS):
        if n_points >= first and (last is None or n_points <= last):
            return index
    return 0


def bucket_label(index: int) -> str:
    """`3-4`, `12+`: the bucket as people read it."""
    first, last = BUCKETS[index]
    return f"{first}+" if last is None else f"{first}-{last}"


def _gaps(dates: Sequence[dt.date]) -> np.ndarray:
    return np.array([(b - a).days for a, b in zip(dates, dates[1:], strict=False)], dtype=float)


def step_days(dates: Sequence[dt.date]) -> float:
    """The series' step in days: 365.25 for yearly data, a month for monthly data.

    Yearly even with gaps of two years (biennial data); the median gap otherwise.
    """
    days = _gaps(dates)
    if len(days) == 0:
        return 365.25
    median = float(np.median(days))
    if median >= 300:
        return 365.25
    if 27 <= median <= 32:
        return 365.25 / 12
    return max(median, 1.0)


def series_scale(dates: Sequence[dt.date], values: Sequence[float]) -> float:
    """Mean absolute change per step, floored (see the module docstring); > 0 unless all 0."""
    vals = np.asarray(values, dtype="float64")
    floor = SCALE_FLOOR_SHARE * float(np.mean(np.abs(vals))) if len(vals) else 0.0
    if len(vals) < 2:
        return max(floor, 1e-12)
    days = _gaps(dates)
    steps = np.maximum(days / step_days(dates), 1.0)
    change = float(np.mean(np.abs(np.diff(vals)) / steps))
    return max(change, floor, 1e-12)


@dataclass(frozen=True)
class CalibrationTable:
    """Quantiles of scaled errors: `quantiles[bucket][horizon - 1]` is an array over LEVELS."""

    quantiles: tuple[tuple[tuple[float, ...], ...], ...]
    cases: tuple[tuple[int, ...], ...]  # errors behind each cell (after the fallback)
    source: str = ""

    def digest(self) -> str:
        """sha256 of the numbers: part of every series hash, so a new table refits all."""
        return hashlib.sha256(to_csv(self).encode("utf-8")).hexdigest()

    def at(self, horizon: float, n_points: int) -> np.ndarray:
        """Scaled-error quantiles (over LEVELS) at a horizon in steps, for a series length."""
        cells = self.quantiles[bucket_of(n_points)]
        if horizon <= 0:
            return np.zeros(len(LEVELS))
        if horizon < 1:
            return np.asarray(cells[0]) * math.sqrt(horizon)
        if horizon >= MAX_HORIZON:
            return np.asarray(cells[MAX_HORIZON - 1]) * (horizon / MAX_HORIZON)
        low = int(math.floor(horizon))
        weight = horizon - low
        below, above = np.asarray(cells[low - 1]), np.asarray(cells[min(low, MAX_HORIZON - 1)])
        return below + weight * (above - below)


def build_table(errors: pd.DataFrame, source: str = "") -> CalibrationTable:
    """The table from rolling-origin errors: columns horizon (whole steps), n_train, scaled.

    Cells with fewer than MIN_CASES errors pool every length at that horizon; each cell's
    quantiles are made non-decreasing in the level (they are by construction) and the
    table is checked to be finite.
    """
    quantiles, cases = [], []
    for index in range(len(BUCKETS)):
        row_q, row_n = [], []
        for horizon in range(1, MAX_HORIZON + 1):
            at_h = errors[errors["horizon"] == horizon]
            cell = at_h[at_h["n_train"].map(bucket_of) == index]["scaled"].to_numpy()
            if len(cell) < MIN_CASES:
                cell = at_h["scaled"].to_numpy()
            if len(cell) == 0:
                raise ValueError(f"no rolling-origin error at horizon {horizon}")
            q = np.quantile(cell, LEVELS)
            row_q.append(tuple(float(v) for v in np.maximum.accumulate(q)))
            row_n.append(len(cell))
        quantiles.append(tuple(row_q))
        cases.append(tuple(row_n))
    table = CalibrationTable(tuple(quantiles), tuple(cases), source)
    if not all(math.isfinite(v) for b in table.quantiles for h in b for v in h):
        raise ValueError("non-finite quantile in the calibration table")
    return table


def _level_name(level: float) -> str:
    return f"q{round(level * 100):02d}"


def to_csv(table: CalibrationTable) -> str:
    """The table as CSV: one row per length bucket and horizon, one column per level."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["points", "horizon", "cases", *(_level_name(v) for v in LEVELS)])
    for index, rows in enumerate(table.quantiles):
        for horizon, q in enumerate(rows, start=1):
            writer.writerow(
                [bucket_label(index), horizon, table.cases[index][horizon - 1]]
                + [f"{v:.6g}" for v in q]
            )
    return out.getvalue()


def from_csv(text: str, source: str = "") -> CalibrationTable:
    """Read a table written by `to_csv` (ValueError if a cell is missing or out of order)."""
    frame = pd.read_csv(io.StringIO(text), dtype={"points": str})
    names = [_level_name(v) for v in LEVELS]
    quantiles, cases = [], []
    for index in range(len(BUCKETS)):
        rows = frame[frame["points"] == bucket_label(index)].sort_values("horizon")
        if list(rows["horizon"]) != list(range(1, MAX_HORIZON + 1)):
            raise ValueError(f"calibration table: bucket {bucket_label(index)} incomplete")
        q = rows[names].to_numpy(dtype="float64")
        if not np.all(np.isfinite(q)) or np.any(np.diff(q, axis=1) < 0):
            raise ValueError(f"calibration table: bucket {bucket_label(index)} not increasing")
        quantiles.append(tuple(tuple(float(v) for v in r) for r in q))
        cases.append(tuple(int(n) for n in rows["cases"]))
    return CalibrationTable(tuple(quantiles), tuple(cases), source)


@functools.cache
def shipped_table() -> CalibrationTable:
    """The committed table (data/config/forecast_calibration.csv), read once per process."""
    return from_csv(CALIBRATION_PATH.read_text(encoding="utf-8"), str(CALIBRATION_PATH.name))


@functools.cache
def shipped_digest() -> str:
    """The shipped table's digest, computed once per process (every series hash uses it)."""
    return shipped_table().digest()


@functools.cache
def shipped_reliability() -> pd.DataFrame:
    """The committed backtest figures (data/config/forecast_reliability.csv).

    One row per history length (`points`: "all", "3-4", …) and horizon (1-3 years):
    cases, coverage of the 80% band with its Wilson interval, MAE relative to drift
    (median over series and pooled), share of series beating drift, MASE, share of P in
    [0.1, 0.9] and the 10-bin PIT histogram (`pit0` … `pit9`).
    """
    return pd.read_csv(RELIABILITY_PATH, dtype={"points": str})


def prob_at_least(quantiles: np.ndarray, threshold: float) -> float:
    """P(Y ≥ threshold) from quantiles at LEVELS: (count ≥ threshold + ½) / 100."""
    count = int(np.sum(np.asarray(quantiles) >= threshold))
    return (count + 0.5) / (len(LEVELS) + 1)


def prob_at_most(quantiles: np.ndarray, threshold: float) -> float:
    """P(Y ≤ threshold), the same way."""
    count = int(np.sum(np.asarray(quantiles) <= threshold))
    return (count + 0.5) / (len(LEVELS) + 1)


def level_index(level: float) -> int:
    """Position of `level` (e.g. 0.1) in LEVELS."""
    return LEVELS.index(round(level, 2))
