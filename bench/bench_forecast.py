"""Benchmark of `s3dash forecast`: refresh time with 1 and 2 worker processes, and the cost
per series against one bare Prophet fit measured in the same run.

The series are SYNTHETIC (random short series, labelled "[SYNTHETIC]" in a throwaway SQLite
database under a temporary folder); no real data is touched. Each refresh starts from an
identical copy of that database, so every run fits every series.

Each refresh runs in a fresh interpreter (as `s3dash forecast` does), jobs 1 and jobs 2
alternated, and the medians are compared; the CPU seconds of each (parent, workers and
forkserver) show whether the parallel run does more work in all. Timings on a shared
machine are noisy: the load average is printed before, during and after.

    .venv/bin/python bench/bench_forecast.py --series 300
    .venv/bin/python bench/bench_forecast.py --series 20 --repeat 1   # quick check
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import statistics
import subprocess
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
from data.forecasting import latest_forecast_points, latest_forecasts, refresh  # noqa: E402
from data.migrate import upgrade  # noqa: E402
from data.models import Indicator, Observation  # noqa: E402

KINDS = ("cumulative", "annual", "level")
SPEED_UP_TARGET = 1.6  # issue 11: --jobs 2 on 2 cores
COST_TARGET = 2.0  # issue 11: a refresh per series against a bare Prophet fit
NUMBERS = ["status", "p_target_met", "realistic_median", "realistic_low", "realistic_high"]


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


def _refresh_cpu_seconds() -> float:
    """CPU seconds of this process, its children and, if any, the forkserver and its workers."""
    from multiprocessing import forkserver

    server = getattr(forkserver, "_forkserver", None)
    if server is not None and getattr(server, "_forkserver_pid", None):
        server._stop()  # waits for it: its CPU and its reaped workers' join RUSAGE_CHILDREN
    cpu = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        cpu += usage.ru_utime + usage.ru_stime
    return cpu


def time_one_refresh(url: str, jobs: int) -> None:
    """Child mode: one refresh in a fresh interpreter, printed as JSON (wall and CPU seconds).

    A fresh process per refresh, as `s3dash forecast` runs: --jobs 1 pays its Prophet
    import, --jobs 2 its forkserver and workers, and neither inherits the other's warm state.
    """
    cpu_before = _refresh_cpu_seconds()
    started = time.perf_counter()
    summary = refresh(url, jobs=jobs)
    seconds = time.perf_counter() - started
    cpu = _refresh_cpu_seconds() - cpu_before
    print(json.dumps({"seconds": seconds, "cpu": cpu, "failed": summary.failed,
                      "errors": summary.errors[:3]}))  # fmt: skip


def timed_refresh(template: Path, folder: Path, jobs: int, run: int) -> tuple[float, float, str]:
    """Wall and CPU seconds of one refresh of a fresh copy of `template`, and its URL."""
    copy = folder / f"jobs{jobs}-run{run}.db"
    shutil.copy(template, copy)
    url = f"sqlite:///{copy}"
    child = subprocess.run(
        [sys.executable, __file__, "--time-refresh", url, "--jobs", str(jobs)],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(child.stdout.strip().splitlines()[-1])
    if result["failed"]:
        raise SystemExit(f"{result['failed']} series failed: {result['errors']}")
    return result["seconds"], result["cpu"], url


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", type=int, default=500, help="synthetic series (default 500)")
    parser.add_argument("--repeat", type=int, default=3, help="refreshes per jobs setting")
    parser.add_argument("--seed", type=int, default=7, help="seed of the synthetic data")
    parser.add_argument("--time-refresh", metavar="URL", help=argparse.SUPPRESS)  # child mode
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.time_refresh:
        time_one_refresh(args.time_refresh, args.jobs)
        return

    folder = Path(tempfile.mkdtemp(prefix="s3m-bench-"))
    try:
        template = folder / "template.db"
        build_database(template, args.series, args.seed)
        print(f"SYNTHETIC series: {args.series} (3-7 points each), cpus: {os.cpu_count()}, "
              f"refreshes per setting: {args.repeat}; {_load()}", flush=True)  # fmt: skip
        bare_fit, bare_fit_sample = bare_prophet_fit(repeat=7)
        times: dict[int, list[float]] = {1: [], 2: []}
        cpus: dict[int, list[float]] = {1: [], 2: []}
        urls: dict[int, str] = {}
        for run in range(args.repeat):
            for jobs in (1, 2):  # alternated: a change of load hits both settings alike
                seconds, cpu, urls[jobs] = timed_refresh(template, folder, jobs, run)
                times[jobs].append(seconds)
                cpus[jobs].append(cpu)
            a, b = times[1][-1], times[2][-1]
            print(f"  run {run + 1}: jobs 1 {a:.2f} s, jobs 2 {b:.2f} s, speed-up {a / b:.2f}x; "
                  f"{_load()}", flush=True)  # fmt: skip
        started = time.perf_counter()
        second = refresh(urls[1])
        skip_seconds = time.perf_counter() - started

        with session_scope(urls[1]) as s1, session_scope(urls[2]) as s2:
            runs1, runs2 = latest_forecasts(s1), latest_forecasts(s2)
            points1, points2 = latest_forecast_points(s1), latest_forecast_points(s2)
        cols = ["series_key", *NUMBERS]
        same = runs1[cols].equals(runs2[cols]) and points1.equals(points2)

        t1, t2 = statistics.median(times[1]), statistics.median(times[2])
        c1, c2 = statistics.median(cpus[1]), statistics.median(cpus[2])
        per_series = t1 / args.series
        speed_up = t1 / t2
        print(f"refresh --jobs 1 (median): {t1:8.2f} s  ({per_series * 1000:.0f} ms per series), "
              f"CPU {c1:.2f} s")  # fmt: skip
        print(f"refresh --jobs 2 (median): {t2:8.2f} s  ({t2 / args.series * 1000:.0f} ms per "
              f"series), CPU {c2:.2f} s ({c2 / c1:.2f}x the CPU of --jobs 1)")  # fmt: skip
        verdict = "met" if speed_up >= SPEED_UP_TARGET else "NOT met"
        per_run = ", ".join(f"{a / b:.2f}x" for a, b in zip(times[1], times[2], strict=True))
        print(f"speed-up jobs 2 vs jobs 1: {speed_up:.2f}x (target >= {SPEED_UP_TARGET}x on 2 "
              f"idle cores: {verdict}); per run: {per_run}")  # fmt: skip
        samples = BARE_SAMPLES
        print(f"bare Prophet fit: {bare_fit * 1000:.0f} ms; fit + {samples} predictive samples: "
              f"{bare_fit_sample * 1000:.0f} ms")  # fmt: skip
        cost = per_series / bare_fit
        print(f"time per series (jobs 1) / bare fit: {cost:.2f}x "
              f"(target <= {COST_TARGET}x: {'met' if cost <= COST_TARGET else 'NOT met'}); "
              f"/ bare fit + samples: {per_series / bare_fit_sample:.2f}x")  # fmt: skip
        print(f"second refresh (nothing changed): {skip_seconds:.2f} s, {second.line()}")
        print(f"jobs 1 and jobs 2 give identical numbers and points: {same}")
        print(_load())
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
