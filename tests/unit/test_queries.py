"""Frame reads of data.queries against the plain pandas construction they replace."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from data import queries
from data.db import column_rows, session_scope


def _calls_as_before(session, public):
    # The frame of rows, money retyped and the links assigned after (the construction
    # calls_frame replaced).
    frame = pd.DataFrame(
        column_rows(session, queries._calls_select(public)), columns=queries.CALL_COLUMNS
    )
    for col in queries.MONEY_COLUMNS:
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("float64")
    links: dict[str, list[str]] = {}
    for call, ecosystem in column_rows(session, queries._call_links_select()):
        links.setdefault(call, []).append(ecosystem)
    frame["ecosystems"] = [links.get(c, []) for c in frame["code"]]
    return frame


@pytest.mark.parametrize("public", [False, True])
def test_calls_frame_equals_the_frame_retyped_after(
    seeded_url, tmp_path, database_templates, public
):
    # and an empty database: no rows, every column as pandas types an empty one
    empty_url = database_templates.migrated_copy(tmp_path / "empty.db")
    sizes = []
    for url in (seeded_url, empty_url):
        with session_scope(url) as session:
            built, before = queries.calls_frame(session, public), _calls_as_before(session, public)
        pd.testing.assert_frame_equal(built, before, check_exact=True)
        assert list(built.dtypes) == list(before.dtypes)
        sizes.append(len(built))
    assert sizes[0] > 10 and sizes[1] == 0


def test_money_array_gives_pandas_doubles():
    values = [
        Decimal("0.10"),
        Decimal("12345678901234.57"),  # 16 digits: more than a double holds
        Decimal("-0.00"),
        None,
        Decimal("99999999999999.99"),
        7,
        2.5,
        Decimal("NaN"),
    ]
    expected = pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").astype("float64")
    got = queries.money_array(values)
    assert got.dtype == np.float64
    np.testing.assert_array_equal(got, expected.to_numpy())
    assert np.signbit(got[2]) == np.signbit(expected.to_numpy()[2])
    assert queries.money_array([]).dtype == np.float64
