"""The OpenCoesione open-data CSV of funded projects, read as the product's projects rows.

OpenCoesione publishes `;`-separated UTF-8 CSV with a decimal comma (`1234,56`), dates as
`YYYYMMDD` and its own column names (`COD_LOCALE_PROGETTO`, `OC_TITOLO_PROGETTO`, …). This
module recognises such a file by its header, and translates each row into the *text* cells
of the product's projects format (data/schemas.py PROJECTS: `.` decimals, ISO dates), so
that the shared checks of data/importers/checks.py (types, ranges, lengths, codes, duplicates)
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
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, TYPE_CHECKING

from data.ecosystem_mapping import EcosystemMapping
from data.geo import province_names
from data.importers.problems import ROW_INDEX_NAME, Problem
from data.schemas import PROJECTS

if TYPE_CHECKING:  # pandas only where a frame is built: the COPY path never loads it
    import pandas as pd

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
    "COD_REGIONE",
    "DEN_PROVINCIA",
    "OC_DATA_FINE_PROGETTO_EFFETTIVA",
    "OC_DATA_FINE_PROGETTO_PREVISTA",
    "COD_PROCED_ATTIVAZIONE",
    "OC_CODICE_PROGRAMMA",
    "OC_FINANZ_TOT_PUB_NETTO",
    "IMPEGNI",
    "TOT_PAGAMENTI",
    "CUP_COD_NATURA",
    "CUP_COD_CATEGORIA",
    "COD_ATECO",
)
# Money columns: product column → OpenCoesione column (gross, net, commitments, payments).
MONEY_COLUMNS = {
    "public_funding_eur": "FINANZ_TOTALE_PUBBLICO",
    "net_funding_eur": "OC_FINANZ_TOT_PUB_NETTO",
    "commitments_eur": "IMPEGNI",
    "payments_eur": "TOT_PAGAMENTI",
}
# Product column → the OpenCoesione column it comes from (for problem messages).
SOURCE_COLUMNS = {
    "code": "COD_LOCALE_PROGETTO",
    "cup": "CUP",
    "title": "OC_TITOLO_PROGETTO",
    **MONEY_COLUMNS,
    "programme_code": "OC_CODICE_PROGRAMMA",
    "procedure_code": "COD_PROCED_ATTIVAZIONE",
    "call_code": "COD_PROCED_ATTIVAZIONE (data/config/procedure_calls.csv)",
    "province_code": "COD_PROVINCIA",
    "province_name": "DEN_PROVINCIA",
    "theme": "OC_TEMA_SINTETICO",
    "start_date": "OC_DATA_INIZIO_PROGETTO",
    "ecosystem": "ecosystem (data/config/ecosystem_mapping.csv)",
}
PRODUCT_COLUMNS = PROJECTS.names  # the product format, in its order

# Regions as OpenCoesione codes them (COD_REGIONE, and the first half of a 6-digit
# COD_PROVINCIA): Lombardy, "national" (no region) and "abroad".
LOMBARDY = "003"
NATIONAL = "000"
ABROAD = "997"
OTHER_REGION = "other"  # a short province code outside Lombardy: some other region
# Why a row is not imported; counted, never an error.
SKIP_REASONS = ("other_region", "national", "abroad", "unlocalised")

_AMOUNT_RE = re.compile(r"[+-]?\d+(,\d+)?")
_YYYYMMDD_RE = re.compile(r"\d{8}")
_PROVINCE_RE = re.compile(r"\d{1,3}")
# A province written as region + province, 6 digits ("003015" = Milano, "997997" abroad);
# a province part of 000 is a region-wide localisation, with no province.
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
    """Up to `chunk_rows` rows in scope as product-format text cells, and their findings.

    `problems` are format errors (the file is refused); `warnings` are inconsistencies of
    the source (imported and flagged).
    """

    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    effective_end_rows: set[int] = field(default_factory=set)
    warnings: list[Problem] = field(default_factory=list)

    def in_file_terms(self, problem: Problem) -> Problem:
        """A problem of the shared checks, naming the file's column instead of ours."""
        effective = problem.row in self.effective_end_rows
        return Problem(problem.row, oc_column(problem.column, effective), problem.message)


@dataclass(frozen=True)
class Place:
    """Where a row is: why it is skipped ("" when in scope), its province and localisation."""

    skip: str = ""
    province_code: str = ""
    province_name: str = ""
    localisation: str = ""


