"""The PostgreSQL fast path of the OpenCoesione import: COPY into staging, then set-based SQL.

data.importers.chunked reads, checks and writes an OpenCoesione file row by row in Python,
which is right for SQLite and for a file with problems (each one named with its row and
column). On PostgreSQL a clean file of a million rows does not need that: `load` streams
the file with COPY (psycopg 3 `cursor.copy`) into a temporary staging table on another
connection of its own (the reader, data.importers.copy_pipe; a large file is cut in two
parts, each staged by a reader of its own at the same time: data.importers.copy_split),
derives there what depends on the placing columns once per distinct combination of them
(scope, localisation, call, ecosystem and its rule, and the counts of the report), then
reads the staged rows once: one `COPY (SELECT …) TO STDOUT` per part checks and types each
row's own cells (money, dates, warnings), and its rows are piped as they come into one
`COPY project FROM STDIN` in the caller's transaction, the only one that writes. The
server backends work at once (one derives, one writes), and `project` is loaded as COPY
loads a table. Rows out of
scope are read once more, for their checks and warnings, only when a file has some. A
file whose codes are stored already is merged instead (its rows piped into a temporary
table of the caller's, then `INSERT … ON CONFLICT`, after the previous state of the rows
it changes is kept for undo).

The checks here only decide whether the fast path may be taken; they never word a problem.
When COPY fails (bytes that are not UTF-8, a cut row, a blank line) or any check finds
something to report, `load` rolls back to its savepoint and returns None: the caller then
runs the row-by-row importer, which finds and words every problem exactly as on SQLite.
So the two paths cannot disagree on what is refused, only on how fast they are.
The rules mirror data.importers.opencoesione (`_place`, `_inconsistencies`) and
data.ecosystem_mapping (`EcosystemMapping.explain`); tests/integration compares the two
paths on the real export.
"""

from __future__ import annotations

import logging
import re
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from data.ecosystem_mapping import PUBLIC_WORKS, EcosystemMapping
from data.geo import province_names
from data.importers.cells import MAX_DATE, MIN_DATE
from data.importers.checks import SPECS
from data.importers.copy_pipe import driver_connection, literal_sql, pipe, reader_sessions
from data.importers.copy_split import part_count, stage_parts
from data.importers.file_scan import FileScan, OpenStream
from data.importers.opencoesione import (
    ABROAD,
    END_EFFECTIVE,
    END_PLANNED,
    LOMBARDY,
    MONEY_COLUMNS,
    NATIONAL,
    SKIP_REASONS,
    SOURCE_COLUMNS,
)
from data.importers.problems import Problem
from data.importers.reading import schema_for
from data.importers.writing import NEW, UNCHANGED, UPDATED, row_state
from data.models import Project

# work_mem of the import's transaction: twice the file's size, within these bounds. The
# cap bounds what one statement may hold in the server backend (uncapped, a million rows
# allowed 667 MB). Past it, the trigger's table of one statement's inserted rows would
# spill to a temporary file (295 MB when a million rows were one statement, which cost the
# INSERT 7%: README "Import speed, measured"), hence BYTES_PER_STATEMENT.
WORK_MEM_MIN, WORK_MEM_MAX = 64 << 20, 128 << 20
# Rows of `project` per COPY statement of the writer, in bytes of the binary stream (all
# statements in the import's transaction): the reference trigger's table of a statement's
# inserted rows then stays within work_mem (it takes about twice these bytes), instead of
# spilling to a temporary file that is written and read back (295 MB at a million rows).
BYTES_PER_STATEMENT = 40 << 20
UNIQUE_VIOLATION = "23505"  # SQLSTATE
# Columns the fast path reads (with COD_REGIONE required: without it, localisations need
# the row-by-row rules for short province codes).
SOURCE = {
    **{key: SOURCE_COLUMNS[key] for key in ("code", "cup", "title", "theme")},
    "region": "COD_REGIONE",
    "province": SOURCE_COLUMNS["province_code"],
    "province_name": SOURCE_COLUMNS["province_name"],
    "start": SOURCE_COLUMNS["start_date"],
    "end_effective": END_EFFECTIVE,
    "end_planned": END_PLANNED,
    "procedure": SOURCE_COLUMNS["procedure_code"],
    "programme": SOURCE_COLUMNS["programme_code"],
    "nature": "CUP_COD_NATURA",
    "category": "CUP_COD_CATEGORIA",
    "ateco": "COD_ATECO",
    **{
        f"{short}_t": MONEY_COLUMNS[long]
        for short, long in zip(
            ("gross", "net", "commitments", "payments"), MONEY_COLUMNS, strict=True
        )
    },
}
AMOUNTS = ("gross_t", "net_t", "commitments_t", "payments_t")
# Text lengths the model allows (the row-by-row path reports longer ones).
LENGTHS = {"code": 100, "cup": 20, "theme": 200, "programme": 40, "procedure": 60}
# Project columns the merge writes (the projects format's, references as ids); a row is
# unchanged when all of them are.
WRITTEN = tuple(
    SPECS["projects"].attribute(column.name)
    for column in schema_for("projects").columns
    if column.name != "code"
)
NOTE_OUTSIDE = " (the project is outside Lombardy: not imported)"

Progress = Callable[[int, int], None]

log = logging.getLogger(__name__)


@dataclass
class Loaded:
    """What an import wrote (or would write, in a dry run), as the importer reports it.

    The COPY path fills it at once; the totals of chunked.py add up to it chunk by chunk.
    """

    rows: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    actions: dict[int, str] = field(default_factory=dict)
    inserted_ids: array[int] = field(default_factory=lambda: array("q"))
    updated_states: list[dict[str, Any]] = field(default_factory=list)
    undo_possible: bool = True
    skipped: dict[str, int] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    warnings_total: int = 0
    linked_to_call: int = 0


def available(session: Session) -> bool:
    """True on PostgreSQL through psycopg 3 (COPY from Python needs its `cursor.copy`)."""
    dialect = session.get_bind().dialect
    return dialect.name == "postgresql" and dialect.driver == "psycopg"


