"""Printable report wiring: the overview's data for this view, and the print button."""

from __future__ import annotations

import datetime as dt

from dash import Dash, Input, Output
from dash.development.base_component import Component

from callbacks import forecasts, revisions
from callbacks.overview import attainment_data
from callbacks.page_record import PageRecord
from callbacks.params import ViewParams, view_query
from dashboard.i18n import configured_lang
from dashboard.pages import report


def render(view: ViewParams) -> Component:
    """Layout of the report for this view (same filters as the overview)."""
    data = attainment_data(view)
    params = view_query(view, configured_lang())
    today = dt.date.today()
    changes = revisions.changes_section(view, today, "report-changes")
    trends = forecasts.trends_to_reverse(view, data.indicators)
    return report.layout(data, view.lang, params, today, trends, changes)


def register(app: Dash) -> None:
    """The print button opens the browser's print dialog (no server round trip)."""
    app.clientside_callback(
        "function(n) { if (n) { window.print(); } return ''; }",
        Output(report.PRINT_SINK_ID, "children"),
        Input(report.PRINT_BUTTON_ID, "n_clicks"),
        prevent_initial_call=True,
    )


PAGE = PageRecord("/report", None, render, register)
