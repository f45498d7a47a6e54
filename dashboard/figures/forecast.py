"""Forecast charts: history, forecast median with its 80% band, target, required trajectory.

Pure: values in, a plotly figure (a plain dict, `dashboard.figures.plain`), a sentence or a
table out; no data access. Every chart goes on the page through
`dashboard.components.chart_block` with the description and the table built here, so what
the chart shows is also available as text and as numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import pandas as pd
from dash import html

from dashboard.components import data_table
from dashboard.figures.plain import Figure, figure
from dashboard.i18n import format_date, format_value, plotly_separators, t

HISTORY_COLOUR = "#00573f"  # the house green
FORECAST_COLOUR = "#1f4e79"
BAND_COLOUR = "rgba(31, 78, 121, 0.18)"
TARGET_COLOUR = "#b00020"
REQUIRED_COLOUR = "#6c757d"


TEMPLATE = "plotly_white"


def _iso(value: object) -> str:
    """A date, datetime or Timestamp as `YYYY-MM-DD` (what plotly.js reads as a date)."""
    if isinstance(value, dt.datetime):  # pd.Timestamp included
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return pd.Timestamp(value).date().isoformat()  # type: ignore[arg-type]


def _dates(values: Iterable[object]) -> list[str]:
    return [_iso(v) for v in values]


def _line(name: str, x: list[str], y: list[float], **style: Any) -> dict[str, Any]:
    return {"type": "scatter", "x": x, "y": y, "name": name, **style}


def forecast_figure(
    history: pd.DataFrame,
    points: pd.DataFrame,
    unit: str,
    lang: str,
    target: float | None = None,
    target_date: dt.date | None = None,
) -> Figure:
    """History (`date`, `value`) and forecast (`date`, `yhat`, `yhat_lower`, `yhat_upper`).

    With a target: the target marker and the straight trajectory from the last observed
    value to it (what the indicator would have to follow). The forecast line and band start
    at the last observed value, so they join the history. A plain dict (26 charts on
    /forecasts: as graph objects they were most of the page's render).
    """
    traces = []
    last_date, last_value = history["date"].iloc[-1], float(history["value"].iloc[-1])
    if len(points):
        band_x = _dates([last_date, *points["date"]])
        upper = [last_value, *points["yhat_upper"].tolist()]
        lower = [last_value, *points["yhat_lower"].tolist()]
        traces.append(
            _line(
                t("fc.chart.band", lang),
                band_x + band_x[::-1],
                upper + lower[::-1],
                fill="toself",
                fillcolor=BAND_COLOUR,
                line={"width": 0},
                hoverinfo="skip",
            )
        )
        traces.append(
            _line(
                t("fc.chart.forecast", lang),
                band_x,
                [last_value, *points["yhat"].tolist()],
                mode="lines",
                line={"color": FORECAST_COLOUR, "dash": "dash", "width": 2},
            )
        )
    if target is not None and target_date is not None:
        traces.append(
            _line(
                t("fc.chart.required", lang),
                _dates([last_date, target_date]),
                [last_value, target],
                mode="lines",
                line={"color": REQUIRED_COLOUR, "dash": "dot", "width": 2},
            )
        )
        traces.append(
            _line(
                t("fc.chart.target", lang),
                _dates([target_date]),
                [target],
                mode="markers",
                marker={"symbol": "star", "size": 14, "color": TARGET_COLOUR},
            )
        )
    traces.append(
        _line(
            t("fc.chart.history", lang),
            _dates(history["date"]),
            history["value"].tolist(),
            mode="lines+markers",
            line={"color": HISTORY_COLOUR, "width": 3},
            marker={"size": 8},
        )
    )
    layout = {
        "separators": plotly_separators(lang),  # decimal, then thousands
        "margin": {"l": 60, "r": 20, "t": 20, "b": 40},
        "height": 340,
        "legend": {"orientation": "h", "y": -0.18},
        "yaxis": {"title": {"text": unit}, "rangemode": "tozero"},
        "xaxis": {"tickformat": t("fmt.axis.month", lang)},
        "hovermode": "x unified",
    }
    return figure(traces, layout, TEMPLATE)


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