@dataclass(frozen=True)
class _Rules:
    """What the rules of the placing columns read, besides the file."""

    mapping: EcosystemMapping
    calls: dict[str, str]
    source: str


def load(
    session: Session,
    open_stream: OpenStream,
    scan: FileScan,
    header: list[str],
    mapping: EcosystemMapping,
    calls: dict[str, str],
    source: str,
    batch_id: int,
    size: int,
    progress: Progress | None,
    *,
    actions_kept: int,
    undo_limit: int,
    warnings_kept: int,
) -> Loaded | None:
    """COPY, check and merge the file; None when the row-by-row importer must do it.

    The file is staged and derived on connections of its own (the readers: copy_pipe.py,
    copy_split.py), whose derived rows the import's own transaction (`session`) writes as
    they come. `scan` is given every byte of the file the COPY reads (its hash, NUL bytes);
    it may stop before the end when this returns None.
    """
    if SOURCE["region"] not in header:
        return None
    savepoint = session.begin_nested()
    try:
        with reader_sessions(session, part_count(size)) as readers:
            rules = _Rules(mapping, calls, source)

            def stage(reader: Session, blocks: Iterator[bytes], first: bool) -> _Staged:
                return _stage(reader, blocks, first, header, rules, size)

            staged = stage_parts(readers, open_stream, size, scan, stage, progress)
            parts = _numbered(staged)
            loaded = None if parts is None else _counts(parts)
            if parts is not None and loaded is not None:
                _tune_session(session, size)
                sides = _Sides(session, parts, header)
                loaded = _write(sides, loaded, batch_id, actions_kept, undo_limit, warnings_kept)
    except Exception:  # noqa: BLE001 — bad bytes, a cut row, a repeated code…: the
        # row-by-row path words it
        log.info("COPY path not taken: the row-by-row importer reads the file", exc_info=True)
        savepoint.rollback()
        return None
    if loaded is None:
        savepoint.rollback()
        return None
    savepoint.commit()
    return loaded


@dataclass(frozen=True)
class _Staged:
    """What staging a part of the file on a reader gave: its counts and its records."""

    loaded: Loaded | None  # None: a combination the row-by-row importer must word
    records: int


def _stage(
    reader: Session,
    blocks: Iterator[bytes],
    first: bool,
    header: list[str],
    rules: _Rules,
    size: int,
) -> _Staged:
    """A part of the file COPYed into oc_raw and its combinations derived, on the reader.

    `first`: the part starts with the header line. oc_raw.n numbers the part's records
    1, 2, …; _Part.offset carries them on after the parts before.
    """
    names = [name or f"_unnamed_{i}" for i, name in enumerate(header)]
    columns = ", ".join(_quote(n) for n in names)
    with driver_connection(reader).cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE oc_raw (n bigint GENERATED ALWAYS AS IDENTITY, "
            + ", ".join(f"{_quote(n)} {_staged_type(n)}" for n in _stored_order(names))
            + ") ON COMMIT DROP"
        )
        # FORCE_NOT_NULL: an unquoted empty cell is staged as '' (as a quoted one is),
        # so no cell is NULL and the SQL below reads cells without coalesce.
        sql = (
            f"COPY oc_raw ({columns}) FROM STDIN "
            f"WITH (FORMAT csv, DELIMITER ';', HEADER {'true' if first else 'false'}, "
            f"ENCODING 'UTF8', FORCE_NOT_NULL ({columns}))"
        )
        with cursor.copy(sql) as copy:
            for block in blocks:
                copy.write(block)
        records = int(cursor.rowcount)
    _tune_session(reader, size)
    _derive(reader, header, rules)
    loaded = _counted(reader)
    if loaded is not None:
        reader.execute(text(_ROW_FUNCTIONS))
    return _Staged(loaded, records)


# The columns the fast path reads; the others are staged as "char" (one byte).
READ_COLUMNS = frozenset(SOURCE.values())


def _staged_type(name: str) -> str:
    """The type of a file column in oc_raw.

    COPY cannot skip a column of the file, but a column nothing reads need not be kept:
    as "char" it keeps its first byte only, so the staged rows are narrower (the 1,000,000-row
    benchmark file has 4 such columns of 22, a real export 180 of 200) and are written and
    read back faster. COPY has checked the whole line's bytes (UTF-8) before it is split.
    """
    return "text" if name in READ_COLUMNS else '"char"'


def _stored_order(names: list[str]) -> list[str]:
    """The file's columns in the order oc_raw stores them: those the fast path reads first.

    The COPY names its columns in the file's order, whatever the table's. A scan takes a
    row's cells apart up to the last one a statement reads, so with the read columns first
    it never walks through the others (about 180 of a real export's 200, interleaved).
    """
    return sorted(names, key=lambda name: name not in READ_COLUMNS)


@dataclass(frozen=True)
class _Part:
    """A part of the file as a reader staged it, and the records of the parts before."""

    reader: Session
    offset: int
    loaded: Loaded


def _numbered(staged: list[tuple[Session, _Staged]]) -> list[_Part] | None:
    """The staged parts in file order, each with its offset; None if one needs the row path."""
    parts: list[_Part] = []
    offset = 0
    for reader, part in staged:
        if part.loaded is None:
            return None
        parts.append(_Part(reader, offset, part.loaded))
        offset += part.records
    return parts


def _counts(parts: list[_Part]) -> Loaded | None:
    """The counts of the report, the parts' added up; None when nothing is in scope.

    Each part's combinations are the file's restricted to that part, and the rules go by
    combination: the file's counts are the sums of the parts'.
    """
    loaded = Loaded()
    for part in parts:
        loaded.rows += part.loaded.rows
        loaded.linked_to_call += part.loaded.linked_to_call
        for reason, n in part.loaded.skipped.items():
            loaded.skipped[reason] = loaded.skipped.get(reason, 0) + n
    if not loaded.rows:
        return None
    loaded.skipped = {r: loaded.skipped[r] for r in SKIP_REASONS if r in loaded.skipped}
    return loaded


