"""Reading an import file: bytes of a CSV (UTF-8, `,`) or XLSX file into text cells.

`file_problems` refuses what cannot be read at all (unknown KIND, UTF-16 or NUL bytes, too
big); `table_frame` turns the rows into a DataFrame of text cells whose index is the row
number a spreadsheet user sees (header = row 1), with the problems found while reading
(ragged rows, unnamed or repeated columns, a workbook that is not an ordinary one).
The second stage of the importers, after data.importers.problems.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import warnings
import zipfile
from typing import TYPE_CHECKING

from data.importers.problems import ROW_INDEX_NAME, Problem
from data.schemas import SEED_KINDS, Schema

if TYPE_CHECKING:  # pandas only where a frame is built: the COPY path never loads it
    import pandas as pd

# Bigger files go through the streaming projects importer, not through memory here.
MAX_FILE_BYTES = 20 * 1024 * 1024
# A workbook is a ZIP archive: inspected before openpyxl expands it (a "zip bomb" of a few
# MB can hold gigabytes of sheet). Real workbooks expand some 5-10 times.
MAX_XLSX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_XLSX_ENTRIES = 200
MAX_XLSX_RATIO = 100  # uncompressed / compressed size of one large entry
_XLSX_RATIO_FROM = 1024 * 1024  # small entries (styles, themes) may compress better
# Longest text in a cell: Excel's own limit. Longer is a broken file, not data.
MAX_CELL_CHARS = 32_767
# Exporters prefix these with `'` so spreadsheets do not run them as formulas; a re-import
# removes the prefix again.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
XLSX_UNREADABLE = "the file is not a readable XLSX workbook; save it as .xlsx or as CSV UTF-8"
XLSX_RESAVE = "this is not an ordinary spreadsheet: save the data as .xlsx again or as CSV UTF-8"


def schema_for(kind: str) -> Schema:
    """The schema of a KIND, or ValueError naming the KINDs that exist."""
    try:
        return SEED_KINDS[kind]
    except KeyError:
        raise ValueError(
            f"unknown kind {kind!r}: expected one of {', '.join(SEED_KINDS)}"
        ) from None


def file_problems(kind: str, content: bytes, file_name: str) -> list[Problem]:
    """What makes a file unreadable before its rows are looked at: encoding, then size.

    ValueError for an unknown KIND.
    """
    schema_for(kind)
    if not is_xlsx(content, file_name):
        # Before the size: a huge UTF-16 export should hear about its encoding first.
        encoding_problems = text_encoding_problems(content)
        if encoding_problems:
            return encoding_problems
    if len(content) > MAX_FILE_BYTES:
        size = len(content) / 1024 / 1024
        limit = MAX_FILE_BYTES / 1024 / 1024
        return [Problem(None, None, f"the file is {size:.1f} MB; the limit is {limit:.0f} MB")]
    return []


def table_frame(content: bytes, file_name: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Parse CSV or XLSX bytes (passed by `file_problems`) into text cells by row number.

    Returns (None, problems) when the rows cannot be read at all (wrong delimiter, empty,
    not a workbook); otherwise the frame and the problems found while reading (ragged
    rows, unnamed or repeated columns). Column checks against the schema are
    data.importers.checks' job.
    """
    if is_xlsx(content, file_name):
        rows, problems = _xlsx_rows(content)
    else:
        rows, problems = _csv_rows(content)
    if problems:
        return None, problems
    return _build_frame(rows)


def is_xlsx(content: bytes, file_name: str) -> bool:
    """True for a workbook (a ZIP signature, or an .xlsx/.xlsm name)."""
    # A ZIP signature is decisive: a workbook renamed .csv is still a workbook.
    return content[:4] == b"PK\x03\x04" or file_name.lower().endswith((".xlsx", ".xlsm"))


_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
RESAVE_UTF8 = "save it again as UTF-8 (in Excel: CSV UTF-8)"


def _wide_encoding(sample: bytes) -> str | None:
    """The name of the wide encoding `sample` looks like, with or without a BOM; or None."""
    for bom, name in _WIDE_BOMS:
        if sample.startswith(bom):
            return name
    # Without a BOM, text in these encodings has a NUL byte beside nearly every ASCII
    # character: a quarter of NULs is far beyond a stray one in a UTF-8 file.
    probe = sample[:4096]
    if len(probe) >= 4 and probe.count(0) * 4 >= len(probe):
        return "UTF-32" if probe.count(b"\x00\x00\x00") * 8 >= len(probe) else "UTF-16"
    return None


