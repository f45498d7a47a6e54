"""Cluster figure builders: pure functions on the seed clusters, no database, no browser."""

from __future__ import annotations

import csv
import itertools
import math
import random
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.figures import clusters as fig
from dashboard.figures import svg_map
from data import geo
from tests.components import SVG, attr, svg_text
from tests.figures import validated

SEED = Path(__file__).resolve().parents[2] / "data" / "seed"


def seed_clusters() -> pd.DataFrame:
    """The seed clusters shaped like `queries.clusters_frame` (lists of codes, numbers)."""
    with (SEED / "clusters.csv").open(encoding="utf-8", newline="") as handle:
        frame = pd.DataFrame(list(csv.DictReader(handle)))
    for column in ("members_total", "members_firms", "members_research", "members_other"):
        frame[column] = frame[column].astype(int)
    for column in ("lat", "lon"):
        frame[column] = frame[column].astype(float)
    for column in ("reference_ecosystems", "synergy_ecosystems"):
        frame[column] = frame[column].map(lambda v: [c for c in v.split("|") if c])
    return frame.sort_values("name", ignore_index=True)


def seed_ecosystems(lang: str = "it") -> list[tuple[str, str]]:
    with (SEED / "ecosystems.csv").open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["cross_cutting"] == "false"]
    return [(r["code"], r[f"name_{lang}"]) for r in rows]


@pytest.fixture(scope="module")
def clusters() -> pd.DataFrame:
    return seed_clusters()


@pytest.fixture(scope="module")
def names() -> dict[str, str]:
    return dict(seed_ecosystems())


def luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def geo_traces(figure: go.Figure, kind: type) -> list:
    return [trace for trace in figure.data if isinstance(trace, kind)]


# --- palette ----------------------------------------------------------------------------


def test_marker_colours_stand_out_from_the_land():
    for code, colour in fig.ECOSYSTEM_COLOURS.items():
        assert contrast(colour, fig.LAND_FILL) >= 3, code
    assert len(set(fig.ECOSYSTEM_COLOURS.values())) == len(fig.ECOSYSTEM_COLOURS)
    assert contrast(fig.BORDER_COLOUR, fig.LAND_FILL) >= 3
    assert contrast(fig.LABEL_COLOUR, fig.LAND_FILL) >= 4.5  # text


def test_chart_colours_contrast_with_white():
    for colour in [*fig.MEMBER_COLOURS.values(), fig.REFERENCE_COLOUR, fig.SYNERGY_COLOUR]:
        assert contrast(colour, "#ffffff") >= 3, colour


# --- headquarters map -------------------------------------------------------------------


def draw(frame: pd.DataFrame, names: dict[str, str], lang: str = "it", **options) -> ET.Element:
    """The headquarters map's SVG, parsed (it must be well-formed XML)."""
    markup = fig.hq_map(
        frame, geo.provinces_geojson(), geo.provinces_frame(), names, lang, svg_id="m", **options
    )
    return ET.fromstring(markup)


def markers(svg: ET.Element) -> list[ET.Element]:
    return [e for e in svg.iter() if e.get("class") == "s3-map-marker"]


def radius_of(marker: ET.Element) -> float:
    (circle,) = marker.iter(f"{SVG}circle")
    return float(attr(circle, "r"))


def test_map_has_the_provinces_and_nine_markers(clusters, names):
    svg = draw(clusters, names)
    outlines = [p for p in svg.iter(f"{SVG}path")]
    assert len(outlines) == 12  # one path per province, every ring in it
    found = markers(svg)
    assert [m.get("data-value") for m in found] == list(clusters["code"])  # the list's order
    legend = [t.text for t in svg.iter(f"{SVG}text") if t.text and "ecosistem" not in t.text]
    for entry in (
        "Manifattura Avanzata",
        "Nutrizione",
        "Smart Mobility e Architecture",
        "Salute e Life Science",
        "Sostenibilità",
    ):
        assert entry in legend
    assert "Più ecosistemi" in [t.text for t in svg.iter(f"{SVG}text")]  # Aerospace, SCC
    afil = next(m for m in found if m.get("data-value") == "afil")
    tooltip = svg_text(afil, "title").split("\n")
    assert tooltip[1:] == [
        "Via Stezzano, 87, 24126 Bergamo",
        "144 associati: 116 imprese, 14 organismi di ricerca, 14 altri enti",
        "Ecosistema di riferimento: Manifattura Avanzata",
        "https://www.afil.it",
    ]
    assert afil.get("aria-label") == "; ".join(tooltip)  # the name says what the tooltip does
    (circle,) = afil.iter(f"{SVG}circle")
    assert circle.get("fill") == fig.ECOSYSTEM_COLOURS["manifattura"]


