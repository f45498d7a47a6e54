"""Corrections on real PostgreSQL: two editors racing on one value, and what changed.

Two sessions read the same version at the same time; the second to write is refused with
Conflict and the first one's value stays (no lost update), whoever commits first.
"""

from __future__ import annotations

import datetime as dt

import pytest

from data.changes import changes_since
from data.db import session_scope
from data.publishing import publish_drafts
from data.revisions import (
    correct_observation,
    enter_value,
    observation_history,
)
from tests.editor_race import EDITS, observation_row, race_two_editors

pytestmark = pytest.mark.integration


@pytest.fixture
def pg_seeded(pg_url: str) -> str:
    from data.seeding import seed

    seed(pg_url)
    return pg_url


def test_two_editors_racing_on_one_value_lose_no_update(pg_seeded: str) -> None:
    row = observation_row(pg_seeded, "RI05", "2025-04-30")
    winner = race_two_editors(pg_seeded, row)
    after = observation_row(pg_seeded, "RI05", "2025-04-30")
    assert after["value"] == float(EDITS[winner]) and after["version"] == row["version"] + 1
    with session_scope(pg_seeded) as session:
        history = observation_history(session, "RI05")
    assert history["username"].tolist() == [winner]


def test_entered_value_and_what_changed_on_postgres(pg_seeded: str) -> None:
    entered = enter_value(pg_seeded, "RI05", "2025-10-31", "n.d.", "DG Ricerca", "", "ed")
    assert entered.ok
    publish_drafts(pg_seeded, entered.batch_id, "ed")
    row = observation_row(pg_seeded, "RI05", "2025-10-31")
    assert row["value"] is None and row["status"] == "published"
    correct_observation(pg_seeded, row["id"], row["version"], "400", "", "figure found", "ed")
    with session_scope(pg_seeded) as session:
        kinds = {c.kind for c in changes_since(session, dt.date.today())}
    assert {"new", "corrected", "status"} <= kinds


def test_previous_report_seed_baseline_and_withdrawn_round_trip_on_postgres(
    pg_seeded: str,
) -> None:
    from data.changes import default_since
    from data.exporting import export
    from data.importers.dispatch import import_file
    from data.report_log import record_generation
    from data.revisions import withdraw_observation

    today = dt.date.today()
    with session_scope(pg_seeded) as session:
        # The seed is the baseline: a fresh database has no news, whatever the window.
        assert changes_since(session, dt.date(2000, 1, 1)) == []
        first = default_since(session, today)
    assert first.basis == "no_report"
    entered = enter_value(pg_seeded, "RI05", "2025-10-31", "400", "DG Ricerca", "", "ed")
    publish_drafts(pg_seeded, entered.batch_id, "ed")
    generation = record_generation(pg_seeded, "ed", first.start, first.basis, "", "en")
    row = observation_row(pg_seeded, "RI05", "2025-04-30")
    withdraw_observation(pg_seeded, row["id"], row["version"], "wrong table", "ed")
    with session_scope(pg_seeded) as session:
        since = default_since(session, today)
        kinds = {(c.kind, c.code) for c in changes_since(session, since.start)}
    assert since.basis == "previous_report" and since.start == generation.created_at
    # After the report: the withdrawal only; the value published before it is not news.
    assert ("withdrawn", "RI05") in kinds and ("new", "RI05") not in kinds
    exported = export(pg_seeded, "observations", "csv")
    again = import_file(pg_seeded, "observations", exported, "export.csv", username="ed")
    assert again.outcome == "committed" and (again.inserted, again.updated) == (0, 0)
    assert observation_row(pg_seeded, "RI05", "2025-04-30")["status"] == "withdrawn"
