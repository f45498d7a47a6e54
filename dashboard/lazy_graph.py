"""A chart drawn when the reader reaches it, not when the page loads.

plotly draws a chart in a few hundred milliseconds on this machine class, most of it laying
out axes and legend, and it draws every dcc.Graph on the page at once: the context page's
three charts tripled its time to ready against a one-graph page (bench/bench_context.py).
A lazy chart is a placeholder box of the chart's height holding the figure in a dcc.Store;
assets/lazy-graphs.js watches the boxes (IntersectionObserver) and, when one comes into view
(or within 100 px of it, or the page is printed), sets its `n_clicks`; the clientside callback
below then puts the dcc.Graph in the box. No server round trip: the figure is already here.
Without IntersectionObserver the script draws every box at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dash import MATCH, Dash, Input, Output, State, dcc, html

SLOT_TYPE = "lazy-graph-slot"
DATA_TYPE = "lazy-graph-data"
SLOT_CLASS = "s3-lazy-graph"  # what assets/lazy-graphs.js watches


def lazy_graph(
    chart_id: str, figure: object, config: Mapping[str, Any], style: dict[str, str] | None
) -> html.Div:
    """A box that becomes `dcc.Graph(id=chart_id, figure, config, style)` once in view."""
    graph: dict[str, Any] = {"id": chart_id, "figure": figure, "config": dict(config)}
    if style:
        graph["style"] = style
    return html.Div(
        [
            html.Div(
                id={"type": SLOT_TYPE, "chart": chart_id},
                className=SLOT_CLASS,
                style=style or {"minHeight": "300px"},
            ),
            dcc.Store(id={"type": DATA_TYPE, "chart": chart_id}, data=graph),
        ]
    )


def register(app: Dash) -> None:
    """The clientside callback drawing a lazy chart's graph on `app` (a second call: nothing).

    Every page with lazy charts registers it; the app needs it once.
    """
    if any(SLOT_TYPE in output for output in app.callback_map):
        return
    # Once drawn, never again: a click on the chart is a click on its box too (n_clicks),
    # and a new graph would drop the click (clickData) the page is waiting for.
    app.clientside_callback(
        """function (clicks, graph, drawn) {
            if (!clicks || !graph || drawn) { return window.dash_clientside.no_update; }
            return {namespace: 'dash_core_components', type: 'Graph', props: graph};
        }""",
        Output({"type": SLOT_TYPE, "chart": MATCH}, "children"),
        Input({"type": SLOT_TYPE, "chart": MATCH}, "n_clicks"),
        State({"type": DATA_TYPE, "chart": MATCH}, "data"),
        State({"type": SLOT_TYPE, "chart": MATCH}, "children"),
        prevent_initial_call=True,
    )
