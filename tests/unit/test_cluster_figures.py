"""Cluster figure builders: pure functions on the seed clusters, no database, no browser."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.figures import clusters as fig
from data import geo
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


def test_map_opens_with_a_trace_that_needs_no_topojson(clusters, names):
    # plotly.js downloads a world topojson from a CDN when the first geo trace has a
    # locationmode (any choropleth); offline that download fails and the map is blank.
    figure = validated(
        fig.hq_map(clusters, geo.provinces_geojson(), geo.provinces_frame(), names, "it")
    )
    first = figure.data[0]
    assert isinstance(first, go.Scattergeo)
    assert first.locations is None and first.locationmode is None
    assert figure.layout.geo.visible is False
    assert figure.layout.geo.projection.type == "mercator"


def test_map_has_the_provinces_and_nine_markers(clusters, names):
    figure = validated(
        fig.hq_map(clusters, geo.provinces_geojson(), geo.provinces_frame(), names, "it")
    )
    (outline,) = geo_traces(figure, go.Choropleth)
    assert sorted(outline.locations) == sorted(geo.province_names())
    assert outline.geojson["type"] == "FeatureCollection"
    markers = [t for t in geo_traces(figure, go.Scattergeo) if t.customdata is not None]
    codes = [code for trace in markers for code in trace.customdata]
    assert sorted(codes) == sorted(clusters["code"])
    legend = {trace.name for trace in markers}
    assert legend == {
        "Manifattura Avanzata",
        "Nutrizione",
        "Smart Mobility e Architecture",
        "Salute e Life Science",
        "Sostenibilità",
        "Più ecosistemi",  # Aerospace and Smart Cities have several reference ecosystems
    }
    hover = " ".join(text for trace in markers for text in trace.hovertext)
    assert "144 associati: 116 imprese, 14 organismi di ricerca, 14 altri enti" in hover
    assert "Via Stezzano, 87, 24126 Bergamo" in hover and "https://www.afil.it" in hover


def test_marker_area_is_proportional_to_members(clusters, names):
    figure = validated(
        fig.hq_map(clusters, geo.provinces_geojson(), geo.provinces_frame(), names, "it")
    )
    sizes: dict[str, float] = {}
    for trace in geo_traces(figure, go.Scattergeo):
        if trace.customdata is not None:
            sizes.update(zip(trace.customdata, trace.marker.size, strict=True))
    members = dict(zip(clusters["code"], clusters["members_total"], strict=True))
    assert sizes["afil"] == pytest.approx(fig.MAX_MARKER_PX)
    ratio = (sizes["scienze-vita"] / sizes["afil"]) ** 2
    assert ratio == pytest.approx(members["scienze-vita"] / members["afil"])


def test_filtered_map_keeps_the_full_scale(clusters, names):
    small = clusters[clusters["code"] == "agrifood"]
    figure = validated(
        fig.hq_map(
            small, geo.provinces_geojson(), geo.provinces_frame(), names, "it", reference_max=144
        )
    )
    (marker,) = [t for t in geo_traces(figure, go.Scattergeo) if t.customdata is not None]
    assert marker.marker.size[0] < fig.MAX_MARKER_PX / 2


def test_map_labels_in_english(clusters):
    names_en = dict(seed_ecosystems("en"))
    figure = validated(
        fig.hq_map(clusters, geo.provinces_geojson(), geo.provinces_frame(), names_en, "en")
    )
    assert figure.layout.legend.title.text == "Reference ecosystem"
    legend = {t.name for t in figure.data if t.customdata is not None}
    assert "Several ecosystems" in legend and "Sustainability" in legend
    hover = " ".join(h for t in figure.data if t.customdata is not None for h in t.hovertext)
    assert "144 members: 116 firms, 14 research organisations, 14 other bodies" in hover


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
        assert isinstance(figure.data[0], go.Scattergeo)  # see the map test above
        (choropleth,) = geo_traces(figure, go.Choropleth)
        z = dict(zip(choropleth.locations, choropleth.z, strict=True))
        assert z["015"] == 376 and z["014"] == 0
        assert choropleth.colorbar.title.text == title
        assert any("Milano" in text for text in figure.data[0].text)


# --- member composition and ecosystem matrix --------------------------------------------


def test_members_bar_stacks_the_three_types(clusters):
    figure = validated(fig.members_bar(clusters, "it"))
    bars = [t for t in figure.data if isinstance(t, go.Bar)]
    assert [b.name for b in bars] == ["Imprese", "Organismi di ricerca", "Altri enti"]
    assert [sum(b.x) for b in bars] == [555, 109, 91]
    assert figure.layout.barmode == "stack"
    assert bars[0].y[-1] in ("AFIL", "Energy Cleantech (LE2C)")  # the largest on top
    assert validated(fig.members_bar(clusters, "en")).data[0].name == "Firms"


def test_role_of():
    assert fig.role_of(["a"], ["a", "b"], "a") == "reference_synergy"
    assert fig.role_of(["a"], ["b"], "a") == "reference"
    assert fig.role_of(["a"], ["b"], "b") == "synergy"
    assert fig.role_of(["a"], ["b"], "c") == ""


def test_ecosystem_matrix_marks_reference_and_synergy(clusters):
    ecosystems = seed_ecosystems()
    matrix = fig.ecosystem_matrix_frame(clusters, [c for c, _ in ecosystems])
    assert matrix.at["afil", "manifattura"] == "reference_synergy"
    assert matrix.at["afil", "connettivita"] == "synergy"
    assert matrix.at["scc", "cultura"] == "reference"
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
    validated(fig.hq_map(empty, geo.provinces_geojson(), geo.provinces_frame(), names, "it"))
    validated(fig.members_bar(empty, "it"))
    validated(fig.ecosystem_matrix(empty, seed_ecosystems(), "it"))
