"""A ranking of horizontal bars drawn on the server as SVG: no plotly.js for a chart at the top.

A plotly chart in the window when a page opens costs plotly.js and its first draw (README,
Page speed). One series of bars with a label and a value each needs neither: this is that
chart as inline SVG, shown with the page. Pure: bars in, SVG markup out; every text and
attribute value is escaped here. The bars are one image (named by `name`) whose numbers the
page's table carries; each bar's `<title>` is its tooltip.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from dashboard.figures.svg_map import FONT

WIDTH_PX = 440.0
ROW_PX = 28.0
BAR_PX = 18.0
FONT_PX = 12.0
CHAR_PX = 7.0  # an average 12 px character, for the label column's width
VALUE_ROOM_PX = 84.0  # right of the longest bar, for its value
MAX_LABEL_PX = 170.0
TEXT_COLOUR = "#212529"


@dataclass(frozen=True)
class Bar:
    """One bar: its label, length (`value`), the value as written, and its tooltip."""

    label: str
    value: float
    text: str
    title: str


def _num(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def bars_svg(svg_id: str, bars: Sequence[Bar], colour: str, name: str) -> str:
    """`bars` top to bottom, lengths to scale from 0 to the largest value (none below 0)."""
    label_px = min(MAX_LABEL_PX, max((len(b.label) for b in bars), default=0) * CHAR_PX + 8)
    room = WIDTH_PX - label_px - VALUE_ROOM_PX
    top = max((b.value for b in bars), default=0.0)
    rows = []
    for i, bar in enumerate(bars):
        length = room * max(bar.value, 0.0) / top if top > 0 else 0.0
        middle = i * ROW_PX + ROW_PX / 2
        rows.append(
            f"<g><title>{escape(bar.title, quote=False)}</title>"
            f'<text x="{_num(label_px - 6)}" y="{_num(middle)}" text-anchor="end" '
            f'dominant-baseline="central">{escape(bar.label, quote=False)}</text>'
            f'<rect x="{_num(label_px)}" y="{_num(middle - BAR_PX / 2)}" '
            f'width="{_num(length)}" height="{_num(BAR_PX)}" fill="{escape(colour)}"/>'
            f'<text x="{_num(label_px + length + 4)}" y="{_num(middle)}" '
            f'dominant-baseline="central">{escape(bar.text, quote=False)}</text></g>'
        )
    height = max(ROW_PX * len(bars), ROW_PX)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{escape(svg_id)}" class="s3-svg-bars" '
        f'viewBox="0 0 {_num(WIDTH_PX)} {_num(height)}" width="100%" role="img" '
        f'aria-label="{escape(name)}" font-family="{escape(FONT)}" '
        f'font-size="{_num(FONT_PX)}" fill="{TEXT_COLOUR}">{"".join(rows)}</svg>'
    )
