"""Target attainment: where each indicator stands against its target (DESIGN.md, "Attainment").

Pure: mappings and DataFrames in, dataclasses and DataFrames out; no database, no Dash.

For an indicator with a base (y0 at t0) and a target (yT at T), at the latest usable
observation (yt at t):

- progress share ``p = (yt − y0) / (yT − y0)``; expected share ``e = (t − t0) / (T − t0)``
  (in days); pace ratio ``R = p / e``;
- status, in this order: **achieved** (yt has reached yT in the indicator's direction),
  **on track** (R ≥ on-track band), **acceleration needed** (R ≥ acceleration band),
  **limited progress** (R ≥ 0), **deterioration** (R < 0); **not assessable** when the
  measure has not started or there is no observation after the base;
- the bands are configuration (`S3DASH_STATUS_BANDS`), read through `parse_bands`;
- `cumulative` indicators carry the running total since the baseline date, `level`
  indicators their latest value, `annual` indicators their latest *full-year* value (a
  period ending on 31 December): a part-year value is not comparable with a year's;
- a `level` indicator whose baseline the source prints as 0 ("not available" there) and any
  indicator without a baseline take their first observation as the base, and say so;
- drafts are left out: the Executive is shown statuses from confirmed figures only (the
  forecasts do the same); a newer draft is reported alongside, so staff still see it;
  "n.d." observations (NaN) are missing values, never zeros.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

import pandas as pd

from data.analysis.missing import date_or_none
from data.analysis.records import records
from data.settings import get_setting

BANDS_SETTING = "S3DASH_STATUS_BANDS"

ACHIEVED = "achieved"
ON_TRACK = "on_track"
ACCELERATION_NEEDED = "acceleration_needed"
LIMITED_PROGRESS = "limited_progress"
DETERIORATION = "deterioration"
NOT_ASSESSABLE = "not_assessable"
# Display and count order: best first, "not assessable" last.
STATUSES = (
    ACHIEVED,
    ON_TRACK,
    ACCELERATION_NEEDED,
    LIMITED_PROGRESS,
    DETERIORATION,
    NOT_ASSESSABLE,
)

KINDS = ("cumulative", "annual", "level")
# What `assess_points` reads of an indicator (a row of data.queries.indicators_frame), in
# the order it reads them.
DEFINITION_COLUMNS: tuple[str, ...] = ("code", "kind", "direction", "target_value")
DEFINITION_COLUMNS += ("target_date", "baseline_value", "baseline_date", "measure_started")
DIRECTIONS = ("higher", "lower")

# Why a status was given (the page explains each with its own sentence and the numbers).
REASON_ACHIEVED = "achieved"
REASON_PACE = "pace"  # status from the pace ratio R and the bands
REASON_TARGET_IS_BASE = "target_equals_base"  # yT == y0: no share can be computed
REASON_NOT_STARTED = "not_started"
REASON_NO_TARGET = "no_target"
REASON_NO_OBSERVATION = "no_observation"
REASON_NO_OBSERVATION_AFTER_BASE = "no_observation_after_base"
REASON_TARGET_BEFORE_BASE = "target_before_base"
REASON_INVALID_DEFINITION = "invalid_definition"

# Reading decisions taken on the way (shown next to the status).
NOTE_LEVEL_BASELINE_ZERO = "level_baseline_zero"
NOTE_BASELINE_MISSING = "baseline_missing"
NOTE_ANNUAL_PARTIAL_SKIPPED = "annual_partial_skipped"
NOTE_DRAFTS_SKIPPED = "drafts_skipped"


class BandsError(ValueError):
    """The status-band setting cannot be used (the message says what to write instead)."""


@dataclass(frozen=True)
class StatusBands:
    """Pace-ratio thresholds: R ≥ `on_track` is on track, R ≥ `acceleration` needs more pace."""

    on_track: float = 0.95
    acceleration: float = 0.60

    def __post_init__(self) -> None:
        """Refuse bands that would make a status unreachable or every status the same."""
        values = (self.on_track, self.acceleration)
        if not all(isinstance(v, int | float) and math.isfinite(v) for v in values):
            raise BandsError(f"{BANDS_SETTING}: thresholds must be finite numbers, got {values}")
        if not 0 < self.acceleration < self.on_track:
            raise BandsError(
                f"{BANDS_SETTING}: need 0 < ACCELERATION < ON_TRACK, got "
                f"on track {self.on_track}, acceleration {self.acceleration}"
            )

    def status(self, ratio: float) -> str:
        """The status of a pace ratio R (for an indicator that has not reached its target)."""
        if ratio >= self.on_track:
            return ON_TRACK
        if ratio >= self.acceleration:
            return ACCELERATION_NEEDED
        if ratio >= 0:
            return LIMITED_PROGRESS
        return DETERIORATION


DEFAULT_BANDS = StatusBands()


def parse_bands(text: str) -> StatusBands:
    """`"0.95,0.60"` → StatusBands; anything else raises BandsError with a clear message."""
    hint = f"{BANDS_SETTING} must be 'ON_TRACK,ACCELERATION', e.g. '0.95,0.60'"
    parts = [part.strip() for part in str(text).split(",")]
    if len(parts) != 2:
        raise BandsError(f"{hint}; got {text!r}")
    try:
        on_track, acceleration = (float(part) for part in parts)
    except ValueError:
        raise BandsError(f"{hint}; got {text!r}") from None
    try:
        return StatusBands(on_track=on_track, acceleration=acceleration)
    except BandsError as error:
        raise BandsError(f"{error} ({hint})") from None


def bands_from_settings(overrides: Mapping[str, str] | None = None) -> StatusBands:
    """The bands configured in `S3DASH_STATUS_BANDS` (overrides first, then environment)."""
    return parse_bands(get_setting(BANDS_SETTING, overrides))


@dataclass(frozen=True)
class Assessment:
    """One indicator's status and every input and intermediate number behind it."""

    code: str
    kind: str
    direction: str
    status: str
    reason: str  # REASON_*: which explanation applies
    p: float | None  # progress share
    e: float | None  # expected share by now
    r: float | None  # pace ratio p / e
    base_value: float | None
    base_date: dt.date | None
    base_is_first_observation: bool
    latest_value: float | None
    latest_date: dt.date | None
    target_value: float | None
    target_date: dt.date | None
    expected_value: float | None  # where a linear path from base to target is by `latest_date`
    elapsed_days: int | None  # t − t0
    total_days: int | None  # T − t0
    on_track_band: float
    acceleration_band: float
    notes: tuple[str, ...] = ()  # NOTE_*: reading decisions
    draft_value: float | None = None  # a newer value awaiting publication, not counted
    draft_date: dt.date | None = None

    @property
    def assessable(self) -> bool:
        """False for "not assessable"."""
        return self.status != NOT_ASSESSABLE

    @property
    def explanation_key(self) -> str:
        """Catalogue key of the sentence that explains this status (`att.explain.<reason>`)."""
        return f"att.explain.{self.reason}"

    def inputs(self) -> dict[str, Any]:
        """The inputs of the formula, by name (for the "how it was computed" panel)."""
        return {
            "kind": self.kind,
            "direction": self.direction,
            "y0": self.base_value,
            "t0": self.base_date,
            "yt": self.latest_value,
            "t": self.latest_date,
            "yT": self.target_value,
            "T": self.target_date,
            "bands": (self.on_track_band, self.acceleration_band),
        }


