"""The seed CSVs (data/seed/*.csv): format, internal consistency and sampled source figures.

Reads the files with the csv module only: no database, no project code but data.schemas.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
from pathlib import Path

import pytest

from data.schemas import HEADLINES, SEED_KINDS

SEED_DIR = Path(__file__).resolve().parents[2] / "data" / "seed"
SEED_FILES = ("ecosystems", "clusters", "indicators", "observations", "calls", "headlines")
DOC_002 = "002_b00e1683dd7b88f1.txt"

ECOSYSTEM_CODES = [
    "manifattura",
    "nutrizione",
    "smart-mobility",
    "salute",
    "sostenibilita",
    "connettivita",
    "cultura",
    "sviluppo-sociale",
    "trasversale",
]

CLUSTER_CITIES = {
    "afil": "Bergamo",
    "agrifood": "Lodi",
    "mobilita": "Brescia",
    "scienze-vita": "Milano",
    "tav": "Lecco",
    "scc": "Milano",
    "aerospace": "Varese",
    "energy": "Milano",
    "green-chemistry": "Milano",
}

# The "n.d." cells of the indicator table in 002 (all in the "Dati ad aprile 2025" column).
ND_CELLS = {
    ("RI02", "2025-04-30"),
    ("RI03", "2025-04-30"),
    ("RI07", "2025-04-30"),
    ("RI08", "2025-04-30"),
}

# Lombardy's bounding box.
LAT_RANGE = (44.6, 46.7)
LON_RANGE = (8.4, 11.5)


def read_rows(kind: str) -> tuple[list[str], list[dict[str, str]]]:
    with (SEED_DIR / f"{kind}.csv").open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def rows(kind: str) -> list[dict[str, str]]:
    return read_rows(kind)[1]


def by_code(kind: str) -> dict[str, dict[str, str]]:
    return {r["code"]: r for r in rows(kind)}


def observation(code: str, date: str) -> dict[str, str]:
    found = [r for r in rows("observations") if r["indicator_code"] == code and r["date"] == date]
    assert len(found) == 1, (code, date)
    return found[0]


def seeds_dir() -> Path:
    env = os.environ.get("S3DASH_SEEDS_DIR")
    return Path(env) if env else Path(__file__).resolve().parents[3] / "shared" / "seeds"


# ------------------------------------------------------------------ format


def test_exactly_the_expected_files() -> None:
    present = sorted(p.stem for p in SEED_DIR.glob("*.csv"))
    assert present == sorted(SEED_FILES)  # no projects.csv: the documents list no projects


@pytest.mark.parametrize("kind", SEED_FILES)
def test_header_equals_schema(kind: str) -> None:
    header, _ = read_rows(kind)
    assert header == SEED_KINDS[kind].names


@pytest.mark.parametrize("kind", SEED_FILES)
def test_cells_match_column_types(kind: str) -> None:
    schema = SEED_KINDS[kind]
    data = rows(kind)
    assert data, kind
    for i, row in enumerate(data, start=2):
        assert None not in row, f"{kind}.csv line {i}: too many cells"
        for col in schema.columns:
            value = row[col.name]
            where = f"{kind}.csv line {i}, {col.name}={value!r}"
            assert value is not None, where
            if col.required:
                assert value.strip(), where
            if value == "":
                continue
            assert value == value.strip(), where
            assert value.lower() not in {"n.d.", "nd", "n.d"}, where  # missing = empty cell
            if col.type == "int" or col.type == "money":
                assert re.fullmatch(r"-?\d+", value), where
            elif col.type == "float":
                assert re.fullmatch(r"-?\d+(\.\d+)?", value), where
            elif col.type == "date":
                assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", value), where
                dt.date.fromisoformat(value)
            elif col.type == "bool":
                assert value in {"true", "false"}, where
            elif col.type == "codes":
                assert all(re.fullmatch(r"[a-z0-9-]+", c) for c in value.split("|")), where
            if col.choices:
                assert value in col.choices, where


@pytest.mark.parametrize("kind", SEED_FILES)
def test_keys_are_unique(kind: str) -> None:
    schema = SEED_KINDS[kind]
    keys = [tuple(r[k] for k in schema.key) for r in rows(kind)]
    assert len(keys) == len(set(keys))


# ------------------------------------------------------------------ ecosystems


def test_ecosystems() -> None:
    data = rows("ecosystems")
    assert [r["code"] for r in data] == ECOSYSTEM_CODES
    assert [r["sort_order"] for r in data] == [str(i) for i in range(1, 10)]
    cross = {r["code"] for r in data if r["cross_cutting"] == "true"}
    assert cross == {"trasversale"}


def test_every_referenced_ecosystem_exists() -> None:
    known = set(ECOSYSTEM_CODES)
    refs: list[str] = []
    for r in rows("clusters"):
        refs += r["reference_ecosystems"].split("|")
        refs += [c for c in r["synergy_ecosystems"].split("|") if c]
    refs += [c for r in rows("calls") for c in r["ecosystems"].split("|") if c]
    refs += [r["ecosystem"] for r in rows("indicators") if r["ecosystem"]]
    assert refs
    assert set(refs) <= known, set(refs) - known
    # every real ecosystem is some cluster's reference or synergy ecosystem
    assert set(ECOSYSTEM_CODES) - {"trasversale"} <= set(refs)


# ------------------------------------------------------------------ clusters


def test_nine_clusters_with_their_cities() -> None:
    clusters = by_code("clusters")
    assert len(rows("clusters")) == 9
    assert {code: r["city"] for code, r in clusters.items()} == CLUSTER_CITIES


def test_cluster_members_add_up() -> None:
    data = rows("clusters")
    for r in data:
        parts = int(r["members_firms"]) + int(r["members_research"]) + int(r["members_other"])
        assert int(r["members_total"]) == parts, r["code"]
    total = {
        col: sum(int(r[col]) for r in data)
        for col in ("members_total", "members_firms", "members_research", "members_other")
    }
    assert total == {
        "members_total": 755,
        "members_firms": 555,
        "members_research": 109,
        "members_other": 91,
    }


def test_cluster_coordinates_in_lombardy() -> None:
    for r in rows("clusters"):
        lat, lon = float(r["lat"]), float(r["lon"])
        assert LAT_RANGE[0] <= lat <= LAT_RANGE[1], r["code"]
        assert LON_RANGE[0] <= lon <= LON_RANGE[1], r["code"]
        assert r["coords_approximate"] == "true", r["code"]
        assert re.fullmatch(r"\d{3}", r["province_code"]), r["code"]


def test_cluster_sample_facts() -> None:
    clusters = by_code("clusters")
    assert clusters["afil"]["other_offices"].endswith("20133 Milano")
    assert clusters["scc"]["reference_ecosystems"].count("|") == 5  # SCC lists six
    assert clusters["tav"]["legal_form"] == "Fondazione"
    assert clusters["agrifood"]["success_stories"] == ""


# ------------------------------------------------------------------ indicators


def test_eight_indicators() -> None:
    data = rows("indicators")
    assert [r["code"] for r in data] == [f"RI0{i}" for i in range(1, 9)]
    assert [r["sort_order"] for r in data] == [str(i) for i in range(1, 9)]
    started = {r["code"] for r in data if r["measure_started"] == "false"}
    assert started == {"RI07", "RI08"}
    assert all(r["ecosystem"] == "" for r in data)
    assert all(r["baseline_date"] == "2022-12-31" for r in data)
    assert all(r["target_date"] == "2027-12-31" for r in data)


def test_indicator_sample_values() -> None:
    ind = by_code("indicators")
    assert float(ind["RI01"]["target_value"]) == 5.25
    assert float(observation("RI01", "2025-04-30")["value"]) == 3.1
    assert float(ind["RI02"]["baseline_value"]) == 430
    assert float(observation("RI02", "2024-12-31")["value"]) == 530
    assert observation("RI02", "2025-04-30")["value"] == ""
    assert float(observation("RI05", "2025-04-30")["value"]) == 73.6
    assert float(observation("RI06", "2023-12-31")["value"]) == 447360
    assert float(observation("RI06", "2024-12-31")["value"]) == 583400
    assert float(observation("RI06", "2025-04-30")["value"]) == 407000
    assert float(ind["RI06"]["target_value"]) == 450000
    assert ind["RI06"]["kind"] == "level"


def test_observations_one_per_indicator_and_dated_column() -> None:
    obs = rows("observations")
    dates = {"2023-12-31", "2024-12-31", "2025-04-30"}
    assert len(obs) == 8 * len(dates)
    assert {(r["indicator_code"], r["date"]) for r in obs} == {
        (f"RI0{i}", d) for i in range(1, 9) for d in dates
    }
    assert all(r["status"] == "published" for r in obs)


def test_nd_cells_are_empty_never_zero() -> None:
    obs = rows("observations")
    empty = {(r["indicator_code"], r["date"]) for r in obs if r["value"] == ""}
    assert empty == ND_CELLS
    for r in obs:
        if (r["indicator_code"], r["date"]) in ND_CELLS:
            assert r["note"] == "n.d. nella fonte"


def test_nd_count_matches_the_source_table() -> None:
    doc = seeds_dir() / DOC_002
    if not doc.is_file():
        pytest.skip(f"source document not found: {doc} (set S3DASH_SEEDS_DIR)")
    table = doc.read_text(encoding="utf-8").split("\nIndicatori\n", 1)[1]
    nd_lines = [line for line in table.splitlines() if line.strip() == "n.d."]
    assert len(nd_lines) == len(ND_CELLS)


# ------------------------------------------------------------------ calls


def test_collabora_innova() -> None:
    c = by_code("calls")["collabora-innova"]
    assert c["budget_eur"] == "100000000"
    assert c["requested_eur"] == "326000000"
    assert c["applications"] == "138"
    assert c["partners"] == "760"


def test_ricerca_innova() -> None:
    c = by_code("calls")["ricerca-innova"]
    assert c["granted_eur"] == "41300000"
    assert c["beneficiaries"] == "108"


def test_competenze_innovazione() -> None:
    c = by_code("calls")["competenze-innovazione"]
    assert c["budget_eur"] == "7000000"
    assert c["applications"] == "179"
    assert c["requested_eur"] == "8800000"
    assert c["admitted"] == "59"
    assert c["granted_eur"] == "2500000"
    assert c["manager"] == "Unioncamere Lombardia"


def test_calls_ecosystems() -> None:
    calls = by_code("calls")
    assert calls["smart-mobility-data-driven"]["ecosystems"] == "smart-mobility"
    assert calls["mi-irccs"]["ecosystems"] == "salute"


# ------------------------------------------------------------------ headlines


def test_headlines_sample() -> None:
    hl = {r["code"]: r for r in rows(HEADLINES.kind)}
    assert float(hl["pst-resources"]["value"]) == 1_400_000_000
    assert hl["pst-resources"]["qualifier"] == "circa"
    assert float(hl["ctl-members"]["value"]) == 755
    assert float(hl["ctl-subjects-intro"]["value"]) == 700
    assert hl["ctl-subjects-intro"]["qualifier"] == "quasi"


# ------------------------------------------------------------------ sources


@pytest.mark.parametrize("kind", SEED_FILES)
def test_every_row_cites_a_source(kind: str) -> None:
    for r in rows(kind):
        assert r["source"].strip(), r
        assert " — " in r["source"], r["source"]


@pytest.mark.parametrize("kind", SEED_FILES)
def test_sources_name_existing_documents(kind: str) -> None:
    folder = seeds_dir()
    if not folder.is_dir():
        pytest.skip(f"source documents folder not found: {folder} (set S3DASH_SEEDS_DIR)")
    for r in rows(kind):
        cited = r["source"].split(" — ", 1)[0]
        if kind == "ecosystems" and r["code"] == "trasversale":
            # the cross-cutting bucket is a product decision, not a figure of the documents
            assert cited == "DESIGN.md"
            continue
        assert (folder / cited).is_file(), f"{kind}.csv cites a missing file: {cited}"
