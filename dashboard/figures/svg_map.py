"""A map drawn on the server as SVG: outlines, markers, labels and a legend, no plotly.js.

A plotly map in the window at load costs plotly.js (about 1.3 MB compressed, compiled on
every page) and a geo draw, which kept the clusters pages at 1.5× a one-graph page
(README, Page speed). The same map as inline SVG is part of the layout: it shows with the
page, prints, and needs no script to draw. Pure functions: shapes in screen pixels in,
SVG markup out; every text and attribute value is escaped here.

Markers are the map's interactive part: each is a link (`href`, with `data-value` for
assets/svg-maps.js, which chooses the value in the page's list in place, as a click on a
plotly marker did) or, without a target, a focusable image. Either way a marker carries an
accessible name and a `<title>`, the tooltip a pointer shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from dashboard.figures.by_identity import ByIdentity
from data.geo import douglas_peucker

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in px; y grows downwards
Project = Callable[[float, float], Point]  # lon, lat -> screen px

FONT = "system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif"
LINE_HEIGHT_PX = 14.0  # a one-line label's box (dashboard/figures/clusters.py places them)
LEGEND_ROW_PX = 22.0
LEGEND_SWATCH_PX = 10.0
LEGEND_PAD_PX = 8.0


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _num(value: float) -> str:
    """A coordinate to 0.1 px, without a trailing `.0` (shorter markup)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


# --- outlines ---------------------------------------------------------------------------