@dataclass(frozen=True)
class _Sides:
    """The import's transaction, which writes, and the parts of the file the readers staged."""

    session: Session
    parts: list[_Part]
    header: list[str]


def _write(
    sides: _Sides,
    loaded: Loaded,
    batch_id: int,
    actions_kept: int,
    undo_limit: int,
    warnings_kept: int,
) -> Loaded | None:
    """Check every row and write the rows in scope; None when the row-by-row path must."""
    session, parts, header = sides.session, sides.parts, sides.header
    # Every row is joined to its combination by hash, the few combinations in memory: the
    # planner has no statistics of the staged tables, and with a loop over them or a sort
    # of the rows it takes many times as long.
    for either in (session, *(part.reader for part in parts)):
        either.execute(text("SET LOCAL enable_nestloop = off"))
        either.execute(text("SET LOCAL enable_mergejoin = off"))
    for part in parts:
        if part.loaded.skipped:
            _check_skipped(part, header)
    stored = any(_stored_already(part.reader, header) for part in parts)
    if stored or not _insert(sides, loaded, batch_id, actions_kept):
        if any(_takes_synthetic(part.reader, header) for part in parts):
            return None
        if not _stage_for_merge(sides):
            return None
        loaded.updated_states, loaded.undo_possible = _previous_states(session, undo_limit)
        _merge(session, loaded, batch_id, actions_kept)
    loaded.unchanged = loaded.rows - loaded.inserted - loaded.updated
    _report(parts, loaded, warnings_kept)
    return loaded


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _cell(header: list[str], key: str) -> str:
    """A trimmed source cell as SQL ('' when the column is absent or the cell empty)."""
    name = SOURCE[key]
    if name not in header:
        return "''"
    return f"btrim(r.{_quote(name)}, E' \\t\\r\\n')"


# The columns that place a project and pick its call and ecosystem: a file has few distinct
# combinations of them (a million rows, a few thousand combinations), so the rules that
# read them run once per combination, not once per row.
COMBO_KEYS = (
    "region",
    "province",
    "province_name",
    "theme",
    "procedure",
    "programme",
    "nature",
    "category",
    "ateco",
)


def _derive(session: Session, header: list[str], rules: _Rules) -> None:
    """oc_combos, from the staged file.

    Each combination of the placing columns, with everything derived from it and its
    number of rows (a row's own cells are _rows_sql's).
    """
    session.execute(
        text(
            "CREATE TEMP TABLE oc_rules (match_type text, key text, ecosystem text, "
            "row_n int) ON COMMIT DROP"
        )
    )
    mapping, calls = rules.mapping, rules.calls
    rows = [
        {"t": t, "k": k, "e": eco, "n": n}
        for t, by_key in mapping.rules.items()
        for k, (eco, n) in by_key.items()
    ]
    if rows:
        session.execute(text("INSERT INTO oc_rules VALUES (:t, :k, :e, :n)"), rows)
    session.execute(
        text("CREATE TEMP TABLE oc_calls (procedure text, call_code text) ON COMMIT DROP")
    )
    if calls:
        session.execute(
            text("INSERT INTO oc_calls VALUES (:p, :c)"),
            [{"p": p, "c": c} for p, c in calls.items()],
        )
    provinces = province_names()
    session.execute(text("CREATE TEMP TABLE oc_provinces (code text, name text) ON COMMIT DROP"))
    session.execute(
        text("INSERT INTO oc_provinces VALUES (:c, :n)"),
        [{"c": c, "n": n} for c, n in provinces.items()],
    )
    present = [SOURCE[key] for key in COMBO_KEYS if SOURCE[key] in header]
    # The combinations as found, under the names of the file, so that the cells of the
    # rules read them as they would oc_raw; with the number of rows of each, which the
    # counts of the report add up.
    keys = ", ".join(f"r.{_quote(n)}" for n in present) or "1"
    groups = ", ".join(str(i) for i in range(1, len(present) + 1)) or "1"
    cells = ",\n".join(f"{_cell(header, key)} AS {key}" for key in COMBO_KEYS)
    sql = _COMBOS_SQL.format(keys=keys, groups=groups, cells=cells)
    session.execute(text(_inline(sql)), _derive_params(mapping, rules.source))


def _rows_sql(header: list[str], where: str, offset: int) -> str:
    """The staged rows of the combinations that `where` (on oc_combos c) selects: _ROWS_SQL.

    `offset`: the records of the file's parts before this one (their row numbers go on).
    """
    join = _combo_join(header)
    row_cells = {key: _raw(header, key) for key in SOURCE}
    dates = {
        f"{key}_date": _DATE.format(v=row_cells[key])
        for key in ("start", "end_effective", "end_planned")
    }
    lengths = " OR ".join(
        # octet_length first: it does not count characters, and bounds length from above.
        f"(octet_length(v.{c}) > {n} AND length(v.{c}) > {n})"
        for c, n in LENGTHS.items()
        if c in ("code", "cup")
    )
    return _ROWS_SQL.format(
        join=join or "true",
        where=where,
        lengths=lengths,
        row_base=_row_base(offset),
        **row_cells,
        **dates,
    )


def _row_base(offset: int) -> int:
    """What a part's oc_raw.n adds up to a row number: row 1 is the header line."""
    return offset + 1


def _combo_join(header: list[str]) -> str:
    """SQL: the staged row r belongs to the combination c."""
    present = [SOURCE[key] for key in COMBO_KEYS if SOURCE[key] in header]
    return " AND ".join(f"c.{_quote(n)} = r.{_quote(n)}" for n in present)


def _raw(header: list[str], key: str) -> str:
    """A source cell as staged ('' when the column is absent)."""
    name = SOURCE[key]
    return f"r.{_quote(name)}" if name in header else "''"


