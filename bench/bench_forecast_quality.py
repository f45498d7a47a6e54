"""Forecast quality on real series: accuracy against drift, MASE, calibration, out of sample.

Loads a panel of real Eurostat regional series (../shared/data/eurostat_regions/, see its
README) THROUGH THE PRODUCT'S IMPORTER into a throwaway SQLite database in a temporary
folder (data.eurostat_panel), runs the rolling-origin backtest of the product's method
(data.analysis.backtest: one Prophet fit per origin, up to 6 origins per series evenly
spread from a 3-point history to the longest), and prints per dataset and horizon:

- the median (over series) and pooled MAE relative to drift, and the share of series
  whose MAE beats drift's;
- Hyndman's MASE (errors over the in-sample MAE of the one-step naive forecast);
- the pooled coverage of the 80% band with its Wilson 95% confidence interval;
- the share of P(Y ≥ actual) in [0.1, 0.9] and its 10-bin histogram (PIT: a calibrated
  forecaster gives flat bins of 10%).

Honest: the regions are split into `--folds` folds (sha256 of the region code), and each
fold is scored with a calibration table built from the other folds only; the shipped
table is never used here. The point forecast does not depend on the table except through
its median correction, which is out of fold too.

    .venv/bin/python bench/bench_forecast_quality.py                 # 80 series per dataset
    .venv/bin/python bench/bench_forecast_quality.py --per-dataset 15 # quick look
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from data.analysis import calibration  # noqa: E402
from data.analysis.backtest import (  # noqa: E402
    MAX_ORIGINS,
    repoint,
    scaled_errors,
    with_distribution,
)
from data.analysis.forecast import DEFAULT_SETTINGS, ForecastSettings  # noqa: E402
from data.eurostat_panel import DEFAULT_DIR, compute_cases, fold_of, load_panel  # noqa: E402

HORIZONS = (1, 2, 3)


def wilson(successes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval of a binomial proportion."""
    if n == 0:
        return math.nan, math.nan
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def out_of_fold(cases: pd.DataFrame, regions: dict[str, str], folds: int) -> pd.DataFrame:
    """Each case with the distribution from a table learned on the other folds' regions."""
    fold = cases["series"].map(lambda key: fold_of(regions[key], folds))
    parts = []
    for f in range(folds):
        train, test = cases[fold != f], cases[fold == f]
        if test.empty:
            continue
        table = calibration.build_table(scaled_errors(train), f"folds≠{f}")
        parts.append(with_distribution(test, table))
    return pd.concat(parts).sort_index()


@dataclass(frozen=True)
class Summary:
    """The measures of one block of cases (see the module docstring)."""

    series: int
    cases: int
    rel_median: float
    rel_pooled: float
    beat: float
    mase: float
    cover: float
    cover_lo: float
    cover_hi: float
    pit_mid: float
    pit_hist: list[float]  # share of cases in each tenth of [0, 1]


def summarise(detail: pd.DataFrame) -> Summary:
    """The measures of one block of cases (see the module docstring)."""
    err = (detail["median"] - detail["actual"]).abs()
    err_drift = (detail["drift"] - detail["actual"]).abs()
    per = pd.DataFrame({"s": detail["series"], "e": err, "d": err_drift}).groupby("s").mean()
    per = per[per["d"] > 0]
    rel = per["e"] / per["d"]
    naive = detail["naive_mae"]
    inside = int(detail["inside"].sum())
    low, high = wilson(inside, len(detail))
    pit = detail["pit"]
    counts = np.histogram(pit, bins=np.linspace(0, 1, 11))[0]
    return Summary(
        series=len(per),
        cases=len(detail),
        rel_median=float(rel.median()),
        rel_pooled=float(err.sum() / err_drift.sum()),
        beat=float((rel < 1).mean()),
        mase=float((err[naive > 0] / naive[naive > 0]).mean()),
        cover=inside / len(detail),
        cover_lo=low,
        cover_hi=high,
        pit_mid=float(((pit >= 0.1) & (pit <= 0.9)).mean()),
        pit_hist=[float(c) / len(detail) for c in counts],
    )


def print_table(detail: pd.DataFrame, datasets: list[str]) -> None:
    """The per-dataset, per-horizon table."""
    print()
    print(
        f"{'dataset':28s} {'h':>2s} {'series':>6s} {'cases':>6s} {'MAE/drift med':>13s} "
        f"{'pooled':>7s} {'beat':>5s} {'MASE':>6s} {'cover80':>7s} {'Wilson 95%':>13s} "
        f"{'P in[.1,.9]':>11s}  PIT histogram (10 bins, %)"
    )
    for dataset in [*datasets, "ALL"]:
        block = detail if dataset == "ALL" else detail[detail["dataset"] == dataset]
        for h in HORIZONS:
            cell = block[block["horizon"] == h]
            if cell.empty:
                continue
            m = summarise(cell)
            hist = " ".join(f"{100 * v:2.0f}" for v in m.pit_hist)
            print(
                f"{dataset:28s} {h:2d} {m.series:6d} {m.cases:6d} "
                f"{m.rel_median:13.3f} {m.rel_pooled:7.3f} {m.beat:5.2f} "
                f"{m.mase:6.2f} {m.cover:7.3f} [{m.cover_lo:.3f},{m.cover_hi:.3f}] "
                f"{m.pit_mid:11.3f}  {hist}"
            )


