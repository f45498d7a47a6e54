"""Calibrated forecasts of short series, and what they say about each 2027 target.

Pure: DataFrames in, dataclasses and DataFrames out; no database, no Dash, no Flask. Prophet
is imported only inside the functions that fit, so the web process, which reads stored
forecasts and never fits (DESIGN.md, "Architecture"), does not load it.

The method (DESIGN.md, "Forecasts and trends to reverse"):

- a series is the indicator's baseline plus its observed values ("n.d." skipped, drafts left
  out); a level indicator whose baseline the source prints as 0 ("not available") starts at
  its first observation; an annual indicator keeps full-year values (period ending 31/12);
- the point forecast starts at the last value and adds a fixed combination of three
  increments: Prophet's (linear growth, no seasonality, a small changepoint prior, at most
  3 changepoints and at most n − 3, because 3-4 yearly points carry no seasonality and
  little curvature), the drift's (average past change per step) and a damped trend's
  (the same slope damped by φ per step); the weights were chosen by rolling-origin
  backtest on real Eurostat regional series (bench/bench_forecast_quality.py);
- the uncertainty is NOT Prophet's, which is far too narrow for a few yearly points: the
  predictive distribution is point + scale × the quantiles of scaled rolling-origin
  errors of comparable real series at that horizon and length (data.analysis.calibration,
  table in data/config/forecast_calibration.csv); the band is its 10%-90% quantiles,
  P(target met) is read from the same quantiles and is never 0 or 1;
- fewer than `min_points` points, or a measure that has not started: no fit, and the reason;
- one Prophet fit per series, under a fixed seed, no random sampling: the same data and
  settings always give the same numbers; the quantiles are floored at 0 for a series that
  has never been negative and, for a cumulative series, at its last value;
- at the target date: P(target met) (direction aware), the outlook, the realistic target
  (median and 80% interval), the projected against the required pace and their ratio, and
  the "trend to reverse" flag.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import logging
import math
import warnings
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import numpy as np
import pandas as pd

from data.analysis import calibration
from data.analysis.missing import as_date, number_or_none
from data.analysis.records import records

# Bump when the method changes: every hash changes, so the next refresh refits every series.
METHOD_VERSION = "s3m-forecast-2-calibrated"
MODEL_NAME = "prophet+drift+damped/calibrated"

DEFAULT_HORIZON = dt.date(2027, 12, 31)  # end of the S3 2021-2027 and of the legislature
DAYS_PER_YEAR = 365.25

STATUS_OK = "ok"
STATUS_INSUFFICIENT = "insufficient"
STATUS_NOT_STARTED = "not_started"
STATUS_TARGET_PASSED = "target_passed"
STATUS_FAILED = "failed"
NO_FIT_STATUSES = (STATUS_INSUFFICIENT, STATUS_NOT_STARTED, STATUS_TARGET_PASSED)

LIKELY = "likely"
UNCERTAIN = "uncertain"
UNLIKELY = "unlikely"

KIND_FLOW = "flow"  # monthly funding amounts (no target)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ForecastSettings:
    """Every knob of the method in one place; all of it goes into the series hash."""

    min_points: int = 3  # fewer: "insufficient data", no fit
    max_changepoints: int = 3
    changepoint_prior_scale: float = 0.05  # small: a short series cannot support bends
    changepoint_range: float = 0.8
    # The point forecast: last value + these shares of each method's increment (sum 1).
    weight_prophet: float = 0.5
    weight_drift: float = 0.0
    weight_damped: float = 0.5
    damping: float = 0.8  # φ per step of the damped trend
    interval_width: float = 0.8  # the band and the realistic-target interval (10%-90%)
    seed: int = 20271231
    likely_threshold: float = 0.8  # P(target met) ≥ this: likely
    unlikely_threshold: float = 0.2  # P(target met) < this: unlikely

    def as_dict(self) -> dict[str, Any]:
        """The settings as plain data (for the hash and the page's method note)."""
        return asdict(self)


DEFAULT_SETTINGS = ForecastSettings()


@dataclass(frozen=True)
class Series:
    """One series to forecast, with what the verdict needs (target, direction, kind)."""

    key: str  # "indicator:RI05", "funding:ecosystem:<code>", "funding:province:<code>"
    kind: str  # cumulative | annual | level | flow
    direction: str  # higher | lower
    dates: tuple[dt.date, ...]
    values: tuple[float, ...]
    horizon: dt.date  # the target date, or the end of the forecast for series without one
    target: float | None = None
    indicator_code: str | None = None
    started: bool = True  # False: the measure behind it has not started yet
    notes: tuple[str, ...] = ()  # reading decisions, as codes the page translates

    @property
    def n_points(self) -> int:
        """How many points the model would see."""
        return len(self.values)

    def frame(self) -> pd.DataFrame:
        """The series as a `date`, `value` frame (dates as Timestamps)."""
        return pd.DataFrame({"date": pd.to_datetime(list(self.dates)), "value": self.values})


@dataclass
class ForecastResult:
    """The outcome for one series: status, monthly points and the verdict at the target."""

    key: str
    status: str
    n_points: int
    message: str = ""
    points: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["date", "yhat", "yhat_lower", "yhat_upper"])
    )
    p_target_met: float | None = None
    outlook: str | None = None
    realistic_median: float | None = None
    realistic_low: float | None = None
    realistic_high: float | None = None
    projected_pace: float | None = None  # per year, from the last observation to the target
    required_pace: float | None = None
    recent_trend_wrong: bool = False
    trend_to_reverse: bool = False


