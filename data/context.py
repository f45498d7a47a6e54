"""Context indicators: Eurostat regional series (R&D intensity, business R&D, HRST) per region.

`import_eurostat` reads one Eurostat file in the layout of data/context/*.csv
(`year,region_type,region_year_spec,region_id,region_level,<measure>`, see
data/context/README.md), validates every row first (problems listed with row and column),
and only if all of it is valid replaces that measure's rows in ONE transaction, recording
the attempt in `import_batch` (kind "eurostat") like every other import. A newer extract of
the same table loads the same way. `seed_context` loads the shipped files (idempotent).

The queries below aggregate in SQL (ranks, latest values) and return DataFrames; the
context page, the API and the overview read only through them.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd
from sqlalchemy import and_, case, delete, func, insert, literal, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, aliased

from data.analysis.forecast import DEFAULT_HORIZON, Series
from data.db import bump_data_version, session_scope
from data.importers.problems import Problem
from data.importers.reading import MAX_FILE_BYTES, decode_text
from data.importers.writing import Audit, ImportResult, database_refusal
from data.models import ContextSeries, ImportBatch

KIND = "eurostat"
CONTEXT_DIR = Path(__file__).resolve().parent / "context"
REGIONS_FILE = CONTEXT_DIR / "regions.csv"
SHIPPED_EXTRACTED = "2022-03"  # data/context/README.md: "extracted March 2022"
SOURCE = "Fonte: Eurostat (rd_e_gerdreg, hrst_st_rcat)"
SEED_USER = "seed"

LOMBARDY = "ITC4"
ITALY = "IT"
EU = "EU27_2020"
DEFAULT_PEERS = ("DE1", "ES51", "FR71", "ITC1", "ITH3", "ITH5")
EU_GERD_GOAL = 3.0  # the EU's 3% of GDP R&D goal (GERD % GDP)
GERD_PC_GDP = "rd_e_gerdreg_total_pc_gdp"
# The Eurostat datasets the product reads (data/context/, and the forecast panel of
# data.eurostat_panel).
DATASETS = (
    GERD_PC_GDP,
    "rd_e_gerdreg_bes_pc_gdp",
    "rd_e_gerdreg_total_mio_eur",
    "rd_e_gerdreg_total_eur_hab",
    "hrst_st_rcat_hrst_pc_act",
    "hrst_st_rcat_hrstc_pc_act",
)
HRST_PC_ACT = "hrst_st_rcat_hrst_pc_act"
NUTS2 = 2
# The EU-27 member states by their NUTS country prefix: the rank counts only their NUTS-2
# regions (the files also hold Norway, Iceland, Serbia, North Macedonia, euro-area codes…).
EU27_COUNTRIES = [
    "AT",
    "BE",
    "BG",
    "CY",
    "CZ",
    "DE",
    "DK",
    "EE",
    "EL",
    "ES",
    "FI",
    "FR",
    "HR",
    "HU",
    "IE",
    "IT",
    "LT",
    "LU",
    "LV",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SE",
    "SI",
    "SK",
]

HEADER = ("year", "region_type", "region_year_spec", "region_id", "region_level")
REGION_CODE = re.compile(r"^[A-Z]{2}[A-Z0-9_]{0,10}$")
FIRST_YEAR, LAST_YEAR = 1950, 2100


@dataclass(frozen=True)
class Measure:
    """A context measure: its Eurostat table and unit."""

    code: str
    table: str
    unit: str


MEASURES: dict[str, Measure] = {
    code: Measure(code, "hrst_st_rcat" if code.startswith("hrst") else "rd_e_gerdreg", unit)
    for code, unit in zip(
        DATASETS,
        ("% GDP", "% GDP", "M€", "€/inhabitant", "% active population", "% active population"),
        strict=True,
    )
}


@dataclass(frozen=True)
class RegionName:
    """A region's name in Italian and English, from the shipped table."""

    code: str
    name_it: str
    name_en: str

    def name(self, lang: str) -> str:
        """The name in `lang`: the table's English column, else its Italian (the first)."""
        return {"en": self.name_en}.get(lang, self.name_it)


