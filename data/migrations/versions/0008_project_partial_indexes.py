"""project: partial indexes, none on province_code (bulk imports write fewer index entries)

A bulk OpenCoesione import inserts a million projects in one statement, and every index
of `project` takes an entry per row. `call_id` and `ecosystem_id` are looked up by value
(a call's or an ecosystem's projects), never for NULL: their indexes keep the linked rows
only. `is_synthetic` is looked up for the synthetic rows only (demo removal): its index
keeps those, in the form the queries write. `province_code` is only grouped by over the whole table: no index. Plain
SQL indexes, so SQLite (3.8+ has partial indexes) gets the same ones.

Revision ID: 0008
Revises: 0007
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

PARTIAL = (
    ("ix_project_call_id", "call_id", "call_id IS NOT NULL"),
    ("ix_project_ecosystem_id", "ecosystem_id", "ecosystem_id IS NOT NULL"),
)
# In the form the queries write (`Project.is_synthetic.is_(True)`), so the planner proves it.
SYNTHETIC = {"postgresql": "is_synthetic IS true", "sqlite": "is_synthetic IS 1"}


def upgrade() -> None:
    op.drop_index("ix_project_province_code", table_name="project")
    for name, column, where in PARTIAL:
        op.drop_index(name, table_name="project")
        op.execute(f"CREATE INDEX {name} ON project ({column}) WHERE {where}")
    op.drop_index("ix_project_is_synthetic", table_name="project")
    where = SYNTHETIC[op.get_bind().dialect.name]
    op.execute(f"CREATE INDEX ix_project_is_synthetic ON project (is_synthetic) WHERE {where}")


def downgrade() -> None:
    for name, column, _ in (*PARTIAL, ("ix_project_is_synthetic", "is_synthetic", "")):
        op.drop_index(name, table_name="project")
        op.create_index(name, "project", [column])
    op.create_index("ix_project_province_code", "project", ["province_code"])
