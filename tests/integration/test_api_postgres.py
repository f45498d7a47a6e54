"""Open data API against PostgreSQL: the same endpoints, contracts and traps as the unit tests,
SQL pagination on a real server, the seed's totals, and the Redis-shared cache.

The sample rows and the response checks are those of tests/unit/test_api.py, imported from it
so that both suites check the same things.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import update

from data.db import bump_data_version, session_scope
from data.models import Cluster
from tests.conftest import make_app
from tests.unit import test_api as unit

pytestmark = pytest.mark.integration


@pytest.fixture
def pg_sample_url(pg_url: str) -> str:
    unit.fill_sample_data(pg_url)
    return pg_url


@pytest.fixture
def pg_client(pg_sample_url: str) -> Any:
    """The whole application (both Dash apps and the API) on the sample rows in PostgreSQL."""
    return make_app(pg_sample_url).test_client()


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return unit.build_document()


def test_every_endpoint_on_postgres(pg_client: Any, document: dict[str, Any]) -> None:
    everything = unit.check_all_endpoints(pg_client, document)
    assert [c["code"] for c in everything["clusters"]] == ["CL-A", "CL-B"]
    assert [i["code"] for i in everything["indicators"]] == ["IND-PUB", "IND-EMPTY"]
    assert [c["code"] for c in everything["calls"]] == ["CALL-PUB"]
    assert [p["code"] for p in everything["projects"]] == unit.REAL_PROJECTS


def test_published_only_and_nd_on_postgres(pg_client: Any) -> None:
    indicator = unit.get_json(pg_client, "/api/v1/indicators")["data"][0]
    assert indicator["baseline_value"] is None
    assert [o["value"] for o in indicator["observations"]] == [-1.5, 10.5, None]
    call = unit.get_json(pg_client, "/api/v1/calls")["data"][0]
    assert call["requested_eur"] is None and call["granted_eur"] == 583_400.5
    for fmt in ("", "&format=csv"):
        for name in unit.ENDPOINTS:
            text = pg_client.get(f"/api/v1/{name}?limit=1000{fmt}").get_data(as_text=True)
            for secret in ("IND-HIDDEN", "CALL-HIDDEN", "SYN-001"):
                assert secret not in text


def test_sql_pagination_on_postgres(pg_client: Any) -> None:
    body = unit.get_json(pg_client, "/api/v1/projects?limit=2&offset=3")
    assert [p["code"] for p in body["data"]] == ["P004", "P005"]
    assert (body["meta"]["count"], body["meta"]["total"]) == (2, 5)
    beyond = unit.get_json(pg_client, "/api/v1/projects?offset=2147483647")
    assert beyond["data"] == [] and beyond["meta"]["total"] == 5


def test_errors_on_postgres(pg_client: Any) -> None:
    unit.assert_error(pg_client.get("/api/v1/projects?limit=1001"), 400, "limit")
    unit.assert_error(pg_client.get("/api/v1/projects?offset=-1"), 400, "offset")
    unit.assert_error(pg_client.get("/api/v1/nope"), 404)


def test_csv_on_postgres(pg_client: Any) -> None:
    _, rows, _ = unit.get_csv(pg_client, "/api/v1/calls?format=csv")
    assert rows[0]["name"] == "'" + unit.FORMULA_CALL_NAME
    assert rows[0]["budget_eur"] == "1000000" and rows[0]["requested_eur"] == ""


@unit.needs_seed
def test_seed_totals_on_postgres(pg_url: str, document: dict[str, Any]) -> None:
    from data.seeding import seed

    seed(pg_url)
    client = make_app(pg_url).test_client()
    everything = unit.check_all_endpoints(client, document)
    clusters = everything["clusters"]
    assert len(clusters) == 9
    totals = [
        sum(c[field] for c in clusters)
        for field in ("members_total", "members_firms", "members_research", "members_other")
    ]
    assert totals == [755, 555, 109, 91]
    for cluster in clusters:
        assert cluster["members_total"] == (
            cluster["members_firms"] + cluster["members_research"] + cluster["members_other"]
        )


def test_shared_redis_cache(pg_sample_url: str, redis_url: str) -> None:
    """Two app instances on one Redis: the cached list is shared, and a version bump seen
    by one is seen by the other."""
    first = make_app(pg_sample_url, REDIS_URL=redis_url).test_client()
    second = make_app(pg_sample_url, REDIS_URL=redis_url).test_client()
    assert unit.get_json(first, "/api/v1/clusters")["data"][0]["name"] == "Cluster Alpha"
    with session_scope(pg_sample_url) as s:
        s.execute(update(Cluster).where(Cluster.code == "CL-A").values(name="Renamed"))
    # Not bumped: the second instance serves what the first one cached in Redis.
    assert unit.get_json(second, "/api/v1/clusters")["data"][0]["name"] == "Cluster Alpha"
    with session_scope(pg_sample_url) as s:
        bump_data_version(s)
    names = {c["name"] for c in unit.get_json(second, "/api/v1/clusters")["data"]}
    assert names == {"Renamed", "Cluster Beta"}
