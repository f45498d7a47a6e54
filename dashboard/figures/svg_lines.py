"""A plotly line chart drawn on the server as SVG markup, for a page's first paint.

A chart in the window at load costs plotly.js (fetched, compiled) and its first draw, about
half of the context page's time to ready against a one-line hello-world page
(bench/bench_context.py). The same figure drawn here as plain SVG shows at once; the page
swaps in the interactive chart when the reader reaches for it (dashboard/lazy_graph.py).

Pure: a figure in plotly's JSON form (a dict) in, markup out, every text escaped. Drawn
from the figure itself, so the picture cannot drift from the chart: each trace's line
(colour, width, dash; a missing value is a gap), its markers, the axes' ranges, ticks and
grid (the layout's own x ticks, `tickvals`/`ticktext`, when it has them), the y axis
title and zero line, the markers' symbols, vertical line shapes, annotations (with or
without an arrow) and plotly's horizontal legend under the plot (dashboard/figures/
svg_marks.py). x is numbers (years) or dates; anything else raises ValueError, and so does
a figure with what is not drawn here (another marker symbol, a legend beside the plot).
Each trace is a `<g data-trace="i">`, so the HTML legend (dashboard/chart_legend.py) can
hide it before plotly is there.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from dashboard.chart_legend import DEFAULT_COLOUR, dasharray
from dashboard.figures import svg_marks
from dashboard.i18n import format_number, t

PLOT_UNITS = 1000  # the plot's width in its own units, stretched to the box
UNSCALED = 'vector-effect="non-scaling-stroke"'  # a stroke keeps its width when stretched
Y_MIN_PX = 40  # plotly's least pixels per y tick when it chooses the ticks
TITLE_SIZE = 14  # plotly's axis title
FONT = '"Open Sans",verdana,arial,sans-serif'  # plotly's default
FONT_SIZE = 12
TEXT = "#212529"
GRID = "#eeeeee"
PAD = 0.05  # the share of the axis' length plotly's autorange adds around a scatter trace
MARKER_PAD = 0.625  # and the pixels it adds per pixel of a marker's size (measured)
X_PIXELS = 1000  # the plot's width assumed for x's padding (the real one is the browser's)
TICKS = 6  # about how many ticks an x axis carries
X_LABEL_DROP = 13  # from the plot's bottom to an x tick label's baseline (measured)
LETTER = 0.55  # about how wide a letter is, in font sizes ("dic 2022": 52 px at 12 px)
TURN_WIDTHS = (*range(360, 800, 40), 800, 960, 1200)  # assets/s3.css's container rules
LEGEND_SPACE = 41  # pixels a one-row horizontal legend takes under it (measured in Chromium)


def y_tick_count(length: float) -> float:
    """About how many ticks plotly puts on a y axis this many pixels long (autoTicks).

    Not rounded, as plotly's: 260 px gives 7.5, and a span of 361 then steps by 50.
    """
    return min(max(length / Y_MIN_PX, 4), 9) + 1


def nice_step(span: float, count: float = TICKS) -> float:
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


EPOCH = dt.date(1970, 1, 1)


def day_number(value: Any) -> float | None:
    """A date (date, datetime or ISO text as in plotly's JSON) as days since 1970, or None."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return None
    if isinstance(value, dt.datetime):
        return (value - dt.datetime(1970, 1, 1, tzinfo=value.tzinfo)).total_seconds() / 86400
    if isinstance(value, dt.date):
        return float((value - EPOCH).days)
    return None


def _numbers(values: Sequence[Any], axis: str) -> list[float | None]:
    """The values as numbers: a missing one None, a date its day number (x only)."""
    found: list[float | None] = []
    for value in values:
        if value is None:
            found.append(None)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            found.append(None if math.isnan(value) else float(value))
        elif axis == "x" and (day := day_number(value)) is not None:
            found.append(day)
        else:
            raise ValueError(f"svg_lines draws numeric or date {axis} values only, not {value!r}")
    return found


def _shown(trace: Mapping[str, Any]) -> bool:
    return trace.get("visible", True) is True


def padded_range(
    points: Sequence[tuple[float, float]], length: float, axis: Mapping[str, Any]
) -> tuple[float, float]:
    """The range plotly's autorange gives points on an axis `length` pixels long.

    A point is (value, pixels kept clear around it); the range is the widest of the spans
    keeping every point's pixels clear (autorange.js). With `rangemode: tozero`, an end on
    the zero side is zero, unpadded.
    """
    if not points:
        return 0.0, 1.0
    low, high = min(points), max(points)
    best = 0.0
    for value_low, pad_low in points:
        for value_high, pad_high in points:
            room = length - pad_low - pad_high
            if value_high > value_low and room > 0 and (value_high - value_low) / room > best:
                best = (value_high - value_low) / room
                low, high = (value_low, pad_low), (value_high, pad_high)
    if axis.get("rangemode") == "tozero":
        low = (0.0, 0.0) if low[0] >= 0 else low
        high = (0.0, 0.0) if high[0] <= 0 else high
        room = length - low[1] - high[1]
        best = (high[0] - low[0]) / room if room > 0 else 0.0
    if best == 0.0:  # one value: plotly's span of one either side
        return low[0] - 1.0, high[0] + 1.0
    return low[0] - best * low[1], high[0] + best * high[1]


def axis_points(
    traces: Sequence[Mapping[str, Any]], axis: str, length: float
) -> list[tuple[float, float]]:
    """Each value with the pixels plotly's autorange keeps clear around it.

    That is 5% of the axis and its marker's reach; on x only for traces with markers.
    """
    points = []
    for trace in traces:
        marked = "markers" in str(trace.get("mode", ""))
        if axis == "x" and not marked:
            pads = [0.0] * len(trace.get("x", []))
        else:
            pads = [length * PAD + MARKER_PAD * size for size in _marker_sizes(trace)]
        values = _numbers(trace.get(axis, []), axis)
        points += [(v, pad) for v, pad in zip(values, pads, strict=True) if v is not None]
    return points


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


def _marker_sizes(trace: Mapping[str, Any]) -> list[float]:
    count = len(trace.get("x", []))
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


def _percent(share: float) -> str:
    return f"{share * 100:.2f}%"


class Plot:
    """Where the figure's values go: the plot's box in pixels, its axes' ranges and scales."""

    def __init__(self, figure: Mapping[str, Any]):
        layout = figure.get("layout") or {}
        self.traces = [t for t in figure.get("data", []) if t.get("type", "scatter") == "scatter"]
        self.height = int(layout.get("height") or 360)
        margin = {"l": 60, "r": 20, "t": 20, "b": 40} | dict(layout.get("margin") or {})
        self.left, self.right = float(margin["l"]), float(margin["r"])
        self.top = float(margin["t"])
        self.legend = _legend_below(layout, self.traces)
        if self.legend is None:
            self.bottom = self.height - float(margin["b"])
            self.picture_height = float(self.height)
        else:
            # plotly pushes the bottom margin until the legend, `y` plot heights below the
            # plot, fits in the figure: the plot is what is left.
            plot = (self.height - self.top - LEGEND_SPACE) / (1 + self.legend)
            self.bottom = self.top + plot
            self.picture_height = self.top + plot * (1 + self.legend)
        # An axis' settings over its template's (plotly's "plotly" template: a zero line 2 px)
        template = (layout.get("template") or {}).get("layout") or {}
        self.xaxis, self.yaxis = (
            dict(template.get(name) or {}) | dict(layout.get(name) or {})
            for name in ("xaxis", "yaxis")
        )
        font = layout.get("font") or {}
        self.font, self.ink = str(font.get("family") or FONT), str(font.get("color") or TEXT)
        shown = [t for t in self.traces if _shown(t)]
        self.x_domain = padded_range(axis_points(shown, "x", X_PIXELS), X_PIXELS, self.xaxis)
        length = self.bottom - self.top
        self.y_domain = padded_range(axis_points(shown, "y", length), length, self.yaxis)
        self.share = Scale(self.x_domain, 0.0, 1.0, reverse=False)
        self.sx = Scale(self.x_domain, 0.0, PLOT_UNITS, reverse=False)
        # SVG's y grows downwards: an axis not reversed runs from the bottom up.
        reverse = self.yaxis.get("autorange") == "reversed"
        self.sy = Scale(self.y_domain, self.bottom, self.top, reverse=reverse)

    def x(self, value: Any) -> str:
        """An x value (number or date) as a percent of the plot's width."""
        (number,) = _numbers([value], "x")
        return _percent(self.share(number if number is not None else self.x_domain[0]))

    def y(self, value: Any, ref: str = "y") -> float:
        """A y value in pixels: of the axis, or a share of the plot's height (paper, domain)."""
        (number,) = _numbers([value], "y")
        number = number or 0.0
        if ref == "y":
            return self.sy(number)
        return self.bottom - number * (self.bottom - self.top)


def _legend_below(layout: Mapping[str, Any], traces: Sequence[Mapping[str, Any]]) -> float | None:
    """How many plot heights below the plot plotly's legend sits (its `y`, made positive).

    None when it shows no legend. A legend elsewhere is not drawn here: ValueError.
    """
    named = [t for t in traces if t.get("showlegend", True) is not False]
    if layout.get("showlegend", len(named) > 1) is not True or not named:
        return None
    legend = layout.get("legend") or {}
    below = -float(legend.get("y", 1))
    if legend.get("orientation") != "h" or below <= 0:
        raise ValueError("svg_lines draws a horizontal legend under the plot only")
    return below


def _trace_markup(index: int, trace: Mapping[str, Any], plot: Plot) -> str:
    """One trace: lines and dots in the stretched box, other marker symbols unstretched.

    Strokes keep their screen size however much the box stretches.
    """
    xs = _numbers(trace.get("x", []), "x")
    ys = _numbers(trace.get("y", []), "y")
    line = trace.get("line") or {}
    mark = trace.get("marker") or {}
    colour = str(line.get("color", DEFAULT_COLOUR))
    width = float(line.get("width", 2))
    dashes = dasharray(str(line.get("dash", "solid")), width)
    stroke = f' stroke-dasharray="{dashes}"' if dashes else ""
    sx, sy = plot.sx, plot.sy
    # A trace hidden in the figure is drawn hidden, so the legend can show it again.
    parts = [f'<g data-trace="{index}"' + ("" if _shown(trace) else ' display="none"') + ">"]
    parts.append(
        f'<svg x="0" y="0" width="100%" height="{plot.picture_height:g}" overflow="visible" '
        f'viewBox="0 0 {PLOT_UNITS} {plot.picture_height:g}" preserveAspectRatio="none">'
    )
    if "lines" in str(trace.get("mode", "lines")):
        # A run of one point draws no line (plotly neither); its marker, if any, shows it.
        for run in (run for run in _segments(xs, ys) if len(run) > 1):
            points = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in run)
            parts.append(
                f'<polyline points="{points}" fill="none" stroke="{escape(colour, quote=True)}" '
                f'stroke-width="{width:g}"{stroke} stroke-linejoin="round" {UNSCALED}/>'
            )
    symbol = str(mark.get("symbol", "circle"))
    fill = str(mark.get("color") or colour)  # plotly's markers take the line's colour
    present = [
        (x, y, size)
        for x, y, size in zip(xs, ys, _marker_sizes(trace), strict=True)
        if x is not None and y is not None and size > 0
    ]
    if symbol == "circle":
        # A dot: a zero-length stroke with a round cap, as wide as plotly's marker, round
        # however much the box stretches sideways (a <circle> would become an ellipse).
        parts += [
            f'<path d="M{sx(x):.1f},{sy(y):.1f}h0" stroke="{escape(fill, quote=True)}" '
            f'stroke-width="{size:g}" stroke-linecap="round" {UNSCALED}/>'
            for x, y, size in present
        ]
    parts.append("</svg>")
    if symbol != "circle":
        parts += [
            svg_marks.at(_percent(plot.share(x)), sy(y), svg_marks.marker(symbol, size, fill))
            for x, y, size in present
        ]
    parts.append("</g>")
    return "".join(parts)