def test_markers_are_links_only_with_a_target(clusters, names):
    linked = draw(clusters, names, link=lambda code: f"/clusters?cluster={code}", picker="pick")
    assert linked.get("data-picker") == "pick"
    for marker in markers(linked):
        assert marker.tag == f"{SVG}a"
        assert marker.get("href") == f"/clusters?cluster={marker.get('data-value')}"
    plain = draw(clusters, names, picker="pick")  # no link: nothing to choose in a list
    assert plain.get("data-picker") is None
    for marker in markers(plain):
        assert marker.tag == f"{SVG}g" and marker.get("href") is None
        # Still a keyboard stop with a name, so the tooltip's facts are not pointer-only.
        assert (marker.get("tabindex"), marker.get("role")) == ("0", "img")
        assert marker.get("aria-label")


def test_map_text_is_escaped(clusters, names):
    hostile = clusters.copy()
    hostile.loc[0, "name"] = 'Evil <script>alert("x")</script> & Co'
    hostile.loc[0, "website"] = 'https://x.example/?a=1&b="2"'
    link = "/clusters?cluster=<b>&x='1'"
    svg = draw(hostile, names, link=lambda code: link)
    assert not list(svg.iter(f"{SVG}script")) and not list(svg.iter("script"))
    first = markers(svg)[0]
    assert svg_text(first, "title").startswith('Evil <script>alert("x")</script> & Co')
    assert first.get("href") == link
    assert 'https://x.example/?a=1&b="2"' in attr(first, "aria-label")


def test_marker_area_is_proportional_to_members(clusters, names):
    sizes = {m.get("data-value"): 2 * radius_of(m) for m in markers(draw(clusters, names))}
    members = dict(zip(clusters["code"], clusters["members_total"], strict=True))
    assert sizes["afil"] == pytest.approx(fig.MAX_MARKER_PX, abs=0.1)
    ratio = (sizes["scienze-vita"] / sizes["afil"]) ** 2
    assert ratio == pytest.approx(members["scienze-vita"] / members["afil"], rel=0.02)


def test_filtered_map_keeps_the_full_scale(clusters, names):
    small = clusters[clusters["code"] == "agrifood"]
    (marker,) = markers(draw(small, names, reference_max=144))
    assert 2 * radius_of(marker) < fig.MAX_MARKER_PX / 2


def test_map_labels_in_english(clusters):
    svg = draw(clusters, dict(seed_ecosystems("en")), "en")
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert "Reference ecosystem" in texts
    assert "Several ecosystems" in texts and "Sustainability" in texts
    titles = " ".join(svg_text(m, "title") for m in markers(svg))
    assert "144 members: 116 firms, 14 research organisations, 14 other bodies" in titles


def absolute_points(path: str) -> list[tuple[float, float]]:
    """The points of `ring_path`'s path data (M x y, then l dx dy..., z), per ring."""
    points: list[tuple[float, float]] = []
    for ring in re.findall(r"M([^l]+)l([^z]*)z", path):
        x, y = (float(v) for v in re.findall(r"-?[\d.]+", ring[0]))
        points.append((x, y))
        steps = [float(v) for v in re.findall(r"-?(?:\d+\.?\d*|\.\d+)", ring[1])]
        for dx, dy in zip(steps[::2], steps[1::2], strict=True):
            x, y = x + dx, y + dy
            points.append((x, y))
    return points


