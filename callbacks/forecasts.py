"""Forecasts page wiring: stored forecasts (never fitted here), filtered by ecosystem."""

from __future__ import annotations

import pandas as pd
from dash.development.base_component import Component

from callbacks import filtering, loaders
from callbacks.page_record import PageRecord
from callbacks.params import ViewParams
from dashboard.pages import forecasts
from data.analysis.forecast import indicator_outlooks


def outlooks(indicators: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    """The stored verdict of each of these indicators (for the overview's panel too)."""
    return indicator_outlooks(indicators, observations, loaders.forecast_runs())


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
    )


PAGE = PageRecord("/forecasts", "nav.forecasts", render, filtered=True)
