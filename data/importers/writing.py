"""Writing validated import rows: upsert by the schema key, audit, and what a batch replaced.

The last stage of every import (data.importers.dispatch for files read whole, data.importers.chunked
and data.importers.copy_load for OpenCoesione files streamed in chunks): rows already read and
checked by data.importers.checks are written in the caller's transaction, each attempt is
recorded as an `import_batch` (`Audit`), and a committed batch keeps what it replaced
(`Replaced`) so that data.publishing.undo_batch can restore it.
"""

from __future__ import annotations

import datetime as dt
import json
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import ARRAY, Table, any_, bindparam, insert, inspect, select
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.sql.schema import ScalarElementColumnDefault

from data.db import bump_data_version, session_scope
from data.importers.checks import (
    SPECS,
    KindSpec,
    ParsedRow,
    key_attributes,
    known_codes,
    model_column,
)
from data.importers.problems import Problem
from data.models import Base, Cluster, ClusterEcosystem, Ecosystem, FundingCall, ImportBatch
from data.schemas import WITHDRAWN, Schema

NEW, UPDATED, UNCHANGED = "new", "updated", "unchanged"
MAX_WARNINGS = 200  # listed; `warnings_total` counts them all


@dataclass
class ImportResult:
    """What an import did: outcome is "committed", "refused" or "dry-run".

    The counts are what was written (committed) or what would be (clean dry run);
    `actions` maps each file row number to "new", "updated" or "unchanged".
    `forecast_codes` are the indicators whose forecast series the import changed, and
    `funding_changed` says whether it changed the projects behind the funding series.
    """

    kind: str
    rows: int
    outcome: str
    problems: list[Problem] = field(default_factory=list)
    batch_id: int | None = None
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    actions: dict[int, str] = field(default_factory=dict)
    forecast_codes: list[str] = field(default_factory=list)
    funding_changed: bool = False
    # How many problems were found in all; `problems` may list only the first of them.
    problems_total: int = 0
    # An OpenCoesione file: rows out of scope by reason, the source's inconsistencies
    # (imported and flagged; the first of them, and how many in all), and call links.
    skipped: dict[str, int] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    warnings_total: int = 0
    linked_to_call: int = 0

    @property
    def ok(self) -> bool:
        """True when the file had no problem (committed, or a clean dry run)."""
        return not self.problems

    @property
    def problem_count(self) -> int:
        """Every problem found, listed or not (a note line is not a problem)."""
        return self.problems_total or len(self.problems)

    def report(self) -> dict[str, Any]:
        """What the import skipped and flagged, as stored in `import_batch.report`."""
        return {
            "rows": self.rows,
            "skipped": self.skipped,
            "warnings_total": self.warnings_total,
            "warnings": [w.as_dict() for w in self.warnings],
            "linked_to_call": self.linked_to_call,
            "problems_total": self.problem_count,
        }

    def summary(self) -> str:
        """One line for people: what happened and where it is recorded."""
        batch = f" (import batch {self.batch_id})" if self.batch_id else ""
        if self.outcome == "committed":
            return (
                f"{self.kind}: {self.rows} rows imported — {self.inserted} new, "
                f"{self.updated} updated, {self.unchanged} unchanged{batch}"
            )
        if self.outcome == "dry-run" and self.ok:
            return f"{self.kind}: dry run, {self.rows} rows valid, nothing written{batch}"
        count = self.problem_count
        noun = "problem" if count == 1 else "problems"
        # A longer list than MAX_PROBLEMS ends with a note saying how many more there are.
        listed = len(self.problems) - 1 if count != len(self.problems) else count
        shown = f" ({listed} shown of {count})" if listed < count else ""
        return f"{self.kind}: refused, {count} {noun}{shown}, nothing written{batch}"


# --- what a batch replaced ------------------------------------------------------------------


def encode_value(value: Any) -> Any:
    """A column value as JSON (dates ISO, Decimal as text); `decode_value` reverses it."""
    if isinstance(value, dt.date):  # datetimes too
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def decode_value(model: type[Base], attribute: str, value: Any) -> Any:
    """The Python value of a JSON-encoded column value, by the column's type."""
    if value is None:
        return None
    python_type = inspect(model).columns[attribute].type.python_type
    if python_type is dt.datetime:
        return dt.datetime.fromisoformat(value)
    if python_type is dt.date:
        return dt.date.fromisoformat(value)
    if python_type is Decimal:
        return Decimal(value)
    return value


