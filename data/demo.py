"""Synthetic funded projects for demos and benchmarks (`s3dash demo`), never real data.

Every row is marked `is_synthetic` (pages watermark it; the public app and /api/v1 filter
it out), has a code `DEMO-000001`… and the source "synthetic demo data — s3dash demo", and
its import batch is marked synthetic too. The distributions are only meant to look
plausible on the dashboards:

- calls: the calls in the database (the seed's), weighted by their granted or budget
  amount; a project takes its call's ecosystem, or one of the eight S3 ecosystems when the
  call is open to all (the cross-cutting bucket, or no ecosystem in the source): a real
  project has a subject, so none is left unassigned;
- provinces: the 12 of Lombardy, weighted by rough economic size (Milano largest);
- start month: uniform from January of the call's year (or 2023) to December 2026;
- public funding: lognormal, median about 150 000 €, clipped to 5 000 € – 20 M€.

The same seed gives the same rows (numpy's PCG64), generated and inserted in batches
(data.importers.writing.insert_rows: one prepared statement in a pipeline on PostgreSQL), so a
million rows take a few minutes at most.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

import numpy as np
from sqlalchemy import Table, delete, func, select, text
from sqlalchemy.orm import Session

from data.analysis.scope import CROSS_CUTTING
from data.audit import record_write
from data.db import get_engine, session_scope
from data.geo import province_names
from data.importers.writing import insert_rows
from data.models import CallEcosystem, Ecosystem, FundingCall, Project

SOURCE = "synthetic demo data — s3dash demo"
CODE_PREFIX = "DEMO-"
DEMO_USER = "s3dash demo"  # the audit rows' user
BATCH_ROWS = 10_000
FIRST_YEAR, LAST_YEAR = 2023, 2026
# Rough share of Lombardy's value added by province (ISTAT codes): weights, not data.
PROVINCE_WEIGHTS = {
    "015": 40.0,  # Milano
    "017": 11.0,  # Brescia
    "016": 10.0,  # Bergamo
    "108": 8.0,  # Monza e della Brianza
    "012": 7.0,  # Varese
    "013": 5.0,  # Como
    "018": 4.0,  # Pavia
    "020": 3.5,  # Mantova
    "019": 3.0,  # Cremona
    "097": 3.0,  # Lecco
    "098": 2.0,  # Lodi
    "014": 1.5,  # Sondrio
}
# Relative weight of the eight S3 ecosystems for calls open to all of them.
ECOSYSTEM_WEIGHTS = {
    "manifattura": 22.0,
    "salute": 18.0,
    "connettivita": 16.0,
    "sostenibilita": 15.0,
    "nutrizione": 9.0,
    "smart-mobility": 9.0,
    "cultura": 6.0,
    "sviluppo-sociale": 5.0,
}
THEMES = {  # an OpenCoesione-like synthetic theme per ecosystem
    "manifattura": "Competitività imprese",
    "salute": "Ricerca e innovazione",
    "connettivita": "Agenda digitale",
    "sostenibilita": "Energia",
    "nutrizione": "Ricerca e innovazione",
    "smart-mobility": "Trasporti e mobilità",
    "cultura": "Cultura e turismo",
    "sviluppo-sociale": "Inclusione sociale e salute",
}
AMOUNT_MEDIAN_EUR, AMOUNT_SIGMA = 150_000.0, 1.1
AMOUNT_MIN_EUR, AMOUNT_MAX_EUR = 5_000.0, 20_000_000.0


class DemoError(RuntimeError):
    """The database lacks what the generator needs (run `s3dash seed` first)."""


@dataclass(frozen=True)
class _Call:
    id: int
    first_year: int
    weight: float
    ecosystem_ids: tuple[int, ...]  # the ecosystems a project of this call may take
    ecosystem_weights: tuple[float, ...]


@dataclass(frozen=True)
class DemoResult:
    """What `generate` or `remove` did."""

    rows: int
    batch_id: int | None


Progress = Callable[[int, int], None]  # (rows done, rows in total)


def generate(
    url: str, n_projects: int, seed: int = 0, progress: Progress | None = None
) -> DemoResult:
    """Replace the synthetic projects with `n_projects` new ones, in one transaction."""
    if n_projects < 1:
        raise ValueError("the number of projects must be at least 1")
    with session_scope(url) as session:
        calls = _calls(session)
        ecosystems = _ecosystem_names(session)
        _delete_synthetic(session)  # replaced, not added to
        batch = record_write(
            session,
            "projects",
            f"s3dash demo --projects {n_projects} --seed {seed}",
            DEMO_USER,
            n_projects,
            "committed",
            sha256=hashlib.sha256(f"demo:{n_projects}:{seed}".encode()).hexdigest(),
            is_synthetic=True,
        )
        rng = np.random.default_rng(seed)
        table = cast(Table, Project.__table__)
        for start in range(0, n_projects, BATCH_ROWS):
            size = min(BATCH_ROWS, n_projects - start)
            rows = _rows(rng, start, size, calls, ecosystems, batch.id)
            insert_rows(session, table, rows)
            if progress is not None:
                progress(start + size, n_projects)
        result = DemoResult(n_projects, batch.id)
    analyze_projects(url)
    return result


def remove(url: str) -> DemoResult:
    """Delete every synthetic project (and nothing else); recorded in the audit log."""
    with session_scope(url) as session:
        removed = _delete_synthetic(session)
        if not removed:
            return DemoResult(0, None)
        audit = record_write(
            session,
            "projects",
            "s3dash demo --remove",
            DEMO_USER,
            removed,
            "removed",
            is_synthetic=True,
        )
        result = DemoResult(removed, audit.id)
    analyze_projects(url)
    return result


def analyze_projects(url: str) -> None:
    """Refresh PostgreSQL's statistics on `project` after a bulk change, once committed.

    Autovacuum analyzes a table only a while after a large change: until then the planner
    takes a freshly loaded 100,000-row table for a tenth of that (EXPLAIN: rows=10844), and
    every page's aggregate is planned on that. SQLite keeps no statistics unless asked to.
    """
    engine = get_engine(url)
    if engine.dialect.name != "postgresql":
        return
    with engine.begin() as connection:
        connection.execute(text("ANALYZE project"))


def _delete_synthetic(session: Session) -> int:
    count = session.scalar(
        select(func.count()).select_from(Project).where(Project.is_synthetic.is_(True))
    )
    if count:
        session.execute(delete(Project).where(Project.is_synthetic.is_(True)))
    return int(count or 0)


def _ecosystem_names(session: Session) -> dict[int, tuple[str, str]]:
    return {
        id_: (code, name)
        for id_, code, name in session.execute(
            select(Ecosystem.id, Ecosystem.code, Ecosystem.name_it)
        )
    }


def _calls(session: Session) -> list[_Call]:
    ecosystem_ids = {
        code: id_ for id_, code in session.execute(select(Ecosystem.id, Ecosystem.code))
    }
    s3 = [(ecosystem_ids[c], w) for c, w in ECOSYSTEM_WEIGHTS.items() if c in ecosystem_ids]
    if not s3:
        raise DemoError("no S3 ecosystems in the database: run `s3dash seed` first")
    linked: dict[int, list[int]] = {}
    for call_id, eco_id in session.execute(
        select(CallEcosystem.call_id, CallEcosystem.ecosystem_id)
    ):
        linked.setdefault(call_id, []).append(eco_id)
    cross = ecosystem_ids.get(CROSS_CUTTING)
    found = session.execute(
        select(
            FundingCall.id, FundingCall.year, FundingCall.granted_eur, FundingCall.budget_eur
        ).order_by(FundingCall.code)  # a stable order: the same seed gives the same rows
    ).all()
    if not found:
        raise DemoError("no funding calls in the database: run `s3dash seed` first")
    amounts = [float(g or b or 0) for _, _, g, b in found]
    known = [a for a in amounts if a > 0]
    fallback = float(np.median(known)) if known else 1.0
    calls: list[_Call] = []
    for (call_id, year, _, _), amount in zip(found, amounts, strict=True):
        own = sorted(linked.get(call_id, []))
        ids: tuple[int, ...]
        weights: tuple[float, ...]
        if not own or own == [cross]:  # open to all: spread over the eight
            ids, weights = tuple(i for i, _ in s3), tuple(w for _, w in s3)
        else:
            ids, weights = tuple(own), tuple(1.0 for _ in own)
        first = min(max(year or FIRST_YEAR, FIRST_YEAR), LAST_YEAR)
        calls.append(_Call(call_id, first, amount or fallback, ids, weights))
    return calls


def _rows(
    rng: np.random.Generator,
    start: int,
    size: int,
    calls: list[_Call],
    ecosystems: dict[int, tuple[str, str]],
    batch_id: int,
) -> list[dict[str, Any]]:
    """One batch of rows; every draw comes from `rng` in a fixed order."""
    call_weights = np.array([c.weight for c in calls])
    call_index = rng.choice(len(calls), size=size, p=call_weights / call_weights.sum())
    names = province_names()
    codes = list(PROVINCE_WEIGHTS)
    province_weights = np.array(list(PROVINCE_WEIGHTS.values()))
    province_index = rng.choice(len(codes), size=size, p=province_weights / province_weights.sum())
    amounts = np.clip(
        rng.lognormal(np.log(AMOUNT_MEDIAN_EUR), AMOUNT_SIGMA, size=size),
        AMOUNT_MIN_EUR,
        AMOUNT_MAX_EUR,
    )
    month_draw = rng.random(size)
    day_draw = rng.integers(1, 29, size=size)
    duration_months = rng.integers(12, 37, size=size)
    ecosystem_draw = rng.random(size)
    rows: list[dict[str, Any]] = []
    for i in range(size):
        call = calls[int(call_index[i])]
        eco_id = _pick(call.ecosystem_ids, call.ecosystem_weights, float(ecosystem_draw[i]))
        eco_code, eco_name = ecosystems.get(eco_id, ("", ""))
        start_date = _start_date(call.first_year, float(month_draw[i]), int(day_draw[i]))
        province = codes[int(province_index[i])]
        number = start + i + 1
        rows.append(
            {
                "code": f"{CODE_PREFIX}{number:06d}",
                "cup": "",
                "title": f"Progetto dimostrativo {number}" + (f" — {eco_name}" if eco_name else ""),
                "call_id": call.id,
                "ecosystem_id": eco_id,
                "province_code": province,
                "province_name": names.get(province, ""),
                "theme": THEMES.get(eco_code, "Ricerca e innovazione"),
                "public_funding_eur": Decimal(f"{amounts[i]:.2f}"),
                "start_date": start_date,
                "end_date": _add_months(start_date, int(duration_months[i])),
                "is_synthetic": True,
                "source": SOURCE,
                "import_batch_id": batch_id,
            }
        )
    return rows


def _pick(ids: tuple[int, ...], weights: tuple[float, ...], draw: float) -> int:
    total = sum(weights)
    acc = 0.0
    for id_, weight in zip(ids, weights, strict=True):
        acc += weight / total
        if draw < acc:
            return id_
    return ids[-1]


def _start_date(first_year: int, draw: float, day: int) -> dt.date:
    # Any month from January of the call's year to December 2026: a project cannot start
    # before its call.
    months = (LAST_YEAR - first_year + 1) * 12
    index = min(int(draw * months), months - 1)
    return dt.date(first_year + index // 12, index % 12 + 1, day)


def _add_months(date: dt.date, months: int) -> dt.date:
    total = date.month - 1 + months
    return dt.date(date.year + total // 12, total % 12 + 1, min(date.day, 28))
