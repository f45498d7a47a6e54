"""Context series on PostgreSQL: the shipped files through the importer, the SQL rank, the API."""

from __future__ import annotations

from typing import Any

import pytest

from data.context import EU27_COUNTRIES, rank_frame, seed_context, series_frame
from data.db import session_scope
from tests.conftest import make_app

pytestmark = pytest.mark.integration


def test_shipped_context_on_postgres(pg_url: str) -> None:
    loaded = seed_context(pg_url)
    assert loaded["rd_e_gerdreg_total_pc_gdp"] > 6000
    assert seed_context(pg_url) == loaded  # idempotent
    with session_scope(pg_url) as session:
        frame = series_frame(session, "rd_e_gerdreg_total_pc_gdp", ["ITC4", "DE1"])
        ranks = rank_frame(session, "rd_e_gerdreg_total_pc_gdp").set_index("year")
        every = series_frame(session, "rd_e_gerdreg_total_pc_gdp")
    values = frame.set_index(["region_code", "year"])["value"]
    assert values[("ITC4", 2019)] == 1.34 and values[("DE1", 2019)] == 5.74
    nuts2 = every[(every["year"] == 2019) & (every["nuts_level"] == 2)]
    nuts2 = nuts2[nuts2["region_code"].str[:2].isin(EU27_COUNTRIES)]
    assert ranks.loc[2019, "regions"] == len(nuts2)
    assert ranks.loc[2019, "rank"] == int((nuts2["value"] > 1.34).sum()) + 1
    client: Any = make_app(pg_url).test_client()
    body = client.get("/api/v1/context?measure=rd_e_gerdreg_total_pc_gdp&region=ITC4").get_json()
    assert {r["year"]: r["value"] for r in body["data"]}[2019] == 1.34
