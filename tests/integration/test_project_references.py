"""project's references still name existing rows, without row-by-row foreign keys.

Migration 0008 replaced the foreign keys of project.import_batch_id, call_id and
ecosystem_id by triggers (per statement on PostgreSQL, per row on SQLite): a project
cannot name a missing row, and a row that projects name cannot be deleted or renumbered.
The same checks run on both databases.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import DBAPIError

from data.db import session_scope
from data.models import Ecosystem, FundingCall, ImportBatch, Project
from data.seeding import seed

pytestmark = pytest.mark.integration

REFERENCES = [
    ("import_batch_id", ImportBatch),
    ("call_id", FundingCall),
    ("ecosystem_id", Ecosystem),
]


def _batch(url: str) -> int:
    with session_scope(url) as session:
        batch = ImportBatch(
            kind="projects", file_name="a.csv", sha256="", username="t", rows=0, outcome="committed"
        )
        session.add(batch)
        session.flush()
        return batch.id


def _project(code: str, **references: int | None) -> dict[str, Any]:
    return {"code": code, "title": code, "is_synthetic": False, **references}


@pytest.fixture(params=["pg_url", "sqlite_url"])
def url(request: pytest.FixtureRequest) -> str:
    url = str(request.getfixturevalue(request.param))
    seed(url)
    _batch(url)
    return url


def _ids(url: str, model: Any) -> tuple[int, int]:
    """An id of `model` that exists and one that does not."""
    with session_scope(url) as session:
        low, high = session.execute(select(func.min(model.id), func.max(model.id))).one()
    return int(low), int(high) + 1


@pytest.mark.parametrize(("column", "model"), REFERENCES)
def test_a_project_cannot_name_a_missing_row(url: str, column: str, model: Any) -> None:
    present, missing = _ids(url, model)
    with session_scope(url) as session:  # many rows in one statement naming one row
        rows = [_project(f"P{n}", **{column: present}) for n in range(50)]
        session.execute(insert(Project), [*rows, _project("NONE")])
    for rows in (
        [_project("X1", **{column: missing})],
        [_project("X2", **{column: present}), _project("X3", **{column: missing})],
    ):
        with pytest.raises(DBAPIError, match="does not exist"), session_scope(url) as session:
            session.execute(insert(Project), rows)
    with pytest.raises(DBAPIError, match="does not exist"), session_scope(url) as session:
        session.execute(update(Project).where(Project.code == "P1").values({column: missing}))
    with session_scope(url) as session:
        named = session.scalar(select(getattr(Project, column)).where(Project.code == "P1"))
        assert named == present
        assert not session.scalars(select(Project).where(Project.code.like("X%"))).all()


@pytest.mark.parametrize(("column", "model"), REFERENCES)
def test_a_row_that_projects_name_cannot_be_deleted(url: str, column: str, model: Any) -> None:
    present, _ = _ids(url, model)
    with session_scope(url) as session:
        session.execute(insert(Project), [_project("P1", **{column: present})])
    with pytest.raises(DBAPIError, match="cannot be deleted"), session_scope(url) as session:
        session.execute(delete(model).where(model.id == present))
    with session_scope(url) as session:
        assert session.get(model, present) is not None
        session.execute(delete(Project))
        session.execute(delete(model).where(model.id == present))  # named by none now
        assert session.get(model, present) is None


def test_a_batch_that_projects_name_cannot_be_renumbered(url: str) -> None:
    present, _ = _ids(url, ImportBatch)
    with session_scope(url) as session:
        session.execute(insert(Project), [_project("P1", import_batch_id=present)])
    with pytest.raises(DBAPIError, match="cannot be deleted"), session_scope(url) as session:
        session.execute(update(ImportBatch).where(ImportBatch.id == present).values(id=present + 9))
    with session_scope(url) as session:  # other changes of a named batch are fine
        session.execute(update(ImportBatch).where(ImportBatch.id == present).values(rows=3))
        assert session.scalar(select(ImportBatch.rows).where(ImportBatch.id == present)) == 3
