"""report generations: when a report was issued, so "what changed" starts at the previous one

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_generation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("covers_since", sa.DateTime(), nullable=False),
        sa.Column("basis", sa.String(length=20), nullable=False),
        sa.Column("scope", sa.String(length=300), nullable=False),
        sa.Column("lang", sa.String(length=5), nullable=False),
        sa.Column("data_version", sa.Integer(), nullable=False),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["import_batch_id"], ["import_batch.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_report_generation_created_at", "report_generation", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_report_generation_created_at", table_name="report_generation")
    op.drop_table("report_generation")
