"""Figures of target attainment: status colours, gauges, sparklines and the time series.

Pure: an `Assessment` and plain values in, a figure out; no I/O. Status is never conveyed by
colour alone: every figure that shows a status colour sits next to its text label and
symbol, and the colours keep at least 4.5:1 contrast on white (a unit test checks it).

The gauges are the public page's SVG dials (dashboard/figures/public.py) on every page.
Sparklines are small SVG images with a text alternative: a table of hundreds of rows must
not start hundreds of plotly instances in the browser.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from urllib.parse import quote

import plotly.graph_objects as go

from dashboard.i18n import format_date, format_share, format_value, plotly_separators, t
from data.analysis.attainment import (
    ACCELERATION_NEEDED,
    ACHIEVED,
    DETERIORATION,
    LIMITED_PROGRESS,
    NOT_ASSESSABLE,
    ON_TRACK,
    Assessment,
)
from data.analysis.missing import is_missing

# Blue-green-amber-orange-red-grey ("BRAG" plus two): each ≥ 4.5:1 on white.
STATUS_COLOURS: dict[str, str] = {
    ACHIEVED: "#1d4ed8",
    ON_TRACK: "#15803d",
    ACCELERATION_NEEDED: "#a16207",
    LIMITED_PROGRESS: "#c2410c",
    DETERIORATION: "#b91c1c",
    NOT_ASSESSABLE: "#4b5563",
}
# A shape per status, so that the status reads without colour (and in black-and-white print).
STATUS_SYMBOLS: dict[str, str] = {
    ACHIEVED: "✓",
    ON_TRACK: "↑",
    ACCELERATION_NEEDED: "↗",
    LIMITED_PROGRESS: "→",
    DETERIORATION: "↓",
    NOT_ASSESSABLE: "–",
}
INK = "#212529"
TRACK = "#e9ecef"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"


def contrast_ratio(foreground: str, background: str = "#ffffff") -> float:
    """WCAG 2 contrast ratio of two `#rrggbb` colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def separators(lang: str) -> str:
    """Plotly's decimal and thousands separators for `lang` (`,.` Italian, `.,` English)."""
    return plotly_separators(lang)


def sparkline_svg(
    dates: Sequence[dt.date],
    values: Sequence[float | None],
    colour: str = INK,
    width: int = 120,
    height: int = 32,
) -> str:
    """A sparkline as SVG markup: values by date, a break at each missing value, last dot."""
    pad = 3
    known = [(d, v) for d, v in zip(dates, values, strict=True) if not is_missing(v)]
    open_tag = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">'
    )
    if not known:
        return open_tag + "</svg>"
    first, last = min(dates), max(dates)
    span = max((last - first).days, 1)
    low = min(v for _, v in known if v is not None)
    high = max(v for _, v in known if v is not None)
    rise = (high - low) or 1.0

    def x(day: dt.date) -> float:
        return pad + (width - 2 * pad) * ((day - first).days / span if len(dates) > 1 else 0.5)

    def y(value: float) -> float:
        middle = height / 2 if high == low else None
        return middle if middle is not None else pad + (height - 2 * pad) * (high - value) / rise

    # A missing value ends the current segment: "n.d." is drawn as a gap, never a zero.
    path, pen_down = [], False
    for day, value in zip(dates, values, strict=True):
        if is_missing(value):
            pen_down = False
            continue
        assert value is not None
        path.append(f"{'L' if pen_down else 'M'}{x(day):.1f},{y(value):.1f}")
        pen_down = True
    last_day, last_value = known[-1]
    assert last_value is not None
    return (
        open_tag + f'<path d="{" ".join(path)}" fill="none" stroke="{colour}" stroke-width="2" '
        'stroke-linejoin="round" stroke-linecap="round"/>'
        + f'<circle cx="{x(last_day):.1f}" cy="{y(last_value):.1f}" r="3" fill="{colour}"/>'
        + "</svg>"
    )


# `quote`'s escapes of the ASCII characters it does not keep (letters, digits, "_.-~/"):
# str.translate writes them in one pass, where `quote` maps every byte in Python (24 dials
# a page; tests/unit/test_gauge_cards.py checks the two agree).
_QUOTED_ASCII = {
    code: f"%{code:02X}" for code in range(128) if not (chr(code).isalnum() or chr(code) in "_.-~/")
}


def gauge_label(assessment: Assessment, lang: str) -> str:
    """A gauge's text alternative: code, progress, expected share and status."""
    return t(
        "att.gauge.label",
        lang,
        code=assessment.code,
        p=format_share(assessment.p, lang),
        e=format_share(assessment.e, lang),
        status=t(f"att.status.{assessment.status}", lang),
    )


def svg_data_uri(svg: str) -> str:
    """An SVG as a `data:` URI for an <img> (which then carries the text alternative)."""
    quoted = svg.translate(_QUOTED_ASCII) if svg.isascii() else quote(svg)
    return "data:image/svg+xml;charset=utf-8," + quoted


