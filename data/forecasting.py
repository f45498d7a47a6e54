"""Forecasts on the database: build every series, refit only what changed, store the runs.

Never called from a web request (DESIGN.md, "Architecture"): `s3dash forecast` calls
`refresh`, an import calls data.forecast_launch.refresh_in_background, which starts a
separate process; the pages only read `latest_forecasts` and `latest_forecast_points`.

A series is refitted only when the sha256 of its data, target, settings and model version
(`data.analysis.forecast.series_hash`) differs from its latest stored run, so a second
refresh in a row fits nothing. Series are fitted in batches, in worker processes when
jobs > 1 (`data.forecast_worker`); a series that fails fails alone, within its batch, and
keeps its previous forecast, marked stale, with the error. The parent stores each batch in
one transaction while the workers fit the next ones.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import multiprocessing
import time
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from multiprocessing.context import BaseContext

import numpy as np
import pandas as pd
from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from data import context, project_queries, queries
from data.analysis.forecast import (
    DEFAULT_SETTINGS,
    MODEL_NAME,
    NO_FIT_STATUSES,
    STATUS_FAILED,
    STATUS_OK,
    VERDICT_FIELDS,
    VERDICT_NUMBERS,
    ForecastResult,
    ForecastSettings,
    Series,
    fit_series,
    funding_series,
    indicator_series_list,
    model_version,
    series_hash,
)
from data.db import bump_data_version, session_scope
from data.forecast_worker import Fitter, failed, fit_batch, start_worker
from data.models import ForecastPoint, ForecastRun, Indicator

log = logging.getLogger(__name__)

FITTED, SKIPPED, FAILED, INSUFFICIENT = "fitted", "skipped", "failed", "insufficient"

MAX_BATCH = 8
PRELOAD_MODULE = "data.forecast_preload"

Progress = Callable[[int, int, str, str], None]  # done, total, series key, outcome


class UnknownSeriesError(ValueError):
    """`only` named a series or indicator code that does not exist."""


@dataclass
class RefreshSummary:
    """What a refresh did, series by series counted once."""

    fitted: int = 0
    skipped: int = 0
    failed: int = 0
    insufficient: int = 0  # too few points, measure not started, or target date passed
    pruned: int = 0  # runs of series that no longer exist, deleted
    seconds: float = 0.0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (series key, error)

    def line(self) -> str:
        """The closing line of `s3dash forecast`."""
        return (
            f"fitted {self.fitted}, skipped {self.skipped}, failed {self.failed}, "
            f"insufficient {self.insufficient} in {self.seconds:.1f} s"
        )


# --------------------------------------------------------------------------- series


def load_series(session: Session, only: Collection[str] | None = None) -> list[Series]:
    """Every series to forecast: indicators, monthly funding, then Lombardy's context series.

    `only` keeps the series whose key or indicator code it lists; an unknown name raises
    UnknownSeriesError (a typo must not look like "nothing to do").
    """
    series = indicator_series_list(
        queries.indicators_frame(session), queries.observations_frame(session)
    )
    projects = project_queries.monthly_funding(session)  # summed in SQL: never every row
    if not projects.empty:
        series += funding_series(projects, "ecosystem") + funding_series(projects, "province")
    series += context.forecast_series(session)  # Lombardy's Eurostat context series
    if only is None:
        return series
    wanted = set(only)
    known = {s.key for s in series} | {s.indicator_code for s in series if s.indicator_code}
    unknown = wanted - known
    if unknown:
        raise UnknownSeriesError(f"unknown series: {', '.join(sorted(unknown))}")
    return [s for s in series if s.key in wanted or s.indicator_code in wanted]


@dataclass(frozen=True)
class _RunState:
    data_hash: str
    stale: bool
    status: str


def _latest_states(session: Session) -> dict[str, _RunState]:
    latest_ids = select(func.max(ForecastRun.id)).group_by(ForecastRun.series_key)
    rows = session.execute(
        select(
            ForecastRun.series_key, ForecastRun.data_hash, ForecastRun.stale, ForecastRun.status
        ).where(ForecastRun.id.in_(latest_ids))
    ).all()
    return {key: _RunState(data_hash, stale, status) for key, data_hash, stale, status in rows}


def _is_current(state: _RunState | None, data_hash: str) -> bool:
    # A failed or stale run is retried even when the data did not change: the failure may
    # have been transient (a killed worker, a full disk).
    return (
        state is not None
        and state.data_hash == data_hash
        and not state.stale
        and state.status != STATUS_FAILED
    )


# --------------------------------------------------------------------------- fitting


def batch_size(n_series: int, jobs: int) -> int:
    """Series per task (and per transaction): few round trips, an even finish.

    A batch is fitted by one worker and stored in one transaction, so a refresh commits
    once per batch instead of once per series (a commit waits for the disk: ~30 ms on a
    shared VM, more than a fit). At least four batches per worker keep the last ones short,
    so both workers finish together.
    """
    return max(1, min(MAX_BATCH, math.ceil(n_series / (4 * max(1, jobs)))))


def _worker_context() -> BaseContext:
    """The start method of the workers: forkserver where there is one, else spawn.

    forkserver, not fork: the server is a fresh interpreter, so a worker never inherits the
    parent's database connections or the locks of its threads (as with spawn). The server
    imports, once, what every worker needs (`data.forecast_preload`); each worker forks
    from it in milliseconds.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([PRELOAD_MODULE])
    return context


