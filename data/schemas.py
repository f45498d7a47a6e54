"""The file formats S3 Monitor reads and writes, one schema per import KIND.

One declaration serves the seed CSVs (data/seed/<kind>.csv), the importers (CLI and
upload), the exporters and the README. The product's own format is UTF-8 CSV with `,`
as delimiter, `.` as decimal point and ISO dates (YYYY-MM-DD), or an XLSX sheet with the
same header. Lists of ecosystem codes are `|`-separated.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ColumnType = Literal["str", "int", "float", "money", "date", "bool", "codes"]

# Missing values: an empty cell, or "n.d." as the source documents write it.
MISSING_MARKERS = frozenset({"", "n.d.", "nd", "n.d"})

# Written by the exports after `source` (data/sources.py): the cited document's title and
# section for the reader, and its file name as provenance. Both derive from `source`, so an
# import accepts them and stores nothing from them.
SOURCE_TITLE = "source_title"
SOURCE_FILE = "source_file"
CITATION_COLUMNS = (SOURCE_TITLE, SOURCE_FILE)


@dataclass(frozen=True)
class Column:
    """One column of an import file."""

    name: str
    type: ColumnType = "str"
    required: bool = False  # a value must be present in every row
    choices: tuple[str, ...] = ()
    help: str = ""


@dataclass(frozen=True)
class Schema:
    """The columns of one KIND and the columns that identify a row."""

    kind: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    @property
    def names(self) -> list[str]:
        """Column names in file order."""
        return [c.name for c in self.columns]

    @property
    def export_columns(self) -> tuple[Column, ...]:
        """The columns an export writes: these, with the citation columns after `source`."""
        cited = (Column(SOURCE_TITLE), Column(SOURCE_FILE))
        return tuple(x for c in self.columns for x in ((c, *cited) if c.name == "source" else (c,)))

    @property
    def derived(self) -> tuple[str, ...]:
        """Columns an import accepts and skips: the citation columns, when rows cite."""
        return CITATION_COLUMNS if "source" in self.names else ()


ECOSYSTEMS = Schema(
    "ecosystems",
    (
        Column("code", required=True, help="short slug used in URLs, e.g. sostenibilita"),
        Column("name_it", required=True),
        Column("name_en", required=True),
        Column("cross_cutting", "bool", help="true for the cross-cutting bucket"),
        Column("sort_order", "int"),
        Column("source", required=True, help="document file name and section"),
    ),
    ("code",),
)

CLUSTERS = Schema(
    "clusters",
    (
        Column("code", required=True),
        Column("name", required=True),
        Column("legal_form"),
        Column("address", required=True),
        Column("postcode", required=True),
        Column("city", required=True),
        Column("province_code", required=True, help="ISTAT province code, 3 digits"),
        Column("province_name", required=True),
        Column("other_offices"),
        Column("lat", "float", required=True),
        Column("lon", "float", required=True),
        Column("coords_approximate", "bool", help="true: geocoded by hand from the address"),
        Column("website"),
        Column("members_total", "int", required=True),
        Column("members_firms", "int", required=True),
        Column("members_research", "int", required=True),
        Column("members_other", "int", required=True),
        Column("reference_ecosystems", "codes", required=True),
        Column("synergy_ecosystems", "codes"),
        Column("technology_areas"),
        Column("eu_projects"),
        Column("success_stories"),
        Column("projects"),
        Column("pnrr_synergies"),
        Column("source", required=True),
    ),
    ("code",),
)

INDICATORS = Schema(
    "indicators",
    (
        Column("code", required=True),
        Column("name_it", required=True),
        Column("name_en", required=True),
        Column("unit", required=True, help="M€, €, n. (count)…"),
        Column("kind", required=True, choices=("cumulative", "annual", "level")),
        Column("direction", required=True, choices=("higher", "lower")),
        Column("objective", help="strategic objective"),
        Column("ecosystem", help="ecosystem code, empty when the indicator serves all"),
        Column("baseline_value", "float"),
        Column("baseline_date", "date", required=True),
        Column("target_value", "float", required=True),
        Column("target_date", "date", required=True),
        Column("measure_started", "bool", help="false: the source says it has not started"),
        Column("published", "bool"),
        Column("sort_order", "int"),
        Column("notes"),
        Column("source", required=True),
    ),
    ("code",),
)

# An observation withdrawn in the app (with a reason): hidden from the public and the status.
# Files may carry it (an export re-imports) but cannot withdraw or restore a value.
WITHDRAWN = "withdrawn"

OBSERVATIONS = Schema(
    "observations",
    (
        Column("indicator_code", required=True),
        Column("date", "date", required=True, help="period end date"),
        Column("value", "float", help="empty or n.d. = not available (never zero)"),
        Column(
            "status",
            choices=("draft", "published", WITHDRAWN),
            help="default: draft; withdrawn: kept hidden (withdrawing needs the app)",
        ),
        Column("note"),
        Column("source", required=True),
    ),
    ("indicator_code", "date"),
)

CALLS = Schema(
    "calls",
    (
        Column("code", required=True),
        Column("name", required=True),
        Column("programme"),
        Column("instrument", help="bando, misura, accordo, convenzione, premio…"),
        Column("year", "int"),
        Column("opened_on", "date"),
        Column("closed_on", "date"),
        Column("budget_eur", "money"),
        Column("requested_eur", "money"),
        Column("granted_eur", "money"),
        Column("project_value_eur", "money"),
        Column("applications", "int"),
        Column("admitted", "int"),
        Column("beneficiaries", "int"),
        Column("partners", "int"),
        Column("status"),
        Column("manager"),
        Column("ecosystems", "codes"),
        Column("notes"),
        Column("source", required=True),
    ),
    ("code",),
)

# How a project is localised: one Lombardy province, the whole region, or several provinces
# (or Lombardy and elsewhere), whose money no single province may count.
LOCALISATIONS = ("province", "region", "multi")

PROJECTS = Schema(
    "projects",
    (
        Column("code", required=True, help="COD_LOCALE_PROGETTO"),
        Column("cup"),
        Column("title", required=True),
        Column("call_code"),
        Column("ecosystem"),
        Column("province_code", help="ISTAT province code, 3 digits"),
        Column("province_name"),
        Column("theme"),
        Column("public_funding_eur", "money", help="gross public funding"),
        Column("net_funding_eur", "money", help="public funding net of savings"),
        Column("commitments_eur", "money"),
        Column("payments_eur", "money"),
        Column("programme_code", help="OC_CODICE_PROGRAMMA, e.g. 2021IT16RFPR010"),
        Column("procedure_code", help="COD_PROCED_ATTIVAZIONE"),
        Column("localisation", choices=LOCALISATIONS),
        Column("ecosystem_rule", help="the mapping rule behind the ecosystem"),
        Column("warnings", help="inconsistencies of the source, one per line"),
        Column("start_date", "date"),
        Column("end_date", "date"),
        Column("source", required=True),
    ),
    ("code",),
)

# Seed-only: headline figures stated by the documents.
HEADLINES = Schema(
    "headlines",
    (
        Column("code", required=True),
        Column("label_it", required=True),
        Column("label_en", required=True),
        Column("value", "float", required=True),
        Column("unit", required=True),
        Column("qualifier", choices=("circa", "oltre", "quasi")),
        Column("period"),
        Column("sort_order", "int"),
        Column("source", required=True),
    ),
    ("code",),
)

# The KINDs of `s3dash import/export`, in dependency order (ecosystems before clusters…).
IMPORT_KINDS: dict[str, Schema] = {
    s.kind: s for s in (ECOSYSTEMS, CLUSTERS, INDICATORS, OBSERVATIONS, CALLS, PROJECTS)
}
SEED_KINDS: dict[str, Schema] = {**IMPORT_KINDS, HEADLINES.kind: HEADLINES}
