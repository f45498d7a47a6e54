"""A panel of real yearly series (Eurostat regional R&D / HRST) loaded through the importer.

Used by bench/bench_forecast_quality.py and scripts/build_forecast_calibration.py, never by
the web app. The Eurostat files (`year,region_type,region_year_spec,region_id,region_level,
<value>`, see ../shared/data/README.md) are turned into the product's own `indicators` and
`observations` import files, imported with `data.importers.dispatch.import_file` into a throwaway
SQLite database (in a temporary folder, never under instance/), and read back with
`data.forecasting.load_series`, so the panel goes through exactly the code a user's import
goes through.

Which series (deterministic): per file, the NUTS 0-2 regions with at least `MIN_YEARS`
values, sorted by region code; `per_dataset` of them taken at an even stride from the
`offset`-th. Each series is a "level" indicator coded `<dataset>.<region>`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from data.analysis.backtest import panel_cases
from data.analysis.forecast import ForecastSettings, Series
from data.context import DATASETS
from data.schemas import INDICATORS, OBSERVATIONS

DEFAULT_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "eurostat_regions"
MIN_YEARS = 8
SOURCE = "Fonte: Eurostat (rd_e_gerdreg, hrst_st_rcat), via nestauk/eurito_indicators"


@dataclass(frozen=True)
class PanelSeries:
    """One series of the panel: its dataset, region and the Series the product builds."""

    dataset: str
    region: str
    series: Series


def choose_regions(frame: pd.DataFrame, per_dataset: int, offset: int = 0) -> list[str]:
    """The regions taken from one file (see the module docstring)."""
    value = frame.columns[-1]
    rows = frame.dropna(subset=[value])
    rows = rows[rows["region_level"] <= 2]
    counts = rows.groupby("region_id").size()
    regions = sorted(str(r) for r in counts[counts >= MIN_YEARS].index)
    if len(regions) <= per_dataset:
        return regions
    stride = len(regions) / per_dataset
    return [regions[int(offset + k * stride) % len(regions)] for k in range(per_dataset)]


def import_files(
    folder: Path, per_dataset: int, offset: int = 0, datasets: tuple[str, ...] = DATASETS
) -> tuple[bytes, bytes]:
    """The `indicators` and `observations` CSV files of the panel, in the import format."""
    ind_out, obs_out = io.StringIO(), io.StringIO()
    ind = csv.DictWriter(ind_out, INDICATORS.names, lineterminator="\n")
    obs = csv.DictWriter(obs_out, OBSERVATIONS.names, lineterminator="\n")
    ind.writeheader()
    obs.writeheader()
    for dataset in datasets:
        frame = pd.read_csv(folder / f"{dataset}.csv")
        value = frame.columns[-1]
        for region in choose_regions(frame, per_dataset, offset):
            rows = frame[(frame["region_id"] == region)].dropna(subset=[value])
            rows = rows.sort_values("year")
            code = f"{dataset}.{region}"
            first = rows.iloc[0]
            ind.writerow(
                {
                    "code": code,
                    "name_it": f"{dataset} {region}",
                    "name_en": f"{dataset} {region}",
                    "unit": "n.",
                    "kind": "level",
                    "direction": "higher",
                    "baseline_value": repr(float(first[value])),
                    "baseline_date": f"{int(first['year'])}-12-31",
                    "target_value": repr(float(rows.iloc[-1][value])),
                    "target_date": "2027-12-31",
                    "measure_started": "true",
                    "published": "false",
                    "source": SOURCE,
                }
            )
            for year, number in zip(rows["year"], rows[value], strict=True):
                obs.writerow(
                    {
                        "indicator_code": code,
                        "date": f"{int(year)}-12-31",
                        "value": repr(float(number)),
                        "status": "published",
                        "source": SOURCE,
                    }
                )
    return ind_out.getvalue().encode("utf-8"), obs_out.getvalue().encode("utf-8")


def load_panel(
    folder: Path = DEFAULT_DIR,
    per_dataset: int = 80,
    offset: int = 0,
    datasets: tuple[str, ...] = DATASETS,
    say: Callable[[str], None] = print,
) -> list[PanelSeries]:
    """Import the panel into a temporary SQLite database and read its series back."""
    from data.db import get_engine, session_scope
    from data.forecasting import load_series
    from data.importers.dispatch import import_file
    from data.migrate import upgrade

    indicators, observations = import_files(folder, per_dataset, offset, datasets)
    digest = hashlib.sha256(indicators + observations).hexdigest()[:12]
    with tempfile.TemporaryDirectory(prefix="s3m-panel-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'panel.db'}"
        upgrade(url)
        for kind, content in (("indicators", indicators), ("observations", observations)):
            result = import_file(url, kind, content, f"{kind}.csv", default_status="published")
            if not result.ok:
                raise RuntimeError(f"panel import refused: {result.summary()}")
            say(f"imported {kind}: {result.summary()}")
        with session_scope(url) as session:
            series = load_series(session)
        get_engine(url).dispose()
    say(f"panel {digest}: {len(series)} series, {sum(s.n_points for s in series)} points")
    out = []
    for item in series:
        dataset, region = str(item.indicator_code).split(".", 1)
        # The importer's indicator target is a placeholder: a panel series has no target.
        out.append(PanelSeries(dataset, region, item))
    return out


def fold_of(region: str, folds: int) -> int:
    """Deterministic fold of a region (sha256 of its code).

    Every dataset of a region is in the same fold, so a fold is evaluated on regions the
    calibration never saw.
    """
    return int(hashlib.sha256(region.encode("utf-8")).hexdigest(), 16) % folds


def _cases_of(args: tuple[list[Series], ForecastSettings, int]) -> pd.DataFrame:
    from data.analysis.forecast import quiet_logging

    quiet_logging()
    series, settings, max_origins = args
    return panel_cases(series, settings, max_origins)


def compute_cases(
    series: list[Series], settings: ForecastSettings, max_origins: int, jobs: int
) -> pd.DataFrame:
    """Every rolling-origin case of the panel, printing progress (chunks over `jobs`)."""
    chunks = [series[i : i + 10] for i in range(0, len(series), 10)]
    frames, done, started = [], 0, time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for frame, chunk in zip(
            pool.map(_cases_of, [(c, settings, max_origins) for c in chunks]), chunks, strict=True
        ):
            frames.append(frame)
            done += len(chunk)
            elapsed = time.perf_counter() - started
            print(
                f"  backtest {done}/{len(series)} series, {sum(len(f) for f in frames)} cases, "
                f"{elapsed:.0f} s",
                file=sys.stderr,
                flush=True,
            )
    return pd.concat(frames, ignore_index=True)
