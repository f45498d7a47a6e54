"""context series: Eurostat regional R&D / HRST values per region, measure and year

Revision ID: 0006
Revises: 0005 (chained after issue 12's 0005 at merge)
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "context_series",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("measure", sa.String(length=60), nullable=False),
        sa.Column("region_code", sa.String(length=20), nullable=False),
        sa.Column("region_name", sa.String(length=200), nullable=False),
        sa.Column("nuts_level", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(length=30), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("extracted", sa.String(length=10), nullable=False),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["import_batch_id"], ["import_batch.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("measure", "region_code", "year", name="uq_context_series_year"),
    )
    op.create_index(
        op.f("ix_context_series_measure"), "context_series", ["measure"], unique=False
    )
    op.create_index(
        op.f("ix_context_series_region_code"), "context_series", ["region_code"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_context_series_region_code"), table_name="context_series")
    op.drop_index(op.f("ix_context_series_measure"), table_name="context_series")
    op.drop_table("context_series")
