"""Reading and validating one import file of one KIND, before anything is written.

`read_table` turns the bytes of a CSV (UTF-8, `,`) or XLSX file into a DataFrame of text
cells whose index is the row number a spreadsheet user sees (header = row 1). `check`
parses every cell by the column types declared in data/schemas.py, resolves codes against
the database and the file itself, applies the few cross-column rules, and returns the typed
rows together with *every* problem found — never just the first one.

How a KIND maps onto the ORM (which columns are references to other tables, which become
link rows) is declared once in `SPECS`; everything else is driven by the schema.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import math
import re
import warnings
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

import pandas as pd
from sqlalchemy import Column as SAColumn
from sqlalchemy import inspect, select
from sqlalchemy.orm import InstrumentedAttribute, Session, class_mapper
from sqlalchemy.types import String

from data.models import (
    Base,
    Cluster,
    Ecosystem,
    FundingCall,
    HeadlineFigure,
    Indicator,
    Observation,
    Project,
)
from data.schemas import MISSING_MARKERS, SEED_KINDS, WITHDRAWN, Column, Schema

# Bigger files go through the streaming projects importer, not through memory here.
MAX_FILE_BYTES = 20 * 1024 * 1024
MIN_DATE = dt.date(1950, 1, 1)  # real series (Eurostat regional R&D) start in the 1980s
MAX_DATE = dt.date(2100, 12, 31)
# A workbook is a ZIP archive: inspected before openpyxl expands it (a "zip bomb" of a few
# MB can hold gigabytes of sheet). Real workbooks expand some 5-10 times.
MAX_XLSX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_XLSX_ENTRIES = 200
MAX_XLSX_RATIO = 100  # uncompressed / compressed size of one large entry
_XLSX_RATIO_FROM = 1024 * 1024  # small entries (styles, themes) may compress better
# Longest text in a cell: Excel's own limit. Longer is a broken file, not data.
MAX_CELL_CHARS = 32_767
# Largest magnitude of a decimal number: far above any indicator, far below overflow.
MAX_FLOAT = 1e15
# Largest value of an SQL INTEGER on PostgreSQL; SQLite would accept more and hide the error.
MAX_INT = 2**31 - 1
# Numeric(16, 2): 14 digits before the decimal point.
MAX_MONEY = Decimal(10) ** 14
# Exporters prefix these with `'` so spreadsheets do not run them as formulas; a re-import
# removes the prefix again.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
TRUE_WORDS = frozenset({"true", "1", "yes"})
FALSE_WORDS = frozenset({"false", "0", "no"})
ROW_INDEX_NAME = "row"

_INT_RE = re.compile(r"[+-]?\d+(\.0*)?")
_FLOAT_RE = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_COMMA_DECIMAL_RE = re.compile(r"[+-]?\d{1,3}(\.\d{3})*,\d+|[+-]?\d+,\d+")
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
XLSX_UNREADABLE = "the file is not a readable XLSX workbook; save it as .xlsx or as CSV UTF-8"
XLSX_RESAVE = "this is not an ordinary spreadsheet: save the data as .xlsx again or as CSV UTF-8"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an import file; `row` 1 is the header, None the whole file."""

    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = "file" if self.row is None else f"row {self.row}"
        if self.column is not None:
            where += f", column {self.column}"
        return f"{where}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form, as stored in `import_batch.errors`."""
        return {"row": self.row, "column": self.column, "message": self.message}


class Reference(NamedTuple):
    """A column holding one code of another KIND, stored as a foreign key."""

    kind: str
    attribute: str


@dataclass(frozen=True)
class KindSpec:
    """How the rows of one KIND are stored: model, references, link columns, status."""

    model: type[Base]
    references: Mapping[str, Reference] = field(default_factory=dict)
    # "codes" columns written as link rows (cluster_ecosystem, call_ecosystem).
    links: tuple[str, ...] = ()
    # Column whose empty cells take the importer's default status (draft for imports).
    status_column: str | None = None

    def attribute(self, column: str) -> str:
        """The model attribute a (non-link) column is stored in."""
        ref = self.references.get(column)
        return ref.attribute if ref else column


