"""The open data API's resources, declared once, and their JSON and CSV serializers.

Each resource lists its fields (name, type, nullability, description, source column). The
endpoints (api/v1.py) serialize query rows with these declarations and the OpenAPI document
(api/openapi.py) is generated from them, so what is documented and what is returned cannot
drift apart.

JSON values: missing ("n.d.") is `null`, never 0; dates are ISO `YYYY-MM-DD`; lists of
ecosystem codes are arrays. CSV cells: missing is empty, lists are `|`-joined, decimals use
`.`, and text that a spreadsheet would run as a formula gets a leading `'`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

import pandas as pd

from dashboard.citations import source_text
from data.analysis.attainment import STATUSES
from data.analysis.missing import is_missing
from data.analysis.published import FORECAST_STATUSES
from data.importers.reading import FORMULA_TRIGGERS  # the importer strips the same leading quote
from data.schemas import SOURCE_FILE, SOURCE_TITLE
from data.sources import cite

# The contract shared by the endpoints and the OpenAPI document.
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
SOURCE = "Regione Lombardia — S3 Monitor"
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
# Bounded so that it fits every database's OFFSET type (PostgreSQL bigint at least).
MAX_OFFSET = 2**31 - 1
FORMATS = ("json", "csv")
LIST_SEPARATOR = "|"

Fields = tuple["Field", ...]
FieldType = Literal["string", "integer", "number", "boolean", "date", "codes", "objects"]
Record = dict[str, Any]


@dataclass(frozen=True)
class Field:
    """One field of an API item; `column` names the query column when it differs."""

    name: str
    type: FieldType
    description: str
    nullable: bool = False
    column: str = ""
    choices: tuple[str, ...] = ()
    # Header in CSV when the bare name would clash (nested fields flattened into one row).
    csv_name: str = ""
    # For type "objects": the fields of each nested item and its OpenAPI schema name.
    items: tuple[Field, ...] = ()
    items_schema: str = ""
    # Computes the value from the column's (e.g. the source's title from its file name).
    derive: Callable[[Any], Any] | None = None

    @property
    def source_column(self) -> str:
        """The column of the query row this field is read from."""
        return self.column or self.name

    @property
    def csv_header(self) -> str:
        """The CSV column header of this field."""
        return self.csv_name or self.name


@dataclass(frozen=True)
class Resource:
    """A list endpoint: `/api/v1/<name>`, its item schema and its fields."""

    name: str
    schema: str
    summary: str
    description: str
    fields: tuple[Field, ...]
    filters: tuple[str, ...] = ()  # extra query parameters (api/openapi.py declares them)

    @property
    def nested(self) -> Field | None:
        """The list-of-objects field that CSV flattens into one row per item, if any."""
        return next((f for f in self.fields if f.type == "objects"), None)

    @property
    def flat_fields(self) -> tuple[Field, ...]:
        """The fields that are one CSV cell each."""
        return tuple(f for f in self.fields if f.type != "objects")

    @property
    def csv_columns(self) -> list[str]:
        """CSV header: the item's own columns, then those of its nested items."""
        nested = self.nested
        extra = [f.csv_header for f in nested.items] if nested else []
        return [f.csv_header for f in self.flat_fields] + extra

    @property
    def csv_filename(self) -> str:
        """File name offered by Content-Disposition."""
        return f"s3-monitor-{self.name}.csv"


def _source(
    description: str = "Source document (file name) and section of the row.", csv_prefix: str = ""
) -> Fields:
    """The row's source as stored, the document's title and its file name (provenance).

    `csv_prefix` names them apart in CSV where they sit beside another row's (nested items).
    """
    fields = (
        Field("source", "string", description),
        Field(
            SOURCE_TITLE,
            "string",
            "Title of the source document and the section, in Italian "
            "(data/config/sources.csv); the source as stored when the document is not listed.",
            column="source",
            derive=lambda source: source_text(source, "it"),
        ),
        Field(
            SOURCE_FILE,
            "string",
            "File name of the source document, kept as provenance (empty when not listed).",
            column="source",
            derive=lambda source: cite(source).file_name,
        ),
    )
    if not csv_prefix:
        return fields
    return tuple(replace(f, csv_name=csv_prefix + f.name) for f in fields)


