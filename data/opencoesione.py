"""The OpenCoesione open-data CSV of funded projects, read as the product's projects rows.

OpenCoesione publishes `;`-separated UTF-8 CSV with a decimal comma (`1234,56`), dates as
`YYYYMMDD` and its own column names (`COD_LOCALE_PROGETTO`, `OC_TITOLO_PROGETTO`, …). This
module recognises such a file by its header, and translates each row into the *text* cells
of the product's projects format (data/schemas.py PROJECTS: `.` decimals, ISO dates), so
that the shared checks of data/validation.py (types, ranges, lengths, codes, duplicates)
apply unchanged. What only this format can get wrong — a decimal point instead of a comma,
a date not in YYYYMMDD, a province code that is not one of Lombardy's — is reported here,
with the OpenCoesione column name; `oc_column` names the column behind a product column so
that every problem speaks the file's language.

Rows are read lazily, `chunk_rows` at a time, from a binary stream: a file of a million
projects never sits in memory as a whole.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO

import pandas as pd

from data.ecosystem_mapping import EcosystemMapping
from data.geo import province_names
from data.validation import ROW_INDEX_NAME, Problem

MARKER = "COD_LOCALE_PROGETTO"
END_EFFECTIVE = "OC_DATA_FINE_PROGETTO_EFFETTIVA"  # the actual end date, when there is one
END_PLANNED = "OC_DATA_FINE_PROGETTO_PREVISTA"
DELIMITER = ";"
MULTI_SEPARATOR = ":::"  # OpenCoesione lists several localisations in one cell this way
CHUNK_ROWS = 20_000

REQUIRED_COLUMNS = (
    "COD_LOCALE_PROGETTO",
    "OC_TITOLO_PROGETTO",
    "FINANZ_TOTALE_PUBBLICO",
    "COD_PROVINCIA",
    "OC_TEMA_SINTETICO",
    "OC_DATA_INIZIO_PROGETTO",
)
OPTIONAL_COLUMNS = (
    "CUP",
    "DEN_PROVINCIA",
    "OC_DATA_FINE_PROGETTO_EFFETTIVA",
    "OC_DATA_FINE_PROGETTO_PREVISTA",
    "COD_PROCED_ATTIVAZIONE",
)
# Product column → the OpenCoesione column it comes from (for problem messages).
SOURCE_COLUMNS = {
    "code": "COD_LOCALE_PROGETTO",
    "cup": "CUP",
    "title": "OC_TITOLO_PROGETTO",
    "public_funding_eur": "FINANZ_TOTALE_PUBBLICO",
    "province_code": "COD_PROVINCIA",
    "province_name": "DEN_PROVINCIA",
    "theme": "OC_TEMA_SINTETICO",
    "start_date": "OC_DATA_INIZIO_PROGETTO",
    "ecosystem": "ecosystem (data/config/ecosystem_mapping.csv)",
}
PRODUCT_COLUMNS = [
    "code",
    "cup",
    "title",
    "ecosystem",
    "province_code",
    "province_name",
    "theme",
    "public_funding_eur",
    "start_date",
    "end_date",
    "source",
]

_AMOUNT_RE = re.compile(r"[+-]?\d+(,\d+)?")
_YYYYMMDD_RE = re.compile(r"\d{8}")
_PROVINCE_RE = re.compile(r"\d{1,3}")
# OpenCoesione also writes a province as region + province, 6 digits ("003015" = Milano);
# a province part of 000 is a region-wide or national localisation, with no province.
_REGION_PROVINCE_RE = re.compile(r"(\d{3})(\d{3})")
NO_PROVINCE = "000"


def looks_like_opencoesione(head: bytes) -> bool:
    """True when the first line of a file names the OpenCoesione key column.

    A UTF-16 file (Excel's "Unicode text") is recognised too, so that the OpenCoesione
    reader, not the product format's, tells its user to save it as UTF-8.
    """
    encoding = "utf-16" if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else None
    text = head.decode(encoding or "utf-8-sig", errors="replace")
    first = text.split("\n", 1)[0]
    names = re.split(r"[;,\t]", first)
    return any(name.strip().strip('"').strip() == MARKER for name in names)


def oc_column(column: str | None, effective_end: bool) -> str | None:
    """The OpenCoesione column behind a product column (None stays None).

    `effective_end`: the row's end date came from the actual, not the planned, end date.
    """
    if column is None:
        return None
    if column == "end_date":
        return END_EFFECTIVE if effective_end else END_PLANNED
    return SOURCE_COLUMNS.get(column, column)


@dataclass
class Chunk:
    """Up to `chunk_rows` rows as product-format text cells, with this format's problems."""

    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    effective_end_rows: set[int] = field(default_factory=set)

    def in_file_terms(self, problem: Problem) -> Problem:
        """A problem of the shared checks, naming the file's column instead of ours."""
        effective = problem.row in self.effective_end_rows
        return Problem(problem.row, oc_column(problem.column, effective), problem.message)


class OpenCoesioneReader:
    """Reads an OpenCoesione CSV from a binary stream, header first, then chunk by chunk."""

    def __init__(self, stream: IO[bytes], mapping: EcosystemMapping, file_name: str) -> None:
        self._raw = stream
        self._records = csv.reader(_utf8_lines(stream), delimiter=DELIMITER)
        self._mapping = mapping
        self._source = f"OpenCoesione — {file_name}"[:300]
        self._provinces = province_names()
        self._by_name = {name.casefold(): code for code, name in self._provinces.items()}
        self._row = 0
        self._index: dict[str, int] = {}
        self._width = 0
        self._needed = 0
        self._effective_end_rows: set[int] = set()

    @property
    def bytes_read(self) -> int:
        """How far into the file the reader is (for a progress bar)."""
        return self._raw.tell()

    # --- header ----------------------------------------------------------------------------

    def read_header(self) -> list[Problem]:
        """Read and check the header row; the problems make the whole file unreadable."""
        try:
            header = next(self._records, None)
        except (UnicodeDecodeError, csv.Error) as exc:
            return [self._read_error(exc)]
        self._row = 1
        if header is None or not any(c.strip() for c in header):
            return [Problem(None, None, "the file is empty")]
        names = [h.strip() for h in header]
        if len(names) == 1 and any(sep in names[0] for sep in (",", "\t")):
            return [
                Problem(
                    1,
                    None,
                    "the columns are not separated by semicolons (;): OpenCoesione files "
                    "use `;` as delimiter and `,` as decimal separator",
                )
            ]
        problems: list[Problem] = []
        for i, name in enumerate(names):
            if name and name in self._index:
                problems.append(Problem(1, name, "the column appears more than once"))
            elif name:
                self._index[name] = i
        problems += [
            Problem(1, name, "required OpenCoesione column is missing")
            for name in REQUIRED_COLUMNS
            if name not in self._index
        ]
        self._width = len(names)
        # Cells a row needs: up to the last named column (a trailing `;` names nothing).
        self._needed = 1 + max(self._index.values(), default=-1)
        return problems

    # --- rows ------------------------------------------------------------------------------

    def chunks(self, chunk_rows: int = CHUNK_ROWS) -> Iterator[Chunk]:
        """The data rows, `chunk_rows` at a time (call `read_header` first)."""
        numbers: list[int] = []
        table: list[list[str]] = []
        problems: list[Problem] = []
        while True:
            try:
                cells = next(self._records, None)
            except (UnicodeDecodeError, csv.Error) as exc:
                problems.append(self._read_error(exc))
                break
            if cells is None:
                break
            self._row += 1
            if not any(c.strip() for c in cells):
                continue
            numbers.append(self._row)
            table.append(self._translate(self._row, cells, problems))
            if len(table) >= chunk_rows:
                yield self._chunk(numbers, table, problems)
                numbers, table, problems = [], [], []
        if table or problems:
            yield self._chunk(numbers, table, problems)

    def _chunk(self, numbers: list[int], table: list[list[str]], problems: list[Problem]) -> Chunk:
        index = pd.Index(numbers, name=ROW_INDEX_NAME)
        frame = pd.DataFrame(table, columns=PRODUCT_COLUMNS, index=index, dtype=object)
        effective, self._effective_end_rows = self._effective_end_rows, set()
        return Chunk(frame, problems, effective)

    def _read_error(self, exc: Exception) -> Problem:
        row = self._row + 1
        if isinstance(exc, UnicodeDecodeError):
            return Problem(
                row,
                None,
                "the file is not UTF-8 encoded from this row on; OpenCoesione publishes "
                "UTF-8 — save it again as CSV UTF-8",
            )
        return Problem(row, None, f"the CSV cannot be parsed: {exc}")

    def _cell(self, cells: list[str], name: str) -> str:
        i = self._index.get(name)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    def _translate(self, row: int, cells: list[str], problems: list[Problem]) -> list[str]:
        extra = len(cells) > self._width and any(c.strip() for c in cells[self._width :])
        if extra or len(cells) < self._needed:  # a cut or shifted row: cells are misread
            msg = f"the row has {len(cells)} cells but the header has {self._width} columns"
            problems.append(Problem(row, None, msg))
        theme = self._cell(cells, "OC_TEMA_SINTETICO")
        amount = self._amount(row, self._cell(cells, "FINANZ_TOTALE_PUBBLICO"), problems)
        province_code, province_name = self._province(row, cells, problems)
        start = self._date(row, "OC_DATA_INIZIO_PROGETTO", cells, problems)
        # The actual end date when the project has ended, else the planned one.
        end_column = END_EFFECTIVE if self._cell(cells, END_EFFECTIVE) else END_PLANNED
        if end_column == END_EFFECTIVE:
            self._effective_end_rows.add(row)
        end = self._date(row, end_column, cells, problems)
        procedure = self._cell(cells, "COD_PROCED_ATTIVAZIONE")
        ecosystem = self._mapping.assign(procedure=procedure, theme=theme) or ""
        return [
            self._cell(cells, "COD_LOCALE_PROGETTO"),
            self._cell(cells, "CUP"),
            self._cell(cells, "OC_TITOLO_PROGETTO"),
            ecosystem,
            province_code,
            province_name,
            theme,
            amount,
            start,
            end,
            self._source,
        ]

    @staticmethod
    def _amount(row: int, text: str, problems: list[Problem]) -> str:
        if not text:
            return ""
        if not _AMOUNT_RE.fullmatch(text):
            problems.append(
                Problem(
                    row,
                    "FINANZ_TOTALE_PUBBLICO",
                    f'"{text}" is not an amount in the OpenCoesione form 1234,56 '
                    "(decimal comma, no thousands separator)",
                )
            )
            return ""
        return text.replace(",", ".")

    def _date(self, row: int, column: str, cells: list[str], problems: list[Problem]) -> str:
        text = self._cell(cells, column)
        if not text:
            return ""
        try:
            if not _YYYYMMDD_RE.fullmatch(text):
                raise ValueError
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat()
        except ValueError:
            problems.append(
                Problem(row, column, f'"{text}" is not a date in the OpenCoesione form YYYYMMDD')
            )
            return ""

    def _province(self, row: int, cells: list[str], problems: list[Problem]) -> tuple[str, str]:
        text = self._cell(cells, "COD_PROVINCIA")
        name = self._cell(cells, "DEN_PROVINCIA")
        if not text:
            # No code: the name alone identifies a province when it is exactly one of them.
            code = self._by_name.get(name.casefold(), "") if name else ""
            return code, self._provinces.get(code, name)[:100]
        parts = [part.strip() for part in text.split(MULTI_SEPARATOR)]
        codes: list[str] = []
        for part in parts:
            code = _province_code(part)
            if code == NO_PROVINCE:
                continue
            if code not in self._provinces:
                # Among several localisations, one outside Lombardy is the project reaching
                # beyond the region; as its only localisation, the file is not what it seems.
                if len(parts) > 1 and code.isdigit():
                    continue
                known = ", ".join(f"{c} {n}" for c, n in sorted(self._provinces.items()))
                problems.append(
                    Problem(
                        row,
                        "COD_PROVINCIA",
                        f'"{part}" is not the ISTAT code of a Lombardy province (known: {known})',
                    )
                )
                return "", ""
            if code not in codes:
                codes.append(code)
        if not codes:  # region-wide or national: no province of its own
            return "", name[:100]
        if len(codes) == 1:
            return codes[0], self._provinces[codes[0]]
        # A project spread over several provinces belongs to none of them alone.
        return "", ", ".join(self._provinces[c] for c in codes)[:100]


def read_frame(
    content: bytes, file_name: str, mapping: EcosystemMapping
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """A whole (upload-sized) OpenCoesione file as one product-format frame, for previews."""
    reader = OpenCoesioneReader(io.BytesIO(content), mapping, file_name)
    problems = reader.read_header()
    if problems:
        return None, problems
    frames: list[pd.DataFrame] = []
    for chunk in reader.chunks():
        frames.append(chunk.frame)
        problems += chunk.problems
    if not frames:
        return None, [Problem(None, None, "the file has a header but no data rows")]
    return pd.concat(frames), problems


def _province_code(part: str) -> str:
    """The 3-digit ISTAT province code in one localisation ("15", "015" or "003015")."""
    if _PROVINCE_RE.fullmatch(part):
        return part.zfill(3)
    both = _REGION_PROVINCE_RE.fullmatch(part)
    return both.group(2) if both else part


def _utf8_lines(stream: IO[bytes]) -> Iterator[str]:
    """The stream's lines, decoded strictly one at a time (the BOM of the first dropped).

    A byte that is not UTF-8 is a problem to report, not to replace; decoding line by line,
    not in blocks, puts the report on the row that holds the byte.
    """
    first = True
    for raw in stream:
        if first:
            raw, first = raw.removeprefix(codecs.BOM_UTF8), False
        yield raw.decode("utf-8")
