"""A few funded-project rows written straight into a test database (no importer involved).

Each row: (code, call code or None, ecosystem code or None, province code, euros,
start date or None, synthetic). Province names come from the bundled provinces.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy import select

from data.db import bump_data_version, session_scope
from data.geo import province_names
from data.models import Ecosystem, FundingCall, Project

Row = tuple[str, str | None, str | None, str, float | None, dt.date | None, bool]


def add_projects(url: str, rows: Iterable[Row]) -> None:
    """Insert `rows` as Project records and bump the data version (caches see them)."""
    names = province_names()
    with session_scope(url) as session:
        calls = {c.code: c.id for c in session.scalars(select(FundingCall))}
        ecosystems = {e.code: e.id for e in session.scalars(select(Ecosystem))}
        for code, call, ecosystem, province, amount, start, synthetic in rows:
            session.add(
                Project(
                    code=code,
                    cup="",
                    title=f"Progetto {code}",
                    call_id=calls[call] if call else None,
                    ecosystem_id=ecosystems[ecosystem] if ecosystem else None,
                    province_code=province,
                    province_name=names.get(province, ""),
                    theme="Ricerca e innovazione",
                    public_funding_eur=None if amount is None else Decimal(str(amount)),
                    start_date=start,
                    is_synthetic=synthetic,
                    source="tests",
                )
            )
        bump_data_version(session)
