"""Exports: the import layout (so they re-import), formula neutralisation, JSON nulls."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from data.exporting import FORMATS, export, neutralise
from data.importers.dispatch import import_file
from data.migrate import upgrade
from data.schemas import IMPORT_KINDS

Rows = dict[str, list[dict[str, str]]]
# After `source` (each KIND's last column): the document's title and its file name.
CITED = ["source_title", "source_file"]
REPORT = "002_b00e1683dd7b88f1.txt"  # the seed's 2025 report (data/config/sources.csv)


def csv_table(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8"), newline="")))


def xlsx_table(content: bytes) -> list[list[object]]:
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("kind", list(IMPORT_KINDS))
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_header_is_the_import_layout(loaded_url: str, kind: str, fmt: str) -> None:
    content = export(loaded_url, kind, fmt)
    table = csv_table(content) if fmt == "csv" else xlsx_table(content)
    assert table[0] == [*IMPORT_KINDS[kind].names, *CITED]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_round_trip_export_import(loaded_url: str, tmp_path: Path, fmt: str) -> None:
    # Everything exported from one database imports into an empty one and exports the same.
    other = f"sqlite:///{tmp_path / 'other.db'}"
    upgrade(other)
    for kind in IMPORT_KINDS:
        content = export(loaded_url, kind, fmt)
        result = import_file(other, kind, content, f"{kind}.{fmt}")
        assert result.outcome == "committed", [str(p) for p in result.problems]
        assert result.inserted == result.rows > 0
    for kind in IMPORT_KINDS:
        assert export(other, kind, "csv") == export(loaded_url, kind, "csv"), kind


def test_reimporting_an_export_changes_nothing(loaded_url: str) -> None:
    for kind in IMPORT_KINDS:
        result = import_file(loaded_url, kind, export(loaded_url, kind, "csv"), f"{kind}.csv")
        assert (result.outcome, result.updated, result.inserted) == ("committed", 0, 0), kind


def test_csv_values(loaded_url: str) -> None:
    table = csv_table(export(loaded_url, "calls", "csv"))
    row = dict(zip(table[0], table[1], strict=True))
    assert row["granted_eur"] == "41300000.50" and row["requested_eur"] == ""
    assert row["year"] == "2023" and row["opened_on"] == "2023-03-01"
    assert row["ecosystems"] == "manifattura|nutrizione"
    observations = csv_table(export(loaded_url, "observations", "csv"))
    values = [r[2] for r in observations[1:]]
    assert values == ["1.05", "2.08", "", "530"]  # n.d. stays empty, never 0


def test_json_is_a_list_of_objects_with_nulls_and_iso_dates(loaded_url: str) -> None:
    items = json.loads(export(loaded_url, "observations", "json"))
    assert [list(i) for i in items] == [[*IMPORT_KINDS["observations"].names, *CITED]] * 4
    nd = next(i for i in items if i["indicator_code"] == "RI02" and i["date"] == "2023-12-31")
    assert nd["value"] is None
    call = json.loads(export(loaded_url, "calls", "json"))[0]
    assert call["ecosystems"] == ["manifattura", "nutrizione"]
    assert call["granted_eur"] == 41300000.5 and call["admitted"] is None
    indicator = json.loads(export(loaded_url, "indicators", "json"))[1]
    assert indicator["baseline_value"] is None and indicator["published"] is True


@pytest.mark.parametrize("fmt", FORMATS)
def test_exports_cite_the_title_and_keep_the_file_name_as_provenance(
    seeded_url: str, fmt: str
) -> None:
    content = export(seeded_url, "observations", fmt)
    if fmt == "json":
        rows = [{k: str(v) for k, v in item.items()} for item in json.loads(content)]
    else:
        table = csv_table(content) if fmt == "csv" else xlsx_table(content)
        rows = [dict(zip(map(str, table[0]), map(str, r), strict=True)) for r in table[1:]]
    cited = [r for r in rows if r["source"].startswith(REPORT)]
    assert cited and all(r["source_file"] == REPORT for r in cited)
    assert all(
        r["source_title"].startswith("Relazione 2025 «Ricerca e innovazione»") for r in cited
    )
    assert REPORT not in cited[0]["source_title"]  # the reader sees the title, not the file
    english = json.loads(export(seeded_url, "observations", "json", lang="en"))
    assert english[0]["source_title"].startswith("Report “Ricerca e innovazione")


def test_an_import_skips_the_citation_columns(loaded_url: str) -> None:
    table = csv_table(export(loaded_url, "calls", "csv"))
    for row in table[1:]:  # a reader edits the derived columns: nothing of it is stored
        row[-2:] = ["a title typed by hand", "another.txt"]
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(table)
    result = import_file(loaded_url, "calls", buffer.getvalue().encode("utf-8"), "calls.csv")
    assert (result.outcome, result.updated, result.inserted) == ("committed", 0, 0)
    assert csv_table(export(loaded_url, "calls", "csv"))[1][-1] == ""  # not a known document


def test_public_export_keeps_published_rows_only(loaded_url: str) -> None:
    items = json.loads(export(loaded_url, "observations", "json", public=True))
    assert {i["status"] for i in items} == {"published"} and len(items) == 3


FORMULAS = ["=1+1", "+x", "-x", "@x"]


@pytest.fixture
def formula_url(sqlite_url: str, samples: Rows, csv_bytes) -> str:
    rows = [
        dict(samples["ecosystems"][0], code=f"e{i}", name_it=formula, sort_order=str(i))
        for i, formula in enumerate(FORMULAS)
    ]
    assert import_file(sqlite_url, "ecosystems", csv_bytes(rows), "e.csv").outcome == "committed"
    return sqlite_url


def test_csv_neutralises_formulas(formula_url: str) -> None:
    table = csv_table(export(formula_url, "ecosystems", "csv"))
    assert [r[1] for r in table[1:]] == ["'=1+1", "'+x", "'-x", "'@x"]


def test_xlsx_neutralises_formulas(formula_url: str) -> None:
    content = export(formula_url, "ecosystems", "xlsx")
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    cells = [sheet.cell(row=r, column=2) for r in range(2, 6)]
    assert [c.value for c in cells] == ["'=1+1", "'+x", "'-x", "'@x"]
    assert {c.data_type for c in cells} == {"s"}  # text, not formula


def test_json_keeps_text_as_is(formula_url: str) -> None:
    items = json.loads(export(formula_url, "ecosystems", "json"))
    assert [i["name_it"] for i in items] == FORMULAS


def test_neutralised_export_reimports_the_original_text(formula_url: str) -> None:
    for fmt in ("csv", "xlsx"):
        content = export(formula_url, "ecosystems", fmt)
        result = import_file(formula_url, "ecosystems", content, f"e.{fmt}")
        assert (result.outcome, result.unchanged) == ("committed", 4)


def test_neutralise_rules() -> None:
    assert [neutralise(t) for t in ["\tx", "\rx", "x=1", "", "'=1"]] == [
        "'\tx",
        "'\rx",
        "x=1",
        "",
        "'=1",
    ]


def test_unknown_format_or_kind(loaded_url: str) -> None:
    assert FORMATS == ("csv", "xlsx", "json")
    with pytest.raises(ValueError, match="unknown format"):
        export(loaded_url, "calls", "pdf")
    with pytest.raises(ValueError, match="unknown kind"):
        export(loaded_url, "headlines", "csv")
