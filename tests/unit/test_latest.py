"""latest_values: each indicator's most recent known value, "n.d." skipped."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from data.analysis.latest import latest_values

NAN = float("nan")


def test_the_latest_known_value_of_each_indicator_in_code_order():
    observations = pd.DataFrame(
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
