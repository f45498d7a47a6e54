"""OpenCoesione import and demo data on real PostgreSQL: one transaction across chunks."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from data import demo
from data.db import current_data_version, session_scope
from data.importers.chunked import import_opencoesione
from data.importers.writing import ImportResult
from data.models import ImportBatch, Project
from data.queries import count_projects, projects_frame
from data.seeding import seed
from data.settings import PROJECT_ROOT
from tests.opencoesione_files import (
    COLUMNS,
    assert_refused_by_the_generic_reader,
    oc_bytes,
    oc_row,
    write_file_with_a_nul_byte,
)

pytestmark = pytest.mark.integration


def project_rows(url: str) -> list[tuple[object, ...]]:
    with session_scope(url) as session:
        stmt = select(Project.code, Project.public_funding_eur, Project.import_batch_id)
        return [tuple(r) for r in session.execute(stmt.order_by(Project.code))]


def version(url: str) -> int:
    with session_scope(url) as session:
        return current_data_version(session)


@pytest.fixture
def pg_seeded(pg_url: str) -> str:
    seed(pg_url)
    return pg_url


def test_chunked_import_commits_every_chunk(pg_seeded: str) -> None:
    content = oc_bytes([oc_row(n) for n in range(57)])
    result = import_opencoesione(pg_seeded, lambda: io.BytesIO(content), "a.csv", chunk_rows=10)
    assert (result.outcome, result.inserted) == ("committed", 57)
    assert len(project_rows(pg_seeded)) == 57
    again = import_opencoesione(pg_seeded, lambda: io.BytesIO(content), "a.csv", chunk_rows=10)
    assert (again.inserted, again.unchanged) == (0, 57)


# `s3dash import projects` in a process of its own, the background refresh replaced by a
# stand-in (the real one would fit forecasts on the test database); prints what it loaded.
_CLI_PROBE = """
import sys
import data.forecast_launch
from tests.no_refresh import no_refresh
data.forecast_launch.refresh_in_background = no_refresh
from data.cli import main
try:
    main(["import", "projects", sys.argv[1]])
except SystemExit as end:
    if end.code:
        raise
print(sorted(m for m in ("pandas", "numpy", "flask", "data.forecasting") if m in sys.modules))
"""


def test_command_line_copy_import_loads_no_pandas_numpy_or_flask(
    pg_seeded: str, tmp_path: Path
) -> None:
    """The COPY path of `s3dash import` needs none of them: loading them for it, and
    data.forecasting to start the refresh, was up to a second or two of every import."""
    path = tmp_path / "oc.csv"
    # In the real exports' layout (6-digit province codes), which the COPY path takes.
    rows = [oc_row(n, COD_REGIONE="003", COD_PROVINCIA="003015") for n in range(20)]
    path.write_bytes(oc_bytes(rows))
    done = subprocess.run(
        [sys.executable, "-c", _CLI_PROBE, str(path)],
        env={**os.environ, "DATABASE_URL": pg_seeded},
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "20 rows imported" in done.stdout
    assert done.stdout.splitlines()[-1] == "[]"


def test_problem_in_last_chunk_rolls_back_every_chunk(pg_seeded: str) -> None:
    first = oc_bytes([oc_row(n) for n in range(5)])
    assert import_opencoesione(pg_seeded, lambda: io.BytesIO(first), "a.csv").ok
    before, start = project_rows(pg_seeded), version(pg_seeded)
    rows = [oc_row(n, FINANZ_TOTALE_PUBBLICO="7,00") for n in range(57)]  # updates + inserts
    rows[-1]["COD_PROVINCIA"] = "003999"  # in Lombardy, but no Lombardy province
    content = oc_bytes(rows)
    result = import_opencoesione(pg_seeded, lambda: io.BytesIO(content), "b.csv", chunk_rows=10)
    assert result.outcome == "refused"
    assert [(p.row, p.column) for p in result.problems] == [(58, "COD_PROVINCIA")]
    assert project_rows(pg_seeded) == before
    assert version(pg_seeded) == start
    with session_scope(pg_seeded) as session:
        last = session.scalars(select(ImportBatch).order_by(ImportBatch.id.desc())).first()
        assert last is not None and (last.outcome, last.rows) == ("refused", 57)


def test_demo_on_postgres_is_deterministic_private_and_removable(pg_seeded: str) -> None:
    demo.generate(pg_seeded, 25_000, seed=11)
    assert analyzed_rows(pg_seeded) == 25_000  # the planner sees the load at once
    first = project_rows(pg_seeded)
    with session_scope(pg_seeded) as session:
        assert count_projects(session) == 25_000
        assert count_projects(session, public=True) == 0
        assert projects_frame(session, public=True).empty
        synthetic = session.scalar(
            select(func.count()).select_from(Project).where(Project.is_synthetic.is_(True))
        )
        assert synthetic == 25_000
    demo.generate(pg_seeded, 25_000, seed=11)
    assert [r[:2] for r in project_rows(pg_seeded)] == [r[:2] for r in first]
    assert demo.remove(pg_seeded).rows == 25_000
    assert project_rows(pg_seeded) == []
    assert analyzed_rows(pg_seeded) == 0


def analyzed_rows(url: str) -> float:
    """The row count PostgreSQL's planner assumes for `project` (pg_class.reltuples)."""
    with session_scope(url) as session:
        return float(
            session.scalar(text("SELECT reltuples FROM pg_class WHERE relname = 'project'"))
        )