def test_legend_covers_no_province_marker_or_label(clusters, names):
    svg = draw(clusters, names)
    legend = next(e for e in svg.iter() if e.get("class") == "s3-map-legend")
    (box,) = legend.iter(f"{SVG}rect")
    x0, y0 = float(attr(box, "x")), float(attr(box, "y"))
    x1, y1 = x0 + float(attr(box, "width")), y0 + float(attr(box, "height"))
    view = [float(v) for v in attr(svg, "viewBox").split()]
    assert x1 <= view[2] and y1 <= view[3]  # inside the drawing
    for path in svg.iter(f"{SVG}path"):
        for x, y in absolute_points(attr(path, "d")):
            assert not (x0 <= x <= x1 and y0 <= y <= y1)
    for circle in svg.iter(f"{SVG}circle"):
        if circle in legend.iter(f"{SVG}circle"):
            continue
        cx, cy, r = (float(attr(circle, k)) for k in ("cx", "cy", "r"))
        assert cx + r < x0 or cy - r > y1
    for text in svg.iter(f"{SVG}text"):
        if text in legend.iter(f"{SVG}text"):
            continue
        assert float(attr(text, "y")) > y1 or float(attr(text, "x")) < x0


def test_outlines_stay_within_half_a_pixel_and_lose_no_province():
    shapes = fig.province_shapes(geo.provinces_geojson())
    assert sorted(shapes) == sorted(geo.province_names())
    every = sum(len(ring) for rings in shapes.values() for ring in rings)
    assert 1000 < every < 4000  # simplified (the file has 3,998 points), still detailed
    for feature in geo.provinces_geojson()["features"]:
        (first,) = [ring for ring in svg_map._rings(feature["geometry"])][:1]
        projected = [fig.to_px(lon, lat) for lon, lat in first]
        kept = shapes[feature["id"]][0]
        assert kept[0] == projected[0] and kept[-1] == projected[-1]
        for point in projected:  # every original point is near the simplified line
            assert (
                min(geo.segment_distance(point, a, b) for a, b in itertools.pairwise(kept))
                <= fig.OUTLINE_TOLERANCE_PX + 1e-9
            )


def test_markers_do_not_overlap(clusters):
    diameters = fig.marker_diameters(clusters["members_total"].tolist(), 144)
    placed = fig.spread_positions(clusters["lon"].tolist(), clusters["lat"].tolist(), diameters)
    points = [fig.to_px(p.lon, p.lat) for p in placed]
    for i in range(len(points)):
        for j in range(i + 1, len(points)):
            assert math.dist(points[i], points[j]) >= (diameters[i] + diameters[j]) / 2
    moved = dict(zip(clusters["code"], (p.moved for p in placed), strict=True))
    milan = {"scienze-vita", "energy", "scc", "green-chemistry"}
    assert {code for code, m in moved.items() if m} == milan
    for place, lon, lat in zip(placed, clusters["lon"], clusters["lat"], strict=True):
        if not place.moved:
            assert (place.lon, place.lat) == (lon, lat)
        else:  # still in Milan
            assert abs(place.lon - 9.19) < 0.3 and abs(place.lat - 45.48) < 0.25


def test_identical_addresses_are_split():
    placed = fig.spread_positions([9.19, 9.19], [45.46, 45.46], [30.0, 30.0])
    assert all(p.moved for p in placed)
    assert fig.to_px(placed[0].lon, placed[0].lat) != fig.to_px(placed[1].lon, placed[1].lat)


def test_labels_keep_clear_of_markers_and_each_other(clusters):
    diameters = fig.marker_diameters(clusters["members_total"].tolist(), 144)
    placed = fig.spread_positions(clusters["lon"].tolist(), clusters["lat"].tolist(), diameters)
    frame = clusters.reset_index(drop=True)
    labels = fig.map_labels(
        frame, placed, diameters, geo.provinces_frame(), geo.provinces_geojson()
    )
    boxes = []
    for i, place in enumerate(placed):
        x, y = fig.to_px(place.lon, place.lat)
        name = fig.short_name(frame["code"][i], frame["name"][i])
        anchor = fig.Anchor(x, y, diameters[i] / 2, fig.text_width(name, bold=True))
        boxes.append(fig.label_box(anchor, labels.cluster_positions[i]))
    markers = [
        (x - d / 2, y - d / 2, x + d / 2, y + d / 2)
        for (x, y), d in (
            (fig.to_px(p.lon, p.lat), d) for p, d in zip(placed, diameters, strict=True)
        )
    ]
    for i, box in enumerate(boxes):
        for other in boxes[i + 1 :] + markers:
            assert fig._overlap(box, other) == 0, frame["code"][i]
    assert "Milano" in labels.city_text and "Bergamo" in labels.city_text


