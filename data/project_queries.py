"""Funded-project aggregates computed by the database: GROUP BY in SQL, small frames out.

The funding and ecosystems pages never load the project table: with a million projects on
PostgreSQL that would take seconds and hundreds of megabytes per request. Each function here
is one `select()` with a GROUP BY (or a LIMIT) whose answer has at most a few thousand rows,
whatever the number of projects.

The ecosystem filter is data.analysis.scope's (`EcosystemScope.project_clause`): a project
serves an ecosystem when it is linked to it or to the cross-cutting bucket; an unassigned
one serves none. `public=True` drops
synthetic rows (the public app and the API never show them); every aggregate also counts
its synthetic rows, so the pages can mark totals that include demo data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import ColumnElement, Float, Integer, Select, cast, extract, func, select
from sqlalchemy.orm import Session

from data.analysis.scope import EcosystemScope
from data.db import column_rows
from data.models import Ecosystem, FundingCall, Project

# funding_eur sums the NET public funding (OC_FINANZ_TOT_PUB_NETTO), the gross where a
# project gives no net figure (files in the product's own format), NULL when none is known
# ("n.d.", never 0); funded counts the projects that have an amount, net_missing those
# measured by their gross. gross_eur and payments_eur sum what is given; paid_base_eur is
# the funding of the projects whose payments are known, so that spending progress
# (payments ÷ funding) compares like with like. warned counts projects with warnings.
AGGREGATE_COLUMNS = [
    "projects",
    "funding_eur",
    "funded",
    "synthetic",
    "synthetic_eur",
    "gross_eur",
    "payments_eur",
    "paid_base_eur",
    "net_missing",
    "warned",
]
MONEY_AGGREGATES = ("funding_eur", "synthetic_eur", "gross_eur", "payments_eur", "paid_base_eur")
# What the pages that take fewer columns than the funding page's show: every aggregate is
# a pass over the rows it sums, and the clusters map needs two of the ten.
PROVINCE_COLUMNS = ("projects", "funding_eur")
ECOSYSTEM_COLUMNS = ("projects", "funding_eur", "synthetic", "payments_eur", "paid_base_eur")
PROJECT_LIST_COLUMNS = [
    "code",
    "cup",
    "title",
    "call_code",
    "ecosystem",
    "province_code",
    "province_name",
    "theme",
    "public_funding_eur",
    "start_date",
    "end_date",
    "is_synthetic",
    "net_funding_eur",
    "payments_eur",
    "programme_code",
    "localisation",
    "ecosystem_rule",
    "warnings",
    "source",  # cited in the list's CSV (title and file name)
]
MAX_PROJECT_ROWS = 500  # rows a page lists; totals always come from the aggregates
# Each view's statement is built once per process and run again as the same object (see
# data/queries.py); a view is an ecosystem, a call and the app, so a bound keeps the odd
# address from growing the process.
STATEMENTS_KEPT = 256


def funding_measure() -> ColumnElement:
    """A project's funding as the pages count it: net, else gross (NULL: unknown)."""
    return func.coalesce(Project.net_funding_eur, Project.public_funding_eur)


def _aggregates(columns: Sequence[str] = AGGREGATE_COLUMNS) -> list[ColumnElement]:
    """The SQL of these AGGREGATE_COLUMNS, in that order."""
    synthetic = Project.is_synthetic.is_(True)
    funding = funding_measure()
    every = {
        "projects": func.count(Project.id),
        "funding_eur": func.sum(funding),
        "funded": func.count(funding),
        # FILTER (PostgreSQL, SQLite ≥ 3.30) is cheaper than a CASE per row.
        "synthetic": func.coalesce(func.count(Project.id).filter(synthetic), 0),
        "synthetic_eur": func.coalesce(func.sum(funding).filter(synthetic), 0),
        "gross_eur": func.sum(Project.public_funding_eur),
        "payments_eur": func.sum(Project.payments_eur),
        "paid_base_eur": func.sum(funding).filter(Project.payments_eur.is_not(None)),
        "net_missing": func.coalesce(
            func.count(Project.id).filter(
                Project.net_funding_eur.is_(None), Project.public_funding_eur.is_not(None)
            ),
            0,
        ),
        "warned": func.coalesce(func.count(Project.id).filter(Project.warnings != ""), 0),
    }
    # Money sums leave the database as doubles: a numeric sum arrives as a Decimal per cell,
    # which pandas then converts one by one (a tenth of the funding page's cold time). Both
    # roundings are exact-to-nearest from the same exact sum, so no amount changes.
    return [
        (cast(every[name], Float) if name in MONEY_AGGREGATES else every[name]).label(name)
        for name in columns
    ]


