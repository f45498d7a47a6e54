"""Funding page wiring."""

from __future__ import annotations

from dash import html
from dash.development.base_component import Component

from callbacks import filtering, loaders
from callbacks.params import ViewParams
from dashboard.i18n import t
from dashboard.pages import funding


def render(view: ViewParams) -> Component:
    """Layout of the funding page for this view."""
    names = loaders.ecosystem_names(view.lang)
    page = funding.layout(filtering.calls(view, public=False), names, view.lang)
    if view.ecosystem:
        note = t("filter.cross_cutting_note", view.lang, name=names[view.ecosystem])
        return html.Div([html.P(note, className="text-muted", id="filter-note"), page])
    return page