# The verdict at the target date: fields of ForecastResult stored in ForecastRun's columns of
# the same names, read back into the outlooks and blanked on a page unless the run is good.
VERDICT_FIELDS = (
    "p_target_met",
    "outlook",
    "realistic_median",
    "realistic_low",
    "realistic_high",
    "projected_pace",
    "required_pace",
)
VERDICT_NUMBERS = tuple(name for name in VERDICT_FIELDS if name != "outlook")


@functools.cache  # importlib.metadata reads the installed files: once per process is enough
def model_version() -> str:
    """Prophet's version plus the method version (stored with every run, part of the hash)."""
    try:
        prophet_version = version("prophet")
    except PackageNotFoundError:  # pragma: no cover - prophet is a hard dependency
        prophet_version = "unknown"
    return f"prophet-{prophet_version}/{METHOD_VERSION}"


# --------------------------------------------------------------------------- series


def _is_year_end(day: dt.date) -> bool:
    return day.month == 12 and day.day == 31


def indicator_series(indicator: Mapping[Any, Any], observations: pd.DataFrame) -> Series:
    """The series of one indicator (a row of `indicators_frame`) from its observations.

    `observations` has columns indicator_code, date, value (NaN = "n.d."), and optionally
    status: drafts are left out, because a forecast must not move on an unconfirmed value.
    """
    code = str(indicator["code"])
    rows = _usable(observations[observations["indicator_code"] == code])
    return _series(indicator, list(zip(rows["date"], rows["value"], strict=True)))


def _usable(observations: pd.DataFrame) -> pd.DataFrame:
    """The observations a series is built on: published ones, with a value."""
    rows = observations
    if "status" in rows.columns:
        rows = rows[rows["status"] == "published"]
    return rows.dropna(subset=["value"])


def _series(indicator: Mapping[Any, Any], dated: list[tuple[Any, float]]) -> Series:
    """The series of one indicator from its own (date, value) pairs, in observation order."""
    code = str(indicator["code"])
    kind = str(indicator["kind"])
    notes: list[str] = []
    points = {as_date(d): float(v) for d, v in dated}
    if kind == "annual":
        partial = [d for d in points if not _is_year_end(d)]
        for day in partial:  # a part-year value is not comparable with full years
            del points[day]
        if partial:
            notes.append("annual_partial_skipped")
    baseline_value = number_or_none(indicator.get("baseline_value"))
    baseline_date = as_date(indicator["baseline_date"])
    if baseline_value is not None and kind == "level" and baseline_value == 0:
        # DESIGN: a level baseline printed as 0 means "not available": the first
        # observation is the base.
        notes.append("level_baseline_zero")
    elif baseline_value is not None and baseline_date not in points:
        points[baseline_date] = baseline_value
    dates = tuple(sorted(points))
    return Series(
        key=f"indicator:{code}",
        kind=kind,
        direction=str(indicator.get("direction") or "higher"),
        dates=dates,
        values=tuple(points[d] for d in dates),
        horizon=as_date(indicator["target_date"]),
        target=number_or_none(indicator.get("target_value")),
        indicator_code=code,
        started=bool(indicator.get("measure_started", True)),
        notes=tuple(notes),
    )