def _x_ticks(plot: Plot, lang: str) -> list[tuple[float, str]]:
    """The x ticks: the layout's own (`tickvals`, `ticktext`), else a `dtick` or 1/2/5 step.

    A date axis needs its own: plotly's date ticks are not drawn here.
    """
    axis = plot.xaxis
    if axis.get("tickvals") is not None:
        values = _numbers(axis["tickvals"], "x")
        texts = axis.get("ticktext") or [str(v) for v in axis["tickvals"]]
        low, high = plot.x_domain
        return [
            (v, str(text))
            for v, text in zip(values, texts, strict=True)
            if v is not None and low <= v <= high
        ]
    first = next((x for t in plot.traces for x in t.get("x", []) if x is not None), None)
    if first is not None and not isinstance(first, int | float):
        raise ValueError("svg_lines draws a date axis with its tickvals and ticktext only")
    step = float(axis.get("dtick") or nice_step(plot.x_domain[1] - plot.x_domain[0]))
    return [(tick, tick_text(tick, lang)) for tick in ticks(*plot.x_domain, step)]


def turn_class(plot: Plot, lang: str) -> str:
    """The class turning the x labels by 30° in a box narrower than they need, or "".

    plotly turns its x labels when they would overlap; their width is the browser's to
    know, so it is estimated here, and assets/s3.css turns them below the box width
    (`s3-x-turn-<px>`, the next of TURN_WIDTHS up) at which the estimate says they meet.
    """
    shares = sorted(plot.share(tick) for tick, _ in _x_ticks(plot, lang))
    texts = [text for _, text in _x_ticks(plot, lang)]
    gaps = [b - a for a, b in zip(shares, shares[1:], strict=False) if b > a]
    if not gaps:
        return ""
    label = max(len(text) for text in texts) * FONT_SIZE * LETTER + 4
    needed = label / min(gaps) + plot.left + plot.right
    width = next((w for w in TURN_WIDTHS if w >= needed), TURN_WIDTHS[-1])
    return f"s3-x-turn-{width}"


