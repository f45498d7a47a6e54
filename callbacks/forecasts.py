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
from data.analysis.forecast import indicator_outlooks
from data.cache import cached


def outlooks(codes: Collection[str]) -> pd.DataFrame:
    """The stored forecast verdicts of these indicators (the overview's and report's panel).

    Computed for every indicator once per data version and cached (it reads every series:
    seconds for a thousand indicators), then narrowed to `codes`.
    """

    def load() -> pd.DataFrame:
        return indicator_outlooks(
            loaders.indicators(public=False),
            loaders.observations(public=False),
            loaders.forecast_runs(),
        )

    every = cached("attainment-forecast-outlooks", load)
    return every[every["code"].isin(list(codes))]


def trends_to_reverse(view: ViewParams, indicators: pd.DataFrame) -> Component:
    """The "trends to reverse" panel for the view's indicators."""
    return forecasts.trends_to_reverse_panel(outlooks(indicators["code"]), view.lang)


def render(view: ViewParams) -> Component:
    """Layout of the forecasts page for this view."""
    indicators, observations = filtering.indicators_and_observations(view, public=False)
    ecosystem = view.ecosystem
    series, provinces = loaders.funding_forecast_series()
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
    if ecosystem:
        series = [s for s in series if s.key == f"funding:ecosystem:{ecosystem}"]
    return forecasts.layout(
        indicators,
        observations,
        loaders.forecast_runs(),
        loaders.forecast_points(),
        view.lang,
        funding=series,
        funding_labels=labels,
        filtered=bool(ecosystem),
        chosen_series=view.values.get(SERIES),
    )


def register(app: Dash) -> None:
    """Wire the funding series picker into the URL (`?series=`; the router re-renders)."""
    register_url_picker(app, forecasts.FUNDING_PICKER_ID, SERIES)


PAGE = PageRecord("/forecasts", "nav.forecasts", render, register, filtered=True)