class OpenCoesioneReader:
    """Reads an OpenCoesione CSV from a binary stream, header first, then chunk by chunk.

    Only projects localised in Lombardy (COD_REGIONE 003 in any `:::` part) become rows;
    the others are counted in `skipped` by reason. Every row, in scope or not, is checked
    for format errors.
    """

    def __init__(
        self,
        stream: IO[bytes],
        mapping: EcosystemMapping,
        file_name: str,
        calls: dict[str, str] | None = None,
    ) -> None:
        self._raw = stream
        self._records = csv.reader(_utf8_lines(stream), delimiter=DELIMITER)
        self._mapping = mapping
        self._calls = calls or {}
        self._source = f"OpenCoesione — {file_name}"[:300]
        self._provinces = province_names()
        self._by_name = {name.casefold(): code for code, name in self._provinces.items()}
        self._row = 0
        self._index: dict[str, int] = {}
        self._width = 0
        self._needed = 0
        self._effective_end_rows: set[int] = set()
        self.skipped: Counter[str] = Counter()
        self.header: list[str] = []

    @property
    def source(self) -> str:
        """The `source` every project of this file carries."""
        return self._source

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
        self.header = names
        self._width = len(names)
        # Cells a row needs: up to the last named column (a trailing `;` names nothing).
        self._needed = 1 + max(self._index.values(), default=-1)
        return problems

    # --- rows ------------------------------------------------------------------------------

    def chunks(self, chunk_rows: int = CHUNK_ROWS) -> Iterator[Chunk]:
        """The rows in scope, `chunk_rows` at a time (call `read_header` first)."""
        numbers: list[int] = []
        table: list[list[str]] = []
        problems: list[Problem] = []
        warnings: list[Problem] = []
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
            translated = self._translate(self._row, cells, problems, warnings)
            if translated is None:
                continue
            numbers.append(self._row)
            table.append(translated)
            if len(table) >= chunk_rows:
                yield self._chunk(numbers, table, problems, warnings)
                numbers, table, problems, warnings = [], [], [], []
        if table or problems or warnings:
            yield self._chunk(numbers, table, problems, warnings)

    def _chunk(
        self,
        numbers: list[int],
        table: list[list[str]],
        problems: list[Problem],
        warnings: list[Problem],
    ) -> Chunk:
        import pandas as pd

        index = pd.Index(numbers, name=ROW_INDEX_NAME)
        frame = pd.DataFrame(table, columns=PRODUCT_COLUMNS, index=index, dtype=object)
        effective, self._effective_end_rows = self._effective_end_rows, set()
        return Chunk(frame, problems, effective, warnings)

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

    def _translate(
        self, row: int, cells: list[str], problems: list[Problem], warnings: list[Problem]
    ) -> list[str] | None:
        """The row as product cells, or None when it is out of scope (counted)."""
        extra = len(cells) > self._width and any(c.strip() for c in cells[self._width :])
        if extra or len(cells) < self._needed:  # a cut or shifted row: cells are misread
            msg = f"the row has {len(cells)} cells but the header has {self._width} columns"
            problems.append(Problem(row, None, msg))
        # Format first, on every row: a file with an unreadable cell is refused whole.
        amounts = {
            product: self._amount(row, column, cells, problems)
            for product, column in MONEY_COLUMNS.items()
        }
        start = self._date(row, "OC_DATA_INIZIO_PROGETTO", cells, problems)
        # The actual end date when the project has ended, else the planned one.
        end_column = END_EFFECTIVE if self._cell(cells, END_EFFECTIVE) else END_PLANNED
        end = self._date(row, end_column, cells, problems)
        place = self._place(row, cells, problems)
        found = _inconsistencies(row, amounts, start, end, end_column)
        if place.skip:
            self.skipped[place.skip] += 1
            note = " (the project is outside Lombardy: not imported)"
            warnings += [Problem(w.row, w.column, w.message + note) for w in found]
            return None
        warnings += found
        if end_column == END_EFFECTIVE:
            self._effective_end_rows.add(row)
        procedure = self._cell(cells, "COD_PROCED_ATTIVAZIONE")
        programme = self._cell(cells, "OC_CODICE_PROGRAMMA")
        theme = self._cell(cells, "OC_TEMA_SINTETICO")
        assignment = self._mapping.explain(
            procedure=procedure,
            programme=programme,
            cup_category=self._cell(cells, "CUP_COD_CATEGORIA"),
            ateco=self._cell(cells, "COD_ATECO"),
            theme=theme,
            nature=self._cell(cells, "CUP_COD_NATURA"),
        )
        return [
            self._cell(cells, "COD_LOCALE_PROGETTO"),
            self._cell(cells, "CUP"),
            self._cell(cells, "OC_TITOLO_PROGETTO"),
            self._calls.get(procedure, ""),
            assignment.ecosystem or "",
            place.province_code,
            place.province_name,
            theme,
            *amounts.values(),
            programme,
            procedure,
            place.localisation,
            assignment.rule[:300],
            "\n".join(f"{w.column}: {w.message}" for w in found),
            start,
            end,
            self._source,
        ]

    def _amount(self, row: int, column: str, cells: list[str], problems: list[Problem]) -> str:
        text = self._cell(cells, column)
        if not text:
            return ""
        if not _AMOUNT_RE.fullmatch(text):
            problems.append(
                Problem(
                    row,
                    column,
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

    def _place(self, row: int, cells: list[str], problems: list[Problem]) -> Place:
        """In scope when any localisation is in Lombardy; else the reason to skip the row."""
        regions = {
            part.strip().zfill(3)
            for part in self._cell(cells, "COD_REGIONE").split(MULTI_SEPARATOR)
            if part.strip()
        }
        text = self._cell(cells, "COD_PROVINCIA")
        name = self._cell(cells, "DEN_PROVINCIA")
        lombard: list[str] = []
        for part in (p.strip() for p in text.split(MULTI_SEPARATOR)):
            if not part:
                continue
            region, code = _region_and_province(part, self._provinces)
            if region != LOMBARDY:
                regions.add(region)
            elif code == NO_PROVINCE:
                regions.add(LOMBARDY)  # region-wide
            elif code not in self._provinces:
                known = ", ".join(f"{c} {n}" for c, n in sorted(self._provinces.items()))
                msg = f'"{part}" is not the ISTAT code of a Lombardy province (known: {known})'
                problems.append(Problem(row, "COD_PROVINCIA", msg))
                return Place("", "", "", "")
            elif code not in lombard:
                lombard.append(code)
        if not text and not regions and name.casefold() in self._by_name:
            lombard.append(self._by_name[name.casefold()])  # an older file: the name alone
        if lombard:
            regions.add(LOMBARDY)
        if LOMBARDY not in regions:
            return Place(skip=_skip_reason(regions))
        if len(lombard) == 1 and regions == {LOMBARDY}:
            code = lombard[0]
            return Place("", code, self._provinces[code], "province")
        if not lombard and regions == {LOMBARDY}:
            return Place("", "", name[:100], "region")
        # Several provinces, or Lombardy and elsewhere: no single province may count it.
        names = ", ".join(self._provinces[c] for c in lombard)
        if regions != {LOMBARDY}:
            names = ", ".join(p.strip() for p in name.split(MULTI_SEPARATOR) if p.strip())
        return Place("", "", names[:100], "multi")


def _skip_reason(regions: set[str]) -> str:
    if regions - {NATIONAL, ABROAD}:
        return "other_region"
    if ABROAD in regions:
        return "abroad"
    return "national" if regions else "unlocalised"


def _inconsistencies(
    row: int, amounts: dict[str, str], start: str, end: str, end_column: str
) -> list[Problem]:
    """The source's own inconsistencies in a row: warnings, never a reason to refuse it."""
    found: list[Problem] = []
    if start and end and end < start:  # ISO dates compare as text
        found.append(Problem(row, end_column, f"ends ({end}) before it starts ({start})"))
    gross, net, payments = (
        Decimal(amounts[c]) if amounts[c] else None
        for c in ("public_funding_eur", "net_funding_eur", "payments_eur")
    )
    if net is not None and gross is not None and net > gross:
        found.append(
            Problem(
                row,
                "OC_FINANZ_TOT_PUB_NETTO",
                f"the net public funding ({net}) is above the gross ({gross})",
            )
        )
    funding = net if net is not None else gross
    if payments is not None and funding is not None and payments > funding:
        found.append(
            Problem(
                row, "TOT_PAGAMENTI", f"the payments ({payments}) exceed the funding ({funding})"
            )
        )
    return found


def read_frame(
    content: bytes, file_name: str, mapping: EcosystemMapping
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """A whole (upload-sized) OpenCoesione file as one product-format frame, for previews."""
    import pandas as pd

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


def _region_and_province(part: str, lombard: dict[str, str]) -> tuple[str, str]:
    """(region, 3-digit province) of one localisation: "15", "015" or "003015".

    A short code carries no region: it is Lombardy's when it is a Lombardy province.
    """
    both = _REGION_PROVINCE_RE.fullmatch(part)
    if both:
        return both.group(1), both.group(2)
    code = part.zfill(3) if _PROVINCE_RE.fullmatch(part) else part
    if code == NO_PROVINCE:
        return NATIONAL, code
    return (LOMBARDY if code in lombard else OTHER_REGION), code


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