def _start_worker_server(jobs: int) -> None:
    # Started before the series are read, so its imports run on the other core meanwhile.
    # When nothing needs fitting it has cost a second of CPU, fitted nothing, and goes
    # with this process.
    if jobs > 1 and _worker_context().get_start_method() == "forkserver":
        from multiprocessing import forkserver  # late: POSIX only

        forkserver.ensure_running()


Batch = list[tuple[Series, ForecastResult]]


def _results(
    todo: list[Series], jobs: int, settings: ForecastSettings, fit: Fitter, size: int
) -> Iterator[Batch]:
    batches = [todo[i : i + size] for i in range(0, len(todo), size)]
    if jobs <= 1 or len(batches) <= 1:
        for batch in batches:  # in this process: no worker to start
            yield list(zip(batch, fit_batch(fit, batch, settings), strict=True))
        return
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(batches)),
        mp_context=_worker_context(),
        initializer=start_worker,
    ) as pool:
        futures: dict[Future[list[ForecastResult]], list[Series]] = {
            pool.submit(fit_batch, fit, batch, settings): batch for batch in batches
        }
        for future in as_completed(futures):
            batch = futures[future]
            try:
                results = future.result()
            except Exception as exc:  # the worker itself died (BrokenProcessPool…)
                message = f"worker failed: {type(exc).__name__}: {exc}"
                results = [failed(series, message) for series in batch]
            yield list(zip(batch, results, strict=True))


# --------------------------------------------------------------------------- storing

_POINT_COLUMNS = ["yhat", "yhat_lower", "yhat_upper"]


def finite_or_failed(result: ForecastResult) -> ForecastResult:
    """`result`, or a failure when an `ok` result holds a number that is not finite.

    An infinite median (a value of 1e308 in the data) must never be stored as a good
    forecast: it would reach the public page as "inf%". As a failure, the previous good
    forecast is kept, marked stale.
    """
    if result.status != STATUS_OK:
        return result
    bad = [
        name
        for name in VERDICT_NUMBERS
        if (value := getattr(result, name)) is not None and not math.isfinite(float(value))
    ]
    points = result.points
    if len(points) and not np.isfinite(points[_POINT_COLUMNS].to_numpy(dtype=float)).all():
        bad.append("points")
    if not bad:
        return result
    return ForecastResult(
        key=result.key,
        status=STATUS_FAILED,
        n_points=result.n_points,
        message=f"the fitted forecast is not finite ({', '.join(bad)}); not stored",
    )


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)  # stored as naive UTC


