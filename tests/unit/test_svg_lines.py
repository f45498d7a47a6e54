"""A line chart drawn as SVG on the server (dashboard/figures/svg_lines.py)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

import pandas as pd
import pytest

from dashboard.figures.context import comparison_figure, rank_figure
from dashboard.figures.svg_lines import line_chart_svg, nice_step, tick_text

SVG = "{http://www.w3.org/2000/svg}"
LABELS = {"ITC4": "Lombardia", "ITC1": "Piemonte <b>&", "DE1": "Baden-Württemberg"}


def _figure() -> dict[str, Any]:
    table = pd.DataFrame(
        {
            "ITC4": [1.1, 1.2, 1.3, 1.4],
            "ITC1": [2.0, None, 2.2, 2.3],
            "DE1": [5.0, None, 5.2, None],
        },
        index=[2018, 2019, 2020, 2021],
    )
    return comparison_figure(table, LABELS, "% GDP", "it", "ITC4", goal=3.0)


def _tree(markup: str) -> ET.Element:
    return ET.fromstring(markup)  # well-formed, or this raises


def _groups(root: ET.Element) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if "data-trace" in g.attrib]


def test_an_image_named_by_its_label_with_text_escaped() -> None:
    root = _tree(line_chart_svg(_figure(), 'GERD <script>"x"</script>', "it"))
    assert root.get("role") == "img"
    assert root.get("aria-label") == 'GERD <script>"x"</script>'
    assert root.findtext(f"{SVG}title") == 'GERD <script>"x"</script>'
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "% GDP" in texts  # the y axis title
    assert "<script>" not in line_chart_svg(_figure(), "<script>", "it")


def test_one_group_per_trace_in_the_figure_colours_and_dashes() -> None:
    figure = _figure()
    groups = _groups(_tree(line_chart_svg(figure, "x", "it")))
    assert [g.get("data-trace") for g in groups] == [str(i) for i in range(len(figure["data"]))]
    for group, trace in zip(groups, figure["data"], strict=True):
        lines = list(group.iter(f"{SVG}polyline"))
        marks = [*lines, *group.iter(f"{SVG}path")]
        assert marks and {mark.get("stroke") for mark in marks} == {trace["line"]["color"]}
        dashed = trace["line"].get("dash", "solid") != "solid"
        assert all(bool(line.get("stroke-dasharray")) == dashed for line in lines)


def test_a_missing_value_is_a_gap_and_a_value_standing_alone_keeps_its_marker() -> None:
    lombardy, piemonte, baden, goal = _groups(_tree(line_chart_svg(_figure(), "x", "it")))
    # Lombardy: one line, a marker on every value
    assert len(lombardy.findall(f".//{SVG}polyline")) == 1
    assert len(lombardy.findall(f".//{SVG}path")) == 4
    # Piemonte: 2018, a gap, 2020-2021: 2018 stands alone (its marker, no line)
    assert len(piemonte.findall(f".//{SVG}polyline")) == 1
    assert len(piemonte.findall(f".//{SVG}path")) == 1
    # Baden-Württemberg: 2018 and 2020, each alone: no line, two markers
    assert baden.findall(f".//{SVG}polyline") == [] and len(baden.findall(f".//{SVG}path")) == 2
    assert len(goal.findall(f".//{SVG}polyline")) == 1 and goal.findall(f".//{SVG}path") == []


def _y_of(group: ET.Element) -> list[float]:
    points = group.find(f".//{SVG}polyline")
    assert points is not None
    return [float(p.split(",")[1]) for p in str(points.get("points")).split()]


def test_axes_start_at_zero_and_a_reversed_axis_puts_rank_one_on_top() -> None:
    root = _tree(line_chart_svg(_figure(), "x", "it"))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "0" in texts and "5" in texts  # rangemode tozero, up to Baden-Württemberg's 5.2
    assert {"2018", "2020"} <= set(texts) and "2019" not in texts  # dtick 2
    (lombardy, *_) = _groups(root)
    rising = _y_of(lombardy)
    assert rising == sorted(rising, reverse=True)  # a rising value goes up the picture
    ranks = pd.DataFrame({"year": [2018, 2019, 2020], "rank": [40, 30, 20], "regions": [240] * 3})
    (rank,) = _groups(_tree(line_chart_svg(rank_figure(ranks, "it"), "x", "it")))
    better = _y_of(rank)
    assert better == sorted(better, reverse=True)  # rank 40 → 20: up the picture


def test_a_trace_hidden_in_the_figure_is_drawn_hidden() -> None:
    figure = _figure()
    figure["data"][1]["visible"] = "legendonly"
    groups = _groups(_tree(line_chart_svg(figure, "x", "it")))
    assert [g.get("display") for g in groups] == [None, "none", None, None]


def test_numbers_in_the_page_language_and_x_neither_number_nor_date_refused() -> None:
    assert tick_text(0.5, "it") == "0,5" and tick_text(0.5, "en") == "0.5"
    assert tick_text(2020, "it") == "2020" and tick_text(2020, "en") == "2020"
    assert tick_text(350_000, "en") == "350k" and tick_text(2_500_000, "it") == "2,5M"
    assert nice_step(6.3, 8) == 1 and nice_step(0.63, 8) == 0.1 and nice_step(130, 5) == 50
    trace: dict[str, Any] = {"type": "scatter", "x": ["Lombardia"], "y": [1.0]}
    figure = {"data": [trace], "layout": {}}
    with pytest.raises(ValueError, match="numeric or date x"):
        line_chart_svg(figure, "x", "it")
    # dates need the layout's own ticks: plotly's date ticks are not drawn here
    trace["x"] = ["2020-01-01"]
    with pytest.raises(ValueError, match="tickvals"):
        line_chart_svg(figure, "x", "it")


def _dated_figure() -> dict[str, Any]:
    """A trajectory chart (dashboard/figures/attainment.py), as the indicator page sends it."""
    import datetime as dt

    from dashboard.figures.attainment import timeseries_figure
    from dashboard.figures.revisions import mark_target_revision
    from data.analysis.attainment import assess_points

    indicator = {
        "code": "RI05",
        "kind": "cumulative",
        "direction": "higher",
        "baseline_value": 0.0,
        "baseline_date": dt.date(2022, 12, 31),
        "target_value": 300.0,
        "target_date": dt.date(2027, 12, 31),
        "measure_started": True,
    }
    dates = [dt.date(2022, 12, 31), dt.date(2023, 12, 31), dt.date(2024, 12, 31)]
    dates.append(dt.date(2025, 4, 30))
    values = [0.0, 22.37, 71.0, None]
    assessment = assess_points(indicator, dates, values)
    figure = timeseries_figure(assessment, dates, values, "M€", "it")
    mark_target_revision(figure, dt.date(2027, 12, 31), 300.0, dt.date(2025, 2, 1), "it")
    return figure.to_dict()


def _x_of(root: ET.Element, text: str) -> float:
    (label,) = [t for t in root.iter(f"{SVG}text") if t.text == text]
    return float(str(label.get("x")).rstrip("%"))


def test_dates_on_x_at_their_days_with_the_layout_ticks() -> None:
    markup = line_chart_svg(_dated_figure(), "x", "it")
    root = _tree(markup[: markup.index("</svg><div") + 6])
    ticks = [_x_of(root, f"dic {year}") for year in range(2022, 2028)]
    assert ticks == sorted(ticks)
    # six labels of 8 letters 17.6% apart meet in a box of about 400 px: there they turn
    assert root.get("class") == "s3-svg-chart s3-x-turn-440"
    # a leap year (2024) is a day longer: the ticks are days apart, not evenly spaced years
    gaps = [round(b - a, 2) for a, b in zip(ticks, ticks[1:], strict=False)]
    assert gaps[1] > gaps[0] and gaps[0] == gaps[3]
    # the observed line's points sit at their dates (stretched box: 1000 units = 100%)
    (observed,) = [g for g in _groups(root) if g.get("data-trace") == "1"]
    points = observed.find(f".//{SVG}polyline")
    assert points is not None
    xs = [float(p.split(",")[0]) / 10 for p in str(points.get("points")).split()]
    assert xs == pytest.approx(ticks[:3], abs=0.06)
    # April 2025's "n.d.": its label (and dotted line) between Dec 2024 and Dec 2025
    (nd,) = [
        s
        for s in root.iter(f"{SVG}svg")
        if s.get("width") == "1" and "".join(s.itertext()) == "n.d."
    ]
    assert ticks[2] < float(str(nd.get("x")).rstrip("%")) < ticks[3]
    dotted = [x for x in root.iter(f"{SVG}line") if x.get("stroke-dasharray") == "3,3"]
    assert [x.get("x1") for x in dotted] == [nd.get("x")]


def test_diamond_and_star_markers_keep_their_shape_and_colour() -> None:
    figure = _dated_figure()
    root = _tree(line_chart_svg(figure, "x", "it").split("</svg><div")[0] + "</svg>")
    base, target = _groups(root)[2:4]
    (diamond,) = base.iter(f"{SVG}path")
    (star,) = target.iter(f"{SVG}path")
    # drawn unstretched: in a small svg placed at the point, not in the stretched viewBox
    assert diamond.get("d") == "M8.45,0L0,8.45L-8.45,0L0,-8.45Z"  # size 13: r × 1.3
    assert len(re.findall("[MLH]", str(star.get("d")))) == 10 and str(star.get("d")).endswith(
        "L0,-11.2Z"
    )
    assert diamond.get("fill") == figure["data"][2]["marker"]["color"]
    assert star.get("fill") == figure["data"][3]["marker"]["color"]
    with pytest.raises(ValueError, match="not 'cross'"):
        figure["data"][3]["marker"]["symbol"] = "cross"
        line_chart_svg(figure, "x", "it")


def test_revision_arrow_legend_and_plotly_tick_rule() -> None:
    markup = line_chart_svg(_dated_figure(), "x", "it")
    svg_part, legend = markup.split("</svg><div", 1)
    root = _tree(svg_part + "</svg>")
    texts = [t.text for t in root.iter(f"{SVG}text")]
    # the revision note with its arrow (a line and a head) pointing down to the target
    placed = [s for s in root.iter(f"{SVG}svg") if s.get("width") == "1"]
    (note,) = [s for s in placed if "01/02/2025" in "".join(s.itertext())]
    assert note.find(f"{SVG}polygon") is not None and note.find(f"{SVG}line") is not None
    # plotly's rule: 260 px of plot (the legend below takes the rest) → steps of 50 up to 300
    assert [t for t in texts if t in {"0", "50", "100", "150", "200", "250", "300"}] == [
        "0",
        "50",
        "100",
        "150",
        "200",
        "250",
        "300",
    ]
    assert root.get("height") == "319"  # the plot's top margin, 260 px and 0.15 of it
    for name in ("Percorso richiesto", "Valori osservati", "Base", "Target"):
        assert f"</svg>{name}</span>" in legend
    assert 'aria-hidden="true"' in legend
    # a figure without a legend (the context page's) draws none
    assert "<div" not in line_chart_svg(_figure(), "x", "it")
