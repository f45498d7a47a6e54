"""Context charts: Lombardy against Italy, the EU-27 and its peers; Lombardy's EU rank.

Pure: frames in, a plotly figure out; no data access. A year without a value is a gap in
the line (`connectgaps=False` on a frame with every year), never a zero.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import plotly_separators, t

LOMBARDY_COLOUR = "#00573f"  # the house green
GOAL_COLOUR = "#b00020"
# Colour-blind-safe (Okabe-Ito) for the other regions, in order; the lines differ by dash too.
OTHER_COLOURS = ("#0072b2", "#d55e00", "#cc79a7", "#e69f00", "#56b4e9", "#009e73", "#555555")
DASHES = ("dash", "dot", "dashdot", "longdash", "longdashdot")


GRID = "#e5e5e5"


def _layout(figure: go.Figure, lang: str, y_title: str, height: int = 360) -> go.Figure:
    # The look of "plotly_white", spelled out: applying a named template costs ~90 ms per
    # figure in plotly 7 (it is copied and validated), three times the rest of the page.
    figure.update_layout(
        template="none",
        paper_bgcolor="white",
        plot_bgcolor="white",
        font={"color": "#212529"},
        separators=plotly_separators(lang),
        margin={"l": 60, "r": 20, "t": 20, "b": 40},
        height=height,
        legend={"orientation": "h", "y": -0.2},
        yaxis={
            "title": {"text": y_title},
            "rangemode": "tozero",
            "gridcolor": GRID,
            "zerolinecolor": GRID,
        },
        xaxis={"dtick": 2, "gridcolor": GRID, "showline": True, "linecolor": GRID},
        hovermode="x unified",
    )
    return figure


def comparison_figure(
    table: pd.DataFrame,
    labels: Mapping[str, str],
    unit: str,
    lang: str,
    lead: str,
    goal: float | None = None,
) -> go.Figure:
    """One line per region of `table` (years × regions); `lead` (Lombardy) drawn first, bold."""
    figure = go.Figure()
    years = [int(y) for y in table.index]
    others = 0
    for code in table.columns:
        values = [None if pd.isna(v) else float(v) for v in table[code]]
        if code == lead:
            line = {"color": LOMBARDY_COLOUR, "width": 4}
        else:
            line = {
                "color": OTHER_COLOURS[others % len(OTHER_COLOURS)],
                "width": 2,
                "dash": DASHES[others % len(DASHES)],
            }
            others += 1
        figure.add_trace(
            go.Scatter(
                x=years,
                y=values,
                mode="lines+markers",
                connectgaps=False,
                line=line,
                marker={"size": 6},
                name=labels.get(code, code),
            )
        )
    if goal is not None and years:
        figure.add_trace(
            go.Scatter(
                x=[years[0], years[-1]],
                y=[goal, goal],
                mode="lines",
                line={"color": GOAL_COLOUR, "dash": "dot", "width": 2},
                name=t("ctx.goal", lang),
            )
        )
    return _layout(figure, lang, unit)


def rank_figure(ranks: pd.DataFrame, lang: str) -> go.Figure:
    """Rank per year (1 = highest), reversed axis so that up is better."""
    figure = go.Figure(
        go.Scatter(
            x=[int(y) for y in ranks["year"]],
            y=[int(r) for r in ranks["rank"]],
            customdata=[int(n) for n in ranks["regions"]],
            mode="lines+markers",
            line={"color": LOMBARDY_COLOUR, "width": 3},
            hovertemplate=t("ctx.rank.hover", lang) + "<extra></extra>",
            name=t("ctx.rank.series", lang),
        )
    )
    _layout(figure, lang, t("ctx.rank.axis", lang), height=300)
    figure.update_yaxes(autorange="reversed", rangemode="normal")
    return figure
