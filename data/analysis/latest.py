"""Latest available value of each indicator ("n.d." observations are skipped, not zeros)."""

from __future__ import annotations

from typing import Any

import pandas as pd


def latest_values(observations: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator_code: the most recent date with a value, and that value.

    `observations` has columns indicator_code, date, value (NaN = not available); an
    indicator has one observation per date. Rows in indicator_code order. One pass over
    the rows: the pandas sort and group-by it replaced were most of its cost per page.
    """
    latest: dict[Any, tuple[Any, float]] = {}
    for code, day, value in zip(
        observations["indicator_code"],
        observations["date"],
        observations["value"].astype("float64"),
        strict=True,
    ):
        if value == value and (code not in latest or day > latest[code][0]):  # NaN: n.d.
            latest[code] = (day, value)
    codes = sorted(latest)
    return pd.DataFrame(
        {
            "indicator_code": pd.Series(codes, dtype=observations["indicator_code"].dtype),
            "date": pd.Series([latest[c][0] for c in codes], dtype=observations["date"].dtype),
            "value": pd.Series([latest[c][1] for c in codes], dtype="float64"),
        }
    )
