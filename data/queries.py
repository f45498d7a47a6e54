"""Read queries: SQLAlchemy `select()` in, pandas DataFrames out.

Pages, the API and the exporters read through these functions only. `public=True` keeps
what the public may see: published indicators and observations, published calls, and never
synthetic projects.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from typing import Any, SupportsFloat

import numpy as np
import pandas as pd
from sqlalchemy import Select, exists, func, select
from sqlalchemy.orm import Session

from data.db import column_rows
from data.models import (
    CallEcosystem,
    Cluster,
    ClusterEcosystem,
    Ecosystem,
    FundingCall,
    HeadlineFigure,
    ImportBatch,
    Indicator,
    Observation,
    Project,
)
from data.schemas import PROJECTS


def _frame(session: Session, stmt: Select, columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(column_rows(session, stmt), columns=columns)


# Each statement below is built once per process (`@cache`) and run again as the same
# object: building a select costs as much as running a small one, and SQLAlchemy reuses a
# compiled statement as it is only for the very object it compiled (any other, even an equal
# one, has its result columns matched to the compiled ones again, column by column).
_ECOSYSTEM_COLUMNS = ["code", "name_it", "name_en", "cross_cutting", "sort_order", "source"]


@cache
def _ecosystems_select() -> Select:
    return select(*(getattr(Ecosystem, c) for c in _ECOSYSTEM_COLUMNS)).order_by(
        Ecosystem.sort_order
    )


def ecosystems_frame(session: Session) -> pd.DataFrame:
    """The ecosystems in display order."""
    return _frame(session, _ecosystems_select(), _ECOSYSTEM_COLUMNS)


CLUSTER_COLUMNS = [
    "code",
    "name",
    "legal_form",
    "address",
    "postcode",
    "city",
    "province_code",
    "province_name",
    "other_offices",
    "lat",
    "lon",
    "coords_approximate",
    "website",
    "members_total",
    "members_firms",
    "members_research",
    "members_other",
    "technology_areas",
    "eu_projects",
    "success_stories",
    "projects",
    "pnrr_synergies",
    "source",
]


@cache
def _clusters_select() -> Select:
    return select(*(getattr(Cluster, c) for c in CLUSTER_COLUMNS)).order_by(Cluster.name)


@cache
def _cluster_links_select() -> Select:
    return (
        select(
            Cluster.code, Ecosystem.code, ClusterEcosystem.is_reference, ClusterEcosystem.is_synergy
        )
        .join(ClusterEcosystem, ClusterEcosystem.cluster_id == Cluster.id)
        .join(Ecosystem, Ecosystem.id == ClusterEcosystem.ecosystem_id)
        .order_by(Ecosystem.sort_order)
    )


def clusters_frame(session: Session) -> pd.DataFrame:
    """The clusters with `reference_ecosystems` and `synergy_ecosystems` as lists of codes."""
    frame = _frame(session, _clusters_select(), CLUSTER_COLUMNS)
    links = column_rows(session, _cluster_links_select())
    reference: dict[str, list[str]] = defaultdict(list)
    synergy: dict[str, list[str]] = defaultdict(list)
    for cluster_code, eco_code, is_reference, is_synergy in links:
        if is_reference:
            reference[cluster_code].append(eco_code)
        if is_synergy:
            synergy[cluster_code].append(eco_code)
    frame["reference_ecosystems"] = [reference[c] for c in frame["code"]]
    frame["synergy_ecosystems"] = [synergy[c] for c in frame["code"]]
    return frame


INDICATOR_COLUMNS = [
    "code",
    "name_it",
    "name_en",
    "unit",
    "kind",
    "direction",
    "objective",
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_date",
    "measure_started",
    "published",
    "sort_order",
    "notes",
    "source",
]


@cache
def _indicators_select(public: bool) -> Select:
    stmt = (
        select(*(getattr(Indicator, c) for c in INDICATOR_COLUMNS), Ecosystem.code)
        .outerjoin(Ecosystem, Ecosystem.id == Indicator.ecosystem_id)
        .order_by(Indicator.sort_order, Indicator.code)
    )
    if public:
        stmt = stmt.where(Indicator.published.is_(True))
    return stmt


def indicators_frame(session: Session, public: bool = False) -> pd.DataFrame:
    """The indicators in table order, with their ecosystem code (None when it serves all)."""
    return _frame(session, _indicators_select(public), [*INDICATOR_COLUMNS, "ecosystem"])


@cache
def _observations_select(public: bool) -> Select:
    stmt = (
        select(
            Indicator.code,
            Observation.date,
            Observation.value,
            Observation.status,
            Observation.note,
            Observation.source,
        )
        .join(Indicator, Indicator.id == Observation.indicator_id)
        .order_by(Indicator.sort_order, Indicator.code, Observation.date)
    )
    if public:
        stmt = stmt.where(Indicator.published.is_(True), Observation.status == "published")
    return stmt


def observations_frame(session: Session, public: bool = False) -> pd.DataFrame:
    """Every observation with its indicator code; `value` NaN means "n.d."."""
    columns = ["indicator_code", "date", "value", "status", "note", "source"]
    frame = _frame(session, _observations_select(public), columns)
    frame["value"] = frame["value"].astype("float64")
    return frame


CALL_COLUMNS = [
    "code",
    "name",
    "programme",
    "instrument",
    "year",
    "opened_on",
    "closed_on",
    "budget_eur",
    "requested_eur",
    "granted_eur",
    "project_value_eur",
    "applications",
    "admitted",
    "beneficiaries",
    "partners",
    "status",
    "manager",
    "notes",
    "source",
]
MONEY_COLUMNS = ["budget_eur", "requested_eur", "granted_eur", "project_value_eur"]


@cache
def _calls_select(public: bool) -> Select:
    stmt = select(*(getattr(FundingCall, c) for c in CALL_COLUMNS)).order_by(
        FundingCall.year.desc(), FundingCall.name, FundingCall.code
    )
    if public:
        stmt = stmt.where(FundingCall.published.is_(True))
    return stmt


@cache
def _call_links_select() -> Select:
    return (
        select(FundingCall.code, Ecosystem.code)
        .join(CallEcosystem, CallEcosystem.call_id == FundingCall.id)
        .join(Ecosystem, Ecosystem.id == CallEcosystem.ecosystem_id)
        .order_by(Ecosystem.sort_order)
    )


def calls_frame(session: Session, public: bool = False) -> pd.DataFrame:
    """Calls and measures with `ecosystems` as a list of codes; money as float euros."""
    rows = column_rows(session, _calls_select(public))
    by_call: dict[str, list[str]] = defaultdict(list)
    for call_code, eco_code in column_rows(session, _call_links_select()):
        by_call[call_code].append(eco_code)
    # One frame of finished columns: money converted and the links added before, not
    # retyped and assigned column by column after (half the cost of the read).
    names = [*CALL_COLUMNS, "ecosystems"]
    if not rows:  # the types the frame of no rows had: object, the links float64 (an empty list)
        data: dict[str, Any] = {name: np.array([], dtype=object) for name in CALL_COLUMNS}
        data["ecosystems"] = np.array([], dtype="float64")
    else:
        data = dict(zip(CALL_COLUMNS, map(list, zip(*rows, strict=True)), strict=True))
        data["ecosystems"] = [by_call[c] for c in data["code"]]
    for name in MONEY_COLUMNS:
        data[name] = money_array(data[name])
    return pd.DataFrame(data, columns=names)


def money_array(values: Sequence[SupportsFloat | None]) -> np.ndarray:
    """Amounts (Decimal, numbers, None) as float64, None as NaN.

    The same doubles as pandas' `to_numeric(...).astype("float64")` of the column: each
    Decimal to its nearest double.
    """
    return np.array([np.nan if v is None else float(v) for v in values], dtype="float64")


_HEADLINE_COLUMNS = [
    "code",
    "label_it",
    "label_en",
    "value",
    "unit",
    "qualifier",
    "period",
    "source",
]


@cache
def _headlines_select() -> Select:
    return select(*(getattr(HeadlineFigure, c) for c in _HEADLINE_COLUMNS)).order_by(
        HeadlineFigure.sort_order, HeadlineFigure.code
    )


def headlines_frame(session: Session) -> pd.DataFrame:
    """Headline figures stated by the documents, in display order."""
    return _frame(session, _headlines_select(), _HEADLINE_COLUMNS)


# The project table's own columns: the product format's (data/schemas.py) but for the two
# references, read by join below, and with the synthetic flag.
_PROJECT_REFERENCES = ("call_code", "ecosystem")
PROJECT_COLUMNS = [*(n for n in PROJECTS.names if n not in _PROJECT_REFERENCES), "is_synthetic"]
PROJECT_MONEY = tuple(c.name for c in PROJECTS.columns if c.type == "money")


def _projects_select(public: bool) -> Select:
    stmt = (
        select(
            *(getattr(Project, c) for c in PROJECT_COLUMNS),
            FundingCall.code.label("call_code"),
            Ecosystem.code.label("ecosystem"),
        )
        .outerjoin(FundingCall, FundingCall.id == Project.call_id)
        .outerjoin(Ecosystem, Ecosystem.id == Project.ecosystem_id)
    )
    if public:
        stmt = stmt.where(Project.is_synthetic.is_(False))
    return stmt


def projects_frame(
    session: Session, public: bool = False, limit: int | None = None, offset: int = 0
) -> pd.DataFrame:
    """Funded projects (paginated when `limit` is given); public=True drops synthetic rows."""
    stmt = _projects_select(public).order_by(Project.code).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    frame = _frame(session, stmt, [*PROJECT_COLUMNS, "call_code", "ecosystem"])
    for column in PROJECT_MONEY:
        frame[column] = pd.to_numeric(frame[column]).astype("float64")
    return frame


def count_projects(session: Session, public: bool = False) -> int:
    """How many projects `projects_frame` would return without pagination."""
    stmt = select(func.count()).select_from(Project)
    if public:
        stmt = stmt.where(Project.is_synthetic.is_(False))
    return session.scalar(stmt) or 0


@cache
def _synthetic_select() -> Select:
    # EXISTS stops at the first one; a count read every synthetic row of the index.
    return select(exists().where(Project.is_synthetic.is_(True)))


def has_synthetic_data(session: Session) -> bool:
    """True when synthetic demo rows are loaded (pages then show a watermark)."""
    return bool(session.connection().scalar(_synthetic_select()))


def latest_import_batch(session: Session) -> int:
    """The id of the newest import attempt (0 before any).

    A refused import leaves the data version as it was, but adds a row to the audit history.
    """
    return session.scalar(select(func.max(ImportBatch.id))) or 0


def import_batches_frame(session: Session, limit: int = 200) -> pd.DataFrame:
    """The most recent import attempts (audit log), newest first."""
    cols = ["id", "created_at", "kind", "file_name", "username", "rows", "outcome", "is_synthetic"]
    stmt = (
        select(*(getattr(ImportBatch, c) for c in cols))
        .order_by(ImportBatch.created_at.desc(), ImportBatch.id.desc())
        .limit(limit)
    )
    return _frame(session, stmt, cols)