ECOSYSTEM_FIELDS = (
    Field("code", "string", "Short code of the ecosystem, used by the other resources."),
    Field("name_it", "string", "Name in Italian."),
    Field("name_en", "string", "Name in English."),
    Field(
        "cross_cutting",
        "boolean",
        "True for the cross-cutting bucket (measures that serve every ecosystem).",
    ),
    *_source(),
)

CLUSTER_FIELDS = (
    Field("code", "string", "Short code of the cluster."),
    Field("name", "string", "Name of the Cluster Tecnologico Lombardo."),
    Field("legal_form", "string", "Legal form (associazione, fondazione…).", nullable=True),
    Field("address", "string", "Headquarters street address."),
    Field("postcode", "string", "Headquarters postcode (CAP)."),
    Field("city", "string", "Headquarters municipality."),
    Field(
        "province",
        "string",
        "ISTAT code of the headquarters province, 3 digits (015 = Milano).",
        column="province_code",
    ),
    Field("province_name", "string", "Name of the headquarters province."),
    Field("lat", "number", "Latitude of the headquarters (WGS 84)."),
    Field("lon", "number", "Longitude of the headquarters (WGS 84)."),
    Field(
        "coords_approximate",
        "boolean",
        "True when the coordinates were geocoded from the address, not surveyed.",
    ),
    Field("website", "string", "Website URL (empty when unknown)."),
    Field("members_total", "integer", "Members in all."),
    Field("members_firms", "integer", "Member firms (imprese)."),
    Field("members_research", "integer", "Member research organisations (organismi di ricerca)."),
    Field("members_other", "integer", "Other member bodies (altri enti)."),
    Field(
        "ecosystems",
        "codes",
        "Codes of the cluster's reference S3 ecosystem(s).",
        column="reference_ecosystems",
    ),
    Field("synergy_ecosystems", "codes", "Codes of the ecosystems of its S3 synergies."),
    Field("technology_areas", "string", "Technology areas, as the source lists them."),
    *_source(),
)

OBSERVATION_FIELDS = (
    Field("date", "date", "End date of the period observed."),
    Field(
        "value", "number", "Value; null when the source says n.d. (not available).", nullable=True
    ),
    *_source("Source document and section of the value.", csv_prefix="observation_"),
    Field("note", "string", "Note on the value (empty when none).", csv_name="observation_note"),
)

# One published observation as a row of its own (the `observations` endpoint).
OBSERVATION_ROW_FIELDS = (
    Field("indicator_code", "string", "Code of the (published) indicator."),
    Field("date", "date", "End date of the period observed."),
    Field(
        "value", "number", "Value; null when the source says n.d. (not available).", nullable=True
    ),
    *_source("Source document and section of the value."),
    Field("note", "string", "Note on the value (empty when none)."),
)

