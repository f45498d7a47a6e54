"""Rebuild data/config/forecast_calibration.csv from the real Eurostat regional panel.

The table holds the quantiles of scaled rolling-origin errors by horizon and history
length (data.analysis.calibration). It is built from the panel of
bench/bench_forecast_quality.py (loaded through the importer, data.eurostat_panel), with
the product's own forecast settings, and is deterministic: the same files give the same
table. Rebuild it when the method or its settings change (the forecasts' hash includes
the table, so the next refresh refits every series):

    .venv/bin/python scripts/build_forecast_calibration.py [--data ../shared/data/eurostat_regions]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from data.analysis import calibration  # noqa: E402
from data.analysis.backtest import MAX_ORIGINS, scaled_errors  # noqa: E402
from data.analysis.forecast import DEFAULT_SETTINGS  # noqa: E402
from data.eurostat_panel import DEFAULT_DIR, compute_cases, load_panel  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DIR, help="eurostat_regions folder")
    parser.add_argument("--per-dataset", type=int, default=80, help="series per dataset")
    parser.add_argument("--max-origins", type=int, default=MAX_ORIGINS, help="origins per series")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes")
    parser.add_argument("--output", type=Path, default=calibration.CALIBRATION_PATH)
    parser.add_argument(
        "--cases", type=Path, help="pickle of the backtest cases written by the bench (--cases)"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    panel = load_panel(args.data, args.per_dataset, say=lambda m: print(m, file=sys.stderr))
    if args.cases:  # the same panel and settings: the cases the bench computed
        cases = pd.read_pickle(args.cases)
    else:
        cases = compute_cases(
            [p.series for p in panel], DEFAULT_SETTINGS, args.max_origins, args.jobs
        )
    table = calibration.build_table(scaled_errors(cases), "eurostat_regions panel")
    args.output.write_text(calibration.to_csv(table), encoding="utf-8")
    print(
        f"{args.output}: {len(panel)} series, {len(cases)} rolling-origin errors, "
        f"{time.perf_counter() - started:.0f} s"
    )


if __name__ == "__main__":
    main()