def _derive_params(mapping: EcosystemMapping, source: str) -> dict[str, Any]:
    return {
        "lombardy": LOMBARDY,
        "national": NATIONAL,
        "abroad": ABROAD,
        "public_works": PUBLIC_WORKS,
        "rules_source": mapping.source,
        "source": source,
        "province_codes": sorted(province_names()),
        "province_names": sorted(n.lower() for n in province_names().values()),
    }


# Localisations (opencoesione.py `_place`): the regions of a row are its COD_REGIONE parts
# and the region halves of its 6-digit COD_PROVINCIA parts; it is in scope when Lombardy is
# among them; "province" when exactly one Lombardy province and no other region, "region"
# when none and no other region, else "multi".
_COMBOS_SQL = """
CREATE TEMP TABLE oc_combos ON COMMIT DROP AS
WITH typed AS (
    -- Each LATERAL step is computed once per combination (OFFSET 0 keeps the planner
    -- from inlining it, which would evaluate its expressions at every use).
    SELECT * FROM (SELECT {keys}, count(*) AS n_rows FROM oc_raw r GROUP BY {groups}) r
    CROSS JOIN LATERAL (SELECT

{cells}
    OFFSET 0) raw
    CROSS JOIN LATERAL (SELECT

        ARRAY(
            SELECT DISTINCT x FROM (
                SELECT lpad(btrim(p), 3, '0') AS x
                FROM unnest(string_to_array(raw.region, ':::')) p WHERE btrim(p) <> ''
                UNION ALL
                SELECT left(btrim(p), 3)
                FROM unnest(string_to_array(raw.province, ':::')) p WHERE btrim(p) <> ''
            ) u
        ) AS regions,
        CASE WHEN raw.province NOT LIKE '%:::%' THEN
            CASE WHEN left(raw.province, 3) = :lombardy AND right(raw.province, 3) <> '000'
                AND length(raw.province) = 6
                THEN ARRAY[right(raw.province, 3)] ELSE ARRAY[]::text[] END
        ELSE ARRAY(
            SELECT right(btrim(p), 3)
            FROM unnest(string_to_array(raw.province, ':::')) WITH ORDINALITY AS t(p, o)
            WHERE left(btrim(p), 3) = :lombardy AND right(btrim(p), 3) <> '000'
            GROUP BY right(btrim(p), 3) ORDER BY min(o)
        ) END AS lombard,
        EXISTS (
            SELECT 1 FROM unnest(string_to_array(raw.province, ':::')) p
            WHERE btrim(p) <> '' AND btrim(p) !~ '^\\d{{6}}$'
        ) OR EXISTS (
            SELECT 1 FROM unnest(string_to_array(raw.region, ':::')) p
            WHERE btrim(p) <> '' AND btrim(p) !~ '^\\d{{1,3}}$'
        )
        OR (raw.region = '' AND raw.province = ''
            AND lower(raw.province_name) = ANY(:province_names))  -- a name alone
        AS odd_place
    OFFSET 0) parts
    CROSS JOIN LATERAL (SELECT

        :lombardy = ANY(regions) AS in_scope,
        NOT (regions <@ ARRAY[:lombardy]::text[]) AS elsewhere,
        NOT (lombard <@ CAST(:province_codes AS text[])) AS bad_province
    OFFSET 0) placed
    CROSS JOIN LATERAL (SELECT

        CASE
            WHEN in_scope THEN ''
            WHEN NOT (regions <@ ARRAY[:national, :abroad]::text[]) THEN 'other_region'
            WHEN :abroad = ANY(regions) THEN 'abroad'
            WHEN cardinality(regions) > 0 THEN 'national'
            ELSE 'unlocalised'
        END AS skip,
        CASE
            WHEN NOT in_scope THEN ''
            WHEN cardinality(lombard) = 1 AND NOT elsewhere THEN 'province'
            WHEN cardinality(lombard) = 0 AND NOT elsewhere THEN 'region'
            ELSE 'multi'
        END AS localisation,
        nature = :public_works AS public_works,
        -- Rule keys computed once, so that the rule joins are hash joins.
        pg_temp.oc_norm(procedure) AS key_procedure,
        CASE WHEN programme <> '' AND category <> ''
            THEN pg_temp.oc_norm(programme || '+' || category) END AS key_category,
        CASE WHEN programme <> '' AND ateco <> ''
            THEN pg_temp.oc_norm(programme || '+' || ateco) END AS key_ateco,
        pg_temp.oc_norm(theme) AS key_theme
    OFFSET 0) typed_
), ruled AS (
    SELECT typed.*,
        r1.ecosystem AS eco_procedure, r1.row_n AS row_procedure,
        r2.ecosystem AS eco_category, r2.row_n AS row_category,
        r3.ecosystem AS eco_ateco, r3.row_n AS row_ateco,
        r4.ecosystem AS eco_theme, r4.row_n AS row_theme
    FROM typed
    LEFT JOIN oc_rules r1 ON r1.match_type = 'procedure' AND r1.key = key_procedure
    LEFT JOIN oc_rules r2 ON r2.match_type = 'programme_cup_category' AND r2.key = key_category
    LEFT JOIN oc_rules r3 ON r3.match_type = 'programme_ateco' AND r3.key = key_ateco
    LEFT JOIN oc_rules r4 ON r4.match_type = 'theme' AND r4.key = key_theme
)
SELECT row_number() OVER () AS combo, ruled.*,
    CASE WHEN ruled.localisation = 'province'
        THEN ruled.lombard[1] ELSE '' END AS province_code,
    left(CASE
        WHEN ruled.localisation = 'province' THEN own.name
        WHEN ruled.localisation = 'multi' AND NOT ruled.elsewhere
            THEN array_to_string(ARRAY(
                SELECT p.name FROM unnest(ruled.lombard) WITH ORDINALITY AS l(c, o)
                JOIN oc_provinces p ON p.code = l.c ORDER BY l.o), ', ')
        WHEN ruled.localisation = 'multi'
            THEN array_to_string(ARRAY(
                SELECT btrim(x) FROM unnest(string_to_array(ruled.province_name, ':::'))
                    WITH ORDINALITY AS t(x, o)
                WHERE btrim(x) <> '' ORDER BY o), ', ')
        ELSE ruled.province_name
    END, 100) AS own_province_name,
    oc_calls.call_code, call.id AS call_id, eco.id AS ecosystem_id,
    left(CASE
        WHEN ruled.eco_procedure IS NOT NULL THEN 'procedure ' || ruled.procedure || ' → '
            || ruled.eco_procedure || ' (' || :rules_source || ', row '
            || ruled.row_procedure || ')'
        WHEN ruled.public_works THEN 'none: public works (CUP_COD_NATURA '
            || :public_works || ') take an ecosystem only from a procedure rule'
        WHEN ruled.eco_category IS NOT NULL THEN 'programme_cup_category ' || ruled.programme
            || '+' || ruled.category || ' → ' || ruled.eco_category || ' ('
            || :rules_source || ', row ' || ruled.row_category || ')'
        WHEN ruled.eco_ateco IS NOT NULL THEN 'programme_ateco ' || ruled.programme || '+'
            || ruled.ateco || ' → ' || ruled.eco_ateco || ' (' || :rules_source
            || ', row ' || ruled.row_ateco || ')'
        WHEN ruled.eco_theme IS NOT NULL THEN 'theme ' || ruled.theme || ' → '
            || ruled.eco_theme || ' (' || :rules_source || ', row ' || ruled.row_theme || ')'
        ELSE 'none: no rule matched'
    END, 300) AS ecosystem_rule,
    :source AS source
FROM ruled
LEFT JOIN oc_calls ON oc_calls.procedure = ruled.procedure
LEFT JOIN oc_provinces own ON own.code = ruled.lombard[1]
LEFT JOIN funding_call call ON call.code = oc_calls.call_code
LEFT JOIN ecosystem eco ON eco.code = CASE
    WHEN ruled.eco_procedure IS NOT NULL THEN ruled.eco_procedure
    WHEN ruled.public_works THEN NULL
    ELSE coalesce(ruled.eco_category, ruled.eco_ateco, ruled.eco_theme)
END
"""

