"""`is_missing`: the one test for a cell with no value."""

import datetime as dt
import decimal

import numpy as np
import pandas as pd
import pytest

from data.analysis.missing import date_or_none, is_missing, number_or_none


@pytest.mark.parametrize(
    "value",
    [
        None,
        float("nan"),
        np.float32("nan"),
        pd.NA,
        pd.NaT,
        np.datetime64("NaT"),
        decimal.Decimal("NaN"),
    ],
)
def test_no_value_is_missing(value: object) -> None:
    assert is_missing(value)


@pytest.mark.parametrize(
    "value",
    [
        0,
        0.0,
        np.float64(1.5),
        float("inf"),
        "",
        "n.d.",
        dt.date(2024, 1, 1),
        pd.Timestamp("2024-01-01"),
        decimal.Decimal("1.5"),
        False,
        -7,
        10**30,
        np.int64(3),
        np.str_("Torino"),
        [],
        [None],
        ("trasversale",),
        np.array([np.nan, np.nan]),
        {},
    ],
)
def test_a_value_is_not_missing(value: object) -> None:
    assert not is_missing(value)


def test_every_cell_of_a_frame_with_gaps() -> None:
    frame = pd.DataFrame(
        {"n": [1.0, None], "d": pd.to_datetime(pd.Series(["2024-01-01", None])), "s": ["a", None]}
    ).astype({"s": object})
    assert [is_missing(v) for v in frame.iloc[1]] == [True, True, True]
    assert [is_missing(v) for v in frame.iloc[0]] == [False, False, False]


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, None), (float("nan"), None), (pd.NA, None), (2, 2.0), (decimal.Decimal("1.5"), 1.5)],
)
def test_number_or_none(value: object, expected: float | None) -> None:
    assert number_or_none(value) == expected


def test_an_infinite_number_is_kept():
    assert number_or_none(float("inf")) == float("inf")  # "far away", not "no value"


def test_date_or_none_reads_every_kind_of_date_cell():
    day = dt.date(2024, 12, 31)
    for cell in (
        day,
        dt.datetime(2024, 12, 31, 10),
        pd.Timestamp("2024-12-31"),
        np.datetime64("2024-12-31"),
        "2024-12-31",
    ):
        read = date_or_none(cell)
        assert read == day and type(read) is dt.date, cell  # a datetime is not left as is
    for missing in (None, float("nan"), pd.NaT, pd.NA, np.datetime64("NaT")):
        assert date_or_none(missing) is None, missing
