"""`s3dash demo`: deterministic synthetic projects, marked synthetic everywhere, never public,
watermarked on internal pages, removable without touching real projects."""

from __future__ import annotations

import csv
import io
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from data import demo
from data.cli import main
from data.db import current_data_version, session_scope
from data.importers.dispatch import import_file
from data.models import CallEcosystem, Ecosystem, FundingCall, ImportBatch, Project
from tests.conftest import make_app
from tests.dash_client import call_callback
from tests.opencoesione_files import oc_bytes, oc_row


def rows(url: str) -> list[tuple[Any, ...]]:
    with session_scope(url) as session:
        stmt = select(
            Project.code,
            Project.title,
            Project.call_id,
            Project.ecosystem_id,
            Project.province_code,
            Project.public_funding_eur,
            Project.start_date,
            Project.end_date,
            Project.is_synthetic,
            Project.source,
        ).order_by(Project.code)
        return [tuple(r) for r in session.execute(stmt)]


def version(url: str) -> int:
    with session_scope(url) as session:
        return current_data_version(session)


@pytest.fixture
def with_real_project(seeded_url: str) -> str:
    assert import_file(seeded_url, "projects", oc_bytes([oc_row(1)]), "oc.csv").ok
    return seeded_url


def test_deterministic_for_a_seed(seeded_url: str, tmp_path: Path) -> None:
    demo.generate(seeded_url, 300, seed=7)
    first = rows(seeded_url)
    demo.generate(seeded_url, 300, seed=7)  # replaces, does not add
    assert rows(seeded_url) == first
    demo.generate(seeded_url, 300, seed=8)
    assert rows(seeded_url) != first
    assert len(first) == 300


