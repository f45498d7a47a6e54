"""project: bulk-insert friendly — partial indexes, and the batch reference checked per statement

A bulk OpenCoesione import inserts a million projects in one statement, and each index
and foreign key of `project` costs something per row.

- `call_id` and `ecosystem_id` are looked up by value (a call's or an ecosystem's
  projects), never for NULL: their indexes keep the linked rows only. `is_synthetic` is
  looked up for the synthetic rows only (demo removal): its index keeps those, in the form
  the queries write. `province_code` is only grouped by over the whole table: no index.
- `import_batch_id`: the import's batch row is inserted in the same transaction, and
  PostgreSQL's row-by-row foreign key check on a row of one's own transaction costs about
  as much as the rest of the insert. The foreign key becomes a check per statement, as
  strict: on PostgreSQL, triggers over the statement's transition tables lock the batches
  the new rows name (FOR KEY SHARE, as the foreign key does) and refuse a missing one, and
  refuse deleting (or renumbering) a batch that projects still name; on SQLite, row
  triggers say the same (it has no bulk path to speed up).

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
PG_FK = "project_import_batch_id_fkey"
# SQLite's foreign key has no name: batch mode finds it through this convention.
SQLITE_NAMING = {"fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s"}
SQLITE_FK = "fk_project_import_batch_id_import_batch"
MISSING = "the import batch named by a project does not exist"
REFERENCED = "an import batch named by projects cannot be deleted"

PG_UP = f"""
CREATE FUNCTION project_batch_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    wanted integer[];
    found integer;
BEGIN
    wanted := ARRAY(
        SELECT DISTINCT import_batch_id FROM new_rows WHERE import_batch_id IS NOT NULL
    );
    IF cardinality(wanted) = 0 THEN
        RETURN NULL;
    END IF;
    -- Locked as a foreign key locks them: no batch can be deleted under these rows.
    PERFORM 1 FROM import_batch WHERE id = ANY(wanted) FOR KEY SHARE;
    GET DIAGNOSTICS found = ROW_COUNT;
    IF found < cardinality(wanted) THEN
        RAISE EXCEPTION '{MISSING}' USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER project_batch_check_insert AFTER INSERT ON project
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION project_batch_check();
CREATE TRIGGER project_batch_check_update AFTER UPDATE ON project
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION project_batch_check();
CREATE FUNCTION import_batch_referenced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    gone integer[];
BEGIN
    gone := ARRAY(
        SELECT o.id FROM old_rows o
        WHERE NOT EXISTS (SELECT 1 FROM import_batch b WHERE b.id = o.id)
    );
    IF cardinality(gone) > 0
        AND EXISTS (SELECT 1 FROM project WHERE import_batch_id = ANY(gone)) THEN
        RAISE EXCEPTION '{REFERENCED}' USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER import_batch_referenced_delete AFTER DELETE ON import_batch
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
    EXECUTE FUNCTION import_batch_referenced();
CREATE TRIGGER import_batch_referenced_update AFTER UPDATE ON import_batch
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
    EXECUTE FUNCTION import_batch_referenced();
"""
PG_DOWN = """
DROP TRIGGER import_batch_referenced_update ON import_batch;
DROP TRIGGER import_batch_referenced_delete ON import_batch;
DROP FUNCTION import_batch_referenced();
DROP TRIGGER project_batch_check_update ON project;
DROP TRIGGER project_batch_check_insert ON project;
DROP FUNCTION project_batch_check();
"""
_SQLITE_MISSING = (
    "WHEN NEW.import_batch_id IS NOT NULL AND NOT EXISTS "
    "(SELECT 1 FROM import_batch WHERE id = NEW.import_batch_id) "
    f"BEGIN SELECT RAISE(ABORT, '{MISSING}'); END"
)
_SQLITE_REFERENCED = (
    "WHEN EXISTS (SELECT 1 FROM project WHERE import_batch_id = OLD.id) "
    f"BEGIN SELECT RAISE(ABORT, '{REFERENCED}'); END"
)
SQLITE_UP = (
    f"CREATE TRIGGER project_batch_check_insert BEFORE INSERT ON project {_SQLITE_MISSING}",
    "CREATE TRIGGER project_batch_check_update BEFORE UPDATE OF import_batch_id ON project "
    + _SQLITE_MISSING,
    f"CREATE TRIGGER import_batch_referenced_delete BEFORE DELETE ON import_batch "
    f"{_SQLITE_REFERENCED}",
    "CREATE TRIGGER import_batch_referenced_update BEFORE UPDATE OF id ON import_batch "
    + _SQLITE_REFERENCED.replace("WHEN ", "WHEN NEW.id <> OLD.id AND ", 1),
)
SQLITE_TRIGGERS = (
    "project_batch_check_insert",
    "project_batch_check_update",
    "import_batch_referenced_delete",
    "import_batch_referenced_update",
)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.drop_constraint(PG_FK, "project", type_="foreignkey")
        op.execute(PG_UP)
    else:
        with op.batch_alter_table("project", naming_convention=SQLITE_NAMING) as batch_op:
            batch_op.drop_constraint(SQLITE_FK, type_="foreignkey")
        for statement in SQLITE_UP:
            op.execute(statement)
    op.drop_index("ix_project_province_code", table_name="project")
    for name, column, where in PARTIAL:
        op.drop_index(name, table_name="project")
        op.execute(f"CREATE INDEX {name} ON project ({column}) WHERE {where}")
    op.drop_index("ix_project_is_synthetic", table_name="project")
    where = SYNTHETIC[dialect]
    op.execute(f"CREATE INDEX ix_project_is_synthetic ON project (is_synthetic) WHERE {where}")


def downgrade() -> None:
    for name, column, _ in (*PARTIAL, ("ix_project_is_synthetic", "is_synthetic", "")):
        op.drop_index(name, table_name="project")
        op.create_index(name, "project", [column])
    op.create_index("ix_project_province_code", "project", ["province_code"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_DOWN)
        op.create_foreign_key(PG_FK, "project", "import_batch", ["import_batch_id"], ["id"])
        return
    for trigger in SQLITE_TRIGGERS:
        op.execute(f"DROP TRIGGER {trigger}")
    with op.batch_alter_table("project", naming_convention=SQLITE_NAMING) as batch_op:
        batch_op.create_foreign_key(SQLITE_FK, "import_batch", ["import_batch_id"], ["id"])
