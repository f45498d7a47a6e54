"""Cached reads for the callbacks: one query per frame and data version, shared by workers.

Every read of a request goes through its one reading connection (`data.db.request_reader`),
except the project sums a page begins early (the `…_read` functions, data.read_ahead).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from sqlalchemy.orm import Session

from dashboard.i18n import names_by_code, normalise_lang
from data import project_queries, queries
from data.analysis.forecast import Series, funding_series
from data.cache import cached
from data.db import request_reader
from data.forecasting import latest_forecast_points, latest_forecasts
from data.read_ahead import Read, value


def _load(name: str, query: Callable[[Session], pd.DataFrame]) -> pd.DataFrame:
    return value(Read(name, query))


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
    """Ecosystem code → name in `lang`.

    Kept as the small dict it is: a warm callback that only names ecosystems (a cluster's
    card, the shell's header) then reads no frame (unpickling one costs ~0.45 ms).
    """
    lang = normalise_lang(lang)
    return cached(f"ecosystem-names:{lang}", lambda: names_by_code(ecosystems(), lang))


def view_values(public: bool) -> tuple[list[str], list[str], list[str]]:
    """What a URL's parameters are checked against.

    Ecosystem codes, objectives, indicator codes (published only when public). Every
    callback reads its view (callbacks/view.py): kept as lists, so that a warm one unpickles
    no frame for it.
    """

    def read() -> tuple[list[str], list[str], list[str]]:
        frame = indicators(public)
        codes = ecosystems()["code"].tolist()
        return codes, objectives(frame), frame["code"].tolist()

    return cached(f"view-values:{public}", read)


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


def funding_forecast_series_read() -> Read[tuple[list[Series], dict[str, str]]]:
    """The monthly funding series the forecasts are built from, and province code → name.

    A read to begin early (data.read_ahead.start), as the other project sums below.
    """

    def query(session: Session) -> tuple[list[Series], dict[str, str]]:
        projects = project_queries.monthly_funding(session)
        if projects.empty:
            return [], {}
        series = funding_series(projects, "ecosystem") + funding_series(projects, "province")
        # as lists: iterating the text columns boxed every value (~1.6 ms CPU a 4,500 rows)
        codes, names_ = projects["province_code"].tolist(), projects["province_name"].tolist()
        names = dict(zip(codes, names_, strict=True))
        return series, names

    return Read("funding-forecast-series", query)


def projects_by_province_read(ecosystem: str | None, public: bool = False) -> Read[pd.DataFrame]:
    """Projects serving `ecosystem` summed by province (one SQL GROUP BY, cached)."""
    return Read(
        f"projects-by-province:{public}:{ecosystem or '*'}",
        lambda s: project_queries.by_province(s, ecosystem=ecosystem, public=public),
    )


def project_cube_read(ecosystem: str | None, public: bool = False) -> Read[pd.DataFrame]:
    """Projects serving `ecosystem` summed by call, province and month (one SQL GROUP BY)."""
    return Read(
        f"project-cube:{public}:{ecosystem or '*'}",
        lambda s: project_queries.funding_cube(s, ecosystem=ecosystem, public=public),
    )


def call_projects(call: str, ecosystem: str | None) -> pd.DataFrame:
    """The largest projects of one call serving `ecosystem` (capped list, internal app)."""
    return _load(
        f"call-projects:{call}:{ecosystem or '*'}",
        lambda s: project_queries.call_projects(s, call, ecosystem=ecosystem),
    )


def projects_by_ecosystem_read(public: bool = False) -> Read[pd.DataFrame]:
    """Projects summed by linked ecosystem and province (one SQL GROUP BY)."""
    return Read(
        f"projects-by-ecosystem:{public}",
        lambda s: project_queries.by_ecosystem_and_province(s, public=public),
    )
