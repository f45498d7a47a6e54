"""`records()`: a frame's rows as dicts keyed by column name, as pandas gives them."""

import pandas as pd

from data.analysis.records import records


def test_rows_keep_their_column_types_and_missing_values():
    frame = pd.DataFrame({"code": ["A", "B"], "n": [1, 2], "value": [0.5, None]})
    rows = records(frame)
    assert pd.DataFrame(rows).equals(frame)  # NaN != NaN, so compare as frames
    assert rows[0] == {"code": "A", "n": 1, "value": 0.5}
    assert type(rows[0]["n"]) is int  # a plain Python int, not numpy's
    assert pd.isna(rows[1]["value"])


def test_an_empty_frame_has_no_records():
    assert records(pd.DataFrame(columns=["code"])) == []


def test_every_kind_of_column_gives_what_to_dict_gives():
    import datetime as dt

    import numpy as np

    frame = pd.DataFrame(
        {
            "text": pd.Series(["a", None], dtype="str"),
            "count": [1, 2],
            "amount": [1.5, np.nan],
            "flag": [True, False],
            "when": pd.Series([pd.Timestamp("2024-01-31"), pd.NaT]),
            "day": [dt.date(2024, 1, 31), None],
            "codes": [["x", "y"], []],
            # numpy scalars in an object column: to_dict boxes them as Python values
            "mixed": pd.Series([np.float64(2.5), np.int64(3)], dtype=object),
            "stamp": pd.Series([np.datetime64("2024-02-29"), "n.d."], dtype=object),
        }
    )
    masked = frame.assign(
        nullable=pd.array([4, None], dtype="Int64"),
        strict_text=pd.Series(["b", None], dtype="string"),  # missing: NA, not NaN
    )
    for checked in (frame, masked):
        _same_as_to_dict(records(checked), checked.to_dict("records"))


def _same_as_to_dict(mine: list[dict], theirs: list[dict]) -> None:
    assert len(mine) == len(theirs) == 2
    for ours, pandas_row in zip(mine, theirs, strict=True):
        assert list(ours) == list(pandas_row)
        for key, value in pandas_row.items():
            assert type(ours[key]) is type(value), key
            assert ours[key] == value or (pd.isna(value) and pd.isna(ours[key])), key
