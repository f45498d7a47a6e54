"""pandas' sums, bit for bit, on plain lists: for the pages' small groups.

A page that sums a few dozen rows per group paid pandas' fixed cost per call (a frame, an
index, a group-by) many times over. These give the same floats as the pandas calls they
replace, so that no figure and no chart's JSON changes:

- `series_sum`: `Series.sum(min_count=1)`: numpy's pairwise sum, missing values as 0;
- `group_sum`: `DataFrameGroupBy.sum(min_count=1)`: Kahan-compensated, in row order.

Both give NaN ("n.d.") when no value is known. NaN is the float not equal to itself.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

NAN = float("nan")


def series_sum(values: list[float]) -> float:
    """`pd.Series(values, dtype=float).sum(min_count=1)`."""
    known = [v == v for v in values]
    if not any(known):
        return NAN
    return float(np.array([v if k else 0.0 for v, k in zip(values, known, strict=True)]).sum())


def group_sum(values: Iterable[float]) -> float:
    """One group's `groupby(...).sum(min_count=1)` of float64 values, in their order.

    pandas' group_sum (pandas/_libs/groupby.pyx): Kahan summation, the compensation reset
    to 0 where an overflow or an infinity made it infinite or NaN (GH#53606, GH#60303).
    """
    total, compensation, seen = 0.0, 0.0, False
    for value in values:
        if value != value:
            continue
        seen = True
        y = value - compensation
        t = total + y
        compensation = t - total - y
        if not math.isfinite(compensation):
            compensation = 0.0
        total = t
    return total if seen else NAN
