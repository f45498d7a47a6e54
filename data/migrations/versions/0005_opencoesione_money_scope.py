"""OpenCoesione projects: named money, programme and procedure, localisation, warnings

`project` gains the net public funding, commitments and payments beside the gross
`public_funding_eur`, the programme and activation-procedure codes, how the project is
localised (one province, region-wide, several), the mapping rule behind its ecosystem and
the source's inconsistencies; `import_batch.report` keeps what an import skipped and
flagged. Hand-written; batch mode so SQLite copies the table.

Revision ID: 0005
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0003"
branch_labels = None
depends_on = None

MONEY = sa.Numeric(16, 2)
PROJECT_TEXT = (
    ("programme_code", sa.String(40)),
    ("procedure_code", sa.String(60)),
    ("localisation", sa.String(10)),
    ("ecosystem_rule", sa.String(300)),
    ("warnings", sa.Text()),
)


def upgrade() -> None:
    with op.batch_alter_table("project", schema=None) as batch_op:
        for name in ("net_funding_eur", "commitments_eur", "payments_eur"):
            batch_op.add_column(sa.Column(name, MONEY, nullable=True))
        for name, type_ in PROJECT_TEXT:
            batch_op.add_column(sa.Column(name, type_, nullable=False, server_default=""))
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.add_column(sa.Column("report", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.drop_column("report")
    with op.batch_alter_table("project", schema=None) as batch_op:
        for name, _ in reversed(PROJECT_TEXT):
            batch_op.drop_column(name)
        for name in ("payments_eur", "commitments_eur", "net_funding_eur"):
            batch_op.drop_column(name)
