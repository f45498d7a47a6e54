"""Bars drawn as SVG (dashboard/figures/svg_bars.py): pure, no data, no browser."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from dashboard.figures import svg_bars
from tests.components import SVG, attr


def widths(svg: ET.Element) -> list[float]:
    return [float(attr(rect, "width")) for rect in svg.iter(f"{SVG}rect")]


def test_bars_are_to_scale_in_order_with_their_values_and_tooltips():
    bars = [
        svg_bars.Bar("Milano", 300.0, "300 €", "Milano: 300 €, 3 progetti"),
        svg_bars.Bar("Lodi", 75.0, "75 €", "Lodi: 75 €, 1 progetto"),
        svg_bars.Bar("Sondrio", 0.0, "0 €", "Sondrio: 0 €"),
    ]
    svg = ET.fromstring(svg_bars.bars_svg("b", bars, "#00573f", "Projects by province"))
    milano, lodi, sondrio = widths(svg)
    assert lodi == pytest.approx(milano / 4, abs=0.1) and sondrio == 0
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert texts == ["Milano", "300 €", "Lodi", "75 €", "Sondrio", "0 €"]
    assert [t.text for t in svg.iter(f"{SVG}title")] == [b.title for b in bars]
    # One image with a name; the page's table carries the numbers.
    assert (attr(svg, "role"), attr(svg, "aria-label")) == ("img", "Projects by province")
    view = [float(v) for v in attr(svg, "viewBox").split()]
    longest = max(float(attr(r, "x")) + float(attr(r, "width")) for r in svg.iter(f"{SVG}rect"))
    assert longest + svg_bars.VALUE_ROOM_PX <= view[2] + 0.1  # the value fits beside it


def test_bars_escape_their_texts_and_survive_nothing_to_draw():
    hostile = svg_bars.Bar('<a href="x">', 1.0, "&", "</title><script>")
    svg = ET.fromstring(svg_bars.bars_svg('i"d', [hostile], '"red', 'n"<'))
    assert [t.text for t in svg.iter(f"{SVG}text")] == ['<a href="x">', "&"]
    assert not [e for e in svg.iter() if e.tag.endswith(("script", "}a"))]
    empty = ET.fromstring(svg_bars.bars_svg("e", [], "#000", "none"))
    assert widths(empty) == []
    zero = ET.fromstring(svg_bars.bars_svg("z", [svg_bars.Bar("x", 0.0, "0", "x")], "#000", "z"))
    assert widths(zero) == [0.0]
