"""Funding and ecosystem figures: money flow, ranked and grouped bars, project breakdowns.

Pure: small frames and labels in, plotly figures out (plain dicts, see
`dashboard.figures.plain`); no data access, no Dash. Amounts on
bars and in hover text are formatted for the view's language (`41,3 mln €` / `€41.3m`).
Colour is never the only cue: every series is named in the legend and in the hover text,
and each chart's data table carries the same numbers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from dashboard.figures import svg_bars
from dashboard.figures.plain import Figure, axis_title, figure
from dashboard.i18n import format_eur, format_number, plotly_separators, t

GREEN = "#00573f"  # the house green
ORANGE = "#c84f00"
BLUE = "#1f5fa8"
GREY = "#6c757d"
MEASURE_COLOURS = {"budget_eur": GREEN, "requested_eur": ORANGE, "granted_eur": BLUE}
SYNTHETIC_COLOUR = "#856404"  # the synthetic banner's dashed border
FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 13}
MODEBAR_REMOVE = ["zoom", "pan", "select", "lasso", "zoomIn", "zoomOut", "autoScale"]
MODEBAR_REMOVE += ["resetScale"]
ROW_PX = 28  # height of one bar row in the horizontal bar charts
MIN_HEIGHT = 260
MAX_LABEL = 42  # characters of a call name on an axis or a Sankey node


def short_label(text: str, limit: int = MAX_LABEL) -> str:
    """`text` cut to `limit` characters with an ellipsis (the hover keeps it whole)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _figure(traces: list[dict[str, Any]], height: int, lang: str = "en", **extra: Any) -> Figure:
    """The traces with the house layout; `extra` adds to it (axes, legend) or overrides it."""
    extra.setdefault("margin", {"l": 10, "r": 20, "t": 10, "b": 40})
    # Axis ticks in the view's locale: `1.000,5` in Italian.
    extra.setdefault("separators", plotly_separators(lang))
    layout = {
        "height": height,
        "font": dict(FONT),
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "hoverlabel": {"font": dict(FONT)},
        "modebar": {"remove": list(MODEBAR_REMOVE)},
        "dragmode": False,
        **extra,
    }
    return figure(traces, layout)


def _bar_height(rows: int, groups: int = 1) -> int:
    return max(MIN_HEIGHT, 80 + rows * ROW_PX * max(1, groups))


def _money(values: Sequence[float], lang: str) -> list[str]:
    return [format_eur(v, lang, compact=True) for v in values]


def empty_figure(message: str, height: int = MIN_HEIGHT) -> Figure:
    """A blank chart that says why it is blank (the page shows the same words)."""
    note = {"text": message, "showarrow": False, "xref": "paper", "yref": "paper"}
    return _figure(
        [],
        height=height,
        annotations=[{**note, "x": 0.5, "y": 0.5}],
        xaxis={"visible": False},
        yaxis={"visible": False},
    )


def flow_figure(
    links: pd.DataFrame, labels: Mapping[tuple[str, str | None], str], lang: str
) -> Figure:
    """A Sankey: programme → ecosystem → call, link widths in euros.

    `links` comes from `data.analysis.funding.flow_links`; `labels` maps (kind, key) to the
    node's name in the view's language.
    """
    if links.empty:
        return empty_figure(t("funding.flow.empty", lang))
    nodes: list[tuple[str, str | None]] = []
    for kind, key in [
        *zip(links["source_kind"], links["source"], strict=True),
        *zip(links["target_kind"], links["target"], strict=True),
    ]:
        node = (kind, None if pd.isna(key) else key)
        if node not in nodes:
            nodes.append(node)
    index = {node: i for i, node in enumerate(nodes)}
    colour = {"programme": GREEN, "ecosystem": ORANGE, "call": BLUE}
    full = [labels.get(node, node[1] or t("nd", lang)) for node in nodes]
    names = [short_label(name) for name in full]
    sources = [
        index[(k, None if pd.isna(s) else s)]
        for k, s in zip(links["source_kind"], links["source"], strict=True)
    ]
    targets = [
        index[(k, None if pd.isna(s) else s)]
        for k, s in zip(links["target_kind"], links["target"], strict=True)
    ]
    amounts = _money(links["value"].tolist(), lang)
    sankey = {
        "type": "sankey",
        "arrangement": "snap",
        "valueformat": ",.0f",
        "node": {
            "label": names,
            "color": [colour[kind] for kind, _ in nodes],
            "pad": 14,
            "thickness": 16,
            "customdata": full,
            "hovertemplate": "%{customdata}<extra></extra>",
        },
        "link": {
            "source": sources,
            "target": targets,
            "value": links["value"].tolist(),
            "customdata": amounts,
            "color": "rgba(0, 87, 63, 0.25)",
            "hovertemplate": "%{source.customdata} → %{target.customdata}: "
            "%{customdata}<extra></extra>",
        },
    }
    height = max(420, 60 + 34 * int((links["target_kind"] == "call").sum()))
    return _figure([sankey], lang=lang, height=height)