def indicator_series_list(indicators: pd.DataFrame, observations: pd.DataFrame) -> list[Series]:
    """One series per indicator, in the indicators' order.

    The observations are filtered once and split by indicator in one pass, not once per
    indicator (a mask over every observation each: most of the forecasts page's series).
    """
    rows = _usable(observations)
    own: dict[str, list[tuple[Any, float]]] = {}
    for code, day, value in zip(rows["indicator_code"], rows["date"], rows["value"], strict=True):
        own.setdefault(code, []).append((day, value))
    return [_series(row, own.get(str(row["code"]), [])) for row in records(indicators)]


def funding_series(
    projects: pd.DataFrame, by: str, horizon: dt.date = DEFAULT_HORIZON
) -> list[Series]:
    """Monthly public funding of the projects started each month, per ecosystem or province.

    `projects` has columns start_date, public_funding_eur and `ecosystem` (code) or
    `province_code`; `by` is "ecosystem" or "province". Every group shares the months from
    the first to the last start month of all projects, and a month without a start is 0 (no
    money started then), not missing. Projects without a start date, an amount or a group are
    left out.
    """
    column = {"ecosystem": "ecosystem", "province": "province_code"}[by]
    frame = projects[["start_date", "public_funding_eur", column]].dropna()
    frame = frame[frame[column].astype(str) != ""]
    if frame.empty:
        return []
    months = pd.to_datetime(frame["start_date"]).dt.to_period("M")
    frame = frame.assign(month=months, amount=frame["public_funding_eur"].astype("float64"))
    calendar = pd.period_range(months.min(), months.max(), freq="M")
    # One group-by for every group and month (the same sums as one per group), and the
    # calendar's dates once: every series shares them.
    table = (
        frame.groupby([column, "month"], sort=True)["amount"]
        .sum()
        .unstack()
        .fillna(0.0)  # no project started in that month: 0, not missing
        .reindex(columns=calendar, fill_value=0.0)
    )
    dates = tuple(p.to_timestamp(how="end").date() for p in calendar)
    return [
        Series(
            key=f"funding:{by}:{group}",
            kind=KIND_FLOW,
            direction="higher",
            dates=dates,
            values=tuple(float(v) for v in values),
            horizon=horizon,
        )
        for group, values in zip(table.index, table.to_numpy(), strict=True)
    ]


def series_hash(series: Series, settings: ForecastSettings = DEFAULT_SETTINGS) -> str:
    """sha256 of everything a forecast depends on: data, target, settings, model version."""
    payload = {
        "key": series.key,
        "kind": series.kind,
        "direction": series.direction,
        "dates": [d.isoformat() for d in series.dates],
        "values": [repr(float(v)) for v in series.values],
        "horizon": series.horizon.isoformat(),
        "target": None if series.target is None else repr(float(series.target)),
        "started": series.started,
        "settings": settings.as_dict(),
        "model": model_version(),
        "calibration": calibration.shipped_digest(),
    }
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- fitting


def quiet_logging() -> None:
    """Silence Prophet's and cmdstanpy's chatter (each fit logs several INFO lines)."""
    from cmdstanpy.utils import get_logger  # late: keeps Prophet out of the web process

    # get_logger() installs cmdstanpy's handler once (it is cached); lowering the level
    # after that call sticks, lowering it before would be undone.
    get_logger().setLevel(logging.WARNING)
    logging.getLogger("prophet").setLevel(logging.WARNING)


@contextlib.contextmanager
def _seeded(seed: int) -> Iterator[None]:
    # Prophet 1.5 uses numpy's global generator (for its samples, which the method no longer
    # draws, and possibly elsewhere): seed it for this call only, and give the caller its
    # generator state back afterwards.
    state = np.random.get_state()
    np.random.seed(seed)
    try:
        yield
    finally:
        np.random.set_state(state)


@contextlib.contextmanager
def _prophet_warnings_silenced() -> Iterator[None]:
    # Prophet 1.5 calls pandas APIs that pandas 3 deprecates (DataFrame.drop(inplace=True)).
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=pd.errors.Pandas4Warning, module="prophet")
        yield


def n_changepoints(n_points: int, settings: ForecastSettings = DEFAULT_SETTINGS) -> int:
    """Changepoints Prophet may use: at most n − 3, and fewer than the points in its range.

    The trend has 2 + changepoints parameters. With as many as there are points Prophet
    draws a line through every point, its noise estimate collapses to 0, the intervals
    become falsely narrow and the optimiser crawls (a second per fit instead of 30 ms); so
    at least one point is left over for the noise. 3 points: a straight line.
    """
    inside = math.floor(n_points * settings.changepoint_range)
    return max(0, min(settings.max_changepoints, n_points - 3, inside - 1))