@dataclass
class Replaced:
    """What a committed batch replaced, so that it can be undone.

    The ids of the rows it inserted, and the state before the batch of the rows it updated
    (every column, and the link rows of clusters and calls).
    """

    kind: str
    inserted: list[int] = field(default_factory=list)
    updated: list[dict[str, Any]] = field(default_factory=list)  # {"id", "values", "links"}

    def to_json(self) -> str:
        """Stored in `import_batch.replaced`.

        The inserted ids as runs of consecutive ids (`[first, last]`, in their order): a
        bulk import inserts a range, and a million ids written one by one made 8 MB of
        JSON that the import spent a second encoding and storing.
        """
        payload = {
            "kind": self.kind,
            "inserted_runs": _runs(self.inserted),
            "updated": self.updated,
        }
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Replaced | None:
        """None when the batch recorded nothing (refused, dry run, or before undo existed).

        Reads both layouts: `inserted_runs`, and the list `inserted` of older batches.
        """
        if not text:
            return None
        payload = json.loads(text)
        if "inserted_runs" in payload:
            inserted = [
                i for first, last in payload["inserted_runs"] for i in range(first, last + 1)
            ]
        else:
            inserted = list(payload["inserted"])
        return cls(payload["kind"], inserted, list(payload["updated"]))

    @property
    def ids(self) -> set[int]:
        """Every row the batch inserted or updated."""
        return set(self.inserted) | {int(u["id"]) for u in self.updated}


def _runs(ids: Sequence[int]) -> list[list[int]]:
    """`ids` as runs `[first, last]` of ids each one above the one before, in their order."""
    if ids and all(map(operator.eq, ids, range(ids[0], ids[0] + len(ids)))):
        return [[ids[0], ids[-1]]]  # one range, the usual case, checked at C speed
    runs: list[list[int]] = []
    for i in ids:
        if runs and i == runs[-1][1] + 1:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    return runs


def row_state(kind: str, obj: Base) -> dict[str, Any]:
    """The stored state of one row: its column values and, for clusters and calls, links."""
    mapper = inspect(type(obj))
    values = {c.key: encode_value(getattr(obj, c.key)) for c in mapper.column_attrs}
    state: dict[str, Any] = {"id": values.pop("id"), "values": values}
    reader = LINK_STATES.get(kind)
    if reader is not None:
        state["links"] = reader(obj)
    return state


@dataclass
class Counts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    actions: dict[int, str] = field(default_factory=dict)
    replaced: Replaced = field(default_factory=lambda: Replaced(""))
    kept_withdrawn: list[int] = field(default_factory=list)  # file rows

    @property
    def changed(self) -> bool:
        return bool(self.inserted or self.updated)


def database_refusal(exc: SQLAlchemyError) -> str:
    detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    return f"the database refused the rows, so nothing was written: {detail}"


@dataclass
class Audit:
    """The facts of one attempt, recorded as an ImportBatch."""

    url: str
    kind: str
    file_name: str
    sha256: str
    username: str
    rows: int

    def batch(
        self, outcome: str, problems: Sequence[Problem] = (), report: str = ""
    ) -> ImportBatch:
        errors = json.dumps([p.as_dict() for p in problems], ensure_ascii=False)
        return ImportBatch(
            kind=self.kind,
            file_name=self.file_name[-300:],
            sha256=self.sha256,
            username=self.username[:100],
            rows=self.rows,
            outcome=outcome,
            errors=errors if problems else "",
            report=report,
        )

    def record(self, outcome: str, problems: list[Problem], report: str = "") -> ImportResult:
        """Record a refused or dry-run attempt in its own transaction."""
        with session_scope(self.url) as session:
            batch = self.batch(outcome, problems, report)
            session.add(batch)
            session.flush()
            batch_id = batch.id
        return ImportResult(self.kind, self.rows, outcome, problems, batch_id)


def commit(
    session: Session, schema: Schema, rows: list[ParsedRow], audit: Audit, default_status: str
) -> ImportResult:
    batch = audit.batch("committed")
    session.add(batch)
    session.flush()  # the batch id goes on every written observation / project
    counts = write_rows(session, schema.kind, rows, batch.id, default_status)
    batch.replaced = counts.replaced.to_json()
    if counts.changed:
        bump_data_version(session)
    result = ImportResult(schema.kind, len(rows), "committed", [], batch.id)
    fill_counts(result, counts)
    result.forecast_codes = _forecast_codes(schema.kind, rows, counts.actions, default_status)
    result.funding_changed = schema.kind == "projects" and counts.changed
    return result