@cache
def region_names() -> dict[str, RegionName]:
    """The shipped names of the regions the product names (peers, countries, the EU)."""
    with REGIONS_FILE.open(encoding="utf-8", newline="") as stream:
        return {
            row["code"]: RegionName(row["code"], row["name_it"], row["name_en"])
            for row in csv.DictReader(stream)
        }


def region_label(code: str, lang: str, stored: str = "") -> str:
    """The region's name in `lang`; the stored name, else the code when it is not known."""
    known = region_names().get(code)
    if known is not None:
        return known.name(lang)
    return stored or code


# --------------------------------------------------------------------------- reading


@dataclass
class ContextImportResult(ImportResult):
    """An import's result, with how many rows of the measure's previous extract it replaced."""

    replaced_rows: int = 0

    def summary(self) -> str:
        """One line for people, saying what the new extract replaced."""
        line = super().summary()
        if self.outcome == "committed":
            line += f"; {self.replaced_rows} rows of the previous extract replaced"
        return line


@dataclass(frozen=True)
class ContextRow:
    """One valid value of the file."""

    year: int
    region_code: str
    nuts_level: int
    value: float


def _int_cell(text: str, row: int, column: str, problems: list[Problem]) -> int | None:
    try:
        return int(text.strip())
    except ValueError:
        problems.append(Problem(row, column, f"{text!r} is not a whole number"))
        return None