def forecast_dates(last: dt.date, horizon: dt.date) -> list[dt.date]:
    """Month ends after `last` up to `horizon`, plus `horizon` itself when it is not one."""
    if horizon <= last:
        return []
    ends = pd.date_range(pd.Timestamp(last) + pd.offsets.MonthEnd(1), horizon, freq="ME")
    dates = [ts.date() for ts in ends]
    if not dates or dates[-1] != horizon:
        dates.append(horizon)
    return dates


def value_floor(series: Series) -> float:
    """The lowest value the series' nature allows: 0 if never negative, last if cumulative."""
    floor = -np.inf
    if min(series.values) >= 0:
        floor = 0.0  # counts and euros that have never been negative stay non-negative
    if series.kind == "cumulative":
        floor = max(floor, series.values[-1])  # a running total cannot fall
    return floor


def prophet_increments(
    series: Series, dates: Sequence[dt.date], settings: ForecastSettings = DEFAULT_SETTINGS
) -> np.ndarray:
    """Prophet's trend from the last observation: yhat(date) − yhat(last date), per date.

    One fit, no predictive samples (the uncertainty is calibrated elsewhere). Anchoring at
    the last value, rather than continuing the fitted line, is what lets Prophet's slope
    take part in a forecast that starts where the series is. Deterministic: the Stan
    optimiser runs under `settings.seed`.
    """
    if settings.weight_prophet == 0:  # not part of the combination: no fit at all
        return np.zeros(len(dates))
    quiet_logging()
    from prophet import Prophet  # late: ~1 s to import, and never needed by the web process

    history = pd.DataFrame({"ds": pd.to_datetime(list(series.dates)), "y": series.values})
    model = Prophet(
        growth="linear",
        yearly_seasonality=False,
        weekly_seasonality=False,
        daily_seasonality=False,
        n_changepoints=n_changepoints(series.n_points, settings),
        changepoint_range=settings.changepoint_range,
        changepoint_prior_scale=settings.changepoint_prior_scale,
        uncertainty_samples=0,
    )
    future = pd.DataFrame({"ds": pd.to_datetime([series.dates[-1], *dates])})
    with _prophet_warnings_silenced(), _seeded(settings.seed):
        model.fit(history, seed=settings.seed)
        # No seasonality, no regressors: yhat is the trend. predict_trend gives the same
        # numbers as predict()["yhat"] at a seventh of its cost (half a fit, otherwise).
        trend = model.predict_trend(model.setup_dataframe(future.copy()))
        yhat = np.asarray(trend, dtype="float64")
    return yhat[1:] - yhat[0]


def horizons(series: Series, dates: Sequence[dt.date]) -> np.ndarray:
    """How many steps of the series (years for yearly data) each date lies after the last."""
    step = calibration.step_days(series.dates)
    last = series.dates[-1]
    return np.array([(d - last).days / step for d in dates], dtype="float64")


def drift_slope(series: Series) -> float:
    """Average change per step from the first to the last point (the drift forecast's)."""
    span = (series.dates[-1] - series.dates[0]).days / calibration.step_days(series.dates)
    return (series.values[-1] - series.values[0]) / span if span > 0 else 0.0


def damped_sum(h: np.ndarray, phi: float) -> np.ndarray:
    """φ + φ² + … + φ^h, continuous in h: the damped trend's multiplier of the slope."""
    return phi * (1 - np.power(phi, h)) / (1 - phi)


def point_forecast(
    series: Series,
    steps: np.ndarray,
    prophet_inc: np.ndarray,
    settings: ForecastSettings = DEFAULT_SETTINGS,
) -> np.ndarray:
    """The combined point forecast: last value + weighted increments (see ForecastSettings).

    Prophet's increment is anchored at the last value; drift adds the average past change
    per step; the damped trend adds the same slope damped by φ per step. The weights were
    chosen by rolling-origin backtest on the real panel (bench/bench_forecast_quality.py).
    """
    return combine(series.values[-1], drift_slope(series), steps, prophet_inc, settings)