def test_marked_synthetic_with_plausible_values(seeded_url: str) -> None:
    start = version(seeded_url)
    result = demo.generate(seeded_url, 2000, seed=1)
    assert version(seeded_url) > start  # caches move on
    found = rows(seeded_url)
    assert [r[0] for r in found[:2]] == ["DEMO-000001", "DEMO-000002"]
    assert all(r[8] is True and r[9] == demo.SOURCE for r in found)
    provinces = Counter(r[4] for r in found)
    assert set(provinces) <= set(demo.PROVINCE_WEIGHTS)
    assert provinces.most_common(1)[0][0] == "015"  # Milano largest
    amounts = sorted(r[5] for r in found)
    assert all(isinstance(a, Decimal) for a in amounts)
    assert Decimal(demo.AMOUNT_MIN_EUR) <= amounts[0] < amounts[len(amounts) // 2] < amounts[-1]
    assert {r[6].year for r in found} == {2023, 2024, 2025, 2026}
    assert all(r[7] > r[6] for r in found)
    with session_scope(seeded_url) as session:
        batch = session.get(ImportBatch, result.batch_id)
        assert batch is not None
        assert (batch.is_synthetic, batch.rows, batch.kind) == (True, 2000, "projects")


def test_projects_respect_their_calls_ecosystems(seeded_url: str) -> None:
    demo.generate(seeded_url, 1500, seed=3)
    with session_scope(seeded_url) as session:
        codes = dict(session.execute(select(Ecosystem.id, Ecosystem.code)).all())
        linked: dict[int, set[str]] = {}
        for call_id, eco_id in session.execute(
            select(CallEcosystem.call_id, CallEcosystem.ecosystem_id)
        ):
            linked.setdefault(call_id, set()).add(codes[eco_id])
        calls = set(session.scalars(select(FundingCall.id)))
        s3 = set(demo.ECOSYSTEM_WEIGHTS)
        projects = session.execute(select(Project.call_id, Project.ecosystem_id)).all()
        for project_call, project_ecosystem in projects:
            assert project_call is not None and project_call in calls
            assert project_ecosystem is not None
            own = linked.get(project_call, set())
            if not own or own == {"trasversale"}:  # open to all: one of the eight
                assert codes[project_ecosystem] in s3
            else:
                assert codes[project_ecosystem] in own


def test_remove_deletes_only_synthetic_rows(with_real_project: str) -> None:
    url = with_real_project
    demo.generate(url, 50, seed=1)
    start = version(url)
    removed = demo.remove(url)
    assert removed.rows == 50
    assert [r[0] for r in rows(url)] == ["1LOMBFESR0000001"]
    assert version(url) > start
    assert demo.remove(url).rows == 0  # nothing left to remove


def test_needs_seeded_calls(sqlite_url: str) -> None:
    with pytest.raises(demo.DemoError, match="s3dash seed"):
        demo.generate(sqlite_url, 10)


def test_cli_demo_and_remove(seeded_url: str) -> None:
    runner = CliRunner()
    env = {"DATABASE_URL": seeded_url}
    done = runner.invoke(main, ["demo", "--projects", "120", "--seed", "5"], env=env)
    assert done.exit_code == 0, done.output
    assert "synthetic demo projects loaded: 120" in done.output
    assert len(rows(seeded_url)) == 120
    assert runner.invoke(main, ["demo"], env=env).exit_code == 2  # nothing asked
    assert runner.invoke(main, ["demo", "--projects", "0"], env=env).exit_code == 2
    negative = runner.invoke(main, ["demo", "--projects", "5", "--seed", "-1"], env=env)
    assert negative.exit_code == 2 and "Traceback" not in negative.output
    removed = runner.invoke(main, ["demo", "--remove"], env=env)
    assert removed.exit_code == 0 and "removed: 120" in removed.output
    assert rows(seeded_url) == []


# --- never public, always watermarked ----------------------------------------------------


def test_api_never_returns_synthetic_projects(with_real_project: str) -> None:
    demo.generate(with_real_project, 40, seed=2)
    client = make_app(with_real_project).test_client()
    body = client.get("/api/v1/projects?limit=1000").get_json()
    listed = body["data"] if isinstance(body, dict) and "data" in body else body
    text = str(body)
    assert "DEMO-" not in text and demo.SOURCE not in text
    assert "1LOMBFESR0000001" in str(listed)
    csv_text = client.get("/api/v1/projects?format=csv&limit=1000").get_data(as_text=True)
    codes = [r["code"] for r in csv.DictReader(io.StringIO(csv_text))]
    assert codes == ["1LOMBFESR0000001"]


def test_internal_pages_carry_the_synthetic_banner(with_real_project: str) -> None:
    client = make_app(with_real_project).test_client()

    def header(path: str) -> str:
        status, body = call_callback(
            client, "/", {"shell-url.pathname": path, "shell-url.search": ""}
        )
        assert status == 200, body
        return str(body["response"])

    assert "s3-synthetic" not in header("/funding")
    demo.generate(with_real_project, 30, seed=2)
    for path in ("/", "/funding", "/data"):
        assert "s3-synthetic" in header(path), path
    demo.remove(with_real_project)
    assert "s3-synthetic" not in header("/funding")


def test_history_names_the_demo_entries_in_both_languages(seeded_url: str) -> None:
    from dashboard.pages.data_admin import history_section
    from data.publishing import history_frame

    demo.generate(seeded_url, 10, seed=1)
    demo.remove(seeded_url)
    with session_scope(seeded_url) as session:
        history = history_frame(session)
    assert list(history["outcome"][:2]) == ["removed", "committed"]
    assert not history["undoable"][:2].any()  # demo data go with --remove, not undo
    assert "dati dimostrativi rimossi" in str(history_section(history, "it", can_write=True))
    assert "demo data removed" in str(history_section(history, "en", can_write=True))


def test_a_real_import_cannot_take_over_a_synthetic_code(seeded_url: str) -> None:
    demo.generate(seeded_url, 5, seed=1)
    before = rows(seeded_url)
    content = (
        b"code,title,start_date,end_date,source\n"
        b"DEMO-000002,Progetto vero,2024-01-01,2025-01-01,test\n"
        b"REAL-1,Progetto al contrario,2025-01-01,2024-01-01,test\n"
    )
    result = import_file(seeded_url, "projects", content, "projects.csv")
    assert result.outcome == "refused"
    found = {(p.row, p.column): p.message for p in result.problems}
    assert "synthetic demo project" in found[(2, "code")]
    assert "ends (2024-01-01) before it starts (2025-01-01)" in found[(3, "end_date")]
    assert rows(seeded_url) == before