# Attainment status and forecast summary of an indicator (data/analysis/published.py).
SUMMARY_FIELDS = (
    Field(
        "status",
        "string",
        "Attainment status at the latest published value (see the method in the API description).",
        choices=STATUSES,
    ),
    Field(
        "status_reason",
        "string",
        "Why that status: achieved, pace (from the pace ratio), or why it cannot be assessed.",
    ),
    Field(
        "progress_share",
        "number",
        "p = (latest − base) / (target − base); null when not computable.",
        nullable=True,
    ),
    Field(
        "expected_share",
        "number",
        "e = share of the time from base date to target date elapsed at the latest value.",
        nullable=True,
    ),
    Field("pace_ratio", "number", "R = p / e; null when not computable.", nullable=True),
    Field(
        "latest_value",
        "number",
        "The latest published value the status is computed from; null when none.",
        nullable=True,
    ),
    Field("latest_date", "date", "Date of that value.", nullable=True),
    Field(
        "forecast_status",
        "string",
        "ok: the forecast below is current; stale: the last refresh failed, the forecast "
        "below is the last good one, computed on forecast_date (the data may have changed "
        "since); pending: "
        "the data changed since the last forecast, a new one is due (no numbers meanwhile); "
        "insufficient / not_started / target_passed: no forecast can be made; unavailable: "
        "none stored.",
        choices=FORECAST_STATUSES,
    ),
    Field(
        "forecast_outlook",
        "string",
        "likely (P ≥ 0.8), uncertain, or unlikely (P < 0.2) to meet the target by its date.",
        nullable=True,
        choices=("likely", "uncertain", "unlikely"),
    ),
    Field(
        "forecast_p_target_met",
        "number",
        "Probability (0-1) that the target is met by its date, from the forecast.",
        nullable=True,
    ),
    Field(
        "forecast_realistic_median",
        "number",
        "Realistic value at the target date: median of the forecast.",
        nullable=True,
    ),
    Field(
        "forecast_realistic_low",
        "number",
        "Lower end of the 80% interval of the value at the target date.",
        nullable=True,
    ),
    Field(
        "forecast_realistic_high",
        "number",
        "Upper end of the 80% interval of the value at the target date.",
        nullable=True,
    ),
    Field("forecast_date", "date", "Date the forecast was computed.", nullable=True),
    Field(
        "trend_to_reverse",
        "boolean",
        "True when the target is unlikely to be met or the last two values move away from it.",
    ),
)

INDICATOR_FIELDS = (
    Field("code", "string", "Short code of the indicator."),
    Field("name_it", "string", "Name in Italian."),
    Field("name_en", "string", "Name in English."),
    Field("unit", "string", "Unit of the values: M€, €, n. (count)…"),
    Field(
        "kind",
        "string",
        "cumulative (over the legislature), annual (per year) or level (a stock).",
        choices=("cumulative", "annual", "level"),
    ),
    Field(
        "direction",
        "string",
        "Whether higher or lower values are better.",
        choices=("higher", "lower"),
    ),
    Field("objective", "string", "Strategic objective the indicator measures."),
    Field(
        "ecosystem", "string", "Ecosystem code; null when the indicator serves all.", nullable=True
    ),
    Field(
        "baseline_value", "number", "Baseline value; null when n.d. (not available).", nullable=True
    ),
    Field("baseline_date", "date", "Date of the baseline."),
    Field("target_value", "number", "Target value."),
    Field("target_date", "date", "Date by which the target is due."),
    Field(
        "measure_started",
        "boolean",
        "False when the source says the measure behind the indicator has not started yet.",
    ),
    Field("notes", "string", "Notes from the source (empty when none)."),
    *_source(),
    *SUMMARY_FIELDS,
    Field(
        "observations",
        "objects",
        "Published observations in date order (drafts are never included).",
        items=OBSERVATION_FIELDS,
        items_schema="Observation",
    ),
)

CALL_FIELDS = (
    Field("code", "string", "Short code of the call or measure."),
    Field("name", "string", "Name of the call, measure or agreement."),
    Field("programme", "string", "Programme funding it (PR FESR 2021-27, Piano Lombardia…)."),
    Field("instrument", "string", "bando, misura, accordo, convenzione, premio…"),
    Field("year", "integer", "Year of the call.", nullable=True),
    Field("opened_on", "date", "Opening date.", nullable=True),
    Field("closed_on", "date", "Closing date.", nullable=True),
    Field("budget_eur", "number", "Budget in euros; null when not available.", nullable=True),
    Field("requested_eur", "number", "Funding requested by applicants, euros.", nullable=True),
    Field("granted_eur", "number", "Funding granted, euros.", nullable=True),
    Field(
        "project_value_eur", "number", "Total value of the funded projects, euros.", nullable=True
    ),
    Field("applications", "integer", "Applications received.", nullable=True),
    Field("admitted", "integer", "Applications admitted.", nullable=True),
    Field("beneficiaries", "integer", "Beneficiaries.", nullable=True),
    Field("partners", "integer", "Partners involved.", nullable=True),
    Field("status", "string", "Status as the source states it (empty when unknown)."),
    Field("manager", "string", "Body managing the call (empty when unknown)."),
    Field("ecosystems", "codes", "Codes of the S3 ecosystems the call serves."),
    Field("notes", "string", "Notes from the source (empty when none)."),
    *_source(),
)