def _where(stmt: Select, ecosystem: str | None, call: str | None, public: bool) -> Select:
    """`stmt` restricted to the projects of the view (ids resolved by sub-queries)."""
    serving = EcosystemScope(ecosystem).project_clause()
    if serving is not None:
        stmt = stmt.where(serving)
    if call:
        stmt = stmt.where(
            Project.call_id
            == select(FundingCall.id).where(FundingCall.code == call).scalar_subquery()
        )
    if public:
        stmt = stmt.where(Project.is_synthetic.is_(False))
    return stmt


def aggregate_frame(
    rows: Sequence[Sequence[object]],
    keys: list[str],
    columns: Sequence[str],
    places: bool = False,
    objects: Sequence[str] = (),
) -> pd.DataFrame:
    """Rows of `keys` then aggregate `columns`, as a frame (money float64, counts int64).

    A NULL sum is NaN; the keys are typed as pandas infers them, except that with `places`
    province_code and localisation come as `place_lists` leaves them, and the keys named in
    `objects` stay Python objects (None for NULL), not pandas' text.

    Built column by column, each aggregate straight into its numpy type: a frame of row
    tuples goes through a 2-D object array converted column by column, then retyped (4.7 →
    2.4 ms CPU for the funding cube's 3,636 rows × 15 columns). The places and objects are
    settled on the lists too: retyped and masked after, they took a third of a small read.
    """
    names = [*keys, *columns]
    columns_of_rows = zip(*rows, strict=True) if rows else [()] * len(names)
    values: dict[str, Sequence[Any]] = dict(zip(names, columns_of_rows, strict=True))
    if places:
        values["province_code"], values["localisation"] = place_lists(
            values["province_code"], values["localisation"]
        )
    data: dict[str, object] = {}
    for name, column in values.items():
        if name in MONEY_AGGREGATES:
            data[name] = np.array(column, dtype="float64")  # None → NaN
        elif name in columns:
            data[name] = np.array(column, dtype="int64")
        elif name in objects:
            data[name] = pd.Series(column, dtype=object)
        elif places and name in ("province_code", "localisation"):
            data[name] = pd.Series(column, dtype=str)  # `astype(str)`'s type, rows or none
        else:  # (no rows: an object column, as a frame of no rows has)
            data[name] = list(column) if rows else np.array([], dtype=object)
    return pd.DataFrame(data, columns=names)


def place_lists(
    provinces: Sequence[object], localisations: Sequence[object]
) -> tuple[list[str], list[str]]:
    """Province codes as text ("" without one); a localisation kept only without one.

    A project with no province of its own is region-wide or spread over several provinces
    (or beyond Lombardy): its money goes in a row of its own, never in a province's.
    """
    codes = ["" if code is None else str(code) for code in provinces]
    return codes, [
        "" if code or place is None else str(place)
        for code, place in zip(codes, localisations, strict=True)
    ]


def _run(
    session: Session, stmt: Select, keys: list[str], columns: Sequence[str] = AGGREGATE_COLUMNS
) -> pd.DataFrame:
    return aggregate_frame(column_rows(session, stmt), keys, columns)


