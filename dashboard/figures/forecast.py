"""Forecast charts: history, forecast median with its 80% band, target, required trajectory.

Pure: values in, a plotly figure, a sentence or a table out; no data access. Every chart
goes on the page through `dashboard.components.chart_block` with the description and the
table built here, so what the chart shows is also available as text and as numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from dash import html

from dashboard.components import data_table
from dashboard.i18n import format_date, format_value, plotly_separators, t

HISTORY_COLOUR = "#00573f"  # the house green
FORECAST_COLOUR = "#1f4e79"
BAND_COLOUR = "rgba(31, 78, 121, 0.18)"
TARGET_COLOUR = "#b00020"
REQUIRED_COLOUR = "#6c757d"


TEMPLATE = "plotly_white"


def with_template(figure: go.Figure, name: str = TEMPLATE) -> go.Figure:
    """`figure` with plotly's registered template `name`, set as plotly sets its default one.

    Through `update_layout(template=...)` plotly copies and validates the whole template for
    every figure: about 0.1 s each, most of the /forecasts page's render (26 charts). The
    registered template is valid already, so it is assigned the way plotly assigns its own
    default template (`BaseFigure._initialize_layout_template`): with the layout's
    validation off for that one assignment. The figure and its JSON are the same.
    """
    layout = figure.layout
    validating = layout._validate
    layout._validate = False
    try:
        layout.template = pio.templates[name]
    finally:
        layout._validate = validating
    return figure


def _dates(values: Sequence[dt.date]) -> list[str]:
    return [pd.Timestamp(v).date().isoformat() for v in values]


def forecast_figure(
    history: pd.DataFrame,
    points: pd.DataFrame,
    unit: str,
    lang: str,
    target: float | None = None,
    target_date: dt.date | None = None,
) -> go.Figure:
    """History (`date`, `value`) and forecast (`date`, `yhat`, `yhat_lower`, `yhat_upper`).

    With a target: the target marker and the straight trajectory from the last observed
    value to it (what the indicator would have to follow). The forecast line and band start
    at the last observed value, so they join the history.
    """
    figure = go.Figure()
    last_date, last_value = history["date"].iloc[-1], float(history["value"].iloc[-1])
    if len(points):
        band_x = _dates([last_date, *points["date"]])
        upper = [last_value, *points["yhat_upper"]]
        lower = [last_value, *points["yhat_lower"]]
        figure.add_trace(
            go.Scatter(
                x=band_x + band_x[::-1],
                y=upper + lower[::-1],
                fill="toself",
                fillcolor=BAND_COLOUR,
                line={"width": 0},
                hoverinfo="skip",
                name=t("fc.chart.band", lang),
            )
        )
        figure.add_trace(
            go.Scatter(
                x=band_x,
                y=[last_value, *points["yhat"]],
                mode="lines",
                line={"color": FORECAST_COLOUR, "dash": "dash", "width": 2},
                name=t("fc.chart.forecast", lang),
            )
        )
    if target is not None and target_date is not None:
        figure.add_trace(
            go.Scatter(
                x=_dates([last_date, target_date]),
                y=[last_value, target],
                mode="lines",
                line={"color": REQUIRED_COLOUR, "dash": "dot", "width": 2},
                name=t("fc.chart.required", lang),
            )
        )
        figure.add_trace(
            go.Scatter(
                x=_dates([target_date]),
                y=[target],
                mode="markers",
                marker={"symbol": "star", "size": 14, "color": TARGET_COLOUR},
                name=t("fc.chart.target", lang),
            )
        )
    figure.add_trace(
        go.Scatter(
            x=_dates(list(history["date"])),
            y=list(history["value"]),
            mode="lines+markers",
            line={"color": HISTORY_COLOUR, "width": 3},
            marker={"size": 8},
            name=t("fc.chart.history", lang),
        )
    )
    with_template(figure).update_layout(
        separators=plotly_separators(lang),  # decimal, then thousands
        margin={"l": 60, "r": 20, "t": 20, "b": 40},
        height=340,
        legend={"orientation": "h", "y": -0.18},
        yaxis={"title": {"text": unit}, "rangemode": "tozero"},
        xaxis={"tickformat": t("fmt.axis.month", lang)},
        hovermode="x unified",
    )
    return figure


def forecast_rows(
    history: pd.DataFrame, points: pd.DataFrame, unit: str, lang: str
) -> list[list[str]]:
    """The chart's numbers as table rows: date, type, value / median, low, high."""
    nd = t("nd", lang)
    rows = [
        [format_date(d, lang), t("fc.type.observed", lang), format_value(v, unit, lang), nd, nd]
        for d, v in zip(history["date"], history["value"], strict=True)
    ]
    rows += [
        [
            format_date(d, lang),
            t("fc.type.forecast", lang),
            format_value(median, unit, lang),
            format_value(low, unit, lang),
            format_value(high, unit, lang),
        ]
        for d, median, low, high in zip(
            points["date"], points["yhat"], points["yhat_lower"], points["yhat_upper"], strict=True
        )
    ]
    return rows


def forecast_table(
    table_id: str, caption: str, history: pd.DataFrame, points: pd.DataFrame, unit: str, lang: str
) -> html.Div:
    """The data table alternative of `forecast_figure`."""
    rows = forecast_rows(history, points, unit, lang)
    return data_table(table_id, caption, forecast_headers(lang), rows, numeric=FORECAST_NUMERIC)


FORECAST_NUMERIC = (2, 3, 4)


def forecast_headers(lang: str) -> list[str]:
    """The column headers of `forecast_rows`."""
    return [
        t("col.date", lang),
        t("fc.col.type", lang),
        t("fc.col.median", lang),
        t("fc.col.low", lang),
        t("fc.col.high", lang),
    ]
