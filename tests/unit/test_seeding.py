"""Seeding: the seed CSVs load through the importer, idempotently, n.d. kept as NULL."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from data.db import current_data_version, session_scope
from data.importers.checks import SPECS
from data.models import (
    Ecosystem,
    ImportBatch,
    Indicator,
    Observation,
)
from data.schemas import MISSING_MARKERS, SEED_KINDS
from data.seeding import SEED_DIR, SeedError, is_seeded, seed

MODELS = {kind: spec.model for kind, spec in SPECS.items()}  # the table of each KIND


def csv_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def counts(url: str) -> dict[str, int]:
    with session_scope(url) as session:
        return {
            kind: session.scalar(select(func.count()).select_from(model)) or 0
            for kind, model in MODELS.items()
        }


def state(url: str) -> tuple[int, int]:
    with session_scope(url) as session:
        n_batches = session.scalar(select(func.count()).select_from(ImportBatch)) or 0
        return current_data_version(session), n_batches


def seed_files() -> dict[str, Path]:
    return {k: SEED_DIR / f"{k}.csv" for k in SEED_KINDS if (SEED_DIR / f"{k}.csv").is_file()}


def test_the_seed_folder_has_the_core_kinds() -> None:
    assert {"ecosystems", "clusters", "indicators", "observations", "calls"} <= set(seed_files())


def test_seed_counts_match_the_csv_row_counts(seeded_url: str) -> None:
    stored = counts(seeded_url)
    for kind, path in seed_files().items():
        assert stored[kind] == len(csv_rows(path)), kind


def test_seed_twice_changes_nothing(sqlite_url: str) -> None:
    first = seed(sqlite_url)
    after_first, state_first = counts(sqlite_url), state(sqlite_url)
    assert seed(sqlite_url) == first
    assert counts(sqlite_url) == after_first
    assert state(sqlite_url) == state_first  # same data version, no new audit rows


def test_seed_batches_are_committed_by_the_seed_user(seeded_url: str) -> None:
    with session_scope(seeded_url) as session:
        rows = session.execute(select(ImportBatch.kind, ImportBatch.username, ImportBatch.outcome))
        assert {tuple(r) for r in rows} == {(k, "seed", "committed") for k in seed_files()}


def test_seed_observations_are_published(seeded_url: str) -> None:
    with session_scope(seeded_url) as session:
        statuses = set(session.scalars(select(Observation.status)))
    expected = {r["status"] or "draft" for r in csv_rows(seed_files()["observations"])}
    assert statuses == expected


def test_nd_in_the_seed_is_stored_as_null(seeded_url: str) -> None:
    missing = [
        (r["indicator_code"], r["date"])
        for r in csv_rows(seed_files()["observations"])
        if r["value"].strip().lower() in MISSING_MARKERS
    ]
    if not missing:
        pytest.skip("the seed has no n.d. observation (covered by test_seed_of_sample_folder)")
    with session_scope(seeded_url) as session:
        for code, date in missing:
            value = session.scalar(
                select(Observation.value)
                .join(Indicator)
                .where(Indicator.code == code, Observation.date == dt.date.fromisoformat(date))
            )
            assert value is None, (code, date)


def test_seed_of_sample_folder(sqlite_url: str, sample_seed_dir: Path) -> None:
    loaded = seed(sqlite_url, sample_seed_dir)
    assert loaded == {
        "ecosystems": 3,
        "clusters": 1,
        "indicators": 2,
        "observations": 4,
        "calls": 1,
        "projects": 1,
        "headlines": 1,
    }
    with session_scope(sqlite_url) as session:
        nd = session.scalars(select(Observation).where(Observation.value.is_(None))).all()
    assert [o.note for o in nd] == ["not available"]


def test_a_changed_seed_file_is_reimported(sqlite_url: str, sample_seed_dir: Path) -> None:
    seed(sqlite_url, sample_seed_dir)
    version_before, _ = state(sqlite_url)
    path = sample_seed_dir / "ecosystems.csv"
    path.write_bytes(path.read_bytes().replace(b"Nutrition", b"Food and nutrition"))
    seed(sqlite_url, sample_seed_dir)
    with session_scope(sqlite_url) as session:
        names = set(session.scalars(select(Ecosystem.name_en)))
    assert "Food and nutrition" in names
    assert state(sqlite_url)[0] == version_before + 1


def test_an_invalid_seed_file_raises(sqlite_url: str, sample_seed_dir: Path) -> None:
    path = sample_seed_dir / "clusters.csv"
    path.write_bytes(path.read_bytes().replace(b",10,6,", b",11,6,"))
    with pytest.raises(SeedError, match="members_total"):
        seed(sqlite_url, sample_seed_dir)


def test_is_seeded(sqlite_url: str, sample_seed_dir: Path) -> None:
    assert not is_seeded(sqlite_url)
    seed(sqlite_url, sample_seed_dir)
    assert is_seeded(sqlite_url)
