"""Indicators page wiring: the list, or one indicator's detail when `?indicator=` is given."""

from __future__ import annotations

from dash import Dash, html
from dash.development.base_component import Component

from callbacks import revisions
from callbacks.overview import attainment_data, objectives, register_objective_filter
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
    register_objective_filter(app, indicators.OBJECTIVE_FILTER_ID)


PAGE = PageRecord("/indicators", "nav.indicators", render, register, filtered=True)
