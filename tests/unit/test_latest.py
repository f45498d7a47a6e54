"""latest_values, with_latest: each indicator's most recent known value, "n.d." skipped."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from data.analysis.latest import latest_values, with_latest

NAN = float("nan")


def _observations() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_code": pd.Series(["B", "A", "B", "A", "C", "B"], dtype="str"),
            "date": [
                dt.date(2024, 12, 31),
                dt.date(2023, 12, 31),
                dt.date(2025, 6, 30),  # the latest B, but n.d.: B's latest is 2024
                dt.date(2024, 12, 31),
                dt.date(2024, 12, 31),  # C has no value at all: no row
                dt.date(2022, 12, 31),
            ],
            "value": [2.0, 1.0, NAN, 3.0, NAN, 9.0],
        }
    )


def test_the_latest_known_value_of_each_indicator_in_code_order():
    observations = _observations()
    latest = latest_values(observations)
    # what the pandas chain it replaced gave (sort, group-by, last), dtypes included
    known = observations.dropna(subset=["value"]).sort_values(["indicator_code", "date"])
    expected = known.groupby("indicator_code", as_index=False).last()
    pd.testing.assert_frame_equal(latest, expected[["indicator_code", "date", "value"]])
    assert latest.to_dict("list") == {
        "indicator_code": ["A", "B"],
        "date": [dt.date(2024, 12, 31), dt.date(2024, 12, 31)],
        "value": [3.0, 2.0],
    }


def test_with_latest_is_the_left_merge_it_replaced():
    """Every indicator in its order, its latest date and value; None and NaN when none."""
    indicators = pd.DataFrame(
        {
            "code": pd.Series(["C", "B", "D", "A"], dtype="str"),  # D: no observation
            "ecosystem": pd.Series(["salute", None, None, "cultura"], dtype=object),
            "target_value": [1.0, NAN, 2.0, 3.0],
        },
        index=pd.RangeIndex(4),
    )
    observations = _observations()
    latest = latest_values(observations).rename(
        columns={"indicator_code": "code", "value": "latest_value", "date": "latest_date"}
    )
    expected = indicators.merge(latest, on="code", how="left")
    expected["latest_date"] = (
        expected["latest_date"].astype(object).where(expected["latest_date"].notna(), None)
    )
    merged = with_latest(indicators, observations)
    pd.testing.assert_frame_equal(merged, expected)
    dates = merged["latest_date"].tolist()
    assert dates == [None, dt.date(2024, 12, 31), None, dt.date(2024, 12, 31)]
    assert indicators.columns.tolist() == ["code", "ecosystem", "target_value"]  # not changed
