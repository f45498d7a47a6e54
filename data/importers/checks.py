"""Checking the rows of one import file of one KIND, before anything is written.

`check` parses every cell of a frame from data.importers.reading by the column types
declared in data/schemas.py (data.importers.cells), resolves codes against the database
and the file itself, applies the few cross-column rules, and returns the typed rows
together with *every* problem found — never just the first one.

How a KIND maps onto the ORM (which columns are references to other tables, which become
link rows) is declared once in `SPECS`; everything else is driven by the schema.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import Column as SAColumn
from sqlalchemy import inspect, select
from sqlalchemy.orm import InstrumentedAttribute, Session, class_mapper
from sqlalchemy.types import String

from data.importers.cells import parse_cell
from data.importers.problems import Problem
from data.importers.reading import schema_for
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
from data.schemas import WITHDRAWN, Column, Schema

if TYPE_CHECKING:  # pandas only where a frame is built: the COPY path never loads it
    import pandas as pd


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


def model_column(spec: KindSpec, attribute: str) -> SAColumn[Any]:
    """The table column behind a model attribute (for nullability, length, default)."""
    return _table_column(spec.model, attribute)


@functools.cache  # asked once per cell of every imported row
def _table_column(model: type[Base], attribute: str) -> SAColumn[Any]:
    return inspect(model).columns[attribute]


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
    expected = {*schema.names, *schema.derived}  # an export re-imports as it is
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