def _run_row(
    series: Series, data_hash: str, result: ForecastResult, indicator_ids: dict[str, int]
) -> dict[str, object]:
    failed_run = result.status == STATUS_FAILED
    code = series.indicator_code
    return {
        "series_key": series.key,
        "indicator_id": indicator_ids.get(code) if code else None,
        "model": MODEL_NAME,
        "model_version": model_version(),
        "data_hash": data_hash,
        "created_at": _now(),
        "status": result.status,
        "message": "" if failed_run else result.message,
        "error": result.message if failed_run else "",
        "n_points": result.n_points,
        "stale": False,
        **{name: getattr(result, name) for name in VERDICT_FIELDS},
        "trend_to_reverse": result.trend_to_reverse,
    }


def _point_rows(run_id: int, points: pd.DataFrame) -> list[dict[str, object]]:
    return [
        {"run_id": run_id, "date": d, "yhat": y, "yhat_lower": lo, "yhat_upper": hi}
        for d, y, lo, hi in zip(
            points["date"],
            points["yhat"].astype(float).tolist(),
            points["yhat_lower"].astype(float).tolist(),
            points["yhat_upper"].astype(float).tolist(),
            strict=True,
        )
    ]


def _store_batch(
    url: str, batch: Batch, hashes: dict[str, str], indicator_ids: dict[str, int]
) -> list[ForecastResult]:
    """Store a batch in one transaction; returns the results as stored.

    A failed series whose latest run is good keeps that run, marked stale with the error;
    every other series replaces its runs by the new one. A few statements per batch, not
    per series: the parent stores while the workers fit, and its share of the work bounds
    what more workers can gain.
    """
    results = [(series, finite_or_failed(fitted)) for series, fitted in batch]
    failed_keys = [series.key for series, result in results if result.status == STATUS_FAILED]
    with session_scope(url) as session:
        previous: dict[str, ForecastRun] = {}
        if failed_keys:
            for run in session.scalars(
                select(ForecastRun)
                .where(ForecastRun.series_key.in_(failed_keys))
                .order_by(ForecastRun.id)
            ):
                previous[run.series_key] = run  # the latest wins
        replaced = []
        for series, result in results:
            kept = previous.get(series.key)
            if result.status == STATUS_FAILED and kept is not None and kept.status != STATUS_FAILED:
                kept.stale = True
                kept.error = result.message
            else:
                replaced.append((series, result))
        if replaced:
            keys = [series.key for series, _ in replaced]
            session.execute(delete(ForecastRun).where(ForecastRun.series_key.in_(keys)))
            run_ids = session.scalars(
                insert(ForecastRun).returning(ForecastRun.id, sort_by_parameter_order=True),
                [_run_row(s, hashes[s.key], r, indicator_ids) for s, r in replaced],
            ).all()
            points = [
                row
                for run_id, (_, result) in zip(run_ids, replaced, strict=True)
                if len(result.points)
                for row in _point_rows(run_id, result.points)
            ]
            if points:
                session.execute(insert(ForecastPoint), points)
        bump_data_version(session)  # the pages show forecasts: their cached reads must renew
    return [result for _, result in results]


def _outcome(result: ForecastResult) -> str:
    if result.status == STATUS_FAILED:
        return FAILED
    if result.status in NO_FIT_STATUSES:
        return INSUFFICIENT
    return FITTED


