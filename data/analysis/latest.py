"""Latest available value of each indicator ("n.d." observations are skipped, not zeros)."""

from __future__ import annotations

from typing import Any

import pandas as pd

NAN = float("nan")


def latest_values(observations: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator_code: the most recent date with a value, and that value.

    `observations` has columns indicator_code, date, value (NaN = not available); an
    indicator has one observation per date. Rows in indicator_code order. One pass over
    the rows: the pandas sort and group-by it replaced were most of its cost per page.
    """
    latest = latest_by_code(observations)
    codes = sorted(latest)
    return pd.DataFrame(
        {
            "indicator_code": pd.Series(codes, dtype=observations["indicator_code"].dtype),
            "date": pd.Series([latest[c][0] for c in codes], dtype=observations["date"].dtype),
            "value": pd.Series([latest[c][1] for c in codes], dtype="float64"),
        }
    )


def latest_by_code(observations: pd.DataFrame) -> dict[Any, tuple[Any, float]]:
    """`latest_values` as a dict: indicator_code → (date, value), codes without one absent."""
    latest: dict[Any, tuple[Any, float]] = {}
    for code, day, value in zip(
        observations["indicator_code"],
        observations["date"],
        observations["value"].astype("float64"),
        strict=True,
    ):
        if value == value and (code not in latest or day > latest[code][0]):  # NaN: n.d.
            latest[code] = (day, value)
    return latest


def with_latest(indicators: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    """`indicators` plus each one's latest_date (None when none yet) and latest_value (NaN).

    The frame a left merge with `latest_values` gave (its dates as the objects the
    observations hold), without the merge: on a page's few indicators the merge and the
    renames cost more than the lookups.
    """
    latest = latest_by_code(observations)
    codes = indicators["code"].tolist()
    found = [latest.get(code) for code in codes]
    merged = indicators.assign(
        latest_date=pd.Series(
            [None if f is None else f[0] for f in found], index=indicators.index, dtype=object
        ),
        latest_value=pd.Series(
            [NAN if f is None else f[1] for f in found], index=indicators.index, dtype="float64"
        ),
    )
    merged.index = pd.RangeIndex(len(merged))  # as the merge numbered its rows
    return merged
