"""What the public may see of attainment and forecasts (data/analysis/published.py)."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from data.analysis.forecast import indicator_series, series_hash
from data.analysis.published import (
    FORECAST_STATUSES,
    SUMMARY_COLUMNS,
    finite,
    forecast_status,
    indicator_summary,
    public_outlooks,
    published_only,
)
from data.forecasting import RUN_COLUMNS


def indicators() -> pd.DataFrame:
    base = {
        "name_it": "x",
        "name_en": "x",
        "unit": "n.",
        "kind": "cumulative",
        "direction": "higher",
        "objective": "",
        "baseline_value": 0.0,
        "baseline_date": dt.date(2022, 12, 31),
        "target_value": 100.0,
        "target_date": dt.date(2027, 12, 31),
        "measure_started": True,
        "sort_order": 1,
        "notes": "",
        "source": "s",
        "ecosystem": None,
    }
    return pd.DataFrame(
        [
            {**base, "code": "PUB", "published": True},
            {**base, "code": "HIDDEN", "published": False},
        ]
    )


def observations() -> pd.DataFrame:
    rows = [
        ("PUB", dt.date(2023, 12, 31), 20.0, "published"),
        ("PUB", dt.date(2024, 12, 31), 30.0, "published"),
        ("PUB", dt.date(2025, 4, 30), 25.0, "published"),  # moved the wrong way
        ("PUB", dt.date(2025, 6, 30), 99.0, "draft"),
        ("HIDDEN", dt.date(2024, 12, 31), 50.0, "published"),
    ]
    frame = pd.DataFrame(rows, columns=["indicator_code", "date", "value", "status"])
    frame["note"], frame["source"] = "", "s"
    return frame


def run(code: str, data_hash: str, status: str = "ok", stale: bool = False) -> dict[str, object]:
    row: dict[str, object] = dict.fromkeys(RUN_COLUMNS)
    row.update(
        series_key=f"indicator:{code}",
        indicator_code=code,
        run_id=1,
        created_at=dt.datetime(2025, 5, 1, 10, 0),
        data_hash=data_hash,
        status=status,
        stale=stale,
        error="secret stack trace",
        n_points=4,
        p_target_met=0.3,
        outlook="uncertain",
        realistic_median=80.0,
        realistic_low=60.0,
        realistic_high=95.0,
        projected_pace=10.0,
        required_pace=30.0,
        trend_to_reverse=False,
    )
    return row


def current_hash(code: str = "PUB") -> str:
    ind = indicators()
    row = ind[ind["code"] == code].iloc[0].to_dict()
    return series_hash(indicator_series(row, observations()))


def test_published_only_drops_unpublished_indicators_and_drafts() -> None:
    ind, obs = published_only(indicators(), observations())
    assert ind["code"].tolist() == ["PUB"]
    assert obs["status"].unique().tolist() == ["published"] and 99.0 not in obs["value"].tolist()


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ({"status": "ok", "outdated": False, "stale": False}, "ok"),
        ({"status": "ok", "outdated": True, "stale": False}, "pending"),
        # The good run kept after a failed refresh: shown, marked stale.
        ({"status": "ok", "outdated": False, "stale": True}, "stale"),
        ({"status": "ok", "outdated": True, "stale": True}, "stale"),
        ({"status": "insufficient"}, "insufficient"),
        ({"status": "not_started"}, "not_started"),
        ({"status": "target_passed"}, "target_passed"),
        ({"status": "failed"}, "unavailable"),
        ({"status": "missing"}, "unavailable"),
        ({}, "unavailable"),
    ],
)
def test_forecast_status(row: dict[str, object], expected: str) -> None:
    assert forecast_status(row) == expected
    assert expected in FORECAST_STATUSES


def test_current_forecast_is_shown_and_the_error_text_never() -> None:
    runs = pd.DataFrame([run("PUB", current_hash()), run("HIDDEN", "x")], columns=RUN_COLUMNS)
    frame = public_outlooks(indicators(), observations(), runs)
    assert frame["code"].tolist() == ["PUB"]  # the unpublished one's run is not read
    row = frame.iloc[0]
    assert row["forecast_status"] == "ok" and row["p_target_met"] == 0.3
    assert row["error"] == ""
    # The draft (99) does not count: the last two published values went 30 → 25.
    assert bool(row["recent_trend_wrong"]) and row["last_value"] == 25.0


def test_outdated_forecast_is_pending_without_numbers() -> None:
    runs = pd.DataFrame([run("PUB", "an older hash")], columns=RUN_COLUMNS)
    row = public_outlooks(indicators(), observations(), runs).iloc[0]
    assert row["forecast_status"] == "pending"
    for column in ("p_target_met", "outlook", "realistic_median", "pace_ratio", "created_at"):
        assert row[column] is None or pd.isna(row[column]), column
    assert bool(row["trend_to_reverse"])  # the published values alone moved the wrong way


def test_indicator_summary_columns_and_values() -> None:
    runs = pd.DataFrame([run("PUB", current_hash())], columns=RUN_COLUMNS)
    summary = indicator_summary(indicators(), observations(), runs)
    assert list(summary.columns) == SUMMARY_COLUMNS
    assert summary["code"].tolist() == ["PUB"]
    row = summary.iloc[0]
    assert row["latest_value"] == 25.0 and row["latest_date"] == dt.date(2025, 4, 30)
    assert row["forecast_status"] == "ok" and row["forecast_p_target_met"] == 0.3
    assert row["forecast_date"] == dt.date(2025, 5, 1)
    assert row["status"] in ("limited_progress", "acceleration_needed", "on_track")


def test_no_runs_at_all() -> None:
    summary = indicator_summary(indicators(), observations(), pd.DataFrame(columns=RUN_COLUMNS))
    assert summary.iloc[0]["forecast_status"] == "unavailable"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1, 1.0), ("2.5", 2.5), (None, None), (math.nan, None), (math.inf, None), ("x", None)],
)
def test_finite(value: object, expected: float | None) -> None:
    assert finite(value) == expected
