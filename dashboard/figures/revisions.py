"""Marks that revisions leave on figures: "target revised on …" beside the target point."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go

from dashboard.i18n import format_date, t


def mark_target_revision(
    fig: go.Figure,
    target_date: dt.date | None,
    target_value: float | None,
    revised_on: dt.date | None,
    lang: str,
) -> go.Figure:
    """Annotate the target point with the date its value was last revised (in place)."""
    if revised_on is None or target_date is None or target_value is None:
        return fig
    fig.add_annotation(
        x=target_date,
        y=target_value,
        text=t("rev.target_revised", lang, date=format_date(revised_on, lang)),
        showarrow=True,
        arrowhead=2,
        ax=0,
        ay=-36,
        name="target-revised",
    )
    return fig
