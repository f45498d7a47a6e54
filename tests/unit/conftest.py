"""Fixtures for the data-layer tests: a small valid file per KIND, and table snapshots.

The sample rows are tiny and self-contained, so the importer tests do not depend on the
seed CSVs; tests that are about the seed use data/seed directly.
"""

from __future__ import annotations

import copy
import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from data.importers.dispatch import import_file
from data.schemas import IMPORT_KINDS
from tests.databases import SqliteTemplates
from tests.table_rows import data_tables

SRC = "tests — sample"

SAMPLES: dict[str, list[dict[str, str]]] = {
    "ecosystems": [
        {"code": "manifattura", "name_it": "Manifattura", "name_en": "Manufacturing",
         "cross_cutting": "false", "sort_order": "1", "source": SRC},
        {"code": "nutrizione", "name_it": "Nutrizione", "name_en": "Nutrition",
         "cross_cutting": "false", "sort_order": "2", "source": SRC},
        {"code": "trasversale", "name_it": "Trasversale", "name_en": "Cross-cutting",
         "cross_cutting": "true", "sort_order": "9", "source": SRC},
    ],
    "clusters": [
        {"code": "afil", "name": "AFIL", "legal_form": "Associazione", "address": "Via X, 1",
         "postcode": "24126", "city": "Bergamo", "province_code": "016",
         "province_name": "Bergamo", "other_offices": "", "lat": "45.669", "lon": "9.646",
         "coords_approximate": "true", "website": "https://www.afil.it",
         "members_total": "10", "members_firms": "6", "members_research": "2",
         "members_other": "2", "reference_ecosystems": "manifattura",
         "synergy_ecosystems": "manifattura|nutrizione", "technology_areas": "AMT",
         "eu_projects": "", "success_stories": "", "projects": "", "pnrr_synergies": "",
         "source": SRC},
    ],
    "indicators": [
        {"code": "RI01", "name_it": "Risorse premi", "name_en": "Prize resources", "unit": "M€",
         "kind": "cumulative", "direction": "higher", "objective": "Ricerca", "ecosystem": "",
         "baseline_value": "0", "baseline_date": "2022-12-31", "target_value": "5.25",
         "target_date": "2027-12-31", "measure_started": "true", "published": "true",
         "sort_order": "1", "notes": "", "source": SRC},
        {"code": "RI02", "name_it": "Imprese servite", "name_en": "Firms served", "unit": "n.",
         "kind": "annual", "direction": "higher", "objective": "", "ecosystem": "manifattura",
         "baseline_value": "n.d.", "baseline_date": "2022-12-31", "target_value": "450",
         "target_date": "2027-12-31", "measure_started": "true", "published": "true",
         "sort_order": "2", "notes": "", "source": SRC},
    ],
    "observations": [
        {"indicator_code": "RI01", "date": "2023-12-31", "value": "1.05", "status": "published",
         "note": "", "source": SRC},
        {"indicator_code": "RI01", "date": "2024-12-31", "value": "2.08", "status": "published",
         "note": "", "source": SRC},
        {"indicator_code": "RI02", "date": "2023-12-31", "value": "n.d.", "status": "published",
         "note": "not available", "source": SRC},
        {"indicator_code": "RI02", "date": "2024-12-31", "value": "530", "status": "draft",
         "note": "", "source": SRC},
    ],
    "calls": [
        {"code": "ricerca-innova", "name": "Ricerca & Innova", "programme": "PR FESR 2021-2027",
         "instrument": "bando", "year": "2023", "opened_on": "2023-03-01",
         "closed_on": "2023-06-30", "budget_eur": "50000000", "requested_eur": "",
         "granted_eur": "41300000.50", "project_value_eur": "", "applications": "300",
         "admitted": "", "beneficiaries": "108", "partners": "", "status": "in attuazione",
         "manager": "", "ecosystems": "manifattura|nutrizione", "notes": "", "source": SRC},
    ],
    "projects": [
        {"code": "P-001", "cup": "E12F23000000001", "title": "Progetto uno",
         "call_code": "ricerca-innova", "ecosystem": "manifattura", "province_code": "015",
         "province_name": "Milano", "theme": "Ricerca e innovazione",
         "public_funding_eur": "250000.00", "start_date": "2023-09-01",
         "end_date": "2025-08-31", "source": SRC},
    ],
    "headlines": [
        {"code": "pst-resources", "label_it": "Risorse PST", "label_en": "PST resources",
         "value": "1400000000", "unit": "€", "qualifier": "circa", "period": "2024-2026",
         "sort_order": "1", "source": SRC},
    ],
}  # fmt: skip

# Dependency order, as the CLI and the seed use it.
ORDER = list(IMPORT_KINDS)


def to_csv(
    rows: list[dict[str, str]], delimiter: str = ",", columns: list[str] | None = None
) -> bytes:
    """CSV bytes of rows (UTF-8), header = the keys of the first row unless given."""
    names = columns or list(rows[0])
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([row.get(n, "") for n in names])
    return buffer.getvalue().encode("utf-8")


@pytest.fixture
def samples() -> dict[str, list[dict[str, str]]]:
    """A fresh copy of the sample rows, free to modify."""
    return copy.deepcopy(SAMPLES)


@pytest.fixture
def csv_bytes() -> Callable[..., bytes]:
    """The `to_csv` helper: csv_bytes(rows, delimiter=",") -> bytes."""
    return to_csv


def load_samples(url: str) -> None:
    """Import every sample KIND into the migrated database at `url`."""
    for kind in ORDER:
        result = import_file(url, kind, to_csv(SAMPLES[kind]), f"{kind}.csv")
        assert result.outcome == "committed", [str(p) for p in result.problems]


@pytest.fixture
def loaded_url(sqlite_url: str, database_templates: SqliteTemplates) -> str:
    """A migrated SQLite database with every sample KIND imported (the sqlite_url file)."""
    return database_templates.copy(
        Path(sqlite_url.removeprefix("sqlite:///")), "samples", load_samples
    )


@pytest.fixture
def sample_seed_dir(tmp_path: Path) -> Path:
    """A seed folder holding the sample rows as <kind>.csv."""
    folder = tmp_path / "seed"
    folder.mkdir()
    for kind, rows in SAMPLES.items():
        (folder / f"{kind}.csv").write_bytes(to_csv(rows))
    return folder


def snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every data table (audit table aside), for before/after comparisons."""
    return data_tables(url, skip={"import_batch"})


@pytest.fixture
def table_snapshot() -> Callable[[str], dict[str, list[tuple[Any, ...]]]]:
    """The `snapshot` helper."""
    return snapshot