PROJECT_FIELDS = (
    Field("code", "string", "Local project code (OpenCoesione COD_LOCALE_PROGETTO)."),
    Field("cup", "string", "Codice Unico di Progetto (CUP); empty when unknown."),
    Field("title", "string", "Project title (OC_TITOLO_PROGETTO)."),
    Field("call_code", "string", "Code of the call that funded it.", nullable=True),
    Field("ecosystem", "string", "Code of its S3 ecosystem.", nullable=True),
    Field("province_code", "string", "ISTAT code of the province, 3 digits."),
    Field("province_name", "string", "Name of the province (DEN_PROVINCIA)."),
    Field("theme", "string", "Theme (OC_TEMA_SINTETICO)."),
    Field(
        "public_funding_eur",
        "number",
        "Total public funding in euros (FINANZ_TOTALE_PUBBLICO).",
        nullable=True,
    ),
    Field("start_date", "date", "Start date.", nullable=True),
    Field("end_date", "date", "End date (planned or actual).", nullable=True),
    *_source(),
)

CONTEXT_FIELDS = (
    Field(
        "measure",
        "string",
        "Eurostat measure (the value column of the source file): GERD % of GDP, business "
        "R&D % of GDP, GERD million €, GERD € per inhabitant, HRST and HRST core % of the "
        "active population.",
    ),
    Field("unit", "string", "Unit of the value."),
    Field("region_code", "string", "NUTS 2010 code (ITC4 Lombardy, IT Italy, EU27_2020)."),
    Field("region_name", "string", "Region name where the product names it, else the code."),
    Field("nuts_level", "integer", "NUTS level: 0 country, 1, 2; 7 the EU aggregate."),
    Field("year", "integer", "Year of the value."),
    Field("value", "number", "The value (a year without a value has no row: a gap)."),
    Field("extracted", "string", "When the source was extracted, as it states it."),
    Field(
        "source",
        "string",
        "Fonte: Eurostat (rd_e_gerdreg, hrst_st_rcat), and the file it was imported from. "
        "Eurostat data: reuse authorised with acknowledgement (Commission Decision "
        "2011/833/EU); processed files MIT © 2021 Nesta/EURITO.",
    ),
)

RESOURCES: dict[str, Resource] = {
    r.name: r
    for r in (
        Resource(
            "ecosystems",
            "Ecosystem",
            "The S3 innovation ecosystems",
            "The eight S3 2021-2027 innovation ecosystems and the cross-cutting bucket.",
            ECOSYSTEM_FIELDS,
        ),
        Resource(
            "clusters",
            "Cluster",
            "The regional technology clusters",
            "The Cluster Tecnologici Lombardi: headquarters, members by type, ecosystems.",
            CLUSTER_FIELDS,
        ),
        Resource(
            "indicators",
            "Indicator",
            "Published indicators with their observations",
            "The published R&I indicators with baseline, target, attainment status, forecast "
            "summary and published observations. Pagination counts indicators. In CSV, one "
            "row per observation (indicator columns repeated); an indicator without "
            "observations has one row with empty date and value.",
            INDICATOR_FIELDS,
        ),
        Resource(
            "observations",
            "IndicatorObservation",
            "Published observations of published indicators",
            "Every published value of every published indicator, ordered by indicator and "
            "date (the same values as in `indicators`, one row each). Drafts are never "
            "included.",
            OBSERVATION_ROW_FIELDS,
        ),
        Resource(
            "calls",
            "Call",
            "Published calls and measures",
            "Published calls for proposals, measures and agreements with their figures.",
            CALL_FIELDS,
        ),
        Resource(
            "projects",
            "Project",
            "Funded projects",
            "Funded projects with OpenCoesione-compatible fields, ordered by code. "
            "Synthetic demo rows are never included.",
            PROJECT_FIELDS,
        ),
        Resource(
            "context",
            "ContextValue",
            "Context indicators: Eurostat regional R&D and HRST series",
            "Yearly Eurostat values for every EU region (NUTS 0-2, NUTS 2010 codes) and the "
            "EU-27, ordered by measure, region and year. Filter with `measure` and `region` "
            "(comma-separated NUTS codes). Fonte: Eurostat (rd_e_gerdreg, hrst_st_rcat).",
            CONTEXT_FIELDS,
            filters=("measure", "region"),
        ),
    )
}


