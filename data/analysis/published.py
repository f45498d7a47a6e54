"""What the public may see of the attainment status and the stored forecasts.

Pure: DataFrames in, DataFrames out; no database, no Dash, no Flask. The public page and the
open data API both read through here, so that they show the same numbers and the same rules
hold for both:

- only published indicators and their published observations count, whatever the caller
  passes in (drafts and unpublished rows are dropped here again, as a second line of
  defence behind the `public=True` queries);
- a forecast is shown when its run is `ok` and still matches the published data; a run
  made on data since changed or withdrawn (`outdated`) is reported as `pending`, without
  numbers, while its refresh is due. Once that refresh has failed, the good run kept is
  `stale`: its numbers are shown with their date, marked as not refreshed (forecasts are
  fitted on published values only, so they showed nothing unpublished when made). A failed
  or missing run is `unavailable`, and its error text (internal detail) is never passed on;
- numbers that are not finite (a division by a zero span) become missing, never infinity.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from data.analysis.attainment import DEFAULT_BANDS, StatusBands, assess_each
from data.analysis.forecast import (
    NO_FIT_STATUSES,
    STATUS_OK,
    VERDICT_FIELDS,
    indicator_outlooks,
)
from data.analysis.missing import date_or_none

FORECAST_OK = STATUS_OK
FORECAST_PENDING = "pending"
FORECAST_STALE = "stale"
FORECAST_UNAVAILABLE = "unavailable"
FORECAST_STATUSES = (
    FORECAST_OK,
    FORECAST_STALE,
    FORECAST_PENDING,
    *NO_FIT_STATUSES,
    FORECAST_UNAVAILABLE,
)
# The statuses whose forecast numbers are shown.
FORECAST_SHOWN = (FORECAST_OK, FORECAST_STALE)
# Columns of `indicator_outlooks` that carry a forecast's numbers (blanked unless ok).
FORECAST_VALUE_COLUMNS = (*VERDICT_FIELDS, "pace_ratio", "created_at")
SUMMARY_COLUMNS = [
    "code",
    "status",
    "status_reason",
    "progress_share",
    "expected_share",
    "pace_ratio",
    "latest_value",
    "latest_date",
    "forecast_status",
    "forecast_outlook",
    "forecast_p_target_met",
    "forecast_realistic_median",
    "forecast_realistic_low",
    "forecast_realistic_high",
    "forecast_date",
    "trend_to_reverse",
]


def published_only(
    indicators: pd.DataFrame, observations: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The published indicators and their published observations (a defensive filter)."""
    if "published" in indicators.columns:
        indicators = indicators[indicators["published"].astype(bool)]
    rows = observations[observations["indicator_code"].isin(indicators["code"])]
    if "status" in rows.columns:
        rows = rows[rows["status"] == "published"]
    return indicators, rows


def finite(value: Any) -> float | None:
    """`value` as a float, or None when missing, NaN or infinite."""
    if value is None or value is pd.NA:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def forecast_status(row: Mapping[Any, Any]) -> str:
    """The public status of one indicator's stored forecast (see the module docstring)."""
    status = row.get("status")
    if status == STATUS_OK:
        if row.get("stale"):
            return FORECAST_STALE
        return FORECAST_PENDING if row.get("outdated") else FORECAST_OK
    if status in NO_FIT_STATUSES:
        return str(status)
    return FORECAST_UNAVAILABLE


def public_outlooks(
    indicators: pd.DataFrame, observations: pd.DataFrame, runs: pd.DataFrame
) -> pd.DataFrame:
    """`indicator_outlooks` on published data, with unpublishable forecasts blanked.

    Adds `forecast_status` (one of FORECAST_STATUSES). Where it is not `ok` or `stale` the
    forecast's numbers are None and `trend_to_reverse` rests on the published values alone (the last
    two moving away from the target).
    """
    indicators, observations = published_only(indicators, observations)
    frame = indicator_outlooks(indicators, observations, runs)
    rows = []
    for row in frame.to_dict("records"):
        row["forecast_status"] = forecast_status(row)
        row["error"] = ""
        if row["forecast_status"] not in FORECAST_SHOWN:
            for column in FORECAST_VALUE_COLUMNS:
                row[column] = None
            row["trend_to_reverse"] = bool(row.get("recent_trend_wrong"))
        rows.append(row)
    return pd.DataFrame(rows, columns=[*frame.columns, "forecast_status"])


def indicator_summary(
    indicators: pd.DataFrame,
    observations: pd.DataFrame,
    runs: pd.DataFrame,
    bands: StatusBands = DEFAULT_BANDS,
) -> pd.DataFrame:
    """One row per published indicator (SUMMARY_COLUMNS): attainment and forecast summary."""
    indicators, observations = published_only(indicators, observations)
    assessments = assess_each(indicators, observations, bands)
    outlooks = public_outlooks(indicators, observations, runs)
    by_code = {row["code"]: row for row in outlooks.to_dict("records")}
    rows = []
    for assessment in assessments:
        outlook = by_code.get(assessment.code, {})
        rows.append(
            {
                "code": assessment.code,
                "status": assessment.status,
                "status_reason": assessment.reason,
                "progress_share": finite(assessment.p),
                "expected_share": finite(assessment.e),
                "pace_ratio": finite(assessment.r),
                "latest_value": finite(assessment.latest_value),
                "latest_date": assessment.latest_date,
                "forecast_status": outlook.get("forecast_status", FORECAST_UNAVAILABLE),
                "forecast_outlook": outlook.get("outlook"),
                "forecast_p_target_met": finite(outlook.get("p_target_met")),
                "forecast_realistic_median": finite(outlook.get("realistic_median")),
                "forecast_realistic_low": finite(outlook.get("realistic_low")),
                "forecast_realistic_high": finite(outlook.get("realistic_high")),
                "forecast_date": date_or_none(outlook.get("created_at")),
                "trend_to_reverse": bool(outlook.get("trend_to_reverse", False)),
            }
        )
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
