"""Importer: every class of bad input is refused with row/column messages, valid files upsert."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select, text

import data.importers.reading as reading
from data.db import current_data_version, session_scope
from data.importers.checks import SPECS, model_column, validate
from data.importers.dispatch import import_file, read_table
from data.importers.problems import Problem
from data.importers.writing import ImportResult
from data.models import (
    Cluster,
    ClusterEcosystem,
    Ecosystem,
    FundingCall,
    HeadlineFigure,
    ImportBatch,
    Indicator,
    Observation,
    Project,
)
from data.schemas import IMPORT_KINDS, SEED_KINDS

ORDER = list(IMPORT_KINDS)
Rows = dict[str, list[dict[str, str]]]

MODELS = {kind: spec.model for kind, spec in SPECS.items()}  # the table of each KIND


def count(url: str, model: type) -> int:
    with session_scope(url) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def batches(url: str) -> list[ImportBatch]:
    with session_scope(url) as session:
        return list(session.scalars(select(ImportBatch).order_by(ImportBatch.id)))


def version(url: str) -> int:
    with session_scope(url) as session:
        return current_data_version(session)


def messages(result: ImportResult) -> list[str]:
    return [str(p) for p in result.problems]


# --- the mapping is complete -------------------------------------------------------------


@pytest.mark.parametrize("kind", list(SEED_KINDS))
def test_every_schema_column_is_stored_somewhere(kind: str) -> None:
    spec = SPECS[kind]
    for column in SEED_KINDS[kind].columns:
        if column.name in spec.links:
            continue
        assert model_column(spec, spec.attribute(column.name)) is not None


# --- valid files --------------------------------------------------------------------------


def test_every_sample_kind_imports(loaded_url: str, samples: Rows) -> None:
    for kind in ORDER:
        assert count(loaded_url, MODELS[kind]) == len(samples[kind])
    assert [b.outcome for b in batches(loaded_url)] == ["committed"] * len(ORDER)
    assert [b.kind for b in batches(loaded_url)] == ORDER


def test_headlines_import(sqlite_url: str, samples: Rows, csv_bytes) -> None:
    result = import_file(sqlite_url, "headlines", csv_bytes(samples["headlines"]), "h.csv")
    assert result.outcome == "committed"
    assert count(sqlite_url, HeadlineFigure) == 1


def test_committed_import_records_batch_and_ids(loaded_url: str) -> None:
    batch = next(b for b in batches(loaded_url) if b.kind == "observations")
    assert batch.rows == 4 and batch.outcome == "committed" and len(batch.sha256) == 64
    assert batch.file_name == "observations.csv" and batch.errors == ""
    with session_scope(loaded_url) as session:
        assert set(session.scalars(select(Observation.import_batch_id))) == {batch.id}
        project_batch = session.scalar(select(Project.import_batch_id))
    assert project_batch == next(b.id for b in batches(loaded_url) if b.kind == "projects")


def test_nd_is_stored_as_null_never_zero(loaded_url: str) -> None:
    with session_scope(loaded_url) as session:
        value = session.scalar(
            select(Observation.value)
            .join(Indicator)
            .where(Indicator.code == "RI02", Observation.date == dt.date(2023, 12, 31))
        )
        baseline = session.scalar(select(Indicator.baseline_value).where(Indicator.code == "RI02"))
    assert value is None and baseline is None


def test_types_are_converted(loaded_url: str) -> None:
    with session_scope(loaded_url) as session:
        call = session.scalars(select(FundingCall)).one()
        assert str(call.granted_eur) == "41300000.50"
        assert call.requested_eur is None and call.admitted is None
        assert call.opened_on == dt.date(2023, 3, 1) and call.year == 2023
        assert sorted(e.code for e in call.ecosystems) == ["manifattura", "nutrizione"]
        cluster = session.scalars(select(Cluster)).one()
        links = {
            (link.ecosystem.code, link.is_reference, link.is_synergy)
            for link in cluster.ecosystem_links
        }
        assert links == {("manifattura", True, True), ("nutrizione", False, True)}
        assert cluster.coords_approximate is True and cluster.lat == pytest.approx(45.669)
        indicator = session.scalars(select(Indicator).where(Indicator.code == "RI02")).one()
        assert indicator.ecosystem is not None and indicator.ecosystem.code == "manifattura"


def test_status_comes_from_file_and_defaults_to_draft(loaded_url: str, csv_bytes) -> None:
    rows = [{"indicator_code": "RI01", "date": "2025-04-30", "value": "3.1", "source": "x"}]
    result = import_file(loaded_url, "observations", csv_bytes(rows), "o.csv")
    assert result.outcome == "committed"
    with session_scope(loaded_url) as session:
        statuses = dict(session.execute(select(Observation.date, Observation.status)).all())
    assert statuses[dt.date(2025, 4, 30)] == "draft"
    assert statuses[dt.date(2023, 12, 31)] == "published"
    assert statuses[dt.date(2024, 12, 31)] == "draft"  # RI02's: the file said draft


def test_bom_and_crlf_are_accepted(sqlite_url: str, samples: Rows, csv_bytes) -> None:
    content = b"\xef\xbb\xbf" + csv_bytes(samples["ecosystems"]).replace(b"\n", b"\r\n")
    assert import_file(sqlite_url, "ecosystems", content, "e.csv").outcome == "committed"


def test_upsert_updates_in_place_and_leaves_other_rows(loaded_url: str, csv_bytes) -> None:
    ri01 = select(Observation).join(Indicator).where(Indicator.code == "RI01")
    with session_scope(loaded_url) as session:
        before = {o.date: o.id for o in session.scalars(ri01)}
    rows = [
        {"indicator_code": "RI01", "date": "2024-12-31", "value": "2.5", "status": "published",
         "note": "revised", "source": "new"},
        {"indicator_code": "RI01", "date": "2025-04-30", "value": "3.1", "status": "published",
         "note": "", "source": "new"},
    ]  # fmt: skip
    result = import_file(loaded_url, "observations", csv_bytes(rows), "o.csv")
    assert (result.inserted, result.updated, result.unchanged) == (1, 1, 0)
    assert count(loaded_url, Observation) == 5
    with session_scope(loaded_url) as session:
        after = {o.date: o for o in session.scalars(ri01)}
    revised = after[dt.date(2024, 12, 31)]
    assert revised.id == before[dt.date(2024, 12, 31)]  # updated, not replaced
    assert (revised.value, revised.note, revised.import_batch_id) == (
        2.5, "revised", result.batch_id
    )  # fmt: skip
    untouched = after[dt.date(2023, 12, 31)]
    assert untouched.value == 1.05 and untouched.import_batch_id != result.batch_id


def test_reimporting_the_same_file_changes_nothing(
    loaded_url: str, samples: Rows, csv_bytes
) -> None:
    start = version(loaded_url)
    result = import_file(loaded_url, "calls", csv_bytes(samples["calls"]), "calls.csv")
    assert (result.outcome, result.unchanged, result.updated) == ("committed", 1, 0)
    assert version(loaded_url) == start


def test_a_changed_import_bumps_the_data_version(loaded_url: str, samples: Rows, csv_bytes) -> None:
    start = version(loaded_url)
    rows = [dict(samples["ecosystems"][0], name_en="Advanced manufacturing")]
    assert import_file(loaded_url, "ecosystems", csv_bytes(rows), "e.csv").updated == 1
    assert version(loaded_url) == start + 1


def test_link_rows_are_replaced(loaded_url: str, samples: Rows, csv_bytes) -> None:
    cluster = dict(samples["clusters"][0], reference_ecosystems="nutrizione", synergy_ecosystems="")
    call = dict(samples["calls"][0], ecosystems="trasversale")
    assert import_file(loaded_url, "clusters", csv_bytes([cluster]), "c.csv").updated == 1
    assert import_file(loaded_url, "calls", csv_bytes([call]), "k.csv").updated == 1
    with session_scope(loaded_url) as session:
        links = session.execute(
            select(Ecosystem.code, ClusterEcosystem.is_reference, ClusterEcosystem.is_synergy).join(
                Ecosystem
            )
        ).all()
        call_codes = [e.code for e in session.scalars(select(FundingCall)).one().ecosystems]
    assert [tuple(x) for x in links] == [("nutrizione", True, False)]
    assert call_codes == ["trasversale"]


def test_absent_optional_column_keeps_stored_values(
    loaded_url: str, samples: Rows, csv_bytes
) -> None:
    row = {k: v for k, v in samples["calls"][0].items() if k not in ("notes", "ecosystems")}
    row["name"] = "Ricerca e Innova"
    assert import_file(loaded_url, "calls", csv_bytes([row]), "k.csv").updated == 1
    with session_scope(loaded_url) as session:
        call = session.scalars(select(FundingCall)).one()
        assert call.name == "Ricerca e Innova" and len(call.ecosystems) == 2


def test_xlsx_first_sheet_is_imported(loaded_url: str) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["indicator_code", "date", "value", "status", "note", "source"])
    sheet.append(["RI01", dt.datetime(2025, 4, 30), 3.1, "published", None, "xlsx"])
    sheet.append(["RI02", "2025-04-30", 600, None, "typed as text", "xlsx"])
    workbook.create_sheet("ignored").append(["nothing", "here"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_file(loaded_url, "observations", buffer.getvalue(), "obs.xlsx")
    assert result.outcome == "committed", messages(result)
    assert result.inserted == 2
    with session_scope(loaded_url) as session:
        values = dict(
            session.execute(
                select(Indicator.code, Observation.value)
                .join(Indicator)
                .where(Observation.date == dt.date(2025, 4, 30))
            ).all()
        )
    assert values == {"RI01": 3.1, "RI02": 600.0}


def test_xlsx_problems_use_sheet_row_numbers(loaded_url: str) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["indicator_code", "date", "value", "source"])
    sheet.append(["RI01", "2025-04-30", "3.1", "x"])
    sheet.append([None, None, None, None])  # an empty row still counts in the numbering
    sheet.append(["RI01", "2025-05-31", "abc", "x"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_file(loaded_url, "observations", buffer.getvalue(), "obs.xlsx")
    assert messages(result) == ['row 4, column value: "abc" is not a number']


def test_neutralised_formula_prefix_is_removed(sqlite_url: str, samples: Rows, csv_bytes) -> None:
    rows = [dict(samples["ecosystems"][0], name_it="'=1+1", name_en="'-x")]
    assert import_file(sqlite_url, "ecosystems", csv_bytes(rows), "e.csv").outcome == "committed"
    with session_scope(sqlite_url) as session:
        names = session.execute(select(Ecosystem.name_it, Ecosystem.name_en)).one()
    assert tuple(names) == ("=1+1", "-x")


# --- bad input: each class gives the right row, column and message ------------------------


def changed(samples: Rows, kind: str, index: int, changes: dict[str, str]) -> list[dict[str, str]]:
    """The sample rows of `kind` with row `index` (file row index + 2) changed."""
    rows = [dict(r) for r in samples[kind]]
    rows[index].update(changes)
    return rows


BAD_CELLS = [
    ("observations", 1, {"value": "abc"}, 'row 3, column value: "abc" is not a number'),
    ("observations", 1, {"value": "2,08"},
     'row 3, column value: "2,08" is not a number (use "." as the decimal point and no '
     "thousands separator)"),
    ("observations", 1, {"date": "31/12/2024"},
     'row 3, column date: "31/12/2024" is not a date in the form YYYY-MM-DD'),
    ("observations", 1, {"date": "2024-02-30"},
     'row 3, column date: "2024-02-30" is not a date in the form YYYY-MM-DD'),
    ("observations", 1, {"date": "1949-12-31"},
     "row 3, column date: 1949-12-31 is outside the accepted range 1950-01-01 to 2100-12-31"),
    ("observations", 1, {"date": "2101-01-01"},
     "row 3, column date: 2101-01-01 is outside the accepted range 1950-01-01 to 2100-12-31"),
    ("observations", 1, {"date": "2021-12-31"},
     "row 3, column date: 2021-12-31 is before the baseline date of indicator RI01 (2022-12-31)"),
    ("observations", 1, {"date": "2028-03-31"},
     "row 3, column date: 2028-03-31 is after the target date of indicator RI01 (2027-12-31)"),
    ("observations", 1, {"indicator_code": "RI99"},
     'row 3, column indicator_code: unknown indicator code "RI99" (known: RI01, RI02)'),
    ("observations", 1, {"status": "final"},
     'row 3, column status: "final" is not one of: draft, published, withdrawn'),
    ("observations", 1, {"source": ""}, "row 3, column source: a value is required"),
    ("observations", 1, {"date": "2023-12-31"},
     "row 3, column date: duplicate of row 2 (indicator_code RI01, date 2023-12-31)"),
    ("calls", 0, {"budget_eur": "-5"},
     'row 2, column budget_eur: "-5" is negative; amounts and counts cannot be'),
    ("calls", 0, {"applications": "-1"},
     'row 2, column applications: "-1" is negative; amounts and counts cannot be'),
    ("calls", 0, {"budget_eur": "583.400"},
     'row 2, column budget_eur: "583.400" has more than 2 decimal places (use "." as the '
     "decimal point and no thousands separator)"),
    ("calls", 0, {"budget_eur": "1e6"},
     'row 2, column budget_eur: "1e6" is not an amount in euros'),
    ("calls", 0, {"year": "2023.5"}, 'row 2, column year: "2023.5" is not a whole number'),
    ("calls", 0, {"opened_on": "2023-3-1"},
     'row 2, column opened_on: "2023-3-1" is not a date in the form YYYY-MM-DD'),
    ("calls", 0, {"ecosystems": "manifattura|nowhere"},
     'row 2, column ecosystems: unknown ecosystem code "nowhere" '
     "(known: manifattura, nutrizione, trasversale)"),
    ("calls", 0, {"ecosystems": "manifattura,nutrizione"},
     'row 2, column ecosystems: unknown ecosystem code "manifattura,nutrizione" '
     '(separate several codes with "|")'),
    ("ecosystems", 0, {"cross_cutting": "maybe"},
     'row 2, column cross_cutting: "maybe" is not true or false '
     "(write true, false, yes, no, 1 or 0)"),
    ("clusters", 0, {"members_total": "11"},
     "row 2, column members_total: members_total is 11 but firms + research + other = "
     "6 + 2 + 2 = 10"),
    ("clusters", 0, {"province_code": "0161"},
     "row 2, column province_code: the text is 4 characters long; at most 3 fit"),
    ("indicators", 0, {"kind": "monthly"},
     'row 2, column kind: "monthly" is not one of: cumulative, annual, level'),
    ("indicators", 0, {"target_date": "2022-01-01"},
     "row 2, column target_date: target_date 2022-01-01 is not after baseline_date 2022-12-31"),
    ("projects", 0, {"call_code": "no-such-call"},
     'row 2, column call_code: unknown call code "no-such-call" (known: ricerca-innova)'),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "index", "changes", "expected"), BAD_CELLS)
def test_bad_cell_is_refused_with_row_and_column(
    loaded_url: str,
    samples: Rows,
    csv_bytes,
    kind: str,
    index: int,
    changes: dict[str, str],
    expected: str,
) -> None:
    rows = changed(samples, kind, index, changes)
    result = import_file(loaded_url, kind, csv_bytes(rows), f"{kind}.csv")
    assert result.outcome == "refused"
    assert messages(result) == [expected]


def test_missing_required_and_unknown_columns(loaded_url: str, samples: Rows, csv_bytes) -> None:
    rows = [{k: v for k, v in r.items() if k != "source"} for r in samples["observations"]]
    rows[0]["colour"] = "blue"
    result = import_file(loaded_url, "observations", csv_bytes(rows), "o.csv")
    assert messages(result) == [
        "row 1, column source: required column is missing",
        "row 1, column colour: unknown column: not part of the observations format",
    ]


def test_several_problems_are_all_listed_in_file_order(
    loaded_url: str, samples: Rows, csv_bytes
) -> None:
    rows = [dict(r) for r in samples["observations"]]
    rows[0].update(value="abc", status="final")
    rows[2].update(indicator_code="RI99", date="2024/01/01")
    rows[3].update(source="")
    result = import_file(loaded_url, "observations", csv_bytes(rows), "o.csv")
    assert messages(result) == [
        'row 2, column value: "abc" is not a number',
        'row 2, column status: "final" is not one of: draft, published, withdrawn',
        'row 4, column indicator_code: unknown indicator code "RI99" (known: RI01, RI02)',
        'row 4, column date: "2024/01/01" is not a date in the form YYYY-MM-DD',
        "row 5, column source: a value is required",
    ]


def test_refused_import_changes_nothing_and_is_recorded(
    loaded_url: str, table_snapshot, samples: Rows, csv_bytes
) -> None:
    before, start = table_snapshot(loaded_url), version(loaded_url)
    rows = [dict(r, value="1") for r in samples["observations"]]  # all valid updates…
    rows.append({"indicator_code": "RI01", "date": "2025-01-31", "value": "x", "source": "s"})
    result = import_file(loaded_url, "observations", csv_bytes(rows), "bad.csv", username="anna")
    assert result.outcome == "refused" and result.batch_id is not None
    assert table_snapshot(loaded_url) == before and version(loaded_url) == start
    batch = batches(loaded_url)[-1]
    assert (batch.id, batch.outcome, batch.username, batch.rows) == (
        result.batch_id, "refused", "anna", 5
    )  # fmt: skip
    assert json.loads(batch.errors) == [
        {"row": 6, "column": "value", "message": '"x" is not a number'}
    ]


def test_dry_run_writes_nothing(loaded_url: str, table_snapshot, samples: Rows, csv_bytes) -> None:
    before, start = table_snapshot(loaded_url), version(loaded_url)
    rows = [dict(r, value="9") for r in samples["observations"]]
    result = import_file(loaded_url, "observations", csv_bytes(rows), "o.csv", dry_run=True)
    assert (result.outcome, result.ok, result.rows) == ("dry-run", True, 4)
    assert table_snapshot(loaded_url) == before and version(loaded_url) == start
    assert batches(loaded_url)[-1].outcome == "dry-run"


def test_dry_run_reports_problems(loaded_url: str, samples: Rows, csv_bytes) -> None:
    result = import_file(
        loaded_url,
        "observations",
        csv_bytes(changed(samples, "observations", 1, {"value": "abc"})),
        "o.csv",
        dry_run=True,
    )
    assert result.outcome == "dry-run" and not result.ok
    assert messages(result) == ['row 3, column value: "abc" is not a number']


def test_database_error_midway_rolls_everything_back(
    loaded_url: str, table_snapshot, samples: Rows, csv_bytes
) -> None:
    # A rule only the database knows: the importer validates, then the write fails midway.
    with session_scope(loaded_url) as session:
        session.execute(
            text(
                "CREATE TRIGGER no_huge BEFORE INSERT ON observation WHEN NEW.value > 1e9 "
                "BEGIN SELECT RAISE(ABORT, 'value too large for this test'); END"
            )
        )
    before, start = table_snapshot(loaded_url), version(loaded_url)
    rows = [dict(r, value="7") for r in samples["observations"]]  # updates…
    rows.append({"indicator_code": "RI01", "date": "2025-01-31", "value": "1", "source": "s"})
    rows.append({"indicator_code": "RI01", "date": "2025-02-28", "value": "5e9", "source": "s"})
    result = import_file(loaded_url, "observations", csv_bytes(rows), "o.csv")
    assert result.outcome == "refused"
    assert "value too large for this test" in result.problems[0].message
    assert table_snapshot(loaded_url) == before and version(loaded_url) == start
    assert batches(loaded_url)[-1].outcome == "refused"
    assert [b.outcome for b in batches(loaded_url)].count("committed") == len(ORDER)


# --- bad files ----------------------------------------------------------------------------


def test_semicolon_csv_is_refused_with_a_delimiter_message(
    sqlite_url: str, samples: Rows, csv_bytes
) -> None:
    content = csv_bytes(samples["ecosystems"], delimiter=";")
    result = import_file(sqlite_url, "ecosystems", content, "e.csv")
    assert messages(result) == [
        "row 1: the columns are separated by semicolons (;); S3 Monitor expects commas (,)"
    ]
    assert count(sqlite_url, Ecosystem) == 0
    assert batches(sqlite_url)[-1].outcome == "refused"


def test_tab_separated_file_is_refused(sqlite_url: str, samples: Rows, csv_bytes) -> None:
    result = import_file(sqlite_url, "ecosystems", csv_bytes(samples["ecosystems"], "\t"), "e.txt")
    assert "separated by tabs" in messages(result)[0]


def test_latin1_is_refused_with_an_encoding_message(
    sqlite_url: str, samples: Rows, csv_bytes
) -> None:
    rows = [dict(samples["ecosystems"][0], name_it="Città", source="plain")]
    content = csv_bytes(rows).decode("utf-8").encode("latin-1")
    result = import_file(sqlite_url, "ecosystems", content, "e.csv")
    assert messages(result) == [
        "row 2: the file is not UTF-8 encoded (byte 0xE0 cannot be read); save it as CSV "
        "UTF-8 (comma delimited) — it looks like Latin-1 / Windows-1252"
    ]


def test_utf16_is_refused(sqlite_url: str, samples: Rows, csv_bytes) -> None:
    content = csv_bytes(samples["ecosystems"]).decode().encode("utf-16")
    assert "UTF-16" in messages(import_file(sqlite_url, "ecosystems", content, "e.csv"))[0]


def test_oversized_file_is_refused(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, samples: Rows, csv_bytes
) -> None:
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 1024 * 1024)
    content = csv_bytes(samples["ecosystems"]) + b"x" * (1024 * 1024)
    result = import_file(sqlite_url, "ecosystems", content, "big.csv")
    assert result.outcome == "refused"
    assert messages(result) == ["file: the file is 1.0 MB; the limit is 1 MB"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "file: the file is empty"),
        (b"\n\n", "file: the file is empty"),
        (b"code,name_it,name_en,source\n", "file: the file has a header but no data rows"),
        (b"PK\x03\x04garbage", "file: the file is not a readable XLSX workbook; save it as "
         ".xlsx or as CSV UTF-8"),
    ],
)  # fmt: skip
def test_empty_and_unreadable_files(sqlite_url: str, content: bytes, expected: str) -> None:
    assert messages(import_file(sqlite_url, "ecosystems", content, "e.csv")) == [expected]


def test_ragged_rows_and_duplicate_columns(sqlite_url: str) -> None:
    content = b"code,name_it,name_en,source\nx,a,b,c,EXTRA\n"
    assert messages(import_file(sqlite_url, "ecosystems", content, "e.csv")) == [
        "row 2: the row has 5 cells but the header has 4 columns"
    ]
    content = b"code,name_it,name_en,source,code\nx,a,b,c,x\n"
    assert messages(import_file(sqlite_url, "ecosystems", content, "e.csv")) == [
        "row 1, column code: the column appears more than once"
    ]


def test_quoted_multiline_cell_counts_as_one_row(sqlite_url: str) -> None:
    content = b'code,name_it,name_en,sort_order,source\na,"two\nlines",b,1,s\nb,x,y,z,s\n'
    assert messages(import_file(sqlite_url, "ecosystems", content, "e.csv")) == [
        'row 3, column sort_order: "z" is not a whole number'
    ]


def test_read_table_and_validate_are_usable_alone(
    loaded_url: str, samples: Rows, csv_bytes
) -> None:
    frame, problems = read_table(
        "observations", csv_bytes(changed(samples, "observations", 1, {"value": "abc"})), "o.csv"
    )
    assert frame is not None and problems == [] and list(frame.index) == [2, 3, 4, 5]
    with session_scope(loaded_url) as session:
        assert validate(session, "observations", frame) == [
            Problem(3, "value", '"abc" is not a number')
        ]


def test_unknown_kind_and_status_are_programming_errors(sqlite_url: str) -> None:
    with pytest.raises(ValueError, match="unknown kind"):
        import_file(sqlite_url, "widgets", b"a\n1\n", "w.csv")
    with pytest.raises(ValueError, match="default_status"):
        import_file(sqlite_url, "observations", b"a\n1\n", "o.csv", default_status="final")


def test_excel_italian_csv_gets_both_encoding_and_delimiter_messages(
    sqlite_url: str, samples: Rows, csv_bytes
) -> None:
    rows = [dict(samples["ecosystems"][0], name_it="Città", source="plain")]
    content = csv_bytes(rows, delimiter=";").decode().encode("cp1252")
    result = import_file(sqlite_url, "ecosystems", content, "e.csv")
    assert [p.message.split(";")[0] for p in result.problems] == [
        "the file is not UTF-8 encoded (byte 0xE0 cannot be read)",
        "the columns are separated by semicolons (",
    ]


def test_historical_series_from_1950_import(sqlite_url: str, samples: Rows, csv_bytes) -> None:
    """Real series (Eurostat regional R&D) start in the 1980s: dates from 1950 are taken."""
    indicator = dict(samples["indicators"][0])
    indicator.update(code="GERD", baseline_date="1981-12-31", baseline_value="1.1")
    rows = [
        {**samples["observations"][0], "indicator_code": "GERD", "date": day, "value": value}
        for day, value in (("1981-12-31", "1.1"), ("1995-12-31", "1.3"), ("1950-01-01", ""))
    ]
    indicator["baseline_date"] = "1950-01-01"
    assert import_file(sqlite_url, "indicators", csv_bytes([indicator]), "i.csv").ok
    result = import_file(sqlite_url, "observations", csv_bytes(rows), "o.csv")
    assert result.ok, messages(result)
    with session_scope(sqlite_url) as session:
        dates = session.scalars(select(Observation.date).order_by(Observation.date)).all()
    assert dates == [dt.date(1950, 1, 1), dt.date(1981, 12, 31), dt.date(1995, 12, 31)]