def test_place_labels_prefers_the_first_free_position():
    anchor = fig.Anchor(0, 0, 10, 50)
    assert fig.place_labels([anchor], [], (-500, -500, 500, 500)) == ["middle right"]
    blocked = fig.label_box(anchor, "middle right")
    assert fig.place_labels([anchor], [blocked], (-500, -500, 500, 500)) == ["middle left"]
    # at the right edge of the frame, the label goes left
    assert fig.place_labels([anchor], [], (-500, -500, 30, 500)) == ["middle left"]


# --- province choropleth ----------------------------------------------------------------


def test_province_summary_counts_headquarters_and_members(clusters):
    empty = pd.DataFrame(columns=["province_code", "projects", "funding_eur"])
    summary = fig.province_summary(geo.provinces_frame(), clusters, empty)
    milano = summary.set_index("code").loc["015"]
    assert (milano["hq"], milano["members"]) == (4, 376)
    assert milano["members_per_100k"] == pytest.approx(376 / milano["population"] * 100_000)
    assert summary["members"].sum() == 755
    assert (summary["hq"] > 0).sum() == 6
    assert fig.province_metric(summary) == "members"


def test_province_summary_with_projects(clusters):
    projects = pd.DataFrame(
        {
            "province_code": ["015", "015", "016", ""],
            "projects": [2, 1, 4, 5],
            "funding_eur": [100.0, 50.0, 200.0, 999.0],
        }
    )
    summary = fig.province_summary(geo.provinces_frame(), clusters, projects).set_index("code")
    assert summary.loc["015", "projects"] == 3 and summary.loc["015", "funding_eur"] == 150
    assert summary.loc["014", "projects"] == 0
    assert summary["projects"].sum() == 7  # the one without a province is not on the map
    assert fig.province_metric(summary.reset_index()) == "funding_eur"


def test_province_map_colours_the_metric(clusters):
    empty = pd.DataFrame(columns=["province_code", "projects", "funding_eur"])
    summary = fig.province_summary(geo.provinces_frame(), clusters, empty)
    for lang, title in (("it", "Associati"), ("en", "Members")):
        figure = validated(
            fig.province_map(
                summary, geo.provinces_geojson(), geo.provinces_frame(), "members", lang
            )
        )
        # plotly.js downloads a world topojson from a CDN when the first geo trace has a
        # locationmode (any choropleth); offline that download fails and the map is blank.
        first = figure.data[0]
        assert isinstance(first, go.Scattergeo)
        assert first.locations is None and first.locationmode is None
        assert figure.layout.geo.visible is False
        (choropleth,) = geo_traces(figure, go.Choropleth)
        z = dict(zip(choropleth.locations, choropleth.z, strict=True))
        assert z["015"] == 376 and z["014"] == 0
        assert choropleth.colorbar.title.text == title
        assert any("Milano" in text for text in figure.data[0].text)


def test_province_map_reads_the_summary_as_a_left_merge_would(clusters):
    """Rows found by code whatever their order; a province without one gets NaN; one each."""
    provinces = geo.provinces_frame()
    projects = pd.DataFrame(columns=["province_code", "projects", "funding_eur"])
    full = fig.province_summary(provinces, clusters, projects)
    summary = full[full["code"] != "014"].iloc[::-1]  # Lecco left out, the rest reversed
    merged = provinces[["code", "short", "label_lon", "label_lat"]].merge(
        summary, on="code", how="left", validate="one_to_one"
    )
    figure = validated(
        fig.province_map(summary, geo.provinces_geojson(), provinces, "members", "it")
    )
    labels, choropleth = figure.data
    assert list(choropleth.locations) == merged["code"].tolist()
    assert list(choropleth.z) == merged["members"].fillna(0).tolist()
    hover = dict(zip(choropleth.locations, choropleth.hovertext, strict=True))
    assert hover["015"].startswith("<b>Milano</b>") and hover["014"].startswith("<b>nan</b>")
    assert list(labels.lon) == merged["label_lon"].tolist()
    twice = pd.concat([summary, summary.iloc[:1]])
    with pytest.raises(ValueError, match="one summary row per province"):
        fig.province_map(twice, geo.provinces_geojson(), provinces, "members", "it")


