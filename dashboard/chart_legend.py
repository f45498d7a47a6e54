"""A chart's legend as HTML beside it, in place of plotly's own (`showlegend` off).

One `<button aria-pressed>` per trace of the figure, in the trace's order, with its name and
a swatch of its line (colour, width and dash); assets/chart-legends.js shows or hides the
line when the button is pressed (`Plotly.restyle`), as a click on plotly's legend does, but
by keyboard too. Plain text in the page, so it prints and reads without plotly; plotly's
legend of ten entries was a third or more of the comparison chart's first draw
(bench/bench_context.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypedDict
from urllib.parse import quote

from dash import html

from dashboard.aria import aria
from dashboard.i18n import t

SWATCH_WIDTH = 32
SWATCH_HEIGHT = 12
DEFAULT_COLOUR = "#212529"
# data-* attributes typed, as dashboard/aria.py does for aria-* (not Python identifiers).
TraceIndex = TypedDict("TraceIndex", {"data-trace": str})
GraphRef = TypedDict("GraphRef", {"data-graph": str})


@dataclass(frozen=True)
class Entry:
    """One legend entry: what a trace looks like."""

    name: str
    colour: str
    width: float
    dash: str
    marker: bool


def entries(figure: Mapping[str, Any]) -> list[Entry]:
    """The figure's traces as legend entries, in order (a plotly JSON dict)."""
    found = []
    for trace in figure["data"]:
        line = trace.get("line") or {}
        found.append(
            Entry(
                name=str(trace.get("name", "")),
                colour=str(line.get("color", DEFAULT_COLOUR)),
                width=float(line.get("width", 2)),
                dash=str(line.get("dash", "solid")),
                marker=_marked(trace),
            )
        )
    return found


def _marked(trace: Mapping[str, Any]) -> bool:
    """Markers on every value (the lead region), not only on values standing alone."""
    marker = trace.get("marker") or {}
    return "markers" in str(trace.get("mode", "")) and not isinstance(marker.get("size"), list)


def dasharray(dash: str, width: float) -> str:
    """The stroke-dasharray plotly draws for a named dash (src/components/drawing); "" if solid."""
    unit = max(width, 3)
    patterns = {
        "dot": (1, 1),
        "dash": (3, 3),
        "longdash": (5, 5),
        "dashdot": (3, 1, 1, 1),
        "longdashdot": (5, 2, 1, 2),
    }
    return ",".join(f"{n * unit:g}" for n in patterns.get(dash, ()))


def swatch(entry: Entry) -> str:
    """The entry's line as a data: URL of a small SVG image."""
    y = SWATCH_HEIGHT / 2
    dashes = dasharray(entry.dash, entry.width)
    svg = (
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{SWATCH_WIDTH}' "
        f"height='{SWATCH_HEIGHT}'><line x1='0' y1='{y:g}' x2='{SWATCH_WIDTH}' y2='{y:g}' "
        f"stroke='{entry.colour}' stroke-width='{entry.width:g}'"
        + (f" stroke-dasharray='{dashes}'" if dashes else "")
        + "/>"
        + (
            f"<circle cx='{SWATCH_WIDTH / 2:g}' cy='{y:g}' r='4' fill='{entry.colour}'/>"
            if entry.marker
            else ""
        )
        + "</svg>"
    )
    return "data:image/svg+xml," + quote(svg)


def html_legend(graph_id: str, figure: Mapping[str, Any], lang: str) -> html.Div:
    """The legend of the graph `graph_id` drawing `figure`: a group of toggle buttons."""
    label_id = f"{graph_id}-legend-label"
    buttons = [
        html.Li(
            html.Button(
                [
                    html.Img(
                        src=swatch(entry),
                        alt="",
                        width=str(SWATCH_WIDTH),
                        height=str(SWATCH_HEIGHT),
                        className="s3-legend-swatch",
                    ),
                    entry.name,
                ],
                type="button",
                className="s3-legend-entry",
                **TraceIndex({"data-trace": str(index)}),
                **aria(pressed=True),
            )
        )
        for index, entry in enumerate(entries(figure))
    ]
    return html.Div(
        [
            html.P(t("chart.legend", lang), id=label_id, className="small text-muted mb-1"),
            html.Ul(buttons, className="s3-legend-list"),
        ],
        role="group",
        className="s3-legend",
        **GraphRef({"data-graph": graph_id}),
        **aria(labelledby=label_id),
    )