def print_by_length(detail: pd.DataFrame) -> None:
    """Coverage and MAE against drift by the length of the history (the short-series case)."""
    print()
    print("all datasets, by points in the history the forecast was fitted on:")
    print(f"{'points':>6s} {'h':>2s} {'cases':>6s} {'cover80':>7s} {'MAE/drift pooled':>16s}")
    lengths = detail["n_train"].map(calibration.bucket_of)
    for index in range(len(calibration.BUCKETS)):
        for h in HORIZONS:
            cell = detail[(lengths == index) & (detail["horizon"] == h)]
            if cell.empty:
                continue
            err = (cell["median"] - cell["actual"]).abs().sum()
            drift = (cell["drift"] - cell["actual"]).abs().sum()
            print(
                f"{calibration.bucket_label(index):>6s} {h:2d} {len(cell):6d} "
                f"{cell['inside'].mean():7.3f} {err / drift:16.3f}"
            )


def reliability(detail: pd.DataFrame) -> pd.DataFrame:
    """What the pages quote: per history length (and all) and horizon, out of sample."""
    rows = []
    lengths = detail["n_train"].map(calibration.bucket_of)
    for index in [None, *range(len(calibration.BUCKETS))]:
        block = detail if index is None else detail[lengths == index]
        for h in HORIZONS:
            cell = block[block["horizon"] == h]
            if cell.empty:
                continue
            m = summarise(cell)
            rows.append(
                {
                    "points": "all" if index is None else calibration.bucket_label(index),
                    "horizon": h,
                    "cases": m.cases,
                    "coverage": round(m.cover, 3),
                    "coverage_low": round(m.cover_lo, 3),
                    "coverage_high": round(m.cover_hi, 3),
                    "mae_rel_drift_median": round(m.rel_median, 3),
                    "mae_rel_drift_pooled": round(m.rel_pooled, 3),
                    "beat_drift": round(m.beat, 3),
                    "mase": round(m.mase, 3),
                    "p_in_10_90": round(m.pit_mid, 3),
                    **{f"pit{k}": round(v, 3) for k, v in enumerate(m.pit_hist)},
                }
            )
    return pd.DataFrame(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DIR, help="eurostat_regions folder")
    parser.add_argument("--per-dataset", type=int, default=80, help="series per dataset")
    parser.add_argument("--max-origins", type=int, default=MAX_ORIGINS, help="origins per series")
    parser.add_argument("--folds", type=int, default=5, help="region folds (out of sample)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes")
    parser.add_argument("--weights", type=float, nargs=3, metavar=("PROPHET", "DRIFT", "DAMPED"))
    parser.add_argument("--damping", type=float, default=DEFAULT_SETTINGS.damping)
    parser.add_argument(
        "--write-reliability",
        action="store_true",
        help=f"write the figures the pages quote to {calibration.RELIABILITY_PATH.name}",
    )
    parser.add_argument(
        "--cases", type=Path, help="pickle of the backtest cases: read if present, else written"
    )
    args = parser.parse_args()

    started = time.perf_counter()
    print(f"loading the panel from {args.data} through the importer…", file=sys.stderr)
    panel = load_panel(args.data, args.per_dataset, say=lambda m: print(m, file=sys.stderr))
    regions = {p.series.key: p.region for p in panel}
    datasets = list(dict.fromkeys(p.dataset for p in panel))
    if args.cases and args.cases.exists():
        cases = pd.read_pickle(args.cases)
    else:
        cases = compute_cases(
            [p.series for p in panel], DEFAULT_SETTINGS, args.max_origins, max(1, args.jobs)
        )
        if args.cases:
            cases.to_pickle(args.cases)
    settings = DEFAULT_SETTINGS
    if args.weights:
        wp, wd, wdm = args.weights
        settings = ForecastSettings(
            weight_prophet=wp, weight_drift=wd, weight_damped=wdm, damping=args.damping
        )
        cases = repoint(cases, settings)
    cases["dataset"] = cases["series"].map(lambda key: key.split(":", 1)[1].split(".", 1)[0])
    detail = out_of_fold(cases, regions, args.folds)
    print(
        f"\nforecast quality, rolling origin, {len(panel)} real series ({args.per_dataset} per "
        f"dataset), {len(cases)} cases, calibration out of sample ({args.folds} region folds); "
        f"weights prophet/drift/damped {settings.weight_prophet}/{settings.weight_drift}/"
        f"{settings.weight_damped}, damping {settings.damping}"
    )
    print_table(detail, datasets)
    print_by_length(detail)
    if args.write_reliability:
        reliability(detail).to_csv(calibration.RELIABILITY_PATH, index=False)
        print(f"written: {calibration.RELIABILITY_PATH}")
    print(f"\n{time.perf_counter() - started:.0f} s in all")


if __name__ == "__main__":
    main()