def test_real_export_imports_on_postgres_and_sums_like_pandas(pg_seeded: str) -> None:
    # `s3dash import projects` of the real export (../shared/data): 12 Lombardy projects in
    # scope, 860 skipped by reason, 2 warnings; the page's totals are a pandas sum.
    from data.project_queries import funding_cube
    from tests.opencoesione_files import euro_sum, import_real_export, real_lombardy_rows

    import_real_export(pg_seeded)
    rows = real_lombardy_rows()
    with session_scope(pg_seeded) as session:
        cube = funding_cube(session)
        stored = sorted(session.scalars(select(Project.code)))
    assert stored == sorted(rows["COD_LOCALE_PROGETTO"])
    assert round(cube["funding_eur"].sum(), 2) == euro_sum(rows, "OC_FINANZ_TOT_PUB_NETTO")
    assert round(cube["gross_eur"].sum(), 2) == euro_sum(rows, "FINANZ_TOTALE_PUBBLICO")
    assert round(cube["payments_eur"].sum(), 2) == euro_sum(rows, "TOT_PAGAMENTI")


def record_copy_path(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each import took the COPY path, appended as they run."""
    from data.importers import copy_load

    taken: list[bool] = []
    real_load = copy_load.load

    def recording_load(*args: Any, **kwargs: Any) -> copy_load.Loaded | None:
        loaded = real_load(*args, **kwargs)
        taken.append(loaded is not None)
        return loaded

    monkeypatch.setattr(copy_load, "load", recording_load)
    return taken


def both_paths(url: str, content: bytes, monkeypatch: pytest.MonkeyPatch) -> list[ImportResult]:
    """Import `content` through COPY, then again row by row, then again through COPY.

    The row-by-row importer compares every column before writing: when it finds the COPY
    path's rows unchanged (and the COPY path finds its rows unchanged), the two paths
    derived the same projects.
    """

    from data.importers import copy_load

    taken = record_copy_path(monkeypatch)
    fast = import_opencoesione(url, lambda: io.BytesIO(content), "oc.csv")
    monkeypatch.setattr(copy_load, "available", lambda session: False)
    slow = import_opencoesione(url, lambda: io.BytesIO(content), "oc.csv")
    monkeypatch.undo()
    again = import_opencoesione(url, lambda: io.BytesIO(content), "oc.csv")
    assert taken == [True], "the COPY path was not taken"
    assert fast.outcome == slow.outcome == again.outcome == "committed", fast.problems
    assert (slow.inserted, slow.updated) == (0, 0) and slow.unchanged == fast.inserted
    assert (again.inserted, again.updated) == (0, 0)
    for field in ("rows", "skipped", "warnings", "warnings_total", "linked_to_call"):
        assert getattr(fast, field) == getattr(slow, field), field
    return [fast, slow, again]


def test_copy_path_and_row_by_row_path_agree_on_the_real_export(
    pg_seeded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.opencoesione_files import REAL_SKIPPED, real_export

    fast, _, _ = both_paths(pg_seeded, real_export().read_bytes(), monkeypatch)
    assert (fast.rows, fast.inserted, fast.skipped) == (12, 12, REAL_SKIPPED)
    assert fast.warnings_total == 2


def test_copy_path_and_row_by_row_path_agree_on_every_localisation(
    pg_seeded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    places = [
        ("003", "003015", "MILANO"),
        ("003", "", ""),  # region-wide
        ("003:::001", "003015:::001001", "MILANO:::TORINO"),  # Lombardy and elsewhere
        ("003", "003015:::003017", "MILANO:::BRESCIA"),  # two Lombardy provinces
        ("000", "", ""),  # national
        ("997", "997997", "ESTERO"),  # abroad
        ("016:::997", "016071:::997997", "FOGGIA:::ESTERO"),  # another region
    ]
    rows = [
        oc_row(n, COD_REGIONE=r, COD_PROVINCIA=p, DEN_PROVINCIA=d)
        for n, (r, p, d) in enumerate(places)
    ]
    rows[0]["OC_DATA_FINE_PROGETTO_PREVISTA"] = "20200101"  # ends before it starts
    rows[1]["TOT_PAGAMENTI"] = "999999,00"  # above its funding
    rows[5]["OC_DATA_FINE_PROGETTO_PREVISTA"] = "20200101"  # abroad: a warning, skipped
    content = oc_bytes(rows, columns=[*COLUMNS, "TOT_PAGAMENTI"])
    fast, _, _ = both_paths(pg_seeded, content, monkeypatch)
    assert fast.skipped == {"other_region": 1, "national": 1, "abroad": 1}
    assert [(w.row, w.column) for w in fast.warnings] == [
        (2, "OC_DATA_FINE_PROGETTO_PREVISTA"),
        (3, "TOT_PAGAMENTI"),
        (7, "OC_DATA_FINE_PROGETTO_PREVISTA"),
    ]


def test_unquoted_empty_cells_read_as_quoted_ones_on_both_paths(
    pg_seeded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The COPY path stages cells with FORCE_NOT_NULL: an unquoted empty cell (`;;`) must
    # place, check and warn exactly as a quoted one (`;"";`) does.
    rows = [lombard(n) for n in range(3)]
    rows[1]["COD_PROVINCIA"] = rows[1]["DEN_PROVINCIA"] = ""  # region-wide
    rows[2]["OC_DATA_FINE_PROGETTO_PREVISTA"] = "20200101"  # ends before it starts
    columns = [*COLUMNS, "TOT_PAGAMENTI", "OC_FINANZ_TOT_PUB_NETTO"]
    content = oc_bytes(rows, columns=columns).replace(b'""', b"")
    assert b";;" in content
    fast, _, _ = both_paths(pg_seeded, content, monkeypatch)
    assert (fast.rows, fast.inserted) == (3, 3)
    assert [(w.row, w.column) for w in fast.warnings] == [(4, "OC_DATA_FINE_PROGETTO_PREVISTA")]


@pytest.mark.parametrize("split", [False, True])
def test_a_copy_import_can_be_undone_like_any_other(
    pg_seeded: str, monkeypatch: pytest.MonkeyPatch, split: bool
) -> None:
    from data.importers import copy_split
    from data.publishing import undo_batch

    if split:  # each file in two parts, merged from both
        monkeypatch.setattr(copy_split, "SPLIT_MIN_BYTES", 0)
    taken = record_copy_path(monkeypatch)
    parts = record_parts(monkeypatch)

    def place(n: int, **overrides: str) -> dict[str, str]:
        return oc_row(n, COD_REGIONE="003", COD_PROVINCIA="003015", **overrides)

    first = oc_bytes([place(n) for n in range(3)])
    done = import_opencoesione(pg_seeded, lambda: io.BytesIO(first), "a.csv")
    assert (done.outcome, done.inserted) == ("committed", 3)
    before = project_rows(pg_seeded)
    second = oc_bytes([place(0, FINANZ_TOTALE_PUBBLICO="5,00"), place(1), place(2), place(3)])
    again = import_opencoesione(pg_seeded, lambda: io.BytesIO(second), "a.csv")
    assert (again.inserted, again.updated, again.unchanged) == (1, 1, 2)
    assert again.actions == {2: "updated", 3: "unchanged", 4: "unchanged", 5: "new"}
    assert taken == [True, True], "a file whose codes are stored is merged on the COPY path"
    assert parts == ([2, 2] if split else [1, 1])
    assert again.batch_id is not None and done.batch_id is not None
    undo_batch(pg_seeded, again.batch_id, "tester")
    assert project_rows(pg_seeded) == before
    undo_batch(pg_seeded, done.batch_id, "tester")
    assert project_rows(pg_seeded) == []


def batch_record(url: str, batch_id: int | None) -> tuple[str, list[int]]:
    """The SHA-256 an import batch recorded and the ids it would undo as inserted."""
    from data.importers.writing import Replaced

    with session_scope(url) as session:
        batch = session.get(ImportBatch, batch_id)
        assert batch is not None
        replaced = Replaced.from_json(batch.replaced)
        return batch.sha256, [] if replaced is None else replaced.inserted


def batch_ids(url: str, batch_id: int | None) -> list[int]:
    with session_scope(url) as session:
        stmt = select(Project.id).where(Project.import_batch_id == batch_id)
        return list(session.scalars(stmt.order_by(Project.id)))


def test_copy_path_records_the_file_hash_and_the_ids_it_inserted(
    pg_seeded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # COPY's reading of the file hashes it too: the hash is the file's, committed or not.
    import hashlib

    taken = record_copy_path(monkeypatch)
    content = oc_bytes([lombard(n) for n in range(30)])
    dry = import_opencoesione(pg_seeded, lambda: io.BytesIO(content), "a.csv", dry_run=True)
    done = import_opencoesione(pg_seeded, lambda: io.BytesIO(content), "a.csv")
    assert taken == [True, True] and done.inserted == 30
    expected = hashlib.sha256(content).hexdigest()
    assert batch_record(pg_seeded, dry.batch_id)[0] == expected
    sha256, inserted = batch_record(pg_seeded, done.batch_id)
    assert sha256 == expected
    assert inserted == batch_ids(pg_seeded, done.batch_id) and len(inserted) == 30


def test_copy_path_finds_its_ids_when_another_session_took_some_meanwhile(
    pg_seeded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The ids come from the sequence's range when no other session took one during the
    # insert; here the range does not add up (as if one had), so they are looked up.
    from data.importers import copy_load

    real_last_id = copy_load._last_id
    calls: list[int] = []

    def last_id_one_behind(session: Any) -> int:
        calls.append(1)
        last = real_last_id(session)
        return last - 1 if len(calls) == 3 else last  # before the second insert

    monkeypatch.setattr(copy_load, "_last_id", last_id_one_behind)
    first = import_opencoesione(pg_seeded, lambda: io.BytesIO(oc_bytes([lombard(0)])), "a.csv")
    content = oc_bytes([lombard(n) for n in range(1, 12)])
    done = import_opencoesione(pg_seeded, lambda: io.BytesIO(content), "b.csv")
    assert len(calls) == 4 and first.inserted == 1 and done.inserted == 11
    assert batch_record(pg_seeded, first.batch_id)[1] == batch_ids(pg_seeded, first.batch_id)
    assert batch_record(pg_seeded, done.batch_id)[1] == batch_ids(pg_seeded, done.batch_id)


def lombard(n: int, **overrides: str) -> dict[str, str]:
    """Project n placed as the COPY path reads it (region and 6-digit province)."""
    place = {"COD_REGIONE": "003", "COD_PROVINCIA": "003015", "DEN_PROVINCIA": "MILANO"}
    return oc_row(n, **{**place, **overrides})


def test_copy_path_reads_every_well_formed_amount_as_the_row_by_row_path(
    pg_seeded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The COPY path checks an amount with text functions only: the forms it accepts must
    # give the same values and the same warning texts as the row-by-row importer.
    amounts = ["0", "0,5", "5,50", "12345678901234", "10,05", "10"]
    rows = [lombard(n, FINANZ_TOTALE_PUBBLICO=a) for n, a in enumerate(amounts)]
    rows[5]["OC_FINANZ_TOT_PUB_NETTO"] = "10,05"  # net above gross: a warning
    content = oc_bytes(rows, columns=[*COLUMNS, "OC_FINANZ_TOT_PUB_NETTO"])
    fast, _, _ = both_paths(pg_seeded, content, monkeypatch)
    assert [w.message for w in fast.warnings] == [
        "the net public funding (10.05) is above the gross (10)"
    ]


@pytest.mark.parametrize(
    ("amount", "outcome"),
    [
        ("007,50", "committed"),  # a leading zero: the warning prints 7.50, not 007.50
        ("1e5", "refused"),
        ("5.0", "refused"),
        (" 5", "committed"),  # padded: the row-by-row importer trims it
        ("123456789012345", "refused"),
        ("5,123", "refused"),
    ],
)
def test_amounts_the_copy_path_leaves_to_the_row_by_row_importer(
    pg_seeded: str, monkeypatch: pytest.MonkeyPatch, amount: str, outcome: str
) -> None:
    taken = record_copy_path(monkeypatch)
    rows = [lombard(n) for n in range(3)]
    rows[1]["FINANZ_TOTALE_PUBBLICO"] = amount
    rows[1]["TOT_PAGAMENTI"] = "8,00"
    content = oc_bytes(rows, columns=[*COLUMNS, "TOT_PAGAMENTI"])
    result = import_opencoesione(pg_seeded, lambda: io.BytesIO(content), "oc.csv")
    assert taken == [False]
    assert result.outcome == outcome, result.problems
    if outcome == "refused":
        assert [(p.row, p.column) for p in result.problems] == [(3, "FINANZ_TOTALE_PUBBLICO")]
    elif amount == "007,50":
        assert [w.message for w in result.warnings] == [
            "the payments (8.00) exceed the funding (7.50)"
        ]


@pytest.mark.parametrize("column", ["DEN_REGIONE", "OC_TITOLO_PROGETTO"])
def test_bytes_that_are_not_utf8_leave_the_copy_path_in_any_column(
    pg_seeded: str, monkeypatch: pytest.MonkeyPatch, column: str
) -> None:
    # DEN_REGIONE is a column the COPY path does not read (staged as "char", one byte):
    # its bytes are checked all the same, and the row-by-row importer words the problem.
    taken = record_copy_path(monkeypatch)
    rows = [lombard(n) for n in range(3)]
    rows[1][column] = "Città"
    content = oc_bytes(rows).replace("Città".encode(), "Città".encode("cp1252"))
    result = import_opencoesione(pg_seeded, lambda: io.BytesIO(content), "oc.csv")
    assert taken == [False]
    assert result.outcome == "refused"
    assert "not UTF-8" in result.problems[0].message
    assert result.problems[0].row == 3
    assert project_rows(pg_seeded) == []


@pytest.mark.parametrize("statements", ["one", "a row each"])
def test_a_stored_code_past_the_probe_is_merged_after_the_first_attempt(
    pg_seeded: str, monkeypatch: pytest.MonkeyPatch, statements: str
) -> None:
    # The writer learns of a stored code only at the end of the piped rows (or of their
    # statement); the rows before the probe's reach are new. The attempt is rolled back
    # whole (the statements before included), then the file merged.
    from data.importers import copy_load, copy_pipe

    monkeypatch.setattr(copy_load, "PROBED", 1)
    if statements == "a row each":
        monkeypatch.setattr(copy_load, "BYTES_PER_STATEMENT", 1)
        monkeypatch.setattr(copy_pipe, "BLOCK", 1)
    taken = record_copy_path(monkeypatch)
    stored = oc_bytes([lombard(5)])
    first = import_opencoesione(pg_seeded, lambda: io.BytesIO(stored), "a.csv")
    assert first.inserted == 1
    kept = batch_ids(pg_seeded, first.batch_id)
    rows = [lombard(n) for n in range(5)] + [lombard(5, FINANZ_TOTALE_PUBBLICO="7,00")]
    done = import_opencoesione(pg_seeded, lambda: io.BytesIO(oc_bytes(rows)), "b.csv")
    assert taken == [True, True]
    assert (done.outcome, done.inserted, done.updated, done.unchanged) == ("committed", 5, 1, 0)
    assert done.actions[2] == "new" and done.actions[7] == "updated"
    assert len(project_rows(pg_seeded)) == 6
    assert ("1LOMBFESR0000005", Decimal("7.00")) in [r[:2] for r in project_rows(pg_seeded)]
    # Undo removes the five new rows only (the attempt's rolled-back ids are not among them).
    written = batch_ids(pg_seeded, done.batch_id)
    assert batch_record(pg_seeded, done.batch_id)[1] == [i for i in written if i not in kept]


@pytest.mark.parametrize(("limit", "statements"), [(1, [1] * 40), (1 << 30, [40])])
def test_rows_piped_in_several_statements_are_all_written_and_can_be_undone(
    pg_seeded: str, monkeypatch: pytest.MonkeyPatch, limit: int, statements: list[int]
) -> None:
    # Each statement of the writer is a COPY stream of its own (header, rows, trailer),
    # cut between blocks (here of one row each) whatever the part the rows come from; the
    # ids are the sequence's range.
    from data.importers import copy_load, copy_pipe

    monkeypatch.setattr(copy_load, "BYTES_PER_STATEMENT", limit)
    monkeypatch.setattr(copy_pipe, "BLOCK", 1)
    ended: list[int] = []
    real_close = copy_pipe._Statements._close

    def counted_close(self: copy_pipe._Statements, *exc: Any) -> None:
        before = self.copied
        real_close(self, *exc)
        if self.copied != before:
            ended.append(self.copied - before)

    monkeypatch.setattr(copy_pipe._Statements, "_close", counted_close)
    taken = record_copy_path(monkeypatch)
    parts = split_every_file(monkeypatch)
    rows = [lombard(n) for n in range(40)]
    done = import_opencoesione(pg_seeded, lambda: io.BytesIO(oc_bytes(rows)), "oc.csv")
    assert (taken, parts) == ([True], [2])
    assert (done.outcome, done.inserted) == ("committed", 40)
    assert ended == statements
    assert [r[0] for r in project_rows(pg_seeded)] == sorted(r["COD_LOCALE_PROGETTO"] for r in rows)
    assert batch_record(pg_seeded, done.batch_id)[1] == batch_ids(pg_seeded, done.batch_id)


def test_a_row_refused_while_it_is_piped_leaves_nothing_written(
    pg_seeded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A cell the COPY path leaves to the row-by-row importer fails the reader's COPY in the
    # middle of the rows: the writer's COPY is abandoned, and the row path words it.
    taken = record_copy_path(monkeypatch)
    rows = [lombard(n) for n in range(2000)]
    rows[1500]["FINANZ_TOTALE_PUBBLICO"] = "1e5"
    content = oc_bytes(rows)
    result = import_opencoesione(pg_seeded, lambda: io.BytesIO(content), "oc.csv")
    assert taken == [False]
    assert result.outcome == "refused"
    assert [(p.row, p.column) for p in result.problems] == [(1502, "FINANZ_TOTALE_PUBBLICO")]
    assert project_rows(pg_seeded) == []


# --- a large file staged in two parts at once (data/importers/copy_split.py) ----------------


def record_parts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many parts each COPY import staged the file in, appended as they run."""
    from data.importers import copy_load

    counts: list[int] = []
    real_stage_parts = copy_load.stage_parts

    def recording_stage_parts(*args: Any, **kwargs: Any) -> Any:
        staged = real_stage_parts(*args, **kwargs)
        counts.append(len(staged))
        return staged

    monkeypatch.setattr(copy_load, "stage_parts", recording_stage_parts)
    return counts


def split_every_file(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Files of any size cut in two parts (the real threshold is megabytes): the parts."""
    from data.importers import copy_split

    monkeypatch.setattr(copy_split, "SPLIT_MIN_BYTES", 0)
    return record_parts(monkeypatch)


def placed(row: dict[str, str], region: str, province: str, name: str) -> None:
    row.update(COD_REGIONE=region, COD_PROVINCIA=province, DEN_PROVINCIA=name)


def test_a_file_in_two_parts_is_cut_after_a_record_that_spans_lines(
    pg_seeded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The middle of the file falls inside a title of 200 lines (with quotes in it): the cut
    # is after that record. Rows skipped and warned of in both parts keep their numbers.
    rows = [lombard(n) for n in range(40)]
    title = "\n".join(f'riga {i} di un titolo "lungo"' for i in range(200))
    rows[20]["OC_TITOLO_PROGETTO"] = title
    placed(rows[2], "016", "016071", "FOGGIA")  # another region, first part
    placed(rows[33], "997", "997997", "ESTERO")  # abroad, second part, with a warning
    rows[33]["OC_DATA_FINE_PROGETTO_PREVISTA"] = "20200101"
    rows[35]["OC_DATA_FINE_PROGETTO_PREVISTA"] = "20200101"  # ends before it starts
    content = oc_bytes(rows)
    start, end = content.index(b"riga 0 "), content.index(b"riga 199 ")
    assert start < len(content) // 2 < end
    parts = split_every_file(monkeypatch)
    fast, _, _ = both_paths(pg_seeded, content, monkeypatch)
    assert parts[0] == 2
    assert (fast.rows, fast.inserted) == (38, 38)
    assert fast.skipped == {"other_region": 1, "abroad": 1}
    assert [(w.row, w.column) for w in fast.warnings] == [
        (35, "OC_DATA_FINE_PROGETTO_PREVISTA"),
        (37, "OC_DATA_FINE_PROGETTO_PREVISTA"),
    ]
    assert sorted(fast.actions) == [n + 2 for n in range(40) if n not in (2, 33)]
    with session_scope(pg_seeded) as session:
        stored = session.scalar(
            select(Project.title).where(Project.code == rows[20]["COD_LOCALE_PROGETTO"])
        )
    assert stored == title
    assert batch_record(pg_seeded, fast.batch_id)[1] == batch_ids(pg_seeded, fast.batch_id)


def test_a_code_repeated_in_the_two_parts_is_refused_as_on_the_row_path(
    pg_seeded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from data.importers import copy_load

    rows = [lombard(n) for n in range(40)]
    code = rows[3]["COD_LOCALE_PROGETTO"]
    rows[35]["COD_LOCALE_PROGETTO"] = code
    content = oc_bytes(rows)
    first = content.index(code.encode())
    assert first < len(content) // 2 < content.index(code.encode(), first + 1)
    taken = record_copy_path(monkeypatch)
    parts = split_every_file(monkeypatch)
    result = import_opencoesione(pg_seeded, lambda: io.BytesIO(content), "oc.csv")
    assert (taken, parts) == ([False], [2])  # the writer's unique index refused it
    monkeypatch.setattr(copy_load, "available", lambda session: False)
    row_path = import_opencoesione(pg_seeded, lambda: io.BytesIO(content), "oc.csv")
    assert result.outcome == row_path.outcome == "refused"
    answer = [(p.row, p.column, p.message) for p in result.problems]
    assert answer == [(p.row, p.column, p.message) for p in row_path.problems]
    assert [(row, column) for row, column, _ in answer] == [(37, "COD_LOCALE_PROGETTO")]
    assert project_rows(pg_seeded) == []


def test_the_real_export_gives_the_same_report_in_two_parts_as_in_one(
    pg_seeded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hashlib

    from data.importers import copy_split
    from tests.opencoesione_files import REAL_SKIPPED, REAL_WARNINGS, real_export

    content = real_export().read_bytes()
    taken = record_copy_path(monkeypatch)
    parts = record_parts(monkeypatch)
    shown: list[list[tuple[int, int]]] = [[], []]
    results = []
    for run in range(2):
        if run == 1:
            monkeypatch.setattr(copy_split, "SPLIT_MIN_BYTES", 0)

        def follow(done: int, total: int, run: int = run) -> None:
            shown[run].append((done, total))

        result = import_opencoesione(
            pg_seeded, lambda: io.BytesIO(content), "oc.csv", dry_run=True, progress=follow
        )
        results.append(result)
    one, two = results
    assert (taken, parts) == ([True, True], [1, 2])
    assert (two.rows, two.skipped, two.warnings_total) == (12, REAL_SKIPPED, REAL_WARNINGS)
    for field in ("outcome", "inserted", "updated", "unchanged", "actions", "warnings"):
        assert getattr(two, field) == getattr(one, field), field
    assert two.report() == one.report()
    expected = hashlib.sha256(content).hexdigest()
    assert batch_record(pg_seeded, one.batch_id)[0] == expected
    assert batch_record(pg_seeded, two.batch_id)[0] == expected
    for calls in shown:  # ends at the whole file, never goes back
        assert calls[-1] == (len(content), len(content))
        assert [done for done, _ in calls] == sorted(done for done, _ in calls)


@pytest.mark.parametrize("split", [False, True])
def test_a_nul_byte_deep_in_a_file_is_refused_by_the_generic_reader(
    pg_seeded: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, split: bool
) -> None:
    # No reading of its own looks for it first: the COPY path's reading finds it, and the
    # file is read whole by the generic reader, which says where it is.
    from data.importers import copy_load, copy_split

    content = write_file_with_a_nul_byte(tmp_path / "oc.csv")
    if split:
        monkeypatch.setattr(copy_split, "SPLIT_MIN_BYTES", 0)
    readers: list[int] = []
    real_part_count = copy_load.part_count

    def recording_part_count(size: int) -> int:
        readers.append(real_part_count(size))
        return readers[-1]

    monkeypatch.setattr(copy_load, "part_count", recording_part_count)
    assert_refused_by_the_generic_reader(pg_seeded, tmp_path / "oc.csv", content)
    assert readers == [2 if split else 1]
    assert project_rows(pg_seeded) == []


def test_the_staging_table_stores_the_read_columns_of_a_real_export_first(
    pg_seeded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The real export interleaves the ~20 columns the COPY path reads with ~180 it does not;
    # the staging table keeps the read ones first, so a scan stops before the others.
    from data.importers import copy_load
    from tests.opencoesione_files import real_export

    stored: list[list[str]] = []
    real_derive = copy_load._derive

    def recording_derive(session: Any, header: list[str], rules: Any) -> None:
        columns = session.scalars(
            text(
                "SELECT attname FROM pg_attribute WHERE attrelid = 'pg_temp.oc_raw'::regclass"
                " AND attnum > 0 AND NOT attisdropped ORDER BY attnum"
            )
        )
        stored.append(list(columns))
        real_derive(session, header, rules)

    monkeypatch.setattr(copy_load, "_derive", recording_derive)
    taken = record_copy_path(monkeypatch)
    content = real_export().read_bytes()
    result = import_opencoesione(pg_seeded, lambda: io.BytesIO(content), "oc.csv")
    assert taken == [True] and result.inserted == 12
    [columns] = stored
    read = [c in copy_load.READ_COLUMNS for c in columns[1:]]
    assert columns[0] == "n" and len(columns) == 201
    assert read == sorted(read, reverse=True)  # every read column before every other
    assert sum(read) == len(copy_load.READ_COLUMNS & set(columns))
