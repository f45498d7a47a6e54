"""Forecasts page wiring: stored forecasts (never fitted here), filtered by ecosystem."""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd
from dash import Dash
from dash.development.base_component import Component

from callbacks import filtering, loaders
from callbacks.page_record import PageRecord
from callbacks.params import SERIES, ViewParams
from callbacks.url_picker import register_url_picker
from dashboard.pages import forecasts
from data import read_ahead
from data.analysis.forecast import Series, indicator_outlooks
from data.cache import cached


def outlooks(codes: Collection[str]) -> pd.DataFrame:
    """The outlooks of these indicators whose stored run flags a trend to reverse.

    The overview's and report's panel lists those only. The flag is the stored run's
    (`s3dash forecast`; nothing is fitted here): only the flagged indicators' series are
    read again, to tell an outdated verdict, instead of every indicator's (a thousand took
    ~12 ms on a cold overview). Cached once per data version, then narrowed to `codes`.
    """

    def load() -> pd.DataFrame:
        runs = loaders.forecast_runs()
        # indicator_outlooks reads the flag as bool(value): so does this choice.
        flagged = {
            key
            for key, mark in zip(
                runs["series_key"].tolist(), runs["trend_to_reverse"].tolist(), strict=True
            )
            if bool(mark)
        }
        indicators = loaders.indicators(public=False)
        keys = [f"indicator:{code}" for code in indicators["code"].tolist()]
        indicators = indicators[[key in flagged for key in keys]]
        observations = loaders.observations(public=False)
        observations = observations[observations["indicator_code"].isin(indicators["code"])]
        return indicator_outlooks(indicators, observations, runs)

    every = cached("trends-to-reverse-outlooks", load)
    # isin reads a pandas column as it is; list() would box its values one by one.
    return every[every["code"].isin(codes if isinstance(codes, pd.Series) else list(codes))]


def trends_to_reverse(view: ViewParams, indicators: pd.DataFrame) -> Component:
    """The "trends to reverse" panel for the view's indicators."""
    return forecasts.trends_to_reverse_panel(outlooks(indicators["code"]), view.lang)


def render(view: ViewParams) -> Component:
    """Layout of the forecasts page for this view."""
    funding_series = read_ahead.start(loaders.funding_forecast_series_read())
    indicators, observations = filtering.indicators_and_observations(view, public=False)
    runs, points = loaders.forecast_runs(), loaders.forecast_points()
    # The indicators' part first: PostgreSQL sums the projects by month meanwhile.
    parts = forecasts.indicator_parts(indicators, observations, runs, points, view.lang)
    series, labels = _labelled(view, *funding_series())
    funding = forecasts.funding_section(
        series, labels, runs, points, view.lang, bool(view.ecosystem), view.values.get(SERIES)
    )
    return forecasts.layout(parts, funding)


def _labelled(
    view: ViewParams, series: list[Series], provinces: dict[str, str]
) -> tuple[list[Series], dict[str, str]]:
    """The view's monthly funding series (one when filtered), with their labels."""
    names = loaders.ecosystem_names(view.lang)
    labels = {}
    for item in series:
        _, by, code = item.key.split(":", 2)
        if by == "ecosystem":
            labels[item.key] = forecasts.t(
                "fc.funding.ecosystem", view.lang, name=names.get(code, code)
            )
        else:
            labels[item.key] = forecasts.t(
                "fc.funding.province", view.lang, name=provinces.get(code, code)
            )
    if view.ecosystem:
        series = [s for s in series if s.key == f"funding:ecosystem:{view.ecosystem}"]
    return series, labels


def register(app: Dash) -> None:
    """Wire the funding series picker into the URL (`?series=`; the router re-renders)."""
    register_url_picker(app, forecasts.FUNDING_PICKER_ID, SERIES)


PAGE = PageRecord("/forecasts", "nav.forecasts", render, register, filtered=True)