def simplify(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker: the points that keep the line within `tolerance` px of itself."""
    return [points[i] for i in douglas_peucker(points, tolerance)]


def _rings(geometry: Mapping[str, Any]) -> Iterable[Sequence[Sequence[float]]]:
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    elif geometry["type"] != "MultiPolygon":
        raise ValueError(f"not a polygon: {geometry['type']}")
    for polygon in polygons:
        yield from polygon


def _tenths(value: float) -> str:
    """Tenths of a px as a short number: 12 -> "1.2", -3 -> "-.3", 40 -> "4"."""
    sign, whole, tenth = "-" if value < 0 else "", *divmod(abs(value), 10)
    if not tenth:
        return f"{sign}{whole}"
    return f"{sign}{whole or ''}.{tenth}"


def ring_path(ring: Sequence[Point], origin: Point) -> str:
    """One closed ring as path data from `origin` (the map's top left corner).

    After the first point, each step is relative to the one before (`l dx dy`), in tenths
    of a pixel rounded once, so the numbers stay short and the rounding never adds up.
    """
    ox, oy = origin
    tenths = [(round((x - ox) * 10), round((y - oy) * 10)) for x, y in ring]
    (x0, y0), *rest = tenths
    numbers, (px, py) = [], (x0, y0)
    for x, y in rest:
        numbers += [_tenths(x - px), _tenths(y - py)]
        px, py = x, y
    # A minus sign separates two numbers by itself.
    steps = "".join(n if i == 0 or n.startswith("-") else " " + n for i, n in enumerate(numbers))
    return f"M{_tenths(x0)} {_tenths(y0)}l{steps}z"


def outlines(
    geojson: Mapping[str, Any], project: Project, tolerance: float = 0.5
) -> dict[str, list[list[Point]]]:
    """Every feature's rings in screen px (by feature `id`), simplified to `tolerance` px.

    Rings that shrink below a triangle (islets smaller than the tolerance) are left out.
    """
    shapes: dict[str, list[list[Point]]] = {}
    for feature in geojson["features"]:
        rings = []
        for ring in _rings(feature["geometry"]):
            points = simplify([project(lon, lat) for lon, lat, *_ in ring], tolerance)
            if len(points) >= 4:  # closed: first == last, so three corners at least
                rings.append(points)
        shapes[str(feature["id"])] = rings
    return shapes


def bounds(shapes: Mapping[str, Sequence[Sequence[Point]]]) -> Box:
    """The box around every ring."""
    xs = [x for rings in shapes.values() for ring in rings for x, _ in ring]
    ys = [y for rings in shapes.values() for ring in rings for _, y in ring]
    return min(xs), min(ys), max(xs), max(ys)


# --- what is drawn ----------------------------------------------------------------------


@dataclass(frozen=True)
class Marker:
    """A circle for one item: where, how big, its colour, what it says and where it leads.

    `title` lines make the tooltip; `name` is the accessible name; `value` is the item's
    code (`data-value`). With an `href` the marker is a link, which the page's script turns
    into choosing `value` in its list.
    """

    x: float
    y: float
    diameter: float
    colour: str
    name: str
    title: Sequence[str]
    value: str = ""
    href: str | None = None


@dataclass(frozen=True)
class Label:
    """A one-line text in the box `box` (px), aligned `align` (start, middle, end)."""

    text: str
    box: Box
    align: str = "middle"
    bold: bool = False
    colour: str = "#212529"
    size: float = 11.0


@dataclass(frozen=True)
class Legend:
    """A titled list of colours: (label, colour) per entry, in order."""

    title: str
    entries: Sequence[tuple[str, str]]
    width: float  # px, the widest line's estimate


def legend_height(legend: Legend) -> float:
    """The legend box's height in px (title, entries, padding)."""
    return LEGEND_PAD_PX * 2 + LEGEND_ROW_PX * (len(legend.entries) + 1)


@dataclass(frozen=True)
class MapStyle:
    """The map's fixed colours and the opacity of its markers."""

    land: str
    border: str
    marker_edge: str = "#ffffff"
    marker_opacity: float = 0.9


# --- SVG --------------------------------------------------------------------------------


def _label_svg(label: Label, origin: Point) -> str:
    x0, y0, x1, y1 = label.box
    x = {"start": x0, "end": x1}.get(label.align, (x0 + x1) / 2) - origin[0]
    y = (y0 + y1) / 2 - origin[1]
    weight = ' font-weight="600"' if label.bold else ""
    return (
        f'<text x="{_num(x)}" y="{_num(y)}" text-anchor="{_attr(label.align)}" '
        f'dominant-baseline="central" font-size="{_num(label.size)}" '
        f'fill="{_attr(label.colour)}"{weight}>{escape(label.text, quote=False)}</text>'
    )


def _marker_svg(marker: Marker, origin: Point, style: MapStyle) -> str:
    circle = (
        f'<circle cx="{_num(marker.x - origin[0])}" cy="{_num(marker.y - origin[1])}" '
        f'r="{_num(marker.diameter / 2)}" fill="{_attr(marker.colour)}" '
        f'fill-opacity="{style.marker_opacity}" stroke="{_attr(style.marker_edge)}" '
        'stroke-width="1.5"/>'
    )
    title = f"<title>{escape(chr(10).join(marker.title), quote=False)}</title>"
    named = (
        f'data-value="{_attr(marker.value)}" aria-label="{_attr(marker.name)}" '
        'class="s3-map-marker"'
    )
    if marker.href is not None:
        return f'<a href="{_attr(marker.href)}" {named}>{title}{circle}</a>'
    # No target: still a keyboard stop, so its facts are not for the pointer alone.
    return f'<g tabindex="0" role="img" {named}>{title}{circle}</g>'


def _legend_svg(legend: Legend, left: float, top: float) -> str:
    rows = [
        f'<rect x="{_num(left)}" y="{_num(top)}" width="{_num(legend.width)}" '
        f'height="{_num(legend_height(legend))}" rx="4" fill="#ffffff" fill-opacity="0.85"/>',
        f'<text x="{_num(left + LEGEND_PAD_PX)}" y="{_num(top + LEGEND_PAD_PX + 11)}" '
        f'font-size="12" fill="#212529">{escape(legend.title, quote=False)}</text>',
    ]
    items = []
    for i, (text, colour) in enumerate(legend.entries):
        y = top + LEGEND_PAD_PX + LEGEND_ROW_PX * (i + 1.5)
        items.append(
            f'<g role="listitem"><circle cx="{_num(left + LEGEND_PAD_PX + 6)}" cy="{_num(y)}" '
            f'r="{_num(LEGEND_SWATCH_PX / 2)}" fill="{_attr(colour)}"/>'
            f'<text x="{_num(left + LEGEND_PAD_PX + 20)}" y="{_num(y)}" '
            f'dominant-baseline="central" font-size="12" fill="#212529">'
            f"{escape(text, quote=False)}</text></g>"
        )
    return (
        f'<g class="s3-map-legend">{"".join(rows)}'
        f'<g role="list" aria-label="{_attr(legend.title)}">{"".join(items)}</g></g>'
    )


def _paths(shapes: Mapping[str, Sequence[Sequence[Point]]], origin: Point) -> str:
    """Every shape as one `<path>` of its rings, from `origin`."""
    return "".join(
        f'<path d="{"".join(ring_path(ring, origin) for ring in rings)}"/>'
        for rings in shapes.values()
        if rings
    )


# The outlines are the process's shared province shapes (callbacks/clusters.py), drawn from
# the same corner on every page: their 2,000 points were written out again each time.
_outline_paths = ByIdentity(_paths)


def map_svg(
    svg_id: str,
    frame: Box,
    shapes: Mapping[str, Sequence[Sequence[Point]]],
    markers: Sequence[Marker],
    labels: Sequence[Label],
    legend: Legend | None,
    style: MapStyle,
    picker: str | None = None,
) -> str:
    """The map as one `<svg>`, scaled to its container's width.

    `frame` is the part of the screen plane shown (px). The outlines and the place names
    are hidden from screen readers (the page's description and table say the same); the
    markers, then the legend, are read in the order given. `picker`: the id of the page's
    list that the markers' links choose in (assets/svg-maps.js).
    """
    x0, y0, x1, y1 = frame
    origin = (x0, y0)
    width, height = x1 - x0, y1 - y0
    paths = _outline_paths(shapes, origin)
    chooser = f' data-picker="{_attr(picker)}"' if picker else ""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{_attr(svg_id)}" class="s3-svg-map" '
        f'viewBox="0 0 {_num(width)} {_num(height)}" width="100%" role="group" '
        f'font-family="{_attr(FONT)}"{chooser}>',
        f'<g aria-hidden="true" fill="{_attr(style.land)}" stroke="{_attr(style.border)}" '
        f'stroke-width="1" stroke-linejoin="round">{paths}</g>',
        f'<g aria-hidden="true">{"".join(_label_svg(label, origin) for label in labels)}</g>',
        f"<g>{''.join(_marker_svg(marker, origin, style) for marker in markers)}</g>",
    ]
    if legend is not None and legend.entries:
        parts.append(_legend_svg(legend, width - legend.width - 4, 4))
    parts.append("</svg>")
    return "".join(parts)