def combine(
    last: Any,
    slope: Any,
    steps: np.ndarray,
    prophet_inc: np.ndarray,
    settings: ForecastSettings = DEFAULT_SETTINGS,
) -> np.ndarray:
    """The last value + the weighted increments of Prophet, drift and the damped trend."""
    increment = (
        settings.weight_prophet * prophet_inc
        + settings.weight_drift * slope * steps
        + settings.weight_damped * slope * damped_sum(steps, settings.damping)
    )
    return np.asarray(last + increment, dtype="float64")


def predictive_quantiles(
    series: Series,
    dates: Sequence[dt.date],
    settings: ForecastSettings = DEFAULT_SETTINGS,
    table: calibration.CalibrationTable | None = None,
    prophet_inc: np.ndarray | None = None,
) -> np.ndarray:
    """The calibrated predictive quantiles at `dates`: rows = dates, columns = LEVELS.

    point + scale × the panel's scaled-error quantiles for this horizon and series length
    (data.analysis.calibration), floored as the series' nature requires. Fits Prophet once
    unless its increments are given. Raises ValueError if any number is not finite.
    """
    table = table or calibration.shipped_table()
    steps = horizons(series, dates)
    if prophet_inc is None:
        prophet_inc = prophet_increments(series, dates, settings)
    point = point_forecast(series, steps, prophet_inc, settings)
    scale = calibration.series_scale(series.dates, series.values)
    errors = np.vstack([table.at(h, series.n_points) for h in steps])
    quantiles = np.maximum(point[:, None] + scale * errors, value_floor(series))
    if not np.all(np.isfinite(quantiles)):
        raise ValueError("the forecast is not finite")
    return quantiles


def outlook_for(p_met: float, settings: ForecastSettings = DEFAULT_SETTINGS) -> str:
    """The outlook: likely (P ≥ 0.8), unlikely (P < 0.2) or uncertain (settings' thresholds)."""
    if p_met >= settings.likely_threshold:
        return LIKELY
    if p_met < settings.unlikely_threshold:
        return UNLIKELY
    return UNCERTAIN


def recent_trend_wrong(series: Series) -> bool:
    """True when the last two values move against the indicator's direction."""
    if series.n_points < 2:
        return False
    change = series.values[-1] - series.values[-2]
    return change < 0 if series.direction == "higher" else change > 0


def pace_ratio(
    projected: float | None, required: float | None, direction: str = "higher"
) -> float | None:
    """How many times the projected pace the target requires ("needs 4.1× the pace").

    None when a pace is unknown or nothing more is required (the target is reached or
    passed in the indicator's direction); infinity when the projection stands still or
    moves away from the target.
    """
    if projected is None or required is None:
        return None
    still_needed = required > 0 if direction == "higher" else required < 0
    if not still_needed:
        return None
    if projected == 0 or (projected > 0) != (required > 0):
        return math.inf
    return required / projected


def _years(start: dt.date, end: dt.date) -> float:
    return (end - start).days / DAYS_PER_YEAR


def _no_fit(series: Series, status: str, message: str) -> ForecastResult:
    wrong = series.started and recent_trend_wrong(series)
    return ForecastResult(
        key=series.key,
        status=status,
        n_points=series.n_points,
        message=message,
        recent_trend_wrong=wrong,
        # Too few points for an outlook, but two values moving the wrong way still are a
        # trend to reverse; a measure that has not started has no trend at all.
        trend_to_reverse=wrong and series.target is not None and status == STATUS_INSUFFICIENT,
    )


