"""Plain-dict figures (dashboard.figures.plain) checked against plotly's graph objects."""

from __future__ import annotations

import json
from typing import Any

import plotly.graph_objects as go
from plotly.io.json import to_json_plotly


def validated(figure: Any) -> go.Figure:
    """`figure`, a plain dict, as a `go.Figure`, once plotly has accepted it unchanged.

    `go.Figure` raises on a property or value plotly.js does not know, and its JSON must be
    the dict's own: the dict sends exactly what the graph objects would.
    """
    assert isinstance(figure, dict), type(figure)
    built = go.Figure(figure)
    assert json.loads(to_json_plotly(built)) == json.loads(to_json_plotly(figure))
    return built
