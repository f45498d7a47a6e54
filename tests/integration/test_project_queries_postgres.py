"""The project aggregates on real PostgreSQL: month extraction, casts and filters agree."""

from __future__ import annotations

import datetime as dt

from data import project_queries as pq
from data.db import session_scope
from data.seeding import seed
from tests.project_rows import add_projects

D = dt.date


def test_cube_and_lists_on_postgres(pg_url):
    seed(pg_url)
    add_projects(
        pg_url,
        [
            ("P1", "ricerca-innova", "sostenibilita", "015", 100.0, D(2024, 3, 5), False),
            ("P2", "ricerca-innova", "sostenibilita", "015", 50.5, D(2024, 3, 20), True),
            ("P3", "ricerca-innova", "manifattura", "016", 70.0, None, False),
            ("P4", None, None, "017", None, D(2025, 1, 1), False),
        ],
    )
    with session_scope(pg_url) as session:
        cube = pq.funding_cube(session, ecosystem="sostenibilita")
        every = pq.by_ecosystem_and_province(session, public=True)
        listed = pq.call_projects(session, "ricerca-innova", limit=10)
    march = cube[(cube["year"] == 2024) & (cube["month"] == 3)].iloc[0]
    assert (march["projects"], march["funding_eur"], march["synthetic"]) == (2, 150.5, 1)
    assert int(cube["projects"].sum()) == 2  # P1, P2; not P3 (manifattura), P4 (unassigned)
    assert int(every["projects"].sum()) == 3  # P2 is synthetic
    assert listed["code"].tolist() == ["P1", "P3", "P2"]