SPECS: dict[str, KindSpec] = {
    "ecosystems": KindSpec(Ecosystem),
    "clusters": KindSpec(Cluster, links=("reference_ecosystems", "synergy_ecosystems")),
    "indicators": KindSpec(Indicator, {"ecosystem": Reference("ecosystems", "ecosystem_id")}),
    "observations": KindSpec(
        Observation,
        {"indicator_code": Reference("indicators", "indicator_id")},
        status_column="status",
    ),
    "calls": KindSpec(FundingCall, links=("ecosystems",)),
    "projects": KindSpec(
        Project,
        {
            "call_code": Reference("calls", "call_id"),
            "ecosystem": Reference("ecosystems", "ecosystem_id"),
        },
    ),
    "headlines": KindSpec(HeadlineFigure),
}

# The tables codes resolve against; "codes" columns always list ecosystem codes.
CODE_MODELS: dict[str, type[Ecosystem | Indicator | FundingCall]] = {
    "ecosystems": Ecosystem,
    "indicators": Indicator,
    "calls": FundingCall,
}
_NOUNS = {"ecosystems": "ecosystem", "indicators": "indicator", "calls": "call"}


@dataclass
class ParsedRow:
    """One data row with its cells converted to Python values (None = missing)."""

    row: int
    values: dict[str, Any]


def schema_for(kind: str) -> Schema:
    """The schema of a KIND, or ValueError naming the KINDs that exist."""
    try:
        return SEED_KINDS[kind]
    except KeyError:
        raise ValueError(
            f"unknown kind {kind!r}: expected one of {', '.join(SEED_KINDS)}"
        ) from None


def model_column(spec: KindSpec, attribute: str) -> SAColumn[Any]:
    """The table column behind a model attribute (for nullability, length, default)."""
    return _table_column(spec.model, attribute)


@functools.cache  # asked once per cell of every imported row
def _table_column(model: type[Base], attribute: str) -> SAColumn[Any]:
    return inspect(model).columns[attribute]


# --- reading -----------------------------------------------------------------------------