def text_encoding_problems(content: bytes) -> list[Problem]:
    """A text file that is UTF-16/32, or holds a NUL byte: what to do, with row and column.

    Checked on the raw bytes before any parser (the CSV reader, the OpenCoesione reader,
    the database) meets them, so the answer is the same on SQLite and PostgreSQL.
    """
    wide = _wide_encoding(content)
    if wide is not None:
        return [Problem(None, None, f"the file is {wide} encoded, not UTF-8: {RESAVE_UTF8}")]
    at = content.find(b"\x00")
    if at < 0:
        return []
    line_start = content.rfind(b"\n", 0, at) + 1
    line = content[line_start:at]
    row = content.count(b"\n", 0, at) + 1
    # The column by counting separators (a quoted separator would shift it: good enough to
    # find the cell), named from the header when it has that many columns.
    separator = b";" if line.count(b";") > line.count(b",") else b","
    index = line.count(separator)
    header = content[: content.find(b"\n")].decode("utf-8", "replace").lstrip("\ufeff")
    names = [name.strip() for name in header.split(separator.decode())]
    column = names[index] if index < len(names) and names[index] else f"#{index + 1}"
    return [
        Problem(
            row,
            column,
            "the cell contains a NUL character (byte 0x00), which is not text; "
            f"remove it, or {RESAVE_UTF8} again",
        )
    ]


def decode_text(content: bytes) -> tuple[str | None, list[Problem]]:
    try:
        return content.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = content[: exc.start].count(b"\n") + 1
        bad = content[exc.start : exc.start + 1].hex().upper()
        msg = (
            f"the file is not UTF-8 encoded (byte 0x{bad} cannot be read); "
            "save it as CSV UTF-8 (comma delimited) — it looks like Latin-1 / Windows-1252"
        )
        return None, [Problem(line, None, msg)]


def _csv_rows(content: bytes) -> tuple[list[tuple[int, list[str]]], list[Problem]]:
    text, problems = decode_text(content)
    if text is None:
        # Excel's Italian "CSV (delimitato dal separatore di elenco)" is both Windows-1252
        # and `;`-separated: say both at once rather than one after the other.
        first_line = content.split(b"\n", 1)[0].decode("cp1252", errors="replace")
        wrong_delimiter = _delimiter_problem(1, next(csv.reader([first_line]), []))
        return [], problems + ([wrong_delimiter] if wrong_delimiter else [])
    # The csv module stops at 131,072 characters a field without saying which column; read
    # anything a file of this size may hold, and say which cell is too long (_build_frame).
    csv.field_size_limit(MAX_FILE_BYTES)
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        return [], [Problem(None, None, f"the CSV cannot be parsed: {exc}")]
    # csv.reader yields one record per spreadsheet row (a quoted cell may span lines).
    rows = [(number, cells) for number, cells in enumerate(records, start=1)]
    return _check_header_shape(rows)


def _check_header_shape(
    rows: list[tuple[int, list[str]]],
) -> tuple[list[tuple[int, list[str]]], list[Problem]]:
    rows = [(n, cells) for n, cells in rows if any(c.strip() for c in cells)]
    if not rows:
        return [], [Problem(None, None, "the file is empty")]
    header_row, header = rows[0]
    wrong_delimiter = _delimiter_problem(header_row, header)
    if wrong_delimiter:
        return [], [wrong_delimiter]
    if header_row != 1:
        return [], [Problem(1, None, "the first row must be the header with the column names")]
    if len(rows) == 1:
        return [], [Problem(None, None, "the file has a header but no data rows")]
    return rows, []


def _delimiter_problem(row: int, header: list[str]) -> Problem | None:
    # A header read as one single column holding `;` or tabs: the wrong separator.
    if len(header) == 1:
        for sep, name in ((";", "semicolons (;)"), ("\t", "tabs")):
            if sep in header[0]:
                msg = f"the columns are separated by {name}; S3 Monitor expects commas (,)"
                return Problem(row, None, msg)
    return None


