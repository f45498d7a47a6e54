"""Values entered and corrected in the app, indicators revised, and their history.

A value typed into the Data page form is turned into a one-row file in the observations
import format and goes through `data.importers.dispatch.import_file`: the same validation, the same
messages, the same audit entry, the same draft status and the same publishing as an upload.
A correction or withdrawal of an existing observation is validated by the same checker
(`data.importers.checks.check` on a one-row frame), keeps the old value in `observation_revision`
and names the version it was made on: if someone else changed the row meanwhile, it is
refused with `Conflict` and nothing is written (optimistic concurrency, no lost update).
Every write is one transaction, recorded in `import_batch`, and bumps the data version.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from data.audit import MAX_SUBJECT, record_write
from data.db import session_scope
from data.importers.cells import parse_cell
from data.importers.checks import check
from data.importers.dispatch import import_file, read_table
from data.importers.problems import Problem
from data.importers.reading import schema_for
from data.importers.writing import ImportResult
from data.models import Indicator, IndicatorRevision, Observation, ObservationRevision
from data.schemas import WITHDRAWN

ENTRY_FILE_NAME = "entered in the app"
MAX_REASON_CHARS = 2000
# The indicator fields an admin may revise, with the import schema column that parses them.
INDICATOR_FIELDS = (
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_date",
    "published",
)


class RevisionRefused(ValueError):
    """A revision that cannot be made; `reason` keys the message, nothing was written."""

    def __init__(self, reason: str, message: str, **params: Any) -> None:
        super().__init__(message)
        self.reason = reason
        self.params = params


class Conflict(RevisionRefused):
    """Someone changed the row after the editor loaded it: their change is kept."""


@dataclass
class RevisionResult:
    """What a correction, withdrawal, restore or indicator revision did."""

    code: str
    version: int
    audit_id: int
    problems: list[Problem] = field(default_factory=list)
    forecast_codes: list[str] = field(default_factory=list)


# --- entering a value ------------------------------------------------------------------------


def entry_file(code: str, date: str, value: str, source: str, note: str) -> bytes:
    """The form's fields as a one-row CSV file in the observations import format."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["indicator_code", "date", "value", "status", "note", "source"])
    writer.writerow([code, date, value, "draft", note, source])
    return out.getvalue().encode("utf-8")


def enter_value(
    url: str, code: str, date: str, value: str, source: str, note: str, username: str
) -> ImportResult:
    """Validate and store one value typed into the form, as a draft, like an imported row.

    A value for a date that already has one is refused: that is a correction, made with a
    reason from the indicator page, so that the old value is never silently replaced.
    """
    code = code.strip()
    content = entry_file(code, date.strip(), value.strip(), source.strip(), note.strip())
    day = _iso_date(date.strip())
    exists = ImportResult(
        "observations",
        1,
        "refused",
        [Problem(2, "date", f"indicator {code} already has a value for {day}")],
    )
    with session_scope(url) as session:
        if day is not None and _has_value(session, code, day):
            return exists

    def record(session: Session, result: ImportResult) -> None:
        # Inside the import's transaction: the value and its history are written together.
        if result.inserted != 1:  # someone stored that date meanwhile: roll back
            raise _ValueExists
        _record_entry(session, code, result, username)

    try:
        return import_file(
            url, "observations", content, ENTRY_FILE_NAME, username=username, on_commit=record
        )
    except _ValueExists:
        return exists


class _ValueExists(Exception):
    """The date got a value between the check and the import."""


def _has_value(session: Session, code: str, day: dt.date) -> bool:
    found = session.scalar(
        select(Observation.id)
        .join(Indicator, Indicator.id == Observation.indicator_id)
        .where(Indicator.code == code, Observation.date == day)
    )
    return found is not None


def _iso_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _record_entry(session: Session, code: str, result: ImportResult, username: str) -> None:
    obs = session.scalar(
        select(Observation)
        .join(Indicator, Indicator.id == Observation.indicator_id)
        .where(Indicator.code == code, Observation.import_batch_id == result.batch_id)
    )
    if obs is not None:
        session.add(
            ObservationRevision(
                observation_id=obs.id,
                indicator_code=code,
                date=obs.date,
                action="entered",
                old_value=None,
                new_value=obs.value,
                old_status="",
                new_status=obs.status,
                new_source=obs.source,
                reason=obs.note,
                username=username[:100],
                version=obs.version,
                import_batch_id=result.batch_id,
            )
        )


