"""Reading stored forecasts and changing a series, for the forecasting tests.

`fail_ri05` stands in for the fitting function: defined at module level so that worker
processes can unpickle it.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from data.analysis.forecast import (
    VERDICT_FIELDS,
    Series,
    fit_series,
    indicator_series,
    series_hash,
)
from data.db import session_scope
from data.forecasting import latest_forecasts
from data.models import ForecastRun, Indicator, Observation

NUMBERS = ["status", "n_points", *VERDICT_FIELDS, "trend_to_reverse"]


def fail_ri05(series: Series, settings):  # module level: picklable for worker processes
    if series.indicator_code == "RI05":
        raise RuntimeError("boom on RI05")
    return fit_series(series, settings)


def runs(url: str) -> pd.DataFrame:
    with session_scope(url) as session:
        return latest_forecasts(session).set_index("series_key")


def add_observation(url: str, code: str, date: dt.date, value: float) -> None:
    with session_scope(url) as session:
        indicator = session.scalars(select(Indicator).where(Indicator.code == code)).one()
        session.add(Observation(indicator_id=indicator.id, date=date, value=value))


def stored_run(
    session: Session,
    indicators: pd.DataFrame,
    observations: pd.DataFrame,
    code: str,
    data_hash: str | None = None,
    **numbers: object,
) -> ForecastRun:
    """An "ok" forecast run of indicator `code`, current unless `data_hash` says otherwise."""
    row = indicators[indicators["code"] == code].iloc[0].to_dict()
    series = indicator_series(row, observations)
    run = ForecastRun(
        series_key=series.key,
        indicator_id=session.scalars(select(Indicator.id).where(Indicator.code == code)).one(),
        data_hash=data_hash or series_hash(series),
        status="ok",
        n_points=series.n_points,
        **numbers,
    )
    session.add(run)
    return run
