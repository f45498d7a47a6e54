"""Cached reads for the callbacks: one query per frame and data version, shared by workers.

Every read of a request goes through its one reading connection (`data.db.request_reader`).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from sqlalchemy.orm import Session

from dashboard.i18n import names_by_code
from data import project_queries, queries
from data.analysis.forecast import Series, funding_series
from data.cache import cached
from data.db import request_reader
from data.forecasting import latest_forecast_points, latest_forecasts


def _load(name: str, query: Callable[[Session], pd.DataFrame]) -> pd.DataFrame:
    def run() -> pd.DataFrame:
        with request_reader() as session:
            return query(session)

    return cached(name, run)


def indicators(public: bool) -> pd.DataFrame:
    """Indicators (published only when public)."""
    return _load(f"indicators:{public}", lambda s: queries.indicators_frame(s, public=public))


def observations(public: bool) -> pd.DataFrame:
    """Observations (published only when public)."""
    return _load(f"observations:{public}", lambda s: queries.observations_frame(s, public=public))


def calls(public: bool) -> pd.DataFrame:
    """Funding calls (published only when public)."""
    return _load(f"calls:{public}", lambda s: queries.calls_frame(s, public=public))


def clusters() -> pd.DataFrame:
    """The clusters (all public)."""
    return _load("clusters", queries.clusters_frame)


def ecosystems() -> pd.DataFrame:
    """The ecosystems (all public)."""
    return _load("ecosystems", queries.ecosystems_frame)


def ecosystem_names(lang: str) -> dict[str, str]:
    """Ecosystem code → name in `lang`."""
    return names_by_code(ecosystems(), lang)


def objectives(indicators: pd.DataFrame) -> list[str]:
    """The strategic objectives of these indicators, in indicator order."""
    # As a list first: iterating a pandas string column boxes every value (~1 ms a 1,000).
    return [str(o) for o in dict.fromkeys(indicators["objective"].tolist()) if o]


def headlines() -> pd.DataFrame:
    """Headline figures of the documents."""
    return _load("headlines", queries.headlines_frame)


def import_batches() -> pd.DataFrame:
    """The import audit log (never cached: staff expect to see their import at once)."""
    with request_reader() as session:
        return queries.import_batches_frame(session)


def forecast_runs() -> pd.DataFrame:
    """The latest stored forecast run of every series (the pages never fit: the CLI does)."""
    return _load("forecast-runs", latest_forecasts)


def forecast_points() -> pd.DataFrame:
    """The monthly points of those runs."""
    return _load("forecast-points", latest_forecast_points)


def funding_forecast_series() -> tuple[list[Series], dict[str, str]]:
    """The monthly funding series the forecasts are built from, and province code → name."""

    def run() -> tuple[list[Series], dict[str, str]]:
        with request_reader() as session:
            projects = project_queries.monthly_funding(session)
        if projects.empty:
            return [], {}
        series = funding_series(projects, "ecosystem") + funding_series(projects, "province")
        # as lists: iterating the text columns boxed every value (~1.6 ms CPU a 4,500 rows)
        codes, names_ = projects["province_code"].tolist(), projects["province_name"].tolist()
        names = dict(zip(codes, names_, strict=True))
        return series, names

    return cached("funding-forecast-series", run)


def projects_by_province(ecosystem: str | None, public: bool = False) -> pd.DataFrame:
    """Projects serving `ecosystem` summed by province (one SQL GROUP BY, cached)."""
    return _load(
        f"projects-by-province:{public}:{ecosystem or '*'}",
        lambda s: project_queries.by_province(s, ecosystem=ecosystem, public=public),
    )


def project_cube(ecosystem: str | None, public: bool = False) -> pd.DataFrame:
    """Projects serving `ecosystem` summed by call, province and month (one SQL GROUP BY)."""
    return _load(
        f"project-cube:{public}:{ecosystem or '*'}",
        lambda s: project_queries.funding_cube(s, ecosystem=ecosystem, public=public),
    )


def call_projects(call: str, ecosystem: str | None) -> pd.DataFrame:
    """The largest projects of one call serving `ecosystem` (capped list, internal app)."""
    return _load(
        f"call-projects:{call}:{ecosystem or '*'}",
        lambda s: project_queries.call_projects(s, call, ecosystem=ecosystem),
    )


def projects_by_ecosystem(public: bool = False) -> pd.DataFrame:
    """Projects summed by linked ecosystem and province (one SQL GROUP BY)."""
    return _load(
        f"projects-by-ecosystem:{public}",
        lambda s: project_queries.by_ecosystem_and_province(s, public=public),
    )
