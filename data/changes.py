"""What changed since a date: new values, corrections, withdrawals, revised indicators.

It also lists the statuses that moved because of them.

The list is built from the audit trail: observations inserted by an import batch (a form
entry is one) after `since`, `observation_revision` and `indicator_revision` rows after
`since`. "Statuses that moved" compares the attainment status now with the status computed
on the data as they stood at `since` (new values taken out, corrected or withdrawn values
put back, revised indicator fields put back). Published data only: drafts are not news,
and the same list serves the open API.

Default `since`: the previous report, that is the moment the latest report was generated
(data/report_log.py). With no report recorded yet, DEFAULT_DAYS before today (values are
collected twice a year), and the pages say which of the two applies.

The seed (`s3dash seed`, user "seed") is the baseline of history, not news: the values it
loads are never listed as new, so a fresh database reports no change until someone enters,
imports, corrects or revises something.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from data.analysis.attainment import DEFAULT_BANDS, StatusBands, assess_each
from data.importers.writing import Replaced
from data.models import ImportBatch, Indicator, IndicatorRevision, Observation, ObservationRevision
from data.queries import indicators_frame, observations_frame
from data.report_log import Generation, latest_generation
from data.seeding import SEED_USER

DEFAULT_DAYS = 183
KINDS = ("new", "corrected", "withdrawn", "restored", "revised", "status")
_INDICATOR_FLOATS = {"baseline_value", "target_value"}
_INDICATOR_DATES = {"baseline_date", "target_date"}


@dataclass(frozen=True)
class Change:
    """One line of "what changed": `kind` in KINDS, `field` for revised indicators."""

    kind: str
    code: str
    when: dt.datetime | None
    date: dt.date | None = None  # the observation's period end date
    field: str = ""
    old: Any = None
    new: Any = None
    reason: str = ""

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready (dates ISO)."""
        out = asdict(self)
        for key in ("when", "date", "old", "new"):
            if isinstance(out[key], dt.date):  # datetimes too
                out[key] = out[key].isoformat()
        return out


@dataclass(frozen=True)
class Since:
    """Where "what changed" starts and why: `basis` is one of data.report_log.BASES.

    previous_report: the latest report's generation (`report`); no_report: none recorded,
    DEFAULT_DAYS back; chosen: a date asked for (`?since=`), from 00:00.
    """

    start: dt.datetime
    basis: str
    report: Generation | None = None

    @property
    def day(self) -> dt.date:
        """The date the list starts on."""
        return self.start.date()


def default_since(session: Session, today: dt.date) -> Since:
    """The default start of "what changed" (see the module docstring)."""
    last = latest_generation(session)
    if last is not None:
        return Since(last.created_at, "previous_report", last)
    return Since(_start(today - dt.timedelta(days=DEFAULT_DAYS)), "no_report")


def chosen_since(day: dt.date) -> Since:
    """A start date asked for explicitly (from 00:00 that day)."""
    return Since(_start(day), "chosen")


def _start(since: dt.date) -> dt.datetime:
    if isinstance(since, dt.datetime):
        return since
    return dt.datetime.combine(since, dt.time.min)


def _new_observations(session: Session, start: dt.datetime) -> list[tuple[int, dt.datetime]]:
    """Observations that became public since `start`, with when they did.

    A value is new from its import when imported as published, or from its publication
    (the "published" audit entry names the rows it published) when it came as a draft:
    a draft entered before a report and published after it is news for the next one.
    """
    batches = session.execute(
        select(ImportBatch.created_at, ImportBatch.replaced, ImportBatch.outcome)
        .where(
            ImportBatch.created_at >= start,
            ImportBatch.kind == "observations",
            ImportBatch.outcome.in_(("committed", "published")),
            # The seed is the baseline of history: what it loads is not news.
            ImportBatch.username != SEED_USER,
        )
        .order_by(ImportBatch.id)
    ).all()
    found: dict[int, dt.datetime] = {}
    for created, text, outcome in batches:
        replaced = Replaced.from_json(text)
        if replaced is None:
            continue
        if outcome == "committed":
            found.update((i, created) for i in replaced.inserted)
        else:
            found.update((int(u["id"]), created) for u in replaced.updated)
    return list(found.items())