def ranked_bars(
    frame: pd.DataFrame,
    label_column: str,
    value_column: str,
    lang: str,
    value_label: str,
    ratio: bool = False,
) -> Figure:
    """Horizontal bars, largest on top, each labelled with its value.

    `ratio=True` labels values as multiples (`3,3×`) instead of euros.
    """
    if frame.empty:
        return empty_figure(t("funding.ranked.empty", lang))
    ordered = frame.iloc[::-1]  # plotly draws the first category at the bottom
    values = ordered[value_column].astype("float64").tolist()
    text = [f"{format_number(v, lang, 1)}×" for v in values] if ratio else _money(values, lang)
    names = ordered[label_column].tolist()
    bar = {
        "type": "bar",
        "x": values,
        "y": [short_label(name) for name in names],
        "orientation": "h",
        "marker": {"color": ORANGE if ratio else GREEN},
        "text": text,
        "textposition": "auto",
        "name": value_label,
        "customdata": names,
        "hovertemplate": "%{customdata}: %{text}<extra></extra>",
    }
    return _ranking(bar, len(frame), value_label, lang)


def _grouped_money_bars(
    frame: pd.DataFrame,
    labels: Sequence[str],
    measures: Mapping[str, str],
    colours: Sequence[str],
    lang: str,
) -> list[dict[str, Any]]:
    """Horizontal bars in euros, one group per row of `frame` (top first), one bar a measure."""
    reversed_labels = list(labels)[::-1]
    traces = []
    for (column, name), colour in zip(measures.items(), colours, strict=False):
        values = frame[column].astype("float64").iloc[::-1].tolist()
        traces.append(
            {
                "type": "bar",
                "x": values,
                "y": reversed_labels,
                "orientation": "h",
                "name": name,
                "marker": {"color": colour},
                "customdata": _money(values, lang),
                "hovertemplate": f"%{{y}} — {name}: %{{customdata}}<extra></extra>",
            }
        )
    return traces


def _bar_axes(label: str) -> dict[str, Any]:
    """The axes of horizontal bars: values along (titled `label`), names down."""
    return {
        "xaxis": axis_title(label, showgrid=True, gridcolor="#e5e5e5"),
        "yaxis": {"automargin": True},
    }


def _ranking(bar: dict[str, Any], rows: int, label: str, lang: str) -> Figure:
    """One series of horizontal bars, a row each, without a legend."""
    return _figure([bar], lang=lang, height=_bar_height(rows), showlegend=False, **_bar_axes(label))


def breakdown_figure(
    summary: pd.DataFrame, labels: Sequence[str], measures: Mapping[str, str], lang: str
) -> Figure:
    """Grouped horizontal bars: one group per key, one bar per money measure.

    `labels` names the keys of `summary` (in its order); `measures` maps a column to its
    legend name. Missing sums draw no bar (and read "n.d." in the hover and the table).
    """
    if summary.empty:
        return empty_figure(t("funding.ranked.empty", lang))
    colours = [MEASURE_COLOURS.get(column, GREY) for column in measures]
    traces = _grouped_money_bars(summary, labels, measures, colours, lang)
    height = _bar_height(len(summary), len(measures)) // 2 + 60
    return _figure(
        traces,
        lang=lang,
        height=max(MIN_HEIGHT, height),
        barmode="group",
        legend={"orientation": "h", "y": -0.15, "x": 0},
        margin={"l": 10, "r": 20, "t": 10, "b": 70},
        **_bar_axes("€"),
    )


def province_bars(frame: pd.DataFrame, lang: str) -> Figure:
    """Project funding by province, largest on top; synthetic shares said in the hover.

    `frame`: province_name, projects, funding_eur, synthetic (sorted largest first).
    """
    if frame.empty:
        return empty_figure(t("projects.none", lang))
    ordered = frame.iloc[::-1]
    values = ordered["funding_eur"].astype("float64").tolist()
    bar = {
        "type": "bar",
        "x": values,
        "y": ordered["province_name"].tolist(),
        "orientation": "h",
        "marker": {"color": GREEN},
        "text": _money(values, lang),
        "textposition": "auto",
        "hovertext": _project_hover(ordered["province_name"], ordered, lang),
        "hovertemplate": "%{hovertext}<extra></extra>",
    }
    return _ranking(bar, len(frame), "€", lang)


