"""OpenCoesione project files: written by the tests from the documented columns, imported
through the same entry points as every file (CLI path and upload bytes), refused whole on
any problem with row and column, streamed in chunks inside one transaction."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from data.db import current_data_version, session_scope
from data.importers import chunked
from data.importers.chunked import import_opencoesione
from data.importers.dispatch import import_file, import_path, read_table
from data.importers.opencoesione import looks_like_opencoesione
from data.importers.writing import ImportResult
from data.models import Ecosystem, ImportBatch, Project
from tests.opencoesione_files import (
    COLUMNS,
    assert_refused_by_the_generic_reader,
    oc_bytes,
    oc_row,
    write_file_with_a_nul_byte,
    write_oc_file,
)


def projects(url: str) -> list[dict[str, Any]]:
    with session_scope(url) as session:
        stmt = (
            select(Project, Ecosystem.code)
            .outerjoin(Ecosystem, Ecosystem.id == Project.ecosystem_id)
            .order_by(Project.code)
        )
        return [
            {
                "code": p.code,
                "cup": p.cup,
                "title": p.title,
                "province_code": p.province_code,
                "province_name": p.province_name,
                "theme": p.theme,
                "amount": p.public_funding_eur,
                "start": p.start_date,
                "end": p.end_date,
                "ecosystem": eco,
                "synthetic": p.is_synthetic,
                "batch": p.import_batch_id,
            }
            for p, eco in session.execute(stmt)
        ]


def last_batch(url: str) -> ImportBatch:
    with session_scope(url) as session:
        batch = session.scalars(select(ImportBatch).order_by(ImportBatch.id.desc())).first()
        assert batch is not None
        return batch


def version(url: str) -> int:
    with session_scope(url) as session:
        return current_data_version(session)


def messages(result: ImportResult) -> list[str]:
    return [str(p) for p in result.problems]


def import_bytes(url: str, content: bytes, name: str = "progetti.csv") -> ImportResult:
    return import_file(url, "projects", content, name, username="tester")


# --- valid files -------------------------------------------------------------------------


def test_detected_by_its_header() -> None:
    assert looks_like_opencoesione(oc_bytes([oc_row(1)]))
    assert looks_like_opencoesione(b"\xef\xbb\xbfCUP;COD_LOCALE_PROGETTO\n")
    assert not looks_like_opencoesione(b"code,cup,title,source\n")


def test_file_written_from_documented_columns_imports(seeded_url: str, tmp_path: Path) -> None:
    rows = [oc_row(n) for n in range(8)]
    rows[2]["OC_DATA_FINE_PROGETTO_EFFETTIVA"] = "20250630"  # the actual end wins
    rows[3]["FINANZ_TOTALE_PUBBLICO"] = "250000"  # no decimals at all is fine
    path = write_oc_file(tmp_path / "progetti_esteso.csv", rows)
    start = version(seeded_url)

    result = import_path(seeded_url, "projects", path, username="tester")

    assert result.outcome == "committed", messages(result)
    assert (result.rows, result.inserted) == (8, 8)
    assert version(seeded_url) == start + 1
    stored = {p["code"]: p for p in projects(seeded_url)}
    first = stored["1LOMBFESR0000000"]
    assert first["title"] == "Progetto di ricerca n. 0; «prova»"  # `;` inside quotes
    assert first["cup"] == "E12F23000000000"
    assert str(first["amount"]) == "1000.00"
    assert first["province_code"] == "015"  # "15" normalised to 3 digits
    assert first["province_name"] == "Milano"
    assert first["theme"] == "Agenda digitale"
    assert first["start"].isoformat() == "2024-01-15"
    assert first["end"].isoformat() == "2026-12-31"
    assert first["synthetic"] is False
    assert first["batch"] == result.batch_id
    assert str(stored["1LOMBFESR0000001"]["amount"]) == "1001.01"
    assert stored["1LOMBFESR0000001"]["province_code"] == "016"
    assert stored["1LOMBFESR0000002"]["end"].isoformat() == "2025-06-30"
    assert str(stored["1LOMBFESR0000003"]["amount"]) == "250000.00"
    assert stored["1LOMBFESR0000003"]["province_code"] == "108"
    batch = last_batch(seeded_url)
    assert (batch.outcome, batch.rows, batch.kind) == ("committed", 8, "projects")
    assert batch.file_name == "progetti_esteso.csv"


def test_mapping_config_assigns_ecosystems_and_never_guesses(seeded_url: str) -> None:
    rows = [
        oc_row(0, OC_TEMA_SINTETICO="Agenda digitale"),
        oc_row(1, OC_TEMA_SINTETICO="ENERGIA"),  # case and spacing do not matter
        oc_row(2, OC_TEMA_SINTETICO="Ricerca e innovazione"),  # not mapped
        oc_row(3, OC_TEMA_SINTETICO="Cultura e turismo"),
        oc_row(4, OC_TEMA_SINTETICO=""),
    ]
    assert import_bytes(seeded_url, oc_bytes(rows)).ok
    ecosystems = [p["ecosystem"] for p in projects(seeded_url)]
    assert ecosystems == ["connettivita", "sostenibilita", None, "cultura", None]


def test_extra_columns_ignored_and_optional_columns_may_be_absent(seeded_url: str) -> None:
    required = [
        "COD_LOCALE_PROGETTO",
        "OC_TITOLO_PROGETTO",
        "FINANZ_TOTALE_PUBBLICO",
        "COD_PROVINCIA",
        "OC_TEMA_SINTETICO",
        "OC_DATA_INIZIO_PROGETTO",
        "UNA_COLONNA_NUOVA",
    ]
    result = import_bytes(seeded_url, oc_bytes([oc_row(1)], columns=required))
    assert result.outcome == "committed", messages(result)
    assert projects(seeded_url)[0]["cup"] == ""


def test_reimport_is_unchanged_and_changes_are_updates(seeded_url: str) -> None:
    rows = [oc_row(n) for n in range(4)]
    assert import_bytes(seeded_url, oc_bytes(rows)).inserted == 4
    start = version(seeded_url)
    again = import_bytes(seeded_url, oc_bytes(rows))
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 4)
    assert version(seeded_url) == start  # nothing changed, caches stay valid
    rows[1]["FINANZ_TOTALE_PUBBLICO"] = "99,99"
    changed = import_bytes(seeded_url, oc_bytes(rows))
    assert (changed.inserted, changed.updated, changed.unchanged) == (0, 1, 3)
    assert str(projects(seeded_url)[1]["amount"]) == "99.99"


def test_upload_preview_reads_the_file_and_dry_run_writes_nothing(seeded_url: str) -> None:
    content = oc_bytes([oc_row(n) for n in range(3)])
    frame, problems = read_table("projects", content, "progetti.csv")
    assert problems == [] and frame is not None
    assert list(frame.index) == [2, 3, 4]
    assert frame.loc[2, "province_code"] == "015"
    result = import_file(seeded_url, "projects", content, "progetti.csv", dry_run=True)
    assert (result.outcome, result.inserted) == ("dry-run", 3)
    assert result.actions == {2: "new", 3: "new", 4: "new"}
    assert projects(seeded_url) == []


# --- malformed files: refused whole, with row and column --------------------------------


def test_province_codes_in_every_form_opencoesione_writes(seeded_url: str) -> None:
    # (COD_REGIONE, COD_PROVINCIA, DEN_PROVINCIA) → (province, name, localisation)
    forms = {
        ("03", "15", "MILANO"): ("015", "Milano", "province"),  # bare number
        ("003", "003016", "BERGAMO"): ("016", "Bergamo", "province"),  # region + province
        ("003", "003000", ""): ("", "", "region"),  # region-wide, the documented way
        ("003", "", ""): ("", "", "region"),  # region-wide, as the real exports write it
        # Lombardy and elsewhere (Torino): kept, but no province may count it.
        ("003:::001", "003015:::001001", "MILANO:::TORINO"): ("", "MILANO, TORINO", "multi"),
        # Two Lombardy provinces: neither alone.
        ("003", "003015:::003017", "MILANO:::BRESCIA"): ("", "Milano, Brescia", "multi"),
    }
    rows = []
    for n, (region, code, name) in enumerate(forms):
        rows.append(oc_row(n, COD_REGIONE=region, COD_PROVINCIA=code, DEN_PROVINCIA=name))
    result = import_bytes(seeded_url, oc_bytes(rows))
    assert result.outcome == "committed", messages(result)
    with session_scope(seeded_url) as session:
        stored = session.execute(
            select(Project.province_code, Project.province_name, Project.localisation).order_by(
                Project.code
            )
        ).all()
    assert [tuple(r) for r in stored] == list(forms.values())


def test_no_province_total_includes_a_project_in_several_provinces(
    seeded_url: str, client: Any
) -> None:
    from dashboard.pages.funding import PROVINCE_ID
    from data.analysis.funding import cube_sum
    from data.project_queries import funding_cube
    from tests.components import find, text_of
    from tests.dash_client import render

    rows = [
        oc_row(0, COD_PROVINCIA="003015", FINANZ_TOTALE_PUBBLICO="100,00"),  # Milano alone
        oc_row(1, COD_PROVINCIA="003015:::003017", FINANZ_TOTALE_PUBBLICO="20000,00"),
        oc_row(
            2,
            COD_REGIONE="003:::001",
            COD_PROVINCIA="003015:::001001",  # Milano and Torino
            FINANZ_TOTALE_PUBBLICO="300000,00",
        ),
        oc_row(3, COD_PROVINCIA="003017", FINANZ_TOTALE_PUBBLICO="4000,00"),  # Brescia alone
    ]
    assert import_bytes(seeded_url, oc_bytes(rows)).outcome == "committed"
    with session_scope(seeded_url) as session:
        by_place = cube_sum(funding_cube(session), ["province_code", "localisation"])
    totals = {
        (code, where): amount
        for code, where, amount in by_place[
            ["province_code", "localisation", "funding_eur"]
        ].itertuples(index=False)
    }
    assert totals == {("015", ""): 100.0, ("017", ""): 4000.0, ("", "multi"): 320000.0}
    content = render(client, "/funding")
    table = text_of(find(content, f"{PROVINCE_ID}-table"))
    assert "Più province, o anche fuori Lombardia" in table


def test_rows_outside_lombardy_are_skipped_and_counted_not_refused(seeded_url: str) -> None:
    rows = [
        oc_row(0),
        oc_row(1, COD_REGIONE="000", COD_PROVINCIA="", DEN_PROVINCIA=""),  # national
        oc_row(2, COD_REGIONE="997", COD_PROVINCIA="997997", DEN_PROVINCIA="ESTERO"),
        oc_row(3, COD_REGIONE="012", COD_PROVINCIA="058", DEN_PROVINCIA="ROMA"),
        oc_row(4, COD_REGIONE="016:::997", COD_PROVINCIA="016071:::997997"),
        oc_row(5, COD_REGIONE="001", COD_PROVINCIA=""),  # another region, region-wide
    ]
    result = import_bytes(seeded_url, oc_bytes(rows))
    assert result.outcome == "committed", messages(result)
    assert (result.rows, result.inserted) == (1, 1)
    assert result.skipped == {"other_region": 3, "national": 1, "abroad": 1}
    assert [p["code"] for p in projects(seeded_url)] == [rows[0]["COD_LOCALE_PROGETTO"]]
    assert '"other_region": 3' in last_batch(seeded_url).report


def test_a_file_with_no_lombardy_project_is_refused_saying_so(seeded_url: str) -> None:
    rows = [oc_row(1, COD_REGIONE="012", COD_PROVINCIA="058")]
    result = import_bytes(seeded_url, oc_bytes(rows))
    assert result.outcome == "refused"
    assert "no project of the file is localised in Lombardy" in messages(result)[0]
    assert result.skipped == {"other_region": 1}


def assert_refused_and_untouched(url: str, result: ImportResult, before: list[Any]) -> None:
    assert result.outcome == "refused"
    assert projects(url) == before
    batch = last_batch(url)
    assert batch.outcome == "refused" and batch.errors


def test_malformed_cells_are_each_reported_and_nothing_written(seeded_url: str) -> None:
    assert import_bytes(seeded_url, oc_bytes([oc_row(100)])).ok
    before, start = projects(seeded_url), version(seeded_url)
    rows = [oc_row(n) for n in range(8)]
    rows[0]["FINANZ_TOTALE_PUBBLICO"] = "1234.56"  # decimal point, not comma
    rows[1]["FINANZ_TOTALE_PUBBLICO"] = "1.234,56"  # thousands separator
    rows[2]["OC_DATA_INIZIO_PROGETTO"] = "2024-03-15"  # not YYYYMMDD
    rows[3]["OC_DATA_FINE_PROGETTO_PREVISTA"] = "20240231"  # no such day
    rows[4]["COD_PROVINCIA"] = "003058"  # a Lombardy code that is no Lombardy province
    rows[5]["COD_LOCALE_PROGETTO"] = rows[0]["COD_LOCALE_PROGETTO"]  # duplicate code
    rows[6]["FINANZ_TOTALE_PUBBLICO"] = "-5,00"
    rows[7]["OC_TITOLO_PROGETTO"] = ""

    result = import_bytes(seeded_url, oc_bytes(rows))

    assert_refused_and_untouched(seeded_url, result, before)
    assert version(seeded_url) == start
    found = {(p.row, p.column) for p in result.problems}
    assert found == {
        (2, "FINANZ_TOTALE_PUBBLICO"),
        (3, "FINANZ_TOTALE_PUBBLICO"),
        (4, "OC_DATA_INIZIO_PROGETTO"),
        (5, "OC_DATA_FINE_PROGETTO_PREVISTA"),
        (6, "COD_PROVINCIA"),
        (7, "COD_LOCALE_PROGETTO"),
        (8, "FINANZ_TOTALE_PUBBLICO"),
        (9, "OC_TITOLO_PROGETTO"),
    }
    text = "\n".join(messages(result))
    assert "decimal comma" in text
    assert "YYYYMMDD" in text
    assert '"003058" is not the ISTAT code of a Lombardy province' in text
    assert "duplicate of row 2" in text
    assert "negative" in text


def test_missing_required_column_is_reported(seeded_url: str) -> None:
    columns = [c for c in COLUMNS if c != "FINANZ_TOTALE_PUBBLICO"]
    result = import_bytes(seeded_url, oc_bytes([oc_row(1)], columns=columns))
    assert_refused_and_untouched(seeded_url, result, [])
    assert messages(result) == [
        "row 1, column FINANZ_TOTALE_PUBBLICO: required OpenCoesione column is missing"
    ]


def test_wrong_delimiter_is_reported(seeded_url: str) -> None:
    result = import_bytes(seeded_url, oc_bytes([oc_row(1)], delimiter=","))
    assert_refused_and_untouched(seeded_url, result, [])
    assert len(result.problems) == 1
    assert "not separated by semicolons" in messages(result)[0]


def test_not_utf8_is_reported_with_its_row(seeded_url: str) -> None:
    rows = [oc_row(n) for n in range(999)]
    rows[499]["OC_TITOLO_PROGETTO"] = "Città"  # file row 501 (the header is row 1)
    content = oc_bytes(rows).replace("Città".encode(), "Città".encode("cp1252"))
    result = import_bytes(seeded_url, content)
    assert_refused_and_untouched(seeded_url, result, [])
    assert "not UTF-8" in messages(result)[0]
    assert result.problems[0].row == 501


def test_a_nul_byte_deep_in_a_file_on_disk_is_refused_by_the_generic_reader(
    seeded_url: str, tmp_path: Path
) -> None:
    # The streaming importer finds it in its reading of the file (for the hash) before it
    # reads a row, and leaves the answer to the generic reader, which says where it is.
    content = write_file_with_a_nul_byte(tmp_path / "oc.csv")
    before = projects(seeded_url)
    assert_refused_by_the_generic_reader(seeded_url, tmp_path / "oc.csv", content)
    assert projects(seeded_url) == before


def test_a_utf16_file_is_told_to_be_saved_as_utf8(seeded_url: str) -> None:
    content = oc_bytes([oc_row(1)]).decode("utf-8").encode("utf-16")
    assert looks_like_opencoesione(content[:4096])
    result = import_bytes(seeded_url, content)
    assert_refused_and_untouched(seeded_url, result, [])
    text = " ".join(messages(result))
    assert "not UTF-8" in text and "comma" not in text


def test_problem_list_is_capped_and_says_how_many_more(
    seeded_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(chunked, "MAX_PROBLEMS", 5)
    rows = [oc_row(n, OC_DATA_INIZIO_PROGETTO="15/01/2024") for n in range(12)]
    result = import_bytes(seeded_url, oc_bytes(rows))
    assert len(result.problems) == 6
    assert str(result.problems[-1]) == "file: 7 more problems not listed (the first 5 are shown)"
    # Every count is true: 12 found, 5 of them listed (the note line is not a problem).
    assert result.problem_count == 12
    assert "refused, 12 problems (5 shown of 12)" in result.summary()


# --- chunks: still one transaction --------------------------------------------------------


def stream_of(content: bytes) -> chunked.OpenStream:
    return lambda: io.BytesIO(content)


def test_file_bigger_than_a_chunk_imports_whole(seeded_url: str) -> None:
    rows = [oc_row(n) for n in range(23)]
    seen: list[tuple[int, int]] = []
    result = import_opencoesione(
        seeded_url,
        stream_of(oc_bytes(rows)),
        "big.csv",
        chunk_rows=5,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert (result.outcome, result.inserted) == ("committed", 23)
    assert len(seen) == 5 and seen[-1][0] == seen[-1][1]
    with session_scope(seeded_url) as session:
        batches = session.scalar(select(func.count()).select_from(ImportBatch)) or 0
        assert session.scalar(select(func.count()).select_from(Project)) == 23
    assert last_batch(seeded_url).rows == 23
    assert batches >= 1


def test_problem_in_last_chunk_leaves_nothing_written(seeded_url: str) -> None:
    assert import_bytes(seeded_url, oc_bytes([oc_row(500)])).ok
    before, start = projects(seeded_url), version(seeded_url)
    rows = [oc_row(n) for n in range(23)]
    rows[-1]["OC_DATA_INIZIO_PROGETTO"] = "20241301"  # month 13, in the 5th chunk
    result = import_opencoesione(seeded_url, stream_of(oc_bytes(rows)), "late.csv", chunk_rows=5)
    assert_refused_and_untouched(seeded_url, result, before)
    assert version(seeded_url) == start
    assert messages(result) == [
        'row 24, column OC_DATA_INIZIO_PROGETTO: "20241301" is not a date in the '
        "OpenCoesione form YYYYMMDD"
    ]


def test_duplicate_across_chunks_is_found_with_its_first_row(seeded_url: str) -> None:
    rows = [oc_row(n) for n in range(12)]
    rows[11]["COD_LOCALE_PROGETTO"] = rows[1]["COD_LOCALE_PROGETTO"]
    result = import_opencoesione(seeded_url, stream_of(oc_bytes(rows)), "dup.csv", chunk_rows=4)
    assert_refused_and_untouched(seeded_url, result, [])
    assert messages(result) == [
        "row 13, column COD_LOCALE_PROGETTO: duplicate of row 3 (code 1LOMBFESR0000001)"
    ]


def test_chunked_import_can_be_undone(seeded_url: str) -> None:
    from data.publishing import undo_batch

    result = import_opencoesione(
        seeded_url, stream_of(oc_bytes([oc_row(n) for n in range(9)])), "u.csv", chunk_rows=4
    )
    assert result.batch_id is not None
    undone = undo_batch(seeded_url, result.batch_id, "tester")
    assert undone.rows == 9
    assert projects(seeded_url) == []


def test_cli_imports_an_opencoesione_file(seeded_url: str, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from data.cli import main

    good = write_oc_file(tmp_path / "progetti.csv", [oc_row(n) for n in range(5)])
    bad_rows = [oc_row(n) for n in range(5)]
    bad_rows[4]["FINANZ_TOTALE_PUBBLICO"] = "12.5"
    bad = write_oc_file(tmp_path / "bad.csv", bad_rows)
    runner = CliRunner()
    env = {"DATABASE_URL": seeded_url}

    refused = runner.invoke(main, ["import", "projects", str(bad)], env=env)
    assert refused.exit_code == 1
    assert "row 6, column FINANZ_TOTALE_PUBBLICO" in refused.stdout
    done = runner.invoke(main, ["import", "projects", str(good)], env=env)
    assert done.exit_code == 0, done.output
    assert "projects: 5 rows imported — 5 new" in done.stdout
    assert "importing progetti.csv" in done.stderr  # the progress bar stays off stdout


def test_cut_rows_are_refused_and_backwards_dates_are_warnings(seeded_url: str) -> None:
    # Behaviour changed on purpose (issue 12): a project that ends before it starts is an
    # inconsistency of the source, imported and flagged; a cut row is still refused.
    good = oc_bytes([oc_row(0), oc_row(1)]).decode("utf-8")
    header, first, second = good.splitlines()[:3]
    cells = next(csv.reader([first], delimiter=";"))
    cut = ";".join(cells[:3])  # a row cut after three cells
    dates = {"OC_DATA_INIZIO_PROGETTO": "20250101", "OC_DATA_FINE_PROGETTO_PREVISTA": "20200101"}
    rows = [oc_row(2, **dates)]
    backwards = oc_bytes(rows).decode("utf-8").splitlines()[1]
    content = "\n".join([header, cut, second, backwards]).encode("utf-8")
    result = import_bytes(seeded_url, content)
    assert_refused_and_untouched(seeded_url, result, [])
    assert {(p.row, p.column) for p in result.problems} == {(2, None)}
    assert [(w.row, w.column) for w in result.warnings] == [(4, "OC_DATA_FINE_PROGETTO_PREVISTA")]

    alone = oc_bytes([oc_row(1), rows[0]])
    result = import_bytes(seeded_url, alone)
    assert result.outcome == "committed", messages(result)
    assert result.warnings_total == 1
    assert "ends (2020-01-01) before it starts (2025-01-01)" in result.warnings[0].message
    flagged = [p for p in projects(seeded_url) if p["code"] == rows[0]["COD_LOCALE_PROGETTO"]]
    assert flagged and flagged[0]["end"] < flagged[0]["start"]
    with session_scope(seeded_url) as session:
        warnings = session.scalar(
            select(Project.warnings).where(Project.code == rows[0]["COD_LOCALE_PROGETTO"])
        )
    assert warnings == (
        "OC_DATA_FINE_PROGETTO_PREVISTA: ends (2020-01-01) before it starts (2025-01-01)"
    )


def test_a_trailing_semicolon_in_the_header_needs_no_extra_cell(seeded_url: str) -> None:
    lines = oc_bytes([oc_row(0)]).decode("utf-8").splitlines()
    content = "\n".join([lines[0] + ";", lines[1]]).encode("utf-8")
    assert import_bytes(seeded_url, content).outcome == "committed"


def use_procedure_table(path: Path, monkeypatch: pytest.MonkeyPatch, *rows: str) -> None:
    """Make the importer read a procedure → call table written here, not the committed one."""
    from data import procedure_calls

    table = path / "procedure_calls.csv"
    table.write_text("\n".join(["procedure_code,call_code,notes", *rows]) + "\n", "utf-8")
    real_loader = procedure_calls.load_procedure_calls
    monkeypatch.setattr(chunked, "load_procedure_calls", lambda known: real_loader(known, table))


def test_procedures_link_projects_to_their_call_and_the_drill_down_shows_them(
    seeded_url: str, client: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dashboard.pages import funding as funding_page
    from tests.components import grid_rows
    from tests.dash_client import render

    use_procedure_table(tmp_path, monkeypatch, "101,collabora-innova,test")
    rows = [oc_row(n) for n in range(6)]  # procedures 100, 101, 102, 100, 101, 102
    rows[1]["TOT_PAGAMENTI"] = "999999,00"  # above its funding: a warning, imported
    result = import_bytes(seeded_url, oc_bytes(rows, columns=[*COLUMNS, "TOT_PAGAMENTI"]))
    assert result.outcome == "committed", messages(result)
    assert (result.rows, result.linked_to_call) == (6, 2)
    assert [(w.row, w.column) for w in result.warnings] == [(3, "TOT_PAGAMENTI")]
    content = render(client, "/funding", "?call=collabora-innova")
    shown = grid_rows(content, funding_page.PROJECTS_GRID_ID)
    assert set(shown) == {rows[1]["COD_LOCALE_PROGETTO"], rows[4]["COD_LOCALE_PROGETTO"]}
    flagged = shown[rows[1]["COD_LOCALE_PROGETTO"]]
    assert flagged["warnings"].startswith("TOT_PAGAMENTI: the payments (999999.00) exceed")
    assert flagged["ecosystem_rule"]  # every assignment, or its absence, says why


def test_a_procedure_table_naming_an_unknown_call_refuses_the_import(
    seeded_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_procedure_table(tmp_path, monkeypatch, "101,no-such-call,test")
    result = import_bytes(seeded_url, oc_bytes([oc_row(1)]))
    assert result.outcome == "refused"
    assert 'unknown call code "no-such-call"' in messages(result)[0]
    assert projects(seeded_url) == []
