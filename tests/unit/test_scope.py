"""The ecosystem scope (data.analysis.scope): one rule for indicators, calls, clusters, projects."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import select

from data import project_queries as pq
from data.analysis.scope import CROSS_CUTTING, EcosystemScope, role_of, s3_ecosystems
from data.db import session_scope
from data.models import Project
from tests.project_rows import add_projects

INDICATORS = pd.DataFrame(
    {"code": ["A", "B", "C", "D"], "ecosystem": ["salute", None, CROSS_CUTTING, "cultura"]}
)
CALLS = pd.DataFrame(
    {
        "code": ["c1", "c2", "c3", "c4"],
        "ecosystems": [["salute", "cultura"], [], [CROSS_CUTTING], ["cultura"]],
    }
)
CLUSTERS = pd.DataFrame(
    {
        "code": ["k1", "k2", "k3"],
        "reference_ecosystems": [["salute"], ["cultura"], ["manifattura"]],
        "synergy_ecosystems": [[], ["salute"], ["cultura"]],
    }
)


def test_unfiltered_scope_keeps_everything():
    scope = EcosystemScope(None)
    assert scope.indicators(INDICATORS) is INDICATORS
    assert scope.calls(CALLS) is CALLS
    assert scope.clusters(CLUSTERS) is CLUSTERS
    assert scope.project_codes() is None and scope.project_clause() is None


def test_indicators_and_calls_without_an_ecosystem_or_cross_cutting_serve_all():
    scope = EcosystemScope("salute")
    assert scope.indicators(INDICATORS)["code"].tolist() == ["A", "B", "C"]
    assert scope.calls(CALLS)["code"].tolist() == ["c1", "c2", "c3"]


def test_clusters_serve_by_reference_or_synergy():
    assert EcosystemScope("salute").clusters(CLUSTERS)["code"].tolist() == ["k1", "k2"]
    assert EcosystemScope("cultura").clusters(CLUSTERS)["code"].tolist() == ["k2", "k3"]
    assert role_of(["a"], ["a"], "a") == "reference_synergy"
    assert role_of(["a"], [], "b") == ""


def test_s3_ecosystems_leave_out_the_cross_cutting_bucket():
    frame = pd.DataFrame({"code": ["salute", CROSS_CUTTING, "cultura"]})
    assert s3_ecosystems(frame)["code"].tolist() == ["salute", "cultura"]


D = dt.date
ROWS = [
    ("P1", "ricerca-innova", "sostenibilita", "015", 100.0, D(2024, 3, 5), False),
    ("P2", "ricerca-innova", "manifattura", "016", 70.0, D(2024, 4, 1), False),
    ("P3", "collabora-innova", CROSS_CUTTING, "017", 30.0, None, False),
    ("P4", "collabora-innova", None, "015", None, D(2025, 1, 9), False),
]


@pytest.fixture
def url(seeded_url: str) -> str:
    add_projects(seeded_url, ROWS)
    return seeded_url


def test_the_sql_clause_keeps_the_ecosystem_and_cross_cutting_not_unassigned(url):
    clause = EcosystemScope("sostenibilita").project_clause()
    assert clause is not None
    with session_scope(url) as session:
        codes = set(session.scalars(select(Project.code).where(clause)))
        by_province = pq.by_province(session, ecosystem="sostenibilita")
        every = pq.by_province(session)
    assert codes == {"P1", "P3"}
    assert dict(zip(by_province["province_code"], by_province["projects"], strict=True)) == {
        "015": 1,
        "017": 1,
    }
    assert int(every["projects"].sum()) == len(ROWS)
