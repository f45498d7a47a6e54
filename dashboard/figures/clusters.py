"""Cluster figures: headquarters map, province choropleth, member composition, ecosystem matrix.

Pure: frames and the bundled provinces GeoJSON in, figures and the small frames they are
drawn from out; no data access, no Dash. Labels come from the string catalogue in the
view's language.

The headquarters map, in the window when the page opens, is SVG markup drawn here
(`hq_map`, with dashboard/figures/svg_map.py): no plotly.js at first paint. Markers are
set apart and labels placed in screen pixels of a Mercator plane (`to_px`).

The other charts are plotly figures as plain dicts (see `dashboard.figures.plain`: the
GeoJSON is referenced, never copied), drawn when the reader reaches them. The province map
is a `choropleth` trace on the provinces GeoJSON after a `scattergeo` one, with the basemap
switched off and the frame set to the region's bounds (see `_geo_layout`): it needs no
tiles and no network, so it reads the same offline. One plotly.js (4.1) detail matters
for that: when the *first* trace of a geo subplot has a `locationmode` (every choropleth
has one), plotly.js downloads a world topojson from cdn.plot.ly, and offline the whole map
then fails to draw. So the map starts with a Scattergeo trace placed by lon/lat (the
province names), which needs nothing; tests/browser/test_cluster_map.py would catch a
plotly.js release that changes this.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

import pandas as pd

from dashboard.figures import svg_map
from dashboard.figures.by_identity import ByIdentity
from dashboard.figures.plain import Figure, figure
from dashboard.i18n import format_eur, format_number, plotly_separators, t
from data.analysis.records import records
from data.analysis.scope import role_of
from data.analysis.sums import group_sum

# Palette: every mark has ≥ 3:1 contrast against the land fill (WCAG 1.4.11); the unit
# tests check it. Colour is never the only cue: legend, labels, hover and tables repeat it.
LAND_FILL = "#f1f1ec"
BORDER_COLOUR = "#7d8782"
LABEL_COLOUR = "#4f5853"  # province names: 6.3:1 on the land fill
TEXT_COLOUR = "#212529"
MULTIPLE = "multiple"  # marker category of a cluster with several reference ecosystems
ECOSYSTEM_COLOURS: dict[str, str] = {
    "manifattura": "#0072b2",
    "nutrizione": "#8a6100",
    "smart-mobility": "#c84f00",
    "salute": "#a8327a",
    "sostenibilita": "#1a7a3a",
    "connettivita": "#3b2f8f",
    "cultura": "#7a4a1f",
    "sviluppo-sociale": "#00707a",
    MULTIPLE: "#4a4a4a",
}
FALLBACK_COLOUR = "#4a4a4a"
MEMBER_TYPES = ("firms", "research", "other")
MEMBER_COLOURS = {"firms": "#1f5fa8", "research": "#c84f00", "other": "#2e8a57"}
MEMBER_PATTERNS = {"firms": "", "research": "/", "other": "."}
REFERENCE_COLOUR = "#00573f"  # the house green
SYNERGY_COLOUR = "#c84f00"
HIGHLIGHT_FILL = "rgba(255, 191, 71, 0.28)"  # the selected ecosystem's column
# Choropleth: white-ish to the house green; the low end stays distinct from the page.
CHOROPLETH_SCALE = [[0.0, "#eef4ef"], [0.5, "#6fae8a"], [1.0, "#00573f"]]

MAP_HEIGHT = 600
# Roughly how many screen pixels one degree of longitude takes on the regional map at
# MAP_HEIGHT (the map's height spans about 2.9 such degrees): used to keep markers apart.
PX_PER_DEGREE = 190.0
MAX_MARKER_PX = 40.0
MIN_MARKER_PX = 12.0
MARKER_GAP_PX = 6.0
RING_HOLE_PX = 24.0  # room inside a ring of markers for the city's name
OUTLINE_TOLERANCE_PX = 0.5  # outlines drawn within half a pixel of the shipped boundaries
LEGEND_GAP_PX = 12.0  # between the map's content and the legend beside it
# Keep only "download as PNG" in the mode bar: the charts are static (no zoom, no pan),
# and a full mode bar covers legends and axis labels.
MODEBAR = {
    "remove": [
        "zoom",
        "pan",
        "select",
        "lasso",
        "zoomIn",
        "zoomOut",
        "autoScale",
        "resetScale",
        "zoomInGeo",
        "zoomOutGeo",
        "resetGeo",
        "hoverClosestGeo",
        "hoverClosestCartesian",
        "hoverCompareCartesian",
        "toggleSpikelines",
        "sendChartToCloud",  # "Share chart...": a link to an online service
    ]
}

# Short names for labels on crowded charts (full names stay in hover, card and tables).
# Proper names, the same in both languages; a cluster not listed shows its full name.
SHORT_NAMES: dict[str, str] = {
    "afil": "AFIL",
    "agrifood": "Agrifood",
    "mobilita": "Mobilità (CLM)",
    "scienze-vita": "Scienze della Vita",
    "tav": "Ambienti di Vita (TAV)",
    "scc": "Smart Cities (SCC)",
    "aerospace": "Aerospace",
    "energy": "Energy Cleantech (LE2C)",
    "green-chemistry": "Green Chemistry (LGCA)",
}


def short_name(code: str, name: str) -> str:
    """The label a cluster gets on maps and charts."""
    return SHORT_NAMES.get(code, name)


def _geo_layout(geojson: Mapping[str, Any], room: float = 0.0) -> dict[str, Any]:
    """Geo settings of both maps: no basemap, no tiles, framed on the region's bounds.

    The frame is the GeoJSON's bounding box (plus `room` degrees left and right for labels
    near the edge) rather than `fitbounds="locations"`: plotly.js fits bounds inside a
    square frame, which leaves a third of a landscape panel empty; explicit axis ranges give
    the frame the region's own proportions. Both follow the data and need no tiles.
    """
    west, south, east, north = _bounds(geojson)
    return {
        "visible": False,
        "projection": {"type": "mercator"},
        "lonaxis": {"range": [west - room - 0.02, east + room + 0.02]},
        "lataxis": {"range": [south - 0.02, north + 0.02]},
        "bgcolor": "rgba(0,0,0,0)",
    }


def _figure(traces: list[dict[str, Any]], **layout: Any) -> Figure:
    return figure(traces, layout)


def _hover(lines: Sequence[str]) -> str:
    """Hover lines joined for plotly, which renders a little HTML (callers escape names)."""
    return "<br>".join(lines)


def province_label(name: str, short: str) -> str:
    """A province's name on the map; long names give way to the abbreviation (MB)."""
    return short if len(name) > 14 and short else name


