"""Funding page wiring: the view's calls and project aggregates in, the page out.

The project work of a view is two cached SQL aggregates at most (the view's project cube,
and the capped list of the drill-down call's projects), keyed by the filter and the data
version, so the page stays fast with a million projects. `?call=` opens a call's projects;
the call picker writes it into the URL, and the router re-renders from there.
"""

from __future__ import annotations

from dash import Dash
from dash.development.base_component import Component

from callbacks import filtering, loaders
from callbacks.page_record import PageRecord
from callbacks.params import CALL, ViewParams, shared_query
from callbacks.url_picker import register_url_picker
from dashboard.i18n import configured_lang, t
from dashboard.pages import funding
from data import geo, read_ahead
from data.analysis.funding import with_ratios


def page_data(view: ViewParams, default_lang: str) -> funding.PageData:
    """Everything the page needs for `view`; an unusable `?call=` becomes a message."""
    cube = read_ahead.start(loaders.project_cube_read(view.ecosystem, public=False))  # meanwhile
    names = loaders.ecosystem_names(view.lang)
    calls = with_ratios(filtering.calls(view, public=False))
    call, problem, projects = view.call, None, None
    if call is not None:
        every = loaders.calls(public=False)
        if call not in set(every["code"]):
            problem = t("projects.unknown_call", view.lang, code=call)
            call = None
        elif call not in set(calls["code"]):
            name = every.loc[every["code"] == call, "name"].iloc[0]
            ecosystem = names.get(view.ecosystem or "", view.ecosystem or "")
            problem = t("projects.call_filtered", view.lang, name=name, ecosystem=ecosystem)
            call = None
        else:
            projects = loaders.call_projects(call, view.ecosystem)
    return funding.PageData(
        calls=calls,
        ecosystem_names=names,
        project_cube=cube,
        province_names=geo.province_names(),
        lang=view.lang,
        ecosystem=view.ecosystem,
        call=call,
        call_problem=problem,
        call_projects=projects,
        params=shared_query(view, default_lang),
    )


def render(view: ViewParams) -> Component:
    """Layout of the funding page for this view."""
    return funding.layout(page_data(view, configured_lang()))


def register(app: Dash) -> None:
    """Wire the call picker into the URL (the grids' tools run in assets/table-tools.js)."""
    register_url_picker(app, funding.PICKER_ID, CALL, funding.ALL_CALLS)


PAGE = PageRecord("/funding", "nav.funding", render, register, filtered=True)
