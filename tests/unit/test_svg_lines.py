"""A line chart drawn as SVG on the server (dashboard/figures/svg_lines.py)."""

from __future__ import annotations

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
        lines = group.findall(f"{SVG}polyline")
        marks = [*lines, *group.findall(f"{SVG}path")]
        assert marks and {mark.get("stroke") for mark in marks} == {trace["line"]["color"]}
        dashed = trace["line"].get("dash", "solid") != "solid"
        assert all(bool(line.get("stroke-dasharray")) == dashed for line in lines)


def test_a_missing_value_is_a_gap_and_a_value_standing_alone_keeps_its_marker() -> None:
    lombardy, piemonte, baden, goal = _groups(_tree(line_chart_svg(_figure(), "x", "it")))
    # Lombardy: one line, a marker on every value
    assert len(lombardy.findall(f"{SVG}polyline")) == 1
    assert len(lombardy.findall(f"{SVG}path")) == 4
    # Piemonte: 2018, a gap, 2020-2021: 2018 stands alone (its marker, no line)
    assert len(piemonte.findall(f"{SVG}polyline")) == 1
    assert len(piemonte.findall(f"{SVG}path")) == 1
    # Baden-Württemberg: 2018 and 2020, each alone: no line, two markers
    assert baden.findall(f"{SVG}polyline") == [] and len(baden.findall(f"{SVG}path")) == 2
    assert len(goal.findall(f"{SVG}polyline")) == 1 and goal.findall(f"{SVG}path") == []


def _y_of(group: ET.Element) -> list[float]:
    points = group.find(f"{SVG}polyline")
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


def test_numbers_in_the_page_language_and_non_numeric_x_refused() -> None:
    assert tick_text(0.5, "it") == "0,5" and tick_text(0.5, "en") == "0.5"
    assert tick_text(2020, "it") == "2020" and tick_text(2020, "en") == "2020"
    assert tick_text(350_000, "en") == "350k" and tick_text(2_500_000, "it") == "2,5M"
    assert nice_step(6.3, 8) == 1 and nice_step(0.63, 8) == 0.1 and nice_step(130, 5) == 50
    figure = {"data": [{"type": "scatter", "x": ["2020-01-01"], "y": [1.0]}], "layout": {}}
    with pytest.raises(ValueError, match="numeric x"):
        line_chart_svg(figure, "x", "it")
