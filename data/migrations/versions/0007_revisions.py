"""revisions: observation and indicator history, version counters for concurrent edits

`observation_revision` and `indicator_revision` keep every change made in the app (who,
when, why, old and new); `observation.version` and `indicator.version` let a correction
detect that someone else changed the row meanwhile. Hand-written; batch mode for SQLite.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("observation", "indicator"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("version", sa.Integer(), nullable=False, server_default="1")
            )
    op.create_table(
        "observation_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("observation_id", sa.Integer(), nullable=True),
        sa.Column("indicator_code", sa.String(length=40), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("old_value", sa.Float(), nullable=True),
        sa.Column("new_value", sa.Float(), nullable=True),
        sa.Column("old_status", sa.String(length=20), nullable=False),
        sa.Column("new_status", sa.String(length=20), nullable=False),
        sa.Column("old_source", sa.Text(), nullable=False),
        sa.Column("new_source", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["import_batch_id"], ["import_batch.id"]),
        sa.ForeignKeyConstraint(["observation_id"], ["observation.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_observation_revision_observation_id", "observation_revision", ["observation_id"]
    )
    op.create_index(
        "ix_observation_revision_indicator_code", "observation_revision", ["indicator_code"]
    )
    op.create_table(
        "indicator_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=True),
        sa.Column("indicator_code", sa.String(length=40), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=False),
        sa.Column("new_value", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["import_batch_id"], ["import_batch.id"]),
        sa.ForeignKeyConstraint(["indicator_id"], ["indicator.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_indicator_revision_indicator_id", "indicator_revision", ["indicator_id"])
    op.create_index(
        "ix_indicator_revision_indicator_code", "indicator_revision", ["indicator_code"]
    )


def downgrade() -> None:
    op.drop_index("ix_indicator_revision_indicator_code", table_name="indicator_revision")
    op.drop_index("ix_indicator_revision_indicator_id", table_name="indicator_revision")
    op.drop_table("indicator_revision")
    op.drop_index("ix_observation_revision_indicator_code", table_name="observation_revision")
    op.drop_index("ix_observation_revision_observation_id", table_name="observation_revision")
    op.drop_table("observation_revision")
    for table in ("indicator", "observation"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")