def required_trajectory(assessment: Assessment) -> list[tuple[dt.date, float]]:
    """The linear path from the base to the target (two points), or nothing."""
    if (
        assessment.base_date is None
        or assessment.base_value is None
        or assessment.target_date is None
        or assessment.target_value is None
    ):
        return []
    return [
        (assessment.base_date, assessment.base_value),
        (assessment.target_date, assessment.target_value),
    ]


def timeseries_figure(
    assessment: Assessment,
    dates: Sequence[dt.date],
    values: Sequence[float | None],
    unit: str,
    lang: str,
) -> go.Figure:
    """The indicator's series: base, observations ("n.d." as gaps), target, required path."""
    fig = go.Figure()

    def labels(days: Sequence[dt.date], vals: Sequence[float | None]) -> list[list[str]]:
        return [
            [format_date(d, lang), format_value(v, unit, lang)]
            for d, v in zip(days, vals, strict=True)
        ]

    hover = "%{customdata[0]}: %{customdata[1]}<extra>%{fullData.name}</extra>"
    trajectory = required_trajectory(assessment)
    if trajectory:
        days = [d for d, _ in trajectory]
        vals = [v for _, v in trajectory]
        fig.add_trace(
            go.Scatter(
                x=days,
                y=vals,
                mode="lines",
                name=t("att.chart.required", lang),
                line={"color": "#6c757d", "dash": "dash", "width": 2},
                customdata=labels(days, vals),
                hovertemplate=hover,
            )
        )
    # The series runs from a stated baseline through the observations (as the method reads
    # it); a base taken from the first observation is already its first point.
    line_dates, line_values = list(dates), [None if is_missing(v) else v for v in values]
    if (
        assessment.base_date is not None
        and assessment.base_value is not None
        and not assessment.base_is_first_observation
        and (not line_dates or assessment.base_date < min(line_dates))
    ):
        line_dates.insert(0, assessment.base_date)
        line_values.insert(0, assessment.base_value)
    fig.add_trace(
        go.Scatter(
            x=line_dates,
            y=line_values,
            mode="lines+markers",
            connectgaps=False,
            name=t("att.chart.observed", lang),
            line={"color": STATUS_COLOURS[assessment.status], "width": 3},
            marker={"size": 8},
            customdata=labels(line_dates, line_values),
            hovertemplate=hover,
        )
    )
    if assessment.base_date is not None and assessment.base_value is not None:
        base_name = t("att.chart.base", lang)
        if assessment.base_is_first_observation:
            base_name += f" ({t('att.base.first', lang)})"
        fig.add_trace(
            go.Scatter(
                x=[assessment.base_date],
                y=[assessment.base_value],
                mode="markers",
                name=base_name,
                marker={"symbol": "diamond", "size": 13, "color": INK},
                customdata=labels([assessment.base_date], [assessment.base_value]),
                hovertemplate=hover,
            )
        )
    if assessment.target_date is not None and assessment.target_value is not None:
        fig.add_trace(
            go.Scatter(
                x=[assessment.target_date],
                y=[assessment.target_value],
                mode="markers",
                name=t("att.chart.target", lang),
                marker={"symbol": "star", "size": 16, "color": STATUS_COLOURS[ACHIEVED]},
                customdata=labels([assessment.target_date], [assessment.target_value]),
                hovertemplate=hover,
            )
        )
    # Each "n.d." gets a dotted line and a label, so a gap reads as missing data.
    for day, value in zip(dates, values, strict=True):
        if is_missing(value):
            fig.add_vline(x=day, line={"color": "#6c757d", "dash": "dot", "width": 1})
            fig.add_annotation(
                x=day,
                y=0,
                yref="paper",
                text=t("nd", lang),
                showarrow=False,
                yanchor="bottom",
                font={"size": 12, "color": INK},
                bgcolor="#ffffff",
            )
    fig.update_layout(
        height=360,
        margin={"l": 60, "r": 20, "t": 20, "b": 40},
        separators=separators(lang),
        font={"family": FONT, "color": INK},
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        legend={"orientation": "h", "y": -0.15},
        hovermode="closest",
    )
    # Year-end ticks labelled by the catalogue ("dic 2024" / "Dec 2024"): plotly's own month
    # names would be English on the Italian page, and a bare "2025" tick at 1 January would
    # sit under the December 2024 value.
    days = [*dates, *(d for d, _ in trajectory)]
    if days:
        ticks = [dt.date(year, 12, 31) for year in range(min(days).year, max(days).year + 1)]
        fig.update_xaxes(tickvals=ticks, ticktext=[format_date(d, lang, month=True) for d in ticks])
    fig.update_xaxes(showgrid=True, gridcolor="#e9ecef")
    fig.update_yaxes(
        title={"text": unit} if unit and unit != "n." else None,
        showgrid=True,
        gridcolor="#e9ecef",
        zeroline=True,
        zerolinecolor="#adb5bd",
    )
    return fig
