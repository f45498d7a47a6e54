"""Benchmark of `s3dash forecast`: refresh time with 1 and 2 worker processes, and the cost
per series against one bare Prophet fit measured in the same run.

The series are SYNTHETIC (random short series, labelled "[SYNTHETIC]" in a throwaway SQLite
database under a temporary folder); no real data is touched. Each refresh starts from an
identical copy of that database, so every run fits every series.

    .venv/bin/python bench/bench_forecast.py --series 500
    .venv/bin/python bench/bench_forecast.py --series 20 --repeat 1   # quick check
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from data.analysis.forecast import (  # noqa: E402
    forecast_dates,
    n_changepoints,
    quiet_logging,
)

BARE_SAMPLES = 1000  # Prophet's default predictive samples, for the "fit + samples" reference
from data.db import get_engine, session_scope  # noqa: E402
from data.forecasting import latest_forecasts, refresh  # noqa: E402
from data.migrate import upgrade  # noqa: E402
from data.models import Indicator, Observation  # noqa: E402

KINDS = ("cumulative", "annual", "level")


def build_database(path: Path, n_series: int, seed: int) -> str:
    """A migrated SQLite database with `n_series` synthetic indicators (3-7 points each)."""
    url = f"sqlite:///{path}"
    upgrade(url)
    rng = np.random.default_rng(seed)
    with session_scope(url) as session:
        for i in range(n_series):
            kind = KINDS[i % len(KINDS)]
            n_obs = int(rng.integers(2, 7))  # + baseline: 3 to 7 points
            start = float(rng.uniform(0, 100)) if kind != "cumulative" else 0.0
            slope = float(rng.uniform(-5, 30))
            values, level = [], start
            for _ in range(n_obs):
                step = slope + float(rng.normal(0, 5))
                # A running total never falls; other kinds may, but stay non-negative.
                level = level + abs(step) if kind == "cumulative" else max(0.0, level + step)
                values.append(round(level, 2))
            indicator = Indicator(
                code=f"SYN{i:04d}",
                name_it=f"[SYNTHETIC] serie di prova {i}",
                name_en=f"[SYNTHETIC] benchmark series {i}",
                unit="n.",
                kind=kind,
                direction="higher",
                baseline_value=start,
                baseline_date=dt.date(2019, 12, 31),
                target_value=float(start + rng.uniform(20, 200)),
                target_date=dt.date(2027, 12, 31),
                measure_started=True,
                notes="synthetic benchmark data",
                source="bench/bench_forecast.py (synthetic)",
                sort_order=i,
            )
            session.add(indicator)
            session.flush()
            session.add_all(
                Observation(indicator_id=indicator.id, date=dt.date(2020 + k, 12, 31), value=v)
                for k, v in enumerate(values)
            )
    get_engine(url).dispose()
    return url


def bare_prophet_fit(repeat: int) -> tuple[float, float]:
    """Median seconds of one bare Prophet fit, and of a fit plus predictive samples."""
    from prophet import Prophet

    quiet_logging()
    history = pd.DataFrame(
        {"ds": pd.to_datetime(["2019-12-31", "2020-12-31", "2021-12-31", "2022-12-31"]),
         "y": [0.0, 22.37, 71.0, 73.6]}
    )  # fmt: skip
    future = pd.DataFrame(
        {"ds": pd.to_datetime(forecast_dates(dt.date(2022, 12, 31), dt.date(2027, 12, 31)))}
    )
    fit_only, fit_and_sample = [], []
    import warnings

    for _ in range(repeat):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = Prophet(
                yearly_seasonality=False,
                weekly_seasonality=False,
                daily_seasonality=False,
                n_changepoints=n_changepoints(4),
                uncertainty_samples=BARE_SAMPLES,
            )
            started = time.perf_counter()
            model.fit(history)
            fitted = time.perf_counter()
            model.predictive_samples(future)
            done = time.perf_counter()
        fit_only.append(fitted - started)
        fit_and_sample.append(done - started)
    return statistics.median(fit_only), statistics.median(fit_and_sample)


def timed_refresh(template: Path, folder: Path, jobs: int, run: int) -> tuple[float, str]:
    copy = folder / f"jobs{jobs}-run{run}.db"
    shutil.copy(template, copy)
    url = f"sqlite:///{copy}"
    started = time.perf_counter()
    summary = refresh(url, jobs=jobs)
    seconds = time.perf_counter() - started
    if summary.failed:
        raise SystemExit(f"{summary.failed} series failed: {summary.errors[:3]}")
    return seconds, url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", type=int, default=500, help="synthetic series (default 500)")
    parser.add_argument("--repeat", type=int, default=1, help="refreshes per jobs setting")
    parser.add_argument("--seed", type=int, default=7, help="seed of the synthetic data")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="s3m-bench-"))
    try:
        template = folder / "template.db"
        build_database(template, args.series, args.seed)
        bare_fit, bare_fit_sample = bare_prophet_fit(repeat=7)
        times: dict[int, list[float]] = {1: [], 2: []}
        urls: dict[int, str] = {}
        for run in range(args.repeat):
            for jobs in (1, 2):
                seconds, urls[jobs] = timed_refresh(template, folder, jobs, run)
                times[jobs].append(seconds)
        started = time.perf_counter()
        second = refresh(urls[1])
        skip_seconds = time.perf_counter() - started

        with session_scope(urls[1]) as s1, session_scope(urls[2]) as s2:
            cols = ["series_key", "p_target_met", "realistic_median", "realistic_low"]
            same = latest_forecasts(s1)[cols].equals(latest_forecasts(s2)[cols])

        t1, t2 = statistics.median(times[1]), statistics.median(times[2])
        per_series = t1 / args.series
        print(f"SYNTHETIC series: {args.series} (3-7 points each), cpus: {os.cpu_count()}, "
              f"refreshes per setting: {args.repeat}")  # fmt: skip
        print(f"refresh --jobs 1: {t1:8.2f} s  ({per_series * 1000:.0f} ms per series)")
        print(f"refresh --jobs 2: {t2:8.2f} s  ({t2 / args.series * 1000:.0f} ms per series)")
        print(f"speed-up jobs 2 vs jobs 1: {t1 / t2:.2f}x")
        samples = BARE_SAMPLES
        print(f"bare Prophet fit: {bare_fit * 1000:.0f} ms; fit + {samples} predictive samples: "
              f"{bare_fit_sample * 1000:.0f} ms")  # fmt: skip
        print(f"time per series (jobs 1) / bare fit: {per_series / bare_fit:.2f}x; "
              f"/ bare fit + samples: {per_series / bare_fit_sample:.2f}x")  # fmt: skip
        print(f"second refresh (nothing changed): {skip_seconds:.2f} s, {second.line()}")
        print(f"jobs 1 and jobs 2 give identical numbers: {same}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