# --- member composition and ecosystem matrix --------------------------------------------


def test_members_bar_stacks_the_three_types(clusters):
    figure = validated(fig.members_bar(clusters, "it"))
    bars = [t for t in figure.data if isinstance(t, go.Bar)]
    assert [b.name for b in bars] == ["Imprese", "Organismi di ricerca", "Altri enti"]
    assert [sum(b.x) for b in bars] == [555, 109, 91]
    assert figure.layout.barmode == "stack"
    assert bars[0].y[-1] in ("AFIL", "Energy Cleantech (LE2C)")  # the largest on top
    assert validated(fig.members_bar(clusters, "en")).data[0].name == "Firms"


def test_members_bar_orders_as_pandas_sort_values(clusters):
    """Smallest first, then name descending; rows equal on both keep the frame's order."""
    frame = pd.concat([clusters, clusters.iloc[:3]], ignore_index=True)
    frame.loc[len(clusters) :, "code"] = ["T1", "T2", "T3"]  # same size and name as 0-2
    frame.loc[[1, 4], "members_total"] = frame.loc[0, "members_total"]  # a tie on size
    expected = frame.sort_values(["members_total", "name"], ascending=[True, False])
    figure = validated(fig.members_bar(frame, "it"))
    firms = figure.data[0]
    assert list(firms.customdata) == expected["code"].tolist()
    assert list(firms.x) == expected["members_firms"].astype(float).tolist()
    assert list(figure.data[-1].x) == expected["members_total"].astype(float).tolist()


def test_role_of():
    assert fig.role_of(["a"], ["a", "b"], "a") == "reference_synergy"
    assert fig.role_of(["a"], ["b"], "a") == "reference"
    assert fig.role_of(["a"], ["b"], "b") == "synergy"
    assert fig.role_of(["a"], ["b"], "c") == ""


def test_ecosystem_matrix_marks_reference_and_synergy(clusters):
    ecosystems = seed_ecosystems()
    roles = fig.role_rows(clusters, [c for c, _ in ecosystems])
    assert list(roles) == clusters["code"].tolist()
    assert list(roles["afil"]) == [c for c, _ in ecosystems]
    assert roles["afil"]["manifattura"] == "reference_synergy"
    assert roles["afil"]["connettivita"] == "synergy"
    assert roles["scc"]["cultura"] == "reference"
    assert roles["scc"]["manifattura"] == ""
    figure = validated(fig.ecosystem_matrix(clusters, ecosystems, "it", selected="salute"))
    reference, synergy = figure.data
    assert reference.marker.symbol == "square" and synergy.marker.symbol == "circle-open"
    assert len(reference.x) == sum(len(r) for r in clusters["reference_ecosystems"])
    assert len(synergy.x) == sum(len(s) for s in clusters["synergy_ecosystems"])
    assert [reference.name, synergy.name] == ["Ecosistema di riferimento", "Sinergia S3"]
    (shade,) = figure.layout.shapes  # the selected ecosystem's column
    assert shade.x0 == 3 - 0.5  # salute is the fourth ecosystem


def test_figures_accept_an_empty_frame(clusters, names):
    empty = clusters.iloc[0:0]
    svg = draw(empty, names)
    assert markers(svg) == [] and len(list(svg.iter(f"{SVG}path"))) == 12
    validated(fig.members_bar(empty, "it"))
    validated(fig.ecosystem_matrix(empty, seed_ecosystems(), "it"))


def test_clash_sums_the_overlaps_as_the_pairwise_sum_did() -> None:
    rng = random.Random(7)

    def box() -> tuple[float, float, float, float]:
        x, y = rng.uniform(0, 100), rng.uniform(0, 100)
        return (x, y, x + rng.uniform(0, 40), y + rng.uniform(0, 20))

    others = [box() for _ in range(200)] + [(10.0, 10.0, 20.0, 20.0)]
    for probe in [box() for _ in range(200)] + [(20.0, 10.0, 30.0, 20.0)]:  # edge to edge
        assert fig._clash(probe, others) == sum(fig._overlap(probe, o) for o in others)
    assert fig._clash((0.0, 0.0, 1.0, 1.0), []) == 0
