"""Latest available value of each indicator ("n.d." observations are skipped, not zeros)."""

from __future__ import annotations

import pandas as pd


def latest_values(observations: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator_code: the most recent date with a value, and that value.

    `observations` has columns indicator_code, date, value (NaN = not available).
    """
    known = observations.dropna(subset=["value"]).sort_values(["indicator_code", "date"])
    latest = known.groupby("indicator_code", as_index=False).last()
    return latest[["indicator_code", "date", "value"]]