ASSESSMENT_COLUMNS = [f.name for f in fields(Assessment)]


def _number(value: Any) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _is_year_end(day: dt.date) -> bool:
    return day.month == 12 and day.day == 31


Point = tuple[dt.date, float]


def _usable_points(
    kind: str, dates: Iterable[Any], values: Iterable[Any], statuses: Iterable[Any] | None
) -> tuple[list[Point], list[str], Point | None]:
    """Usable dated values (sorted), notes on what was left out, and the newest draft.

    The draft is shown to staff next to the status, never used for it.
    """
    notes: list[str] = []
    status_list = list(statuses) if statuses is not None else None
    points: list[Point] = []
    newest_draft: Point | None = None
    drafts = partial = False
    for i, (raw_date, raw_value) in enumerate(zip(dates, values, strict=True)):
        value, day = _number(raw_value), date_or_none(raw_date)
        if status_list is not None and status_list[i] != "published":
            if status_list[i] != "draft":  # withdrawn (data/revisions.py): not a pending value
                continue
            drafts = True
            if value is not None and day is not None:
                newest_draft = max(newest_draft or (day, value), (day, value))
            continue
        if value is None or day is None:  # "n.d.": missing, never zero
            continue
        if kind == "annual" and not _is_year_end(day):
            partial = True
            continue
        points.append((day, value))
    if drafts:
        notes.append(NOTE_DRAFTS_SKIPPED)
    if partial:
        notes.append(NOTE_ANNUAL_PARTIAL_SKIPPED)
    return sorted(points), notes, newest_draft


