"""Benchmark of `s3dash forecast`: refresh time with 1 and 2 worker processes, and the cost
per series against one bare Prophet fit measured in the same run.

The series are SYNTHETIC (random short series, labelled "[SYNTHETIC]" in a throwaway SQLite
database under a temporary folder); no real data is touched. Each refresh starts from an
identical copy of that database, so every run fits every series.

Each refresh is a real `s3dash forecast --jobs N` in its own process, jobs 1 and jobs 2
alternated, and the medians of the refresh times it reports are compared. Its CPU seconds
(the command, its workers and forkserver) show whether the parallel run does more work in
all. Timings on a shared machine are noisy: the load average is printed along.

    .venv/bin/python bench/bench_forecast.py --series 300
    .venv/bin/python bench/bench_forecast.py --series 20 --repeat 1   # quick check
"""

from __future__ import annotations

import argparse
import ctypes
import datetime as dt
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
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
FORECAST_COMMAND = [sys.executable, "-m", "data.cli", "forecast"]  # = `s3dash forecast`
SUMMARY = re.compile(r"fitted \d+, .* in (?P<seconds>[0-9.]+) s")
PR_SET_CHILD_SUBREAPER = 36  # linux/prctl.h
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


@dataclass
class BareFits:
    fit: list[float]  # seconds of one bare Prophet fit
    fit_and_sample: list[float]  # seconds of a fit plus its predictive samples
    fit_cpu: list[float]  # CPU seconds of one bare fit (Python and Stan)


def bare_prophet_fit(repeat: int, into: BareFits) -> None:
    """`repeat` bare Prophet fits (with and without samples), added to `into`.

    Measured before each pair of refreshes, so the fits see the load the refreshes see.
    """
    from prophet import Prophet

    quiet_logging()
    history = pd.DataFrame(
        {"ds": pd.to_datetime(["2019-12-31", "2020-12-31", "2021-12-31", "2022-12-31"]),
         "y": [0.0, 22.37, 71.0, 73.6]}
    )  # fmt: skip
    future = pd.DataFrame(
        {"ds": pd.to_datetime(forecast_dates(dt.date(2022, 12, 31), dt.date(2027, 12, 31)))}
    )
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
            cpu_before = _own_cpu()
            started = time.perf_counter()
            model.fit(history)
            fitted = time.perf_counter()
            into.fit_cpu.append(_own_cpu() - cpu_before)
            model.predictive_samples(future)
            done = time.perf_counter()
        into.fit.append(fitted - started)
        into.fit_and_sample.append(done - started)


def _own_cpu() -> float:
    """CPU seconds of this process and its reaped children (Stan runs in a child process)."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def _adopt_orphans() -> bool:
    """Become the subreaper of this process's descendants (Linux; False elsewhere).

    The forkserver of `s3dash forecast --jobs 2` outlives the command by a moment; adopted,
    it is waited for here, and its CPU and its workers' join RUSAGE_CHILDREN.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def _children_cpu() -> float:
    while True:  # wait for every adopted orphan first
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            break
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@dataclass
class Timing:
    refresh: float  # seconds of the refresh, as `s3dash forecast` reports it
    command: float  # seconds of the whole command, interpreter start included
    cpu: float  # CPU seconds of the command, its workers and its forkserver


