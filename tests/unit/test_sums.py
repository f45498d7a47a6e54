"""data.analysis.sums gives pandas' own floats, to the last bit, where the order matters."""

from __future__ import annotations

import math
import random

import pandas as pd

from data.analysis.sums import group_sum, series_sum

NAN = float("nan")


def _values(rng: random.Random, n: int) -> list[float]:
    # Amounts from cents to a hundred million: the orders of addition show in the last bits.
    return [
        NAN if rng.random() < 0.2 else rng.uniform(0.01, 1) * 10 ** rng.randint(0, 9) / 7
        for _ in range(n)
    ]


def test_group_sum_is_pandas_group_by_sum():
    rng = random.Random(2027)
    groups = [_values(rng, n) for n in (0, 1, 2, 5, 17, 60, 300) for _ in range(5)]
    groups.append([NAN, NAN])
    groups.append([1e308, 1e308, -1e308, 5.0])  # overflow to inf, as pandas does
    groups.append([float("inf"), 1.5, 2.5])  # Kahan's compensation reset (GH#53606)
    rows = [(i, v) for i, values in enumerate(groups) for v in values]
    frame = pd.DataFrame(rows, columns=["group", "value"]).astype({"value": "float64"})
    expected = frame.groupby("group")["value"].sum(min_count=1)
    differs_from_plain = 0
    for i, values in enumerate(groups):
        want = expected.get(i, NAN)
        got = group_sum(values)
        assert (math.isnan(want) and math.isnan(got)) or got == want, (i, got, want)
        known = [v for v in values if v == v]
        differs_from_plain += bool(known) and sum(known) != want
    assert differs_from_plain  # a plain left-to-right sum would not pass this test


def test_series_sum_is_pandas_series_sum():
    rng = random.Random(15)
    differs_from_plain = 0
    for n in (0, 1, 3, 8, 9, 31, 129, 400):
        values = _values(rng, n)
        want = pd.Series(values, dtype="float64").sum(min_count=1)
        got = series_sum(values)
        assert (math.isnan(want) and math.isnan(got)) or got == want, (n, got, want)
        differs_from_plain += group_sum(values) != want and not math.isnan(want)
    assert differs_from_plain  # pairwise, not Kahan: the two disagree somewhere here
    assert math.isnan(series_sum([NAN]))