# A row's own cells: few operations each, since they run a million times. An amount is
# read by one cast to the stored type (two decimals, rounded) and is well formed
# (^\d{1,14}(,\d{1,2})?$, decimal comma) when printing the number back gives the cell
# again, once the cell's decimals are written out to two: that rules out signs, exponents,
# points, a leading zero, a leading or trailing comma and a third decimal; its size is
# then compared (a number too large for the type fails the cast). A date is
# eight characters read as one integer within the accepted days, then cast. A cell these
# casts cannot read (letters, two commas, 31 February, surrounding spaces) makes the
# statement fail: the row-by-row importer then reads the file and words the problem (it
# trims cells, so a file with padded cells is only slower, never refused here).
_AMOUNT_BAD = (
    "({v} IS NOT NULL AND NOT ({v} >= 0 AND {v} < 1e14 AND ({s} = {t}"
    " OR {s} = {t} || ',00' OR {s} = {t} || '0')))"
)
# (Nested CASE, not AND: the integer cast must only see eight characters.)
_DATE = (
    "CASE WHEN {v} LIKE '________' THEN CASE WHEN {v}::int BETWEEN :min_day AND :max_day"
    " THEN {v}::date END END"
)
# The staged rows of the combinations that `where` selects, each with its own cells
# checked and typed, the values it takes from its combination, whether a cell needs the
# row-by-row importer (`bad`), and its warnings, which pg_temp.oc_warn also notes in
# oc_warned (once per row with warnings: the others pay nothing for the report).
_ROWS_SQL = (
    """
SELECT v.row_n, v.skip, v.code, v.cup, v.title, v.call_id, v.ecosystem_id, v.province_code,
    v.province_name, v.theme, v.gross AS public_funding_eur, v.net AS net_funding_eur,
    v.commitments AS commitments_eur, v.payments AS payments_eur, v.programme_code,
    v.procedure_code,
    v.localisation, v.ecosystem_rule, v.start_date, v.end_date, v.source,
    (v.code = '' AND v.title = '')
        OR (v.start_t <> '' AND v.start_date IS NULL) OR (v.end_t <> '' AND v.end_date IS NULL)
        OR (v.skip = '' AND (v.code = '' OR v.title = '' OR {lengths}))
        OR """
    + " OR ".join(
        _AMOUNT_BAD.format(v=f"v.{a}", t=f"v.{a}_t", s=f"replace(v.{a}::text, '.', ',')")
        for a in ("gross", "net", "commitments", "payments")
    )
    + """ AS bad,
    CASE WHEN v.end_date < v.start_date OR v.net > v.gross
        OR v.payments > coalesce(v.net, v.gross) THEN pg_temp.oc_warn(v.row_n, v.skip, concat_ws(
        E'\\n',
        CASE WHEN v.end_date < v.start_date THEN v.end_column || ': ends ('
            || v.end_date || ') before it starts (' || v.start_date || ')' END,
        CASE WHEN v.net > v.gross
            THEN 'OC_FINANZ_TOT_PUB_NETTO: the net public funding ('
            || replace(v.net_t, ',', '.') || ') is above the gross ('
            || replace(v.gross_t, ',', '.') || ')' END,
        CASE WHEN v.payments > coalesce(v.net, v.gross)
            THEN 'TOT_PAGAMENTI: the payments (' || replace(v.payments_t, ',', '.')
            || ') exceed the funding (' || replace(
                CASE WHEN v.net IS NOT NULL THEN v.net_t ELSE v.gross_t END,
                ',', '.') || ')' END
    )) ELSE '' END AS warnings
FROM (
    SELECT r.n + {row_base} AS row_n, c.skip, c.call_id, c.ecosystem_id, c.province_code,
        c.own_province_name AS province_name, c.theme, c.programme AS programme_code,
        c.procedure AS procedure_code, c.localisation, c.ecosystem_rule, c.source,
        btrim({code}, E' \\t\\r\\n') AS code, btrim({cup}, E' \\t\\r\\n') AS cup,
        btrim({title}, E' \\t\\r\\n') AS title,
        {gross_t} AS gross_t, {net_t} AS net_t, {commitments_t} AS commitments_t,
        {payments_t} AS payments_t,
        CASE WHEN {gross_t} <> '' THEN replace({gross_t}, ',', '.')::numeric(16, 2) END AS gross,
        CASE WHEN {net_t} <> '' THEN replace({net_t}, ',', '.')::numeric(16, 2) END AS net,
        CASE WHEN {commitments_t} <> ''
            THEN replace({commitments_t}, ',', '.')::numeric(16, 2) END AS commitments,
        CASE WHEN {payments_t} <> ''
            THEN replace({payments_t}, ',', '.')::numeric(16, 2) END AS payments,
        {start} AS start_t,
        CASE WHEN {end_effective} <> '' THEN {end_effective} ELSE {end_planned} END AS end_t,
        CASE WHEN {end_effective} <> '' THEN :end_effective ELSE :end_planned END
            AS end_column,
        {start_date} AS start_date,
        CASE WHEN {end_effective} <> '' THEN {end_effective_date}
            ELSE {end_planned_date} END AS end_date
    FROM oc_raw r JOIN oc_combos c ON {join}
    WHERE {where}
    OFFSET 0
) v
"""
)