def changes_since(
    session: Session, since: dt.date, bands: StatusBands = DEFAULT_BANDS
) -> list[Change]:
    """Every published change since `since`, statuses that moved last.

    `since` is a moment (a datetime) or a date (from its 00:00).
    """
    start = _start(since)
    indicators = indicators_frame(session, public=True)
    codes = set(indicators["code"])
    observations = observations_frame(session, public=True)
    changes: list[Change] = []
    before_obs = observations.copy()

    new = _new_observations(session, start)
    new_rows = {}
    if new:
        ids = [i for i, _ in new]
        for obs_id, code, day, value in session.execute(
            select(Observation.id, Indicator.code, Observation.date, Observation.value)
            .join(Indicator, Indicator.id == Observation.indicator_id)
            .where(Observation.id.in_(ids[:5000]), Observation.status == "published")
        ):
            new_rows[obs_id] = (code, day, value)
    when_of = dict(new)
    for obs_id, (code, day, value) in new_rows.items():
        if code in codes:
            changes.append(Change("new", code, when_of[obs_id], day, new=value))
            before_obs = before_obs[
                ~((before_obs["indicator_code"] == code) & (before_obs["date"] == day))
            ]

    revisions = session.execute(
        select(ObservationRevision)
        .where(ObservationRevision.created_at >= start, ObservationRevision.action != "entered")
        .order_by(ObservationRevision.id)
    ).scalars()
    first_old: dict[tuple[str, dt.date], ObservationRevision] = {}
    for rev in revisions:
        if rev.indicator_code not in codes:
            continue
        key = (rev.indicator_code, rev.date)
        first_old.setdefault(key, rev)
        visible = rev.new_status == "published" or (
            rev.action == "withdrawn" and rev.old_status == "published"
        )
        if not visible:
            continue
        old = rev.old_value if rev.action == "corrected" else None
        new_value = rev.new_value if rev.action != "withdrawn" else None
        changes.append(
            Change(
                rev.action,
                rev.indicator_code,
                rev.created_at,
                rev.date,
                "",
                old,
                new_value,
                rev.reason,
            )
        )
    before_obs = _put_back(before_obs, first_old, {(c, d) for c, d, _ in new_rows.values()})

    before_ind = indicators.copy()
    ind_revs = session.execute(
        select(IndicatorRevision)
        .where(IndicatorRevision.created_at >= start)
        .order_by(IndicatorRevision.id)
    ).scalars()
    reverted: set[tuple[str, str]] = set()
    for irev in ind_revs:
        if irev.indicator_code not in codes:
            continue
        changes.append(
            Change(
                "revised",
                irev.indicator_code,
                irev.created_at,
                None,
                irev.field,
                _typed(irev.field, irev.old_value),
                _typed(irev.field, irev.new_value),
                irev.reason,
            )
        )
        if (irev.indicator_code, irev.field) not in reverted and irev.field in before_ind.columns:
            reverted.add((irev.indicator_code, irev.field))
            column = before_ind[irev.field].astype(object)
            column[before_ind["code"] == irev.indicator_code] = _typed(irev.field, irev.old_value)
            before_ind[irev.field] = column

    now = {a.code: a.status for a in assess_each(indicators, observations, bands)}
    then = {a.code: a.status for a in assess_each(before_ind, before_obs, bands)}
    for code in indicators["code"]:
        if now.get(code) != then.get(code):
            changes.append(
                Change("status", code, None, None, "status", then.get(code), now.get(code))
            )
    return changes


def _put_back(
    frame: pd.DataFrame,
    first_old: dict[tuple[str, dt.date], ObservationRevision],
    new_keys: set[tuple[str, dt.date]],
) -> pd.DataFrame:
    """The public observations as they were before the first revision of each since then."""
    rows = frame.to_dict("records")
    index = {(r["indicator_code"], r["date"]): i for i, r in enumerate(rows)}
    for key, rev in first_old.items():
        if key in new_keys:
            continue
        was_public = rev.old_status == "published"
        i = index.get(key)
        if i is not None and not was_public:
            rows[i] = {}
        elif i is not None:
            rows[i]["value"] = rev.old_value
        elif was_public:
            rows.append(
                {
                    "indicator_code": key[0],
                    "date": key[1],
                    "value": rev.old_value,
                    "status": "published",
                }
            )
    kept = [r for r in rows if r]
    out = pd.DataFrame(kept, columns=frame.columns)
    out["value"] = out["value"].astype("float64")
    return out.sort_values(["indicator_code", "date"], kind="stable").reset_index(drop=True)


def _typed(field: str, text: str) -> Any:
    if text == "":
        return None
    if field in _INDICATOR_FLOATS:
        return float(text)
    if field in _INDICATOR_DATES:
        return dt.date.fromisoformat(text)
    if field == "published":
        return text == "true"
    return text
