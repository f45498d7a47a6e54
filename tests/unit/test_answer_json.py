"""Dash's answers written in one orjson pass (dashboard/answer_json.py): plotly's text exactly.

Every value kind plotly's cleaning handles is compared byte for byte with
`plotly.io.json.to_json_plotly`; bench/answer_json_equal.py compares every view of both apps.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math

import dash._callback
import dash.dash
import dash_bootstrap_components as dbc
import numpy as np
import pandas as pd
import pytest
from dash import dcc, html
from flask import Flask
from plotly.io.json import to_json_plotly

from dashboard import answer_json
from dashboard.aria import aria
from tests.dash_client import call_callback

VALUES = {
    "floats": np.array([1.5, np.nan, np.inf, -np.inf]),
    "nan and inf": [math.nan, math.inf, -math.inf, 0.1],
    "int range": np.arange(4),
    "strided array": np.arange(10.0)[::3],
    "float32 scalar": np.float32(0.1),
    "int64 scalar": np.int64(7),
    "bool array": np.array([True, False]),
    "text array": np.array(["a", "b"]),
    "object array": np.array([1, "a", None, html.B("x")], dtype=object),
    "datetime64 scalar": np.datetime64("2024-01-01"),
    "datetime64 array": np.array(["2024-01-01T10:00"], dtype="datetime64[ns]"),
    "Timestamp": pd.Timestamp("2024-03-01 10:00:00.123456"),
    "Timestamp with zone": pd.Timestamp("2024-03-01 10:00", tz="Europe/Rome"),
    "NaT and NA": [pd.NaT, pd.NA, None],
    "date range": pd.date_range("2024-01-01", periods=3, freq="MS"),
    "numeric Series": pd.Series([1.0, None, 3.0]),
    "datetime Series": pd.Series(pd.to_datetime(["2024-01-01", "2024-02-01"])),
    "date": dt.date(2024, 1, 2),
    "datetime with zone": dt.datetime(2024, 1, 1, 8, tzinfo=dt.UTC),
    "Decimal": decimal.Decimal("1.25"),
    "tuple and keys not text": {"t": (1, 2), 1: "a", 2.5: "b"},
    "text to escape": "</script><b>\u2028\u2029 città",
}


@pytest.mark.parametrize("name", VALUES)
def test_every_kind_in_a_component_tree_is_written_as_plotly_writes_it(name: str) -> None:
    value = VALUES[name]
    figure = {"data": [{"type": "scatter", "x": value, "y": value}], "layout": {"title": value}}
    tree = html.Div(
        [html.H2(["Titolo", html.Small("<piccolo>")]), dcc.Graph(figure=figure), None, 3],
        id="a",
        title="x",
    )
    answer = {"multi": True, "response": {"a": {"children": tree, "data": value}}}
    assert answer_json.to_json(answer) == to_json_plotly(answer)


@pytest.mark.parametrize("name", VALUES)
def test_values_without_components_are_written_as_plotly_writes_them(name: str) -> None:
    # plotly's first try (orjson alone) decides these: the same try is made first here.
    value = {"figure": {"data": [{"x": VALUES[name]}]}}
    assert answer_json.to_json(value) == to_json_plotly(value)


def test_what_neither_can_write_is_refused_with_a_type_error() -> None:
    unwritable: object = object()
    answer = {"response": {"a": {"children": html.Div(unwritable)}}}  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        to_json_plotly(answer)
    with pytest.raises(TypeError):
        answer_json.to_json(answer)


@pytest.mark.parametrize("path", ["/clusters", "/forecasts"])
def test_a_page_answers_what_plotly_would_have_written(
    app: Flask, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The app's own serializer is in place, and its page (the GeoJSON map, 26 charts) is
    # the one plotly's serializer gives for the same request, rendered again.
    assert dash._callback.to_json is answer_json.to_json
    assert dash.dash.to_json is answer_json.to_json
    client = app.test_client()
    inputs = {"shell-url.pathname": path, "shell-url.search": "?lang=en"}
    ours = call_callback(client, "/", inputs)
    monkeypatch.setattr(dash._callback, "to_json", to_json_plotly)
    app.extensions["s3m_cache"].clear()
    plotlys = call_callback(client, "/", inputs)
    assert ours[0] == 200
    assert ours == plotlys


class _Overriding(html.Span):
    """A component that writes its own JSON: `component_json` must call it."""

    def to_plotly_json(self) -> dict[str, object]:
        return {"props": {"children": "own"}, "type": "Span", "namespace": "custom"}


class _PropOnClass(html.Abbr):
    """A prop name the class itself answers to: `hasattr` finds it without the instance."""

    title = "from the class"


COMPONENTS = {
    "props in any order, None kept": html.Div([html.B("x"), None], title=None, id="d", lang="it"),
    "wildcards after the props": html.Section("s", **aria(label="a"), id="s"),
    "a later attribute": html.P("p", className="c"),
    "bootstrap": dbc.Col(html.Span("c"), lg=6),
    "core link": dcc.Link("l", href="/funding?ecosystem=x", className="me-3"),
    "graph": dcc.Graph(figure={"data": []}, config={"displayModeBar": False}),
    "own to_plotly_json": _Overriding("x"),
    "prop on the class": _PropOnClass("y"),
    "no props": html.Hr(),
}


@pytest.mark.parametrize("name", COMPONENTS)
def test_component_json_is_dashs_own_dict_in_the_same_order(name: str) -> None:
    component = COMPONENTS[name]
    if name == "wildcards after the props":
        setattr(component, "data-x", "1")  # what Dash's `data-x=` keyword does: an attribute
    if name == "a later attribute":
        component.id = "later"
    ours, dashs = answer_json.component_json(component), component.to_plotly_json()
    assert ours == dashs
    assert list(ours["props"]) == list(dashs["props"])  # the order orjson writes
    assert list(ours) == list(dashs)
