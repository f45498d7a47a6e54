"""The one test for "this cell has no value", shared by the data layer and the pages.

With it, the readings of a cell as a number or a date (None when missing). Neither pandas
nor numpy is imported here: a value of theirs exists only once they are loaded, so they are
looked up in `sys.modules` (`s3dash import` prints its report through this module, and
loading pandas for it took a sizeable part of a small import).
"""

import datetime as dt
import math
import sys
from decimal import Decimal
from typing import Any


def is_missing(value: object) -> bool:
    """True for None, NaN, NaT and pd.NA; False for any other value, lists and arrays included.

    A cell read from a DataFrame may hold any of these for "no value"; a list (the ecosystem
    codes of a call) is a value even when it is empty.
    """
    if value is None:
        return True
    kind = type(value)
    if kind is int or kind is str:  # the commonest cells (counts, names): never missing
        return False
    if isinstance(value, float):  # numpy's float64 too
        return math.isnan(value)
    if isinstance(value, Decimal):
        return value.is_nan()  # a PostgreSQL numeric 'NaN'
    pd = sys.modules.get("pandas")
    if pd is not None and (value is pd.NA or value is pd.NaT):
        return True
    np = sys.modules.get("numpy")
    if np is None:
        return False
    if isinstance(value, np.floating):
        return math.isnan(value)
    if isinstance(value, np.datetime64 | np.timedelta64):
        return bool(np.isnat(value))
    return False


def number_or_none(value: Any) -> float | None:
    """`value` as a float, or None when it is missing (see `is_missing`)."""
    return None if is_missing(value) else float(value)


def as_date(value: Any) -> dt.date:
    """A date cell (date, datetime, pandas Timestamp, numpy datetime64, ISO text) as a date."""
    if isinstance(value, dt.datetime):  # pandas Timestamps are datetimes too
        return value.date()
    if isinstance(value, dt.date):
        return value
    import pandas as pd

    return pd.Timestamp(value).date()


def date_or_none(value: Any) -> dt.date | None:
    """`value` as a date, or None when it is missing (see `is_missing`)."""
    if type(value) is dt.date:  # the usual cell, read thousands of times a page: as is
        return value
    return None if is_missing(value) else as_date(value)
