"""A chart drawn when the reader reaches it, not when the page loads.

plotly draws a chart in a few hundred milliseconds on this machine class, most of it laying
out axes and legend, and it draws every dcc.Graph on the page at once: the context page's
three charts tripled its time to ready against a one-graph page (bench/bench_context.py).
A lazy chart is a placeholder box of the chart's height holding the figure in a dcc.Store;
assets/lazy-graphs.js watches the boxes (IntersectionObserver) and, when one comes into view
(or within 100 px of it, or the page is printed), sets its `n_clicks`; the clientside callback
below then puts the dcc.Graph in the box. No server round trip: the figure is already here.
Without IntersectionObserver the script draws every box at once.

A chart in the window at load can be painted first as server-drawn SVG (`svg_first_graph`,
dashboard/figures/svg_lines.py): the box shows the picture, and the same callback puts the
interactive graph in its place when the reader hovers, focuses or clicks it, or presses its
legend (assets/lazy-graphs.js). No plotly.js at first paint, and the picture prints.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

from dash import MATCH, Dash, Input, Output, State, dcc, html

from dashboard.html_table import html_block

SLOT_TYPE = "lazy-graph-slot"
DATA_TYPE = "lazy-graph-data"
SLOT_CLASS = "s3-lazy-graph"  # what assets/lazy-graphs.js watches
SVG_FIRST_CLASS = "s3-svg-first"  # what assets/lazy-graphs.js swaps on the reader's approach
ChartRef = TypedDict("ChartRef", {"data-chart": str})  # a data-* attribute, typed


def _graph(
    chart_id: str, figure: object, config: Mapping[str, Any], style: dict[str, str] | None
) -> dcc.Store:
    graph: dict[str, Any] = {"id": chart_id, "figure": figure, "config": dict(config)}
    if style:
        graph["style"] = style
    return dcc.Store(id={"type": DATA_TYPE, "chart": chart_id}, data=graph)


def lazy_graph(
    chart_id: str, figure: object, config: Mapping[str, Any], style: dict[str, str] | None
) -> html.Div:
    """A box that becomes `dcc.Graph(id=chart_id, figure, config, style)` once in view."""
    return html.Div(
        [
            html.Div(
                id={"type": SLOT_TYPE, "chart": chart_id},
                className=SLOT_CLASS,
                style=style or {"minHeight": "300px"},
            ),
            _graph(chart_id, figure, config, style),
        ]
    )


def svg_first_graph(
    chart_id: str,
    figure: object,
    config: Mapping[str, Any],
    style: dict[str, str] | None,
    svg: str,
) -> html.Div:
    """A box showing `svg` (the chart drawn on the server) until the reader reaches for it.

    Focusable, so that a keyboard reader gets the interactive chart (its mode bar) too.
    """
    return html.Div(
        [
            html.Div(
                html_block(svg),
                id={"type": SLOT_TYPE, "chart": chart_id},
                className=SVG_FIRST_CLASS,
                # At least the graph's height: a legend under the picture may wrap to more
                # rows on a narrow screen than plotly's (which shrinks the plot instead).
                style={"minHeight": (style or {}).get("height", "300px")},
                tabIndex="0",
                **ChartRef({"data-chart": chart_id}),
            ),
            _graph(chart_id, figure, config, style),
        ]
    )


def register(app: Dash) -> None:
    """The clientside callback drawing a lazy chart's graph on `app` (a second call: nothing).

    Every page with lazy charts registers it; the app needs it once.
    """
    if any(SLOT_TYPE in output for output in app.callback_map):
        return
    # Once drawn, never again: a click on the chart is a click on its box too (n_clicks),
    # and a new graph would drop the click (clickData) the page is waiting for. What the box
    # held before (nothing, or the SVG picture) is not a graph. Lines the reader pressed off
    # in the chart's HTML legend before the graph came stay off in it.
    app.clientside_callback(
        """function (clicks, graph, shown) {
            var held = Array.isArray(shown) ? shown : [shown];
            var drawn = held.some(function (c) { return c && c.type === 'Graph'; });
            if (!clicks || !graph || drawn) { return window.dash_clientside.no_update; }
            var legend = document.querySelector('.s3-legend[data-graph="' + graph.id + '"]');
            var off = legend ? legend.querySelectorAll('button[aria-pressed="false"]') : [];
            if (off.length) {
                var data = graph.figure.data.slice();
                off.forEach(function (button) {
                    var i = Number(button.getAttribute('data-trace'));
                    if (data[i]) { data[i] = Object.assign({}, data[i], {visible: 'legendonly'}); }
                });
                var figure = Object.assign({}, graph.figure, {data: data});
                graph = Object.assign({}, graph, {figure: figure});
            }
            return {namespace: 'dash_core_components', type: 'Graph', props: graph};
        }""",
        Output({"type": SLOT_TYPE, "chart": MATCH}, "children"),
        Input({"type": SLOT_TYPE, "chart": MATCH}, "n_clicks"),
        State({"type": DATA_TYPE, "chart": MATCH}, "data"),
        State({"type": SLOT_TYPE, "chart": MATCH}, "children"),
        prevent_initial_call=True,
    )
