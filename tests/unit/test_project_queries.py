"""Project aggregates in SQL (data.project_queries) on SQLite with a handful of rows."""

from __future__ import annotations

import datetime as dt

import pytest

from data import project_queries as pq
from data.db import session_scope
from tests.project_rows import add_projects

D = dt.date
ROWS = [
    # code, call, ecosystem, province, euros, start, synthetic
    ("P1", "ricerca-innova", "sostenibilita", "015", 100.0, D(2024, 3, 5), False),
    ("P2", "ricerca-innova", "sostenibilita", "015", 50.0, D(2024, 3, 20), True),
    ("P3", "ricerca-innova", "manifattura", "016", 70.0, D(2024, 4, 1), False),
    ("P4", "collabora-innova", "trasversale", "017", 30.0, None, False),
    ("P5", "collabora-innova", None, "015", None, D(2025, 1, 9), False),
    ("P6", None, "salute", "018", 10.0, D(2023, 12, 31), False),
]


@pytest.fixture
def url(seeded_url: str) -> str:
    add_projects(seeded_url, ROWS)
    return seeded_url


def test_cube_groups_by_call_province_and_month(url):
    with session_scope(url) as session:
        cube = pq.funding_cube(session)
    assert int(cube["projects"].sum()) == len(ROWS)
    march = cube[(cube["call_code"] == "ricerca-innova") & (cube["month"] == 3)]
    assert len(march) == 1  # P1 and P2 share call, province and month
    row = march.iloc[0]
    assert (row["projects"], row["funding_eur"], row["synthetic"]) == (2, 150.0, 1)
    assert row["synthetic_eur"] == 50.0
    assert row["province_code"] == "015" and row["year"] == 2024
    # an unknown start date is month 0; a project without a call has call_code None
    assert cube.loc[cube["call_code"] == "collabora-innova", "month"].min() == 0
    assert cube["call_code"].isna().sum() == 1


def test_missing_funding_is_not_counted_as_money(url):
    with session_scope(url) as session:
        cube = pq.funding_cube(session, call="collabora-innova")
    assert int(cube["projects"].sum()) == 2
    assert cube["funding_eur"].sum() == 30.0  # P5 has no amount: it adds nothing


def test_ecosystem_filter_keeps_cross_cutting_but_not_unassigned_projects(url):
    with session_scope(url) as session:
        cube = pq.funding_cube(session, ecosystem="sostenibilita")
    # P1, P2 (sostenibilita), P4 (cross-cutting); not P3, P6 (others), P5 (unassigned)
    assert int(cube["projects"].sum()) == 3
    assert cube["funding_eur"].sum() == 180.0


def test_public_drops_synthetic_projects(url):
    with session_scope(url) as session:
        cube = pq.funding_cube(session, public=True)
        listed = pq.call_projects(session, "ricerca-innova", public=True)
    assert int(cube["synthetic"].sum()) == 0 and int(cube["projects"].sum()) == 5
    assert "P2" not in set(listed["code"])


def test_by_ecosystem_and_province(url):
    with session_scope(url) as session:
        frame = pq.by_ecosystem_and_province(session)
    sust = frame[frame["ecosystem"] == "sostenibilita"]
    assert sust[["province_code", "projects", "funding_eur", "synthetic"]].values.tolist() == [
        ["015", 2, 150.0, 1]
    ]
    assert frame["ecosystem"].isna().sum() == 1  # P5, linked to no ecosystem
    assert int(frame["projects"].sum()) == len(ROWS)


def test_call_projects_lists_the_largest_first_and_caps(url):
    with session_scope(url) as session:
        listed = pq.call_projects(session, "ricerca-innova", limit=2)
        filtered = pq.call_projects(session, "ricerca-innova", ecosystem="manifattura")
        unknown = pq.call_projects(session, "no-such-call")
    assert listed["code"].tolist() == ["P1", "P3"]
    assert listed.columns.tolist() == pq.PROJECT_LIST_COLUMNS
    assert filtered["code"].tolist() == ["P3"]
    assert unknown.empty


def test_empty_table_gives_empty_frames(seeded_url):
    with session_scope(seeded_url) as session:
        cube = pq.funding_cube(session, ecosystem="salute")
        frame = pq.by_ecosystem_and_province(session)
    assert cube.empty and frame.empty
    assert {"projects", "funding_eur", "synthetic"} <= set(cube.columns)


