"""The one test for "this cell has no value", shared by the data layer and the pages.

With it, the readings of a cell as a number or a date (None when missing).
"""

import datetime as dt
import math
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd


def is_missing(value: object) -> bool:
    """True for None, NaN, NaT and pd.NA; False for any other value, lists and arrays included.

    A cell read from a DataFrame may hold any of these for "no value"; a list (the ecosystem
    codes of a call) is a value even when it is empty.
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float | np.floating):  # Python's and numpy's floats
        return math.isnan(value)
    if isinstance(value, np.datetime64 | np.timedelta64):
        return bool(np.isnat(value))
    return isinstance(value, Decimal) and value.is_nan()  # a PostgreSQL numeric 'NaN'


def number_or_none(value: Any) -> float | None:
    """`value` as a float, or None when it is missing (see `is_missing`)."""
    return None if is_missing(value) else float(value)


def as_date(value: Any) -> dt.date:
    """A date cell (date, datetime, pandas Timestamp, numpy datetime64, ISO text) as a date."""
    if isinstance(value, dt.datetime):  # pandas Timestamps are datetimes too
        return value.date()
    if isinstance(value, dt.date):
        return value
    return pd.Timestamp(value).date()


def date_or_none(value: Any) -> dt.date | None:
    """`value` as a date, or None when it is missing (see `is_missing`)."""
    return None if is_missing(value) else as_date(value)