LABEL_ROOM_DEGREES = 0.25  # room left and right of the region for labels near its edge


def _walk_bounds(geojson: Mapping[str, Any]) -> tuple[float, float, float, float]:
    lons: list[float] = []
    lats: list[float] = []
    for feature in geojson["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            for ring in polygon:
                lons += [pt[0] for pt in ring]
                lats += [pt[1] for pt in ring]
    return min(lons), min(lats), max(lons), max(lats)


# Once per GeoJSON object: the maps are drawn on the process's one shared provinces GeoJSON
# (data.geo, never changed), whose 3,000 points were walked four times a page.
_bounds_of = ByIdentity(_walk_bounds)


def _bounds(geojson: Mapping[str, Any]) -> tuple[float, float, float, float]:
    """(min lon, min lat, max lon, max lat) of a FeatureCollection of (Multi)Polygons."""
    return _bounds_of(geojson)


def _province_labels(
    provinces: pd.DataFrame,
    texts: Sequence[str],
    colours: Sequence[str] | str,
    size: int,
    positions: Sequence[str] | str = "middle center",
) -> dict[str, Any]:
    """Province names at their label points: the first trace of every map (see module doc)."""
    return {
        "type": "scattergeo",
        "lon": provinces["label_lon"].tolist(),
        "lat": provinces["label_lat"].tolist(),
        "mode": "text",
        "text": list(texts),
        "textposition": positions if isinstance(positions, str) else list(positions),
        "textfont": {"color": colours if isinstance(colours, str) else list(colours), "size": size},
        "hoverinfo": "skip",
        "showlegend": False,
        "name": "provinces",
    }


# --- headquarters map -------------------------------------------------------------------


def marker_category(reference_ecosystems: Sequence[str]) -> str:
    """The colour category of a cluster: its one reference ecosystem, or MULTIPLE."""
    codes = list(reference_ecosystems)
    return codes[0] if len(codes) == 1 else MULTIPLE


def marker_diameters(members: Sequence[float], reference_max: float) -> list[float]:
    """Marker diameters in px with the area proportional to members (and a floor to see)."""
    top = max(reference_max, 1.0)
    return [
        max(MIN_MARKER_PX, MAX_MARKER_PX * math.sqrt(max(float(m), 0.0) / top)) for m in members
    ]


def _screen(lon: float, lat: float) -> tuple[float, float]:
    """Mercator screen units, in degrees of longitude (so both axes share one scale)."""
    return lon, math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def _from_screen(x: float, y: float) -> tuple[float, float]:
    return x, math.degrees(2 * math.atan(math.exp(math.radians(y))) - math.pi / 2)


def _assign_slots(bearings: Sequence[float], slots: Sequence[float]) -> list[float]:
    """Slot angles for points sorted by bearing: the rotation that moves them least."""
    k = len(slots)

    def cost(shift: int) -> float:
        return sum(
            abs(math.remainder(b - slots[(pos + shift) % k], 2 * math.pi))
            for pos, b in enumerate(bearings)
        )

    best = min(range(k), key=cost)
    return [slots[(pos + best) % k] for pos in range(len(bearings))]


@dataclass(frozen=True)
class Placement:
    """Where a marker is drawn.

    Markers set on a ring share `group`, the ring's centre and its radius in px; a lone
    marker is its own group, with `ring_px` 0 and its own position as centre.
    """

    lon: float
    lat: float
    moved: bool
    group: int
    centre: tuple[float, float]
    ring_px: float = 0.0


def spread_positions(
    lons: Sequence[float], lats: Sequence[float], diameters: Sequence[float]
) -> list[Placement]:
    """Where to draw each marker so that none hides another.

    Markers whose circles would overlap (four clusters sit in Milan, two at the same
    address) are grouped and set evenly on a ring around the group's centre, each in the
    slot closest to its true bearing, leaving room in the middle for the city's name.
    Lone markers stay where they are.
    """
    n = len(lons)
    screen = [_screen(lon, lat) for lon, lat in zip(lons, lats, strict=True)]
    radius = [d / 2 / PX_PER_DEGREE for d in diameters]
    gap = MARKER_GAP_PX / PX_PER_DEGREE
    # Single-linkage grouping of overlapping markers (n is about ten: quadratic is fine).
    group = list(range(n))

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    for i in range(n):
        for j in range(i + 1, n):
            if math.dist(screen[i], screen[j]) < radius[i] + radius[j] + gap:
                group[root(j)] = root(i)
    members: dict[int, list[int]] = {}
    for i in range(n):
        members.setdefault(root(i), []).append(i)

    placed = [
        Placement(float(lon), float(lat), False, root(i), (float(lon), float(lat)))
        for i, (lon, lat) in enumerate(zip(lons, lats, strict=True))
    ]
    for indices in members.values():
        if len(indices) == 1:
            continue
        cx = sum(screen[i][0] for i in indices) / len(indices)
        cy = sum(screen[i][1] for i in indices) / len(indices)
        k = len(indices)
        # Ring radius: neighbouring markers must not touch, and the middle keeps some room.
        widest = max(radius[i] for i in indices) * 2 + gap
        ring = max(
            widest / (2 * math.sin(math.pi / k)),
            widest / 2 + RING_HOLE_PX / PX_PER_DEGREE,
        )
        bearing = {
            i: math.atan2(screen[i][1] - cy, screen[i][0] - cx) if screen[i] != (cx, cy) else 0.0
            for i in indices
        }
        order = sorted(indices, key=lambda i: (bearing[i], i))
        slots = sorted(math.pi / 2 - 2 * math.pi * s / k for s in range(k))
        angles = _assign_slots([bearing[i] for i in order], slots)
        centre = _from_screen(cx, cy)
        for i, angle in zip(order, angles, strict=True):
            lon, lat = _from_screen(cx + ring * math.cos(angle), cy + ring * math.sin(angle))
            placed[i] = Placement(lon, lat, True, root(i), centre, ring * PX_PER_DEGREE)
    return placed


# --- label placement --------------------------------------------------------------------
# Labels are placed greedily, in screen pixels, with the same offsets plotly.js uses for
# `textposition`: each label takes the first of its candidate positions that overlaps
# least with markers, labels already placed, province names and the frame's edge.

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in px; y grows downwards
LABEL_FONT_PX = 11
LABEL_HEIGHT_PX = 14.0
BOLD_PX_PER_CHAR = 6.6  # average advance of an 11 px bold label
PLAIN_PX_PER_CHAR = 6.0
CLUSTER_POSITIONS = (
    "middle right",
    "middle left",
    "top center",
    "bottom center",
    "top right",
    "bottom right",
    "top left",
    "bottom left",
)
PROVINCE_POSITIONS = ("middle center", "bottom center", "top center", "middle right", "middle left")
PLACE_POSITIONS = (
    "bottom center",
    "top center",
    "middle left",
    "middle right",
    "bottom left",
    "bottom right",
    "top left",
    "top right",
)


@dataclass(frozen=True)
class Anchor:
    """A label to place next to a marker (x, y and radius in px)."""

    x: float
    y: float
    radius: float
    width: float
    positions: Sequence[str] = CLUSTER_POSITIONS


def to_px(lon: float, lat: float) -> tuple[float, float]:
    """Screen pixels of a point on the map (origin arbitrary, y downwards)."""
    x, y = _screen(lon, lat)
    return x * PX_PER_DEGREE, -y * PX_PER_DEGREE


def text_width(text: str, bold: bool = False) -> float:
    """Estimated width in px of a one-line label."""
    return len(text) * (BOLD_PX_PER_CHAR if bold else PLAIN_PX_PER_CHAR)


def centred_box(x: float, y: float, width: float) -> Box:
    """The box of a text centred on (x, y)."""
    return (x - width / 2, y - LABEL_HEIGHT_PX / 2, x + width / 2, y + LABEL_HEIGHT_PX / 2)


def label_box(anchor: Anchor, position: str) -> Box:
    """Where plotly.js draws a label at `position` next to a marker of `anchor.radius`."""
    vertical, horizontal = position.split()
    offset = anchor.radius / 0.8 + 1 if anchor.radius else 0.0  # plotly's textPointPosition
    if horizontal == "right":
        x0 = anchor.x + offset
    elif horizontal == "left":
        x0 = anchor.x - offset - anchor.width
    else:
        x0 = anchor.x - anchor.width / 2
    if vertical == "top":
        y0 = anchor.y - offset - LABEL_HEIGHT_PX
    elif vertical == "bottom":
        y0 = anchor.y + offset
    else:
        y0 = anchor.y - LABEL_HEIGHT_PX / 2
    return (x0, y0, x0 + anchor.width, y0 + LABEL_HEIGHT_PX)


def _overlap(a: Box, b: Box) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


def _clash(box: Box, others: Sequence[Box]) -> float:
    """The summed `_overlap` of `box` with each of `others`, in one loop.

    It runs some 3,000 times a map: the call per pair cost more than the arithmetic. Boxes
    that do not meet add 0.0, which changes no sum, so they are left out.
    """
    x0, y0, x1, y1 = box
    areas = []
    for ox0, oy0, ox1, oy1 in others:
        width = (x1 if x1 < ox1 else ox1) - (x0 if x0 > ox0 else ox0)
        if width > 0:
            height = (y1 if y1 < oy1 else oy1) - (y0 if y0 > oy0 else oy0)
            if height > 0:
                areas.append(width * height)
    return sum(areas)


def _outside(box: Box, frame: Box) -> float:
    area = (box[2] - box[0]) * (box[3] - box[1])
    return area - _overlap(box, frame)


def place_labels(anchors: Sequence[Anchor], obstacles: Sequence[Box], frame: Box) -> list[str]:
    """A textposition per anchor, chosen greedily in order; placed labels become obstacles."""
    taken = list(obstacles)
    chosen = []
    for anchor in anchors:
        best: tuple[float, str, Box] | None = None
        for rank, position in enumerate(anchor.positions):
            box = label_box(anchor, position)
            clash = _clash(box, taken)
            cost = clash + 3 * _outside(box, frame) + rank  # rank: a slight preference
            if best is None or cost < best[0]:
                best = (cost, position, box)
        assert best is not None, "every anchor has candidate positions"
        chosen.append(best[1])
        taken.append(best[2])
    return chosen


def cluster_facts(
    row: Mapping[str, Any], ecosystem_names: Mapping[str, str], lang: str
) -> list[str]:
    """What a marker's tooltip says about its cluster, a line each (plain text)."""
    members = t(
        "clusters.hover.members",
        lang,
        total=format_number(row["members_total"], lang),
        firms=format_number(row["members_firms"], lang),
        research=format_number(row["members_research"], lang),
        other=format_number(row["members_other"], lang),
    )
    reference = ", ".join(ecosystem_names.get(c, c) for c in row["reference_ecosystems"])
    lines = [
        str(row["name"]),
        f"{row['address']}, {row['postcode']} {row['city']}",
        members,
        t("clusters.hover.reference", lang, names=reference),
    ]
    website = row["website"]
    return [*lines, website] if isinstance(website, str) and website else lines


def _map_frame(geojson: Mapping[str, Any], room: float) -> Box:
    """The map's frame in px (see `_geo_layout`)."""
    west, south, east, north = _bounds(geojson)
    x0, y0 = to_px(west - room, north)
    x1, y1 = to_px(east + room, south)
    return (x0, y0, x1, y1)


@dataclass(frozen=True)
class MapLabels:
    """Text positions of the headquarters map's labels."""

    cluster_positions: list[str]  # one per cluster, in frame order
    province_positions: list[str]  # one per province without headquarters, in frame order
    city_lon: list[float]
    city_lat: list[float]
    city_text: list[str]
    city_size: list[float]  # px of the invisible marker each city name is offset from
    city_positions: list[str]


def _quiet_provinces(frame: pd.DataFrame, provinces: pd.DataFrame) -> list[dict[str, Any]]:
    """The provinces hosting no headquarters in `frame`, in order: name, short, label spot.

    Read as column lists (a mask, `isin` and records cost more than the twelve rows; the
    map reads them twice).
    """
    hosting = set(frame["province_code"].tolist())
    columns = ("name", "short", "label_lon", "label_lat")
    rows = zip(provinces["code"].tolist(), *(provinces[c].tolist() for c in columns), strict=True)
    return [
        dict(zip(columns, values, strict=True)) for code, *values in rows if code not in hosting
    ]


def map_labels(
    frame: pd.DataFrame,
    placed: Sequence[Placement],
    diameters: Sequence[float],
    provinces: pd.DataFrame,
    geojson: Mapping[str, Any],
) -> MapLabels:
    """Where the cluster names and the city names go, clear of each other and the markers.

    A ring's city name sits in its middle; a lone marker's city name is placed like the
    cluster names, after them. The names of provinces without headquarters are obstacles.
    """
    markers = [to_px(p.lon, p.lat) for p in placed]
    obstacles: list[Box] = [
        (x - d / 2, y - d / 2, x + d / 2, y + d / 2)
        for (x, y), d in zip(markers, diameters, strict=True)
    ]
    map_box = _map_frame(geojson, LABEL_ROOM_DEGREES)
    # Province names first, nudged off any marker that sits on their spot.
    province_anchors = [
        Anchor(
            *to_px(row["label_lon"], row["label_lat"]),
            0.0,
            text_width(province_label(str(row["name"]), str(row["short"]))),
            PROVINCE_POSITIONS,
        )
        for row in _quiet_provinces(frame, provinces)
    ]
    province_positions = place_labels(province_anchors, obstacles, map_box)
    for anchor, position in zip(province_anchors, province_positions, strict=True):
        obstacles.append(label_box(anchor, position))
    groups: dict[int, list[int]] = {}
    for i, place in enumerate(placed):
        groups.setdefault(place.group, []).append(i)
    labels = MapLabels([], province_positions, [], [], [], [], [])
    singles: list[int] = []
    # By position, as a list: a Series lookup per marker cost more than the placing.
    cities = [str(city) for city in frame["city"].tolist()]
    for indices in groups.values():
        first = placed[indices[0]]
        text = " / ".join(dict.fromkeys(cities[i] for i in indices))
        if len(indices) == 1:
            singles.append(indices[0])
            continue
        labels.city_lon.append(first.centre[0])
        labels.city_lat.append(first.centre[1])
        labels.city_text.append(text)
        labels.city_size.append(1.0)
        labels.city_positions.append("middle center")
        obstacles.append(centred_box(*to_px(*first.centre), text_width(text)))
    names = [short_name(c, n) for c, n in zip(frame["code"], frame["name"], strict=True)]
    anchors = [
        Anchor(x, y, d / 2, text_width(name, bold=True))
        for (x, y), d, name in zip(markers, diameters, names, strict=True)
    ]
    # Crowded markers first: they have the fewest good places left.
    order = sorted(range(len(anchors)), key=lambda i: (not placed[i].moved, -diameters[i]))
    chosen = place_labels(
        [anchors[i] for i in order], obstacles, _map_frame(geojson, LABEL_ROOM_DEGREES)
    )
    labels.cluster_positions.extend([""] * len(anchors))
    for i, position in zip(order, chosen, strict=True):
        labels.cluster_positions[i] = position
        obstacles.append(label_box(anchors[i], position))
    city_anchors = [
        Anchor(
            markers[i][0],
            markers[i][1],
            diameters[i] / 2,
            text_width(cities[i]),
            PLACE_POSITIONS,
        )
        for i in singles
    ]
    for i, position in zip(singles, place_labels(city_anchors, obstacles, map_box), strict=True):
        labels.city_lon.append(placed[i].lon)
        labels.city_lat.append(placed[i].lat)
        labels.city_text.append(cities[i])
        labels.city_size.append(diameters[i])
        labels.city_positions.append(position)
    return labels


def province_shapes(geojson: Mapping[str, Any]) -> dict[str, list[list[svg_map.Point]]]:
    """The provinces' outlines in map pixels (`to_px`), simplified for drawing."""
    return svg_map.outlines(geojson, to_px, tolerance=OUTLINE_TOLERANCE_PX)


def _align(position: str) -> str:
    """SVG text-anchor of a label at a plotly-style `position`: it grows away from its mark."""
    horizontal = position.split()[1]
    return {"right": "start", "left": "end"}.get(horizontal, "middle")


def _map_texts(
    frame: pd.DataFrame,
    placed: Sequence[Placement],
    diameters: Sequence[float],
    provinces: pd.DataFrame,
    labels: MapLabels,
) -> list[svg_map.Label]:
    """Province, city and cluster names as placed by `map_labels`."""
    quiet = _quiet_provinces(frame, provinces)
    texts = []
    for row, position in zip(quiet, labels.province_positions, strict=True):
        name = province_label(str(row["name"]), str(row["short"]))
        anchor = Anchor(*to_px(row["label_lon"], row["label_lat"]), 0.0, text_width(name))
        texts.append(svg_map.Label(name, label_box(anchor, position), colour=LABEL_COLOUR))
    cities = zip(
        labels.city_lon,
        labels.city_lat,
        labels.city_text,
        labels.city_size,
        labels.city_positions,
        strict=True,
    )
    for lon, lat, text, size, position in cities:
        anchor = Anchor(*to_px(lon, lat), size / 2, text_width(text))
        box = label_box(anchor, position)
        texts.append(svg_map.Label(text, box, _align(position), colour=LABEL_COLOUR))
    codes, names = frame["code"].tolist(), frame["name"].tolist()
    for i, place in enumerate(placed):
        name = short_name(str(codes[i]), str(names[i]))
        position = labels.cluster_positions[i]
        anchor = Anchor(*to_px(place.lon, place.lat), diameters[i] / 2, text_width(name, True))
        box = label_box(anchor, position)
        texts.append(svg_map.Label(name, box, _align(position), bold=True, colour=TEXT_COLOUR))
    return texts


def _legend(
    categories: Sequence[str], ecosystem_names: Mapping[str, str], lang: str
) -> svg_map.Legend:
    """One entry per marker colour, in ecosystem order, under the legend's title."""
    order = [c for c in ECOSYSTEM_COLOURS if c in set(categories)]
    order += sorted(set(categories) - set(order))
    entries = [
        (
            t("clusters.legend.multiple", lang)
            if category == MULTIPLE
            else ecosystem_names.get(category, category),
            ECOSYSTEM_COLOURS.get(category, FALLBACK_COLOUR),
        )
        for category in order
    ]
    title = t("clusters.legend.reference", lang)
    widest = max([text_width(title), *(text_width(text) + 20 for text, _ in entries)])
    # The legend's text is 12 px, the width estimate is for 11 px.
    return svg_map.Legend(title, entries, widest * 12 / 11 + 2 * svg_map.LEGEND_PAD_PX)


def _room_for_legend(
    view: Box,
    legend: svg_map.Legend,
    shapes: Mapping[str, Sequence[Sequence[svg_map.Point]]],
    drawn: Sequence[Box],
) -> Box:
    """`view` widened to the right until the legend, in its top right corner, covers nothing."""
    top = view[1]
    bottom = top + svg_map.legend_height(legend) + 8
    right = max(
        [x for rings in shapes.values() for ring in rings for x, y in ring if top <= y <= bottom]
        + [box[2] for box in drawn if box[1] <= bottom],
        default=view[0],
    )
    needed = right + LEGEND_GAP_PX + legend.width + 4
    return (view[0], view[1], max(view[2], needed), view[3])


def hq_map(
    clusters: pd.DataFrame,
    geojson: Mapping[str, Any],
    provinces: pd.DataFrame,
    ecosystem_names: Mapping[str, str],
    lang: str,
    *,
    svg_id: str,
    reference_max: float | None = None,
    link: Callable[[str], str] | None = None,
    picker: str | None = None,
    shapes: Mapping[str, Sequence[Sequence[svg_map.Point]]] | None = None,
) -> str:
    """The cluster headquarters on the provinces of Lombardy, as SVG markup.

    Marker area ∝ members (scaled to `reference_max`, so a filtered view keeps the sizes of
    the full one); colour and legend entry = reference ecosystem. With `link` (cluster code
    → address) each marker is a link choosing its cluster in the list `picker`; without, a
    focusable image. Provinces hosting a headquarters are named by the city next to its
    marker, the others by their own name. `shapes`: `province_shapes(geojson)`, if kept.
    """
    frame = clusters.reset_index(drop=True)
    top = reference_max or (float(frame["members_total"].max()) if len(frame) else 1.0)
    diameters = marker_diameters(frame["members_total"].tolist(), top)
    placed = spread_positions(frame["lon"].tolist(), frame["lat"].tolist(), diameters)
    labels = map_labels(frame, placed, diameters, provinces, geojson)
    categories = [marker_category(r) for r in frame["reference_ecosystems"]]
    markers = []
    for i, row in enumerate(records(frame)):
        code = str(row["code"])
        facts = cluster_facts(row, ecosystem_names, lang)
        markers.append(
            svg_map.Marker(
                *to_px(placed[i].lon, placed[i].lat),
                diameters[i],
                ECOSYSTEM_COLOURS.get(categories[i], FALLBACK_COLOUR),
                name="; ".join(facts),
                title=facts,
                value=code,
                href=None if link is None else link(code),
            )
        )
    texts = _map_texts(frame, placed, diameters, provinces, labels)
    legend = _legend(categories, ecosystem_names, lang)
    outlines = province_shapes(geojson) if shapes is None else shapes
    drawn = [label.box for label in texts] + [
        (m.x - m.diameter / 2, m.y - m.diameter / 2, m.x + m.diameter / 2, m.y + m.diameter / 2)
        for m in markers
    ]
    view = _room_for_legend(_map_frame(geojson, LABEL_ROOM_DEGREES), legend, outlines, drawn)
    return svg_map.map_svg(
        svg_id,
        view,
        outlines,
        markers,
        texts,
        legend,
        svg_map.MapStyle(land=LAND_FILL, border=BORDER_COLOUR),
        picker=picker if link is not None else None,
    )


# --- province choropleth ----------------------------------------------------------------

PROVINCE_SUMMARY_COLUMNS = [
    "code",
    "name",
    "population",
    "hq",
    "members",
    "projects",
    "funding_eur",
    "members_per_100k",
    "projects_per_100k",
    "funding_per_capita",
]


def province_summary(
    provinces: pd.DataFrame, clusters: pd.DataFrame, projects: pd.DataFrame
) -> pd.DataFrame:
    """Per province: cluster headquarters and members, funded projects and public funding.

    `provinces`: code, name, population (NaN when unknown). `clusters`: province_code,
    members_total. `projects`: province_code, projects, funding_eur (already summed, any
    number of rows per province). Per-capita columns are NaN where population is unknown.
    Codes outside the 12 provinces (or empty) are left out here; the page counts them.

    Summed on lists (twelve provinces, a few rows each: pandas' group-bys and joins were
    most of the cold page's map); money with `group_sum`, the floats pandas' group-by gives.
    """
    hq: dict[str, list[int]] = {}
    for code, members in zip(clusters["province_code"], clusters["members_total"], strict=True):
        hq.setdefault(code, []).append(int(members))
    done: dict[str, tuple[list[int], list[float]]] = {}
    for code, count, amount in zip(
        projects["province_code"], projects["projects"], projects["funding_eur"], strict=True
    ):
        counts, amounts = done.setdefault(code, ([], []))
        counts.append(int(count))
        amounts.append(float(amount))
    rows = []
    for code, name, population in zip(
        provinces["code"], provinces["name"], provinces["population"], strict=True
    ):
        members = hq.get(code, [])
        counts, amounts = done.get(code, ([], []))
        funding = group_sum(amounts)
        people = float(population) if population > 0 else math.nan  # unknown: NaN
        row = {
            "code": code,
            "name": name,
            "population": float(population),
            "hq": float(len(members)),
            "members": float(sum(members)),
            "projects": float(sum(counts)),
            "funding_eur": 0.0 if math.isnan(funding) else funding,
        }
        row["members_per_100k"] = row["members"] / people * 100_000
        row["projects_per_100k"] = row["projects"] / people * 100_000
        row["funding_per_capita"] = row["funding_eur"] / people
        rows.append(row)
    return pd.DataFrame(rows, columns=PROVINCE_SUMMARY_COLUMNS)


def province_metric(summary: pd.DataFrame) -> str:
    """What the choropleth colours: public funding where project data exist, else members."""
    return "funding_eur" if summary["projects"].sum() > 0 else "members"


def _province_hover(row: Mapping[str, Any], metric: str, lang: str) -> str:
    lines = [f"<b>{escape(str(row['name']))}</b>"]
    if metric == "funding_eur":
        lines.append(
            t(
                "clusters.hover.projects",
                lang,
                count=int(row["projects"]),
                n=format_number(row["projects"], lang),
                eur=format_eur(row["funding_eur"], lang, compact=True),
            )
        )
        if not pd.isna(row["funding_per_capita"]):
            lines.append(
                t(
                    "clusters.hover.funding_per_capita",
                    lang,
                    eur=format_number(row["funding_per_capita"], lang, 2),
                )
            )
    lines.append(
        t(
            "clusters.hover.hq",
            lang,
            n=format_number(row["hq"], lang),
            members=format_number(row["members"], lang),
        )
    )
    if not pd.isna(row["members_per_100k"]):
        lines.append(
            t(
                "clusters.hover.members_per_100k",
                lang,
                value=format_number(row["members_per_100k"], lang, 1),
            )
        )
    if not pd.isna(row["population"]):
        lines.append(t("clusters.hover.population", lang, n=format_number(row["population"], lang)))
    return _hover(lines)


def _short_value(value: float, metric: str, lang: str) -> str:
    return (
        format_eur(value, lang, compact=True)
        if metric == "funding_eur"
        else (format_number(value, lang))
    )


def _summary_rows(provinces: pd.DataFrame, summary: pd.DataFrame) -> list[dict[str, Any]]:
    """`summary`'s row for each of `provinces`' codes, in their order, NaN where it has none.

    What a one-to-one left merge on the code gives, read as records: the merge and the
    records of its result cost more than the rest of the choropleth (twelve rows).
    """
    codes = provinces["code"].tolist()
    by_code = {row["code"]: row for row in records(summary)}
    if len(set(codes)) < len(codes) or len(by_code) < len(summary):
        raise ValueError("province_map needs one summary row per province code at most")
    missing = dict.fromkeys(summary.columns, math.nan)
    return [by_code.get(code, missing | {"code": code}) for code in codes]


def province_map(
    summary: pd.DataFrame,
    geojson: Mapping[str, Any],
    provinces: pd.DataFrame,
    metric: str,
    lang: str,
) -> Figure:
    """The provinces coloured by `metric` (a column of `province_summary`), values labelled."""
    rows = _summary_rows(provinces, summary)
    values = [0.0 if pd.isna(row[metric]) else float(row[metric]) for row in rows]
    top = max(values) if values else 0.0
    labels = [
        f"{escape(province_label(str(row['name']), str(short)))}<br>"
        f"<b>{_short_value(v, metric, lang)}</b>"
        for row, short, v in zip(rows, provinces["short"], values, strict=True)
    ]
    # Dark provinces get white labels so the text keeps its contrast.
    colours = ["#ffffff" if top and v / top > 0.55 else TEXT_COLOUR for v in values]
    choropleth = {
        "type": "choropleth",
        "geojson": geojson,
        "locations": provinces["code"].tolist(),
        "z": values,
        "zmin": 0,
        "zmax": top or 1,
        "colorscale": CHOROPLETH_SCALE,
        "marker": {"line": {"color": BORDER_COLOUR, "width": 1}},
        "colorbar": {
            "title": {"text": t(f"clusters.metric.{metric}", lang), "side": "right"},
            "thickness": 14,
            "len": 0.7,
            "tickformat": "~s" if metric == "funding_eur" else "d",
            "separatethousands": True,
        },
        "hovertext": [_province_hover(row, metric, lang) for row in rows],
        "hoverinfo": "text",
        "name": t(f"clusters.metric.{metric}", lang),
    }
    return _figure(
        [_province_labels(provinces, labels, colours, size=11), choropleth],
        geo=_geo_layout(geojson),
        height=MAP_HEIGHT - 60,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        paper_bgcolor="#ffffff",
        hoverlabel={"align": "left"},
        font={"color": TEXT_COLOUR},
        dragmode=False,
        separators=plotly_separators(lang),
        modebar=MODEBAR,
    )


# --- member composition -----------------------------------------------------------------


def members_bar(clusters: pd.DataFrame, lang: str) -> Figure:
    """Stacked horizontal bars: firms, research organisations, other bodies per cluster.

    Largest cluster at the top; each segment is labelled with its count where it fits and
    each bar with its total, so the numbers read without hovering.
    """
    # Sorted on lists as `sort_values(["members_total", "name"], ascending=[True, False])`
    # sorts (stable, so a tie keeps the frame's order): a dozen rows, pandas' sort cost more.
    totals, names = clusters["members_total"].tolist(), clusters["name"].tolist()
    order = sorted(range(len(names)), key=names.__getitem__, reverse=True)
    order.sort(key=totals.__getitem__)
    codes = list(map(clusters["code"].tolist().__getitem__, order))
    names = [names[i] for i in order]
    labels = [short_name(c, n) for c, n in zip(codes, names, strict=True)]
    traces: list[dict[str, Any]] = []
    for kind in MEMBER_TYPES:
        column = clusters[f"members_{kind}"].tolist()
        values = [float(column[i]) for i in order]
        name = t(f"clusters.members.{kind}", lang)
        traces.append(
            {
                "type": "bar",
                "y": labels,
                "x": values,
                "orientation": "h",
                "name": name,
                "marker": {
                    "color": MEMBER_COLOURS[kind],
                    "pattern": {"shape": MEMBER_PATTERNS[kind], "fgcolor": "#ffffff", "size": 6},
                    "line": {"color": "#ffffff", "width": 1},
                },
                "text": [format_number(v, lang) for v in values],
                "textposition": "inside",
                "insidetextanchor": "middle",
                "textfont": {"color": "#ffffff"},
                "customdata": codes,  # a click opens the cluster's card
                "hovertext": names,
                "hovertemplate": f"%{{hovertext}}<br>{escape(name)}: %{{x}}<extra></extra>",
            }
        )
    traces.append(
        {
            "type": "scatter",
            "y": labels,
            "x": [float(totals[i]) for i in order],
            "mode": "text",
            "text": [f"  {format_number(totals[i], lang)}" for i in order],
            "textposition": "middle right",
            "textfont": {"color": TEXT_COLOUR},
            "hoverinfo": "skip",
            "showlegend": False,
            "cliponaxis": False,
        }
    )
    return _figure(
        traces,
        barmode="stack",
        height=130 + 34 * len(order),
        margin={"l": 8, "r": 40, "t": 40, "b": 40},
        modebar=MODEBAR,
        dragmode=False,
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.02,
            "x": 0,
            "traceorder": "normal",
        },
        xaxis={"title": {"text": t("clusters.members.axis", lang)}, "gridcolor": "#e3e6e4"},
        yaxis={"automargin": True},
        uniformtext={"minsize": 10, "mode": "hide"},
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        font={"color": TEXT_COLOUR},
        separators=plotly_separators(lang),
    )


