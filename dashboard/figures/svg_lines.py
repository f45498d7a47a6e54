"""A plotly line chart drawn on the server as SVG markup, for a page's first paint.

A chart in the window at load costs plotly.js (fetched, compiled) and its first draw, about
half of the context page's time to ready against a one-line hello-world page
(bench/bench_context.py). The same figure drawn here as plain SVG shows at once; the page
swaps in the interactive chart when the reader reaches for it (dashboard/lazy_graph.py).

Pure: a figure in plotly's JSON form (a dict) in, markup out, every text escaped. Drawn
from the figure itself, so the picture cannot drift from the chart: each trace's line
(colour, width, dash; a missing value is a gap), its markers, the axes' ranges, ticks and
grid, the y axis title. Numeric x only (years); anything else raises ValueError.
Each trace is a `<g data-trace="i">`, so the HTML legend (dashboard/chart_legend.py) can
hide it before plotly is there.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from dashboard.chart_legend import DEFAULT_COLOUR, dasharray
from dashboard.i18n import format_number, t

PLOT_UNITS = 1000  # the plot's width in its own units, stretched to the box
UNSCALED = 'vector-effect="non-scaling-stroke"'  # a stroke keeps its width when stretched
Y_MIN_PX = 40  # plotly's least pixels per y tick when it chooses the ticks
TITLE_SIZE = 14  # plotly's axis title
FONT = '"Open Sans",verdana,arial,sans-serif'  # plotly's default
FONT_SIZE = 12
TEXT = "#212529"
GRID = "#eeeeee"
PAD = 0.05  # the share of the span plotly's autorange adds around lines with markers
TICKS = 6  # about how many ticks an x axis carries


def y_tick_count(length: float) -> int:
    """About how many ticks plotly puts on a y axis this many pixels long (autoTicks)."""
    return min(max(int(length / Y_MIN_PX), 4), 9) + 1


def nice_step(span: float, count: int = TICKS) -> float:
    """The step of 1, 2 or 5 × 10^k (rounding up) giving about `count` ticks over `span`."""
    if span <= 0 or not math.isfinite(span):
        return 1.0
    rough = span / count
    power = 10 ** math.floor(math.log10(rough))
    for factor in (1, 2, 5, 10):
        if factor * power >= rough:
            return factor * power
    return 10 * power


def ticks(low: float, high: float, step: float) -> list[float]:
    """The multiples of `step` from `low` to `high` (both included, rounding aside)."""
    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    return [round(k * step, 10) for k in range(first, last + 1)]


def _numbers(values: Sequence[Any], axis: str) -> list[float | None]:
    found: list[float | None] = []
    for value in values:
        if value is None:
            found.append(None)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            found.append(None if math.isnan(value) else float(value))
        else:
            raise ValueError(f"svg_lines draws numeric {axis} values only, not {value!r}")
    return found


def _shown(trace: Mapping[str, Any]) -> bool:
    return trace.get("visible", True) is True


def value_range(
    values: Sequence[float], axis: Mapping[str, Any], marked: bool
) -> tuple[float, float]:
    """The axis range plotly's autorange gives these values: to zero when asked, padded."""
    low, high = min(values), max(values)
    if axis.get("rangemode") == "tozero":
        low, high = min(low, 0.0), max(high, 0.0)
    span = (high - low) or abs(high) or 1.0
    pad = span * PAD if marked else 0.0
    if low != 0.0 or axis.get("rangemode") != "tozero":
        low -= pad
    if high != 0.0 or axis.get("rangemode") != "tozero":
        high += pad
    return low, high


class Scale:
    """Data to drawing coordinates along one axis (`reversed`: high values at the start)."""

    def __init__(self, domain: Sequence[float], start: float, end: float, reverse: bool):
        self.low, self.high = domain
        self.start, self.end = (end, start) if reverse else (start, end)

    def __call__(self, value: float) -> float:
        share = (value - self.low) / ((self.high - self.low) or 1.0)
        return self.start + share * (self.end - self.start)


def _segments(xs: Sequence[float | None], ys: Sequence[float | None]) -> list[list[tuple]]:
    """The runs of consecutive present points: a missing value is a gap (connectgaps off)."""
    runs: list[list[tuple]] = [[]]
    for x, y in zip(xs, ys, strict=True):
        if x is None or y is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append((x, y))
    return [run for run in runs if run]


def _marker_sizes(trace: Mapping[str, Any], count: int) -> list[float]:
    if "markers" not in str(trace.get("mode", "")):
        return [0.0] * count
    size = (trace.get("marker") or {}).get("size", 6)
    return [float(s) for s in size] if isinstance(size, list) else [float(size)] * count


def _text(x: float, y: float, text: str, anchor: str, extra: str = "") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{extra}>{escape(text)}</text>'


def tick_text(value: float, lang: str) -> str:
    """A tick label as plotly writes it: no thousands mark below 10,000, then k, M, B."""
    for limit, power, suffix in ((1e9, 9, "B"), (1e6, 6, "M"), (1e4, 3, "k")):
        if abs(value) >= limit:
            return format_number(round(value / 10**power, 3), lang) + suffix
    return format_number(round(value, 6), lang).replace(t("fmt.thousands", lang), "")