# Checks and keys written inline for each use (once per combination).
# data.ecosystem_mapping._normalise: the regular expression only where there is inner
# whitespace to collapse (cells are trimmed already).
_NORM = (
    "lower(CASE WHEN strpos({v}, '  ') > 0 OR strpos({v}, chr(9)) > 0"
    " OR strpos({v}, chr(10)) > 0 OR strpos({v}, chr(13)) > 0"
    " THEN regexp_replace(btrim({v}), '\\s+', ' ', 'g') ELSE {v} END)"
)
_INLINE = {"oc_norm": _NORM}


def _inline(sql: str) -> str:
    """`pg_temp.oc_…(arg)` in `sql` replaced by the expression it stands for."""
    return re.sub(
        r"pg_temp\.(oc_\w+)\(([^()]*)\)",
        lambda m: _INLINE[m.group(1)].format(v=m.group(2)),
        sql,
    )


def _tune_session(session: Session, size: int) -> None:
    # JIT would compile the long expressions of the derivation for seconds before the
    # first row: more than the whole derivation of a million rows takes without it.
    session.execute(text("SET LOCAL jit = off"))
    # A cache per LATERAL step only costs here: every combination is different.
    session.execute(text("SET LOCAL enable_memoize = off"))
    # Hash tables and sorts of small files in memory, and the table of inserted rows that
    # the reference trigger of `project` reads; a large file's spills at WORK_MEM_MAX.
    work_mem = min(max(2 * size, WORK_MEM_MIN), WORK_MEM_MAX) // 1024
    session.execute(text(f"SET LOCAL work_mem = '{work_mem}kB'"))


def _counted(session: Session) -> Loaded | None:
    """The counts of the report, from the combinations alone (no row is read again).

    None when a placing or a text of a combination needs the row-by-row importer to word
    it. A part of the file may have nothing in scope (_counts adds the parts up).
    """
    combo_lengths = " OR ".join(
        f"length({c}) > {n}" for c, n in LENGTHS.items() if c not in ("code", "cup")
    )
    skipped = ", ".join(
        f"coalesce(sum(n_rows) FILTER (WHERE skip = :skip_{i}), 0)"
        for i in range(len(SKIP_REASONS))
    )
    found = session.execute(
        text(
            "SELECT coalesce(sum(n_rows) FILTER (WHERE skip = ''), 0) AS in_scope,"
            " coalesce(sum(n_rows) FILTER (WHERE skip = '' AND call_code IS NOT NULL), 0)"
            "   AS linked,"
            " bool_or(odd_place OR bad_province) AS bad_place,"
            f" bool_or(skip = '' AND ({combo_lengths})) AS long_cell,"
            f" {skipped}"
            " FROM oc_combos"
        ),
        {f"skip_{i}": reason for i, reason in enumerate(SKIP_REASONS)},
    ).one()
    if found.bad_place or found.long_cell:
        return None
    loaded = Loaded(rows=int(found.in_scope), linked_to_call=int(found.linked))
    counts = found[4:]
    loaded.skipped = {r: int(n) for r, n in zip(SKIP_REASONS, counts, strict=True) if n}
    return loaded


# A row whose cells need the row-by-row importer fails the statement that reads it
# (`load` then rolls back and returns None); a row with warnings notes them in oc_warned.
# Functions of the session (pg_temp), so that a row pays for either only when it has one.
_ROW_FUNCTIONS = """
CREATE TEMP TABLE oc_warned (row_n bigint, skip text, warnings text) ON COMMIT DROP;
CREATE OR REPLACE FUNCTION pg_temp.oc_refuse(row_n bigint) RETURNS boolean
    LANGUAGE plpgsql AS $body$
BEGIN
    RAISE EXCEPTION USING MESSAGE = 'row ' || row_n || ': for the row-by-row importer';
END $body$;
CREATE OR REPLACE FUNCTION pg_temp.oc_warn(row_n bigint, skip text, warnings text)
    RETURNS text LANGUAGE sql AS $body$
    INSERT INTO oc_warned VALUES (row_n, skip, warnings) RETURNING warnings
$body$;
"""
# The condition that keeps a derived row `d` (or refuses the file).
_ACCEPTED = "CASE WHEN d.bad THEN pg_temp.oc_refuse(d.row_n) ELSE true END"


