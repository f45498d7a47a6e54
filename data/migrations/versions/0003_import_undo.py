"""import undo: what a batch replaced, and the batch an undo or publish acted on

`import_batch.replaced` holds, as JSON, the ids of the rows a committed batch inserted and
the previous values of the rows it updated, so `undo_batch` can restore them;
`import_batch.target_batch_id` links an "undo" or "published" audit entry to the batch it
acted on. Hand-written; batch mode so SQLite, which cannot ALTER a table in place, copies
the table instead.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.add_column(sa.Column("replaced", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("target_batch_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_import_batch_target_batch_id_import_batch",
            "import_batch",
            ["target_batch_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.drop_constraint("fk_import_batch_target_batch_id_import_batch", type_="foreignkey")
        batch_op.drop_column("target_batch_id")
        batch_op.drop_column("replaced")