def xlsx_archive_problems(content: bytes) -> list[Problem]:
    """What makes a workbook unsafe to open, read from the ZIP directory only.

    Too many entries, too big once expanded (all sheets count, though only the first is
    read), a suspicious compression ratio: each is refused before openpyxl expands anything.

    The sizes are those the archive declares; Python's zipfile never expands an entry past
    its declared size, so a lying header cannot get around the check.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return [Problem(None, None, XLSX_UNREADABLE)]
    if len(entries) > MAX_XLSX_ENTRIES:
        msg = f"the workbook holds {len(entries)} parts (at most {MAX_XLSX_ENTRIES}); {XLSX_RESAVE}"
        return [Problem(None, None, msg)]
    total = sum(e.file_size for e in entries)
    if total > MAX_XLSX_UNCOMPRESSED:
        msg = (
            f"the workbook expands to {total / 1024 / 1024:.0f} MB (at most "
            f"{MAX_XLSX_UNCOMPRESSED / 1024 / 1024:.0f} MB); {XLSX_RESAVE}"
        )
        return [Problem(None, None, msg)]
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > _XLSX_RATIO_FROM and ratio > MAX_XLSX_RATIO:
            msg = (
                f"the workbook is compressed {ratio:.0f} times, unlike a spreadsheet; {XLSX_RESAVE}"
            )
            return [Problem(None, None, msg)]
    return []


def _xlsx_rows(content: bytes) -> tuple[list[tuple[int, list[str]]], list[Problem]]:
    from openpyxl import load_workbook

    unsafe = xlsx_archive_problems(content)
    if unsafe:
        return [], unsafe
    try:
        # openpyxl warns about styles and extensions it ignores; they do not matter here.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            try:
                sheet = workbook.worksheets[0]
                rows = [
                    (number, [_xlsx_text(v) for v in values])
                    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
                ]
            finally:
                workbook.close()
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, IndexError):
        return [], [Problem(None, None, XLSX_UNREADABLE)]
    return _check_header_shape(rows)


def _xlsx_text(value: object) -> str:
    # Cells come typed from a workbook; bring them back to the text form of the CSV format.
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return str(value)


def _build_frame(rows: list[tuple[int, list[str]]]) -> tuple[pd.DataFrame | None, list[Problem]]:
    (_, header), data = rows[0], rows[1:]
    names = [h.strip() for h in header]
    problems: list[Problem] = []
    keep: list[int] = []
    for i, name in enumerate(names):
        filled = any(i < len(cells) and cells[i].strip() for _, cells in data)
        if not name:
            if filled:
                problems.append(Problem(1, None, f"column {i + 1} has values but no name"))
            continue
        if name in names[:i]:
            problems.append(Problem(1, name, "the column appears more than once"))
            continue
        keep.append(i)
    if problems:
        return None, problems
    width = len(names)
    table: list[list[str]] = []
    for number, cells in data:
        extra = [c for c in cells[width:] if c.strip()]
        if extra:
            msg = f"the row has {len(cells)} cells but the header has {width} columns"
            problems.append(Problem(number, None, msg))
        padded = [*cells, *[""] * (width - len(cells))]
        for i in keep:
            problem = _cell_problem(padded[i])
            if problem:
                problems.append(Problem(number, names[i], problem))
                padded[i] = ""
        table.append([_clean_cell(padded[i]) for i in keep])
    import pandas as pd

    index = pd.Index([n for n, _ in data], name=ROW_INDEX_NAME)
    frame = pd.DataFrame(table, columns=[names[i] for i in keep], index=index, dtype=object)
    return frame, problems


def _cell_problem(text: str) -> str | None:
    # Checked for every format and database alike: PostgreSQL refuses a NUL in text (SQLite
    # stores it), and a cell longer than any column is a broken file.
    if len(text) > MAX_CELL_CHARS:
        return f"the cell has {len(text):,} characters (at most {MAX_CELL_CHARS:,})"
    if "\x00" in text:
        return "the cell contains a NUL character (byte 0x00), which is not text"
    return None


def _clean_cell(text: str) -> str:
    text = text.strip()
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_TRIGGERS:
        return text[1:]
    return text
