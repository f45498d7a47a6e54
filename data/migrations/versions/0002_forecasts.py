"""forecasts: n_points, stale flag and error on forecast_run; index on forecast_point.run_id

A failed refresh keeps the previous run as the series' forecast, marked `stale` with the
`error`; `n_points` says how many points the model saw (or why it could not fit). The new
NOT NULL columns carry server defaults so existing rows get a value. Hand-written; batch
mode so SQLite, which cannot ALTER a column, copies the table instead.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("forecast_run", schema=None) as batch_op:
        batch_op.add_column(sa.Column("n_points", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(
            sa.Column("stale", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("error", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("forecast_point", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_forecast_point_run_id"), ["run_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("forecast_point", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_forecast_point_run_id"))
    with op.batch_alter_table("forecast_run", schema=None) as batch_op:
        batch_op.drop_column("error")
        batch_op.drop_column("stale")
        batch_op.drop_column("n_points")