def _takes_synthetic(session: Session, header: list[str]) -> bool:
    """Whether a code of the file names a synthetic project.

    The row-by-row importer words why such a project may not be taken over. Every row of
    the file is looked at, in scope or not: a skipped row's code found only sends the file
    to the row-by-row path, which gives the same result.
    """
    code = _trimmed_code(header)
    found = session.scalar(
        text(
            "SELECT EXISTS (SELECT 1 FROM oc_raw r JOIN project p ON p.code = "
            + code
            + " WHERE p.is_synthetic)"
        )
    )
    return bool(found)


def _trimmed_code(header: list[str]) -> str:
    """SQL: the staged row r's code, trimmed as the row-by-row importer trims it."""
    return f"btrim({_raw(header, 'code')}, E' \\t\\r\\n')"


def _check_skipped(part: _Part, header: list[str]) -> None:
    """The rows out of scope: checked as the others are, their warnings noted."""
    rows = _rows_sql(header, "c.skip <> ''", part.offset)
    part.reader.execute(
        text(f"SELECT count(d.warnings) FROM ({rows}) d WHERE {_ACCEPTED}"),
        _row_params(),
    )


def _row_params() -> dict[str, Any]:
    return {
        "end_effective": END_EFFECTIVE,
        "end_planned": END_PLANNED,
        "min_day": int(f"{MIN_DATE:%Y%m%d}"),
        "max_day": int(f"{MAX_DATE:%Y%m%d}"),
    }


def _insert(sides: _Sides, loaded: Loaded, batch_id: int, actions_kept: int) -> bool:
    """The rows in scope as new projects: derived by the reader, COPYed into `project`.

    A first import of these codes is the common case, and needs no conflict handling (it
    costs a speculative insertion per row). False, with nothing written, when a code is
    stored already or repeated in the file: the unique index of `project` refuses it, and
    the merge takes over. The ids undo needs are the statement's own: the ids the sequence
    gave out while it ran, when that many rows were inserted (no other session took one
    meanwhile), read from the sequence rather than returned row by row.
    """
    session, parts, header = sides.session, sides.parts, sides.header
    names = ("code", *WRITTEN, "import_batch_id", "is_synthetic")
    types = _column_types(session)
    values = ", ".join(f"d.{c}::{types[c]}" for c in ("code", *WRITTEN))
    derived = _derived(parts, header, f"{values}, :batch, false", {"batch": batch_id})
    attempt = session.begin_nested()
    readings = [part.reader.begin_nested() for part in parts]
    try:
        low = _last_id(session) + 1
        count = pipe(derived, session, f"project ({', '.join(names)})", BYTES_PER_STATEMENT)
        high = _last_id(session)
    except Exception as exc:
        attempt.rollback()
        for reading in readings:
            reading.rollback()
        if _sqlstate(exc) != UNIQUE_VIOLATION:
            raise
        return False
    attempt.commit()
    for reading in readings:
        reading.commit()
    loaded.inserted = int(count)
    if high - low + 1 == count:
        loaded.inserted_ids = array("q", range(low, high + 1))
    else:
        ids = session.scalars(
            text("SELECT id FROM project WHERE import_batch_id = :batch ORDER BY id"),
            {"batch": batch_id},
        )
        loaded.inserted_ids = array("q", (int(i) for i in ids))
    if loaded.skipped:  # the first rows in scope are found among the others
        first: list[int] = []
        for part in parts:
            wanted = {"n": actions_kept - len(first)}
            found = part.reader.execute(text(_rows_in_scope(part, header)), wanted)
            first += [int(row_n) for (row_n,) in found]
    else:  # every row: the records are numbered 1, 2, … across the parts (row 1 is the header)
        first = list(range(2, min(loaded.rows, actions_kept) + 2))
    for row_n in first:
        loaded.actions[row_n] = NEW
    return True


def _derived(
    parts: list[_Part], header: list[str], columns: str, params: dict[str, Any]
) -> list[tuple[Session, str]]:
    """Each part's reader, with its rows in scope as `columns` (of the derived row d)."""
    derived = []
    for part in parts:
        rows = _rows_sql(header, "c.skip = ''", part.offset)
        sql = f"SELECT {columns} FROM ({rows}) d WHERE {_ACCEPTED}"
        derived.append((part.reader, literal_sql(part.reader, sql, {**_row_params(), **params})))
    return derived


# Codes of rows in scope looked up in `project` before the rows are piped: the writer
# learns of a stored code only once the whole file is sent, so a file that updates projects
# (a new export of the same ones) is sent to the merge at once. A stored code the probe
# does not reach still ends in the merge, after a first attempt.
PROBED = 1_000


def _stored_already(reader: Session, header: list[str]) -> bool:
    """Whether one of PROBED codes in scope (the first the scan meets) is stored already.

    Not ordered: a sort would read every staged row (0.26 s at 200,000 rows, measured).
    """
    code = _trimmed_code(header)
    first = (
        f"SELECT {code} FROM oc_raw r JOIN oc_combos c ON {_combo_join(header) or 'true'}"
        " WHERE c.skip = '' LIMIT :n"
    )
    found = reader.scalar(
        text(f"SELECT EXISTS (SELECT 1 FROM project WHERE code = ANY (ARRAY({first})))"),
        {"n": PROBED},
    )
    return bool(found)


def _sqlstate(exc: BaseException) -> str | None:
    """The SQLSTATE of a database error (psycopg's own, or wrapped by SQLAlchemy)."""
    error: BaseException | None = exc
    while error is not None:
        state = getattr(error, "sqlstate", None) or getattr(
            getattr(error, "orig", None), "sqlstate", None
        )
        if state:
            return str(state)
        error = error.__cause__ or error.__context__
    return None


def _column_types(session: Session) -> dict[str, str]:
    """`project`'s columns and their types without modifiers (as binary COPY sends them)."""
    found = session.execute(
        text(
            "SELECT attname, format_type(atttypid, NULL) FROM pg_attribute"
            " WHERE attrelid = 'project'::regclass AND attnum > 0 AND NOT attisdropped"
        )
    )
    return {str(name): str(kind) for name, kind in found}