def _axes_markup(plot: Plot, lang: str) -> list[str]:
    """Grid, tick labels, the y title, the zero line and the x axis line."""
    top, bottom, left = plot.top, plot.bottom, plot.left
    xaxis, yaxis = plot.xaxis, plot.yaxis
    grid_x, grid_y = (
        escape(str(axis.get("gridcolor", GRID)), quote=True) for axis in (xaxis, yaxis)
    )
    parts = []
    y_step = nice_step(plot.y_domain[1] - plot.y_domain[0], y_tick_count(bottom - top))
    for tick in ticks(*plot.y_domain, y_step):
        y = plot.sy(tick)
        parts.append(f'<line x1="0" y1="{y:.1f}" x2="100%" y2="{y:.1f}" stroke="{grid_y}"/>')
        parts.append(_text(-6, y + 4, tick_text(tick, lang), "end"))
    y_title = str((yaxis.get("title") or {}).get("text") or "")
    if y_title:
        title_x, title_y = 16 - left, (top + bottom) / 2
        rotate = f' transform="rotate(-90 {title_x:g} {title_y:.1f})" font-size="{TITLE_SIZE}"'
        parts.append(_text(title_x, title_y, y_title, "middle", rotate))
    for tick, text in _x_ticks(plot, lang):
        x = _percent(plot.share(tick))
        parts.append(
            f'<line x1="{x}" y1="{top:.1f}" x2="{x}" y2="{bottom:.1f}" stroke="{grid_x}"/>'
        )
        parts.append(
            f'<text x="{x}" y="{bottom + X_LABEL_DROP:.1f}" text-anchor="middle" '
            f'class="s3-x-label">{escape(text)}</text>'
        )
    low, high = plot.y_domain
    if yaxis.get("zeroline") and low < 0 < high:
        colour = escape(str(yaxis.get("zerolinecolor", TEXT)), quote=True)
        y, width = plot.sy(0.0), float(yaxis.get("zerolinewidth", 1))
        parts.append(
            f'<line x1="0" y1="{y:.1f}" x2="100%" y2="{y:.1f}" stroke="{colour}" '
            f'stroke-width="{width:g}"/>'
        )
    if xaxis.get("showline"):
        line_colour = escape(str(xaxis.get("linecolor", TEXT)), quote=True)
        parts.append(
            f'<line x1="0" y1="{bottom:.1f}" x2="100%" y2="{bottom:.1f}" stroke="{line_colour}"/>'
        )
    return parts