def refresh(
    url: str,
    jobs: int = 1,
    progress: Progress | None = None,
    only: Collection[str] | None = None,
    settings: ForecastSettings = DEFAULT_SETTINGS,
    fit: Fitter = fit_series,
    batch: int | None = None,
) -> RefreshSummary:
    """Refit every series whose hash changed, store the runs; returns what happened.

    `jobs` > 1 fits in that many worker processes (`fit` must then be a module-level
    function, picklable). `progress(done, total, key, outcome)` is called once per series.
    `only` limits the refresh to some series (keys or indicator codes); without it, the runs
    of series that no longer exist are deleted. `batch` series are fitted per task and
    stored per transaction (default: `batch_size`).
    """
    started = time.perf_counter()
    summary = RefreshSummary()
    _start_worker_server(jobs)
    with session_scope(url) as session:
        all_series = load_series(session, only)
        latest = _latest_states(session)
        indicator_ids = {
            code: id_ for code, id_ in session.execute(select(Indicator.code, Indicator.id))
        }
        if only is None:
            keep = {s.key for s in all_series}
            gone = [key for key in latest if key not in keep]
            if gone:
                session.execute(delete(ForecastRun).where(ForecastRun.series_key.in_(gone)))
                bump_data_version(session)
                summary.pruned = len(gone)
    total, done = len(all_series), 0
    hashes = {s.key: series_hash(s, settings) for s in all_series}
    todo = []
    for series in all_series:
        if _is_current(latest.get(series.key), hashes[series.key]):
            summary.skipped += 1
            done += 1
            if progress:
                progress(done, total, series.key, SKIPPED)
        else:
            todo.append(series)
    size = batch_size(len(todo), jobs) if batch is None else batch
    for fitted in _results(todo, jobs, settings, fit, size):
        stored = _store_batch(url, fitted, hashes, indicator_ids)
        for (series, _), result in zip(fitted, stored, strict=True):
            outcome = _outcome(result)
            setattr(summary, outcome, getattr(summary, outcome) + 1)
            if outcome == FAILED:
                summary.errors.append((series.key, result.message))
                log.warning("forecast of %s failed: %s", series.key, result.message)
            done += 1
            if progress:
                progress(done, total, series.key, outcome)
    summary.seconds = time.perf_counter() - started
    return summary


# --------------------------------------------------------------------------- reading

RUN_COLUMNS = [
    "series_key",
    "indicator_code",
    "run_id",
    "created_at",
    "model",
    "model_version",
    "data_hash",
    "status",
    "message",
    "n_points",
    "stale",
    "error",
    *VERDICT_FIELDS,
    "trend_to_reverse",
]


def latest_forecasts(session: Session) -> pd.DataFrame:
    """One row per series: its latest run (columns RUN_COLUMNS), ordered by series key."""
    latest_ids = select(func.max(ForecastRun.id)).group_by(ForecastRun.series_key)
    fields = [getattr(ForecastRun, c) for c in RUN_COLUMNS if c not in ("indicator_code", "run_id")]
    stmt = (
        select(ForecastRun.series_key, Indicator.code, ForecastRun.id, *fields[1:])
        .outerjoin(Indicator, Indicator.id == ForecastRun.indicator_id)
        .where(ForecastRun.id.in_(latest_ids))
        .order_by(ForecastRun.series_key)
    )
    rows = session.execute(stmt).all()
    frame = pd.DataFrame([tuple(r) for r in rows], columns=RUN_COLUMNS)
    for col in VERDICT_NUMBERS:
        frame[col] = frame[col].astype("float64")
    return frame


def latest_forecast_points(session: Session) -> pd.DataFrame:
    """The monthly points of every series' latest run: series_key, date, yhat, interval."""
    latest_ids = select(func.max(ForecastRun.id)).group_by(ForecastRun.series_key)
    stmt = (
        select(
            ForecastRun.series_key,
            ForecastPoint.date,
            ForecastPoint.yhat,
            ForecastPoint.yhat_lower,
            ForecastPoint.yhat_upper,
        )
        .join(ForecastRun, ForecastRun.id == ForecastPoint.run_id)
        .where(ForecastRun.id.in_(latest_ids))
        .order_by(ForecastRun.series_key, ForecastPoint.date)
    )
    rows = session.execute(stmt).all()
    columns = ["series_key", "date", "yhat", "yhat_lower", "yhat_upper"]
    return pd.DataFrame([tuple(r) for r in rows], columns=columns)


def has_forecasts(url: str) -> bool:
    """True when at least one forecast run is stored (for `s3dash forecast --if-missing`)."""
    with session_scope(url) as session:
        return session.scalar(select(ForecastRun.id).limit(1)) is not None