# --- correcting, withdrawing, restoring --------------------------------------------------------


def _reason(reason: str) -> str:
    text = reason.strip()
    if not text:
        raise RevisionRefused("reason", "a reason is required")
    if len(text) > MAX_REASON_CHARS:
        raise RevisionRefused("reason_long", "the reason is too long", n=MAX_REASON_CHARS)
    return text


def _locked(session: Session, observation_id: int, expected_version: int) -> Observation:
    obs = session.scalar(
        select(Observation).where(Observation.id == observation_id).with_for_update()
    )
    if obs is None:
        raise RevisionRefused("missing", f"observation {observation_id} does not exist")
    if obs.version != expected_version:
        raise _conflict(session, observation_id)
    return obs


def _conflict(session: Session, observation_id: int) -> Conflict:
    """Who changed the observation last, and its value now (committed data)."""
    value, version = session.execute(
        select(Observation.value, Observation.version).where(Observation.id == observation_id)
    ).one()
    last = session.scalar(
        select(ObservationRevision.username)
        .where(ObservationRevision.observation_id == observation_id)
        .order_by(ObservationRevision.id.desc())
    )
    return Conflict(
        "conflict",
        f"observation {observation_id} changed meanwhile (version {version})",
        who=last or "",
        value=value,
        version=version,
    )


def _claim(
    session: Session, model: type[Observation] | type[Indicator], row_id: int, version: int
) -> None:
    """Move the row from `version` to the next one, or raise Conflict.

    A conditional UPDATE is atomic on both databases: on SQLite, where SELECT … FOR UPDATE
    locks nothing, two editors who both read `version` cannot both write.
    """
    claimed = session.execute(
        update(model)
        .where(model.id == row_id, model.version == version)
        .values(version=version + 1)
        .execution_options(synchronize_session=False)
    )
    # Session.execute is typed Result; an UPDATE returns a CursorResult, which has rowcount.
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        if model is Observation:
            session.expire_all()  # read what the other editor committed
            raise _conflict(session, row_id)
        raise Conflict("conflict", f"row {row_id} changed meanwhile", who="", version=version)


def _audit(session: Session, outcome: str, username: str, code: str, day: dt.date) -> int:
    # The end of the subject is kept: the date says which value.
    subject = f"{code} {day.isoformat()}"[-MAX_SUBJECT:]
    return record_write(session, "observations", subject, username, 1, outcome).id


def check_value(
    session: Session, code: str, day: dt.date, value: str, source: str
) -> list[Problem]:
    """Problems of a corrected value, by the importer's own checker (same messages)."""
    content = entry_file(code, day.isoformat(), value.strip(), source.strip(), "")
    frame, problems = read_table("observations", content, ENTRY_FILE_NAME)
    if frame is None:
        return problems
    _, more = check(session, "observations", frame)
    return [*problems, *more]


def correct_observation(
    url: str,
    observation_id: int,
    expected_version: int,
    value: str,
    source: str,
    reason: str,
    username: str,
) -> RevisionResult:
    """Replace an observation's value (and source) with a reason; the old one is kept.

    Returns problems (nothing written) when the value fails the import checks; raises
    Conflict when the observation is no longer at `expected_version`.
    """
    why = _reason(reason)
    with session_scope(url) as session:
        obs = _locked(session, observation_id, expected_version)
        code = obs.indicator.code
        new_source = source.strip() or obs.source
        problems = check_value(session, code, obs.date, value, new_source)
        if problems:
            return RevisionResult(code, obs.version, 0, problems)
        value_column = next(c for c in schema_for("observations").columns if c.name == "value")
        new_value, _ = parse_cell(value_column, value.strip())
        if new_value == obs.value and new_source == obs.source:
            raise RevisionRefused("unchanged", "the value and source are unchanged")
        audit_id = _audit(session, "corrected", username, code, obs.date)
        old_value, old_source = obs.value, obs.source
        obs.value, obs.source = new_value, new_source
        _claim(session, Observation, obs.id, obs.version)
        obs.version += 1
        session.add(
            _revision(obs, code, "corrected", why, username, audit_id, old_value, old_source)
        )
        published = obs.status == "published"
        return RevisionResult(code, obs.version, audit_id, [], [code] if published else [])


