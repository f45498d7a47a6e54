"""`s3dash forecast`: refresh the stored forecasts, or backtest them.

Attached to the `s3dash` group by data/cli.py (`main.add_command(forecast)`); also runs on
its own as `python -m data.forecast_cli`, which is how `refresh_in_background` starts it.
DATABASE_URL comes from data.settings, like every other command.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

import click
from sqlalchemy.exc import SQLAlchemyError

from data.settings import get_setting, state_dir

MAX_JOBS = (os.cpu_count() or 1) * 2


class _Bar:
    """A click progress bar opened on the first report, when the total is known."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: Any = None

    def __call__(self, done: int, total: int, key: str, outcome: str) -> None:
        if self.bar is None:
            self.bar = click.progressbar(
                length=total,
                label=self.label,
                file=sys.stderr,
                item_show_func=lambda item: item,
            )
            self.bar.__enter__()
        self.bar.update(1, current_item=f"{key}: {outcome}")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _backtest(url: str, only: tuple[str, ...]) -> None:
    import pandas as pd

    from data.analysis.backtest import backtest
    from data.db import session_scope
    from data.forecasting import load_series

    with session_scope(url) as session:
        series = load_series(session, only or None)
    click.echo(
        f"backtesting {len(series)} series (rolling origin, horizons 1-3 steps; MAE relative "
        "to drift, Hyndman's MASE, coverage of the 80% band)…",
        err=True,
    )
    with click.progressbar(length=len(series), label="backtest", file=sys.stderr) as bar:
        table = backtest(series, progress=lambda done, total, key: bar.update(1))
    with pd.option_context("display.width", 200, "display.max_columns", None):
        click.echo(table.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    folder = state_dir(url)  # beside the database, never in the source tree
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = Path(folder / f"backtest-{stamp}.csv")
    table.to_csv(path, index=False)
    click.echo(f"saved: {path}")


@click.command("forecast")
@click.option(
    "--jobs",
    type=click.IntRange(1, MAX_JOBS),
    default=1,
    show_default=True,
    help=f"Worker processes fitting in parallel (1..{MAX_JOBS}).",
)
@click.option("--backtest", "run_backtest", is_flag=True, help="Backtest instead of refreshing.")
@click.option(
    "--only",
    multiple=True,
    metavar="CODE",
    help="Only this indicator code or series key (repeatable).",
)
@click.option(
    "--if-missing", is_flag=True, help="Do nothing if any forecast is stored (for `make run`)."
)
def forecast(jobs: int, run_backtest: bool, only: tuple[str, ...], if_missing: bool) -> None:
    """Refresh the forecasts of every series whose data changed (never in a web request)."""
    from data.forecasting import UnknownSeriesError, has_forecasts, refresh

    url = get_setting("DATABASE_URL")
    try:
        if run_backtest:
            _backtest(url, only)
            return
        if if_missing and has_forecasts(url):
            click.echo("forecasts already stored: nothing to do (--if-missing)")
            return
        bar = _Bar("forecasting")
        try:
            summary = refresh(url, jobs=jobs, progress=bar, only=only or None)
        finally:
            bar.close()
    except UnknownSeriesError as exc:
        raise click.UsageError(str(exc)) from exc
    except SQLAlchemyError as exc:
        detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise click.ClickException(
            f"database error: {detail}\nCheck DATABASE_URL and run `s3dash db upgrade`."
        ) from exc
    for key, error in summary.errors:
        click.echo(f"failed: {key}: {error} (its previous forecast stays, marked stale)", err=True)
    click.echo(summary.line())
    if summary.failed:
        raise SystemExit(1)


if __name__ == "__main__":  # `python -m data.forecast_cli`, used by refresh_in_background
    forecast()