def rehearse(
    session: Session, schema: Schema, rows: list[ParsedRow], audit: Audit, default_status: str
) -> Counts:
    # A dry run writes exactly as a commit would, to count what would change, and then rolls
    # the whole transaction back: nothing of it is ever visible to anyone else.
    try:
        batch = audit.batch("dry-run")
        session.add(batch)
        session.flush()
        return write_rows(session, schema.kind, rows, batch.id, default_status)
    finally:
        session.rollback()


def fill_counts(result: ImportResult, counts: Counts) -> None:
    result.inserted, result.updated = counts.inserted, counts.updated
    result.unchanged, result.actions = counts.unchanged, counts.actions
    result.warnings = [
        Problem(row, "status", KEPT_WITHDRAWN) for row in counts.kept_withdrawn[:MAX_WARNINGS]
    ]
    result.warnings_total = len(counts.kept_withdrawn)


KEPT_WITHDRAWN = (
    "this value was withdrawn in the app and stays withdrawn (restore it on the "
    "indicator's page, with a reason); the other columns are imported"
)


def _keeps_withdrawn(kind: str, obj: Base | None, attrs: dict[str, Any]) -> bool:
    """A withdrawn observation stays withdrawn whatever the file says (set in `attrs`).

    True when the file asked for another status: the import reports it as a warning.
    """
    if kind != "observations" or obj is None or getattr(obj, "status", None) != WITHDRAWN:
        return False
    asked = attrs.get("status")
    attrs["status"] = WITHDRAWN
    return asked != WITHDRAWN


def _forecast_codes(
    kind: str, rows: Sequence[ParsedRow], actions: dict[int, str], default_status: str
) -> list[str]:
    # Forecasts read the indicator (baseline, target) and its *published* observations: a new
    # draft changes no forecast, an updated observation may (it may have left the series).
    codes: set[str] = set()
    for row in rows:
        action = actions.get(row.row, UNCHANGED)
        if kind == "indicators" and action != UNCHANGED:
            codes.add(str(row.values["code"]))
        elif kind == "observations":
            status = row.values.get("status") or default_status
            if action == UPDATED or (action == NEW and status == "published"):
                codes.add(str(row.values["indicator_code"]))
    return sorted(codes)


# --- writing -------------------------------------------------------------------------------


def write_rows(
    session: Session, kind: str, rows: Sequence[ParsedRow], batch_id: int, default_status: str
) -> Counts:
    """Upsert validated rows by the schema key inside the caller's transaction."""
    spec = SPECS[kind]
    ids = _reference_ids(session, spec, rows)
    ecosystems = _link_ecosystems(session, spec, rows)
    values = [_attribute_values(spec, row.values, ids, default_status) for row in rows]
    key_names = [a.key for a in key_attributes(kind)]
    existing = _existing_rows(session, kind, [tuple(v[k] for k in key_names) for v in values])
    link_writer = LINK_WRITERS.get(kind)
    has_batch = hasattr(spec.model, "import_batch_id")
    counts = Counts(replaced=Replaced(kind))
    new_objects: list[Base] = []
    # Kinds without link rows insert their new rows in one executemany (Core INSERT with
    # RETURNING): a projects file of a million rows must not build a million ORM objects.
    bulk_new: list[dict[str, Any]] = []
    for row, attrs in zip(rows, values, strict=True):
        key = tuple(attrs[k] for k in key_names)
        obj = existing.get(key)
        is_new = obj is None
        if is_new and link_writer is None:
            bulk_new.append({**attrs, "import_batch_id": batch_id} if has_batch else attrs)
            counts.inserted += 1
            counts.actions[row.row] = NEW
            continue
        before: dict[str, Any] | None = None
        if _keeps_withdrawn(kind, obj, attrs):
            counts.kept_withdrawn.append(row.row)
        if obj is None:
            obj = existing[key] = spec.model(**attrs)
            session.add(obj)
            new_objects.append(obj)
        else:
            before = row_state(kind, obj)  # kept only if the row changes, for undo
        changed = is_new or _update(obj, attrs)
        if link_writer is not None and link_writer(obj, row.values, ecosystems):
            changed = True
        if is_new:
            counts.inserted += 1
            counts.actions[row.row] = NEW
        elif changed:
            counts.updated += 1
            counts.actions[row.row] = UPDATED
            assert before is not None
            counts.replaced.updated.append(before)
        else:
            counts.unchanged += 1
            counts.actions[row.row] = UNCHANGED
        # Unchanged rows keep the batch that last changed them: the audit stays truthful.
        if changed and hasattr(obj, "import_batch_id"):
            obj.import_batch_id = batch_id
    session.flush()
    counts.replaced.inserted = [int(getattr(obj, "id")) for obj in new_objects]  # noqa: B009
    if bulk_new:
        counts.replaced.inserted += insert_rows(
            session, cast(Table, spec.model.__table__), bulk_new
        )
    return counts


