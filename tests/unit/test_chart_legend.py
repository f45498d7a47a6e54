"""The HTML legend of a chart (dashboard/chart_legend.py): one toggle button per trace."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote

import pandas as pd
import pytest
from dash import html
from plotly.utils import PlotlyJSONEncoder

from dashboard.chart_legend import dasharray, entries, html_legend
from dashboard.figures.context import comparison_figure

LABELS = {"ITC4": "Lombardia", "ITC1": "Piemonte", "DE1": "Baden-Württemberg"}


def _figure(lang: str = "it") -> dict[str, Any]:
    table = pd.DataFrame(
        {"ITC4": [1.1, 1.2, 1.3], "ITC1": [2.0, None, 2.2], "DE1": [5.0, 5.1, None]},
        index=[2019, 2020, 2021],
    )
    return comparison_figure(table, LABELS, "% GDP", lang, "ITC4", goal=3.0)


def _props(component: html.Div) -> dict[str, Any]:
    """The component's props as the browser receives them (nested components as dicts)."""
    props: dict[str, Any] = json.loads(json.dumps(component, cls=PlotlyJSONEncoder))["props"]
    return props


def _buttons(legend: html.Div) -> list[dict[str, Any]]:
    items = _props(legend)["children"][1]["props"]["children"]
    return [item["props"]["children"]["props"] for item in items]


def test_plotly_legend_is_off_and_each_trace_has_its_entry_in_order() -> None:
    figure = _figure()
    assert figure["layout"]["showlegend"] is False
    legend = html_legend("context-compare", figure, "it")
    buttons = _buttons(legend)
    assert len(buttons) == len(figure["data"]) == 4  # three regions and the goal line
    for index, (button, trace) in enumerate(zip(buttons, figure["data"], strict=True)):
        swatch, name = button["children"]
        assert name == trace["name"]
        assert button["data-trace"] == str(index)
        assert button["aria-pressed"] == "true" and button["type"] == "button"
        svg = unquote(swatch["props"]["src"])
        assert f"stroke='{trace['line']['color']}'" in svg
        assert swatch["props"]["alt"] == ""  # the name says it; the swatch is decoration
        dashes = dasharray(trace["line"].get("dash", "solid"), trace["line"]["width"])
        assert (f"stroke-dasharray='{dashes}'" in svg) == bool(dashes)
    assert [b["children"][1] for b in buttons] == [*LABELS.values(), "Obiettivo UE 3%"]


def test_entries_read_colour_dash_and_markers_from_the_traces() -> None:
    lead, piemonte, baden, goal = entries(_figure())
    assert (lead.colour, lead.dash, lead.marker) == ("#00573f", "solid", True)
    assert piemonte.dash == "dash" and not piemonte.marker  # markers on lone values only
    assert baden.dash == "dot" and baden.colour != piemonte.colour
    assert (goal.colour, goal.dash) == ("#b00020", "dot")


@pytest.mark.parametrize(
    ("dash", "width", "expected"),
    [("solid", 2, ""), ("dot", 2, "3,3"), ("dash", 4, "12,12"), ("dashdot", 2, "9,3,3,3")],
)
def test_dasharray_follows_plotly(dash: str, width: float, expected: str) -> None:
    assert dasharray(dash, width) == expected


@pytest.mark.parametrize(
    ("lang", "label", "goal"),
    [("it", "Legenda", "Obiettivo UE 3%"), ("en", "Legend", "EU 3% goal")],
)
def test_the_group_is_named_in_the_page_language(lang: str, label: str, goal: str) -> None:
    props = _props(html_legend("context-compare", _figure(lang), lang))
    assert props["role"] == "group" and props["data-graph"] == "context-compare"
    title = props["children"][0]["props"]
    assert props["aria-labelledby"] == title["id"] and title["children"].startswith(label)
    assert _buttons(html_legend("context-compare", _figure(lang), lang))[-1]["children"][1] == goal
