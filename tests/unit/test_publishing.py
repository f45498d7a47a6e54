"""Publishing drafts and undoing imports (data/publishing.py), and what an import records.

Undo must put back exactly what a batch replaced — inserted rows gone, updated rows and their
link rows as they were — and refuse, changing nothing, when later data depend on the batch.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

import data.publishing as publishing
from data.db import current_data_version, session_scope
from data.importers.dispatch import import_file
from data.importers.writing import Replaced
from data.models import ImportBatch, Observation
from data.publishing import (
    UndoRefused,
    drafts_frame,
    history_frame,
    publish_drafts,
    refresh_after_import,
    refresh_forecasts,
    table_file,
    undo_batch,
)
from tests.table_rows import data_tables
from tests.unit.conftest import to_csv

Rows = dict[str, list[dict[str, str]]]


def version(url: str) -> int:
    with session_scope(url) as session:
        return current_data_version(session)


def batch(url: str, batch_id: int) -> ImportBatch:
    with session_scope(url) as session:
        found = session.get(ImportBatch, batch_id)
        assert found is not None
        return found


def statuses(url: str) -> dict[tuple[str, str], str]:
    with session_scope(url) as session:
        rows = session.execute(select(Observation).order_by(Observation.id)).scalars()
        return {(o.indicator.code, o.date.isoformat()): o.status for o in rows}


def commit(url: str, kind: str, rows: list[dict[str, str]], user: str = "edo") -> int:
    result = import_file(url, kind, to_csv(rows), f"{kind}.csv", username=user)
    assert result.outcome == "committed", [str(p) for p in result.problems]
    assert result.batch_id is not None
    return result.batch_id


# --- publish ----------------------------------------------------------------------------------


def test_publish_one_batch_then_all(loaded_url: str, samples: Rows) -> None:
    first = commit(loaded_url, "observations", [
        {"indicator_code": "RI01", "date": "2025-06-30", "value": "3", "source": "x"},
    ])  # fmt: skip
    second = commit(loaded_url, "observations", [
        {"indicator_code": "RI02", "date": "2025-06-30", "value": "600", "source": "x"},
    ])  # fmt: skip
    assert statuses(loaded_url)[("RI01", "2025-06-30")] == "draft"
    start = version(loaded_url)
    result = publish_drafts(loaded_url, first, "edo")
    assert (result.rows, result.forecast_codes) == (1, ["RI01"])
    assert version(loaded_url) == start + 1
    now = statuses(loaded_url)
    assert now[("RI01", "2025-06-30")] == "published" and now[("RI02", "2025-06-30")] == "draft"
    audit = batch(loaded_url, result.audit_id or 0)
    assert (audit.outcome, audit.username, audit.rows, audit.target_batch_id) == (
        "published", "edo", 1, first
    )  # fmt: skip
    # Every remaining draft (the sample's RI02 2024 one and the second batch).
    result = publish_drafts(loaded_url, None, "ada")
    assert result.rows == 2 and "draft" not in statuses(loaded_url).values()
    assert batch(loaded_url, result.audit_id or 0).file_name == "*"
    assert second  # published with the rest
    # Nothing left: nothing recorded, nothing bumped.
    start = version(loaded_url)
    assert publish_drafts(loaded_url, None, "ada") == publishing.ChangeResult(0)
    assert version(loaded_url) == start


def test_publish_of_an_unknown_batch_is_refused(loaded_url: str) -> None:
    with pytest.raises(ValueError, match="does not exist"):
        publish_drafts(loaded_url, 999, "edo")


def test_drafts_and_history_frames(loaded_url: str) -> None:
    with session_scope(loaded_url) as session:
        drafts = drafts_frame(session)
        history = history_frame(session)
    assert drafts["drafts"].sum() == 1  # the sample's RI02 2024 draft
    assert list(history["outcome"]) == ["committed"] * 6
    assert history["undoable"].all() and history["id"].is_monotonic_decreasing


# --- undo -------------------------------------------------------------------------------------


def test_undo_restores_inserted_and_updated_observations_exactly(
    loaded_url: str, samples: Rows
) -> None:
    before, start = data_tables(loaded_url), version(loaded_url)
    rows = [
        dict(samples["observations"][0], value="1.10", status="", note="corrected"),  # update
        {"indicator_code": "RI01", "date": "2025-06-30", "value": "3", "source": "x"},  # new
    ]
    batch_id = commit(loaded_url, "observations", rows)
    assert data_tables(loaded_url) != before
    result = undo_batch(loaded_url, batch_id, "ada")
    assert data_tables(loaded_url) == before
    assert version(loaded_url) == start + 2
    assert result.rows == 2 and result.forecast_codes == ["RI01"]
    assert batch(loaded_url, batch_id).outcome == "undone"
    audit = batch(loaded_url, result.audit_id or 0)
    assert (audit.outcome, audit.username, audit.target_batch_id) == ("undo", "ada", batch_id)
    with pytest.raises(UndoRefused, match="only a committed import"):
        undo_batch(loaded_url, batch_id, "ada")


@pytest.mark.parametrize("kind", ["clusters", "calls", "indicators", "ecosystems"])
def test_undo_restores_updated_rows_and_their_links(
    loaded_url: str, samples: Rows, kind: str
) -> None:
    before = data_tables(loaded_url)
    row = dict(samples[kind][0])
    changes = {
        "clusters": {"members_firms": "5", "members_other": "3", "synergy_ecosystems": ""},
        "calls": {"granted_eur": "1.00", "ecosystems": "trasversale"},
        "indicators": {"target_value": "9.5", "notes": "=changed"},
        "ecosystems": {"name_en": "Manufacture"},
    }[kind]
    batch_id = commit(loaded_url, kind, [{**row, **changes}])
    assert data_tables(loaded_url) != before
    undo_batch(loaded_url, batch_id, "ada")
    assert data_tables(loaded_url) == before


def test_undo_deletes_inserted_rows_with_their_links(loaded_url: str, samples: Rows) -> None:
    before = data_tables(loaded_url)
    call = dict(samples["calls"][0], code="new-call", ecosystems="manifattura|trasversale")
    batch_id = commit(loaded_url, "calls", [call])
    undo_batch(loaded_url, batch_id, "ada")
    assert data_tables(loaded_url) == before


def test_undo_is_refused_when_a_later_batch_touched_the_rows(
    loaded_url: str, samples: Rows
) -> None:
    row = samples["observations"][0]
    first = commit(loaded_url, "observations", [dict(row, value="1.1")])
    second = commit(loaded_url, "observations", [dict(row, value="1.2")])
    before = data_tables(loaded_url)
    with pytest.raises(UndoRefused, match=f"changed later by batches {second}") as refusal:
        undo_batch(loaded_url, first, "ada")
    assert refusal.value.reason == "later" and refusal.value.params == {"later": str(second)}
    assert data_tables(loaded_url) == before
    assert batch(loaded_url, first).outcome == "committed"
    # Undoing the later one first makes the earlier one undoable again.
    undo_batch(loaded_url, second, "ada")
    undo_batch(loaded_url, first, "ada")
    with session_scope(loaded_url) as session:
        value = session.scalar(select(Observation.value).where(Observation.note == row["note"]))
    assert value == 1.05


def test_undo_is_refused_for_kinds_without_batch_column_too(loaded_url: str, samples: Rows) -> None:
    row = samples["indicators"][0]
    first = commit(loaded_url, "indicators", [dict(row, target_value="6")])
    second = commit(loaded_url, "indicators", [dict(row, target_value="7")])
    with pytest.raises(UndoRefused, match=f"batches {second}"):
        undo_batch(loaded_url, first, "ada")


def test_undo_is_refused_when_other_data_use_inserted_rows(loaded_url: str, samples: Rows) -> None:
    indicator = dict(samples["indicators"][0], code="RI99")
    batch_id = commit(loaded_url, "indicators", [indicator])
    commit(loaded_url, "observations", [
        {"indicator_code": "RI99", "date": "2024-12-31", "value": "1", "source": "x"},
    ])  # fmt: skip
    before = data_tables(loaded_url)
    with pytest.raises(UndoRefused, match="observation: 1 rows") as refusal:
        undo_batch(loaded_url, batch_id, "ada")
    assert refusal.value.reason == "dependents"
    assert data_tables(loaded_url) == before


def test_undo_refuses_unknown_refused_and_pre_undo_batches(loaded_url: str, csv_bytes) -> None:
    with pytest.raises(UndoRefused, match="does not exist"):
        undo_batch(loaded_url, 999, "ada")
    refused = import_file(loaded_url, "observations", b"nonsense", "x.csv")
    with pytest.raises(UndoRefused, match="only a committed import"):
        undo_batch(loaded_url, refused.batch_id or 0, "ada")
    with session_scope(loaded_url) as session:
        old = session.scalars(select(ImportBatch).order_by(ImportBatch.id)).first()
        assert old is not None
        old.replaced = ""  # as recorded before migration 0003
        old_id = old.id
    with pytest.raises(UndoRefused, match="cannot be undone.*predates undo") as refusal:
        undo_batch(loaded_url, old_id, "ada")
    assert refusal.value.reason == "no_snapshot"


def test_replaced_round_trips_as_json() -> None:
    replaced = Replaced("observations", [3, 4], [{"id": 1, "values": {"value": 2.5}}])
    again = Replaced.from_json(replaced.to_json())
    assert again == replaced and again is not None and again.ids == {1, 3, 4}
    assert Replaced.from_json("") is None


def test_replaced_stores_inserted_ids_as_runs_and_reads_the_older_list() -> None:
    # A bulk import inserts a range of ids: stored as one run, not a million numbers.
    bulk = Replaced("projects", list(range(7, 100_007)), [])
    assert len(bulk.to_json()) < 100
    assert Replaced.from_json(bulk.to_json()) == bulk
    mixed = Replaced("projects", [5, 3, 4, 9, 10, 11, 2], [])
    assert '"inserted_runs":[[5,5],[3,4],[9,11],[2,2]]' in mixed.to_json()
    assert Replaced.from_json(mixed.to_json()) == mixed
    older = '{"kind":"projects","inserted":[8,6],"updated":[]}'  # before the runs
    assert Replaced.from_json(older) == Replaced("projects", [8, 6], [])


# --- what an import tells the forecasts -------------------------------------------------------


def test_dry_run_counts_what_a_commit_would_do(loaded_url: str, samples: Rows) -> None:
    rows = [
        dict(samples["observations"][0]),  # unchanged
        dict(samples["observations"][1], value="2.5"),  # updated
        {"indicator_code": "RI01", "date": "2025-06-30", "value": "3", "source": "x"},  # new
    ]
    before = data_tables(loaded_url)
    result = import_file(loaded_url, "observations", to_csv(rows), "o.csv", dry_run=True)
    assert (result.inserted, result.updated, result.unchanged) == (1, 1, 1)
    assert result.actions == {2: "unchanged", 3: "updated", 4: "new"}
    assert data_tables(loaded_url) == before


def test_forecast_codes_follow_what_forecasts_read(loaded_url: str, samples: Rows) -> None:
    draft = {"indicator_code": "RI01", "date": "2025-06-30", "value": "3", "source": "x"}
    result = import_file(loaded_url, "observations", to_csv([draft]), "o.csv")
    assert result.forecast_codes == []  # a new draft changes no forecast
    published = dict(draft, date="2025-09-30", status="published")
    result = import_file(loaded_url, "observations", to_csv([published]), "o.csv")
    assert result.forecast_codes == ["RI01"]
    indicator = dict(samples["indicators"][1], target_value="500")
    result = import_file(loaded_url, "indicators", to_csv([indicator]), "i.csv")
    assert result.forecast_codes == ["RI02"] and not result.funding_changed
    project = dict(samples["projects"][0], code="P-002")
    assert import_file(loaded_url, "projects", to_csv([project]), "p.csv").funding_changed


def test_refresh_starts_the_background_refit_only_when_needed(
    loaded_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import data.forecast_launch as forecast_launch

    started: list[Any] = []

    class Done:
        def wait(self) -> int:
            return 0

    def fake(url: str, codes: Any = None) -> Done:
        started.append((url, codes))
        return Done()

    monkeypatch.setattr(forecast_launch, "refresh_in_background", fake)
    assert refresh_forecasts(loaded_url, []) is False
    assert refresh_forecasts(loaded_url, ["RI01"]) is True
    assert refresh_forecasts(loaded_url, [], funding_changed=True) is True
    assert started == [(loaded_url, ["RI01"]), (loaded_url, None)]
    refused = import_file(loaded_url, "indicators", b"x", "i.csv")
    assert refresh_after_import(loaded_url, refused) is False

    def broken(url: str, codes: Any = None) -> Done:
        raise OSError("no python")

    monkeypatch.setattr(forecast_launch, "refresh_in_background", broken)
    assert refresh_forecasts(loaded_url, ["RI01"]) is False  # logged, never raised


# --- files for download -----------------------------------------------------------------------


def test_table_file_neutralises_formulas_in_csv_and_xlsx() -> None:
    import io

    from openpyxl import load_workbook

    rows = [['=HYPERLINK("http://x")', 1.5, None], ["ok", -2, "@SUM(A1)"]]
    text = table_file(["name", "value", "=note"], rows, "csv").decode()
    assert text.splitlines() == [
        "name,value,'=note",
        '"\'=HYPERLINK(""http://x"")",1.5,',
        "ok,-2,'@SUM(A1)",
    ]
    sheet = load_workbook(io.BytesIO(table_file(["a", "b", "c"], rows, "xlsx"))).active
    assert sheet is not None
    assert [c.value for c in sheet[2]] == ['\'=HYPERLINK("http://x")', 1.5, None]
    assert sheet["B3"].value == -2  # numbers stay numbers
    with pytest.raises(ValueError):
        table_file([], [], "pdf")
