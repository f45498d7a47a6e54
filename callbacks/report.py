"""Printable report wiring: the overview's data for this view, printing and issuing it.

"Generate and print" (editors and admins) records the report as issued (data/report_log.py):
its output is in WRITE_OUTPUTS, so the login gate answers 403 to a viewer or an anonymous
client, and the callback checks the role again itself. "Print" alone records nothing.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from dash import Dash, Input, Output, State, no_update
from dash._callback import NoUpdate
from dash.development.base_component import Component
from flask import current_app

from auth import current_actor
from callbacks import forecasts, revisions
from callbacks.failures import failure_text
from callbacks.overview import attainment_data
from callbacks.page_record import PageRecord
from callbacks.params import ECOSYSTEM, OBJECTIVE, SINCE, ViewParams, view_query
from callbacks.view import read_view
from dashboard.i18n import configured_lang, format_date, t
from dashboard.pages import report
from data.report_log import record_generation

WRITE_OUTPUTS = frozenset({f"{report.GENERATED_ID}.children"})
SCOPE_PARAMS = (ECOSYSTEM, OBJECTIVE, SINCE)


def _can_record() -> bool:
    actor = current_actor()
    return actor is not None and actor.can_write


def render(view: ViewParams) -> Component:
    """Layout of the report for this view (same filters as the overview)."""
    data = attainment_data(view)
    params = view_query(view, configured_lang())
    today = dt.date.today()
    changes = revisions.changes_section(view, today, "report-changes", data.indicators["code"])
    trends = forecasts.trends_to_reverse(view, data.indicators)
    return report.layout(data, view.lang, params, today, trends, changes, _can_record())


def register(app: Dash) -> None:
    """Print (client side), and generate: record the report, refresh its changes, print."""
    app.clientside_callback(
        "function(n) { if (n) { window.print(); } return ''; }",
        Output(report.PRINT_SINK_ID, "children"),
        Input(report.PRINT_BUTTON_ID, "n_clicks"),
        prevent_initial_call=True,
    )
    # After the record and the refreshed section are on the page (next frame), print.
    app.clientside_callback(
        "function(n) { if (n) { window.setTimeout(function () { window.print(); }, 50); }"
        " return ''; }",
        Output(report.PRINT_SINK_ID, "title"),
        Input(report.PRINT_REQUEST_ID, "data"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(report.GENERATED_ID, "children"),
        Output(report.CHANGES_SLOT_ID, "children"),
        Output(report.PRINT_REQUEST_ID, "data"),
        Input(report.GENERATE_BUTTON_ID, "n_clicks"),
        State("shell-url", "search"),
        prevent_initial_call=True,
    )
    def generate_report(
        n_clicks: object, search: object
    ) -> tuple[str | NoUpdate, Component | NoUpdate, int | NoUpdate]:
        """On Generate and print (writers): record the report as issued, then print it.

        The printed "what changed" is the one this report covers: it starts where the
        previous report did (or at `?since=`), computed before this record moves it.
        """
        view = read_view(search, configured_lang())  # as the router read it
        actor = current_actor()
        if actor is None or not actor.can_write:
            return t("dm.denied", view.lang), no_update, no_update
        if not n_clicks:
            return no_update, no_update, no_update
        today = dt.date.today()
        since, _bad = revisions.since_of(view, today)
        scope = urlencode({k: view.values[k] for k in SCOPE_PARAMS if k in view.values})
        try:
            codes = attainment_data(view).indicators["code"]
            generation = record_generation(
                current_app.config["DATABASE_URL"],
                actor.username,
                since.start,
                since.basis,
                scope,
                view.lang,
            )
            changes = revisions.changes_section(view, today, "report-changes", codes, since)
        except Exception as error:
            failed = failure_text(error, "recording a report generation", view.lang)
            return failed, no_update, no_update
        at = generation.created_at
        line = t(
            "att.report.recorded",
            view.lang,
            n=generation.id,
            date=format_date(at, view.lang),
            time=f"{at:%H:%M}",
            who=generation.username,
        )
        return line, changes, generation.id


PAGE = PageRecord("/report", None, render, register)
