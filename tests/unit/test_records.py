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