def province_bars_svg(frame: pd.DataFrame, lang: str, svg_id: str, name: str) -> str:
    """`province_bars` drawn on the server as SVG (dashboard/figures/svg_bars.py).

    For a page where the chart is in the window at load: the same bars, values and
    tooltips, without plotly.js.
    """
    values = frame["funding_eur"].astype("float64").tolist()
    bars = [
        svg_bars.Bar(str(label), value, text, title)
        for label, value, text, title in zip(
            frame["province_name"],
            values,
            _money(values, lang),
            _project_hover(frame["province_name"], frame, lang),
            strict=True,
        )
    ]
    return svg_bars.bars_svg(svg_id, bars, GREEN, name)


def _project_hover(names: pd.Series, frame: pd.DataFrame, lang: str) -> list[str]:
    """One hover text per bar: its name, funding, projects and how many are synthetic."""
    return [
        t(
            "projects.hover",
            lang,
            count=int(n),
            name=name,
            amount=format_eur(amount, lang),
            n=format_number(n, lang),
            synthetic=format_number(s, lang),
        )
        for name, amount, n, s in zip(
            names, frame["funding_eur"], frame["projects"], frame["synthetic"], strict=True
        )
    ]


def monthly_figure(frame: pd.DataFrame, lang: str) -> Figure:
    """Project funding by start month (bars) with the number of projects in the hover.

    `frame`: period (first day of the month), label, projects, funding_eur, synthetic.
    """
    if frame.empty:
        return empty_figure(t("projects.none", lang))
    bar = {
        "type": "bar",
        "x": frame["period"].tolist(),
        "y": frame["funding_eur"].astype("float64").tolist(),
        "marker": {"color": BLUE},
        "hovertext": _project_hover(frame["label"], frame, lang),
        "hovertemplate": "%{hovertext}<extra></extra>",
    }
    return _figure(
        [bar],
        lang=lang,
        height=320,
        showlegend=False,
        # Numeric month labels read the same in both languages (plotly names months in
        # English).
        xaxis={"type": "date", "showgrid": False, "tickformat": "%m/%Y"},
        yaxis=axis_title("€", showgrid=True, gridcolor="#e5e5e5"),
    )


def comparison_figure(frame: pd.DataFrame, measures: Mapping[str, str], lang: str) -> Figure:
    """Ecosystems side by side: grouped horizontal bars, one per measure (all in euros).

    `frame`: name plus the measure columns, in display order (top first).
    """
    if frame.empty:
        return empty_figure(t("funding.ranked.empty", lang))
    colours = [GREEN, BLUE, ORANGE, GREY][: len(measures)]
    traces = _grouped_money_bars(frame, frame["name"].tolist(), measures, colours, lang)
    height = max(MIN_HEIGHT, 100 + len(frame) * 16 * max(1, len(measures)))
    return _figure(
        traces,
        lang=lang,
        height=height,
        barmode="group",
        legend={"orientation": "h", "y": -0.12, "x": 0},
        margin={"l": 10, "r": 20, "t": 10, "b": 80},
        **_bar_axes("€"),
    )


def clusters_serving_figure(frame: pd.DataFrame, lang: str) -> Figure:
    """Clusters per ecosystem, stacked: as reference ecosystem and as S3 synergy.

    `frame`: name, reference, synergy (cluster counts), display order top first.
    """
    if frame.empty:
        return empty_figure(t("funding.ranked.empty", lang))
    names = frame["name"].tolist()[::-1]
    traces = []
    for column, colour, pattern in (("reference", GREEN, ""), ("synergy", ORANGE, "/")):
        label = t(f"ecosystems.clusters.{column}", lang)
        traces.append(
            {
                "type": "bar",
                "x": frame[column].iloc[::-1].tolist(),
                "y": names,
                "orientation": "h",
                "name": label,
                "marker": {"color": colour, "pattern": {"shape": pattern}},
                "hovertemplate": f"%{{y}} — {label}: %{{x}}<extra></extra>",
            }
        )
    return _figure(
        traces,
        lang=lang,
        height=_bar_height(len(frame)),
        barmode="stack",
        legend={"orientation": "h", "y": -0.2, "x": 0},
        margin={"l": 10, "r": 20, "t": 10, "b": 80},
        xaxis=axis_title(t("col.clusters_n", lang), dtick=1, showgrid=True),
        yaxis={"automargin": True},
    )
