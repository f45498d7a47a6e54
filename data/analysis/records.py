"""A DataFrame's rows as plain dicts keyed by column name, typed for the code that reads them."""

from typing import Any

import pandas as pd


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """`frame.to_dict("records")`, typed by column name.

    pandas types a record's keys as Hashable, as a column may be named by any value; ours are
    all named by strings, and the functions that read a record take `Mapping[str, Any]`.
    """
    return frame.to_dict("records", into=dict)