def read_eurostat(content: bytes) -> tuple[str | None, list[ContextRow], list[Problem]]:
    """The measure (value column), the valid rows and every problem of an Eurostat file.

    An empty value cell is a gap (no row), never zero.
    """
    if len(content) > MAX_FILE_BYTES:
        return None, [], [Problem(None, None, "the file is larger than the import limit")]
    text, problems = decode_text(content)
    if text is None:
        return None, [], problems
    records = list(csv.reader(text.splitlines()))
    if not records:
        return None, [], [Problem(None, None, "the file is empty")]
    header = [h.strip() for h in records[0]]
    if len(header) != len(HEADER) + 1 or tuple(header[:5]) != HEADER:
        expected = ",".join(HEADER) + ",<measure>"
        return None, [], [Problem(1, None, f"the header must be {expected}")]
    measure = header[5]
    if measure not in MEASURES:
        known = ", ".join(MEASURES)
        return None, [], [Problem(1, measure, f"unknown measure (known: {known})")]
    rows: list[ContextRow] = []
    seen: dict[tuple[str, int], int] = {}
    for number, cells in enumerate(records[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.append(Problem(number, None, f"{len(cells)} cells, {len(header)} expected"))
            continue
        before = len(problems)
        year = _int_cell(cells[0], number, "year", problems)
        if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
            problems.append(Problem(number, "year", f"{year} is out of range"))
        if cells[1].strip() != "NUTS":
            problems.append(Problem(number, "region_type", f"{cells[1]!r}: only NUTS is read"))
        _int_cell(cells[2], number, "region_year_spec", problems)
        code = cells[3].strip()
        if not REGION_CODE.match(code):
            problems.append(Problem(number, "region_id", f"{code!r} is not a NUTS code"))
        level = _int_cell(cells[4], number, "region_level", problems)
        raw = cells[5].strip()
        value: float | None = None
        if raw:
            try:
                value = float(raw)
            except ValueError:
                problems.append(Problem(number, measure, f"{raw!r} is not a number"))
            else:
                if value != value or value < 0:
                    problems.append(Problem(number, measure, f"{raw} is not a valid value"))
        if len(problems) > before or year is None or level is None:
            continue
        first = seen.setdefault((code, year), number)
        if first != number:
            problems.append(Problem(number, "region_id", f"{code} {year} repeats row {first}"))
            continue
        if value is not None:
            rows.append(ContextRow(year, code, level, value))
    if not rows and not problems:
        problems.append(Problem(None, None, "the file has no values"))
    return measure, rows, problems


# --------------------------------------------------------------------------- importing


def import_eurostat(
    url: str,
    content: bytes,
    file_name: str,
    *,
    dry_run: bool = False,
    username: str = "",
    extracted: str = "",
) -> ImportResult:
    """Validate an Eurostat file and, if all of it is valid, replace its measure's rows."""
    sha256 = hashlib.sha256(content).hexdigest()
    measure, rows, problems = read_eurostat(content)
    audit = Audit(url, KIND, file_name, sha256, username, len(rows))
    if problems or measure is None or dry_run:
        return audit.record("dry-run" if dry_run and not problems else "refused", problems)
    names = region_names()
    unit = MEASURES[measure].unit
    try:
        with session_scope(url) as session:
            batch = audit.batch("committed")
            session.add(batch)
            session.flush()
            same = ContextSeries.measure == measure
            removed = session.scalar(select(func.count(ContextSeries.id)).where(same))
            session.execute(delete(ContextSeries).where(same))
            session.execute(
                insert(ContextSeries),
                [
                    {
                        "measure": measure,
                        "region_code": r.region_code,
                        "region_name": names[r.region_code].name_it
                        if r.region_code in names
                        else r.region_code,
                        "nuts_level": r.nuts_level,
                        "unit": unit,
                        "year": r.year,
                        "value": r.value,
                        "source": f"{SOURCE}: {file_name}"[:1000],
                        "extracted": extracted[:10],
                        "import_batch_id": batch.id,
                    }
                    for r in rows
                ],
            )
            bump_data_version(session)
            result = ContextImportResult(KIND, len(rows), "committed", [], batch.id)
            result.inserted = len(rows)
            result.replaced_rows = removed or 0
    except SQLAlchemyError as exc:
        return audit.record("refused", [Problem(None, None, database_refusal(exc))])
    return result


def seed_context(url: str, folder: Path = CONTEXT_DIR) -> dict[str, int]:
    """Load the shipped Eurostat files; a file the seed already loaded unchanged is skipped."""
    loaded: dict[str, int] = {}
    for measure in MEASURES:
        path = folder / f"{measure}.csv"
        content = path.read_bytes()
        sha256 = hashlib.sha256(content).hexdigest()
        with session_scope(url) as session:
            previous = session.scalars(
                select(ImportBatch)
                .where(
                    ImportBatch.kind == KIND,
                    ImportBatch.username == SEED_USER,
                    ImportBatch.file_name == path.name,
                    ImportBatch.outcome == "committed",
                )
                .order_by(ImportBatch.id.desc())
                .limit(1)
            ).first()
            done = previous is not None and previous.sha256 == sha256
            rows = previous.rows if previous is not None else 0
        if done:
            loaded[measure] = rows
            continue
        result = import_eurostat(
            url, content, path.name, username=SEED_USER, extracted=SHIPPED_EXTRACTED
        )
        if result.outcome != "committed":
            lines = "; ".join(str(p) for p in result.problems[:5])
            raise RuntimeError(f"shipped context file {path.name} refused: {lines}")
        loaded[measure] = result.rows
    return loaded


# --------------------------------------------------------------------------- queries

SERIES_COLUMNS = [
    "measure",
    "unit",
    "region_code",
    "region_name",
    "nuts_level",
    "year",
    "value",
    "source",
    "extracted",
]


def series_frame(
    session: Session, measure: str | None = None, regions: list[str] | None = None
) -> pd.DataFrame:
    """Values by measure, region and year (all of them without filters)."""
    query = select(*(getattr(ContextSeries, c) for c in SERIES_COLUMNS))
    if measure is not None:
        query = query.where(ContextSeries.measure == measure)
    if regions is not None:
        query = query.where(ContextSeries.region_code.in_(regions))
    query = query.order_by(ContextSeries.measure, ContextSeries.region_code, ContextSeries.year)
    return pd.DataFrame(session.execute(query).all(), columns=SERIES_COLUMNS)


def rank_frame(
    session: Session, measure: str | None = None, region: str = LOMBARDY
) -> pd.DataFrame:
    """`region`'s rank among the EU NUTS-2 regions each year: measure, year, rank, regions.

    Rank 1 is the highest value; ties share the better rank; `regions` counts the NUTS-2
    regions of the EU-27 member states with a value that year. Counted in SQL (one GROUP
    BY over every measure).
    """
    mine = aliased(ContextSeries)
    other = aliased(ContextSeries)
    query = (
        select(
            mine.measure,
            mine.year,
            (func.sum(case((other.value > mine.value, 1), else_=0)) + 1).label("rank"),
            func.count(other.id).label("regions"),
        )
        .join(
            other,
            and_(
                other.measure == mine.measure,
                other.year == mine.year,
                other.nuts_level == literal(NUTS2),
                func.substr(other.region_code, 1, 2).in_(EU27_COUNTRIES),
            ),
        )
        .where(mine.region_code == region)
        .group_by(mine.measure, mine.year)
        .order_by(mine.measure, mine.year)
    )
    if measure is not None:
        query = query.where(mine.measure == measure)
    columns = ["measure", "year", "rank", "regions"]
    return pd.DataFrame(session.execute(query).all(), columns=columns)


def regions_frame(session: Session) -> pd.DataFrame:
    """Every region with any value: code, stored name, NUTS level (for the region picker)."""
    query = (
        select(
            ContextSeries.region_code, func.max(ContextSeries.region_name), ContextSeries.nuts_level
        )
        .group_by(ContextSeries.region_code, ContextSeries.nuts_level)
        .order_by(ContextSeries.region_code)
    )
    return pd.DataFrame(session.execute(query).all(), columns=["code", "name", "nuts_level"])


def latest_frame(session: Session, regions: list[str]) -> pd.DataFrame:
    """The latest year and value of each measure for these regions (max year in SQL)."""
    last = (
        select(
            ContextSeries.measure,
            ContextSeries.region_code,
            func.max(ContextSeries.year).label("year"),
        )
        .where(ContextSeries.region_code.in_(regions))
        .group_by(ContextSeries.measure, ContextSeries.region_code)
        .subquery()
    )
    query = select(
        ContextSeries.measure, ContextSeries.region_code, ContextSeries.year, ContextSeries.value
    ).join(
        last,
        and_(
            last.c.measure == ContextSeries.measure,
            last.c.region_code == ContextSeries.region_code,
            last.c.year == ContextSeries.year,
        ),
    )
    return pd.DataFrame(
        session.execute(query).all(), columns=["measure", "region_code", "year", "value"]
    )


def has_context(session: Session) -> bool:
    """True when any context value is loaded."""
    return session.scalar(select(ContextSeries.id).limit(1)) is not None


# --------------------------------------------------------------------------- forecasts

SERIES_KEY_PREFIX = "context:"


def forecast_key(measure: str, region: str = LOMBARDY) -> str:
    """The forecast series key of a context series."""
    return f"{SERIES_KEY_PREFIX}{measure}:{region}"


def forecast_series(session: Session, horizon: dt.date = DEFAULT_HORIZON) -> list[Series]:
    """Lombardy's context series, for the same forecaster as the indicators.

    Yearly values dated 31 December, gaps left out (the forecaster reads the dates); GERD %
    GDP carries the EU's 3% goal as its target, the others no target.
    """
    frame = series_frame(session, regions=[LOMBARDY])
    result = []
    for measure in MEASURES:
        rows = frame[frame["measure"] == measure].sort_values("year")
        if rows.empty:
            continue
        result.append(
            Series(
                key=forecast_key(measure),
                kind="level",
                direction="higher",
                dates=tuple(dt.date(int(y), 12, 31) for y in rows["year"]),
                values=tuple(float(v) for v in rows["value"]),
                horizon=horizon,
                target=EU_GERD_GOAL if measure == GERD_PC_GDP else None,
            )
        )
    return result
