"""Export one KIND as CSV, XLSX or JSON in the import layout, so an export re-imports.

Columns and their order come from data/schemas.py; values come from data/queries.py. After
`source` come the cited document's title and section (`source_title`, in the language asked)
and its file name (`source_file`, the provenance): the importer skips both.
CSV and XLSX are opened by spreadsheets, which run any text cell beginning with `=`, `+`,
`-`, `@` (or a tab / carriage return) as a formula: such cells get a leading `'`, which the
importer removes again. JSON is not a spreadsheet format and is left as is.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from collections.abc import Callable
from typing import Any, Literal

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard.citations import citation_fields
from dashboard.i18n import DEFAULT_LANG
from data import queries
from data.analysis.missing import as_date, is_missing
from data.db import session_scope
from data.importers.checks import SPECS
from data.importers.reading import FORMULA_TRIGGERS
from data.schemas import CITATION_COLUMNS, IMPORT_KINDS, Column, Schema

Format = Literal["csv", "xlsx", "json"]
FORMATS: tuple[Format, ...] = ("csv", "xlsx", "json")
MEDIA_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}

_FRAMES: dict[str, Callable[[Session, bool], pd.DataFrame]] = {
    "ecosystems": lambda s, _public: queries.ecosystems_frame(s),
    "clusters": lambda s, _public: queries.clusters_frame(s),
    "indicators": lambda s, public: queries.indicators_frame(s, public=public),
    "observations": lambda s, public: queries.observations_frame(s, public=public),
    "calls": lambda s, public: queries.calls_frame(s, public=public),
    "projects": lambda s, public: queries.projects_frame(s, public=public),
}


def export_rows(url: str, kind: str) -> int:
    """Rows in the table of `kind`: what `export` writes at most (one COUNT, nothing loaded)."""
    if kind not in IMPORT_KINDS:
        raise ValueError(f"unknown kind {kind!r}: expected one of {', '.join(IMPORT_KINDS)}")
    with session_scope(url) as session:
        return session.scalar(select(func.count()).select_from(SPECS[kind].model)) or 0


def export(url: str, kind: str, fmt: str, public: bool = False, lang: str = DEFAULT_LANG) -> bytes:
    """The rows of `kind` as a file in `fmt`; `public=True` keeps published data only.

    `lang` is the language of the sources' titles.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
    with session_scope(url) as session:
        frame = export_frame(session, kind, public, lang)
    schema = IMPORT_KINDS[kind]
    writers: dict[str, Callable[[Schema, pd.DataFrame], bytes]] = {
        "csv": to_csv,
        "xlsx": to_xlsx,
        "json": to_json,
    }
    return writers[fmt](schema, frame)


def export_frame(
    session: Session, kind: str, public: bool = False, lang: str = DEFAULT_LANG
) -> pd.DataFrame:
    """The query frame of `kind` in the export's columns (`Schema.export_columns`)."""
    if kind not in IMPORT_KINDS:
        raise ValueError(f"unknown kind {kind!r}: expected one of {', '.join(IMPORT_KINDS)}")
    schema = IMPORT_KINDS[kind]
    frame = _FRAMES[kind](session, public)
    if schema.derived:
        # A few documents for many rows: each source is cited once.
        cited = {s: citation_fields(s, lang) for s in frame["source"].unique()}
        frame = frame.assign(
            **{
                name: frame["source"].map({s: fields[name] for s, fields in cited.items()})
                for name in CITATION_COLUMNS
            }
        )
    return frame[[c.name for c in schema.export_columns]]


def neutralise(text: str) -> str:
    """Prefix `'` to text a spreadsheet would otherwise run as a formula."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def typed_value(column: Column, value: Any) -> Any:
    """A cell as a plain Python value of its column type (None when missing)."""
    if is_missing(value):
        return None
    converters: dict[str, Callable[[Any], Any]] = {
        "int": int,
        "float": float,
        "money": float,
        "date": as_date,
        "bool": bool,
        "codes": lambda v: (
            [str(c) for c in v] if isinstance(v, list | tuple) else str(v).split("|")
        ),
    }
    return converters.get(column.type, str)(value)


def text_value(column: Column, value: Any) -> str:
    """A cell as the text of the CSV format, formulas neutralised."""
    typed = typed_value(column, value)
    if typed is None:
        return ""
    if column.type == "bool":
        return "true" if typed else "false"
    if column.type == "money":
        return f"{typed:.2f}"
    if column.type == "float":
        # Shortest exact text (1.05), and 520 rather than 520.0.
        return str(int(typed)) if typed.is_integer() and abs(typed) < 1e15 else repr(typed)
    if column.type == "date":
        return str(typed.isoformat())
    if column.type == "codes":
        return neutralise("|".join(typed))
    if column.type == "str":
        return neutralise(typed)
    return str(typed)


def _records(frame: pd.DataFrame) -> list[list[Any]]:
    return [list(row) for row in frame.itertuples(index=False, name=None)]


def to_csv(schema: Schema, frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV (no BOM), `,` delimiter, header = the export's column names."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    columns = schema.export_columns
    writer.writerow(c.name for c in columns)
    for row in _records(frame):
        writer.writerow(text_value(c, v) for c, v in zip(columns, row, strict=True))
    return buffer.getvalue().encode("utf-8")


def to_json(schema: Schema, frame: pd.DataFrame) -> bytes:
    """A JSON list of objects: dates ISO, missing values null, code lists as arrays."""
    items = []
    for row in _records(frame):
        item = {}
        for column, value in zip(schema.export_columns, row, strict=True):
            typed = typed_value(column, value)
            if isinstance(typed, dt.date):
                typed = typed.isoformat()
            elif isinstance(typed, float) and not math.isfinite(typed):
                typed = None
            item[column.name] = typed
        items.append(item)
    return json.dumps(items, ensure_ascii=False).encode("utf-8")


def to_xlsx(schema: Schema, frame: pd.DataFrame) -> bytes:
    """One sheet named after the KIND, header in row 1, typed cells, formulas neutralised."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(schema.kind)
    header = []
    columns = schema.export_columns
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.name)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in _records(frame):
        cells: list[Any] = []
        for column, value in zip(columns, row, strict=True):
            typed = typed_value(column, value)
            if column.type in ("str", "codes") and typed is not None:
                # Control characters cannot be stored in XLSX at all.
                text = "|".join(typed) if column.type == "codes" else typed
                typed = ILLEGAL_CHARACTERS_RE.sub("", neutralise(text))
            elif column.type == "date" and typed is not None:
                date_cell = WriteOnlyCell(sheet, value=typed)
                date_cell.number_format = "yyyy-mm-dd"
                typed = date_cell
            cells.append(typed)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
