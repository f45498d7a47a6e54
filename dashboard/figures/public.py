"""Light figures of the public page: SVG gauges and bar widths, no plotly.

The public page must load fast on a phone: a plotly gauge costs the ~1.4 MB (compressed)
plotly.js bundle, while the same dial drawn as a small SVG costs a few hundred bytes. These
are pure functions (numbers in, SVG markup or numbers out); the page puts the SVG in an
<img> with a text alternative and shows every number in a table as well.
"""

from __future__ import annotations

import math

from dashboard.figures.attainment import INK, TRACK

WIDTH, HEIGHT = 200, 118
CX, CY, RADIUS, STROKE = 100.0, 100.0, 78.0, 18.0
MUTED = "#495057"  # 8.6:1 on white
FONT = "system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif"


def _point(share: float, radius: float = RADIUS) -> tuple[float, float]:
    """Where a share (0 = left end, 1 = right end) lies on the dial's arc."""
    angle = math.pi * (1 - share)
    return CX + radius * math.cos(angle), CY - radius * math.sin(angle)


def _arc(share: float) -> str:
    x0, y0 = _point(0.0)
    x1, y1 = _point(share)
    return f"M{x0:.1f},{y0:.1f} A{RADIUS:.0f},{RADIUS:.0f} 0 0 1 {x1:.1f},{y1:.1f}"


def dial_text(progress: float) -> str:
    """The number in the dial: a whole percentage, bounded to the dial (`> 100%`, `< 0%`)."""
    percent = progress * 100
    if percent > 100:
        return "&gt; 100%"
    if percent < 0:
        return "&lt; 0%"
    return f"{percent:.0f}%"


def gauge_svg(progress: float, expected: float | None, colour: str) -> str:
    """A half-dial of the progress share `progress` (0 = base, 1 = target) in `colour`.

    The dark mark is the share expected by now (`expected`); values beyond the dial are
    drawn at its ends and the number says so. Meant for assessable indicators only.
    """
    shown = min(max(progress, 0.0), 1.0)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}">',
        f'<path d="{_arc(1.0)}" fill="none" stroke="{TRACK}" stroke-width="{STROKE:.0f}"/>',
    ]
    if shown > 0:
        parts.append(
            f'<path d="{_arc(shown)}" fill="none" stroke="{colour}" stroke-width="{STROKE:.0f}"/>'
        )
    if expected is not None and math.isfinite(expected):
        mark = min(max(expected, 0.0), 1.0)
        x0, y0 = _point(mark, RADIUS - STROKE / 2 - 5)
        x1, y1 = _point(mark, RADIUS + STROKE / 2 + 5)
        parts.append(
            f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y1:.1f}" '
            f'stroke="{INK}" stroke-width="4"/>'
        )
    parts += [
        f'<text x="{CX:.0f}" y="{CY - 8:.0f}" text-anchor="middle" font-family="{FONT}" '
        f'font-size="30" font-weight="700" fill="{colour}">{dial_text(progress)}</text>',
        f'<text x="{CX - RADIUS:.0f}" y="{HEIGHT - 2}" text-anchor="middle" '
        f'font-family="{FONT}" font-size="12" fill="{MUTED}">0%</text>',
        f'<text x="{CX + RADIUS:.0f}" y="{HEIGHT - 2}" text-anchor="middle" '
        f'font-family="{FONT}" font-size="12" fill="{MUTED}">100%</text>',
        "</svg>",
    ]
    return "".join(parts)


def bar_percent(value: float | None, largest: float) -> float:
    """A bar's length as a percentage of the largest value (0 when missing)."""
    if value is None or not math.isfinite(value) or largest <= 0 or value <= 0:
        return 0.0
    return round(min(value / largest, 1.0) * 100, 1)