def _revision(
    obs: Observation,
    code: str,
    action: str,
    reason: str,
    username: str,
    audit_id: int,
    old_value: float | None,
    old_source: str,
    old_status: str | None = None,
) -> ObservationRevision:
    return ObservationRevision(
        observation_id=obs.id,
        indicator_code=code,
        date=obs.date,
        action=action,
        old_value=old_value,
        new_value=obs.value,
        old_status=old_status if old_status is not None else obs.status,
        new_status=obs.status,
        old_source=old_source,
        new_source=obs.source,
        reason=reason,
        username=username[:100],
        version=obs.version,
        import_batch_id=audit_id,
    )


def withdraw_observation(
    url: str, observation_id: int, expected_version: int, reason: str, username: str
) -> RevisionResult:
    """Hide an observation from the public and from the status; `restore_observation` undoes it."""
    return _set_withdrawn(url, observation_id, expected_version, reason, username, True)


def restore_observation(
    url: str, observation_id: int, expected_version: int, reason: str, username: str
) -> RevisionResult:
    """Undo a withdrawal: the observation gets back the status it had before."""
    return _set_withdrawn(url, observation_id, expected_version, reason, username, False)


def _set_withdrawn(
    url: str,
    observation_id: int,
    expected_version: int,
    reason: str,
    username: str,
    withdraw: bool,
) -> RevisionResult:
    why = _reason(reason)
    with session_scope(url) as session:
        obs = _locked(session, observation_id, expected_version)
        if (obs.status == WITHDRAWN) == withdraw:
            state = "already_withdrawn" if withdraw else "not_withdrawn"
            raise RevisionRefused(state, f"observation {observation_id}: {state}")
        old_status = obs.status
        if withdraw:
            new_status = WITHDRAWN
        else:
            last = session.scalar(
                select(ObservationRevision.old_status)
                .where(
                    ObservationRevision.observation_id == observation_id,
                    ObservationRevision.action == "withdrawn",
                )
                .order_by(ObservationRevision.id.desc())
            )
            new_status = last or "draft"
        action = "withdrawn" if withdraw else "restored"
        code = obs.indicator.code
        audit_id = _audit(session, action, username, code, obs.date)
        obs.status = new_status
        _claim(session, Observation, obs.id, obs.version)
        obs.version += 1
        session.add(
            _revision(obs, code, action, why, username, audit_id, obs.value, obs.source, old_status)
        )
        return RevisionResult(code, obs.version, audit_id, [], [code])


# --- revising an indicator ---------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return repr(float(value)) if isinstance(value, int | float) else str(value)