def timed_refresh(template: Path, folder: Path, jobs: int, run: int) -> tuple[Timing, str]:
    """`s3dash forecast --jobs N` on a fresh copy of `template`, in its own process.

    A fresh process per refresh, as users run it: --jobs 1 pays its Prophet import,
    --jobs 2 its forkserver and workers, and neither inherits the other's warm state.
    """
    copy = folder / f"jobs{jobs}-run{run}.db"
    shutil.copy(template, copy)
    url = f"sqlite:///{copy}"
    cpu_before = _children_cpu()
    started = time.perf_counter()
    child = subprocess.run(
        [*FORECAST_COMMAND, "--jobs", str(jobs)],
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
    )
    command = time.perf_counter() - started
    cpu = _children_cpu() - cpu_before
    found = SUMMARY.search(child.stdout)
    if child.returncode != 0 or found is None:
        raise SystemExit(f"s3dash forecast --jobs {jobs} failed:\n{child.stdout}{child.stderr}")
    return Timing(float(found["seconds"]), command, cpu), url


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", type=int, default=500, help="synthetic series (default 500)")
    parser.add_argument("--repeat", type=int, default=3, help="refreshes per jobs setting")
    parser.add_argument("--seed", type=int, default=7, help="seed of the synthetic data")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="s3m-bench-"))
    try:
        template = folder / "template.db"
        build_database(template, args.series, args.seed)
        print(f"SYNTHETIC series: {args.series} (3-7 points each), cpus: {os.cpu_count()}, "
              f"refreshes per setting: {args.repeat}; {_load()}", flush=True)  # fmt: skip
        bare = BareFits([], [], [])
        cpu_counted = _adopt_orphans()
        timings: dict[int, list[Timing]] = {1: [], 2: []}
        urls: dict[int, str] = {}
        for run in range(args.repeat):
            bare_prophet_fit(7, bare)
            for jobs in (1, 2):  # alternated: a change of load hits both settings alike
                timing, urls[jobs] = timed_refresh(template, folder, jobs, run)
                timings[jobs].append(timing)
            one, two = timings[1][-1].refresh, timings[2][-1].refresh
            print(f"  run {run + 1}: refresh --jobs 1 {one:.1f} s, --jobs 2 {two:.1f} s, "
                  f"speed-up {one / two:.2f}x; {_load()}", flush=True)  # fmt: skip
        started = time.perf_counter()
        second = refresh(urls[1])
        skip_seconds = time.perf_counter() - started

        with session_scope(urls[1]) as s1, session_scope(urls[2]) as s2:
            runs1, runs2 = latest_forecasts(s1), latest_forecasts(s2)
            points1, points2 = latest_forecast_points(s1), latest_forecast_points(s2)
        cols = ["series_key", *NUMBERS]
        same = runs1[cols].equals(runs2[cols]) and points1.equals(points2)

        def median(jobs: int, field: str) -> float:
            return statistics.median(getattr(t, field) for t in timings[jobs])

        t1, t2 = median(1, "refresh"), median(2, "refresh")
        per_series = t1 / args.series
        for jobs in (1, 2):
            cpu = f"CPU {median(jobs, 'cpu'):.1f} s" if cpu_counted else "CPU not counted"
            print(f"refresh --jobs {jobs} (median): {median(jobs, 'refresh'):7.1f} s "
                  f"({median(jobs, 'refresh') / args.series * 1000:.0f} ms per series); whole "
                  f"command {median(jobs, 'command'):.1f} s, {cpu}")  # fmt: skip
        speed_up = t1 / t2
        verdict = "met" if speed_up >= SPEED_UP_TARGET else "NOT met"
        per_run = ", ".join(
            f"{a.refresh / b.refresh:.2f}x" for a, b in zip(timings[1], timings[2], strict=True)
        )
        print(f"speed-up jobs 2 vs jobs 1: {speed_up:.2f}x (target >= {SPEED_UP_TARGET}x on 2 "
              f"idle cores: {verdict}); per run: {per_run}; whole command: "
              f"{median(1, 'command') / median(2, 'command'):.2f}x")  # fmt: skip
        if cpu_counted:
            cpu_ratio = median(2, "cpu") / median(1, "cpu")
            print(f"CPU of --jobs 2 / CPU of --jobs 1: {cpu_ratio:.2f} (near 1: the workers add "
                  "no work; on a busy machine each session gets its share of the cores "
                  "whatever its processes, so times show no speed-up)")  # fmt: skip
        bare_fit, bare_cpu = statistics.median(bare.fit), statistics.median(bare.fit_cpu)
        bare_fit_sample = statistics.median(bare.fit_and_sample)
        samples = BARE_SAMPLES
        print(f"bare Prophet fit (median of {len(bare.fit)}): {bare_fit * 1000:.0f} ms, CPU "
              f"{bare_cpu * 1000:.0f} ms; fit + {samples} predictive samples: "
              f"{bare_fit_sample * 1000:.0f} ms")  # fmt: skip
        cost = per_series / bare_fit
        print(f"time per series (jobs 1) / bare fit: {cost:.2f}x "
              f"(target <= {COST_TARGET}x: {'met' if cost <= COST_TARGET else 'NOT met'}); "
              f"/ bare fit + samples: {per_series / bare_fit_sample:.2f}x")  # fmt: skip
        if cpu_counted:
            cpu_cost = median(1, "cpu") / args.series / bare_cpu
            print(f"CPU per series (jobs 1, whole command) / CPU of a bare fit: {cpu_cost:.2f}x "
                  "(less sensitive to the load than times; interpreter start and imports "
                  "included)")  # fmt: skip
        print(f"second refresh (nothing changed): {skip_seconds:.2f} s, {second.line()}")
        print(f"jobs 1 and jobs 2 give identical numbers and points: {same}")
        print(_load())
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