def _overlays(plot: Plot, layout: Mapping[str, Any]) -> list[str]:
    """The layout's vertical line shapes and its annotations, drawn over the traces."""
    parts = []
    for shape in layout.get("shapes") or []:
        if shape.get("type") != "line" or shape.get("x0") != shape.get("x1"):
            raise ValueError("svg_lines draws vertical line shapes only")
        ref = str(shape.get("yref", "y"))
        y0, y1 = (plot.y(shape.get(k, 0), "y" if ref == "y" else "paper") for k in ("y0", "y1"))
        parts.append(svg_marks.vertical_line(plot.x(shape["x0"]), y1, y0, shape.get("line") or {}))
    for note in layout.get("annotations") or []:
        font = note.get("font") or {}
        size = float(font.get("size", FONT_SIZE))
        text, colour = str(note.get("text", "")), str(font.get("color", plot.ink))
        ref = "y" if note.get("yref", "y") == "y" else "paper"
        x, y = plot.x(note.get("x")), plot.y(note.get("y", 0), ref)
        if note.get("showarrow", True):
            ax, ay = float(note.get("ax", -10)), float(note.get("ay", -30))
            inner = svg_marks.arrow(ax, ay, size) + svg_marks.note(
                text, ay + size * 0.35, size, colour, note.get("bgcolor")
            )
        else:
            # yanchor bottom: the text stands on y; otherwise it is centred on it
            dy = -size * 0.4 if note.get("yanchor") == "bottom" else size * 0.35
            inner = svg_marks.note(text, dy, size, colour, note.get("bgcolor"))
        parts.append(svg_marks.at(x, y, inner))
    return parts


