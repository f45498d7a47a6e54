"""The marks of a server-drawn chart that keep their pixel shape: symbols, notes, legend.

dashboard/figures/svg_lines.py draws the lines in a box stretched to the page's width; a
diamond or a star drawn there would stretch too. These are placed at a point of the plot (x
in percent of its width, y in pixels) inside a small unstretched <svg>, drawn as plotly draws
them (src/components/drawing/symbol_defs.js, annotations, shapes, legend). Pure; every text
escaped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from dashboard.chart_legend import DEFAULT_COLOUR, dasharray

ARROW_COLOUR = "#444444"  # plotly's default line colour (Color.defaultLine)
LEGEND_SWATCH = 40  # plotly's legend: the sample's width before the name, in pixels
LEGEND_GAP = 5  # plotly's legend: from an entry's name to the next sample (measured)


def _round(value: float) -> str:
    return f"{round(value, 2):g}"


def symbol_path(symbol: str, size: float) -> str:
    """The outline of a plotly marker symbol of diameter `size`, centred on 0,0."""
    r = size / 2
    if symbol == "diamond":
        d = _round(r * 1.3)
        return f"M{d},0L0,{d}L-{d},0L0,-{d}Z"
    if symbol == "star":
        rs = r * 1.4
        x1, x2, x3, x4 = (_round(rs * k) for k in (0.225, 0.951, 0.363, 0.588))
        y1, y3, y4, y5 = (_round(rs * k) for k in (-0.309, 0.118, 0.809, 0.382))
        return (
            f"M{x1},{y1}H{x2}L{x3},{y3}L{x4},{y4}L0,{y5}L-{x4},{y4}"
            f"L-{x3},{y3}L-{x2},{y1}H-{x1}L0,-{_round(rs)}Z"
        )
    if symbol == "circle":
        c = _round(r)
        return f"M{c},0A{c},{c} 0 1,1 0,-{c}A{c},{c} 0 0,1 {c},0Z"
    raise ValueError(f"svg_marks draws circle, diamond and star markers only, not {symbol!r}")


def at(x: str, y: float, inner: str) -> str:
    """`inner` drawn around the point (x in percent, y in pixels) without being stretched."""
    # width="1": a nested svg of zero width is not rendered at all.
    return f'<svg x="{x}" y="{y:.1f}" width="1" height="1" overflow="visible">{inner}</svg>'


def marker(symbol: str, size: float, colour: str) -> str:
    """A filled marker centred on 0,0 (for `at`)."""
    fill = escape(colour, quote=True)
    return f'<path d="{symbol_path(symbol, size)}" fill="{fill}"/>'


def note(text: str, dy: float, size: float, colour: str, ground: str | None = None) -> str:
    """An annotation's text centred on 0,0 with its baseline `dy` below, on its `ground`.

    plotly sizes the ground to the text; here its width is estimated from the letters (an
    average letter is about 0.55 of the font size wide), 1 px of padding as plotly's.
    """
    parts = []
    if ground:
        width = len(text) * size * 0.55 + 4
        height = size + 5
        parts.append(
            f'<rect x="{-width / 2:.1f}" y="{dy - size:.1f}" width="{width:.1f}" '
            f'height="{height:.1f}" fill="{escape(ground, quote=True)}"/>'
        )
    parts.append(
        f'<text y="{dy:.1f}" text-anchor="middle" font-size="{size:g}" '
        f'fill="{escape(colour, quote=True)}">{escape(text)}</text>'
    )
    return "".join(parts)


def arrow(ax: float, ay: float, text_size: float, colour: str = ARROW_COLOUR) -> str:
    """The annotation arrow (plotly's arrowhead 2) from its text, offset (ax, ay), to 0,0."""
    length = (ax**2 + ay**2) ** 0.5 or 1.0
    ux, uy = -ax / length, -ay / length  # towards the point
    # It starts at the text's edge (half a line from its centre) and ends at the head.
    start = text_size * 0.65
    # The head: plotly's arrowhead 2 ('M-3.2,-2.2L0,0L-3.2,2.2L-2.8,0Z') at width 2.
    head = [(-6.4, -4.4), (0.0, 0.0), (-6.4, 4.4), (-5.6, 0.0)]
    points = " ".join(f"{hx * ux - hy * uy:.1f},{hx * uy + hy * ux:.1f}" for hx, hy in head)
    stroke = escape(colour, quote=True)
    return (
        f'<line x1="{ax + start * ux:.1f}" y1="{ay + start * uy:.1f}" '
        f'x2="{-5.6 * ux:.1f}" y2="{-5.6 * uy:.1f}" stroke="{stroke}" stroke-width="2"/>'
        f'<polygon points="{points}" fill="{stroke}"/>'
    )


def vertical_line(x: str, top: float, bottom: float, line: Mapping[str, Any]) -> str:
    """A shape of type line from the plot's top to its bottom at x (a percent)."""
    width = float(line.get("width", 2))
    dashes = dasharray(str(line.get("dash", "solid")), width)
    colour = escape(str(line.get("color", ARROW_COLOUR)), quote=True)
    return (
        f'<line x1="{x}" y1="{top:.1f}" x2="{x}" y2="{bottom:.1f}" stroke="{colour}" '
        f'stroke-width="{width:g}"' + (f' stroke-dasharray="{dashes}"' if dashes else "") + "/>"
    )


def _swatch(trace: Mapping[str, Any]) -> str:
    """A legend entry's sample: the trace's line and its marker, as plotly's legend draws."""
    mode = str(trace.get("mode", "lines"))
    line = trace.get("line") or {}
    mark = trace.get("marker") or {}
    colour = str(line.get("color") or mark.get("color") or DEFAULT_COLOUR)
    parts = [f'<svg width="{LEGEND_SWATCH}" height="19" aria-hidden="true" focusable="false">']
    if "lines" in mode:
        width = min(float(line.get("width", 2)), 5)  # plotly's legend caps the width
        dashes = dasharray(str(line.get("dash", "solid")), width)
        parts.append(
            f'<line x1="5" y1="9.5" x2="35" y2="9.5" stroke="{escape(colour, quote=True)}" '
            f'stroke-width="{width:g}"' + (f' stroke-dasharray="{dashes}"' if dashes else "") + "/>"
        )
    if "markers" in mode:
        size = mark.get("size", 6)
        size = min(float(size if not isinstance(size, list) else max(size)), 16)
        symbol = str(mark.get("symbol", "circle"))
        fill = str(mark.get("color") or colour)
        parts.append(f'<g transform="translate(20 9.5)">{marker(symbol, size, fill)}</g>')
    parts.append("</svg>")
    return "".join(parts)


def legend_html(traces: Sequence[Mapping[str, Any]], left: float, font: str) -> str:
    """The horizontal legend under the plot as HTML, its entries wrapping as plotly's.

    Part of the picture (hidden from assistive technology as the rest of it is, behind the
    image's name): what it names, the chart's description and table say in words.
    """
    entries = [
        f'<span class="s3-svg-legend-entry" style="margin-right:{LEGEND_GAP}px">'
        f"{_swatch(trace)}{escape(str(trace.get('name', '')))}</span>"
        for trace in traces
        if trace.get("showlegend", True) is not False
    ]
    return (
        f'<div class="s3-svg-legend" aria-hidden="true" '
        f'style="margin-left:{left:g}px;font-family:{escape(font, quote=True)}">'
        + "".join(entries)
        + "</div>"
    )
