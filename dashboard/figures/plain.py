"""Figures as plain dicts: the JSON plotly's graph objects would send, without building them.

A `go.Figure` validates every property as it is set and copies the template and every trace
(a map's GeoJSON included) on the way in and out: 10-100 ms a figure, most of a cold page's
time. The builders in this package write the JSON plotly.js reads (`{"data": [...],
"layout": {...}}`) and take plotly's registered template once, so a dict figure sends the
same bytes and looks the same. tests/unit/test_plain_figures.py passes every builder's
output through `go.Figure` to check that it is valid and comes back unchanged.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Any

import plotly.io as pio

Figure = dict[str, Any]  # {"data": [trace, ...], "layout": {...}}, as plotly.js reads it


@functools.cache
def _template(name: str) -> dict[str, Any]:
    # One JSON copy per process: registered templates are valid and never change once
    # loaded, and Dash only reads the dict when it serializes a response.
    template: dict[str, Any] = pio.templates[name].to_plotly_json()
    return template


def figure(
    data: Iterable[Mapping[str, Any]], layout: Mapping[str, Any], template: str | None = None
) -> Figure:
    """A figure of these traces and layout with plotly's template `template` applied.

    Without a name, plotly's default template (`plotly.io.templates.default`), as
    `go.Figure()` applies it.
    """
    name = template or pio.templates.default
    return {"data": list(data), "layout": {**layout, "template": _template(name)}}


def axis_title(text: str, **axis: Any) -> dict[str, Any]:
    """An axis with a title (`update_xaxes(title_text=...)` in graph-object terms)."""
    return {"title": {"text": text}, **axis}