# --- cluster × ecosystem matrix ---------------------------------------------------------


def role_rows(clusters: pd.DataFrame, ecosystem_codes: Sequence[str]) -> dict[str, dict[str, str]]:
    """Cluster code → ecosystem code → `role_of`, in the frame's and the codes' order.

    Plain dicts: a DataFrame looked up with `.at` per cell cost more than the whole figure.
    """
    return {
        str(code): {eco: role_of(ref, syn, eco) for eco in ecosystem_codes}
        for code, ref, syn in zip(
            clusters["code"],
            clusters["reference_ecosystems"],
            clusters["synergy_ecosystems"],
            strict=True,
        )
    }


def _wrap(text: str, width: int = 14) -> str:
    """Break a long axis label into lines of about `width` characters."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def ecosystem_matrix(
    clusters: pd.DataFrame,
    ecosystems: Sequence[tuple[str, str]],
    lang: str,
    selected: str | None = None,
) -> Figure:
    """Clusters (rows) × S3 ecosystems (columns): ■ reference ecosystem, ○ S3 synergy.

    A cluster with both shows the square inside the ring. `ecosystems` are (code, name)
    pairs in display order; the `selected` one (the page filter) is shaded.
    """
    codes = [code for code, _ in ecosystems]
    names = dict(ecosystems)
    roles = role_rows(clusters, codes)
    cluster_names = dict(zip(clusters["code"], clusters["name"], strict=True))
    labels = {c: short_name(c, cluster_names[c]) for c in roles}
    # Top-to-bottom in the page's (alphabetical) order: plotly draws category y bottom-up.
    y_order = [labels[c] for c in roles][::-1]
    x_labels = {c: _wrap(names[c]) for c in codes}
    marks = {
        "reference": {
            "symbol": "square",
            "size": 15,
            "color": REFERENCE_COLOUR,
            "line": {"width": 0},
        },
        "synergy": {
            "symbol": "circle-open",
            "size": 27,
            "color": SYNERGY_COLOUR,
            "line": {"width": 2.5},
        },
    }

    traces = []
    for mark, style in marks.items():
        cells = [
            (cluster, eco)
            for cluster in roles
            for eco in codes
            if mark in roles[cluster][eco].split("_")
        ]
        traces.append(
            {
                "type": "scatter",
                "x": [x_labels[eco] for _, eco in cells],
                "y": [labels[cluster] for cluster, _ in cells],
                "mode": "markers",
                "marker": style,
                "customdata": [cluster for cluster, _ in cells],  # a click opens the card
                "name": t(f"clusters.role.{mark}", lang),
                "hovertext": [
                    escape(
                        f"{cluster_names[cluster]} — {names[eco]}: "
                        f"{t('clusters.role.' + roles[cluster][eco], lang)}"
                    )
                    for cluster, eco in cells
                ],
                "hoverinfo": "text",
            }
        )
    shapes = []
    if selected in codes:
        index = codes.index(selected)
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "yref": "paper",
                "x0": index - 0.5,
                "x1": index + 0.5,
                "y0": 0,
                "y1": 1,
                "fillcolor": HIGHLIGHT_FILL,
                "line": {"width": 0},
                "layer": "below",
            }
        )
    return _figure(
        traces,
        height=170 + 40 * len(roles),
        margin={"l": 8, "r": 8, "t": 40, "b": 10},
        modebar=MODEBAR,
        dragmode=False,
        xaxis={
            "type": "category",
            "categoryorder": "array",
            "categoryarray": [x_labels[c] for c in codes],
            "side": "top",
            "automargin": True,
            "showgrid": True,
            "gridcolor": "#e3e6e4",
            "range": [-0.5, len(codes) - 0.5],
            "fixedrange": True,
        },
        yaxis={
            "type": "category",
            "categoryorder": "array",
            "categoryarray": y_order,
            "showgrid": True,
            "gridcolor": "#e3e6e4",
            "automargin": True,
            "range": [-0.5, len(y_order) - 0.5],
            "fixedrange": True,
        },
        # No shapes: no key at all, as plotly leaves an empty list out of its JSON.
        **({"shapes": shapes} if shapes else {}),
        legend={"orientation": "h", "yanchor": "top", "y": -0.02, "x": 0},
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        font={"color": TEXT_COLOUR},
    )