def revise_indicator(
    url: str,
    code: str,
    expected_version: int,
    changes: dict[str, str],
    reason: str,
    username: str,
) -> RevisionResult:
    """Change an indicator's baseline, target, their dates or published flag, with a reason.

    `changes` maps fields of INDICATOR_FIELDS to text as in an indicators file; each is
    parsed by the import schema's own column (same messages). Problems: nothing written.
    """
    why = _reason(reason)
    unknown = set(changes) - set(INDICATOR_FIELDS)
    if unknown:
        raise RevisionRefused("field", f"unknown field {sorted(unknown)[0]}")
    columns = {c.name: c for c in schema_for("indicators").columns}
    parsed: dict[str, Any] = {}
    problems: list[Problem] = []
    for name, text in changes.items():
        value, error = parse_cell(columns[name], text.strip())
        if error:
            problems.append(Problem(None, name, error))
        else:
            parsed[name] = value
    with session_scope(url) as session:
        ind = session.scalar(select(Indicator).where(Indicator.code == code).with_for_update())
        if ind is None:
            raise RevisionRefused("missing", f"indicator {code} does not exist")
        if ind.version != expected_version:
            raise Conflict("conflict", f"indicator {code} changed meanwhile", version=ind.version)
        if "target_value" in parsed and parsed["target_value"] is None:
            problems.append(Problem(None, "target_value", "a value is required"))
        start = parsed.get("baseline_date", ind.baseline_date)
        end = parsed.get("target_date", ind.target_date)
        if start is not None and end is not None and end <= start:
            msg = f"target_date {end} is not after baseline_date {start}"
            problems.append(Problem(None, "target_date", msg))
        if problems:
            return RevisionResult(code, ind.version, 0, problems)
        moved = {k: v for k, v in parsed.items() if getattr(ind, k) != v}
        if not moved:
            raise RevisionRefused("unchanged", "nothing changed")
        batch = record_write(session, "indicators", code, username, 1, "revised")
        _claim(session, Indicator, ind.id, ind.version)
        ind.version += 1
        for name, value in moved.items():
            session.add(
                IndicatorRevision(
                    indicator_id=ind.id,
                    indicator_code=code,
                    field=name,
                    old_value=_text(getattr(ind, name)),
                    new_value=_text(value),
                    reason=why,
                    username=username[:100],
                    version=ind.version,
                    import_batch_id=batch.id,
                )
            )
            setattr(ind, name, value)
        return RevisionResult(code, ind.version, batch.id, [], [code])


# --- reading the history ---------------------------------------------------------------------

HISTORY_COLUMNS = [
    "created_at",
    "date",
    "action",
    "old_value",
    "new_value",
    "old_status",
    "new_status",
    "reason",
    "username",
    "version",
]


def observation_history(session: Session, code: str) -> pd.DataFrame:
    """Every revision of the indicator's observations, newest first."""
    stmt = (
        select(*(getattr(ObservationRevision, c) for c in HISTORY_COLUMNS))
        .where(ObservationRevision.indicator_code == code)
        .order_by(ObservationRevision.id.desc())
    )
    return pd.DataFrame(session.execute(stmt).all(), columns=HISTORY_COLUMNS)


INDICATOR_HISTORY_COLUMNS = ["created_at", "field", "old_value", "new_value", "reason", "username"]


def indicator_history(session: Session, code: str) -> pd.DataFrame:
    """Every revision of the indicator's own fields, newest first."""
    stmt = (
        select(*(getattr(IndicatorRevision, c) for c in INDICATOR_HISTORY_COLUMNS))
        .where(IndicatorRevision.indicator_code == code)
        .order_by(IndicatorRevision.id.desc())
    )
    return pd.DataFrame(session.execute(stmt).all(), columns=INDICATOR_HISTORY_COLUMNS)


def target_revisions(session: Session) -> dict[str, dt.date]:
    """The date of each indicator's latest target revision (for "target revised on …")."""
    stmt = select(IndicatorRevision.indicator_code, IndicatorRevision.created_at).where(
        IndicatorRevision.field == "target_value"
    )
    latest: dict[str, dt.date] = {}
    for code, when in session.execute(stmt):
        day = when.date() if isinstance(when, dt.datetime) else when
        latest[code] = max(latest.get(code, day), day)
    return latest


def indicator_state(session: Session, code: str) -> tuple[dict[str, Any], int]:
    """The revisable fields of indicator `code` and its version (({}, 0) when unknown)."""
    ind = session.scalar(select(Indicator).where(Indicator.code == code))
    if ind is None:
        return {}, 0
    return {name: getattr(ind, name) for name in INDICATOR_FIELDS}, ind.version


def observation_rows(session: Session, code: str) -> list[dict[str, Any]]:
    """The indicator's observations with id and version, for the correction form."""
    stmt = (
        select(
            Observation.id,
            Observation.date,
            Observation.value,
            Observation.status,
            Observation.source,
            Observation.version,
        )
        .join(Indicator, Indicator.id == Observation.indicator_id)
        .where(Indicator.code == code)
        .order_by(Observation.date)
    )
    keys = ["id", "date", "value", "status", "source", "version"]
    return [dict(zip(keys, row, strict=True)) for row in session.execute(stmt)]