# --- JSON ---------------------------------------------------------------------------------


def _iso_date(value: object) -> str:
    # pd.Timestamp is a datetime; a datetime is a date, so test it first.
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"not a date: {value!r}")


def json_value(value: Any, field: Field) -> Any:
    """One value as JSON: missing becomes null (never 0), dates ISO, codes a list.

    `value` is a query cell, typed only by its column: `field.type` says what it holds.
    """
    if field.type == "codes":
        return [] if is_missing(value) else [str(code) for code in value]
    if field.type == "objects":
        items = [] if is_missing(value) else value
        return [to_record(item, field.items) for item in items]
    if is_missing(value):
        return None
    if field.type == "integer":
        return int(value)
    if field.type == "number":
        return float(value)
    if field.type == "boolean":
        return bool(value)
    if field.type == "date":
        return _iso_date(value)
    return str(value)


def to_record(row: Mapping[Any, Any], fields: Iterable[Field]) -> Record:
    """A query row (mapping of columns) as an API item, in declared field order."""
    return {f.name: json_value(_column(row, f), f) for f in fields}


def _column(row: Mapping[Any, Any], field: Field) -> Any:
    value = row[field.source_column]
    return field.derive(value) if field.derive else value


def frame_records(frame: pd.DataFrame, fields: Iterable[Field]) -> list[Record]:
    """Every row of a query frame as API items."""
    fields = tuple(fields)
    return [to_record(row, fields) for row in frame.to_dict("records")]


# --- CSV ----------------------------------------------------------------------------------


def neutralise(text: str) -> str:
    """Prefix `'` to text a spreadsheet would run as a formula (=, +, -, @, tab, CR)."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _format_number(value: float) -> str:
    # Whole amounts without a trailing ".0"; others as the shortest exact repr.
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def csv_cell(value: Any, field: Field) -> str:
    """One JSON item value as a CSV cell: null is empty; only text is neutralised."""
    if value is None:
        return ""
    if field.type == "codes":
        return neutralise(LIST_SEPARATOR.join(value))
    if field.type == "boolean":
        return "true" if value else "false"
    if field.type == "number":
        return _format_number(float(value))
    if field.type in ("integer", "date"):
        return str(value)
    return neutralise(str(value))


def to_csv(records: Iterable[Record], resource: Resource) -> str:
    """API items as RFC 4180 CSV; a nested list becomes one row per item."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(resource.csv_columns)
    flat, nested = resource.flat_fields, resource.nested
    for record in records:
        own = [csv_cell(record[f.name], f) for f in flat]
        if nested is None:
            writer.writerow(own)
            continue
        items = record[nested.name]
        if not items:
            # Keep the item visible (its baseline and target) even with no observation yet.
            writer.writerow(own + [""] * len(nested.items))
        for item in items:
            writer.writerow(own + [csv_cell(item[f.name], f) for f in nested.items])
    return buffer.getvalue()