def read_table(
    kind: str, content: bytes, file_name: str
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Parse CSV or XLSX bytes into text cells indexed by spreadsheet row number.

    Returns (None, problems) when the file cannot be read at all (too big, not UTF-8,
    wrong delimiter, empty, not a workbook); otherwise the frame and the problems found
    while reading (ragged rows, unnamed or repeated columns). Column checks against the
    schema are `validate`'s job.
    """
    schema_for(kind)
    if not _is_xlsx(content, file_name):
        # Before the size: a huge UTF-16 export should hear about its encoding first.
        encoding_problems = text_encoding_problems(content)
        if encoding_problems:
            return None, encoding_problems
    if len(content) > MAX_FILE_BYTES:
        size = len(content) / 1024 / 1024
        limit = MAX_FILE_BYTES / 1024 / 1024
        return None, [
            Problem(None, None, f"the file is {size:.1f} MB; the limit is {limit:.0f} MB")
        ]
    if kind == "projects" and is_opencoesione(content, file_name):
        return _opencoesione_frame(content, file_name)
    if _is_xlsx(content, file_name):
        rows, problems = _xlsx_rows(content)
    else:
        rows, problems = _csv_rows(content)
    if problems:
        return None, problems
    return _build_frame(rows)


def is_opencoesione(content: bytes, file_name: str) -> bool:
    """True for a CSV in the OpenCoesione layout (its header names COD_LOCALE_PROGETTO)."""
    from data.opencoesione import looks_like_opencoesione

    return not _is_xlsx(content, file_name) and looks_like_opencoesione(content[:65536])


def _opencoesione_frame(
    content: bytes, file_name: str
) -> tuple[pd.DataFrame | None, list[Problem]]:
    # For showing an upload: its rows translated into the projects format. The mapping's
    # ecosystem codes are checked against the database only by the importer itself.
    from data.ecosystem_mapping import MappingError, load_mapping
    from data.opencoesione import read_frame

    try:
        mapping = load_mapping(None)
    except MappingError as exc:
        return None, [Problem(None, None, str(exc))]
    return read_frame(content, file_name, mapping)


def _is_xlsx(content: bytes, file_name: str) -> bool:
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


def _decode(content: bytes) -> tuple[str | None, list[Problem]]:
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
    text, problems = _decode(content)
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


# --- cell parsing ------------------------------------------------------------------------


CellResult = tuple[Any, str | None]


def _is_missing(column: Column, text: str) -> bool:
    if column.type == "str":
        return text == ""
    return text.lower() in MISSING_MARKERS


def _number_hint(text: str) -> str:
    if _COMMA_DECIMAL_RE.fullmatch(text):
        return ' (use "." as the decimal point and no thousands separator)'
    return ""


def _parse_int(text: str) -> CellResult:
    if not _INT_RE.fullmatch(text):
        return None, f'"{text}" is not a whole number{_number_hint(text)}'
    value = int(Decimal(text))
    if abs(value) > MAX_INT:
        return None, f'"{text}" is too large'
    return value, None


def _parse_float(text: str) -> CellResult:
    if not _FLOAT_RE.fullmatch(text):
        return None, f'"{text}" is not a number{_number_hint(text)}'
    value = float(text)
    if not math.isfinite(value) or abs(value) > MAX_FLOAT:
        return None, f'"{text}" is too large (at most {MAX_FLOAT:g} in absolute value)'
    return value, None


def _parse_money(text: str) -> CellResult:
    if not _FLOAT_RE.fullmatch(text) or "e" in text.lower():
        return None, f'"{text}" is not an amount in euros{_number_hint(text)}'
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None, f'"{text}" is not an amount in euros'
    # Written decimals, not the value: "583.400" is most likely 583 400 with a thousands dot.
    if int(value.as_tuple().exponent) < -2:
        return None, (
            f'"{text}" has more than 2 decimal places '
            '(use "." as the decimal point and no thousands separator)'
        )
    if abs(value) >= MAX_MONEY:
        return None, f'"{text}" is too large'
    return value, None


def _parse_date(text: str) -> CellResult:
    try:
        value = dt.date.fromisoformat(text) if _DATE_RE.fullmatch(text) else None
    except ValueError:
        value = None
    if value is None:
        return None, f'"{text}" is not a date in the form YYYY-MM-DD'
    if not MIN_DATE <= value <= MAX_DATE:
        return None, f"{text} is outside the accepted range {MIN_DATE} to {MAX_DATE}"
    return value, None


def _parse_bool(text: str) -> CellResult:
    word = text.lower()
    if word in TRUE_WORDS:
        return True, None
    if word in FALSE_WORDS:
        return False, None
    return None, f'"{text}" is not true or false (write true, false, yes, no, 1 or 0)'


def _parse_codes(text: str) -> CellResult:
    codes = list(dict.fromkeys(c.strip() for c in text.split("|") if c.strip()))
    return codes, None


def _parse_str(text: str) -> CellResult:
    return text, None


PARSERS: dict[str, Callable[[str], CellResult]] = {
    "str": _parse_str,
    "int": _parse_int,
    "float": _parse_float,
    "money": _parse_money,
    "date": _parse_date,
    "bool": _parse_bool,
    "codes": _parse_codes,
}


def parse_cell(column: Column, text: str) -> CellResult:
    """Convert one text cell by its declared column; (value, None) or (None, message)."""
    if _is_missing(column, text):
        if column.required:
            return None, "a value is required"
        return ([] if column.type == "codes" else None), None
    value, error = PARSERS[column.type](text)
    if error:
        return None, error
    if column.type in ("int", "money") and value < 0:
        return None, f'"{text}" is negative; amounts and counts cannot be'
    if column.choices:
        match = next((c for c in column.choices if c.lower() == text.lower()), None)
        if match is None:
            return None, f'"{text}" is not one of: {", ".join(column.choices)}'
        value = match
    return value, None


# --- checking ----------------------------------------------------------------------------


def validate(session: Session, kind: str, frame: pd.DataFrame) -> list[Problem]:
    """Every problem of a frame from `read_table` (columns, cells, codes, keys, rules)."""
    return check(session, kind, frame)[1]


RowRule = Callable[[Session, Sequence[ParsedRow]], list[Problem]]


def check(
    session: Session, kind: str, frame: pd.DataFrame, row_rule: RowRule | None = None
) -> tuple[list[ParsedRow], list[Problem]]:
    """Parse and check a frame; returns the typed rows and every problem, sorted.

    `row_rule` replaces the KIND's cross-column rules (ROW_RULES): the OpenCoesione
    importer reports the source's inconsistencies as warnings, not as problems.
    """
    schema, spec = schema_for(kind), SPECS[kind]
    problems = _check_columns(schema, frame)
    rows, cell_problems = _parse_rows(schema, spec, frame)
    problems += cell_problems
    problems += _check_references(session, kind, schema, spec, rows)
    problems += _check_duplicates(schema, rows)
    rule = row_rule or ROW_RULES.get(kind)
    if rule:
        problems += rule(session, rows)
    order = {name: i for i, name in enumerate(frame.columns)}
    problems.sort(key=lambda p: (p.row or 0, order.get(p.column or "", -1)))
    return rows, problems


def _check_columns(schema: Schema, frame: pd.DataFrame) -> list[Problem]:
    present = set(frame.columns)
    problems = [
        Problem(1, c.name, "required column is missing")
        for c in schema.columns
        if c.required and c.name not in present
    ]
    expected = set(schema.names)
    problems += [
        Problem(1, str(name), f"unknown column: not part of the {schema.kind} format")
        for name in frame.columns
        if name not in expected
    ]
    return problems


def _parse_rows(
    schema: Schema, spec: KindSpec, frame: pd.DataFrame
) -> tuple[list[ParsedRow], list[Problem]]:
    columns = [c for c in schema.columns if c.name in frame.columns]
    limits = {c.name: _max_length(spec, c) for c in columns}
    rows: list[ParsedRow] = []
    problems: list[Problem] = []
    for number, record in zip(frame.index, frame.to_dict("records"), strict=True):
        values: dict[str, Any] = {}
        for column in columns:
            text = str(record[column.name] if record[column.name] is not None else "").strip()
            value, error = parse_cell(column, text)
            limit = limits[column.name]
            if error is None and limit and isinstance(value, str) and len(value) > limit:
                error = f"the text is {len(value)} characters long; at most {limit} fit"
            if error:
                problems.append(Problem(int(number), column.name, error))
            values[column.name] = value
        rows.append(ParsedRow(int(number), values))
    return rows, problems


def _max_length(spec: KindSpec, column: Column) -> int | None:
    # Lengths come from the model: PostgreSQL enforces them, SQLite silently does not.
    if column.type != "str" or column.name in spec.links:
        return None
    attribute = spec.attribute(column.name)
    if column.name in spec.references:
        target = CODE_MODELS[spec.references[column.name].kind]
        col_type = class_mapper(target).columns["code"].type
    else:
        col_type = model_column(spec, attribute).type
    return col_type.length if isinstance(col_type, String) else None


def _reference_columns(schema: Schema, spec: KindSpec) -> dict[str, str]:
    refs = {name: ref.kind for name, ref in spec.references.items()}
    refs.update({c.name: "ecosystems" for c in schema.columns if c.type == "codes"})
    return refs


def known_codes(session: Session, kind: str, codes: Iterable[str]) -> dict[str, int]:
    """Map code → id for the codes of a KIND that exist in the database."""
    model = CODE_MODELS[kind]
    wanted = sorted(set(codes))
    found: dict[str, int] = {}
    for start in range(0, len(wanted), 500):  # stay under every driver's parameter limit
        chunk = wanted[start : start + 500]
        rows = session.execute(select(model.code, model.id).where(model.code.in_(chunk)))
        found.update({code: id_ for code, id_ in rows})
    return found


def _check_references(
    session: Session, kind: str, schema: Schema, spec: KindSpec, rows: Sequence[ParsedRow]
) -> list[Problem]:
    problems: list[Problem] = []
    for column, target in _reference_columns(schema, spec).items():
        used = {code for row in rows for code in _codes_in(row.values.get(column))}
        if not used:
            continue
        known = set(known_codes(session, target, used))
        if target == kind:  # rows of the same file count as known
            known |= {str(row.values.get("code")) for row in rows}
        hint = _known_hint(session, target)
        for row in rows:
            for code in _codes_in(row.values.get(column)):
                if code not in known:
                    problems.append(Problem(row.row, column, _unknown_code(target, code, hint)))
    return problems


def _codes_in(value: object) -> list[str]:
    if isinstance(value, list):
        return value
    return [value] if isinstance(value, str) and value else []


def _known_hint(session: Session, kind: str) -> str:
    # Listing the valid codes helps only while the list is short.
    model = CODE_MODELS[kind]
    existing = list(session.scalars(select(model.code).order_by(model.code).limit(13)))
    return f" (known: {', '.join(existing)})" if 0 < len(existing) <= 12 else ""


def _unknown_code(kind: str, code: str, hint: str) -> str:
    message = f'unknown {_NOUNS[kind]} code "{code}"'
    if any(sep in code for sep in ",;/"):
        return message + ' (separate several codes with "|")'
    return message + hint


def _check_duplicates(schema: Schema, rows: Sequence[ParsedRow]) -> list[Problem]:
    first_seen: dict[tuple[Any, ...], int] = {}
    problems: list[Problem] = []
    for row in rows:
        key = tuple(row.values.get(name) for name in schema.key)
        if any(part is None for part in key):
            continue  # already reported as a missing required value
        if key in first_seen:
            shown = ", ".join(f"{n} {v}" for n, v in zip(schema.key, key, strict=True))
            msg = f"duplicate of row {first_seen[key]} ({shown})"
            problems.append(Problem(row.row, schema.key[-1], msg))
        else:
            first_seen[key] = row.row
    return problems


# --- cross-column rules, per KIND ----------------------------------------------------------


def _cluster_rules(_session: Session, rows: Sequence[ParsedRow]) -> list[Problem]:
    parts = ("members_firms", "members_research", "members_other")
    problems: list[Problem] = []
    for row in rows:
        total = row.values.get("members_total")
        counts: list[int] = [row.values[p] for p in parts if row.values.get(p) is not None]
        if total is None or len(counts) < len(parts):
            continue
        if total != sum(counts):
            msg = (
                f"members_total is {total} but firms + research + other = "
                f"{' + '.join(map(str, counts))} = {sum(counts)}"
            )
            problems.append(Problem(row.row, "members_total", msg))
    return problems


def _indicator_rules(_session: Session, rows: Sequence[ParsedRow]) -> list[Problem]:
    problems: list[Problem] = []
    for row in rows:
        start, end = row.values.get("baseline_date"), row.values.get("target_date")
        if start is not None and end is not None and end <= start:
            msg = f"target_date {end} is not after baseline_date {start}"
            problems.append(Problem(row.row, "target_date", msg))
    return problems


def _observation_rules(session: Session, rows: Sequence[ParsedRow]) -> list[Problem]:
    codes = {r.values.get("indicator_code") for r in rows} - {None}
    problems = _withdrawing_rows(session, rows)
    spans = {
        code: (start, end)
        for code, start, end in session.execute(
            select(Indicator.code, Indicator.baseline_date, Indicator.target_date).where(
                Indicator.code.in_(codes)
            )
        )
    }
    for row in rows:
        span = spans.get(str(row.values.get("indicator_code")))
        date = row.values.get("date")
        if span is None or date is None:
            continue
        code, (start, end) = row.values["indicator_code"], span
        if date < start:
            msg = f"{date} is before the baseline date of indicator {code} ({start})"
            problems.append(Problem(row.row, "date", msg))
        elif date > end:
            msg = f"{date} is after the target date of indicator {code} ({end})"
            problems.append(Problem(row.row, "date", msg))
    return problems


def _withdrawing_rows(session: Session, rows: Sequence[ParsedRow]) -> list[Problem]:
    """A `withdrawn` row may keep a value withdrawn or bring a new one, never withdraw one.

    Withdrawing needs a reason and keeps the revision history: it is done in the app.
    """
    asked = [r for r in rows if r.values.get("status") == WITHDRAWN]
    if not asked:
        return []
    codes = {str(r.values.get("indicator_code")) for r in asked}
    current: dict[tuple[str, Any], str] = {}
    for start in range(0, len(codes), SYNTHETIC_LOOKUP_BATCH):
        chunk = sorted(codes)[start : start + SYNTHETIC_LOOKUP_BATCH]
        stmt = (
            select(Indicator.code, Observation.date, Observation.status)
            .join(Indicator, Indicator.id == Observation.indicator_id)
            .where(Indicator.code.in_(chunk))
        )
        current.update({(code, day): status for code, day, status in session.execute(stmt)})
    problems = []
    for row in asked:
        code, day = str(row.values.get("indicator_code")), row.values.get("date")
        status = current.get((code, day))
        if status is not None and status != WITHDRAWN:
            msg = (
                f"a file cannot withdraw the {status} value of {code} at {day}: withdraw it on "
                "the indicator's page, with a reason"
            )
            problems.append(Problem(row.row, "status", msg))
    return problems


SYNTHETIC_LOOKUP_BATCH = 5_000  # codes per IN (...) query: well under SQLite's limit


def _province_problem(row: ParsedRow, provinces: dict[str, str]) -> Problem | None:
    # As strict as the OpenCoesione reader: only the ISTAT codes of Lombardy's provinces.
    code = row.values.get("province_code")
    if code is None or code in provinces:
        return None
    known = ", ".join(f"{c} {n}" for c, n in sorted(provinces.items()))
    msg = f'"{code}" is not the ISTAT code of a Lombardy province (known: {known})'
    return Problem(row.row, "province_code", msg)


def _call_rules(_session: Session, rows: Sequence[ParsedRow]) -> list[Problem]:
    """Figures of one call that contradict each other (documented in the README)."""
    pairs = (
        # (smaller, larger, message)
        ("opened_on", "closed_on", "closes ({b}) before it opens ({a})"),
        ("admitted", "applications", "admits {a} applications but received only {b}"),
        ("granted_eur", "requested_eur", "grants {a} EUR, more than the {b} EUR requested"),
    )
    problems: list[Problem] = []
    for row in rows:
        for small, large, message in pairs:
            a, b = row.values.get(small), row.values.get(large)
            if a is not None and b is not None and a > b:
                column = large if small == "opened_on" else small
                problems.append(Problem(row.row, column, message.format(a=a, b=b)))
    return problems


def _project_rules(session: Session, rows: Sequence[ParsedRow]) -> list[Problem]:
    from data.geo import province_names

    provinces = province_names()
    problems: list[Problem] = []
    for row in rows:
        province = _province_problem(row, provinces)
        if province is not None:
            problems.append(province)
        start, end = row.values.get("start_date"), row.values.get("end_date")
        if start is not None and end is not None and end < start:
            problems.append(
                Problem(row.row, "end_date", f"ends ({end}) before it starts ({start})")
            )
    return problems + synthetic_takeovers(session, rows)


def synthetic_takeovers(session: Session, rows: Sequence[ParsedRow]) -> list[Problem]:
    """Rows whose code is a synthetic demo project's (always a problem, never a warning)."""
    problems: list[Problem] = []
    # A real project must not take over a synthetic one's code: it would stay marked
    # synthetic (hidden from the public) and go with `s3dash demo --remove`.
    by_code = {str(r.values.get("code")): r.row for r in rows}
    codes = list(by_code)
    for i in range(0, len(codes), SYNTHETIC_LOOKUP_BATCH):
        batch = codes[i : i + SYNTHETIC_LOOKUP_BATCH]
        taken = session.scalars(
            select(Project.code).where(Project.code.in_(batch), Project.is_synthetic.is_(True))
        )
        for code in taken:
            msg = f"{code} is the code of a synthetic demo project: run `s3dash demo --remove`"
            problems.append(Problem(by_code[code], "code", msg))
    return problems


ROW_RULES: dict[str, RowRule] = {
    "calls": _call_rules,
    "clusters": _cluster_rules,
    "indicators": _indicator_rules,
    "observations": _observation_rules,
    "projects": _project_rules,
}


def key_attributes(kind: str) -> list[InstrumentedAttribute[Any]]:
    """The model attributes that hold a KIND's schema key (codes resolved to ids)."""
    spec = SPECS[kind]
    return [getattr(spec.model, spec.attribute(name)) for name in schema_for(kind).key]