def _trace_markup(index: int, trace: Mapping[str, Any], sx: Scale, sy: Scale) -> str:
    """One trace in the plot's stretched box: strokes and markers keep their screen size."""
    xs = _numbers(trace.get("x", []), "x")
    ys = _numbers(trace.get("y", []), "y")
    line = trace.get("line") or {}
    colour = escape(str(line.get("color", DEFAULT_COLOUR)), quote=True)
    width = float(line.get("width", 2))
    dashes = dasharray(str(line.get("dash", "solid")), width)
    stroke = f' stroke-dasharray="{dashes}"' if dashes else ""
    # A trace hidden in the figure is drawn hidden, so the legend can show it again.
    parts = [f'<g data-trace="{index}"' + ("" if _shown(trace) else ' display="none"') + ">"]
    if "lines" in str(trace.get("mode", "lines")):
        # A run of one point draws no line (plotly neither); its marker, if any, shows it.
        for run in (run for run in _segments(xs, ys) if len(run) > 1):
            points = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in run)
            parts.append(
                f'<polyline points="{points}" fill="none" stroke="{colour}" '
                f'stroke-width="{width:g}"{stroke} stroke-linejoin="round" {UNSCALED}/>'
            )
    # A marker is a dot: a zero-length stroke with a round cap, as wide as plotly's marker,
    # round however much the box stretches sideways (a <circle> would become an ellipse).
    for x, y, size in zip(xs, ys, _marker_sizes(trace, len(xs)), strict=True):
        if x is not None and y is not None and size > 0:
            parts.append(
                f'<path d="M{sx(x):.1f},{sy(y):.1f}h0" stroke="{colour}" '
                f'stroke-width="{size:g}" stroke-linecap="round" {UNSCALED}/>'
            )
    parts.append("</g>")
    return "".join(parts)


def _percent(share: float) -> str:
    return f"{share * 100:.2f}%"


def line_chart_svg(figure: Mapping[str, Any], label: str, lang: str) -> str:
    """The figure's lines as an SVG image named `label` (role="img").

    As plotly's responsive chart: the figure's height and margins in pixels, the plot
    stretching to the box's width. The <svg> is the plot area (the box's width less the
    side margins, by CSS), the axis labels drawn in the margins beside it; x positions are
    in percent, and the lines are stretched sideways by a nested viewBox, their strokes not.
    """
    layout = figure.get("layout") or {}
    traces = [t for t in figure.get("data", []) if t.get("type", "scatter") == "scatter"]
    height = int(layout.get("height") or 360)
    margin = {"l": 60, "r": 20, "t": 20, "b": 40} | dict(layout.get("margin") or {})
    left, right = float(margin["l"]), float(margin["r"])
    top, bottom = float(margin["t"]), height - float(margin["b"])
    xaxis, yaxis = layout.get("xaxis") or {}, layout.get("yaxis") or {}

    shown = [t for t in traces if _shown(t)]
    xs = [x for t in shown for x in _numbers(t.get("x", []), "x") if x is not None]
    ys = [y for t in shown for y in _numbers(t.get("y", []), "y") if y is not None]
    marked = any("markers" in str(t.get("mode", "")) for t in shown)
    x_domain = value_range(xs or [0.0, 1.0], {}, marked)
    y_domain = value_range(ys or [0.0, 1.0], yaxis, marked)
    share = Scale(x_domain, 0.0, 1.0, reverse=False)
    sx = Scale(x_domain, 0.0, PLOT_UNITS, reverse=False)
    # SVG's y grows downwards: an axis not reversed runs from the bottom up.
    sy = Scale(y_domain, bottom, top, reverse=yaxis.get("autorange") == "reversed")

    x_step = float(xaxis.get("dtick") or nice_step(x_domain[1] - x_domain[0]))
    y_step = nice_step(y_domain[1] - y_domain[0], y_tick_count(bottom - top))
    grid_x, grid_y = (
        escape(str(axis.get("gridcolor", GRID)), quote=True) for axis in (xaxis, yaxis)
    )
    box = f"margin-left:{left:g}px;width:calc(100% - {left + right:g}px)"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="{height}" '
        f'role="img" aria-label="{escape(label, quote=True)}" class="s3-svg-chart" '
        f'style="{box}" font-family="{escape(FONT, quote=True)}" '
        f'font-size="{FONT_SIZE}" fill="{TEXT}">',
        f"<title>{escape(label)}</title>",
    ]
    for tick in ticks(*y_domain, y_step):
        y = sy(tick)
        parts.append(f'<line x1="0" y1="{y:.1f}" x2="100%" y2="{y:.1f}" stroke="{grid_y}"/>')
        parts.append(_text(-6, y + 4, tick_text(tick, lang), "end"))
    y_title = str((yaxis.get("title") or {}).get("text") or "")
    if y_title:
        title_x, title_y = 16 - left, (top + bottom) / 2
        rotate = f' transform="rotate(-90 {title_x:g} {title_y:.1f})" font-size="{TITLE_SIZE}"'
        parts.append(_text(title_x, title_y, y_title, "middle", rotate))
    for tick in ticks(*x_domain, x_step):
        x = _percent(share(tick))
        parts.append(
            f'<line x1="{x}" y1="{top:.1f}" x2="{x}" y2="{bottom:.1f}" stroke="{grid_x}"/>'
        )
        parts.append(
            f'<text x="{x}" y="{bottom + 18:.1f}" text-anchor="middle">'
            f"{escape(tick_text(tick, lang))}</text>"
        )
    if xaxis.get("showline"):
        line_colour = escape(str(xaxis.get("linecolor", TEXT)), quote=True)
        parts.append(
            f'<line x1="0" y1="{bottom:.1f}" x2="100%" y2="{bottom:.1f}" stroke="{line_colour}"/>'
        )
    parts.append(
        f'<svg x="0" y="0" width="100%" height="{height}" overflow="visible" '
        f'viewBox="0 0 {PLOT_UNITS} {height}" preserveAspectRatio="none">'
    )
    parts += [_trace_markup(index, trace, sx, sy) for index, trace in enumerate(traces)]
    parts.append("</svg></svg>")
    return "".join(parts)
