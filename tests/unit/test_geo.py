"""The bundled provinces GeoJSON: the 12 provinces, their codes, and the clusters inside them."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from data import geo

ROOT = Path(__file__).resolve().parents[2]
GEOJSON = ROOT / "data" / "geo" / geo.GEOJSON_NAME
SEED_CLUSTERS = ROOT / "data" / "seed" / "clusters.csv"
LOMBARDY_CODES = {
    "012": "Varese",
    "013": "Como",
    "014": "Sondrio",
    "015": "Milano",
    "016": "Bergamo",
    "017": "Brescia",
    "018": "Pavia",
    "019": "Cremona",
    "020": "Mantova",
    "097": "Lecco",
    "098": "Lodi",
    "108": "Monza e della Brianza",
}


def polygons(feature: dict) -> list[list[list[list[float]]]]:
    """Every polygon of a feature (rings of [lon, lat])."""
    geometry = feature["geometry"]
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    assert geometry["type"] == "MultiPolygon"
    return geometry["coordinates"]


def ring_contains(ring: list[list[float]], lon: float, lat: float) -> bool:
    """Ray casting: a ray from the point eastwards crosses the ring an odd number of times."""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > lat) != (y2 > lat):
            crossing = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
            if lon < crossing:
                inside = not inside
    return inside


def feature_contains(feature: dict, lon: float, lat: float) -> bool:
    """Inside an outer ring and outside its holes, for any polygon of the feature."""
    return any(
        ring_contains(outer, lon, lat) and not any(ring_contains(h, lon, lat) for h in holes)
        for outer, *holes in polygons(feature)
    )


@pytest.fixture(scope="module")
def collection() -> dict:
    return json.loads(GEOJSON.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_clusters() -> list[dict[str, str]]:
    with SEED_CLUSTERS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_ray_casting_itself():
    square = [[0.0, 0.0], [0.0, 1.0], [1.0, 1.0], [1.0, 0.0], [0.0, 0.0]]
    assert ring_contains(square, 0.5, 0.5)
    assert not ring_contains(square, 1.5, 0.5)
    assert not ring_contains(square, 0.5, -0.1)


def test_twelve_provinces_with_their_istat_codes(collection):
    assert collection["type"] == "FeatureCollection"
    codes = {f["id"]: f["properties"]["name"] for f in collection["features"]}
    assert codes == LOMBARDY_CODES
    for feature in collection["features"]:
        assert feature["properties"]["code"] == feature["id"]
        assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")


def test_file_is_small_and_rounded(collection):
    assert GEOJSON.stat().st_size < 200_000
    for feature in collection["features"]:
        for polygon in polygons(feature):
            for ring in polygon:
                assert ring[0] == ring[-1]  # closed
                for lon, lat in ring:
                    assert 8.4 < lon < 11.5 and 44.6 < lat < 46.7
                    assert round(lon, 4) == lon and round(lat, 4) == lat


def test_population_and_label_points(collection):
    total = 0
    for feature in collection["features"]:
        props = feature["properties"]
        assert isinstance(props["population"], int) and props["population"] > 100_000
        total += props["population"]
        assert feature_contains(feature, props["label_lon"], props["label_lat"])
    assert 9_500_000 < total < 10_500_000  # Lombardy: about ten million residents


def test_attribution_names_source_and_licence():
    text = geo.attribution()
    assert "Openpolis" in text and "ISTAT" in text and "CC BY 4.0" in text


def test_every_cluster_province_exists(collection, seed_clusters):
    codes = {f["id"] for f in collection["features"]}
    assert {c["province_code"] for c in seed_clusters} <= codes


def test_every_cluster_lies_inside_its_province(collection, seed_clusters):
    by_code = {f["id"]: f for f in collection["features"]}
    for cluster in seed_clusters:
        lon, lat = float(cluster["lon"]), float(cluster["lat"])
        feature = by_code[cluster["province_code"]]
        assert feature_contains(feature, lon, lat), cluster["code"]
        others = [c for c, f in by_code.items() if feature_contains(f, lon, lat)]
        assert others == [cluster["province_code"]], cluster["code"]
        assert feature["properties"]["name"] == cluster["city"] == cluster["province_name"]


def test_loader_reads_the_package_data_once():
    first = geo.provinces_geojson()
    assert first is geo.provinces_geojson()  # cached per process
    frame = geo.provinces_frame()
    assert list(frame["code"]) == sorted(LOMBARDY_CODES)
    assert geo.province_names()["098"] == "Lodi"
    assert geo.province_population()["015"] > 3_000_000
    frame.loc[0, "name"] = "changed"  # a copy: the cached frame is untouched
    assert geo.province_names()["012"] == "Varese"


def _distance_to_ring(x: float, y: float, ring: list[list[float]]) -> float:
    """Distance from a point to the nearest segment of a ring."""
    best = float("inf")
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        dx, dy = x2 - x1, y2 - y1
        along = 0.0 if not (dx or dy) else ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)
        along = min(1.0, max(0.0, along))
        best = min(best, ((x - x1 - along * dx) ** 2 + (y - y1 - along * dy) ** 2) ** 0.5)
    return best


def test_map_outline_is_lighter_and_stays_on_the_borders(collection, seed_clusters):
    outline = geo.map_outline()
    assert outline is geo.map_outline()  # computed once per process
    assert len(json.dumps(outline)) < 0.7 * len(json.dumps(collection))
    # Every shipped point lies within the tolerance (plus the rounding) of its simplified
    # ring, and every ring is still a closed ring.
    slack = geo.MAP_TOLERANCE_DEGREES + 0.5 * 10**-geo.MAP_DECIMALS * 2**0.5 + 1e-9
    worst = 0.0
    for shipped, light in zip(collection["features"], outline["features"], strict=True):
        assert light["id"] == shipped["id"] and light["properties"] == shipped["properties"]
        for polygon, light_polygon in zip(polygons(shipped), polygons(light), strict=True):
            for ring, light_ring in zip(polygon, light_polygon, strict=True):
                assert len(light_ring) >= 4 and light_ring[0] == light_ring[-1]
                assert len(light_ring) <= len(ring)
                for x, y in ring:
                    worst = max(worst, _distance_to_ring(x, y, light_ring))
    assert 0 < worst <= slack
    # The headquarters stay inside their own province only.
    by_code = {f["id"]: f for f in outline["features"]}
    for cluster in seed_clusters:
        lon, lat = float(cluster["lon"]), float(cluster["lat"])
        inside = [c for c, f in by_code.items() if feature_contains(f, lon, lat)]
        assert inside == [cluster["province_code"]], cluster["code"]
    assert geo.provinces_geojson() is not outline  # the shipped one is left as it was
