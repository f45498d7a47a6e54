"""Values entered in the app, corrections with a reason, indicator revisions, what changed."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from data.changes import changes_since
from data.db import current_data_version, session_scope
from data.models import ImportBatch, Observation
from data.publishing import publish_drafts
from data.revisions import (
    Conflict,
    RevisionRefused,
    correct_observation,
    enter_value,
    indicator_history,
    observation_history,
    observation_rows,
    restore_observation,
    revise_indicator,
    withdraw_observation,
)
from tests.editor_race import EDITS, observation_row, race_two_editors

SOURCE = "DG Ricerca, nota 12/2025"


def _version(url: str) -> int:
    with session_scope(url) as session:
        return current_data_version(session)


def test_an_entered_value_is_a_draft_recorded_like_an_import(seeded_url: str) -> None:
    before = _version(seeded_url)
    result = enter_value(seeded_url, "RI05", "2025-10-31", "80", SOURCE, "", "ed")
    assert result.ok and result.outcome == "committed" and result.inserted == 1
    assert _version(seeded_url) == before + 1
    row = observation_row(seeded_url, "RI05", "2025-10-31")
    assert row["status"] == "draft" and row["value"] == 80 and row["version"] == 1
    with session_scope(seeded_url) as session:
        batch = session.get(ImportBatch, result.batch_id)
        assert batch is not None and batch.username == "ed" and batch.outcome == "committed"
        history = observation_history(session, "RI05")
    assert list(history["action"]) == ["entered"]


def test_an_entered_value_gets_the_import_messages(seeded_url: str) -> None:
    result = enter_value(seeded_url, "RI05", "31/10/2025", "8o", SOURCE, "", "ed")
    messages = {(p.column, p.message) for p in result.problems}
    assert ("date", '"31/10/2025" is not a date in the form YYYY-MM-DD') in messages
    assert any(column == "value" for column, _ in messages)
    assert result.outcome == "refused"
    unknown = enter_value(seeded_url, "XX99", "2025-10-31", "1", SOURCE, "", "ed")
    assert [p.column for p in unknown.problems] == ["indicator_code"]
    nd = enter_value(seeded_url, "RI05", "2025-10-31", "n.d.", SOURCE, "", "ed")
    assert nd.ok and observation_row(seeded_url, "RI05", "2025-10-31")["value"] is None
    again = enter_value(seeded_url, "RI05", "2025-10-31", "5", SOURCE, "", "ed")
    assert not again.ok and "already has a value" in again.problems[0].message


def test_correction_keeps_the_old_value_and_detects_a_conflict(seeded_url: str) -> None:
    row = observation_row(seeded_url, "RI05", "2025-04-30")
    with pytest.raises(RevisionRefused):
        correct_observation(seeded_url, row["id"], row["version"], "70", "", " ", "ed")
    first = correct_observation(seeded_url, row["id"], row["version"], "70", "", "typo", "ann")
    assert not first.problems and first.version == row["version"] + 1
    # Bob loaded the same version as Ann: his change is refused, hers is kept.
    with pytest.raises(Conflict) as caught:
        correct_observation(seeded_url, row["id"], row["version"], "99", "", "mine", "bob")
    assert caught.value.params["who"] == "ann"
    assert observation_row(seeded_url, "RI05", "2025-04-30")["value"] == 70
    bad = correct_observation(seeded_url, row["id"], first.version, "-x", "", "r", "bob")
    assert bad.problems and bad.problems[0].column == "value"
    with session_scope(seeded_url) as session:
        history = observation_history(session, "RI05")
    assert history.iloc[0][["old_value", "new_value", "reason", "username"]].tolist() == [
        73.6,
        70.0,
        "typo",
        "ann",
    ]


def test_withdraw_hides_from_the_public_and_restore_undoes_it(seeded_url: str) -> None:
    row = observation_row(seeded_url, "RI05", "2025-04-30")
    done = withdraw_observation(seeded_url, row["id"], row["version"], "wrong source", "ed")
    with session_scope(seeded_url) as session:
        obs = session.get(Observation, row["id"])
        assert obs is not None and obs.status == "withdrawn"
    restore_observation(seeded_url, row["id"], done.version, "source confirmed", "ed")
    assert observation_row(seeded_url, "RI05", "2025-04-30")["status"] == "published"


def test_indicator_revision_and_what_changed(seeded_url: str) -> None:
    today = dt.date.today()
    entered = enter_value(seeded_url, "RI05", "2025-10-31", "74", SOURCE, "", "ed")
    assert entered.ok
    publish_drafts(seeded_url, entered.batch_id, "ed")
    row = observation_row(seeded_url, "RI05", "2025-04-30")
    correct_observation(seeded_url, row["id"], row["version"], "72", "", "typo", "ed")
    bad = revise_indicator(seeded_url, "RI05", 1, {"target_value": "abc"}, "r", "admin")
    assert bad.problems and bad.problems[0].column == "target_value"
    revised = revise_indicator(seeded_url, "RI05", 1, {"target_value": "70"}, "new plan", "admin")
    assert not revised.problems
    with pytest.raises(Conflict):
        revise_indicator(seeded_url, "RI05", 1, {"target_value": "300"}, "again", "admin")
    with session_scope(seeded_url) as session:
        history = indicator_history(session, "RI05")
        changes = changes_since(session, today)
    assert history.iloc[0]["field"] == "target_value" and history.iloc[0]["new_value"] == "70.0"
    kinds = {(c.kind, c.code) for c in changes}
    assert {("new", "RI05"), ("corrected", "RI05"), ("revised", "RI05")} <= kinds
    corrected = next(c for c in changes if c.kind == "corrected")
    assert (corrected.old, corrected.new) == (73.6, 72.0)
    status = [c for c in changes if c.kind == "status" and c.code == "RI05"]
    # Before: 73.6 of 300 at April 2025 (limited progress); now 74 of a revised 70.
    assert [(s.old, s.new) for s in status] == [("limited_progress", "achieved")]
    with session_scope(seeded_url) as session:
        assert changes_since(session, today + dt.timedelta(days=1)) == []
        draft = session.scalars(select(Observation).where(Observation.status == "draft")).all()
    assert draft == []


def test_an_entered_value_can_be_undone_until_it_is_corrected(seeded_url: str) -> None:
    from data.publishing import UndoRefused, undo_batch

    first = enter_value(seeded_url, "RI05", "2025-10-31", "80", SOURCE, "", "ed")
    assert first.batch_id is not None  # an accepted value has its batch
    undo_batch(seeded_url, first.batch_id, "ed")
    with session_scope(seeded_url) as session:
        assert list(observation_history(session, "RI05")["action"]) == ["entered"]
        assert all(r["date"] != dt.date(2025, 10, 31) for r in observation_rows(session, "RI05"))
    second = enter_value(seeded_url, "RI05", "2025-10-31", "80", SOURCE, "", "ed")
    assert second.batch_id is not None
    row = observation_row(seeded_url, "RI05", "2025-10-31")
    correct_observation(seeded_url, row["id"], row["version"], "81", "", "typo", "ed")
    with pytest.raises(UndoRefused):
        undo_batch(seeded_url, second.batch_id, "ed")


def test_a_withdrawn_value_is_neither_counted_nor_shown_as_pending() -> None:
    from data.analysis.attainment import assess_points

    indicator = {
        "code": "X",
        "kind": "level",
        "direction": "higher",
        "baseline_value": 0.0,
        "baseline_date": dt.date(2022, 12, 31),
        "target_value": 10.0,
        "target_date": dt.date(2027, 12, 31),
        "measure_started": True,
    }
    days = [dt.date(2023, 12, 31), dt.date(2024, 12, 31)]
    result = assess_points(indicator, days, [2.0, 9.0], ["published", "withdrawn"])
    assert result.latest_value == 2.0 and result.draft_value is None
    assert "drafts_skipped" not in result.notes


def test_two_editors_racing_on_sqlite_lose_no_update(seeded_url: str) -> None:
    row = observation_row(seeded_url, "RI05", "2025-04-30")
    winner = race_two_editors(seeded_url, row)
    after = observation_row(seeded_url, "RI05", "2025-04-30")
    assert after["value"] == float(EDITS[winner])


def test_a_date_filled_meanwhile_rolls_the_entry_back(
    seeded_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import data.revisions as revisions

    # As if an upload stored 2025-04-30 between the form's check and its import.
    monkeypatch.setattr(revisions, "_has_value", lambda *_: False)
    before = _version(seeded_url)
    result = enter_value(seeded_url, "RI05", "2025-04-30", "1", SOURCE, "", "ed")
    assert not result.ok and "already has a value" in result.problems[0].message
    assert observation_row(seeded_url, "RI05", "2025-04-30")["value"] == 73.6
    assert _version(seeded_url) == before


def _status(url: str, code: str, day: str) -> str:
    return str(observation_row(url, code, day)["status"])


def test_an_export_with_a_withdrawn_value_imports_again(seeded_url: str, tmp_path) -> None:
    from data.exporting import export
    from data.importers.dispatch import import_file
    from data.migrate import upgrade
    from data.seeding import seed

    row = observation_row(seeded_url, "RI05", "2025-04-30")
    withdraw_observation(seeded_url, row["id"], row["version"], "wrong source", "ed")
    exported = export(seeded_url, "observations", "csv")
    assert b"RI05,2025-04-30,73.6,withdrawn" in exported
    # The round trip: every row unchanged, the value still withdrawn, nothing to warn of.
    again = import_file(seeded_url, "observations", exported, "export.csv", username="ed")
    assert again.outcome == "committed" and again.updated == 0 and again.inserted == 0
    assert again.warnings_total == 0 and _status(seeded_url, "RI05", "2025-04-30") == "withdrawn"
    # A file saying "published" cannot restore it (that needs a reason): kept, and said so.
    header = b"indicator_code,date,value,status,note,source\n"
    published = header + b"RI05,2025-04-30,73.7,published,,DG Ricerca\n"
    kept = import_file(seeded_url, "observations", published, "old.csv", username="ed")
    assert kept.outcome == "committed" and kept.updated == 1 and kept.warnings_total == 1
    assert kept.warnings[0].row == 2 and "stays withdrawn" in kept.warnings[0].message
    from dashboard.import_report import report_lines

    assert report_lines(kept, "en") == [
        "1 warning (a value withdrawn in the app stays withdrawn, the other columns are imported):",
        f"  {kept.warnings[0]}",
    ]
    assert _status(seeded_url, "RI05", "2025-04-30") == "withdrawn"
    # Into another database: a new withdrawn row arrives withdrawn; a file cannot withdraw
    # a value that is published there.
    other = f"sqlite:///{tmp_path / 'other.db'}"
    upgrade(other)
    seed(other)
    refused = import_file(other, "observations", exported, "export.csv", username="ed")
    assert refused.outcome == "refused"
    assert [(p.row, p.column) for p in refused.problems] == [
        (
            next(i for i, line in enumerate(exported.splitlines(), 1) if b"withdrawn" in line),
            "status",
        )
    ]
    assert "withdraw it on the indicator's page" in refused.problems[0].message
    new = header + b"RI05,2025-09-30,74,withdrawn,,DG Ricerca\n"
    inserted = import_file(other, "observations", new, "new.csv", username="ed")
    assert inserted.outcome == "committed" and inserted.inserted == 1
    assert _status(other, "RI05", "2025-09-30") == "withdrawn"
    with pytest.raises(ValueError, match="default_status"):
        import_file(other, "observations", new, "new.csv", default_status="withdrawn")
