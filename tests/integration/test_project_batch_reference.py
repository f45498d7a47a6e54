"""project.import_batch_id still names an existing batch, without a row-by-row foreign key.

Migration 0008 replaced the foreign key by triggers (per statement on PostgreSQL, per row
on SQLite): a project cannot name a missing batch, and a batch that projects name cannot
be deleted. The same checks run on both databases.
"""

from __future__ import annotations

import pytest
from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import DBAPIError

from data.db import session_scope
from data.models import ImportBatch, Project

pytestmark = pytest.mark.integration


def _batch(url: str) -> int:
    with session_scope(url) as session:
        batch = ImportBatch(
            kind="projects", file_name="a.csv", sha256="", username="t", rows=0, outcome="committed"
        )
        session.add(batch)
        session.flush()
        return batch.id


def _project(code: str, batch_id: int | None) -> dict[str, object]:
    return {"code": code, "title": code, "import_batch_id": batch_id, "is_synthetic": False}


@pytest.fixture(params=["pg_url", "sqlite_url"])
def url(request: pytest.FixtureRequest) -> str:
    return str(request.getfixturevalue(request.param))


def test_a_project_cannot_name_a_missing_batch(url: str) -> None:
    batch_id = _batch(url)
    with session_scope(url) as session:  # many rows in one statement, one batch
        session.execute(insert(Project), [_project(f"P{n}", batch_id) for n in range(50)])
        session.execute(insert(Project), [_project("NONE", None)])
    for rows in ([_project("X1", batch_id + 1)], [_project("X2", batch_id), _project("X3", 999)]):
        with pytest.raises(DBAPIError, match="does not exist"), session_scope(url) as session:
            session.execute(insert(Project), rows)
    with pytest.raises(DBAPIError, match="does not exist"), session_scope(url) as session:
        session.execute(update(Project).where(Project.code == "P1").values(import_batch_id=999))
    with session_scope(url) as session:
        assert session.scalar(select(Project.import_batch_id).where(Project.code == "P1")) == (
            batch_id
        )
        assert not session.scalars(select(Project).where(Project.code.like("X%"))).all()


def test_a_batch_that_projects_name_cannot_be_deleted(url: str) -> None:
    named, unnamed = _batch(url), _batch(url)
    with session_scope(url) as session:
        session.execute(insert(Project), [_project("P1", named)])
    with pytest.raises(DBAPIError, match="cannot be deleted"), session_scope(url) as session:
        session.execute(delete(ImportBatch).where(ImportBatch.id == named))
    with pytest.raises(DBAPIError, match="cannot be deleted"), session_scope(url) as session:
        session.execute(update(ImportBatch).where(ImportBatch.id == named).values(id=named + 100))
    with session_scope(url) as session:
        session.execute(update(ImportBatch).where(ImportBatch.id == named).values(rows=1))
        session.execute(delete(ImportBatch).where(ImportBatch.id == unnamed))
        session.execute(delete(Project))
        session.execute(delete(ImportBatch).where(ImportBatch.id == named))
        assert session.scalars(select(ImportBatch)).all() == []
