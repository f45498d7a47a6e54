"""Indicators page wiring: the list, or one indicator's detail when `?indicator=` is given."""

from __future__ import annotations

from dash import Dash, Input, Output, State, html
from dash._callback import NoUpdate
from dash.development.base_component import Component

from callbacks import revisions
from callbacks.overview import attainment_data, objective_search, objectives
from callbacks.page_record import PageRecord
from callbacks.params import INDICATOR, OBJECTIVE, ViewParams, view_query
from dashboard.i18n import configured_lang
from dashboard.pages import indicators


def render(view: ViewParams) -> Component:
    """Layout of the indicators page for this view (list, or detail of `?indicator=`)."""
    data = attainment_data(view)
    params = view_query(view, configured_lang())
    code = view.values.get(INDICATOR)
    if code:
        detail = indicators.detail_layout(
            data, code, view.lang, params, revisions.target_revised_on(code)
        )
        if code not in set(data.indicators["code"]):
            return detail
        return html.Div([detail, *revisions.detail_panels(code, view.lang)])
    return indicators.list_layout(
        data, view.lang, params, objectives(public=False), view.values.get(OBJECTIVE)
    )


def register(app: Dash) -> None:
    """Wire the list's objective filter (it writes `?objective=` like the overview's)."""

    @app.callback(
        Output("shell-url", "search", allow_duplicate=True),
        Input(indicators.OBJECTIVE_FILTER_ID, "value"),
        State("shell-url", "search"),
        prevent_initial_call=True,
    )
    def apply_indicators_objective_filter(value: object, search: object) -> str | NoUpdate:
        """When the list's objective filter changes: write it into the URL."""
        return objective_search(value, search)


PAGE = PageRecord("/indicators", "nav.indicators", render, register, filtered=True)