def _start_month() -> ColumnElement:
    """The start month as one integer yyyymm (NULL without a start date)."""
    return cast(
        extract("year", Project.start_date) * 100 + extract("month", Project.start_date),
        Integer,
    )


def funding_cube(
    session: Session,
    ecosystem: str | None = None,
    call: str | None = None,
    public: bool = False,
) -> pd.DataFrame:
    """Projects summed by call, province and start month, in one pass over the table.

    Columns: call_code (None: no call), province_code, localisation (for projects with no
    province of their own), programme_code ("" unknown), year, month (0 when the start
    date is unknown) and the AGGREGATE_COLUMNS. At most calls × 14 places × programmes ×
    months rows; the funding page derives its by-call, by-province, by-programme and
    by-month views from it.
    """
    stmt = _funding_cube_select(ecosystem, call, public)
    keys = ["call_code", "province_code", "localisation", "programme_code", "period"]
    frame = aggregate_frame(column_rows(session, stmt), keys, AGGREGATE_COLUMNS, places=True)
    frame["programme_code"] = frame["programme_code"].fillna("").astype(str)
    yyyymm = frame.pop("period").astype("int64")
    frame.insert(4, "year", yyyymm // 100)
    frame.insert(5, "month", yyyymm % 100)
    return frame


@lru_cache(maxsize=STATEMENTS_KEPT)
def _funding_cube_select(ecosystem: str | None, call: str | None, public: bool) -> Select:
    # One integer key per month (yyyymm, 0 without a date): grouping on one computed key
    # instead of two halves the time PostgreSQL spends on a million rows.
    period = func.coalesce(_start_month(), 0)
    inner = _where(
        select(
            Project.call_id,
            Project.province_code,
            Project.localisation,
            Project.programme_code,
            period.label("period"),
            *_aggregates(),
        ).group_by(
            Project.call_id,
            Project.province_code,
            Project.localisation,
            Project.programme_code,
            period,
        ),
        ecosystem,
        call,
        public,
    ).subquery()
    # Call codes are attached after grouping, to the few grouped rows only.
    return select(
        FundingCall.code,
        *(
            inner.c[name]
            for name in (
                "province_code",
                "localisation",
                "programme_code",
                "period",
                *AGGREGATE_COLUMNS,
            )
        ),
    ).outerjoin(FundingCall, FundingCall.id == inner.c.call_id)


def by_ecosystem_and_province(session: Session, public: bool = False) -> pd.DataFrame:
    """Projects summed by linked ecosystem and province.

    Columns: ecosystem (code, None when the project has none), province_code, localisation
    (as `place_lists` leaves it) and the ECOSYSTEM_COLUMNS (what the ecosystems page shows).
    """
    keys = ["ecosystem", "province_code", "localisation"]
    rows = column_rows(session, _by_ecosystem_select(public))
    return aggregate_frame(rows, keys, ECOSYSTEM_COLUMNS, places=True, objects=["ecosystem"])


@cache
def _by_ecosystem_select(public: bool) -> Select:
    columns = ECOSYSTEM_COLUMNS
    inner = _where(
        select(
            Project.ecosystem_id,
            Project.province_code,
            Project.localisation,
            *_aggregates(columns),
        ).group_by(Project.ecosystem_id, Project.province_code, Project.localisation),
        None,
        None,
        public,
    ).subquery()
    return select(
        Ecosystem.code,
        inner.c.province_code,
        inner.c.localisation,
        *(inner.c[name] for name in columns),
    ).outerjoin(Ecosystem, Ecosystem.id == inner.c.ecosystem_id)


def by_province(
    session: Session, ecosystem: str | None = None, public: bool = False
) -> pd.DataFrame:
    """Projects serving `ecosystem` summed by province (the clusters map).

    Columns: province_code ("" for projects with no province of their own) and the
    PROVINCE_COLUMNS.
    """
    stmt = _by_province_select(ecosystem, public)
    frame = _run(session, stmt, ["province_code"], PROVINCE_COLUMNS)
    frame["province_code"] = frame["province_code"].fillna("").astype(str)
    return frame


@lru_cache(maxsize=STATEMENTS_KEPT)
def _by_province_select(ecosystem: str | None, public: bool) -> Select:
    return _where(
        select(Project.province_code, *_aggregates(PROVINCE_COLUMNS)).group_by(
            Project.province_code
        ),
        ecosystem,
        None,
        public,
    )


def call_projects(
    session: Session,
    call: str,
    ecosystem: str | None = None,
    public: bool = False,
    limit: int = MAX_PROJECT_ROWS,
) -> pd.DataFrame:
    """The largest projects of one call (by net public funding), at most `limit` rows.

    `net_funding_eur` is the funding measure of the pages (net, else gross).
    """
    rows = column_rows(session, _call_projects_select(call, ecosystem, public, limit))
    frame = pd.DataFrame(rows, columns=PROJECT_LIST_COLUMNS)
    for column in ("public_funding_eur", "net_funding_eur", "payments_eur"):
        frame[column] = pd.to_numeric(frame[column]).astype("float64")
    frame["is_synthetic"] = frame["is_synthetic"].astype(bool)
    return frame


@lru_cache(maxsize=STATEMENTS_KEPT)
def _call_projects_select(call: str, ecosystem: str | None, public: bool, limit: int) -> Select:
    stmt = (
        select(
            Project.code,
            Project.cup,
            Project.title,
            FundingCall.code,
            Ecosystem.code,
            Project.province_code,
            Project.province_name,
            Project.theme,
            Project.public_funding_eur,
            Project.start_date,
            Project.end_date,
            Project.is_synthetic,
            funding_measure(),
            Project.payments_eur,
            Project.programme_code,
            Project.localisation,
            Project.ecosystem_rule,
            Project.warnings,
            Project.source,
        )
        .join(FundingCall, FundingCall.id == Project.call_id)
        .outerjoin(Ecosystem, Ecosystem.id == Project.ecosystem_id)
        .order_by(funding_measure().desc().nulls_last(), Project.code)
        .limit(limit)
    )
    return _where(stmt, ecosystem, call, public)


def monthly_funding(session: Session) -> pd.DataFrame:
    """Public funding summed by linked ecosystem, province and start month (for forecasts).

    Columns: start_date (first day of the month), ecosystem (code or None), province_code,
    province_name, public_funding_eur. Projects without a start date are left out; the
    rows are what data.analysis.forecast.funding_series needs, already summed, so no
    caller loads the project table itself.
    """
    columns = ["period", "ecosystem", "province_code", "province_name", "public_funding_eur"]
    frame = pd.DataFrame(column_rows(session, _monthly_select()), columns=columns)
    periods = frame.pop("period").astype("int64")
    # as a list: iterating the int64 Series boxes each value through numpy (~1 ms a 4,500)
    frame.insert(0, "start_date", [dt.date(p // 100, p % 100, 1) for p in periods.tolist()])
    frame["public_funding_eur"] = frame["public_funding_eur"].astype("float64")
    frame["province_code"] = frame["province_code"].fillna("").astype(str)
    frame["province_name"] = frame["province_name"].fillna("").astype(str)
    return frame


@cache
def _monthly_select() -> Select:
    month = _start_month()
    inner = (
        select(
            Project.ecosystem_id,
            Project.province_code,
            month.label("period"),
            func.max(Project.province_name).label("province_name"),
            cast(func.sum(funding_measure()), Float).label("amount"),  # see _aggregates
        )
        .where(Project.start_date.is_not(None))
        .group_by(Project.ecosystem_id, Project.province_code, month)
        .subquery()
    )
    return select(
        inner.c.period,
        Ecosystem.code,
        inner.c.province_code,
        inner.c.province_name,
        inner.c.amount,
    ).outerjoin(Ecosystem, Ecosystem.id == inner.c.ecosystem_id)
