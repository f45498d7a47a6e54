"""Context charts: Lombardy against Italy, the EU-27 and its peers; Lombardy's EU rank.

Pure: frames in, a figure out; no data access. A year without a value is a gap in the line
(`connectgaps=False` on a frame with every year), never a zero.

Figures are plain dicts in plotly's JSON form, not `go.Figure`s: building and validating the
three figures of the page through plotly's objects took about half of its callback
(bench/bench_context.py), and dcc.Graph takes the dict as it is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from dashboard.i18n import plotly_separators, t

LOMBARDY_COLOUR = "#00573f"  # the house green
GOAL_COLOUR = "#b00020"
# Colour-blind-safe (Okabe-Ito) for the other regions, in order; the lines differ by dash too.
OTHER_COLOURS = ("#0072b2", "#d55e00", "#cc79a7", "#e69f00", "#56b4e9", "#009e73", "#555555")
DASHES = ("dash", "dot", "dashdot", "longdash", "longdashdot")


GRID = "#e5e5e5"
MARKER_SIZE = 6
Figure = dict[str, Any]


def isolated(values: Sequence[float | None]) -> list[bool]:
    """Which values stand alone: present, with no value the year before nor the year after.

    A line without markers does not show such a value at all (a gap on both sides).
    """
    present = [v is not None for v in values]
    return [
        here and not (i > 0 and present[i - 1]) and not (i + 1 < len(present) and present[i + 1])
        for i, here in enumerate(present)
    ]


def other_markers(values: Sequence[float | None]) -> dict[str, Any]:
    """Mode and markers of a region other than the lead: a plain line, marked where alone.

    plotly draws one SVG path per marker, and the chart draws at first paint: markers on
    every line were 157 paths on the default view (93 with `?peers=DE1,ES51`), 77 (26)
    this way. A line shows its values; a value standing alone (a region reporting every
    other year) keeps its marker, so no gap hides it.
    """
    alone = isolated(values)
    if not any(alone):
        return {"mode": "lines"}
    return {"mode": "lines+markers", "marker": {"size": [MARKER_SIZE if a else 0 for a in alone]}}


def _layout(lang: str, y_title: str, height: int = 360) -> dict[str, Any]:
    # The look of "plotly_white", spelled out, with no named template (plotly 7 copies and
    # validates one for every figure).
    return {
        "template": {"data": {"scatter": [{"type": "scatter"}]}},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "font": {"color": "#212529"},
        "separators": plotly_separators(lang),
        "margin": {"l": 60, "r": 20, "t": 20, "b": 40},
        "height": height,
        "yaxis": {
            "title": {"text": y_title},
            "rangemode": "tozero",
            "gridcolor": GRID,
            "zerolinecolor": GRID,
        },
        "xaxis": {"dtick": 2, "gridcolor": GRID, "showline": True, "linecolor": GRID},
        "hovermode": "x unified",
    }


def comparison_figure(
    table: pd.DataFrame,
    labels: Mapping[str, str],
    unit: str,
    lang: str,
    lead: str,
    goal: float | None = None,
) -> Figure:
    """One line per region of `table` (years × regions); `lead` (Lombardy) drawn first, bold."""
    years = [int(y) for y in table.index]
    traces: list[dict[str, Any]] = []
    others = 0
    for code in table.columns:
        values = [None if pd.isna(v) else float(v) for v in table[code]]
        trace: dict[str, Any] = {
            "type": "scatter",
            "x": years,
            "y": values,
            "connectgaps": False,
            "name": labels.get(code, code),
        }
        if code == lead:
            trace |= {
                "mode": "lines+markers",
                "line": {"color": LOMBARDY_COLOUR, "width": 4},
                "marker": {"size": MARKER_SIZE},
            }
        else:
            line = {
                "color": OTHER_COLOURS[others % len(OTHER_COLOURS)],
                "width": 2,
                "dash": DASHES[others % len(DASHES)],
            }
            trace |= {"line": line} | other_markers(values)
            others += 1
        traces.append(trace)
    if goal is not None and years:
        traces.append(
            {
                "type": "scatter",
                "x": [years[0], years[-1]],
                "y": [goal, goal],
                "mode": "lines",
                "line": {"color": GOAL_COLOUR, "dash": "dot", "width": 2},
                "name": t("ctx.goal", lang),
            }
        )
    # The legend is HTML beside the chart (dashboard/chart_legend.py): plotly's own was a
    # third or more of the chart's first draw, and cannot be reached by keyboard.
    return {"data": traces, "layout": _layout(lang, unit) | {"showlegend": False}}


def rank_figure(ranks: pd.DataFrame, lang: str) -> Figure:
    """Rank per year (1 = highest), reversed axis so that up is better."""
    trace = {
        "type": "scatter",
        "x": [int(y) for y in ranks["year"]],
        "y": [int(r) for r in ranks["rank"]],
        "customdata": [int(n) for n in ranks["regions"]],
        "mode": "lines+markers",
        "line": {"color": LOMBARDY_COLOUR, "width": 3},
        "hovertemplate": t("ctx.rank.hover", lang) + "<extra></extra>",
        "name": t("ctx.rank.series", lang),
    }
    layout = _layout(lang, t("ctx.rank.axis", lang), height=300)
    layout["yaxis"] |= {"autorange": "reversed", "rangemode": "normal"}
    return {"data": [trace], "layout": layout}
