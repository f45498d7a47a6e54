"""project: bulk-insert friendly — partial indexes, references checked per statement

A bulk OpenCoesione import inserts a million projects in one statement, and each index
and foreign key of `project` costs something per row.

- `call_id` and `ecosystem_id` are looked up by value (a call's or an ecosystem's
  projects), never for NULL: their indexes keep the linked rows only. `is_synthetic` is
  looked up for the synthetic rows only (demo removal): its index keeps those, in the form
  the queries write. `province_code` is only grouped by over the whole table: no index.
- `import_batch_id`, `call_id`, `ecosystem_id`: PostgreSQL checks a foreign key with one
  query per row (on the import's own batch row, inserted in the same transaction, that
  check costs about as much as the rest of the insert). The foreign keys become checks
  per statement, as strict: on PostgreSQL, triggers over the statement's transition
  tables lock the rows the new rows name (FOR KEY SHARE, as a foreign key does) and refuse
  a missing one, and refuse deleting (or renumbering) a row that projects still name; on
  SQLite, row triggers say the same (it has no bulk path to speed up).

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
# The references of project checked per statement instead of by foreign keys:
# (column, referenced table, PostgreSQL constraint name).
REFERENCES = (
    ("import_batch_id", "import_batch", "project_import_batch_id_fkey"),
    ("call_id", "funding_call", "project_call_id_fkey"),
    ("ecosystem_id", "ecosystem", "project_ecosystem_id_fkey"),
)
# SQLite's foreign keys have no name: batch mode finds them through this convention.
SQLITE_NAMING = {"fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s"}
MISSING = "a project names a row of {table} that does not exist"
REFERENCED = "a row of {table} that projects name cannot be deleted"

_PG_CHECK = """
    PERFORM 1 FROM {table} WHERE id = ANY(k.{column}) FOR KEY SHARE;
    GET DIAGNOSTICS found = ROW_COUNT;
    IF found < coalesce(cardinality(k.{column}), 0) THEN
        RAISE EXCEPTION '{message}' USING ERRCODE = 'foreign_key_violation';
    END IF;"""
PG_UP = (
    """
CREATE FUNCTION project_references_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    k record;
    found integer;
BEGIN
    -- The ids the statement's rows name (few distinct ones, in one pass over the rows),
    -- locked as a foreign key locks them, so that none is deleted under these rows.
    SELECT array_agg(DISTINCT b) FILTER (WHERE b IS NOT NULL) AS import_batch_id,
        array_agg(DISTINCT c) FILTER (WHERE c IS NOT NULL) AS call_id,
        array_agg(DISTINCT e) FILTER (WHERE e IS NOT NULL) AS ecosystem_id
    INTO k
    FROM (SELECT import_batch_id, call_id, ecosystem_id FROM new_rows GROUP BY 1, 2, 3)
        AS named (b, c, e);"""
    + "".join(
        _PG_CHECK.format(column=column, table=table, message=MISSING.format(table=table))
        for column, table, _ in REFERENCES
    )
    + """
    RETURN NULL;
END $$;
CREATE TRIGGER project_references_insert AFTER INSERT ON project
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION project_references_check();
CREATE TRIGGER project_references_update AFTER UPDATE ON project
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION project_references_check();
-- On a referenced table: ids that left it (deleted or renumbered) must not be named.
CREATE FUNCTION project_referenced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    gone integer[];
    named boolean;
BEGIN
    EXECUTE format(
        'SELECT ARRAY(SELECT o.id FROM old_rows o'
        ' WHERE NOT EXISTS (SELECT 1 FROM %I t WHERE t.id = o.id))', TG_TABLE_NAME
    ) INTO gone;
    IF cardinality(gone) = 0 THEN
        RETURN NULL;
    END IF;
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM project WHERE %I = ANY($1))', TG_ARGV[0])
        INTO named USING gone;
    IF named THEN
        RAISE EXCEPTION 'a row of % that projects name cannot be deleted', TG_TABLE_NAME
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END $$;
"""
    + "".join(
        f"""CREATE TRIGGER project_referenced_{event.lower()} AFTER {event} ON {table}
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
    EXECUTE FUNCTION project_referenced('{column}');
"""
        for column, table, _ in REFERENCES
        for event in ("DELETE", "UPDATE")
    )
)
PG_DOWN = (
    "".join(
        f"DROP TRIGGER project_referenced_{event.lower()} ON {table};\n"
        for _, table, _ in REFERENCES
        for event in ("DELETE", "UPDATE")
    )
    + """DROP FUNCTION project_referenced();
DROP TRIGGER project_references_update ON project;
DROP TRIGGER project_references_insert ON project;
DROP FUNCTION project_references_check();
"""
)


def _sqlite_triggers() -> list[tuple[str, str]]:
    """(name, body) of the row triggers that say the same on SQLite."""
    triggers = []
    for column, table, _ in REFERENCES:
        missing = (
            f"WHEN NEW.{column} IS NOT NULL AND NOT EXISTS "
            f"(SELECT 1 FROM {table} WHERE id = NEW.{column}) "
            f"BEGIN SELECT RAISE(ABORT, '{MISSING.format(table=table)}'); END"
        )
        named = (
            f"EXISTS (SELECT 1 FROM project WHERE {column} = OLD.id) "
            f"BEGIN SELECT RAISE(ABORT, '{REFERENCED.format(table=table)}'); END"
        )
        triggers += [
            (f"project_{column}_insert", f"BEFORE INSERT ON project {missing}"),
            (f"project_{column}_update", f"BEFORE UPDATE OF {column} ON project {missing}"),
            (f"{table}_named_delete", f"BEFORE DELETE ON {table} WHEN {named}"),
            (
                f"{table}_named_update",
                f"BEFORE UPDATE OF id ON {table} WHEN NEW.id <> OLD.id AND {named}",
            ),
        ]
    return triggers


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        for _, _, constraint in REFERENCES:
            op.drop_constraint(constraint, "project", type_="foreignkey")
        op.execute(PG_UP)
    else:
        with op.batch_alter_table("project", naming_convention=SQLITE_NAMING) as batch_op:
            for column, table, _ in REFERENCES:
                batch_op.drop_constraint(f"fk_project_{column}_{table}", type_="foreignkey")
        for name, body in _sqlite_triggers():
            op.execute(f"CREATE TRIGGER {name} {body}")
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
        for column, table, constraint in REFERENCES:
            op.create_foreign_key(constraint, "project", table, [column], ["id"])
        return
    for name, _ in _sqlite_triggers():
        op.execute(f"DROP TRIGGER {name}")
    with op.batch_alter_table("project", naming_convention=SQLITE_NAMING) as batch_op:
        for column, table, _ in REFERENCES:
            batch_op.create_foreign_key(f"fk_project_{column}_{table}", table, [column], ["id"])