def fit_series(series: Series, settings: ForecastSettings = DEFAULT_SETTINGS) -> ForecastResult:
    """Forecast one series to its horizon, with the verdict at its target if it has one.

    Raises whatever Prophet or Stan raise; the refresh turns that into a failed series.
    """
    if not series.started:
        return _no_fit(series, STATUS_NOT_STARTED, "the measure has not started yet: no fit")
    if series.n_points < settings.min_points:
        return _no_fit(
            series,
            STATUS_INSUFFICIENT,
            f"{series.n_points} points, at least {settings.min_points} needed: no fit",
        )
    last_date, last_value = series.dates[-1], series.values[-1]
    dates = forecast_dates(last_date, series.horizon)
    if not dates:
        return _no_fit(series, STATUS_TARGET_PASSED, "the last value is at or after the horizon")
    quantiles = predictive_quantiles(series, dates, settings)
    low_i = calibration.level_index((1 - settings.interval_width) / 2)
    high_i = calibration.level_index((1 + settings.interval_width) / 2)
    median_i = calibration.level_index(0.5)
    median, lower, upper = (quantiles[:, i] for i in (median_i, low_i, high_i))
    if series.kind == "cumulative":
        # Floored quantiles keep each month ≥ the last value; the curves must not dip either.
        median, lower, upper = (np.maximum.accumulate(a) for a in (median, lower, upper))
    points = pd.DataFrame({"date": dates, "yhat": median, "yhat_lower": lower, "yhat_upper": upper})
    at_horizon = float(median[-1])
    result = ForecastResult(
        key=series.key,
        status=STATUS_OK,
        n_points=series.n_points,
        points=points,
        realistic_median=at_horizon,
        realistic_low=float(lower[-1]),
        realistic_high=float(upper[-1]),
        recent_trend_wrong=recent_trend_wrong(series),
    )
    years = _years(last_date, series.horizon)
    result.projected_pace = (at_horizon - last_value) / years
    if series.target is not None:
        at_target = quantiles[-1]
        met = (
            calibration.prob_at_least(at_target, series.target)
            if series.direction == "higher"
            else calibration.prob_at_most(at_target, series.target)
        )
        result.p_target_met = met
        result.outlook = outlook_for(result.p_target_met, settings)
        result.required_pace = (series.target - last_value) / years
        result.trend_to_reverse = result.outlook == UNLIKELY or result.recent_trend_wrong
    return result


# --------------------------------------------------------------------------- reading

OUTLOOK_COLUMNS = [
    "code",
    "series_key",
    "status",  # a run status, or "missing" when no run is stored for the indicator
    "n_points",
    "last_date",
    "last_value",
    "previous_value",
    "stale",
    "error",
    "outdated",  # the data changed after the stored run (refresh pending)
    *VERDICT_FIELDS,
    "pace_ratio",
    "recent_trend_wrong",
    "trend_to_reverse",
    "notes",
    "created_at",
    "model_version",
]
STATUS_MISSING = "missing"


def indicator_outlooks(
    indicators: pd.DataFrame,
    observations: pd.DataFrame,
    runs: pd.DataFrame,
    settings: ForecastSettings = DEFAULT_SETTINGS,
    given: Sequence[Series] | None = None,
) -> pd.DataFrame:
    """One row per indicator: its stored verdict (or why there is none) and its last values.

    `indicators` and `observations` are the query frames, `runs` is
    `data.forecasting.latest_forecasts`. The indicators' own columns are kept; the columns
    of OUTLOOK_COLUMNS are added. Nothing is fitted: `outdated` compares the hash of the
    current data with the stored run's. `given`: `indicator_series_list` of the same
    frames, when the caller has it already.
    """
    by_key = {row["series_key"]: row for row in records(runs)} if len(runs) else {}
    every = indicator_series_list(indicators, observations) if given is None else given
    rows = []
    for indicator, series in zip(records(indicators), every, strict=True):
        run = by_key.get(series.key)
        row: dict[str, Any] = dict.fromkeys(OUTLOOK_COLUMNS)
        row.update(
            code=series.indicator_code,
            series_key=series.key,
            n_points=series.n_points,
            last_date=series.dates[-1] if series.dates else None,
            last_value=series.values[-1] if series.values else None,
            previous_value=series.values[-2] if series.n_points >= 2 else None,
            recent_trend_wrong=series.started and recent_trend_wrong(series),
            notes=series.notes,
            stale=False,
            outdated=False,
            trend_to_reverse=False,
            status=STATUS_MISSING,
            error="",
        )
        if run is not None:
            for name in OUTLOOK_COLUMNS:
                if name in run and name not in ("n_points", "notes", "series_key"):
                    row[name] = run[name]
            row["stale"] = bool(run["stale"])
            row["trend_to_reverse"] = bool(run["trend_to_reverse"])
            row["outdated"] = run["data_hash"] != series_hash(series, settings)
            row["pace_ratio"] = pace_ratio(
                number_or_none(run["projected_pace"]),
                number_or_none(run["required_pace"]),
                str(indicator.get("direction") or "higher"),
            )
        merged: dict[Any, Any] = {**indicator, **row}
        rows.append(merged)
    columns = [*indicators.columns, *(c for c in OUTLOOK_COLUMNS if c not in indicators.columns)]
    return pd.DataFrame(rows, columns=columns)