def _reached(value: float, target: float, direction: str) -> bool:
    return value <= target if direction == "lower" else value >= target


def assess_points(
    indicator: Mapping[str, Any],
    dates: Iterable[Any],
    values: Iterable[Any],
    statuses: Iterable[Any] | None = None,
    bands: StatusBands = DEFAULT_BANDS,
) -> Assessment:
    """Assess one indicator from its own dated values (the core of `assess`).

    `indicator` is a row of `data.queries.indicators_frame` (code, kind, direction,
    baseline_value, baseline_date, target_value, target_date, measure_started).
    `statuses`, when given, are the observations' statuses: only "published" ones count.
    """
    code = str(indicator.get("code", ""))
    kind = str(indicator.get("kind", ""))
    direction = str(indicator.get("direction") or "higher")
    target_value = _number(indicator.get("target_value"))
    target_date = date_or_none(indicator.get("target_date"))
    baseline_value = _number(indicator.get("baseline_value"))
    baseline_date = date_or_none(indicator.get("baseline_date"))
    started = indicator.get("measure_started", True)
    started = True if started is None or started is pd.NA else bool(started)
    points, notes, draft = _usable_points(kind, dates, values, statuses)
    if draft is not None and points and draft[0] <= points[-1][0]:
        draft = None  # only a draft newer than the figures used is worth showing

    def result(status: str, reason: str, **computed: Any) -> Assessment:
        latest = points[-1] if points else (None, None)
        base: dict[str, Any] = {
            "code": code,
            "kind": kind,
            "direction": direction,
            "status": status,
            "reason": reason,
            "p": None,
            "e": None,
            "r": None,
            "base_value": baseline_value,
            "base_date": baseline_date,
            "base_is_first_observation": False,
            "latest_value": latest[1],
            "latest_date": latest[0],
            "target_value": target_value,
            "target_date": target_date,
            "expected_value": None,
            "elapsed_days": None,
            "total_days": None,
            "on_track_band": bands.on_track,
            "acceleration_band": bands.acceleration,
            "notes": tuple(notes),
            "draft_value": draft[1] if draft else None,
            "draft_date": draft[0] if draft else None,
        }
        base.update(computed)
        return Assessment(**base)

    if kind not in KINDS or direction not in DIRECTIONS:
        return result(NOT_ASSESSABLE, REASON_INVALID_DEFINITION)
    if not started:
        return result(NOT_ASSESSABLE, REASON_NOT_STARTED)
    if target_value is None or target_date is None:
        return result(NOT_ASSESSABLE, REASON_NO_TARGET)

    # The base: the stated baseline, unless the source gives none (or, for a level, a 0
    # that there means "not available"): then the first observation, and the page says so.
    first_is_base = baseline_value is None or baseline_date is None
    if first_is_base:
        notes.append(NOTE_BASELINE_MISSING)
    elif kind == "level" and baseline_value == 0:
        first_is_base = True
        notes.append(NOTE_LEVEL_BASELINE_ZERO)
    if first_is_base:
        if not points:
            return result(NOT_ASSESSABLE, REASON_NO_OBSERVATION, base_value=None, base_date=None)
        base_date, base_value = points[0]
    else:
        assert baseline_date is not None and baseline_value is not None
        base_date, base_value = baseline_date, baseline_value
    later = [point for point in points if point[0] > base_date]
    base_fields = {
        "base_value": base_value,
        "base_date": base_date,
        "base_is_first_observation": first_is_base,
    }
    if not later:
        reason = REASON_NO_OBSERVATION if not points else REASON_NO_OBSERVATION_AFTER_BASE
        return result(NOT_ASSESSABLE, reason, **base_fields)
    latest_date, latest_value = later[-1]
    total_days = (target_date - base_date).days
    if total_days <= 0:
        return result(NOT_ASSESSABLE, REASON_TARGET_BEFORE_BASE, **base_fields)
    elapsed_days = (latest_date - base_date).days
    e = elapsed_days / total_days
    computed: dict[str, Any] = {
        **base_fields,
        "latest_value": latest_value,
        "latest_date": latest_date,
        "e": e,
        "elapsed_days": elapsed_days,
        "total_days": total_days,
        "expected_value": base_value + e * (target_value - base_value),
    }
    if target_value != base_value:
        computed["p"] = (latest_value - base_value) / (target_value - base_value)
        computed["r"] = computed["p"] / e
    if _reached(latest_value, target_value, direction):
        return result(ACHIEVED, REASON_ACHIEVED, **computed)
    if computed["r"] is None:
        # The target is the base and has not been reached: the value moved the wrong way.
        return result(DETERIORATION, REASON_TARGET_IS_BASE, **computed)
    return result(bands.status(computed["r"]), REASON_PACE, **computed)