def test_monthly_funding_gives_the_forecast_series_of_the_projects_themselves(url):
    from data.analysis.forecast import funding_series
    from data.queries import projects_frame

    with session_scope(url) as session:
        summed = pq.monthly_funding(session)
        every_project = projects_frame(session)
    assert len(summed) < len(every_project)  # P1 and P2 share a month: one row
    assert summed["start_date"].min() == D(2023, 12, 1)
    for by in ("ecosystem", "province"):
        assert funding_series(summed, by) == funding_series(every_project, by)


@pytest.mark.parametrize(
    "rows",
    [
        [],
        [("a", None, 3, 1.5, None), (None, "x", 0, None, 2.25), ("b", "y", 7, 0.1, 1e300)],
        [(None, None, 1, None, None), (None, None, 2, None, None)],
        [("a", "", 10**12, -0.0, float("nan"))],
    ],
)
def test_aggregate_frame_is_the_frame_of_the_rows_retyped(rows):
    """The column-wise frame equals pandas' frame of the row tuples, retyped as before."""
    pd = pytest.importorskip("pandas")
    keys, columns = ["call_code", "province_code"], ["projects", "funding_eur", "payments_eur"]
    expected = pd.DataFrame(rows, columns=[*keys, *columns])
    expected["projects"] = expected["projects"].astype("int64")
    for money in ("funding_eur", "payments_eur"):
        expected[money] = expected[money].astype("float64")
    frame = pq.aggregate_frame(rows, keys, columns)
    assert frame.dtypes.to_dict() == expected.dtypes.to_dict()
    pd.testing.assert_frame_equal(frame, expected)


def test_kept_statements_give_each_view_its_own_rows(url):
    # Each view's statement is built once and run again (the same object): views asked in
    # turn, and again, still get their own projects, never the previous view's.
    def view(ecosystem, call, public):
        with session_scope(url) as session:
            return (
                int(pq.funding_cube(session, ecosystem, call, public)["projects"].sum()),
                int(pq.by_province(session, ecosystem, public)["projects"].sum()),
            )

    views = [
        (None, None, False),
        ("sostenibilita", None, False),
        ("sostenibilita", None, True),
        (None, "collabora-innova", False),
        ("manifattura", "ricerca-innova", False),
    ]
    first = [view(*v) for v in views]
    # all six; P1, P2, P4; P2 is synthetic; P4, P5; P3 (the call's manifattura project) and
    # P4 is cross-cutting but in another call
    assert [cube for cube, _ in first] == [6, 3, 2, 2, 1]
    assert [view(*v) for v in reversed(views)] == list(reversed(first))
    assert pq._funding_cube_select("salute", None, False) is pq._funding_cube_select(
        "salute", None, False
    )


@pytest.mark.parametrize(
    "rows",
    [
        [],
        [("eco-a", "015", None, 3, 1.5), (None, None, "Lombardia", 1, None)],
        [(None, None, None, 2, 0.5), ("eco-b", "", "Italia", 4, 2.0), ("x", "016", "y", 1, 1.0)],
    ],
)
def test_places_and_objects_are_the_frame_retyped_after(rows):
    """places= and objects= give the frame that was retyped and masked after it was made."""
    pd = pytest.importorskip("pandas")
    keys, columns = ["ecosystem", "province_code", "localisation"], ["projects", "funding_eur"]
    expected = pq.aggregate_frame(rows, keys, columns)
    expected["province_code"] = expected["province_code"].fillna("").astype(str)
    own = expected["province_code"] != ""
    expected["localisation"] = expected["localisation"].fillna("").astype(str).where(~own, "")
    expected["ecosystem"] = (
        expected["ecosystem"].astype(object).where(expected["ecosystem"].notna(), None)
    )
    frame = pq.aggregate_frame(rows, keys, columns, places=True, objects=["ecosystem"])
    assert frame.dtypes.to_dict() == expected.dtypes.to_dict()
    pd.testing.assert_frame_equal(frame, expected, check_exact=True)
    assert frame["ecosystem"].tolist() == expected["ecosystem"].tolist()  # None, not NaN