def insert_rows(session: Session, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    """INSERT many rows in the session's transaction; the new ids.

    On PostgreSQL the rows go through psycopg's own executemany (one prepared statement in
    a pipeline): SQLAlchemy's multi-row VALUES batches make psycopg parse statements of
    thousands of placeholders, which costs more than the database's own work on big files.
    Elsewhere, a Core executemany with RETURNING.
    """
    keys = list(rows[0])
    if session.get_bind().dialect.driver != "psycopg":
        inserted = session.execute(insert(table).returning(table.c.id), rows)
        return [int(i) for i in inserted.scalars()]
    # The driver sees no SQLAlchemy defaults: every column gets its value or its default.
    defaults = {
        c.name: c.default.arg
        for c in table.columns
        if c.name not in keys and isinstance(c.default, ScalarElementColumnDefault)
    }
    names = [*keys, *defaults]
    columns = ", ".join(f'"{n}"' for n in names)
    values = ", ".join(f"%({n})s" for n in names)
    # Table names are the models' own plain identifiers; column names are quoted ("date").
    sql = f"INSERT INTO {table.name} ({columns}) VALUES ({values}) RETURNING id"
    dbapi = session.get_bind().dialect.loaded_dbapi
    driver = session.connection().connection.driver_connection
    if driver is None:  # only a detached pool connection has none
        raise RuntimeError("the session's connection has no DBAPI connection")
    cursor = driver.cursor()
    ids: list[int] = []
    for row in rows:  # the caller's own dicts: filled in place, not copied
        for name, value in defaults.items():
            row.setdefault(name, value)
    try:
        with cursor:
            cursor.executemany(sql, rows, returning=True)
            while True:
                ids.extend(int(r[0]) for r in cursor.fetchall())
                if not cursor.nextset():
                    return ids
    except dbapi.Error as exc:
        # The same exception SQLAlchemy would raise: callers catch SQLAlchemyError.
        raise DBAPIError.instance(sql, None, exc, dbapi.Error) from exc


def _reference_ids(
    session: Session, spec: KindSpec, rows: Sequence[ParsedRow]
) -> dict[str, dict[str, int]]:
    ids: dict[str, dict[str, int]] = {}
    for column, ref in spec.references.items():
        codes = {r.values[column] for r in rows if r.values.get(column)}
        ids[column] = known_codes(session, ref.kind, codes)
    return ids


def _link_ecosystems(
    session: Session, spec: KindSpec, rows: Sequence[ParsedRow]
) -> dict[str, Ecosystem]:
    codes = {c for r in rows for column in spec.links for c in r.values.get(column) or []}
    if not codes:
        return {}
    return {e.code: e for e in session.scalars(select(Ecosystem).where(Ecosystem.code.in_(codes)))}


def _attribute_values(
    spec: KindSpec, cells: dict[str, Any], ids: dict[str, dict[str, int]], default_status: str
) -> dict[str, Any]:
    attrs: dict[str, Any] = {}
    for column, value in cells.items():
        if column in spec.links:
            continue
        if column in spec.references:
            value = ids[column].get(value) if value else None
        attrs[spec.attribute(column)] = _storable(spec, spec.attribute(column), value)
    if spec.status_column and not cells.get(spec.status_column):
        attrs[spec.status_column] = default_status
    return attrs


def _storable(spec: KindSpec, attribute: str, value: Any) -> Any:
    # An empty optional cell: NULL where the column allows it (a missing number stays
    # missing, never 0), else the column's default ("" for text).
    if value is not None:
        return value
    column = model_column(spec, attribute)
    if column.nullable:
        return None
    default = column.default
    if isinstance(default, ScalarElementColumnDefault):
        return default.arg
    return ""


def _update(obj: Base, attrs: dict[str, Any]) -> bool:
    # Compare before writing: an unchanged row is not touched, so re-importing the same
    # file neither changes anything nor bumps the data version.
    changed = False
    for attribute, value in attrs.items():
        if getattr(obj, attribute) != value:
            setattr(obj, attribute, value)
            changed = True
    return changed


def _existing_rows(
    session: Session, kind: str, keys: list[tuple[Any, ...]]
) -> dict[tuple[Any, ...], Base]:
    attrs = key_attributes(kind)
    model = SPECS[kind].model
    firsts = sorted({k[0] for k in keys if k[0] is not None})
    found: dict[tuple[Any, ...], Base] = {}
    # PostgreSQL takes the keys as one array parameter (`= ANY(:keys)`): one round trip per
    # 10 000 keys instead of a statement with 500 placeholders per 500, which matters for a
    # million-row projects file. Elsewhere, IN lists stay under every driver's limit.
    postgres = session.get_bind().dialect.name == "postgresql"
    step = 10_000 if postgres else 500
    for start in range(0, len(firsts), step):
        chunk = firsts[start : start + step]
        if postgres:
            condition = attrs[0] == any_(bindparam("keys", chunk, type_=ARRAY(attrs[0].type)))
        else:
            condition = attrs[0].in_(chunk)
        for obj in session.scalars(select(model).where(condition)):
            found[tuple(getattr(obj, a.key) for a in attrs)] = obj
    return found


# --- link rows -----------------------------------------------------------------------------


def _cluster_links(obj: Cluster, cells: dict[str, Any], ecosystems: dict[str, Ecosystem]) -> bool:
    current = {x.ecosystem_id: (x.is_reference, x.is_synergy) for x in obj.ecosystem_links}
    wanted: dict[str, set[int]] = {}
    for flag, column in ((0, "reference_ecosystems"), (1, "synergy_ecosystems")):
        if column in cells:
            wanted[column] = {ecosystems[c].id for c in cells[column]}
        else:  # column absent from the file: keep what is stored
            wanted[column] = {e for e, flags in current.items() if flags[flag]}
    ref, syn = wanted["reference_ecosystems"], wanted["synergy_ecosystems"]
    desired = {e: (e in ref, e in syn) for e in ref | syn}
    if desired == current:
        return False
    _set_cluster_links(obj, desired)
    return True


def _set_cluster_links(obj: Cluster, desired: dict[int, tuple[bool, bool]]) -> None:
    """Make the cluster's links exactly `desired`: ecosystem id → (reference, synergy)."""
    by_id = {x.ecosystem_id: x for x in obj.ecosystem_links}
    for eco_id, old in by_id.items():
        if eco_id not in desired:
            obj.ecosystem_links.remove(old)
    for eco_id, (is_ref, is_syn) in desired.items():
        link = by_id.get(eco_id)
        if link is None:
            obj.ecosystem_links.append(
                ClusterEcosystem(ecosystem_id=eco_id, is_reference=is_ref, is_synergy=is_syn)
            )
        else:
            link.is_reference, link.is_synergy = is_ref, is_syn


def _call_links(obj: FundingCall, cells: dict[str, Any], ecosystems: dict[str, Ecosystem]) -> bool:
    if "ecosystems" not in cells:
        return False
    desired = [ecosystems[c] for c in cells["ecosystems"]]
    if {e.code for e in obj.ecosystems} == {e.code for e in desired}:
        return False
    obj.ecosystems = desired
    return True


LINK_WRITERS: dict[str, Callable[[Any, dict[str, Any], dict[str, Ecosystem]], bool]] = {
    "clusters": _cluster_links,
    "calls": _call_links,
}


def _cluster_link_state(obj: Cluster) -> list[list[Any]]:
    return [[x.ecosystem_id, x.is_reference, x.is_synergy] for x in obj.ecosystem_links]


def _call_link_state(obj: FundingCall) -> list[int]:
    return [e.id for e in obj.ecosystems]


LINK_STATES: dict[str, Callable[[Any], list[Any]]] = {
    "clusters": _cluster_link_state,
    "calls": _call_link_state,
}


def restore_links(session: Session, kind: str, obj: Any, links: list[Any]) -> None:
    """Put back the link rows of a cluster or call as `row_state` recorded them."""
    if kind == "clusters":
        _set_cluster_links(obj, {int(e): (bool(r), bool(s)) for e, r, s in links})
    elif kind == "calls":
        ids = [int(e) for e in links]
        found = {e.id: e for e in session.scalars(select(Ecosystem).where(Ecosystem.id.in_(ids)))}
        obj.ecosystems = [found[i] for i in ids if i in found]