def line_chart_svg(figure: Mapping[str, Any], label: str, lang: str) -> str:
    """The figure as an SVG image named `label` (role="img"), plotly's legend under it.

    As plotly's responsive chart: the figure's height and margins in pixels, the plot
    stretching to the box's width. The <svg> is the plot area (the box's width less the
    side margins, by CSS), the axis labels drawn in the margins beside it; x positions are
    in percent, and the lines are stretched sideways by a nested viewBox, their strokes not.
    """
    plot = Plot(figure)
    layout = figure.get("layout") or {}
    box = f"margin-left:{plot.left:g}px;width:calc(100% - {plot.left + plot.right:g}px)"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="{plot.picture_height:g}" '
        f'role="img" aria-label="{escape(label, quote=True)}" '
        f'class="{" ".join(filter(None, ("s3-svg-chart", turn_class(plot, lang))))}" '
        f'style="{box}" font-family="{escape(plot.font, quote=True)}" '
        f'font-size="{FONT_SIZE}" fill="{escape(plot.ink, quote=True)}">',
        f"<title>{escape(label)}</title>",
        *_axes_markup(plot, lang),
        *(_trace_markup(index, trace, plot) for index, trace in enumerate(plot.traces)),
        *_overlays(plot, layout),
        "</svg>",
    ]
    if plot.legend is not None:
        parts.append(svg_marks.legend_html(plot.traces, plot.left, plot.font))
    return "".join(parts)