def _last_id(session: Session) -> int:
    """The last id the sequence of `project` gave out, to any session.

    0 before the first, or when this role may not read it: the range then fails its check,
    never wrongly. Sequences are not transactional: this sees the ids other sessions took too.
    """
    last = session.scalar(
        text(
            "SELECT last_value FROM pg_sequences"
            " WHERE schemaname = current_schema() AND sequencename = 'project_id_seq'"
        )
    )
    return int(last or 0)


def _rows_in_scope(part: _Part, header: list[str]) -> str:
    join = _combo_join(header) or "true"
    return (
        f"SELECT r.n + {_row_base(part.offset)} AS row_n FROM oc_raw r"
        f" JOIN oc_combos c ON {join} WHERE c.skip = '' ORDER BY r.n LIMIT :n"
    )


def _stage_for_merge(sides: _Sides) -> bool:
    """oc_new: the rows in scope as `project` will hold them. False when a code repeats.

    A merge would update a stored row once and let an identical second one pass, so the
    file's codes are checked first (the row-by-row importer words the repeat).
    """
    session, parts, header = sides.session, sides.parts, sides.header
    columns = ("code", *WRITTEN)
    session.execute(
        text(
            "CREATE TEMP TABLE oc_new ON COMMIT DROP AS"
            f" SELECT 0::bigint AS row_n, {', '.join(columns)} FROM project WITH NO DATA"
        )
    )
    types = _column_types(session)
    values = ", ".join(f"d.{c}::{types[c]}" for c in columns)
    derived = _derived(parts, header, f"d.row_n, {values}", {})
    pipe(derived, session, f"oc_new (row_n, {', '.join(columns)})")
    repeated = session.execute(
        text("SELECT 1 FROM oc_new GROUP BY code HAVING count(*) > 1 LIMIT 1")
    ).first()
    return repeated is None


def _report(parts: list[_Part], loaded: Loaded, warnings_kept: int) -> None:
    """The warnings of the file, counted, and the first ones in row order, into `loaded`.

    Each part's reader noted its own; the parts are in file order.
    """
    for part in parts:
        total = part.reader.scalar(
            text(
                "SELECT coalesce(sum(cardinality(string_to_array(warnings, E'\\n'))), 0)"
                " FROM oc_warned"
            )
        )
        loaded.warnings_total += int(total or 0)
        if not total or len(loaded.warnings) >= warnings_kept:
            continue
        for row_n, skip, lines in part.reader.execute(
            text("SELECT row_n, skip, warnings FROM oc_warned ORDER BY row_n LIMIT :n"),
            {"n": warnings_kept},
        ):
            for line in str(lines).split("\n"):
                column, _, message = line.partition(": ")
                note = NOTE_OUTSIDE if skip else ""
                loaded.warnings.append(Problem(int(row_n), column, message + note))
    loaded.warnings = loaded.warnings[:warnings_kept]


def _differs(old: str, new: str) -> str:
    """SQL: a stored project differs from its new values in some written column."""
    left = ", ".join(f"{old}.{c}" for c in WRITTEN)
    right = ", ".join(f"{new}.{c}" for c in WRITTEN)
    return f"({left}) IS DISTINCT FROM ({right})"


def _previous_states(session: Session, limit: int) -> tuple[list[dict[str, Any]], bool]:
    """The rows the merge will change, as undo needs them (or too many to undo)."""
    changing = text(
        "SELECT p.id FROM project p JOIN oc_new n ON n.code = p.code"
        f" WHERE {_differs('p', 'n')}"
        " LIMIT :n"
    )
    ids = [int(i) for i in session.scalars(changing, {"n": limit + 1})]
    if len(ids) > limit:
        return [], False
    states: list[dict[str, Any]] = []
    for start in range(0, len(ids), 1000):
        chunk = ids[start : start + 1000]
        for obj in session.scalars(select(Project).where(Project.id.in_(chunk))):
            states.append(row_state("projects", obj))
    session.expunge_all()
    return states, True


def _merge(session: Session, loaded: Loaded, batch_id: int, actions_kept: int) -> None:
    """oc_new into `project`: new codes inserted, changed rows updated, the rest kept."""
    names = ", ".join(("code", *WRITTEN, "import_batch_id", "is_synthetic"))
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in (*WRITTEN, "import_batch_id"))
    differs = _differs("project", "EXCLUDED")
    session.execute(
        text("CREATE TEMP TABLE oc_merged (id bigint, code text, inserted boolean) ON COMMIT DROP")
    )
    session.execute(
        text(
            f"WITH m AS (INSERT INTO project ({names})"
            f" SELECT code, {', '.join(WRITTEN)}, :batch, false FROM oc_new"
            f" ON CONFLICT (code) DO UPDATE SET {updates} WHERE {differs}"
            " RETURNING id, code, xmax = 0) "
            "INSERT INTO oc_merged SELECT * FROM m"
        ),
        {"batch": batch_id},
    )
    # One read of oc_merged for the counts and the ids undo needs.
    inserted, updated, ids = session.execute(
        text(
            "SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted),"
            " string_agg(id::text, ',' ORDER BY id) FILTER (WHERE inserted)"
            " FROM oc_merged"
        )
    ).one()
    loaded.inserted, loaded.updated = int(inserted), int(updated)
    if ids:
        loaded.inserted_ids = array("q", map(int, str(ids).split(",")))
    # The first rows only are looked up in oc_merged (not every row, then the first kept).
    rows = session.execute(
        text(
            "SELECT n.row_n, m.inserted FROM"
            " (SELECT row_n, code FROM oc_new ORDER BY row_n LIMIT :n) n"
            " LEFT JOIN oc_merged m ON m.code = n.code ORDER BY n.row_n"
        ),
        {"n": actions_kept},
    )
    for row_n, was_inserted in rows:
        action = UNCHANGED if was_inserted is None else (NEW if was_inserted else UPDATED)
        loaded.actions[int(row_n)] = action