def assess(
    indicator: Mapping[str, Any], observations: pd.DataFrame, bands: StatusBands = DEFAULT_BANDS
) -> Assessment:
    """Assess one indicator (a row of `indicators_frame`) against its target.

    `observations` has columns indicator_code (optional when it holds this indicator's rows
    only), date, value (NaN = "n.d.") and optionally status (drafts are left out).
    """
    rows = observations
    if "indicator_code" in rows.columns:
        rows = rows[rows["indicator_code"] == indicator.get("code")]
    statuses = rows["status"].tolist() if "status" in rows.columns else None
    return assess_points(indicator, rows["date"].tolist(), rows["value"].tolist(), statuses, bands)


def assess_each(
    indicators: pd.DataFrame, observations: pd.DataFrame, bands: StatusBands = DEFAULT_BANDS
) -> list[Assessment]:
    """One Assessment per indicator, in the indicators' order (what the pages render)."""
    has_status = "status" in observations.columns
    grouped: dict[Any, tuple[list[Any], list[Any], list[Any] | None]] = {}
    # One pass over the observations' columns, as Python lists, instead of one filter (or one
    # groupby slice: ~0.3 ms of pandas each) per indicator: pages may hold thousands.
    codes = observations["indicator_code"].tolist()
    dates = observations["date"].tolist()
    values = observations["value"].tolist()
    statuses = observations["status"].tolist() if has_status else [None] * len(codes)
    for code, day, value, status in zip(codes, dates, values, statuses, strict=True):
        if code not in grouped:
            grouped[code] = ([], [], [] if has_status else None)
        group = grouped[code]
        group[0].append(day)
        group[1].append(value)
        if group[2] is not None:
            group[2].append(status)
    empty: tuple[list[Any], list[Any], list[Any] | None] = ([], [], [] if has_status else None)
    assessments = []
    read = [column for column in DEFINITION_COLUMNS if column in indicators.columns]
    for indicator in records(indicators[read]):  # the columns assess_points reads, only
        own = grouped.get(indicator["code"], empty)
        assessments.append(assess_points(indicator, *own, bands))
    return assessments


def assess_all(
    indicators: pd.DataFrame, observations: pd.DataFrame, bands: StatusBands = DEFAULT_BANDS
) -> pd.DataFrame:
    """One row per indicator, in the indicators' order, with the columns of `Assessment`."""
    records = [asdict(a) for a in assess_each(indicators, observations, bands)]
    return pd.DataFrame(records, columns=ASSESSMENT_COLUMNS)


def count_by_status(assessments: Iterable[Assessment] | pd.DataFrame) -> dict[str, int]:
    """How many indicators have each status, for every status (zeros included), in order."""
    if isinstance(assessments, pd.DataFrame):
        statuses = assessments["status"].tolist() if len(assessments) else []
    elif hasattr(assessments, "statuses"):  # data.analysis.assessed.AssessedRows: no objects
        statuses = list(assessments.statuses)
    else:
        statuses = [a.status for a in assessments]
    return {status: statuses.count(status) for status in STATUSES}
